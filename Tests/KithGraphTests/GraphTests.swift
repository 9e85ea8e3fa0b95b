import Testing
@testable import KithGraph
import KithTime

func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

func person(_ id: RecordID, _ name: String, tags: [String] = [], org: String? = nil,
            aliases: [String] = []) -> Person {
    var p = Person(id: id, name: name)
    p.tags = tags
    p.org = org
    p.aliases = aliases
    return p
}

@Suite struct GraphTests {
    /// Diane, Bob (alias of Robert Stone), two Sams and Zoë, with a few conversations.
    static func sample() -> Graph {
        var graph = Graph()
        graph.apply([
            .put(.person(person(1, "Diane Smith", tags: ["client"], org: "Acme"))),
            .put(.person(person(2, "Robert Stone", tags: ["friend", "inner circle"], aliases: ["Bob"]))),
            .put(.person(person(3, "Sam Lee", org: "Globex"))),
            .put(.person(person(4, "Sam Ortiz", tags: ["clients"]))),
            .put(.person(person(5, "Zoë Laurent"))),
            .put(.interaction(Interaction(id: 1, date: day("2026-03-01"), people: [1], channel: "call"))),
            .put(.interaction(Interaction(id: 2, date: day("2026-03-09"), people: [1, 2], channel: "meeting"))),
            .put(.interaction(Interaction(id: 3, date: day("2026-02-10"), people: [2], channel: "talk"))),
        ])
        return graph
    }

    @Test func indexesAgreeWithRecords() {
        var graph = Self.sample()
        #expect(graph.checkInvariants().isEmpty)
        graph.apply(.delete(.interaction, 2))
        #expect(graph.checkInvariants().isEmpty)
        graph.apply(.put(.person(person(1, "Diane Smith-Jones", tags: ["friend"], org: "Globex"))))
        #expect(graph.checkInvariants().isEmpty)
        graph.apply(.delete(.person, 5))
        #expect(graph.checkInvariants().isEmpty)
        #expect(graph.people(atOrg: "acme").isEmpty)
        #expect(graph.people(atOrg: "GLOBEX").map(\.id) == [1, 3])
    }

    @Test func lastInteractionIsTheLatestOnAnyChannel() {
        let graph = Self.sample()
        #expect(graph.lastInteraction(with: 1)?.id == 2)
        #expect(graph.lastInteraction(with: 1, channel: "call")?.id == 1)
        #expect(graph.lastInteraction(with: 2)?.date == day("2026-03-09"))
        #expect(graph.lastInteraction(with: 3) == nil)
    }

    @Test func interactionsInAPeriodAreFoundByBinarySearch() {
        let graph = Self.sample()
        let march = Period(day("2026-03-01"), day("2026-03-10"))
        #expect(graph.interactions(of: 1, in: march).map(\.id) == [1, 2])
        #expect(graph.interactions(of: 2, in: march).map(\.id) == [2])
        #expect(graph.interactions(in: march).map(\.id) == [1, 2])
        #expect(graph.interactions(of: 1, in: .day(day("2026-03-05"))).isEmpty)
        #expect(graph.hasInteraction(with: 2, in: Period(day("2026-02-10"), day("2026-02-10"))))
    }

    @Test func tagsCompareSingularAndFolded() {
        let graph = Self.sample()
        #expect(graph.people(taggedAs: "Clients").map(\.id) == [1, 4])
        #expect(graph.people(taggedAs: "inner circle").map(\.id) == [2])
        #expect(Graph.tagKey("Families") == "family")
        #expect(Graph.tagKey("boss") == "boss")
    }

    @Test func inverseRestoresTheState() {
        let graph = Self.sample()
        let change: [Operation] = [
            .put(.person(person(1, "Diane Stone"))),
            .delete(.person, 3),
            .put(.person(person(6, "New Person"))),
            .delete(.interaction, 1),
        ]
        var changed = graph
        let undo = graph.inverse(of: change)
        changed.apply(change)
        #expect(changed.people[1]?.name == "Diane Stone")
        changed.apply(undo)
        #expect(changed.people == graph.people)
        #expect(changed.interactions == graph.interactions)
        #expect(changed.checkInvariants().isEmpty)
    }

