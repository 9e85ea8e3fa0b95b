import KithTime

// How the model is written to the store (docs/store-format.md). The records' conformances are
// generated from schema/store.schema; here are operations, which name records only through
// `Record` and `RecordKind`, and the date forms the generated code uses. Nil optionals and empty
// arrays are left out, so a record holds only what is known about it and a change touches few
// lines of a diff. Dates are ISO strings; the KithTime types stay free of Codable on purpose, so
// the string forms are handled here.

extension Record {
    /// The error for a record object without exactly one key naming its kind.
    static func notOneRecord(_ keys: [String], codingPath: [any CodingKey], expected: [String]) -> DecodingError {
        let found = keys.sorted().joined(separator: ", ")
        return DecodingError.dataCorrupted(.init(
            codingPath: codingPath,
            debugDescription: keys.isEmpty ? "expected a record (one of \(expected.joined(separator: ", ")))"
                                           : "expected one record, found \(found)"))
    }
}

/// `{"op": "put", "person": {...}}`, `{"op": "delete", "kind": "person", "id": 3}`,
/// `{"op": "owner", "me": {...}}`, `{"op": "pushUndo", "entry": {...}}`, `{"op": "popUndo", "id": 3}`,
/// `{"op": "restore", "before": {"person": {...}}, "fields": ["org"]}`.
extension Operation: Codable {
    enum CodingKeys: String, CodingKey { case op, kind, id, me, entry, before, fields }

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
        case "restore":
            self = .restore(Restore(before: try c.decode(Record.self, forKey: .before),
                                    fields: try c.decode([String].self, forKey: .fields)))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .op, in: c,
                debugDescription: "unknown operation \"\(name)\" (expected one of put, delete, owner, pushUndo, popUndo, restore)")
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
        case .restore(let restore):
            try c.encode("restore", forKey: .op)
            try c.encode(restore.before, forKey: .before)
            try c.encode(restore.fields, forKey: .fields)
        }
    }
}

extension KeyedDecodingContainer {
    func decodeDate(forKey key: Key) throws -> CalendarDate {
        try parse(decode(String.self, forKey: key), forKey: key)
    }

    func decodeDateIfPresent(forKey key: Key) throws -> CalendarDate? {
        try decodeIfPresent(String.self, forKey: key).map { try parse($0, forKey: key) }
    }

    func decodeMonthDay(forKey key: Key) throws -> MonthDay {
        let text = try decode(String.self, forKey: key)
        guard let monthDay = MonthDay(iso: text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self,
                debugDescription: "expected a birthday like 1985-05-04 or --05-04, found \"\(text)\"")
        }
        return monthDay
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

extension KeyedEncodingContainer {
    mutating func encodeUnlessEmpty<T: Encodable & Collection>(_ value: T, forKey key: Key) throws {
        if !value.isEmpty { try encode(value, forKey: key) }
    }
}
