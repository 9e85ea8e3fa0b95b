/// Named holidays and the day each falls on in a given year (the US dates where countries differ).
enum Holiday {
    case fixed(month: Int, day: Int)
    /// The nth given weekday of a month; n = -1 for the last.
    case nthWeekday(Int, Weekday, month: Int)
    /// Days after Easter Sunday (Good Friday is -2).
    case easter(Int)
    /// Days after Thanksgiving (Black Friday is 1).
    case thanksgiving(Int)

    func date(in year: Int) -> CalendarDate {
        switch self {
        case .fixed(let month, let day):
            return CalendarDate(year: year, month: month, day: day)!
        case .nthWeekday(let n, let weekday, let month):
            return Self.nth(n, weekday, month: month, year: year)!
        case .easter(let offset):
            return Self.easterSunday(year).adding(days: offset)
        case .thanksgiving(let offset):
            return Self.nth(4, .thursday, month: 11, year: year)!.adding(days: offset)
        }
    }

    /// The nth `weekday` of a month (n = -1 for the last), or nil when the month has no such day.
    static func nth(_ n: Int, _ weekday: Weekday, month: Int, year: Int) -> CalendarDate? {
        let first = CalendarDate(year: year, month: month, day: 1)!
        if n < 0 {
            let last = first.lastOfMonth
            let back = (last.weekday.rawValue - weekday.rawValue + 7) % 7
            return last.adding(days: -back - 7 * (-n - 1))
        }
        let ahead = (weekday.rawValue - first.weekday.rawValue + 7) % 7
        let date = first.adding(days: ahead + 7 * (n - 1))
        return date.month == month ? date : nil
    }

    /// Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    static func easterSunday(_ year: Int) -> CalendarDate {
        let a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return CalendarDate(year: year, month: month, day: day)!
    }

    /// Each name as the tokenizer splits it ("new year's day" → new, year, 's, day).
    static let names: [(words: [String], holiday: Holiday)] = {
        var names: [([String], Holiday)] = []
        func add(_ forms: [String], _ holiday: Holiday) {
            for form in forms { names.append((form.split(separator: " ").map(String.init), holiday)) }
        }
        add(["christmas", "christmas day", "xmas", "xmas day", "x-mas"], .fixed(month: 12, day: 25))
        add(["christmas eve", "xmas eve"], .fixed(month: 12, day: 24))
        add(["boxing day"], .fixed(month: 12, day: 26))
        add(["new year", "new year 's", "new year 's day", "new year day", "new years", "new years day",
             "new years 's", "new years 's day"], .fixed(month: 1, day: 1))
        add(["new year 's eve", "new years eve", "new years 's eve", "new year eve"], .fixed(month: 12, day: 31))
        add(["thanksgiving", "thanksgiving day"], .thanksgiving(0))
        add(["black friday"], .thanksgiving(1))
        add(["cyber monday"], .thanksgiving(4))
        add(["easter", "easter sunday", "easter day"], .easter(0))
        add(["easter monday", "easter mon"], .easter(1))
        add(["mardi gras", "shrove tuesday", "pancake day"], .easter(-47))
        add(["good friday"], .easter(-2))
        add(["palm sunday"], .easter(-7))
        add(["ash wednesday"], .easter(-46))
        add(["halloween"], .fixed(month: 10, day: 31))
        add(["valentine 's day", "valentines day", "valentine day"], .fixed(month: 2, day: 14))
        add(["st patrick 's day", "saint patrick 's day", "st patricks day", "st paddy 's day", "st patrick 's",
             "st patty 's day"], .fixed(month: 3, day: 17))
        add(["independence day"], .fixed(month: 7, day: 4))
        add(["juneteenth"], .fixed(month: 6, day: 19))
        add(["veterans day", "veterans 's day", "veteran 's day"], .fixed(month: 11, day: 11))
        add(["labor day", "labour day"], .nthWeekday(1, .monday, month: 9))
        add(["memorial day"], .nthWeekday(-1, .monday, month: 5))
        add(["mother 's day", "mothers day", "mothers 's day"], .nthWeekday(2, .sunday, month: 5))
        add(["father 's day", "fathers day", "fathers 's day"], .nthWeekday(3, .sunday, month: 6))
        add(["mlk day", "mlk jr day", "mlk", "martin luther king day", "martin luther king jr day"],
            .nthWeekday(3, .monday, month: 1))
        add(["presidents day", "presidents 's day", "president 's day"], .nthWeekday(3, .monday, month: 2))
        add(["columbus day"], .nthWeekday(2, .monday, month: 10))
        // Longest first, so "christmas eve" is tried before "christmas".
        return names.sorted { $0.0.count > $1.0.count }.map { (words: $0.0, holiday: $0.1) }
    }()

    static let firstWords: Set<String> = Set(names.map { $0.words[0] })

    /// Holidays counted: "3 christmases ago".
    static let plurals: [String: Holiday] = [
        "christmases": .fixed(month: 12, day: 25), "easters": .easter(0), "thanksgivings": .thanksgiving(0),
        "halloweens": .fixed(month: 10, day: 31),
    ]
}
