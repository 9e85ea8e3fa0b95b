import Foundation
import Testing
@testable import KithTime

/// Time expressions against fixed days. 2026-03-10 is a Tuesday.
@Suite struct TimeExpressionTests {
    static let tuesday = CalendarDate(iso: "2026-03-10")!

    func read(_ text: String, today: CalendarDate = tuesday, leaning: TimeLeaning = .past) -> String? {
        guard let value = TimeExpressionParser(today: today).value(of: text, leaning: leaning) else { return nil }
        switch value {
        case .day(let d): return d.iso
        case .period(let p): return "\(p.start.iso)..\(p.end.iso)"
        }
    }

    @Test(arguments: [
        ("today", "2026-03-10"),
        ("yesterday", "2026-03-09"),
        ("tomorrow", "2026-03-11"),
        ("this week", "2026-03-09..2026-03-10"),
        ("last week", "2026-03-02..2026-03-08"),
        ("next week", "2026-03-16..2026-03-22"),
        ("this month", "2026-03-01..2026-03-10"),
        ("last month", "2026-02-01..2026-02-28"),
        ("next month", "2026-04-01..2026-04-30"),
        ("this year", "2026-01-01..2026-03-10"),
        ("last year", "2025-01-01..2025-12-31"),
        ("this quarter", "2026-01-01..2026-03-10"),
        ("last quarter", "2025-10-01..2025-12-31"),
        ("on monday", "2026-03-09"),
        ("on tuesday", "2026-03-03"),
        ("monday", "2026-03-09"),
        ("last friday", "2026-03-06"),
        ("3 days ago", "2026-03-07"),
        ("a week ago", "2026-03-03"),
        ("two months ago", "2026-01-10"),
        ("in the past 2 weeks", "2026-02-24..2026-03-10"),
        ("in the last 3 days", "2026-03-07..2026-03-10"),
        ("over the past month", "2026-02-10..2026-03-10"),
        ("the past week", "2026-03-03..2026-03-10"),
        ("in 3 weeks", "2026-02-17..2026-03-10"),
        ("recently", "2026-02-08..2026-03-10"),
        ("lately", "2026-02-08..2026-03-10"),
        ("since october", "2025-10-01..2026-03-10"),
        ("since march", "2026-03-01..2026-03-10"),
        ("since monday", "2026-03-09..2026-03-10"),
        ("since last week", "2026-03-02..2026-03-10"),
        ("since 3 november", "2025-11-03..2026-03-10"),
        ("in october", "2025-10-01..2025-10-31"),
        // Spec §4: "in May" is the most recent whole such month before the current one.
        ("in march", "2025-03-01..2025-03-31"),
        ("in may 2025", "2025-05-01..2025-05-31"),
        ("2026-11-03", "2026-11-03"),
        ("on 3 november", "2025-11-03"),
        ("nov 3", "2025-11-03"),
        ("november 3rd 2024", "2024-11-03"),
        ("the 3rd of november", "2025-11-03"),
        ("11/3", "2025-11-03"),
        ("3/1", "2026-03-01"),
        ("11/3/2024", "2024-11-03"),
        ("this morning", "2026-03-10"),
        ("last weekend", "2026-03-07..2026-03-08"),
    ])
    func pastLeaning(_ text: String, _ expected: String) {
        #expect(read(text) == expected)
    }

    @Test(arguments: [
        ("on monday", "2026-03-16"),
        ("tuesday", "2026-03-17"),
        ("next tuesday", "2026-03-17"),
        ("in 3 days", "2026-03-13"),
        ("in 2 weeks", "2026-03-24"),
        ("nov 3", "2026-11-03"),
        ("3/1", "2027-03-01"),
        ("in may", "2026-05-01..2026-05-31"),
        ("in the next fortnight", "2026-03-10..2026-03-24"),
        ("next fortnight", "2026-03-10..2026-03-24"),
    ])
    func futureLeaning(_ text: String, _ expected: String) {
        #expect(read(text, leaning: .future) == expected)
    }

