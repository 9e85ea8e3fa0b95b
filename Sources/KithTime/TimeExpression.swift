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
}

/// Reads time expressions ("last week", "since October", "3 days ago", "on Nov 3") from
/// normalised words, relative to a fixed `today`.
///
/// The parser consumes a prefix of the words and reports every prefix that reads as a time
/// expression, longest first, so a template matcher can try each. Words are expected lowercased
/// with surrounding punctuation removed, as `Tokenizer` produces them. Month and weekday words
/// that are also ordinary words ("may", "sun", "march") are only read as dates after a
/// preposition or beside a day number, never alone.
public struct TimeExpressionParser: Sendable {
    public let today: CalendarDate

    public init(today: CalendarDate) {
        self.today = today
    }

    /// Every reading of a prefix of `words`, longest first.
    public func parse(_ words: ArraySlice<String>, leaning: TimeLeaning) -> [TimeMatch] {
        guard let first = words.first, Self.mayStartExpression(first) else { return [] }
        return readings(words, leaning: leaning)
    }

    /// `parse` without turning any first word away (for the test that holds the two equal).
    func readings(_ words: ArraySlice<String>, leaning: TimeLeaning) -> [TimeMatch] {
        var cursor = Cursor(words: words)
        var found: [TimeMatch] = []
        for alternative in expression(&cursor, leaning: leaning) {
            if !found.contains(where: { $0.length == alternative.length }) { found.append(alternative) }
        }
        return found.sorted { $0.length > $1.length }
    }

    /// Reads the whole of `text` as one expression (for tests and `--today`-style inputs).
    public func value(of text: String, leaning: TimeLeaning = .past) -> TimeValue? {
        let words = text.lowercased().split(separator: " ").map(String.init)
        return parse(words[...], leaning: leaning).first { $0.length == words.count }?.value
    }

    /// Whether an expression can start with `word`: each form below first reads one of these
    /// words, a number, a weekday or a month. The matcher tries every position of a question
    /// that has a time slot, and most words there ("who", "did", "Diane") are turned away here.
    static func mayStartExpression(_ word: String) -> Bool {
        leadingWords.contains(word) || mayBeNumber(word) || numberWords[word] != nil
            || weekday(word) != nil || month(word) != nil
    }

    private static let leadingWords: Set<String> = [
        "since", "recently", "lately", "in", "over", "during", "within", "for", "from", "the", "past", "last",
        "on", "at", "by", "of", "today", "tonight", "yesterday", "tomorrow", "this", "earlier", "later", "so", "next",
    ]

    // MARK: - Grammar

    private struct Cursor {
        let words: ArraySlice<String>
        var index: Int

        init(words: ArraySlice<String>) {
            self.words = words
            self.index = words.startIndex
        }

        var current: String? { index < words.endIndex ? words[index] : nil }
        func peek(_ offset: Int) -> String? {
            index + offset < words.endIndex ? words[index + offset] : nil
        }
        var consumed: Int { index - words.startIndex }
    }

    /// Tries each form at the cursor; returns all readings (the cursor is not moved).
    private func expression(_ c: inout Cursor, leaning: TimeLeaning) -> [TimeMatch] {
        var results: [TimeMatch] = []
        let start = c.index
        func attempt(_ form: (inout Cursor) -> TimeValue?) {
            var probe = c
            probe.index = start
            if let value = form(&probe) {
                results.append(TimeMatch(length: probe.index - c.words.startIndex, value: value))
            }
        }
        attempt { since(&$0, leaning: leaning) }
        attempt { pastRun(&$0, leaning: leaning) }
        attempt { prepositional(&$0, leaning: leaning) }
        attempt { self.simple(&$0, leaning: leaning, afterPreposition: false) }
        return results
    }

    /// "since October", "since last week", "since Monday": from that point through today.
    private func since(_ c: inout Cursor, leaning: TimeLeaning) -> TimeValue? {
        guard c.current == "since" else { return nil }
        c.index += 1
        guard let from = simple(&c, leaning: .past, afterPreposition: true) else { return nil }
        let start = from.period.start
        guard start <= today else { return nil }
        return .period(Period(start, today))
    }

