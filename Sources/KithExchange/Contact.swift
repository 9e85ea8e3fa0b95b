import KithTime

/// One person as an address book describes them, before deciding whether they are new to the
/// graph or someone already in it. Parsers fill it; `ContactImport.plan` turns it into a
/// `Person` or merges it into one.
public struct Contact: Hashable, Sendable {
    /// The line of the file the card or row starts on, from 1.
    public var line: Int
    public var name: String
    public var nicknames: [String] = []
    /// In the file's order, preferred ones first.
    public var emails: [String] = []
    /// In the file's order, preferred ones first.
    public var phones: [String] = []
    public var org: String?
    public var title: String?
    public var place: String?
    public var birthday: MonthDay?
    /// Free-text notes; a date when the file says when (Kith's own vCards do), else the import day.
    public var notes: [ContactNote] = []
    /// As the file spells them (categories, labels); the planner stores them as Kith tags.
    public var tags: [String] = []
    public var howMet: String?
    public var cadenceDays: Int?
    /// The day the person was added, when the file says (Kith's own vCards do).
    public var added: CalendarDate?
    /// Web addresses: a LinkedIn profile, a vCard URL.
    public var links: [String] = []

    public init(line: Int, name: String) {
        self.line = line
        self.name = name
    }
}

/// A note as a file gives it.
public struct ContactNote: Hashable, Sendable {
    public var date: CalendarDate?
    public var text: String

    public init(date: CalendarDate? = nil, text: String) {
        self.date = date
        self.text = text
    }
}

/// What a parser found in a file: the contacts it could read and the problems with the rest.
public struct ParsedContacts: Hashable, Sendable {
    public var format: ImportFormat
    public var contacts: [Contact]
    /// Cards or rows left out as malformed, each at the line it starts on.
    public var skipped: [ImportProblem]
    /// Values left out of contacts that are otherwise imported, and text that was ignored.
    public var warnings: [ImportProblem]

    public init(format: ImportFormat, contacts: [Contact] = [], skipped: [ImportProblem] = [],
                warnings: [ImportProblem] = []) {
        self.format = format
        self.contacts = contacts
        self.skipped = skipped
        self.warnings = warnings
    }
}

extension ParsedContacts {
    /// Adds `contact` once it has a name: its own, else its organisation's, else its first
    /// email address (how phones show nameless entries). With none of them it is skipped.
    mutating func add(_ contact: Contact, kind: String) {
        var contact = contact
        contact.name = contact.name.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if contact.name.isEmpty { contact.name = contact.org ?? contact.emails.first ?? "" }
        guard !contact.name.isEmpty else {
            skip(line: contact.line, "\(kind) has no name, organisation or email address")
            return
        }
        contacts.append(contact)
    }

    /// Records a card or row left out.
    mutating func skip(line: Int, _ message: String) {
        skipped.append(ImportProblem(line: line, message: message))
    }

    /// Records a value left out of a contact that is otherwise imported.
    mutating func warn(line: Int, _ message: String) {
        warnings.append(ImportProblem(line: line, message: message))
    }
}
