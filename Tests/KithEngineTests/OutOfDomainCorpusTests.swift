import Foundation
import Testing
@testable import KithEngine
import KithLanguage

/// Lines people say to assistants that have nothing to do with their network (CLINC150's
/// banking, travel, cooking and small talk: `../shared/corpora/clinc150-out-of-domain.txt` from
/// the repository root, described in that folder's README). Kith must read almost none of them
/// as an intent, and none as a change to the store.
@Suite struct OutOfDomainCorpusTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let file = root.deletingLastPathComponent().appendingPathComponent("shared/corpora/clinc150-out-of-domain.txt")

    /// At most this share may be read as an intent other than `help` or `undo` (issue 12).
    static let bar = 0.003
    /// Intents that are harmless answers to an out-of-domain line.
    static let harmless: Set<String> = ["help", "undo"]

    @Test func outOfDomainLinesAreRefused() throws {
        guard let text = try? String(contentsOf: Self.file, encoding: .utf8) else {
            Issue.record("the out-of-domain corpus is missing: expected \(Self.file.standardizedFileURL.path) (CI has it; the tests need ../shared/corpora next to the repository)")
            return
        }
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        #expect(lines.count > 16_000)
        let conversation = CorpusCatalogue.conversation()
        var read: [String] = []
        var counted = 0
        var changes: [String] = []
        for line in lines {
            guard let reading = conversation.reading(of: line) else { continue }
            let shown = "  \(line)  →  \(reading.intent) (\(reading.reader.rawValue)) "
                + reading.slots.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.rendered)" }.joined(separator: "; ")
            read.append(shown)
            if !Self.harmless.contains(reading.intent) { counted += 1 }
            // "undo" and "cancel my last change" take back Kith's own last change, whatever the
            // line was before: the one change an out-of-domain line may name.
            if Conversation.changingIntents.contains(reading.intent), reading.intent != "undo" { changes.append(shown) }
        }
        let rate = Double(counted) / Double(lines.count)
        print("out-of-domain corpus: \(counted)/\(lines.count) read as an intent other than help or undo "
              + "(\(String(format: "%.2f", rate * 100))%), \(read.count) read as any intent, \(changes.count) as a change")
        // KITH_CORPUS_MISSES=1 prints every line read, not only the first 50.
        let all = ProcessInfo.processInfo.environment["KITH_CORPUS_MISSES"] != nil
        if !read.isEmpty {
            print("read as an intent\(all ? "" : " (first 50)"):\n" + read.prefix(all ? read.count : 50).joined(separator: "\n"))
        }
        #expect(rate <= Self.bar, "\(counted) of \(lines.count) out-of-domain lines read as an intent")
        #expect(changes.isEmpty, "read as a change to the store:\n\(changes.joined(separator: "\n"))")
    }
}
