import KithTime

// How the model is written to the store (docs/store-format.md). Nil optionals and empty arrays
// are left out, so a record holds only what is known about it and a change touches few lines
// of a diff. Dates are ISO strings; the KithTime types stay free of Codable on purpose, so the
// string forms are handled here.

extension Person: Codable {
    enum CodingKeys: String, CodingKey {
        case id, name, aliases, tags, org, title, place, email, phone, birthday, howMet, cadenceDays, notes, added
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(RecordID.self, forKey: .id), name: try c.decode(String.self, forKey: .name))
        aliases = try c.decodeIfPresent([String].self, forKey: .aliases) ?? []
        tags = try c.decodeIfPresent([String].self, forKey: .tags) ?? []
        org = try c.decodeIfPresent(String.self, forKey: .org)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        place = try c.decodeIfPresent(String.self, forKey: .place)
        email = try c.decodeIfPresent(String.self, forKey: .email)
        phone = try c.decodeIfPresent(String.self, forKey: .phone)
        birthday = try c.decodeMonthDayIfPresent(forKey: .birthday)
        howMet = try c.decodeIfPresent(String.self, forKey: .howMet)
        cadenceDays = try c.decodeIfPresent(Int.self, forKey: .cadenceDays)
        notes = try c.decodeIfPresent([Note].self, forKey: .notes) ?? []
        added = try c.decodeDateIfPresent(forKey: .added)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encodeUnlessEmpty(aliases, forKey: .aliases)
        try c.encodeUnlessEmpty(tags, forKey: .tags)
        try c.encodeIfPresent(org, forKey: .org)
        try c.encodeIfPresent(title, forKey: .title)
        try c.encodeIfPresent(place, forKey: .place)
        try c.encodeIfPresent(email, forKey: .email)
        try c.encodeIfPresent(phone, forKey: .phone)
        try c.encodeIfPresent(birthday?.iso, forKey: .birthday)
        try c.encodeIfPresent(howMet, forKey: .howMet)
        try c.encodeIfPresent(cadenceDays, forKey: .cadenceDays)
        try c.encodeUnlessEmpty(notes, forKey: .notes)
        try c.encodeIfPresent(added?.iso, forKey: .added)
    }
}

extension Note: Codable {
    enum CodingKeys: String, CodingKey { case date, text }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(date: try c.decodeDate(forKey: .date), text: try c.decode(String.self, forKey: .text))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(date.iso, forKey: .date)
        try c.encode(text, forKey: .text)
    }
}

extension Interaction: Codable {
    enum CodingKeys: String, CodingKey { case id, date, people, channel, topic }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(RecordID.self, forKey: .id), date: try c.decodeDate(forKey: .date),
                  people: try c.decode([RecordID].self, forKey: .people),
                  channel: try c.decode(String.self, forKey: .channel),
                  topic: try c.decodeIfPresent(String.self, forKey: .topic))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(date.iso, forKey: .date)
        // Written even when empty: an interaction is always with someone, so the field is required.
        try c.encode(people, forKey: .people)
        try c.encode(channel, forKey: .channel)
        try c.encodeIfPresent(topic, forKey: .topic)
    }
}

extension Relation: Codable {
    enum CodingKeys: String, CodingKey { case id, person, kind, other }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(RecordID.self, forKey: .id), person: try c.decode(RecordID.self, forKey: .person),
                  kind: try c.decode(String.self, forKey: .kind), other: try c.decode(RecordID.self, forKey: .other))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(person, forKey: .person)
        try c.encode(kind, forKey: .kind)
        try c.encode(other, forKey: .other)
    }
}

extension Reminder: Codable {
    enum CodingKeys: String, CodingKey { case id, due, person, text, done, recurrence }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(RecordID.self, forKey: .id), due: try c.decodeDate(forKey: .due),
                  person: try c.decodeIfPresent(RecordID.self, forKey: .person),
                  text: try c.decode(String.self, forKey: .text))
        done = try c.decode(Bool.self, forKey: .done)
        recurrence = try c.decodeIfPresent(String.self, forKey: .recurrence)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(due.iso, forKey: .due)
        try c.encodeIfPresent(person, forKey: .person)
        try c.encode(text, forKey: .text)
        try c.encode(done, forKey: .done)
        try c.encodeIfPresent(recurrence, forKey: .recurrence)
    }
}

extension Owner: Codable {
    enum CodingKeys: String, CodingKey { case name }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(name: try c.decodeIfPresent(String.self, forKey: .name))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(name, forKey: .name)
    }
}

