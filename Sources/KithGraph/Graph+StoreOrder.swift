/// A record met while walking a graph in store order: a row of the graph's image (read it
/// from the columns), or a record changed since.
public enum StoredOrChanged<Element> {
    case stored(Int)
    case changed(Element)
}

/// The records of one kind in the order the store writes them — people, relations and
/// reminders by id, interactions by (date, id) — for a writer that must not sort millions.
///
/// The image's rows are already in that order, so the walk merges them with the few records
/// changed since. Each changed record is placed before an image row (its insertion point,
/// found once by binary search), so any range of rows can be walked on its own: walking
/// consecutive ranges that cover `0..<rowCount` meets every record exactly once, in store
/// order, which lets a writer encode the ranges in parallel and concatenate the results.
public struct StoreOrder<Record: StoredRecord>: Sendable {
    let image: GraphImage
    /// The image's rows, live or not.
    public let rowCount: Int
    /// Live changed records, in store order.
    let changed: [Record]
    /// For each changed record, the image row it comes before (`rowCount`: after the last).
    /// Ascending, as `changed` is.
    let insertionRows: [Int]
    /// Image rows replaced or deleted since the image, ascending.
    let hiddenRows: [Int]

    /// - Parameters:
    ///   - changed: the live changed records, in store order.
    ///   - table: the records' table, for which image rows a change hides.
    ///   - isBefore: whether a record goes before an image row in store order. Image rows are
    ///     in store order, so its answers along the rows are trues and then falses.
    init(image: GraphImage, changed: [Record], table: RecordTable<Record>, isBefore: (Record, Int) -> Bool) {
        self.image = image
        rowCount = Record.count(in: image)
        self.changed = changed
        let rowCount = rowCount
        // A record goes before the first row it precedes; a hidden row with the same key (the
        // record's own earlier version) is never written, so either side of it is the same.
        insertionRows = changed.map { record in
            var low = 0, high = rowCount
            while low < high {
                let mid = (low + high) / 2
                if isBefore(record, mid) { high = mid } else { low = mid + 1 }
            }
            return low
        }
        hiddenRows = table.changes.keys.compactMap { Record.row(of: $0, in: image) }.sorted()
    }

    /// The records whose place falls in `rows`: the live image rows in the range, each changed
    /// record inserted before one of them, and, when the range ends at `rowCount`, the changed
    /// records that come after every row.
    public func forEach(rows: Range<Int>, _ body: (StoredOrChanged<Record>) throws -> Void) rethrows {
        precondition(rows.lowerBound >= 0 && rows.upperBound <= rowCount, "rows out of range")
        var next = insertionRows.partitioningIndex { $0 >= rows.lowerBound }
        var hidden = hiddenRows.partitioningIndex { $0 >= rows.lowerBound }
        for row in rows {
            while next < changed.count, insertionRows[next] == row {
                try body(.changed(changed[next]))
                next += 1
            }
            if hidden < hiddenRows.count, hiddenRows[hidden] == row {
                hidden += 1
            } else {
                try body(.stored(row))
            }
        }
        guard rows.upperBound == rowCount else { return }
        for record in changed[next...] { try body(.changed(record)) }
    }

    /// Every record, in store order.
    public func forEach(_ body: (StoredOrChanged<Record>) throws -> Void) rethrows {
        try forEach(rows: 0..<rowCount, body)
    }
}

extension Graph {
    // Each kind's `…InStoreOrder` is generated from schema/store.schema.

    func inIDOrder<T: StoredRecord>(_ table: RecordTable<T>) -> StoreOrder<T> {
        let image = image
        return StoreOrder(image: image, changed: table.changedRecords.sorted { $0.id < $1.id }, table: table) {
            $0.id < T.id(at: $1, in: image)
        }
    }
}
