import KithCapture
import KithGraph
import KithText
import KithTime

/// Conversations read from mail, calendars and chats, matched to people and made one change
/// (spec section 6, docs/capture.md "Import").
///
/// Run `plan` inside `Storage.commit` so it sees the newest graph: the whole import is one
/// journal transaction, and one `undo` takes it back. Pure: no files, no clock.
///
/// The rules:
/// - A counterpart is matched by any of a person's email addresses (any case), then by phone
///   number (both normalised by `PhoneNumber.normalize` with the same region), then by exact full
///   name (folded) when one person has it. The owner's own addresses, numbers and name are never
///   a counterpart.
/// - Who a trace is with: everyone on a meeting or in a chat but the owner; for mail, the
///   recipients of what the owner sent, else the sender alone (being copied with others is not
///   talking to them).
/// - One interaction per person, day and channel: a day's traces are merged, its topic the
///   `topic` of the day's first one (by time) unless topics are off. Its `sourceKeys` hold the
///   traces' keys; traces whose keys the graph already holds are skipped, and one more on a day
///   already logged from the same source joins that interaction, so reading again adds nothing.
/// - Future calendar occurrences are `Event`s for the brief, known by UID and occurrence.
/// - Counterparts nobody has are counted, not added, unless `addUnknown`.
public enum ConversationImport {
    public struct Options: Sendable {
        public var today: CalendarDate
        /// Log each day's first subject as the topic (`--no-topics` turns it off).
        public var topics: Bool
        /// Add counterparts nobody has as people (`--add-unknown`).
        public var addUnknown: Bool
        /// How people's national numbers are read; the same region the readers were given.
        public var phoneRegion: PhoneRegion?
        /// The user's own email addresses, phone numbers or name (`--me`), kept in the store's
        /// owner by this import.
        public var me: [String]

        public init(today: CalendarDate, topics: Bool = true, addUnknown: Bool = false, phoneRegion: PhoneRegion? = nil,
                    me: [String] = []) {
            self.today = today
            self.topics = topics
            self.addUnknown = addUnknown
            self.phoneRegion = phoneRegion
            self.me = me
        }
    }

    /// The owner's addresses as the readers want them (a calendar event the owner declined is
    /// skipped): the store's and those given with `--me`.
    public static func ownerEmails(_ owner: Owner, me: [String]) -> Set<String> {
        Set((owner.emails + me.filter { $0.contains("@") }).map(Addresses.emailKey))
    }

    public static func plan(_ reading: ConversationReading, into graph: Graph, options: Options,
                            source: String) -> ConversationImportPlan {
        let assumed = ownerEmails(graph.owner, me: options.me).isEmpty ? likelyOwnEmail(reading.traces) : nil
        var planner = ConversationPlanner(graph: graph, options: options, assumedOwnEmail: assumed)
        planner.take(reading.traces)
        var plan = planner.finish(reading, source: source)
        plan.assumedOwnEmail = assumed
        return plan
    }

    /// When the user has not said which address is theirs, the one on more than half of the
    /// mails (a mailbox's owner is on nearly every message in it, as sender or recipient); nil
    /// when no address is, or there are fewer than two mails. Without it, mail the owner sent
    /// would read as mail from a stranger.
    static func likelyOwnEmail(_ traces: [Trace]) -> String? {
        var counts: [String: Int] = [:]
        var mails = 0
        for trace in traces where trace.source == .mail {
            mails += 1
            for email in Set(trace.participants.compactMap(\.email)) { counts[email, default: 0] += 1 }
        }
        guard mails >= 2, let (email, count) = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }),
              count * 2 > mails else { return nil }
        return email
    }
}

/// What a conversation import does, decided but not yet written.
public struct ConversationImportPlan: Sendable {
    /// Someone on the traces nobody in the store is, with how often.
    public struct Unknown: Hashable, Sendable {
        /// The address, number or account they were known by.
        public var address: String
        public var name: String?
        /// Traces the owner sent them, and all traces with them.
        public var sent: Int
        public var total: Int
        /// Of `total`, the calls (an SMS backup's call log, Telegram calls).
        public var calls: Int = 0
        public var source: Trace.Source

