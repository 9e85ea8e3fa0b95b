import Testing
@testable import KithLanguage

/// Every example written in `intents/` is understood as its intent with exactly its slots.
@Suite struct CatalogueExampleTests {
    @Test func catalogueLoadsWithExamples() {
        #expect(IntentFolder.catalogue.intents.count >= 13)
        #expect(IntentFolder.examples.count >= 40)
    }

    @Test(arguments: IntentFolder.examples)
    func exampleIsUnderstood(_ example: IntentExample) throws {
        let catalogue = IntentFolder.catalogue
        let matcher = Matcher(catalogue: catalogue)
        let best = try #require(matcher.best(example.sentence, today: catalogue.examplesToday),
                                "not understood")
        let expectedIntent = example.file.replacingOccurrences(of: ".intent", with: "")
        #expect(best.intent == expectedIntent)
        #expect(best.slots.mapValues(\.rendered) == example.slots)
    }

    @Test func noTwoIntentsReadASentenceEquallyWell() {
        let overlaps = IntentFolder.catalogue.overlaps()
        #expect(overlaps.isEmpty, "\(overlaps.map(\.description).joined(separator: "\n"))")
    }
}
