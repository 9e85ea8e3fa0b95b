import KithTime

/// One conversation trace found in a source — a mail, a chat message, a call, a meeting —
/// before it is matched to people.
///
/// Every reader in KithCapture returns these: the mail reader (mbox, Maildir, one message), the
/// chat readers (WhatsApp, SMS Backup & Restore, Telegram) and the calendar reader. The import
/// that comes after matches the participants to people, drops the owner, and logs one
/// interaction per person, day and channel (docs/capture.md).
///
/// - Important: This type is shared between the readers and the import, written on separate
///   branches. Keep it stable: add fields only with a default value, and never change what a
///   field means. The `key` format above all must never change for a source once released —
///   stores keep keys to recognise what they already imported.
///
/// A trace never holds message text. `subject` is the mail's subject (or an event's summary);
/// chat text is only ever hashed into `key`.
public struct Trace: Hashable, Sendable {
    /// How the conversation happened. The raw values are Kith's interaction channels.
    public enum Channel: String, CaseIterable, Hashable, Sendable {
        case email, message, call, video, meeting
    }

    /// Where the trace was read. The raw value starts every `key` from that source.
    public enum Source: String, CaseIterable, Hashable, Sendable {
        case mail, whatsapp, sms, telegram, calendar
    }

    /// Whether the owner sent or received it, when the source says (SMS and call logs, Telegram).
    /// Mail and WhatsApp exports don't say who the owner is: `unknown`, and the import decides by
    /// the owner's own addresses, numbers and name.
    public enum Direction: String, Hashable, Sendable {
        case incoming, outgoing, unknown
    }

    /// The local day it happened on ("time zones only decide the day": an instant is placed in the
    /// caller's zone through `LocalTime`; a chat's wall-clock stamp is taken as written).
    public var date: CalendarDate
    /// Seconds after local midnight (0..<86400), to order the traces of one day — the day's first
    /// mail gives the topic. Nil for all-day events.
    public var time: Int?
    public var channel: Channel
    public var source: Source
    /// The idempotency key: the same message, chat line or occurrence read again — from the same
    /// file or a later export of it — gets the same key, and two different ones get different keys.
    /// Keys start with the source's raw value and a colon, so they are unique across sources:
    ///
    /// | source | key |
    /// | --- | --- |
    /// | mail | `mail:` + the Message-ID without its angle brackets; without one, `mail:#` + a hash of the From, To, Cc, Date and Subject fields |
    /// | whatsapp | `whatsapp:` + `YYYY-MM-DDTHH:MM` (as written) + `\|` + sender + `\|` + a hash of the text |
    /// | sms | `sms:` + epoch ms + `\|` + address + `\|` + type + `\|` + a hash of the body (`sms:mms:…` and `sms:call:…` for MMS and calls) |
    /// | telegram | `telegram:` + chat id + `/` + message id |
    /// | calendar | `calendar:` + UID + `/` + the occurrence's start (see the calendar reader) |
    ///
    /// Hashes are `StableHash` (64-bit FNV-1a, 16 hex digits): the same on every machine and run.
    public var key: String
    /// Who sent it; nil when that is the owner and the source doesn't name them (a sent SMS).
    /// For a meeting, the organiser.
    public var from: Participant?
    /// Whom it went to. For a WhatsApp line, everyone else who wrote in that chat; for a meeting,
    /// the attendees.
    public var to: [Participant]
    public var cc: [Participant]
    public var bcc: [Participant]
    /// The subject as written, RFC 2047 words decoded (an event's summary). Nil for chats.
    public var subject: String?
    /// How the owner took part, when the source says.
    public var direction: Direction
    /// Why this is not a conversation, when it is not one (a mailing list, an auto-reply, a missed
    /// call). The import skips such traces but may count them.
    public var notConversation: NotConversation?
    /// A calendar occurrence still to come (the reader is given "now"): not an interaction, but the
    /// brief shows it. Always false for mail and chats, which record what happened.
    public var isFuture: Bool
    /// The line of the source the trace starts on, from 1 (for a Maildir message, of its file).
    public var line: Int
    /// How long a call or meeting lasted, in seconds, when the source says.
    public var duration: Int?
    /// The file it was read from, when the caller named one (a calendar folder's .ics files:
    /// an event in two of them is one trace, from the last read).
    public var file: String? = nil

    public init(date: CalendarDate, time: Int? = nil, channel: Channel, source: Source, key: String,
                from: Participant? = nil, to: [Participant] = [], cc: [Participant] = [],
                bcc: [Participant] = [], subject: String? = nil, direction: Direction = .unknown,
                notConversation: NotConversation? = nil, isFuture: Bool = false, line: Int,
                duration: Int? = nil) {
        self.date = date
        self.time = time
        self.channel = channel
        self.source = source
        self.key = key
        self.from = from
        self.to = to
        self.cc = cc
        self.bcc = bcc
        self.subject = subject
        self.direction = direction
        self.notConversation = notConversation
        self.isFuture = isFuture
        self.line = line
        self.duration = duration
    }

    /// The subject without its reply and forward prefixes ("Re: Fwd: [team] Lunch" → "Lunch"):
    /// what the import logs as the interaction's topic (`Topic.of`).
    public var topic: String? { subject.flatMap(Topic.of) }

