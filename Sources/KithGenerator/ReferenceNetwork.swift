import KithGraph
import KithText
import KithTime

/// A deterministic, realistic relationship network for benchmarks and load tests: the same
/// options always give the same records, on every machine.
///
/// What makes it realistic:
/// - names from many places, some with accents or apostrophes, nicknames as aliases; a full name
///   that is already taken gets a middle initial ("Diane K. Smith"), so first names are often
///   shared ("Which Diane?") but full names rarely are;
/// - circles of closeness: about 1% inner circle, 5% close, 15% regular, 30% occasional and 49%
///   rarely seen, with rates that differ by orders of magnitude — a long tail of people seen
///   once or never in three years, and a few seen every week;
/// - interactions spread over the three years up to `today`, never before the person was added,
///   mostly one-to-one with some groups, over channels that fit the circle, 40% with a topic;
/// - organisations and cities drawn from Zipf distributions (a few big ones, many small), tags,
///   titles, emails, phones, birthdays (some without a year), notes, cadences, relations
///   (partners, family, colleagues at the same organisation, managers, introductions and
///   referrals), and reminders around `today`.
///
/// The first people are fixed landmarks the benchmark's questions name (see `landmarks`).
public struct ReferenceNetwork: Sendable {
    public struct Options: Sendable, Hashable {
        public var people: Int
        public var interactions: Int
        public var seed: UInt64
        /// The last day of the three years of history.
        public var today: CalendarDate

        public static let defaultToday = CalendarDate(year: 2026, month: 3, day: 10)!

        public init(people: Int, interactions: Int, seed: UInt64 = 1, today: CalendarDate = Options.defaultToday) {
            self.people = people
            self.interactions = interactions
            self.seed = seed
            self.today = today
        }

        /// 1,000 people, 20,000 interactions (about 2 MB of JSON).
        public static let small = Options(people: 1_000, interactions: 20_000)
        /// 100,000 people, 2,000,000 interactions (about 200 MB of JSON).
        public static let large = Options(people: 100_000, interactions: 2_000_000)
    }

    /// People every reference network starts with, so questions can name them: ids 1…5.
    public static let landmarks = ["Diane Smith", "Robert Stone", "Carol Jones", "Ruth Park", "Priya Natarajan"]

    public var owner: Owner
    /// Sorted by id (1…N).
    public var people: [Person]
    /// Sorted by date, then id; ids are 1…M in that order.
    public var interactions: [Interaction]
    /// Sorted by id.
    public var relations: [Relation]
    /// Sorted by id.
    public var reminders: [Reminder]

    /// Every record as a `put`, plus the owner: apply them to an empty graph to get the network.
    public var operations: [KithGraph.Operation] {
        var operations: [KithGraph.Operation] = [.setOwner(owner)]
        operations.reserveCapacity(1 + people.count + interactions.count + relations.count + reminders.count)
        operations += people.map { .put(.person($0)) }
        operations += interactions.map { .put(.interaction($0)) }
        operations += relations.map { .put(.relation($0)) }
        operations += reminders.map { .put(.reminder($0)) }
        return operations
    }

    public static func generate(_ options: Options) -> ReferenceNetwork {
        var generator = Generator(options: options)
        return generator.run()
    }
}

/// How close someone is, which sets how often they are seen and over which channels.
private enum Circle: Int, CaseIterable {
    case inner, close, regular, occasional, rare

    /// Share of the people in this circle.
    var share: Double { [0.01, 0.05, 0.15, 0.30, 0.49][rawValue] }
    /// Relative rate of interactions per day known.
    var rate: Double { [60, 15, 4, 1, 0.12][rawValue] }

    static func draw(_ random: inout SeededGenerator) -> Circle {
        var u = random.unit()
        for circle in allCases {
            u -= circle.share
            if u < 0 { return circle }
        }
        return .rare
    }
}

private struct Generator {
    let options: Options
    typealias Options = ReferenceNetwork.Options
    var random: SeededGenerator
    let historyStart: CalendarDate

    var people: [Person] = []
    var circles: [Circle] = []
    /// Day (since the epoch) from which each person can be seen.
    var knownSince: [Int] = []
    var usedNames: Set<String> = []

