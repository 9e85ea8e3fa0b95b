/// The records of one kind in a graph, looked up by id: those of the graph's image, overlaid
/// with the changes made since (a changed record replaces the image's, a deleted one hides it).
///
/// It reads like the dictionary it replaces (`people[id]`, `count`, `keys`, `values`), but a
/// lookup builds the record from the image's columns, so hold on to a record rather than
/// looking it up again in a loop.
public struct RecordTable<Element: StoredRecord>: Sendable {
    let image: GraphImage
    /// Records put since the image (`.some`) and deletions of the image's records (`.none`).
    private(set) var changes: [RecordID: Element?] = [:]
    public private(set) var count: Int

    init(image: GraphImage) {
        self.image = image
        count = Element.count(in: image)
    }

    /// - Complexity: O(1) for a changed record; O(log n) for one in the image.
    public subscript(id: RecordID) -> Element? {
        if let change = changes[id] { return change }
        return Element.row(of: id, in: image).map { Element.record(at: $0, in: image) }
    }

    public var isEmpty: Bool { count == 0 }

    /// Whether the image's record with this id is replaced or deleted by a change.
    func isShadowed(_ id: RecordID) -> Bool { changes[id] != nil }

    /// Whether the image's row `row` is still a record of this table.
    func isLive(row: Int) -> Bool { changes.isEmpty || changes[Element.id(at: row, in: image)] == nil }

    /// Records changed since the image, live ones only.
    var changedRecords: some Sequence<Element> { changes.values.lazy.compactMap { $0 } }

    /// Every id, image records first (in image order), then changed ones.
    public var keys: [RecordID] {
        var ids: [RecordID] = []
        ids.reserveCapacity(count)
        for row in 0..<Element.count(in: image) {
            let id = Element.id(at: row, in: image)
            if changes[id] == nil { ids.append(id) }
        }
        for (id, change) in changes where change != nil { ids.append(id) }
        return ids
    }

    /// Every record, image records first (in image order), then changed ones.
    public var values: [Element] {
        var records: [Element] = []
        records.reserveCapacity(count)
        for row in 0..<Element.count(in: image) where isLive(row: row) {
            records.append(Element.record(at: row, in: image))
        }
        records.append(contentsOf: changedRecords)
        return records
    }

    mutating func put(_ record: Element) {
        if self[record.id] == nil { count += 1 }
        changes[record.id] = .some(record)
    }

    /// Removes and returns the record, if there was one.
    @discardableResult
    mutating func remove(_ id: RecordID) -> Element? {
        guard let old = self[id] else { return nil }
        count -= 1
        if Element.row(of: id, in: image) != nil {
            changes[id] = .some(nil)
        } else {
            changes[id] = nil
        }
        return old
    }
}

extension RecordTable: Equatable {
    /// Same ids with equal records, wherever they are kept.
    public static func == (a: RecordTable, b: RecordTable) -> Bool {
        guard a.count == b.count else { return false }
        if a.image === b.image && a.changes == b.changes { return true }
        for record in a.values where b[record.id] != record { return false }
        return true
    }
}
