import KithGraph
import KithLanguage
import KithTime

/// Commands: each builds a `Change` against the newest graph inside `Storage.commit`, so two
/// processes writing at once never work from a stale copy, and confirms in one line.
extension Conversation {
    /// Thrown from inside a commit to refuse a command; nothing is written.
    struct Refusal: Error {
        let kind: FailureKind
        let text: String
    }

    /// Runs a command's change and phrases the confirmation (or the refusal).
    func commit(_ request: Request, mentioning: [RecordID] = [], _ build: (Graph) throws -> Change?) throws -> Answer {
        try commit(question: request.question, intent: request.intent, mentioning: mentioning, build)
    }

    func commit(question: String, intent: String, mentioning: [RecordID] = [],
                _ build: (Graph) throws -> Change?) throws -> Answer {
        do {
            guard let change = try storage.commit(build) else {
                return Answer(question: question, intent: intent, text: "Nothing to change.")
            }
            if change.undoable, let entry = graph.undoLog.last { ownUndoIDs.append(entry.id) }
            var answer = Answer(question: question, intent: intent, text: change.summary)
            answer.mentioned = mentioning
            return answer
        } catch let refusal as Refusal {
            var answer = Answer(question: question, intent: intent, text: refusal.text)
            answer.failure = refusal.kind
            answer.message = refusal.text
            return answer
        }
    }

    func name(_ id: RecordID) -> String { graph.people[id]?.name ?? "someone" }

    // MARK: - People

    func addPerson(_ request: Request) throws -> Answer {
        try addPerson(named: request.text(.person) ?? "", tag: request.text(.tag), org: request.text(.org),
                      howMet: request.text(.howMet), question: request.question)
    }

    /// Adds someone new; refuses a name already in the store (it would be ambiguous forever).
    func addPerson(named typed: String, tag: String? = nil, org: String? = nil, howMet: String? = nil,
                   question: String) throws -> Answer {
        let name = Self.capitalised(typed)
        let tag = tag.map(Graph.tagKey)
        var answer = try commit(question: question, intent: "add_person") { graph in
            let folded = fold(name)
            if let id = graph.people(withFoldedName: folded).first, let existing = graph.people[id] {
                throw Refusal(kind: .alreadyKnown, text: "You already know \(existing.name)."
                              + (tag.map { " To tag them, say \"tag \(existing.name) as \($0)\"." } ?? ""))
            }
            var person = Person(id: graph.nextID(.person), name: name)
            person.tags = tag.map { [$0] } ?? []
            person.org = org
            person.howMet = howMet
            person.added = today
            let details = [tag, org.map { "at \($0)" }, howMet.map { "how you met: \($0)" }].compactMap { $0 }
            return Change(summary: "Added \(name)" + (details.isEmpty ? "" : " (\(details.joined(separator: ", ")))") + ".",
                          operations: [.put(.person(person))])
        }
        if !answer.isFailure, let id = graph.people(withFoldedName: fold(name)).first(where: { graph.people[$0]?.name == name }) {
            answer.mentioned = [id]
        }
        return answer
    }

