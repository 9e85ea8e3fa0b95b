import KithGraph
import KithLanguage
import KithTime

/// Questions: they read the graph and never change it.
extension Conversation {
    func execute(_ request: Request) throws -> Answer {
        switch request.intent {
        case "not_contacted": return notContacted(request)
        case "contacted": return contacted(request)
        case "last_contact": return lastContact(request)
        case "history": return history(request)
        case "person_info": return personInfo(request)
        case "attribute": return attribute(request)
        case "find_people": return findPeople(request)
        case "count": return count(request)
        case "reach_out": return reachOut(request)
        case "closest": return closest(request)
        case "birthdays": return birthdays(request)
        case "connections": return connections(request)
        case "path": return path(request)
        case "referrals": return referrals(request)
        case "reminders": return reminders(request)
        case "search_notes": return searchNotes(request)
        case "network_health": return networkHealth(request)
        case "brief": return briefAnswer(request)
        case "help": return help(request)
        case "add_person": return try addPerson(request)
        case "log_interaction": return try logInteraction(request)
        case "add_note": return try addNote(request)
        case "set_attribute": return try setAttribute(request)
        case "relate": return try relate(request)
        case "tag": return try tag(request)
        case "set_cadence": return try setCadence(request)
        case "remind": return try remind(request)
        case "complete_reminder": return try completeReminder(request)
        case "forget": return try forget(request)
        case "merge": return try merge(request)
        case "undo": return try undo(request)
        case "import": return try importContacts(request)
        case "export": return exportContacts(request)
        case "teach": return try teach(request)
        case "learned": return learned(request)
        case "unlearn": return try unlearn(request)
        default:
            return failure(request, .notUnderstood, "I understood that as \(request.intent), which I can't do yet.")
        }
    }

    /// Ids of the people with a tag (by name), or a polite answer that nobody has it.
    private func tagged(_ tag: String, _ request: Request) -> Result<[RecordID], AnswerFailure> {
        let ids = graph.personIDs(taggedAs: tag)
        if ids.isEmpty {
            var answer = Answer(question: request.question, intent: request.intent,
                                text: "You have nobody tagged \(Graph.tagKey(tag)).")
            answer.people = []
            let known = graph.allTags
            if !known.isEmpty { answer.text += " Your tags: \(known.joined(separator: ", "))." }
            return .failure(AnswerFailure(answer: answer))
        }
        return .success(ids)
    }

    /// Who a list question is about: everyone (nil), or the people with the tag it names.
    private func candidates(tagged tag: String?, _ request: Request) -> Result<Set<RecordID>?, AnswerFailure> {
        guard let tag else { return .success(nil) }
        return tagged(tag, request).map { Set($0) }
    }

    /// The part of a list the answer shows (see `Options.listLimit`).
    func shown<T>(_ list: [T]) -> ArraySlice<T> {
        list.prefix(options.listLimit ?? list.count)
    }

    // The rows of the three long lists, written straight into the table (Phrasing.Table).

    /// "Diane Smith   last 2 weeks ago (Mon Feb 23)", or "never".
    private func silenceTable(_ names: [String], _ listed: [Graph.Silence]) -> String {
        var table = Phrasing.Table()
        for (name, silence) in zip(names, listed) {
            table.cell(name)
            if let last = silence.last {
                table.write("last ")
                table.write(phrasing.relative(last))
                table.write(" (")
                table.write(phrasing.day(last))
                table.write(")")
                table.endCell()
            } else {
                table.cell("never")
            }
            table.endRow()
        }
        return table.text
    }

    /// "Alex Schulz   2 times   last Sun Mar 8 — the new team".
    private func contactTable(_ names: [String], _ listed: ArraySlice<Graph.Contact>, _ graph: Graph) -> String {
        var table = Phrasing.Table()
        for (name, contact) in zip(names, listed) {
            let last = graph.dateAndTopic(of: contact.latest)!
            table.cell(name)
            if contact.times == 1 {
                table.cell("once")
            } else {
                table.write(contact.times)
                table.write(" times")
                table.endCell()
            }
            table.write("last ")
            table.write(phrasing.day(last.date))
            if let topic = last.topic {
                table.write(" — ")
                table.write(topic)
            }
            table.endCell()
            table.endRow()
        }
        return table.text
    }

