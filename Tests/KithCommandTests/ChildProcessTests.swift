import Foundation
import Testing
@testable import kith

/// `ChildProcess` runs Graphviz and the sqlite3 shell; these hold it to what they need with
/// programs every machine has.
struct ChildProcessTests {
    @Test func feedsStdinAndCapturesStdout() async throws {
        let text = Array("Zoë Ångström\nline two, no newline at the end".utf8)
        let outcome = try await ChildProcess.run("/bin/cat", [], input: .bytes(text), output: .captured)
        #expect(outcome.status == 0)
        #expect(outcome.output == text)
    }

    /// More than a pipe holds (64 KiB on Linux), read whole before the program writes: dot's way.
    @Test func passesInputLargerThanAPipeHolds() async throws {
        let text = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20)
        let outcome = try await ChildProcess.run("/bin/sh", ["-c", "wc -c"], input: .bytes(text), output: .captured)
        #expect(String(decoding: outcome.output, as: UTF8.self).trimmingSpaces == "\(1 << 20)")
    }

    @Test func readsStdinFromAFileAndFindsTheProgramOnPath() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kith-child-\(UUID().uuidString)").path
        try Data("first line\nsecond line\n".utf8).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let outcome = try await ChildProcess.run("sh", ["-c", "read first; echo \"[$first] $1\"", "sh", "argument"],
                                           input: .file(file), output: .captured)
        #expect(outcome.status == 0)
        #expect(String(decoding: outcome.output, as: UTF8.self) == "[first line] argument\n")
    }

    @Test func reportsTheExitStatusAndTheSignal() async throws {
        #expect(try await ChildProcess.run("/bin/sh", ["-c", "exit 3"], input: .bytes([]), output: .discarded).status == 3)
        #expect(try await ChildProcess.run("/bin/sh", ["-c", "kill -9 $$"], input: .bytes([]), output: .discarded).status == 137)
    }

    @Test func aMissingProgramIsALaunchError() async {
        await #expect(throws: ChildProcess.LaunchError.self) {
            try await ChildProcess.run("/no/such/program", [], input: .bytes([]), output: .captured)
        }
    }
}

private extension String {
    var trimmingSpaces: String { String(drop { $0 == " " || $0 == "\n" }.reversed().drop { $0 == " " || $0 == "\n" }.reversed()) }
}
