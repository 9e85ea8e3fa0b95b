/// Undo, field by field. A change's inverse (`Graph.inverse(of:)`) holds, for each record the
/// change put, a `Restore` of what it did; taking it back against the newest graph puts back only
/// those fields, so another conversation's later change to the record's other fields stays, and
/// it is refused, naming the field, when a later change touched one of the same fields.
extension Graph {
    /// Why an undo cannot take its change back.
    public struct UndoConflict: Error, Hashable, Sendable {
        /// The record as it is now, or as the change left it when it has been deleted since.
        public var record: Record
        /// The fields a later change set to other values (empty when the record was deleted).
        public var fields: [String]
        /// Whether the record was deleted since.
        public var deleted: Bool
        /// Whether the change being undone added the record.
        public var added: Bool
    }

    /// The operations that take back an undo entry's `inverse` in the graph as it is now: each
    /// `Restore` as the put or delete it comes to here, the other operations as they are.
    /// - Throws: `UndoConflict` for the first record a later change touched where the change did.
    public func resolvingUndo(_ inverse: [Operation]) throws(UndoConflict) -> [Operation] {
        var scratch = self
        var resolved: [Operation] = []
        for operation in inverse {
            let concrete: Operation?
            if case .restore(let restore) = operation {
                concrete = try scratch.checked(restore)
            } else {
                concrete = operation
            }
            guard let concrete else { continue }
            resolved.append(concrete)
            scratch.apply(concrete)
        }
        return resolved
    }

    /// What `restore` comes to now, or nil for nothing left to do; throws when a later change
    /// touched a field the change set.
    private func checked(_ restore: Restore) throws(UndoConflict) -> Operation? {
        let after = restore.after
        let fields = restore.fields
        guard let current = record(after.kind, after.id) else {
            // Already gone: what undoing an addition wants. A modified record deleted since is
            // not brought back half-restored.
            if restore.before == nil { return nil }
            throw UndoConflict(record: after, fields: [], deleted: true, added: false)
        }
        let changed = current.fields(differingFrom: after) ?? fields
        let touched = fields.filter(changed.contains)
        guard touched.isEmpty else {
            throw UndoConflict(record: current, fields: touched, deleted: false, added: restore.before == nil)
        }
        return resolved(restore, current: current)
    }

    /// What `restore` comes to against the record as it is (`current`), unchecked.
    func resolved(_ restore: Restore, current: Record?) -> Operation? {
        guard let before = restore.before else { return .delete(restore.after.kind, restore.after.id) }
        guard let current else { return .put(before) }
        let fields = restore.fields
        guard !fields.isEmpty, let restored = current.replacing(fields, from: before), restored != current else { return nil }
        return .put(restored)
    }
}
