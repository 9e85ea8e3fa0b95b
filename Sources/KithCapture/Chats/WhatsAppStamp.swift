/// The time stamp that starts each message of a WhatsApp chat export, in the layouts phones write:
///
///     12/03/24, 14:05 - Sam Lee: text                  Android
///     3/12/24, 2:05 PM - Sam Lee: text                 Android, US settings
///     [12/03/24, 14:05:09] Sam Lee: text               iOS
///     ‎[3/12/24, 2:05:09 PM] Sam Lee: text              iOS, US settings (U+200E first, U+202F before PM)
///     12.03.24, 14:05 - Sam Lee: text                  German settings
///     2024-03-12, 14:05 - Sam Lee: text                ISO dates
///     12/03/2024 à 14:05 - Sam Lee: text               French Android
///     13.6.2018 klo 21.25.15 - Sam Lee: text           Finnish (dots in the time)
///
/// The date is three numbers separated by `/`, `.` or `-` (a space may follow each, a dot may end
/// it); its order is decided for the whole file (`ChatDateOrder`). The time is `h:mm`, `h:mm:ss`
/// or the same with dots, in 24 hours or 12 with `AM`/`PM`, `am`/`pm`, `a.m.`/`p.m.` or
/// `a. m.`/`p. m.` after a space, a no-break space or a narrow no-break space.
struct WhatsAppStamp: Equatable {
    /// The date's numbers as written, and how many digits each had.
    var numbers: [Int]
    var digits: [Int]
    var hour: Int
    var minute: Int
    var second: Int?
    /// `AM`/`PM`: nil in 24-hour times, else whether it is PM.
    var pm: Bool?
    /// The text after the stamp and its separator: `Sam Lee: text`, or a system message.
    var rest: Substring

    /// Hours in 24-hour time; nil when out of range.
    var hour24: Int? {
        guard let pm else { return (0...23).contains(hour) ? hour : nil }
        guard (1...12).contains(hour) else { return nil }
        return hour % 12 + (pm ? 12 : 0)
    }

    static func parse(_ line: String) -> WhatsAppStamp? {
        parse(line[...])
    }

