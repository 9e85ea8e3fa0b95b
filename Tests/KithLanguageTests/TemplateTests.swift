import Testing
@testable import KithLanguage
import KithTime

@Suite struct TokenizerTests {
    @Test func wordsArePunctuationFreeAndLowercased() {
        #expect(Tokenizer.tokenize("Who haven't I talked to, this month?").map(\.word)
                == ["who", "haven't", "i", "talked", "to", "this", "month"])
    }

    @Test func possessivesAreTheirOwnWord() {
        #expect(Tokenizer.tokenize("Diane’s email").map(\.word) == ["diane", "'s", "email"])
        #expect(Tokenizer.tokenize("the Joneses' dog").map(\.word) == ["the", "joneses", "'s", "dog"])
        #expect(Tokenizer.tokenize("it's").map(\.word) == ["it", "'s"])
    }

    @Test func rangesPointIntoTheOriginal() {
        let text = "Tell me about Zoë Laurent!"
        let tokens = Tokenizer.tokenize(text)
        #expect(text[tokens[3].range.lowerBound..<tokens[4].range.upperBound] == "Zoë Laurent")
    }

    @Test func emailsAndDatesStayWhole() {
        #expect(Tokenizer.tokenize("d@example.com on 2026-11-03.").map(\.word) == ["d@example.com", "on", "2026-11-03"])
    }

    /// A comma typed without the space after it still parts two words, on both paths (ASCII and
    /// not), and the time expressions' own word split agrees; a number keeps its comma.
    @Test(arguments: ["ok,who did I see 09 months,01 weeks ago;bob", "ok,who did I see 09 months,01 weeks ago;bob é"])
    func aCommaWithoutASpacePartsWords(_ text: String) {
        let words = Tokenizer.tokenize(text).map(\.word)
        #expect(words.prefix(10) == ["ok", "who", "did", "i", "see", "09", "months", "01", "weeks", "ago"])
        #expect(words.dropFirst(10).first == "bob")
        #expect(TimeExpressionParser.words(of: text) == words)
        #expect(Tokenizer.tokenize("1,000 people").map(\.word) == ["1,000", "people"])
        #expect(TimeExpressionParser.words(of: "1,000 people") == ["1,000", "people"])
    }
}

@Suite struct TemplateParserTests {
    @Test func syntaxBuildsTheExpectedPattern() throws {
        let pattern = try TemplateParser.parse("when [did] I (talk | spoke) {person}'s <x>")
        #expect(pattern == .sequence([
            .word("when"), .choice([.sequence([.word("did")]), .sequence([])]), .word("i"),
            .choice([.sequence([.word("talk")]), .sequence([.word("spoke")])]),
            .slot(type: "person", name: "person"), .word("'s"), .rule("x"),
        ]))
        #expect(try TemplateParser.parse("{log_channel:channel}") == .sequence([.slot(type: "log_channel", name: "channel")]))
    }

    @Test(arguments: [
        ("who (is | are", 5, "missing ')'"),
        ("who [is", 5, "missing ']'"),
        ("who {person", 5, "missing '}'"),
        ("who is )", 8, "unexpected ')'"),
        ("who (is | ) here", 10, "empty alternative"),
        ("who {per son}", 5, "a slot is {name} or {list:name}"),
        ("who <a b>", 5, "a rule is <name>"),
    ])
    func errorsPointAtTheColumn(_ text: String, _ column: Int, _ message: String) {
        #expect(throws: TemplateParser.Failure.self) { try TemplateParser.parse(text) }
        do {
            _ = try TemplateParser.parse(text)
        } catch {
            #expect(error.column == column)
            #expect(error.message.hasPrefix(message))
        }
    }
}

@Suite struct CatalogueLoadingTests {
    static let shared = """
    examples-today: 2026-03-10
    rules:
      talk = (talked | spoke) [to]
    lists:
      channel:
        call = called | phoned
    slots:
      person = name
      period = period
      channel = list channel
    skip:
      please, hey
    """

