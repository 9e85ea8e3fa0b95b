import KithCapture
import KithExchange
import KithGraph
import KithTime
import Testing

/// The matching and grouping rules of `ConversationImport`, on traces made by hand (the CLI
/// tests read real files end to end).
@Suite struct ConversationImportPlannerTests {
    let today = CalendarDate(year: 2026, month: 3, day: 10)!
    var monday: CalendarDate { today.adding(days: -8) }

    /// Ann by two addresses, Bob by a national US number, two people named Sam Lee, the owner
    /// with an address, a number and a name.
    func graph() -> Graph {
        var graph = Graph()
        var ann = Person(id: 1, name: "Ann Lee")
        ann.emails = ["ann@lee.example", "Ann@Work.example"]
        var bob = Person(id: 2, name: "Bob Stone")
        bob.phones = ["(555) 010-1234"]
        graph.apply([.put(.person(ann)), .put(.person(bob)), .put(.person(Person(id: 3, name: "Sam Lee"))),
                     .put(.person(Person(id: 4, name: "Sam Lee"))), .put(.person(Person(id: 5, name: "Carol Jones"))),
                     .setOwner(Owner(name: "Alex Morgan", emails: ["me@home.example"], phones: ["+1 555 010 9999"]))])
        return graph
    }

    func mail(_ key: String, from: Participant, to: [Participant], day: CalendarDate? = nil, time: Int = 0,
              subject: String? = nil, line: Int = 1) -> Trace {
        Trace(date: day ?? monday, time: time, channel: .email, source: .mail, key: "mail:" + key, from: from, to: to,
              subject: subject, line: line)
    }

    let me = Participant(name: "Alex", email: "ME@home.example")

    func plan(_ traces: [Trace], into graph: Graph? = nil, addUnknown: Bool = false, topics: Bool = true) -> ConversationImportPlan {
        var reading = ConversationReading()
        reading.traces = traces
        return ConversationImport.plan(reading, into: graph ?? self.graph(),
                                       options: .init(today: today, topics: topics, addUnknown: addUnknown,
                                                      phoneRegion: PhoneRegion(code: "US")),
                                       source: "test")
    }

    @Test func aDaysMailsWithSomeoneAreOneConversationTopicFromTheFirst() {
        let plan = plan([
            mail("2", from: me, to: [Participant(email: "ann@work.example")], time: 3600, subject: "Re: second"),
            mail("1", from: Participant(name: "Ann", email: "ANN@lee.example"), to: [me], time: 60, subject: "Fwd: Re: first"),
            mail("3", from: me, to: [Participant(email: "ann@lee.example")], day: monday.adding(days: 1), subject: "later"),
        ])
        #expect(plan.interactions.map(\.people) == [[1], [1]])
        #expect(plan.interactions.map(\.topic) == ["first", "later"])
        #expect(plan.interactions[0].sourceKeys == ["mail:2", "mail:1"])
        #expect(plan.interactions.allSatisfy { $0.source == "mail" && $0.channel == "email" })
        #expect(self.plan([mail("1", from: me, to: [Participant(email: "ann@lee.example")], subject: "x")], topics: false)
                .interactions.map(\.topic) == [nil])
    }

    @Test func phonesMatchHoweverTheyAreWrittenAndTheOwnersNeverCount() {
        let chat = Trace(date: monday, time: 0, channel: .message, source: .whatsapp, key: "whatsapp:1",
                         from: Participant(name: "Bobby", phone: "+15550101234"),
                         to: [Participant(name: "Alex Morgan"), Participant(phone: "+15550109999")], line: 3)
        let plan = plan([chat])
        #expect(plan.interactions.map(\.people) == [[2]])
        #expect(plan.unknown.isEmpty)
    }

    @Test func namesMatchOnlyWhenOnePersonHasThem() {
        let meeting = Trace(date: monday, channel: .meeting, source: .calendar, key: "calendar:m1/20260302",
                            from: Participant(name: "Alex Morgan", email: "me@home.example"),
                            to: [Participant(name: "carol jones"),
                                 Participant(name: "Sam Lee")], subject: "Planning", line: 7)
        let plan = plan([meeting])
        #expect(plan.interactions.map(\.people) == [[5]])
        #expect(plan.interactions.map(\.topic) == ["Planning"])
        #expect(plan.unknown.map(\.address) == ["Sam Lee"])
    }

    @Test func mailFromSomeoneElseIsWithTheSenderOnly() {
        let plan = plan([mail("1", from: Participant(email: "ann@lee.example"), to: [me, Participant(email: "x@y.example")])])
        #expect(plan.interactions.map(\.people) == [[1]])
        #expect(plan.unknown.isEmpty)
    }

    @Test func unknownCounterpartsAreCountedThenAdded() {
        let sam = Participant(name: "Sam Other", email: "sam@other.example")
        let traces = [mail("1", from: me, to: [sam]), mail("2", from: me, to: [sam], day: monday.adding(days: 1)),
                      mail("3", from: sam, to: [me])]
        let listed = plan(traces)
        #expect(listed.interactions.isEmpty && listed.change == nil)
        #expect(listed.unknown.map(\.suggestion) == ["you wrote to sam@other.example 2 times — add Sam Other?"])
        let added = plan(traces, addUnknown: true)
        #expect(added.added.map(\.name) == ["Sam Other"])
        #expect(added.added.map(\.emails) == [["sam@other.example"]])
        #expect(added.interactions.count == 2 && added.interactions.allSatisfy { $0.people == [6] })
    }

    @Test func readingAgainAddsNothingAndALaterMailJoinsItsDay() {
        var graph = graph()
        let first = mail("1", from: Participant(email: "ann@lee.example"), to: [me], time: 10, subject: "one")
        graph.apply(plan([first], into: graph).change!.operations)
        let again = plan([first], into: graph)
        #expect(again.change == nil && again.alreadyImported == 1)
        let later = plan([first, mail("2", from: me, to: [Participant(email: "ann@lee.example")], time: 20)], into: graph)
        #expect(later.newInteractions == 0)
        #expect(later.interactions.map(\.sourceKeys) == [["mail:1", "mail:2"]])
        #expect(later.interactions.map(\.id) == [1])
    }

    @Test func futureOccurrencesAreEventsOnce() {
        var graph = graph()
        var coffee = Trace(date: today.adding(days: 2), channel: .meeting, source: .calendar, key: "calendar:c1/20260312",
                           from: Participant(email: "me@home.example"), to: [Participant(email: "ann@lee.example")],
                           subject: "Coffee", line: 1)
        coffee.isFuture = true
        let plan = plan([coffee], into: graph)
        #expect(plan.interactions.isEmpty)
        #expect(plan.events.map(\.uid) == ["c1/20260312"])
        #expect(plan.events.map(\.people) == [[1]])
        graph.apply(plan.change!.operations)
        #expect(self.plan([coffee], into: graph).change == nil)
    }

    @Test func notConversationsAreCountedNotLogged() {
        var list = mail("1", from: Participant(email: "ann@lee.example"), to: [me])
        list.notConversation = .mailingList
        let plan = plan([list])
        #expect(plan.interactions.isEmpty)
        #expect(plan.notConversations.map(\.reason) == ["mailing list"])
    }
}
