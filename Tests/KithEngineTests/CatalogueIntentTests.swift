import Testing
@testable import KithEngine
import KithGraph
import KithTime

private func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

/// A small network with known facts, so every expectation can be worked out by hand.
/// Today is Tuesday 2026-03-10.
private func network() throws -> Harness {
    let kith = Harness()
    for line in [
        "add Diane Smith as a client", "add Bob Stone", "add Carol Jones", "add Ruth Park", "add Zed Quinn",
        "tag Bob as inner circle", "tag Carol as friend",
        "keep in touch with Diane every 2 weeks",
        "Diane works at Acme", "Carol works at Initech",
        "Diane's birthday is March 20, 1984", "Bob's birthday is January 3", "Ruth's birthday is 1990-12-30",
        "talked to Diane on March 1 about the partnership",
        "called Bob yesterday",
        "had lunch with Diane and Bob on Monday about the launch",
        "emailed Carol on 12 December about the conference",
        "note that Ruth loves sailing",
    ] {
        let answer = try kith.say(line)
        #expect(answer.failure == nil, "\(line): \(answer.text)")
    }
    return kith
}

@Suite struct KeepingInTouchTests {
    @Test func reachOutRanksByOverdueRelativeToCadence() throws {
        let kith = try network()
        // Bob (inner circle, 7 days) was called yesterday; Diane (14) met Monday; Carol (friend, 30)
        // emailed Dec 12 = 88 days; Ruth and Zed (default 90) were never talked to: not overdue
        // since they were added today.
        let answer = try kith.say("who should I reach out to")
        #expect(answer.people == ["Carol Jones"])
        #expect(answer.text.contains("88 days"))
        #expect(answer.text.contains("you aim for every month"))
        try kith.say("keep in touch with Bob every day")
        let overdue = try kith.say("who's overdue")
        // Bob: 1 day silent, cadence 1 — not more than the cadence, so not overdue.
        #expect(overdue.people == ["Carol Jones"])
    }

    @Test func anyInteractionResetsTheCadence() throws {
        let kith = try network()
        try kith.say("texted Carol today")
        #expect(try kith.say("who should I reach out to").people == [])
    }

    @Test func closestWeightsRecentConversations() throws {
        let kith = try network()
        let answer = try kith.say("who are my closest connections")
        // Bob: two conversations yesterday; Diane: yesterday and March 1; Carol: one on Dec 12,
        // just inside the 90 days and weighted least.
        #expect(answer.people == ["Bob Stone", "Diane Smith", "Carol Jones"])
        let limited = try kith.say("who are my top 1 contacts")
        #expect(limited.people?.count == 1)
    }

    @Test func networkHealthCountsRealConversations() throws {
        let kith = try network()
        let answer = try kith.say("how's my network")
        #expect(answer.text.contains("Your network: 5 people."))
        #expect(answer.text.contains("This week: you talked with 2 of them (40%) in 2 conversations."))
        #expect(answer.text.contains("This month: you talked with 2 of them (40%) in 3 conversations."))
        #expect(answer.text.contains("inner circle 0 of 1"))
        let sparkline = answer.text.split(separator: "\n").last!
        #expect(sparkline.filter { "▁▂▃▄▅▆▇█".contains($0) }.count == 12)
    }

    @Test func sparklineScalesToTheBusiestWeek() {
        #expect(Conversation.sparkline([0, 1, 2, 4, 8]) == "▁▁▂▄█")
        #expect(Conversation.sparkline([0, 0]) == "▁▁")
    }
}

@Suite struct BirthdayTests {
    @Test func comingUpMeansTheNext30Days() throws {
        let kith = try network()
        let answer = try kith.say("whose birthday is coming up")
        #expect(answer.people == ["Diane Smith"])
        #expect(answer.text.contains("turns 42"))
    }

    @Test func birthdaysWrapAcrossTheNewYear() throws {
        let kith = try network()
        let december = Harness(kith.graph, today: day("2026-12-20"))
        let answer = try december.say("whose birthday is coming up")
        #expect(answer.people == ["Ruth Park", "Bob Stone"])
        #expect(answer.text.contains("Sun Jan 3") || answer.text.contains("Jan 3, 2027"))
    }

