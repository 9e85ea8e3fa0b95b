import Foundation
import Testing

/// Script files run through the real binary and compared with recorded output.
///
/// Each `Transcripts/NAME.kith` starts with `# kith run ARGS` naming the options; the store, when
/// the script needs one, is a fresh temporary file given as `--store`. Its expected output is
/// `NAME.expected`: stdout, then a line `exit: N`. Re-record with `KITH_RECORD=1 swift test
/// --filter GoldenTranscriptTests`; a recording run fails, so it can't pass by accident.
@Suite struct GoldenTranscriptTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Transcripts")

    static var scripts: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".kith") }.sorted()
    }

    @Test func thereAreTranscripts() {
        #expect(Self.scripts.count >= 4)
    }

    @Test(arguments: scripts)
    func transcript(_ name: String) throws {
        let script = Self.folder.appendingPathComponent(name)
        let text = try String(contentsOf: script, encoding: .utf8)
        let header = try #require(text.split(separator: "\n").first, "empty script")
        #expect(header.hasPrefix("# kith run"), "first line must be '# kith run ARGS'")
        var arguments = ["run", script.path] + header.dropFirst("# kith run".count).split(separator: " ").map(String.init)
        let directory = try KithProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        if !arguments.contains("--demo") { arguments += ["--store", directory.appendingPathComponent("kith.json").path] }
        let result = try KithProcess.run(arguments)
        let actual = result.stdout + "exit: \(result.status)\n"
        let expectedURL = script.deletingPathExtension().appendingPathExtension("expected")
        if ProcessInfo.processInfo.environment["KITH_RECORD"] != nil {
            try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
            Issue.record("recorded \(expectedURL.lastPathComponent); rerun without KITH_RECORD")
            return
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(actual == expected, "stderr: \(result.stderr)")
    }
}
