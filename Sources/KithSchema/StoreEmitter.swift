/// Writes KithStore's `StoreRecords.swift`: the schema's part of the fast JSON reader (`Scanner`)
/// and writer (`StoreWriter`), the snapshot's top level through Codable, the validation of a
/// decoded snapshot, and the record kinds' part of `SnapshotPlan`.
///
/// The reader reads each record two ways: into a `GraphImage.Builder`'s columns (a snapshot's
/// records, without making a Swift value per field) and into a value (journal lines and undo
/// entries). Both accept exactly the subset `StoreReader` documents and throw `Failure` for
/// anything else, which sends the document to Foundation's reader (the generated `Codable`).
struct StoreEmitter {
    let schema: Schema

    func emit() -> String {
        var code = Code()
        code.line(generatedHeader("The store's JSON: the fast reader and writer, the snapshot, validation."))
        code.line("import KithGraph")
        code.line("import KithTime")
        code.line()
        code.doc(["The store version this kith writes (`store version` in schema/store.schema)."])
        code.block("extension FileStorage") { code in
            code.line("public static let currentVersion = \(schema.version)")
        }
        code.line()
        emitReader(&code)
        emitWriter(&code)
        emitSnapshot(&code)
        emitValidation(&code)
        emitPlan(&code)
        return code.text
    }

    // MARK: - Reading

    /// The key's bytes and closing quote as one little-endian word, and the mask of its bytes;
    /// nil for keys of eight bytes or more.
    func word(_ key: String) -> (word: UInt64, mask: UInt64)? {
        let bytes = Array(key.utf8) + [UInt8(ascii: "\"")]
        guard bytes.count <= 8 else { return nil }
        var word: UInt64 = 0
        for (index, byte) in bytes.enumerated() { word |= UInt64(byte) << UInt64(8 * index) }
        let mask: UInt64 = bytes.count == 8 ? ~0 : (1 << UInt64(8 * bytes.count)) - 1
        return (word, mask)
    }

