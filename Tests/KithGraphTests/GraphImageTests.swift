import KithText
import Testing
@testable import KithGraph
import KithTime

/// A graph read from an image must answer every question exactly as the same records applied
/// to an empty graph do — before and after changes on top of the image.
@Suite struct GraphImageTests {
    static let firstNames = ["Diane", "Bob", "Zoë", "Zoe", "Sam", "Renée", "Ana", "Łukasz", "José", "Mei", "Ruth",
                             "O'Neil", "Anna-Lena", "Kim", "Zoë", "Chloé", "Søren"]
    static let lastNames = ["Smith", "Stone", "Laurent", "Lee", "Ortiz", "García", "Müller", "Nguyễn", "Park",
                            "O’Brien", "Smith-Jones", "Lee", "DIANE", "van der Berg"]
    static let tags = ["client", "Clients", "friend", "inner circle", "family", "Families", "boss", "class", "ÉQUIPE"]
    static let orgs = ["Acme", "ACME", "Globex", "Initech", "Café Noir", "cafe noir", "Acme Corp"]
    static let places = ["Boston", "boston", "Zürich", "Zurich", "New York", "São Paulo"]
    static let channels = ["talk", "call", "meeting", "email", "message", "video"]

    static func day(_ n: Int) -> CalendarDate { CalendarDate(year: 2025, month: 1, day: 1)!.adding(days: n) }

    /// People, interactions (some naming missing people, some repeating an id), relations and
    /// reminders, in no particular order.
    static func records(seed: UInt64, people: Int = 60, interactions: Int = 400) -> [Operation] {
        var random = SeededGenerator(seed: seed)
        var operations: [Operation] = [.setOwner(Owner(name: "Alex"))]
        for id in (1...people).shuffled(using: &random) {
            var person = Person(id: id, name: random.percent(5) ? "  \(random.pick(firstNames))  " :
                                random.percent(20) ? random.pick(firstNames) : "\(random.pick(firstNames)) \(random.pick(lastNames))")
            if random.percent(30) { person.aliases = [random.pick(firstNames), random.pick(["Di", "Bobby", "D. Smith"])] }
            if random.percent(70) { person.tags = (0..<random.int(1...3)).map { _ in random.pick(tags) } }
            if random.percent(60) { person.org = random.pick(orgs) }
            if random.percent(60) { person.place = random.pick(places) }
            if random.percent(30) { person.emails = ["p\(id)@example.com"] + (random.percent(30) ? ["p\(id)@work.example"] : []) }
            if random.percent(20) { person.phones = ["+1 555 \(id)"] }
            if random.percent(20) { person.title = "Title \(id % 5)" }
            if random.percent(20) { person.howMet = "at the café" }
            if random.percent(30) { person.birthday = MonthDay(year: random.percent(50) ? 1980 + id % 20 : nil, month: 2, day: 29 - id % 2) }
            if random.percent(20) { person.cadenceDays = random.pick([7, 14, 30]) }
            if random.percent(20) { person.notes = [Note(date: day(id), text: "note \(id)\nline two")] }
            if random.percent(50) { person.added = day(-id) }
            operations.append(.put(.person(person)))
        }
        for id in (1...interactions).shuffled(using: &random) {
            let members = (0..<random.int(1...3)).map { _ in random.int(1...(people + 3)) }  // some are missing
            let interaction = Interaction(id: random.percent(3) ? random.int(1...interactions) : id,
                                          date: day(random.int(0...400)), people: members,
                                          channel: random.pick(channels), topic: random.percent(40) ? "topic \(id % 7)" : nil)
            operations.append(.put(.interaction(interaction)))
        }
        for id in 1...(people / 2) {
            operations.append(.put(.relation(Relation(id: id, person: random.int(0...people),
                                                      kind: random.pick(["wife", "friend", "introduced-by"]),
                                                      other: random.int(0...people)))))
        }
        for id in 1...5 {
            var reminder = Reminder(id: id, due: day(100 + id), person: random.percent(50) ? random.int(1...people) : nil,
                                    text: "remind \(id)")
            reminder.done = id % 2 == 0
            reminder.recurrence = id == 3 ? "yearly" : nil
            operations.append(.put(.reminder(reminder)))
        }
        return operations
    }

