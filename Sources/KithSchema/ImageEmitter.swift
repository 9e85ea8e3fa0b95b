/// Writes KithGraph's `RecordColumns.swift`: how each record kind is laid out in a graph image,
/// one column per field (docs/store-format.md, "Image"). The builder's columns, their order in
/// the image, the image's view of them, records and rows read back out of them, and the rules a
/// store's records keep, checked on the columns.
///
/// A field's column holds one element per record:
///
/// | field | element | absent |
/// |---|---|---|
/// | `ID`, `X.id` | `Int32` | `Int32.min` |
/// | `Int` | `Int64` | `Int64.min` |
/// | `String` | `UInt64`: offset << 32 \| length in the image's text | `UInt64.max` |
/// | `String interned` | `UInt8`: index into the field's table of names | — |
/// | `Bool` | `UInt8` | — |
/// | `Day` | `Int32`: days since 1970-01-01 | `Int32.min` |
/// | `Birthday` | `Int64` (`GraphImage.code(_:)`) | `Int64.min` |
///
/// A list is two columns: `…Start` (one more element than records: where each record's items
/// start) and the items; a list of a value type has one items column per field of the value.
struct ImageEmitter {
    let schema: Schema

    /// One column of the image.
    struct Column {
        enum Count { case records, start, items(String), names, byID }
        var name: String
        var element: String
        var count: Count
    }

    func element(_ base: FieldType.Base, interned: Bool = false) -> String {
        switch base {
        case .id, .reference, .day: "Int32"
        case .int, .birthday: "Int64"
        case .string: interned ? "UInt8" : "UInt64"
        case .bool: "UInt8"
        case .value, .operation: fatalError("no column for \(base)")
        }
    }

    func columns(_ record: TypeDecl) -> [Column] {
        var columns: [Column] = []
        for field in record.fields {
            let name = record.column(field)
            switch (field.type.shape, field.type.base) {
            case (.list, .value(let valueName)):
                columns.append(Column(name: name + "Start", element: "UInt32", count: .start))
                for sub in schema.type(named: valueName)!.fields {
                    columns.append(Column(name: name + sub.name.capitalized, element: element(sub.type.base), count: .items(name + "Start")))
                }
            case (.list, let base):
                columns.append(Column(name: name + "Start", element: "UInt32", count: .start))
                columns.append(Column(name: name, element: element(base), count: .items(name + "Start")))
            case (_, let base):
                columns.append(Column(name: name, element: element(base, interned: field.interned), count: .records))
                if field.interned { columns.append(Column(name: name + "Names", element: "UInt64", count: .names)) }
            }
        }
        if case .dayThenID = record.order { columns.append(Column(name: record.kind + "ByID", element: "UInt32", count: .byID)) }
        return columns
    }

    var allColumns: [Column] { schema.records.flatMap(columns) }

