/// Undo, field by field. A change's inverse (`Graph.inverse(of:)`) holds, for each record the
/// change modified, a `Restore` of the fields it set and their earlier values; for a record it
/// added, its deletion; for one it deleted, the record. Every change leaves an entry in the undo
/// log, so the entries after an undo's own say what later changes touched: taking the change back
/// puts back only its fields, so a later change to the record's other fields stays, and it is
/// refused, naming the fields, when a later change touched one of the same ones.
extension Graph {
    /// Why an undo cannot take its change back.
    public struct UndoConflict: Error, Hashable, Sendable {
        /// The record as it is now (as it was before the change, if it has been deleted since).
        public var record: Record
        /// The fields both the change and a later one set; empty when the record was deleted.
        public var fields: [String]
        /// Whether the record was deleted since.
        public var deleted: Bool
        /// Whether the change being undone added the record.
        public var added: Bool
    }

    /// The operations that take back `entry`'s change in the graph as it is now: each `Restore`
    /// as the put it comes to here, the other operations as they are.
    /// - Throws: `UndoConflict` for the first record a later change in the undo log touched where
    ///   this one did.
    public func resolvingUndo(_ entry: UndoEntry) throws(UndoConflict) -> [Operation] {
        // What the changes after this one touched: fields by record, nil for the whole record.
        var touched: [RecordKind: [RecordID: Set<String>?]] = [:]
        for later in undoLog.drop(while: { $0.id != entry.id }).dropFirst() {
            for operation in later.inverse {
                switch operation {
                case .restore(let restore):
                    let kind = restore.before.kind, id = restore.before.id
                    if let fields = touched[kind]?[id] {
                        touched[kind]![id] = fields.map { $0.union(restore.fields) }
                    } else {
                        touched[kind, default: [:]][id] = .some(Set(restore.fields))
                    }
                case .put(let record):  // it deleted the record, or is an entry of before undo went by field
                    touched[record.kind, default: [:]][record.id] = .some(nil)
                case .delete(let kind, let id):  // it added the record
                    touched[kind, default: [:]][id] = .some(nil)
                case .setOwner, .pushUndo, .popUndo:
                    continue
                }
            }
        }
        func laterTouched(_ kind: RecordKind, _ id: RecordID, _ fields: [String]) -> [String]? {
            guard let entry = touched[kind]?[id] else { return nil }
            guard let set = entry else { return fields }
            let both = fields.filter(set.contains)
            return both.isEmpty ? nil : both
        }

        var scratch = self
        var resolved: [Operation] = []
        for operation in entry.inverse {
            var concrete: Operation? = operation
            switch operation {
            case .restore(let restore):
                let kind = restore.before.kind, id = restore.before.id
                guard let current = scratch.record(kind, id) else {
                    throw UndoConflict(record: restore.before, fields: [], deleted: true, added: false)
                }
                if let fields = laterTouched(kind, id, restore.fields) {
                    throw UndoConflict(record: current, fields: fields, deleted: false, added: false)
                }
                concrete = Self.resolved(restore, current: current)
            case .delete(let kind, let id):
                // The change added the record; a later change to it would go with it.
                if let current = scratch.record(kind, id), let fields = laterTouched(kind, id, kind.fieldNames) {
                    throw UndoConflict(record: current, fields: fields, deleted: false, added: true)
                }
            default:
                break
            }
            guard let concrete else { continue }
            resolved.append(concrete)
            scratch.apply(concrete)
        }
        return resolved
    }

    /// The put a restore comes to against the record as it is (`current`), unchecked; nil when
    /// there is nothing to put back.
    static func resolved(_ restore: Restore, current: Record?) -> Operation? {
        guard let current, let restored = current.replacing(restore.fields, from: restore.before), restored != current else {
            return nil
        }
        return .put(restored)
    }
}
