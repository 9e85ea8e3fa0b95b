import Foundation
import KithTime
import Testing
@testable import KithCapture

/// A mailbox written by Python's `email` and `mailbox` modules (scripts/capture-volume-mbox.py:
/// Received and DKIM headers, names in many scripts as RFC 2047 words, groups, Cc lists, obsolete
/// dates, attachments, escaped "From " body lines), read by KithCapture and by Python: the two must
/// agree on every message's sender, recipients, time, Message-ID and subject.
@Suite struct MailVolumeTests {
    struct Expected: Decodable {
        var from: [String?]
        var to: [[String?]]
        var cc: [[String?]]
        var utc: String
        var id: String?
        var subject: String
    }

    @Test func agreesWithPythonsEmailPackage() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kith-capture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let mbox = folder.appendingPathComponent("volume.mbox")
        let jsonl = folder.appendingPathComponent("expected.jsonl")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../scripts/capture-volume-mbox.py").standardized
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", script.path, mbox.path, "--messages", "400", "--seed", "3", "--expected", jsonl.path]
        try python.run()
        python.waitUntilExit()
        try #require(python.terminationStatus == 0, "python3 and its email package are needed (CI installs them)")

        let expected = try String(contentsOf: jsonl, encoding: .utf8).split(separator: "\n")
            .map { try JSONDecoder().decode(Expected.self, from: Data($0.utf8)) }
        let result = try Capture.read(try Data(contentsOf: mbox))
        #expect(result.format == .mbox)
        #expect(result.warnings == [])
        try #require(result.traces.count == expected.count)
        #expect(expected.count == 400)
        for (trace, python) in zip(result.traces, expected) {
            let pair = { (p: Participant) in [p.name, p.email] }
            #expect(trace.from.map(pair) == python.from, "\(trace.key)")
            #expect(trace.to.map(pair) == python.to, "\(trace.key)")
            #expect(trace.cc.map(pair) == python.cc, "\(trace.key)")
            #expect("\(trace.date.iso) \(trace.clock!)" == python.utc, "\(trace.key)")
            #expect(trace.subject == python.subject, "\(trace.key)")
            if let id = python.id { #expect(trace.key == "mail:" + id) } else { #expect(trace.key.hasPrefix("mail:#")) }
        }
        // The generator's share of lists, bulk, automatic and no-reply mail, each told apart.
        let reasons = Dictionary(grouping: result.traces.compactMap(\.notConversation), by: { $0 }).mapValues(\.count)
        #expect(reasons.keys.sorted(by: { "\($0)" < "\($1)" }) == [.automatic, .bulk, .mailingList, .noReplySender]
            .sorted(by: { "\($0)" < "\($1)" }))
        #expect(Set(result.traces.map(\.key)).count == 400)
    }
}