    /// "in the past 2 weeks", "over the last month", "in 3 weeks", "recently".
    private func pastRun(_ c: inout Cursor, leaning: TimeLeaning) -> TimeValue? {
        if c.current == "recently" || c.current == "lately" {
            c.index += 1
            return .period(Period(today.adding(days: -30), today))
        }
        guard let prep = c.current, ["in", "over", "during", "within", "for", "from"].contains(prep) else {
            // "the past 3 weeks" / "past week" without a preposition.
            return run(&c, leaning: leaning, requireArticleOrPast: true)
        }
        c.index += 1
        return run(&c, leaning: leaning, requireArticleOrPast: false)
    }

    /// "[the] past|last N units", "N units", and "the past week" (N = 1). Without a number,
    /// "past" or "the" must be there: "last week" alone is the previous calendar week.
    private func run(_ c: inout Cursor, leaning: TimeLeaning, requireArticleOrPast: Bool) -> TimeValue? {
        let sawThe = c.current == "the"
        if sawThe { c.index += 1 }
        var pastWord: String?
        if c.current == "past" || c.current == "last" {
            pastWord = c.current
            c.index += 1
        }
        if requireArticleOrPast && pastWord == nil { return nil }
        let count: Int
        if let n = c.current.flatMap(Self.number), !["a", "an"].contains(c.current!) || pastWord == nil {
            count = n
            c.index += 1
        } else if pastWord == "past" || (pastWord != nil && sawThe) {
            count = 1
        } else {
            return nil
        }
        guard let unit = c.current.flatMap(Self.unit) else { return nil }
        c.index += 1
        if pastWord == nil && leaning == .future {
            return .day(shift(today, by: count, unit))
        }
        return .period(Period(shift(today, by: -count, unit), today))
    }

    /// "on Monday", "in October", "during last week", "for tomorrow".
    private func prepositional(_ c: inout Cursor, leaning: TimeLeaning) -> TimeValue? {
        guard let prep = c.current, ["on", "in", "during", "for", "at", "by", "of", "from"].contains(prep)
        else { return nil }
        c.index += 1
        return simple(&c, leaning: leaning, afterPreposition: true)
    }

    /// A date or calendar period with no leading preposition.
    private func simple(_ c: inout Cursor, leaning: TimeLeaning, afterPreposition: Bool) -> TimeValue? {
        guard let word = c.current else { return nil }
        switch word {
        case "today", "tonight":
            c.index += 1
            return .day(today)
        case "yesterday":
            c.index += 1
            return .day(today.adding(days: -1))
        case "tomorrow":
            c.index += 1
            return .day(today.adding(days: 1))
        case "this" where ["morning", "afternoon", "evening"].contains(c.peek(1) ?? ""):
            c.index += 2
            return .day(today)
        case "earlier", "later":
            if c.peek(1) == "today" {
                c.index += 2
                return .day(today)
            }
        case "so" where c.peek(1) == "far" && c.peek(2) == "this":
            // "so far this year" is this year.
            c.index += 2
            return relativeCalendar(&c, leaning: leaning)
        case "this" where c.peek(1) == "past" && c.peek(2).flatMap(Self.unit) != nil:
            // "this past week": the last seven days.
            let unit = Self.unit(c.peek(2)!)!
            c.index += 3
            return .period(Period(shift(today, by: -1, unit), today))
        case "this", "last", "next", "past":
            if let value = relativeCalendar(&c, leaning: leaning) { return value }
        default:
            break
        }
        if let value = agoExpression(&c) { return value }
        if let value = weekdayExpression(&c, leaning: leaning, afterPreposition: afterPreposition) { return value }
        if let value = explicitDate(&c, leaning: leaning, afterPreposition: afterPreposition) { return value }
        return nil
    }

