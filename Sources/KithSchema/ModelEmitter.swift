/// Writes KithGraph's `Records.swift`: the model types with their fields, their `Codable`
/// conformances (the store's JSON through Foundation: the reader that reports errors, and the
/// reference the fast reader and writer are tested against), the record kinds, and the
/// `Graph` accessors that go through every kind.
struct ModelEmitter {
    let schema: Schema

    func emit() -> String {
        var code = Code()
        code.line(generatedHeader("The store's types, their fields and their JSON through Codable."))
        code.line("import KithTime")
        code.line()
        for type in schema.types { emitStruct(type, &code) }
        emitKinds(&code)
        for type in schema.types where type.isRecord { emitFieldEnum(type, &code) }
        emitRecordFields(&code)
        for type in schema.types { emitCodable(type, &code) }
        emitRecordCodable(&code)
        emitGraphAccess(&code)
        return code.text
    }

    // MARK: - Types

    func emitStruct(_ type: TypeDecl, _ code: inout Code) {
        code.doc(type.doc + (type.since.map { ["", "Since store version \($0)."] } ?? []))
        code.block("public struct \(type.name): Hashable, Sendable") { code in
            for field in type.fields {
                var doc = field.doc
                if let since = field.since {
                    doc.append((doc.isEmpty ? "" : "(") + "Since store version \(since)" + (doc.isEmpty ? "." : ".)"))
                }
                code.doc(doc)
                code.line("public var \(field.name): \(field.typeName)")
            }
            code.line()
            let parameters = type.fields.map { field in
                "\(field.name): \(field.typeName)" + (field.parameterDefault.map { " = \($0)" } ?? "")
            }
            let oneLine = "public init(" + parameters.joined(separator: ", ") + ")"
            if oneLine.count <= 100 {
                code.block(oneLine) { code in
                    for field in type.fields { code.line("self.\(field.name) = \(field.name)") }
                }
            } else {
                code.line("public init(")
                for (index, parameter) in parameters.enumerated() {
                    code.line("    " + parameter + (index == parameters.count - 1 ? "" : ","))
                }
                code.block(")") { code in
                    for field in type.fields { code.line("self.\(field.name) = \(field.name)") }
                }
            }
        }
        code.line()
    }

    func emitKinds(_ code: inout Code) {
        let records = schema.records
        code.doc(["The kinds of record the store keeps, in the order they are declared."])
        code.block("public enum RecordKind: String, Hashable, Sendable, CaseIterable") { code in
            code.line("case " + records.map(\.kind).joined(separator: ", "))
            code.line()
            code.doc(["The kind's position in `allCases`."])
            code.block("public var slot: Int") { code in
                code.switchOverSelf(records.enumerated()) { index, record in "case .\(record.kind): \(index)" }
            }
            code.line()
            code.doc(["The top-level array of the snapshot that holds records of this kind."])
            code.block("public var plural: String") { code in
                code.switchOverSelf(records) { record in "case .\(record.kind): \(record.plural.literal)" }
            }
        }
        code.line()
        code.doc(["One record, as written to the store."])
        code.block("public enum Record: Hashable, Sendable") { code in
            for record in records { code.line("case \(record.kind)(\(record.name))") }
            code.line()
            code.block("public var kind: RecordKind") { code in
                code.switchOverSelf(records) { record in "case .\(record.kind): .\(record.kind)" }
            }
            code.line()
            code.block("public var id: RecordID") { code in
                code.switchOverSelf(records) { record in "case .\(record.kind)(let record): record.id" }
            }
            code.line()
            code.doc(["The people the record names (never the owner, id 0, where a field allows it)."])
            code.block("public var namedPeople: [RecordID]") { code in
                code.switchOverSelf(records) { record in "case .\(record.kind)(let record): record.namedPeople" }
            }
        }
        code.line()
        for record in records {
            let references = record.fields.filter { $0.type.base == .reference("Person") }
            code.block("extension \(record.name)") { code in
                code.doc(["The people this \(record.kind) names, in field order (the owner, id 0, left out)."])
                code.block("public var namedPeople: [RecordID]") { code in
                    guard !references.isEmpty else { return code.line("[]") }
                    code.line("var ids: [RecordID] = []")
                    for field in references {
                        switch field.type.shape {
                        case .one: code.line(field.orOwner ? "if \(field.name) != ownerID { ids.append(\(field.name)) }"
                                                           : "ids.append(\(field.name))")
                        case .optional: code.line("if let \(field.name)\(field.orOwner ? ", \(field.name) != ownerID" : "") { ids.append(\(field.name)) }")
                        case .list: code.line("ids += \(field.name)")
                        }
                    }
                    code.line("return ids")
                }
            }
            code.line()
        }
    }

