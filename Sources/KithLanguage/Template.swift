/// A sentence template, parsed.
///
/// Syntax, in the spirit of Home Assistant's hassil:
/// - `word` matches the word (case-insensitive);
/// - `(a | b c)` matches one of the alternatives;
/// - `[to]` or `[to | with]` is optional;
/// - `{person}` fills the slot `person` by its slot type; `{list:slot}` uses the list `list`
///   and fills `slot` with the list's canonical value; `{slot=value}` sets `slot` to `value`
///   without reading any words (as hassil's per-sentence `slots:` do);
/// - `<talk>` expands the shared rule `talk`.
public indirect enum Pattern: Hashable, Sendable {
    case word(String)
    case sequence([Pattern])
    case choice([Pattern])
    case slot(type: String, name: String)
    /// A slot set to a fixed value by the template itself.
    case fixed(name: String, value: String)
    case rule(String)

    static let empty = Pattern.sequence([])
}

/// A problem in an intents file, with where it is.
public struct CatalogueError: Error, Hashable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int
    public let message: String
    /// The offending source line, shown with a caret under `column`.
    public let source: String

    public init(file: String, line: Int, column: Int, message: String, source: String = "") {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.source = source
    }

    public var description: String {
        var text = "\(file):\(line):\(column): \(message)"
        if !source.isEmpty {
            text += "\n  \(source)\n  " + String(repeating: " ", count: max(0, column - 1)) + "^"
        }
        return text
    }
}

/// Parses one template line. Errors carry the column (1-based) within `text`.
struct TemplateParser {
    private let chars: [Character]
    private var index = 0

    struct Failure: Error {
        let column: Int
        let message: String
    }

    static func parse(_ text: String) throws(Failure) -> Pattern {
        var parser = TemplateParser(chars: Array(text))
        let pattern = try parser.alternatives(closing: nil)
        return pattern
    }

    private init(chars: [Character]) {
        self.chars = chars
    }

    private var current: Character? { index < chars.count ? chars[index] : nil }

    private func fail(_ message: String, at column: Int? = nil) -> Failure {
        Failure(column: (column ?? index) + 1, message: message)
    }

    /// alternatives := sequence ("|" sequence)*, up to `closing` (or the end).
    private mutating func alternatives(closing: Character?) throws(Failure) -> Pattern {
        let opened = index - 1
        var options: [Pattern] = []
        while true {
            let start = index
            let sequence = try self.sequence()
            if case .sequence(let items) = sequence, items.isEmpty {
                throw fail("empty alternative", at: start)
            }
            options.append(sequence)
            switch current {
            case "|":
                index += 1
            case nil:
                if let closing { throw fail("missing '\(closing)' for the bracket opened here", at: opened) }
                return options.count == 1 ? options[0] : .choice(options)
            case let c? where c == closing:
                index += 1
                return options.count == 1 ? options[0] : .choice(options)
            case let c?:
                throw fail("unexpected '\(c)'")
            }
        }
    }

    private mutating func sequence() throws(Failure) -> Pattern {
        var items: [Pattern] = []
        while let c = current {
            switch c {
            case " ", "\t":
                index += 1
            case "|", ")", "]":
                return .sequence(items)
            case "(":
                index += 1
                items.append(try alternatives(closing: ")"))
            case "[":
                index += 1
                let inner = try alternatives(closing: "]")
                items.append(.choice(Self.flatten(inner) + [.empty]))
            case "{":
                items.append(try slot())
            case "<":
                items.append(try rule())
            case "}", ">":
                throw fail("unexpected '\(c)'")
            default:
                let start = index
                while let w = current, !" \t|()[]{}<>".contains(w) { index += 1 }
                let text = String(chars[start..<index])
                items.append(contentsOf: Tokenizer.tokenize(text).map { .word($0.word) })
            }
        }
        return .sequence(items)
    }

    private static func flatten(_ pattern: Pattern) -> [Pattern] {
        if case .choice(let options) = pattern { return options }
        return [pattern]
    }

    private mutating func slot() throws(Failure) -> Pattern {
        let body = try delimited(open: "{", close: "}")
        if let equals = body.firstIndex(of: "=") {
            let name = String(body[..<equals]), value = String(body[body.index(after: equals)...])
            guard Self.isName(name), !value.isEmpty else {
                throw fail("a fixed slot is {name=value}", at: index - body.count - 2)
            }
            return .fixed(name: name, value: value)
        }
        let parts = body.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(parts.count), parts.allSatisfy(Self.isName) else {
            throw fail("a slot is {name} or {list:name}", at: index - body.count - 2)
        }
        return .slot(type: parts[0], name: parts.last!)
    }

    private mutating func rule() throws(Failure) -> Pattern {
        let body = try delimited(open: "<", close: ">")
        guard Self.isName(body) else { throw fail("a rule is <name>", at: index - body.count - 2) }
        return .rule(body)
    }

    private mutating func delimited(open: Character, close: Character) throws(Failure) -> String {
        let start = index
        index += 1
        var body = ""
        while let c = current, c != close {
            body.append(c)
            index += 1
        }
        guard current == close else { throw fail("missing '\(close)'", at: start) }
        index += 1
        return body
    }

    static func isName(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }
}
