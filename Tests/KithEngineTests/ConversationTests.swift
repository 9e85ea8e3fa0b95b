import Testing
@testable import KithEngine
import KithGraph
import KithLanguage
import KithTime

let catalogue = Catalogue.builtIn()
let tuesday = CalendarDate(iso: "2026-03-10")!

/// A conversation over an in-memory store, checking graph invariants after every line.
final class Harness {
    let storage: MemoryStorage
    let conversation: Conversation

    init(_ graph: Graph = Graph(), today: CalendarDate = tuesday, options: Conversation.Options = .init()) {
        storage = MemoryStorage(graph)
        conversation = Conversation(catalogue: catalogue, storage: storage, today: today, options: options)
    }

    @discardableResult
    func say(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Answer {
        let answer = try conversation.respond(to: line)
        #expect(storage.graph.checkInvariants().isEmpty, sourceLocation: sourceLocation)
        return answer
    }

    var graph: Graph { storage.graph }
}

/// A new user builds a network by talking, then asks about it.
@Suite struct NewUserTests {
    @Test func buildingANetworkByTalking() throws {
        let kith = Harness()
        var answer = try kith.say("add Diane Smith as a client")
        #expect(answer.intent == "add_person")
        #expect(answer.text == "Added Diane Smith (client).")
        try kith.say("add Bob Stone")
        try kith.say("add carol jones")
        #expect(kith.graph.people.values.map(\.name).sorted() == ["Bob Stone", "Carol Jones", "Diane Smith"])

        answer = try kith.say("Diane works at Acme")
        #expect(answer.text == "Diane Smith's company is now Acme.")
        answer = try kith.say("I talked to Diane today about the Facebook post")
        #expect(answer.intent == "log_interaction")
        #expect(answer.text == "Logged a conversation with Diane Smith on Tue Mar 10 about the Facebook post.")
        try kith.say("note that Diane has two kids")
        try kith.say("tag Bob as friend")
        try kith.say("had lunch with Diane and Bob yesterday")
        try kith.say("Diane's birthday is May 4")
        #expect(kith.graph.people[1]?.birthday == MonthDay(year: nil, month: 5, day: 4))
        #expect(kith.graph.people[1]?.notes.map(\.text) == ["Diane has two kids"])
        #expect(kith.graph.people[2]?.tags == ["friend"])

        answer = try kith.say("who haven't I talked to this month")
        #expect(answer.people == ["Carol Jones"])
        answer = try kith.say("who did I talk to this week")
        #expect(answer.people == ["Diane Smith", "Bob Stone"])
        answer = try kith.say("when did I last talk to Bob")
        #expect(answer.date == CalendarDate(iso: "2026-03-09"))
        answer = try kith.say("when did I last talk to Diane")
        #expect(answer.date == tuesday)
        answer = try kith.say("who do I know at Acme")
        #expect(answer.people == ["Diane Smith"])
        answer = try kith.say("who are my clients")
        #expect(answer.people == ["Diane Smith"])
        answer = try kith.say("how many people did I talk to this week")
        #expect(answer.count == 2)
        answer = try kith.say("how many clients do I have")
        #expect(answer.count == 1)
        answer = try kith.say("how many times did I see Diane this month")
        #expect(answer.count == 2)
        answer = try kith.say("tell me about Diane")
        #expect(answer.text.contains("has two kids"))
        #expect(answer.text.contains("May 4"))
        #expect(answer.text.contains("Acme"))
    }

    @Test func undoTakesBackTheLastChange() throws {
        let kith = Harness()
        try kith.say("add Diane Smith")
        try kith.say("tag Diane as client")
        #expect(kith.graph.people[1]?.tags == ["client"])
        var answer = try kith.say("undo")
        #expect(answer.text == "Undone: tagged Diane Smith as client.")
        #expect(kith.graph.people[1]?.tags == [])
        answer = try kith.say("undo that")
        #expect(kith.graph.people.isEmpty)
        answer = try kith.say("undo")
        #expect(answer.failure == .nothingToUndo)
    }

    @Test func undoAfterAOneShotChangeUndoesTheStoresLast() throws {
        let first = Harness()
        try first.say("add Ann Lee")
        // A new conversation over the same graph (as `kith ask undo` would be).
        let second = Harness(first.graph)
        let answer = try second.say("undo")
        #expect(answer.text == "Undone: added Ann Lee.")
        #expect(second.graph.people.isEmpty)
    }

    @Test func interactionsInvolvingSeveralPeopleCountForEach() throws {
        let kith = Harness()
        try kith.say("add Ruth Park")
        try kith.say("add Bob Stone")
        let answer = try kith.say("called Ruth and Bob on Monday")
        #expect(answer.text == "Logged a call with Ruth Park and Bob Stone on Mon Mar 9.")
        #expect(kith.graph.lastInteraction(with: 1)?.date == CalendarDate(iso: "2026-03-09"))
        #expect(kith.graph.lastInteraction(with: 2)?.id == kith.graph.lastInteraction(with: 1)?.id)
        #expect(kith.graph.interactions.count == 1)
    }

