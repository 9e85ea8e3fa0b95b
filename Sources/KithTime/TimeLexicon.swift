/// The words time expressions are made of, each read once into a `Lexeme` by one dictionary
/// lookup (or, for a word that starts with a digit, one scan of its bytes). The grammar then
/// compares small enums rather than strings.

/// A grammar word: prepositions, relative words, parts of days and periods.
enum Keyword: UInt8 {
    case a, since, ever, recently, lately, recent, of, `in`, over, during, within, `for`, from, throughout
    case the, past, last, previous, prior, preceding, this, next, coming, following, current
    case on, at, by, around, about, approximately, roughly, nearly, almost, just, some, circa
    case today, tonight, yesterday, tomorrow, now, right, earlier, later, so, far, ago, back, before, after
    case hence, and, or, to, until, till, through, between, dash, plus, possessive, ides, season, weekends
    case weekend, morning, afternoon, evening, night, noon, midnight
    case beginning, start, early, mid, middle, end, late, first, thing, time, same, half, oclock
    case eod, eow, eom, eoy, day, date
}

/// A unit of a length of time.
enum TimeUnit: UInt8 {
    case second, minute, hour, day, week, fortnight, month, quarter, year, decade, century
}

/// The seasons, northern: spring March–May, summer June–August, autumn September–November,
/// winter December–February.
enum Season: Int {
    case spring, summer, autumn, winter

    /// The first month of the season.
    var firstMonth: Int { [3, 6, 9, 12][rawValue] }
}

/// How a weekday word is written: "tuesday", "tue", "tuesdays".
enum WeekdayForm: UInt8 {
    case full, short, plural
}

/// A time of day ("4:25 pm", "noon"). Kith works in days, so only whether one was said matters.
struct Clock {
    let hour: Int
    let minute: Int
    /// Written with am/pm attached ("4pm"), so a following "am"/"pm" word is not expected.
    let meridiem: Bool
}

/// What a word that begins with a digit (or a sign, or an apostrophe: "'25") can be.
struct Numeric {
    /// The whole word as a non-negative integer ("3", "03", "2026").
    var integer: Int?
    /// A day number with its ordinal suffix ("3rd", "21st").
    var ordinal: Int?
    /// A full date: 2026-11-03, 2026/11/03.
    var date: CalendarDate?
    /// A month and day with or without a year, month first: 11/3, 11/3/2026, 11/3/26.
    var monthDay: (month: Int, day: Int, year: Int?)?
    /// A time of day: 4:25, 16:00, 4pm, 4:25pm.
    var clock: Clock?
    /// Two counts: "2-3".
    var range: (low: Int, high: Int)?
    /// "'25": a year written with two digits ('95 is 1995, '25 is 2025).
    var shortYear: Int?
    /// A month and a year: 11/2016.
    var monthYear: (month: Int, year: Int)?
    /// A day and a year the tokenizer left joined: "1,2010" (from "jan 1,2010").
    var dayYear: (day: Int, year: Int)?
    /// A count and its unit written together: "2y", "3year", "10min".
    var amount: (count: Int, unit: TimeUnit)?
    /// A decade: "2000s", "90s", "'90s".
    var decade: Int?
    /// A plain number of days that can be a day of the month: "3", "03", "21".
    var dayNumber: Int? {
        guard let integer, (1...31).contains(integer) else { return nil }
        return integer
    }

    var isEmpty: Bool {
        integer == nil && ordinal == nil && date == nil && monthDay == nil && clock == nil && range == nil
            && shortYear == nil && monthYear == nil && dayYear == nil && amount == nil && decade == nil
    }
}

/// A part of a period: "early"/"beginning"/"start", "mid"/"middle", "late", "end".
enum PeriodPart: UInt8 {
    case early, mid, late, end
}

/// One word, read.
enum Lexeme {
    case unknown
    case word(Keyword)
    /// A count word: "two", "couple", "few", "several", "twenty-one".
    case count(Int)
    /// An ordinal word: "second", "third", "twenty-first" ("first" is `.word(.first)`).
    case ordinal(Int)
    case unit(TimeUnit)
    case weekday(Weekday, WeekdayForm)
    /// A month; `ambiguous` for the ones that are ordinary words too ("may", "march", "mar").
    case month(Int, ambiguous: Bool)
    /// "mid-march", "early-may", "late-november".
    case partOfMonth(PeriodPart, Int)
    case season(Season, ambiguous: Bool)
    /// The first word of a holiday's name ("christmas", "new", "valentine").
    case holiday
    /// A later word of a holiday's name that is no other word ("eve", "patrick").
    case holidayPart
    case meridiem
    /// "q1" … "q4".
    case quarterName(Int)
    /// A decade in words: "nineties", "twenty-tens" (its first year).
    case decade(Int)
    /// Boxed, so a `Lexeme` stays a word or two wide: lexemes are copied at every look.
    indirect case numeric(Numeric)

