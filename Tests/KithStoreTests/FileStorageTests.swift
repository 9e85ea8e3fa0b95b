import Foundation
import KithGraph
import KithTime
import Testing
@testable import KithStore

@Suite struct FileStorageTests {
    @Test func nothingIsCreatedBeforeTheFirstCommit() throws {
        try inTemporaryDirectory { dir in
            let storage = try FileStorage(path: dir + "/kith.json")
            #expect(storage.graph.people.isEmpty)
            try storage.refresh()
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == [])
        }
    }

    @Test func everyRecordSurvivesCommitAndReopen() throws {
        try inTemporaryDirectory { dir in
            let path = dir + "/kith.json"
            let storage = try FileStorage(path: path)
            _ = try storage.commit { _ in Change(summary: "imported", operations: everyKindOfRecord) }
            _ = try storage.commit { graph in
                var bob = graph.people[2]!
                bob.name = "Robert Smith"
                return Change(summary: "renamed Bob", operations: [.put(.person(bob))])
            }
            _ = try storage.commit { _ in Change(summary: "deleted a reminder", operations: [.delete(.reminder, 2)]) }
            #expect(storage.graph.undoLog.map(\.summary) == ["imported", "renamed Bob", "deleted a reminder"])

            let fromJournal = try FileStorage(path: path)
            expectSameContent(storage.graph, fromJournal.graph)

            try storage.compact()
            #expect(contents(path + ".journal") == [])
            let fromSnapshot = try FileStorage(path: path)
            expectSameContent(storage.graph, fromSnapshot.graph)
        }
    }

    @Test func theSameGraphIsWrittenAsTheSameBytes() throws {
        let forward = graph(everyKindOfRecord)
        let backward = graph(everyKindOfRecord.reversed())
        let bytes = try FileStorage.encodeSnapshot(forward, journalSeq: 7)
        #expect(try FileStorage.encodeSnapshot(backward, journalSeq: 7) == bytes)
        let (decoded, seq) = try FileStorage.decodeSnapshot(bytes, path: "kith.json")
        #expect(seq == 7)
        #expect(try FileStorage.encodeSnapshot(decoded, journalSeq: 7) == bytes)

        try inTemporaryDirectory { dir in
            let path = dir + "/kith.json"
            let storage = try FileStorage(path: path)
            _ = try storage.commit { _ in Change(summary: "imported", operations: everyKindOfRecord) }
            try storage.compact()
            let first = contents(path)
            try storage.compact()
            #expect(contents(path) == first)
        }
    }

    @Test func snapshotLayout() throws {
        var diane = Person(id: 1, name: "Diane Smith")
        diane.tags = ["client"]
        diane.birthday = MonthDay(iso: "--05-04")
        let graph = graph([
            .setOwner(Owner(name: "Alex")), .put(.person(diane)), .put(.person(Person(id: 2, name: "Bob"))),
            .put(.interaction(Interaction(id: 1, date: day("2026-03-09"), people: [1, 2], channel: "talk"))),
            .pushUndo(UndoEntry(id: 3, summary: "added Bob", inverse: [.delete(.person, 2)])),
        ])
        let text = String(decoding: try FileStorage.encodeSnapshot(graph, journalSeq: 12), as: UTF8.self)
        #expect(text == expectedSnapshot)
    }

    @Test func journalLineLayout() throws {
        let transaction = Transaction(seq: 13, ops: [
            .put(.person(Person(id: 1, name: "X"))), .delete(.relation, 4), .setOwner(Owner(name: "Alex")),
            .pushUndo(UndoEntry(id: 3, summary: "added X", inverse: [.delete(.person, 1)])), .popUndo(2),
        ])
        let line = String(decoding: try FileStorage.encodeTransaction(transaction), as: UTF8.self)
        #expect(line == expectedLine)
    }

    @Test func twoWritersLoseNothing() throws {
        try inTemporaryDirectory { dir in
            let path = dir + "/kith.json"
            let a = try FileStorage(path: path)
            let b = try FileStorage(path: path)
            #expect(try add("Ann", to: a) == 1)
            #expect(try add("Ben", to: b) == 2)  // b had not refreshed: its commit reads Ann first
            #expect(try add("Cat", to: a) == 3)
            #expect(Set(a.graph.people.values.map(\.name)) == ["Ann", "Ben", "Cat"])
            #expect(a.graph.undoLog.map(\.id) == [1, 2, 3])
            let reopened = try FileStorage(path: path)
            expectSameContent(a.graph, reopened.graph)
        }
    }

    @Test func refreshPicksUpAppendsAndCompactions() throws {
        try inTemporaryDirectory { dir in
            let path = dir + "/kith.json"
            let writer = try FileStorage(path: path)
            let reader = try FileStorage(path: path)
            try add("Ann", to: writer)
            try reader.refresh()
            expectSameContent(writer.graph, reader.graph)
            try add("Ben", to: writer)
            try writer.compact()
            try add("Cat", to: writer)
            try reader.refresh()
            expectSameContent(writer.graph, reader.graph)
        }
    }

    @Test func aJournalShorterThanWhatWasReadIsReadAgain() throws {
        try inTemporaryDirectory { dir in
            let path = dir + "/kith.json"
            let storage = try FileStorage(path: path)
            try add("Ann", to: storage)
            try add("Ben", to: storage)
            let lines = journalLines(path)
            try write(lines[0] + "\n", to: path + ".journal")
            try storage.refresh()
            #expect(storage.graph.people.values.map(\.name) == ["Ann"])
        }
    }

    @Test func concurrentWritersSerialise() throws {
        try inTemporaryDirectory { dir in
            let path = dir + "/kith.json"
            // Each writer has its own storage, as separate processes would; a failed commit shows
            // up as a missing person.
            DispatchQueue.concurrentPerform(iterations: 2) { writer in
                guard let storage = try? FileStorage(path: path) else { return }
                for index in 1...25 { _ = try? add("Writer \(writer) #\(index)", to: storage) }
            }
            let storage = try FileStorage(path: path)
            #expect(storage.graph.people.count == 50)
            #expect(Set(storage.graph.people.keys) == Set(1...50))
            #expect(journalLines(path).count == 50)
        }
    }

    @Test func commitsCompactWhenTheJournalGrows() throws {
        try inTemporaryDirectory { dir in
            let path = dir + "/kith.json"
            let storage = try FileStorage(path: path, warn: { _ in }, limits: .init(journalBytes: 1 << 20, transactions: 3))
            for index in 1...10 { try add("Person \(index)", to: storage) }
            #expect(journalLines(path).count <= 3)
            let reopened = try FileStorage(path: path)
            #expect(reopened.graph.people.count == 10)
            expectSameContent(storage.graph, reopened.graph)

            let bySize = try FileStorage(path: path, warn: { _ in }, limits: .init(journalBytes: 10, transactions: 1000))
            try add("Big", to: bySize)
            #expect(contents(path + ".journal") == [])
            expectSameContent(bySize.graph, try FileStorage(path: path).graph)
        }
    }

    /// With the default limits, the journal a one-shot question replays never holds more than
    /// the limits allow — under a share of the snapshot's size, or the minimum — however many
    /// commits there are; each compaction leaves an image that loads the same graph as the JSON.
    @Test func theJournalNeverGrowsPastItsBound() throws {
        try inTemporaryDirectory { dir in
            let path = dir + "/kith.json"
            let limits = FileStorage.CompactionLimits()
            let storage = try FileStorage(path: path)
            var compactions = 0, longest = 0, index = 0
            while compactions < 3 {
                index += 1
                let before = contents(path + ".journal")?.count ?? 0
                let snapshot = contents(path)?.count ?? 0
                try add("Person \(index) with a name long enough to count", to: storage)
                let journal = contents(path + ".journal") ?? []
                if journal.count < before { compactions += 1 }
                let lines = journal.filter { $0 == 0x0A }.count
                longest = max(longest, journal.count)
                #expect(lines <= limits.transactions, "after commit \(index)")
                #expect(journal.count <= limits.journalByteLimit(snapshotBytes: snapshot), "after commit \(index)")
                #expect(journal.count <= max(limits.minimumJournalBytes, snapshot / limits.snapshotShare))
                #expect(journal.count <= limits.journalBytes)
                if index > 5 * limits.transactions { break }
            }
            #expect(compactions == 3)
            #expect(longest > limits.minimumJournalBytes * 9 / 10, "the bound is what stops the journal")
            let image = try #require(loadImage(path))
            let json = try FileStorage.decodeSnapshot(Data(try #require(contents(path))), path: path)
            expectSameContent(json.graph, image.graph)
            expectSameContent(storage.graph, try FileStorage(path: path).graph)
        }
    }

    @Test func undoEntriesSurviveAReopen() throws {
        try inTemporaryDirectory { dir in
            let path = dir + "/kith.json"
            let storage = try FileStorage(path: path)
            try add("Ann", to: storage)
            _ = try storage.commit { graph in
                var ann = graph.people[1]!
                ann.org = "Acme"
                return Change(summary: "Ann works at Acme", operations: [.put(.person(ann))])
            }
            let reopened = try FileStorage(path: path)
            #expect(reopened.graph.undoLog == storage.graph.undoLog)
            let last = try #require(reopened.graph.undoLog.last)
            #expect(last.inverse == [.restore(Restore(before: .person(Person(id: 1, name: "Ann")), fields: ["org"]))])

            _ = try reopened.commit { _ in
                Change(summary: "undid: Ann works at Acme", operations: last.inverse + [.popUndo(last.id)], undoable: false)
            }
            try reopened.compact()
            let again = try FileStorage(path: path)
            #expect(again.graph.people[1]?.org == nil)
            #expect(again.graph.undoLog.map(\.summary) == ["added Ann"])
        }
    }

    @Test func aRefusedCommandWritesNothing() throws {
        struct Refused: Error {}
        try inTemporaryDirectory { dir in
            let path = dir + "/kith.json"
            let storage = try FileStorage(path: path)
            #expect(throws: Refused.self) { try storage.commit { _ in throw Refused() } }
            #expect(try storage.commit { _ in nil } == nil)
            #expect(contents(path + ".journal") == nil)
            #expect(contents(path) == nil)
        }
    }

    @Test func filesAreForTheOwnerOnly() throws {
        try inTemporaryDirectory { dir in
            let path = dir + "/new/nested/kith.json"
            let storage = try FileStorage(path: path)
            try add("Ann", to: storage)
            try storage.compact()
            #expect(try mode(dir + "/new") == 0o700)
            #expect(try mode(dir + "/new/nested") == 0o700)
            #expect(try mode(path) == 0o600)
            #expect(try mode(path + ".journal") == 0o600)
            #expect(try mode(path + ".lock") == 0o600)
            #expect(try mode(path + ".image") == 0o600)
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/new/nested").sorted()
                    == ["kith.json", "kith.json.image", "kith.json.journal", "kith.json.lock"])
        }
    }

    @Test func warnsOnceWhenOthersCanRead() throws {
        try inTemporaryDirectory { dir in
            let path = dir + "/kith.json"
            try add("Ann", to: try FileStorage(path: path))
            try FileStorage(path: path).compact()
            chmod(path, 0o644)
            var warnings: [String] = []
            let storage = try FileStorage(path: path, warn: { warnings.append($0) })
            try storage.refresh()
            try add("Ben", to: storage)
            #expect(warnings == ["\(path) is readable by other users; chmod 600 \(path)"])
        }
    }
}

