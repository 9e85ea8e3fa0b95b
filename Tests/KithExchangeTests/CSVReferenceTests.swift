import CSV
import Foundation
import Testing
@testable import KithExchange
import KithText

/// CSV.swift 2.5 read the imports and wrote the export until Kith got its own reader and
/// writer (`CSVRowReader`, `CSVRowWriter`); it stays here as the reference they must match:
/// the same rows for every text, good or broken, and the same bytes for every table.
enum CSVReference {
    static func rows(_ text: String) -> [[String]] {
        let reader = try! CSVReader(string: text)  // never throws without a header row
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        return rows
    }

    /// As `Exporter.csv` wrote before: CRLF between rows, to memory.
    static func written(_ rows: [[String]]) -> [UInt8] {
        let stream = OutputStream(toMemory: ())
        let writer = try! CSVWriter(stream: stream, newline: .crlf)
        for row in rows { try! writer.write(row: row) }
        stream.close()
        return [UInt8](stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data())
    }
}

func ourRows(_ text: String) -> [[String]] {
    var reader = CSVRowReader(text)
    var rows: [[String]] = []
    while let row = reader.next() { rows.append(row) }
    return rows
}

func ourWritten(_ rows: [[String]]) -> [UInt8] {
    var writer = CSVRowWriter()
    for row in rows { writer.write(row: row) }
    return writer.bytes
}

/// `CSVTable` as it was before it had its own reader, word for word but for the name: CSV.swift
/// behind it, restarted on a copy of the rest of the text after a broken row.
struct ReferenceCSVTable {
    struct Row {
        var line: Int
        var fields: [String]
    }

    let header: [String]
    private(set) var rows: [Row] = []
    private(set) var problems: [ImportProblem] = []
    private let columnIndex: [String: Int]

    init?(text: String, firstLine: Int = 1) {
        let lineStarts = Self.lineStarts(text)
        guard let reader = try? CSVReader(string: text),
              let header = reader.next(), header.contains(where: { !$0.isEmpty }) else { return nil }
        self.header = header.map { $0.trimmingPrefix(while: \.isWhitespace).trimmingSuffixWhitespace() }
        var index: [String: Int] = [:]
        for (position, name) in self.header.enumerated() where index[name.lowercased()] == nil {
            index[name.lowercased()] = position
        }
        columnIndex = index

        var current = reader
        var line = 1 + Self.lineBreaks(in: header)
        while true {
            guard let fields = current.next() else { break }
            let rowLine = line
            let breaks = Self.lineBreaks(in: fields)
            line += 1 + breaks
            if fields.count == 1, fields[0].isEmpty { continue }
            if fields.count == header.count || (fields.count < header.count && breaks == 0) {
                rows.append(Row(line: firstLine + rowLine, fields: fields))
                continue
            }
            problems.append(ImportProblem(
                line: firstLine + rowLine,
                message: "row has \(fields.count) fields where the header has \(header.count)"
                    + (breaks > 0 ? " (a quote is not closed or is stray)" : "") + ""))
            if breaks > 0, rowLine + 1 < lineStarts.count,
               let restarted = try? CSVReader(string: String(text[lineStarts[rowLine + 1]...])) {
                current = restarted
                line = rowLine + 1
            }
        }
    }

    func value(_ row: Row, _ columns: String...) -> String? {
        for column in columns {
            if let position = columnIndex[column], position < row.fields.count,
               let value = nonEmpty(row.fields[position]) {
                return value.contains("\r") ? value.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
                    .joined(separator: "\n") : value
            }
        }
        return nil
    }

    private static func lineStarts(_ text: String) -> [String.UTF8View.Index] {
        var starts = [text.utf8.startIndex]
        var index = text.utf8.startIndex
        let end = text.utf8.endIndex
        while index < end {
            let byte = text.utf8[index]
            index = text.utf8.index(after: index)
            if byte == 0x0D, index < end, text.utf8[index] == 0x0A { index = text.utf8.index(after: index) }
            if byte == 0x0A || byte == 0x0D { starts.append(index) }
        }
        return starts
    }

