/// An RRULE (RFC 5545 §3.3.10), read and checked; `expand` lists its occurrences.
///
/// Frequencies of a day or longer are supported — DAILY, WEEKLY, MONTHLY, YEARLY — with every
/// BYxxx part (BYMONTH, BYWEEKNO, BYYEARDAY, BYMONTHDAY, BYDAY with ordinals, BYHOUR, BYMINUTE,
/// BYSECOND, BYSETPOS), INTERVAL, COUNT, UNTIL and WKST. HOURLY, MINUTELY and SECONDLY are
/// refused: a meeting does not repeat within a day, and expanding them over years would cost
/// more than a whole calendar.
struct RecurrenceRule: Hashable, Sendable {
    enum Frequency: String, Sendable { case yearly = "YEARLY", monthly = "MONTHLY", weekly = "WEEKLY", daily = "DAILY" }

    /// A BYDAY entry: `2MO` is (2, 0), `-1FR` is (-1, 4), `TU` is (0, 1). Weekdays count from
    /// Monday = 0, as `KithTime.Weekday` does.
    struct WeekdayNumber: Hashable, Sendable {
        var ordinal: Int
        var weekday: Int
    }

    var frequency: Frequency
    var interval = 1
    var count: Int?
    var until: RawTime?
    /// Bit `m` set for each month m (1…12).
    var byMonth: UInt16 = 0
    var byWeekNo: [Int] = []
    var byYearDay: [Int] = []
    var byMonthDay: [Int] = []
    var byDay: [WeekdayNumber] = []
    var byHour: [Int] = []
    var byMinute: [Int] = []
    var bySecond: [Int] = []
    var bySetPos: [Int] = []
    var weekStart = 0

    /// Why a rule cannot be read: "FREQ is missing", "BYMONTHDAY=0 is out of range".
    struct Problem: Error, Equatable, CustomStringConvertible {
        var description: String
    }

    static let weekdayNames = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    /// Reads `FREQ=MONTHLY;BYDAY=2TU;COUNT=10`. Part names and values are read in any case;
    /// `X-` parts and `RSCALE=GREGORIAN`/`SKIP=OMIT` (RFC 7529's defaults) are ignored.
    ///
    /// A rule with both COUNT and UNTIL, which RFC 5545 forbids, ends at whichever comes first.
    static func parse(_ text: String) throws(Problem) -> RecurrenceRule {
        var rule = RecurrenceRule(frequency: .daily)
        var seen: Set<String> = []
        var frequency: Frequency?
        for part in text.split(separator: ";", omittingEmptySubsequences: true) {
            let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = pair[0].trimmingSpaces.uppercased()
            guard pair.count == 2 else { throw Problem(description: "\"\(part)\" is not NAME=VALUE") }
            let value = pair[1].trimmingSpaces.uppercased()
            if name.hasPrefix("X-") { continue }
            guard seen.insert(name).inserted else { throw Problem(description: "\(name) is given twice") }
            guard !value.isEmpty else { throw Problem(description: "\(name) has no value") }
            func numbers(_ range: ClosedRange<Int>, signed: Bool) throws(Problem) -> [Int] {
                var result: [Int] = []
                for item in value.split(separator: ",", omittingEmptySubsequences: false) {
                    guard let n = Int(item.trimmingSpaces), range.contains(abs(n)), signed || n >= 0, n != 0 || range.lowerBound == 0 else {
                        throw Problem(description: "\(name)=\(item) is out of range")
                    }
                    result.append(n)
                }
                return result
            }
            switch name {
            case "FREQ":
                switch value {
                case "YEARLY", "MONTHLY", "WEEKLY", "DAILY": frequency = Frequency(rawValue: value)
                case "HOURLY", "MINUTELY", "SECONDLY":
                    throw Problem(description: "FREQ=\(value) is not supported: Kith reads events that repeat daily or less often")
                default: throw Problem(description: "FREQ=\(value) is not a frequency")
                }
            case "INTERVAL":
                guard let n = Int(value), n >= 1, n <= 10_000 else { throw Problem(description: "INTERVAL=\(value) is not a positive number") }
                rule.interval = n
            case "COUNT":
                guard let n = Int(value), n >= 1 else { throw Problem(description: "COUNT=\(value) is not a positive number") }
                rule.count = n
            case "UNTIL":
                guard let until = RawTime.parse(value.utf8, tzid: nil) else { throw Problem(description: "UNTIL=\(value) is not a date") }
                rule.until = until
            case "BYMONTH":
                for m in try numbers(1...12, signed: false) { rule.byMonth |= 1 << m }
            case "BYWEEKNO": rule.byWeekNo = try numbers(1...53, signed: true)
            case "BYYEARDAY": rule.byYearDay = try numbers(1...366, signed: true)
            case "BYMONTHDAY": rule.byMonthDay = try numbers(1...31, signed: true)
            case "BYHOUR": rule.byHour = try numbers(0...23, signed: false)
            case "BYMINUTE": rule.byMinute = try numbers(0...59, signed: false)
            case "BYSECOND": rule.bySecond = try numbers(0...59, signed: false)
            case "BYSETPOS": rule.bySetPos = try numbers(1...366, signed: true)
            case "BYDAY":
                for item in value.split(separator: ",", omittingEmptySubsequences: false) {
                    let item = item.trimmingSpaces
                    guard item.count >= 2, let weekday = weekdayNames.firstIndex(of: String(item.suffix(2))) else {
                        throw Problem(description: "BYDAY=\(item) is not a weekday")
                    }
                    let prefix = item.dropLast(2)
                    var ordinal = 0
                    if !prefix.isEmpty {
                        guard let n = Int(prefix), n != 0, abs(n) <= 53 else { throw Problem(description: "BYDAY=\(item) has a bad ordinal") }
                        ordinal = n
                    }
                    rule.byDay.append(WeekdayNumber(ordinal: ordinal, weekday: weekday))
                }
            case "WKST":
                guard let weekday = weekdayNames.firstIndex(of: value) else { throw Problem(description: "WKST=\(value) is not a weekday") }
                rule.weekStart = weekday
            case "RSCALE":
                guard value == "GREGORIAN" else { throw Problem(description: "RSCALE=\(value) is not supported") }
            case "SKIP":
                guard value == "OMIT" else { throw Problem(description: "SKIP=\(value) is not supported") }
            default:
                throw Problem(description: "\(name) is not a part of a recurrence rule")
            }
        }
        guard let frequency else { throw Problem(description: "FREQ is missing") }
        rule.frequency = frequency
        return rule
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: SubSequence {
        var start = startIndex, end = endIndex
        while start < end, self[start] == " " || self[start] == "\t" { start = index(after: start) }
        while end > start, self[index(before: end)] == " " || self[index(before: end)] == "\t" { end = index(before: end) }
        return self[start..<end]
    }
}
