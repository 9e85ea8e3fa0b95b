import KithTime

// Reading records and indexes out of an image's columns.

extension GraphImage {
    // MARK: - Rows by id

    /// The row of `id` in a kind whose rows are not ordered by id: through `byID`, its rows in id
    /// order, unless the ids ascend anyway (`idsAscend`).
    /// - Complexity: O(log n)
    static func row(of id: RecordID, ids: UnsafeBufferPointer<Int32>, byID: UnsafeBufferPointer<UInt32>, idsAscend: Bool) -> Int? {
        if idsAscend { return search(ids, id) }
        guard let key = Int32(exactly: id) else { return nil }
        var low = 0, high = byID.count
        while low < high {
            let mid = (low + high) / 2
            if ids[Int(byID[mid])] < key { low = mid + 1 } else { high = mid }
        }
        guard low < byID.count, ids[Int(byID[low])] == key else { return nil }
        return Int(byID[low])
    }

    /// The index of `id` in an ascending column.
    static func search(_ column: UnsafeBufferPointer<Int32>, _ id: RecordID) -> Int? {
        guard let key = Int32(exactly: id) else { return nil }
        var low = 0, high = column.count
        while low < high {
            let mid = (low + high) / 2
            if column[mid] < key { low = mid + 1 } else { high = mid }
        }
        return low < column.count && column[low] == key ? low : nil
    }

    // MARK: - Records

    // `person(at:)`, `interaction(at:)` and the rest are generated (RecordColumns); these read
    // only what list answers show.

    /// A person's name without building the rest of the record.
    func personName(at row: Int) -> String { text(personName[row]) ?? "" }

    func nameUTF8(at row: Int) -> UnsafeBufferPointer<UInt8> { utf8(personName[row]) }

    func day(_ row: Int) -> CalendarDate { CalendarDate(daysSinceEpoch: Int(interactionDate[row])) }

    func channel(at row: Int) -> String { interactionChannelNames[Int(interactionChannel[row])] }

    func participants(at row: Int) -> UnsafeBufferPointer<Int32> {
        UnsafeBufferPointer(rebasing: interactionPeople[Int(interactionPeopleStart[row])..<Int(interactionPeopleStart[row + 1])])
    }

    // MARK: - Indexes

    /// Rows of the person's interactions, in (date, id) order.
    /// - Complexity: O(log p) over p people with interactions.
    func interactionRows(of person: RecordID) -> UnsafeBufferPointer<UInt32> {
        personInteractions.rows(for: person)
    }

    /// Rows of the relations the person takes part in, by id.
    /// - Complexity: O(log p)
    func relationRows(of person: RecordID) -> UnsafeBufferPointer<UInt32> {
        personRelations.rows(for: person)
    }

    /// The interaction rows dated within `period`: rows are in date order, so a range.
    /// - Complexity: O(log n)
    func interactionRows(in period: Period) -> Range<Int> {
        let low = firstRow(onOrAfter: period.start.daysSinceEpoch)
        let high = firstRow(onOrAfter: period.end.daysSinceEpoch + 1)
        return low..<max(low, high)
    }

    func firstRow(onOrAfter day: Int) -> Int {
        let key = Int32(clamping: day)
        if day > Int(Int32.max) { return interactionDate.count }
        var low = 0, high = interactionDate.count
        while low < high {
            let mid = (low + high) / 2
            if interactionDate[mid] < key { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Within one person's rows (ascending), the part dated within `period`.
    /// - Complexity: O(log k)
    func slice(_ rows: UnsafeBufferPointer<UInt32>, in period: Period) -> UnsafeBufferPointer<UInt32> {
        func first(onOrAfter day: Int) -> Int {
            var low = 0, high = rows.count
            while low < high {
                let mid = (low + high) / 2
                if Int(interactionDate[Int(rows[mid])]) < day { low = mid + 1 } else { high = mid }
            }
            return low
        }
        let low = first(onOrAfter: period.start.daysSinceEpoch)
        let high = first(onOrAfter: period.end.daysSinceEpoch + 1)
        return UnsafeBufferPointer(rebasing: rows[low..<max(low, high)])
    }

    /// The key's position in a key table, comparing UTF-8 bytes (`KeyOrder`); `key` must be
    /// folded, as the table's keys are.
    /// - Complexity: O(log k) byte comparisons.
    func find(_ key: String, in table: KeyTable) -> Int? {
        var key = key
        return key.withUTF8 { query in
            var low = 0, high = table.keys.count
            while low < high {
                let mid = (low + high) / 2
                if compareBytes(utf8(table.keys[mid]), query) < 0 { low = mid + 1 } else { high = mid }
            }
            guard low < table.keys.count, compareBytes(utf8(table.keys[low]), query) == 0 else { return nil }
            return low
        }
    }

    /// Rows under `key` in a key table.
    func rows(_ key: String, in table: KeyTable) -> UnsafeBufferPointer<UInt32> {
        guard let index = find(key, in: table) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(rebasing: table.rows[table.rowRange(ofKey: index)])
    }

    func key(_ index: Int, in table: KeyTable) -> String { text(table.keys[index]) ?? "" }

    // MARK: - Encodings

    /// Birthdays in one word: `Int64.min` for none; else bit 62 set when there is a year, the
    /// year (32 bits, two's complement) above the month and day bytes.
    static func birthday(_ code: Int64) -> MonthDay? {
        guard code != .min else { return nil }
        let bits = UInt64(bitPattern: code)
        let year = bits & (1 << 62) != 0 ? Int(Int32(truncatingIfNeeded: bits >> 16)) : nil
        return MonthDay(year: year, month: Int((bits >> 8) & 0xFF), day: Int(bits & 0xFF))
    }

    static func code(_ birthday: MonthDay?) -> Int64? {
        guard let birthday else { return .min }
        var bits = UInt64(birthday.month) << 8 | UInt64(birthday.day)
        if let year = birthday.year {
            guard let year32 = Int32(exactly: year) else { return nil }
            bits |= 1 << 62 | UInt64(UInt32(bitPattern: year32)) << 16
        }
        return Int64(bitPattern: bits)
    }
}

/// A record kind stored in a graph image, so that `RecordTable` can read it from the image.
public protocol StoredRecord: Hashable, Sendable {
    var id: RecordID { get }
    static func count(in image: GraphImage) -> Int
    static func row(of id: RecordID, in image: GraphImage) -> Int?
    static func id(at row: Int, in image: GraphImage) -> RecordID
    static func record(at row: Int, in image: GraphImage) -> Self
}
