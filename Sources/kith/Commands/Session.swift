import ArgumentParser
import KithEngine

/// A conversation plus how to print it: what every mode shares.
struct Session {
    let conversation: Conversation
    let printer: Printer

    init(options: GlobalOptions) throws {
        conversation = try options.openConversation()
        printer = Printer(json: options.json, colour: options.colour)
    }

    /// Answers a line; a store that can't be read or written ends the run with exit 3.
    func answer(_ line: String) throws -> Answer {
        do {
            return try conversation.respond(to: line)
        } catch {
            Platform.writeError("kith: \(Platform.errorText(error))")
            throw ExitCode(3)
        }
    }

    /// Runs lines as one conversation, echoing each; blank lines and `#` comments are skipped.
    /// Returns whether every line was answered.
    func runScript(next: () -> String?) throws -> Bool {
        var allAnswered = true
        var first = true
        while let raw = next() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if !first && !printer.json { Platform.write("\n") }
            first = false
            let answer = try answer(line)
            printer.print(answer, echo: true)
            if answer.isFailure { allAnswered = false }
        }
        return allAnswered
    }
}
