import Testing
@testable import KithEngine
import KithGraph
import KithTime

/// The brief (`kith today`, "what's up today") over fixed days: each section's rules, its three
/// forms, and the words that ask for it.
@Suite struct BriefTests {
    static func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

    /// A graph built record by record, for the sections' edge cases.
    struct Network {
        var graph = Graph()

        @discardableResult
        mutating func person(_ name: String, birthday: String? = nil, tags: [String] = [], cadence: Int? = nil,
                             added: String = "2020-01-01", notes: [(String, String)] = []) -> RecordID {
            var person = Person(id: graph.nextID(.person), name: name)
            person.birthday = birthday.map { MonthDay(iso: $0)! }
            person.tags = tags
            person.cadenceDays = cadence
            person.added = BriefTests.day(added)
            person.notes = notes.map { Note(date: BriefTests.day($0.0), text: $0.1) }
            graph.apply(.put(.person(person)))
            return person.id
        }

        mutating func met(_ people: [RecordID], on date: String, _ channel: String = "meeting", about topic: String? = nil) {
            graph.apply(.put(.interaction(Interaction(id: graph.nextID(.interaction), date: BriefTests.day(date),
                                                      people: people, channel: channel, topic: topic))))
        }

        mutating func reminder(_ text: String, due: String, person: RecordID? = nil, done: Bool = false) {
            var reminder = Reminder(id: graph.nextID(.reminder), due: BriefTests.day(due), person: person, text: text)
            reminder.done = done
            graph.apply(.put(.reminder(reminder)))
        }

        func brief(on date: String, calendar: (any CalendarSource)? = nil) -> Brief {
            let conversation = Conversation(catalogue: catalogue, storage: MemoryStorage(graph), today: BriefTests.day(date))
            conversation.calendar = calendar
            return conversation.brief()
        }
    }

    // MARK: - Birthdays

    @Test func aLeapDayBirthdayFallsOnTheTwentyEighthInACommonYear() {
        var network = Network()
        network.person("Inês Carvalho", birthday: "1992-02-29")
        let before = network.brief(on: "2027-02-25")
        #expect(before.birthdays == [.init(date: Self.day("2027-02-28"), person: "Inês Carvalho", turns: 35, movedFromLeapDay: true)])
        #expect(before.text.contains("Sun Feb 28  Inês Carvalho  turns 35; born on February 29, kept on the 28th this year"))
        #expect(network.brief(on: "2027-02-28").text.contains("today  Inês Carvalho  turns 35;"))
        #expect(network.brief(on: "2027-03-01").birthdays.isEmpty)
        // In a leap year it is the 29th, and nothing is said about moving it.
        let leap = network.brief(on: "2028-02-25")
        #expect(leap.birthdays == [.init(date: Self.day("2028-02-29"), person: "Inês Carvalho", turns: 36, movedFromLeapDay: false)])
        #expect(!leap.text.contains("kept on"))
    }

    @Test func birthdaysAreTodayAndTheNextSevenDaysAcrossTheNewYear() {
        var network = Network()
        network.person("Ann Lee", birthday: "--12-28")
        network.person("Bob Stone", birthday: "1980-01-04")
        network.person("Carol Jones", birthday: "--01-05")
        let brief = network.brief(on: "2026-12-28")
        #expect(brief.birthdays.map(\.person) == ["Ann Lee", "Bob Stone"])
        #expect(brief.birthdays.map(\.date) == [Self.day("2026-12-28"), Self.day("2027-01-04")])
        #expect(brief.birthdays[1].turns == 47)
        #expect(brief.text.contains("Birthdays\n  today        Ann Lee\n  Jan 4, 2027  Bob Stone  turns 47"))
    }

    // MARK: - Reminders