    @Test func thisMonthLooksAheadToTheMonthsEnd() throws {
        let kith = try network()
        #expect(try kith.say("any birthdays this month").people == ["Diane Smith"])
    }
}

@Suite struct RelationTests {
    @Test func relationsHaveInverses() throws {
        let kith = try network()
        let answer = try kith.say("Diane is Bob's wife")
        #expect(answer.text == "Noted: Diane Smith is Bob Stone's spouse (so Bob Stone is Diane Smith's spouse).")
        #expect(try kith.say("who is Bob's wife").people == ["Diane Smith"])
        #expect(try kith.say("who is Diane's husband").people == ["Bob Stone"])
        try kith.say("Ruth is Carol's mother")
        #expect(try kith.say("who are Ruth's children").people == ["Carol Jones"])
        #expect(try kith.say("who are Carol's parents").people == ["Ruth Park"])
        #expect(try kith.say("Diane is Bob's wife").failure == .invalidValue)
    }

    @Test func introductionsAndReferrals() throws {
        let kith = try network()
        try kith.say("Diane introduced me to Carol")
        try kith.say("Diane referred Zed")
        try kith.say("Bob referred Ruth")
        try kith.say("tag Zed as client")
        #expect(try kith.say("who did Diane introduce me to").people == ["Carol Jones"])
        #expect(try kith.say("who did Diane refer").people == ["Zed Quinn"])
        let ranking = try kith.say("who referred the most clients")
        #expect(ranking.people == ["Diane Smith", "Bob Stone"])
        #expect(try kith.say("how do I know Carol").text.contains("Diane Smith introduced you"))
    }

    @Test func pathsGoThroughPeopleYouTalkTo() throws {
        let kith = try network()
        try kith.say("Ruth is Carol's mother")
        // Carol: emailed in December, so directly known.
        #expect(try kith.say("how am I connected to Carol").text.hasPrefix("You know Carol Jones directly"))
        // Ruth: never talked to, but her daughter Carol is someone you talk to.
        let path = try kith.say("how am I connected to Ruth")
        #expect(path.people == ["Carol Jones", "Ruth Park"])
        #expect(path.text == "You → Carol Jones (you talk) → Ruth Park (Carol Jones's parent)")
        // Zed: nobody links to him.
        #expect(try kith.say("how am I connected to Zed").text.hasPrefix("I can't find a chain"))
        try kith.say("Zed works at Initech")
        let org = try kith.say("who can introduce me to someone at Initech")
        #expect(org.people == ["Carol Jones"])
    }
}

@Suite struct ReminderTests {
    @Test func remindersComeFromTimeExpressionsAndListOverdueFirst() throws {
        let kith = try network()
        var answer = try kith.say("remind me to follow up with Diane next Tuesday")
        #expect(answer.text == "I'll remind you on Tue Mar 17: follow up with Diane. Linked to Diane Smith.")
        #expect(kith.graph.reminders.values.first?.person == 1)
        answer = try kith.say("remind me to call Bob for his birthday on Jan 3 every year")
        #expect(answer.text.contains("(yearly)"))
        #expect(kith.graph.reminders.values.contains { $0.due == day("2027-01-03") && $0.recurrence == "yearly" })
        // A reminder set before, now overdue.
        let later = Harness(kith.graph, today: day("2026-03-20"))
        answer = try later.say("what are my reminders")
        #expect(answer.text.hasPrefix("2 open reminders, 1 overdue:"))
        let lines = answer.text.split(separator: "\n")
        #expect(lines[1].contains("overdue since Tue Mar 17"))
    }

    @Test func completingReminders() throws {
        let kith = try network()
        try kith.say("remind me to send Carol the deck tomorrow")
        try kith.say("remind me to call Bob on Jan 3 every year")
        #expect(try kith.say("done with the Carol deck").text == "Done: send Carol the deck.")
        let yearly = try kith.say("mark reminder 2 done")
        #expect(yearly.text == "Done: call Bob. Next time: Jan 3, 2028.")
        #expect(try kith.say("what are my reminders").count == 1)
        #expect(try kith.say("done with the Zed thing").failure == .invalidValue)
    }

