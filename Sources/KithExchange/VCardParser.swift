import KithText
import KithTime

/// Reads vCard 2.1, 3.0 and 4.0 files (RFC 2426, RFC 6350) as phones and apps write them.
///
/// A card that is cut short (no `END:VCARD`), holds a line that is not a property, or has no
/// name is reported with the line it starts on and left out; the other cards still import.
/// A value Kith cannot read (a birthday of "sometime in May") is reported and left out of an
/// otherwise imported card.
enum VCardParser {
    static func parse(_ bytes: [UInt8], progress: ((Double) -> Void)? = nil) -> ParsedContacts {
        var parsed = ParsedContacts(format: .vcard)
        var card: [VCardProperty]?
        var cardLine = 0
        var brokenAt: (line: Int, text: String)?
        var strayLine: Int?
        let lines = ContentLines.unfold(bytes, quotedPrintable: true)

        for (index, logical) in lines.enumerated() {
            if index % 1024 == 0 { progress?(Double(index) / Double(max(lines.count, 1))) }
            guard let property = VCardProperty(logical.bytes, line: logical.number) else {
                if card != nil {
                    if brokenAt == nil {
                        brokenAt = (logical.number, String(decoding: logical.bytes.prefix(40), as: UTF8.self))
                    }
                } else if strayLine == nil {
                    strayLine = logical.number
                }
                continue
            }
            let isVCard = (property.name == "BEGIN" || property.name == "END")
                && property.rawText.trimmed.uppercased() == "VCARD"
            if property.name == "BEGIN", isVCard {
                if card != nil { parsed.skip(line: cardLine, "card has no END:VCARD before the next card") }
                reportStray(&strayLine, in: &parsed)
                card = []
                cardLine = logical.number
                brokenAt = nil
            } else if property.name == "END", isVCard {
                guard let properties = card else {
                    parsed.warn(line: logical.number, "END:VCARD without a BEGIN:VCARD; ignored")
                    continue
                }
                if let brokenAt {
                    parsed.skip(line: cardLine, "card has a line that is not a property at line \(brokenAt.line) "
                                + "(\"\(brokenAt.text)\")")
                } else {
                    read(properties, line: cardLine, into: &parsed)
                }
                card = nil
            } else if card != nil {
                card!.append(property)
            } else if strayLine == nil {
                strayLine = logical.number
            }
        }
        if card != nil { parsed.skip(line: cardLine, "card has no END:VCARD") }
        reportStray(&strayLine, in: &parsed)
        progress?(1)
        return parsed
    }

    /// Text between cards is reported once per run of such lines, at its first line.
    private static func reportStray(_ strayLine: inout Int?, in parsed: inout ParsedContacts) {
        if let line = strayLine { parsed.warn(line: line, "text outside a BEGIN:VCARD … END:VCARD card; ignored") }
        strayLine = nil
    }

    // MARK: - Cards

    /// Turns one card's properties into a contact.
    private static func read(_ properties: [VCardProperty], line: Int, into parsed: inout ParsedContacts) {
        var contact = Contact(line: line, name: "")
        var structuredName: [String] = []
        var emails: [VCardProperty] = []
        var phones: [VCardProperty] = []
        var addresses: [VCardProperty] = []
        var role: String?

        for property in properties {
            switch property.name {
            case "FN":
                if contact.name.isEmpty { contact.name = property.text }
            case "N":
                structuredName = property.components(separatedBy: ";")
            case "NICKNAME":
                contact.nicknames += property.components(separatedBy: ",").filter { !$0.isEmpty }
            case "EMAIL":
                emails.append(property)
            case "TEL":
                phones.append(property)
            case "ADR":
                addresses.append(property)
            case "ORG":
                contact.org = contact.org ?? property.components(separatedBy: ";").first { !$0.isEmpty }
            case "TITLE":
                contact.title = contact.title ?? nonEmpty(property.text)
            case "ROLE":
                role = role ?? nonEmpty(property.text)
            case "BDAY":
                let text = property.text
                let omitted = property.parameters["X-APPLE-OMIT-YEAR"]?.first.flatMap { Int($0) }
                if let birthday = DateText.birthday(text, omittedYear: omitted) {
                    contact.birthday = birthday
                } else if !text.isEmpty {
                    parsed.warn(line: property.line, "birthday \"\(text)\" is not a date Kith can read; left out")
                }
            case "NOTE":
                if let text = nonEmpty(property.text) {
                    let date = property.parameters["X-KITH-DATE"]?.first.flatMap { CalendarDate(iso: $0) }
                    contact.notes.append(ContactNote(date: date, text: text))
                }
            case "CATEGORIES":
                contact.tags += property.components(separatedBy: ",").filter { !$0.isEmpty }
            case "URL":
                if let url = nonEmpty(property.text) { contact.links.append(url) }
            case "X-KITH-HOW-MET":
                contact.howMet = nonEmpty(property.text)
            case "X-KITH-CADENCE-DAYS":
                contact.cadenceDays = Int(property.text)
            case "X-KITH-ADDED":
                contact.added = CalendarDate(iso: property.text)
            default:
                continue
            }
        }
        if contact.name.isEmpty {
            // N is family;given;additional;prefix;suffix, each maybe a comma list.
            let parts = [1, 2, 0].compactMap { structuredName.indices.contains($0) ? structuredName[$0] : nil }
            contact.name = parts.map { $0.replacing(",", with: " ") }
                .filter { !$0.isEmpty }.joined(separator: " ")
        }
        contact.title = contact.title ?? role
        contact.emails = preferredFirst(emails).compactMap { nonEmpty(strip("mailto:", from: $0.text)) }
        contact.phones = preferredFirst(phones).compactMap { nonEmpty(strip("tel:", from: $0.text)) }
        // The home address says where someone lives; else the preferred one; else any.
        let address = addresses.first(where: { $0.has(type: "home") }) ?? preferredFirst(addresses).first
        if let address {
            // ADR is po-box;extended;street;locality;region;code;country.
            let parts = address.components(separatedBy: ";")
            contact.place = [3, 4, 6].lazy.compactMap { parts.indices.contains($0) ? nonEmpty(parts[$0]) : nil }.first
        }
        parsed.add(contact, kind: "card")
    }

    private static func preferredFirst(_ properties: [VCardProperty]) -> [VCardProperty] {
        properties.filter(\.isPreferred) + properties.filter { !$0.isPreferred }
    }

    private static func strip(_ scheme: String, from text: String) -> String {
        text.lowercased().hasPrefix(scheme) ? String(text.dropFirst(scheme.count)) : text
    }
}

/// Nil for an empty or all-whitespace string, else the string trimmed.
func nonEmpty(_ text: String?) -> String? {
    guard let text else { return nil }
    let trimmed = text.trimmed
    return trimmed.isEmpty ? nil : trimmed
}
