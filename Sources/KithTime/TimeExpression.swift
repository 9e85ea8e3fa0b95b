/// Which way an ambiguous expression points: "on Monday" is the last Monday for something that
/// happened, the next Monday for a reminder.
public enum TimeLeaning: Sendable {
    case past
    case future
}

/// What a time expression denotes: one day, or a run of days.
public enum TimeValue: Hashable, Sendable {
    case day(CalendarDate)
    case period(Period)

    public var period: Period {
        switch self {
        case .day(let d): return .day(d)
        case .period(let p): return p
        }
    }
}

/// One way to read the start of a word sequence as a time expression.
public struct TimeMatch: Hashable, Sendable {
    /// How many words the expression used.
    public let length: Int
    public let value: TimeValue
    /// The grammar rule that read it ("N units ago", "weekday of a week", "since: month",
    /// "yesterday + time of day"); docs/time-expressions.md lists them.
    public let rule: String

    public init(length: Int, value: TimeValue, rule: String) {
        self.length = length
        self.value = value
        self.rule = rule
    }
}

/// Reads time expressions ("last week", "since October", "3 days ago", "on Nov 3", "tuesday of
/// last week", "a couple of weeks ago", "last christmas") from normalised words, relative to a
/// fixed `today`. docs/time-expressions.md lists every rule with its examples and resolution.
///
/// The parser consumes a prefix of the words and reports every prefix that reads as a time
/// expression, longest first, so a template matcher can try each. Words are expected lowercased
/// with surrounding punctuation removed, as `Tokenizer` produces them. Month, season and weekday
/// words that are also ordinary words ("may", "march", "fall", "sun") are only read as dates
/// where a date fits: after a preposition or this/last/next, or beside a day number or a year.
public struct TimeExpressionParser: Sendable {
    public let today: CalendarDate

    public init(today: CalendarDate) {
        self.today = today
    }

    /// Every reading of a prefix of `words`, longest first.
    public func parse(_ words: ArraySlice<String>, leaning: TimeLeaning) -> [TimeMatch] {
        guard let word = words.first else { return [] }
        let first = Lexicon.lex(word)
        guard first.mayStart else { return [] }
        return readings(words, leaning: leaning, first: first)
    }

    /// `parse` without turning any first word away (for the test that holds the two equal).
    func readings(_ words: ArraySlice<String>, leaning: TimeLeaning, first: Lexeme? = nil) -> [TimeMatch] {
        let readings = TimeGrammar.with(today: today, words: words, leaning: leaning, first: first) { $0.readings() }
        var found: [TimeMatch] = []
        for reading in readings where reading.end > 0 {
            if !found.contains(where: { $0.length == reading.end }) {
                found.append(TimeMatch(length: reading.end, value: reading.value, rule: reading.ruleName))
            }
        }
        if found.count > 1 { found.sort { $0.length > $1.length } }
        return found
    }

    /// Reads the whole of `text` as one expression (for tests and `--today`-style inputs).
    public func value(of text: String, leaning: TimeLeaning = .past) -> TimeValue? {
        match(of: text, leaning: leaning)?.value
    }

    /// The reading of the whole of `text`, with the rule that read it.
    public func match(of text: String, leaning: TimeLeaning = .past) -> TimeMatch? {
        let words = Self.words(of: text)
        return parse(words[...], leaning: leaning).first { $0.length == words.count }
    }

    /// `text` split into words the way `Tokenizer` splits a sentence: at white space, edge
    /// punctuation dropped, lowercased, curly apostrophes straightened, a possessive 's apart.
    public static func words(of text: String) -> [String] {
        let edge: Set<Character> = [".", ",", "!", "?", ";", ":", "\"", "(", ")", "[", "]", "“", "”", "…"]
        var words: [String] = []
        for chunk in text.split(whereSeparator: \.isWhitespace).flatMap(splitAtJoiningCommas) {
            var piece = chunk[...]
            while let first = piece.first, edge.contains(first) { piece = piece.dropFirst() }
            while let last = piece.last, edge.contains(last) { piece = piece.dropLast() }
            guard !piece.isEmpty else { continue }
            let word = String(piece.lowercased().map { $0 == "’" ? "'" : $0 })
            if word.count > 2, word.hasSuffix("'s") {
                words += [String(word.dropLast(2)), "'s"]
            } else if word.count > 1, word.hasSuffix("'"), word.dropLast().last == "s" {
                words += [String(word.dropLast()), "'s"]
            } else {
                words.append(word)
            }
        }
        return words
    }

    /// A chunk split where a comma or semicolon joins two words typed without a space ("months,01"),
    /// as KithLanguage's `Tokenizer.joinsTwoWords` splits them; "1,000" stays whole.
    static func splitAtJoiningCommas(_ chunk: Substring) -> [Substring] {
        var pieces: [Substring] = []
        var start = chunk.startIndex
        var index = chunk.startIndex
        while index < chunk.endIndex {
            let next = chunk.index(after: index)
            if (chunk[index] == "," || chunk[index] == ";"), index > start, next < chunk.endIndex,
               chunk[chunk.index(before: index)].isLetter, chunk[next].isLetter || chunk[next].isNumber {
                pieces.append(chunk[start..<index])
                start = next
            }
            index = next
        }
        pieces.append(chunk[start...])
        return pieces
    }

    /// Whether a word on its own names a time: a unit of a week or longer ("fortnight",
    /// "months"), a weekday or month written in full that is no ordinary word ("tuesday",
    /// "november"; not "may", "sat" or "march"), a season that is no ordinary word, or
    /// today, tonight, yesterday, tomorrow, ago and weekend. A reading that leaves such a word
    /// unexplained has dropped a time the line said ("any birthdays in the next fortnight" read
    /// as the usual 30 days).
    public static func namesATime(_ word: String) -> Bool {
        switch Lexicon.lex(word.lowercased()) {
        case .unit(let unit): return [.week, .fortnight, .month, .quarter, .year, .decade, .century].contains(unit)
        case .weekday(_, let form): return form != .short
        case .month(_, let ambiguous), .season(_, let ambiguous): return !ambiguous
        case .word(let keyword): return [.today, .tonight, .yesterday, .tomorrow, .ago, .weekend, .weekends].contains(keyword)
        default: return false
        }
    }

    /// Whether an expression can start with `word`: exactly the words some rule begins with (see
    /// `Lexeme.mayStart`). The matcher tries every position of a question that has a time slot,
    /// and most words there ("who", "did", "Diane") are turned away here by one lookup.
    static func mayStartExpression(_ word: String) -> Bool {
        Lexicon.lex(word).mayStart
    }

    // MARK: - Vocabulary (also used by the engine and the import)

    static let numberWords = ["a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                              "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
                              "twelve": 12, "couple": 2, "few": 3]

    /// Whether `word` starts as `Int(_:)` needs a number to: a digit or a sign. Every other
    /// word is turned away before the date readings split and parse it.
    static func mayBeNumber(_ word: String) -> Bool {
        guard let first = word.utf8.first else { return false }
        return (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
    }

    /// A small count: digits or a number word.
    public static func number(_ word: String) -> Int? {
        if mayBeNumber(word), let n = Int(word), n >= 0, n <= 10_000 { return n }
        return numberWords[word]
    }

    /// A day of the month: "3", "3rd", "21st".
    public static func dayNumber(_ word: String) -> Int? {
        guard mayBeNumber(word) else { return nil }
        var digits = word
        for suffix in ["st", "nd", "rd", "th"] where digits.hasSuffix(suffix) {
            digits = String(digits.dropLast(2))
        }
        guard digits.count <= 2, let n = Int(digits), (1...31).contains(n) else { return nil }
        return n
    }

    /// A four-digit year from 1900 to 2200.
    public static func year(_ word: String) -> Int? {
        guard word.count == 4, let n = Int(word), (1900...2200).contains(n) else { return nil }
        return n
    }

    /// Month number for a full or abbreviated month name.
    public static func month(_ word: String) -> Int? {
        monthNumbers[word.hasSuffix(".") ? String(word.dropLast()) : word]
    }

    private static let monthNumbers: [String: Int] = {
        var numbers: [String: Int] = ["sept": 9]
        for (index, name) in Month.names.enumerated() { numbers[name.lowercased()] = index + 1 }
        for (index, name) in ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].enumerated() {
            numbers[name] = index + 1
        }
        return numbers
    }()

    static func weekday(_ word: String) -> Weekday? {
        if case .weekday(let day, let form) = Lexicon.lex(word), form != .plural { return day }
        return nil
    }
}

/// The rules of the grammar, by the names `TimeMatch.rule` reports.
enum TimeRule: String, CaseIterable {
    case today = "today"
    case yesterday = "yesterday"
    case tomorrow = "tomorrow"
    case dayBeforeOrAfter = "the day before/after a day"
    case unitsAgo = "N units ago"
    case unitsAgoRange = "N or M units ago"
    case unitsFromNow = "in N units"
    case unitsFromDay = "N units before/after a day"
    case pastUnits = "the past N units"
    case nextUnits = "the next N units"
    case recently = "recently"
    case calendarPeriod = "this/last/next period"
    case periodBeforeLast = "the period before last"
    case earlierThisPeriod = "earlier this period"
    case laterThisPeriod = "later this period"
    case partOfPeriod = "part of a period"
    case weekend = "weekend"
    case weekday = "weekday"
    case weekdayOfWeek = "weekday of a week"
    case weekdayBeforeLast = "weekday before last"
    case weekdayNearDay = "weekday before/after a day"
    case nthOfMonth = "nth weekday/day/week of a month"
    case month = "month"
    case season = "season"
    case holiday = "holiday"
    case explicitDate = "explicit date"
    case dayOfMonth = "day of the month"
    case year = "year"
    case decade = "decade"
    case quarter = "quarter"
    case timeOfDay = "time of day"
    case sameTime = "this time last year"
    case since = "since"
    case range = "from … to …"
}

