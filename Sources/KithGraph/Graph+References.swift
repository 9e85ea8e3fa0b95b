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
            switch operation {
            case .put(let record):
                if case .person = record { personExists[record.id] = true }
                finalRecords[record.kind, default: [:]][record.id] = .some(record)
            case .delete(let kind, let id):
                if kind == .person { personExists[id] = false }
                finalRecords[kind, default: [:]][id] = .some(nil)
            case .setOwner, .pushUndo, .popUndo:
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
            switch record {
            case .person:
                break
            case .interaction(let interaction):
                for person in interaction.people where !exists(person) {
                    problems.append("interaction \(interaction.id) names person \(person), who does not exist")
                }
            case .relation(let relation):
                for person in [relation.person, relation.other] where person != ownerID && !exists(person) {
                    problems.append("relation \(relation.id) names person \(person), who does not exist")
                }
            case .reminder(let reminder):
                if let person = reminder.person, !exists(person) {
                    problems.append("reminder \(reminder.id) names person \(person), who does not exist")
                }
            }
        }
        // Records the change writes.
        for kind in [RecordKind.interaction, .relation, .reminder] {
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
            for reminder in reminders.values.sorted(by: { $0.id < $1.id })
            where reminder.person == person && finalRecords[.reminder]?[reminder.id] == nil {
                referring.append(.reminder(reminder))
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
    public func keepsStoreRules(largestID: Int, largestCadence: Int) -> Bool {
        guard image.keepsStoreRules(largestCadence: largestCadence) else { return false }
        let ids = 1...largestID
        func known(_ person: RecordID) -> Bool { people[person] != nil }
        for person in people.changedRecords {
            guard ids.contains(person.id) else { return false }
            if let days = person.cadenceDays, !(1...largestCadence).contains(days) { return false }
        }
        for interaction in interactions.changedRecords {
            guard ids.contains(interaction.id), interaction.people.allSatisfy(known) else { return false }
        }
        for relation in relations.changedRecords {
            guard ids.contains(relation.id) else { return false }
            for person in [relation.person, relation.other] where person != ownerID && !known(person) { return false }
        }
        for reminder in reminders.changedRecords {
            guard ids.contains(reminder.id) else { return false }
            if let person = reminder.person, !known(person) { return false }
        }
        // The image's records named only image people (checked above); those people may have
        // been deleted since.
        for (id, change) in people.changes where change == nil {
            for row in image.interactionRows(of: id) where interactions.isLive(row: Int(row)) { return false }
            for row in image.relationRows(of: id) where relations.isLive(row: Int(row)) { return false }
            for row in 0..<image.reminderCount where image.reminderPerson[row] == Int64(id) && reminders.isLive(row: row) {
                return false
            }
        }
        return true
    }
}
