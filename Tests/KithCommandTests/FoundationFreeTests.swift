import Foundation
import Testing

/// Foundation proper costs every start of kith a millisecond even unused, so no source of the
/// binary may import it (docs/architecture.md, "FoundationEssentials, never Foundation").
struct FoundationFreeTests {
    @Test func noSourceImportsFoundation() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources").standardized
        let files = try #require(FileManager.default.enumerator(atPath: sources.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") }
        #expect(files.count > 50)
        for file in files {
            let text = try String(contentsOfFile: sources.appendingPathComponent(file).path, encoding: .utf8)
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ")
                if words.contains("import"), let module = words.last, module == "Foundation" || module.hasPrefix("Foundation.")
                    || module == "FoundationInternationalization" || module == "CoreFoundation" {
                    Issue.record("\(file): \(line)")
                }
            }
        }
    }
}