    @Test func undoLogKeepsTheMostRecentEntries() {
        var graph = Graph()
        for id in 1...(Graph.undoDepth + 5) {
            graph.apply(.pushUndo(UndoEntry(id: id, summary: "change \(id)", inverse: [])))
        }
        #expect(graph.undoLog.count == Graph.undoDepth)
        #expect(graph.undoLog.last?.id == Graph.undoDepth + 5)
        graph.apply(.popUndo(Graph.undoDepth + 5))
        #expect(graph.undoLog.last?.id == Graph.undoDepth + 4)
    }

    @Test func idsAreNeverReused() {
        var graph = Self.sample()
        #expect(graph.nextID(.person) == 6)
        graph.apply(.delete(.person, 5))
        #expect(graph.nextID(.person) == 6)
    }
}

@Suite struct NameResolutionTests {
    let graph = GraphTests.sample()

    @Test(arguments: [
        ("Diane Smith", 1), ("diane", 1), ("SMITH", 1), ("Bob", 2), ("robert", 2), ("Stone", 2),
        ("Zoe", 5), ("zoë laurent", 5), ("Dianne", 1), ("Diane Smiht", 1), ("Robret", 2), ("Sam L", 3),
        ("Laurnet", 5),
    ])
    func resolvesToOnePerson(_ name: String, _ id: RecordID) {
        #expect(graph.resolve(name: name) == .person(id))
    }

    @Test func twoMatchesAreNeverGuessed() {
        #expect(graph.resolve(name: "Sam") == .ambiguous([3, 4]))
        #expect(graph.resolve(name: "sam") == .ambiguous([3, 4]))
    }

    @Test func unknownNamesOfferCloseOnes() {
        #expect(graph.resolve(name: "Carol") == .unknown(suggestions: []))
        #expect(graph.resolve(name: "") == .unknown(suggestions: []))
        // "Bo" is too short for typo tolerance: it must not become Bob.
        #expect(graph.resolve(name: "Bo") == .unknown(suggestions: []))
    }

    @Test func oneEditMeansOne() {
        #expect(withinOneEdit("diane", "dianne"))
        #expect(withinOneEdit("diane", "daine"))
        #expect(withinOneEdit("diane", "diana"))
        #expect(withinOneEdit("diane", "dian"))
        #expect(!withinOneEdit("diane", "dinna"))
        #expect(!withinOneEdit("diane", "diannee"))
    }
}

@Suite struct DanglingReferenceTests {
    @Test func deletingAPersonOthersReferToIsReported() {
        let graph = GraphTests.sample()
        #expect(graph.danglingReferences(after: [.delete(.person, 1)]) == [
            "interaction 1 names person 1, who does not exist", "interaction 2 names person 1, who does not exist",
        ])
        #expect(graph.danglingReferences(after: [.delete(.person, 5)]) == [])
        #expect(graph.danglingReferences(after: [.delete(.interaction, 1), .delete(.interaction, 2), .delete(.person, 1)]) == [])
        // Re-putting the interaction without the person is fine too.
        let without = Interaction(id: 2, date: day("2026-03-09"), people: [2], channel: "meeting")
        #expect(graph.danglingReferences(after: [.delete(.interaction, 1), .put(.interaction(without)), .delete(.person, 1)]) == [])
        // A person deleted and put back in the same change still exists.
        #expect(graph.danglingReferences(after: [.delete(.person, 1), .put(.person(person(1, "Diane")))]) == [])
    }

    @Test func recordsNamingNobodyAreReported() {
        let graph = GraphTests.sample()
        #expect(graph.danglingReferences(after: [
            .put(.interaction(Interaction(id: 9, date: day("2026-03-09"), people: [1, 42], channel: "talk"))),
            .put(.relation(Relation(id: 1, person: 0, kind: "friend", other: 43))),
            .put(.reminder(Reminder(id: 1, due: day("2026-04-01"), person: 44, text: "call"))),
            .put(.reminder(Reminder(id: 2, due: day("2026-04-01"), person: nil, text: "renew passport"))),
        ]) == [
            "interaction 9 names person 42, who does not exist", "relation 1 names person 43, who does not exist",
            "reminder 1 names person 44, who does not exist",
        ])
        var withRelation = graph
        withRelation.apply([.put(.relation(Relation(id: 1, person: 3, kind: "friend", other: ownerID))),
                            .put(.reminder(Reminder(id: 1, due: day("2026-04-01"), person: 3, text: "call")))])
        #expect(withRelation.danglingReferences(after: [.delete(.person, 3)]) == [
            "relation 1 names person 3, who does not exist", "reminder 1 names person 3, who does not exist",
        ])
    }
}
