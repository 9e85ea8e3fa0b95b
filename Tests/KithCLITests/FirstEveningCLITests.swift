import Foundation
import Testing

/// The front end's part of a newcomer's first evening: `--help` texts that read as paragraphs at
/// any width, `kith parse --json` showing the values `ask` uses, and the REPL's first greeting.
@Suite struct FirstEveningCLITests {
    static let commands: [[String]] = [[], ["ask"], ["run"], ["parse"], ["repl"], ["import"], ["export"], ["generate"]]

    /// swift-argument-parser wraps the text to COLUMNS; a hard line break in a paragraph's source
    /// would end a line early. So: no line reaches the width, and every line of a paragraph
    /// (examples are indented) is followed by one whose first word would not have fitted on it.
    @Test(arguments: commands, [80, 120])
    func helpReadsAsParagraphs(_ command: [String], width: Int) throws {
        let result = try KithProcess.run(["help"] + command, environment: ["COLUMNS": "\(width)"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for line in lines { #expect(line.count < width, "\(command) at \(width): \(line)") }
        let text = lines.prefix { !$0.hasPrefix("USAGE:") }
        #expect(text.count > 4, "\(command) has no discussion")
        for (line, next) in zip(text, text.dropFirst())
        where !line.isEmpty && !next.isEmpty && !line.hasPrefix(" ") && !next.hasPrefix(" ") && !line.hasPrefix("OVERVIEW:") {
            let word = next.split(separator: " ").first ?? ""
            #expect(line.count + 1 + word.count >= width - 1, "\(command) at \(width): a line ends early: \(line)")
        }
        // The same paragraphs at either width.
        let other = try KithProcess.run(["help"] + command, environment: ["COLUMNS": "\(width == 80 ? 120 : 80)"])
        func words(_ help: String) -> [Substring] {
            help[..<(help.range(of: "USAGE:")?.lowerBound ?? help.endIndex)].split(whereSeparator: \.isWhitespace)
        }
        #expect(words(result.stdout) == words(other.stdout))
    }

    /// `kith parse --json` shows the slots `kith ask --json` answers with, defaults included.
    @Test(arguments: [
        "who haven't I talked to", "who did I talk to", "who are my closest connections", "any birthdays this month",
        "whose birthday is coming up", "had coffee with Bob", "remind me to call diane tomorrow", "who should I reach out to",
    ])
    func parseShowsWhatAskUses(_ question: String) throws {
        func slots(_ arguments: [String]) throws -> NSDictionary {
            let result = try KithProcess.run(arguments + ["--demo", "--json", question])
            #expect(result.status == 0, "\(result.stderr)")
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            return try #require(object?["slots"] as? NSDictionary)
        }
        let parsed = try slots(["parse"]), asked = try slots(["ask"])
        #expect(parsed == asked)
        #expect(parsed.count > 0)
    }

    @Test func parseMarksTheDefaults() throws {
        let result = try KithProcess.run(["parse", "--demo", "had coffee with Bob"])
        #expect(result.stdout == """
            log_interaction  (log_interaction.intent:7: [I] [just] {log_channel:channel} {people} [{medium}] [{date}] [{medium}])
            ├─ channel: meeting ← "had coffee with" (list log_channel)
            ├─ date: 2026-03-10 (default)
            └─ people: Bob → Robert Stone

            """)
    }

    /// The REPL's first start on an empty store says how to begin; later starts count the store.
    /// Run in a pseudo-terminal by script(1), when there is one.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func theREPLGreetsAnEmptyStoreWithHowToBegin() throws {
        let directory = try KithProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appendingPathComponent("kith.json").path
        func repl(_ input: String) throws -> String {
            let command = "\(KithProcess.binary.path) --store \(store) --no-color --today 2026-03-10"
            let result = try KithProcess.run(["-qec", command, "/dev/null"], stdin: input,
                                             environment: ["TERM": "dumb", "COLUMNS": "80"], executable: "/usr/bin/script")
            return result.stdout.replacingOccurrences(of: "\r", with: "")
        }
        let first = try repl("add Diane Smith as a friend\nquit\n")
        #expect(first.contains("""
            Welcome to Kith. Nobody is in your store yet. To begin, try:
              add Diane Smith as a friend
              I talked to Diane today about her new job
              import my contacts from ~/Downloads/contacts.vcf
            or type help for everything I understand. Ctrl-D leaves.
            """), "\(first)")
        #expect(first.contains("Added Diane Smith (friend)."))
        let second = try repl("quit\n")
        #expect(second.contains("Kith — 1 person, 0 conversations. Type help for examples, Ctrl-D to leave."), "\(second)")
        #expect(!second.contains("Welcome"))
    }
}
