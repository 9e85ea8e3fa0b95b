#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import KithGraph
import KithTime

/// Keeping in touch: who is overdue, who is closest, and the numbers that matter.
/// The rules are documented in docs/keeping-in-touch.md.
extension Conversation {
    /// How often you want to talk to someone when you haven't said: by their closest circle.
    static let defaultCadence: [String: Int] = [
        "inner circle": 7, "family": 14, "friend": 30, "client": 30,
        "mentor": 60, "investor": 60, "colleague": 60, "neighbor": 60,
    ]
    static let fallbackCadence = 90

    /// The person's cadence in days, and whether they set it or it comes from a circle.
    func cadence(of person: Person) -> (days: Int, explicit: Bool) {
        if let days = person.cadenceDays, days > 0 { return (days, true) }
        let byTag = person.tags.compactMap { Self.defaultCadence[Graph.tagKey($0)] }.min()
        return (byTag ?? Self.fallbackCadence, false)
    }

    /// Days since the last conversation on any channel; for someone never talked to, since they
    /// were added (or since the first conversation in the store, when that isn't known).
    func daysSilent(_ person: Person) -> (days: Int, never: Bool) {
        if let last = graph.lastInteraction(with: person.id) { return (last.date.days(until: today), false) }
        let since = person.added ?? firstConversationDay ?? today
        return (max(0, since.days(until: today)), true)
    }

    private var firstConversationDay: CalendarDate? { graph.interactions.values.map(\.date).min() }

    struct Overdue {
        let person: Person
        let days: Int
        let never: Bool
        let cadence: Int
        var ratio: Double { Double(days) / Double(cadence) }
    }

    /// Everyone whose silence exceeds their cadence, most overdue (relative to the cadence)
    /// first, closest circles first among equals.
    func overdue(among people: [Person]) -> [Overdue] {
        people.compactMap { person -> Overdue? in
            let silent = daysSilent(person)
            let cadence = cadence(of: person).days
            guard silent.days > cadence else { return nil }
            return Overdue(person: person, days: silent.days, never: silent.never, cadence: cadence)
        }.sorted { a, b in
            let ra = (a.ratio * 10).rounded(), rb = (b.ratio * 10).rounded()
            if ra != rb { return ra > rb }
            if a.cadence != b.cadence { return a.cadence < b.cadence }
            return NameSortKey(a.person.name) < NameSortKey(b.person.name)
        }
    }

    func reachOut(_ request: Request) -> Answer {
        let tag = request.text(.tag)
        let pool = tag.map { graph.people(taggedAs: $0) } ?? graph.peopleByName
        let limit = request.number(.limit)!  // 10 unless said (`complete`)
        let due = overdue(among: pool)
        let shown = Array(due.prefix(limit))
        var answer = Answer(question: request.question, intent: request.intent, text: "")
        answer.people = shown.map(\.person.name)
        answer.count = due.count
        if shown.isEmpty {
            answer.text = tag != nil && pool.isEmpty
                ? "You have nobody tagged \(Graph.tagKey(tag!))."
                : "Nobody\(tag.map { " tagged " + Graph.tagKey($0) } ?? "") is overdue — you're in touch with everyone as often as you aim to."
            return answer
        }
        let noun = { (n: Int) in tag.map { Graph.tagKey($0) + (n == 1 ? "" : "s") } ?? (n == 1 ? "person" : "people") }
        let heading = due.count > shown.count ? "The \(shown.count) most overdue of \(due.count) \(noun(due.count))"
                                              : "\(due.count) \(noun(due.count)) overdue"
        answer.text = heading + ":\n" + Phrasing.table(shown.map { item in
            [item.person.name,
             item.never ? "never talked (added \(Phrasing.count(item.days, "day")) ago)" : Phrasing.count(item.days, "day"),
             "you aim for \(CadenceParser.spoken(item.cadence))"]
        })
        return answer
    }

