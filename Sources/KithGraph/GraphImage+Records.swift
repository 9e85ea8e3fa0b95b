import KithTime

// Reading records and indexes out of an image's columns.

extension GraphImage {
    // MARK: - Rows by id

    /// - Complexity: O(1) when ids run 1, 2, 3… as generated and imported stores' do; else O(log n).
    func personRow(_ id: RecordID) -> Int? {
        if id >= 1 && id <= peopleCount && Int(personID[id - 1]) == id { return id - 1 }
        return Self.search(personID, id)
    }

    /// - Complexity: O(log n)
    func interactionRow(_ id: RecordID) -> Int? {
        if interactionIDsAscend { return Self.search(interactionID, id) }
        guard let key = Int32(exactly: id) else { return nil }
        var low = 0, high = interactionByID.count
        while low < high {
            let mid = (low + high) / 2
            if interactionID[Int(interactionByID[mid])] < key { low = mid + 1 } else { high = mid }
        }
        guard low < interactionByID.count, interactionID[Int(interactionByID[low])] == key else { return nil }
        return Int(interactionByID[low])
    }

    /// - Complexity: O(log n)
    func relationRow(_ id: RecordID) -> Int? { Self.search(relationID, id) }

    /// - Complexity: O(log n)
    func reminderRow(_ id: RecordID) -> Int? { Self.search(reminderID, id) }

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

    func person(at row: Int) -> Person {
        var person = Person(id: Int(personID[row]), name: text(personText[row * PersonText.allCases.count]) ?? "")
        let fields = row * PersonText.allCases.count
        person.org = text(personText[fields + PersonText.org.rawValue])
        person.title = text(personText[fields + PersonText.title.rawValue])
        person.place = text(personText[fields + PersonText.place.rawValue])
        person.email = text(personText[fields + PersonText.email.rawValue])
        person.phone = text(personText[fields + PersonText.phone.rawValue])
        person.howMet = text(personText[fields + PersonText.howMet.rawValue])
        person.birthday = Self.birthday(personBirthday[row])
        if personCadence[row] != .min { person.cadenceDays = Int(personCadence[row]) }
        if personAdded[row] != .min { person.added = CalendarDate(daysSinceEpoch: Int(personAdded[row])) }
        for index in Int(aliasStart[row])..<Int(aliasStart[row + 1]) { person.aliases.append(text(aliases[index]) ?? "") }
        for index in Int(tagStart[row])..<Int(tagStart[row + 1]) { person.tags.append(text(tags[index]) ?? "") }
        for index in Int(noteStart[row])..<Int(noteStart[row + 1]) {
            person.notes.append(Note(date: CalendarDate(daysSinceEpoch: Int(noteDate[index])), text: text(noteText[index]) ?? ""))
        }
        return person
    }

    /// A person's name without building the rest of the record.
    func personName(at row: Int) -> String { text(personText[row * PersonText.allCases.count]) ?? "" }

    func nameUTF8(at row: Int) -> UnsafeBufferPointer<UInt8> { utf8(personText[row * PersonText.allCases.count]) }

    func interaction(at row: Int) -> Interaction {
        let range = Int(participantStart[row])..<Int(participantStart[row + 1])
        return Interaction(id: Int(interactionID[row]), date: day(row),
                           people: range.map { Int(participants[$0]) },
                           channel: channelNames[Int(interactionChannel[row])],
                           topic: text(interactionTopic[row]))
    }

    func day(_ row: Int) -> CalendarDate { CalendarDate(daysSinceEpoch: Int(interactionDate[row])) }

    func channel(at row: Int) -> String { channelNames[Int(interactionChannel[row])] }

    func participants(at row: Int) -> UnsafeBufferPointer<Int32> {
        UnsafeBufferPointer(rebasing: participants[Int(participantStart[row])..<Int(participantStart[row + 1])])
    }

    func relation(at row: Int) -> Relation {
        Relation(id: Int(relationID[row]), person: Int(relationPerson[row]), kind: text(relationKind[row]) ?? "",
                 other: Int(relationOther[row]))
    }

    func reminder(at row: Int) -> Reminder {
        let person = reminderPerson[row] == .min ? nil : Int(reminderPerson[row])
        var reminder = Reminder(id: Int(reminderID[row]), due: CalendarDate(daysSinceEpoch: Int(reminderDue[row])),
                                person: person, text: text(reminderText[row]) ?? "")
        reminder.done = reminderDone[row] != 0
        reminder.recurrence = text(reminderRecurrence[row])
        return reminder
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

extension Person: StoredRecord {
    public static func count(in image: GraphImage) -> Int { image.peopleCount }
    public static func row(of id: RecordID, in image: GraphImage) -> Int? { image.personRow(id) }
    public static func id(at row: Int, in image: GraphImage) -> RecordID { Int(image.personID[row]) }
    public static func record(at row: Int, in image: GraphImage) -> Person { image.person(at: row) }
}

extension Interaction: StoredRecord {
    public static func count(in image: GraphImage) -> Int { image.interactionCount }
    public static func row(of id: RecordID, in image: GraphImage) -> Int? { image.interactionRow(id) }
    public static func id(at row: Int, in image: GraphImage) -> RecordID { Int(image.interactionID[row]) }
    public static func record(at row: Int, in image: GraphImage) -> Interaction { image.interaction(at: row) }
}

extension Relation: StoredRecord {
    public static func count(in image: GraphImage) -> Int { image.relationCount }
    public static func row(of id: RecordID, in image: GraphImage) -> Int? { image.relationRow(id) }
    public static func id(at row: Int, in image: GraphImage) -> RecordID { Int(image.relationID[row]) }
    public static func record(at row: Int, in image: GraphImage) -> Relation { image.relation(at: row) }
}

extension Reminder: StoredRecord {
    public static func count(in image: GraphImage) -> Int { image.reminderCount }
    public static func row(of id: RecordID, in image: GraphImage) -> Int? { image.reminderRow(id) }
    public static func id(at row: Int, in image: GraphImage) -> RecordID { Int(image.reminderID[row]) }
    public static func record(at row: Int, in image: GraphImage) -> Reminder { image.reminder(at: row) }
}
