import KithTime

/// Dates in mail: RFC 5322's `Date` field with the obsolete forms real mail has, and the
/// `asctime` date of an mbox `From ` line.
///
/// Read: an optional weekday (ignored, never checked), day, month name, year, time, zone —
/// `Tue, 5 Mar 2024 14:05:09 +0100` — and also
/// - two- and three-digit years (`97` is 1997, `24` is 2024: below 50 is this century; three
///   digits add 1900, RFC 5322 §4.3);
/// - named zones: `UT`, `UTC`, `GMT`, `Z`, the US ones (`EST` −5 … `PDT` −7), and common European
///   and Asian ones writers still use (`CET`, `CEST`, `BST`, `JST`, …); the military letters are
///   −0000 ("no zone information"), as RFC 5322 §4.3 says to read them; other words (`IST` means
///   three zones) are ignored, as if no zone were given;
/// - a missing zone: the time is taken as written, in the user's zone;
/// - missing seconds, a leap second, comments anywhere (`(CET)`), white space around the colons,
///   dashes (`5-Mar-2024`), and `asctime`'s month-first `Tue Mar  5 14:05:09 2024`.
enum MailDate {
    struct Stamp: Equatable, Sendable {
        var date: CalendarDate
        /// Seconds after midnight, as written.
        var seconds: Int
        /// The zone's offset east of UTC in seconds; nil when none was given.
        var zone: Int?

        /// Seconds since 1970 UTC (the written time in the user's zone when no zone was given).
        func instant(in localTime: LocalTime) -> Int64 {
            guard let zone else { return localTime.instant(of: date, seconds: seconds) }
            return Int64(date.daysSinceEpoch) * 86_400 + Int64(seconds) - Int64(zone)
        }

        /// The day and time it was in the user's zone.
        func local(in localTime: LocalTime) -> (date: CalendarDate, seconds: Int) {
            guard zone != nil else { return (date, seconds) }
            return localTime.local(instant(in: localTime))
        }
    }

    private enum Token: Equatable {
        case word([UInt8])
        case number(Int, digits: Int)
        case time(Int, Int, Int?)
        /// A signed four-digit number: a zone after the time, a year before it (`5-Mar-2024`).
        /// The offset is nil when the digits are no zone (`-1999`, `+2400`).
        case zone(Int?, digits: Int)
    }

    static func parse(_ bytes: some Collection<UInt8>) -> Stamp? {
        let tokens = tokenize(Array(bytes))
        var month: Int?
        var numbers: [(value: Int, digits: Int)] = []
        var time: (Int, Int, Int?)?
        var zone: Int?
        var zoneName: Int?
        for token in tokens {
            switch token {
            case .word(let word):
                if let m = monthNumber(word) {
                    guard month == nil else { return nil }
                    month = m
                } else if isWeekday(word) {
                    continue
                } else if time != nil, zoneName == nil, let offset = zoneOffset(word) {
                    zoneName = offset
                }
            case .number(let value, let digits):
                numbers.append((value, digits))
            case .time(let h, let m, let s):
                guard time == nil else { return nil }
                time = (h, m, s)
            case .zone(let offset, let digits):
                if time == nil {
                    numbers.append((digits, 4))
                } else {
                    guard let offset else { return nil }
                    zone = offset
                }
            }
        }
        guard let month, let time, numbers.count >= 2, numbers[0].digits <= 2 else { return nil }
        var year = numbers[1].value
        switch numbers[1].digits {
        case 1, 2: year += year < 50 ? 2000 : 1900
        case 3: year += 1900
        case 4: break
        default: return nil
        }
        let (h, m, s) = time
        guard let date = CalendarDate(year: year, month: month, day: numbers[0].value),
              (0...23).contains(h), (0...59).contains(m), (0...60).contains(s ?? 0) else { return nil }
        return Stamp(date: date, seconds: h * 3600 + m * 60 + min(s ?? 0, 59), zone: zone ?? zoneName)
    }