        /// "you wrote to sam@lee.dev 14 times — add Sam Lee?"
        public var suggestion: String {
            let who = name.map { "add \($0)?" } ?? "add them?"
            let times = { (n: Int) in n == 1 ? "once" : "\(n) times" }
            switch source {
            case .mail:
                return sent > 0 ? "you wrote to \(address) \(times(sent)) — \(who)" : "\(address) wrote to you \(times(total)) — \(who)"
            case .calendar:
                return "you met \(address) \(times(total)) — \(who)"
            case .whatsapp, .sms, .telegram:
                let messages = total - calls
                let parts = [messages > 0 ? ConversationImportPlan.count(messages, "message", "messages") : nil,
                             calls > 0 ? ConversationImportPlan.count(calls, "call", "calls") : nil].compactMap { $0 }
                return "\(parts.joined(separator: " and ")) with \(address) — \(who)"
            }
        }
    }

    /// The file or folder's name as the summary shows it.
    public var source: String
    public var formats: [CaptureFormat]
    /// The interactions to add or extend, in date order.
    public var interactions: [Interaction]
    /// How many of `interactions` are new (the rest gain keys for a day already logged).
    public var newInteractions: Int
    public var events: [Event]
    /// People added (`addUnknown`), with their ids.
    public var added: [Person]
    /// Counterparts nobody is, most frequent first (empty when they were added).
    public var unknown: [Unknown]
    /// Traces already imported before, and those that are not conversations, by why.
    public var alreadyImported: Int
    public var notConversations: [(reason: String, count: Int)]
    /// Traces with nobody but the owner on them.
    public var withNobody: Int
    public var warnings: [String]
    /// Files of a folder Kith can't read.
    public var unreadable: [String]
    /// The people named in `interactions` and `events`, by id, for the report.
    public var names: [RecordID: String]
    /// The whole import as one change; nil when nothing would change.
    public var change: Change?
    /// The address taken as the user's own for this import, when they had given none
    /// (`ConversationImport.likelyOwnEmail`); not kept in the store.
    public var assumedOwnEmail: String?

    /// "Imported inbox.mbox: 7 conversations with 4 people, 2 upcoming events, 1 person added."
    public var summary: String { "Imported \(source): \(counts)." }

    public var dryRunSummary: String { "Dry run of \(source): \(counts); nothing was written." }

    /// "1 person", "2 people".
    static func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }

    private var counts: String {
        let people = Set(interactions.flatMap(\.people)).count
        var parts = ["\(Self.count(newInteractions, "conversation", "conversations")) with \(Self.count(people, "person", "people"))"]
        if !events.isEmpty { parts.append(Self.count(events.count, "upcoming event", "upcoming events")) }
        if !added.isEmpty { parts.append("\(Self.count(added.count, "person", "people")) added") }
        return parts.joined(separator: ", ")
    }

    /// One line for each thing worth saying: conversations (all on a dry run), skips, unknown
    /// counterparts, warnings.
    public func details(dryRun: Bool, unknownLimit: Int = 10) -> [String] {
        var lines: [String] = []
        if let assumedOwnEmail {
            lines.append("assumed  \(assumedOwnEmail) is your address (it is on most of the mail); --me ADDRESS says so and keeps it")
        }
        if dryRun {
            for person in added { lines.append("added    \(person.name)") }
            for interaction in interactions {
                let who = interaction.people.map { names[$0] ?? "?" }.joined(separator: ", ")
                let topic = interaction.topic.map { " — \($0)" } ?? ""
                lines.append("log      \(interaction.date) \(interaction.channel) with \(who)\(topic)")
            }
            for event in events {
                let who = event.people.isEmpty ? "" : " with " + event.people.map { names[$0] ?? "?" }.joined(separator: ", ")
                lines.append("event    \(event.date) \(event.title ?? event.channel)\(who)")
            }
        }
        if alreadyImported > 0 {
            lines.append("skipped  \(Self.count(alreadyImported, "trace", "traces")) already imported")
        }
        if !notConversations.isEmpty {
            let reasons = notConversations.map { "\($0.reason) (\($0.count))" }.joined(separator: ", ")
            lines.append("skipped  not conversations: \(reasons)")
        }
        if withNobody > 0 { lines.append("skipped  \(withNobody) with nobody but you on them") }
        for name in unreadable { lines.append("skipped  \(name): not a kind of file Kith reads") }
        for unknown in unknown.prefix(unknownLimit) { lines.append("unknown  \(unknown.suggestion)") }
        if unknown.count > unknownLimit { lines.append("unknown  …and \(unknown.count - unknownLimit) more") }
        if !unknown.isEmpty { lines.append("         (--add-unknown adds them, with what they were known by)") }
        for warning in warnings { lines.append("warning  \(warning)") }
        return lines
    }
}

