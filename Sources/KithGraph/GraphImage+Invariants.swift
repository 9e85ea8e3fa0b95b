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

extension GraphImage {
    /// Whether the image keeps the rules a store's records must keep (docs/store-format.md,
    /// "Validation"): ids of 1 or more, cadences of 1 to `largestCadence` days, and every
    /// person an interaction, relation or reminder names in the image (a relation may also name
    /// the owner). Ids are unique by construction; `Builder.addedRecords` tells whether any
    /// repeated. A store reader uses this to accept a document without building its records; it
    /// answers only yes or no, so the reader falls back to the path that names the problem.
    /// - Complexity: O(n + p) for n references to p people with ids up to about 64p (they
    ///   usually are), else O(n log p).
    public func keepsStoreRules(largestCadence: Int) -> Bool {
        func positive(_ ids: UnsafeBufferPointer<Int32>) -> Bool { ids.allSatisfy { $0 >= 1 } }
        guard positive(personID), positive(interactionID), positive(relationID), positive(reminderID) else { return false }
        guard personCadence.allSatisfy({ $0 == .min || (1...Int64(largestCadence)).contains($0) }) else { return false }
        // Millions of references: a bit per id up to the highest when
        // that costs at most a few bits per person, else a binary search for each.
        let highest = Int(personID.max() ?? 0)
        var bits: [UInt64] = []
        if highest <= 64 * peopleCount + 65_536 {
            bits = [UInt64](repeating: 0, count: highest / 64 + 1)
            for id in personID { bits[Int(id) / 64] |= 1 << (UInt64(id) % 64) }
        }
        func known(_ id: Int32) -> Bool {
            guard !bits.isEmpty else { return Self.search(personID, Int(id)) != nil }
            return id >= 0 && Int(id) <= highest && bits[Int(id) / 64] & (1 << (UInt64(id) % 64)) != 0
        }
        guard participants.allSatisfy(known) else { return false }
        for row in 0..<relationCount {
            for person in [relationPerson[row], relationOther[row]] where Int(person) != ownerID && !known(person) {
                return false
            }
        }
        return reminderPerson.allSatisfy { $0 == .min || (Int32(exactly: $0).map(known) ?? false) }
    }
}
