import KithGraph
import KithTime

/// How answers speak about dates, periods, channels and lists: short, human, consistent.
struct Phrasing {
    let today: CalendarDate

    /// "Mon Mar 9", or "Mar 9, 2025" in another year.
    func day(_ date: CalendarDate) -> String {
        let short = Self.shortMonthBytes[date.month - 1]
        guard (1...9999).contains(date.year) else {
            return Self.shortMonths[date.month - 1] + " " + String(date.day) + ", " + String(date.year)
        }
        // Written byte by byte: a list answer asks for 50 of these, and joining five strings
        // cost more than the rest of the row.
        return String(unsafeUninitializedCapacity: 16) { out in
            var count = 0
            func put(_ bytes: [UInt8]) {
                for byte in bytes {
                    out[count] = byte
                    count += 1
                }
            }
            func put(_ byte: UInt8) {
                out[count] = byte
                count += 1
            }
            func put(number: Int) {
                var divisor = 1
                while divisor * 10 <= number { divisor *= 10 }
                while divisor > 0 {
                    put(UInt8(ascii: "0") + UInt8(number / divisor % 10))
                    divisor /= 10
                }
            }
            if date.year != today.year {
                put(short)
                put(UInt8(ascii: " "))
                put(number: date.day)
                put(UInt8(ascii: ","))
                put(UInt8(ascii: " "))
                put(number: date.year)
            } else {
                put(Self.shortWeekdayBytes[date.weekday.rawValue])
                put(UInt8(ascii: " "))
                put(short)
                put(UInt8(ascii: " "))
                put(number: date.day)
            }
            return count
        }
    }

    private static let shortMonthBytes = shortMonths.map { Array($0.utf8) }
    private static let shortWeekdayBytes = shortWeekdays.map { Array($0.utf8) }

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

    /// When a reminder is due: "overdue since Tue Mar 3", "today", "Fri Mar 13 (in 3 days)".
    func due(_ date: CalendarDate) -> String {
        date < today ? "overdue since \(day(date))" : date == today ? "today" : "\(day(date)) (\(relative(date)))"
    }

    /// "Tuesday, March 10, 2026": a page's heading.
    static func longDay(_ date: CalendarDate) -> String {
        "\(date.weekday.name), \(Month.name(date.month)) \(date.day), \(date.year)"
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
        var table = Table()
        for row in rows {
            for cell in row { table.cell(cell) }
            table.endRow()
        }
        return table.text
    }

    /// A table built cell by cell into one buffer of UTF-8, laid out as `table(_:)` lays out
    /// rows of strings. A list answer writes 50 rows: building each row's strings and array
    /// first was most of the answer's cost in a script.
    struct Table {
        private var bytes: [UInt8] = []
        /// Where each cell ends in `bytes`.
        private var cellEnds: [Int] = []
        /// How many cells there are when each row ends.
        private var rowEnds: [Int] = []

        init() {
            bytes.reserveCapacity(4096)
        }

        /// Adds `text` to the cell being written.
        mutating func write(_ text: String) {
            var text = text
            text.withUTF8 { bytes.append(contentsOf: $0) }
        }

        /// Adds `number`'s decimal digits to the cell being written.
        mutating func write(_ number: Int) {
            guard number >= 0, number < 10 else { return write(String(number)) }
            bytes.append(UInt8(ascii: "0") + UInt8(number))
        }

        /// Ends the cell being written.
        mutating func endCell() {
            cellEnds.append(bytes.count)
        }

        /// A whole cell.
        mutating func cell(_ text: String) {
            write(text)
            endCell()
        }

        /// Ends the row; its cells are the ones ended since the last row.
        mutating func endRow() {
            rowEnds.append(cellEnds.count)
        }

        var text: String {
            guard !rowEnds.isEmpty else { return "" }
            return bytes.withUnsafeBufferPointer(layOut)
        }

        private func layOut(_ source: UnsafeBufferPointer<UInt8>) -> String {
            func cellRange(_ index: Int) -> Range<Int> { (index == 0 ? 0 : cellEnds[index - 1])..<cellEnds[index] }
            // Widths in characters; an ASCII cell's is its byte count, which costs no grapheme breaking.
            var lengths: [Int] = []
            lengths.reserveCapacity(cellEnds.count)
            var widths: [Int] = []
            var firstCell = 0
            for rowEnd in rowEnds {
                for (column, index) in (firstCell..<rowEnd).enumerated() {
                    let cell = UnsafeBufferPointer(rebasing: source[cellRange(index)])
                    let n = cell.allSatisfy({ $0 < 0x80 }) ? cell.count : String(decoding: cell, as: UTF8.self).count
                    lengths.append(n)
                    if column == widths.count { widths.append(n) } else { widths[column] = max(widths[column], n) }
                }
                firstCell = rowEnd
            }
            // Written in place into the string's own storage, sized for the most it can take.
            let capacity = source.count + rowEnds.count * (3 + widths.reduce(0, +) + 2 * widths.count)
            return String(unsafeUninitializedCapacity: capacity) { out in
                let space = UInt8(ascii: " ")
                var count = 0
                firstCell = 0
                for (r, rowEnd) in rowEnds.enumerated() {
                    if r > 0 {
                        out[count] = UInt8(ascii: "\n")
                        count += 1
                    }
                    let lineStart = count
                    out[count] = space
                    out[count + 1] = space
                    count += 2
                    for (column, index) in (firstCell..<rowEnd).enumerated() {
                        let cell = UnsafeBufferPointer(rebasing: source[cellRange(index)])
                        if let from = cell.baseAddress, let to = out.baseAddress {
                            (to + count).update(from: from, count: cell.count)
                        }
                        count += cell.count
                        if index < rowEnd - 1 {
                            let padding = widths[column] - lengths[index] + 2
                            out[count..<(count + padding)].update(repeating: space)
                            count += padding
                        }
                    }
                    firstCell = rowEnd
                    // Trailing spaces go. After an ASCII byte each is a character of its own; after
                    // anything else one might belong to the character before it, so ask the characters.
                    var end = count
                    while end > lineStart, out[end - 1] == space { end -= 1 }
                    if end > lineStart, end < count, out[end - 1] >= 0x80 {
                        var line = String(decoding: out[lineStart..<count], as: UTF8.self)
                        while line.last == " " { line.removeLast() }
                        count = lineStart
                        for byte in line.utf8 {
                            out[count] = byte
                            count += 1
                        }
                    } else {
                        count = end
                    }
                }
                return count
            }
        }
    }
}
