/// Reads Google Contacts' CSV export, in either header style, by column name — never by
/// position, since Google adds and reorders columns (the current style has "First Name",
/// "Organization Name", "Labels"; the older one "Given Name", "Organization 1 - Name",
/// "Group Membership"). A field may hold several values separated by " ::: ".
enum GoogleContactsParser {
    static func parse(_ text: String, progress: ((Double) -> Void)? = nil) throws -> ParsedContacts {
        guard let table = CSVTable(text: text), CSVHeader.nameColumns.contains(where: table.has) else {
            throw ExchangeError.notThisFormat(.google, "the first line names no name column (First Name, Given Name or Name)")
        }
        var parsed = ParsedContacts(format: .google, skipped: table.problems)
        let emailColumns = table.numberedColumns("e-mail ", " - value")
        let phoneColumns = table.numberedColumns("phone ", " - value")
        let websiteColumns = table.numberedColumns("website ", " - value")
        // Any address's city says where someone is before any region or country does.
        let placeColumns = ["city", "region", "country"].flatMap { table.numberedColumns("address ", " - \($0)") }

        for (index, row) in table.rows.enumerated() {
            if index % 1024 == 0 { progress?(Double(index) / Double(max(table.rows.count, 1))) }
            let composed = [table.value(row, "first name", "given name"), table.value(row, "middle name", "additional name"),
                            table.value(row, "last name", "family name")].compactMap { $0 }.joined(separator: " ")
            var contact = Contact(line: row.line, name: table.value(row, "name") ?? composed)
            contact.nicknames = values(table.value(row, "nickname"))
            contact.emails = emailColumns.flatMap { values(table.value(row, $0)) }
            contact.phones = phoneColumns.flatMap { values(table.value(row, $0)) }
            contact.links = websiteColumns.flatMap { values(table.value(row, $0)) }
            contact.org = values(table.value(row, "organization name", "organization 1 - name")).first
            contact.title = values(table.value(row, "organization title", "organization 1 - title")).first
            contact.place = placeColumns.lazy.compactMap { values(table.value(row, $0)).first }.first
                ?? table.value(row, "location")
            if let text = table.value(row, "birthday") {
                if let birthday = DateText.birthday(text) {
                    contact.birthday = birthday
                } else {
                    parsed.warn(line: row.line, "birthday \"\(text)\" is not a date Kith can read; left out")
                }
            }
            if let note = table.value(row, "notes") { contact.notes = [ContactNote(text: note)] }
            contact.tags = values(table.value(row, "labels", "group membership"))
            parsed.add(contact, kind: "row")
        }
        progress?(1)
        return parsed
    }

    /// "a@x.org ::: b@y.org" → both.
    static func values(_ field: String?) -> [String] {
        guard let field else { return [] }
        return field.split(separator: " ::: ").compactMap { nonEmpty(String($0)) }
    }
}
