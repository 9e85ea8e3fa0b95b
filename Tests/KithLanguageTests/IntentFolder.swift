import Foundation
import Testing
@testable import KithLanguage

/// The repository's `intents/` folder, read for tests.
enum IntentFolder {
    static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("intents")

    static let files: [String: String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        var files: [String: String] = [:]
        for name in names where name.hasSuffix(".intent") {
            files[name] = try? String(contentsOf: url.appendingPathComponent(name), encoding: .utf8)
        }
        return files
    }()

    static let catalogue: Catalogue = {
        do { return try Catalogue.load(files: files) } catch { fatalError("\(error)") }
    }()

    static var examples: [IntentExample] { catalogue.intents.flatMap(\.examples) }
}

extension IntentExample: CustomTestStringConvertible {
    public var testDescription: String { "\(file):\(line) \(sentence)" }
}
