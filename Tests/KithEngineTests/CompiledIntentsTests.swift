import Foundation
import Testing
@testable import KithEngine
@testable import KithLanguage

/// The catalogue the build compiled into the binary (the IntentCatalogue plugin runs
/// `kith-intents`) must be exactly what the `intents/` folder loads to.
@Suite struct CompiledIntentsTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func folderCatalogue() throws -> Catalogue {
        let folder = root.appendingPathComponent("intents")
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".intent") {
            files[name] = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }
        return try Catalogue.load(files: files)
    }

    /// The names the build generated are exactly the folder's intents and slots.
    @Test func theGeneratedNamesAreTheFolders() throws {
        let catalogue = try Self.folderCatalogue()
        #expect(Intent.allCases.map(\.rawValue) == catalogue.intents.map(\.name))
        let slots = Set(catalogue.slotKinds.keys).union(catalogue.intents.flatMap { $0.slots.map(\.name) })
        #expect(Set(Slot.allCases.map(\.rawValue)) == slots)
        #expect(Catalogue.swiftName("not_contacted") == "notContacted")
        #expect(Catalogue.swiftName("import") == "`import`")
    }

    /// The literal the binary carries holds exactly the compiled bytes, and the built-in
    /// catalogue, its program decoded at once and the rest on first use, is the folder's.
    @Test func builtInIsTheFolder() throws {
        let catalogue = try Self.folderCatalogue()
        let bytes = CompiledIntents.bytes.withUTF8Buffer { Array($0) }
        #expect(bytes == catalogue.compiled())
        let builtIn = Catalogue.builtIn()
        #expect(builtIn.matchProgram?.sentenceTemplates == nil)
        #expect(builtIn.slotKinds == catalogue.slotKinds)
        #expect(builtIn.examplesToday == catalogue.examplesToday)
        #expect(builtIn.intents == catalogue.intents)
        #expect(builtIn.help == catalogue.help)
        #expect(builtIn.lists == catalogue.lists)
        #expect(builtIn.skipPhrases == catalogue.skipPhrases)
        #expect(builtIn.substitutions == catalogue.substitutions)
        #expect(builtIn.compiled() == bytes)
        // Every template the program rebuilds (as a match returns it) is the catalogue's.
        let program = try #require(builtIn.matchProgram)
        let templates = catalogue.intents.flatMap(\.sentences)
        #expect(program.templates.count == templates.count)
        for (index, template) in templates.enumerated() {
            #expect(program.sentence(index) == template)
            #expect(program.intentNames[program.templates[index].intent] == catalogue.intents.first { $0.sentences.contains(template) }?.name)
        }
        // The checked decoding accepts the built-in bytes.
        _ = try Catalogue(compiled: bytes)
    }

    /// Decoding gives back every part of the catalogue, and the same bytes again.
    @Test func compiledFormRoundTrips() throws {
        let catalogue = try Self.folderCatalogue()
        let bytes = catalogue.compiled()
        let decoded = try Catalogue(compiled: bytes)
        #expect(decoded.intents == catalogue.intents)
        #expect(decoded.help == catalogue.help)
        #expect(decoded.lists == catalogue.lists)
        #expect(decoded.slotKinds == catalogue.slotKinds)
        #expect(decoded.skipPhrases == catalogue.skipPhrases)
        #expect(decoded.substitutions == catalogue.substitutions)
        #expect(decoded.examplesToday == catalogue.examplesToday)
        #expect(decoded.compiled() == bytes)
    }

    /// Damaged bytes are refused with a reason, never read as some other catalogue or crash.
    @Test func damagedBytesAreRefused() throws {
        let bytes = try Self.folderCatalogue().compiled()
        #expect(throws: Catalogue.CompiledFormError.self) { try Catalogue(compiled: []) }
        #expect(throws: Catalogue.CompiledFormError.self) { try Catalogue(compiled: Array(bytes.dropLast())) }
        #expect(throws: Catalogue.CompiledFormError.self) { try Catalogue(compiled: bytes + [0]) }
        var otherVersion = bytes
        otherVersion[4] = 99
        #expect(throws: Catalogue.CompiledFormError.self) { try Catalogue(compiled: otherVersion) }
        // Every truncation point is refused.
        for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 500)) {
            #expect(throws: Catalogue.CompiledFormError.self) { try Catalogue(compiled: Array(bytes.prefix(length))) }
        }
    }
}
