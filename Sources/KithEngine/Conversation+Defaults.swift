import KithGraph
import KithLanguage
import KithTime

/// What the engine reads for the slots a line leaves out, and for the ones it reads differently
/// from how they were said: decided here and nowhere else. Intents read the completed request
/// and keep no default of their own, so `--json`, `kith parse` and `why` show the values used.
extension Conversation {
    /// Fills in `request`'s defaults, stretches a period that lies ahead, and links a reminder to
    /// the person its text names.
    func complete(_ request: inout Request) {
        let said = request.recognition.slots
        func fill(_ slot: Slot, _ value: SlotValue) {
            guard said[slot.rawValue] == nil else { return }
            request.slots[slot.rawValue] = value
            request.notes[slot.rawValue] = "default"
        }
        func period(_ start: CalendarDate, _ end: CalendarDate) -> SlotValue { .time(.period(Period(start, end))) }
        switch request.intent {
        case "not_contacted":
            fill(.period, period(today.firstOfMonth, today))
        case "contacted":
            fill(.period, period(today.adding(days: -30), today))
        case "closest":
            fill(.period, period(today.adding(days: -90), today))
            fill(.limit, .number(10))
        case "reach_out":
            fill(.limit, .number(10))
        case "birthdays", "reminders":
            // "this month" so far, stretched to its end: birthdays and reminders lie ahead.
            if let said = request.period(), case let ahead = lookingAhead(said), ahead != said {
                request.slots["period"] = .time(.period(ahead))
                request.notes["period"] = "to the end of the period"
            }
            if request.intent == "birthdays" { fill(.period, period(today, today.adding(days: 30))) }
        case "log_interaction":
            fill(.date, .time(.day(today)))
            fill(.channel, .canonical("talk"))
        case "remind" where said["person"] == nil:
            linkPerson(of: &request)
        default:
            break
        }
    }

    /// A period that ends today because it is "this week/month/quarter/year" so far, stretched
    /// to its end: birthdays and reminders lie ahead. Other periods are kept as they are.
    func lookingAhead(_ period: Period) -> Period {
        guard period.end == today else { return period }
        let start = period.start
        if start == today.startOfWeek { return Period(start, start.adding(days: 6)) }
        if start == today.firstOfMonth { return Period(start, start.lastOfMonth) }
        if start.day == 1, (start.month - 1) % 3 == 0, start.adding(months: 3) > today {
            return Period(start, start.adding(months: 3).adding(days: -1))
        }
        if start.month == 1, start.day == 1, start.year == today.year {
            return Period(start, CalendarDate(year: start.year, month: 12, day: 31)!)
        }
        return period
    }

    // MARK: - Who a reminder is about

    /// Sets the reminder's `person` to the one person its text names — by a full, first or last
    /// name or a nickname, the longest run of words first, a slip forgiven only in a word that is
    /// no ordinary word (as frames find names: "call" is never a misspelt Carl), or by a pronoun
    /// for the person last mentioned. A name that fits several people, or a text naming two,
    /// links nobody: `unlinked` says why.
    func linkPerson(of request: inout Request) {
        guard let text = request.text(.text) else { return }
        let tokens = Tokenizer.tokenize(text)
        let words = tokens.map(\.word)
        let gazetteer = GraphGazetteer(graph: graph, ordinaryWords: ordinaryWords)
        var found: [(typed: String, ids: [RecordID])] = []
        var position = 0
        while position < words.count {
            guard let length = gazetteer.lengths(naming: words[position...], slot: "person", kind: .name).first else {
                position += 1
                continue
            }
            let typed = String(text[tokens[position].range.lowerBound..<tokens[position + length - 1].range.upperBound])
            switch graph.resolve(name: typed) {
            case .person(let id): found.append((typed, [id]))
            case .ambiguous(let ids): found.append((typed, graph.sortedPeople(ids).map(\.id)))
            case .unknown: break
            }
            position += length
        }
        if found.isEmpty, lastMentioned.count == 1, words.contains(where: Self.pronouns.contains) {
            found = [(words.first(where: Self.pronouns.contains)!, lastMentioned)]
        }
        let people = found.reduce(into: [RecordID]()) { all, mention in
            for id in mention.ids where !all.contains(id) { all.append(id) }
        }
        guard let first = found.first else { return }
        if people.count == 1 {
            request.slots["person"] = .text(first.typed)
            request.people["person"] = people
            request.resolvedNames["person"] = people.map(name)
            request.notes["person"] = "named in the text"
        } else if found.count == 1 {
            request.unlinked = "\"\(first.typed)\" could be \(Phrasing.list(people.map(name), or: true))"
        } else {
            request.unlinked = "it names \(Phrasing.list(people.map(name)))"
        }
    }
}