/// A length of time: "1 month 21 days", "an hour", "a year and a half".
struct Span {
    var months = 0
    var days = 0
    var seconds = 0

    init() {}

    init(_ n: Int, _ unit: TimeUnit, half: Bool = false) {
        switch unit {
        case .second: seconds = n
        case .minute: seconds = 60 * n + (half ? 30 : 0)
        case .hour: seconds = 3600 * n + (half ? 1800 : 0)
        case .day: days = n; seconds = half ? 43_200 : 0
        case .week: days = 7 * n + (half ? 3 : 0); seconds = half ? 43_200 : 0
        case .fortnight: days = 14 * n + (half ? 7 : 0)
        case .month: months = n; days = half ? 15 : 0
        case .quarter: months = 3 * n + (half ? 1 : 0); days = half ? 15 : 0
        case .year: months = 12 * n + (half ? 6 : 0)
        case .decade: months = 120 * n + (half ? 60 : 0)
        case .century: months = 1200 * n + (half ? 600 : 0)
        }
    }

    static func + (a: Span, b: Span) -> Span {
        var sum = a
        sum.months += b.months
        sum.days += b.days
        sum.seconds += b.seconds
        return sum
    }

    /// Months first, then days: "1 month 21 days ago" from 2026-03-10 is 2026-01-20.
    func back(from date: CalendarDate) -> CalendarDate {
        date.adding(months: -months).adding(days: -(days + seconds / 86_400))
    }

    func forward(from date: CalendarDate) -> CalendarDate {
        date.adding(months: months).adding(days: days + seconds / 86_400)
    }
}

/// this/last/next, however said: "this past" and "previous" are `last`, "coming" is `next`.
enum Relative {
    case this, last, next
}

/// One reading of the words from the first: where it ends, what it means, which rule read it.
struct TimeReading {
    var end: Int
    var value: TimeValue
    var rule: TimeRule
    /// The rule around it: "since" or "from … to …".
    var outer: TimeRule?
    /// A time of day was said with the day ("yesterday at 4:25 pm").
    var timed = false

    init(_ end: Int, _ value: TimeValue, _ rule: TimeRule) {
        self.end = end
        self.value = value
        self.rule = rule
    }

    var ruleName: String {
        var name = rule.rawValue
        if timed { name += " + time of day" }
        if let outer { name = outer.rawValue + ": " + name }
        return name
    }

    var day: CalendarDate? {
        if case .day(let d) = value { return d }
        return nil
    }
}

/// The grammar over one sequence of words. The words are read into lexemes once, up to the first
/// word no expression uses; each form then compares lexemes at positions counted from the first.
struct TimeGrammar {
    let today: CalendarDate
    var leaning: TimeLeaning
    let words: ArraySlice<String>
    let lexemes: Lexemes

    /// The words read as they are first looked at (most forms fail on their first or second
    /// word, and a question's later words are rarely reached), kept in a buffer on the stack
    /// that lives as long as the parse (see `TimeGrammar.with`).
    struct Lexemes {
        let words: ArraySlice<String>
        let read: UnsafeMutableBufferPointer<Lexeme?>

        subscript(_ i: Int) -> Lexeme {
            guard i < read.count else { return .unknown }
            if let known = read[i] { return known }
            let lexeme = Lexicon.lex(words[words.startIndex + i])
            read[i] = lexeme
            return lexeme
        }
    }

    /// An expression is at most 16 words; the buffer is the parse's only storage for them.
    static let longest = 16

    /// Runs `body` with a grammar over `words`, `first` the first word already read.
    static func with<T>(today: CalendarDate, words: ArraySlice<String>, leaning: TimeLeaning, first: Lexeme?,
                        _ body: (TimeGrammar) -> T) -> T {
        withUnsafeTemporaryAllocation(of: Lexeme?.self, capacity: min(words.count, longest)) { buffer in
            buffer.initialize(repeating: nil)
            if let first, !buffer.isEmpty { buffer[0] = first }
            defer { buffer.deinitialize() }
            return body(TimeGrammar(today: today, leaning: leaning, words: words,
                                    lexemes: Lexemes(words: words, read: buffer)))
        }
    }

    // MARK: - Looking at words

    @inline(__always) func lx(_ i: Int) -> Lexeme { lexemes[i] }

    func raw(_ i: Int) -> String { words[words.startIndex + i] }

    @inline(__always) func kw(_ i: Int) -> Keyword? {
        if case .word(let k) = lx(i) { return k }
        return nil
    }

    @inline(__always) func isKW(_ i: Int, _ k: Keyword) -> Bool { kw(i) == k }

    /// "morning", "afternoon" or "evening".
    func isPartOfDay(_ i: Int) -> Bool {
        switch kw(i) {
        case .morning?, .afternoon?, .evening?: return true
        default: return false
        }
    }

    /// A unit of time: "weeks", "day", and "second" (an ordinal word too).
    func unit(_ i: Int) -> TimeUnit? {
        switch lx(i) {
        case .unit(let u): return u
        case .word(.day): return .day
        case .ordinal(2) where raw(i) == "second": return .second
        default: return nil
        }
    }

    /// A count written out or in digits: "a" (1), "two", "couple", "3".
    func count(_ i: Int) -> Int? {
        switch lx(i) {
        case .word(.a): return 1
        case .count(let n): return n
        case .numeric(let n): return n.integer
        default: return nil
        }
    }

    /// A day of the month as an ordinal: "3rd", "third", "first", "second".
    func ordinal(_ i: Int) -> Int? {
        switch lx(i) {
        case .ordinal(let n): return n
        case .word(.first): return 1
        case .numeric(let n): return n.ordinal
        default: return nil
        }
    }

    /// A day of the month, plain or ordinal: "3", "03", "3rd", "third".
    func dayNumber(_ i: Int) -> Int? {
        if case .numeric(let n) = lx(i), let day = n.dayNumber { return day }
        return ordinal(i)
    }

    /// A year: four digits from 1900 to 2200, or "'25".
    func year(_ i: Int) -> Int? {
        guard case .numeric(let n) = lx(i) else { return nil }
        if let short = n.shortYear { return short }
        guard let y = n.integer, (1900...2200).contains(y), raw(i).utf8.count == 4 else { return nil }
        return y
    }

    func isMeridiem(_ i: Int) -> Bool {
        if case .meridiem = lx(i) { return true }
        return false
    }

    func month(_ i: Int) -> Int? {
        if case .month(let m, _) = lx(i) { return m }
        return nil
    }

    func weekday(_ i: Int) -> (Weekday, WeekdayForm)? {
        if case .weekday(let d, let form) = lx(i) { return (d, form) }
        return nil
    }

    func relative(_ i: Int) -> (Relative, end: Int)? {
        switch kw(i) {
        case .this?:
            if isKW(i + 1, .past) { return (.last, i + 2) }
            if isKW(i + 1, .coming) { return (.next, i + 2) }
            return (.this, i + 1)
        case .current?: return (.this, i + 1)
        case .last?, .past?, .previous?, .prior?, .preceding?: return (.last, i + 1)
        case .next?, .coming?, .following?: return (.next, i + 1)
        default: return nil
        }
    }

    // MARK: - Dates

    func nearest(_ weekday: Weekday, before date: CalendarDate) -> CalendarDate {
        let back = (date.weekday.rawValue - weekday.rawValue + 7) % 7
        return date.adding(days: -(back == 0 ? 7 : back))
    }

    func nearest(_ weekday: Weekday, after date: CalendarDate) -> CalendarDate {
        let ahead = (weekday.rawValue - date.weekday.rawValue + 7) % 7
        return date.adding(days: ahead == 0 ? 7 : ahead)
    }

    func monthPeriod(year: Int, month: Int) -> Period {
        let first = CalendarDate(year: year, month: month, day: 1)!
        return Period(first, first.lastOfMonth)
    }

    /// A month and day with no year is the most recent past one (or the next, for reminders).
    func resolve(month: Int, day: Int, year: Int?) -> CalendarDate? {
        if let year { return CalendarDate(year: year, month: month, day: day) }
        guard CalendarDate(year: 2000, month: month, day: day) != nil else { return nil }
        // Feb 29 may be up to eight years away, so look a few years in the leaning direction.
        let step = leaning == .past ? -1 : 1
        for offset in 0...8 {
            guard let date = CalendarDate(year: today.year + step * offset, month: month, day: day) else { continue }
            if leaning == .past ? date <= today : date >= today { return date }
        }
        return nil
    }

    /// The year in which `make` gives the most recent result starting on or before today (or, for
    /// reminders, the first ending on or after today).
    func floating(_ make: (Int) -> Period?) -> Period? {
        let step = leaning == .past ? -1 : 1
        for offset in 0...2 {
            guard let p = make(today.year + step * offset) else { continue }
            if leaning == .past ? p.start <= today : p.end >= today { return p }
        }
        return nil
    }

    /// Monday of the week `offset` weeks from this one.
    func monday(_ offset: Int) -> CalendarDate { today.startOfWeek.adding(days: 7 * offset) }

    /// The whole calendar week, month, quarter, year or decade `offset` from this one; this one
    /// runs from its first day through today.
    func calendar(_ unit: TimeUnit, _ offset: Int) -> Period? {
        let first: CalendarDate, last: CalendarDate
        switch unit {
        case .week:
            first = monday(offset)
            last = first.adding(days: 6)
        case .month:
            first = today.firstOfMonth.adding(months: offset)
            last = first.lastOfMonth
        case .quarter:
            first = CalendarDate(year: today.year, month: (today.month - 1) / 3 * 3 + 1, day: 1)!.adding(months: 3 * offset)
            last = first.adding(months: 3).adding(days: -1)
        case .year:
            first = CalendarDate(year: today.year + offset, month: 1, day: 1)!
            last = CalendarDate(year: first.year, month: 12, day: 31)!
        case .decade:
            let start = today.year - ((today.year % 10) + 10) % 10 + 10 * offset
            first = CalendarDate(year: start, month: 1, day: 1)!
            last = CalendarDate(year: start + 9, month: 12, day: 31)!
        default:
            return nil
        }
        return offset == 0 ? Period(first, today) : Period(first, last)
    }

