import Foundation
import KithEngine
import KithGraph
import KithText
import KithTime
import Testing
@testable import KithStore

/// The fast reader and writer against Foundation's coders: the writer must produce the same
/// bytes as `JSONEncoder`, and whatever the reader accepts must be what `JSONDecoder` reads, to
/// the same graph. Everything else the reader declines, and Foundation reports it as before.
@Suite struct StoreCodecTests {
    /// Text that needs every kind of escaping, and some that needs none.
    static let awkward = ["plain", "quote \" and backslash \\", "slash / stays", "tab\tnew\nline\r", "bell \u{07} nul \u{0}",
                          "del \u{7F}", "café ☕️ 𝄞 日本", "\u{2028}\u{2029}\u{FEFF}", "", " ", "\u{1F}\u{0B}\u{0C}\u{08}"]

    static func weirdGraph() -> Graph {
        var graph = Graph()
        graph.apply(everyKindOfRecord)
        for (index, text) in awkward.enumerated() {
            var person = Person(id: 10 + index, name: text)
            person.aliases = [text]
            person.tags = [text, "t\(index)"]
            person.org = text
            person.notes = [Note(date: day("2026-01-01").adding(days: index), text: text)]
            person.cadenceDays = index - 3
            graph.apply(.put(.person(person)))
            graph.apply(.put(.interaction(Interaction(id: 10 + index, date: day("0999-12-31").adding(days: index * 400),
                                                      people: index == 0 ? [] : [10 + index, -1, 10 + index],
                                                      channel: text, topic: text))))
            graph.apply(.put(.relation(Relation(id: 10 + index, person: 10 + index, kind: text, other: 0))))
            var reminder = Reminder(id: 10 + index, due: day("2026-05-01"), person: nil, text: text)
            reminder.recurrence = text
            graph.apply(.put(.reminder(reminder)))
        }
        graph.apply(.setOwner(Owner(name: "Ünïcödé \"owner\"")))
        graph.apply(.pushUndo(UndoEntry(id: 7, summary: "every op", inverse: allOperations)))
        graph.apply(.pushUndo(UndoEntry(id: 8, summary: "none", inverse: [])))
        return graph
    }

    static let allOperations: [KithGraph.Operation] = everyKindOfRecord + [
        .delete(.person, 3), .delete(.interaction, 2), .delete(.relation, 1), .delete(.reminder, 9),
        .setOwner(Owner()), .setOwner(Owner(name: "x")), .popUndo(4),
        .pushUndo(UndoEntry(id: 5, summary: "nested", inverse: [.delete(.person, 1)])),
        .restore(Restore(before: .person(Person(id: 1, name: "Ann")), fields: ["org", "place"])),
        .pushUndo(UndoEntry(id: 6, summary: "field by field",
                            inverse: [.restore(Restore(before: .interaction(Interaction(id: 4, date: day("2026-03-01"), people: [1],
                                                                                        channel: "call")), fields: ["topic"]))])),
    ]

    /// The same graph three ways: applied records, an image, an image with changes on top.
    static func graphs() throws -> [(String, Graph)] {
        let memory = weirdGraph()
        let bytes = try foundationBytes(memory, journalSeq: 3)
        let (imageGraph, _) = try #require(bytes.withUnsafeBytes { StoreReader.snapshot($0) })
        var changed = imageGraph
        changed.apply([.put(.person(Person(id: 2, name: "Robert Smith"))), .delete(.person, 11),
                       .put(.interaction(Interaction(id: 99, date: day("2026-03-01"), people: [1], channel: "call"))),
                       .delete(.interaction, 1), .put(.relation(Relation(id: 50, person: 1, kind: "friend", other: 3)))])
        return [("memory", memory), ("image", imageGraph), ("changed image", changed),
                ("demo", DemoNetwork.graph()), ("empty", Graph())]
    }

    static func foundationBytes(_ graph: Graph, journalSeq: Int) throws -> [UInt8] {
        Array(try StoreCodec.encode(Snapshot(graph: graph, journalSeq: journalSeq), pretty: true)) + [0x0A]
    }