/// Keys sorted, empty parts left out, a trailing newline (docs/store-format.md).
private let expectedSnapshot = #"""
{
  "format" : "kith",
  "interactions" : [
    {
      "channel" : "talk",
      "date" : "2026-03-09",
      "id" : 1,
      "people" : [
        1,
        2
      ]
    }
  ],
  "journalSeq" : 12,
  "me" : {
    "name" : "Alex"
  },
  "people" : [
    {
      "birthday" : "--05-04",
      "id" : 1,
      "name" : "Diane Smith",
      "tags" : [
        "client"
      ]
    },
    {
      "id" : 2,
      "name" : "Bob"
    }
  ],
  "undo" : [
    {
      "id" : 3,
      "inverse" : [
        {
          "id" : 2,
          "kind" : "person",
          "op" : "delete"
        }
      ],
      "summary" : "added Bob"
    }
  ],
  "version" : \#(FileStorage.currentVersion)
}

"""#

private let expectedLine = #"""
{"ops":[{"op":"put","person":{"id":1,"name":"X"}},{"id":4,"kind":"relation","op":"delete"},{"me":{"name":"Alex"},"op":"owner"},{"entry":{"id":3,"inverse":[{"id":1,"kind":"person","op":"delete"}],"summary":"added X"},"op":"pushUndo"},{"id":2,"op":"popUndo"}],"seq":13}

"""#
