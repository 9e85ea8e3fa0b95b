/// Writes `SchemaSamples.swift` for the store's tests: two records of every kind, one with every
/// field set (text that needs escaping, two-element lists, the edges of ranges) and one with only
/// what is required, so that the round-trip tests cover a field the moment it is declared.
struct SamplesEmitter {
    let schema: Schema

    func emit() -> String {
        var code = Code()
        code.line(generatedHeader("Sample records for the tests, every field set."))
        code.line("import KithGraph")
        code.line("import KithTime")
        code.line()
        code.doc(["Records of every kind declared in schema/store.schema: for each, one with every field set",
                  "(`full`, id 1) and one with only the required ones (`bare`, id 2). Every reference names",
                  "person 1 or 2, whose samples are there too."])
        code.block("enum SchemaSamples") { code in
            code.doc(["Each kind's full and bare record, in `RecordKind` order."])
            code.line("static let pairs: [(full: Record, bare: Record)] = [")
            for record in schema.records {
                code.line("    (.\(record.kind)(\(value(record, full: true))),")
                code.line("     .\(record.kind)(\(value(record, full: false)))),")
            }
            code.line("]")
            code.line()
            code.doc(["Every sample record."])
            code.line("static var records: [Record] { pairs.flatMap { [$0.full, $0.bare] } }")
            code.line()
            code.doc(["The owner with every field set."])
            code.line("static let owner = \(value(schema.owner, full: true))")
        }
        return code.text
    }

    func value(_ type: TypeDecl, full: Bool, index: Int = 0) -> String {
        let arguments = type.fields.compactMap { field -> String? in
            guard let value = value(type, field, full: full, index: index) else { return nil }
            return "\(field.name): \(value)"
        }
        return "\(type.name)(\(arguments.joined(separator: ", ")))"
    }

    /// The field's sample, or nil to leave it at its default.
    func value(_ type: TypeDecl, _ field: Field, full: Bool, index: Int) -> String? {
        func one(_ base: FieldType.Base, _ item: Int) -> String {
            switch base {
            case .id: return full ? "1" : "2"
            case .reference: return field.orOwner && !full ? "ownerID" : String(1 + item % 2)
            case .int:
                if let range = field.range { return String(full ? range.high - item : range.low) }
                return String(full ? 1_000_000 + item : -7)
            case .string:
                if field.interned { return (full ? "talk" : "call").literal }
                let text = "\(type.kind).\(field.name) \(item + index): \"quoted\" \\ back/slash\ttab é ☕️ 𝄞"
                return (full ? text : field.name).literal
            case .bool: return full ? "true" : "false"
            case .day: return "CalendarDate(year: 2026, month: \(full ? 3 : 4), day: \(10 + item))!"
            case .birthday: return full ? "MonthDay(year: nil, month: 2, day: 29)" : "MonthDay(year: 1985, month: 5, day: 4)"
            case .value(let name): return value(schema.type(named: name)!, full: true, index: item)
            case .operation: return ".delete(.person, 9)"
            }
        }
        switch field.type.shape {
        case .one: return one(field.type.base, 0)
        case .optional: return full ? one(field.type.base, 0) : nil
        case .list: return full ? "[" + one(field.type.base, 0) + ", " + one(field.type.base, 1) + "]" : (field.always ? "[]" : nil)
        }
    }
}
