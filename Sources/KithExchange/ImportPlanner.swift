import KithGraph
import KithTime

/// Decides, contact by contact, whether an imported contact is someone new or someone known.
///
/// Rules, in order (docs/import-export.md):
/// 1. a contact with an email address someone already has (case-insensitively) is that person;
/// 2. else one whose full name folds (case, accents, spacing) to exactly one person's is them;
///    several people with that name are not guessed between: the contact is skipped;
/// 3. else the contact is a new person.
///
/// "Someone already known" includes people added earlier in the same file, so a file that
/// lists a person twice adds them once. A merge never overwrites what the graph knows: it fills
/// empty fields, adds email addresses, phone numbers, tags, nicknames and notes that are new,
/// and keeps web addresses in a note. A merge that adds nothing is a skip. A contact with one of
/// the owner's own email addresses or phone numbers is the user's own card, and is skipped.
struct ImportPlanner {
    private let original: Graph
    private let today: CalendarDate
    /// People added or changed so far, by id.
    private var touched: [RecordID: Person] = [:]
    private var addedIDs: [RecordID] = []
    private var merges: [(line: Int, id: RecordID, fields: [String])] = []
    private var skips: [ImportPlan.Skip] = []
    private var byEmail: [String: RecordID] = [:]
    private var byName: [String: [RecordID]] = [:]
    private var nextID: RecordID

    init(graph: Graph, today: CalendarDate) {
        original = graph
        self.today = today
        nextID = graph.nextID(.person)
        for person in graph.people.values.sorted(by: { $0.id < $1.id }) { index(person) }
    }

    /// Indexes a person's email addresses, and their name under `nameKey` (their folded name).
    private mutating func index(_ person: Person, nameKey: String? = nil) {
        for email in person.emails.map(Addresses.emailKey) where byEmail[email] == nil { byEmail[email] = person.id }
        let key = nameKey ?? fold(person.name)
        if !(byName[key]?.contains(person.id) ?? false) { byName[key, default: []].append(person.id) }
    }

    private func person(_ id: RecordID) -> Person { touched[id] ?? original.people[id]! }

    mutating func take(_ contact: Contact) {
        let owner = original.owner
        if contact.emails.contains(where: owner.owns(email:)) || contact.phones.contains(where: owner.owns(phone:)) {
            skips.append(.init(line: contact.line, reason: "\(contact.name) is you (one of your own addresses)"))
            return
        }
        let emailIndex = byEmail
        let match = contact.emails.lazy.compactMap { emailIndex[Addresses.emailKey($0)] }.first
        let nameKey = fold(contact.name)
        if let id = match ?? byName[nameKey].flatMap({ $0.count == 1 ? $0[0] : nil }) {
            var merged = person(id)
            let fields = merge(contact, into: &merged)
            if fields.isEmpty {
                skips.append(.init(line: contact.line, reason: "\(merged.name) is already known, with nothing new",
                                   isKnownAlready: true))
            } else {
                touched[id] = merged
                merges.append((contact.line, id, fields))
                index(merged)
            }
        } else if let ids = byName[nameKey], ids.count > 1 {
            let reason = "\(ids.count) people are named \(contact.name); not guessing which (merge by hand)"
            skips.append(.init(line: contact.line, reason: reason))
        } else {
            var person = Person(id: nextID, name: contact.name)
            nextID += 1
            person.added = contact.added ?? today
            _ = merge(contact, into: &person)
            touched[person.id] = person
            addedIDs.append(person.id)
            index(person, nameKey: nameKey)
        }
    }