    /// "Diane Smith   VP of Marketing, Acme, Boston".
    private func peopleTable(_ people: ArraySlice<Person>) -> String {
        var table = Phrasing.Table()
        for person in people {
            table.cell(person.name)
            var first = true
            func add(_ part: String?) {
                guard let part else { return }
                if !first { table.write(", ") }
                table.write(part)
                first = false
            }
            add(person.title)
            add(person.org)
            add(person.place)
            table.endCell()
            table.endRow()
        }
        return table.text
    }

    /// The line that ends a list cut short, "" when it is whole.
    func moreLine(_ total: Int, shown: Int) -> String {
        shown < total ? "\n…and \(total - shown) more (--all lists everyone)." : ""
    }

    func notContacted(_ request: Request) -> Answer {
        // One copy of the graph for the whole answer: each `self.graph` is a copy of its tables.
        let graph = self.graph
        let period = request.period()!  // this month unless said (`complete`)
        let channel = request.canonical("channel")
        let tag = request.text("tag")
        let among: Set<RecordID>?
        switch candidates(tagged: tag, request) {
        case .failure(let failure): return failure.answer
        case .success(let ids): among = ids
        }
        // Longest silence first; people never contacted lead.
        let (total, listed) = graph.silences(in: period, channel: channel, among: among, first: options.listLimit)
        let who = tag.map { Graph.tagKey($0) + (total == 1 ? "" : "s") } ?? (total == 1 ? "person" : "people")
        var answer = Answer(question: request.question, intent: request.intent, text: "")
        let names = listed.map { graph.name(of: $0.id)! }
        answer.people = names
        answer.count = total
        let verb = Phrasing.verb(channel)
        if total == 0 {
            answer.text = "You've \(verb) every\(tag == nil ? "one" : " " + Graph.tagKey(tag!)) \(phrasing.period(period))."
        } else {
            answer.text = "\(total) \(who) you haven't \(verb) \(phrasing.period(period)):\n"
                + silenceTable(names, listed)
                + moreLine(total, shown: listed.count)
        }
        return answer
    }

    func contacted(_ request: Request) -> Answer {
        let graph = self.graph
        let period = request.period()!  // the last 30 days unless said (`complete`)
        let channel = request.canonical("channel")
        let tag = request.text("tag")
        let among: Set<RecordID>?
        switch candidates(tagged: tag, request) {
        case .failure(let failure): return failure.answer
        case .success(let ids): among = ids
        }
        // Most recent first, then by name.
        let contacts = graph.contacts(in: period, channel: channel, among: among)
        let listed = shown(contacts)
        var answer = Answer(question: request.question, intent: request.intent, text: "")
        let names = listed.map { graph.name(of: $0.id)! }
        answer.people = names
        answer.count = contacts.count
        let verb = Phrasing.verb(channel)
        if contacts.isEmpty {
            answer.text = "You haven't \(verb) anyone\(tag.map { " tagged " + Graph.tagKey($0) } ?? "") \(phrasing.period(period))."
        } else {
            answer.text = "You \(verb) \(Phrasing.count(contacts.count, "person", "people")) \(phrasing.period(period)):\n"
                + contactTable(names, listed, graph)
                + moreLine(contacts.count, shown: listed.count)
        }
        return answer
    }

    func lastContact(_ request: Request) -> Answer {
        let id = request.person()!
        let person = graph.people[id]!
        let channel = request.canonical("channel")
        var answer = Answer(question: request.question, intent: request.intent, text: "")
        answer.mentioned = [id]
        guard let last = graph.lastInteraction(with: id, channel: channel) else {
            answer.text = "You haven't \(Phrasing.verb(channel)) \(person.name) yet — nothing is logged."
            return answer
        }
        answer.date = last.date
        let others = last.people.filter { $0 != id }.compactMap { graph.people[$0]?.name }
        let when = "\(phrasing.relative(last.date)) (\(phrasing.day(last.date)))"
        let with = others.isEmpty ? "" : " with \(Phrasing.list(others))"
        if channel == nil && last.channel != "talk" {
            answer.text = "You were last in touch with \(person.name) \(when): \(Phrasing.noun(last.channel))\(with)"
                + (last.topic.map { " about \($0)" } ?? "") + "."
        } else {
            answer.text = "You last \(Phrasing.verb(channel ?? last.channel)) \(person.name) \(when)\(with)"
                + (last.topic.map { ", about \($0)" } ?? "") + "."
        }
        return answer
    }