    @Test func remindersCannotBeInThePast() throws {
        let kith = try network()
        #expect(try kith.say("remind me to call Bob yesterday").failure == .invalidValue)
    }
}

@Suite struct DetailTests {
    @Test func historyAndAttributes() throws {
        let kith = try network()
        let history = try kith.say("what did Diane and I talk about")
        #expect(history.count == 2)
        #expect(history.text.contains("the launch (with Bob Stone)"))
        #expect(try kith.say("when is Diane's birthday").date == day("2026-03-20"))
        #expect(try kith.say("where does Diane work").text == "Diane Smith works at Acme.")
        #expect(try kith.say("what's Carol's email").text.hasPrefix("I don't know Carol's email yet."))
    }

    @Test func searchFindsTopicsAndNotes() throws {
        let kith = try network()
        #expect(try kith.say("who did I talk to about the partnership").people == ["Diane Smith"])
        #expect(try kith.say("find notes about sailing").people == ["Ruth Park"])
        #expect(try kith.say("who did I talk to about volcanoes").count == 0)
    }

    @Test func cadencesAreStoredInDays() throws {
        let kith = try network()
        try kith.say("I want to talk to Zed every 3 weeks")
        #expect(kith.graph.people[5]?.cadenceDays == 21)
    }
}

@Suite struct ForgetAndMergeTests {
    @Test func forgetNeedsConfirmationOutsideTheREPLAndUndoBringsItBack() throws {
        let kith = try network()
        let refused = try kith.say("forget Diane")
        #expect(refused.failure == .needsConfirmation)
        #expect(kith.graph.people[1] != nil)

        let sure = Harness(kith.graph, options: .init(assumeYes: true))
        let before = sure.graph
        #expect(try sure.say("forget Diane").text.hasPrefix("Forgot Diane Smith."))
        #expect(sure.graph.people[1] == nil)
        // The lunch with Diane and Bob stays Bob's; Diane's own conversation is gone.
        #expect(sure.graph.interactions.values.allSatisfy { !$0.people.contains(1) })
        #expect(sure.graph.interactions.count == before.interactions.count - 1)
        try sure.say("undo")
        #expect(sure.graph.people == before.people)
        #expect(sure.graph.interactions == before.interactions)
    }

    @Test func theREPLAsksFirst() throws {
        let kith = try network()
        let repl = Harness(kith.graph, options: .init(interactive: true))
        let question = try repl.say("forget Carol")
        #expect(question.text == "Forget Carol Jones with 1 conversation, 0 notes and 0 relations? (yes/no)")
        #expect(try repl.say("no").text == "OK, nothing changed.")
        #expect(repl.graph.people[3] != nil)
        try repl.say("forget Carol")
        #expect(try repl.say("yes").text.hasPrefix("Forgot Carol Jones."))
        #expect(repl.graph.people[3] == nil)
    }

    @Test func deletingTheLastConversation() throws {
        let sure = Harness(try network().graph, options: .init(assumeYes: true))
        try sure.say("delete my last conversation with Bob")
        // Monday's lunch (logged after the call) is gone; the call remains.
        #expect(sure.graph.lastInteraction(with: 2)?.date == day("2026-03-09"))
        #expect(sure.graph.lastInteraction(with: 2)?.channel == "call")
    }

    @Test func mergeMovesEverythingAndRenameKeepsTheOldName() throws {
        let sure = Harness(try network().graph, options: .init(assumeYes: true))
        try sure.say("add Di Smith")
        try sure.say("texted Di Smith today")
        try sure.say("Di Smith's email is di@example.com")
        let merged = try sure.say("Di Smith is the same person as Diane Smith")
        #expect(merged.text == "Merged Di Smith into Diane Smith: 1 conversation and 0 notes moved.")
        let diane = try #require(sure.graph.people[1])
        #expect(diane.emails == ["di@example.com"])
        #expect(diane.aliases == ["Di Smith"])
        #expect(sure.graph.lastInteraction(with: 1)?.channel == "message")
        #expect(sure.graph.checkInvariants().isEmpty)
        let renamed = try sure.say("rename Zed to Zed Quincy-Adams")
        #expect(renamed.text.hasPrefix("Renamed Zed Quinn to Zed Quincy-Adams"))
        #expect(try sure.say("who is Zed Quinn").text.hasPrefix("Zed Quincy-Adams"))
        try sure.say("undo")
        #expect(sure.graph.people[5]?.name == "Zed Quinn")
    }
}

