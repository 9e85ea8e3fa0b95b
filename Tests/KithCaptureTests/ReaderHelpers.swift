import KithTime
@testable import KithCapture

func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

/// Central European time as a user's clock: +1, +2 from the last Sunday of March to the last
/// Sunday of October (01:00 UTC). Worked out here, not with KithCapture's zones, which it checks.
let berlinOffset: @Sendable (Int) -> Int = { utc in
    let year = CalendarDate(daysSinceEpoch: utc.floorDiv(86_400)).year
    func lastSunday(_ month: Int) -> Int {
        let last = CalendarDate(year: year, month: month, day: 31)!
        return last.adding(days: -((last.weekday.rawValue + 1) % 7)).daysSinceEpoch * 86_400 + 3600
    }
    return utc >= lastSunday(3) && utc < lastSunday(10) ? 7200 : 3600
}

/// Reads one calendar text as of `today`, in UTC unless told.
func capture(_ text: String, today: String = "2026-03-10", horizon: Int = 14, owner: Set<String> = [],
             offset: @escaping @Sendable (Int) -> Int = { _ in 0 }) -> CalendarCapture {
    let options = CalendarReader.Options(today: day(today), horizonDays: horizon, owner: owner, localOffset: offset)
    return CalendarReader.read(Array(text.utf8), source: "test.ics", options: options)
}

/// Wraps VEVENT lines (and any VTIMEZONE) in a VCALENDAR.
func calendar(_ body: String) -> String {
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Kith tests//EN\r\n"
        + body.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n") + "\r\nEND:VCALENDAR\r\n"
}
