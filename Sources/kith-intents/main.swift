// kith-intents: loads the intents/ folder and writes what the kith binary carries of it
// (docs/intents.md, "Why compiled"). The IntentCatalogue build-tool plugin runs it for KithEngine
// on every build whose intents changed, so editing intents/ needs no other step.
//
//   kith-intents INTENTS_DIRECTORY OUTPUT_DIRECTORY
//
// It writes CompiledIntents.swift (the catalogue, compiled) and IntentNames.swift (the `Intent`
// and `Slot` enums). A catalogue with problems fails the build with each one as
// `intents/FILE:LINE:COLUMN: error: MESSAGE`, the offending line and a caret.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials
import KithLanguage

func fail(_ message: String) -> Never {
    let bytes = Array((message + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(1)
}

/// Writes `text` to `path` unless it already holds exactly that (so the build sees no change).
func write(_ text: String, to path: String) {
    if FileManager.default.contents(atPath: path).map({ String(decoding: $0, as: UTF8.self) }) == text { return }
    do {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
        fail("kith-intents: cannot write \(path): \(error)")
    }
}

let arguments = CommandLine.arguments
guard arguments.count == 3 else { fail("usage: kith-intents INTENTS_DIRECTORY OUTPUT_DIRECTORY") }
let (folder, output) = (arguments[1], arguments[2])
var files: [String: String] = [:]
do {
    for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".intent") {
        guard let data = FileManager.default.contents(atPath: folder + "/" + name) else { fail("kith-intents: cannot read \(folder)/\(name)") }
        files[name] = String(decoding: data, as: UTF8.self)
    }
} catch {
    fail("kith-intents: cannot read \(folder): \(error)")
}
let catalogue: Catalogue
do {
    catalogue = try Catalogue.load(files: files)
} catch {
    fail(error.errors.map { "\(folder)/\($0.description.replacingFirst(":", with: ": error:", after: 3))" }.joined(separator: "\n"))
}
write(Catalogue.compiledIntentsSource(catalogue), to: output + "/CompiledIntents.swift")
write(Catalogue.namesSource(catalogue), to: output + "/IntentNames.swift")

extension String {
    /// "f.intent:3:5: message" → "f.intent:3:5: error: message": the colon after the
    /// location (the `count`th) gets the word compilers use, so an editor lists it as an error.
    func replacingFirst(_ colon: String, with replacement: String, after count: Int) -> String {
        var seen = 0
        for index in indices where self[index] == ":" {
            seen += 1
            if seen == count { return String(self[..<index]) + replacement + String(self[index...].dropFirst()) }
        }
        return self
    }
}