/// Matches traces to people, trace by trace, and groups them into interactions.
struct ConversationPlanner {
    private let graph: Graph
    private let options: Options
    typealias Options = ConversationImport.Options

    private var byEmail: [String: RecordID] = [:]
    private var byPhone: [String: RecordID] = [:]
    private var byName: [String: [RecordID]] = [:]
    private let ownEmails: Set<String>
    private let ownPhones: Set<String>
    private let ownName: String?

    /// A counterpart: someone in the store, or an address nobody has.
    private enum Counterpart: Hashable {
        case person(RecordID)
        case unknown(String)
    }

    private struct Day: Hashable {
        var who: Counterpart
        var date: CalendarDate
        var channel: String
        var source: String
    }

    private struct Group {
        var keys: [String] = []
        var first: (time: Int, topic: String?)?
    }

    private var groups: [Day: Group] = [:]
    private var dayOrder: [Day] = []
    private var unknownSeen: [String: ConversationImportPlan.Unknown] = [:]
    private var unknownParticipant: [String: Participant] = [:]
    private var events: [Event] = []
    private var eventUIDs: Set<String>
    private var importedKeys: [String: Set<String>] = [:]
    private var alreadyImported = 0
    private var notConversations: [String: Int] = [:]
    private var withNobody = 0

    init(graph: Graph, options: Options, assumedOwnEmail: String? = nil) {
        self.graph = graph
        self.options = options
        let owner = graph.owner
        ownEmails = ConversationImport.ownerEmails(owner, me: options.me).union(assumedOwnEmail.map { [$0] } ?? [])
        let phones = owner.phones + options.me.filter { !$0.contains("@") && Self.isPhone($0) }
        ownPhones = Set(phones.map { Self.phoneKey($0, options.phoneRegion) }.filter { !$0.isEmpty })
        let name = owner.name ?? options.me.first { !$0.contains("@") && !Self.isPhone($0) }
        ownName = name.map(fold)
        for person in graph.people.values.sorted(by: { $0.id < $1.id }) {
            for email in person.emails.map(Addresses.emailKey) where byEmail[email] == nil { byEmail[email] = person.id }
            for phone in person.phones.map({ Self.phoneKey($0, options.phoneRegion) }) where !phone.isEmpty && byPhone[phone] == nil {
                byPhone[phone] = person.id
            }
            byName[fold(person.name), default: []].append(person.id)
        }
        eventUIDs = Set(graph.events.values.map(\.uid))
    }

