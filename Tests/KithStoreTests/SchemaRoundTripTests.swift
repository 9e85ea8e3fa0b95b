import Foundation
import KithGraph
import KithTime
import Testing
@testable import KithStore

/// Every field the schema declares, through every path the generated code gives it: the fast
/// writer against `JSONEncoder`, the fast reader against `JSONDecoder`, journal lines, the graph
/// image's columns and rows, the rules, and a broken value reported at its line and column. The
/// records come from `SchemaSamples`, generated from schema/store.schema too, so a new field is
/// covered here without this file changing.
@Suite struct SchemaRoundTripTests {
    static func sampleGraph() -> Graph {
        var graph = Graph()
        graph.apply(.setOwner(SchemaSamples.owner))
        graph.apply(SchemaSamples.records.map(Operation.put))
        graph.apply(.pushUndo(UndoEntry(id: 4, summary: "every record", inverse: SchemaSamples.records.map(Operation.put))))
        return graph
    }

    static func records(_ graph: Graph) -> [Record] {
        RecordKind.allCases.flatMap { graph.records($0).sorted { $0.id < $1.id } }
    }

    /// The samples really do set every field: the full record of each kind differs from the bare
    /// one in every field (so a field the generator forgot to fill would show).
    @Test func theFullSamplesSetEveryField() throws {
        for (full, bare) in SchemaSamples.pairs {
            #expect(full.fields(differingFrom: bare) == full.kind.fieldNames, "\(full.kind)")
        }
        #expect(RecordKind.allCases == SchemaSamples.pairs.map(\.full.kind))
    }