    func personInfo(_ request: Request) -> Answer {
        let id = request.person()!
        let person = graph.people[id]!
        var rows: [[String]] = []
        func row(_ label: String, _ value: String?) {
            if let value, !value.isEmpty { rows.append([label, value]) }
        }
        row("pronouns", person.pronouns)
        row("also called", person.aliases.isEmpty ? nil : person.aliases.joined(separator: ", "))
        row("tags", person.tags.isEmpty ? nil : person.tags.joined(separator: ", "))
        row("works", [person.title, person.org.map { "at \($0)" }].compactMap { $0 }.joined(separator: " "))
        row("lives in", person.place)
        row("email", person.emails.joined(separator: ", "))
        row("phone", person.phones.joined(separator: ", "))
        row("birthday", person.birthday.map(\.spoken))
        row("how you met", person.howMet)
        row("keep in touch", person.cadenceDays.map { "every \(Phrasing.count($0, "day"))" })
        for relation in graph.relations(of: id) {
            row("relation", describe(relation, from: id))
        }
        if let last = graph.lastInteraction(with: id) {
            row("last contact", "\(phrasing.relative(last.date)) (\(phrasing.day(last.date)), \(last.channel)"
                + (last.topic.map { ", \($0)" } ?? "") + ")")
            // "In the last 90 days" counts everything from then on, anything logged ahead included.
            let recent = graph.interactionCount(of: id, in: Period(today.adding(days: -90), CalendarDate(year: 9999, month: 12, day: 31)!))
            row("conversations", "\(graph.interactionCount(of: id)) logged, \(recent) in the last 90 days")
        } else {
            row("last contact", "never logged")
        }
        for note in person.notes.suffix(5) {
            row("note", "\(note.text) (\(phrasing.day(note.date)))")
        }
        var answer = Answer(question: request.question, intent: request.intent,
                            text: person.name + (rows.isEmpty ? "" : "\n" + Phrasing.table(rows)))
        answer.mentioned = [id]
        return answer
    }

    /// "Bob Stone's wife: Diane Smith", from the point of view of `id`.
    func describe(_ relation: Relation, from id: RecordID) -> String {
        func name(_ who: RecordID) -> String { who == ownerID ? "you" : graph.people[who]?.name ?? "someone" }
        switch relation.kind {
        case "introduced-by":
            return relation.person == id ? "introduced to you by \(name(relation.other))"
                                         : "introduced you to \(name(relation.person))"
        case "referred-by":
            return relation.person == id ? "referred to you by \(name(relation.other))"
                                         : "referred \(name(relation.person)) to you"
        default:
            if relation.person == id {
                return relation.other == ownerID ? "your \(relation.kind)" : "\(name(relation.other))'s \(relation.kind)"
            }
            return "\(relation.kind): \(name(relation.person))"
        }
    }

    func findPeople(_ request: Request) -> Answer {
        if let tag = request.text("tag"), request.text("org") == nil, request.text("place") == nil {
            return peopleTagged(tag, request)
        }
        var found: [Person]?
        var criteria: [String] = []
        func narrow(_ people: [Person]) {
            let ids = Set(people.map(\.id))
            found = (found ?? people).filter { ids.contains($0.id) }
        }
        if let org = request.text("org") {
            narrow(people(at: org))
            criteria.append("at \(org)")
        }
        if let place = request.text("place") {
            narrow(matching(place, exactly: graph.people(inPlace: place), in: \.place))
            criteria.append("in \(place)")
        }
        if let tag = request.text("tag") {
            narrow(graph.people(taggedAs: tag))
            criteria.insert("tagged \(Graph.tagKey(tag))", at: 0)
        }
        return foundPeople(found ?? [], total: found?.count ?? 0, criteria: criteria, request)
    }