    /// Everyone named on the trace, sender first, then To, Cc and Bcc, in order, repeats kept.
    public var participants: [Participant] { (from.map { [$0] } ?? []) + to + cc + bcc }

    /// Whether the import should log it: a conversation, and not a future occurrence.
    public var isInteraction: Bool { notConversation == nil && !isFuture }
}

/// Someone named on a trace, as the source names them; not yet matched to a person.
///
/// At least one of the four fields is set. Readers normalise what they fill in: `email` is
/// lowercased and trimmed (`Participant.normalize(email:)`), `phone` is E.164 where a country can
/// be inferred (`PhoneNumber.normalize`), else the digits as typed.
public struct Participant: Hashable, Sendable, CustomStringConvertible {
    /// The display name as written, RFC 2047 words decoded, white space runs made one space.
    public var name: String?
    public var email: String?
    public var phone: String?
    /// The source's own stable id for the account, when it has one (Telegram's `user123456`).
    public var account: String?

    /// Stores the values as given, except that `email` is normalised and empty strings are nil.
    public init(name: String? = nil, email: String? = nil, phone: String? = nil, account: String? = nil) {
        self.name = name.flatMap { $0.isEmpty ? nil : $0 }
        self.email = email.flatMap(Participant.normalize(email:))
        self.phone = phone.flatMap { $0.isEmpty ? nil : $0 }
        self.account = account.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// An address as Kith compares them: trimmed, angle brackets and `mailto:` gone, lowercased
    /// (local parts are case-sensitive by the letter of RFC 5321, never in practice). Nil when
    /// nothing is left or it has no `@` with text on both sides.
    public static func normalize(email: String) -> String? {
        var email = email
        return email.withUTF8 { normalize(email: $0) }
    }

    /// `normalize(email:)` on UTF-8 bytes: mail is read as bytes, and this runs for every address of
    /// every message.
    static func normalize(email bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var start = 0
        var end = bytes.count
        func trim() {
            while start < end, bytes[start] <= 0x20 { start += 1 }
            while end > start, bytes[end - 1] <= 0x20 { end -= 1 }
        }
        trim()
        if end - start >= 2, bytes[start] == 0x3C, bytes[end - 1] == 0x3E {
            start += 1
            end -= 1
            trim()
        }
        if end - start > 7, zip(bytes[start..<(start + 7)], "mailto:".utf8).allSatisfy({ $0.asciiLowercased == $1 }) {
            start += 7
        }
        var at = -1
        var ascii = true
        for i in start..<end {
            let byte = bytes[i]
            if byte == 0x20 || byte == 0x09 { return nil }
            if byte == 0x40 { at = i }
            if byte >= 0x80 { ascii = false }
        }
        guard at > start, at < end - 1 else { return nil }
        guard ascii else { return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self).lowercased() }
        return String(unsafeUninitializedCapacity: end - start) { out in
            for i in start..<end { out[i - start] = bytes[i].asciiLowercased }
            return end - start
        }
    }

    /// The name, else the address, else the number, else the account.
    public var description: String { name ?? email ?? phone ?? account ?? "?" }
}

/// Why a trace is not a conversation with the people on it.
public enum NotConversation: Hashable, Sendable, CustomStringConvertible {
    /// Mail to a mailing list (`List-Id`) or a newsletter (`List-Unsubscribe`).
    case mailingList
    /// `Precedence: bulk`, `junk` or `list`.
    case bulk
    /// Sent by a program: `Auto-Submitted` other than `no`.
    case automatic
    /// An out-of-office or other automatic reply (`X-Autoreply`, `X-Autorespond`, an "Automatic
    /// reply:" subject).
    case autoReply
    /// From an address nobody reads (`noreply@`, `mailer-daemon@`, `notifications@`, …;
    /// `MailRules.noReplyLocalParts`).
    case noReplySender
    /// A call that was missed, rejected or blocked (no duration).
    case missedCall
    /// A draft, or a text that was never sent (SMS outbox, failed, queued).
    case notSent

    public var description: String {
        switch self {
        case .mailingList: return "mailing list"
        case .bulk: return "bulk mail"
        case .automatic: return "sent automatically"
        case .autoReply: return "automatic reply"
        case .noReplySender: return "no-reply sender"
        case .missedCall: return "missed call"
        case .notSent: return "not sent"
        }
    }
}

/// Something wrong in the input — a broken message, a line in no layout Kith knows, a bad date.
/// What it is about is skipped; the rest of the input is still read. Never an error thrown.
public struct CaptureWarning: Hashable, Sendable, CustomStringConvertible {
    /// The line it is about, from 1.
    public var line: Int
    /// Lowercase and specific: "message has no Date field; skipped".
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}

/// What a reader found in one input: its traces in input order, and the warnings in line order.
public struct CaptureResult: Hashable, Sendable {
    public var format: CaptureFormat
    public var traces: [Trace]
    public var warnings: [CaptureWarning]

    public init(format: CaptureFormat, traces: [Trace] = [], warnings: [CaptureWarning] = []) {
        self.format = format
        self.traces = traces
        self.warnings = warnings
    }

    mutating func warn(_ line: Int, _ message: String) {
        warnings.append(CaptureWarning(line: line, message: message))
    }
}