    /// The days of a part of a period: early, mid, late or end of a week, month or year.
    func part(_ part: PeriodPart, of period: Period, unit: TimeUnit) -> Period {
        let first = period.start
        switch unit {
        case .week:
            // Monday–Wednesday, Tuesday–Thursday, Thursday–Sunday, Friday–Sunday.
            let (from, to) = [(0, 2), (1, 3), (3, 6), (4, 6)][Int(part.rawValue)]
            return Period(first.adding(days: from), first.adding(days: to))
        case .month:
            switch part {
            case .early: return Period(first, first.adding(days: 9))
            case .mid: return Period(first.adding(days: 10), first.adding(days: 19))
            case .late, .end: return Period(first.adding(days: 20), first.lastOfMonth)
            }
        default:
            let y = first.year
            switch part {
            case .early: return Period(CalendarDate(year: y, month: 1, day: 1)!, CalendarDate(year: y, month: 4, day: 30)!)
            case .mid: return Period(CalendarDate(year: y, month: 5, day: 1)!, CalendarDate(year: y, month: 8, day: 31)!)
            case .late, .end: return Period(CalendarDate(year: y, month: 9, day: 1)!, CalendarDate(year: y, month: 12, day: 31)!)
            }
        }
    }

    /// The most recent Saturday–Sunday before today (the coming one, `ahead`).
    func weekend(ahead: Bool) -> Period {
        if today.weekday == .sunday { return Period(today.adding(days: -1), today) }
        if today.weekday == .saturday { return Period(today, today.adding(days: 1)) }
        let saturday = ahead ? nearest(.saturday, after: today) : nearest(.saturday, before: today)
        return Period(saturday, saturday.adding(days: 1))
    }

    func season(_ season: Season, year: Int) -> Period {
        let first = CalendarDate(year: year, month: season.firstMonth, day: 1)!
        return Period(first, first.adding(months: 3).adding(days: -1))
    }

    // MARK: - Expressions

    /// Every reading at the first word, in order of preference (a later reading of the same
    /// length as an earlier one is dropped).
    func readings() -> [TimeReading] {
        var out: [TimeReading] = []
        switch kw(0) {
        case .since?:
            out += since(1)
        case .ever? where isKW(1, .since):
            out += since(2)
        case .from?:
            out += range(1, between: false)
        case .between?:
            out += range(1, between: true)
        case .after?:
            // "after 4 days"
            if let (span, end) = span(1) { out.append(TimeReading(end, .day(span.forward(from: today)), .unitsFromNow)) }
        case .of? where isKW(1, .late):
            out.append(TimeReading(2, .period(Period(today.adding(days: -30), today)), .recently))
        default:
            break
        }
        if let hedge = kw(0) {
            switch hedge {
            case .around, .approximately, .roughly, .circa:
                out += core(1, prep: .around)
            case .about, .just, .some, .nearly, .almost:
                out += core(1, prep: nil).filter {
                    switch $0.rule {
                    case .unitsAgo, .unitsAgoRange, .unitsFromNow, .unitsFromDay: return true
                    case .today: return hedge == .just
                    default: return false
                    }
                }
            default:
                break
            }
            switch hedge {
            case .on, .in, .during, .over, .at, .by, .for, .of, .from, .throughout, .within:
                out += prepositional(hedge)
            default:
                break
            }
        }
        out += core(0, prep: nil)
        return out
    }

    /// "since October", "since last week", "since Monday", "since 2014": from then through today.
    /// "since 3 weeks" is how French, German, Spanish and Italian speakers say "for 3 weeks"
    /// (depuis, seit, desde, da): the past 3 weeks, as "for 3 weeks" reads.
    func since(_ i: Int) -> [TimeReading] {
        var past = self
        past.leaning = .past
        var spans: [TimeReading] = []
        if let (span, end) = past.span(i) {
            spans.append(TimeReading(end, .period(Period(span.back(from: today), today)), .pastUnits))
        }
        return spans + past.core(i, prep: .since).compactMap { reading in
            let start = reading.value.period.start
            guard start <= today else { return nil }
            var since = reading
            since.value = .period(Period(start, today))
            since.outer = .since
            return since
        }
    }

    /// "from Monday to Wednesday", "between Nov 3 and Nov 10", "from July 13 to 15",
    /// "from 13 to 15 July", "from 2016 to 2018".
    func range(_ i: Int, between: Bool) -> [TimeReading] {
        func closes(_ k: Int) -> Bool {
            switch kw(k) {
            case .and?: return between
            case .to?, .until?, .till?, .through?, .dash?: return !between
            default: return false
            }
        }
        var out: [TimeReading] = []
        var firsts = core(i, prep: .from)
        // A bare day number first: "from 13 to 15 july".
        if case .numeric(let n) = lx(i), let day = n.dayNumber, closes(i + 1) {
            for last in core(i + 2, prep: .to) {
                guard last.rule == .explicitDate, let end = last.day,
                      let start = CalendarDate(year: end.year, month: end.month, day: day), start <= end else { continue }
                var reading = last
                reading.value = .period(Period(start, end))
                reading.outer = .range
                out.append(reading)
            }
        }
        firsts.sort { $0.end > $1.end }
        for first in firsts {
            guard closes(first.end) else { continue }
            let j = first.end + 1
            var lasts = core(j, prep: .to)
            // A bare day number last: "from july 13 to 15".
            if let start = first.day, first.rule == .explicitDate, case .numeric(let n) = lx(j), let day = n.dayNumber,
               let end = CalendarDate(year: start.year, month: start.month, day: day), end >= start {
                lasts.append(TimeReading(j + 1, .day(end), .explicitDate))
            }
            for last in lasts {
                let from = first.value.period
                var to = last.value.period
                if to.end < from.start {
                    // "from friday to monday": the second after the first.
                    switch last.rule {
                    case .weekday: to = Period(to.start.adding(days: 7), to.end.adding(days: 7))
                    case .explicitDate, .month, .holiday, .season, .dayOfMonth, .nthOfMonth:
                        to = Period(to.start.adding(years: 1), to.end.adding(years: 1))
                    default: break
                    }
                }
                var reading = last
                reading.value = .period(Period(from.start, max(from.start, to.end)))
                reading.rule = first.rule
                reading.outer = .range
                out.append(reading)
            }
        }
        return out
    }

    /// "in 3 weeks" (a run of the last 3 weeks, or the day 3 weeks on for a reminder), "for a
    /// month", and any expression after a preposition: "on Monday", "in October", "over the weekend".
    func prepositional(_ prep: Keyword) -> [TimeReading] {
        var out: [TimeReading] = []
        switch prep {
        case .in, .over, .during, .within, .for, .throughout:
            if let (low, high, end) = spanRange(1) {
                out.append(leaning == .future
                    ? TimeReading(end, .period(Period(low.forward(from: today), high.forward(from: today))), .unitsFromNow)
                    : TimeReading(end, .period(Period(high.back(from: today), today)), .pastUnits))
            }
            if let (span, end) = span(1) {
                var end = end
                // "in 3 days' time"
                if prep == .in, isKW(end, .possessive), isKW(end + 1, .time) { end += 2 }
                out.append(leaning == .future
                    ? TimeReading(end, .day(span.forward(from: today)), .unitsFromNow)
                    : TimeReading(end, .period(Period(span.back(from: today), today)), .pastUnits))
            }
            // "in the morning": for a reminder, tomorrow's.
            if prep == .in, isKW(1, .the), isPartOfDay(2) {
                out.append(TimeReading(3, .day(leaning == .future && isKW(2, .morning) ? today.adding(days: 1) : today), .today))
            }
            // "in recent weeks"
            if prep == .in, isKW(1, .recent), unit(2) != nil {
                out.append(TimeReading(3, .period(Period(today.adding(days: -30), today)), .recently))
            }
        default:
            break
        }
        out += core(1, prep: prep)
        return out
    }