    /// Spec §4's rules and examples, with the rule each is read by.
    @Test(arguments: [
        ("last night", "2026-03-09", "yesterday"),
        ("yesterday at 4:25 pm", "2026-03-09", "yesterday + time of day"),
        ("4pm yesterday", "2026-03-09", "yesterday + time of day"),
        ("an hour ago", "2026-03-10", "N units ago"),
        ("tonight", "2026-03-10", "today"),
        ("the day before yesterday", "2026-03-08", "the day before/after a day"),
        ("3 days before yesterday", "2026-03-06", "N units before/after a day"),
        ("a few days ago", "2026-03-07", "N units ago"),
        ("a couple of weeks ago", "2026-02-24", "N units ago"),
        ("several days ago", "2026-03-07", "N units ago"),
        ("a fortnight ago", "2026-02-24", "N units ago"),
        ("a quarter ago", "2025-12-10", "N units ago"),
        ("a decade ago", "2016-03-10", "N units ago"),
        ("1 month 21 days ago", "2026-01-20", "N units ago"),
        ("2 or 3 days ago", "2026-03-07..2026-03-08", "N or M units ago"),
        ("2 to 4 months ago", "2025-11-10..2026-01-10", "N or M units ago"),
        ("previous 3 weeks", "2026-02-17..2026-03-10", "the past N units"),
        ("for the past month", "2026-02-10..2026-03-10", "the past N units"),
        ("previous week", "2026-03-02..2026-03-08", "this/last/next period"),
        ("last decade", "2010-01-01..2019-12-31", "this/last/next period"),
        ("earlier this week", "2026-03-09..2026-03-09", "earlier this period"),
        ("earlier this month", "2026-03-01..2026-03-09", "earlier this period"),
        ("earlier this year", "2026-01-01..2026-03-09", "earlier this period"),
        ("beginning of last week", "2026-03-02..2026-03-04", "part of a period"),
        ("end of last week", "2026-03-06..2026-03-08", "part of a period"),
        ("late last week", "2026-03-05..2026-03-08", "part of a period"),
        ("late last month", "2026-02-21..2026-02-28", "part of a period"),
        ("friday", "2026-03-06", "weekday"),
        ("past friday", "2026-03-06", "weekday"),
        ("this past friday", "2026-03-06", "weekday"),
        ("tuesday of last week", "2026-03-03", "weekday of a week"),
        ("last week tuesday", "2026-03-03", "weekday of a week"),
        ("tuesday last week", "2026-03-03", "weekday of a week"),
        ("tuesday before last", "2026-02-24", "weekday before last"),
        ("2 tuesdays back", "2026-02-24", "weekday before last"),
        ("the weekend", "2026-03-07..2026-03-08", "weekend"),
        ("over the weekend", "2026-03-07..2026-03-08", "weekend"),
        ("this past weekend", "2026-03-07..2026-03-08", "weekend"),
        ("in may", "2025-05-01..2025-05-31", "month"),
        ("last november", "2025-11-01..2025-11-30", "month"),
        ("in february", "2026-02-01..2026-02-28", "month"),
        ("since may", "2025-05-01..2026-03-10", "since: month"),
        ("since 2014", "2014-01-01..2026-03-10", "since: year"),
        ("since last tuesday", "2026-03-03..2026-03-10", "since: weekday"),
        ("since 3 november", "2025-11-03..2026-03-10", "since: explicit date"),
        // A learner's "since 3 weeks" (depuis trois semaines): the past 3 weeks.
        ("since 3 weeks", "2026-02-17..2026-03-10", "the past N units"),
        ("since two months", "2026-01-10..2026-03-10", "the past N units"),
        ("last fortnight", "2026-02-24..2026-03-10", "the past N units"),
        ("last summer", "2025-06-01..2025-08-31", "season"),
        ("this winter", "2025-12-01..2026-02-28", "season"),
        ("in the fall", "2025-09-01..2025-11-30", "season"),
        ("last christmas", "2025-12-25", "holiday"),
        ("thanksgiving", "2025-11-27", "holiday"),
        ("easter", "2025-04-20", "holiday"),
        ("new year's day", "2026-01-01", "holiday"),
        ("the 3rd", "2026-03-03", "day of the month"),
        ("3rd of november", "2025-11-03", "explicit date"),
        ("nov. 3", "2025-11-03", "explicit date"),
        ("11/3", "2025-11-03", "explicit date"),
        ("2026-11-03", "2026-11-03", "explicit date"),
        ("may 3", "2025-05-03", "explicit date"),
        ("fall 2025", "2025-09-01..2025-11-30", "season"),
        ("sat the 7th", "2026-03-07", "day of the month"),
        ("q1", "2026-01-01..2026-03-10", "quarter"),
        ("q4", "2025-10-01..2025-12-31", "quarter"),
        ("from monday to wednesday", "2026-03-09..2026-03-11", "from … to …: weekday"),
        ("since the weekend", "2026-03-07..2026-03-10", "since: weekend"),
        ("a year and a half ago", "2024-09-10", "N units ago"),
        ("the friday before last", "2026-02-27", "weekday before last"),
        ("this time last year", "2025-03-10", "this time last year"),
        ("the nineties", "1990-01-01..1999-12-31", "decade"),
    ])
    func specExamples(_ text: String, _ expected: String, _ rule: String) {
        #expect(read(text) == expected)
        #expect(TimeExpressionParser(today: Self.tuesday).match(of: text)?.rule == rule)
    }