    /// Whether an expression may begin with this word (see `TimeExpressionParser.mayStartExpression`).
    var mayStart: Bool {
        switch self {
        case .unknown, .meridiem, .holidayPart, .decade: return false
        case .word(let k): return Lexicon.leads[Int(k.rawValue)]
        // "week before last", "the month after next"; "minutes" and "hours" start nothing.
        case .unit(let u): return u == .week || u == .month || u == .year || u == .quarter || u == .decade
        case .weekday(_, let form): return form != .plural
        case .numeric(let n):
            return n.integer != nil || n.ordinal != nil || n.date != nil || n.monthDay != nil || n.clock != nil
                || n.range != nil || n.monthYear != nil || n.amount != nil
        default: return true
        }
    }
}

enum Lexicon {
    /// The words each form begins with; every other keyword only continues an expression.
    static let leadingKeywords: Set<Keyword> = [
        .a, .since, .ever, .recently, .lately, .of, .in, .over, .during, .within, .for, .from, .throughout,
        .the, .past, .last, .previous, .prior, .preceding, .this, .next, .coming, .following, .current, .on, .at, .by, .around,
        .about, .approximately, .roughly, .nearly, .almost, .just, .some, .circa, .today, .tonight, .yesterday,
        .tomorrow, .now, .right, .earlier, .later, .so, .between, .beginning, .start, .early, .mid, .middle,
.end, .late, .first, .half, .same, .noon, .midnight, .eod, .eow, .eom, .eoy, .day, .after,
    ]

    /// `leadingKeywords` by raw value: the guard looks here for every word of a question.
    static let leads: [Bool] = {
        var leads = Array(repeating: false, count: 256)
        for k in leadingKeywords { leads[Int(k.rawValue)] = true }
        return leads
    }()