    static func isPhone(_ text: String) -> Bool {
        text.unicodeScalars.filter { ("0"..."9").contains($0) }.count >= 5
            && text.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || " +-().".unicodeScalars.contains($0) }
    }

    /// A number as the planner compares them: its digits once normalised, so "+1 555 010 1234"
    /// and a vCard's "(555) 010-1234" in the US meet.
    static func phoneKey(_ phone: String, _ region: PhoneRegion?) -> String {
        Addresses.phoneKey(PhoneNumber.normalize(phone, region: region) ?? phone)
    }

    private func isOwner(_ participant: Participant, byName: Bool) -> Bool {
        if let email = participant.email, ownEmails.contains(email) { return true }
        if let phone = participant.phone, ownPhones.contains(Self.phoneKey(phone, options.phoneRegion)) { return true }
        if byName, participant.email == nil, participant.phone == nil, let name = participant.name, let ownName {
            return fold(name) == ownName
        }
        return false
    }

    private func match(_ participant: Participant) -> Counterpart? {
        if let email = participant.email, let id = byEmail[email] { return .person(id) }
        if let phone = participant.phone, let id = byPhone[Self.phoneKey(phone, options.phoneRegion)] { return .person(id) }
        if let name = participant.name, let ids = byName[fold(name)], ids.count == 1 { return .person(ids[0]) }
        guard let address = participant.email ?? participant.phone ?? participant.account ?? participant.name else { return nil }
        return .unknown(address)
    }

    /// Who the trace is a conversation with, besides the owner.
    private func counterparts(_ trace: Trace) -> [Participant] {
        switch trace.source {
        case .mail:
            let ownerSent = trace.from.map { isOwner($0, byName: false) } ?? true
            return ownerSent ? trace.to + trace.cc + trace.bcc : trace.from.map { [$0] } ?? []
        case .telegram where trace.direction == .outgoing, .sms where trace.direction == .outgoing:
            // These sources know the sender of an outgoing message is the owner, under an
            // account id or a name the store may not have.
            return trace.to + trace.cc + trace.bcc
        default:
            // A chat or a meeting is with everyone on it; names count here, as chat exports
            // and attendee lists often give nothing else.
            return trace.participants.filter { !isOwner($0, byName: true) }
        }
    }

    mutating func take(_ traces: [Trace]) {
        for trace in traces { take(trace) }
    }

    private mutating func take(_ trace: Trace) {
        if let reason = trace.notConversation {
            notConversations[reason.description, default: 0] += 1
            return
        }
        if trace.isFuture {
            takeEvent(trace)
            return
        }
        let source = trace.source.rawValue
        if importedKeys[source] == nil { importedKeys[source] = graph.importedKeys(from: source) }
        if importedKeys[source]!.contains(trace.key) {
            alreadyImported += 1
            return
        }
        importedKeys[source]!.insert(trace.key)
        var seen: Set<Counterpart> = []
        let ownerSent = trace.source == .mail && (trace.from.map { isOwner($0, byName: false) } ?? true)
        for participant in counterparts(trace) where !isOwner(participant, byName: trace.source != .mail) {
            guard let who = match(participant), seen.insert(who).inserted else { continue }
            if case .unknown(let address) = who {
                var unknown = unknownSeen[address]
                    ?? .init(address: address, name: participant.name, sent: 0, total: 0, source: trace.source)
                unknown.total += 1
                if trace.channel == .call { unknown.calls += 1 }
                if ownerSent { unknown.sent += 1 }
                if unknown.name == nil { unknown.name = participant.name }
                unknownSeen[address] = unknown
                if unknownParticipant[address] == nil { unknownParticipant[address] = participant }
            }
            let day = Day(who: who, date: trace.date, channel: trace.channel.rawValue, source: source)
            if groups[day] == nil { dayOrder.append(day) }
            var group = groups[day] ?? Group()
            group.keys.append(trace.key)
            let time = trace.time ?? -1
            if group.first == nil || time < group.first!.time { group.first = (time, trace.topic) }
            groups[day] = group
        }
        if seen.isEmpty { withNobody += 1 }
    }

    private mutating func takeEvent(_ trace: Trace) {
        let uid = trace.key.hasPrefix("calendar:") ? String(trace.key.dropFirst("calendar:".count)) : trace.key
        guard eventUIDs.insert(uid).inserted else {
            alreadyImported += 1
            return
        }
        var people: [RecordID] = []
        for participant in trace.participants where !isOwner(participant, byName: true) {
            if case .person(let id) = match(participant), !people.contains(id) { people.append(id) }
        }
        events.append(Event(id: 0, uid: uid, date: trace.date, title: trace.subject, people: people,
                            channel: trace.channel.rawValue))
    }

    func finish(_ reading: ConversationReading, source: String) -> ConversationImportPlan {
        var operations: [KithGraph.Operation] = []
        var names: [RecordID: String] = [:]

        // Counterparts nobody is: added as people, or listed by frequency.
        var added: [Person] = []
        var addedID: [String: RecordID] = [:]
        let unknownByCount = unknownSeen.values.sorted { ($0.total, $1.address) > ($1.total, $0.address) }
        if options.addUnknown {
            var nextID = graph.nextID(.person)
            for unknown in unknownByCount {
                let participant = unknownParticipant[unknown.address]!
                var person = Person(id: nextID, name: participant.name ?? unknown.address)
                nextID += 1
                if let email = participant.email { person.emails = [email] }
                if let phone = participant.phone { person.phones = [phone] }
                person.added = options.today
                added.append(person)
                addedID[unknown.address] = person.id
                operations.append(.put(.person(person)))
            }
        }
        for person in added { names[person.id] = person.name }

        // An interaction already logged from the same source for a person, day and channel takes
        // the day's new keys, so one more message on that day is not a second interaction.
        var existing: [Day: Interaction] = [:]
        for day in dayOrder {
            guard case .person(let id) = day.who else { continue }
            for interaction in graph.interactions(of: id, in: .day(day.date), channel: day.channel)
            where interaction.channel == day.channel && interaction.source == day.source && interaction.people == [id] {
                existing[day] = interaction
            }
        }

        var interactions: [Interaction] = []
        var newCount = 0
        var nextInteraction = graph.nextID(.interaction)
        // By day, and within a day in the order first met: the same file always gives the same ids.
        let byDate = dayOrder.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
        for day in byDate {
            let group = groups[day]!
            let id: RecordID
            switch day.who {
            case .person(let person): id = person
            case .unknown(let address):
                guard let person = addedID[address] else { continue }
                id = person
            }
            names[id] = names[id] ?? graph.people[id]?.name
            if var interaction = existing[day] {
                interaction.sourceKeys += group.keys
                interactions.append(interaction)
            } else {
                let topic = options.topics ? group.first?.topic : nil
                interactions.append(Interaction(id: nextInteraction, date: day.date, people: [id], channel: day.channel,
                                                topic: topic, source: day.source, sourceKeys: group.keys))
                nextInteraction += 1
                newCount += 1
            }
        }
        operations += interactions.map { .put(.interaction($0)) }

        var nextEvent = graph.nextID(.event)
        let events = self.events.sorted { $0.date < $1.date }.map { event -> Event in
            var event = event
            event.id = nextEvent
            nextEvent += 1
            for id in event.people { names[id] = graph.people[id]?.name }
            return event
        }
        operations += events.map { .put(.event($0)) }

        // The user's own addresses given with --me are remembered, so the next import knows them.
        if !options.me.isEmpty {
            var owner = graph.owner
            let emails = options.me.filter { $0.contains("@") }
            let phones = options.me.filter { !$0.contains("@") && ConversationPlanner.isPhone($0) }
            owner.emails = Addresses.merging(owner.emails, emails, key: Addresses.emailKey)
            owner.phones = Addresses.merging(owner.phones, phones, key: Addresses.phoneKey)
            if owner.name == nil { owner.name = options.me.first { !$0.contains("@") && !ConversationPlanner.isPhone($0) } }
            if owner != graph.owner { operations.append(.setOwner(owner)) }
        }

        let reasons = notConversations.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { (reason: $0.key, count: $0.value) }
        var plan = ConversationImportPlan(
            source: source, formats: reading.formats, interactions: interactions, newInteractions: newCount, events: events,
            added: added, unknown: options.addUnknown ? [] : unknownByCount, alreadyImported: alreadyImported,
            notConversations: reasons, withNobody: withNobody, warnings: reading.warnings, unreadable: reading.unreadable,
            names: names, change: nil)
        if !operations.isEmpty {
            var parts = ["\(newCount) conversation\(newCount == 1 ? "" : "s")"]
            if !events.isEmpty { parts.append("\(events.count) upcoming event\(events.count == 1 ? "" : "s")") }
            if !added.isEmpty { parts.append("\(added.count) added") }
            plan.change = Change(summary: "Imported \(source): \(parts.joined(separator: ", ")).", operations: operations)
        }
        return plan
    }
}
