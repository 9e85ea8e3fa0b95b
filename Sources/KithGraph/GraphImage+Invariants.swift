extension GraphImage {
    /// Rebuilds the image from its own records and reports every index that disagrees; empty
    /// when the image is consistent. Costs as much as building the image: for tests.
    public func checkInvariants() -> [String] {
        var builder = Builder()
        allRecords.forEach { builder.add($0) }
        let rebuilt: GraphImage
        do {
            rebuilt = try builder.build()
        } catch {
            return ["image: \(error)"]
        }
        var problems = rowOrderProblems(comparedWith: rebuilt)
        func check(_ name: String, _ same: Bool) { if !same { problems.append("image: \(name)") } }
        check("highest ids", highestIDs == rebuilt.highestIDs)
        check("interaction id index", (0..<interactionsCount).allSatisfy { interactionRow(Int(interactionID[$0])) == $0 })
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

/// The ids of an image's people, for checking that records name people who exist: a bit per id
/// up to the highest when that costs at most a few bits per person, else a binary search.
struct KnownPeople {
    let image: GraphImage
    let highest: Int
    var bits: [UInt64] = []

    init(_ image: GraphImage) {
        self.image = image
        highest = Int(image.personID.max() ?? 0)
        if highest <= 64 * image.peopleCount + 65_536 {
            bits = [UInt64](repeating: 0, count: highest / 64 + 1)
            for id in image.personID { bits[Int(id) / 64] |= 1 << (UInt64(id) % 64) }
        }
    }

    func contains(_ id: Int32) -> Bool {
        guard !bits.isEmpty else { return GraphImage.search(image.personID, Int(id)) != nil }
        return id >= 0 && Int(id) <= highest && bits[Int(id) / 64] & (1 << (UInt64(id) % 64)) != 0
    }
}