    @Test func theFastWriterWritesWhatJSONEncoderWrites() throws {
        let graph = Self.sampleGraph()
        let expected = try StoreCodecTests.foundationBytes(graph, journalSeq: 9)
        #expect(String(decoding: StoreWriter.snapshot(graph, journalSeq: 9), as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        for record in SchemaSamples.records {
            let transaction = Transaction(seq: 3, ops: [.put(record), .delete(record.kind, record.id),
                                                        .restore(Restore(before: record, fields: record.kind.fieldNames)),
                                                        .restore(Restore(before: record, fields: []))])
            let line = StoreWriter.transaction(transaction)
            #expect(line == Array(try StoreCodec.encode(transaction, pretty: false)) + [0x0A], "\(record.kind)")
            // And the line reads back as the same operations, on both paths.
            let fast = line.dropLast().withUnsafeBytes { StoreReader.transaction($0) }
            #expect(fast?.ops == transaction.ops, "\(record.kind)")
            #expect(try JSONDecoder().decode(Transaction.self, from: Data(line)).ops == transaction.ops)
        }
    }

    @Test func bothReadersReadEveryFieldBack() throws {
        let graph = Self.sampleGraph()
        let bytes = StoreWriter.snapshot(graph, journalSeq: 9)
        let fast = try #require(bytes.withUnsafeBytes { StoreReader.versionedSnapshot($0, validating: true) })
        let slow = try FileStorage.decodeSnapshotWithFoundation(Data(bytes), path: "samples.json")
        #expect(fast.version == FileStorage.currentVersion)
        for read in [fast.graph, slow.graph] {
            #expect(Self.records(read) == SchemaSamples.records)
            #expect(read.owner == SchemaSamples.owner)
            #expect(read.undoLog == graph.undoLog)
            #expect(read.checkInvariants() == [])
        }
    }

    /// Records go into the image's columns and come back out whole, and the rows a compaction
    /// writes from are the records' bytes.
    @Test func theImageKeepsEveryField() throws {
        var builder = GraphImage.Builder()
        SchemaSamples.records.forEach { builder.add($0) }
        let image = try builder.build()
        #expect(image.allRecords == SchemaSamples.records)
        #expect(image.checkInvariants() == [])
        #expect(image.keepsStoreRules())
        let onImage = Graph(image: image, owner: SchemaSamples.owner)
        var inMemory = Graph()
        inMemory.apply(.setOwner(SchemaSamples.owner))
        inMemory.apply(SchemaSamples.records.map(Operation.put))
        #expect(StoreWriter.snapshot(onImage, journalSeq: 1) == StoreWriter.snapshot(inMemory, journalSeq: 1))
        #expect(onImage.keepsStoreRules(largestID: largestID))
    }

    /// A snapshot of the samples with one field's value of the wrong type is refused, and the
    /// error names the file, the line and column of the value, and the field.
    @Test func aBrokenValueOfAnyFieldIsPlaced() throws {
        let good = StoreWriter.snapshot(Self.sampleGraph(), journalSeq: 9)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(good)) as? [String: Any])
        for (full, _) in SchemaSamples.pairs {
            let section = full.kind.plural
            for field in full.kind.fieldNames {
                var broken = object
                var records = try #require(broken[section] as? [[String: Any]])
                // A string where anything else is, a number where a string is.
                records[0][field] = records[0][field] is String ? 7 : "seven"
                broken[section] = records
                let text = try JSONSerialization.data(withJSONObject: broken, options: [.prettyPrinted, .sortedKeys])
                let error = #expect(throws: StoreError.self, "\(section).\(field)") {
                    try FileStorage.decodeSnapshot(text, path: "kith.json")
                }
                guard let error else { continue }
                #expect(error.field?.hasPrefix("\(section)[0].\(field)") == true, "\(error)")
                let lines = String(decoding: text, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                let line = try #require(error.line, "\(error)")
                #expect(lines[line - 1].contains("\"\(field)\""), "\(error)")
                #expect(error.description.hasPrefix("kith.json:\(line):\(error.column ?? 0): \(section)[0].\(field)"), "\(error)")
            }
        }
    }

    /// Keys no version of kith wrote are ignored when reading, and not kept when the snapshot is
    /// rewritten (docs/store-format.md).
    @Test func unknownFieldsAreReadPastAndNotKept() throws {
        try inTemporaryDirectory { dir in
            let path = dir + "/kith.json"
            try write("""
                {
                  "format" : "kith",
                  "people" : [
                    { "id" : 1, "name" : "Ann Lee", "pronouns" : "she/her", "shoeSize" : 38 }
                  ],
                  "spaceships" : [ 1 ],
                  "version" : \(FileStorage.currentVersion)
                }

                """, to: path)
            let storage = try FileStorage(path: path)
            #expect(storage.graph.people[1]?.name == "Ann Lee")
            try storage.compact()
            let text = String(decoding: contents(path) ?? [], as: UTF8.self)
            #expect(!text.contains("shoeSize") && !text.contains("spaceships"))
            #expect(text.contains("\"name\" : \"Ann Lee\""))
        }
    }

    /// A version 1 store, as version 1 kith wrote it: one `email` and one `phone` per person, and
    /// a journal of that version. It loads whole on both readers, and the next commit rewrites it
    /// as the current version (so an older kith then refuses it rather than drop fields).
    @Test func aVersion1StoreLoadsAndIsRewrittenByTheNextCommit() throws {
        try inTemporaryDirectory { dir in
            let path = dir + "/kith.json"
            try write(Self.version1Snapshot, to: path)
            try write(#"{"ops":[{"op":"put","person":{"email":"bob@x.example","id":2,"name":"Bob","phone":"555 0102"}}],"seq":8}"# + "\n",
                      to: path + ".journal")
            let expectedDiane = Person(id: 1, name: "Diane Smith", emails: ["diane@acme.example"], phones: ["+1 555 0101"],
                                       notes: [Note(date: day("2026-03-01"), text: "two kids")])
            let bob = Person(id: 2, name: "Bob", emails: ["bob@x.example"], phones: ["555 0102"])
            // Both readers read the old fields as the new ones.
            let data = Data(Self.version1Snapshot.utf8)
            let fast = try #require(data.withUnsafeBytes { StoreReader.versionedSnapshot($0, validating: true) })
            #expect(fast.version == 1)
            #expect(fast.graph.people[1] == expectedDiane)
            #expect(try FileStorage.decodeSnapshotWithFoundation(data, path: path).graph.people[1] == expectedDiane)

            let storage = try FileStorage(path: path)
            #expect(storage.graph.people[1] == expectedDiane)
            #expect(storage.graph.people[2] == bob)
            #expect(storage.graph.owner == Owner(name: "Alex"))
            _ = try storage.commit { graph in
                Change(summary: "tagged Bob", operations: [.put(.person(Person(id: 2, name: "Bob", tags: ["friend"],
                                                                                   emails: bob.emails, phones: bob.phones)))])
            }
            // Compacted at once: the snapshot is the current version, the journal empty.
            let text = String(decoding: contents(path) ?? [], as: UTF8.self)
            #expect(text.contains("\"version\" : \(FileStorage.currentVersion)\n"))
            #expect(text.contains("\"emails\" : [\n        \"diane@acme.example\"\n      ]"))
            #expect(!text.contains("\"email\" :") && !text.contains("\"phone\" :"))
            #expect(journalLines(path).isEmpty)
            let reloaded = try FileStorage(path: path)
            #expect(reloaded.graph.people[1] == expectedDiane)
            #expect(reloaded.graph.people[2]?.emails == ["bob@x.example"])
            #expect(reloaded.graph.people[2]?.tags == ["friend"])
        }
    }

    /// A document that says `email` after `emails` (kith never writes one) is left by the fast
    /// reader to Foundation, which puts the old single value first, as it does in order.
    @Test func theOldKeyIsTheFirstOfTheListWhereverItIs() throws {
        for person in [#"{ "email" : "a@x", "emails" : [ "b@x" ], "id" : 1, "name" : "A" }"#,
                       #"{ "emails" : [ "b@x" ], "email" : "a@x", "id" : 1, "name" : "A" }"#] {
            let text = "{ \"format\" : \"kith\", \"people\" : [ \(person) ], \"version\" : 1 }"
            let (graph, _) = try FileStorage.decodeSnapshot(Data(text.utf8), path: "kith.json")
            #expect(graph.people[1]?.emails == ["a@x", "b@x"])
        }
    }

    static let version1Snapshot = """
        {
          "format" : "kith",
          "journalSeq" : 7,
          "me" : {
            "name" : "Alex"
          },
          "people" : [
            {
              "email" : "diane@acme.example",
              "id" : 1,
              "name" : "Diane Smith",
              "notes" : [
                {
                  "date" : "2026-03-01",
                  "text" : "two kids"
                }
              ],
              "phone" : "+1 555 0101"
            }
          ],
          "version" : 1
        }

        """
}