    init(options: Options) {
        self.options = options
        random = SeededGenerator(seed: options.seed &* 0x2545_F491_4F6C_DD1D &+ 0x4B17)
        historyStart = options.today.adding(years: -3).adding(days: 1)
    }

    mutating func run() -> ReferenceNetwork {
        makePeople()
        let interactions = makeInteractions()
        let relations = makeRelations()
        let reminders = makeReminders()
        return ReferenceNetwork(owner: Owner(name: "Alex Morgan"), people: people, interactions: interactions,
                                relations: relations, reminders: reminders)
    }

    // MARK: - People

    mutating func makePeople() {
        let orgs = Vocabulary.orgStems.flatMap { stem in Vocabulary.orgSuffixes.map { stem + $0 } }
        // Shuffle so the Zipf ranks do not follow the alphabet.
        let orgOrder = shuffled(orgs)
        let orgChoice = WeightedChoice(zipf: orgOrder.count, exponent: 1.05)
        let cityChoice = WeightedChoice(zipf: Vocabulary.cities.count, exponent: 1.0)
        let count = max(0, options.people)
        people.reserveCapacity(count)
        usedNames.formUnion(ReferenceNetwork.landmarks)
        for index in 0..<count {
            let id = index + 1
            var circle = Circle.draw(&random)
            var person: Person
            if index < ReferenceNetwork.landmarks.count {
                person = landmark(index)
                circle = [.inner, .inner, .close, .close, .rare][index]
            } else {
                person = Person(id: id, name: uniqueName())
                if random.chance(0.62) { person.org = orgOrder[orgChoice.draw(&random)] }
                if random.chance(0.40) { person.title = random.pick(Vocabulary.titles) }
                if random.chance(0.72) { person.place = Vocabulary.cities[cityChoice.draw(&random)] }
                for (tag, share) in Vocabulary.tags where random.chance(share) { person.tags.append(tag) }
                if circle == .inner && random.chance(0.7) { person.tags.append("inner circle") }
                let first = String(person.name.split(separator: " ")[0])
                if let nicknames = Vocabulary.nicknames[first], random.chance(0.5) {
                    person.aliases = [random.pick(nicknames)]
                }
                if random.chance(0.6) { person.emails = [email(for: person)] }
                if random.chance(0.4) {
                    person.phones = ["+1 \(random.int(201...989)) 555 \(pad(random.int(0...9999), 4))"]
                }
                if random.chance(0.35) { person.birthday = birthday() }
                if random.chance(0.2) { person.howMet = random.pick(Vocabulary.howMet) }
                if circle.rawValue <= Circle.regular.rawValue, random.chance(0.5) {
                    person.cadenceDays = [7, 14, 14, 30, 30, 60, 90][random.int(circle == .inner ? 0...2 : 2...6)]
                }
            }
            // Close people have been known longer; some were known before the history starts.
            let span = historyStart.days(until: options.today)
            let lead = [900, 700, 500, 300, 200][circle.rawValue]
            let since = historyStart.daysSinceEpoch - lead + random.int(0...(span + lead - 7))
            person.added = CalendarDate(daysSinceEpoch: since)
            knownSince.append(max(since, historyStart.daysSinceEpoch))
            if random.chance(circle == .rare ? 0.03 : 0.12) {
                let notes = random.int(1...3)
                for _ in 0..<notes {
                    let day = random.int(knownSince[index]...options.today.daysSinceEpoch)
                    person.notes.append(Note(date: CalendarDate(daysSinceEpoch: day), text: random.pick(Vocabulary.noteTexts)))
                }
                person.notes.sort { $0.date < $1.date }
            }
            people.append(person)
            circles.append(circle)
        }
    }

