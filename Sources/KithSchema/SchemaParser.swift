/// A problem in a schema file, at its line and column.
public struct SchemaError: Error, CustomStringConvertible, Equatable {
    public var location: SourceLocation
    public var message: String

    public var description: String { "\(location): error: \(message)" }
}

extension Schema {
    /// Reads and checks a schema. `file` names it in errors (`schema/store.schema:12:5: …`).
    public static func parse(_ text: String, file: String) throws(SchemaError) -> Schema {
        var parser = SchemaParser(tokens: try SchemaTokenizer.tokens(text, file: file), file: file)
        let schema = try parser.schema()
        try schema.check()
        return schema
    }
}

struct Token: Equatable {
    enum Kind: Equatable {
        case word(String)
        case string(String)
        case symbol(String)
        case doc(String)
        case newline
        case end
    }

    var kind: Kind
    var location: SourceLocation
}

enum SchemaTokenizer {
    static func tokens(_ text: String, file: String) throws(SchemaError) -> [Token] {
        var tokens: [Token] = []
        let scalars = Array(text.unicodeScalars)
        var index = 0, line = 1, lineStart = 0
        func location(_ at: Int) -> SourceLocation { SourceLocation(file: file, line: line, column: at - lineStart + 1) }
        func isWord(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
        }
        while index < scalars.count {
            let scalar = scalars[index]
            let start = index
            switch scalar {
            case "\n":
                tokens.append(Token(kind: .newline, location: location(start)))
                index += 1
                line += 1
                lineStart = index
            case " ", "\t", "\r":
                index += 1
            case "#":
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
            case "/":
                guard index + 2 < scalars.count, scalars[index + 1] == "/", scalars[index + 2] == "/" else {
                    throw SchemaError(location: location(start), message: "expected '///' (a doc comment) or '#' (a comment)")
                }
                index += 3
                var text = ""
                while index < scalars.count, scalars[index] != "\n" {
                    text.unicodeScalars.append(scalars[index])
                    index += 1
                }
                tokens.append(Token(kind: .doc(String(text.drop { $0 == " " })), location: location(start)))
            case "\"":
                index += 1
                var text = ""
                while true {
                    guard index < scalars.count, scalars[index] != "\n" else {
                        throw SchemaError(location: location(start), message: "unterminated string")
                    }
                    if scalars[index] == "\"" { break }
                    text.unicodeScalars.append(scalars[index])
                    index += 1
                }
                index += 1
                tokens.append(Token(kind: .string(text), location: location(start)))
            case ".":
                if index + 2 < scalars.count, scalars[index + 1] == ".", scalars[index + 2] == "." {
                    tokens.append(Token(kind: .symbol("..."), location: location(start)))
                    index += 3
                } else {
                    tokens.append(Token(kind: .symbol("."), location: location(start)))
                    index += 1
                }
            case "{", "}", "[", "]", "?", ",":
                tokens.append(Token(kind: .symbol(String(scalar)), location: location(start)))
                index += 1
            default:
                guard isWord(scalar) else {
                    throw SchemaError(location: location(start), message: "unexpected character '\(scalar)'")
                }
                var word = ""
                while index < scalars.count, isWord(scalars[index]) {
                    word.unicodeScalars.append(scalars[index])
                    index += 1
                }
                tokens.append(Token(kind: .word(word), location: location(start)))
            }
        }
        tokens.append(Token(kind: .end, location: location(index)))
        return tokens
    }
}

struct SchemaParser {
    /// Words that cannot name a field: the generated Swift names properties and enum cases after
    /// fields.
    static let swiftKeywords: Set<String> = [
        "associatedtype", "break", "case", "catch", "class", "continue", "default", "defer", "deinit", "do", "else",
        "enum", "extension", "fallthrough", "false", "fileprivate", "for", "func", "guard", "if", "import", "in",
        "init", "inout", "internal", "is", "let", "nil", "open", "operator", "private", "protocol", "public",
        "repeat", "rethrows", "return", "self", "Self", "static", "struct", "subscript", "super", "switch", "throw",
        "throws", "true", "try", "typealias", "var", "where", "while",
    ]

    let tokens: [Token]
    let file: String
    var position = 0

    init(tokens: [Token], file: String) {
        self.tokens = tokens
        self.file = file
    }

