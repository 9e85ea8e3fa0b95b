/// Swift source being written: lines at an indentation, and blocks that indent their body.
struct Code {
    private(set) var text = ""
    private var indent = 0

    /// One line at the current indentation (empty lines stay empty).
    mutating func line(_ line: String = "") {
        if line.isEmpty {
            text += "\n"
        } else {
            text += String(repeating: "    ", count: indent) + line + "\n"
        }
    }

    /// `head {`, the body indented, `}` (with `tail` after the brace). A `switch`'s cases stay at
    /// its own indentation, as Swift is written.
    mutating func block(_ head: String, tail: String = "", _ body: (inout Code) -> Void) {
        line(head + " {")
        let step = head.hasPrefix("switch ") ? 0 : 1
        indent += step
        body(&self)
        indent -= step
        line("}" + tail)
    }

    /// The body, indented one step further.
    mutating func indented(_ body: (inout Code) -> Void) {
        indent += 1
        body(&self)
        indent -= 1
    }

    /// `switch self`, one line a case (every record kind, or every field of one).
    mutating func switchOverSelf<Cases: Sequence>(_ cases: Cases, _ line: (Cases.Element) -> String) {
        block("switch self") { code in
            for each in cases { code.line(line(each)) }
        }
    }

    /// Doc comment lines.
    mutating func doc(_ lines: [String]) {
        for text in lines { line(text.isEmpty ? "///" : "/// " + text) }
    }
}

/// The first line of every generated Swift file.
func generatedHeader(_ what: String) -> String {
    """
    // generated — do not edit. Made by kith-schema (Sources/kith-schema) from schema/store.schema when the
    // package builds; change that file instead. \(what)

    """
}

extension String {
    /// `name` with its first letter in capitals: `howMet` → `HowMet`, `id` → `ID`.
    var capitalized: String { self == "id" ? "ID" : prefix(1).uppercased() + dropFirst() }

    /// A Swift string literal of the text.
    var literal: String {
        var out = "\""
        for scalar in unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// "a" or "an" before the word.
    var withArticle: String { ("aeiou".contains(first ?? "x") ? "an " : "a ") + self }
}

extension Field {
    var typeName: String {
        let base: String
        switch type.base {
        case .id, .reference: base = "RecordID"
        case .int: base = "Int"
        case .string: base = "String"
        case .bool: base = "Bool"
        case .day: base = "CalendarDate"
        case .birthday: base = "MonthDay"
        case .value(let name): base = name
        case .operation: base = "Operation"
        }
        switch type.shape {
        case .one: return base
        case .optional: return base + "?"
        case .list: return "[" + base + "]"
        }
    }

    /// The default of the field's parameter in the memberwise initialiser, if it has one.
    var parameterDefault: String? {
        if let defaultValue { return defaultValue }
        switch type.shape {
        case .optional: return "nil"
        case .list: return always ? nil : "[]"
        case .one: return nil
        }
    }

    /// Whether JSON must hold the key (else it reads as nil or empty).
    var isRequired: Bool {
        switch type.shape {
        case .one: true
        case .optional: false
        case .list: always
        }
    }

    /// A Swift expression for whether `value` (of this field's type) is left out of the JSON.
    func isLeftOut(_ value: String) -> String? {
        switch type.shape {
        case .one: nil
        case .optional: "\(value) == nil"
        case .list: always ? nil : "\(value).isEmpty"
        }
    }
}

extension TypeDecl {
    /// The image's name for a column of this record kind: `personName`, `interactionPeopleStart`.
    func column(_ field: Field, _ suffix: String = "") -> String { kind + field.name.capitalized + suffix }

    /// "a person", "an interaction".
    var withArticle: String { kind.withArticle }
}
