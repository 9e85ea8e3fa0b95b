#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing

/// The contract's durability promise for imports: an import is one journal transaction, so a
/// `kill -9` at any instant leaves the store as it was before the import or with all of it.
@Suite struct ImportKillTests {
    let today = ["--today", "2026-03-10"]
    static let cards = 1000
    static let kills = 30

    /// `count` cards of distinct people with a few fields and a note each.
    static func bigVCard(_ count: Int) -> String {
        (1...count).map { n in
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Avery Test\(n)\r\nN:Test\(n);Avery;;;\r\n"
                + "EMAIL;TYPE=pref:person\(n)@example.com\r\nTEL:+1 555 \(10000 + n)\r\nORG:Company \(n % 97)\r\n"
                + "BDAY:--\(String(format: "%02d%02d", n % 12 + 1, n % 28 + 1))\r\nCATEGORIES:generated\r\n"
                + "NOTE:Card number \(n)\\, written for the kill test.\r\nEND:VCARD\r\n"
        }.joined()
    }

    func people(in store: String) throws -> Int? {
        let result = try KithProcess.run(["ask", "--store", store, "--json"] + today + ["how many people do I know"])
        guard result.status == 0, let range = result.stdout.range(of: #""count": "#) else { return nil }
        return Int(result.stdout[range.upperBound...].prefix { $0.isNumber })
    }

    func copy(_ from: URL, to: URL) throws {
        try? FileManager.default.removeItem(at: to)
        try FileManager.default.copyItem(at: from, to: to)
    }

    @Test func aKillMidImportLeavesTheStoreBeforeOrAfter() throws {
        let directory = try KithProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("big.vcf")
        try Self.bigVCard(Self.cards).write(to: file, atomically: true, encoding: .utf8)

        // The store before: three people, one of whom the file also holds (so it is merged).
        let base = directory.appendingPathComponent("base")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        let script = "add Ann Lee\nadd Bo Ek\nadd Avery Test7\n"
        #expect(try KithProcess.run(["run", "-", "--store", base.path + "/kith.json"] + today, stdin: script).status == 0)
        let before = try #require(try people(in: base.path + "/kith.json"))
        #expect(before == 3)

        // One whole import, to know the total after and how long an import takes.
        let reference = directory.appendingPathComponent("reference")
        try copy(base, to: reference)
        let started = Date()
        let whole = try KithProcess.run(["import", file.path, "--store", reference.path + "/kith.json"] + today)
        let duration = Date().timeIntervalSince(started)
        #expect(whole.status == 0, "\(whole.stderr)")
        let after = try #require(try people(in: reference.path + "/kith.json"))
        #expect(after == before + Self.cards - 1)

        var outcomes: [(delay: Double, people: Int?)] = []
        let trial = directory.appendingPathComponent("trial")
        for _ in 0..<Self.kills {
            try copy(base, to: trial)
            let process = Process()
            process.executableURL = KithProcess.binary
            process.arguments = ["import", file.path, "--store", trial.path + "/kith.json"] + today
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let delay = Double.random(in: 0...(duration * 1.1))
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            outcomes.append((delay, try people(in: trial.path + "/kith.json")))
        }
        // A loaded machine can stretch the commit to the very end of the run: a few more kills
        // late in it make sure both sides are tried.
        for _ in 0..<10 where !outcomes.contains(where: { $0.people == after }) {
            try copy(base, to: trial)
            let process = Process()
            process.executableURL = KithProcess.binary
            process.arguments = ["import", file.path, "--store", trial.path + "/kith.json"] + today
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let delay = duration * Double.random(in: 0.9...2.0)
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            outcomes.append((delay, try people(in: trial.path + "/kith.json")))
        }
        let described = outcomes.map { "\(String(format: "%.3f", $0.delay))s → \($0.people.map(String.init) ?? "unreadable")" }
        #expect(outcomes.allSatisfy { $0.people == before || $0.people == after },
                "before \(before), after \(after): \(described)")
        // The kills landed on both sides of the commit, or the test proved nothing.
        #expect(outcomes.contains { $0.people == before } && outcomes.contains { $0.people == after }, "\(described)")

        // A store left by a kill takes the import again and ends complete.
        let again = try KithProcess.run(["import", file.path, "--store", trial.path + "/kith.json"] + today)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try people(in: trial.path + "/kith.json") == after)
    }
}