@Suite struct ConversationContextTests {
    @Test func whatAboutRepeatsTheLastQuestionForSomeoneElse() throws {
        let kith = try network()
        try kith.say("when did I last talk to Diane")
        let answer = try kith.say("what about Bob?")
        #expect(answer.intent == "last_contact")
        #expect(answer.date == day("2026-03-09"))
        #expect(answer.slots.first { $0.0 == "person" }?.1 == .string("Bob Stone"))
    }

    @Test func andLastMonthRepeatsItForAnotherPeriod() throws {
        let kith = try network()
        #expect(try kith.say("how many people did I talk to this week").count == 2)
        let answer = try kith.say("and last month?")
        #expect(answer.intent == "count")
        #expect(answer.count == 0)
        #expect(try kith.say("what about in December").count == 1)
    }

    @Test func pronounsFollowTheConversation() throws {
        let kith = try network()
        try kith.say("tell me about Carol")
        #expect(try kith.say("when did I last email her").date == day("2025-12-12"))
        // A leading "and" is filler, unless a template needs it ("and last month?").
        #expect(try kith.say("and how many times did I email her since October").count == 1)
        #expect(try kith.say("and last month").count == 0)
    }

    @Test func theREPLAsksWhichOneForAmbiguousNames() throws {
        let kith = try network()
        try kith.say("add Diane Park")
        let repl = Harness(kith.graph, options: .init(interactive: true))
        let question = try repl.say("when did I last talk to Diane")
        #expect(question.failure == .ambiguousPerson)
        #expect(question.text.hasPrefix("Which Diane? 1. Diane Park  2. Diane Smith (Acme)"))
        let answer = try repl.say("2")
        #expect(answer.date == day("2026-03-09"))
        try repl.say("when did I last talk to Diane")
        #expect(try repl.say("Park").text == "You haven't talked to Diane Park yet — nothing is logged.")
    }

    @Test func scriptsFailAmbiguousLinesWithTheCandidates() throws {
        let kith = try network()
        try kith.say("add Diane Park")
        let answer = try kith.say("when did I last talk to Diane")
        #expect(answer.failure == .ambiguousPerson)
        #expect(answer.suggestions == ["Diane Park", "Diane Smith"])
        #expect(try kith.say("2").failure == .notUnderstood)
    }

    @Test func unknownPeopleInCommandsAreOfferedToBeAdded() throws {
        let repl = Harness(try network().graph, options: .init(interactive: true))
        let offer = try repl.say("talked to Dianna Ross today")
        #expect(offer.failure == .unknownPerson)
        #expect(offer.text == "I don't know Dianna Ross. Should I add Dianna Ross? (yes/no)")
        let added = try repl.say("yes")
        #expect(added.text == "Added Dianna Ross. Logged a conversation with Dianna Ross on Tue Mar 10.")
        try repl.say("add Carl Jones")
        let typo = try repl.say("note that Carrl likes tea")
        #expect(typo.text == "I don't know Carrl — did you mean Carl Jones or Carol Jones, or should I add Carrl? Say 1. Carl Jones, 2. Carol Jones, or add.")
        #expect(try repl.say("2").text == "Noted for Carol Jones: likes tea.")
    }

    @Test func typosInCommandWordsAreTolerated() throws {
        let kith = try network()
        let answer = try kith.say("who havent I tlaked to this month")
        #expect(answer.intent == "not_contacted")
        #expect(try kith.say("wehn did i last see bob").intent == "last_contact")
    }

    @Test func whyShowsHowTheLastLineWasUnderstood() throws {
        let kith = try network()
        try kith.say("which clients haven't I called since October")
        let answer = try kith.say("why")
        #expect(answer.text.hasPrefix("I read \"which clients haven't I called since October\" as:\nnot_contacted"))
        #expect(answer.text.contains("period: 2025-10-01..2026-03-10"))
    }
}
