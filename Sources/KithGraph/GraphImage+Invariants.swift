extension GraphImage {
    /// Every record in the image, as the operations that would rebuild it.
    public var records: (people: [Person], interactions: [Interaction], relations: [Relation], reminders: [Reminder]) {
        ((0..<peopleCount).map(person(at:)), (0..<interactionCount).map(interaction(at:)),
         (0..<relationCount).map(relation(at:)), (0..<reminderCount).map(reminder(at:)))
    }

    /// Rebuilds the image from its own records and reports every index that disagrees; empty
    /// when the image is consistent. Costs as much as building the image: for tests.
    public func checkInvariants() -> [String] {
        var builder = Builder()
        let (people, interactions, relations, reminders) = records
        people.forEach { builder.add($0) }
        interactions.forEach { builder.add($0) }
        relations.forEach { builder.add($0) }
        reminders.forEach { builder.add($0) }
        let rebuilt: GraphImage
        do {
            rebuilt = try builder.build()
        } catch {
            return ["image: \(error)"]
        }
        var problems: [String] = []
        func check(_ name: String, _ same: Bool) { if !same { problems.append("image: \(name)") } }
        check("people order", people.map(\.id) == (0..<rebuilt.peopleCount).map { Int(rebuilt.personID[$0]) })
        check("interaction order", interactions.map(\.id) == (0..<rebuilt.interactionCount).map { Int(rebuilt.interactionID[$0]) })
        check("relation order", relations.map(\.id) == (0..<rebuilt.relationCount).map { Int(rebuilt.relationID[$0]) })
        check("reminder order", reminders.map(\.id) == (0..<rebuilt.reminderCount).map { Int(rebuilt.reminderID[$0]) })
        check("highest ids", highestIDs == rebuilt.highestIDs)
        check("interaction id index", (0..<interactionCount).allSatisfy { interactionRow(Int(interactionID[$0])) == $0 })
        check("people by name", Array(peopleByName) == Array(rebuilt.peopleByName))
        check("interactions by person", postings(personInteractions) == rebuilt.postings(rebuilt.personInteractions))
        check("relations by person", postings(personRelations) == rebuilt.postings(rebuilt.personRelations))
        check("name keys", table(nameIndex, flags: nameFlags) == rebuilt.table(rebuilt.nameIndex, flags: rebuilt.nameFlags))
        check("name keys beyond ASCII", Array(nameKeysBeyondASCII) == Array(rebuilt.nameKeysBeyondASCII))
        check("tag keys", table(tagIndex) == rebuilt.table(rebuilt.tagIndex))
        check("organisation keys", table(orgIndex) == rebuilt.table(rebuilt.orgIndex))
        check("place keys", table(placeIndex) == rebuilt.table(rebuilt.placeIndex))
        return problems
    }

    private func postings(_ index: Postings<Int32>) -> [[Int32]] {
        index.keys.indices.map { k in [index.keys[k]] + (Int(index.start[k])..<Int(index.start[k + 1])).map { Int32(index.rows[$0]) } }
    }

    private func table(_ table: KeyTable, flags: UnsafeBufferPointer<UInt8>? = nil) -> [String] {
        table.keys.indices.map { k in
            key(k, in: table) + ":" + table.rowRange(ofKey: k).map { "\(table.rows[$0])/\(flags?[$0] ?? 0)" }.joined(separator: ",")
        }
    }
}
