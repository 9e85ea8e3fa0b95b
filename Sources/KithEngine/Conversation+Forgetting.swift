import KithGraph
import KithTime

/// Keeping the store tidy: forgetting, merging and renaming. Forget and merge ask
/// first (see `confirmationNeeded`); `undo` brings everything back, since every change carries
/// its inverse.
extension Conversation {
    /// What a confirmed command is about to do, as a question.
    func consequence(of request: Request) -> String {
        guard let id = request.person(), let person = graph.people[id] else { return "Are you sure?" }
        switch request.intent {
        case "forget" where request.canonical(.item) == "last_conversation":
            guard let last = graph.lastInteraction(with: id) else { return "Delete your last conversation with \(person.name)?" }
            return "Delete \(Phrasing.noun(last.channel)) with \(person.name) on \(phrasing.day(last.date))"
                + (last.topic.map { " about \($0)" } ?? "") + "?"
        case "forget":
            let parts = [Phrasing.count(graph.interactions(of: id).count, "conversation"),
                         Phrasing.count(person.notes.count, "note"),
                         Phrasing.count(graph.relations(of: id).count, "relation")]
            return "Forget \(person.name) with \(Phrasing.list(parts))?"
        case "merge":
            if let other = request.person(.other) {
                return "Merge \(person.name) (\(Phrasing.count(graph.interactions(of: id).count, "conversation"))) into \(name(other))?"
            }
            return "Rename \(person.name) to \(request.text(.other) ?? "")?"
        default:
            return "Are you sure?"
        }
    }

    func forget(_ request: Request) throws -> Answer {
        let id = request.person()!
        if request.canonical(.item) == "last_conversation" {
            return try commit(request) { graph in
                guard let last = graph.lastInteraction(with: id) else {
                    throw Refusal(kind: .invalidValue, text: "There's no conversation with \(name(id)) to delete.")
                }
                return Change(summary: "Deleted \(Phrasing.noun(last.channel)) with \(name(id)) on \(phrasing.day(last.date)).",
                              operations: [.delete(.interaction, last.id)])
            }
        }
        var answer = try commit(request) { graph in
            guard let person = graph.people[id] else { return nil }
            var operations: [Operation] = []
            for interaction in graph.interactions(of: id) {
                var rest = interaction
                rest.people.removeAll { $0 == id }
                operations.append(rest.people.isEmpty ? .delete(.interaction, interaction.id) : .put(.interaction(rest)))
            }
            operations += graph.relations(of: id).map { .delete(.relation, $0.id) }
            operations += graph.reminders.values.filter { $0.person == id }.map { .delete(.reminder, $0.id) }
            // A calendar event stays in the calendar; only the person leaves it.
            for event in graph.events.values.sorted(by: { $0.id < $1.id }) where event.people.contains(id) {
                var rest = event
                rest.people.removeAll { $0 == id }
                operations.append(.put(.event(rest)))
            }
            operations.append(.delete(.person, id))
            return Change(summary: "Forgot \(person.name).", operations: operations)
        }
        if answer.failure == nil { answer.text += " (Say \"undo\" to bring them back.)" }
        return answer
    }

    /// Merges `person` into `other` when both are known; renames `person` when `other` is a new name.
    func merge(_ request: Request) throws -> Answer {
        let id = request.person()!
        guard let target = request.person(.other) else {
            let newName = Self.capitalised(request.text(.other) ?? "")
            return try commit(request, mentioning: [id]) { graph in
                guard var person = graph.people[id] else { return nil }
                let old = person.name
                person.name = newName
                if !person.aliases.contains(old) { person.aliases.append(old) }
                return Change(summary: "Renamed \(old) to \(newName) (\"\(old)\" still finds them).",
                              operations: [.put(.person(person))])
            }
        }
        guard target != id else { return failure(request, .invalidValue, "That's the same person already.") }
        return try commit(request, mentioning: [target]) { graph in
            guard let source = graph.people[id], var kept = graph.people[target] else { return nil }
            for alias in [source.name] + source.aliases where !kept.aliases.contains(alias) && alias != kept.name {
                kept.aliases.append(alias)
            }
            for tag in source.tags where !kept.tags.contains(where: { Graph.tagKey($0) == Graph.tagKey(tag) }) {
                kept.tags.append(tag)
            }
            kept.pronouns = kept.pronouns ?? source.pronouns
            kept.org = kept.org ?? source.org
            kept.title = kept.title ?? source.title
            kept.place = kept.place ?? source.place
            kept.emails = Addresses.merging(kept.emails, source.emails, key: Addresses.emailKey)
            kept.phones = Addresses.merging(kept.phones, source.phones, key: Addresses.phoneKey)
            kept.birthday = kept.birthday ?? source.birthday
            kept.howMet = kept.howMet ?? source.howMet
            kept.cadenceDays = kept.cadenceDays ?? source.cadenceDays
            kept.added = [kept.added, source.added].compactMap { $0 }.min()
            kept.notes = (kept.notes + source.notes).sorted { $0.date < $1.date }
            var operations: [Operation] = [.put(.person(kept))]
            let moved = graph.interactions(of: id)
            for interaction in moved {
                var changed = interaction
                changed.people = interaction.people.reduce(into: []) { list, p in
                    let q = p == id ? target : p
                    if !list.contains(q) { list.append(q) }
                }
                operations.append(.put(.interaction(changed)))
            }
            for relation in graph.relations(of: id) {
                var changed = relation
                if changed.person == id { changed.person = target }
                if changed.other == id { changed.other = target }
                operations.append(changed.person == changed.other ? .delete(.relation, relation.id) : .put(.relation(changed)))
            }
            for reminder in graph.reminders.values where reminder.person == id {
                var changed = reminder
                changed.person = target
                operations.append(.put(.reminder(changed)))
            }
            for event in graph.events.values.sorted(by: { $0.id < $1.id }) where event.people.contains(id) {
                var changed = event
                changed.people = event.people.reduce(into: []) { list, p in
                    let q = p == id ? target : p
                    if !list.contains(q) { list.append(q) }
                }
                operations.append(.put(.event(changed)))
            }
            operations.append(.delete(.person, id))
            return Change(summary: "Merged \(source.name) into \(kept.name): \(Phrasing.count(moved.count, "conversation"))"
                          + " and \(Phrasing.count(source.notes.count, "note")) moved.",
                          operations: operations)
        }
    }
}