    /// Every reading of a date or period at `i`. `prep` is the word before it, if any: a month,
    /// season or short weekday alone is a date only after one ("in may", not "may").
    func core(_ i: Int, prep: Keyword?) -> [TimeReading] {
        var out: [TimeReading] = []
        func add(_ r: TimeReading?) { if let r { out.append(r) } }
        switch lx(i) {
        case .word(let k):
            switch k {
            case .today, .tonight:
                add(TimeReading(i + 1, .day(today), .today))
            case .now:
                // "now - 1 day", "now + 1 day"
                if isKW(i + 1, .plus) || isKW(i + 1, .dash), let (span, end) = span(i + 2) {
                    add(isKW(i + 1, .plus) ? TimeReading(end, .day(span.forward(from: today)), .unitsFromNow)
                                           : TimeReading(end, .day(span.back(from: today)), .unitsAgo))
                }
                add(TimeReading(i + 1, .day(today), .today))
            case .recently, .lately:
                add(TimeReading(i + 1, .period(Period(today.adding(days: -30), today)), .recently))
            case .right where isKW(i + 1, .now):
                add(TimeReading(i + 2, .day(today), .today))
            case .yesterday:
                add(TimeReading(i + 1, .day(today.adding(days: -1)), .yesterday))
            case .tomorrow:
                add(TimeReading(i + 1, .day(today.adding(days: 1)), .tomorrow))
            case .the:
                out += theForms(i + 1, prep: prep)
            case .this, .last, .past, .previous, .prior, .preceding, .next, .coming, .following, .current:
                out += relativeForms(i)
            case .earlier, .later:
                add(earlierOrLater(i))
            case .beginning, .start, .early, .mid, .middle, .end, .late:
                add(partForms(i))
            case .first:
                add(firstThing(i))
                out += ordinalForms(i, prep: prep)
            case .half, .a:
                out += amountForms(i)
            case .day:
                add(dayBeforeOrAfter(i))
            case .noon, .midnight:
                out += timeFirst(i, prep: prep)
            case .eod, .eow, .eom, .eoy:
                add(endOf(k, i + 1))
            case .same:
                add(sameTime(i))
            case .so where isKW(i + 1, .far):
                // "so far this year" is this year.
                if case .this? = relative(i + 2)?.0, let u = unit(i + 3), let p = calendar(u, 0) {
                    add(TimeReading(i + 4, .period(p), .calendarPeriod))
                }
            default:
                break
            }
        case .count:
            out += amountForms(i)
        case .ordinal:
            out += ordinalForms(i, prep: prep)
        case .unit(let u):
            add(periodBeforeLast(u, i + 1))
        case .weekday:
            out += weekdayForms(i, relative: nil, prep: prep)
        case .month:
            out += monthForms(i, relative: nil, prep: prep)
        case .partOfMonth(let part, let m):
            add(partOfMonth(part, m, i + 1, rule: .partOfPeriod))
        case .season:
            add(seasonForms(i, relative: nil, prep: prep))
        case .holiday:
            add(holidayForms(i, relative: nil))
        case .quarterName(let q):
            add(quarterForms(q, i + 1))
        case .numeric(let n):
            out += numericForms(i, n, prep: prep)
        case .meridiem, .unknown, .holidayPart, .decade:
            break
        }
        // A time of day after a day: "yesterday at 4:25 pm", "friday night", "tomorrow first thing".
        let days = out.count
        for index in 0..<days where out[index].day != nil && out[index].outer == nil {
            if let end = timeSuffix(out[index].end) {
                var timed = out[index]
                timed.end = end
                timed.timed = true
                out.append(timed)
            }
        }
        return out
    }

    // MARK: - Forms after "the"

    /// "the day before yesterday", "the 3rd", "the weekend", "the past week", "the week before
    /// last", "the end of the month", "the first monday of april", "the summer".
    func theForms(_ i: Int, prep: Keyword?) -> [TimeReading] {
        var out: [TimeReading] = []
        func add(_ r: TimeReading?) { if let r { out.append(r) } }
        switch lx(i) {
        case .word(.day):
            add(dayBeforeOrAfter(i))
        case .word(.weekend):
            add(weekendForms(i + 1, relative: nil))
        case .word(.beginning), .word(.start), .word(.middle), .word(.end), .word(.early), .word(.late):
            add(partForms(i))
        case .word(.past), .word(.last), .word(.previous), .word(.prior), .word(.preceding), .word(.next),
             .word(.coming), .word(.following), .word(.current), .word(.this):
            out += relativeForms(i, afterThe: true)
        case .word(.same), .word(.first), .ordinal, .numeric:
            if isKW(i, .same) { add(sameTime(i)) }
            if case .numeric(let n) = lx(i), let start = n.decade { add(decadeReading(start, i + 1)) }
            out += ordinalForms(i, prep: .the)
        case .unit(let u):
            add(periodBeforeLast(u, i + 1))
        case .season:
            add(seasonForms(i, relative: nil, prep: .the))
        case .weekday(let day, let form) where form != .plural:
            out += weekdayNear(day, i + 1)
        case .word(.ides):
            // "the ides of march": the 15th of March, May, July and October, the 13th of the others.
            if isKW(i + 1, .of), let m = month(i + 2),
               let date = resolve(month: m, day: m == 3 || m == 5 || m == 7 || m == 10 ? 15 : 13, year: year(i + 3)) {
                add(TimeReading(year(i + 3) == nil ? i + 3 : i + 4, .day(date), .explicitDate))
            }
        case .decade(let start):
            add(decadeReading(start, i + 1))
        case .holiday:
            add(holidayForms(i, relative: nil))
        default:
            break
        }
        return out
    }

    /// "the 2000s", "the nineties".
    func decadeReading(_ start: Int, _ end: Int) -> TimeReading {
        TimeReading(end, .period(Period(CalendarDate(year: start, month: 1, day: 1)!,
                                        CalendarDate(year: start + 9, month: 12, day: 31)!)), .decade)
    }

    // MARK: - this / last / next

    /// "last week", "this past friday", "next month", "last november", "last summer", "last
    /// christmas", "the past 3 weeks", "previous 3 months", "last night", "this morning".
    func relativeForms(_ i: Int, afterThe: Bool = false) -> [TimeReading] {
        var out: [TimeReading] = []
        func add(_ r: TimeReading?) { if let r { out.append(r) } }
        guard let (which, j) = relative(i) else { return [] }
        let word = kw(i)!
        // "the last friday of march", "last day of february", "the last week of september"
        if word == .last, isKW(j + 1, .of) || isKW(j + 1, .in), let r = nthOfMonth(-1, j) { add(r) }
        // Runs: "the past 3 weeks", "last 2 days", "previous 3 months", "the next 3 days",
        // "this past week", "the past week", "the last week" (seven days, not the calendar week).
        var k = j
        var amount: Span?
        if let (span, end) = span(k), which != .this {
            amount = span
            k = end
        } else if let u = unit(k), word == .past || (afterThe && word == .last) || (word == .this && which == .last)
                    // A fortnight is no calendar period: "next fortnight", "the last fortnight" are runs.
                    || (u == .fortnight && which != .this) {
            amount = Span(1, u)
            k += 1
        }
        if let amount {
            if which == .next {
                add(TimeReading(k, .period(Period(today, amount.forward(from: today))), .nextUnits))
            } else if which == .last {
                add(TimeReading(k, .period(Period(amount.back(from: today), today)), .pastUnits))
            }
        }
        let offset = which == .last ? -1 : which == .next ? 1 : 0
        switch lx(j) {
        case .unit(let u):
            guard let p = calendar(u, offset) else { break }
            if u == .week, let (day, end) = weekdayAfterWeek(j + 1) {
                add(TimeReading(end, .day(p.start.adding(days: day.rawValue)), .weekdayOfWeek))
            }
            // "last week between friday and sunday"
            if u == .week, isKW(j + 1, .between), let (a, _) = weekday(j + 2), isKW(j + 3, .and), let (b, _) = weekday(j + 4) {
                add(TimeReading(j + 5, .period(Period(p.start.adding(days: a.rawValue), p.start.adding(days: b.rawValue))),
                                .weekdayOfWeek))
            }
            add(TimeReading(j + 1, .period(p), .calendarPeriod))
        case .word(.weekend):
            add(weekendForms(j + 1, relative: which))
        case .word(.season):
            add(seasonOfYear(which, j + 1))
        case .ordinal, .numeric:
            // "next 6th of april": the date's next occurrence.
            if which == .next {
                var ahead = self
                ahead.leaning = .future
                out += ahead.core(j, prep: nil).filter { $0.rule == .explicitDate && $0.outer == nil }
            }
        case .word(.night) where word == .last:
            add(TimeReading(j + 1, .day(today.adding(days: -1)), .yesterday))
        case .word(.morning), .word(.afternoon), .word(.evening), .word(.night):
            if which == .this { add(TimeReading(j + 1, .day(today), .today)) }
        case .word(.time) where which == .this:
            add(sameTime(i))
        case .weekday:
            out += weekdayForms(j, relative: which, prep: nil)
        case .month:
            out += monthForms(j, relative: which, prep: nil)
        case .season:
            add(seasonForms(j, relative: which, prep: nil))
        case .holiday:
            add(holidayForms(j, relative: which))
        default:
            break
        }
        return out
    }

    /// "week before last", "the month after next".
    func periodBeforeLast(_ unit: TimeUnit, _ j: Int) -> TimeReading? {
        if isKW(j, .before), isKW(j + 1, .last), let p = calendar(unit, -2) {
            return TimeReading(j + 2, .period(p), .periodBeforeLast)
        }
        if isKW(j, .after), isKW(j + 1, .next), let p = calendar(unit, 2) {
            return TimeReading(j + 2, .period(p), .periodBeforeLast)
        }
        return nil
    }

    /// A weekday after "last week": "last week tuesday", "last week's tuesday", "last week on tuesday".
    func weekdayAfterWeek(_ j: Int) -> (Weekday, Int)? {
        var k = j
        if isKW(k, .possessive) || isKW(k, .on) { k += 1 }
        if let (day, form) = weekday(k), form != .plural { return (day, k + 1) }
        return nil
    }

    /// "the weekend", "last weekend", "this past weekend", "next weekend", "the weekend before last".
    func weekendForms(_ j: Int, relative which: Relative?) -> TimeReading? {
        var p: Period
        switch which {
        case .last?: p = weekend(ahead: false)
        case .next?:
            let saturday = monday(1).adding(days: 5)
            p = Period(saturday, saturday.adding(days: 1))
        case .this?, nil: p = weekend(ahead: leaning == .future)
        }
        if which != .next, isKW(j, .before), isKW(j + 1, .last) {
            return TimeReading(j + 2, .period(Period(p.start.adding(days: -7), p.end.adding(days: -7))), .weekend)
        }
        if which != .last, isKW(j, .after), isKW(j + 1, .next) {
            let ahead = which == .next ? p : weekend(ahead: true)
            return TimeReading(j + 2, .period(Period(ahead.start.adding(days: 7), ahead.end.adding(days: 7))), .weekend)
        }
        return TimeReading(j, .period(p), .weekend)
    }