    @Test(arguments: [
        ("in 2 weeks", "2026-03-24"),
        ("in a fortnight", "2026-03-24"),
        ("a week from today", "2026-03-17"),
        ("friday", "2026-03-13"),
        ("this past friday", "2026-03-06"),
        ("next friday", "2026-03-20"),
        ("on the 20th", "2026-03-20"),
        ("end of the month", "2026-03-31"),
        ("first thing tomorrow", "2026-03-11"),
        ("tomorrow morning", "2026-03-11"),
        ("the day after tomorrow", "2026-03-12"),
        ("christmas", "2026-12-25"),
        ("next week", "2026-03-16..2026-03-22"),
    ])
    func reminderExamples(_ text: String, _ expected: String) {
        #expect(read(text, leaning: .future) == expected)
    }

    @Test(arguments: ["may", "sun", "march", "sat", "wed", "june", "a", "week", "the", "last", "30 february", "fall",
                      "spring", "summer", "2014", "3rd", "weekend", "the may", "may may"])
    func wordsThatAreNotDatesAlone(_ text: String) {
        #expect(read(text) == nil)
    }

    @Test func shortWeekdaysNeedAPreposition() {
        #expect(read("on sun") == "2026-03-08")
        #expect(read("since wed") == "2026-03-04..2026-03-10")
    }

    @Test func monthAndYearBoundaries() {
        let newYear = CalendarDate(iso: "2026-01-01")!  // a Thursday
        #expect(read("last month", today: newYear) == "2025-12-01..2025-12-31")
        #expect(read("this month", today: newYear) == "2026-01-01..2026-01-01")
        #expect(read("last week", today: newYear) == "2025-12-22..2025-12-28")
        #expect(read("this week", today: newYear) == "2025-12-29..2026-01-01")
        #expect(read("in december", today: newYear) == "2025-12-01..2025-12-31")
        #expect(read("dec 31", today: newYear) == "2025-12-31")
        #expect(read("last quarter", today: newYear) == "2025-10-01..2025-12-31")
        let monday = CalendarDate(iso: "2026-03-09")!
        #expect(read("this week", today: monday) == "2026-03-09..2026-03-09")
        #expect(read("on monday", today: monday) == "2026-03-02")
    }

    @Test func leapDays() {
        let leapDay = CalendarDate(iso: "2024-02-29")!
        #expect(read("a year ago", today: leapDay) == "2023-02-28")
        #expect(read("this month", today: leapDay) == "2024-02-01..2024-02-29")
        let afterLeap = CalendarDate(iso: "2024-03-31")!
        #expect(read("a month ago", today: afterLeap) == "2024-02-29")
        #expect(read("last month", today: afterLeap) == "2024-02-01..2024-02-29")
        #expect(read("feb 29") == "2024-02-29")
        #expect(read("feb 29", leaning: .future) == "2028-02-29")
    }

    @Test func everyPrefixIsOffered() {
        let parser = TimeExpressionParser(today: Self.tuesday)
        let words = ["last", "week", "about", "the", "launch"]
        let readings = parser.parse(words[...], leaning: .past)
        #expect(readings.first?.length == 2)
        #expect(parser.parse(["about", "the"][...], leaning: .past).isEmpty)
    }
}

