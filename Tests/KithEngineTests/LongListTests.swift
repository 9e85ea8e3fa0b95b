import Testing
@testable import KithEngine
import KithGraph
import KithTime

/// Long list answers show a screenful and say how many more there are; `listLimit: nil`
/// (`--all`, `--json`) shows everyone. The count is always the whole list's.
@Suite struct LongListTests {
    /// 70 people, all clients; the first 30 talked to last week.
    static func network() -> Graph {
        var graph = Graph()
        for id in 1...70 {
            var person = Person(id: id, name: String(format: "Person %02d", id))
            person.tags = ["client"]
            graph.apply(.put(.person(person)))
            if id <= 30 {
                graph.apply(.put(.interaction(Interaction(id: id, date: tuesday.adding(days: -id % 5), people: [id], channel: "call"))))
            }
        }
        return graph
    }

    @Test func aLongListStopsAfterAScreenful() throws {
        let kith = Harness(Self.network())
        let answer = try kith.say("who are my clients")
        #expect(answer.count == 70)
        #expect(answer.people?.count == Conversation.Options.defaultListLimit)
        #expect(answer.people?.first == "Person 01")
        #expect(answer.text.hasPrefix("70 people tagged client:\n"))
        #expect(answer.text.hasSuffix("\n…and 20 more (--all lists everyone)."))
        #expect(answer.text.split(separator: "\n").count == 1 + 50 + 1)

        let quiet = try kith.say("who haven't I talked to this month")
        #expect(quiet.count == 40)
        #expect(quiet.people?.count == 40)
        #expect(!quiet.text.contains("more"))
    }

    @Test func withoutALimitEveryoneIsListed() throws {
        let kith = Harness(Self.network(), options: .init(listLimit: nil))
        let answer = try kith.say("who are my clients")
        #expect(answer.count == 70)
        #expect(answer.people == (1...70).map { String(format: "Person %02d", $0) })
        #expect(!answer.text.contains("more"))
    }

    @Test func theLimitAppliesToEveryLongList() throws {
        let kith = Harness(Self.network(), options: .init(listLimit: 10))
        let contacted = try kith.say("who did I talk to this month")
        #expect(contacted.count == 30)
        #expect(contacted.people?.count == 10)
        #expect(contacted.text.hasSuffix("…and 20 more (--all lists everyone)."))
        let quiet = try kith.say("which clients haven't I called this month")
        #expect(quiet.count == 40)
        #expect(quiet.people == (31...40).map { String(format: "Person %02d", $0) })
        #expect(quiet.text.hasSuffix("…and 30 more (--all lists everyone)."))
    }
}
