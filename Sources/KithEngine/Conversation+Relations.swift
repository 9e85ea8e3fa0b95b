import KithGraph
import KithTime

/// Relations between people: recording them, who someone knows, how you reach someone, and
/// who sends people your way.
extension Conversation {
    func relate(_ request: Request) throws -> Answer {
        let a = request.person()!
        let b = request.person(.other) ?? ownerID
        let kind = request.canonical(.relation) ?? "friend"
        guard a != b else { return failure(request, .invalidValue, "That's the same person twice.") }
        return try commit(request, mentioning: [a]) { graph in
            let relation: Relation
            let summary: String
            switch kind {
            case "introduced":
                relation = Relation(id: graph.nextID(.relation), person: b, kind: Relation.introducedBy, other: a)
                summary = "Noted: \(displayName(a)) introduced you to \(displayName(b))."
            case "referred":
                relation = Relation(id: graph.nextID(.relation), person: b, kind: Relation.referredBy, other: a)
                summary = "Noted: \(displayName(a)) referred \(displayName(b)) to you."
            default:
                relation = Relation(id: graph.nextID(.relation), person: a, kind: kind, other: b)
                summary = "Noted: \(displayName(a)) is \(possessive(b)) \(kind)"
                    + " (so \(displayName(b)) \(b == ownerID ? "are" : "is") \(possessive(a)) \(Relation.inverse(kind)))."
            }
            let duplicate = graph.relations(of: relation.person).contains {
                $0.person == relation.person && $0.other == relation.other && Relation.family($0.kind) == Relation.family(relation.kind)
            }
            if duplicate { throw Refusal(kind: .invalidValue, text: "I already knew that.") }
            return Change(summary: summary, operations: [.put(.relation(relation))])
        }
    }

    /// "Diane Smith" or "you".
    func displayName(_ id: RecordID) -> String { id == ownerID ? "you" : name(id) }

    /// "Diane Smith's" or "your".
    func possessive(_ id: RecordID) -> String { id == ownerID ? "your" : name(id) + "'s" }

    func connections(_ request: Request) -> Answer {
        let id = request.person()!
        let person = graph.people[id]!
        let wanted = request.canonical(.relation)
        // (who, their role to the person — a relation kind, "introduced" or "referred" — and a label)
        var rows: [(id: RecordID, role: String, label: String)] = []
        for relation in graph.relations(of: id) {
            switch relation.kind {
            case Relation.introducedBy where relation.other == id && relation.person != ownerID:
                rows.append((relation.person, "introduced", "introduced to you by \(person.firstName)"))
            case Relation.referredBy where relation.other == id && relation.person != ownerID:
                rows.append((relation.person, "referred", "referred to you by \(person.firstName)"))
            case Relation.introducedBy, Relation.referredBy:
                continue
            default:
                let other = relation.person == id ? relation.other : relation.person
                guard other != ownerID, let role = relation.role(of: other, to: id) else { continue }
                rows.append((other, role, "\(person.firstName)'s \(role)"))
            }
        }
        if let wanted {
            rows = rows.filter { Relation.family($0.role) == wanted }
        } else {
            // People you meet together count as people they know.
            var together: [RecordID: Int] = [:]
            for interaction in graph.interactions(of: id) where interaction.people.count > 1 {
                for other in interaction.people where other != id { together[other, default: 0] += 1 }
            }
            let related = Set(rows.map(\.id))
            for (other, n) in together where !related.contains(other) {
                rows.append((other, "acquaintance", "met together \(n == 1 ? "once" : "\(n) times")"))
            }
        }
        var seen: Set<RecordID> = []
        let unique = rows.filter { seen.insert($0.id).inserted }
            .sorted { a, b in
                let x = NameSortKey(name(a.id)), y = NameSortKey(name(b.id))
                return x != y ? x < y : a.label < b.label
            }
        var answer = Answer(question: request.question, intent: request.intent, text: "")
        answer.people = unique.map { name($0.id) }
        answer.count = unique.count
        answer.mentioned = [id]
        let what = wanted.map { relationNoun($0, plural: unique.count != 1) } ?? "people"
        if let wanted, !unique.isEmpty, wanted != "introduced", wanted != "referred" {
            answer.text = "\(person.name)'s \(what): \(Phrasing.list(unique.map { name($0.id) }))."
            return answer
        }
        if unique.isEmpty {
            answer.text = "I don't know of any \(what) of \(person.name)'s yet."
            if wanted == nil { answer.text = "I don't know who \(person.name) knows yet — tell me, e.g. \"\(person.firstName) is Bob's sister\"." }
        } else {
            answer.text = "\(unique.count) \(what) \(person.name) \(wanted == "introduced" ? "introduced you to" : wanted == "referred" ? "referred to you" : "knows"):\n"
                + Phrasing.table(unique.map { [name($0.id), $0.label] })
        }
        return answer
    }

    private func relationNoun(_ kind: String, plural: Bool) -> String {
        switch kind {
        case "introduced", "referred": return plural ? "people" : "person"
        case "child": return plural ? "children" : "child"
        default: return plural ? kind + "s" : kind
        }
    }

    // MARK: - Paths

