import Foundation
import Testing

/// The front end's part of a newcomer's first evening: `kith parse --json` showing the values
/// `ask` uses, and the REPL's first greeting.
@Suite struct FirstEveningCLITests {
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
            log_interaction  (log_interaction.intent:7: [I] [just] {log_channel:channel} {people} [{date}])
            ├─ channel: meeting
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