    /// Fills `person` from `contact` without overwriting anything, and names what it added.
    private func merge(_ contact: Contact, into person: inout Person) -> [String] {
        var fields: [String] = []
        func fill<T>(_ keyPath: WritableKeyPath<Person, T?>, _ value: T?, _ name: String) {
            guard person[keyPath: keyPath] == nil, let value else { return }
            person[keyPath: keyPath] = value
            fields.append(name)
        }
        func add(_ keyPath: WritableKeyPath<Person, [String]>, _ values: [String], key: (String) -> String, _ name: String) {
            let merged = Addresses.merging(person[keyPath: keyPath], values, key: key)
            guard merged.count > person[keyPath: keyPath].count else { return }
            person[keyPath: keyPath] = merged
            fields.append(name)
        }
        add(\.emails, contact.emails, key: Addresses.emailKey, "email")
        add(\.phones, contact.phones, key: Addresses.phoneKey, "phone")
        fill(\.org, contact.org, "organisation")
        fill(\.title, contact.title, "title")
        fill(\.place, contact.place, "place")
        fill(\.howMet, contact.howMet, "how you met")
        fill(\.cadenceDays, contact.cadenceDays, "cadence")
        if let birthday = contact.birthday {
            if person.birthday == nil {
                fill(\.birthday, birthday, "birthday")
            } else if let known = person.birthday, known.year == nil, birthday.year != nil,
                      known.month == birthday.month, known.day == birthday.day {
                person.birthday = birthday
                fields.append("birth year")
            }
        }

        if !contact.nicknames.isEmpty {
            var aliasKeys = Set(person.aliases.map(fold) + [fold(person.name)])
            let aliasCount = person.aliases.count
            for nickname in contact.nicknames where aliasKeys.insert(fold(nickname)).inserted {
                person.aliases.append(nickname)
            }
            if person.aliases.count > aliasCount { fields.append("nicknames") }
        }

        var tagKeys = Set(person.tags.map(Graph.tagKey))
        let tagCount = person.tags.count
        for tag in contact.tags.compactMap(Self.tag) where tagKeys.insert(tag).inserted {
            person.tags.append(tag)
        }
        if person.tags.count > tagCount { fields.append("tags") }

        var notes = contact.notes.map { Note(date: $0.date ?? today, text: $0.text) }
        if let others = otherDetails(contact, beside: person) { notes.append(Note(date: today, text: others)) }
        var noteTexts = Set(person.notes.map(\.text))
        let noteCount = person.notes.count
        for note in notes where noteTexts.insert(note.text).inserted { person.notes.append(note) }
        if person.notes.count > noteCount { fields.append("notes") }
        return fields
    }

    /// The web addresses a person has no field for, as a note: "Other details: web https://…".
    /// Values the person's notes already hold are left out, so importing a file again adds
    /// nothing.
    private func otherDetails(_ contact: Contact, beside person: Person) -> String? {
        let noted = person.notes.map { $0.text.lowercased() }
        func isNoted(_ value: String) -> Bool {
            let value = value.lowercased()
            return !value.isEmpty && noted.contains { $0.contains(value) }
        }
        let links = contact.links.filter { !isNoted($0) }
        return links.isEmpty ? nil : "Other details: web " + links.joined(separator: ", ")
    }

    /// A category or label as a Kith tag (`Graph.tagKey`: "Friends" is "friend"). Google's
    /// system groups ("myContacts", "* myContacts", "* other", "My Contacts" in older exports)
    /// are not the user's own and are dropped; the star of the others ("* starred") goes.
    static func tag(_ label: String) -> String? {
        let name = label.hasPrefix("* ") ? String(label.dropFirst(2)) : label
        let key = Graph.tagKey(name)
        return key.isEmpty || ["mycontact", "my contact", "other", "othercontact", "other contact"].contains(key) ? nil : key
    }

    func finish(_ parsed: ParsedContacts, source: String) -> ImportPlan {
        let added = addedIDs.map { person($0) }
        let merged = merges.map { ImportPlan.Merge(line: $0.line, person: person($0.id), fields: $0.fields) }
        let malformed = parsed.skipped.map { ImportPlan.Skip(line: $0.line, reason: $0.message) }
        var plan = ImportPlan(format: parsed.format, source: source, added: added, merged: merged,
                              skipped: (skips + malformed).sorted { $0.line < $1.line }, warnings: parsed.warnings,
                              change: nil)
        if !touched.isEmpty {
            let operations = touched.keys.sorted().map { KithGraph.Operation.put(.person(touched[$0]!)) }
            let mergedCount = Set(merges.map(\.id)).subtracting(addedIDs).count
            plan.change = Change(summary: "Imported \(source): \(added.count) added, \(mergedCount) merged.",
                                 operations: operations)
        }
        return plan
    }
}