    static func imageGraph(_ operations: [Operation]) throws -> Graph {
        var builder = GraphImage.Builder()
        var owner = Owner()
        for operation in operations {
            switch operation {
            case .put(.person(let r)): builder.add(r)
            case .put(.interaction(let r)): builder.add(r)
            case .put(.relation(let r)): builder.add(r)
            case .put(.reminder(let r)): builder.add(r)
            case .setOwner(let o): owner = o
            default: Issue.record("unexpected \(operation)")
            }
        }
        return Graph(image: try builder.build(), owner: owner)
    }

    static func memoryGraph(_ operations: [Operation]) -> Graph {
        var graph = Graph()
        graph.apply(operations)
        return graph
    }

    /// Every question the engine asks, compared between the two graphs.
    static func expectSameAnswers(_ a: Graph, _ b: Graph, sourceLocation: SourceLocation = #_sourceLocation) {
        var differences: [String] = []
        func same<T: Equatable>(_ x: T, _ y: T, _ what: @autoclosure () -> String) {
            if x != y { differences.append(what()) }
        }
        same(a.people, b.people, "people")
        same(a.interactions, b.interactions, "interactions")
        same(a.relations, b.relations, "relations")
        same(a.reminders, b.reminders, "reminders")
        same(a.owner, b.owner, "owner")
        same(a.peopleByName, b.peopleByName, "peopleByName")
        same(a.personIDsByName, b.personIDsByName, "personIDsByName")
        same(a.allTags, b.allTags, "allTags")
        same(a.orgKeys, b.orgKeys, "orgKeys")
        same(a.placeKeys, b.placeKeys, "placeKeys")
        for kind in RecordKind.allCases { same(a.nextID(kind), b.nextID(kind), "nextID(\(kind))") }
        for tag in tags + ["nobody", "classes"] {
            same(a.people(taggedAs: tag), b.people(taggedAs: tag), "people(taggedAs: \(tag))")
            same(a.hasTag(tag), b.hasTag(tag), "hasTag(\(tag))")
        }
        for org in orgs + ["nowhere"] { same(a.people(atOrg: org), b.people(atOrg: org), "people(atOrg: \(org))") }
        for place in places { same(a.people(inPlace: place), b.people(inPlace: place), "people(inPlace: \(place))") }
        var names: [String] = ["", "  ", "Dianne", "Diane S", "diane smith", "Zoe L", "zoë", "Smiht", "Bobby", "Di", "Renee",
                               "Lukasz", "lee", "o'neil", "O’Neil", "Anna", "Mei Park", "Kim Lee", "sam o", "Laurnet", "x"]
        for person in a.people.values.prefix(40) {
            names.append(person.name)
            names.append(String(person.name.prefix(7)))
            names.append(person.name.uppercased())
            names += person.aliases
        }
        for name in names {
            same(a.resolve(name: name), b.resolve(name: name), "resolve(\(name))")
            same(a.people(withFoldedName: fold(name)), b.people(withFoldedName: fold(name)), "people(withFoldedName: \(name))")
        }
        let periods = [Period(day(0), day(400)), Period(day(30), day(60)), .day(day(45)), Period(day(500), day(600)),
                       Period(day(-10), day(3))]
        for period in periods {
            for channel in [nil, "call", "fax"] as [String?] {
                same(a.interactions(in: period, channel: channel), b.interactions(in: period, channel: channel),
                     "interactions(in: \(period), \(channel ?? "-"))")
            }
        }
        for id in 0...70 {
            same(a.name(of: id), a.people[id]?.name, "name(of: \(id)) in the records")
            same(b.name(of: id), b.people[id]?.name, "name(of: \(id)) in the image")
            for graph in [a, b] {
                let work = graph.nameAndWork(of: id), person = graph.people[id]
                same(work?.name, person?.name, "nameAndWork(of: \(id)).name")
                same(work?.title, person?.title, "nameAndWork(of: \(id)).title")
                same(work?.org, person?.org, "nameAndWork(of: \(id)).org")
                same(work?.place, person?.place, "nameAndWork(of: \(id)).place")
                same(work == nil, person == nil, "nameAndWork(of: \(id)) exists")
            }
            same(a.interactions(of: id), b.interactions(of: id), "interactions(of: \(id))")
            same(a.relations(of: id), b.relations(of: id), "relations(of: \(id))")
            for channel in [nil, "email", "fax"] as [String?] {
                same(a.lastInteraction(with: id, channel: channel), b.lastInteraction(with: id, channel: channel),
                     "lastInteraction(\(id), \(channel ?? "-"))")
                same(a.lastContactDate(with: id, channel: channel), b.lastContactDate(with: id, channel: channel),
                     "lastContactDate(\(id), \(channel ?? "-"))")
                same(b.lastContactDate(with: id, channel: channel), b.lastInteraction(with: id, channel: channel)?.date,
                     "lastContactDate vs lastInteraction(\(id))")
                for period in periods {
                    same(a.interactions(of: id, in: period, channel: channel), b.interactions(of: id, in: period, channel: channel),
                         "interactions(of: \(id), in: \(period), \(channel ?? "-"))")
                    same(a.hasInteraction(with: id, in: period, channel: channel), b.hasInteraction(with: id, in: period, channel: channel),
                         "hasInteraction(\(id), \(period), \(channel ?? "-"))")
                }
            }
        }
        for graph in [a, b] {
            for id in Set(a.interactions.keys + b.interactions.keys + [-1, 0, 100_000]) {
                let summary = graph.dateAndTopic(of: id), interaction = graph.interactions[id]
                same(summary?.date, interaction?.date, "dateAndTopic(of: \(id)).date")
                same(summary?.topic, interaction?.topic, "dateAndTopic(of: \(id)).topic")
                same(summary == nil, interaction == nil, "dateAndTopic(of: \(id)) exists")
            }
        }
        #expect(differences == [], sourceLocation: sourceLocation)
        // The records name some people who do not exist, on purpose; the indexes must agree.
        let dangling = { (problem: String) in problem.contains("names missing person") }
        #expect(a.checkInvariants().filter { !dangling($0) } == [], sourceLocation: sourceLocation)
        #expect(b.checkInvariants().filter { !dangling($0) } == [], sourceLocation: sourceLocation)
        #expect(Set(a.checkInvariants()) == Set(b.checkInvariants()), sourceLocation: sourceLocation)
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func anImageAnswersLikeTheRecords(seed: UInt64) throws {
        let operations = Self.records(seed: seed)
        Self.expectSameAnswers(Self.memoryGraph(operations), try Self.imageGraph(operations))
    }

    @Test(arguments: [5, 6, 7] as [UInt64])
    func changesOnTopOfAnImageAnswerLikeTheRecords(seed: UInt64) throws {
        let operations = Self.records(seed: seed)
        var memory = Self.memoryGraph(operations)
        var image = try Self.imageGraph(operations)
        var random = SeededGenerator(seed: seed &* 77)
        for step in 0..<120 {
            let operation: Operation
            switch random.int(0...6) {
            case 0:
                var person = memory.people[random.int(1...60)] ?? Person(id: 60 + step, name: "New \(step)")
                person.name = random.pick(Self.firstNames) + " " + random.pick(Self.lastNames)
                person.tags = [random.pick(Self.tags)]
                person.org = random.percent(50) ? random.pick(Self.orgs) : nil
                operation = .put(.person(person))
            case 1: operation = .delete(.person, random.int(1...70))
            case 2:
                operation = .put(.interaction(Interaction(id: random.percent(50) ? random.int(1...400) : 400 + step,
                                                          date: Self.day(random.int(0...420)), people: [random.int(1...65)],
                                                          channel: random.pick(Self.channels + ["fax"]))))
            case 3: operation = .delete(.interaction, random.int(1...420))
            case 4:
                operation = .put(.relation(Relation(id: random.int(1...40), person: random.int(0...60), kind: "friend",
                                                    other: random.int(0...60))))
            case 5: operation = .delete(.relation, random.int(1...40))
            default: operation = random.percent(50) ? .delete(.reminder, random.int(1...6))
                : .put(.reminder(Reminder(id: random.int(1...8), due: Self.day(step), person: nil, text: "r")))
            }
            let inverse = image.inverse(of: [operation])
            #expect(inverse == memory.inverse(of: [operation]))
            memory.apply(operation)
            image.apply(operation)
            if step % 60 == 59 { Self.expectSameAnswers(memory, image) }
        }
        Self.expectSameAnswers(memory, image)
    }

    @Test func theLastRecordWithAnIdWins() throws {
        let operations: [Operation] = [
            .put(.person(Person(id: 2, name: "Bob"))), .put(.person(Person(id: 1, name: "Ann"))),
            .put(.person(Person(id: 2, name: "Robert"))),
            .put(.interaction(Interaction(id: 5, date: Self.day(3), people: [1], channel: "call"))),
            .put(.interaction(Interaction(id: 5, date: Self.day(1), people: [2], channel: "talk"))),
        ]
        let graph = try Self.imageGraph(operations)
        #expect(graph.people[2]?.name == "Robert")
        #expect(graph.people.count == 2)
        #expect(graph.interactions(of: 1).isEmpty)
        #expect(graph.interactions(of: 2).map(\.id) == [5])
        Self.expectSameAnswers(Self.memoryGraph(operations), graph)
    }

    @Test func anImageSurvivesACopyOfItsBytes() throws {
        let graph = try Self.imageGraph(Self.records(seed: 9))
        let copy = try GraphImage(GraphImage.Storage(copying: Array(graph.image.bytes)))
        Self.expectSameAnswers(graph, Graph(image: copy, owner: graph.owner))
    }

    @Test func damagedBytesAreRefused() throws {
        let image = try Self.imageGraph(Self.records(seed: 10)).image
        let bytes = Array(image.bytes)
        var random = SeededGenerator(seed: 3)
        for _ in 0..<50 {
            var damaged = bytes
            let at = random.int(0...(bytes.count - 1))
            damaged[at] ^= UInt8(random.int(1...255))
            #expect(throws: GraphImage.Invalid.self) { try GraphImage(GraphImage.Storage(copying: damaged)) }
        }
        #expect(throws: GraphImage.Invalid.self) { try GraphImage(GraphImage.Storage(copying: bytes.dropLast(8))) }
        #expect(throws: GraphImage.Invalid.self) { try GraphImage(GraphImage.Storage(copying: [UInt8]())) }
    }

    @Test func valuesBeyondThirtyTwoBitsAreRefused() {
        var builder = GraphImage.Builder()
        builder.add(Person(id: 1 << 40, name: "Far"))
        #expect(throws: GraphImage.Unrepresentable.self) { try builder.build() }
    }

    @Test func asciiFoldingMatchesFoundation() {
        var samples = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
        samples += ["  Diane   SMITH ", "o'neil\tX", "A\u{0B}B\u{0C}c\rD\n", "", "   ", "MiXeD-Case_123"]
        for sample in samples {
            var text = sample
            let fast = text.withUTF8 { KeyCollector.foldASCII($0) }
            #expect(fast.map { String(decoding: $0, as: UTF8.self) } == fold(sample), "\(sample.unicodeScalars.map(\.value))")
        }
    }
}

private extension Array {
    func shuffled(using random: inout SeededGenerator) -> [Element] {
        var items = self
        guard items.count > 1 else { return items }
        for i in stride(from: items.count - 1, to: 0, by: -1) { items.swapAt(i, random.int(0...i)) }
        return items
    }
}

private extension ClosedRange<Int> {
    func shuffled(using random: inout SeededGenerator) -> [Int] { Array(self).shuffled(using: &random) }
}