    /// Who links to whom: a relation, or a conversation held together. You are linked to the
    /// people you have talked to and to those your relations name you in.
    private func neighbours(of id: RecordID) -> [RecordID] {
        var found: Set<RecordID> = []
        if id == ownerID {
            for person in graph.people.values where graph.lastInteraction(with: person.id) != nil { found.insert(person.id) }
        } else if graph.lastInteraction(with: id) != nil {
            found.insert(ownerID)
        }
        for relation in graph.relations(of: id) {
            found.insert(relation.person == id ? relation.other : relation.person)
        }
        if id != ownerID {
            for interaction in graph.interactions(of: id) { found.formUnion(interaction.people) }
        }
        found.remove(id)
        return found.sorted()
    }

    /// The shortest chain from you to any of `targets` (breadth-first, ties by id).
    private func shortestPath(to targets: Set<RecordID>) -> [RecordID]? {
        var previous: [RecordID: RecordID] = [ownerID: ownerID]
        var queue = [ownerID]
        var head = 0
        while head < queue.count {
            let current = queue[head]
            head += 1
            if targets.contains(current) {
                var chain = [current]
                while chain.last != ownerID { chain.append(previous[chain.last!]!) }
                return chain.reversed()
            }
            for next in neighbours(of: current) where previous[next] == nil {
                previous[next] = current
                queue.append(next)
            }
        }
        return nil
    }

    /// How two neighbours in a chain know each other.
    private func link(_ a: RecordID, _ b: RecordID) -> String {
        for relation in graph.relations(of: a) where relation.person == b || relation.other == b {
            switch relation.kind {
            case Relation.introducedBy:
                return "\(displayName(relation.other)) introduced \(displayName(relation.person)) to you"
            case Relation.referredBy:
                return "\(displayName(relation.other)) referred \(displayName(relation.person)) to you"
            default:
                if let role = relation.role(of: b, to: a) { return "\(possessive(a)) \(role)" }
            }
        }
        if a == ownerID || b == ownerID { return "you talk" }
        return "met together"
    }

    func path(_ request: Request) -> Answer {
        var answer = Answer(question: request.question, intent: request.intent, text: "")
        let targets: Set<RecordID>
        let goal: String
        if let id = request.person() {
            targets = [id]
            goal = name(id)
        } else {
            let org = request.text(.org) ?? ""
            targets = Set(people(at: org).map(\.id))
            goal = "anyone at \(org)"
            if targets.isEmpty {
                answer.text = "You don't know anyone at \(org) yet, so I can't find a way in."
                answer.people = []
                return answer
            }
        }
        guard let chain = shortestPath(to: targets) else {
            answer.text = "I can't find a chain of people from you to \(goal) yet. Log conversations or relations"
                + " (\"Diane introduced me to Bob\") and I will."
            answer.people = []
            return answer
        }
        let people = chain.dropFirst().map(name)
        answer.people = Array(people)
        answer.mentioned = [chain.last!]
        if chain.count == 2 {
            let last = graph.lastInteraction(with: chain[1])
            answer.text = "You know \(name(chain[1])) directly"
                + (last.map { " — you last talked \(phrasing.relative($0.date))." } ?? ".")
            if request.person() == nil {
                answer.text = "You know \(name(chain[1])) at \(graph.people[chain[1]]?.org ?? "there") directly"
                    + (last.map { " — you last talked \(phrasing.relative($0.date))." } ?? ".")
            }
            return answer
        }
        let steps = zip(chain, chain.dropFirst()).map { a, b in "\(displayName(b)) (\(link(a, b)))" }
        answer.text = "You → " + steps.joined(separator: " → ")
        if request.person() == nil, let via = chain.dropFirst().first {
            answer.text += "\nAsk \(name(via)) for an introduction."
        }
        return answer
    }

    // MARK: - Referrals

    func referrals(_ request: Request) -> Answer {
        var answer = Answer(question: request.question, intent: request.intent, text: "")
        let referred = graph.relations.values.filter { $0.kind == Relation.referredBy }
        if let id = request.person() {
            let people = graph.sortedPeople(referred.filter { $0.other == id }.map(\.person))
            answer.people = people.map(\.name)
            answer.count = people.count
            answer.mentioned = [id]
            answer.text = people.isEmpty
                ? "\(name(id)) hasn't referred anyone to you yet."
                : "\(name(id)) referred \(Phrasing.count(people.count, "person", "people")):\n"
                    + Phrasing.table(people.map { [$0.name, $0.tags.joined(separator: ", ")] })
            return answer
        }
        var byReferrer: [RecordID: [RecordID]] = [:]
        for relation in referred { byReferrer[relation.other, default: []].append(relation.person) }
        let ranked = byReferrer.sorted { a, b in
            let ca = clients(a.value), cb = clients(b.value)
            if ca != cb { return ca > cb }
            if a.value.count != b.value.count { return a.value.count > b.value.count }
            return name(a.key) < name(b.key)
        }
        answer.people = ranked.map { displayName($0.key) }
        if ranked.isEmpty {
            answer.text = "No referrals recorded yet — tell me, e.g. \"Bob referred Carol\"."
            return answer
        }
        answer.text = "Who sent people your way:\n" + Phrasing.table(ranked.map { referrer, people in
            let c = clients(people)
            return [displayName(referrer), Phrasing.count(people.count, "referral"),
                    c > 0 ? "\(c) \(c == 1 ? "client" : "clients")" : "",
                    Phrasing.list(graph.sortedPeople(people).map(\.name))]
        })
        return answer
    }

    private func clients(_ ids: [RecordID]) -> Int {
        ids.filter { graph.people[$0]?.tags.contains { Graph.tagKey($0) == "client" } ?? false }.count
    }
}