    /// "Who are my clients": the tag's index in name order, building only the people shown.
    private func peopleTagged(_ tag: String, _ request: Request) -> Answer {
        let graph = self.graph
        let ids = graph.personIDs(taggedAs: tag)
        // Only what the list shows: a person's aliases, tags and notes cost more than the row.
        let listed = shown(ids).map { id in
            let work = graph.nameAndWork(of: id)!
            var person = Person(id: id, name: work.name)
            (person.title, person.org, person.place) = (work.title, work.org, work.place)
            return person
        }
        return foundPeople(listed, total: ids.count, criteria: ["tagged \(Graph.tagKey(tag))"], request)
    }

    /// The answer listing `people` (the first of `total`, in name order) who match `criteria`.
    private func foundPeople(_ people: [Person], total: Int, criteria: [String], _ request: Request) -> Answer {
        let listed = shown(people)
        var answer = Answer(question: request.question, intent: request.intent, text: "")
        answer.people = listed.map(\.name)
        answer.count = total
        let description = criteria.joined(separator: ", ")
        if total == 0 {
            answer.text = "You don't know anyone \(description) yet."
        } else {
            answer.text = "\(Phrasing.count(total, "person", "people")) \(description):\n"
                + peopleTable(listed)
                + moreLine(total, shown: listed.count)
        }
        if total == 1 { answer.mentioned = [people[0].id] }
        return answer
    }

    /// People at an organisation: exactly by its name, or else whose organisation contains it
    /// ("Acme" finds "Acme Corp").
    func people(at org: String) -> [Person] {
        matching(org, exactly: graph.people(atOrg: org), in: \.org)
    }

    /// The exact matches from an index, or else everyone whose field contains the words.
    private func matching(_ value: String, exactly exact: [Person], in field: KeyPath<Person, String?>) -> [Person] {
        guard exact.isEmpty else { return exact }
        let key = fold(value)
        return graph.peopleByName.filter { $0[keyPath: field].map { fold($0).contains(key) } ?? false }
    }

    func count(_ request: Request) -> Answer {
        let channel = request.canonical("channel")
        let verb = Phrasing.verb(channel)
        let period = request.period()
        var answer = Answer(question: request.question, intent: request.intent, text: "")
        if let id = request.person() {
            let person = graph.people[id]!
            let n = graph.interactionCount(of: id, in: period, channel: channel)
            answer.count = n
            answer.mentioned = [id]
            answer.text = "You \(verb) \(person.name) \(n == 1 ? "once" : "\(n) times")"
                + (period.map { " " + phrasing.period($0) } ?? " in all") + "."
            return answer
        }
        let tag = request.text("tag")
        if let period, request.canonical("unit") != "conversations" {
            var people: Set<RecordID> = []
            let allowed = tag.map { Set(graph.people(taggedAs: $0).map(\.id)) }
            for interaction in graph.interactions(in: period, channel: channel) {
                people.formUnion(interaction.people.filter { allowed?.contains($0) ?? true })
            }
            answer.count = people.count
            let noun = tag.map { Graph.tagKey($0) + (people.count == 1 ? "" : "s") }
                ?? (people.count == 1 ? "person" : "people")
            answer.text = "You \(verb) \(people.count) \(noun) \(phrasing.period(period))."
            return answer
        }
        if let period {
            let n = graph.interactions(in: period, channel: channel).count
            answer.count = n
            answer.text = "You had \(Phrasing.count(n, "conversation")) \(phrasing.period(period))."
            return answer
        }
        if request.canonical("unit") == "conversations" {
            answer.count = graph.interactions.count
            answer.text = "You have \(Phrasing.count(graph.interactions.count, "conversation")) logged."
            return answer
        }
        if let tag {
            let n = graph.people(taggedAs: tag).count
            answer.count = n
            answer.text = "You have \(n) \(Graph.tagKey(tag))\(n == 1 ? "" : "s")."
            return answer
        }
        answer.count = graph.people.count
        answer.text = "You know \(Phrasing.count(graph.people.count, "person", "people"))."
        return answer
    }
}