    /// "earlier this week" (its first day through yesterday), "later this month" (tomorrow
    /// through its last day), "earlier today".
    func earlierOrLater(_ i: Int) -> TimeReading? {
        let earlier = isKW(i, .earlier)
        switch kw(i + 1) {
        case .today?, .tonight?:
            return TimeReading(i + 2, .day(today), .today)
        case .this? where isPartOfDay(i + 2):
            return TimeReading(i + 3, .day(today), .today)
        default:
            break
        }
        var j = i + 1
        if isKW(j, .in), isKW(j + 1, .the) {
            j += 2
        } else if isKW(j, .this) {
            j += 1
        } else {
            return nil
        }
        guard let u = unit(j), u == .week || u == .month || u == .year || u == .quarter, let p = calendar(u, 0),
              let whole = calendar(u, 1).map({ Period(p.start, $0.start.adding(days: -1)) }) else { return nil }
        if earlier {
            let yesterday = today.adding(days: -1)
            guard yesterday >= p.start else { return nil }
            return TimeReading(j + 1, .period(Period(p.start, yesterday)), .earlierThisPeriod)
        }
        let tomorrow = today.adding(days: 1)
        guard tomorrow <= whole.end else { return nil }
        return TimeReading(j + 1, .period(Period(tomorrow, whole.end)), .laterThisPeriod)
    }

    /// "beginning of last week", "the end of the month", "late last month", "early may", "mid
    /// 2025", "end of day", "late last night".
    func partForms(_ i: Int) -> TimeReading? {
        let part: PeriodPart
        switch kw(i) {
        case .beginning?, .start?, .early?: part = .early
        case .mid?, .middle?: part = .mid
        case .late?: part = .late
        case .end?: part = .end
        default: return nil
        }
        var j = i + 1
        if isKW(j, .of) { j += 1 }
        var sawThe = false
        if isKW(j, .the) {
            j += 1
            sawThe = true
        }
        switch lx(j) {
        case .word(.day) where part == .end:
            return TimeReading(j + 1, .day(today), .partOfPeriod)
        case .word(.today), .word(.tonight):
            return TimeReading(j + 1, .day(today), .partOfPeriod)
        case .word(.tomorrow):
            return TimeReading(j + 1, .day(today.adding(days: 1)), .partOfPeriod)
        case .word(.yesterday):
            return TimeReading(j + 1, .day(today.adding(days: -1)), .partOfPeriod)
        case .word(.last) where isKW(j + 1, .night):
            return TimeReading(j + 2, .day(today.adding(days: -1)), .yesterday)
        case .word(.this) where isPartOfDay(j + 1):
            return TimeReading(j + 2, .day(today), .today)
        case .unit(let u) where sawThe:
            guard let p = whole(u, 0) else { return nil }
            return partReading(part, p, u, j + 1)
        case .word:
            guard let (which, k) = relative(j), let u = unit(k), let p = whole(u, which == .last ? -1 : which == .next ? 1 : 0)
            else { return nil }
            return partReading(part, p, u, k + 1)
        case .month(let m, _):
            return partOfMonth(part, m, j + 1, rule: .partOfPeriod)
        case .numeric:
            guard let y = year(j) else { return nil }
            let p = Period(CalendarDate(year: y, month: 1, day: 1)!, CalendarDate(year: y, month: 12, day: 31)!)
            return partReading(part, p, .year, j + 1)
        default:
            return nil
        }
    }

    /// The whole calendar period (this one to its last day, not through today).
    func whole(_ unit: TimeUnit, _ offset: Int) -> Period? {
        guard unit == .week || unit == .month || unit == .year, let p = calendar(unit, offset) else { return nil }
        if offset != 0 { return p }
        return calendar(unit, 1).map { Period(p.start, $0.start.adding(days: -1)) }
    }

    func partReading(_ part: PeriodPart, _ p: Period, _ unit: TimeUnit, _ end: Int) -> TimeReading {
        // A reminder "by the end of the month" is due on its last working day.
        if part == .end, leaning == .future, unit == .month || unit == .year {
            return TimeReading(end, .day(lastWorkingDay(p.end)), .partOfPeriod)
        }
        return TimeReading(end, .period(clipped(self.part(part, of: p, unit: unit))), .partOfPeriod)
    }

    /// A period in the past that runs on past today ends today ("beginning of this week" on a
    /// Tuesday is Monday–Tuesday).
    func clipped(_ p: Period) -> Period {
        leaning == .past && p.contains(today) ? Period(p.start, today) : p
    }

    /// Friday for a weekend day, else the day itself.
    func lastWorkingDay(_ date: CalendarDate) -> CalendarDate {
        switch date.weekday {
        case .saturday: return date.adding(days: -1)
        case .sunday: return date.adding(days: -2)
        default: return date
        }
    }

    /// "early may", "mid-march", "the end of november 2025".
    func partOfMonth(_ part: PeriodPart, _ m: Int, _ j: Int, rule: TimeRule) -> TimeReading? {
        if let y = year(j) {
            return partReading(part, monthPeriod(year: y, month: m), .month, j + 1)
        }
        guard let p = floating({ self.part(part, of: monthPeriod(year: $0, month: m), unit: .month) }) else { return nil }
        if part == .end, leaning == .future { return TimeReading(j, .day(lastWorkingDay(p.end)), rule) }
        return TimeReading(j, .period(clipped(p)), rule)
    }

    /// "eod", "eow", "eom", "eoy": the last day of this day, working week, month or year.
    func endOf(_ k: Keyword, _ end: Int) -> TimeReading? {
        switch k {
        case .eod: return TimeReading(end, .day(today), .partOfPeriod)
        case .eow: return TimeReading(end, .day(max(today, monday(0).adding(days: 4))), .partOfPeriod)
        case .eom: return TimeReading(end, .day(max(today, lastWorkingDay(today.lastOfMonth))), .partOfPeriod)
        default:
            return TimeReading(end, .day(max(today, lastWorkingDay(CalendarDate(year: today.year, month: 12, day: 31)!))),
                               .partOfPeriod)
        }
    }

    /// "this time last year", "same time last week", "this time next week": that day.
    func sameTime(_ i: Int) -> TimeReading? {
        guard isKW(i, .this) || isKW(i, .same), isKW(i + 1, .time), let (which, k) = relative(i + 2), which != .this,
              let u = unit(k) else { return nil }
        let span = Span(1, u)
        return TimeReading(k + 1, .day(which == .last ? span.back(from: today) : span.forward(from: today)), .sameTime)
    }

    // MARK: - Amounts

    /// One amount of one unit: "3 days", "a couple of weeks", "a fortnight", "half a year",
    /// "two and a half years", "a year and a half".
    func spanOne(_ i: Int) -> (span: Span, unit: TimeUnit, count: Int, end: Int)? {
        var j = i
        var n: Int
        var half = false
        switch lx(j) {
        case .word(.a):
            if case .count(let c) = lx(j + 1), c == 2 || c == 3 || c == 12 {
                n = c
                j += 2
                if isKW(j, .of) { j += 1 }
            } else {
                n = 1
                j += 1
            }
        case .count(let c):
            n = c
            j += 1
            if isKW(j, .of) { j += 1 }
        case .numeric(let x):
            if let amount = x.amount { return (Span(amount.count, amount.unit), amount.unit, amount.count, j + 1) }
            guard let value = x.integer else { return nil }
            n = value
            j += 1
        case .word(.half):
            j += 1
            if isKW(j, .a) { j += 1 }
            n = 0
            half = true
        default:
            return nil
        }
        if !half, isKW(j, .and), isKW(j + 1, .a), isKW(j + 2, .half) {
            half = true
            j += 3
        }
        guard let u = unit(j) else { return nil }
        j += 1
        if !half, isKW(j, .and), isKW(j + 1, .a), isKW(j + 2, .half) {
            half = true
            j += 3
        }
        return (Span(n, u, half: half), u, n, j)
    }

    /// Amounts added up: "1 month 21 days", "2 weeks and 3 days", "1 year, 2 months".
    func span(_ i: Int) -> (Span, Int)? {
        guard let first = spanOne(i) else { return nil }
        var total = first.span
        var end = first.end
        while true {
            var k = end
            if isKW(k, .and) { k += 1 }
            guard let more = spanOne(k) else { break }
            total = total + more.span
            end = more.end
        }
        // "a month or so"
        if isKW(end, .or), isKW(end + 1, .so) { end += 2 }
        return (total, end)
    }

    /// Two amounts: "2 or 3 days", "2 to 4 months", "2-3 weeks", "a week or two", "one or two weeks".
    func spanRange(_ i: Int) -> (low: Span, high: Span, end: Int)? {
        if case .numeric(let n) = lx(i), let r = n.range, let u = unit(i + 1) {
            return (Span(r.low, u), Span(r.high, u), i + 2)
        }
        if let a = count(i), isKW(i + 1, .or) || isKW(i + 1, .to) || isKW(i + 1, .dash), let b = count(i + 2), !isKW(i + 2, .a),
           let u = unit(i + 3) {
            return (Span(min(a, b), u), Span(max(a, b), u), i + 4)
        }
        if let one = spanOne(i), isKW(one.end, .or), let b = count(one.end + 1), !isKW(one.end + 1, .a), b > one.count {
            var end = one.end + 2
            if unit(end) == one.unit { end += 1 }
            return (one.span, Span(b, one.unit), end)
        }
        return nil
    }

