import Testing
import KithText
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
}
