import Foundation
import KithText
import Testing
@testable import KithExchange

/// Kith's CSV: RFC 4180 (its section 2, rule by rule), the rules Kith adds for files that break
/// it (`CSVRowReader`), and the fixtures.
@Suite struct CSVTests {
    private typealias Row = CSVRowReader.Row
    private typealias Malformed = CSVRowReader.Malformed

    private static func rows(_ text: String) -> [[String]] {
        CSVRowReader.read(text).compactMap { try? $0.get().fields }
    }

    private static func written(_ rows: [[String]]) -> String {
        var writer = CSVRowWriter()
        for row in rows { writer.write(row: row) }
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    // MARK: - RFC 4180, section 2

    /// 1. Each record is on a separate line, delimited by a line break (CRLF).
    /// 2. The last record may or may not have an ending line break.
    /// 3. A header line may appear first, in the same format as the records.
    @Test func recordsAreLinesAndTheLastLineBreakIsOptional() {
        let expected = [["aaa", "bbb", "ccc"], ["zzz", "yyy", "xxx"]]
        #expect(Self.rows("aaa,bbb,ccc\r\nzzz,yyy,xxx\r\n") == expected)
        #expect(Self.rows("aaa,bbb,ccc\r\nzzz,yyy,xxx") == expected)
        #expect(Self.rows("field_name,field_name,field_name\r\naaa,bbb,ccc\r\n")
                == [["field_name", "field_name", "field_name"], ["aaa", "bbb", "ccc"]])
    }

    /// 4. Fields are separated by commas; spaces are part of a field; the last field of a
    ///    record is not followed by a comma (one that is adds an empty field).
    @Test func spacesArePartOfAField() {
        #expect(Self.rows("aaa , bbb,ccc ") == [["aaa ", " bbb", "ccc "]])
        #expect(Self.rows("aaa,bbb,") == [["aaa", "bbb", ""]])
        #expect(Self.rows(",") == [["", ""]])
    }

    /// 5. Each field may be enclosed in double quotes.
    @Test func fieldsMayBeQuoted() {
        #expect(Self.rows("\"aaa\",\"bbb\",\"ccc\"\r\nzzz,yyy,xxx") == [["aaa", "bbb", "ccc"], ["zzz", "yyy", "xxx"]])
        #expect(Self.rows("\"\",x") == [["", "x"]])
    }

    /// 6. Fields with line breaks (CRLF), double quotes and commas are enclosed in quotes.
    @Test func quotedFieldsHoldLineBreaksAndCommas() {
        #expect(Self.rows("\"aaa\",\"b\r\nbb\",\"ccc\"\r\nzzz,yyy,xxx") == [["aaa", "b\r\nbb", "ccc"], ["zzz", "yyy", "xxx"]])
        #expect(Self.rows("\"a,b\",c") == [["a,b", "c"]])
    }

    /// 7. A double quote inside a quoted field is escaped by another double quote.
    @Test func doubledQuotesAreOneQuote() {
        #expect(Self.rows("\"aaa\",\"b\"\"bb\",\"ccc\"") == [["aaa", "b\"bb", "ccc"]])
        #expect(Self.rows("\"\"\"\"") == [["\""]])
    }

    // MARK: - Kith's rules beyond the RFC

    @Test func lineFeedsAndLoneReturnsEndRowsToo() {
        #expect(Self.rows("a,b\nc,d\n") == [["a", "b"], ["c", "d"]])
        #expect(Self.rows("a,b\rc,d") == [["a", "b"], ["c", "d"]])
        #expect(Self.rows("a\n\nb") == [["a"], [""], ["b"]])  // an empty line is one empty field
        #expect(Self.rows("") == [])
        #expect(Self.rows("\u{FEFF}a,b") == [["\u{FEFF}a", "b"]])  // the decoder takes byte-order marks off
    }

    @Test func aQuoteInsideAnUnquotedFieldIsACharacter() {
        #expect(Self.rows("5\" screen,x\r\nAnn \"Bee\" Lee,y") == [["5\" screen", "x"], ["Ann \"Bee\" Lee", "y"]])
        #expect(Self.rows(" \"a\",b") == [[" \"a\"", "b"]])
    }

