import KithTime

/// Seconds on some clock since 1970-01-01T00:00 on that clock: UTC, a time zone's wall clock,
/// or the "floating" time of a file that names no zone. Days are `floorDiv(86_400)`.
typealias Seconds = Int

extension Int {
    /// Division rounding towards minus infinity, so days before 1970 come out right.
    @inline(__always) func floorDiv(_ divisor: Int) -> Int {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }

    @inline(__always) func floorMod(_ divisor: Int) -> Int { self - floorDiv(divisor) * divisor }
}

/// A DATE or DATE-TIME value as written (RFC 5545 §3.3.4, §3.3.5), before its zone is looked up.
struct RawTime: Hashable {
    /// On the clock it was written in; a DATE is its day's midnight.
    var wall: Seconds
    var isDate: Bool
    /// Written with a trailing `Z`.
    var isUTC: Bool
    /// The `TZID` parameter, for a DATE-TIME that is not UTC.
    var tzid: String?

    var day: Int { wall.floorDiv(86_400) }

    /// `20260310`, `20260310T143000`, `20260310T143000Z`; also `2026-03-10T14:30:00Z` and a time
    /// without seconds, as some writers produce. Nil for anything else, or a day that does not
    /// exist, or a year outside 1…9999.
    static func parse(_ text: some Collection<UInt8>, tzid: String?) -> RawTime? {
        var digits: [Int] = []
        digits.reserveCapacity(14)
        var sawT = false, sawZ = false, dateDigits = 0
        for byte in text {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if sawZ { return nil }
                digits.append(Int(byte - UInt8(ascii: "0")))
                if !sawT { dateDigits += 1 }
            case UInt8(ascii: "T"), UInt8(ascii: "t"):
                if sawT || dateDigits != 8 { return nil }
                sawT = true
            case UInt8(ascii: "Z"), UInt8(ascii: "z"):
                if !sawT || sawZ { return nil }
                sawZ = true
            case UInt8(ascii: "-") where !sawT, UInt8(ascii: ":") where sawT:
                continue
            case 0x20, 0x09:
                continue
            default:
                return nil
            }
        }
        guard dateDigits == 8 else { return nil }
        func number(_ from: Int, _ count: Int) -> Int { digits[from..<(from + count)].reduce(0) { $0 * 10 + $1 } }
        let year = number(0, 4), month = number(4, 2), day = number(6, 2)
        guard year >= 1, let date = CalendarDate(year: year, month: month, day: day) else { return nil }
        var seconds = 0
        if sawT {
            let timeDigits = digits.count - 8
            guard timeDigits == 6 || timeDigits == 4 else { return nil }
            let hour = number(8, 2), minute = number(10, 2), second = timeDigits == 6 ? number(12, 2) : 0
            guard hour < 24, minute < 60, second <= 60 else { return nil }
            seconds = hour * 3600 + minute * 60 + min(second, 59)
        }
        return RawTime(wall: date.daysSinceEpoch * 86_400 + seconds, isDate: !sawT, isUTC: sawZ,
                       tzid: sawT && !sawZ ? tzid : nil)
    }

    /// A comma-separated list, as EXDATE and RDATE hold; a PERIOD (`start/end`, `start/PT1H`)
    /// counts as its start. Nil when any item is unreadable.
    static func parseList(_ text: ArraySlice<UInt8>, tzid: String?) -> [RawTime]? {
        var values: [RawTime] = []
        for item in text.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: true) {
            let start = item.split(separator: UInt8(ascii: "/"), maxSplits: 1, omittingEmptySubsequences: false)[0]
            guard let value = parse(start, tzid: tzid) else { return nil }
            values.append(value)
        }
        return values
    }
}