    var current: Token { tokens[position] }

    mutating func advance() { if position < tokens.count - 1 { position += 1 } }

    func fail(_ message: String, at token: Token? = nil) -> SchemaError {
        SchemaError(location: (token ?? current).location, message: message)
    }

    func describe(_ token: Token) -> String {
        switch token.kind {
        case .word(let word): "'\(word)'"
        case .string(let text): "\"\(text)\""
        case .symbol(let symbol): "'\(symbol)'"
        case .doc: "a doc comment"
        case .newline: "the end of the line"
        case .end: "the end of the file"
        }
    }

    mutating func skipNewlines() {
        while current.kind == .newline { advance() }
    }

    mutating func word() throws(SchemaError) -> String {
        guard case .word(let word) = current.kind else { throw fail("expected a name, found \(describe(current))") }
        advance()
        return word
    }

    mutating func expectWord(_ expected: String) throws(SchemaError) {
        guard current.kind == .word(expected) else { throw fail("expected '\(expected)', found \(describe(current))") }
        advance()
    }

    mutating func expectSymbol(_ expected: String) throws(SchemaError) {
        guard current.kind == .symbol(expected) else { throw fail("expected '\(expected)', found \(describe(current))") }
        advance()
    }

    mutating func number() throws(SchemaError) -> Int {
        guard case .word(let word) = current.kind, let value = Int(word) else {
            throw fail("expected a number, found \(describe(current))")
        }
        advance()
        return value
    }

    mutating func docs() -> [String] {
        var lines: [String] = []
        while true {
            if case .doc(let text) = current.kind {
                lines.append(text)
                advance()
            } else if current.kind == .newline {
                // Blank lines, between items or between a doc comment and its item.
                advance()
            } else {
                return lines
            }
        }
    }

    mutating func schema() throws(SchemaError) -> Schema {
        var version: Int?
        var types: [TypeDecl] = []
        while true {
            let doc = docs()
            let token = current
            switch token.kind {
            case .end:
                guard doc.isEmpty else { throw fail("a doc comment must come before a declaration") }
                guard let version else { throw fail("the schema must say its version: 'store version N'") }
                return Schema(version: version, types: types)
            case .word("store"):
                advance()
                try expectWord("version")
                guard version == nil else { throw fail("the version is already given", at: token) }
                version = try number()
            case .word("value"), .word("record"), .word("owner"):
                types.append(try typeDecl(doc: doc))
            default:
                throw fail("expected 'value', 'record', 'owner' or 'store version', found \(describe(token))")
            }
            guard current.kind == .newline || current.kind == .end else {
                throw fail("expected the end of the line, found \(describe(current))")
            }
        }
    }

    mutating func typeDecl(doc: [String]) throws(SchemaError) -> TypeDecl {
        let keyword = current
        advance()
        let nameToken = current
        let name = try word()
        guard name.first?.isUppercase == true else { throw fail("a type's name starts with a capital letter", at: nameToken) }
        let role: TypeDecl.Role
        var since: Int?
        switch keyword.kind {
        case .word("record"):
            try expectWord("in")
            let plural = try word()
            try expectWord("ordered")
            try expectWord("by")
            let first = current
            let key = try word()
            if key == "id" {
                role = .record(plural: plural, order: .id)
            } else {
                try expectSymbol(",")
                guard current.kind == .word("id") else {
                    throw fail("records are ordered by id, or by a day field and then id", at: first)
                }
                advance()
                role = .record(plural: plural, order: .dayThenID(key))
            }
            if current.kind == .word("since") {
                advance()
                since = try number()
            }
        case .word("owner"):
            try expectWord("at")
            role = .owner(key: try word())
        default:
            role = .value
        }
        try expectSymbol("{")
        var fields: [Field] = []
        while true {
            let fieldDoc = docs()
            if current.kind == .symbol("}") {
                guard fieldDoc.isEmpty else { throw fail("a doc comment must come before a field") }
                advance()
                break
            }
            fields.append(try field(doc: fieldDoc))
        }
        return TypeDecl(name: name, role: role, doc: doc, fields: fields, since: since, location: nameToken.location)
    }

