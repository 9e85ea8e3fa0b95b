import KithText

/// A CSV file read by `CSVRowReader` (RFC 4180), with the line of the file each row starts on and
/// columns found by header name. Rows the reader finds malformed, and rows with more fields than
/// the header, are reported with their line and left out; a row with fewer fields is read, its
/// missing fields empty; blank lines are skipped.
struct CSVTable {
    typealias Row = CSVRowReader.Row

    /// The header's column names, trimmed.
    let header: [String]
    private(set) var rows: [Row] = []
    /// Rows left out, with why.
    private(set) var problems: [ImportProblem] = []
    private let columnIndex: [String: Int]

    /// Reads `text`, whose first line is the header and is line `firstLine` of the file.
    /// Nil when there is no header.
    init?(text: String, firstLine: Int = 1) {
        var reader = CSVRowReader(text, firstLine: firstLine)
        var header: [String]?
        while header == nil, let first = reader.next() {
            switch first {
            case .success(let row): header = row.fields
            case .failure(let malformed): problems.append(ImportProblem(line: malformed.line, message: malformed.reason))
            }
        }
        guard let header, header.contains(where: { !$0.isEmpty }) else { return nil }
        self.header = header.map(\.trimmed)
        var index: [String: Int] = [:]
        for (position, name) in self.header.enumerated() where index[name.lowercased()] == nil {
            index[name.lowercased()] = position
        }
        columnIndex = index

        while let next = reader.next() {
            switch next {
            case .failure(let malformed):
                problems.append(ImportProblem(line: malformed.line, message: malformed.reason))
            case .success(let row) where row.fields == [""]:
                continue  // a blank line
            case .success(let row) where row.fields.count > header.count:
                problems.append(ImportProblem(
                    line: row.line, message: "row has \(row.fields.count) fields where the header has \(header.count)"))
            case .success(let row):
                rows.append(row)
            }
        }
    }

    /// The field under the first of `columns` that the header has and the row fills, trimmed,
    /// with its line breaks as LF whatever the file used.
    func value(_ row: Row, _ columns: String...) -> String? {
        for column in columns {
            if let position = columnIndex[column], position < row.fields.count,
               let value = nonEmpty(row.fields[position]) {
                return value.utf8.contains(0x0D)
                    ? value.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).joined(separator: "\n")
                    : value
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
}
