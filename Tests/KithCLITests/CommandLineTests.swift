import Foundation
import Testing

/// The contract's promises about modes, exit codes and the store, through the real binary.
@Suite struct CommandLineTests {
    let today = ["--today", "2026-03-10"]

    @Test func oneShotAnswersAndExitsZero() throws {
        let result = try KithProcess.run(["ask", "--demo", "when", "did", "I", "last", "talk", "to", "Diane"])
        #expect(result.status == 0)
        #expect(result.stdout == "You last talked to Diane Smith yesterday (Mon Mar 9), about the Facebook post.\n")
    }

    /// A long list stops after a screenful; --all and --json list everyone.
    @Test func longListsStopAfterAScreenfulUnlessAllOrJSON() throws {
        let directory = try KithProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = ["--store", directory.appendingPathComponent("kith.json").path] + today
        let adds = (1...55).map { "add Person \($0)" }.joined(separator: "\n") + "\n"
        #expect(try KithProcess.run(["run", "-"] + store, stdin: adds).status == 0)
        let question = "who haven't I talked to this month"
        let short = try KithProcess.run(["ask"] + store + [question])
        #expect(short.status == 0)
        #expect(short.stdout.hasPrefix("55 people you haven't talked to since Sun Mar 1:\n"))
        #expect(short.stdout.hasSuffix("\n…and 5 more (--all lists everyone).\n"))
        #expect(short.stdout.split(separator: "\n").count == 52)
        let all = try KithProcess.run(["ask", "--all"] + store + [question])
        #expect(all.stdout.split(separator: "\n").count == 56)
        #expect(!all.stdout.contains("more"))
        let json = try KithProcess.run(["ask", "--json"] + store + [question])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((object?["people"] as? [String])?.count == 55)
        #expect(object?["count"] as? Int == 55)
    }

    @Test func notUnderstoodExitsOne() throws {
        let result = try KithProcess.run(["ask", "--demo", "--json", "purple monkey dishwasher"])
        #expect(result.status == 1)
        #expect(result.stdout.contains(#""intent": null"#))
        #expect(result.stdout.contains(#""error": "not_understood""#))
    }

    @Test func unresolvedPersonExitsOne() throws {
        #expect(try KithProcess.run(["ask", "--demo", "tell me about Sam"]).status == 1)
        #expect(try KithProcess.run(["ask", "--demo", "tell me about Nobody Atall"]).status == 1)
    }

    @Test(arguments: [
        ["ask", "--demo"],
        ["ask", "--demo", "--today", "2026-02-30", "hello"],
        ["parse"],
        ["--no-such-option"],
        ["run"],
        ["run", "/no/such/file.txt", "--demo"],
        ["ask", "--demo", "--store", "/tmp/x.json", "hi"],
    ])
    func usageErrorsExitTwo(_ arguments: [String]) throws {
        let result = try KithProcess.run(arguments)
        #expect(result.status == 2, "stderr: \(result.stderr)")
        #expect(!result.stderr.isEmpty)
    }

    @Test func parseShowsTheUnderstanding() throws {
        let result = try KithProcess.run(["parse", "--demo", "--json", "which clients haven't I called since October"])
        #expect(result.status == 0)
        #expect(result.stdout == #"{"intent": "not_contacted", "slots": {"channel": "call", "period": {"start": "2025-10-01", "end": "2026-03-10"}, "tag": "clients"}}"# + "\n")
        let tree = try KithProcess.run(["parse", "--demo", "had coffee with Bob yesterday"])
        #expect(tree.stdout.hasPrefix("log_interaction  (log_interaction.intent:"))
        #expect(tree.stdout.contains("└─ people: Bob → Robert Stone"))
    }

    @Test func pipedStdinIsAScript() throws {
        let result = try KithProcess.run(["--demo"], stdin: "# a comment\n\nhow many clients do I have\n")
        #expect(result.status == 0)
        #expect(result.stdout == "> how many clients do I have\nYou have 13 clients.\n")
    }