    /// The quirk Kith once copied from CSV.swift read `"ab"cd",x` as `ab"d` and `x`; now the row
    /// is reported, with its line, and the next line is read.
    @Test func textAfterAClosingQuoteMakesTheRowMalformed() throws {
        let read = CSVRowReader.read("h1,h2\r\n\"ab\"cd\",x\r\nnext,row\r\n")
        #expect(read.count == 3)
        #expect(try read[0].get() == Row(line: 1, fields: ["h1", "h2"]))
        guard case .failure(let malformed) = read[1] else {
            Issue.record("\(read[1]) is not malformed")
            return
        }
        #expect(malformed.line == 2)
        #expect(malformed.reason.hasPrefix("a closing quote is followed by \"cd\"\""))
        #expect(try read[2].get() == Row(line: 3, fields: ["next", "row"]))
    }

    /// A quote that is never closed costs its own row: reading goes on at the next line.
    @Test func anUnclosedQuoteCostsOneRow() throws {
        let read = CSVRowReader.read("a,\"never closed\nb,c\r\nd,e")
        #expect(read.count == 3)
        #expect(read[0] == .failure(Malformed(line: 1, reason: "a quoted field is not closed")))
        #expect(try read[1].get() == Row(line: 2, fields: ["b", "c"]))
        #expect(try read[2].get() == Row(line: 3, fields: ["d", "e"]))
    }

    /// Rows say the line they start on, counting the line breaks inside quoted fields (CRLF as
    /// one), from the first line given.
    @Test func rowsKnowTheirLines() throws {
        var reader = CSVRowReader("a,\"1\r\n2\n3\r4\"\r\nb,c\n\nd", firstLine: 5)
        var lines: [Int] = []
        while let row = reader.next() { lines.append(try row.get().line) }
        #expect(lines == [5, 9, 10, 11])
    }

    // MARK: - Writing

    @Test func writerQuotesOnlyWhatMustBeQuoted() {
        #expect(Self.written([["a", "b c", " d "], ["", "x"]]) == "a,b c, d \r\n,x\r\n")
        #expect(Self.written([["a,b", "say \"hi\"", "one\ntwo", "cr\r", "é\u{301}\""]])
                == "\"a,b\",\"say \"\"hi\"\"\",\"one\ntwo\",\"cr\r\",\"é\u{301}\"\"\"\r\n")
    }

    /// What the writer writes reads back as the same fields, scalar for scalar.
    @Test func writtenTablesReadBack() {
        var random = SeededGenerator(seed: 0xC5F)
        let pieces = ["a", "Zoë", " ", ",", "\"", "\r\n", "\n", "\r", "e\u{301}", "\"\u{301}", ",\u{20DD}", "日本", "", "x\"y"]
        for caseNumber in 0..<3000 {
            let table = (0..<(1 + random.below(4))).map { _ in
                (0..<(1 + random.below(4))).map { _ in (0..<random.below(5)).map { _ in random.pick(pieces) }.joined() }
            }
            let read = CSVRowReader.read(Self.written(table)).map { (try? $0.get().fields) ?? ["malformed"] }
            #expect(read.map { $0.map { Array($0.unicodeScalars) } } == table.map { $0.map { Array($0.unicodeScalars) } },
                    "case \(caseNumber): \(table)")
        }
    }

    // MARK: - Fixtures

    /// Every fixture reads with no malformed row but the one `broken.csv` has on purpose, and
    /// reads the same after being written back.
    @Test(arguments: ["google-current.csv", "google-legacy.csv", "linkedin.csv", "broken.csv"])
    func fixturesReadAndWriteBack(name: String) throws {
        let text = String(decoding: try Fixture.data(name), as: UTF8.self)
        let read = CSVRowReader.read(text)
        let malformed = read.compactMap { if case .failure(let m) = $0 { m.line } else { nil } }
        #expect(malformed == (name == "broken.csv" ? [3] : []))
        let rows = read.compactMap { try? $0.get().fields }
        #expect(rows.count >= 3)
        #expect(Self.rows(Self.written(rows)) == rows)
    }
}
