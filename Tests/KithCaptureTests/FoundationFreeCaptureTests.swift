import Foundation
import Testing

/// KithCapture ends up in the kith binary, so it may import FoundationEssentials at most
/// (docs/architecture.md); KithCommandTests checks every source, this checks KithCapture's alone so
/// that `swift test --filter KithCaptureTests` sees it.
struct FoundationFreeCaptureTests {
    @Test func kithCaptureImportsNoFoundation() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/KithCapture").standardized
        let files = try #require(FileManager.default.enumerator(atPath: sources.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") }
        #expect(files.count >= 20)
        for file in files {
            let text = try String(contentsOfFile: sources.appendingPathComponent(file).path, encoding: .utf8)
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ")
                guard words.first == "import" || words.dropFirst().first == "import", let module = words.last else { continue }
                let allowed = ["FoundationEssentials", "KithTime", "KithText"]
                #expect(allowed.contains(String(module)), "\(file): \(line)")
            }
        }
    }
}
