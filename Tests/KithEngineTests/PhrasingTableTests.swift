import Testing
import KithText
import KithTime
@testable import KithEngine

/// `Phrasing.table` writes UTF-8 bytes; it must give the text the string-by-string version gave,
/// trailing spaces and wide or combining characters included.
@Suite struct PhrasingTableTests {
    /// The table as it was written before (commit 786a307), cell by cell into strings.
    static func reference(_ rows: [[String]]) -> String {
        guard let columns = rows.map(\.count).max() else { return "" }
        let lengths = rows.map { row in row.map { cell in cell.utf8.allSatisfy { $0 < 0x80 } ? cell.utf8.count : cell.count } }
        var widths = Array(repeating: 0, count: columns)
        for row in lengths {
            for (i, length) in row.enumerated() { widths[i] = max(widths[i], length) }
        }
        var text = ""
        for (r, row) in rows.enumerated() {
            if r > 0 { text += "\n" }
            var line = "  "
            for (i, cell) in row.enumerated() {
                line += cell
                if i < row.count - 1 { line += String(repeating: " ", count: widths[i] - lengths[r][i] + 2) }
            }
            while line.last == " " { line.removeLast() }
            text += line
        }
        return text
    }

    @Test func tablesAreTheReferences() {
        var random = SeededGenerator(seed: 11)
        let pieces = ["Diane Smith", "", " ", "  ", "never", "last 3 days ago (Mon Mar 9)", "Zoë", "e\u{301}", "\u{600}",
                      "\u{600} ", "日本", "👩‍👩‍👧", "a ", "x\u{301} ", "\t", "—"]
        var tables: [[[String]]] = [[], [[]], [[""]], [[" "]], [["a", "b"], ["ccc"]], [["\u{600}", " "]]]
        for _ in 0..<2000 {
            let rows = Int.random(in: 1...5, using: &random)
            tables.append((0..<rows).map { _ in
                (0..<Int.random(in: 0...3, using: &random)).map { _ in
                    (0..<Int.random(in: 0...2, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
                }
            })
        }
        for rows in tables {
            #expect(Phrasing.table(rows) == Self.reference(rows), "\(rows)")
        }
    }

    /// A table written piece by piece (text cut anywhere between characters, numbers as
    /// digits) is the table of the whole cells.
    @Test func tablesWrittenInPiecesAreTheReferences() {
        var random = SeededGenerator(seed: 12)
        let pieces = ["Diane Smith", "", " ", "never", "last ", "Zoë", "e\u{301}", "日本", "👩‍👩‍👧", "x\u{301} ", "—", "7", "12"]
        for _ in 0..<2000 {
            var table = Phrasing.Table()
            var rows: [[String]] = []
            for _ in 0..<Int.random(in: 1...5, using: &random) {
                var row: [String] = []
                for _ in 0..<Int.random(in: 0...3, using: &random) {
                    var cell = ""
                    for _ in 0..<Int.random(in: 0...3, using: &random) {
                        if Bool.random(using: &random) {
                            let number = Int.random(in: -3...120, using: &random)
                            table.write(number)
                            cell += String(number)
                        } else {
                            let piece = pieces.randomElement(using: &random)!
                            table.write(piece)
                            cell += piece
                        }
                    }
                    table.endCell()
                    row.append(cell)
                }
                table.endRow()
                rows.append(row)
            }
            #expect(table.text == Self.reference(rows), "\(rows)")
        }
    }

    /// `Phrasing.day` writes its bytes itself; it says what joining the strings said.
    @Test func daysAreWrittenAsBefore() {
        let today = CalendarDate(year: 2026, month: 3, day: 10)!
        let phrasing = Phrasing(today: today)
        for offset in -800...400 {
            let date = today.adding(days: offset)
            let short = Phrasing.shortMonths[date.month - 1]
            let weekday: String = Phrasing.shortWeekdays[date.weekday.rawValue]
            let otherYear: String = short + " " + String(date.day) + ", " + String(date.year)
            let thisYear: String = weekday + " " + short + " " + String(date.day)
            let expected = date.year != today.year ? otherYear : thisYear
            #expect(phrasing.day(date) == expected)
        }
        for year in [1, 9, 10, 99, 100, 999, 1000, 9999, 10_000, 123_456] {
            let date = CalendarDate(year: year, month: 12, day: 31)!
            #expect(phrasing.day(date) == "Dec 31, \(year)")
        }
    }
}