    func load(_ files: [String: String]) -> Result<Catalogue, CatalogueErrors> {
        Result { () throws(CatalogueErrors) in try Catalogue.load(files: files) }
    }

    @Test func aSmallCatalogueLoadsAndMatches() throws {
        let catalogue = try load([
            "_shared.intent": Self.shared,
            "last.intent": "intent: last\nslots: person, channel?\nsentences:\n  when did I last (<talk> | {channel}) {person}\n",
        ]).get()
        let matcher = Matcher(catalogue: catalogue)
        let match = try #require(matcher.best("hey, when did I last phoned Bob please?", today: catalogue.examplesToday))
        #expect(match.intent == "last")
        #expect(match.slots == ["person": .text("Bob"), "channel": .canonical("call")])
        #expect(matcher.best("when did I last see Bob", today: catalogue.examplesToday) == nil)
    }

    @Test func everyProblemIsReportedWithItsPlace() {
        let result = load([
            "_shared.intent": Self.shared + "\nrules:\n  loop = a <loop>\n",
            "bad.intent": """
            intent: bad
            slots: person
            sentences:
              who is {person} {nothing}
              who (is
              talk <missing>
              say <loop>
            examples:
              who is Bob
                colour: blue
            """,
        ])
        guard case .failure(let failure) = result else {
            Issue.record("expected errors")
            return
        }
        let text = failure.description
        #expect(text.contains("bad.intent:4:3: unknown slot type 'nothing'"))
        #expect(text.contains("bad.intent:5:7: missing ')'"))
        #expect(text.contains("bad.intent:6:3: unknown rule <missing>"))
        #expect(text.contains("bad.intent:7:3: rule <loop> refers to itself: loop → loop"))
        #expect(text.contains("bad.intent:10:5: slot 'colour' is not in this intent's 'slots:' line"))
        #expect(text.contains("rule 'talk' is never used"))
    }

    /// `_help.intent` holds the themes `help` groups intents by, in order, and topic pages;
    /// an intent names its theme on a `theme:` line.
    @Test func themesAndTopicsLoadFromTheHelpFile() throws {
        let catalogue = try load([
            "_shared.intent": Self.shared,
            "_help.intent": """
            intro: Ask me.
            start:
              add Diane Smith
            theme touch:
              title: Keeping in touch
              about: who you have drifted from.
              words: drifting, in touch
              examples:
                when did I last talk to Bob
              tips:
                A tip.
                one | two
            topic dates:
              title: Dates
              about: how to say when.
            """,
            "last.intent": "theme: touch\nintent: last\nslots: person\nsentences:\n  when did I last <talk> {person}\n",
        ]).get()
        #expect(catalogue.intents.first?.theme == "touch")
        let help = catalogue.help
        #expect(help.intro == "Ask me.")
        #expect(help.start == ["add Diane Smith"])
        #expect(help.topics.map(\.name) == ["touch", "dates"])
        #expect(help.themes.map(\.name) == ["touch"])
        let touch = try #require(help.topic(named: "touch"))
        #expect(touch.title == "Keeping in touch" && touch.about == "who you have drifted from.")
        #expect(touch.words == ["drifting", "in touch"])
        #expect(touch.examples == ["when did I last talk to Bob"])
        #expect(touch.tips == ["A tip.", "one | two"])
        // The topics are a list, for help TOPIC.
        let list = try #require(catalogue.lists["help_topic"])
        #expect(list.entries.map(\.canonical) == ["touch", "dates"])
        #expect(list.entries[0].phrasings == [["touch"], ["keeping", "in", "touch"], ["drifting"], ["in", "touch"]])
        // And the compiled form carries all of it.
        let decoded = try Catalogue(compiled: catalogue.compiled())
        #expect(decoded.help == help)
        #expect(decoded.intents == catalogue.intents)
    }