    /// Forms that start with an amount: "3 days ago", "a couple of weeks back", "2 or 3 days
    /// ago", "2 weeks from now", "a week from today", "2 days before yesterday", "2 tuesdays back".
    func amountForms(_ i: Int) -> [TimeReading] {
        var out: [TimeReading] = []
        // "2 tuesdays back", "two fridays ago", "2 mondays from now"
        if let n = count(i), n >= 1, let (day, _) = weekday(i + 1) {
            if isKW(i + 2, .ago) || isKW(i + 2, .back) {
                out.append(TimeReading(i + 3, .day(nearest(day, before: today).adding(days: -7 * (n - 1))), .weekdayBeforeLast))
            } else if isKW(i + 2, .from), isKW(i + 3, .now) {
                out.append(TimeReading(i + 4, .day(nearest(day, after: today).adding(days: 7 * (n - 1))), .weekdayBeforeLast))
            }
        }
        // "10 previous weeks"
        if let n = count(i), !isKW(i, .a), isKW(i + 1, .previous) || isKW(i + 1, .past) || isKW(i + 1, .last),
           let u = unit(i + 2) {
            out.append(TimeReading(i + 3, .period(Period(Span(n, u).back(from: today), today)), .pastUnits))
        }
        // "2 weekends ago", "2 weekends from now"
        if let n = count(i), n >= 1, isKW(i + 1, .weekends) || (n == 1 && isKW(i + 1, .weekend)) {
            if isKW(i + 2, .ago) || isKW(i + 2, .back) {
                let p = weekend(ahead: false)
                out.append(TimeReading(i + 3, .period(Period(p.start.adding(days: -7 * (n - 1)), p.end.adding(days: -7 * (n - 1)))),
                                       .weekend))
            } else if isKW(i + 2, .from), isKW(i + 3, .now) {
                let p = weekend(ahead: true)
                out.append(TimeReading(i + 4, .period(Period(p.start.adding(days: 7 * (n - 1)), p.end.adding(days: 7 * (n - 1)))),
                                       .weekend))
            }
        }
        // "3 christmases ago"
        if let n = count(i), n >= 1, case .holidayPart = lx(i + 1), let holiday = Holiday.plurals[raw(i + 1)],
           isKW(i + 2, .ago) || isKW(i + 2, .back) {
            let thisYear = holiday.date(in: today.year)
            let latest = thisYear <= today ? today.year : today.year - 1
            out.append(TimeReading(i + 3, .day(holiday.date(in: latest - (n - 1))), .holiday))
        }
        if let (low, high, end) = spanRange(i) {
            if isKW(end, .ago) || isKW(end, .back) {
                out.append(TimeReading(end + 1, .period(Period(high.back(from: today), low.back(from: today))), .unitsAgoRange))
            } else if isKW(end, .from), isKW(end + 1, .now) || isKW(end + 1, .today) {
                out.append(TimeReading(end + 2, .period(Period(low.forward(from: today), high.forward(from: today))), .unitsFromNow))
            }
        }
        guard let (span, j) = span(i) else { return out }
        switch kw(j) {
        case .ago?, .back?:
            var end = j + 1
            if isKW(end, .today) { end += 1 }
            out.append(TimeReading(end, .day(span.back(from: today)), .unitsAgo))
        case .hence?, .later?:
            out.append(TimeReading(j + 1, .day(span.forward(from: today)), .unitsFromNow))
        case .from? where isKW(j + 1, .now):
            out.append(TimeReading(j + 2, .day(span.forward(from: today)), .unitsFromNow))
        case .from?, .after?, .before?, .on?:
            // "a week from today", "2 days before yesterday", British "a week on tuesday".
            let forward = !isKW(j, .before)
            for reading in core(j + 1, prep: nil) where reading.outer == nil {
                guard let day = reading.day else { continue }
                out.append(TimeReading(reading.end, .day(forward ? span.forward(from: day) : span.back(from: day)),
                                       .unitsFromDay))
            }
        case .prior? where isKW(j + 1, .to):
            for reading in core(j + 2, prep: nil) where reading.outer == nil {
                guard let day = reading.day else { continue }
                out.append(TimeReading(reading.end, .day(span.back(from: day)), .unitsFromDay))
            }
        default:
            break
        }
        return out
    }

    /// "the day before yesterday", "day after tomorrow", "the day before christmas".
    func dayBeforeOrAfter(_ i: Int) -> TimeReading? {
        guard isKW(i, .day), isKW(i + 1, .before) || isKW(i + 1, .after) else { return nil }
        let step = isKW(i + 1, .before) ? -1 : 1
        let inner = core(i + 2, prep: nil).filter { $0.day != nil && !$0.timed }.max { $0.end < $1.end }
        guard let inner, let day = inner.day else { return nil }
        return TimeReading(inner.end, .day(day.adding(days: step)), .dayBeforeOrAfter)
    }

    // MARK: - Weekdays

    /// "friday", "last friday", "this past friday", "next friday", "friday of last week",
    /// "tuesday last week", "tuesday before last", "monday 2 weeks ago", "tuesday the 3rd".
    func weekdayForms(_ i: Int, relative which: Relative?, prep: Keyword?) -> [TimeReading] {
        guard let (day, form) = weekday(i), form != .plural else { return [] }
        var out: [TimeReading] = []
        let j = i + 1
        guard which == nil else {
            let date: CalendarDate
            switch which! {
            case .last:
                date = nearest(day, before: today)
            case .next:
                // That day of next week: on a Tuesday, "next friday" is ten days on, as chrono,
                // Duckling, natty and Recognizers read it.
                date = monday(1).adding(days: day.rawValue)
            case .this:
                date = monday(0).adding(days: day.rawValue)
            }
            return [TimeReading(j, .day(leaning == .future && which == .this && date < today ? date.adding(days: 7) : date),
                                .weekday)]
        }
        // A date after the weekday names the day: "tuesday the 3rd", "tue nov 3", "friday, march 6".
        let dates = core(j, prep: .on).filter {
            $0.outer == nil && !$0.timed && ($0.rule == .explicitDate || $0.rule == .dayOfMonth)
        }
        if let date = dates.max(by: { $0.end < $1.end }) { out.append(date) }
        // "friday of last week", "friday last week", "friday of the following week".
        var k = j
        if isKW(k, .of) { k += 1 }
        if isKW(k, .the) { k += 1 }
        if let (w, end) = relative(k), unit(end) == .week {
            let offset = w == .last ? -1 : w == .next ? 1 : 0
            out.append(TimeReading(end + 1, .day(monday(offset).adding(days: day.rawValue)), .weekdayOfWeek))
        }
        // "monday 2 weeks ago", "monday two weeks from now": that day of the week so far away.
        if let (span, end) = span(j), span.months == 0, span.days % 7 == 0 {
            if isKW(end, .ago) || isKW(end, .back) {
                let week = span.back(from: today).startOfWeek
                out.append(TimeReading(end + 1, .day(week.adding(days: day.rawValue)), .weekdayOfWeek))
            } else if isKW(end, .from), isKW(end + 1, .now) || isKW(end + 1, .today) {
                let week = span.forward(from: today).startOfWeek
                out.append(TimeReading(end + 2, .day(week.adding(days: day.rawValue)), .weekdayOfWeek))
            }
        }
        out += weekdayNear(day, j)
        // British "friday last", "monday next".
        if isKW(j, .last), unit(j + 1) == nil {
            out.append(TimeReading(j + 1, .day(nearest(day, before: today)), .weekday))
        }
        if isKW(j, .next), unit(j + 1) == nil {
            out.append(TimeReading(j + 1, .day(monday(1).adding(days: day.rawValue)), .weekday))
        }
        let date = leaning == .past ? nearest(day, before: today) : nearest(day, after: today)
        // "sun", "sat", "wed" are words too: a short form alone is a day only after a preposition
        // or before a time of day ("wed evening at 8:30").
        if form == .short && prep == nil {
            if let end = timeSuffix(j) {
                var timed = TimeReading(end, .day(date), .weekday)
                timed.timed = true
                out.append(timed)
            }
            return out
        }
        out.append(TimeReading(j, .day(date), .weekday))
        return out
    }

    /// After a weekday: "before last", "after next", "before may 25", "after christmas".
    func weekdayNear(_ day: Weekday, _ j: Int) -> [TimeReading] {
        if isKW(j, .before), isKW(j + 1, .last) {
            return [TimeReading(j + 2, .day(nearest(day, before: today).adding(days: -7)), .weekdayBeforeLast)]
        }
        if isKW(j, .after), isKW(j + 1, .next) {
            // That day of the week after next.
            return [TimeReading(j + 2, .day(monday(2).adding(days: day.rawValue)), .weekdayBeforeLast)]
        }
        guard isKW(j, .before) || isKW(j, .after) else { return [] }
        let before = isKW(j, .before)
        return core(j + 1, prep: nil).compactMap { reading in
            guard reading.outer == nil, !reading.timed, let anchor = reading.day else { return nil }
            return TimeReading(reading.end, .day(before ? nearest(day, before: anchor) : nearest(day, after: anchor)),
                               .weekdayNearDay)
        }
    }

    // MARK: - Months, seasons, holidays, quarters

