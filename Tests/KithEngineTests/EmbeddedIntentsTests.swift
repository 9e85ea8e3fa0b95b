import Foundation
import Testing
@testable import KithEngine

/// The catalogue compiled into the binary must be exactly the `intents/` folder.
@Suite struct EmbeddedIntentsTests {
    @Test func embeddedCopyMatchesTheIntentsFolder() throws {
        let folder = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("intents")
        var onDisk: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".intent") {
            onDisk[name] = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }
        #expect(!onDisk.isEmpty)
        #expect(Set(EmbeddedIntents.files.keys) == Set(onDisk.keys), "run scripts/embed-intents.sh")
        for (name, text) in onDisk {
            #expect(EmbeddedIntents.files[name] == text, "\(name) differs from the embedded copy: run scripts/embed-intents.sh")
        }
    }
}