    func landmark(_ index: Int) -> Person {
        var person = Person(id: index + 1, name: ReferenceNetwork.landmarks[index])
        switch index {
        case 0:
            person.tags = ["client", "friend"]
            person.org = "Acme"
            person.title = "VP of Marketing"
            person.place = "Boston"
            person.emails = ["diane.smith@example.com"]
            person.birthday = MonthDay(year: 1984, month: 5, day: 4)
            person.howMet = "the networking group"
            person.cadenceDays = 14
        case 1:
            person.aliases = ["Bob"]
            person.tags = ["friend", "inner circle"]
            person.org = "Globex"
            person.place = "Boston"
            person.cadenceDays = 7
        case 2:
            person.tags = ["client"]
            person.org = "Initech"
            person.place = "Cambridge"
            person.birthday = MonthDay(year: nil, month: 3, day: 28)
        case 3:
            person.tags = ["mentor", "inner circle"]
            person.org = "Harvard Business School"
            person.cadenceDays = 30
        default:
            person.tags = ["friend"]
            person.place = "London"
        }
        return person
    }

    mutating func uniqueName() -> String {
        let first = random.pick(Vocabulary.firstNames)
        let last = random.pick(Vocabulary.lastNames)
        var name = "\(first) \(last)"
        var tries = 0
        while usedNames.contains(name), tries < 26 {
            let initial = Character(Unicode.Scalar(UInt8(ascii: "A") + UInt8(random.int(0...25))))
            name = "\(first) \(initial). \(last)"
            tries += 1
        }
        usedNames.insert(name)
        return name
    }

    mutating func email(for person: Person) -> String {
        let parts = person.name.split(separator: " ").filter { !$0.hasSuffix(".") }
        let local = parts.map { Self.ascii(String($0)) }.joined(separator: ".")
        let domain: String
        if let org = person.org, random.chance(0.5) {
            domain = Self.ascii(org).replacingSpaces + ".example"
        } else {
            domain = random.pick(Vocabulary.emailDomains)
        }
        return local + "@" + domain
    }

    /// Lowercase ASCII for an email address: accents dropped, apostrophes and spaces removed.
    static func ascii(_ text: String) -> String {
        let map: [Character: String] = [
            "á": "a", "à": "a", "â": "a", "ã": "a", "ä": "a", "å": "a", "ç": "c", "é": "e", "è": "e",
            "ê": "e", "ë": "e", "í": "i", "ï": "i", "ñ": "n", "ó": "o", "ô": "o", "ö": "o", "ø": "o",
            "ú": "u", "ü": "u", "ł": "l", "ß": "ss", "ś": "s", "ž": "z",
        ]
        var result = ""
        for character in text.lowercased() {
            if let plain = map[character] {
                result += plain
            } else if character.isASCII, character.isLetter || character.isNumber || character == " " {
                result.append(character)
            }
        }
        return result
    }

    mutating func birthday() -> MonthDay {
        let month = random.int(1...12)
        let year: Int? = random.chance(0.6) ? random.int(1950...2004) : nil
        let day = random.int(1...CalendarDate.daysIn(month: month, year: year ?? 2000))
        return MonthDay(year: year, month: month, day: day)!
    }

    // MARK: - Interactions

    mutating func makeInteractions() -> [Interaction] {
        let today = options.today.daysSinceEpoch
        guard !people.isEmpty, options.interactions > 0 else { return [] }
        // How likely each person is to be in the next interaction: their circle's rate, a
        // log-normal personal factor, and how long they have been known.
        var weights: [Double] = []
        weights.reserveCapacity(people.count)
        for index in people.indices {
            let days = Double(today - knownSince[index] + 1)
            weights.append(circles[index].rate * exp(0.6 * random.normal()) * days)
        }
        let choice = WeightedChoice(weights: weights)

        struct Draft {
            var day: Int
            var people: [RecordID]
            var channel: String
            var topic: String?
        }
        var drafts: [Draft] = []
        drafts.reserveCapacity(options.interactions)
        for _ in 0..<options.interactions {
            let main = choice.draw(&random)
            let day = random.int(knownSince[main]...today)
            var members = [main + 1]
            let size = random.unit()
            let extra = size < 0.80 ? 0 : size < 0.94 ? 1 : size < 0.99 ? 2 : random.int(3...5)
            for _ in 0..<extra {
                let other = choice.draw(&random)
                if knownSince[other] <= day, !members.contains(other + 1) { members.append(other + 1) }
            }
            let channel = self.channel(for: main)
            let topic = random.chance(0.4) ? random.pick(Vocabulary.topics) : nil
            drafts.append(Draft(day: day, people: members, channel: channel, topic: topic))
        }
        // Ids follow the order of days (as they would when logging as things happen); the
        // draw order breaks ties, so the result is deterministic.
        let order = drafts.indices.sorted { (drafts[$0].day, $0) < (drafts[$1].day, $1) }
        return order.enumerated().map { position, index in
            let draft = drafts[index]
            return Interaction(id: position + 1, date: CalendarDate(daysSinceEpoch: draft.day),
                               people: draft.people, channel: draft.channel, topic: draft.topic)
        }
    }

