import FoundationEssentials
import KithGraph

extension Exporter {
    /// The CSV export's columns, in order (docs/import-export.md). Lists (aliases, tags, email
    /// addresses, phone numbers) are
    /// joined with " ::: " as Google does; notes are one per line, each `YYYY-MM-DD text`;
    /// dates are ISO (`--MM-DD` for a birthday without a year); "Last Contact" is the day of
    /// the latest conversation.
    public static let csvHeader = ["Name", "Aliases", "Tags", "Organization", "Title", "Place", "Email", "Phone",
                                   "Birthday", "How Met", "Cadence Days", "Added", "Last Contact", "Notes"]

    /// RFC 4180: CRLF line ends, and fields with commas, quotes or line breaks quoted (see
    /// `CSVRowWriter`).
    static func csv(_ people: [Person], in graph: Graph) -> Data {
        var writer = CSVRowWriter()
        writer.write(row: csvHeader)
        for person in people {
            let notes = person.notes.map { "\($0.date.iso) \($0.text)" }.joined(separator: "\n")
            let row: [String?] = [
                person.name, person.aliases.joined(separator: " ::: "), person.tags.joined(separator: " ::: "),
                person.org, person.title, person.place, person.emails.joined(separator: " ::: "),
                person.phones.joined(separator: " ::: "), person.birthday?.iso,
                person.howMet, person.cadenceDays.map(String.init), person.added?.iso,
                graph.lastInteraction(with: person.id)?.date.iso, notes,
            ]
            writer.write(row: row.map { $0 ?? "" })
        }
        return Data(writer.bytes)
    }
}
