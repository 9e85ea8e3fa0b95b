@_exported import KithText
import KithTime

/// Ids are small integers, unique within their record kind and never reused while a record
/// holds them. Names change; ids do not.
public typealias RecordID = Int

/// In a relation, the owner of the store ("me") is this id.
public let ownerID: RecordID = 0

// The records themselves — Person, Interaction, Relation, Reminder, Owner, UndoEntry, Note,
// `RecordKind` and `Record` — are declared in schema/store.schema and generated into this module
// when it builds (docs/schema.md).

extension Person {
    public var firstName: String { String(name.split(separator: " ").first ?? Substring(name)) }
}

/// The smallest unit of change. Every operation is idempotent (a put is an upsert by id), so
/// replaying a journal twice yields the same graph as replaying it once.
public enum Operation: Hashable, Sendable {
    case put(Record)
    case delete(RecordKind, RecordID)
    case setOwner(Owner)
    case pushUndo(UndoEntry)
    case popUndo(RecordID)
    /// Puts back the fields a change set in one record (see `Restore`): what an undo entry holds
    /// for a record the change modified.
    case restore(Restore)
}

/// What a change did to a record it modified, so that undo can take back exactly that: the
/// fields it set, and the record as it was before. Taking it back puts those fields' earlier
/// values into the record as it is now, so another change to its other fields stays; it is
/// refused when a later change in the undo log touched one of the same fields
/// (`Graph.resolvingUndo`).
public struct Restore: Hashable, Sendable {
    /// The record as it was before the change.
    public var before: Record
    /// The keys of the fields the change set, in declaration order.
    public var fields: [String]

    public init(before: Record, fields: [String]) {
        self.before = before
        self.fields = fields
    }
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
