/// Which clock a time is on.
enum Clock {
    /// A DATE, or a DATE-TIME with no zone: the same wall time wherever the user is.
    case floating
    case utc
    case zone(ZoneRules)
}

/// A DATE or DATE-TIME with its zone looked up.
struct EventTime {
    /// On `clock`; a DATE is its day's midnight.
    var wall: Seconds
    var isDate: Bool
    var clock: Clock

    var day: Int { wall.floorDiv(86_400) }

    /// The instant, for a time on UTC or a zone's clock; nil for a floating time or a DATE.
    var utc: Seconds? {
        switch clock {
        case .floating: return nil
        case .utc: return wall
        case .zone(let zone): return zone.utc(fromWall: wall)
        }
    }

    /// This time on `frame`'s clock, to compare it with `frame`'s occurrences: a DATE frame
    /// compares days (this time's own wall day), an instant is moved onto the frame's zone,
    /// and anything else keeps its wall time.
    func wall(on frame: EventTime) -> Seconds {
        if frame.isDate { return day * 86_400 }
        guard let instant = utc else { return wall }
        switch frame.clock {
        case .floating: return wall
        case .utc: return instant
        case .zone(let zone): return zone.wall(fromUTC: instant)
        }
    }
}

/// Why an event, or one occurrence of it, is not a conversation.
public enum SkipReason: String, Hashable, Sendable {
    /// STATUS:CANCELLED, or the file is a cancellation (METHOD:CANCEL).
    case cancelled
    /// TRANSP:TRANSPARENT: the event does not block time (Google's all-day events, reminders).
    case free
    /// One of the owner's addresses declined it.
    case declined
}

/// An event, or an overridden occurrence, that was read but is not a conversation.
public struct SkippedEvent: Hashable, Sendable {
    public var source: String
    /// The line its BEGIN:VEVENT is on.
    public var line: Int
    public var uid: String
    public var reason: SkipReason
}

/// What every occurrence of an event shares: the trace it makes, less its day and key.
struct Occasion {
    var channel: Trace.Channel
    var subject: String?
    var from: Participant?
    var to: [Participant]
    var cc: [Participant]
}

/// One VEVENT, read and resolved: a series (with its rules) or an overridden occurrence (with a
/// RECURRENCE-ID).
struct CalendarEvent {
    var source: String
    var line: Int
    var uid: String
    var start: EventTime
    var recurrenceID: EventTime?
    var rules: [RecurrenceRule]
    var exceptions: [EventTime]
    var extraDates: [EventTime]
    var sequence: Int
    var occasion: Occasion
    var skip: SkipReason?
}