    /// "diane smith" → "Diane Smith"; names typed with any capital are kept as typed.
    static func capitalised(_ name: String) -> String {
        guard name == name.lowercased() else { return name }
        return name.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    func logInteraction(_ request: Request) throws -> Answer {
        let people = request.people["people"] ?? []
        // Today and a conversation unless said (`complete`).
        let date = request.day(.date)!
        let channel = request.canonical(.channel)!
        let topic = request.text(.topic)
        guard date <= today else {
            return failure(request, .invalidValue,
                           "\(phrasing.day(date)) is in the future — I only log what has happened.")
        }
        return try commit(request, mentioning: people) { graph in
            let interaction = Interaction(id: graph.nextID(.interaction), date: date,
                                          people: people, channel: channel, topic: topic)
            let names = Phrasing.list(people.map(self.name))
            return Change(summary: "Logged \(Phrasing.noun(channel)) with \(names) on \(phrasing.day(date))"
                          + (topic.map { " about \($0)" } ?? "") + ".",
                          operations: [.put(.interaction(interaction))])
        }
    }

    /// "keep in touch with Diane every 2 weeks": how often you want to be in touch, in days.
    func setCadence(_ request: Request) throws -> Answer {
        let id = request.person()!
        guard let days = request.number(.cadence), days > 0 else {
            return failure(request, .invalidValue, "How often? Say e.g. \"every 2 weeks\" or \"monthly\".")
        }
        return try commit(request, mentioning: [id]) { graph in
            guard var person = graph.people[id] else { return nil }
            person.cadenceDays = days
            return Change(summary: "I'll remind you to keep in touch with \(person.name) \(CadenceParser.spoken(days)).",
                          operations: [.put(.person(person))])
        }
    }

    func addNote(_ request: Request) throws -> Answer {
        let id = request.person()!
        let text = request.text(.text) ?? ""
        return try commit(request, mentioning: [id]) { graph in
            guard var person = graph.people[id] else { return nil }
            person.notes.append(Note(date: today, text: text))
            // A note that names its person already ("Sam Lee wants the roadmap") says so once.
            let named = Tokenizer.tokenize(text).first.map { [person.name, person.firstName].map(fold).contains(fold($0.word))
                || fold(text).hasPrefix(fold(person.name)) } ?? false
            let summary = (named ? "Noted: " : "Noted for \(person.name): ") + text + (text.hasSuffix(".") ? "" : ".")
            return Change(summary: summary, operations: [.put(.person(person))])
        }
    }

    func setAttribute(_ request: Request) throws -> Answer {
        let id = request.person()!
        let attribute = request.canonical(.attribute) ?? ""
        let raw = request.text(.value) ?? ""
        return try commit(request, mentioning: [id]) { graph in
            guard var person = graph.people[id] else { return nil }
            let shown: String
            switch attribute {
            case "birthday":
                guard let birthday = Self.birthday(from: raw) else {
                    throw Refusal(kind: .invalidValue,
                                  text: "I couldn't read \"\(raw)\" as a birthday — try \"May 4\" or \"1985-05-04\".")
                }
                person.birthday = birthday
                shown = birthday.spoken
            case "email":
                guard raw.contains("@"), !raw.contains(" "), raw.split(separator: "@").count == 2 else {
                    throw Refusal(kind: .invalidValue, text: "\"\(raw)\" doesn't look like an email address.")
                }
                // The new address goes first; the others are kept (a person has several).
                person.emails = Addresses.putting(raw, before: person.emails, key: Addresses.emailKey)
                shown = Self.withOthers(person.emails)
            case "phone":
                person.phones = Addresses.putting(raw, before: person.phones, key: Addresses.phoneKey)
                shown = Self.withOthers(person.phones)
            case "org": person.org = raw; shown = raw
            case "title": person.title = Self.dropArticle(raw); shown = person.title!
            case "place": person.place = raw; shown = raw
            case "how_met": person.howMet = raw; shown = raw
            default:
                throw Refusal(kind: .invalidValue, text: "I can't set \(attribute) yet.")
            }
            let label = ["org": "company", "place": "city", "how_met": "how you met"][attribute] ?? attribute
            return Change(summary: "\(person.name)'s \(label) is now \(shown).", operations: [.put(.person(person))])
        }
    }

    /// "d@example.com", or "d@example.com (also diane@acme.example)" for several.
    static func withOthers(_ values: [String]) -> String {
        guard let first = values.first else { return "" }
        return first + (values.count > 1 ? " (also \(values.dropFirst().joined(separator: ", ")))" : "")
    }

    static func dropArticle(_ text: String) -> String {
        for article in ["a ", "an ", "the "] where text.lowercased().hasPrefix(article) {
            return String(text.dropFirst(article.count))
        }
        return text
    }

    /// "May 4", "4 May", "May 4th, 1985", "1985-05-04", "--05-04".
    static func birthday(from text: String) -> MonthDay? {
        let trimmed = text.trimmed
        if let iso = MonthDay(iso: trimmed) { return iso }
        let words = Tokenizer.tokenize(trimmed).map(\.word).filter { $0 != "the" && $0 != "of" && $0 != "on" }
        var month: Int?, day: Int?, year: Int?
        for word in words {
            if month == nil, let m = TimeExpressionParser.month(word) { month = m; continue }
            if day == nil, let d = TimeExpressionParser.dayNumber(word) { day = d; continue }
            if year == nil, let y = TimeExpressionParser.year(word) { year = y; continue }
            return nil
        }
        guard let month, let day else { return nil }
        return MonthDay(year: year, month: month, day: day)
    }

    func tag(_ request: Request) throws -> Answer {
        let id = request.person()!
        let tag = Graph.tagKey(request.text(.tag) ?? "")
        let removing = request.canonical(.action) == "remove"
        return try commit(request, mentioning: [id]) { graph in
            guard var person = graph.people[id] else { return nil }
            let has = person.tags.contains { Graph.tagKey($0) == tag }
            if removing {
                guard has else { throw Refusal(kind: .invalidValue, text: "\(person.name) isn't tagged \(tag).") }
                person.tags.removeAll { Graph.tagKey($0) == tag }
                return Change(summary: "Removed the \(tag) tag from \(person.name).", operations: [.put(.person(person))])
            }
            guard !has else { throw Refusal(kind: .invalidValue, text: "\(person.name) is already tagged \(tag).") }
            person.tags.append(tag)
            return Change(summary: "Tagged \(person.name) as \(tag).", operations: [.put(.person(person))])
        }
    }

    /// Why an undo would take back more than its change, in words: "Ann Lee's city was changed
    /// since", "Ann Lee was deleted since".
    func describe(_ conflict: Graph.UndoConflict) -> String {
        let subject: String
        switch conflict.record {
        case .person(let person): subject = person.name
        case .interaction(let interaction): subject = "the conversation on \(phrasing.day(interaction.date))"
        case .relation: subject = "that relation"
        case .reminder(let reminder): subject = "the reminder \"\(reminder.text)\""
        case .phrase(let phrase): subject = "\"\(phrase.says)\""
        case .event(let event): subject = (event.title.map { "\"\($0)\"" } ?? "the event") + " on \(phrasing.day(event.date))"
        }
        if conflict.deleted { return "\(subject) was deleted since" }
        let fields = Phrasing.list(conflict.fields.map { conflict.record.kind.words(ofField: $0) })
        let verb = conflict.fields.count == 1 ? "was" : "were"
        return conflict.added ? "\(subject) was changed since (\(fields))" : "\(subject)'s \(fields) \(verb) changed since"
    }

    /// Takes back this conversation's last change still undoable, or else the store's last
    /// (so `kith ask undo` after `kith ask "add …"` does what it says).
    func undo(_ request: Request) throws -> Answer {
        let answer = try commit(request) { graph in
            let mine = ownUndoIDs.last { id in graph.undoLog.contains { $0.id == id } }
            guard let entry = graph.undoLog.last(where: { $0.id == mine }) ?? graph.undoLog.last else {
                throw Refusal(kind: .nothingToUndo, text: "There's nothing to undo.")
            }
            let summary = entry.summary.hasSuffix(".") ? String(entry.summary.dropLast()) : entry.summary
            // Field by field: what the change set goes back, unless a later change touched it.
            let operations: [Operation]
            do {
                operations = try graph.resolvingUndo(entry) + [.popUndo(entry.id)]
            } catch let conflict as Graph.UndoConflict {
                throw Refusal(kind: .nothingToUndo, text: "I can't undo \"\(summary)\": \(describe(conflict)).")
            }
            // Another conversation may since have logged something with a person this would
            // remove; undoing would leave that record naming nobody.
            guard graph.danglingReferences(after: operations).isEmpty else {
                throw Refusal(kind: .nothingToUndo, text: "I can't undo \"\(summary)\": something added since refers to it.")
            }
            // "Added Ann" reads "Undone: added Ann"; "Ann's city is now Boston" keeps its capital.
            let verbs = ["Added", "Logged", "Noted", "Removed", "Tagged", "Imported", "Forgot", "Merged", "Renamed",
                         "Deleted", "Done", "Learned"]
            let opening = verbs.contains { summary.hasPrefix($0 + " ") } ? summary.prefix(1).lowercased() + summary.dropFirst() : summary
            return Change(summary: "Undone: \(opening).", operations: operations, undoable: false)
        }
        ownUndoIDs.removeAll { id in !graph.undoLog.contains { $0.id == id } }
        return answer
    }
}
