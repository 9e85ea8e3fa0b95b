// The REPL's source of input lines. `ReadlineLineReader` is the interactive one (line
// editing, history, completion, Ctrl-C cancels the line); `PlainLineReader` reads stdin
// as it comes, for when stdin is not a terminal.

/// One line of input, or the end of it.
protocol LineReader: AnyObject {
    /// The next line without its newline; nil at end of input (Ctrl-D on an empty line,
    /// or EOF).
    func readLine(prompt: String) -> String?
}

/// A candidate completion: `text` replaces the last `replacing` characters of the text
/// before the cursor.
///
/// `replacing` counts Swift `Character`s of the string passed to the completion provider,
/// so a provider that matched the last two words ("Diane Sm") returns
/// `Completion(replacing: 8, text: "Diane Smith")`, and one that matched a command word
/// ("remi") returns `Completion(replacing: 4, text: "remind")`.
struct Completion: Hashable, Sendable {
    let replacing: Int
    let text: String

    init(replacing: Int, text: String) {
        self.replacing = replacing
        self.text = text
    }
}

/// Reads standard input line by line with Swift's `readLine`: no prompt is printed and
/// nothing is echoed (the input is not a terminal, or the caller wants it raw).
final class PlainLineReader: LineReader {
    init() {}

    func readLine(prompt: String) -> String? {
        Swift.readLine(strippingNewline: true)
    }
}
