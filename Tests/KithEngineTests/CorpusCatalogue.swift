import Foundation
@testable import KithEngine
import KithGraph
import KithLanguage

/// The catalogue the corpus tests read with: the built-in one, or, while tuning, the folder
/// `KITH_INTENTS` names, loaded as it is now (`KITH_INTENTS=intents swift test --skip-build
/// --filter VoicesCorpusTests`), so an edit to `intents/` is measured without regenerating the
/// compiled copy and rebuilding. CompiledIntentsTests still holds the built-in copy to the folder.
enum CorpusCatalogue {
    static let current: Catalogue = {
        guard let folder = ProcessInfo.processInfo.environment["KITH_INTENTS"] else { return .builtIn() }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let url = folder.hasPrefix("/") ? URL(fileURLWithPath: folder) : root.appendingPathComponent(folder)
        var files: [String: String] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [] where name.hasSuffix(".intent") {
            files[name] = try? String(contentsOf: url.appendingPathComponent(name), encoding: .utf8)
        }
        do { return try Catalogue.load(files: files) } catch { fatalError("KITH_INTENTS=\(folder): \(error)") }
    }()

    /// A conversation over the demo network on its day, as every corpus is labelled.
    static func conversation() -> Conversation {
        Conversation(catalogue: current, storage: MemoryStorage(DemoNetwork.graph()), today: DemoNetwork.today)
    }
}
