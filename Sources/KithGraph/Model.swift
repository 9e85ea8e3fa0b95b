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
    /// Takes back what a change did to one record, field by field (see `Restore`). Undo entries
    /// hold these; `undo` checks them against the newest state and commits what they resolve to.
    case restore(Restore)
}

/// What a change did to one record, so that undo can take back exactly that: the fields in
/// which `after` (the record as the change left it) differs from `before` (as it was), or the
/// whole record when the change added it (`before` is nil). Taking it back puts those fields'
/// values from `before` into the record as it is now — another change to its other fields stays
/// — and is refused when a later change touched one of them (`Graph.resolvingUndo`).
public struct Restore: Hashable, Sendable {
    public var after: Record
    public var before: Record?

    public init(after: Record, before: Record?) {
        self.after = after
        self.before = before
    }

    /// The keys of the fields the change set (every field, for a record it added).
    public var fields: [String] {
        guard let before else { return after.kind.fieldNames }
        return after.fields(differingFrom: before) ?? after.kind.fieldNames
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