/// `mayBeNumber` turns words away before the numeric readings; it must never turn away one
/// that `Int`, an ISO date or a slash date would have read.
struct NumericGuardTests {
    @Test func noWordANumericReadingAcceptsIsTurnedAway() {
        let pool: [Character] = ["0", "1", "2", "3", "9", "+", "-", "/", "a", "s", "t", "h", "n", "d", "r", " ", ".",
                                 "٣", "３", "²", "½", "Ⅻ", "é", "\u{301}"]
        var random = SystemRandomNumberGenerator()
        var numeric = 0
        for length in 1...10 {
            for _ in 0..<3000 {
                let word = String((0..<length).map { _ in pool.randomElement(using: &random)! })
                let readable = Int(word) != nil || CalendarDate(iso: word) != nil
                    || TimeExpressionParser.dayNumber(word) != nil || TimeExpressionParser.number(word) != nil
                        && TimeExpressionParser.numberWords[word] == nil
                if readable {
                    numeric += 1
                    #expect(TimeExpressionParser.mayBeNumber(word), "\(word)")
                }
            }
        }
        #expect(numeric > 100)
        let parser = TimeExpressionParser(today: CalendarDate(year: 2026, month: 3, day: 10)!)
        #expect(parser.value(of: "+3/4") == .day(CalendarDate(year: 2026, month: 3, day: 4)!))
        #expect(parser.value(of: "on the 3rd") == .day(CalendarDate(year: 2026, month: 3, day: 3)!))
        #expect(parser.value(of: "a week ago") == .day(CalendarDate(year: 2026, month: 3, day: 3)!))
    }
}

/// The month and weekday tables, held to the lists they were read from before.
struct VocabularyTests {
    private static func referenceMonth(_ word: String) -> Int? {
        let w = word.hasSuffix(".") ? String(word.dropLast()) : word
        if let full = Month.names.firstIndex(where: { $0.lowercased() == w }) { return full + 1 }
        let short = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        if let i = short.firstIndex(of: w) { return i + 1 }
        return w == "sept" ? 9 : nil
    }

    private static func referenceWeekday(_ word: String) -> Weekday? {
        let forms: [(Weekday, [String])] = [
            (.monday, ["monday", "mon"]), (.tuesday, ["tuesday", "tue", "tues"]),
            (.wednesday, ["wednesday", "wed"]), (.thursday, ["thursday", "thu", "thur", "thurs"]),
            (.friday, ["friday", "fri"]), (.saturday, ["saturday", "sat"]), (.sunday, ["sunday", "sun"]),
        ]
        return forms.first { $0.1.contains(word) }?.0
    }

    @Test func monthsAndWeekdaysReadAsBefore() {
        var words = ["", ".", "sept", "sept.", "septe", "ma", "mayy", "may.", "jan..", "Jan", "MONDAY", "thur.", "tues",
                     "week", "the", "3rd", "mo", "sundays", "sun.", "juli", "marc", "march"]
        for name in Month.names + ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] {
            let lower = name.lowercased()
            for end in 1...lower.count {
                let prefix = String(lower.prefix(end))
                words += [prefix, prefix + ".", prefix.uppercased(), prefix + "s"]
            }
        }
        for word in words {
            #expect(TimeExpressionParser.month(word) == Self.referenceMonth(word), "month(\(word))")
            #expect(TimeExpressionParser.weekday(word) == Self.referenceWeekday(word), "weekday(\(word))")
        }
    }
}