    /// Words, numbers, `h:m[:s]` times and `±hhmm` zones; comments, commas, dots and dashes between
    /// parts dropped.
    private static func tokenize(_ text: [UInt8]) -> [Token] {
        let bytes = withoutComments(text)
        var tokens: [Token] = []
        var i = 0
        let n = bytes.count
        func skipBlanks() { while i < n, bytes[i].isBlank || bytes[i] == 0x0D || bytes[i] == 0x0A { i += 1 } }
        func number() -> (value: Int, digits: Int)? {
            let start = i
            var value = 0
            while i < n, bytes[i].isASCIIDigit, i - start < 9 { value = value * 10 + Int(bytes[i] - 0x30); i += 1 }
            return i > start ? (value, i - start) : nil
        }
        while i < n {
            let byte = bytes[i]
            if byte.isASCIILetter {
                let start = i
                while i < n, bytes[i].isASCIILetter { i += 1 }
                tokens.append(.word(bytes[start..<i].map(\.asciiLowercased)))
            } else if byte.isASCIIDigit {
                let first = number()!
                let afterNumber = i
                skipBlanks()
                if i < n, bytes[i] == 0x3A {  // a time: h:m[:s], white space around the colons allowed
                    i += 1
                    skipBlanks()
                    guard let minute = number() else { return [] }
                    let afterMinute = i
                    skipBlanks()
                    var second: Int?
                    if i < n, bytes[i] == 0x3A {
                        i += 1
                        skipBlanks()
                        second = number()?.value
                    } else {
                        i = afterMinute
                    }
                    tokens.append(.time(first.value, minute.value, second))
                } else {
                    i = afterNumber
                    tokens.append(.number(first.value, digits: first.digits))
                }
            } else if byte == 0x2B || byte == 0x2D, i + 4 < n, (1...4).allSatisfy({ bytes[i + $0].isASCIIDigit }),
                      i + 5 == n || !bytes[i + 5].isASCIIDigit {
                let hh = Int(bytes[i + 1] - 0x30) * 10 + Int(bytes[i + 2] - 0x30)
                let mm = Int(bytes[i + 3] - 0x30) * 10 + Int(bytes[i + 4] - 0x30)
                if hh < 24, mm < 60 {
                    tokens.append(.zone((hh * 3600 + mm * 60) * (byte == 0x2D ? -1 : 1), digits: hh * 100 + mm))
                } else {
                    tokens.append(.zone(nil, digits: hh * 100 + mm))  // "5-Mar-1999", or no zone at all
                }
                i += 5
            } else {
                i += 1
            }
        }
        return tokens
    }

    /// `bytes` with each comment (nested ones too) made one space.
    private static func withoutComments(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(0x28) else { return bytes }
        var out: [UInt8] = []
        var depth = 0
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if depth > 0, byte == 0x5C { i += 2; continue }
            if byte == 0x28 { depth += 1 }
            else if byte == 0x29, depth > 0 { depth -= 1; if depth == 0 { out.append(0x20) } }
            else if depth == 0 { out.append(byte) }
            i += 1
        }
        return out
    }

    private static let months: [[UInt8]] = ["jan", "feb", "mar", "apr", "may", "jun",
                                            "jul", "aug", "sep", "oct", "nov", "dec"].map { Array($0.utf8) }
    private static let weekdays: [[UInt8]] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map { Array($0.utf8) }

    /// A month's number from its name or its first three letters (`mar`, `March`).
    private static func monthNumber(_ word: [UInt8]) -> Int? {
        guard word.count >= 3 else { return nil }
        let prefix = Array(word.prefix(3))
        return months.firstIndex(of: prefix).map { $0 + 1 }
    }

    private static func isWeekday(_ word: [UInt8]) -> Bool {
        word.count >= 3 && weekdays.contains(Array(word.prefix(3)))
    }

    /// Named zones, in hours east of UTC (RFC 5322's, then the common others).
    private static let zoneHours: [String: Double] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0,
        "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8, "pdt": -7,
        "akst": -9, "akdt": -8, "hst": -10, "ast": -4, "adt": -3, "nst": -3.5, "ndt": -2.5,
        "wet": 0, "west": 1, "bst": 1, "cet": 1, "cest": 2, "met": 1, "mest": 2, "mez": 1, "mesz": 2,
        "eet": 2, "eest": 3, "msk": 3, "jst": 9, "kst": 9, "hkt": 8, "sgt": 8, "awst": 8,
        "acst": 9.5, "acdt": 10.5, "aest": 10, "aedt": 11, "nzst": 12, "nzdt": 13,
    ]

    /// A named zone's offset; 0 for a military letter; nil for any other word (text after the
    /// date, such as an mbox `From ` line's trailing words).
    private static func zoneOffset(_ word: [UInt8]) -> Int? {
        if let hours = zoneHours[String(decoding: word, as: UTF8.self)] { return Int(hours * 3600) }
        return word.count == 1 ? 0 : nil
    }
}
