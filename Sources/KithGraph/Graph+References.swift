extension Graph {
    /// What applying `operations` would leave pointing at nobody: an interaction, relation or
    /// reminder that names a person who does not exist (the owner, id 0, always exists in a
    /// relation). Empty when the change keeps every reference good.
    ///
    /// Only the records the operations put and the people they delete are looked at, so a
    /// commit pays for its own change, not for the size of the graph. Undo entries are history
    /// and are not checked.
    /// - Complexity: O(k + d) for k operations and d records referring to deleted people (plus a
    ///   scan of the reminders when a person is deleted).
    public func danglingReferences(after operations: [Operation]) -> [String] {
        // The net effect of the operations, in order, as overlays on the graph.
        var personExists: [RecordID: Bool] = [:]
        var finalRecords: [RecordKind: [RecordID: Record?]] = [:]
        for operation in operations {
            var operation = operation
            if case .restore(let restore) = operation {
                // What it comes to where the operations before it leave the record.
                let kind = restore.before.kind, id = restore.before.id
                guard let concrete = Self.resolved(restore, current: finalRecords[kind]?[id] ?? record(kind, id)) else { continue }
                operation = concrete
            }
            switch operation {
            case .put(let record):
                if case .person = record { personExists[record.id] = true }
                finalRecords[record.kind, default: [:]][record.id] = .some(record)
            case .delete(let kind, let id):
                if kind == .person { personExists[id] = false }
                finalRecords[kind, default: [:]][id] = .some(nil)
            case .setOwner, .pushUndo, .popUndo, .restore:
                continue
            }
        }
        func exists(_ id: RecordID) -> Bool { personExists[id] ?? (people[id] != nil) }
        /// The record as it will be after the operations, or nil when it won't exist.
        func final(_ kind: RecordKind, _ id: RecordID) -> Record? {
            if let overlay = finalRecords[kind]?[id] { return overlay }
            return record(kind, id)
        }

        var problems: [String] = []
        func check(_ record: Record) {
            for person in record.namedPeople where !exists(person) {
                problems.append("\(record.kind) \(record.id) names person \(person), who does not exist")
            }
        }
        // Records the change writes.
        for kind in RecordKind.allCases where kind != .person {
            for record in (finalRecords[kind] ?? [:]).sorted(by: { $0.key < $1.key }).compactMap(\.value) {
                check(record)
            }
        }
        // Records already there that refer to people the change deletes.
        for (person, alive) in personExists.sorted(by: { $0.key < $1.key }) where !alive && people[person] != nil {
            var referring: [Record] = []
            for interaction in interactions(of: person) where finalRecords[.interaction]?[interaction.id] == nil {
                if let record = final(.interaction, interaction.id) { referring.append(record) }
            }
            for relation in relations(of: person) where finalRecords[.relation]?[relation.id] == nil {
                if let record = final(.relation, relation.id) { referring.append(record) }
            }
            // Kinds without a per-person index are looked through whole.
            for kind in RecordKind.allCases where ![.person, .interaction, .relation].contains(kind) {
                for record in records(kind).sorted(by: { $0.id < $1.id })
                where record.namedPeople.contains(person) && finalRecords[kind]?[record.id] == nil {
                    referring.append(record)
                }
            }
            referring.forEach(check)
        }
        return problems
    }
}

extension Graph {
    /// Whether every record keeps the rules a store's records must keep (docs/store-format.md,
    /// "Validation"), answered without building the records: the image as
    /// `GraphImage.keepsStoreRules` checks it, each record changed since on its own, and the
    /// image's records that name a person deleted since. Ids are unique by construction (the
    /// image's, and the changes, which are keyed by id). The undo log is the caller's to check.
    ///
    /// It answers only yes or no: a writer checks this before replacing a snapshot, and on a no
    /// builds the records to name the problem.
    /// - Complexity: the image's check, plus O(c log n) for c changed records and the image
    ///   records that name the people deleted since.
    public func keepsStoreRules(largestID: Int) -> Bool {
        guard image.keepsStoreRules() else { return false }
        let ids = 1...largestID
        func keeps(_ record: Record) -> Bool {
            ids.contains(record.id) && record.valueProblem == nil && record.namedPeople.allSatisfy { people[$0] != nil }
        }
        for kind in RecordKind.allCases {
            guard changedRecords(kind).allSatisfy(keeps) else { return false }
        }
        // The image's records named only image people (checked above); those people may have
        // been deleted since.
        var deleted: Set<Int32> = []
        for (id, change) in people.changes where change == nil {
            if let id = Int32(exactly: id) { deleted.insert(id) }
        }
        return deleted.isEmpty || !image.anyLiveRecord(naming: deleted, in: self)
    }
}
