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
        if echo { out += style("> \(answer.question)", "1") + "\n" }
        out += answer.isFailure ? style(answer.text, "33") : answer.text
        Platform.write(out + "\n")
    }

    /// Wraps text in an ANSI style when colour is on ("1" bold, "2" dim, "33" yellow).
    func style(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