    @Test func refusalsChangeNothing() throws {
        let kith = Harness()
        try kith.say("add Diane Smith")
        var answer = try kith.say("add Diane Smith")
        #expect(answer.failure == .alreadyKnown)
        answer = try kith.say("Diane's birthday is the day after never")
        #expect(answer.failure == .invalidValue)
        answer = try kith.say("Diane's email is not an address")
        #expect(answer.failure == .invalidValue)
        answer = try kith.say("talked to Diane and Zed yesterday")
        #expect(answer.failure == .unknownPerson)
        answer = try kith.say("talked to Diane tomorrow")
        #expect(answer.failure == .invalidValue)
        #expect(kith.graph.people.count == 1)
        #expect(kith.graph.interactions.isEmpty)
        #expect(kith.storage.log.count == 1)
    }
}

@Suite struct DemoConversationTests {
    @Test func thisMonthRunsFromTheFirstThroughToday() throws {
        let kith = Harness(DemoNetwork.graph(), today: DemoNetwork.today)
        let answer = try kith.say("who haven't I talked to this month")
        let march = Period(CalendarDate(iso: "2026-03-01")!, DemoNetwork.today)
        let expected = kith.graph.peopleByName.filter { !kith.graph.hasInteraction(with: $0.id, in: march) }
        #expect(Set(answer.people ?? []) == Set(expected.map(\.name)))
        #expect(answer.people?.contains("Diane Smith") == false)
        #expect(answer.people?.first.map { kith.graph.resolve(name: $0) }.map {
            if case .person(let id) = $0 { return kith.graph.lastInteraction(with: id) == nil }
            return false
        } == true)
    }

    @Test func lastTalkedIsAnyChannel() throws {
        let kith = Harness(DemoNetwork.graph(), today: DemoNetwork.today)
        let answer = try kith.say("when did I last see Bob")
        #expect(answer.intent == "last_contact")
        #expect(answer.date == CalendarDate(iso: "2026-03-06"))
        #expect(answer.slots.first { $0.0 == "person" }?.1 == .string("Robert Stone"))
    }

    @Test func ambiguousNamesAreNeverGuessed() throws {
        let kith = Harness(DemoNetwork.graph(), today: DemoNetwork.today)
        let answer = try kith.say("when did I last talk to Sam")
        #expect(answer.failure == .ambiguousPerson)
        #expect(answer.suggestions == ["Sam Lee", "Sam Ortiz"])
        #expect(answer.text.hasPrefix("Which Sam?"))
    }

    @Test func aTypoInANameIsToleratedWhenUnambiguous() throws {
        let kith = Harness(DemoNetwork.graph(), today: DemoNetwork.today)
        let answer = try kith.say("tell me about Dianne")
        #expect(answer.failure == nil)
        #expect(answer.text.hasPrefix("Diane Smith"))
        #expect(try kith.say("who is zoe").text.hasPrefix("Zoë Laurent"))
    }

    @Test func unknownPeopleAreNotGuessed() throws {
        let kith = Harness(DemoNetwork.graph(), today: DemoNetwork.today)
        let answer = try kith.say("when did I last talk to Xavier")
        #expect(answer.failure == .unknownPerson)
        #expect(answer.text.contains("add Xavier"))
    }

    @Test func notUnderstoodOffersPhrasings() throws {
        let kith = Harness(DemoNetwork.graph(), today: DemoNetwork.today)
        let answer = try kith.say("what is the airspeed of an unladen swallow")
        #expect(answer.intent == nil)
        #expect(answer.failure == .notUnderstood)
        let nothing = try kith.say("talked")
        #expect(nothing.failure == .notUnderstood)
        // Part of the line was understood (a person): the suggestions are built from it.
        let close = try kith.say("Diane something else entirely")
        #expect(close.failure == .notUnderstood)
        #expect((close.suggestions ?? []).contains("tell me about Diane Smith"))
        #expect((close.suggestions ?? []).count <= 3)
        // Nothing of it understood: the nearest example phrasings.
        let far = try kith.say("who else is there then")
        #expect(far.failure == .notUnderstood)
    }

    @Test func pronounsReferToTheLastPersonMentioned() throws {
        let kith = Harness(DemoNetwork.graph(), today: DemoNetwork.today)
        try kith.say("tell me about Carol")
        let answer = try kith.say("when did I last talk to her")
        #expect(answer.slots.first { $0.0 == "person" }?.1 == .string("Carol Jones"))
    }

    @Test func aHugeLineIsRefusedQuickly() throws {
        let kith = Harness(DemoNetwork.graph(), today: DemoNetwork.today)
        let answer = try kith.say(String(repeating: "who did I talk to ", count: 60_000))
        #expect(answer.failure == .notUnderstood)
    }

    @Test func jsonHasTheContractShape() throws {
        let kith = Harness(DemoNetwork.graph(), today: DemoNetwork.today)
        let answer = try kith.say("which clients haven't I called since October")
        let json = answer.json.serialized
        #expect(json.hasPrefix(#"{"question": "which clients haven't I called since October", "intent": "not_contacted", "slots": {"channel": "call", "period": {"start": "2025-10-01", "end": "2026-03-10"}, "tag": "clients"}, "text": "#))
        #expect(json.contains(#""people": ["#))
        let failed = try kith.say("blorp")
        #expect(failed.json.serialized.hasSuffix(#""error": "not_understood", "suggestions": []}"#))
    }
}