extension UndoEntry: Codable {
    enum CodingKeys: String, CodingKey { case id, summary, inverse }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(RecordID.self, forKey: .id), summary: try c.decode(String.self, forKey: .summary),
                  inverse: try c.decodeIfPresent([Operation].self, forKey: .inverse) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(summary, forKey: .summary)
        try c.encodeUnlessEmpty(inverse, forKey: .inverse)
    }
}

/// A record is an object with exactly one key naming its kind: `{"person": {...}}`. An operation
/// that carries a record (`put`) shares its object, so the same keys sit beside `"op"`.
extension Record: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable { case person, interaction, relation, reminder }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard c.allKeys.count == 1, let key = c.allKeys.first else {
            let expected = CodingKeys.allCases.map(\.stringValue).joined(separator: ", ")
            let found = c.allKeys.map(\.stringValue).sorted().joined(separator: ", ")
            throw DecodingError.dataCorrupted(.init(
                codingPath: c.codingPath,
                debugDescription: c.allKeys.isEmpty ? "expected a record (one of \(expected))"
                                                    : "expected one record, found \(found)"))
        }
        switch key {
        case .person: self = .person(try c.decode(Person.self, forKey: key))
        case .interaction: self = .interaction(try c.decode(Interaction.self, forKey: key))
        case .relation: self = .relation(try c.decode(Relation.self, forKey: key))
        case .reminder: self = .reminder(try c.decode(Reminder.self, forKey: key))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .person(let r): try c.encode(r, forKey: .person)
        case .interaction(let r): try c.encode(r, forKey: .interaction)
        case .relation(let r): try c.encode(r, forKey: .relation)
        case .reminder(let r): try c.encode(r, forKey: .reminder)
        }
    }
}

/// `{"op": "put", "person": {...}}`, `{"op": "delete", "kind": "person", "id": 3}`,
/// `{"op": "owner", "me": {...}}`, `{"op": "pushUndo", "entry": {...}}`, `{"op": "popUndo", "id": 3}`.
extension Operation: Codable {
    enum CodingKeys: String, CodingKey { case op, kind, id, me, entry }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let name = try c.decode(String.self, forKey: .op)
        switch name {
        case "put":
            self = .put(try Record(from: decoder))
        case "delete":
            let kindName = try c.decode(String.self, forKey: .kind)
            guard let kind = RecordKind(rawValue: kindName) else {
                let expected = RecordKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw DecodingError.dataCorruptedError(
                    forKey: .kind, in: c, debugDescription: "unknown record kind \"\(kindName)\" (expected one of \(expected))")
            }
            self = .delete(kind, try c.decode(RecordID.self, forKey: .id))
        case "owner":
            self = .setOwner(try c.decode(Owner.self, forKey: .me))
        case "pushUndo":
            self = .pushUndo(try c.decode(UndoEntry.self, forKey: .entry))
        case "popUndo":
            self = .popUndo(try c.decode(RecordID.self, forKey: .id))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .op, in: c,
                debugDescription: "unknown operation \"\(name)\" (expected one of put, delete, owner, pushUndo, popUndo)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .put(let record):
            try c.encode("put", forKey: .op)
            try record.encode(to: encoder)
        case .delete(let kind, let id):
            try c.encode("delete", forKey: .op)
            try c.encode(kind.rawValue, forKey: .kind)
            try c.encode(id, forKey: .id)
        case .setOwner(let owner):
            try c.encode("owner", forKey: .op)
            try c.encode(owner, forKey: .me)
        case .pushUndo(let entry):
            try c.encode("pushUndo", forKey: .op)
            try c.encode(entry, forKey: .entry)
        case .popUndo(let id):
            try c.encode("popUndo", forKey: .op)
            try c.encode(id, forKey: .id)
        }
    }
}

private extension KeyedDecodingContainer {
    func decodeDate(forKey key: Key) throws -> CalendarDate {
        try parse(decode(String.self, forKey: key), forKey: key)
    }

    func decodeDateIfPresent(forKey key: Key) throws -> CalendarDate? {
        try decodeIfPresent(String.self, forKey: key).map { try parse($0, forKey: key) }
    }

    func decodeMonthDayIfPresent(forKey key: Key) throws -> MonthDay? {
        guard let text = try decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let monthDay = MonthDay(iso: text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self,
                debugDescription: "expected a birthday like 1985-05-04 or --05-04, found \"\(text)\"")
        }
        return monthDay
    }

    private func parse(_ text: String, forKey key: Key) throws -> CalendarDate {
        guard let date = CalendarDate(iso: text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "expected a date like 2026-03-10, found \"\(text)\"")
        }
        return date
    }
}

private extension KeyedEncodingContainer {
    mutating func encodeUnlessEmpty<T: Encodable & Collection>(_ value: T, forKey key: Key) throws {
        if !value.isEmpty { try encode(value, forKey: key) }
    }
}