    /// The fields of a record kind by name, so that a change and its inverse can be per field.
    func emitFieldEnum(_ type: TypeDecl, _ code: inout Code) {
        code.block("extension \(type.name)") { code in
            code.doc(["The fields of \(type.withArticle), by their key in the store."])
            code.block("public enum Field: String, Hashable, Sendable, CaseIterable") { code in
                code.line("case " + type.fields.map(\.name).joined(separator: ", "))
                code.line()
                code.doc(["The field in words, for sentences about it."])
                code.block("public var words: String") { code in
                    code.switchOverSelf(type.fields) { field in "case .\(field.name): \(field.words.literal)" }
                }
            }
            code.line()
            code.doc(["The fields whose values differ between the two records (the id included)."])
            code.block("public func fields(differingFrom other: \(type.name)) -> [Field]") { code in
                code.line("var fields: [Field] = []")
                for field in type.fields {
                    code.line("if self.\(field.name) != other.\(field.name) { fields.append(.\(field.name)) }")
                }
                code.line("return fields")
            }
            code.line()
            code.doc(["This record with `fields` taken from `other`."])
            code.block("public func replacing(_ fields: [Field], from other: \(type.name)) -> \(type.name)") { code in
                code.line("var result = self")
                code.block("for field in fields") { code in
                    code.block("switch field") { code in
                        for field in type.fields { code.line("case .\(field.name): result.\(field.name) = other.\(field.name)") }
                    }
                }
                code.line("return result")
            }
        }
        code.line()
    }

    /// The per-field operations of `Record`, for a change and its inverse made field by field.
    func emitRecordFields(_ code: inout Code) {
        let records = schema.records
        code.block("extension RecordKind") { code in
            code.doc(["The keys of the kind's fields, as declared."])
            code.block("public var fieldNames: [String]") { code in
                code.switchOverSelf(records) { record in "case .\(record.kind): \(record.name).Field.allCases.map(\\.rawValue)" }
            }
            code.line()
            code.doc(["A field of the kind in words (\"company\" for a person's `org`); the key itself for none."])
            code.block("public func words(ofField key: String) -> String") { code in
                code.switchOverSelf(records) { record in "case .\(record.kind): \(record.name).Field(rawValue: key)?.words ?? key" }
            }
        }
        code.line()
        code.block("extension Record") { code in
            code.doc(["The keys of the fields whose values differ from `other`'s; nil when `other` is another kind."])
            code.block("public func fields(differingFrom other: Record) -> [String]?") { code in
                code.block("switch (self, other)") { code in
                    for record in records {
                        code.line("case (.\(record.kind)(let a), .\(record.kind)(let b)): a.fields(differingFrom: b).map(\\.rawValue)")
                    }
                    code.line("default: nil")
                }
            }
            code.line()
            code.doc(["This record with the fields named by `keys` taken from `other`; nil when `other` is another",
                      "kind. Keys the kind does not have are ignored."])
            code.block("public func replacing(_ keys: [String], from other: Record) -> Record?") { code in
                code.block("switch (self, other)") { code in
                    for record in records {
                        code.line("case (.\(record.kind)(let a), .\(record.kind)(let b)): .\(record.kind)(a.replacing(keys.compactMap(\(record.name).Field.init(rawValue:)), from: b))")
                    }
                    code.line("default: nil")
                }
            }
        }
        code.line()
    }

    // MARK: - Codable

    func emitCodable(_ type: TypeDecl, _ code: inout Code) {
        code.block("extension \(type.name): Codable") { code in
            var keys = type.fields.map(\.name)
            keys += type.fields.compactMap(\.legacyKey)
            code.block("enum CodingKeys: String, CodingKey") { code in
                code.line("case " + keys.joined(separator: ", "))
            }
            code.line()
            code.block("public init(from decoder: any Decoder) throws") { code in
                code.line("let c = try decoder.container(keyedBy: CodingKeys.self)")
                code.line("self.init(")
                for (index, field) in type.fields.enumerated() {
                    let comma = index == type.fields.count - 1 ? "" : ","
                    code.line("    \(field.name): \(decode(field))\(comma)")
                }
                code.line(")")
            }
            code.line()
            code.block("public func encode(to encoder: any Encoder) throws") { code in
                code.line("var c = encoder.container(keyedBy: CodingKeys.self)")
                for field in type.fields { code.line(encode(field)) }
            }
        }
        code.line()
    }

    func decode(_ field: Field) -> String {
        let key = ".\(field.name)"
        var element: String
        switch field.type.base {
        case .id, .reference: element = "RecordID"
        case .int: element = "Int"
        case .string: element = "String"
        case .bool: element = "Bool"
        case .value(let name): element = name
        case .operation: element = "Operation"
        case .day:
            return field.type.shape == .optional ? "try c.decodeDateIfPresent(forKey: \(key))" : "try c.decodeDate(forKey: \(key))"
        case .birthday:
            return field.type.shape == .optional ? "try c.decodeMonthDayIfPresent(forKey: \(key))"
                                                 : "try c.decodeMonthDay(forKey: \(key))"
        }
        switch field.type.shape {
        case .one:
            return "try c.decode(\(element).self, forKey: \(key))"
        case .optional:
            return "try c.decodeIfPresent(\(element).self, forKey: \(key))"
        case .list:
            element = "[\(element)]"
            let list = field.always ? "try c.decode(\(element).self, forKey: \(key))"
                                    : "(try c.decodeIfPresent(\(element).self, forKey: \(key)) ?? [])"
            guard let legacy = field.legacyKey, case .list = field.type.shape else { return list }
            // The old single value first, as the upgrade from that version reads it.
            let single = element.dropFirst().dropLast()
            return "((try c.decodeIfPresent(\(single).self, forKey: .\(legacy))).map { [$0] } ?? []) + \(list)"
        }
    }