    mutating func field(doc: [String]) throws(SchemaError) -> Field {
        let start = current
        let name = try word()
        guard name.first?.isLowercase == true else { throw fail("a field's name starts with a lowercase letter", at: start) }
        guard !Self.swiftKeywords.contains(name) else { throw fail("'\(name)' is a Swift keyword", at: start) }
        let typeLocation = current.location
        var field = Field(name: name, type: try type(), doc: doc, location: start.location, typeLocation: typeLocation)
        var given: Set<String> = []
        while current.kind != .newline {
            let token = current
            if case .word(let attribute) = token.kind, !given.insert(attribute).inserted {
                throw fail("'\(attribute)' is given twice", at: token)
            }
            switch token.kind {
            case .word("since"):
                advance()
                field.since = try number()
            case .word("was"):
                advance()
                field.legacyKey = try word()
            case .word("in"):
                advance()
                let low = try number()
                try expectSymbol("...")
                let high = try number()
                field.range = ValueRange(low: low, high: high, noun: try word(), unit: try word())
            case .word("always"):
                advance()
                field.always = true
            case .word("interned"):
                advance()
                field.interned = true
            case .word("or"):
                advance()
                try expectWord("me")
                field.orOwner = true
            case .word("default"):
                advance()
                field.defaultValue = try word()
            case .word("label"):
                advance()
                guard case .string(let text) = current.kind else { throw fail("expected a label in quotes") }
                advance()
                field.label = text
            case .end:
                throw fail("expected '}' to close the declaration")
            default:
                throw fail("unknown attribute \(describe(token)) (expected since, was, in, always, interned, or me, "
                           + "default or label)")
            }
        }
        advance()
        return field
    }

    mutating func type() throws(SchemaError) -> FieldType {
        if current.kind == .symbol("[") {
            advance()
            let base = try self.base()
            try expectSymbol("]")
            return FieldType(base: base, shape: .list)
        }
        let base = try self.base()
        if current.kind == .symbol("?") {
            advance()
            return FieldType(base: base, shape: .optional)
        }
        return FieldType(base: base, shape: .one)
    }

    mutating func base() throws(SchemaError) -> FieldType.Base {
        let token = current
        let name = try word()
        switch name {
        case "ID": return .id
        case "Int": return .int
        case "String": return .string
        case "Bool": return .bool
        case "Day": return .day
        case "Birthday": return .birthday
        case "Operation": return .operation
        default:
            guard name.first?.isUppercase == true else {
                throw fail("unknown type '\(name)' (expected ID, Int, String, Bool, Day, Birthday, Operation, a value "
                           + "type, or a record's id such as Person.id)", at: token)
            }
            if current.kind == .symbol(".") {
                advance()
                try expectWord("id")
                return .reference(name)
            }
            return .value(name)
        }
    }
}

