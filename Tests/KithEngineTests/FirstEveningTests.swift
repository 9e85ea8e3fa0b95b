import Testing
@testable import KithEngine
import KithGraph
import KithLanguage
import KithTime

/// A newcomer's first evening (issue 12, item 6): an empty store says how to begin, `help` by
/// theme and topic, fitted to the width without breaking a word, reminders linked to the person
/// they name, and every slot the engine used in `--json`.

private func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

/// Whether `text` laid out in `width` columns keeps every word whole and within the width: each
/// line fits, or is one word too long to fit anywhere; and the words, read in order, are those of
/// the same text laid out without a limit.
private func fits(_ text: String, width: Int, wordsOf reference: String, sourceLocation: SourceLocation = #_sourceLocation) {
    for line in text.split(separator: "\n") where line.count > width {
        let words = line.split(separator: " ")
        #expect(words.count == 1, "line of \(line.count) columns at \(width): \(line)", sourceLocation: sourceLocation)
    }
    #expect(text.split(whereSeparator: \.isWhitespace) == reference.split(whereSeparator: \.isWhitespace),
            "words differ at \(width) columns", sourceLocation: sourceLocation)
}

@Suite struct HelpTests {
    static let widths = [24, 32, 40, 60, 80, 100, 132]

    @Test func everyIntentHasAThemeAndEveryThemeItsIntents() {
        let book = catalogue.help
        #expect(book.themes.map(\.name) == ["touch", "logging", "people", "reminders", "import", "conversation"])
        for intent in catalogue.intents {
            #expect(intent.theme.map { book.topic(named: $0)?.isTheme } == true, "\(intent.file) has no theme")
        }
        for theme in book.themes {
            #expect(catalogue.intents.contains { $0.theme == theme.name }, "theme \(theme.name) has no intents")
            #expect(!theme.examples.isEmpty && !theme.about.isEmpty)
        }
    }