    private static func lineBreaks(in fields: [String]) -> Int {
        var count = 0
        for field in fields {
            var previousCR = false
            for byte in field.utf8 {
                if byte == 0x0A { if !previousCR { count += 1 } } else if byte == 0x0D { count += 1 }
                previousCR = byte == 0x0D
            }
        }
        return count
    }
}

@Suite struct CSVReferenceTests {
    /// Checks our reader against CSV.swift on `text`: all rows, rows read again from the start
    /// of every line (as the table restarts after a broken row), and the table built on each.
    @discardableResult
    static func check(_ text: String, firstLine: Int = 1, _ comment: String = "") -> Coverage {
        let expected = exactly(CSVReference.rows(text))
        let actual = exactly(ourRows(text))
        #expect(actual == expected, "\(comment) text: \(scalarDump(text))")
        guard actual == expected else { return Coverage() }

        let bytes = Array(text.utf8)
        for (index, byte) in bytes.enumerated()
        where byte == 0x0A || (byte == 0x0D && (index + 1 == bytes.count || bytes[index + 1] != 0x0A)) {
            let rest = String(decoding: bytes[(index + 1)...], as: UTF8.self)
            var reader = CSVRowReader(text).restarted(at: index + 1)
            var rows: [[String]] = []
            while let row = reader.next() { rows.append(row) }
            #expect(exactly(rows) == exactly(CSVReference.rows(rest)), "\(comment) restarted at \(index + 1): \(scalarDump(text))")
        }

        let table = CSVTable(text: text, firstLine: firstLine)
        let reference = ReferenceCSVTable(text: text, firstLine: firstLine)
        #expect((table == nil) == (reference == nil), "\(comment) text: \(scalarDump(text))")
        guard let table, let reference else { return Coverage(rows: expected.count) }
        #expect(exactly(table.header) == exactly(reference.header))
        #expect(table.rows.map(\.line) == reference.rows.map(\.line), "\(comment) text: \(scalarDump(text))")
        #expect(exactly(table.rows.map(\.fields)) == exactly(reference.rows.map(\.fields)), "\(comment) text: \(scalarDump(text))")
        #expect(table.problems == reference.problems, "\(comment) text: \(scalarDump(text))")
        for (row, referenceRow) in zip(table.rows, reference.rows) {
            for column in Set(table.header.map { $0.lowercased() }) {
                #expect(exactly(table.value(row, column)) == exactly(reference.value(referenceRow, column)),
                        "\(comment) column \(column): \(scalarDump(text))")
            }
        }
        return Coverage(rows: expected.count, tables: 1, problems: reference.problems.count,
                        restarts: reference.problems.filter { $0.message.hasSuffix("is stray)") }.count)
    }

    /// What a batch of cases went through, to show the random ones reach every path.
    struct Coverage {
        var rows = 0, tables = 0, problems = 0, restarts = 0

        static func += (total: inout Coverage, one: Coverage) {
            total.rows += one.rows
            total.tables += one.tables
            total.problems += one.problems
            total.restarts += one.restarts
        }
    }

    /// The reference table's `value` must use Foundation's `contains`, as the module did when it
    /// imported Foundation (it finds the CR of a CRLF; a Character-wise search does not).
    @Test func referenceUsesFoundationsContains() {
        #expect("a\r\nb".contains("\r"))
    }

    @Test func fixtures() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixture.folder.path).sorted()
        #expect(files.filter { $0.hasSuffix(".csv") }.count == 4)
        for file in files {
            let text = TextDecoding.text(try Fixture.data(file))
            Self.check(text, file)
            if let newline = text.firstIndex(of: "\n") {  // as LinkedIn's parser reads after its preamble
                Self.check(String(text[text.index(after: newline)...]), firstLine: 2, file)
            }
        }
    }

    static let edgeCases: [String] = [
        "", "\n", "\r", "\r\n", "\n\n", "\r\r\n", ",", ",,\n", "a", "a\n", "a\r\n", "a\r", "a\n\n", "a,", "a,\n",
        "\"\"", "\"\"\n", "\"a\"", "\"a\"\r\n", "\"a\"\r", "\"a\"\rb", "\"a,b\",c", "\"a\"\"b\"", "\"\"\"\"",
        "\"a\nb\",c\r\nd,e", "\"a\r\nb\"", "\"unterminated", "\"unterminated\nline two\n", "a\"b,c", "a\"\"b",
        "\"ab\"cd\",x", "\"ab\"é\",x", "\"ab\"👍🏽\",x", "\"ab\" ,x", "\"a\"\u{301}b\",c", "\u{FEFF}Name,Email\r\nAnn,a@b",
        "\u{FEFF}\"Name\",x", "Name,Email\r\n\r\nAnn,a@b\r\n", "x,\"y\n", "\"\n", "\",\"", "a,\"b\"c,d\r\ne,f",
        "First Name,Last Name,Notes\r\n\"Lee, Ann\",\"O\"\"Neil\",\"one\r\ntwo, \"\"three\"\"\"\r\nBo,Ek,\r\n",
        "Name,Notes\nAnn,\"stray \"quote\" here\nBea,fine\nCal,\"multi\nline\"\nDee,ok\n",
        "Name,Notes\r\nAnn,\"never closed\r\nBea,fine\r\nCal,fine\r\n",
        "h1,h2\r\n\"a\"\r\"b\"\r\nc,d", "h\n\"a\r\n\rb\"\n", "h,i\n\"\"x\"\",y\n", "h\n\"\u{0}\"\n",
    ]

    @Test func edgeCases() {
        for text in Self.edgeCases { Self.check(text, "edge case") }
    }

    static let tokens: [String] = [
        "a", "bc", "Name", "Zoë", "e\u{301}", "\u{301}", "王", "👍🏽", "👨‍👩‍👧", "\u{200D}", " ", "\t", "\u{0}",
        "\"", "\"", "\"", "\"\"", ",", ",", ",", "\r", "\n", "\n", "\r\n", "\r\n", "\u{FEFF}", "x\"y", "\u{2028}",
        "\u{85}", "\"\r", "\"\n", "\",", "é",
    ]

    /// Texts of random tokens: quotes, commas, CR, LF, CRLF, empty fields, Unicode, and quoting
    /// broken every way.
    @Test func randomTexts() {
        var random = SeededRandom(seed: 0xC5F)
        var coverage = Coverage()
        for caseNumber in 0..<6000 {
            var text = random.chance(10) ? "\u{FEFF}" : ""
            for _ in 0..<random.below(31) { text += random.pick(Self.tokens) }
            coverage += Self.check(text, firstLine: random.chance(50) ? 1 : 4, "random text \(caseNumber)")
        }
        #expect(coverage.tables > 4000 && coverage.problems > 2000 && coverage.restarts > 500, "\(coverage)")
    }

    static let fieldPieces: [String] = [
        "Ann", "Lee", "a@b.example", "+1 555", "Zoë", "Saint-Étienne", "王小明", "👍🏽", "", " ", "\"", ",", "\r\n",
        "\n", "\r", "\"\"", "x", "e\u{301}", "; ", "::: ",
    ]

    /// Well-formed tables (quoted where they must be, sometimes where they need not be; CRLF,
    /// LF or CR; ragged rows; with or without a last line break), some then broken by a stray,
    /// missing or extra quote, comma or line break.
    @Test func randomTables() {
        var random = SeededRandom(seed: 0x7AB1E)
        var coverage = Coverage()
        for caseNumber in 0..<4000 {
            let columns = 1 + random.below(5)
            var text = ""
            let rowCount = random.below(7)
            for row in 0...rowCount {
                let width = random.chance(80) ? columns : random.below(columns + 3)
                var fields: [String] = []
                for _ in 0..<width {
                    var field = ""
                    for _ in 0..<random.below(4) { field += random.pick(Self.fieldPieces) }
                    if row == 0, field.isEmpty { field = "h" }
                    let mustQuote = field.contains(where: { $0 == "\"" || $0 == "," || $0.isNewline })
                    if mustQuote || random.chance(15) {
                        field = "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                    }
                    fields.append(field)
                }
                text += fields.joined(separator: ",")
                if row < rowCount || random.chance(50) { text += random.pick(["\r\n", "\r\n", "\n", "\r"]) }
            }
            if random.chance(40) {
                var scalars = Array(text.unicodeScalars)
                for _ in 0..<(1 + random.below(3)) {
                    let position = random.below(scalars.count + 1)
                    if random.chance(30), let quote = scalars.indices.filter({ scalars[$0] == "\"" }).randomElement(using: &random) {
                        scalars.remove(at: quote)
                    } else {
                        scalars.insert(random.pick(["\"", "\"", ",", "\n", "\r\n"]).unicodeScalars.first!, at: position)
                    }
                }
                text = String(String.UnicodeScalarView(scalars))
            }
            coverage += Self.check(text, firstLine: random.chance(50) ? 1 : 4, "random table \(caseNumber)")
        }
        #expect(coverage.tables > 3000 && coverage.problems > 2000 && coverage.restarts > 2000, "\(coverage)")
    }

    // MARK: - Writer

    static let writerPieces: [String] = [
        "Ann", "Zoë", "王", "👍🏽", "", " ", "\"", ",", "\r", "\n", "\r\n", "x", "\u{301}", "\u{FE0F}", "\u{1F3FD}",
        "\u{200D}", "\u{200C}", "\u{903}", "\u{897}", "\u{E0020}", "\u{1E4EC}", "\u{34F}", "\u{1100}", "\u{1161}",
        "\u{94D}", "क", "\u{AC00}", "\u{212A}",
    ]

    @Test func writerMatchesOnRandomTables() {
        var random = SeededRandom(seed: 0x3217E)
        var quoted = 0, markedSpecial = 0
        for caseNumber in 0..<6000 {
            var rows: [[String]] = []
            for _ in 0..<random.below(6) {
                rows.append((0..<random.below(7)).map { _ in
                    (0..<random.below(5)).map { _ in random.pick(Self.writerPieces) }.joined()
                })
            }
            let expected = CSVReference.written(rows)
            #expect(ourWritten(rows) == expected, "table \(caseNumber): \(rows.map { $0.map(scalarDump) })")
            for field in rows.joined() {
                let scalars = Array(field.unicodeScalars)
                if CSVReference.written([[field]]).first == UInt8(ascii: "\"") { quoted += 1 }
                if scalars.indices.contains(where: {
                    "\",\r\n".unicodeScalars.contains(scalars[$0]) && $0 + 1 < scalars.count && extendsCharacter(scalars[$0 + 1])
                }) { markedSpecial += 1 }
            }
        }
        // Many fields are quoted, and many hold a quote, comma or line break with a mark after it.
        #expect(quoted > 8000 && markedSpecial > 2000, "\(quoted) \(markedSpecial)")
    }

    /// Each scalar at either end of every range of `extendsCharacter`'s table, and just
    /// outside it, after each character that makes the writer quote.
    @Test func writerMatchesAroundEveryCombiningRange() {
        var scalars: [Unicode.Scalar] = []
        for value in UInt32(0x2FF)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value), let before = Unicode.Scalar(value - 1) else { continue }
            if extendsCharacter(scalar) != extendsCharacter(before) { scalars += [before, scalar] }
        }
        #expect(scalars.count == 2 * 2 * 364)
        for scalar in scalars {
            let mark = String(scalar)
            let fields = ["\"" + mark, "," + mark, "\r" + mark, "\n" + mark, "a\"" + mark + "b\"", "\r\n" + mark]
            for field in fields {
                #expect(ourWritten([[field, "x"]]) == CSVReference.written([[field, "x"]]), "\(scalarDump(field))")
            }
        }
    }
}