    /// "nov 3", "november 3rd, 2025", "february the 15th", "may 2025", "may of last year", "in
    /// may", "last november", "this march", "july 13-15".
    func monthForms(_ i: Int, relative which: Relative?, prep: Keyword?) -> [TimeReading] {
        guard let m = month(i) else { return [] }
        let j = i + 1
        if let which {
            switch which {
            case .last:
                let y = m < today.month ? today.year : today.year - 1
                return [TimeReading(j, .period(monthPeriod(year: y, month: m)), .month)]
            case .next:
                let y = m > today.month ? today.year : today.year + 1
                return [TimeReading(j, .period(monthPeriod(year: y, month: m)), .month)]
            case .this:
                let p = monthPeriod(year: today.year, month: m)
                return [TimeReading(j, .period(p.contains(today) && leaning == .past ? Period(p.start, today) : p), .month)]
            }
        }
        // A day after the month: "nov 3", "march 3rd 2015", "february the 15th", "march first".
        // "september 3 years ago": that month of the year so far back.
        if let (y, end) = agoYear(j) {
            return [TimeReading(end, .period(monthPeriod(year: y, month: m)), .month)]
        }
        var k = j
        if isKW(k, .the), ordinal(k + 1) != nil { k += 1 }
        if let d = dayNumber(k) { return dates(month: m, day: d, k + 1) }
        // "jan 1,2010"
        if case .numeric(let n) = lx(j), let dy = n.dayYear {
            return CalendarDate(year: dy.year, month: m, day: dy.day).map { [TimeReading(j + 1, .day($0), .explicitDate)] } ?? []
        }
        // "july 13-15"
        if case .numeric(let n) = lx(j), let r = n.range, r.high <= 31 {
            let y = year(j + 1)
            let end = y == nil ? j + 1 : j + 2
            guard let p = floating({ year in
                guard let a = CalendarDate(year: y ?? year, month: m, day: r.low),
                      let b = CalendarDate(year: y ?? year, month: m, day: r.high) else { return nil }
                return Period(a, b)
            }) ?? (y.flatMap { y in
                CalendarDate(year: y, month: m, day: r.low).flatMap { a in
                    CalendarDate(year: y, month: m, day: r.high).map { Period(a, $0) } } })
            else { return [] }
            return [TimeReading(end, .period(p), .explicitDate)]
        }
        // A year after the month: "may 2025", "may of 2025", "may '25", "november of last year".
        var yk = j
        if isKW(yk, .of) { yk += 1 }
        if let y = year(yk) {
            return [TimeReading(yk + 1, .period(monthPeriod(year: y, month: m)), .month)]
        }
        if let (w, end) = relative(yk), unit(end) == .year {
            let y = today.year + (w == .last ? -1 : w == .next ? 1 : 0)
            return [TimeReading(end + 1, .period(monthPeriod(year: y, month: m)), .month)]
        }
        // A month alone is a date only where a preposition makes it one ("in may", not "may").
        guard let prep, prep != .the else { return [] }
        let y: Int
        if prep == .since || prep == .from {
            // The most recent one that has begun: "since march" on March 10 is from March 1.
            y = m <= today.month ? today.year : today.year - 1
        } else if leaning == .past {
            // The most recent whole one before this month.
            y = m < today.month ? today.year : today.year - 1
        } else {
            y = m >= today.month ? today.year : today.year + 1
        }
        return [TimeReading(j, .period(monthPeriod(year: y, month: m)), .month)]
    }

    /// "last season", "this season", "next season": the seasons around today's.
    func seasonOfYear(_ which: Relative, _ end: Int) -> TimeReading? {
        let all = (-1...1).flatMap { offset in
            [Season.spring, .summer, .autumn, .winter].map { season($0, year: today.year + offset) }
        }.sorted { $0.start < $1.start }
        guard let index = all.firstIndex(where: { $0.contains(today) }) else { return nil }
        switch which {
        case .last: return TimeReading(end, .period(all[index - 1]), .season)
        case .next: return TimeReading(end, .period(all[index + 1]), .season)
        case .this: return TimeReading(end, .period(clipped(all[index])), .season)
        }
    }

    /// "last summer", "this winter", "summer 2025", "the fall of 2024", "in spring".
    func seasonForms(_ i: Int, relative which: Relative?, prep: Keyword?) -> TimeReading? {
        guard case .season(let s, _) = lx(i) else { return nil }
        let j = i + 1
        var yk = j
        if isKW(yk, .of) { yk += 1 }
        if which == nil, let y = year(yk) {
            return TimeReading(yk + 1, .period(season(s, year: y)), .season)
        }
        if which == nil, let (w, end) = relative(yk), unit(end) == .year {
            let y = today.year + (w == .last ? -1 : w == .next ? 1 : 0)
            return TimeReading(end + 1, .period(season(s, year: s == .winter ? y - 1 : y)), .season)
        }
        // The occurrences around today: the one containing it, the last whole one, the next one.
        let candidates = (-2...1).map { season(s, year: today.year + $0) }
        let current = candidates.first { $0.contains(today) }
        let lastWhole = candidates.last { $0.end < today }!
        let next = candidates.first { $0.start > today }!
        switch which {
        case .last?:
            return TimeReading(j, .period(lastWhole), .season)
        case .next?:
            return TimeReading(j, .period(next), .season)
        case .this?:
            if let current { return TimeReading(j, .period(leaning == .past ? Period(current.start, today) : current), .season) }
            // "this winter" in March is the one just gone; "this summer" in March the coming one.
            if leaning == .past, lastWhole.end.year == today.year { return TimeReading(j, .period(lastWhole), .season) }
            return TimeReading(j, .period(next), .season)
        case nil:
            guard prep != nil else { return nil }
            if prep == .since { return TimeReading(j, .period(current ?? lastWhole), .season) }
            return TimeReading(j, .period(leaning == .past ? lastWhole : current ?? next), .season)
        }
    }

    /// "christmas", "last christmas", "easter 2025", "thanksgiving last year", "new year's day".
    func holidayForms(_ i: Int, relative which: Relative?) -> TimeReading? {
        guard case .holiday = lx(i) else { return nil }
        let first = raw(i)
        var found: (Holiday, Int)?
        for name in Holiday.names where name.words[0] == first {
            var matches = true
            for (offset, word) in name.words.enumerated().dropFirst() {
                if i + offset >= words.count || raw(i + offset) != word {
                    matches = false
                    break
                }
            }
            if matches {
                found = (name.holiday, i + name.words.count)
                break
            }
        }
        guard let (holiday, j) = found else { return nil }
        if which == nil {
            var yk = j
            if isKW(yk, .of) { yk += 1 }
            if let y = year(yk) { return holidayReading(holiday.date(in: y), yk + 1) }
            if let (w, end) = relative(yk), unit(end) == .year {
                let y = today.year + (w == .last ? -1 : w == .next ? 1 : 0)
                return holidayReading(holiday.date(in: y), end + 1)
            }
        }
        let thisYear = holiday.date(in: today.year)
        let date: CalendarDate
        switch which {
        case .last?: date = thisYear < today ? thisYear : holiday.date(in: today.year - 1)
        case .next?: date = thisYear > today ? thisYear : holiday.date(in: today.year + 1)
        case .this?: date = thisYear
        case nil:
            if leaning == .past {
                date = thisYear <= today ? thisYear : holiday.date(in: today.year - 1)
            } else {
                date = thisYear >= today ? thisYear : holiday.date(in: today.year + 1)
            }
        }
        return holidayReading(date, j)
    }

    /// The holiday, or its weekend: "labor day weekend" is Saturday through the Monday.
    func holidayReading(_ date: CalendarDate, _ end: Int) -> TimeReading {
        guard isKW(end, .weekend) else { return TimeReading(end, .day(date), .holiday) }
        let p: Period
        switch date.weekday {
        case .monday: p = Period(date.adding(days: -2), date)
        case .friday: p = Period(date, date.adding(days: 2))
        default:
            let saturday = date.startOfWeek.adding(days: 5)
            p = Period(saturday, saturday.adding(days: 1))
        }
        return TimeReading(end + 1, .period(p), .holiday)
    }

    func quarter(_ q: Int, year: Int) -> Period {
        let first = CalendarDate(year: year, month: 3 * (q - 1) + 1, day: 1)!
        return Period(first, first.adding(months: 3).adding(days: -1))
    }

    /// "q1", "q3 2025", "the third quarter of last year".
    func quarterForms(_ q: Int, _ j: Int) -> TimeReading? {
        guard (1...4).contains(q) else { return nil }
        var yk = j
        if isKW(yk, .of) { yk += 1 }
        if let y = year(yk) { return TimeReading(yk + 1, .period(quarter(q, year: y)), .quarter) }
        if let (w, end) = relative(yk), unit(end) == .year {
            return TimeReading(end + 1, .period(quarter(q, year: today.year + (w == .last ? -1 : w == .next ? 1 : 0))), .quarter)
        }
        guard let p = floating({ self.quarter(q, year: $0) }) else { return nil }
        return TimeReading(j, .period(clipped(p)), .quarter)
    }

    // MARK: - Ordinals and numbers

    /// A month named after "of"/"in": "march", "march 2025", "the month", "last month".
    /// Also without "of": "1st tuesday last november", "3rd thursday this november"; and "in 2
    /// months" (the month two months on).
    func monthAfter(_ j: Int) -> (make: (Int) -> Period?, fixed: Bool, end: Int)? {
        let sawOf = isKW(j, .of) || isKW(j, .in)
        var k = sawOf ? j + 1 : j
        if sawOf, let m = month(k) {
            if let y = year(k + 1) { return ({ _ in self.monthPeriod(year: y, month: m) }, true, k + 2) }
            return ({ self.monthPeriod(year: $0, month: m) }, false, k + 1)
        }
        var sawThe = false
        if sawOf, isKW(k, .the) {
            k += 1
            sawThe = true
        }
        if sawThe, unit(k) == .month, let p = whole(.month, 0) { return ({ _ in p }, true, k + 1) }
        if let (w, end) = relative(k) {
            if unit(end) == .month, let p = whole(.month, w == .last ? -1 : w == .next ? 1 : 0) {
                return ({ _ in p }, true, end + 1)
            }
            if month(end) != nil, let p = monthForms(end, relative: w, prep: nil).first {
                let whole = monthPeriod(year: p.value.period.start.year, month: p.value.period.start.month)
                return ({ _ in whole }, true, p.end)
            }
        }
        if isKW(j, .in), let (span, end) = span(k), span.days == 0, span.seconds == 0, span.months > 0 {
            let first = today.firstOfMonth.adding(months: span.months)
            return ({ _ in self.monthPeriod(year: first.year, month: first.month) }, true, end)
        }
        return nil
    }