    mutating func channel(for index: Int) -> String {
        let person = people[index]
        let table: [(String, Int)]
        if person.tags.contains("client") {
            table = [("meeting", 35), ("email", 30), ("call", 20), ("video", 15)]
        } else {
            switch circles[index] {
            case .inner: table = [("talk", 35), ("call", 25), ("message", 30), ("video", 10)]
            case .close: table = [("talk", 25), ("call", 20), ("message", 25), ("meeting", 15), ("email", 10), ("video", 5)]
            default: table = [("message", 25), ("email", 25), ("meeting", 20), ("call", 15), ("talk", 10), ("video", 5)]
            }
        }
        var roll = random.int(0...(table.reduce(0) { $0 + $1.1 } - 1))
        for (channel, weight) in table {
            roll -= weight
            if roll < 0 { return channel }
        }
        return table[0].0
    }

    // MARK: - Relations and reminders

    mutating func makeRelations() -> [Relation] {
        var relations: [Relation] = []
        guard people.count >= 2 else { return [] }
        var byOrg: [String: [RecordID]] = [:]
        for person in people { if let org = person.org { byOrg[org, default: []].append(person.id) } }
        func add(_ person: RecordID, _ kind: String, _ other: RecordID) {
            guard person != other else { return }
            relations.append(Relation(id: relations.count + 1, person: person, kind: kind, other: other))
        }
        if people.count >= 3 {
            add(1, "wife", 2)
            add(3, "introduced-by", 1)
        }
        for person in people where person.id > ReferenceNetwork.landmarks.count {
            let other = random.int(1...people.count)
            let roll = random.unit()
            switch roll {
            case ..<0.04: add(person.id, random.pick(["wife", "husband", "partner"]), other)
            case ..<0.06: add(person.id, "sibling", other)
            case ..<0.075: add(person.id, "parent", other)
            case ..<0.12: add(person.id, "friend", other)
            case ..<0.20:
                if let org = person.org, let colleagues = byOrg[org], colleagues.count > 1 {
                    add(person.id, random.chance(0.25) ? "manager" : "colleague", random.pick(colleagues))
                }
            case ..<0.25: add(person.id, "introduced-by", random.chance(0.3) ? ownerID : other)
            case ..<0.27: add(person.id, "referred-by", other)
            default: break
            }
        }
        return relations
    }

    mutating func makeReminders() -> [Reminder] {
        var reminders: [Reminder] = []
        let today = options.today
        for person in people where random.chance(0.04) || person.id == 1 {
            let due = today.adding(days: random.int(-30...60))
            var reminder = Reminder(id: reminders.count + 1, due: due, person: person.id,
                                    text: random.pick(Vocabulary.reminderTexts))
            reminder.done = due < today && random.chance(0.5)
            if random.chance(0.1) { reminder.recurrence = random.pick(["yearly", "monthly", "every 90 days"]) }
            reminders.append(reminder)
        }
        if !people.isEmpty {
            reminders.append(Reminder(id: reminders.count + 1, due: today.adding(days: 14), person: nil,
                                      text: "renew passport"))
        }
        return reminders
    }

    // MARK: - Helpers

    mutating func shuffled<T>(_ items: [T]) -> [T] {
        var items = items
        guard items.count > 1 else { return items }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, random.int(0...i))
        }
        return items
    }

    func pad(_ n: Int, _ width: Int) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

private extension String {
    var replacingSpaces: String { String(map { $0 == " " ? "-" : $0 }) }
}