extension Schema {
    /// Everything that parses but cannot be generated, reported at the declaration at fault.
    func check() throws(SchemaError) {
        func fail(_ location: SourceLocation, _ message: String) -> SchemaError {
            SchemaError(location: location, message: message)
        }
        guard version >= 1 else { throw fail(types.first?.location ?? SourceLocation(file: "", line: 1, column: 1),
                                              "the version must be 1 or more") }
        var names: Set<String> = []
        for type in types {
            guard names.insert(type.name).inserted else { throw fail(type.location, "'\(type.name)' is declared twice") }
        }
        let owners = types.filter { if case .owner = $0.role { true } else { false } }
        guard owners.count == 1 else {
            throw fail(owners.dropFirst().first?.location ?? types.first?.location
                       ?? SourceLocation(file: "", line: 1, column: 1), "the schema declares exactly one owner")
        }
        guard let undo = type(named: "UndoEntry"), undo.role == .value else {
            throw fail(types.first?.location ?? SourceLocation(file: "", line: 1, column: 1),
                       "the schema declares the undo log's entries as 'value UndoEntry'")
        }
        _ = undo
        var plurals: Set<String> = ["format", "version", "journalSeq", owner.kind]
        if case .owner(let key) = owner.role { plurals.insert(key) }
        for type in types {
            var fieldNames: Set<String> = []
            if case .record(let plural, let order) = type.role {
                guard plurals.insert(plural).inserted, plural != "undo" else {
                    throw fail(type.location, "the top-level key '\(plural)' is taken")
                }
                guard let first = type.fields.first, first.name == "id", first.type == FieldType(base: .id, shape: .one) else {
                    throw fail(type.location, "a record's first field is 'id ID'")
                }
                if case .dayThenID(let key) = order {
                    guard let field = type.field(key), field.type == FieldType(base: .day, shape: .one) else {
                        throw fail(type.location, "'\(key)' must be a field of type Day to order the records by")
                    }
                }
            }
            for field in type.fields {
                let at = field.location
                guard fieldNames.insert(field.name).inserted else { throw fail(at, "'\(field.name)' is declared twice") }
                let base = field.type.base, shape = field.type.shape
                switch base {
                case .id:
                    guard field.name == "id", shape == .one, field === type.fields.first else {
                        throw fail(at, "ID is the type of a record's (or undo entry's) first field, 'id'")
                    }
                case .reference(let target):
                    guard let record = self.type(named: target), record.isRecord else {
                        throw fail(field.typeLocation, "'\(target)' is not a record, so '\(target).id' names nothing")
                    }
                case .value(let name):
                    guard let value = self.type(named: name) else {
                        throw fail(field.typeLocation, "unknown type '\(name)' (expected ID, Int, String, Bool, Day, Birthday, "
                                   + "Operation, a value type, or a record's id such as Person.id)")
                    }
                    guard value.role == .value else {
                        throw fail(at, "'\(name)' is a record or the owner; refer to a record by its id ('\(name).id')")
                    }
                    guard shape == .list else { throw fail(at, "a value type is embedded as a list ('[\(name)]')") }
                case .operation:
                    guard shape == .list, type.name == "UndoEntry" else {
                        throw fail(at, "operations appear only as an undo entry's '[Operation]'")
                    }
                case .bool:
                    guard shape == .one else { throw fail(at, "a Bool is never optional or a list") }
                case .int, .string, .day, .birthday:
                    break
                }
                if field.range != nil {
                    guard base == .int, shape != .list else { throw fail(at, "'in' bounds an Int or Int? field") }
                    if let range = field.range, range.low > range.high { throw fail(at, "the range is empty") }
                }
                if field.interned, !(base == .string && shape == .one) {
                    throw fail(at, "'interned' is for a required String field")
                }
                if field.interned, !type.isRecord { throw fail(at, "'interned' is for a record's field") }
                if field.always, shape != .list { throw fail(at, "'always' is for a list field") }
                if field.orOwner, !(base == .reference("Person") && shape != .list) {
                    throw fail(at, "'or me' is for a reference to a person ('Person.id')")
                }
                if let value = field.defaultValue {
                    guard base == .bool, value == "false" || value == "true" else {
                        throw fail(at, "'default' gives a Bool field 'true' or 'false'")
                    }
                }
                if base == .bool, field.defaultValue == nil {
                    throw fail(at, "a Bool field needs a default ('default false')")
                }
                if let since = field.since {
                    guard since >= 2, since <= version else {
                        throw fail(at, "'since \(since)': a field is added in version 2 to \(version) "
                                   + "(raise 'store version' to add one)")
                    }
                }
                if let legacy = field.legacyKey {
                    guard shape == .list, [.string, .int, .day].contains(base) else {
                        throw fail(at, "'was' names the single-valued key a list field replaced")
                    }
                    guard type.field(legacy) == nil, !fieldNames.contains(legacy) else {
                        throw fail(at, "'\(legacy)' is still a field of \(type.name)")
                    }
                }
                if case .owner = type.role, shape == .one {
                    throw fail(at, "the owner's fields are optional or lists (an owner may be empty)")
                }
                if case .value = type.role, type.name != "UndoEntry", base == .id {
                    throw fail(at, "only records and undo entries have ids")
                }
            }
            if case .owner = type.role, type.fields.isEmpty { throw fail(type.location, "the owner has no fields") }
            if let since = type.since {
                guard since >= 2, since <= version else {
                    throw fail(type.location, "'since \(since)': a kind of record is added in version 2 to \(version) "
                               + "(raise 'store version' to add one)")
                }
                if let field = type.fields.first(where: { $0.since != nil }) {
                    throw fail(field.location, "the whole record is 'since \(since)'")
                }
            }
        }
    }
}

private func === (a: Field, b: Field?) -> Bool { a.location == b?.location }
