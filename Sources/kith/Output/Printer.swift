import KithEngine

/// Prints answers for people (text, colour on a terminal) or programs (JSON Lines).
struct Printer {
    let json: Bool
    let colour: Bool

    /// The answer as the user sees it; scripts echo the line first (`> line`).
    func print(_ answer: Answer, echo: Bool = false) {
        if json {
            Platform.write(answer.json.serialized + "\n")
            return
        }
        var out = ""
        if echo { out += style("> \(Self.visible(answer.question))", "1") + "\n" }
        let text = Self.visible(answer.text)
        out += answer.isFailure ? style(text, "33") : text
        Platform.write(out + "\n")
    }

    /// Text with its control characters made visible (ESC as ␛, NUL as ␀, a C1 control as
    /// U+FFFD): a name or a script line holding an escape sequence must not recolour, retitle or
    /// clear the terminal it is printed on. Newlines and tabs stay.
    static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x09: scalars.append(scalar)
            case 0x00..<0x20: scalars.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case 0x7F: scalars.append("\u{2421}")
            case 0x80..<0xA0: scalars.append("\u{FFFD}")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || (0x7F..<0xA0).contains(scalar.value)
    }

    /// Wraps text in an ANSI style when colour is on ("1" bold, "2" dim, "33" yellow).
    func style(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
