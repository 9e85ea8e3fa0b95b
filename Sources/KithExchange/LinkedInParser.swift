import KithTime

/// Reads LinkedIn's Connections.csv: "First Name,Last Name,URL,Email Address,Company,Position,
/// Connected On", after a preamble of "Notes:" lines that newer exports put first. The
/// connection day becomes how you met ("connected on LinkedIn on January 1, 2024"), and the
/// profile address is kept with the person.
enum LinkedInParser {
    static func parse(_ text: String, progress: ((Double) -> Void)? = nil) throws -> ParsedContacts {
        // The header is the first line that starts with "First Name,"; what comes before is the preamble.
        var offset = text.startIndex
        var headerLine = 1
        while offset < text.endIndex {
            let lineEnd = text[offset...].firstIndex(where: \.isNewline) ?? text.endIndex
            if text[offset..<lineEnd].trimmingPrefix("\"").lowercased().hasPrefix("first name") { break }
            offset = lineEnd < text.endIndex ? text.index(after: lineEnd) : lineEnd
            headerLine += 1
        }
        guard offset < text.endIndex, let table = CSVTable(text: String(text[offset...]), firstLine: headerLine) else {
            throw ExchangeError.notThisFormat(.linkedin, "no header line starting with First Name")
        }
        var parsed = ParsedContacts(format: .linkedin, skipped: table.problems)
        for (index, row) in table.rows.enumerated() {
            if index % 1024 == 0 { progress?(Double(index) / Double(max(table.rows.count, 1))) }
            let name = [table.value(row, "first name"), table.value(row, "last name")].compactMap { $0 }
            var contact = Contact(line: row.line, name: name.joined(separator: " "))
            contact.emails = table.value(row, "email address").map { [$0] } ?? []
            contact.org = table.value(row, "company")
            contact.title = table.value(row, "position")
            contact.links = table.value(row, "url").map { [$0] } ?? []
            contact.howMet = "LinkedIn"
            if let text = table.value(row, "connected on") {
                if let day = DateText.day(text) {
                    let spoken = MonthDay(year: day.year, month: day.month, day: day.day)!.spoken
                    contact.howMet = "connected on LinkedIn on \(spoken)"
                } else {
                    parsed.warn(line: row.line, "connection date \"\(text)\" is not a date Kith can read; left out")
                }
            }
            parsed.add(contact, kind: "row")
        }
        progress?(1)
        return parsed
    }
}
