@_exported import KithText
import KithTime

/// Ids are small integers, unique within their record kind and never reused while a record
/// holds them. Names change; ids do not.
public typealias RecordID = Int

/// In a relation, the owner of the store ("me") is this id.
public let ownerID: RecordID = 0

/// Someone the user knows.
public struct Person: Hashable, Sendable {
    public var id: RecordID
    public var name: String
    public var aliases: [String] = []
    /// Lowercase singular tags ("client", "inner circle").
    public var tags: [String] = []
    public var org: String?
    public var title: String?
    public var place: String?
    public var email: String?
    public var phone: String?
    public var birthday: MonthDay?
    public var howMet: String?
    /// How often the user wants to be in touch, in days (nil: the default for their circle).
    public var cadenceDays: Int?
    public var notes: [Note] = []
    /// The day this person was added to the store.
    public var added: CalendarDate?

    public init(id: RecordID, name: String) {
        self.id = id
        self.name = name
    }

    public var firstName: String { String(name.split(separator: " ").first ?? Substring(name)) }
}

/// A dated note about a person ("has two kids").
public struct Note: Hashable, Sendable {
    public var date: CalendarDate
    public var text: String

    public init(date: CalendarDate, text: String) {
        self.date = date
        self.text = text
    }
}

/// A conversation or meeting: on one day, with one or more people, over one channel.
public struct Interaction: Hashable, Sendable {
    public var id: RecordID
    public var date: CalendarDate
    public var people: [RecordID]
    /// talk, call, meeting, message, email, video, …
    public var channel: String
    public var topic: String?

    public init(id: RecordID, date: CalendarDate, people: [RecordID], channel: String, topic: String? = nil) {
        self.id = id
        self.date = date
        self.people = people
        self.channel = channel
        self.topic = topic
    }
}

/// "`person` is `other`'s `kind`": Diane (person) is Bob's (other) wife (kind).
/// Either side may be the owner (`ownerID`): "Diane introduced me to Bob" is Diane is my introducer.
public struct Relation: Hashable, Sendable {
    public var id: RecordID
    public var person: RecordID
    public var kind: String
    public var other: RecordID

    public init(id: RecordID, person: RecordID, kind: String, other: RecordID) {
        self.id = id
        self.person = person
        self.kind = kind
        self.other = other
    }
}

/// Something to do by a day, maybe about a person.
public struct Reminder: Hashable, Sendable {
    public var id: RecordID
    public var due: CalendarDate
    public var person: RecordID?
    public var text: String
    public var done: Bool = false
    /// nil, or "yearly", "monthly", "weekly", "every N days".
    public var recurrence: String?

    public init(id: RecordID, due: CalendarDate, person: RecordID?, text: String) {
        self.id = id
        self.due = due
        self.person = person
        self.text = text
    }
}

/// The user the store belongs to.
public struct Owner: Hashable, Sendable {
    public var name: String?

    public init(name: String? = nil) {
        self.name = name
    }
}

/// A change the user can take back: the operations that restore the state before it.
public struct UndoEntry: Hashable, Sendable {
    public var id: RecordID
    /// What the change did, in the words of its confirmation ("added Diane Smith").
    public var summary: String
    public var inverse: [Operation]

    public init(id: RecordID, summary: String, inverse: [Operation]) {
        self.id = id
        self.summary = summary
        self.inverse = inverse
    }
}

public enum RecordKind: String, Hashable, Sendable, CaseIterable {
    case person, interaction, relation, reminder

    /// The kind's position in `allCases`.
    var slot: Int {
        switch self {
        case .person: 0
        case .interaction: 1
        case .relation: 2
        case .reminder: 3
        }
    }
}

/// One record, as written to the store.
public enum Record: Hashable, Sendable {
    case person(Person)
    case interaction(Interaction)
    case relation(Relation)
    case reminder(Reminder)

    public var kind: RecordKind {
        switch self {
        case .person: return .person
        case .interaction: return .interaction
        case .relation: return .relation
        case .reminder: return .reminder
        }
    }

    public var id: RecordID {
        switch self {
        case .person(let r): return r.id
        case .interaction(let r): return r.id
        case .relation(let r): return r.id
        case .reminder(let r): return r.id
        }
    }
}

/// The smallest unit of change. Every operation is idempotent (a put is an upsert by id), so
/// replaying a journal twice yields the same graph as replaying it once.
public enum Operation: Hashable, Sendable {
    case put(Record)
    case delete(RecordKind, RecordID)
    case setOwner(Owner)
    case pushUndo(UndoEntry)
    case popUndo(RecordID)
}

/// A change a command wants to make, with the one-line confirmation the user will see.
public struct Change: Hashable, Sendable {
    public var summary: String
    public var operations: [Operation]
    /// Whether `undo` can take this change back (undo itself cannot be undone).
    public var undoable: Bool

    public init(summary: String, operations: [Operation], undoable: Bool = true) {
        self.summary = summary
        self.operations = operations
        self.undoable = undoable
    }
}
