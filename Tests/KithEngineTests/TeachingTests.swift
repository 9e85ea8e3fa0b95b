import Testing
@testable import KithEngine
import KithGraph
import KithLanguage

/// Teaching Kith a phrasing (issue 12): in words, or by picking a reading after a refusal and
/// saying yes to remembering it. Phrasings are records: listed, forgotten in words, undone, and
/// named by `why`.
@Suite struct TeachingTests {
    @Test func aPhrasingTaughtInWordsIsUsedListedAndForgotten() throws {
        let kith = Harness(DemoNetwork.graph(), today: DemoNetwork.today)
        let before = kith.graph.interactions.count
        #expect(try kith.say("I gabbed with Diane yesterday").failure == .notUnderstood)
        let taught = try kith.say("when I say gabbed with I mean talked to")
        #expect(taught.intent == "teach")
        #expect(taught.text == "Learned that \"gabbed with\" means \"talked to\".")
        // Read as "I talked to Diane yesterday": a template reads it whole, so it is logged at once.
        let used = try kith.say("I gabbed with Diane yesterday")
        #expect(used.intent == "log_interaction")
        #expect(used.failure == nil)
        #expect(kith.graph.interactions.count == before + 1)
        // why names the phrasing that was used.
        let why = try kith.say("why")
        #expect(why.text.contains("learned: \"gabbed with\" means \"talked to\""))
        // Listed, then forgotten in words.
        let list = try kith.say("what have you learned")
        #expect(list.text.contains("\"gabbed with\""))
        #expect(list.count == 1)
        let forgotten = try kith.say("forget the phrasing gabbed with")
        #expect(forgotten.intent == "unlearn")
        #expect(kith.graph.phrases.isEmpty)
        #expect(try kith.say("I gabbed with Diane yesterday").failure == .notUnderstood)
        // Undo brings it back.
        try kith.say("undo")
        #expect(kith.graph.phrases.count == 1)
    }

    @Test func teachingLinesAreNeverRewrittenByWhatTheyTeach() throws {
        let kith = Harness(DemoNetwork.graph(), today: DemoNetwork.today)
        try kith.say("when I say natter I mean talk")
        // Teaching it again (not rewritten into "when I say talk I mean talk") is refused as known.
        #expect(try kith.say("when I say natter I mean talk").failure == .alreadyKnown)
        #expect(try kith.say("unlearn natter").intent == "unlearn")
    }

    @Test func aPickedReadingIsRememberedForAnyoneWhenTheUserSaysYes() throws {
        let kith = Harness(DemoNetwork.graph(), today: DemoNetwork.today, options: .init(interactive: true))
        let refusal = try kith.say("gimme the dirt on ruth")
        #expect(refusal.failure == .notUnderstood)
        let readings = refusal.suggestions ?? []
        let pick = try #require(readings.firstIndex(of: "tell me about Ruth Park"))
        let picked = try kith.say(String(pick + 1))
        #expect(picked.intent == "person_info")
        #expect(picked.text.hasSuffix("Should I remember that \"gimme the dirt on ruth\" means \"tell me about Ruth Park\"? (yes/no)"))
        let remembered = try kith.say("yes")
        #expect(remembered.intent == "teach")
        #expect(kith.graph.phrases.values.first?.says == "gimme the dirt on {name}")
        // Learned with the person as a hole: it works for someone else too.
        let other = try kith.say("gimme the dirt on Carol")
        #expect(other.intent == "person_info")
        #expect(other.people == nil || other.failure == nil)
        #expect(other.text.contains("Carol Jones"))
    }

    @Test func aPickedReadingIsNotRememberedWhenTheUserSaysNo() throws {
        let kith = Harness(DemoNetwork.graph(), today: DemoNetwork.today, options: .init(interactive: true))
        let refusal = try kith.say("gimme the dirt on ruth")
        let pick = try #require(refusal.suggestions?.firstIndex(of: "tell me about Ruth Park"))
        _ = try kith.say(String(pick + 1))
        #expect(try kith.say("no").text == "OK, I won't remember it.")
        #expect(kith.graph.phrases.isEmpty)
    }
}
