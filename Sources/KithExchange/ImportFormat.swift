import KithText

/// The address-book formats `kith import` reads.
public enum ImportFormat: String, CaseIterable, Hashable, Sendable {
    /// vCard 2.1, 3.0 or 4.0: one or many `BEGIN:VCARD` … `END:VCARD` cards (phones, Apple
    /// Contacts, Google, Outlook, Thunderbird).
    case vcard
    /// Google Contacts' CSV export, in its current header style ("First Name", "Labels",
    /// "E-mail 1 - Value") or the older one ("Given Name", "Group Membership").
    case google
    /// LinkedIn's Connections.csv, with or without its "Notes:" preamble.
    case linkedin

    public var displayName: String {
        switch self {
        case .vcard: return "vCard file"
        case .google: return "Google Contacts CSV"
        case .linkedin: return "LinkedIn Connections.csv"
        }
    }

    /// The format of a file, told from its content alone (file names lie): a vCard starts with
    /// `BEGIN:VCARD`; a LinkedIn export has its "Notes:" preamble or a header with "URL" and
    /// "Connected On"; any other CSV whose first line names a name column ("First Name",
    /// "Given Name", "Name", …) is read as Google's. Nil when none fits.
    public static func detect(_ text: String) -> ImportFormat? {
        var rest = text[...]
        var firstLine: String?
        while firstLine == nil, !rest.isEmpty {
            let end = rest.firstIndex(where: \.isNewline) ?? rest.endIndex
            let line = rest[..<end].trimmed
            if !line.isEmpty { firstLine = line }
            rest = end < rest.endIndex ? rest[rest.index(after: end)...] : rest[end...]
        }
        guard let first = firstLine else { return nil }
        if first.uppercased().hasPrefix("BEGIN:VCARD") { return .vcard }
        if first.hasPrefix("Notes:") { return .linkedin }
        let header = CSVHeader(line: String(first))
        if header.has("connected on") && header.has("url") { return .linkedin }
        if header.hasNameColumn { return .google }
        return nil
    }
}

/// The column names of a CSV header line, compared trimmed and case-insensitively.
struct CSVHeader {
    let names: Set<String>

    /// The names in the first row of `line`, read as the import reads every row.
    init(line: String) {
        var reader = CSVRowReader(line)
        guard case .success(let row) = reader.next() else {
            names = []
            return
        }
        names = Set(row.fields.map { $0.trimmed.lowercased() })
    }

    func has(_ name: String) -> Bool { names.contains(name) }

    static let nameColumns = ["name", "first name", "last name", "given name", "family name"]

    var hasNameColumn: Bool { Self.nameColumns.contains(where: has) }
}