    static func parse(_ line: Substring) -> WhatsAppStamp? {
        var s = line.unicodeScalars[...]
        while let first = s.first, isMark(first) { s.removeFirst() }
        let bracketed = s.first == "["
        if bracketed { s.removeFirst() }

        // The date.
        var numbers: [Int] = []
        var digits: [Int] = []
        var separator: Unicode.Scalar?
        for index in 0..<3 {
            guard let (value, count) = number(&s, max: 4) else { return nil }
            numbers.append(value)
            digits.append(count)
            if index < 2 {
                guard let next = s.first, next == "/" || next == "." || next == "-" else { return nil }
                if let separator, separator != next { return nil }
                separator = next
                s.removeFirst()
                if s.first == " " { s.removeFirst() }
            }
        }
        // A year of four digits may come first or last; the other numbers have one or two.
        guard digits[1] <= 2, digits[0] <= 2 || digits[0] == 4, digits[2] <= 2 || digits[2] == 4,
              digits[0] <= 2 || digits[2] <= 2 else { return nil }
        if s.first == "." { s.removeFirst() }
        let comma = s.first == ","
        if comma { s.removeFirst() }
        guard let space = s.first, isSpace(space) else { return nil }
        while let next = s.first, isSpace(next) { s.removeFirst() }
        // A word between the date and the time ("à", "klo", "um"), at most five letters.
        if let first = s.first, first.properties.isAlphabetic {
            var word = 0
            while let next = s.first, next.properties.isAlphabetic || next == "." { s.removeFirst(); word += 1 }
            guard word <= 5, let space = s.first, isSpace(space) else { return nil }
            while let next = s.first, isSpace(next) { s.removeFirst() }
        }

        // The time.
        guard let (hour, hourDigits) = number(&s, max: 2), hourDigits >= 1,
              let timeSeparator = s.first, timeSeparator == ":" || timeSeparator == "." else { return nil }
        s.removeFirst()
        guard let (minute, minuteDigits) = number(&s, max: 2), minuteDigits == 2 else { return nil }
        var second: Int?
        if s.first == timeSeparator {
            s.removeFirst()
            guard let (value, count) = number(&s, max: 2), count == 2 else { return nil }
            second = value
        }
        var pm: Bool?
        let beforeMeridiem = s
        while let next = s.first, isSpace(next) { s.removeFirst() }
        if let meridiem = meridiem(&s) { pm = meridiem } else { s = beforeMeridiem }

        // The end of the stamp.
        if bracketed {
            guard s.first == "]" else { return nil }
            s.removeFirst()
            guard let space = s.first, isSpace(space) else { return nil }
            s.removeFirst()
        } else {
            guard let space = s.first, isSpace(space) else {
                // "13.06.18 21.25.15: Sam: text"
                guard s.first == ":" else { return nil }
                s.removeFirst()
                guard let space = s.first, isSpace(space) else { return nil }
                s.removeFirst()
                return WhatsAppStamp(numbers: numbers, digits: digits, hour: hour, minute: minute, second: second,
                                     pm: pm, rest: Substring(s))
            }
            s.removeFirst()
            // Android's " - "; without the dash, a layout of its own ("13. 6. 2018. 21:25:15 Sam: text"),
            // whose date has no comma after it.
            if let dash = s.first, dash == "-" || dash == "–" {
                s.removeFirst()
                guard let space = s.first, isSpace(space) else { return nil }
                s.removeFirst()
            } else if comma {
                return nil
            }
        }
        return WhatsAppStamp(numbers: numbers, digits: digits, hour: hour, minute: minute, second: second,
                             pm: pm, rest: Substring(s))
    }

    private static func number(_ s: inout Substring.UnicodeScalarView.SubSequence, max: Int) -> (Int, Int)? {
        var value = 0
        var count = 0
        while let next = s.first, ("0"..."9").contains(next), count < max {
            value = value * 10 + Int(next.value - 0x30)
            count += 1
            s.removeFirst()
        }
        if let next = s.first, ("0"..."9").contains(next) { return nil }  // too many digits
        return count > 0 ? (value, count) : nil
    }

    /// `AM`, `pm`, `a.m.`, `p. m.`: true for PM.
    private static func meridiem(_ s: inout Substring.UnicodeScalarView.SubSequence) -> Bool? {
        var t = s
        guard let first = t.first, "aApP".unicodeScalars.contains(first) else { return nil }
        t.removeFirst()
        if t.first == "." { t.removeFirst() }
        if let next = t.first, isSpace(next) { t.removeFirst() }
        guard let m = t.first, m == "m" || m == "M" else { return nil }
        t.removeFirst()
        if t.first == "." { t.removeFirst() }
        if let next = t.first, next.properties.isAlphabetic { return nil }
        s = t
        return first == "p" || first == "P"
    }

    /// The spaces phones write: space, no-break space, narrow no-break space (iOS, before AM/PM).
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\u{A0}" || scalar == "\u{202F}" || scalar == "\u{2009}"
    }

    /// Invisible direction marks and the byte-order mark, which iOS puts at line starts and
    /// around names and numbers.
    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF: return true
        default: return false
        }
    }
}

/// Which of a chat export's date numbers is the day and which the month.
public enum ChatDateOrder: String, CaseIterable, Hashable, Sendable {
    /// `12/03/24` is 12 March 2024: most of the world.
    case dayMonth
    /// `3/12/24` is 12 March 2024: the US.
    case monthDay
    /// `2024-03-12`.
    case yearMonthDay

    public var description: String {
        switch self {
        case .dayMonth: return "day/month"
        case .monthDay: return "month/day"
        case .yearMonthDay: return "year-month-day"
        }
    }
}
