import Foundation
import Testing

/// KithCapture is part of the kith binary, so Foundation proper stays out (docs/architecture.md,
/// "FoundationEssentials, never Foundation"), and it sits low in the layers: KithTime and
/// KithText only — no graph, no store, no files.
@Suite struct SourceRulesTests {
    @Test func onlyTheCoreIsImported() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/KithCapture").standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
        #expect(files.count >= 10)
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") where line.hasPrefix("import ") {
                let module = line.dropFirst(7).split(separator: " ").first.map(String.init) ?? ""
                #expect(["KithTime", "KithText", "FoundationEssentials"].contains(module), "\(file): \(line)")
            }
        }
    }
}
