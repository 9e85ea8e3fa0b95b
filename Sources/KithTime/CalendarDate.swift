/// A day in the proleptic Gregorian calendar, with no time of day and no time zone.
///
/// Kith reasons about days, not instants: "this month" and "3 weeks ago" are runs of days
/// relative to the day the user believes it is. Keeping dates as plain year/month/day values
/// makes every computation exact and independent of the machine's clock and zone.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a date, or returns nil when the day does not exist (2026-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1,
              day <= CalendarDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `days` days after 1970-01-01.
    public init(daysSinceEpoch days: Int) {
        // Howard Hinnant's civil_from_days: exact for every Int in range, no lookup tables.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// Days since 1970-01-01 (negative before it).
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Parses `YYYY-MM-DD`.
    public init?(iso text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// `YYYY-MM-DD`.
    public var iso: String {
        "\(CalendarDate.pad(year, 4))-\(CalendarDate.pad(month, 2))-\(CalendarDate.pad(day, 2))"
    }

    public var description: String { iso }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public func adding(days n: Int) -> CalendarDate {
        CalendarDate(daysSinceEpoch: daysSinceEpoch + n)
    }

    /// Adds calendar months, clamping the day to the target month's length (Jan 31 + 1 = Feb 28).
    public func adding(months n: Int) -> CalendarDate {
        let index = year * 12 + (month - 1) + n
        let y = index >= 0 ? index / 12 : (index - 11) / 12
        let m = index - y * 12 + 1
        return CalendarDate(year: y, month: m, day: min(day, CalendarDate.daysIn(month: m, year: y)))!
    }

    public func adding(years n: Int) -> CalendarDate { adding(months: 12 * n) }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(until other: CalendarDate) -> Int { other.daysSinceEpoch - daysSinceEpoch }

    public var weekday: Weekday {
        // 1970-01-01 was a Thursday.
        let index = ((daysSinceEpoch % 7) + 7 + 3) % 7
        return Weekday(rawValue: index)!
    }

    public var firstOfMonth: CalendarDate { CalendarDate(year: year, month: month, day: 1)! }
    public var lastOfMonth: CalendarDate {
        CalendarDate(year: year, month: month, day: CalendarDate.daysIn(month: month, year: year))!
    }
    /// Monday of this date's week: Kith's weeks start on Monday.
    public var startOfWeek: CalendarDate { adding(days: -weekday.rawValue) }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(abs(n))
        return (n < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - s.count)) + s
    }
}

/// Days of the week, Monday first.
public enum Weekday: Int, CaseIterable, Sendable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday

    public var name: String {
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][rawValue]
    }
}

/// A run of days, both ends inclusive.
public struct Period: Hashable, Sendable, CustomStringConvertible {
    public let start: CalendarDate
    public let end: CalendarDate

    public init(_ start: CalendarDate, _ end: CalendarDate) {
        self.start = min(start, end)
        self.end = max(start, end)
    }

    public static func day(_ date: CalendarDate) -> Period { Period(date, date) }

    public func contains(_ date: CalendarDate) -> Bool { start <= date && date <= end }

    public var description: String { start == end ? start.iso : "\(start.iso)..\(end.iso)" }
}

/// A birthday or anniversary that may lack a year (`--05-04` in the store, as in vCard).
public struct MonthDay: Hashable, Sendable, CustomStringConvertible {
    public let year: Int?
    public let month: Int
    public let day: Int

    public init?(year: Int?, month: Int, day: Int) {
        // Feb 29 is a valid year-less birthday, so check against a leap year when there is none.
        guard (1...12).contains(month), day >= 1,
              day <= CalendarDate.daysIn(month: month, year: year ?? 2000) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` or `--MM-DD`.
    public init?(iso text: String) {
        if text.hasPrefix("--") {
            let parts = text.dropFirst(2).split(separator: "-")
            guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
                  let m = Int(parts[0]), let d = Int(parts[1]) else { return nil }
            self.init(year: nil, month: m, day: d)
        } else {
            guard let date = CalendarDate(iso: text) else { return nil }
            self.init(year: date.year, month: date.month, day: date.day)
        }
    }

    public var iso: String {
        let md = "\(CalendarDate.pad(month, 2))-\(CalendarDate.pad(day, 2))"
        return year.map { "\(CalendarDate.pad($0, 4))-\(md)" } ?? "--\(md)"
    }

    public var description: String { iso }

    /// "May 4" or "May 4, 1985".
    public var spoken: String {
        let md = "\(Month.name(month)) \(day)"
        return year.map { "\(md), \($0)" } ?? md
    }

    /// The first occurrence on or after `date` (Feb 29 falls on Feb 28 in common years).
    public func nextOccurrence(onOrAfter date: CalendarDate) -> CalendarDate {
        for y in date.year...(date.year + 1) {
            let d = min(day, CalendarDate.daysIn(month: month, year: y))
            let candidate = CalendarDate(year: y, month: month, day: d)!
            if candidate >= date { return candidate }
        }
        preconditionFailure("a month and day recur within a year")
    }
}

public enum Month {
    public static let names = ["January", "February", "March", "April", "May", "June", "July",
                               "August", "September", "October", "November", "December"]

    public static func name(_ month: Int) -> String { names[month - 1] }
}
