import KithGraph
import KithLanguage
import KithTime

/// Promises to follow up: setting reminders, listing them (overdue first), ticking them off.
extension Conversation {
    func remind(_ request: Request) throws -> Answer {
        let text = request.text(.text) ?? ""
        guard let due = request.day(.date) else {
            return failure(request, .invalidValue, "When should I remind you? Say a day, e.g. \"next Tuesday\".")
        }
        guard due >= today else {
            return failure(request, .invalidValue, "\(phrasing.day(due)) has already passed — pick a day from today on.")
        }
        let recurrence = request.canonical(.recurrence)
        // Who it is about was settled with the other slots (`linkPerson`).
        let person = request.person()
        let link = person.map { " Linked to \(name($0))." } ?? request.unlinked.map { " Not linked to anyone: \($0)." } ?? ""
        return try commit(request, mentioning: person.map { [$0] } ?? []) { graph in
            var reminder = Reminder(id: graph.nextID(.reminder), due: due, person: person, text: text)
            reminder.recurrence = recurrence
            return Change(summary: "I'll remind you \(due == today ? "today" : "on \(phrasing.day(due))"): \(text)"
                          + (recurrence.map { " (\($0))" } ?? "") + "." + link,
                          operations: [.put(.reminder(reminder))])
        }
    }

    func reminders(_ request: Request) -> Answer {
        let period = request.period()
        var open = graph.reminders.values.filter { !$0.done }
        if let period {
            // Overdue reminders always show: they are still due, whatever the period.
            open = open.filter { $0.due < today || period.contains($0.due) }
        }
        open.sort { ($0.due, $0.id) < ($1.due, $1.id) }
        var answer = Answer(question: request.question, intent: request.intent, text: "")
        answer.count = open.count
        answer.people = open.compactMap { $0.person.map(name) }
        if open.isEmpty {
            answer.text = "No open reminders\(period.map { " " + phrasing.period($0) } ?? "")."
            return answer
        }
        let overdue = open.filter { $0.due < today }.count
        answer.text = Phrasing.count(open.count, "open reminder") + (overdue > 0 ? ", \(overdue) overdue" : "") + ":\n"
            + Phrasing.table(open.map { reminder in
                ["#\(reminder.id)", phrasing.due(reminder.due), reminder.text + (reminder.recurrence.map { " (\($0))" } ?? "")]
            })
        return answer
    }

    func completeReminder(_ request: Request) throws -> Answer {
        let said = request.text(.reminder) ?? ""
        let open = graph.reminders.values.filter { !$0.done }.sorted { $0.id < $1.id }
        let matches: [Reminder]
        if let n = Int(said.trimmingPunctuation.replacingHash) {
            matches = open.filter { $0.id == n }
        } else {
            let filler: Set<String> = ["the", "a", "my", "reminder", "follow-up", "followup", "follow", "up", "with",
                                       "to", "about", "for", "one", "task", "todo", "that", "it"]
            let words = fold(said).split(separator: " ").map(String.init).filter { !filler.contains($0) }
            matches = words.isEmpty ? [] : open.filter { reminder in
                let haystack = fold(reminder.text + " " + (reminder.person.flatMap { graph.people[$0]?.name } ?? ""))
                return words.allSatisfy { word in haystack.contains(word) }
            }
        }
        guard matches.count == 1, let reminder = matches.first else {
            let text = matches.isEmpty
                ? "I can't find an open reminder matching \"\(said)\". Say \"what are my reminders\" to see their numbers."
                : "Which one? " + matches.map { "#\($0.id) \($0.text)" }.joined(separator: ", ") + " — say \"mark reminder N done\"."
            return failure(request, .invalidValue, text)
        }
        return try commit(request, mentioning: reminder.person.map { [$0] } ?? []) { graph in
            guard var current = graph.reminders[reminder.id] else { return nil }
            if let next = Self.nextDue(current) {
                current.due = next
                return Change(summary: "Done: \(current.text). Next time: \(phrasing.day(next)).",
                              operations: [.put(.reminder(current))])
            }
            current.done = true
            return Change(summary: "Done: \(current.text).", operations: [.put(.reminder(current))])
        }
    }

    /// A recurring reminder's next due day (nil for one-off reminders).
    static func nextDue(_ reminder: Reminder) -> CalendarDate? {
        switch reminder.recurrence {
        case "yearly": return reminder.due.adding(years: 1)
        case "monthly": return reminder.due.adding(months: 1)
        case "weekly": return reminder.due.adding(days: 7)
        default: return nil
        }
    }
}

private extension String {
    /// "#2" → "2".
    var replacingHash: String { hasPrefix("#") ? String(dropFirst()) : self }
}
