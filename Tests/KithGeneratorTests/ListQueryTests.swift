import KithGraph
import KithTime
import Testing
@testable import KithGenerator

/// `silences` and `contacts` read the image's columns when nothing changed since it was built,
/// and the general indexes otherwise: both must give what a brute-force reading of the records
/// gives, in the same order.
@Suite struct ListQueryTests {
    static let network = ReferenceNetwork.generate(ReferenceNetwork.Options(people: 300, interactions: 5000, seed: 3))
    static let today = ReferenceNetwork.Options.defaultToday

    /// The same records three ways: as an image (the fast path), applied one by one (the general
    /// path), and as an image with one unrelated change on top (the general path over an image).
    static func graphs() throws -> [(String, Graph)] {
        let image = try ReferenceNetworkTests.graph(network)
        var applied = Graph()
        applied.apply(network.operations)
        var changed = image
        changed.apply(.setOwner(Owner(name: "Someone Else")))
        changed.apply(.put(.person(network.people[0])))
        return [("image", image), ("applied", applied), ("image with changes", changed)]
    }

    static let periods = [
        Period(today.firstOfMonth, today), Period(today.adding(days: -7), today),
        Period(today.adding(days: -400), today.adding(days: -300)), Period(today.adding(days: 1), today.adding(days: 30)),
    ]

    static func bruteSilences(_ period: Period, channel: String?, among: Set<RecordID>?) -> [Graph.Silence] {
        let relevant = network.interactions.filter { channel == nil || $0.channel == channel }
        return network.people.filter { among?.contains($0.id) ?? true }.compactMap { person -> (Person, CalendarDate?)? in
            let mine = relevant.filter { $0.people.contains(person.id) }
            guard !mine.contains(where: { period.start <= $0.date && $0.date <= period.end }) else { return nil }
            return (person, mine.map(\.date).max())
        }.sorted { a, b in
            if a.1 != b.1 { return a.1 == nil || (b.1 != nil && a.1! < b.1!) }
            let x = NameSortKey(a.0.name), y = NameSortKey(b.0.name)
            return x != y ? x < y : a.0.id < b.0.id
        }.map { Graph.Silence(id: $0.0.id, last: $0.1) }
    }

    static func bruteContacts(_ period: Period, channel: String?, among: Set<RecordID>?) -> [Graph.Contact] {
        var times: [RecordID: Int] = [:], latest: [RecordID: Interaction] = [:]
        for interaction in network.interactions where (channel == nil || interaction.channel == channel)
            && period.start <= interaction.date && interaction.date <= period.end {
            for id in interaction.people where among?.contains(id) ?? true {
                times[id, default: 0] += 1
                if let seen = latest[id], (seen.date, seen.id) > (interaction.date, interaction.id) { continue }
                latest[id] = interaction
            }
        }
        let names = Dictionary(uniqueKeysWithValues: network.people.map { ($0.id, $0.name) })
        return times.keys.sorted { a, b in
            let x = latest[a]!, y = latest[b]!
            if x.date != y.date { return x.date > y.date }
            let p = NameSortKey(names[a]!), q = NameSortKey(names[b]!)
            return p != q ? p < q : a < b
        }.map { Graph.Contact(id: $0, times: times[$0]!, latest: latest[$0]!.id) }
    }

    @Test func silencesMatchTheRecords() throws {
        let clients = Set(Self.network.people.filter { $0.tags.contains("client") }.map(\.id))
        #expect(!clients.isEmpty)
        for (name, graph) in try Self.graphs() {
            for period in Self.periods {
                for channel in [nil, "call"] as [String?] {
                    for among in [nil, clients] as [Set<RecordID>?] {
                        #expect(graph.silences(in: period, channel: channel, among: among)
                                == Self.bruteSilences(period, channel: channel, among: among), "\(name) \(period) \(channel ?? "-")")
                    }
                }
            }
        }
    }

    /// The first few, as a list answer asks for them, are the full list's first few.
    @Test func theFirstSilencesAreTheListsFirst() throws {
        let clients = Set(Self.network.people.filter { $0.tags.contains("client") }.map(\.id))
        for (name, graph) in try Self.graphs() {
            for period in Self.periods {
                for among in [nil, clients] as [Set<RecordID>?] {
                    for channel in [nil, "call"] as [String?] {
                        let all = Self.bruteSilences(period, channel: channel, among: among)
                        for limit in [0, 1, 7, 50, 10_000, nil] as [Int?] {
                            let (total, first) = graph.silences(in: period, channel: channel, among: among, first: limit)
                            #expect(total == all.count, "\(name)")
                            #expect(first == Array(all.prefix(limit ?? all.count)), "\(name) \(period) \(limit ?? -1)")
                        }
                    }
                }
            }
        }
    }

    @Test func contactsMatchTheRecords() throws {
        let clients = Set(Self.network.people.filter { $0.tags.contains("client") }.map(\.id))
        for (name, graph) in try Self.graphs() {
            for period in Self.periods {
                for channel in [nil, "call", "fax"] as [String?] {
                    for among in [nil, clients] as [Set<RecordID>?] {
                        #expect(graph.contacts(in: period, channel: channel, among: among)
                                == Self.bruteContacts(period, channel: channel, among: among), "\(name) \(period) \(channel ?? "-")")
                    }
                }
            }
        }
    }

    @Test func interactionCountsMatchTheInteractions() throws {
        for (name, graph) in try Self.graphs() {
            for person in Self.network.people.prefix(40) {
                for period in [nil] + Self.periods.map(Optional.some) {
                    for channel in [nil, "call", "fax"] as [String?] {
                        #expect(graph.interactionCount(of: person.id, in: period, channel: channel)
                                == graph.interactions(of: person.id, in: period, channel: channel).count, "\(name)")
                    }
                }
            }
        }
    }

    @Test func taggedIDsAreInNameOrder() throws {
        for (name, graph) in try Self.graphs() {
            #expect(graph.personIDs(taggedAs: "clients") == graph.people(taggedAs: "client").map(\.id), "\(name)")
            #expect(graph.personIDs(taggedAs: "nobody-has-this") == [])
        }
    }
}