    static func lex(_ word: String) -> Lexeme {
        if let known = table.lookup(word) { return known }
        guard let first = word.utf8.first else { return .unknown }
        if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) || first == UInt8(ascii: "+")
            || first == UInt8(ascii: "-") || first == UInt8(ascii: "'") {
            let numeric = Self.numeric(word)
            return numeric.isEmpty ? .unknown : .numeric(numeric)
        }
        return .unknown
    }

    // MARK: - Words

    /// `words` in an open-addressed table hashed with FNV-1a over the word's bytes: the guard
    /// looks up every word of a question, and the standard dictionary's seeded SipHash cost
    /// more than the rest of a failed parse.
    struct WordTable {
        let keys: [String]
        let values: [Lexeme]
        let mask: Int

        init(_ words: [String: Lexeme]) {
            var capacity = 16
            while capacity < 4 * words.count { capacity *= 2 }
            var keys = Array(repeating: "", count: capacity)
            var values = Array(repeating: Lexeme.unknown, count: capacity)
            for (word, lexeme) in words {
                var slot = Self.hash(word) & (capacity - 1)
                while !keys[slot].isEmpty { slot = (slot + 1) & (capacity - 1) }
                keys[slot] = word
                values[slot] = lexeme
            }
            self.keys = keys
            self.values = values
            self.mask = capacity - 1
        }

        static func hash(_ word: String) -> Int {
            var word = word
            return word.withUTF8 { bytes in
                var h: UInt32 = 2_166_136_261
                for byte in bytes { h = (h ^ UInt32(byte)) &* 16_777_619 }
                return Int(h)
            }
        }

        func lookup(_ word: String) -> Lexeme? {
            guard !word.isEmpty else { return nil }
            var slot = Self.hash(word) & mask
            while true {
                let key = keys[slot]
                if key.isEmpty { return nil }
                if key == word { return values[slot] }
                slot = (slot + 1) & mask
            }
        }
    }

    static let table = WordTable(words)

    static let words: [String: Lexeme] = {
        var table: [String: Lexeme] = [:]
        let keywords: [String: Keyword] = [
            "a": .a, "an": .a, "since": .since, "ever": .ever, "recently": .recently, "lately": .lately,
            "recent": .recent, "of": .of, "in": .in, "over": .over, "during": .during, "within": .within,
            "for": .for, "from": .from, "throughout": .throughout, "the": .the, "past": .past, "last": .last,
            "previous": .previous, "prior": .prior, "preceding": .preceding, "this": .this, "next": .next,
            "coming": .coming, "following": .following, "current": .current, "on": .on, "at": .at, "by": .by,
            "around": .around, "about": .about, "approximately": .approximately, "approx": .approximately,
            "roughly": .roughly, "nearly": .nearly, "almost": .almost, "just": .just, "some": .some,
            "circa": .circa, "today": .today, "tonight": .tonight, "tonite": .tonight, "yesterday": .yesterday,
            "tomorrow": .tomorrow, "tmrw": .tomorrow, "tmr": .tomorrow, "now": .now, "right": .right,
            "earlier": .earlier, "later": .later, "so": .so, "far": .far, "ago": .ago, "back": .back,
            "before": .before, "after": .after, "hence": .hence, "and": .and, "or": .or, "to": .to,
            "until": .until, "til": .till, "till": .till, "through": .through, "thru": .through,
            "between": .between, "-": .dash, "+": .plus, "'s": .possessive, "weekend": .weekend,
            "weekends": .weekends, "ides": .ides, "season": .season,
            "morning": .morning, "afternoon": .afternoon, "evening": .evening, "night": .night, "noon": .noon,
            "midday": .noon, "midnight": .midnight, "beginning": .beginning, "start": .start, "early": .early,
            "mid": .mid, "middle": .middle, "end": .end, "late": .late, "first": .first, "thing": .thing,
            "time": .time, "same": .same, "half": .half, "o'clock": .oclock, "oclock": .oclock,
            "eod": .eod, "eow": .eow, "eom": .eom, "eoy": .eoy, "day": .day, "date": .date,
        ]
        for (word, keyword) in keywords { table[word] = .word(keyword) }
        let counts = ["one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                      "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
                      "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
                      "couple": 2, "few": 3, "several": 3, "dozen": 12]
        let tens = ["twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                    "eighty": 80, "ninety": 90]
        let ones = ["one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9]
        for (word, n) in counts { table[word] = .count(n) }
        for (ten, t) in tens {
            table[ten] = .count(t)
            for (one, o) in ones { table["\(ten)-\(one)"] = .count(t + o) }
        }
        let ordinals = ["second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
                        "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
                        "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
                        "nineteenth": 19, "twentieth": 20, "thirtieth": 30]
        let onesOrdinal = ["first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
                           "seventh": 7, "eighth": 8, "ninth": 9]
        for (word, n) in ordinals { table[word] = .ordinal(n) }
        for (one, o) in onesOrdinal {
            table["twenty-\(one)"] = .ordinal(20 + o)
            if o == 1 { table["thirty-\(one)"] = .ordinal(31) }
        }
        let units: [String: TimeUnit] = [
            "seconds": .second, "sec": .second, "secs": .second,
            "minute": .minute, "minutes": .minute, "min": .minute, "mins": .minute,
            "hour": .hour, "hours": .hour, "hr": .hour, "hrs": .hour,
            "day": .day, "days": .day, "week": .week, "weeks": .week, "wk": .week, "wks": .week,
            "fortnight": .fortnight, "fortnights": .fortnight, "month": .month, "months": .month, "mos": .month,
            "quarter": .quarter, "quarters": .quarter, "year": .year, "years": .year, "yr": .year, "yrs": .year,
            "decade": .decade, "decades": .decade, "century": .century, "centuries": .century,
            // "5 mornings ago": a morning is a day.
            "mornings": .day, "afternoons": .day, "evenings": .day, "nights": .day,
        ]
        for (word, unit) in units where word != "day" { table[word] = .unit(unit) }
        // "second" is an ordinal ("the second of may") the grammar also reads as a unit ("a second
        // ago"); "day" is a keyword ("the day before yesterday") it also reads as a unit.
        let weekdays: [(Weekday, [String])] = [
            (.monday, ["monday", "mon"]), (.tuesday, ["tuesday", "tue", "tues"]),
            (.wednesday, ["wednesday", "wed"]), (.thursday, ["thursday", "thu", "thur", "thurs"]),
            (.friday, ["friday", "fri"]), (.saturday, ["saturday", "sat"]), (.sunday, ["sunday", "sun"]),
        ]
        for (weekday, forms) in weekdays {
            table[forms[0]] = .weekday(weekday, .full)
            table[forms[0] + "s"] = .weekday(weekday, .plural)
            for short in forms.dropFirst() { table[short] = .weekday(weekday, .short) }
        }
        let ambiguousMonths: Set<String> = ["may", "march", "mar", "jan", "sept"]
        for (index, name) in Month.names.enumerated() {
            let lower = name.lowercased()
            table[lower] = .month(index + 1, ambiguous: ambiguousMonths.contains(lower))
            for (part, partWord) in [(PeriodPart.early, "early"), (.mid, "mid"), (.late, "late")] {
                table["\(partWord)-\(lower)"] = .partOfMonth(part, index + 1)
            }
        }
        for (index, short) in ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
            .enumerated() where table[short] == nil {
            table[short] = .month(index + 1, ambiguous: ambiguousMonths.contains(short))
        }
        table["sept"] = .month(9, ambiguous: false)
        let seasons: [String: (Season, Bool)] = [
            "spring": (.spring, true), "summer": (.summer, false), "autumn": (.autumn, false),
            "fall": (.autumn, true), "winter": (.winter, false),
        ]
        for (word, season) in seasons { table[word] = .season(season.0, ambiguous: season.1) }
        for word in Holiday.firstWords { table[word] = .holiday }
        for word in Holiday.plurals.keys { table[word] = .holidayPart }
        for name in Holiday.names {
            for word in name.words.dropFirst() where table[word] == nil { table[word] = .holidayPart }
        }
        for word in ["am", "pm", "a.m", "p.m"] { table[word] = .meridiem }
        for q in 1...4 { table["q\(q)"] = .quarterName(q) }
        let decades = ["sixties": 1960, "seventies": 1970, "eighties": 1980, "nineties": 1990, "noughties": 2000,
                       "aughts": 2000, "twenty-tens": 2010, "tens": 2010]
        for (word, start) in decades { table[word] = .decade(start) }
        return table
    }()

    // MARK: - Words that begin with a digit

    /// A two-digit year: up to 50 years after 2000, else the 1900s ('95 is 1995).
    static func century(_ n: Int) -> Int { n <= 50 ? 2000 + n : 1900 + n }

    /// Units written against their count: "2y", "3year", "5days", "10min".
    static let amountUnits: [String: TimeUnit] = [
        "y": .year, "yr": .year, "yrs": .year, "year": .year, "years": .year,
        "mo": .month, "mos": .month, "month": .month, "months": .month,
        "w": .week, "wk": .week, "wks": .week, "week": .week, "weeks": .week,
        "d": .day, "day": .day, "days": .day,
        "h": .hour, "hr": .hour, "hrs": .hour, "hour": .hour, "hours": .hour,
        "min": .minute, "mins": .minute, "minute": .minute, "minutes": .minute,
    ]

    static func numeric(_ word: String) -> Numeric {
        var result = Numeric()
        let bytes = Array(word.utf8)
        let digit = { (b: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) }
        if bytes.first == UInt8(ascii: "'") {
            // '25, '95, '90s
            if bytes.count == 3, digit(bytes[1]), digit(bytes[2]) { result.shortYear = Self.century(Int(word.dropFirst())!) }
            if bytes.count == 4, digit(bytes[1]), digit(bytes[2]), bytes[3] == UInt8(ascii: "s"), bytes[2] == UInt8(ascii: "0") {
                result.decade = Self.century(Int(word.dropFirst().dropLast())!)
            }
            return result
        }
        if let n = Int(word) {
            if n >= 0 && n <= 10_000 { result.integer = n }
            return result
        }
        // Only the readings the word's punctuation allows are tried.
        var slash = false, dash = false, colon = false, comma = false, letters = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "/"): slash = true
            case UInt8(ascii: "-"): dash = true
            case UInt8(ascii: ":"): colon = true
            case UInt8(ascii: ","): comma = true
            case UInt8(ascii: "a")...UInt8(ascii: "z"): letters += 1
            default: break
            }
        }
        if letters == 2, !slash, !dash, !colon { result.ordinal = TimeExpressionParser.dayNumber(word) }
        if dash, let date = CalendarDate(iso: word) { result.date = date }
        // Digits then letters: "2y", "3year", "10min"; "2000s", "90s".
        let digits = bytes.prefix(while: digit)
        if letters > 0, !slash, !dash, !colon, !comma, !digits.isEmpty, digits.count < bytes.count,
           let n = Int(String(decoding: digits, as: UTF8.self)) {
            let rest = String(decoding: bytes[digits.count...], as: UTF8.self)
            if let unit = amountUnits[rest], n <= 10_000 { result.amount = (n, unit) }
            if rest == "s", n % 10 == 0 {
                if digits.count == 4 { result.decade = n } else if digits.count == 2 { result.decade = century(n) }
            }
        }
        // "1,2010": a day and a year.
        if comma, let comma = bytes.firstIndex(of: UInt8(ascii: ",")) {
            let parts = (bytes[..<comma], bytes[(comma + 1)...])
            if (1...2).contains(parts.0.count), parts.1.count == 4, parts.0.allSatisfy(digit), parts.1.allSatisfy(digit),
               let d = Int(String(decoding: parts.0, as: UTF8.self)), (1...31).contains(d) {
                result.dayYear = (d, Int(String(decoding: parts.1, as: UTF8.self))!)
            }
        }
        // Separated numbers: 11/3, 11/3/26, 2026/11/03, 2015-3-3, 2-3.
        for separator in ["/", "-"] where separator == "/" ? slash : dash {
            let parts = word.split(separator: Character(separator), omittingEmptySubsequences: false)
            // 2019-aug-1
            if separator == "-", parts.count == 3, parts[0].count == 4, let y = Int(parts[0]),
               case .month(let m, _)? = words[String(parts[1])], let d = Int(parts[2]) {
                result.date = CalendarDate(year: y, month: m, day: d)
            }
            let numbers = parts.compactMap { Int($0) }
            guard numbers.count == parts.count else { continue }
            if parts.count == 3, parts[0].count == 4 {
                if result.date == nil {
                    result.date = CalendarDate(year: numbers[0], month: numbers[1], day: numbers[2])
                }
            } else if parts.count == 2, parts[1].count == 4, separator == "/" {
                // 11/2016
                if (1...12).contains(numbers[0]) { result.monthYear = (numbers[0], numbers[1]) }
            } else if separator == "/" ? parts.count == 2 || parts.count == 3 : parts.count == 3 {
                // 11/3, 11/3/2026, 11/3/26, 12-30-16: month first.
                var year: Int?
                if parts.count == 3 { year = parts[2].count <= 2 ? century(numbers[2]) : numbers[2] }
                var (month, day) = (numbers[0], numbers[1])
                // 22/4 can only be day first.
                if month > 12 && day <= 12 { (month, day) = (day, month) }
                if (1...12).contains(month), (1...31).contains(day), year.map({ $0 >= 0 }) ?? true {
                    result.monthDay = (month, day, year)
                }
            } else if separator == "-", parts.count == 2, numbers[0] >= 0, numbers[1] > numbers[0],
                      numbers[1] <= 1000, parts.allSatisfy({ $0.utf8.allSatisfy(digit) }) {
                result.range = (numbers[0], numbers[1])
            }
        }
        // Times of day: 4:25, 16:00, 4pm, 4:25pm, 4:25:30, 10am, 4p.m.
        guard colon || letters == 2, !slash, !dash, !comma else { return result }
        var end = bytes.count
        var meridiem = false
        let m = UInt8(ascii: "m"), a = UInt8(ascii: "a"), p = UInt8(ascii: "p"), dot = UInt8(ascii: ".")
        if end >= 3, bytes[end - 1] == m, bytes[end - 2] == a || bytes[end - 2] == p {
            end -= 2
            meridiem = true
        } else if end >= 4, bytes[end - 1] == m, bytes[end - 2] == dot, bytes[end - 3] == a || bytes[end - 3] == p {
            end -= 3
            meridiem = true
        }
        // Up to three fields of one or two digits, split by colons.
        var fields: [Int] = []
        var value = 0, width = 0
        for byte in bytes[..<end] {
            if digit(byte) {
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                width += 1
                guard width <= 2 else { return result }
            } else if byte == UInt8(ascii: ":"), width > 0 {
                fields.append(value)
                value = 0
                width = 0
            } else {
                return result
            }
        }
        guard width > 0 else { return result }
        fields.append(value)
        if fields.count <= 3, fields.count > 1 || meridiem {
            let hour = fields[0], minute = fields.count > 1 ? fields[1] : 0
            let hourRange = meridiem ? 1...12 : 0...24
            if hourRange.contains(hour), (0...59).contains(minute), fields.count < 3 || fields[2] <= 59 {
                result.clock = Clock(hour: hour, minute: minute, meridiem: meridiem)
            }
        }
        return result
    }
}