    func closest(_ request: Request) -> Answer {
        // The last 90 days and 10 people unless said (`complete`).
        let period = request.period()!
        let limit = request.number(.limit)!
        var weight: [RecordID: Double] = [:]
        var times: [RecordID: Int] = [:]
        for interaction in graph.interactions(in: period) {
            // A conversation counts fully today and half as much every 30 days before.
            let age = Double(interaction.date.days(until: period.end))
            let w = pow(2, -age / 30)
            for id in interaction.people {
                weight[id, default: 0] += w
                times[id, default: 0] += 1
            }
        }
        let ranked = weight.sorted { $0.value != $1.value ? $0.value > $1.value : NameSortKey(name($0.key)) < NameSortKey(name($1.key)) }.prefix(limit)
        var answer = Answer(question: request.question, intent: request.intent, text: "")
        answer.people = ranked.map { name($0.key) }
        if ranked.isEmpty {
            answer.text = "You haven't logged any conversations \(phrasing.period(period))."
            return answer
        }
        answer.text = "Your closest \(phrasing.period(period)), weighted by how recent:\n" + Phrasing.table(ranked.map { id, _ in
            let last = graph.lastInteraction(with: id)
            return [name(id), Phrasing.count(times[id]!, "conversation"), last.map { "last \(phrasing.relative($0.date))" } ?? ""]
        })
        return answer
    }

    func networkHealth(_ request: Request) -> Answer {
        let everyone = graph.peopleByName
        let total = everyone.count
        func talked(_ period: Period) -> (people: Int, conversations: Int) {
            let interactions = graph.interactions(in: period)
            return (Set(interactions.flatMap(\.people)).count, interactions.count)
        }
        func share(_ n: Int) -> String { total == 0 ? "" : " (\(n * 100 / total)%)" }
        var lines = ["Your network: \(Phrasing.count(total, "person", "people"))."]
        let periods: [(String, Period)] = request.period().map { [(phrasing.period($0).capitalisedFirst, $0)] }
            ?? [("This week", Period(today.startOfWeek, today)), ("This month", Period(today.firstOfMonth, today))]
        for (label, period) in periods {
            let (people, conversations) = talked(period)
            lines.append("\(label): you talked with \(people) of them\(share(people)) in \(Phrasing.count(conversations, "conversation")).")
        }
        var circles: [String] = []
        for circle in ["inner circle", "family", "friend", "client"] {
            let members = graph.people(taggedAs: circle)
            guard !members.isEmpty else { continue }
            circles.append("\(circle) \(overdue(among: members).count) of \(members.count)")
        }
        if !circles.isEmpty { lines.append("Overdue in your closest circles: " + circles.joined(separator: ", ") + ".") }
        lines.append("Overdue overall: \(Phrasing.count(overdue(among: everyone).count, "person", "people")).")
        let monday = today.startOfWeek
        let weeks = (0..<12).reversed().map { back -> Int in
            let start = monday.adding(days: -7 * back)
            return graph.interactions(in: Period(start, min(start.adding(days: 6), today))).count
        }
        lines.append("Conversations per week, last 12 weeks (\(phrasing.day(monday.adding(days: -77))) → this week):")
        lines.append("  " + Self.sparkline(weeks) + "  (\(weeks.min()!)–\(weeks.max()!) a week)")
        var answer = Answer(question: request.question, intent: request.intent, text: lines.joined(separator: "\n"))
        answer.count = total
        return answer
    }

    /// ▁▂▃▄▅▆▇█ bars scaled to the largest value.
    static func sparkline(_ values: [Int]) -> String {
        let bars = Array("▁▂▃▄▅▆▇█")
        let top = max(values.max() ?? 0, 1)
        return String(values.map { bars[min(bars.count - 1, $0 * (bars.count - 1) / top)] })
    }
}

extension String {
    var capitalisedFirst: String { prefix(1).uppercased() + dropFirst() }
}