    func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        var grouped = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 4 == 0 { grouped += "_" }
            grouped.append(character)
        }
        return "0x" + grouped
    }

    /// Every key a type's reader knows: its fields, then the keys older versions wrote.
    func keys(_ type: TypeDecl) -> [String] { type.fields.map(\.name) + type.fields.compactMap(\.legacyKey) }

    func emitKeyFunction(_ type: TypeDecl, _ code: inout Code) {
        let keys = keys(type)
        let words = keys.compactMap { key in word(key).map { (key, $0) } }
        let member = "\(type.name)Member"
        var doc = ["The keys of \(type.withArticle), in field order: the bit a member sets in `seen` is",
                   "`1 << rawValue`."]
        let legacy = type.fields.compactMap(\.legacyKey)
        if !legacy.isEmpty { doc[1] += " Keys an older version wrote (\(legacy.map { "`\($0)`" }.joined(separator: ", "))) come last." }
        code.doc(doc)
        code.block("enum \(member): Int") { code in
            code.line("case " + type.fields.map(\.name).joined(separator: ", "))
            if !legacy.isEmpty { code.line("case " + legacy.joined(separator: ", ")) }
        }
        code.line()
        code.doc(["\(type.name)'s key; throws for any other. Keys of up to seven bytes are matched as one word,",
                  "here, in the reading loop; the others, and keys with escapes, by `\(type.kind)KeyByName`."])
        code.line("@inline(__always)")
        code.block("mutating func \(type.kind)Key() throws(Failure) -> \(member)") { code in
            if !words.isEmpty {
                code.block("if end - position >= 9, base[position] == UInt8(ascii: \"\\\"\")") { code in
                    code.line("let word = UInt64(littleEndian: UnsafeRawPointer(base + position + 1).loadUnaligned(as: UInt64.self))")
                    for (key, match) in words {
                        let test = match.mask == ~0 ? "word == \(hex(match.word))" : "word & \(hex(match.mask)) == \(hex(match.word))"
                        code.line("if \(test) { position += \(key.utf8.count + 2); return .\(key) }  // \(key)\"")
                    }
                }
            }
            code.line("return try \(type.kind)KeyByName()")
        }
        code.line()
        code.block("mutating func \(type.kind)KeyByName() throws(Failure) -> \(member)") { code in
            code.block("switch try key()") { code in
                for key in keys { code.line("case \(key.literal): .\(key)") }
                code.line("default: throw Failure()")
            }
        }
        code.line()
    }

    /// How the reader keeps a field's value until the object ends: the local's type.
    func rawType(_ base: FieldType.Base, intoBuilder: Bool) -> String {
        switch base {
        case .id, .reference, .int, .day: "Int"
        case .string: intoBuilder ? "GraphImage.Builder.StringRef" : "String"
        case .bool: "Bool"
        case .birthday: "MonthDay"
        case .value(let name): name
        case .operation: "KithGraph.Operation"
        }
    }

    /// Reading one scalar at the scanner (`scanner` inside closures).
    func read(_ base: FieldType.Base, _ scanner: String, intoBuilder: Bool) -> String {
        switch base {
        case .id, .reference, .int: "try \(scanner).int()"
        case .day: "try \(scanner).day()"
        case .string: intoBuilder ? "try \(scanner).string(into: &builder)" : "try \(scanner).string()"
        case .bool: "try \(scanner).bool()"
        case .birthday: "try \(scanner).monthDay()"
        case .value(let name): "try \(scanner).\(schema.type(named: name)!.kind)Value()"
        case .operation: "try \(scanner).operation()"
        }
    }

    /// A raw value as the model's value.
    func modelValue(_ base: FieldType.Base, _ value: String) -> String {
        base == .day ? "CalendarDate(daysSinceEpoch: \(value))" : value
    }


    /// The object loop shared by every reader: `{`, then each member's key (numbered by `keyFunction`),
    /// checked to come once, its value read by `cases`; the closing brace.
    func emitMembers(_ type: TypeDecl, _ code: inout Code, cases: (inout Code) -> Void) {
        code.line("var seen: UInt64 = 0")
        code.line("try expect(UInt8(ascii: \"{\"))")
        code.line("skipWhitespace()")
        code.block("if peek() == UInt8(ascii: \"}\")", tail: " else {") { code in
            code.line("position += 1")
        }
        code.indented { code in
            code.block("while true") { code in
                code.line("skipWhitespace()")
                code.line("let member = try \(type.kind)Key()")
                code.line("try expect(UInt8(ascii: \":\"))")
                code.line("skipWhitespace()")
                code.line("let bit: UInt64 = 1 << UInt64(member.rawValue)")
                code.line("guard seen & bit == 0 else { throw Failure() }")
                code.line("seen |= bit")
                code.block("switch member") { code in cases(&code) }
                code.line("if try endsAfterItem(UInt8(ascii: \"}\")) { break }")
            }
        }
        code.line("}")
    }

    func requiredMask(_ type: TypeDecl) -> UInt64 {
        var mask: UInt64 = 0
        for (index, field) in type.fields.enumerated() where field.isRequired { mask |= 1 << UInt64(index) }
        return mask
    }

    func emitReader(_ code: inout Code) {
        code.block("extension Scanner") { code in
            for type in schema.types { emitKeyFunction(type, &code) }
            for record in schema.records { emitIntoBuilder(record, &code) }
            for type in schema.types { emitValueReader(type, &code) }
            code.doc(["The record of a put operation under `key`, the name of its kind; nil for a key that names",
                      "no kind of record."])
            code.block("mutating func record(_ key: Key) throws(Failure) -> Record?") { code in
                code.block("switch key") { code in
                    for record in schema.records { code.line("case \(record.kind.literal): .\(record.kind)(try \(record.kind)Value())") }
                    code.line("default: nil")
                }
            }
            code.line()
            code.doc(["A record kind's top-level array, each record into the builder; false for a key that names",
                      "no kind of record (nothing is read)."])
            code.block("mutating func records(_ key: Key, into builder: inout GraphImage.Builder) throws(Failure) -> RecordKind?") { code in
                code.block("switch key") { code in
                    for record in schema.records {
                        code.line("case \(record.plural.literal):")
                        code.line("    try forEach { scanner throws(Failure) in try scanner.\(record.kind)(into: &builder) }")
                        code.line("    return .\(record.kind)")
                    }
                    code.line("default: return nil")
                }
            }
        }
        code.line()
    }

    func emitIntoBuilder(_ record: TypeDecl, _ code: inout Code) {
        let fields = record.fields
        code.doc(["\(record.withArticle.capitalizedFirst), added to the builder: its lists' items as they are read,",
                  "then the rest with `append\(record.name)`."])
        code.block("mutating func \(record.kind)(into builder: inout GraphImage.Builder) throws(Failure)") { code in
            for field in fields where !field.type.isList {
                code.line("var \(field.name): \(field.interned ? "UInt8" : rawType(field.type.base, intoBuilder: true))?")
            }
            emitMembers(record, &code) { code in
                for field in fields {
                    let append = "builder.append\(record.name)\(field.name.capitalized)"
                    code.line("case .\(field.name):")
                    switch (field.type.shape, field.type.base) {
                    case (.list, .value):
                        code.line("    try forEach { scanner throws(Failure) in try scanner.\(record.kind)\(field.name.capitalized)Element(into: &builder) }")
                    case (.list, let base):
                        // `forEach`, written out: a closure per list cost a tenth of reading a store.
                        code.line("    try expect(UInt8(ascii: \"[\"))")
                        code.line("    skipWhitespace()")
                        code.line("    if peek() == UInt8(ascii: \"]\") {")
                        code.line("        position += 1")
                        code.line("    } else {")
                        code.line("        while true {")
                        code.line("            skipWhitespace()")
                        code.line("            \(append)(\(read(base, "self", intoBuilder: true).replacingSelf))")
                        code.line("            if try endsAfterItem(UInt8(ascii: \"]\")) { break }")
                        code.line("        }")
                        code.line("    }")
                    case (_, let base):
                        if field.interned {
                            code.line("    \(field.name) = try interned(in: &builder.columns.\(record.column(field)))")
                        } else {
                            code.line("    \(field.name) = " + read(base, "self", intoBuilder: true).replacingSelf)
                        }
                    }
                }
                for (offset, field) in fields.enumerated() where field.legacyKey != nil {
                    code.line("case .\(field.legacyKey!):")
                    code.line("    // \(field.legacyKey!) (store version \((field.since ?? 2) - 1)): the first of \(field.name), read before it.")
                    code.line("    guard seen & 1 << \(offset) == 0 else { throw Failure() }")
                    code.line("    builder.append\(record.name)\(field.name.capitalized)(\(read(field.type.base, "self", intoBuilder: true).replacingSelf))")
                }
            }
            let required = fields.filter { $0.isRequired && !$0.type.isList }.map(\.name)
            let mask = requiredMask(record)
            code.line("guard \((required.map { "let \($0)" } + ["seen & \(mask) == \(mask)"]).joined(separator: ", ")) else { throw Failure() }")
            let arguments = fields.filter { !$0.type.isList }.map { "\($0.name): \($0.name)" }
            code.line("builder.append\(record.name)(\(arguments.joined(separator: ", ")))")
        }
        code.line()
        for field in fields {
            guard case .value(let valueName) = field.type.base, field.type.isList else { continue }
            let value = schema.type(named: valueName)!
            code.doc(["One of \(record.withArticle)'s \(field.name), added to the builder."])
            code.block("mutating func \(record.kind)\(field.name.capitalized)Element(into builder: inout GraphImage.Builder) throws(Failure)") { code in
                for sub in value.fields { code.line("var \(sub.name): \(rawType(sub.type.base, intoBuilder: true))?") }
                emitMembers(value, &code) { code in
                    for sub in value.fields {
                        code.line("case .\(sub.name): \(sub.name) = " + read(sub.type.base, "self", intoBuilder: true).replacingSelf)
                    }
                }
                let required = value.fields.filter(\.isRequired).map(\.name)
                if !required.isEmpty {
                    code.line("guard \(required.map { "let \($0)" }.joined(separator: ", ")) else { throw Failure() }")
                }
                let arguments = value.fields.map { "\($0.name): \($0.name)" }
                code.line("builder.append\(record.name)\(field.name.capitalized)(\(arguments.joined(separator: ", ")))")
            }
            code.line()
        }
    }

    func emitValueReader(_ type: TypeDecl, _ code: inout Code) {
        let fields = type.fields
        code.doc(["\(type.withArticle.capitalizedFirst) as a value."])
        code.block("mutating func \(type.kind)Value() throws(Failure) -> \(type.name)") { code in
            for field in fields {
                let raw = rawType(field.type.base, intoBuilder: false)
                code.line(field.type.isList ? "var \(field.name): [\(raw)] = []" : "var \(field.name): \(raw)?")
            }
            for field in fields where field.legacyKey != nil {
                code.line("var \(field.legacyKey!): \(rawType(field.type.base, intoBuilder: false))?")
            }
            emitMembers(type, &code) { code in
                for field in fields {
                    let base = field.type.base
                    if field.type.isList {
                        code.line("case .\(field.name): \(field.name) = try array { scanner throws(Failure) in \(read(base, "scanner", intoBuilder: false)) }")
                    } else {
                        code.line("case .\(field.name): \(field.name) = " + read(base, "self", intoBuilder: false).replacingSelf)
                    }
                }
                for field in fields where field.legacyKey != nil {
                    code.line("case .\(field.legacyKey!): \(field.legacyKey!) = " + read(field.type.base, "self", intoBuilder: false).replacingSelf)
                }
            }
            let required = fields.filter { $0.isRequired && !$0.type.isList }.map(\.name)
            let mask = requiredMask(type)
            code.line("guard \((required.map { "let \($0)" } + ["seen & \(mask) == \(mask)"]).joined(separator: ", ")) else { throw Failure() }")
            code.line("return \(type.name)(")
            for (index, field) in fields.enumerated() {
                let comma = index == fields.count - 1 ? "" : ","
                var value: String
                if field.type.isOptional {
                    value = field.type.base == .day ? "\(field.name).map { CalendarDate(daysSinceEpoch: $0) }" : field.name
                } else if field.type.isList {
                    value = field.name
                    if let legacy = field.legacyKey { value = "(\(legacy).map { [$0] } ?? []) + \(field.name)" }
                } else {
                    value = modelValue(field.type.base, field.name)
                }
                code.line("    \(field.name): \(value)\(comma)")
            }
            code.line(")")
        }
        code.line()
    }

    // MARK: - Writing

    /// Writing a value of the base type (`item` a model value, or a row's raw value).
    func write(_ base: FieldType.Base, _ value: String, row: Bool) -> String {
        switch base {
        case .id, .reference, .int: row ? "int(Int(\(value)))" : "int(\(value))"
        case .string: "string(\(value))"
        case .bool: "bool(\(value))"
        case .day: row ? "date(\(value))" : "date(\(value).daysSinceEpoch)"
        case .birthday: "string(\(value).iso)"
        case .value(let name): "\(schema.type(named: name)!.kind)(\(value))"
        case .operation: fatalError("operations are written as a list")
        }
    }

    func emitFieldWrite(_ field: Field, _ source: String, row: Bool, _ code: inout Code) {
        let value = "\(source).\(field.name)"
        let key = "key(\(field.name.literal))"
        func writeList(_ list: String, _ code: inout Code) {
            if field.type.base == .operation {
                code.line("operations(\(list))")
            } else if field.type.base == .string && !row {
                code.line("strings(\(list))")
            } else {
                code.line("beginArray()")
                code.line("for item in \(list) { element(); \(write(field.type.base, "item", row: row && !isValue(field))) }")
                code.line("endArray()")
            }
        }
        switch field.type.shape {
        case .one:
            code.line("\(key); \(write(field.type.base, value, row: row))")
        case .optional:
            code.line("if let \(field.name) = \(value) { \(key); \(write(field.type.base, field.name, row: row)) }")
        case .list:
            if field.always {
                code.line(key)
                writeList(value, &code)
            } else {
                code.block("if !\(value).isEmpty") { code in
                    code.line(key)
                    writeList(value, &code)
                }
            }
        }
    }

    func isValue(_ field: Field) -> Bool { if case .value = field.type.base { true } else { false } }

    func emitWriter(_ code: inout Code) {
        code.block("extension StoreWriter") { code in
            for type in schema.types {
                let name = type.kind
                code.block("mutating func \(name)(_ \(name): \(type.name))") { code in
                    code.line("beginObject()")
                    for field in type.fieldsInKeyOrder { emitFieldWrite(field, name, row: false, &code) }
                    code.line("endObject()")
                }
                code.line()
            }
            for record in schema.records {
                code.block("mutating func \(record.kind)(_ row: GraphImage.\(record.name)Row)") { code in
                    code.line("beginObject()")
                    for field in record.fieldsInKeyOrder { emitFieldWrite(field, "row", row: true, &code) }
                    code.line("endObject()")
                }
                code.line()
                for field in record.fields {
                    guard case .value(let valueName) = field.type.base, field.type.isList else { continue }
                    let value = schema.type(named: valueName)!
                    code.block("mutating func \(value.kind)(_ item: GraphImage.\(record.name)\(field.name.capitalized)Element)") { code in
                        code.line("beginObject()")
                        for sub in value.fieldsInKeyOrder { emitFieldWrite(sub, "item", row: true, &code) }
                        code.line("endObject()")
                    }
                    code.line()
                }
            }
            code.doc(["A record as an object of one key, its kind: `{\"person\": {...}}`."])
            code.block("mutating func record(_ record: Record)") { code in
                code.line("beginObject()")
                code.block("switch record") { code in
                    for record in schema.records {
                        code.line("case .\(record.kind)(let record): key(\(record.kind.literal)); \(record.kind)(record)")
                    }
                }
                code.line("endObject()")
            }
            code.line()
            code.doc(["A put operation's members, `\"op\"` and the record's kind in key order."])
            code.block("mutating func put(_ record: Record)") { code in
                code.block("switch record") { code in
                    for record in schema.records {
                        code.line("case .\(record.kind)(let record):")
                        let op = "key(\"op\"); string(\"put\")", body = "key(\(record.kind.literal)); \(record.kind)(record)"
                        code.line("    " + (record.kind.utf8.lexicographicallyPrecedes("op".utf8) ? "\(body); \(op)" : "\(op); \(body)"))
                    }
                }
            }
        }
        code.line()
    }

    // MARK: - The snapshot

    func emitSnapshot(_ code: inout Code) {
        let records = schema.records
        let owner = schema.owner
        guard case .owner(let ownerKey) = owner.role else { return }
        code.doc(["The snapshot file's top-level object (docs/store-format.md): every record, sorted so that the",
                  "same graph is always written as the same bytes. Foundation's reading and writing of it: the",
                  "fast reader and writer are held to these."])
        code.block("struct Snapshot: Codable") { code in
            code.line("static let format = \"kith\"")
            code.line()
            code.line("var version = FileStorage.currentVersion")
            code.doc(["The last journal transaction folded into this snapshot; replay starts after it."])
            code.line("var journalSeq: Int")
            code.line("var \(ownerKey): \(owner.name)")
            for record in records { code.line("var \(record.plural): [\(record.name)]") }
            code.doc(["Oldest first, as in `Graph.undoLog`."])
            code.line("var undo: [UndoEntry]")
            code.line()
            code.block("enum CodingKeys: String, CodingKey") { code in
                code.line("case format, version, journalSeq, \(ownerKey), " + records.map(\.plural).joined(separator: ", ") + ", undo")
            }
            code.line()
            code.block("init(graph: Graph, journalSeq: Int)") { code in
                code.line("self.journalSeq = journalSeq")
                code.line("\(ownerKey) = graph.owner")
                for record in records {
                    switch record.order {
                    case .id: code.line("\(record.plural) = graph.\(record.plural).values.sorted { $0.id < $1.id }")
                    case .dayThenID(let day):
                        code.line("\(record.plural) = graph.\(record.plural).values.sorted { ($0.\(day), $0.id) < ($1.\(day), $1.id) }")
                    }
                }
                code.line("undo = graph.undoLog")
            }
            code.line()
            code.doc(["The graph this snapshot describes, built through `Graph.apply` so its indexes are right."])
            code.block("var graph: Graph") { code in
                code.line("var graph = Graph()")
                code.line("graph.apply(.setOwner(\(ownerKey)))")
                for record in records { code.line("graph.apply(\(record.plural).map { .put(.\(record.kind)($0)) })") }
                code.line("graph.apply(undo.map(Operation.pushUndo))")
                code.line("return graph")
            }
            code.line()
            code.doc(["The graph this snapshot describes, laid out as an image when it fits one (else as `graph`",
                      "builds it, record by record)."])
            code.block("var imageGraph: Graph") { code in
                code.line("var builder = GraphImage.Builder()")
                for record in records { code.line("\(record.plural).forEach { builder.add($0) }") }
                code.line("guard let image = try? builder.build() else { return graph }")
                code.line("return Graph(image: image, owner: \(ownerKey), undoLog: undo)")
            }
            code.line()
            code.doc(["Checks the format and version before anything else, so a store from a newer kith is refused",
                      "as such rather than as a pile of unknown fields."])
            code.block("init(from decoder: any Decoder) throws") { code in
                code.line("let c = try decoder.container(keyedBy: CodingKeys.self)")
                code.line("let format = try c.decode(String.self, forKey: .format)")
                code.block("guard format == Snapshot.format else") { code in
                    code.line("throw DecodingError.dataCorruptedError(")
                    code.line("    forKey: .format, in: c, debugDescription: \"not a kith store (format is \\\"\\(format)\\\", expected \\\"kith\\\")\")")
                }
                code.line("version = try c.decode(Int.self, forKey: .version)")
                code.block("guard version <= FileStorage.currentVersion else") { code in
                    code.line("throw DecodingError.dataCorruptedError(")
                    code.line("    forKey: .version, in: c,")
                    code.line("    debugDescription: \"this store is version \\(version), newer than this kith reads \"")
                    code.line("        + \"(version \\(FileStorage.currentVersion)); upgrade kith to open it\")")
                }
                code.line("journalSeq = try c.decodeIfPresent(Int.self, forKey: .journalSeq) ?? 0")
                code.line("\(ownerKey) = try c.decodeIfPresent(\(owner.name).self, forKey: .\(ownerKey)) ?? \(owner.name)()")
                for record in records {
                    code.line("\(record.plural) = try c.decodeIfPresent([\(record.name)].self, forKey: .\(record.plural)) ?? []")
                }
                code.line("undo = try c.decodeIfPresent([UndoEntry].self, forKey: .undo) ?? []")
            }
            code.line()
            code.doc(["Empty parts are left out, like empty fields in records."])
            code.block("func encode(to encoder: any Encoder) throws") { code in
                code.line("var c = encoder.container(keyedBy: CodingKeys.self)")
                code.line("try c.encode(Snapshot.format, forKey: .format)")
                code.line("try c.encode(version, forKey: .version)")
                code.line("try c.encode(journalSeq, forKey: .journalSeq)")
                code.line("if \(ownerKey) != \(owner.name)() { try c.encode(\(ownerKey), forKey: .\(ownerKey)) }")
                for record in records { code.line("if !\(record.plural).isEmpty { try c.encode(\(record.plural), forKey: .\(record.plural)) }") }
                code.line("if !undo.isEmpty { try c.encode(undo, forKey: .undo) }")
            }
        }
        code.line()
    }

    // MARK: - Validation

    func emitValidation(_ code: inout Code) {
        let records = schema.records
        code.block("extension Snapshot") { code in
            code.doc(["The first problem the decoder cannot see, in file order by section: a version or",
                      "`journalSeq` out of range, an id out of range or repeated, a value out of its field's",
                      "range, a record naming a person who is not in the store, an undo entry out of range."])
            code.block("func firstProblem() -> ValidationProblem?") { code in
                code.block("if version < 1") { code in
                    code.line("return ValidationProblem(path: [.key(\"version\")], message: \"version \\(version) is not a kith store \"")
                    code.line("                         + \"version (this kith reads version \\(FileStorage.currentVersion))\")")
                }
                code.block("if !(0...largestID).contains(journalSeq)") { code in
                    code.line("return ValidationProblem(path: [.key(\"journalSeq\")], message: \"\\(journalSeq) is out of range (0 to \\(largestID))\")")
                }
                let unique = records.map { "Self.uniqueIDs(\($0.plural.literal), \($0.plural).map(\\.id))" } + ["Self.uniqueIDs(\"undo\", undo.map(\\.id))"]
                code.line("if let problem = " + unique.joined(separator: "\n    ?? ") + " {")
                code.line("    return problem")
                code.line("}")
                for record in records where record.fields.contains(where: { $0.range != nil }) {
                    code.block("for (index, record) in \(record.plural).enumerated()") { code in
                        code.block("if let (key, message) = record.valueProblem") { code in
                            code.line("return ValidationProblem(path: [.key(\(record.plural.literal)), .index(index), .key(key)], message: message)")
                        }
                    }
                }
                let referring = records.filter { $0.fields.contains { $0.type.base == .reference("Person") } }
                if !referring.isEmpty {
                    code.line("let personIDs = Set(people.map(\\.id))")
                    code.block("func missing(_ section: String, _ index: Int, _ field: [JSONLocator.PathComponent], kind: String, id: RecordID, person: RecordID) -> ValidationProblem") { code in
                        code.line("ValidationProblem(path: [.key(section), .index(index)] + field,")
                        code.line("                  message: \"\\(kind) \\(id) names person \\(person), who is not in the store\")")
                    }
                }
                for record in referring {
                    code.block("for (index, record) in \(record.plural).enumerated()") { code in
                        for field in record.fields where field.type.base == .reference("Person") {
                            let owner = field.orOwner ? " && \(field.name) != ownerID" : ""
                            let args = "kind: \(record.kind.literal), id: record.id, person: "
                            switch field.type.shape {
                            case .list:
                                code.block("for (position, person) in record.\(field.name).enumerated() where !personIDs.contains(person)") { code in
                                    code.line("return missing(\(record.plural.literal), index, [.key(\(field.name.literal)), .index(position)], \(args)person)")
                                }
                            case .optional:
                                code.block("if let \(field.name) = record.\(field.name), !personIDs.contains(\(field.name))\(owner)") { code in
                                    code.line("return missing(\(record.plural.literal), index, [.key(\(field.name.literal))], \(args)\(field.name))")
                                }
                            case .one:
                                let notOwner = field.orOwner ? " && record.\(field.name) != ownerID" : ""
                                code.block("if !personIDs.contains(record.\(field.name))\(notOwner)") { code in
                                    code.line("return missing(\(record.plural.literal), index, [.key(\(field.name.literal))], \(args)record.\(field.name))")
                                }
                            }
                        }
                    }
                }
                code.block("for (index, entry) in undo.enumerated()") { code in
                    code.block("for (position, operation) in entry.inverse.enumerated()") { code in
                        code.block("if let message = operation.rangeProblem") { code in
                            code.line("return ValidationProblem(path: [.key(\"undo\"), .index(index), .key(\"inverse\"), .index(position)],")
                            code.line("                         message: message)")
                        }
                    }
                }
                code.line("return nil")
            }
        }
        code.line()
    }

    // MARK: - The snapshot plan

    func emitPlan(_ code: inout Code) {
        let records = schema.records
        guard case .owner(let ownerKey) = schema.owner.role else { return }
        var members: [(String, String)] = [("format", ".format"), ("journalSeq", ".journalSeq"), (ownerKey, ".owner"),
                                            ("undo", ".undo"), ("version", ".version")]
        members += records.map { ($0.plural, ".records(.\($0.kind))") }
        members.sort { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
        code.block("extension SnapshotPlan") { code in
            code.doc(["The snapshot's top-level members in the order they are written: by key."])
            code.line("static let members: [Member] = [" + members.map(\.1).joined(separator: ", ") + "]")
            code.line()
            code.doc(["The top-level key of a kind's array."])
            code.block("static func key(_ kind: RecordKind) -> StaticString") { code in
                code.block("switch kind") { code in
                    for record in records { code.line("case .\(record.kind): \(record.plural.literal)") }
                }
            }
            code.line()
            code.doc(["Each kind's records in store order."])
            code.block("struct Orders: Sendable") { code in
                for record in records { code.line("let \(record.kind): StoreOrder<\(record.name)>") }
                code.line()
                code.block("init(_ graph: Graph)") { code in
                    for record in records { code.line("\(record.kind) = graph.\(record.plural)InStoreOrder") }
                }
                code.line()
                code.block("func rowCount(_ kind: RecordKind) -> Int") { code in
                    code.block("switch kind") { code in
                        for record in records { code.line("case .\(record.kind): \(record.kind).rowCount") }
                    }
                }
            }
            code.line()
            code.doc(["Writes the records of `kind` whose place falls in `rows`, each as an array element."])
            code.block("func writeRecords(_ kind: RecordKind, rows: Range<Int>, into writer: inout StoreWriter)") { code in
                code.line("let image = graph.image")
                code.block("switch kind") { code in
                    for record in records {
                        code.line("case .\(record.kind):")
                        code.line("    orders.\(record.kind).forEach(rows: rows) { item in")
                        code.line("        writer.element()")
                        code.line("        switch item {")
                        code.line("        case .stored(let row): writer.\(record.kind)(image.\(record.kind)Row(at: row))")
                        code.line("        case .changed(let record): writer.\(record.kind)(record)")
                        code.line("        }")
                        code.line("    }")
                    }
                }
            }
        }
        code.line()
    }
}

extension String {
    /// `self` with `try self.` written as `try ` (a read at the scanner itself).
    var replacingSelf: String {
        var result = self
        if result.hasPrefix("try self.") { result = "try " + result.dropFirst("try self.".count) }
        return result
    }

    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