    @Test func remindersDueTodayOrOverdueEvenByAYear() {
        var network = Network()
        let diane = network.person("Diane Smith")
        network.reminder("send Diane the contract", due: "2025-03-10", person: diane)
        network.reminder("book the offsite", due: "2026-03-10")
        network.reminder("call the plumber", due: "2026-03-11")
        network.reminder("already done", due: "2026-01-01", done: true)
        let brief = network.brief(on: "2026-03-10")
        #expect(brief.reminders.map(\.text) == ["send Diane the contract", "book the offsite"])
        #expect(brief.reminders.first?.person == "Diane Smith")
        #expect(brief.text.contains("""
            Reminders due
              #1  overdue since Mar 10, 2025  send Diane the contract
              #2  today                       book the offsite
            """))
        #expect(brief.json.serialized.contains(#"{"id": 1, "due": "2025-03-10", "overdue_days": 365, "text": "send Diane the contract", "person": "Diane Smith", "recurrence": null}"#))
    }

    // MARK: - Overdue

    /// The three most overdue are reach_out's first three: one set of rules, not two.
    @Test func theThreeMostOverdueAreReachOutsFirstThree() throws {
        let conversation = Conversation(catalogue: catalogue, storage: MemoryStorage(DemoNetwork.graph()), today: DemoNetwork.today)
        let brief = conversation.brief()
        let reachOut = try conversation.respond(to: "who should I reach out to")
        #expect(brief.overdue.map(\.person) == Array(reachOut.people!.prefix(3)))
        #expect(brief.overdue.first == .init(person: "Maya Goldberg", daysSilent: 70, lastContact: Self.day("2025-12-30"), cadenceDays: 14))
    }

    @Test func someoneNeverTalkedToIsOverdueFromTheDayTheyWereAdded() {
        var network = Network()
        network.person("Noah Patel", cadence: 30, added: "2026-01-01")
        let brief = network.brief(on: "2026-03-10")
        #expect(brief.overdue == [.init(person: "Noah Patel", daysSilent: 68, lastContact: nil, cadenceDays: 30)])
        #expect(brief.text.contains("Noah Patel  never talked (added 68 days ago)  you aim for every month"))
    }

    // MARK: - Yesterday's meetings

    @Test func yesterdaysMeetingsWithNoNoteSinceAskHowItWent() {
        var network = Network()
        let bob = network.person("Bob Stone")
        let ann = network.person("Ann Lee", notes: [("2026-03-09", "starts at Initech in April")])
        let carol = network.person("Carol Jones", notes: [("2026-03-08", "a note from before the meeting")])
        let dave = network.person("Dave Kim")
        let emma = network.person("Emma Ross")
        network.met([bob, ann], on: "2026-03-09", about: "the partnership")
        network.met([carol], on: "2026-03-09", "video")
        network.met([dave], on: "2026-03-09", "call")      // a call is not a meeting
        network.met([emma], on: "2026-03-09")
        network.met([emma], on: "2026-03-10", "message")   // a later interaction: she has been followed up
        network.met([dave], on: "2026-03-08")              // the day before yesterday: not asked
        let brief = network.brief(on: "2026-03-10")
        #expect(brief.followUps == [
            .init(date: Self.day("2026-03-09"), people: ["Bob Stone"], channel: "meeting", topic: "the partnership"),
            .init(date: Self.day("2026-03-09"), people: ["Carol Jones"], channel: "video", topic: nil),
        ])
        #expect(brief.text.contains("""
            Yesterday, with no note since
              How did it go with Bob Stone? (a meeting about the partnership)
              How did it go with Carol Jones? (a video call)
            """))
    }

    @Test func aNoteWrittenTodayAnswersTheQuestion() throws {
        var network = Network()
        let bob = network.person("Bob Stone")
        network.met([bob], on: "2026-03-09")
        let storage = MemoryStorage(network.graph)
        let conversation = Conversation(catalogue: catalogue, storage: storage, today: Self.day("2026-03-10"))
        #expect(conversation.brief().followUps.map(\.people) == [["Bob Stone"]])
        _ = try conversation.respond(to: "note that Bob wants the deck by Friday")
        #expect(conversation.brief().followUps.isEmpty)
    }

    // MARK: - Today's meetings (the calendar)

    struct StubCalendar: CalendarSource {
        let events: [CalendarEvent]
        func events(on day: CalendarDate) -> [CalendarEvent] { events.filter { $0.date == day } }
    }

    @Test func todaysMeetingsComeFromTheCalendar() {
        var network = Network()
        let diane = network.person("Diane Smith")
        let bob = network.person("Bob Stone")
        let calendar = StubCalendar(events: [
            CalendarEvent(id: 1, uid: "a@cal", date: Self.day("2026-03-10"), title: "Budget review", people: [diane, bob],
                          channel: "video"),
            CalendarEvent(id: 2, uid: "b@cal", date: Self.day("2026-03-11"), title: "Tomorrow's lunch", people: [bob]),
        ])
        let brief = network.brief(on: "2026-03-10", calendar: calendar)
        #expect(brief.meetings == [.init(uid: "a@cal", title: "Budget review", people: ["Diane Smith", "Bob Stone"], channel: "video")])
        #expect(brief.text.hasSuffix("Today's meetings\n  Budget review  with Diane Smith and Bob Stone  a video call"))
        #expect(brief.markdown.hasSuffix("### Today's meetings\n- **Budget review**, with Diane Smith and Bob Stone, a video call"))
        #expect(network.brief(on: "2026-03-10").meetings.isEmpty, "no calendar, no section")
    }

    // MARK: - Nothing to do

    @Test func anEmptyStoreHasNothingToDo() {
        let brief = Network().brief(on: "2026-03-10")
        #expect(brief.isEmpty)
        #expect(brief.text == "Nothing to do today (Tuesday, March 10, 2026): no birthdays in the next 7 days, "
                + "no reminders due, nobody overdue, and no meeting yesterday waiting for a note.")
        #expect(brief.json.serialized == #"{"date": "2026-03-10", "birthdays": [], "reminders": [], "overdue": [], "follow_ups": [], "meetings": []}"#)
        #expect(brief.markdown.hasPrefix("## Your day, Tuesday, March 10, 2026\n\nNothing to do today: no birthdays"))
    }

    @Test func aStoreWithNothingDueHasNothingToDo() {
        var network = Network()
        let ann = network.person("Ann Lee", birthday: "--03-18", tags: ["friend"])
        network.met([ann], on: "2026-03-01", "talk")
        network.met([ann], on: "2026-03-09", "call")
        network.reminder("next week's thing", due: "2026-03-17", person: ann)
        network.reminder("an old one, done", due: "2026-02-01", done: true)
        #expect(network.brief(on: "2026-03-10").isEmpty)
        // A day later her birthday is 7 days away, and the page is not empty.
        #expect(network.brief(on: "2026-03-11").birthdays.map(\.person) == ["Ann Lee"])
    }

    // MARK: - The demo network on its own day, in all three forms

    @Test func theDemoNetworksBrief() {
        let brief = Conversation(catalogue: catalogue, storage: MemoryStorage(DemoNetwork.graph()), today: DemoNetwork.today).brief()
        #expect(brief.text == """
            Your day, Tuesday, March 10, 2026

            Reminders due
              #2  overdue since Tue Mar 3  follow up on the Q2 budget proposal
              #3  overdue since Fri Mar 6  send Carol the partnership deck

            Reach out
              Maya Goldberg   last talked Dec 30, 2025 (70 days ago)   you aim for every 2 weeks
              Kenji Watanabe  last talked Oct 21, 2025 (140 days ago)  you aim for every month
              Laura Bianchi   last talked Nov 20, 2025 (110 days ago)  you aim for every month

            Yesterday, with no note since
              How did it go with Sam Lee? (a meeting)
            """)
        #expect(brief.markdown == """
            ## Your day, Tuesday, March 10, 2026

            ### Reminders due
            - [ ] #2 follow up on the Q2 budget proposal — overdue since Tue Mar 3
            - [ ] #3 send Carol the partnership deck — overdue since Fri Mar 6

            ### Reach out
            - **Maya Goldberg**: last talked Dec 30, 2025 (70 days ago); you aim for every 2 weeks
            - **Kenji Watanabe**: last talked Oct 21, 2025 (140 days ago); you aim for every month
            - **Laura Bianchi**: last talked Nov 20, 2025 (110 days ago); you aim for every month

            ### Yesterday, with no note since
            - How did it go with Sam Lee? (a meeting)
            """)
        #expect(brief.json.serialized == """
            {"date": "2026-03-10", "birthdays": [], \
            "reminders": [{"id": 2, "due": "2026-03-03", "overdue_days": 7, "text": "follow up on the Q2 budget proposal", "person": "Michael O'Brien", "recurrence": null}, \
            {"id": 3, "due": "2026-03-06", "overdue_days": 4, "text": "send Carol the partnership deck", "person": "Carol Jones", "recurrence": null}], \
            "overdue": [{"person": "Maya Goldberg", "days_silent": 70, "last_contact": "2025-12-30", "cadence_days": 14}, \
            {"person": "Kenji Watanabe", "days_silent": 140, "last_contact": "2025-10-21", "cadence_days": 30}, \
            {"person": "Laura Bianchi", "days_silent": 110, "last_contact": "2025-11-20", "cadence_days": 30}], \
            "follow_ups": [{"date": "2026-03-09", "people": ["Sam Lee"], "channel": "meeting", "topic": null}], "meetings": []}
            """)
    }

    /// Bob's birthday (March 21) and Carol's (March 28) in the demo, seen a week ahead.
    @Test func theDemoNetworksBirthdaysAWeekAhead() {
        let brief = Conversation(catalogue: catalogue, storage: MemoryStorage(DemoNetwork.graph()),
                                 today: Self.day("2026-03-21")).brief()
        #expect(brief.birthdays.map(\.person) == ["Robert Stone", "Carol Jones"])
        #expect(brief.text.contains("Birthdays\n  today       Robert Stone  turns 44\n  Sat Mar 28  Carol Jones"))
        #expect(brief.markdown.contains("### Birthdays\n- **today**: Robert Stone (turns 44)\n- Sat Mar 28: Carol Jones"))
    }

    @Test func markdownEscapesWhatUsersTyped() {
        var network = Network()
        network.reminder("send *the* [draft] to_team #3", due: "2026-03-10")
        #expect(network.brief(on: "2026-03-10").markdown.contains(##"- [ ] #1 send \*the\* \[draft\] to\_team \#3 — today"##))
    }

    // MARK: - The words, in the REPL's conversation

    @Test(arguments: ["what's up today", "brief me", "what should I do today", "anything I should know",
                      "what's going on today", "What's up today?", "give me my daily brief", "how does my day look"])
    func theWordsAskForTheBrief(_ line: String) throws {
        let conversation = Conversation(catalogue: catalogue, storage: MemoryStorage(DemoNetwork.graph()),
                                        today: DemoNetwork.today, options: .init(interactive: true))
        let answer = try conversation.respond(to: line)
        #expect(answer.intent == "brief")
        #expect(answer.text == conversation.brief().text)
        #expect(answer.json.serialized.contains(#""brief": {"date": "2026-03-10", "birthdays": []"#))
    }

    /// Near misses that belong to other intents stay there.
    @Test(arguments: [("what do I need to do today", "reminders"), ("anything due today", "reminders"),
                      ("whose birthday is coming up", "birthdays"), ("who should I reach out to today", "reach_out")])
    func neighboursKeepTheirSentences(_ line: String, _ intent: String) throws {
        let conversation = Conversation(catalogue: catalogue, storage: MemoryStorage(DemoNetwork.graph()), today: DemoNetwork.today)
        #expect(try conversation.respond(to: line).intent == intent)
    }
}