    /// The sentences help shows are understood, each by an intent of the theme it is shown under.
    @Test func helpExamplesAreUnderstood() {
        let kith = Harness(DemoNetwork.graph(), today: DemoNetwork.today)
        for topic in catalogue.help.topics {
            for example in topic.examples {
                let reading = kith.conversation.reading(of: example)
                #expect(reading != nil, "\(topic.name): \(example)")
                if topic.isTheme, let reading {
                    #expect(catalogue.intent(named: reading.intent)?.theme == topic.name, "\(topic.name): \(example)")
                }
            }
        }
        #expect(catalogue.help.start.count >= 3)
        for line in catalogue.help.start { #expect(kith.conversation.reading(of: line) != nil, "start: \(line)") }
    }

    @Test func helpIsGroupedByTheme() throws {
        let answer = try Harness().say("help")
        #expect(answer.intent == "help" && answer.failure == nil)
        let lines = answer.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Each theme: its heading after a blank line, then its examples, indented.
        var previous = -1
        for theme in catalogue.help.themes {
            let heading = "\(theme.title): \(theme.about)"
            let at = try #require(lines.firstIndex(of: heading), "no heading \(heading)")
            #expect(at > previous, "themes out of order")
            #expect(lines[at - 1].isEmpty)
            #expect(Array(lines[(at + 1)...].prefix(theme.examples.count)) == theme.examples.map { "  " + $0 })
            previous = at
        }
        // Every intent is in help: by its theme, as one of the theme's examples.
        #expect(!answer.text.contains("Also:"))
        #expect(answer.text.hasSuffix("""

            For more examples and tips, say help and a topic — touch, logging, people,
            reminders, import, conversation, dates or names — such as help dates.
            """))
        #expect(try Harness().say("what can you do").text == answer.text)
        #expect(try Harness().say("help me").text == answer.text)
    }

    @Test(arguments: widths)
    func helpFitsTheWidthWithoutBreakingWords(width: Int) throws {
        let wide = Harness(options: .init(width: 10_000))
        let narrow = Harness(options: .init(width: width))
        for line in ["help", "help reminders", "help dates", "help people", "help conversation", "help import"] {
            let text = try narrow.say(line).text
            fits(text, width: width, wordsOf: try wide.say(line).text)
            if width >= 60 { #expect(!text.split(separator: "\n").contains { $0.count > width }, "\(line) at \(width)") }
        }
        fits(narrow.conversation.gettingStarted(), width: width, wordsOf: wide.conversation.gettingStarted())
    }

    @Test func theWidthChangesTheLayoutNotTheText() throws {
        let at80 = try Harness().say("help reminders").text
        let at40 = try Harness(options: .init(width: 40)).say("help reminders").text
        #expect(at80 != at40)
        #expect(at40.split(separator: "\n").allSatisfy { $0.count <= 40 })
        // A tip's continuation hangs under its text, not under the bullet.
        let lines = at40.split(separator: "\n").map(String.init)
        let bullet = try #require(lines.firstIndex { $0.hasPrefix("  • A reminder that names") })
        #expect(lines[bullet + 1].hasPrefix("    ") && !lines[bullet + 1].hasPrefix("     "))
    }

    @Test func topicPagesShowTheThemesIntentsAndTips() throws {
        let kith = Harness()
        let page = try kith.say("help reminders")
        #expect(page.intent == "help" && page.failure == nil)
        #expect(page.text.hasPrefix("Reminders: follow-ups you promised, and birthdays coming up.\n\n"))
        for name in ["remind", "reminders", "complete_reminder", "birthdays"] {
            let intent = try #require(catalogue.intent(named: name))
            #expect(page.text.contains(intent.about))
            for example in intent.examples.prefix(2) { #expect(page.text.contains("  " + example.sentence + "\n")) }
        }
        // The theme's own first example leads.
        #expect(page.text.range(of: "Sets a reminder")!.lowerBound < page.text.range(of: "Birthdays coming up")!.lowerBound)
        #expect(page.text.contains("Tips:\n  • A reminder that names someone you know is linked to them"))
        #expect(!page.text.contains("who haven't I talked to"))
        // Other ways to ask for it.
        for asked in ["help remind", "help with reminders", "help me with follow-ups", "help birthdays", "help reminder"] {
            #expect(try kith.say(asked).text == page.text, "\(asked)")
        }
    }

    @Test func topicsThatAreNoTheme() throws {
        let kith = Harness()
        let dates = try kith.say("help dates").text
        #expect(dates.hasPrefix("Dates and times: how to say when.\n\nFor example:\n  who did I talk to last week\n"))
        // "one day | …" tips are a table: the right column wraps under itself.
        let lines = dates.split(separator: "\n").map(String.init)
        let row = try #require(lines.firstIndex { $0.hasPrefix("  one day   today, yesterday") })
        #expect(lines[row + 1].hasPrefix(String(repeating: " ", count: 12)) && lines[row + 1].count <= 80)
        #expect(try kith.say("help me with dates").text == dates)
        #expect(try kith.say("help time").text == dates)
        #expect(try kith.say("help names").text.hasPrefix("Names: how Kith finds the person you mean."))
        #expect(try kith.say("help logging").text.contains("Records a conversation, call or meeting"))
        #expect(try kith.say("help tag").text.hasPrefix("People:"))
        #expect(try kith.say("help undo").text.hasPrefix("The conversation itself:"))
        #expect(try kith.say("help export").text.hasPrefix("Import and export:"))
        #expect(try kith.say("help keeping in touch").text.hasPrefix("Keeping in touch:"))
    }

    /// `help TOPIC` reads a topic's name, title and words, and nothing else: "help me write a
    /// speech" is no request for help.
    @Test func onlyTopicsThereAreAreRead() throws {
        let kith = Harness()
        for topic in catalogue.help.topics {
            for phrase in [topic.name, topic.title] + topic.words {
                let reading = kith.conversation.reading(of: "help \(phrase)")
                #expect(reading?.intent == "help" && reading?.slots["topic"] == .canonical(topic.name), "help \(phrase)")
            }
        }
        for line in ["help quantum physics", "help me write a speech for dianes retirement party", "help me to learn english"] {
            #expect(try kith.say(line).failure == .notUnderstood, "\(line)")
        }
    }

    @Test func layoutWrapsAtSpacesWithAHangingIndent() {
        var layout = Phrasing.Layout(width: 30)
        layout.paragraph("one two three four five six seven eight nine ten", indent: 2, hanging: 4)
        #expect(layout.lines == ["  one two three four five six", "    seven eight nine ten"])
        // A word too long for any line stands alone, whole.
        var long = Phrasing.Layout(width: 24)
        long.paragraph("see ~/a/very/long/path/to/some/contacts.vcf now", indent: 2)
        #expect(long.lines == ["  see", "  ~/a/very/long/path/to/some/contacts.vcf", "  now"])
        // A table's last column wraps under itself; with too little room it goes below.
        var table = Phrasing.Layout(width: 40)
        table.table([["a", "one two three four five six seven eight"], ["bcd", "nine"]])
        #expect(table.lines == ["  a    one two three four five six seven", "       eight", "  bcd  nine"])
        var stacked = Phrasing.Layout(width: 24)
        stacked.table([["a rather wide first cell", "one two three"]])
        #expect(stacked.lines == ["  a rather wide first", "    cell", "      one two three"])
    }
}

@Suite struct EmptyStoreTests {
    static let questions = [
        "who haven't I talked to this month", "who did I talk to last week", "who should I reach out to",
        "who are my closest connections", "whose birthday is coming up", "who are my clients", "who do I know at Acme",
        "how many people do I know", "how many people did I talk to this week", "how's my network",
        "who referred the most clients", "who did I talk to about the partnership",
    ]

    @Test(arguments: questions)
    func questionsAboutPeopleSayHowToBegin(_ question: String) throws {
        let kith = Harness()
        let answer = try kith.say(question)
        #expect(answer.failure == nil)
        #expect(answer.intent != nil)
        #expect(answer.text == kith.conversation.gettingStarted())
        #expect(!answer.text.contains("You've talked to everyone"))
    }

    @Test func theWayToBeginNamesLinesToType() throws {
        let kith = Harness()
        let text = kith.conversation.gettingStarted()
        #expect(text == """
            Nobody is in your store yet. To begin, try:
              add Diane Smith as a friend
              I talked to Diane today about her new job
              import my contacts from ~/Downloads/contacts.vcf
            or type help for everything I understand.
            """)
        #expect(kith.conversation.storeIsEmpty)
        // The REPL's greeting is the same, with its own first and last words.
        let greeting = kith.conversation.gettingStarted(opening: "Welcome to Kith.", closing: "Ctrl-D leaves.")
        #expect(greeting.hasPrefix("Welcome to Kith. Nobody is in your store yet. To begin, try:\n  add Diane Smith"))
        #expect(greeting.hasSuffix("or type help for everything I understand. Ctrl-D leaves."))
        // JSON keeps the answer's shape: nobody, none.
        let answer = try kith.say("who haven't I talked to this month")
        #expect(answer.people == [] && answer.count == 0)
    }

    @Test func theFirstLinesWorkAndThenAnswersAreAsBefore() throws {
        let kith = Harness()
        for line in catalogue.help.start.prefix(2) {
            let answer = try kith.say(line)
            #expect(answer.failure == nil, "\(line): \(answer.text)")
        }
        #expect(!kith.conversation.storeIsEmpty)
        #expect(try kith.say("who haven't I talked to this month").text == "You've talked to everyone since Sun Mar 1.")
        try kith.say("add Bob Stone")
        #expect(try kith.say("who haven't I talked to this month").text
                == "1 person you haven't talked to since Sun Mar 1:\n  Bob Stone  never")
        #expect(try kith.say("how many people do I know").text == "You know 2 people.")
    }

    @Test func otherAnswersOnAnEmptyStoreAreUnchanged() throws {
        let kith = Harness()
        #expect(try kith.say("what are my reminders").text == "No open reminders.")
        #expect(try kith.say("tell me about Diane").text == "I don't know anyone called Diane. To add them, say \"add Diane\".")
        #expect(try kith.say("help").text.hasPrefix("Ask me about your people in plain English."))
    }
}

@Suite struct ReminderLinkTests {
    /// Carl is one slip from "call", the word every such reminder starts with.
    static func people() throws -> Harness {
        let kith = Harness()
        for name in ["Diane Smith", "Carl Jones", "Sam Lee", "Sam Ortiz", "Bob Stone"] { try kith.say("add \(name)") }
        return kith
    }

    static func slot(_ answer: Answer, _ name: String) -> JSONValue? { answer.slots.first { $0.0 == name }?.1 }

    @Test func aReminderLinksThePersonItNames() throws {
        let kith = try Self.people()
        let answer = try kith.say("remind me to call diane tomorrow")
        #expect(answer.text == "I'll remind you on Wed Mar 11: call diane. Linked to Diane Smith.")
        #expect(kith.graph.reminders.values.first?.person == 1)
        #expect(Self.slot(answer, "person") == .string("Diane Smith"))
        #expect(Self.slot(answer, "text") == .string("call diane"))
        // The same in parse, with where the name came from.
        let tree = try kith.conversation.parse("remind me to call diane tomorrow").get().tree
        #expect(tree.contains("person: diane → Diane Smith (named in the text)"))
    }

    @Test(arguments: [
        ("remind me to follow up with Diane Smith next Tuesday", "Diane Smith"),
        ("remind me to send Carl the deck on Friday", "Carl Jones"),
        ("remind me to ask jones about the offsite tomorrow", "Carl Jones"),
        ("remind me to call bob for his birthday on March 21 every year", "Bob Stone"),
        ("remind me to call Dianne tomorrow", "Diane Smith"),
    ])
    func namesOfEveryKind(_ line: String, _ person: String) throws {
        let kith = try Self.people()
        let answer = try kith.say(line)
        #expect(answer.failure == nil)
        #expect(Self.slot(answer, "person") == .string(person), "\(answer.text)")
        #expect(answer.text.hasSuffix("Linked to \(person)."))
    }

    @Test func ambiguousOrSeveralLinkNobodyAndSaySo() throws {
        let kith = try Self.people()
        var answer = try kith.say("remind me to call sam tomorrow")
        #expect(answer.text == "I'll remind you on Wed Mar 11: call sam. Not linked to anyone: \"sam\" could be Sam Lee or Sam Ortiz.")
        #expect(Self.slot(answer, "person") == nil)
        answer = try kith.say("remind me to call Diane and Bob on Friday")
        #expect(answer.text.hasSuffix("Not linked to anyone: it names Diane Smith and Bob Stone."))
        #expect(kith.graph.reminders.values.allSatisfy { $0.person == nil })
        // Nobody named: nothing said about it.
        answer = try kith.say("remind me to buy milk tomorrow")
        #expect(answer.text == "I'll remind you on Wed Mar 11: buy milk.")
    }

    @Test func aPronounMeansThePersonLastMentioned() throws {
        let kith = try Self.people()
        try kith.say("tell me about Carl")
        let answer = try kith.say("remind me to call him on Friday")
        #expect(answer.text.hasSuffix("Linked to Carl Jones."))
        #expect(Self.slot(answer, "person") == .string("Carl Jones"))
    }

    @Test func aLinkedReminderIsFoundByItsPerson() throws {
        let kith = try Self.people()
        try kith.say("remind me to call diane tomorrow")
        #expect(try kith.say("what are my reminders").people == ["Diane Smith"])
        #expect(try kith.say("done with the Smith reminder").text == "Done: call diane.")
    }
}

@Suite struct SlotDefaultsTests {
    static func slots(_ line: String, in kith: Harness) throws -> [String: JSONValue] {
        let answer = try kith.say(line)
        #expect(answer.failure == nil, "\(line): \(answer.text)")
        return Dictionary(uniqueKeysWithValues: answer.slots)
    }

    static func period(_ start: String, _ end: String) -> JSONValue {
        .object([("start", .string(start)), ("end", .string(end))])
    }

    @Test func questionsCarryThePeriodTheyUsed() throws {
        let kith = Harness(DemoNetwork.graph(), today: DemoNetwork.today)
        #expect(try Self.slots("who haven't I talked to", in: kith)["period"] == Self.period("2026-03-01", "2026-03-10"))
        #expect(try Self.slots("who did I talk to", in: kith)["period"] == Self.period("2026-02-08", "2026-03-10"))
        let closest = try Self.slots("who are my closest connections", in: kith)
        #expect(closest["period"] == Self.period("2025-12-10", "2026-03-10"))
        #expect(closest["limit"] == .number(10))
        #expect(try Self.slots("whose birthday is coming up", in: kith)["period"] == Self.period("2026-03-10", "2026-04-09"))
        // A period said is kept, or stretched to its end where the question looks ahead.
        #expect(try Self.slots("who haven't I talked to since October", in: kith)["period"] == Self.period("2025-10-01", "2026-03-10"))
        #expect(try Self.slots("any birthdays this month", in: kith)["period"] == Self.period("2026-03-01", "2026-03-31"))
        #expect(try Self.slots("what follow-ups are due this week", in: kith)["period"] == Self.period("2026-03-09", "2026-03-15"))
        #expect(try Self.slots("who should I reach out to", in: kith)["limit"] == .number(10))
        #expect(try Self.slots("which 5 clients should I call", in: kith)["limit"] == .number(5))
        // Questions that have no default say none.
        #expect(try Self.slots("how many people do I know", in: kith).isEmpty)
        #expect(try Self.slots("what are my reminders", in: kith).isEmpty)
    }

    /// The slot is what the answer used, not a second opinion: the text says the same days.
    @Test func theSlotIsWhatTheAnswerUsed() throws {
        let kith = Harness(DemoNetwork.graph(), today: DemoNetwork.today)
        var answer = try kith.say("who haven't I talked to")
        #expect(answer.text.contains("since Sun Mar 1:"))
        answer = try kith.say("who did I talk to")
        #expect(answer.text.contains("since Sun Feb 8:"))
        answer = try kith.say("whose birthday is coming up")
        #expect(answer.text.hasPrefix("Birthdays from Tue Mar 10 to Thu Apr 9:"))
        answer = try kith.say("who are my closest connections")
        #expect(answer.text.hasPrefix("Your closest since Dec 10, 2025,"))
    }

    @Test func aConversationLoggedWithNoDayIsToday() throws {
        let kith = Harness()
        try kith.say("add Diane Smith")
        try kith.say("add Bob Stone")
        let slots = try Self.slots("I talked to Diane", in: kith)
        #expect(slots["date"] == .string("2026-03-10"))
        #expect(slots["channel"] == .string("talk"))
        #expect(slots["people"] == .array([.string("Diane Smith")]))
        let said = try Self.slots("called Bob yesterday", in: kith)
        #expect(said["date"] == .string("2026-03-09"))
        #expect(said["channel"] == .string("call"))
        #expect(kith.graph.interactions.values.map(\.date).sorted() == [day("2026-03-09"), day("2026-03-10")])
    }

    @Test func parseShowsTheSameValuesMarked() throws {
        let kith = Harness(DemoNetwork.graph(), today: DemoNetwork.today)
        let request = try kith.conversation.parse("who haven't I talked to").get()
        #expect(request.tree.hasSuffix("└─ period: 2026-03-01..2026-03-10 (default)"))
        #expect(Dictionary(uniqueKeysWithValues: request.resolvedSlots)["period"] == Self.period("2026-03-01", "2026-03-10"))
        // "why" shows them too.
        try kith.say("had coffee with Bob")
        let why = try kith.say("why").text
        #expect(why.contains("├─ date: 2026-03-10 (default)"))
        // A follow-up for another period replaces the default.
        try kith.say("who haven't I talked to")
        let followUp = try kith.say("and last month")
        #expect(Dictionary(uniqueKeysWithValues: followUp.slots)["period"] == Self.period("2026-02-01", "2026-02-28"))
    }
}