    /// this/last/next week|month|year|quarter|weekend, and this/last/next <weekday>.
    private func relativeCalendar(_ c: inout Cursor, leaning: TimeLeaning) -> TimeValue? {
        let which = c.current!
        guard let unitWord = c.peek(1) else { return nil }
        let offset = which == "last" || which == "past" ? -1 : which == "next" ? 1 : 0
        switch unitWord {
        case "week":
            c.index += 2
            let monday = today.startOfWeek.adding(days: 7 * offset)
            return .period(offset == 0 ? Period(monday, today) : Period(monday, monday.adding(days: 6)))
        case "weekend":
            c.index += 2
            let saturday = today.startOfWeek.adding(days: 5 + 7 * offset)
            return .period(Period(saturday, saturday.adding(days: 1)))
        case "month":
            c.index += 2
            let first = today.firstOfMonth.adding(months: offset)
            return .period(offset == 0 ? Period(first, today) : Period(first, first.lastOfMonth))
        case "quarter":
            c.index += 2
            let quarterStart = CalendarDate(year: today.year, month: (today.month - 1) / 3 * 3 + 1, day: 1)!
            let first = quarterStart.adding(months: 3 * offset)
            return .period(offset == 0 ? Period(first, today)
                                       : Period(first, first.adding(months: 3).adding(days: -1)))
        case "year":
            c.index += 2
            let first = CalendarDate(year: today.year + offset, month: 1, day: 1)!
            return .period(offset == 0 ? Period(first, today)
                                       : Period(first, CalendarDate(year: first.year, month: 12, day: 31)!))
        default:
            guard which != "past", let weekday = Self.weekday(unitWord) else { return nil }
            c.index += 2
            switch which {
            case "this":
                return .day(today.startOfWeek.adding(days: weekday.rawValue))
            case "next":
                return .day(nearest(weekday, after: today))
            default:
                return .day(nearest(weekday, before: today))
            }
        }
    }

    /// "3 days ago", "a week ago", "two months ago".
    private func agoExpression(_ c: inout Cursor) -> TimeValue? {
        guard let n = c.current.flatMap(Self.number), let unit = c.peek(1).flatMap(Self.unit),
              c.peek(2) == "ago" else { return nil }
        c.index += 3
        return .day(shift(today, by: -n, unit))
    }

    /// "Monday" (only after a preposition, or spelled out in full), pointing by `leaning`.
    private func weekdayExpression(_ c: inout Cursor, leaning: TimeLeaning, afterPreposition: Bool) -> TimeValue? {
        guard let word = c.current, let weekday = Self.weekday(word) else { return nil }
        // "sun", "sat", "wed" are words too: accept short forms only after a preposition.
        if word.count <= 4 && !word.hasSuffix("day") && !afterPreposition { return nil }
        c.index += 1
        return .day(leaning == .past ? nearest(weekday, before: today) : nearest(weekday, after: today))
    }

    /// 2026-11-03, 11/3, 11/3/2026, 3 November, the 3rd of Nov, Nov 3rd 2026, in October.
    private func explicitDate(_ c: inout Cursor, leaning: TimeLeaning, afterPreposition: Bool) -> TimeValue? {
        guard let word = c.current else { return nil }
        if Self.mayBeNumber(word), let date = CalendarDate(iso: word) {
            c.index += 1
            return .day(date)
        }
        if Self.mayBeNumber(word), let date = slashDate(word, leaning: leaning) {
            c.index += 1
            return .day(date)
        }
        var probe = c
        if probe.current == "the" { probe.index += 1 }
        // Day first: "3 November", "3rd of Nov 2025".
        if let day = probe.current.flatMap(Self.dayNumber) {
            probe.index += 1
            if probe.current == "of" { probe.index += 1 }
            if let month = probe.current.flatMap(Self.month) {
                probe.index += 1
                let year = probe.current.flatMap(Self.year)
                if year != nil { probe.index += 1 }
                if let date = resolve(month: month, day: day, year: year, leaning: leaning) {
                    c = probe
                    return .day(date)
                }
            }
        }
        // "on the 15th": a day of this month (or the nearest month in the leaning direction).
        probe = c
        if probe.current == "the" { probe.index += 1 }
        if afterPreposition || probe.index > c.index, let word = probe.current, word.count > 2,
           let day = Self.dayNumber(word), word.last!.isLetter, Self.month(probe.peek(1) ?? "") == nil,
           !(probe.peek(1) == "of" && Self.month(probe.peek(2) ?? "") != nil) {
            probe.index += 1
            var date: CalendarDate?
            for offset in 0...2 {
                let month = today.firstOfMonth.adding(months: leaning == .past ? -offset : offset)
                guard let candidate = CalendarDate(year: month.year, month: month.month, day: day) else { continue }
                if leaning == .past ? candidate <= today : candidate >= today { date = candidate; break }
            }
            if let date {
                c = probe
                return .day(date)
            }
        }
        // Month first: "Nov 3", "November 3rd, 2025", or a bare month after a preposition.
        probe = c
        guard let month = probe.current.flatMap(Self.month) else { return nil }
        probe.index += 1
        if let day = probe.current.flatMap(Self.dayNumber) {
            probe.index += 1
            let year = probe.current.flatMap(Self.year)
            if year != nil { probe.index += 1 }
            if let date = resolve(month: month, day: day, year: year, leaning: leaning) {
                c = probe
                return .day(date)
            }
            return nil
        }
        // A month alone is a date only where a preposition makes it one ("in may", not "may").
        guard afterPreposition else { return nil }
        let year = probe.current.flatMap(Self.year)
        if year != nil { probe.index += 1 }
        c = probe
        return .period(monthPeriod(month, year: year, leaning: leaning))
    }