    /// A hash of every column's name and element type: an image made with other columns is
    /// another layout, and is rebuilt rather than misread.
    var fingerprint: UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for column in allColumns {
            for byte in (column.name + ":" + column.element + ";").utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
        }
        return hash
    }

    /// The image's part of KithGraph's generated file (it follows `ModelEmitter`'s).
    func emit() -> String {
        var code = Code()
        code.line("// MARK: - The graph image's columns")
        code.line()
        emitSections(&code)
        emitBuilderColumns(&code)
        emitAdd(&code)
        emitOrdersAndLayouts(&code)
        emitImageColumns(&code)
        emitRecordsAndRows(&code)
        emitRules(&code)
        return code.text
    }

    // MARK: - Sections

    func emitSections(_ code: inout Code) {
        code.doc(["The record columns' sections, after `Section`'s in the image's section table."])
        code.block("enum ColumnSection: Int, CaseIterable") { code in
            for column in allColumns { code.line("case \(column.name)") }
            code.line()
            code.doc(["A hash of the columns' names and types, part of the layout's version."])
            code.line("static let fingerprint: UInt64 = 0x\(String(fingerprint, radix: 16, uppercase: true))")
        }
        code.line()
    }

    // MARK: - Builder

    /// The builder's columns: the image's, before they are put in store order, with list ends
    /// (`…End`: after each record, how many items there are) instead of starts.
    func emitBuilderColumns(_ code: inout Code) {
        code.block("extension GraphImage") { code in
            code.doc(["The records a builder holds, one array per field, in the order they were added. A reader",
                      "appends to them directly; each record appends exactly one element to each of its kind's",
                      "columns (a list: its items, then its end)."])
            code.block("public struct BuilderColumns: Sendable") { code in
                for record in schema.records {
                    for field in record.fields {
                        let name = record.column(field)
                        switch (field.type.shape, field.type.base) {
                        case (.list, .value(let valueName)):
                            code.line("public var \(name)End: [UInt32] = []")
                            for sub in schema.type(named: valueName)!.fields {
                                code.line("public var \(name)\(sub.name.capitalized): [\(element(sub.type.base))] = []")
                            }
                        case (.list, let base):
                            code.line("public var \(name)End: [UInt32] = []")
                            code.line("public var \(name): [\(element(base))] = []")
                        case (_, let base):
                            code.line(field.interned ? "public var \(name) = InternedColumn()"
                                                     : "public var \(name): [\(element(base))] = []")
                        }
                    }
                }
                code.line()
                code.doc(["How many records of each kind were added (by `RecordKind.slot`), repeated ids included."])
                code.block("public var addedCounts: [Int]") { code in
                    code.line("[" + schema.records.map { "\($0.kind)ID.count" }.joined(separator: ", ") + "]")
                }
                code.line()
                code.doc(["Room for about `count` more records of `kind`."])
                code.block("mutating func reserve(_ kind: RecordKind, _ count: Int)") { code in
                    code.block("switch kind") { code in
                        for record in schema.records {
                            code.line("case .\(record.kind):")
                            for field in record.fields where !field.type.isList || !isValueList(field) {
                                let name = record.column(field)
                                if field.interned {
                                    code.line("    HugePages.reserve(&\(name).values, count)")
                                } else if field.type.isList {
                                    code.line("    HugePages.reserve(&\(name)End, count)")
                                    code.line("    HugePages.reserve(&\(name), count + count / 4)")
                                } else {
                                    code.line("    HugePages.reserve(&\(name), count)")
                                }
                            }
                        }
                    }
                }
                code.line()
                code.doc(["Appends `other`'s records after these, as if added here in the same order: its strings",
                          "moved by `textShift` (they follow this builder's text), its list ends moved past these",
                          "items, its interned names looked up here."])
                code.block("mutating func append(_ other: BuilderColumns, textShift: UInt64, problem: inout String?)") { code in
                    for record in schema.records {
                        for field in record.fields { appendField(record, field, &code) }
                    }
                }
            }
        }
        code.line()
    }

    func isValueList(_ field: Field) -> Bool {
        if case .value = field.type.base, field.type.isList { return true }
        return false
    }

    func appendField(_ record: TypeDecl, _ field: Field, _ code: inout Code) {
        let name = record.column(field)
        func items(_ column: String, _ base: FieldType.Base) {
            if base == .string {
                code.line("GraphImage.Builder.appendStrings(&\(column), other.\(column), shift: textShift)")
            } else {
                code.line("\(column).append(contentsOf: other.\(column))")
            }
        }
        switch (field.type.shape, field.type.base) {
        case (.list, .value(let valueName)):
            let subs = schema.type(named: valueName)!.fields
            code.line("GraphImage.Builder.appendEnds(&\(name)End, other.\(name)End, after: \(name)\(subs[0].name.capitalized).count)")
            for sub in subs { items(name + sub.name.capitalized, sub.type.base) }
        case (.list, let base):
            code.line("GraphImage.Builder.appendEnds(&\(name)End, other.\(name)End, after: \(name).count)")
            items(name, base)
        case (_, let base):
            if field.interned {
                code.line("\(name).append(other.\(name), problem: &problem)")
            } else {
                items(name, base)
            }
        }
    }

    // MARK: - Adding values

    func encode(_ base: FieldType.Base, optional: Bool, _ value: String, what: String) -> String {
        switch base {
        case .id, .reference:
            optional ? "\(value).map { narrow($0, \(what.literal)) } ?? .min" : "narrow(\(value), \(what.literal))"
        case .int: "wide(\(value))"
        case .string: optional ? "\(value).map { string($0) } ?? .absent" : "string(\(value))"
        case .bool: "\(value) ? 1 : 0"
        case .day:
            optional ? "\(value).map { narrow($0.daysSinceEpoch, \(what.literal)) } ?? .min"
                     : "narrow(\(value).daysSinceEpoch, \(what.literal))"
        case .birthday: "birthdayCode(\(value))"
        case .value, .operation: fatalError("no column for \(base)")
        }
    }

    func emitAdd(_ code: inout Code) {
        code.block("extension GraphImage.Builder") { code in
            for record in schema.records {
                code.doc(["Adds \(record.withArticle); a record with the id of one added before replaces it."])
                code.block("public mutating func add(_ record: \(record.name))") { code in
                    for field in record.fields {
                        let name = record.column(field)
                        let what = "\(record.kind).\(field.name)"
                        switch (field.type.shape, field.type.base) {
                        case (.list, .value(let valueName)):
                            let subs = schema.type(named: valueName)!.fields
                            code.block("for item in record.\(field.name)") { code in
                                for sub in subs {
                                    let local = "item" + sub.name.capitalized
                                    code.line("let \(local): \(element(sub.type.base)) = " + encode(sub.type.base, optional: sub.type.isOptional,
                                                                          "item.\(sub.name)", what: what + "." + sub.name))
                                    code.line("columns.\(name)\(sub.name.capitalized).append(\(local))")
                                }
                            }
                            code.line("columns.\(name)End.append(UInt32(truncatingIfNeeded: columns.\(name)\(subs[0].name.capitalized).count))")
                        case (.list, let base):
                            code.block("for item in record.\(field.name)") { code in
                                code.line("let value: \(element(base)) = " + encode(base, optional: false, "item", what: what))
                                code.line("columns.\(name).append(value)")
                            }
                            code.line("columns.\(name)End.append(UInt32(truncatingIfNeeded: columns.\(name).count))")
                        case (let shape, let base):
                            if field.interned {
                                code.line("let \(field.name) = columns.\(name).add(record.\(field.name))")
                                code.line("if !\(field.name) { problem = problem ?? \"more than 255 distinct values of \(what)\" }")
                            } else {
                                code.line("let \(field.name): \(element(base)) = " + encode(base, optional: shape == .optional, "record.\(field.name)", what: what))
                                code.line("columns.\(name).append(\(field.name))")
                            }
                        }
                    }
                }
                code.line()
            }
            for record in schema.records { emitAppend(record, &code) }
            code.doc(["Adds a record of any kind."])
            code.block("public mutating func add(_ record: Record)") { code in
                code.block("switch record") { code in
                    for record in schema.records { code.line("case .\(record.kind)(let record): add(record)") }
                }
            }
        }
        code.line()
    }

    /// A reader's raw value of the base type: what `StoreReader`'s scanner reads, before it becomes a
    /// column element.
    func raw(_ base: FieldType.Base, interned: Bool = false) -> String {
        switch base {
        case .id, .reference, .int, .day: "Int"
        case .string: interned ? "UInt8" : "StringRef"
        case .bool: "Bool"
        case .birthday: "MonthDay"
        case .value, .operation: fatalError("no column for \(base)")
        }
    }

    /// A raw value as its column's element.
    func element(from base: FieldType.Base, optional: Bool, _ value: String, what: String, interned: Bool = false) -> String {
        switch base {
        case .id, .reference, .day:
            optional ? "\(value).map { narrow($0, \(what.literal)) } ?? .min" : "narrow(\(value), \(what.literal))"
        case .int: "wide(\(value))"
        case .string: interned ? value : optional ? "\(value) ?? .absent" : value
        case .bool: "\(value) ? 1 : 0"
        case .birthday: "birthdayCode(\(value))"
        case .value, .operation: fatalError("no column for \(base)")
        }
    }

    /// The functions a reader fills a builder with, one call per record and one per list item: the
    /// columns are appended to here, in KithGraph, where the appends are inlined (from another
    /// module each cost a call into the standard library).
    func emitAppend(_ record: TypeDecl, _ code: inout Code) {
        for field in record.fields where field.type.isList {
            let name = record.column(field)
            let what = "\(record.kind).\(field.name)"
            let function = "append\(record.name)\(field.name.capitalized)"
            if case .value(let valueName) = field.type.base {
                let subs = schema.type(named: valueName)!.fields
                let parameters = subs.map { "\($0.name): \(raw($0.type.base))\($0.type.isOptional ? "?" : "")" }
                code.doc(["One of the \(field.name) of the next \(record.kind) a reader adds."])
                code.block("public mutating func \(function)(\(parameters.joined(separator: ", ")))") { code in
                    for sub in subs {
                        code.line("let \(sub.name): \(element(sub.type.base)) = "
                                  + element(from: sub.type.base, optional: sub.type.isOptional, sub.name, what: what + "." + sub.name))
                        code.line("columns.\(name)\(sub.name.capitalized).append(\(sub.name))")
                    }
                }
            } else {
                code.doc(["One of the \(field.name) of the next \(record.kind) a reader adds."])
                code.block("public mutating func \(function)(_ item: \(raw(field.type.base)))") { code in
                    code.line("let value: \(element(field.type.base)) = " + element(from: field.type.base, optional: false, "item", what: what))
                    code.line("columns.\(name).append(value)")
                }
            }
            code.line()
        }
        let scalars = record.fields.filter { !$0.type.isList }
        let parameters = scalars.map { "\($0.name): \(raw($0.type.base, interned: $0.interned))\($0.type.isOptional ? "?" : "")" }
        code.doc(["Adds \(record.withArticle) a reader read field by field, raw: the items of its lists were added",
                  "before, with `append\(record.name)…(_:)`."])
        code.block("public mutating func append\(record.name)(\(parameters.joined(separator: ", ")))") { code in
            for field in record.fields {
                let name = record.column(field)
                switch (field.type.shape, field.type.base) {
                case (.list, .value(let valueName)):
                    let first = schema.type(named: valueName)!.fields[0].name.capitalized
                    code.line("columns.\(name)End.append(UInt32(truncatingIfNeeded: columns.\(name)\(first).count))")
                case (.list, _):
                    code.line("columns.\(name)End.append(UInt32(truncatingIfNeeded: columns.\(name).count))")
                case (let shape, let base):
                    if field.interned {
                        code.line("columns.\(name).values.append(\(field.name))")
                    } else {
                        code.line("let \(field.name): \(element(base)) = " + element(from: base, optional: shape == .optional, field.name,
                                                                                   what: "\(record.kind).\(field.name)"))
                        code.line("columns.\(name).append(\(field.name))")
                    }
                }
            }
        }
        code.line()
    }

    // MARK: - Laying out

    func emitOrdersAndLayouts(_ code: inout Code) {
        let records = schema.records
        code.doc(["Each kind's records in store order: people by id, interactions by (date, id), …; of several",
                  "records with one id, the last added."])
        code.block("struct RecordOrders") { code in
            for record in records { code.line("var \(record.kind): RowOrder") }
            code.line()
            code.block("init(_ columns: GraphImage.BuilderColumns)") { code in
                for record in records {
                    switch record.order {
                    case .id: code.line("\(record.kind) = .byID(columns.\(record.kind)ID)")
                    case .dayThenID(let day):
                        code.line("\(record.kind) = .byDayThenID(days: columns.\(record.kind)\(day.capitalized), ids: columns.\(record.kind)ID)")
                    }
                }
            }
            code.line()
            code.doc(["The header's count words: records of each kind, flags (bit k: kind k's ids ascend in row",
                      "order), and the highest id of each kind."])
            code.block("var counts: [Int]") { code in
                code.line("let orders = [" + records.map(\.kind).joined(separator: ", ") + "]")
                code.line("var flags = 0")
                code.line("for (k, order) in orders.enumerated() where order.idsAscend { flags |= 1 << k }")
                code.line("return orders.map(\\.count) + [flags] + orders.map { Int($0.highestID) }")
            }
        }
        code.line()
        for record in records {
            let columns = self.columns(record)
            code.doc(["The \(record.plural)' columns in store order."])
            code.block("struct \(record.name)Layout") { code in
                for column in columns {
                    code.line("var \(column.name): [\(column.count.isNames ? "[UInt8]" : column.element)]")
                }
                code.line()
                code.block("init(_ columns: GraphImage.BuilderColumns, _ order: RowOrder)") { code in
                    for field in record.fields {
                        let name = record.column(field)
                        switch (field.type.shape, field.type.base) {
                        case (.list, .value(let valueName)):
                            code.line("\(name)Start = order.starts(columns.\(name)End)")
                            for sub in schema.type(named: valueName)!.fields {
                                let items = name + sub.name.capitalized
                                code.line("\(items) = order.items(columns.\(items), end: columns.\(name)End)")
                            }
                        case (.list, _):
                            code.line("\(name)Start = order.starts(columns.\(name)End)")
                            code.line("\(name) = order.items(columns.\(name), end: columns.\(name)End)")
                        case _:
                            if field.interned {
                                code.line("\(name) = order.gather(columns.\(name).values)")
                                code.line("\(name)Names = columns.\(name).names")
                            } else {
                                code.line("\(name) = order.gather(columns.\(name))")
                            }
                        }
                    }
                    if case .dayThenID = record.order { code.line("\(record.kind)ByID = order.byID") }
                }
                code.line()
                code.block("func put(into out: inout LayoutWriter)") { code in
                    for column in columns {
                        if column.count.isNames {
                            code.line("out.put(.\(column.name), \(column.name).map { out.appendString($0) })")
                        } else {
                            code.line("out.put(.\(column.name), \(column.name))")
                        }
                    }
                }
            }
            code.line()
        }
        code.doc(["Every kind's columns in store order. Its initialiser names every kind, so a layout cannot",
                  "leave one out."])
        code.block("struct RecordLayouts") { code in
            for record in records { code.line("var \(record.kind): \(record.name)Layout") }
            code.line()
            code.block("func put(into out: inout LayoutWriter)") { code in
                for record in records { code.line("\(record.kind).put(into: &out)") }
            }
        }
        code.line()
    }

    // MARK: - Reading the image

    func emitImageColumns(_ code: inout Code) {
        let records = schema.records
        code.block("extension GraphImage") { code in
            code.doc(["The record columns of an image, read in place."])
            code.block("struct Columns") { code in
                for column in allColumns {
                    if column.count.isNames {
                        code.line("let \(column.name): [String]")
                        code.line("let \(column.name)Refs: [UInt64]")
                    } else {
                        code.line("let \(column.name): UnsafeBufferPointer<\(column.element)>")
                    }
                }
                code.line()
                code.doc(["Reads every column, checking each holds as many elements as its records need."])
                code.block("init(_ read: SectionReader) throws") { code in
                    for (index, record) in records.enumerated() {
                        code.line("let \(record.kind)Count = read.counts[\(index)]")
                        for column in columns(record) {
                            let type = "\(column.element).self"
                            switch column.count {
                            case .records:
                                code.line("\(column.name) = try read.column(.\(column.name), \(type), count: \(record.kind)Count)")
                            case .start:
                                code.line("\(column.name) = try read.column(.\(column.name), \(type), count: \(record.kind)Count + 1)")
                            case .items(let start):
                                code.line("\(column.name) = try read.column(.\(column.name), \(type), count: Int(\(start)[\(record.kind)Count]))")
                            case .names:
                                code.line("\(column.name)Refs = Array(try read.column(.\(column.name), \(type)))")
                                code.line("\(column.name) = try \(column.name)Refs.map { try read.string($0) }")
                            case .byID:
                                code.line("\(column.name) = try read.column(.\(column.name), \(type), "
                                          + "count: read.idsAscend(\(index)) ? 0 : \(record.kind)Count)")
                            }
                        }
                    }
                }
            }
            code.line()
            for (index, record) in records.enumerated() {
                code.line("public var \(record.plural)Count: Int { recordCounts[\(index)] }")
            }
            code.line()
            for column in allColumns {
                if column.count.isNames {
                    code.line("var \(column.name): [String] { columns.\(column.name) }")
                    code.line("var \(column.name)Refs: [UInt64] { columns.\(column.name)Refs }")
                } else {
                    code.line("var \(column.name): UnsafeBufferPointer<\(column.element)> { columns.\(column.name) }")
                }
            }
        }
        code.line()
    }

    // MARK: - Records and rows

    func decode(_ base: FieldType.Base, optional: Bool, _ value: String, interned: String? = nil) -> String {
        switch base {
        case .id, .reference, .int: optional ? "\(value) == .min ? nil : Int(\(value))" : "Int(\(value))"
        case .string:
            if let interned { "\(interned)Names[Int(\(value))]" } else { optional ? "text(\(value))" : "text(\(value)) ?? \"\"" }
        case .bool: "\(value) != 0"
        case .day:
            optional ? "\(value) == .min ? nil : CalendarDate(daysSinceEpoch: Int(\(value)))"
                     : "CalendarDate(daysSinceEpoch: Int(\(value)))"
        case .birthday: optional ? "Self.birthday(\(value))" : "Self.birthday(\(value))!"
        case .value, .operation: fatalError("no column for \(base)")
        }
    }

    /// A row accessor's type and expression, reading the field's UTF-8 in place.
    func raw(_ base: FieldType.Base, optional: Bool, _ value: String, interned: String? = nil) -> (type: String, expression: String) {
        switch base {
        case .id, .reference, .int, .day:
            (optional ? "Int?" : "Int", optional ? "\(value) == .min ? nil : Int(\(value))" : "Int(\(value))")
        case .string:
            if let interned {
                ("UnsafeBufferPointer<UInt8>", "image.utf8(image.\(interned)NamesRefs[Int(\(value))])")
            } else if optional {
                ("UnsafeBufferPointer<UInt8>?", "\(value) == .absent ? nil : image.utf8(\(value))")
            } else {
                ("UnsafeBufferPointer<UInt8>", "image.utf8(\(value))")
            }
        case .bool: ("Bool", "\(value) != 0")
        case .birthday: (optional ? "MonthDay?" : "MonthDay", optional ? "GraphImage.birthday(\(value))" : "GraphImage.birthday(\(value))!")
        case .value, .operation: fatalError("no column for \(base)")
        }
    }

    func emitRecordsAndRows(_ code: inout Code) {
        let records = schema.records
        code.block("extension GraphImage") { code in
            for record in records {
                let kind = record.kind
                code.doc(["The row of the \(kind) with this id."])
                switch record.order {
                case .id:
                    code.doc(["- Complexity: O(1) when ids run 1, 2, 3… as generated and imported stores' do; else O(log n)."])
                    code.block("func \(kind)Row(_ id: RecordID) -> Int?") { code in
                        code.line("if id >= 1 && id <= \(record.plural)Count && Int(\(kind)ID[id - 1]) == id { return id - 1 }")
                        code.line("return Self.search(\(kind)ID, id)")
                    }
                case .dayThenID:
                    code.doc(["- Complexity: O(log n)"])
                    code.block("func \(kind)Row(_ id: RecordID) -> Int?") { code in
                        code.line("Self.row(of: id, ids: \(kind)ID, byID: \(kind)ByID, idsAscend: idsAscend(\(records.firstIndex { $0.name == record.name }!)))")
                    }
                }
                code.line()
                code.block("func \(kind)(at row: Int) -> \(record.name)") { code in
                    code.line("\(record.name)(")
                    for (index, field) in record.fields.enumerated() {
                        let comma = index == record.fields.count - 1 ? "" : ","
                        let name = record.column(field)
                        let expression: String
                        switch (field.type.shape, field.type.base) {
                        case (.list, .value(let valueName)):
                            let value = schema.type(named: valueName)!
                            let parts = value.fields.map { sub in
                                "\(sub.name): " + decode(sub.type.base, optional: sub.type.isOptional, "\(name)\(sub.name.capitalized)[$0]")
                            }
                            expression = "(Int(\(name)Start[row])..<Int(\(name)Start[row + 1])).map { \(valueName)(\(parts.joined(separator: ", "))) }"
                        case (.list, let base):
                            expression = "(Int(\(name)Start[row])..<Int(\(name)Start[row + 1])).map { "
                                + decode(base, optional: false, "\(name)[$0]") + " }"
                        case (let shape, let base):
                            expression = decode(base, optional: shape == .optional, "\(name)[row]", interned: field.interned ? name : nil)
                        }
                        code.line("    \(field.name): \(expression)\(comma)")
                    }
                    code.line(")")
                }
                code.line()
            }
            code.doc(["Every record in the image, kind by kind, each in store order."])
            code.block("public var allRecords: [Record]") { code in
                code.line("var records: [Record] = []")
                for record in records {
                    code.line("records += (0..<\(record.plural)Count).map { .\(record.kind)(\(record.kind)(at: $0)) }")
                }
                code.line("return records")
            }
            code.line()
            code.doc(["Where each kind's rows are in a different order than `rebuilt`'s."])
            code.block("func rowOrderProblems(comparedWith rebuilt: GraphImage) -> [String]") { code in
                code.line("var problems: [String] = []")
                for record in records {
                    code.line("if Array(\(record.kind)ID) != Array(rebuilt.\(record.kind)ID) { problems.append(\"image: \(record.kind) order\") }")
                }
                code.line("return problems")
            }
        }
        code.line()
        // Rows: the raw fields, for a writer that must not build records.
        code.block("extension GraphImage") { code in
            for record in records {
                let rowType = "\(record.name)Row"
                code.doc(["\(record.withArticle.prefix(1).uppercased() + record.withArticle.dropFirst()) in place: strings as the image's UTF-8, days as days since 1970-01-01."])
                code.block("public struct \(rowType)") { code in
                    code.line("let image: GraphImage")
                    code.line("let row: Int")
                    for field in record.fields {
                        let name = record.column(field)
                        code.line()
                        switch (field.type.shape, field.type.base) {
                        case (.list, .value(let valueName)):
                            code.line("public var \(field.name): some RandomAccessCollection<\(record.name)\(field.name.capitalized)Element> {")
                            code.line("    (Int(image.\(name)Start[row])..<Int(image.\(name)Start[row + 1])).lazy.map { [image] in "
                                      + "\(record.name)\(field.name.capitalized)Element(image: image, index: $0) }")
                            code.line("}")
                            _ = valueName
                        case (.list, .string):
                            code.line("public var \(field.name): some RandomAccessCollection<UnsafeBufferPointer<UInt8>> {")
                            code.line("    (Int(image.\(name)Start[row])..<Int(image.\(name)Start[row + 1])).lazy.map { [image] in "
                                      + "image.utf8(image.\(name)[$0]) }")
                            code.line("}")
                        case (.list, let base):
                            code.line("public var \(field.name): UnsafeBufferPointer<\(element(base))> {")
                            code.line("    UnsafeBufferPointer(rebasing: image.\(name)[Int(image.\(name)Start[row])..<Int(image.\(name)Start[row + 1])])")
                            code.line("}")
                        case (let shape, let base):
                            let (type, expression) = raw(base, optional: shape == .optional, "image.\(name)[row]",
                                                         interned: field.interned ? name : nil)
                            code.line("public var \(field.name): \(type) { \(expression) }")
                        }
                    }
                }
                code.line()
                for field in record.fields {
                    guard case .value(let valueName) = field.type.base, field.type.isList else { continue }
                    let name = record.column(field)
                    code.doc(["One of \(record.withArticle)'s \(field.name), in place."])
                    code.block("public struct \(record.name)\(field.name.capitalized)Element") { code in
                        code.line("let image: GraphImage")
                        code.line("let index: Int")
                        for sub in schema.type(named: valueName)!.fields {
                            let (type, expression) = raw(sub.type.base, optional: sub.type.isOptional,
                                                         "image.\(name)\(sub.name.capitalized)[index]")
                            code.line("public var \(sub.name): \(type) { \(expression) }")
                        }
                    }
                    code.line()
                }
                code.line("public func \(record.kind)Row(at row: Int) -> \(rowType) { \(rowType)(image: self, row: row) }")
                code.line()
            }
        }
        code.line()
        for record in records {
            code.block("extension \(record.name): StoredRecord") { code in
                code.line("public static func count(in image: GraphImage) -> Int { image.\(record.plural)Count }")
                code.line("public static func row(of id: RecordID, in image: GraphImage) -> Int? { image.\(record.kind)Row(id) }")
                code.line("public static func id(at row: Int, in image: GraphImage) -> RecordID { Int(image.\(record.kind)ID[row]) }")
                code.line("public static func record(at row: Int, in image: GraphImage) -> \(record.name) { image.\(record.kind)(at: row) }")
            }
            code.line()
        }
    }

    // MARK: - Rules

    func emitRules(_ code: inout Code) {
        let records = schema.records
        code.block("extension GraphImage") { code in
            code.doc(["Whether the image's records keep the rules a store's records must keep (docs/store-format.md,",
                      "\"Validation\"), answered on the columns: ids of 1 or more, every value within its field's",
                      "range, and every person a record names in the image (or the owner, where a field allows",
                      "it). Ids are unique by construction; `Builder.addedCounts` tells whether any repeated.",
                      "- Complexity: O(n) over the columns, when person ids are about as many as people (else",
                      "  O(n log p))."])
            code.block("public func keepsStoreRules() -> Bool") { code in
                for record in records {
                    code.line("guard \(record.kind)ID.allSatisfy({ $0 >= 1 }) else { return false }")
                }
                code.line("let known = KnownPeople(self)")
                for record in records {
                    for field in record.fields {
                        let name = record.column(field)
                        if let range = field.range {
                            code.line("guard \(name).allSatisfy({ $0 == .min || (\(range.low)...\(range.high)).contains($0) }) else { return false }")
                        }
                        guard case .reference = field.type.base else { continue }
                        switch field.type.shape {
                        case .one, .list:
                            code.line(field.orOwner ? "guard \(name).allSatisfy({ $0 == 0 || known.contains($0) }) else { return false }"
                                                    : "guard \(name).allSatisfy(known.contains) else { return false }")
                        case .optional:
                            code.line("guard \(name).allSatisfy({ $0 == .min\(field.orOwner ? " || $0 == 0" : "") || known.contains($0) }) else { return false }")
                        }
                    }
                }
                code.line("return true")
            }
            code.line()
            code.doc(["Whether any of the image's records still in `graph` names one of `people` (person ids of",
                      "the image deleted since)."])
            code.block("func anyLiveRecord(naming people: Set<Int32>, in graph: Graph) -> Bool") { code in
                for record in records {
                    let references = record.fields.filter { if case .reference = $0.type.base { true } else { false } }
                    for field in references {
                        let name = record.column(field)
                        if field.type.isList {
                            code.block("for row in 0..<\(record.plural)Count where graph.\(record.plural).isLive(row: row)") { code in
                                code.line("for index in Int(\(name)Start[row])..<Int(\(name)Start[row + 1]) where people.contains(\(name)[index]) { return true }")
                            }
                        } else {
                            code.line("for row in 0..<\(record.plural)Count where people.contains(\(name)[row]) && graph.\(record.plural).isLive(row: row) { return true }")
                        }
                    }
                }
                code.line("return false")
            }
        }
        code.line()
        for record in records {
            code.block("extension \(record.name)") { code in
                code.doc(["The first of the record's values no store may hold, with its key and what is wrong."])
                code.block("public var valueProblem: (key: String, message: String)?") { code in
                    for field in record.fields {
                        guard let range = field.range else { continue }
                        let condition = field.type.isOptional ? "if let value = \(field.name), " : "let value = \(field.name); if "
                        code.line(condition + "!(\(range.low)...\(range.high)).contains(value) {")
                        code.line("    return (\(field.name.literal), \"\\(value) is not \(range.noun.withArticle) (\(range.low) to \(range.high) \(range.unit))\")")
                        code.line("}")
                    }
                    code.line("return nil")
                }
            }
            code.line()
        }
        code.block("extension Record") { code in
            code.doc(["The first of the record's values no store may hold, with its key and what is wrong."])
            code.block("public var valueProblem: (key: String, message: String)?") { code in
                code.switchOverSelf(records) { record in "case .\(record.kind)(let record): record.valueProblem" }
            }
        }
    }
}

extension ImageEmitter.Column.Count {
    var isNames: Bool { if case .names = self { true } else { false } }
}
