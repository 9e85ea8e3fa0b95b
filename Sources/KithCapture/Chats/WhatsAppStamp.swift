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
    /// The date's numbers as written (`n0/n1/n2`), and how many digits each had.
    var n0 = 0, n1 = 0, n2 = 0
    var d0 = 0, d1 = 0, d2 = 0
    var hour = 0
    var minute = 0
    var second: Int?
    /// `AM`/`PM`: nil in 24-hour times, else whether it is PM.
    var pm: Bool?
    /// Where the text after the stamp and its separator starts: `Sam Lee: text`, or a system message.
    var restStart = 0

    var numbers: [Int] { [n0, n1, n2] }

    /// Hours in 24-hour time; nil when out of range.
    var hour24: Int? {
        guard let pm else { return (0...23).contains(hour) ? hour : nil }
        guard (1...12).contains(hour) else { return nil }
        return hour % 12 + (pm ? 12 : 0)
    }

    /// The stamp at the start of `line`, and the text after it.
    static func parse(_ line: String) -> (stamp: WhatsAppStamp, rest: String)? {
        let bytes = Array(line.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            parse(ByteScan(buffer), 0, buffer.count).map { ($0, String(decoding: buffer[$0.restStart...], as: UTF8.self)) }
        }
    }

    /// The stamp at the start of the line `start..<end` of `s` (bytes, as the reader has them: this
    /// runs on every line of an export).
    static func parse(_ s: ByteScan, _ start: Int, _ end: Int) -> WhatsAppStamp? {
        var c = Cursor(s: s, i: start, end: end)
        var stamp = WhatsAppStamp()
        c.skipMarks()
        let bracketed = c.take(0x5B)  // [

        // The date.
        var separator: UInt8 = 0
        for index in 0..<3 {
            guard let (value, count) = c.number(max: 4) else { return nil }
            switch index {
            case 0: (stamp.n0, stamp.d0) = (value, count)
            case 1: (stamp.n1, stamp.d1) = (value, count)
            default: (stamp.n2, stamp.d2) = (value, count)
            }
            if index < 2 {
                guard let next = c.peek, next == 0x2F || next == 0x2E || next == 0x2D else { return nil }  // / . -
                if separator != 0, separator != next { return nil }
                separator = next
                c.i += 1
                _ = c.take(0x20)
            }
        }
        // A year of four digits may come first or last; the other numbers have one or two.
        guard stamp.d1 <= 2, stamp.d0 <= 2 || stamp.d0 == 4, stamp.d2 <= 2 || stamp.d2 == 4,
              stamp.d0 <= 2 || stamp.d2 <= 2 else { return nil }
        _ = c.take(0x2E)
        let comma = c.take(0x2C)
        guard c.skipSpaces() else { return nil }
        // A word between the date and the time ("à", "klo", "um"), at most five letters.
        if let first = c.peek, first.isASCIILetter || first >= 0xC0 {
            let wordStart = c.i
            while let next = c.peek, next.isASCIILetter || next == 0x2E || (next >= 0x80 && c.spaceLength == 0) { c.i += 1 }
            guard c.i - wordStart <= 10, c.skipSpaces() else { return nil }
        }

        // The time.
        guard let (hour, _) = c.number(max: 2), let timeSeparator = c.peek, timeSeparator == 0x3A || timeSeparator == 0x2E else { return nil }
        c.i += 1
        guard let (minute, minuteDigits) = c.number(max: 2), minuteDigits == 2 else { return nil }
        (stamp.hour, stamp.minute) = (hour, minute)
        if c.take(timeSeparator) {
            guard let (second, count) = c.number(max: 2), count == 2 else { return nil }
            stamp.second = second
        }
        let beforeMeridiem = c.i
        _ = c.skipSpaces()
        if let pm = c.meridiem() { stamp.pm = pm } else { c.i = beforeMeridiem }

        // The end of the stamp.
        if bracketed {
            guard c.take(0x5D), c.skipSpace() else { return nil }
        } else if c.take(0x3A) {
            guard c.skipSpace() else { return nil }  // "13.06.18 21.25.15: Sam: text"
        } else {
            guard c.skipSpace() else { return nil }
            // Android's " - "; without the dash, a layout of its own ("13. 6. 2018. 21:25:15 Sam: text"),
            // whose date has no comma after it.
            if c.take(0x2D) || c.take([0xE2, 0x80, 0x93]) {  // - or –
                guard c.skipSpace() else { return nil }
            } else if comma {
                return nil
            }
        }
        stamp.restStart = c.i
        return stamp
    }

    /// A position in one line's bytes.
    struct Cursor {
        let s: ByteScan
        var i: Int
        let end: Int

        var peek: UInt8? { i < end ? s[i] : nil }

        mutating func take(_ byte: UInt8) -> Bool {
            guard i < end, s[i] == byte else { return false }
            i += 1
            return true
        }

        mutating func take(_ bytes: [UInt8]) -> Bool {
            guard i + bytes.count <= end, bytes.indices.allSatisfy({ s[i + $0] == bytes[$0] }) else { return false }
            i += bytes.count
            return true
        }

        /// The length of the space at `i`: a space, a no-break space (C2 A0), a narrow no-break
        /// space (E2 80 AF, iOS before AM/PM) or a thin space (E2 80 89); 0 for anything else.
        var spaceLength: Int {
            guard i < end else { return 0 }
            if s[i] == 0x20 { return 1 }
            if s[i] == 0xC2, i + 1 < end, s[i + 1] == 0xA0 { return 2 }
            if s[i] == 0xE2, i + 2 < end, s[i + 1] == 0x80, s[i + 2] == 0xAF || s[i + 2] == 0x89 { return 3 }
            return 0
        }

        /// Passes over one space; false when there is none.
        mutating func skipSpace() -> Bool {
            let n = spaceLength
            i += n
            return n > 0
        }

        /// Passes over a run of spaces; false when there is none.
        mutating func skipSpaces() -> Bool {
            guard skipSpace() else { return false }
            while skipSpace() {}
            return true
        }

        /// Passes over direction marks and byte-order marks (`WhatsAppStamp.markLength`).
        mutating func skipMarks() {
            while case let n = WhatsAppStamp.markLength(s, i, end), n > 0 { i += n }
        }

        mutating func number(max: Int) -> (Int, Int)? {
            var value = 0
            var count = 0
            while i < end, s[i].isASCIIDigit, count < max {
                value = value * 10 + Int(s[i] - 0x30)
                count += 1
                i += 1
            }
            if i < end, s[i].isASCIIDigit { return nil }  // too many digits
            return count > 0 ? (value, count) : nil
        }

        /// `AM`, `pm`, `a.m.`, `p. m.`: true for PM; nil (nothing read) when there is none.
        mutating func meridiem() -> Bool? {
            var t = self
            guard let first = t.peek, first | 0x20 == 0x61 || first | 0x20 == 0x70 else { return nil }  // a, p
            t.i += 1
            _ = t.take(0x2E)
            _ = t.skipSpace()
            guard let m = t.peek, m | 0x20 == 0x6D else { return nil }
            t.i += 1
            _ = t.take(0x2E)
            if let next = t.peek, next.isASCIILetter { return nil }
            self = t
            return first | 0x20 == 0x70
        }
    }

    /// The length of the invisible direction mark or byte-order mark at `i` (U+200E, U+200F,
    /// U+202A…U+202E, U+2066…U+2069, U+FEFF), which iOS puts at line starts and around names and
    /// numbers; 0 when there is none.
    static func markLength(_ s: ByteScan, _ i: Int, _ end: Int) -> Int {
        guard i + 3 <= end else { return 0 }
        let (a, b, c) = (s[i], s[i + 1], s[i + 2])
        if a == 0xE2, b == 0x80, c == 0x8E || c == 0x8F || (0xAA...0xAE).contains(c) { return 3 }
        if a == 0xE2, b == 0x81, (0xA6...0xA9).contains(c) { return 3 }
        if a == 0xEF, b == 0xBB, c == 0xBF { return 3 }
        return 0
    }

    /// Whether `scalar` is one of the marks `markLength` passes over.
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
