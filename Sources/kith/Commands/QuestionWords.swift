import ArgumentParser
import KithText
import FoundationEssentials

/// The question of `ask` and `parse`: several words, or one quoted string.
struct QuestionWords: ParsableArguments {
    @Argument(parsing: .remaining, help: "The question: several words, or one quoted string.")
    var words: [String] = []

    var text: String { words.joined(separator: " ") }

    func validate() throws {
        if text.trimmed.isEmpty {
            throw ValidationError("Say something, e.g. \"who did I talk to last week\".")
        }
    }
}
