import Testing
@testable import KithEngine
import KithGraph
import KithLanguage
import KithTime

/// Safe writes and useful refusals (issue 12): a command read by a fallback changes nothing
/// until it is confirmed, and a line Kith cannot read gets readings built from what it found.
@Suite struct GuessesTests {
    /// A line no template reads (the people as the subject of "came to lunch"), which the log
    /// frame reads as a meeting with two people.
    static let guessedLog = "Diane and Ruth came to lunch with me yesterday"

    @Test func aGuessedCommandFailsOutsideTheREPLAndNamesItsReading() throws {
        let kith = Harness(DemoNetwork.graph(), today: DemoNetwork.today, options: .init(assumeYes: true))
        let before = kith.graph.interactions.count
        let answer = try kith.say(Self.guessedLog)
        #expect(answer.failure == .needsConfirmation)
        #expect(answer.text.contains("log a meeting with Diane Smith and Ruth Park yesterday"))
        #expect(kith.graph.interactions.count == before)
    }

    @Test func theReadingItNamesIsReadExactlyAsTheSameCommand() throws {
        let kith = Harness(DemoNetwork.graph(), today: DemoNetwork.today)
        guard case .success(let guessed) = kith.conversation.parse(Self.guessedLog) else {
            Issue.record("the guessed line is not read at all")
            return
        }
        #expect(Conversation.isGuess(guessed.recognition))
        let restated = kith.conversation.restatement(of: guessed)
        guard case .success(let exact) = kith.conversation.parse(restated) else {
            Issue.record("\"\(restated)\" is not read")
            return
        }
        #expect(!Conversation.isGuess(exact.recognition))
        #expect(exact.intent == guessed.intent)
        #expect(exact.resolvedSlots.map(\.0) == guessed.resolvedSlots.map(\.0))
        #expect(exact.resolvedSlots.map { $0.1.serialized } == guessed.resolvedSlots.map { $0.1.serialized })
    }

    @Test func theREPLAsksAndYesCarriesItOut() throws {
        let kith = Harness(DemoNetwork.graph(), today: DemoNetwork.today, options: .init(interactive: true))
        let before = kith.graph.interactions.count
        let question = try kith.say(Self.guessedLog)
        #expect(question.failure == nil)
        #expect(question.text == "Log a meeting with Diane Smith and Ruth Park yesterday? (yes/no)")
        #expect(kith.graph.interactions.count == before)
        let done = try kith.say("yes")
        #expect(done.intent == "log_interaction")
        #expect(kith.graph.interactions.count == before + 1)

        _ = try kith.say(Self.guessedLog)
        #expect(try kith.say("no").text == "OK, nothing changed.")
        #expect(kith.graph.interactions.count == before + 1)
    }

    @Test func aSlipInACommandWordIsConfirmedToo() throws {
        let kith = Harness(DemoNetwork.graph(), today: DemoNetwork.today)
        let answer = try kith.say("remeber that Diane likes sailing")
        #expect(answer.failure == .needsConfirmation)
        #expect(kith.graph.people[1]!.notes.count == DemoNetwork.graph().people[1]!.notes.count)
        // Questions read by a fallback are answered at once: reading them changes nothing.
        let question = try kith.say("wehn did I last see Ruth")
        #expect(question.intent == "last_contact")
        #expect(question.failure == nil)
    }

    @Test func aRefusalOffersReadingsWithTheUsersOwnPeople() throws {
        let kith = Harness()
        try kith.say("add Jenny Walsh")
        let answer = try kith.say("jenny walsh hmm not sure what")
        #expect(answer.failure == .notUnderstood)
        let suggestions = answer.suggestions ?? []
        #expect(!suggestions.isEmpty && suggestions.count <= 3)
        #expect(suggestions.allSatisfy { $0.contains("Jenny Walsh") })
        // Never the demo's people in a user's own store.
        for name in ["Diane", "Bob", "Zoë", "Carol", "Ruth"] {
            #expect(!answer.text.contains(name))
        }
    }

    @Test func exampleSuggestionsNameTheUsersPeopleOrNobody() throws {
        let demoNames = ["Diane", "Bob", "Zoë", "Carol", "Ruth", "Sam"]
        let empty = Harness()
        let none = try empty.say("whats the weather like")
        #expect(none.failure == .notUnderstood)
        #expect(!(none.suggestions ?? []).isEmpty)
        #expect(!demoNames.contains { name in none.text.contains(name) })
        let kith = Harness()
        try kith.say("add Jenny Walsh")
        let answer = try kith.say("whats the weather like")
        #expect(!demoNames.contains { name in answer.text.contains(name) })
        #expect((answer.suggestions ?? []).contains("what's Jenny Walsh's email"))
    }

    @Test func inTheREPLANumberPicksAReading() throws {
        let kith = Harness(DemoNetwork.graph(), today: DemoNetwork.today, options: .init(interactive: true))
        let refusal = try kith.say("ruth hmm not sure what")
        #expect(refusal.failure == .notUnderstood)
        #expect(refusal.text.contains("1. "))
        let first = try #require(refusal.suggestions?.first)
        let picked = try kith.say("1")
        #expect(picked.question == first)
        #expect(picked.failure == nil)
    }

    /// Lines that once changed the store (or would have, after a yes) though nobody asked for a
    /// change: a plan, a worry, a timer, a title that is not one. Each changes nothing, even with
    /// `--yes`: every change leaves an undo entry, so an unchanged undo log means no change.
    @Test(arguments: [
        "Invite Ruth to dinner on Saturday, would you?",
        "book lunch with diane friday",
        "David is my boss, he will fire me?",
        "remind me that time is up in sixty minutes",
        "actually forget that i don't need it",
        "Diane became a client",
        "diane was made redundant",
        "not right now",
        "add laundry detergent to the list",
    ])
    func aLineThatAsksForNoChangeMakesNone(_ line: String) throws {
        let kith = Harness(DemoNetwork.graph(), today: DemoNetwork.today, options: .init(assumeYes: true))
        let before = kith.graph.undoLog.map(\.id)
        _ = try kith.say(line)
        #expect(kith.graph.undoLog.map(\.id) == before, "\(line)")
    }

    /// A frame reading never leaves a word that names a time unexplained: it would answer for
    /// another period than the line asked about (here the usual 30 days for "the fortnight
    /// ahead"). Refused, it offers readings instead.
    @Test func aFrameNeverDropsATimeWord() throws {
        let kith = Harness(DemoNetwork.graph(), today: DemoNetwork.today)
        let answer = try kith.say("have I got any birthdays in the fortnight ahead")
        #expect(answer.failure == .notUnderstood)
        #expect(TimeExpressionParser.namesATime("Fortnight"))
        #expect(TimeExpressionParser.namesATime("tuesday") && TimeExpressionParser.namesATime("ago"))
        #expect(!TimeExpressionParser.namesATime("may") && !TimeExpressionParser.namesATime("sat"))
        #expect(!TimeExpressionParser.namesATime("march") && !TimeExpressionParser.namesATime("the"))
    }
}
