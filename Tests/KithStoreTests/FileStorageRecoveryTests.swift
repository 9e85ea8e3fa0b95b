import Foundation
import KithGraph
import Testing
@testable import KithStore

/// Loading what a crash leaves behind.
@Suite struct FileStorageRecoveryTests {
    @Test func aCrashAfterTheRenameButBeforeTheTruncateLosesAndRepeatsNothing() throws {
        try inTemporaryDirectory { dir in
            let path = dir + "/kith.json"
            let storage = try FileStorage(path: path)
            try add("Ann", to: storage)
            try add("Ben", to: storage)
            let foldedJournal = try #require(contents(path + ".journal"))
            try storage.compact()
            // Put back the journal the compaction emptied, plus a folded transaction that would
            // delete Ann were it applied again: the snapshot's journalSeq (2) says to skip both.
            try Data(foldedJournal).write(to: URL(fileURLWithPath: path + ".journal"))
            let stale = Transaction(seq: 2, ops: [.delete(.person, 1)])
            try append(String(decoding: try FileStorage.encodeTransaction(stale), as: UTF8.self), to: path + ".journal")

            let reopened = try FileStorage(path: path)
            expectSameContent(storage.graph, reopened.graph)
            #expect(try add("Cat", to: reopened) == 3)
            #expect(journalLines(path).last?.hasSuffix(#""seq":3}"#) == true)

            let final = try FileStorage(path: path)
            #expect(final.graph.people.values.map(\.name).sorted() == ["Ann", "Ben", "Cat"])
            #expect(final.graph.undoLog.map(\.summary) == ["added Ann", "added Ben", "added Cat"])
            expectSameContent(reopened.graph, final.graph)
        }
    }

    @Test func aCompactionDeletesTemporariesThatCrashesLeft() throws {
        try inTemporaryDirectory { dir in
            let path = dir + "/kith.json"
            let storage = try FileStorage(path: path)
            try add("Ann", to: storage)
            for name in ["kith.json.tmp-123", "kith.json.tmp-99999", "kith.json.tmp-notes", "other.json.tmp-5",
                         "kith.json.image.tmp-77", "kith.json.image.tmp-notes"] {
                try write("{}", to: dir + "/" + name)
            }
            try storage.compact()
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
                    == ["kith.json", "kith.json.image", "kith.json.image.tmp-notes", "kith.json.journal", "kith.json.lock",
                        "kith.json.tmp-notes", "other.json.tmp-5"])
            #expect(try FileStorage(path: path).graph.people.count == 1)
        }
    }

    @Test func journalTransactionsAfterTheSnapshotAreReplayed() throws {
        try inTemporaryDirectory { dir in
            let path = dir + "/kith.json"
            let storage = try FileStorage(path: path)
            try add("Ann", to: storage)
            try storage.compact()
            try add("Ben", to: storage)
            try add("Cat", to: storage)
            #expect(journalLines(path).count == 2)
            expectSameContent(storage.graph, try FileStorage(path: path).graph)
        }
    }

    @Test func aTornLastLineIsDroppedWithAWarningAndCutByTheNextCommit() throws {
        try inTemporaryDirectory { dir in
            let path = dir + "/kith.json"
            let journal = path + ".journal"
            let writer = try FileStorage(path: path)
            try add("Ann", to: writer)
            try add("Ben", to: writer)
            try append(#"{"ops":[{"op":"put","person":{"id":3,"na"#, to: journal)

            var warnings: [String] = []
            let storage = try FileStorage(path: path, warn: { warnings.append($0) })
            #expect(storage.graph.people.count == 2)
            #expect(warnings.count == 1)
            #expect(warnings.first?.hasPrefix("\(journal):3: ignoring an incomplete last transaction") == true)
            try storage.refresh()
            #expect(warnings.count == 1)

            #expect(try add("Cat", to: writer) == 3)
            let lines = journalLines(path)
            #expect(lines.count == 3)
            for line in lines { _ = try StoreCodec.decode(Transaction.self, from: Data(line.utf8), path: journal) }

            try storage.refresh()
            expectSameContent(writer.graph, storage.graph)
            #expect(warnings.count == 1)
            var reopenWarnings: [String] = []
            expectSameContent(writer.graph, try FileStorage(path: path, warn: { reopenWarnings.append($0) }).graph)
            #expect(reopenWarnings == [])
        }
    }

    @Test func aCompleteButMalformedLastLineIsTornToo() throws {
        try inTemporaryDirectory { dir in
            let path = dir + "/kith.json"
            try add("Ann", to: try FileStorage(path: path))
            try append("{\"ops\":[\n", to: path + ".journal")
            var warnings: [String] = []
            let storage = try FileStorage(path: path, warn: { warnings.append($0) })
            #expect(storage.graph.people.count == 1)
            #expect(warnings.count == 1)
        }
    }

    @Test func aDamagedLineBeforeTheLastIsAnError() throws {
        try inTemporaryDirectory { dir in
            let path = dir + "/kith.json"
            let journal = path + ".journal"
            let storage = try FileStorage(path: path)
            try add("Ann", to: storage)
            try append("{\"seq\": 2, oops}\n", to: journal)
            let ben = Transaction(seq: 3, ops: [.put(.person(Person(id: 2, name: "Ben")))])
            try append(String(decoding: try FileStorage.encodeTransaction(ben), as: UTF8.self), to: journal)
            let before = contents(journal)

            let error = #expect(throws: StoreError.self) { try FileStorage(path: path) }
            #expect(error?.path == journal)
            #expect(error?.line == 2)
            #expect(error?.column == 12)
            #expect(error?.message == "unexpected character 'o' (expected a string key)")
            #expect(contents(journal) == before)
        }
    }

    @Test func aLastLineOfTheWrongShapeIsAnErrorNotATear() throws {
        try inTemporaryDirectory { dir in
            let path = dir + "/kith.json"
            try add("Ann", to: try FileStorage(path: path))
            try append("{\"ops\":[{\"op\":\"frobnicate\"}],\"seq\":2}\n", to: path + ".journal")
            let error = #expect(throws: StoreError.self) { try FileStorage(path: path) }
            #expect(error?.line == 2)
            #expect(error?.field == "ops[0].op")
            #expect(error?.message.hasPrefix("unknown operation \"frobnicate\"") == true)
        }
    }

    @Test func aStoreThatStopsLoadingIsNeverWritten() throws {
        try inTemporaryDirectory { dir in
            let path = dir + "/kith.json"
            let storage = try FileStorage(path: path)
            try add("Ann", to: storage)
            try storage.compact()
            try add("Ben", to: storage)
            try write("{\n  \"format\" : \"kith\",\n  }\n", to: path)
            let snapshot = try FileIdentity.of(path)
            let journal = try FileIdentity.of(path + ".journal")
            let bytes = [contents(path), contents(path + ".journal")]

            #expect(throws: StoreError.self) { try storage.refresh() }
            #expect(throws: StoreError.self) { try add("Cat", to: storage) }
            #expect(throws: StoreError.self) { try storage.compact() }
            #expect(throws: StoreError.self) { try FileStorage(path: path) }
            #expect(try FileIdentity.of(path) == snapshot)
            #expect(try FileIdentity.of(path + ".journal") == journal)
            #expect([contents(path), contents(path + ".journal")] == bytes)
            #expect(storage.graph.people.count == 2)
        }
    }
}