enum ICalendarValue {
    /// A DURATION (RFC 5545 §3.3.6): `PT1H30M`, `P1D`, `-P2W`, `P1DT12H`. Nil when unreadable.
    static func duration(_ text: some Collection<UInt8>) -> Seconds? {
        var sign = 1
        var bytes = Array(text.filter { $0 != 0x20 && $0 != 0x09 })
        if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") {
            if bytes.first == UInt8(ascii: "-") { sign = -1 }
            bytes.removeFirst()
        }
        guard bytes.first == UInt8(ascii: "P") || bytes.first == UInt8(ascii: "p"), bytes.count > 1 else { return nil }
        var total = 0, number: Int?, inTime = false, parts = 0
        for byte in bytes.dropFirst() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let (product, overflow) = (number ?? 0).multipliedReportingOverflow(by: 10)
                guard !overflow, product < 1 << 40 else { return nil }
                number = product + Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "T"), UInt8(ascii: "t"):
                guard number == nil, !inTime else { return nil }
                inTime = true
            default:
                guard let n = number else { return nil }
                let unit: Int
                switch (byte | 0x20, inTime) {
                case (UInt8(ascii: "w"), false): unit = 7 * 86_400
                case (UInt8(ascii: "d"), false): unit = 86_400
                case (UInt8(ascii: "h"), true): unit = 3600
                case (UInt8(ascii: "m"), true): unit = 60
                case (UInt8(ascii: "s"), true): unit = 1
                default: return nil
                }
                total += n * unit
                number = nil
                parts += 1
            }
        }
        guard number == nil, parts > 0 else { return nil }
        return sign * total
    }

    /// A UTC-OFFSET (`+0100`, `-0330`, `+053000`), in seconds east of UTC; the sign is sometimes
    /// left out (`0100`) and then read as `+`. Nil when unreadable.
    static func utcOffset(_ text: some Collection<UInt8>) -> Seconds? {
        var bytes = Array(text.filter { $0 != 0x20 && $0 != 0x09 && $0 != UInt8(ascii: ":") })
        var sign = 1
        if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") {
            if bytes.first == UInt8(ascii: "-") { sign = -1 }
            bytes.removeFirst()
        }
        guard bytes.count == 4 || bytes.count == 6, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let values = bytes.map { Int($0 - 0x30) }
        let hours = values[0] * 10 + values[1], minutes = values[2] * 10 + values[3]
        let seconds = bytes.count == 6 ? values[4] * 10 + values[5] : 0
        guard hours < 24, minutes < 60, seconds < 60 else { return nil }
        return sign * (hours * 3600 + minutes * 60 + seconds)
    }

    /// `YYYYMMDD`, `YYYYMMDDTHHMMSS`, or that with `Z`: the forms an occurrence's key is made of.
    static func stamp(_ seconds: Seconds, isDate: Bool, isUTC: Bool) -> String {
        key("", seconds, isDate: isDate, isUTC: isUTC, separator: false)
    }

    /// `uid/` and the stamp, made in one string.
    static func key(_ uid: String, _ seconds: Seconds, isDate: Bool, isUTC: Bool, separator: Bool = true) -> String {
        let length = uid.utf8.count + (separator ? 1 : 0) + (isDate ? 8 : isUTC ? 16 : 15)
        return String(unsafeUninitializedCapacity: length) { buffer in
            var index = 0
            for byte in uid.utf8 {
                buffer[index] = byte
                index += 1
            }
            if separator {
                buffer[index] = UInt8(ascii: "/")
                index += 1
            }
            func put(_ n: Int, _ width: Int) {
                var rest = n
                for offset in stride(from: width - 1, through: 0, by: -1) {
                    buffer[index + offset] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                index += width
            }
            let day = CalendarDate(daysSinceEpoch: seconds.floorDiv(86_400))
            put(day.year, 4); put(day.month, 2); put(day.day, 2)
            if !isDate {
                let time = seconds.floorMod(86_400)
                buffer[index] = UInt8(ascii: "T")
                index += 1
                put(time / 3600, 2); put(time / 60 % 60, 2); put(time % 60, 2)
                if isUTC {
                    buffer[index] = UInt8(ascii: "Z")
                    index += 1
                }
            }
            return index
        }
    }
}