    func encode(_ field: Field) -> String {
        let key = ".\(field.name)"
        var value = field.name
        switch field.type.base {
        case .day, .birthday: value += field.type.shape == .optional ? "?.iso" : ".iso"
        default: break
        }
        switch field.type.shape {
        case .one: return "try c.encode(\(value), forKey: \(key))"
        case .optional: return "try c.encodeIfPresent(\(value), forKey: \(key))"
        case .list:
            return field.always ? "try c.encode(\(value), forKey: \(key))" : "try c.encodeUnlessEmpty(\(value), forKey: \(key))"
        }
    }

    /// A record is an object with exactly one key naming its kind: `{"person": {...}}`.
    func emitRecordCodable(_ code: inout Code) {
        let records = schema.records
        code.doc(["A record is an object with exactly one key naming its kind: `{\"person\": {...}}`. An operation",
                  "that carries a record (`put`) shares its object, so the same keys sit beside `\"op\"`."])
        code.block("extension Record: Codable") { code in
            code.block("enum CodingKeys: String, CodingKey, CaseIterable") { code in
                code.line("case " + records.map(\.kind).joined(separator: ", "))
            }
            code.line()
            code.block("public init(from decoder: any Decoder) throws") { code in
                code.line("let c = try decoder.container(keyedBy: CodingKeys.self)")
                code.block("guard c.allKeys.count == 1, let key = c.allKeys.first else") { code in
                    code.line("throw Record.notOneRecord(c.allKeys.map(\\.stringValue), codingPath: c.codingPath,")
                    code.line("                          expected: CodingKeys.allCases.map(\\.stringValue))")
                }
                code.block("switch key") { code in
                    for record in records {
                        code.line("case .\(record.kind): self = .\(record.kind)(try c.decode(\(record.name).self, forKey: key))")
                    }
                }
            }
            code.line()
            code.block("public func encode(to encoder: any Encoder) throws") { code in
                code.line("var c = encoder.container(keyedBy: CodingKeys.self)")
                code.switchOverSelf(records) { record in "case .\(record.kind)(let record): try c.encode(record, forKey: .\(record.kind))" }
            }
        }
        code.line()
    }

    // MARK: - Graph

    func emitGraphAccess(_ code: inout Code) {
        let records = schema.records
        code.block("extension Graph") { code in
            code.block("public func record(_ kind: RecordKind, _ id: RecordID) -> Record?") { code in
                code.block("switch kind") { code in
                    for record in records { code.line("case .\(record.kind): \(record.plural)[id].map(Record.\(record.kind))") }
                }
            }
            code.line()
            code.doc(["How many records of the kind the graph holds."])
            code.block("public func count(_ kind: RecordKind) -> Int") { code in
                code.block("switch kind") { code in
                    for record in records { code.line("case .\(record.kind): \(record.plural).count") }
                }
            }
            code.line()
            code.doc(["Every record of the kind (image records first, then changed ones)."])
            code.block("public func records(_ kind: RecordKind) -> [Record]") { code in
                code.block("switch kind") { code in
                    for record in records { code.line("case .\(record.kind): \(record.plural).values.map(Record.\(record.kind))") }
                }
            }
            code.line()
            code.doc(["The records of the kind changed since the image (live ones only)."])
            code.block("func changedRecords(_ kind: RecordKind) -> [Record]") { code in
                code.block("switch kind") { code in
                    for record in records { code.line("case .\(record.kind): \(record.plural).changedRecords.map(Record.\(record.kind))") }
                }
            }
            for record in records {
                code.line()
                code.doc(["The \(record.plural) in the order the store writes them."])
                code.block("public var \(record.plural)InStoreOrder: StoreOrder<\(record.name)>") { code in
                    switch record.order {
                    case .id:
                        code.line("inIDOrder(\(record.plural))")
                    case .dayThenID(let day):
                        code.line("let image = image")
                        code.line("let changed = \(record.plural).changedRecords.sorted { ($0.\(day), $0.id) < ($1.\(day), $1.id) }")
                        code.block("return StoreOrder(image: image, changed: changed, table: \(record.plural))") { code in
                            code.line("record, row in")
                            code.line("(record.\(day).daysSinceEpoch, record.id) < "
                                      + "(Int(image.\(record.kind)\(day.capitalized)[row]), Int(image.\(record.kind)ID[row]))")
                        }
                    }
                }
            }
        }
    }
}