    @Test func changesPersistBetweenProcessesWithPrivateFiles() throws {
        let directory = try KithProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appendingPathComponent("nested/kith.json").path
        #expect(try KithProcess.run(["ask", "--store", store] + today + ["add Diane Smith as a client"]).status == 0)
        #expect(try KithProcess.run(["ask", "--store", store] + today + ["talked to Diane yesterday"]).status == 0)
        let answer = try KithProcess.run(["ask", "--store", store] + today + ["--json", "when did I last talk to Diane"])
        #expect(answer.stdout.contains(#""date": "2026-03-09""#))
        for path in [store + ".journal", store + ".lock"] {
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(path)")
        }
        let dirMode = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("nested").path)[.posixPermissions] as? Int
        #expect(dirMode == 0o700)
    }

    @Test func theDefaultStoreFollowsXDG() throws {
        let directory = try KithProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try KithProcess.run(["ask", "add Ann Lee"], environment: ["XDG_DATA_HOME": directory.path])
        #expect(result.status == 0)
        #expect(FileManager.default.fileExists(atPath: directory.path + "/kith/kith.json.journal"))
        let viaEnv = try KithProcess.run(["ask", "who is Ann"], environment: ["KITH_STORE": directory.path + "/kith/kith.json"])
        #expect(viaEnv.stdout.hasPrefix("Ann Lee"))
    }

    @Test func anUnreadableStoreExitsThreeAndIsLeftUntouched() throws {
        let directory = try KithProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appendingPathComponent("kith.json")
        let broken = "{\n  \"format\" : \"kith\",\n  \"people\" : [\n    {\"id\": 1, \"name\": \"Ann\",}\n    }\n  ]\n}\n"
        try broken.write(to: store, atomically: true, encoding: .utf8)
        let result = try KithProcess.run(["ask", "--store", store.path] + today + ["add Bob Stone"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("kith.json:5:5"), "\(result.stderr)")
        #expect(try String(contentsOf: store, encoding: .utf8) == broken)
        #expect(!FileManager.default.fileExists(atPath: store.path + ".journal"))
    }

    @Test func aNewerStoreVersionIsRefused() throws {
        let directory = try KithProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appendingPathComponent("kith.json")
        try #"{"format": "kith", "version": 99}"#.write(to: store, atomically: true, encoding: .utf8)
        let result = try KithProcess.run(["ask", "--store", store.path, "who are my clients"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("version 99"), "\(result.stderr)")
    }

    /// Two scripts writing one store at once: the lock serialises them and nothing is lost.
    @Test func concurrentWritersLoseNothing() throws {
        let directory = try KithProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appendingPathComponent("kith.json").path
        let perWriter = 40
        let writers = try (0..<2).map { writer in
            try Thread.detachNewThreadAndWait {
                let lines = (0..<perWriter).map { "add Person W\(writer)N\($0)" }.joined(separator: "\n")
                return try KithProcess.run(["run", "-", "--store", store] + self.today, stdin: lines).status
            }
        }
        let outcomes = try writers.map { try $0.get() }
        #expect(outcomes == [0, 0])
        let count = try KithProcess.run(["ask", "--store", store, "--json"] + today + ["how many people do I know"])
        #expect(count.stdout.contains(#""count": \#(2 * perWriter)"#), "\(count.stdout)")
    }
}

extension Thread {
    /// Starts `body` on its own thread; `get()` on the result waits for it.
    static func detachNewThreadAndWait<T: Sendable>(_ body: @escaping @Sendable () throws -> T) throws -> Future<T> {
        let future = Future<T>()
        Thread.detachNewThread { future.fulfil(Result { try body() }) }
        return future
    }
}

/// A one-shot result from another thread.
final class Future<T: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: Result<T, Error>?

    func fulfil(_ value: Result<T, Error>) {
        condition.lock()
        result = value
        condition.broadcast()
        condition.unlock()
    }

    func get() throws -> T {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return try result!.get()
    }
}

/// Import and export said in words go through the same engine as everything else.
@Suite struct ConversationalExchangeTests {
    let today = ["--today", "2026-03-10"]

    @Test func importAndExportInWords() throws {
        let directory = try KithProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appendingPathComponent("kith.json").path
        let cards = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nCATEGORIES:client\r\nEND:VCARD\r\n"
            + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Ek\r\nEND:VCARD\r\n"
        try cards.write(to: directory.appendingPathComponent("phone.vcf"), atomically: true, encoding: .utf8)
        let script = """
        import my contacts from phone.vcf
        who are my clients
        export my clients as vcard
        undo
        how many people do I know
        """
        let result = try KithProcess.run(["run", "-", "--store", store] + today, stdin: script, directory: directory)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("Imported phone.vcf: 2 added, 0 merged, 0 skipped."))
        #expect(result.stdout.contains("1 person tagged client:\n  Ann Lee"))
        #expect(result.stdout.contains("Exported 1 client to \(directory.path)/kith-clients.vcf."))
        // Undone, the store is empty again, and says how to begin.
        #expect(result.stdout.contains("> how many people do I know\nNobody is in your store yet."))
        let exported = try String(contentsOf: directory.appendingPathComponent("kith-clients.vcf"), encoding: .utf8)
        #expect(exported.contains("FN:Ann Lee"))
        #expect(!exported.contains("Bo Ek"))
    }

    @Test func aMissingFileIsAFailedLine() throws {
        let result = try KithProcess.run(["ask", "--demo", "import my contacts from /no/such/file.vcf"])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("I can't read /no/such/file.vcf"))
    }
}