/// `parse` turns away first words no form starts with; it must never turn away one that
/// reads. The vocabulary is every word the grammar's source names, numbers and dates, and
/// ordinary words, in random sequences started at every word.
struct LeadingWordTests {
    static func grammarWords() throws -> [String] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/KithTime").standardized
        var text = ""
        for file in ["TimeExpression.swift", "TimeLexicon.swift", "Holiday.swift"] {
            text += try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        }
        var words: Set<String> = []
        // Every word-like piece between two quotes: the literals, and perhaps a word of a comment.
        for piece in text.split(separator: "\"") {
            let word = String(piece)
            if !word.isEmpty, word.count < 12, word.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." }) {
                words.insert(word.lowercased())
            }
        }
        return words.sorted()
    }

    @Test func noFirstWordThatReadsIsTurnedAway() throws {
        let grammar = try Self.grammarWords()
        #expect(grammar.contains("yesterday") && grammar.contains("since") && grammar.contains("sept"))
        let vocabulary = grammar + Month.names.map { $0.lowercased() } + [
            "3", "03", "15th", "1st", "2026", "2026-03-01", "3/4", "3/4/2026", "+3", "-2", "a", "an", "two", "few",
            "couple", "who", "did", "i", "talk", "to", "diane", "smith", "acme", "about", "with", "and", "week",
            "weeks", "days", "ago", "morning", "far", "mar.", "wed", "sun", "thurs", "hello", "",
            "4:25", "4pm", "16:00", "p.m", "a.m", "o'clock", "'s", "+", "-", "11/3", "22/4", "11/2016", "2-3", "12-30-16",
            "2019-aug-1", "1,2010", "'95", "'02", "2000s", "'90s", "2y", "10min", "3rd", "21st", "twenty-first",
            "christmases", "eve", "new", "year", "tuesdays", "weekends", "season", "ides", "twenty-tens", "mid-march",
            "late-may", "q1", "easter", "mardi", "gras", "valentine", "jr", "mlk", "-2", "0", "99999999999y", "10000",
            "9999s", "99/99/99", "31/31", "2026-02-30", "24:00", "13pm", "0am", "1,9999", "10000-10001", "centuries",
        ]
        let parser = TimeExpressionParser(today: CalendarDate(year: 2026, month: 3, day: 10)!)
        var random = SystemRandomNumberGenerator()
        var read = 0
        for _ in 0..<20_000 {
            let words = (0..<Int.random(in: 1...5, using: &random)).map { _ in vocabulary.randomElement(using: &random)! }
            for leaning in [TimeLeaning.past, .future] {
                let guarded = parser.parse(words[...], leaning: leaning)
                #expect(guarded == parser.readings(words[...], leaning: leaning), "\(words)")
                if !guarded.isEmpty { read += 1 }
            }
        }
        #expect(read > 5000)
    }
}

/// The other half of the guard's contract: every word it lets through starts some reading.
/// Each word the lexicon knows, and numbers of each shape, is tried before a set of endings;
/// a word the guard passes must read before at least one of them.
struct GuardIsExactTests {
    static let endings: [[String]] = [
        [], ["ago"], ["days", "ago"], ["weeks", "ago"], ["week"], ["weekend"], ["last", "week"], ["3", "days", "ago"],
        ["of", "march"], ["monday", "of", "april"], ["2025"], ["3"], ["before", "last"], ["day"], ["thing", "tomorrow"],
        ["now"], ["far", "this", "year"], ["night"], ["morning"], ["since", "monday"], ["before", "yesterday"],
        ["day", "before", "yesterday"], ["of", "last", "week"], ["time", "last", "year"], ["this", "week"],
        ["a", "year", "ago"], ["the", "weekend"], ["year", "'s", "day"], ["day", "weekend"], ["friday"], ["gras"],
        ["patrick", "'s", "day"], ["luther", "king", "day"], ["jr", "day"], ["'s", "day"], ["eve"], ["sunday"],
        ["monday"], ["tuesday"], ["wednesday"], ["day", "of", "the", "month"], ["4", "days"], ["an", "hour"], ["the", "day"],
        ["late"], ["3rd"], ["the", "3rd"], ["on", "friday"], ["3", "and", "5", "june"], ["to", "5"], ["last"],
        ["the", "ides", "of", "march"],
    ]

    static func startsSomething(_ word: String) -> Bool {
        let parser = TimeExpressionParser(today: CalendarDate(year: 2026, month: 3, day: 10)!)
        return endings.contains { ending in
            let words = [word] + ending
            return !parser.readings(words[...], leaning: .past).isEmpty
                || !parser.readings(words[...], leaning: .future).isEmpty
        }
    }

    @Test func everyWordTheGuardPassesStartsAReading() throws {
        var words = Set(Lexicon.words.keys)
        words.formUnion(try LeadingWordTests.grammarWords())
        words.formUnion(["3", "03", "2026", "3rd", "2026-11-03", "11/3", "4pm", "4:25", "2-3", "11/2016", "2y", "12-30-16",
                         "2019-aug-1", "+3/4", "0", "10000"])
        var passed = 0
        for word in words.sorted() where TimeExpressionParser.mayStartExpression(word) {
            passed += 1
            #expect(Self.startsSomething(word), "\(word) passes the guard but starts nothing")
        }
        #expect(passed > 150)
        // And some that must not pass.
        for word in ["who", "did", "diane", "ago", "pm", "eve", "'s", "to", "and", "'25", "-2", "tuesdays",
                     "morning", "night", "weekend"] {
            #expect(!TimeExpressionParser.mayStartExpression(word), "\(word)")
        }
    }
}
