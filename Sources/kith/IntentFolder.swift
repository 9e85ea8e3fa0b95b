import FoundationEssentials

/// Reads an intents folder from disk (only for KITH_INTENTS; normally the catalogue is built in).
enum IntentFolder {
    static func read(_ folder: String) throws -> [String: String] {
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".intent") {
            files[name] = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
        }
        return files
    }
}
