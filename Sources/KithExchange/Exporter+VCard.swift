import FoundationEssentials
import KithGraph

extension Exporter {
    /// vCard 4.0, one card per person, in a form `ContactImport` reads back to the same person.
    /// What vCard has no property for travels in extensions other apps ignore:
    /// `X-KITH-HOW-MET`, `X-KITH-CADENCE-DAYS`, `X-KITH-ADDED`, and a note's date as the
    /// `X-KITH-DATE` parameter of its `NOTE`.
    static func vCard(_ people: [Person]) -> Data {
        var lines = ContentLines()
        let escape = ContentLines.escape
        for person in people {
            lines.append("BEGIN", "VCARD")
            lines.append("VERSION", "4.0")
            lines.append("FN", escape(person.name))
            // N wants family and given names apart; the last word is the best guess at the family name.
            let words = person.name.split(separator: " ").map(String.init)
            let family = words.count > 1 ? words.last! : ""
            let given = words.count > 1 ? words.dropLast().joined(separator: " ") : person.name
            lines.append("N", [family, given, "", "", ""].map(escape).joined(separator: ";"))
            if !person.aliases.isEmpty { lines.append("NICKNAME", person.aliases.map(escape).joined(separator: ",")) }
            if let org = person.org { lines.append("ORG", escape(org)) }
            if let title = person.title { lines.append("TITLE", escape(title)) }
            if let place = person.place { lines.append("ADR", ";;;\(escape(place));;;") }
            // In the person's order, which a reader keeps (the first is the one to use first).
            for email in person.emails { lines.append("EMAIL", escape(email)) }
            for phone in person.phones { lines.append("TEL", escape(phone)) }
            if let birthday = person.birthday {
                let monthDay = basicMonthDay(month: birthday.month, day: birthday.day)
                lines.append("BDAY", birthday.year.map { digits($0, 4) + monthDay } ?? "--\(monthDay)")
            }
            if !person.tags.isEmpty { lines.append("CATEGORIES", person.tags.map(escape).joined(separator: ",")) }
            if let howMet = person.howMet { lines.append("X-KITH-HOW-MET", escape(howMet)) }
            if let cadence = person.cadenceDays { lines.append("X-KITH-CADENCE-DAYS", String(cadence)) }
            if let added = person.added { lines.append("X-KITH-ADDED", added.iso) }
            for note in person.notes { lines.append("NOTE;X-KITH-DATE=\(note.date.iso)", escape(note.text)) }
            lines.append("END", "VCARD")
        }
        return Data(lines.bytes)
    }
}
