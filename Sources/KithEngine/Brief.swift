import KithGraph
import KithTime

/// The day on one page (`kith today`, "what's up today"): what is due, who is waiting, what is
/// on. Made by `Conversation.brief()` from the graph and the conversation's day; the rules are in
/// docs/brief.md. Each section is a list, empty when there is nothing in it, and shown only when
/// it is not.
public struct Brief: Hashable, Sendable {
    /// A birthday today or in the next 7 days.
    public struct Birthday: Hashable, Sendable {
        /// The day it falls on: a 29 February birthday falls on 28 February in a common year.
        public var date: CalendarDate
        public var person: String
        /// The age they reach, when the birth year is known.
        public var turns: Int?
        /// Born on 29 February and kept on 28 February this year.
        public var movedFromLeapDay: Bool
    }

    /// An open reminder due on the day or before it.
    public struct DueReminder: Hashable, Sendable {
        public var id: RecordID
        public var due: CalendarDate
        public var text: String
        public var person: String?
        public var recurrence: String?
    }

    /// Someone silent for longer than their cadence (docs/keeping-in-touch.md).
    public struct OverduePerson: Hashable, Sendable {
        public var person: String
        /// Days since the last conversation, or since they were added when there was none.
        public var daysSilent: Int
        /// The day of the last conversation; nil when you have never talked.
        public var lastContact: CalendarDate?
        public var cadenceDays: Int
    }

    /// A meeting the day before with people you have written nothing about since.
    public struct FollowUp: Hashable, Sendable {
        public var date: CalendarDate
        /// The people at the meeting still without a note (full names).
        public var people: [String]
        public var channel: String
        public var topic: String?
    }

    /// A meeting on the calendar for the day.
    public struct Meeting: Hashable, Sendable {
        public var uid: String
        public var title: String
        public var people: [String]
        public var channel: String?
    }

    public var day: CalendarDate
    public var birthdays: [Birthday] = []
    public var reminders: [DueReminder] = []
    public var overdue: [OverduePerson] = []
    public var followUps: [FollowUp] = []
    public var meetings: [Meeting] = []

    public init(day: CalendarDate) {
        self.day = day
    }

    /// Nothing in any section: `kith today --quiet` prints nothing.
    public var isEmpty: Bool {
        birthdays.isEmpty && reminders.isEmpty && overdue.isEmpty && followUps.isEmpty && meetings.isEmpty
    }
}

/// A meeting on the calendar, as the store's `event` records will hold it (one occurrence of a
/// calendar entry: its id, the calendar's uid, the day, a title, the people, the channel).
public struct CalendarEvent: Hashable, Sendable {
    public var id: RecordID
    public var uid: String
    public var date: CalendarDate
    public var title: String
    public var people: [RecordID]
    public var channel: String?

    public init(id: RecordID, uid: String, date: CalendarDate, title: String, people: [RecordID], channel: String? = nil) {
        self.id = id
        self.uid = uid
        self.date = date
        self.title = title
        self.people = people
        self.channel = channel
    }
}

/// Where the brief finds the day's meetings.
public protocol CalendarSource {
    /// The events on `day`, in the order to show them.
    func events(on day: CalendarDate) -> [CalendarEvent]
}
