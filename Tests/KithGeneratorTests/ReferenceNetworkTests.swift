import Foundation
import KithGraph
import KithTime
import Testing
@testable import KithGenerator
@testable import KithStore

/// Reference stores are deterministic, realistic in shape, valid stores, and the same data in
/// SQLite.
@Suite struct ReferenceNetworkTests {
    static let options = ReferenceNetwork.Options(people: 400, interactions: 6000, seed: 7)
    static let network = ReferenceNetwork.generate(options)

    static func graph(_ network: ReferenceNetwork) throws -> Graph {
        var builder = GraphImage.Builder()
        network.people.forEach { builder.add($0) }
        network.interactions.forEach { builder.add($0) }
        network.relations.forEach { builder.add($0) }
        network.reminders.forEach { builder.add($0) }
        return Graph(image: try builder.build(), owner: network.owner)
    }

    @Test func theSameOptionsGiveTheSameNetwork() {
        let again = ReferenceNetwork.generate(Self.options)
        #expect(again.people == Self.network.people)
        #expect(again.interactions == Self.network.interactions)
        #expect(again.relations == Self.network.relations)
        #expect(again.reminders == Self.network.reminders)
        var other = Self.options
        other.seed = 8
        #expect(ReferenceNetwork.generate(other).interactions != Self.network.interactions)
    }

    @Test func recordsAreInStoreOrderAndConsistent() {
        let network = Self.network
        #expect(network.people.count == 400)
        #expect(network.interactions.count == 6000)
        #expect(network.people.map(\.id) == Array(1...400))
        #expect(network.interactions.map(\.id) == Array(1...6000))
        #expect(zip(network.interactions, network.interactions.dropFirst()).allSatisfy { $0.date <= $1.date })
        let start = Self.options.today.adding(years: -3).adding(days: 1)
        var added: [RecordID: CalendarDate] = [:]
        for person in network.people { added[person.id] = person.added }
        for interaction in network.interactions {
            #expect(start <= interaction.date && interaction.date <= Self.options.today)
            #expect(!interaction.people.isEmpty && Set(interaction.people).count == interaction.people.count)
            for id in interaction.people {
                #expect(added[id].map { $0 <= interaction.date } == true, "person \(id) seen before being added")
            }
        }
        for relation in network.relations {
            #expect(relation.person != relation.other)
            #expect(added[relation.person] != nil && (relation.other == ownerID || added[relation.other] != nil))
        }
        #expect(Array(network.people.prefix(5).map(\.name)) == ReferenceNetwork.landmarks)
        #expect(network.people[1].aliases == ["Bob"])
    }

    @Test func aFewPeopleAreSeenOftenAndMostRarely() {
        var counts = [Int](repeating: 0, count: Self.network.people.count + 1)
        for interaction in Self.network.interactions {
            for id in interaction.people { counts[id] += 1 }
        }
        let sorted = counts.dropFirst().sorted(by: >)
        let total = sorted.reduce(0, +)
        // The busiest 5% take a large share; a long tail is seen twice or less in three years.
        #expect(sorted.prefix(20).reduce(0, +) * 100 / total >= 25)
        #expect(sorted.filter { $0 <= 2 }.count * 100 / sorted.count >= 25)
        #expect(sorted.filter { $0 == 0 }.count > 0)
        // Names repeat as first names, rarely as full names.
        let names = Self.network.people.map(\.name)
        #expect(Set(names).count * 100 / names.count >= 98)
        #expect(Set(names.map { $0.split(separator: " ")[0] }).count < names.count * 3 / 5)
        #expect(names.contains { $0.unicodeScalars.contains { !$0.isASCII } })
    }

    @Test func itIsAValidStoreThatFoundationReadsTheSame() throws {
        let small = ReferenceNetwork.generate(ReferenceNetwork.Options(people: 120, interactions: 1500, seed: 3))
        let graph = try Self.graph(small)
        #expect(graph.checkInvariants() == [])
        let written = StoreWriter.snapshot(graph, journalSeq: 0)
        let viaFoundation = Array(try StoreCodec.encode(Snapshot(graph: graph, journalSeq: 0), pretty: true)) + [0x0A]
        #expect(written == viaFoundation)
        let fast = try #require(written.withUnsafeBytes { StoreReader.snapshot($0) })
        let slow = try FileStorage.decodeSnapshotWithFoundation(Data(written), path: "reference.json")
        #expect(fast.graph.people == slow.graph.people)
        #expect(fast.graph.interactions == slow.graph.interactions)
        #expect(fast.graph.relations == slow.graph.relations)
        #expect(fast.graph.reminders == slow.graph.reminders)
        #expect(fast.graph.owner == slow.graph.owner)
        #expect(fast.graph.people == graph.people && fast.graph.interactions == graph.interactions)
    }

    @Test func theSQLFilesHoldTheSameData() throws {
        let files = Dictionary(uniqueKeysWithValues: Self.network.sqlFiles().map { ($0.name, $0.bytes) })
        func lines(_ name: String) -> Int { files[name]!.count { $0 == 0x0A } - 1 }
        #expect(lines("people.csv") == 400)
        #expect(lines("interactions.csv") == 6000)
        #expect(lines("participants.csv") == Self.network.interactions.reduce(0) { $0 + Set($1.people).count })
        #expect(lines("relations.csv") == Self.network.relations.count)
        let script = String(decoding: files[ReferenceNetwork.sqlScriptName]!, as: UTF8.self)
        #expect(script.contains("CREATE INDEX participants_person_date ON participants (person, date)"))
    }

    /// When the sqlite3 shell is installed, the script loads and answers like the graph.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func sqliteLoadsTheScriptAndAgrees() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kith-gen-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, bytes) in Self.network.sqlFiles() { try Data(bytes).write(to: folder.appendingPathComponent(name)) }
        func sqlite(_ sql: String) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            process.arguments = ["-bail", "kith.db"]
            process.currentDirectoryURL = folder
            let input = Pipe(), output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            try process.run()
            input.fileHandleForWriting.write(Data(sql.utf8))
            try input.fileHandleForWriting.close()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            return String(decoding: data, as: UTF8.self)
        }
        _ = try sqlite(Self.network.sqlScript)
        let graph = try Self.graph(Self.network)
        let march = Period(CalendarDate(iso: "2026-03-01")!, CalendarDate(iso: "2026-03-10")!)
        let quiet = graph.people.values.filter { !graph.hasInteraction(with: $0.id, in: march) }.count
        let counted = try sqlite("""
            SELECT count(*) FROM people p WHERE NOT EXISTS (SELECT 1 FROM participants x
              WHERE x.person = p.id AND x.date BETWEEN '2026-03-01' AND '2026-03-10');
            SELECT count(*) FROM people WHERE org IS NULL;
            SELECT count(*) FROM people p JOIN tags t ON t.person = p.id WHERE t.tag = 'client';
            """).split(separator: "\n")
        #expect(counted == ["\(quiet)", "\(graph.people.values.filter { $0.org == nil }.count)",
                            "\(graph.people(taggedAs: "client").count)"])
    }
}
