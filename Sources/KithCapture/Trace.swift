import KithTime

/// Someone on one end of a conversation, as a source names them: any of the three may be
/// missing (a calendar attendee often has no name, a chat sender no address).
public struct Participant: Hashable, Sendable {
    public var name: String?
    /// Lowercased.
    public var email: String?
    public var phone: String?

    public init(name: String? = nil, email: String? = nil, phone: String? = nil) {
        self.name = name
        self.email = email
        self.phone = phone
    }
}

/// One conversation a source shows — when, on which channel, with whom — and never its text.
public struct Trace: Hashable, Sendable {
    /// The local day it happened (or will happen).
    public var date: CalendarDate
    /// Kith's channel name: "email", "meeting", "call", "video", "message".
    public var channel: String
    /// Where it was read, as the caller named it (a file's path).
    public var source: String
    /// What makes it the same conversation when the source is read again: a Message-ID, an
    /// event's UID and occurrence.
    public var key: String
    public var from: Participant?
    public var to: [Participant]
    public var cc: [Participant]
    /// The subject or event title; nil when there is none.
    public var subject: String?
    /// Not yet happened (a calendar occurrence today or later): not an interaction, but
    /// something for the brief.
    public var isFuture: Bool

    public init(date: CalendarDate, channel: String, source: String, key: String, from: Participant?,
                to: [Participant], cc: [Participant] = [], subject: String?, isFuture: Bool = false) {
        self.date = date
        self.channel = channel
        self.source = source
        self.key = key
        self.from = from
        self.to = to
        self.cc = cc
        self.subject = subject
        self.isFuture = isFuture
    }
}

/// Something in the input Kith could not read, at the line of the file it starts on (from 1).
public struct CaptureWarning: Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}
