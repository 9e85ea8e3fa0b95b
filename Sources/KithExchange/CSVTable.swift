/// A CSV file read by `CSVRowReader` (RFC 4180: quoted fields may hold commas, doubled quotes and
/// line breaks), with the line of the file each row starts on and columns found by header name.
///
/// The reader does not say where a row came from, and reads a stray quote (`"Ann "Bee" Lee"`) as
/// the start of a field that runs on to the next quote, swallowing the rows after it. So the
/// table counts the line breaks inside each row's fields to know the line of the next, and a
/// row whose field count differs from the header's is reported and skipped; when that row took
/// in line breaks, reading starts again at the line after the row began, so one bad quote costs
/// one row.
struct CSVTable {
    struct Row {
        /// The line of the file the row starts on, from 1.
        var line: Int
        var fields: [String]
    }

    /// The header's column names, trimmed.
    let header: [String]
    private(set) var rows: [Row] = []
    /// Rows left out, with why.
    private(set) var problems: [ImportProblem] = []
    private let columnIndex: [String: Int]

    /// Reads `text`, whose first line is the header and is line `firstLine` of the file.
    /// Nil when there is no header.
    init?(text: String, firstLine: Int = 1) {
        let lineStarts = Self.lineStarts(text)
        var reader = CSVRowReader(text)
        guard let header = reader.next(), header.contains(where: { !$0.isEmpty }) else { return nil }
        self.header = header.map { $0.trimmingPrefix(while: \.isWhitespace).trimmingSuffixWhitespace() }
        var index: [String: Int] = [:]
        for (position, name) in self.header.enumerated() where index[name.lowercased()] == nil {
            index[name.lowercased()] = position
        }
        columnIndex = index

        var current = reader
        var line = 1 + Self.lineBreaks(in: header)  // 0-based line index into `text`
        while true {
            guard let fields = current.next() else { break }
            let rowLine = line
            let breaks = Self.lineBreaks(in: fields)
            line += 1 + breaks
            if fields.count == 1, fields[0].isEmpty { continue }  // a blank line
            if fields.count == header.count || (fields.count < header.count && breaks == 0) {
                rows.append(Row(line: firstLine + rowLine, fields: fields))
                continue
            }
            problems.append(ImportProblem(
                line: firstLine + rowLine,
                message: "row has \(fields.count) fields where the header has \(header.count)"
                    + (breaks > 0 ? " (a quote is not closed or is stray)" : "") + ""))
            if breaks > 0, rowLine + 1 < lineStarts.count {
                current = current.restarted(at: lineStarts[rowLine + 1])
                line = rowLine + 1
            }
        }
    }

    /// The field under the first of `columns` that the header has and the row fills, trimmed,
    /// with its line breaks as LF whatever the file used.
    func value(_ row: Row, _ columns: String...) -> String? {
        for column in columns {
            if let position = columnIndex[column], position < row.fields.count,
               let value = nonEmpty(row.fields[position]) {
                // Foundation's `contains`, which finds the CR of a CRLF (a Character-wise search does not).
                return value.utf8.contains(0x0D) && TextSearch.contains(value, "\r")
                    ? value.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
                    .joined(separator: "\n") : value
            }
        }
        return nil
    }

    /// The header's columns named `prefix N suffix` ("e-mail 1 - value", "e-mail 2 - value"),
    /// by N.
    func numberedColumns(_ prefix: String, _ suffix: String) -> [String] {
        columnIndex.keys.compactMap { name -> (Int, String)? in
            guard name.hasPrefix(prefix), name.hasSuffix(suffix), name.count > prefix.count + suffix.count,
                  let n = Int(name.dropFirst(prefix.count).dropLast(suffix.count)) else { return nil }
            return (n, name)
        }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    func has(_ column: String) -> Bool { columnIndex[column] != nil }

    /// Where each line of `text` starts, as UTF-8 offsets; CRLF, LF and a lone CR each end a
    /// line, as they end a row for the reader.
    private static func lineStarts(_ text: String) -> [Int] {
        var starts = [0]
        var offset = 0
        var previousCR = false
        for byte in text.utf8 {
            offset += 1
            if byte == 0x0A, previousCR {
                starts[starts.count - 1] = offset  // CRLF is one line break
            } else if byte == 0x0A || byte == 0x0D {
                starts.append(offset)
            }
            previousCR = byte == 0x0D
        }
        return starts
    }

    /// Line breaks inside a row's fields, counted as `lineStarts` counts them.
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
