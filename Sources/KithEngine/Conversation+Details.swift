import KithGraph
import KithTime

/// Questions about one person's details and history, and about what was said when.
extension Conversation {
    func history(_ request: Request) -> Answer {
        let id = request.person()!
        let period = request.period()
        let interactions = graph.interactions(of: id, in: period).reversed()
        var answer = Answer(question: request.question, intent: request.intent, text: "")
        answer.mentioned = [id]
        answer.count = interactions.count
        let when = period.map { " " + phrasing.period($0) } ?? ""
        guard !interactions.isEmpty else {
            answer.text = "No conversations with \(name(id)) logged\(when)."
            return answer
        }
        let shown = interactions.prefix(20)
        answer.text = "\(Phrasing.count(interactions.count, "conversation")) with \(name(id))\(when)"
            + (interactions.count > shown.count ? ", the latest \(shown.count)" : "") + ":\n"
            + Phrasing.table(shown.map { interaction in
                let others = interaction.people.filter { $0 != id }.map(name)
                return [phrasing.day(interaction.date), interaction.channel,
                        (interaction.topic ?? "—") + (others.isEmpty ? "" : " (with \(Phrasing.list(others)))")
                            + (interaction.source.map { " · from \($0)" } ?? "")]
            })
        return answer
    }

    func attribute(_ request: Request) -> Answer {
        let id = request.person()!
        let person = graph.people[id]!
        let attribute = request.canonical(.attribute) ?? ""
        var answer = Answer(question: request.question, intent: request.intent, text: "")
        answer.mentioned = [id]
        let first = person.firstName
        switch attribute {
        case "birthday":
            guard let birthday = person.birthday else { break }
            let next = birthday.nextOccurrence(onOrAfter: today)
            answer.date = next
            answer.text = "\(person.name)'s birthday is \(birthday.spoken)"
                + (next == today ? " — that's today!" : ", \(phrasing.relative(next)) (\(phrasing.day(next)))")
                + (birthday.year.map { "; \(first) turns \(next.year - $0)." } ?? ".")
            return answer
        case "email":
            if !person.emails.isEmpty { answer.text = "\(person.name)'s email is \(Self.withOthers(person.emails))."; return answer }
        case "phone":
            if !person.phones.isEmpty { answer.text = "\(person.name)'s phone is \(Self.withOthers(person.phones))."; return answer }
        case "org":
            if let org = person.org {
                answer.text = "\(person.name) works at \(org)" + (person.title.map { " as \($0)" } ?? "") + "."
                return answer
            }
        case "title":
            if let title = person.title {
                answer.text = "\(person.name) is \(title)" + (person.org.map { " at \($0)" } ?? "") + "."
                return answer
            }
        case "place": if let v = person.place { answer.text = "\(person.name) lives in \(v)."; return answer }
        case "how_met":
            var parts: [String] = []
            if let how = person.howMet { parts.append("how you met: \(how)") }
            for relation in graph.relations(of: id) where relation.person == id {
                if relation.kind == Relation.introducedBy { parts.append("\(displayName(relation.other)) introduced you") }
                if relation.kind == Relation.referredBy { parts.append("\(displayName(relation.other)) referred \(first) to you") }
            }
            if !parts.isEmpty {
                answer.text = "\(person.name) — " + parts.joined(separator: "; ") + "."
                return answer
            }
        default:
            break
        }
        let label = ["org": "where \(first) works", "title": "what \(first) does", "place": "where \(first) lives",
                     "how_met": "how you know \(first)"][attribute] ?? "\(first)'s \(attribute)"
        answer.text = "I don't know \(label) yet."
        let example = ["birthday": "\(first)'s birthday is May 4", "email": "\(first)'s email is name@example.com",
                       "org": "\(first) works at Acme", "place": "\(first) lives in Boston",
                       "title": "\(first)'s job is designer", "phone": "\(first)'s phone is +1 555 0100"][attribute]
        if let example { answer.text += " Tell me, e.g. \"\(example)\"." }
        return answer
    }

    func searchNotes(_ request: Request) -> Answer {
        let topic = request.text(.topic) ?? ""
        let words = fold(topic).split(separator: " ").map(String.init)
            .filter { !["the", "a", "an", "my", "our", "about", "of", "for"].contains($0) }
        func mentions(_ text: String?) -> Bool {
            guard let text, !words.isEmpty else { return false }
            let folded = fold(text)
            return words.allSatisfy { folded.contains($0) }
        }
        var rows: [(date: CalendarDate, who: [RecordID], line: String)] = []
        for interaction in graph.interactions.values where mentions(interaction.topic) {
            rows.append((interaction.date, interaction.people, "\(interaction.channel): \(interaction.topic!)"))
        }
        for person in graph.people.values {
            for note in person.notes where mentions(note.text) {
                rows.append((note.date, [person.id], "note: \(note.text)"))
            }
        }
        rows.sort { $0.date != $1.date ? $0.date > $1.date : $0.line < $1.line }
        var answer = Answer(question: request.question, intent: request.intent, text: "")
        var order: [RecordID] = []
        for row in rows { for id in row.who where !order.contains(id) { order.append(id) } }
        answer.people = order.map(name)
        answer.count = rows.count
        answer.text = rows.isEmpty
            ? "Nothing in your conversations or notes mentions \(topic)."
            : "\(Phrasing.count(rows.count, "mention")) of \(topic):\n" + Phrasing.table(rows.prefix(25).map {
                [phrasing.day($0.date), Phrasing.list($0.who.map(name)), $0.line]
            })
        return answer
    }

    /// Birthdays in the period asked about, the next 30 days by default (`complete`).
    func birthdays(_ request: Request) -> Answer {
        let window = request.period()!
        let upcoming = birthdays(in: window)
        var answer = Answer(question: request.question, intent: request.intent, text: "")
        answer.people = upcoming.map(\.person.name)
        answer.count = upcoming.count
        answer.text = upcoming.isEmpty
            ? "No birthdays \(phrasing.period(window)) that I know of."
            : "Birthdays \(phrasing.period(window)):\n" + Phrasing.table(upcoming.map { date, person in
                [phrasing.day(date), person.name, date == today ? "today!" : phrasing.relative(date),
                 person.birthday?.year.map { "turns \(date.year - $0)" } ?? ""]
            })
        return answer
    }

    /// Every birthday falling in `window` (wrapping across the new year; 29 February falls on
    /// 28 February in common years), by date, then name.
    func birthdays(in window: Period) -> [(date: CalendarDate, person: Person)] {
        var upcoming: [(date: CalendarDate, person: Person)] = []
        for person in graph.people.values {
            guard let birthday = person.birthday else { continue }
            var date = birthday.nextOccurrence(onOrAfter: window.start)
            while date <= window.end {
                upcoming.append((date, person))
                date = birthday.nextOccurrence(onOrAfter: date.adding(days: 1))
            }
        }
        return upcoming.sorted { $0.date != $1.date ? $0.date < $1.date : $0.person.name < $1.person.name }
    }
}