    /// "the first monday of april", "the last friday of the month", "the second tuesday in may",
    /// "the last day of february", "the first week of october". `n` is -1 for "last".
    func nthOfMonth(_ n: Int, _ i: Int) -> TimeReading? {
        let make: (Period) -> Period?
        switch lx(i) {
        case .weekday(let day, let form) where form != .plural:
            make = { month in
                Holiday.nth(n, day, month: month.start.month, year: month.start.year).map { Period.day($0) }
            }
        case .word(.day):
            make = { month in
                if n < 0 { return .day(month.end) }
                return CalendarDate(year: month.start.year, month: month.start.month, day: n).map { Period.day($0) }
            }
        case .unit(.week):
            // The Monday–Sunday week holding the month's 1st (8th, 15th …) or its last day.
            make = { month in
                let anchor = n < 0 ? month.end : month.start.adding(days: 7 * (n - 1))
                guard anchor.month == month.start.month else { return nil }
                return Period(anchor.startOfWeek, anchor.startOfWeek.adding(days: 6))
            }
        default:
            return nil
        }
        guard let (monthOf, fixed, end) = monthAfter(i + 1) else { return nil }
        let p: Period?
        if fixed {
            p = monthOf(today.year).flatMap(make)
        } else {
            p = floating { year in monthOf(year).flatMap(make) }
        }
        guard let p else { return nil }
        return TimeReading(end, p.start == p.end ? .day(p.start) : .period(p), .nthOfMonth)
    }

    /// A month and day read, then perhaps a year: "3 november 2025", "nov 3 of 2024", "nov 3
    /// '25", "11 january 2 years ago"; without one, the nearest in the leaning direction.
    func dates(month m: Int, day d: Int, _ end: Int) -> [TimeReading] {
        var yearEnd = end
        if isKW(yearEnd, .of), year(yearEnd + 1) != nil { yearEnd += 1 }
        if let y = year(yearEnd) {
            return CalendarDate(year: y, month: m, day: d).map { [TimeReading(yearEnd + 1, .day($0), .explicitDate)] } ?? []
        }
        guard let date = resolve(month: m, day: d, year: nil) else { return [] }
        var out = [TimeReading(end, .day(date), .explicitDate)]
        if let (y, agoEnd) = agoYear(end), let back = CalendarDate(year: y, month: m, day: d) {
            out.append(TimeReading(agoEnd, .day(back), .explicitDate))
        }
        return out
    }

    /// "2 years ago" after a date or month said without a year: the year that far back.
    func agoYear(_ j: Int) -> (year: Int, end: Int)? {
        guard let (span, end) = span(j), isKW(end, .ago) || isKW(end, .back) else { return nil }
        return (span.back(from: today).year, end + 1)
    }

    /// Forms that start with an ordinal: "3rd of november", "the 3rd", "third of march", "the
    /// first monday of april", "the 3rd of last month", "the first quarter".
    func ordinalForms(_ i: Int, prep: Keyword?) -> [TimeReading] {
        guard let d = ordinal(i) else { return [] }
        var out: [TimeReading] = []
        if let r = nthOfMonth(d, i + 1) { out.append(r) }
        if unit(i + 1) == .quarter, let r = quarterForms(d, i + 2) { out.append(r) }
        var k = i + 1
        if isKW(k, .of) { k += 1 }
        if let m = month(k) { return out + dates(month: m, day: d, k + 1) }
        // "the second sunday": of this month.
        if prep == .the, case .weekday(let day, let form) = lx(i + 1), form != .plural,
           let date = Holiday.nth(d, day, month: today.month, year: today.year) {
            out.append(TimeReading(i + 2, .day(date), .nthOfMonth))
        }
        // "4th day last week", "the 12th day of last month"
        if isKW(i + 1, .day) {
            var k = i + 2
            if isKW(k, .of) { k += 1 }
            if let (w, end) = relative(k), let u = unit(end), let p = whole(u, w == .last ? -1 : w == .next ? 1 : 0),
               p.start.adding(days: d - 1) <= p.end {
                out.append(TimeReading(end + 1, .day(p.start.adding(days: d - 1)), .nthOfMonth))
            }
        }
        // "the 3rd of last month", "the 15th of this month", "the first of the month"
        if let (monthOf, fixed, end) = monthAfter(i + 1), fixed, let month = monthOf(today.year),
           let date = CalendarDate(year: month.start.year, month: month.start.month, day: d) {
            out.append(TimeReading(end, .day(date), .dayOfMonth))
        }
        // "on the 15th": a day of this month (or the nearest month in the leaning direction).
        // Ordinal words ("the third") need "the"; digits ("on 3rd") a preposition.
        let isDigits: Bool
        if case .numeric = lx(i) { isDigits = true } else { isDigits = false }
        guard prep == .the || (isDigits && prep != nil) else { return out }
        for offset in 0...2 {
            let month = today.firstOfMonth.adding(months: leaning == .past ? -offset : offset)
            guard let candidate = CalendarDate(year: month.year, month: month.month, day: d) else { continue }
            if leaning == .past ? candidate <= today : candidate >= today {
                out.append(TimeReading(i + 1, .day(candidate), .dayOfMonth))
                break
            }
        }
        return out
    }

    /// Words starting with a digit: "2026-11-03", "11/3", "3 november", "3rd of nov", "4pm
    /// yesterday", "3 days ago", "in 2025".
    func numericForms(_ i: Int, _ n: Numeric, prep: Keyword?) -> [TimeReading] {
        var out: [TimeReading] = []
        if let date = n.date { out.append(TimeReading(i + 1, .day(date), .explicitDate)) }
        if let md = n.monthDay, let date = resolve(month: md.month, day: md.day, year: md.year) {
            out.append(TimeReading(i + 1, .day(date), .explicitDate))
        }
        if n.clock != nil || n.integer != nil { out += timeFirst(i, prep: prep) }
        if n.ordinal != nil { out += ordinalForms(i, prep: prep) }
        if let d = n.dayNumber {
            // "3 november", "15 of february 2025"
            var k = i + 1
            if isKW(k, .of) { k += 1 }
            if let m = month(k) { out += dates(month: m, day: d, k + 1) }
        }
        if let my = n.monthYear {
            out.append(TimeReading(i + 1, .period(monthPeriod(year: my.year, month: my.month)), .month))
        }
        if let r = n.range, r.high <= 31, let m = month(i + 1) {
            // "13-15 july"
            let y = year(i + 2)
            let make = { (year: Int) -> Period? in
                guard let a = CalendarDate(year: y ?? year, month: m, day: r.low),
                      let b = CalendarDate(year: y ?? year, month: m, day: r.high) else { return nil }
                return Period(a, b)
            }
            if let p = y == nil ? floating(make) : make(0) {
                out.append(TimeReading(y == nil ? i + 2 : i + 3, .period(p), .explicitDate))
            }
        }
        if prep != nil, prep != .the, let y = year(i) {
            let first = CalendarDate(year: y, month: 1, day: 1)!
            out.append(TimeReading(i + 1, .period(Period(first, CalendarDate(year: y, month: 12, day: 31)!)), .year))
        }
        if n.integer != nil || n.range != nil || n.amount != nil { out += amountForms(i) }
        return out
    }

    // MARK: - Times of day

    /// A time of day at `i`, and where it ends: "4:25 pm", "4pm", "noon", "4 o'clock", and a bare
    /// hour when `bare` (after "at").
    func clock(_ i: Int, bare: Bool) -> Int? {
        switch lx(i) {
        case .word(.noon), .word(.midnight):
            return i + 1
        case .numeric(let n):
            var end: Int
            if let c = n.clock {
                end = i + 1
                if !c.meridiem, isMeridiem(end) { end += 1 }
            } else if let h = n.integer, h <= 24 {
                end = i + 1
                if isMeridiem(end) {
                    guard (1...12).contains(h) else { return nil }
                    end += 1
                } else if isKW(end, .oclock) {
                    end += 1
                } else if !bare {
                    return nil
                }
            } else {
                return nil
            }
            if isKW(end, .oclock) { end += 1 }
            return end
        default:
            return nil
        }
    }

    /// A time of day after a day: "at 4:25 pm", "4pm", "around noon", "in the morning",
    /// "night", "at night", "first thing". Returns where it ends.
    func timeSuffix(_ j: Int) -> Int? {
        var k = j
        var advanced = false
        for _ in 0..<2 {
            if isKW(k, .at) || isKW(k, .around) || isKW(k, .about) || isKW(k, .by), let end = clock(k + 1, bare: true) {
                k = end
                advanced = true
            } else if let end = clock(k, bare: false) {
                k = end
                advanced = true
            } else if isPartOfDay(k) || isKW(k, .night) {
                k += 1
                advanced = true
            } else if isKW(k, .in), isKW(k + 1, .the), isPartOfDay(k + 2) {
                k += 3
                advanced = true
            } else if isKW(k, .at), isKW(k + 1, .night) {
                k += 2
                advanced = true
            } else if isKW(k, .first), isKW(k + 1, .thing) {
                k += 2
                advanced = true
            } else {
                break
            }
        }
        return advanced ? k : nil
    }

    /// A time of day first: "4pm yesterday", "noon tomorrow", "at 5 on monday"; alone ("at 4pm",
    /// "noon"), today.
    func timeFirst(_ i: Int, prep: Keyword?) -> [TimeReading] {
        guard let j = clock(i, bare: prep == .at) else { return [] }
        var out = [TimeReading(j, .day(today), .timeOfDay)]
        var k = j
        if isKW(k, .on) { k += 1 }
        for reading in core(k, prep: isKW(j, .on) ? .on : nil) where reading.day != nil && reading.outer == nil {
            var timed = reading
            timed.timed = true
            out.append(timed)
        }
        return out
    }

    /// "first thing tomorrow", "first thing monday", "first thing in the morning".
    func firstThing(_ i: Int) -> TimeReading? {
        guard isKW(i, .first), isKW(i + 1, .thing) else { return nil }
        let j = i + 2
        if isKW(j, .in), isKW(j + 1, .the), isKW(j + 2, .morning) {
            return TimeReading(j + 3, .day(leaning == .future ? today.adding(days: 1) : today), .today)
        }
        if var day = core(j, prep: .on).filter({ $0.day != nil && $0.outer == nil }).max(by: { $0.end < $1.end }) {
            day.timed = true
            return day
        }
        return TimeReading(j, .day(leaning == .future ? today.adding(days: 1) : today), .today)
    }
}