    static func expectSameGraph(_ a: Graph, _ b: Graph, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.people == b.people, sourceLocation: sourceLocation)
        #expect(a.interactions == b.interactions, sourceLocation: sourceLocation)
        #expect(a.relations == b.relations, sourceLocation: sourceLocation)
        #expect(a.reminders == b.reminders, sourceLocation: sourceLocation)
        #expect(a.owner == b.owner, sourceLocation: sourceLocation)
        #expect(a.undoLog == b.undoLog, sourceLocation: sourceLocation)
    }

    // MARK: - Writing

    /// Validating, the fast reader takes a store that keeps the rules and declines one that
    /// breaks any (so the validating path names the problem); BrokenStoreTests checks each
    /// broken store end to end.
    @Test func theValidatingReaderDeclinesWhatValidationRefuses() throws {
        let demo = try Self.foundationBytes(DemoNetwork.graph(), journalSeq: 2)
        #expect(demo.withUnsafeBytes { StoreReader.snapshot($0, validating: true) } != nil)
        // Cadences of zero and below, and an interaction naming person -1.
        let weird = try Self.foundationBytes(Self.weirdGraph(), journalSeq: 3)
        #expect(weird.withUnsafeBytes { StoreReader.snapshot($0) } != nil)
        #expect(weird.withUnsafeBytes { StoreReader.snapshot($0, validating: true) } == nil)
        let text = String(decoding: demo, as: UTF8.self)
        let breaches = [
            ("\"version\" : \(FileStorage.currentVersion)", #""version" : 0"#),
            (#""journalSeq" : 2"#, #""journalSeq" : -1"#),
            (#""id" : 2,"#, #""id" : 1,"#),
            (#""id" : 2,"#, #""id" : 0,"#),
        ]
        for (from, to) in breaches {
            let range = try #require(text.range(of: from), "\(from)")
            let broken = Array(text.replacingCharacters(in: range, with: to).utf8)
            #expect(broken.withUnsafeBytes { StoreReader.snapshot($0, validating: true) } == nil, "\(to)")
            #expect(throws: StoreError.self) { try FileStorage.decodeSnapshot(Data(broken), path: "s.json") }
        }
    }

    @Test func snapshotsAreByteForByteWhatJSONEncoderWrites() throws {
        for (name, graph) in try Self.graphs() {
            let expected = try Self.foundationBytes(graph, journalSeq: 42)
            let written = StoreWriter.snapshot(graph, journalSeq: 42)
            #expect(String(decoding: written, as: UTF8.self) == String(decoding: expected, as: UTF8.self), "\(name)")
        }
    }

    /// An image of many interactions over a few days, with changes that land everywhere a
    /// part boundary can fall: before the first row, after the last, in place of a row (same
    /// date and id), moved to another date, and deleted runs that leave whole parts empty.
    static func busyGraph() throws -> Graph {
        var builder = GraphImage.Builder()
        for id in 1...12 { builder.add(Person(id: id, name: "P\(id)")) }
        for id in 1...40 {
            builder.add(Interaction(id: id, date: day("2026-01-01").adding(days: id / 4), people: [1 + id % 12],
                                    channel: id % 3 == 0 ? "call" : "talk", topic: id % 2 == 0 ? "t\(id)" : nil))
        }
        for id in 1...9 { builder.add(Relation(id: id, person: id, kind: "friend", other: id + 1)) }
        for id in 1...5 { builder.add(Reminder(id: id, due: day("2026-05-01"), person: id, text: "r\(id)")) }
        var graph = Graph(image: try builder.build())
        var moved = try #require(graph.interactions[20])
        moved.date = day("2027-01-01")
        var edited = try #require(graph.interactions[21])
        edited.topic = "edited"
        var renamed = try #require(graph.people[5])
        renamed.name = "Renamed"
        graph.apply([.put(.interaction(Interaction(id: 100, date: day("2025-12-01"), people: [1], channel: "email"))),
                     .put(.interaction(Interaction(id: 101, date: day("2026-01-03"), people: [2], channel: "email"))),
                     .put(.interaction(Interaction(id: 102, date: day("2028-01-01"), people: [3], channel: "email"))),
                     .put(.interaction(moved)), .put(.interaction(edited)), .put(.person(renamed)),
                     .put(.person(Person(id: 13, name: "New"))), .delete(.relation, 1), .delete(.relation, 9),
                     .put(.relation(Relation(id: 10, person: 13, kind: "friend", other: 1))), .delete(.reminder, 3)]
                    + (1...3).map { .delete(.interaction, $0) } + (28...35).map { .delete(.interaction, $0) })
        return graph
    }

    /// Cut into parts of any size and encoded on any number of threads, a snapshot is the same
    /// bytes.
    @Test func snapshotsAreTheSameBytesInAnyNumberOfPartsOnAnyNumberOfThreads() throws {
        for (name, graph) in try Self.graphs() + [("busy", Self.busyGraph())] {
            let expected = try Self.foundationBytes(graph, journalSeq: 42)
            for size in [1, 2, 3, 7, 1000] {
                let rows = SnapshotPlan.PartRows.uniform(size)
                let plan = SnapshotPlan(graph, journalSeq: 42, partRows: rows)
                for threads in [1, 2, 3] {
                    var written: [UInt8] = []
                    plan.write(threads: threads) { written.append(contentsOf: $0) }
                    let difference = zip(written, expected).prefix { $0 == $1 }.count
                    let same = written == expected
                    let context = String(decoding: written[max(0, difference - 80)..<min(written.count, difference + 40)], as: UTF8.self)
                    #expect(same, "\(name), \(size) rows a part, \(threads) threads: first difference at byte \(difference): \(context)")
                }
            }
        }
    }

    /// When the consumer fails (a write error), the workers stop and the error comes through.
    @Test func aFailingConsumerStopsTheEncoding() {
        struct Failed: Error {}
        for failAt in [0, 1, 5, 49] {
            var consumed: [Int] = []
            #expect(throws: Failed.self) {
                try ParallelEncoding.run(count: 50, threads: 2, encode: { index, block in
                    var writer = StoreWriter(pretty: false, into: block)
                    writer.int(index)
                    _ = writer.finish()
                }, consume: { index, block in
                    #expect(Array(block.bytes) == Array("\(index)".utf8))
                    if index == failAt { throw Failed() }
                    consumed.append(index)
                })
            }
            #expect(consumed == Array(0..<failAt))
        }
    }

    @Test func journalLinesAreByteForByteWhatJSONEncoderWrites() throws {
        for operations in [Self.allOperations, [Self.allOperations[0]], []] + Self.allOperations.map({ [$0] }) {
            let transaction = Transaction(seq: 12, ops: operations)
            let expected = Array(try StoreCodec.encode(transaction, pretty: false)) + [0x0A]
            #expect(String(decoding: StoreWriter.transaction(transaction), as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        }
    }

    // MARK: - Reading

    @Test func snapshotsReadAsFoundationReadsThem() throws {
        for (name, graph) in try Self.graphs() {
            let bytes = try Self.foundationBytes(graph, journalSeq: 7)
            let fast = try #require(bytes.withUnsafeBytes { StoreReader.snapshot($0) }, "\(name)")
            let slow = try FileStorage.decodeSnapshotWithFoundation(Data(bytes), path: "x")
            #expect(fast.journalSeq == 7)
            #expect(slow.journalSeq == 7)
            Self.expectSameGraph(fast.graph, slow.graph)
            Self.expectSameGraph(fast.graph, graph)
            #expect(fast.graph.checkInvariants().filter { !$0.contains("names missing person") } == [], "\(name)")
        }
    }

    @Test func journalLinesReadAsFoundationReadsThem() throws {
        for operations in [Self.allOperations] + Self.allOperations.map({ [$0] }) {
            let line = StoreWriter.transaction(Transaction(seq: 3, ops: operations)).dropLast()
            let fast = try #require(Array(line).withUnsafeBytes { StoreReader.transaction($0) })
            #expect(fast == (try StoreCodec.decode(Transaction.self, from: Data(line), path: "j")))
        }
    }

    /// Valid JSON the reader declines; Foundation reads it.
    @Test(arguments: [
        "\u{FEFF}{\"format\": \"kith\", \"version\": 1}",
        #"{"format": "kith", "version": 1, "people": [{"id": 1, "name": "A",}]}"#,
        #"{"format": "kith", "version": 1, "spaceships": []}"#,
        #"{"format": "kith", "version": 1, "me": {"name": null}}"#,
        #"{"format": "kith", "version": 1, "people": [{"id": 1, "name": "A", "org": null}]}"#,
        #"{"format": "kith", "version": 1, "people": [{"id": 1, "na\u006de": "A"}]}"#,
        #"{"format": "ki\u0074h", "version": 1}"#,
        #"{"format": "kith", "version": 1, "people": [{"id": 1, "name": "A", "added": "2026-+3-01"}]}"#,
        #"{"format": "kith", "version": 1, "people": [{"id": 1, "name": "A", "birthday": "--+5-04"}]}"#,
        #"{"format": "kith", "version": 1, "people": [{"id": 1, "name": "A", "birthday": "---05-04"}]}"#,
        #"{"format": "kith", "version": 1, "people": [{"id": 1, "name": "A", "unknown": 3}]}"#,
        #"{"format": "kith", "version": 1, "interactions": [{"id": 1, "date": "2026-01-01", "people": [], "channel": "x", "mood": 1}]}"#,
    ])
    func validButUnusualDocumentsGoToFoundation(text: String) throws {
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBytes { StoreReader.snapshot($0) } == nil)
        _ = try FileStorage.decodeSnapshot(Data(bytes), path: "x")
    }

    /// Whatever the reader makes of a damaged document is what Foundation makes of it: when it
    /// accepts one, Foundation reads the same graph from it. (When it declines, the store hands
    /// the bytes to Foundation, so errors are Foundation's, with the same line and column.)
    @Test func damagedDocumentsAreFoundationsToJudge() throws {
        var graph = Graph()
        graph.apply(everyKindOfRecord)
        graph.apply(.pushUndo(UndoEntry(id: 1, summary: "s", inverse: [.delete(.person, 1)])))
        let pretty = try Self.foundationBytes(graph, journalSeq: 2)
        let compact = Array(try StoreCodec.encode(Snapshot(graph: graph, journalSeq: 2), pretty: false))
        var random = SeededGenerator(seed: 99)
        var accepted = 0, declined = 0
        let alphabet = Array("{}[]\":,0123456789-+.eE \n\t\\/utfnalrsx".utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xA9, 0xFF, 0xED, 0xA0]
        for round in 0..<4000 {
            var bytes = round % 2 == 0 ? pretty : compact
            for _ in 0..<(1 + random.below(3)) {
                let at = random.below(bytes.count)
                switch random.below(4) {
                case 0: bytes[at] = alphabet[random.below(alphabet.count)]
                case 1: bytes.remove(at: at)
                case 2: bytes.insert(alphabet[random.below(alphabet.count)], at: at)
                default: if random.below(4) == 0 { bytes.removeSubrange(at...) }
                }
                if bytes.isEmpty { break }
            }
            guard let fast = bytes.withUnsafeBytes({ StoreReader.snapshot($0) }) else {
                declined += 1
                continue
            }
            accepted += 1
            guard let slow = try? FileStorage.decodeSnapshotWithFoundation(Data(bytes), path: "kith.json") else {
                Issue.record("accepted what Foundation refuses: \(String(decoding: bytes, as: UTF8.self))")
                continue
            }
            #expect(fast.journalSeq == slow.journalSeq)
            Self.expectSameGraph(fast.graph, slow.graph)
        }
        #expect(accepted > 50)
        #expect(declined > 1000)
    }

    @Test func damagedJournalLinesAreFoundationsToJudge() throws {
        let line = Array(StoreWriter.transaction(Transaction(seq: 3, ops: Self.allOperations)).dropLast())
        var random = SeededGenerator(seed: 7)
        let alphabet = Array("{}[]\":,0123456789-.e \\u".utf8) + [0x00, 0xFF]
        for _ in 0..<1500 {
            var bytes = line
            let at = random.below(bytes.count)
            switch random.below(3) {
            case 0: bytes[at] = alphabet[random.below(alphabet.count)]
            case 1: bytes.remove(at: at)
            default: bytes.insert(alphabet[random.below(alphabet.count)], at: at)
            }
            guard let fast = bytes.withUnsafeBytes({ StoreReader.transaction($0) }) else { continue }
            let slow = try? StoreCodec.decode(Transaction.self, from: Data(bytes), path: "j")
            #expect(slow == fast, "\(String(decoding: bytes, as: UTF8.self))")
        }
    }

    // MARK: - The image beside the snapshot

    @Test func aSnapshotGetsAPrivateImageThatLoadsTheSameGraph() throws {
        try inTemporaryDirectory { dir in
            let path = dir + "/kith.json"
            let limits = FileStorage.CompactionLimits()
            let writer = try FileStorage(path: path, warn: { _ in }, limits: limits)
            _ = try writer.commit { _ in Change(summary: "demo", operations: demoOperations()) }
            try writer.compact()
            // The compaction wrote the image, from the graph in memory.
            #expect(try mode(StoreImage.path(for: path)) == 0o600)
            let compacted = try #require(loadImage(path))
            expectSameContent(writer.graph, compacted.graph)
            #expect(compacted.journalSeq == 1)

            // A load that parses the JSON (the image gone) writes it again: the same bytes, as
            // the compaction read its snapshot back as a load does.
            let written = try #require(contents(StoreImage.path(for: path)))
            try FileManager.default.removeItem(atPath: StoreImage.path(for: path))
            let reader = try FileStorage(path: path, warn: { _ in }, limits: limits)
            expectSameContent(writer.graph, reader.graph)
            #expect(try mode(StoreImage.path(for: path)) == 0o600)
            #expect(contents(StoreImage.path(for: path)) == written)
            let fromImage = try #require(loadImage(path))
            expectSameContent(writer.graph, fromImage.graph)
            #expect(fromImage.journalSeq == 1)

            // A second reader maps the image rather than parsing.
            let again = try FileStorage(path: path, warn: { _ in }, limits: limits)
            expectSameContent(writer.graph, again.graph)
            try add("Zed", to: again)
            expectSameContent(again.graph, try FileStorage(path: path, warn: { _ in }, limits: limits).graph)
        }
    }

    @Test func aStaleOrDamagedImageIsNeverTrusted() throws {
        try withImagedDemoStore { path, imagePath, limits, writer in
            let good = try #require(contents(imagePath))

            // A compaction writes the new snapshot's image.
            try add("Zed", to: writer)
            try writer.compact()
            expectSameContent(writer.graph, try #require(loadImage(path)).graph)

            // Stale: the snapshot changed since, outside kith (the same bytes, rewritten).
            let snapshot = try #require(contents(path))
            try FileManager.default.removeItem(atPath: path)
            try Data(snapshot).write(to: URL(fileURLWithPath: path))
            #expect(loadImage(path) == nil)
            expectSameContent(writer.graph, try FileStorage(path: path, warn: { _ in }, limits: limits).graph)
            #expect(loadImage(path) != nil, "rebuilt by the load")

            // Damaged anywhere, or cut short — which only a crash of the machine can do, so the
            // damaged image comes from another boot session: refused and rebuilt.
            let fresh = try #require(contents(imagePath))
            #expect(fresh != good)
            for offset in [0, 20, 60, 100, 130, 140, fresh.count / 2, fresh.count - 1] {
                var damaged = fromAnotherSession(fresh)
                damaged[offset] ^= 0x40
                try Data(damaged).write(to: URL(fileURLWithPath: imagePath))
                #expect(loadImage(path) == nil, "damaged at \(offset)")
                expectSameContent(writer.graph, try FileStorage(path: path, warn: { _ in }, limits: limits).graph)
                #expect(contents(imagePath) == fresh, "rewritten after damage at \(offset)")
            }
            try Data(fromAnotherSession(fresh).prefix(fresh.count - 8)).write(to: URL(fileURLWithPath: imagePath))
            #expect(loadImage(path) == nil)
            // This session's header is checked even when its contents are not.
            for offset in [0, 60, 100, 120, 139] {
                var damaged = fresh
                damaged[offset] ^= 0x40
                try Data(damaged).write(to: URL(fileURLWithPath: imagePath))
                #expect(loadImage(path) == nil, "header damaged at \(offset)")
            }
            // An image of another snapshot, even a newer one of the same store, is stale.
            try Data(good).write(to: URL(fileURLWithPath: imagePath))
            #expect(loadImage(path) == nil)
            expectSameContent(writer.graph, try FileStorage(path: path, warn: { _ in }, limits: limits).graph)
        }
    }

    /// An image is written whole before it is renamed into place, so within one boot session it
    /// is used without reading it all; from another session it is checked in full, then claimed.
    @Test func anImageIsCheckedInFullOnceABootSession() throws {
        try withImagedDemoStore { path, imagePath, limits, writer in
            let written = try #require(contents(imagePath))
            let current = try #require(BootSession.current)
            #expect(BootSession(written[StoreImage.bootOffset..<(StoreImage.bootOffset + 16)]) == current)

            // From another session: checked, found sound, claimed for the session that checked it.
            let later = try #require(BootSession(uuid: "0123456789abcdef0123456789ABCDEF"))
            try Data(fromAnotherSession(written)).write(to: URL(fileURLWithPath: imagePath))
            expectSameContent(writer.graph, try #require(loadImage(path, session: later)).graph)
            let claimed = try #require(contents(imagePath))
            #expect(BootSession(claimed[StoreImage.bootOffset..<(StoreImage.bootOffset + 16)]) == later)
            #expect(claimed[..<StoreImage.bootOffset] == written[..<StoreImage.bootOffset])
            #expect(claimed[StoreImage.headerSize...] == written[StoreImage.headerSize...])

            // Claimed, its contents are no longer read: a byte flipped deep inside goes unseen
            // by the session that claimed it, and is refused by any other.
            // (In the middle of the graph image, past the owner and undo log, whose own hash is
            // always checked.)
            var damaged = claimed
            func word(_ offset: Int) -> Int {
                Int(claimed[offset..<(offset + 8)].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
            }
            damaged[word(96) + word(104) / 2] ^= 0x40
            try Data(damaged).write(to: URL(fileURLWithPath: imagePath))
            #expect(loadImage(path, session: later) != nil)
            #expect(loadImage(path, session: current) == nil)
            #expect(loadImage(path, session: nil) == nil, "where the boot session is unknown, always checked")
        }
    }

    @Test func aBootSessionIsReadFromItsUUID() {
        let session = BootSession(uuid: "6f9619ff-8b86-d011-b42d-00c04fc964ff\n")
        #expect(session?.bytes == [0x6F, 0x96, 0x19, 0xFF, 0x8B, 0x86, 0xD0, 0x11, 0xB4, 0x2D, 0x00, 0xC0, 0x4F, 0xC9, 0x64, 0xFF])
        #expect(BootSession(uuid: "6f9619ff-8b86-d011-b42d-00c04fc964f") == nil)
        #expect(BootSession(uuid: "6f9619ff-8b86-d011-b42d-00c04fc964fg") == nil)
        #expect(BootSession([UInt8](repeating: 0, count: 16)) == nil, "zeros: written where the session was unknown")
    }

    /// Every compaction writes the image, whatever the snapshot's size, and the image answers
    /// as the JSON does.
    @Test func smallSnapshotsGetAnImageToo() throws {
        try inTemporaryDirectory { dir in
            let path = dir + "/kith.json"
            let writer = try FileStorage(path: path)
            try add("Ann", to: writer)
            try writer.compact()
            let image = try #require(loadImage(path), "a compaction of a one-person store writes its image")
            let json = try FileStorage.decodeSnapshot(Data(try #require(contents(path))), path: path)
            expectSameContent(json.graph, image.graph)
            #expect(image.journalSeq == json.journalSeq)
            expectSameContent(writer.graph, try FileStorage(path: path).graph)

            // The demo network, changed after its first compaction (so the compacted image merges
            // changes into an older image): the image answers as the JSON does.
            _ = try writer.commit { _ in Change(summary: "demo", operations: demoOperations()) }
            try writer.compact()
            let ids = writer.graph.people.keys
            _ = try writer.commit { graph in
                Change(summary: "edits", operations: [
                    .delete(.interaction, graph.interactions.keys.min()!),
                    .put(.person(Person(id: graph.nextID(.person), name: "Zoë Quill", tags: ["client"]))),
                    .put(.interaction(Interaction(id: graph.nextID(.interaction), date: CalendarDate(iso: "2026-03-09")!,
                                                  people: [ids.max()!], channel: "call"))),
                ])
            }
            try writer.compact()
            let demoImage = try #require(loadImage(path))
            let demoJSON = try FileStorage.decodeSnapshot(Data(try #require(contents(path))), path: path)
            expectSameContent(demoJSON.graph, demoImage.graph)
            expectSameContent(writer.graph, demoImage.graph)
            #expect(demoImage.graph.image.checkInvariants() == [])
            for id in demoJSON.graph.people.keys {
                #expect(demoImage.graph.interactions(of: id).map(\.id) == demoJSON.graph.interactions(of: id).map(\.id))
                #expect(demoImage.graph.relations(of: id).map(\.id).sorted() == demoJSON.graph.relations(of: id).map(\.id).sorted())
            }
            for name in ["Diane", "zoe quill", "Bob", "Nobody"] {
                #expect(demoImage.graph.resolve(name: name) == demoJSON.graph.resolve(name: name), "\(name)")
            }
        }
    }
}

func demoOperations() -> [KithGraph.Operation] {
    let demo = DemoNetwork.graph()
    var operations: [KithGraph.Operation] = [.setOwner(demo.owner)]
    operations += demo.people.values.map { .put(.person($0)) }
    operations += demo.interactions.values.map { .put(.interaction($0)) }
    operations += demo.relations.values.map { .put(.relation($0)) }
    operations += demo.reminders.values.map { .put(.reminder($0)) }
    return operations
}

/// The demo network in a store at `path`, compacted and loaded once, so that an image stands
/// beside it at `imagePath`; `writer` is the storage that wrote it.
func withImagedDemoStore(
    _ body: (_ path: String, _ imagePath: String, _ limits: FileStorage.CompactionLimits, _ writer: FileStorage) throws -> Void
) throws {
    try inTemporaryDirectory { dir in
        let path = dir + "/kith.json"
        let limits = FileStorage.CompactionLimits()
        let writer = try FileStorage(path: path, warn: { _ in }, limits: limits)
        _ = try writer.commit { _ in Change(summary: "demo", operations: demoOperations()) }
        try writer.compact()
        _ = try FileStorage(path: path, warn: { _ in }, limits: limits)
        try body(path, StoreImage.path(for: path), limits, writer)
    }
}

/// The image as a machine that has restarted since it was written finds it.
func fromAnotherSession(_ image: [UInt8]) -> [UInt8] {
    var image = image
    image.replaceSubrange(StoreImage.bootOffset..<(StoreImage.bootOffset + 16), with: (1...16).map { UInt8($0) })
    let hash = image.withUnsafeBytes { ImageHash.hash(UnsafeRawBufferPointer(rebasing: $0[0..<StoreImage.headerHashOffset])) }
    withUnsafeBytes(of: hash.littleEndian) {
        image.replaceSubrange(StoreImage.headerHashOffset..<(StoreImage.headerHashOffset + 8), with: $0)
    }
    return image
}

/// The graph from the image beside the snapshot at `path`, if one matches it, as a process of
/// `session` finds it.
func loadImage(_ path: String, session: BootSession? = .current) -> (graph: Graph, journalSeq: Int)? {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { return nil }
    return StoreImage.load(snapshotPath: path, fd: fd, identity: FileIdentity(info), session: session)
}

