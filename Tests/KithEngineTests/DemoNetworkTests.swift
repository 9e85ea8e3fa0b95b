import Testing
@testable import KithEngine
import KithGraph
import KithTime

@Suite("Demo network")
struct DemoNetworkTests {
    let graph = DemoNetwork.graph()

    @Test func today() {
        #expect(DemoNetwork.today == CalendarDate(year: 2026, month: 3, day: 10))
        #expect(DemoNetwork.today.weekday == .tuesday)
    }

    @Test func sizeAndOwner() {
        #expect(graph.people.count >= 45)
        #expect(graph.owner.name == "Alex Morgan")
        #expect((300...500).contains(graph.interactions.count))
        #expect(graph.relations.count >= 20)
        #expect((4...6).contains(graph.reminders.count))
    }

    @Test func invariantsHold() {
        #expect(graph.checkInvariants() == [])
    }

    @Test func deterministic() {
        let again = DemoNetwork.graph()
        #expect(again.people == graph.people)
        #expect(again.interactions == graph.interactions)
        #expect(again.relations == graph.relations)
        #expect(again.reminders == graph.reminders)
        #expect(again.owner == graph.owner)
    }

    @Test func idsAreDense() {
        #expect(graph.people.keys.sorted() == Array(1...graph.people.count))
        #expect(graph.interactions.keys.sorted() == Array(1...graph.interactions.count))
        let byID = graph.interactions.values.sorted { $0.id < $1.id }
        #expect(zip(byID, byID.dropFirst()).allSatisfy { $0.date <= $1.date }, "interaction ids follow dates")
    }

    @Test func interactionsStayInTheWindow() {
        let window = Period(CalendarDate(year: 2025, month: 9, day: 10)!, DemoNetwork.today)
        for interaction in graph.interactions.values {
            #expect(window.contains(interaction.date), "interaction \(interaction.id) on \(interaction.date)")
            #expect(!interaction.people.isEmpty)
            #expect(Set(interaction.people).count == interaction.people.count)
            for id in interaction.people {
                #expect(graph.people[id] != nil)
                if let added = graph.people[id]?.added { #expect(added <= interaction.date) }
            }
            #expect(["talk", "call", "meeting", "message", "email", "video"].contains(interaction.channel))
        }
    }

    @Test func relationsAndRemindersNameRealPeople() {
        for relation in graph.relations.values {
            for side in [relation.person, relation.other] {
                #expect(side == ownerID || graph.people[side] != nil, "relation \(relation.id)")
            }
        }
        for reminder in graph.reminders.values {
            if let person = reminder.person { #expect(graph.people[person] != nil) }
        }
        #expect(graph.reminders.values.contains { $0.done })
        #expect(graph.reminders.values.contains { !$0.done && $0.due < DemoNetwork.today })
        #expect(graph.reminders.values.contains { $0.recurrence == "yearly" })
    }

    @Test func severalPeopleAreOverdue() {
        let overdue = graph.people.values.filter { person in
            guard let cadence = person.cadenceDays, let last = graph.lastInteraction(with: person.id) else { return false }
            return last.date.days(until: DemoNetwork.today) > cadence
        }
        #expect(overdue.count >= 6)
        let wellOverdue = overdue.filter {
            (60...170).contains(graph.lastInteraction(with: $0.id)!.date.days(until: DemoNetwork.today))
        }
        #expect((6...10).contains(wellOverdue.count))
        let neverContacted = graph.people.values.filter { graph.lastInteraction(with: $0.id) == nil }
        #expect((3...4).contains(neverContacted.count))
    }

    @Test func namesResolveAsTheReadmeExpects() throws {
        let dianes = graph.people.values.filter { person in
            fold(person.firstName) == "diane" || person.aliases.contains { fold($0) == "diane" }
        }
        #expect(dianes.count == 1)
        let diane = try #require(dianes.first)
        #expect(graph.resolve(name: "Diane") == .person(diane.id))
        #expect(diane.name == "Diane Smith")
        #expect(diane.org == "Acme")
        #expect(diane.place == "Boston")
        #expect(diane.tags.contains("client"))

        guard case .ambiguous(let sams) = graph.resolve(name: "Sam") else {
            Issue.record("Sam should be ambiguous")
            return
        }
        #expect(sams.compactMap { graph.people[$0]?.name }.sorted() == ["Sam Lee", "Sam Ortiz"])

        guard case .person(let bob) = graph.resolve(name: "Bob") else {
            Issue.record("Bob should resolve to one person")
            return
        }
        #expect(graph.people[bob]?.name == "Robert Stone")
        #expect(graph.relations.values.contains { $0.person == diane.id && $0.kind == "wife" && $0.other == bob })

        for name in ["Carol", "Ruth", "Zoe", "Jose", "Dianne"] {
            guard case .person = graph.resolve(name: name) else {
                Issue.record("\(name) should resolve to one person")
                continue
            }
        }
    }

    @Test func firstNamesAreUniqueExceptTheSams() {
        var count: [String: Int] = [:]
        for person in graph.people.values { count[fold(person.firstName), default: 0] += 1 }
        #expect(count.filter { $0.value > 1 }.keys.sorted() == ["sam"])
    }

    @Test func lastContactsTheReadmeShows() throws {
        guard case .person(let diane) = graph.resolve(name: "Diane"),
              case .person(let bob) = graph.resolve(name: "Bob") else {
            Issue.record("Diane and Bob should resolve")
            return
        }
        let lastDiane = try #require(graph.lastInteraction(with: diane))
        #expect(lastDiane.date == CalendarDate(year: 2026, month: 3, day: 9))
        #expect(lastDiane.channel == "talk")
        #expect(lastDiane.topic == "the Facebook post")
        let lastBob = try #require(graph.lastInteraction(with: bob))
        #expect(lastBob.date == CalendarDate(year: 2026, month: 3, day: 6))
        #expect(lastBob.channel == "call")
    }

    @Test func varietyInConversations() {
        let all = Array(graph.interactions.values)
        let group = all.filter { $0.people.count > 1 }
        #expect(!group.isEmpty)
        #expect(Double(group.count) / Double(all.count) > 0.05)
        let withTopic = all.filter { $0.topic != nil }
        #expect(Double(withTopic.count) / Double(all.count) > 0.3)
        #expect(Set(all.map(\.channel)).count == 6)
    }

    @Test func birthdays() {
        let birthdays = graph.people.values.compactMap(\.birthday)
        #expect(birthdays.contains { $0.year == nil })
        #expect(birthdays.contains { $0.month == 2 && $0.day == 29 })
        let soon = birthdays.filter {
            DemoNetwork.today.days(until: $0.nextOccurrence(onOrAfter: DemoNetwork.today)) <= 30
        }
        #expect(soon.count >= 2)
    }
}