/// Records of the kinds version 2 added are journaled and compacted like the others.
@Suite struct NewRecordKindTests {
    @Test func phrasesAndEventsAreJournaledUndoneAndCompacted() throws {
        try inTemporaryDirectory { dir in
            let path = dir + "/kith.json"
            let storage = try FileStorage(path: path)
            let ann = try add("Ann Lee", to: storage)
            let phrase = Phrase(id: 1, says: "catch up", means: "talk", added: day("2026-03-10"))
            let event = Event(id: 1, uid: "standup@cal", date: day("2026-03-12"), title: "Standup", people: [ann], channel: "video")
            _ = try storage.commit { _ in Change(summary: "learned", operations: [.put(.phrase(phrase))]) }
            _ = try storage.commit { _ in Change(summary: "read the calendar", operations: [.put(.event(event))]) }
            #expect(journalLines(path).count == 3)
            #expect(journalLines(path)[1].contains(#""phrase":{"added":"2026-03-10","id":1,"means":"talk","says":"catch up"}"#))
            // Another process sees both; the undo entry of the event deletes it.
            let other = try FileStorage(path: path)
            #expect(other.graph.phrases[1] == phrase && other.graph.events[1] == event)
            let inverse = try #require(other.graph.undoLog.last?.inverse)
            _ = try other.commit { _ in Change(summary: "undone", operations: inverse, undoable: false) }
            try storage.refresh()
            #expect(storage.graph.events.isEmpty)
            // An event naming someone who is not there is refused, as an interaction would be.
            #expect(throws: StoreError.self) {
                _ = try storage.commit { _ in Change(summary: "x", operations: [.put(.event(Event(id: 2, uid: "u", date: day("2026-03-12"), people: [9], channel: "call")))]) }
            }
            try storage.compact()
            let text = String(decoding: contents(path) ?? [], as: UTF8.self)
            #expect(text.contains("\"phrases\" : ["))
            #expect(try FileStorage(path: path).graph.phrases[1] == phrase)
        }
    }
}
