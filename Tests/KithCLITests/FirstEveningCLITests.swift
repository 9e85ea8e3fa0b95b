import Foundation
import Testing

/// The front end's part of a newcomer's first evening: the REPL's first greeting.
@Suite struct FirstEveningCLITests {
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
