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
        var firstLine: Substring?
        while firstLine == nil, !rest.isEmpty {
            let end = rest.firstIndex(where: \.isNewline) ?? rest.endIndex
            let line = rest[..<end].trimmingPrefix(while: \.isWhitespace)
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

    /// Splits a header line on commas, dropping the quotes around names; enough to recognise
    /// a header (header names hold no commas) before the real parser reads the file.
    init(line: String) {
        names = Set(line.split(separator: ",", omittingEmptySubsequences: false).map {
            String(String.UnicodeScalarView(Self.trimmed($0.unicodeScalars))).lowercased()
        })
    }

    /// `name` without the white space and quotes around it, as Foundation trimmed it with
    /// `.whitespaces.union(["\""])`: scalar by scalar, so a quote with a combining mark
    /// after it is trimmed and the mark kept.
    private static func trimmed(_ name: Substring.UnicodeScalarView) -> Substring.UnicodeScalarView {
        guard let first = name.firstIndex(where: { !isPadding($0) }) else { return name[name.endIndex...] }
        let last = name.lastIndex(where: { !isPadding($0) })!
        return name[first...last]
    }

    /// Foundation's `CharacterSet.whitespaces` (tab and the space separators, U+200B among them)
    /// and the quote.
    static func isPadding(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x20, 0x22, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    func has(_ name: String) -> Bool { names.contains(name) }

    static let nameColumns = ["name", "first name", "last name", "given name", "family name"]

    var hasNameColumn: Bool { Self.nameColumns.contains(where: has) }
}
