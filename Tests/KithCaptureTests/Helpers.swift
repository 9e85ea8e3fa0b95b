import KithTime
import Testing
@testable import KithCapture

/// `19970902T090000` or `19970902` as seconds on its own clock.
func wall(_ text: String) -> Int {
    RawTime.parse(Array(text.utf8), tzid: nil)!.wall
}

/// `YYYYMMDD` or `YYYYMMDDTHHMMSS`.
func stamp(_ seconds: Int, time: Bool = false) -> String {
    ICalendarValue.stamp(seconds, isDate: !time, isUTC: false)
}

/// A rule's occurrences from `start` through `through`, as `YYYYMMDD` (or with the time).
func occurrences(_ rule: String, _ start: String, through: String = "20301231T235959", until: String? = nil,
                 time: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
    do {
        let rule = try RecurrenceRule.parse(rule)
        var result: [String] = []
        let untilWall = until.map(wall) ?? rule.until.map { $0.isDate && start.count > 8 ? $0.wall + 86_399 : $0.wall }
        rule.expand(start: wall(start), until: untilWall, limit: wall(through)) { result.append(stamp($0, time: time)) }
        return result
    } catch {
        Issue.record("\(error)", sourceLocation: sourceLocation)
        return []
    }
}