    @Test func aThemeNobodyDefinedIsAnError() {
        let result = load([
            "_shared.intent": Self.shared,
            "_help.intent": "theme touch:\n  title: Keeping in touch\n  colour: blue\ntopic dates:\n  about: no title\n"
                + "topic when:\n  title: When\n  words: touch\n",
            "last.intent": "theme: tuoch\nintent: last\nslots: person\nsentences:\n  when did I last <talk> {person}\n",
        ])
        guard case .failure(let failure) = result else {
            Issue.record("expected errors")
            return
        }
        let text = failure.description
        #expect(text.contains("last.intent:1:8: unknown theme 'tuoch' (the themes are in _help.intent)"))
        #expect(text.contains("_help.intent:3:3: expected 'title:', 'about:', 'words:', 'examples:' or 'tips:'"))
        #expect(text.contains("_help.intent:4:1: 'dates' has no 'title:'"))
        #expect(text.contains("_help.intent:6:1: 'touch' asks for both 'touch' and 'when'"))
    }

    @Test func aMissingSharedFileIsAnError() {
        guard case .failure(let failure) = load(["x.intent": "intent: x\nsentences:\n  hi\n"]) else {
            Issue.record("expected an error")
            return
        }
        #expect(failure.description.contains("missing shared file"))
    }
}

@Suite struct MatcherRankingTests {
    let matcher = Matcher(catalogue: IntentFolder.catalogue)
    let today = IntentFolder.catalogue.examplesToday

    @Test func timeExpressionsBeatFreeText() throws {
        let match = try #require(matcher.best("had coffee with Bob yesterday about the launch party", today: today))
        #expect(match.slots["date"] == .time(.day(today.adding(days: -1))))
        #expect(match.slots["topic"] == .text("the launch party"))
    }

    @Test func moreLiteralWordsWin() throws {
        #expect(matcher.best("add Bob to my contacts", today: today)?.intent == "add_person")
        #expect(matcher.best("add Bob to my inner circle", today: today)?.intent == "tag")
    }

    @Test func namesStopAtFunctionWords() throws {
        let match = try #require(matcher.best("I met Carol Jones at the expo", today: today))
        #expect(match.slots["person"] == .text("Carol Jones"))
        #expect(match.slots["how_met"] == .text("the expo"))
    }

    @Test func severalNamesSplitOnCommasAndAnd() throws {
        let match = try #require(matcher.best("called Ruth, Bob and Carol Jones on Monday", today: today))
        #expect(match.slots["people"] == .names(["Ruth", "Bob", "Carol Jones"]))
    }

    @Test func nothingMatchesNonsense() {
        #expect(matcher.recognize("", today: today).isEmpty)
        #expect(matcher.recognize("???", today: today).isEmpty)
        #expect(matcher.recognize(String(repeating: "x ", count: 400), today: today).isEmpty)
        #expect(matcher.recognize("the cat sat on the mat", today: today).isEmpty)
    }
}

/// The word sets that let the matcher skip templates a sentence cannot match.
@Suite struct TemplateWordSetTests {
    func template(_ text: String) throws -> SentenceTemplate {
        SentenceTemplate(source: text, file: "t.intent", line: 1, pattern: try TemplateParser.parse(text))
    }

    @Test func firstWordsFollowOptionalPartsAndAlternatives() throws {
        #expect(try template("(who | which people) did I see").firstWords == ["who", "which"])
        #expect(try template("[please] [the] people I know").firstWords == ["please", "the", "people"])
        #expect(try template("{unit=calls} how many").firstWords == ["how"])
    }

    @Test func aTemplateThatCanBeginWithASlotTakesAnyFirstWord() throws {
        #expect(try template("{person} works at {org}").firstWords == nil)
        #expect(try template("[had] {channel:channel} with {person}").firstWords == nil)
        #expect(try template("(tell me about | {person})").firstWords == nil)
    }

    @Test func requiredWordsAreThoseInEveryAlternative() throws {
        #expect(try template("(when did I | did I) see {person}").requiredWords == ["did", "i", "see"])
    }
}
