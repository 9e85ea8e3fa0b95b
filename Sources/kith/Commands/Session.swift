import ArgumentParser
import KithEngine

/// A conversation plus how to print it: what every mode shares.
struct Session {
    let conversation: Conversation
    let printer: Printer

    init(settings: SessionSettings, interactive: Bool = false) throws {
        conversation = try settings.openConversation(interactive: interactive)
        printer = Printer(json: settings.json, colour: settings.colour)
    }

    /// Answers a line; a store that can't be read or written ends the run with exit 3.
    /// `location` ("week.txt:7") says where a script stopped.
    func answer(_ line: String, at location: String? = nil) throws -> Answer {
        do {
            return try conversation.respond(to: line)
        } catch {
            Platform.writeError("kith: \(Platform.errorText(error))")
            if let location {
                Platform.writeError("kith: \(location): stopped here; the lines before it were carried out, "
                                    + "this one and the rest were not")
            }
            throw ExitCode(3)
        }
    }

    /// Runs lines as one conversation, echoing each; blank lines and `#` comments are skipped.
    /// Returns whether every line was answered; stderr lists the lines that were not, by
    /// number (`source:line`), never by content.
    func runScript(source: String, next: () -> String?) throws -> Bool {
        var failed: [String] = []
        var first = true
        var number = 0
        var count = 0
        while let raw = next() {
            number += 1
            let line = raw.trimmed
            if line.isEmpty || line.hasPrefix("#") { continue }
            count += 1
            let answer = try answer(line, at: "\(source):\(number)")
            printer.print(answer, echo: true, separated: !first)
            first = false
            if answer.isFailure { failed.append("\(source):\(number)") }
        }
        if !failed.isEmpty {
            let shown = failed.count > 10 ? failed.prefix(10).joined(separator: ", ") + ", …" : failed.joined(separator: ", ")
            Platform.writeError("kith: \(failed.count) of \(count) lines not carried out: \(shown)")
        }
        return failed.isEmpty
    }
}
