import KithText
import KithTime

/// Dates as address books write them.
enum DateText {
    /// A birthday: `1985-05-04`, `19850504`, `--05-04`, `--0504` (vCard's year-less forms),
    /// any of these followed by a time (`1985-05-04T00:00:00Z`), or spelled out (`4 May 1985`,
    /// `May 4, 1985`, `May 4`). A year of 0000 or `omittedYear` (Apple writes
    /// `BDAY;X-APPLE-OMIT-YEAR=1604:1604-05-04`) means the year is unknown.
    static func birthday(_ text: String, omittedYear: Int? = nil) -> MonthDay? {
        var value = Substring(text.trimmed)
        if let t = value.firstIndex(of: "T"), value.first?.isNumber == true || value.hasPrefix("--") {
            value = value[..<t]
        }
        if value.hasPrefix("--") {
            let digits = value.dropFirst(2).filter { $0 != "-" }
            guard digits.count == 4, let m = Int(digits.prefix(2)), let d = Int(digits.suffix(2)) else { return nil }
            return MonthDay(year: nil, month: m, day: d)
        }
        let digits = value.filter { $0 != "-" }
        if digits.count == 8, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
           value.count == 8 || value.count == 10,
           let y = Int(digits.prefix(4)), let m = Int(digits.dropFirst(4).prefix(2)), let d = Int(digits.suffix(2)) {
            let year = y == 0 || y == omittedYear ? nil : y
            return MonthDay(year: year, month: m, day: d)
        }
        return spelled(value)
    }

    /// A day: `2024-01-01`, or spelled out as LinkedIn writes it (`01 Jan 2024`, `Jan 1, 2024`).
    static func day(_ text: String) -> CalendarDate? {
        let value = text.trimmed
        if let date = CalendarDate(iso: value.prefix(10)), value.count == 10 { return date }
        guard let spelled = spelled(Substring(value)), let year = spelled.year else { return nil }
        return CalendarDate(year: year, month: spelled.month, day: spelled.day)
    }

    /// "4 May 1985", "May 4, 1985", "01 Jan 2024", "May 4": a month name, a day and maybe a year.
    private static func spelled(_ text: Substring) -> MonthDay? {
        let words = text.lowercased().split { $0 == " " || $0 == "," || $0 == "." }
        guard (2...3).contains(words.count) else { return nil }
        var month: Int?, day: Int?, year: Int?
        for word in words.map(String.init) {
            if month == nil, let m = TimeExpressionParser.month(word) {
                month = m
            } else if day == nil, word.count <= 2, let d = Int(word) {
                day = d
            } else if year == nil, word.count == 4, let y = Int(word) {
                year = y
            } else {
                return nil
            }
        }
        guard let month, let day else { return nil }
        return MonthDay(year: year, month: month, day: day)
    }
}
