import KithGraph
import KithTime

/// How answers speak about dates, periods, channels and lists: short, human, consistent.
struct Phrasing {
    let today: CalendarDate

    /// "Mon Mar 9", or "Mar 9, 2025" in another year.
    func day(_ date: CalendarDate) -> String {
        let short = Self.shortMonths[date.month - 1]
        if date.year != today.year { return short + " " + String(date.day) + ", " + String(date.year) }
        return Self.shortWeekdays[date.weekday.rawValue] + " " + short + " " + String(date.day)
    }

    static let shortMonths = (1...12).map { String(Month.name($0).prefix(3)) }
    static let shortWeekdays = Weekday.allCases.map { String($0.name.prefix(3)) }

    /// "today", "yesterday", "3 days ago", "2 weeks ago", "5 months ago", "in 3 days".
    func relative(_ date: CalendarDate) -> String {
        let days = date.days(until: today)
        switch days {
        case 0: return "today"
        case 1: return "yesterday"
        case -1: return "tomorrow"
        case ..<0: return "in \(Self.count(-days, "day"))"
        case 2..<14: return "\(days) days ago"
        case 14..<60: return "\(days / 7) weeks ago"
        case 60..<365: return "\(days / 30) months ago"
        default:
            let years = days / 365
            return years == 1 ? "over a year ago" : "over \(years) years ago"
        }
    }

    /// A period as a short phrase: "today", "since Mon Mar 2", "on Mar 9", "from Feb 1 to Feb 28".
    func period(_ period: Period) -> String {
        if period.start == period.end {
            return period.start == today ? "today" : "on \(day(period.start))"
        }
        if period.end == today { return "since \(day(period.start))" }
        return "from \(day(period.start)) to \(day(period.end))"
    }

    /// The past-tense verb for a channel: "talked to", "called", "emailed".
    static func verb(_ channel: String?) -> String {
        switch channel {
        case "call": return "called"
        case "email": return "emailed"
        case "message": return "messaged"
        case "meeting": return "met"
        case "video": return "had a video call with"
        case nil, "talk": return "talked to"
        default: return "been in touch (\(channel!)) with"
        }
    }

    /// A noun for a channel: "a call", "a meeting".
    static func noun(_ channel: String) -> String {
        switch channel {
        case "talk": return "a conversation"
        case "call": return "a call"
        case "email": return "an email"
        case "message": return "a message"
        case "meeting": return "a meeting"
        case "video": return "a video call"
        default: return "a \(channel)"
        }
    }

    /// "1 person", "3 people".
    static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) \(n == 1 ? singular : plural ?? singular + "s")"
    }

    /// "Ann", "Ann and Bob", "Ann, Bob and Carol" (or "… or Carol").
    static func list(_ items: [String], or: Bool = false) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + (or ? " or " : " and ") + items.last!
        }
    }

    /// Rows of columns, left-aligned and padded to the widest cell, indented two spaces.
    static func table(_ rows: [[String]]) -> String {
        guard let columns = rows.lazy.map({ $0.count }).max() else { return "" }
        // Widths in characters; an ASCII cell's is its byte count, which costs no grapheme breaking.
        func length(_ cell: String) -> Int {
            let ascii = cell.utf8.withContiguousStorageIfAvailable { $0.allSatisfy { $0 < 0x80 } }
                ?? cell.utf8.allSatisfy { $0 < 0x80 }
            return ascii ? cell.utf8.count : cell.count
        }
        var widths = Array(repeating: 0, count: columns)
        var lengths: [Int] = []
        lengths.reserveCapacity(rows.count * columns)
        for row in rows {
            for (i, cell) in row.enumerated() {
                let n = length(cell)
                lengths.append(n)
                widths[i] = max(widths[i], n)
            }
        }
        // Written as UTF-8 into one buffer: a list answer is hundreds of cells.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(rows.count * (widths.reduce(2, +) + 2 * columns + 1))
        let space = UInt8(ascii: " ")
        var cellIndex = 0
        for (r, row) in rows.enumerated() {
            if r > 0 { bytes.append(UInt8(ascii: "\n")) }
            let lineStart = bytes.count
            bytes.append(space)
            bytes.append(space)
            for (i, cell) in row.enumerated() {
                if cell.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
                    bytes.append(contentsOf: cell.utf8)
                }
                if i < row.count - 1 {
                    bytes.append(contentsOf: repeatElement(space, count: widths[i] - lengths[cellIndex] + 2))
                }
                cellIndex += 1
            }
            // Trailing spaces go. After an ASCII byte each is a character of its own; after
            // anything else one might belong to the character before it, so ask the characters.
            var end = bytes.count
            while end > lineStart, bytes[end - 1] == space { end -= 1 }
            if end > lineStart, end < bytes.count, bytes[end - 1] >= 0x80 {
                var line = String(decoding: bytes[lineStart...], as: UTF8.self)
                while line.last == " " { line.removeLast() }
                bytes.removeSubrange(lineStart...)
                bytes.append(contentsOf: line.utf8)
            } else {
                bytes.removeSubrange(end...)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