    private func slashDate(_ word: String, leaning: TimeLeaning) -> CalendarDate? {
        let parts = word.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, let m = Int(parts[0]), let d = Int(parts[1]) else { return nil }
        var year: Int?
        if parts.count == 3 {
            guard let y = Int(parts[2]) else { return nil }
            year = y < 100 ? 2000 + y : y
        }
        return resolve(month: m, day: d, year: year, leaning: leaning)
    }

    /// A month and day with no year is the most recent past one (or the next, for reminders).
    private func resolve(month: Int, day: Int, year: Int?, leaning: TimeLeaning) -> CalendarDate? {
        if let year { return CalendarDate(year: year, month: month, day: day) }
        // Feb 29 may be up to eight years away, so look a few years in the leaning direction.
        let step = leaning == .past ? -1 : 1
        for offset in 0...8 {
            guard let date = CalendarDate(year: today.year + step * offset, month: month, day: day) else {
                if offset == 0 && CalendarDate(year: 2000, month: month, day: day) == nil { return nil }
                continue
            }
            if leaning == .past ? date <= today : date >= today { return date }
        }
        return nil
    }

    /// "in October": the most recent October that has begun (or the next one, for reminders).
    private func monthPeriod(_ month: Int, year: Int?, leaning: TimeLeaning) -> Period {
        let y: Int
        if let year {
            y = year
        } else if leaning == .past {
            y = month <= today.month ? today.year : today.year - 1
        } else {
            y = month >= today.month ? today.year : today.year + 1
        }
        let first = CalendarDate(year: y, month: month, day: 1)!
        return Period(first, first.lastOfMonth)
    }

    private func nearest(_ weekday: Weekday, before date: CalendarDate) -> CalendarDate {
        let back = (date.weekday.rawValue - weekday.rawValue + 7) % 7
        return date.adding(days: -(back == 0 ? 7 : back))
    }

    private func nearest(_ weekday: Weekday, after date: CalendarDate) -> CalendarDate {
        let ahead = (weekday.rawValue - date.weekday.rawValue + 7) % 7
        return date.adding(days: ahead == 0 ? 7 : ahead)
    }

    private func shift(_ date: CalendarDate, by n: Int, _ unit: Unit) -> CalendarDate {
        switch unit {
        case .day: return date.adding(days: n)
        case .week: return date.adding(days: 7 * n)
        case .month: return date.adding(months: n)
        case .year: return date.adding(years: n)
        }
    }

    // MARK: - Vocabulary

    enum Unit { case day, week, month, year }

    static func unit(_ word: String) -> Unit? {
        switch word {
        case "day", "days": return .day
        case "week", "weeks": return .week
        case "month", "months": return .month
        case "year", "years": return .year
        default: return nil
        }
    }

    static let numberWords = ["a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                              "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
                              "twelve": 12, "couple": 2, "few": 3]

    /// Whether `word` starts as `Int(_:)` needs a number to: a digit or a sign. Every other
    /// word is turned away before the date readings split and parse it, which cost each
    /// question several thousand instructions per word it tried.
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

    // Dictionaries built once: these words are tried at every position of every question that
    // has a time slot, and building the lists on each call cost more than the rest of the parse.
    private static let monthNumbers: [String: Int] = {
        var numbers: [String: Int] = ["sept": 9]
        for (index, name) in Month.names.enumerated() { numbers[name.lowercased()] = index + 1 }
        for (index, name) in ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].enumerated() {
            numbers[name] = index + 1
        }
        return numbers
    }()

    private static let weekdays: [String: Weekday] = [
        "monday": .monday, "mon": .monday, "tuesday": .tuesday, "tue": .tuesday, "tues": .tuesday,
        "wednesday": .wednesday, "wed": .wednesday, "thursday": .thursday, "thu": .thursday, "thur": .thursday,
        "thurs": .thursday, "friday": .friday, "fri": .friday, "saturday": .saturday, "sat": .saturday,
        "sunday": .sunday, "sun": .sunday,
    ]

    static func weekday(_ word: String) -> Weekday? { weekdays[word] }
}
