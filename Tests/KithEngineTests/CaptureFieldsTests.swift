import Testing
@testable import KithEngine
import KithGraph
import KithTime

/// The fields schema version 2 added, as the engine uses them: several addresses per person,
/// where a conversation came from, calendar events, and phrasings the user teaches.
@Suite struct CaptureFieldsTests {
    @Test func aPersonHasSeveralAddressesAndANewOneGoesFirst() throws {
        let kith = Harness(DemoNetwork.graph(), today: DemoNetwork.today)
        #expect(try kith.say("what's Diane's email").text
                == "Diane Smith's email is diane.smith@example.com (also diane@acme.example).")
        #expect(try kith.say("tell me about Diane").text.contains("email          diane.smith@example.com, diane@acme.example"))
        #expect(try kith.say("Diane's email is d@home.example").text
                == "Diane Smith's email is now d@home.example (also diane.smith@example.com, diane@acme.example).")
        // Another spelling of an address she has moves it to the front, never doubles it.
        try kith.say("Diane's email is DIANE@acme.example")
        #expect(kith.graph.people[1]?.emails == ["DIANE@acme.example", "d@home.example", "diane.smith@example.com"])
        try kith.say("Diane's phone is +1 (555) 0199")
        try kith.say("Diane's phone is +1 555 0101")
        #expect(kith.graph.people[1]?.phones == ["+1 555 0101", "+1 (555) 0199"])
        #expect(try kith.say("undo").text.hasPrefix("Undone: Diane Smith's phone"))
        #expect(kith.graph.people[1]?.phones == ["+1 (555) 0199", "+1 555 0101"])
    }

    @Test func mergingKeepsEveryAddressOnce() throws {
        let kith = Harness(options: .init(assumeYes: true))
        try kith.say("add Ann Lee")
        try kith.say("Ann's email is ann@lee.example")
        try kith.say("add Annie Lee")
        try kith.say("Annie's email is ANN@lee.example")
        try kith.say("Annie Lee's email is annie@work.example")
        try kith.say("Annie Lee is the same person as Ann Lee")
        #expect(kith.graph.people.values.map(\.emails) == [["ann@lee.example", "annie@work.example"]])
    }

    @Test func historySaysWhereAConversationCameFrom() throws {
        var graph = Graph()
        graph.apply([.put(.person(Person(id: 1, name: "Ann Lee"))),
                     .put(.interaction(Interaction(id: 1, date: tuesday, people: [1], channel: "email", topic: "the offer",
                                                   source: "mail", sourceKeys: ["<a1@lee.example>", "<a2@lee.example>"]))),
                     .put(.interaction(Interaction(id: 2, date: tuesday.adding(days: -1), people: [1], channel: "talk")))])
        let kith = Harness(graph)
        let text = try kith.say("show my conversations with Ann").text
        #expect(text.contains("the offer · from mail"))
        #expect(!text.contains("— · from"))
        #expect(kith.graph.importedKeys(from: "mail") == ["<a1@lee.example>", "<a2@lee.example>"])
    }

    @Test func forgettingOrMergingSomeoneKeepsTheirEvents() throws {
        var graph = Graph()
        graph.apply([.put(.person(Person(id: 1, name: "Ann Lee"))), .put(.person(Person(id: 2, name: "Bob Stone"))),
                     .put(.person(Person(id: 3, name: "Carol Jones"))),
                     .put(.event(Event(id: 1, uid: "standup@cal", date: tuesday.adding(days: 2), title: "Standup",
                                       people: [1, 2], channel: "meeting")))])
        let kith = Harness(graph, options: .init(assumeYes: true))
        try kith.say("forget Ann Lee")
        #expect(kith.graph.events[1]?.people == [2])
        try kith.say("Bob Stone is the same person as Carol Jones")
        #expect(kith.graph.events[1]?.people == [3])
        #expect(kith.graph.events(in: Period(tuesday, tuesday.adding(days: 7))).map(\.title) == ["Standup"])
        try kith.say("undo")
        try kith.say("undo")
        #expect(kith.graph.events[1]?.people == [1, 2])
    }

    /// A phrasing is a record like any other: kept, found folded, and taken back by undo.
    @Test func aTaughtPhrasingIsKeptAndUndone() throws {
        let kith = Harness()
        let taught = try kith.conversation.teach(says: "catch up", means: "talk", question: "when I say catch up I mean talk")
        #expect(taught.text == "Learned that \"catch up\" means \"talk\".")
        #expect(kith.graph.phrase(saying: "Catch Up")?.means == "talk")
        #expect(kith.graph.phrase(saying: "Catch Up")?.added == tuesday)
        let again = try kith.conversation.teach(says: "CATCH UP", means: "talk", question: "")
        #expect(again.failure == .alreadyKnown)
        #expect(try kith.say("undo").text == "Undone: learned that \"catch up\" means \"talk\".")
        #expect(kith.graph.phrases.isEmpty)
    }
}
