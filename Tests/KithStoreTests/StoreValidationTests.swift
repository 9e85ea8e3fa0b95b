import Foundation
import KithGraph
import Testing
@testable import KithStore

/// Stores that parse but cannot be right: duplicate or out-of-range ids, references to people
/// who are not there, files that are not files. Each is refused with the file and the place,
/// and left untouched; and the store never writes such a state itself.
@Suite struct StoreValidationTests {
    /// A snapshot with Ann (1) and Ben (2), plus `extra` top-level members.
    static func snapshot(_ extra: String = "", people: String = #"{ "id" : 1, "name" : "Ann" },\#n    { "id" : 2, "name" : "Ben" }"#) -> String {
        "{\n  \"format\" : \"kith\",\n  \"version\" : 1,\n  \"people\" : [\n    \(people)\n  ]\(extra.isEmpty ? "" : ",\n  " + extra)\n}\n"
    }

    @Test(arguments: [
        // (the document, the field at fault, the message, line, column)
        (snapshot(people: #"{ "id" : 1, "name" : "Ann" },\#n    { "id" : 1, "name" : "Ben" }"#),
         "people[1].id", "duplicate id 1 (people[0] has it too)", 6, 14),
        (snapshot(#""interactions" : [ { "id" : 4, "date" : "2026-03-01", "people" : [1], "channel" : "talk" }, { "id" : 4, "date" : "2026-03-02", "people" : [2], "channel" : "call" } ]"#),
         "interactions[1].id", "duplicate id 4 (interactions[0] has it too)", 8, 104),
        (snapshot(#""relations" : [ { "id" : 1, "person" : 1, "kind" : "wife", "other" : 2 }, { "id" : 1, "person" : 2, "kind" : "friend", "other" : 0 } ]"#),
         "relations[1].id", "duplicate id 1 (relations[0] has it too)", 8, 86),
        (snapshot(#""undo" : [ { "id" : 3, "summary" : "a" }, { "id" : 3, "summary" : "b" } ]"#),
         "undo[1].id", "duplicate id 3 (undo[0] has it too)", 8, 54),
        (snapshot(people: #"{ "id" : 0, "name" : "Ann" }"#), "people[0].id", "id 0 is out of range (1 to 9007199254740991)", 5, 14),
        (snapshot(people: #"{ "id" : -4, "name" : "Ann" }"#), "people[0].id", "id -4 is out of range (1 to 9007199254740991)", 5, 14),
        (snapshot(people: #"{ "id" : 9223372036854775807, "name" : "Ann" }"#), "people[0].id",
         "id 9223372036854775807 is out of range (1 to 9007199254740991)", 5, 14),
        (snapshot(people: #"{ "id" : 1, "name" : "Ann", "cadenceDays" : 0 }"#), "people[0].cadenceDays",
         "0 is not a cadence (1 to 36525 days)", 5, 49),
        (snapshot(#""journalSeq" : -1"#), "journalSeq", "-1 is out of range (0 to 9007199254740991)", 8, 18),
        (snapshot(#""interactions" : [ { "id" : 1, "date" : "2026-03-01", "people" : [1, 7], "channel" : "talk" } ]"#),
         "interactions[0].people[1]", "interaction 1 names person 7, who is not in the store", 8, 72),
        (snapshot(#""relations" : [ { "id" : 5, "person" : 1, "kind" : "wife", "other" : 9 } ]"#),
         "relations[0].other", "relation 5 names person 9, who is not in the store", 8, 72),
        (snapshot(#""reminders" : [ { "id" : 2, "due" : "2026-04-01", "person" : 3, "text" : "call", "done" : false } ]"#),
         "reminders[0].person", "reminder 2 names person 3, who is not in the store", 8, 64),
        (snapshot(#""undo" : [ { "id" : 3, "summary" : "a", "inverse" : [ { "op" : "delete", "kind" : "person", "id" : 0 } ] } ]"#),
         "undo[0].inverse[0]", "id 0 is out of range (1 to 9007199254740991)", 8, 57),
        ("{\n  \"format\" : \"kith\",\n  \"version\" : 0\n}\n", "version", "version 0 is not a kith store version (this kith reads version \(FileStorage.currentVersion))", 3, 15),
    ])
    func aSnapshotThatParsesButIsWrongIsPlaced(text: String, field: String, message: String, line: Int, column: Int) throws {
        let error = #expect(throws: StoreError.self) { try FileStorage.decodeSnapshot(Data(text.utf8), path: "kith.json") }
        #expect(error?.field == field)
        #expect(error?.message == message)
        #expect(error?.line == line)
        #expect(error?.column == column)
    }

    @Test func relationsToTheOwnerAndEveryFieldInRangeAreFine() throws {
        let text = Self.snapshot(#""relations" : [ { "id" : 1, "person" : 2, "kind" : "introduced-by", "other" : 0 } ], "journalSeq" : 9007199254740991"#)
        let (graph, seq) = try FileStorage.decodeSnapshot(Data(text.utf8), path: "kith.json")
        #expect(graph.relations.count == 1)
        #expect(seq == 9_007_199_254_740_991)
    }

    @Test(arguments: ["", " ", "\n\n", " \t\r\n"])
    func anEmptySnapshotSaysSo(text: String) throws {
        let error = #expect(throws: StoreError.self) { try FileStorage.decodeSnapshot(Data(text.utf8), path: "kith.json") }
        #expect(error?.description.hasPrefix("kith.json: the file is empty") == true)
    }

    @Test(arguments: [
        (#"{"ops":[],"seq":0}"#, "seq", "0 is out of range (1 to 9007199254740991)"),
        (#"{"ops":[],"seq":9223372036854775807}"#, "seq", "9223372036854775807 is out of range (1 to 9007199254740991)"),
        (#"{"ops":[{"op":"put","person":{"id":9223372036854775807,"name":"X"}}],"seq":2}"#, "ops[0]",
         "id 9223372036854775807 is out of range (1 to 9007199254740991)"),
        (#"{"ops":[{"entry":{"id":-1,"summary":"x"},"op":"pushUndo"}],"seq":2}"#, "ops[0]", "id -1 is out of range (1 to 9007199254740991)"),
    ])
    func aJournalLineOutOfRangeIsAnError(line: String, field: String, message: String) throws {
        try inTemporaryDirectory { dir in
            let path = dir + "/kith.json"
            try add("Ann", to: try FileStorage(path: path))
            // As the last line, and before another: neither is a torn write.
            for text in [line + "\n", line + "\n" + journalLines(path)[0] + "\n"] {
                try write(journalLines(path)[0] + "\n" + text, to: path + ".journal")
                let before = contents(path + ".journal")
                let error = #expect(throws: StoreError.self) { try FileStorage(path: path) }
                #expect(error?.path == path + ".journal")
                #expect(error?.line == 2)
                #expect(error?.field == field)
                #expect(error?.message == message)
                #expect(contents(path + ".journal") == before)
            }
        }
    }

    // MARK: - Files that are not files

    @Test(arguments: ["", ".journal", ".lock"])
    func aDirectoryWhereAFileShouldBeIsRefused(suffix: String) throws {
        try inTemporaryDirectory { dir in
            let path = dir + "/kith.json"
            try FileManager.default.createDirectory(atPath: path + suffix, withIntermediateDirectories: false)
            let error = #expect(throws: StoreError.self) { try FileStorage(path: path) }
            #expect(error?.description == "\(path + suffix): is a directory, not a store file")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["kith.json" + suffix])
        }
    }

    @Test(arguments: ["", ".journal", ".lock"])
    func aSymbolicLinkIsRefusedEvenToARealStore(suffix: String) throws {
        try inTemporaryDirectory { dir in
            let real = dir + "/real.json"
            try add("Ann", to: try FileStorage(path: real))
            try FileStorage(path: real).compact()
            try add("Ben", to: try FileStorage(path: real))
            let path = dir + "/kith.json"
            if suffix.isEmpty {
                try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "real.json")
            } else {
                try FileManager.default.createSymbolicLink(atPath: path + suffix, withDestinationPath: real + suffix)
            }
            let before = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
            let error = #expect(throws: StoreError.self) { try FileStorage(path: path) }
            #expect(error?.path == path + suffix)
            #expect(error?.message.hasPrefix("is a symbolic link to ") == true)
            #expect(error?.message.contains("kith does not follow links") == true)
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == before)
            #expect(try FileStorage(path: real).graph.people.count == 2)
        }
    }

    @Test func aDanglingSymbolicLinkIsRefusedToo() throws {
        try inTemporaryDirectory { dir in
            let path = dir + "/kith.json"
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: dir + "/nowhere.json")
            let error = #expect(throws: StoreError.self) { try FileStorage(path: path) }
            #expect(error?.message == "is a symbolic link to \(dir)/nowhere.json; kith does not follow links, because "
                    + "compacting the store would replace the link with a plain file (give the real path instead)")
        }
    }

    /// Opening a named pipe for reading would wait for a writer forever.
    @Test func aNamedPipeIsRefusedWithoutWaiting() throws {
        try inTemporaryDirectory { dir in
            let path = dir + "/kith.json"
            #expect(mkfifo(path, 0o600) == 0)
            let error = #expect(throws: StoreError.self) { try FileStorage(path: path) }
            #expect(error?.message == "is not a regular file (a pipe, socket or device)")
        }
    }

    // MARK: - The store never writes what it would refuse

    @Test func aCommitThatWouldLeaveADanglingReferenceIsRefused() throws {
        try inTemporaryDirectory { dir in
            let path = dir + "/kith.json"
            let storage = try FileStorage(path: path)
            try add("Ann", to: storage)
            _ = try storage.commit { _ in
                Change(summary: "talked", operations: [.put(.interaction(Interaction(id: 1, date: day("2026-03-01"), people: [1], channel: "talk")))])
            }
            let before = contents(path + ".journal")
            let deleting = #expect(throws: StoreError.self) {
                try storage.commit { _ in Change(summary: "forgot Ann", operations: [.delete(.person, 1)]) }
            }
            #expect(deleting?.message == "refusing to write a change that would leave interaction 1 names person 1, who does not exist")
            #expect(throws: StoreError.self) {
                try storage.commit { _ in
                    Change(summary: "x", operations: [.put(.interaction(Interaction(id: 2, date: day("2026-03-01"), people: [1, 5], channel: "talk")))])
                }
            }
            #expect(contents(path + ".journal") == before)
            #expect(storage.graph.people.count == 1)
            // Deleting the interaction with the person in one change is fine.
            _ = try storage.commit { _ in Change(summary: "forgot Ann", operations: [.delete(.interaction, 1), .delete(.person, 1)]) }
            #expect(try FileStorage(path: path).graph.people.isEmpty)
        }
    }

    @Test func aJournalNamingNobodyIsAnErrorAtItsLine() throws {
        try inTemporaryDirectory { dir in
            let path = dir + "/kith.json"
            try add("Ann", to: try FileStorage(path: path))
            // A hand-edited journal line: an interaction with nobody's id.
            let bad = Transaction(seq: 2, ops: [.put(.interaction(Interaction(id: 1, date: day("2026-03-01"), people: [1, 8], channel: "talk")))])
            try append(String(decoding: try FileStorage.encodeTransaction(bad), as: UTF8.self), to: path + ".journal")
            let error = #expect(throws: StoreError.self) { try FileStorage(path: path) }
            #expect(error?.description == "\(path).journal:2: interaction 1 names person 8, who does not exist")
        }
    }

    @Test func aJournalPutWithAnImpossibleCadenceIsAnError() throws {
        try inTemporaryDirectory { dir in
            let path = dir + "/kith.json"
            var ann = Person(id: 1, name: "Ann")
            ann.cadenceDays = 0
            let bad = Transaction(seq: 1, ops: [.put(.person(ann))])
            try write(String(decoding: try FileStorage.encodeTransaction(bad), as: UTF8.self), to: path + ".journal")
            let error = #expect(throws: StoreError.self) { try FileStorage(path: path) }
            #expect(error?.field == "ops[0]")
            #expect(error?.message == "0 is not a cadence (1 to 36525 days)")
        }
    }

    /// Whatever got into memory, a compaction never writes a snapshot that would not load.
    @Test func aGraphThatWouldMakeABadSnapshotIsNeverCompacted() throws {
        try inTemporaryDirectory { dir in
            let path = dir + "/kith.json"
            try add("Ann", to: try FileStorage(path: path))
            try FileStorage(path: path).compact()
            let snapshot = contents(path)
            var warnings: [String] = []
            let storage = try FileStorage(path: path, warn: { warnings.append($0) }, limits: .init(journalBytes: 1, transactions: 1))
            var ann = storage.graph.people[1]!
            ann.cadenceDays = -3
            storage.graph.apply(.put(.person(ann)))
            let error = #expect(throws: StoreError.self) { try storage.compact() }
            #expect(error?.message == "not compacting, the new snapshot would not load: people[0].cadenceDays: "
                    + "-3 is not a cadence (1 to 36525 days)")
            try add("Ben", to: storage)  // over the limit: tries to compact, warns, keeps the journal
            #expect(warnings.count == 1)
            #expect(warnings.first?.hasPrefix("could not compact the store: \(path): not compacting") == true)
            #expect(contents(path) == snapshot)
            #expect(journalLines(path).count == 1)
            #expect(try FileStorage(path: path).graph.people.count == 2)
        }
    }

    /// A compaction checks the graph without building its records (`Graph.keepsStoreRules`)
    /// and builds them only to name a problem: each of these in-memory states is refused with
    /// the problem the full check names, and one that keeps the rules is written.
    @Test(arguments: [
        // (operations applied in memory, bypassing the commit's checks; the problem, or nil)
        ([KithGraph.Operation.delete(.person, 1)], "interactions[0].people[0]: interaction 1 names person 1, who is not in the store"),
        ([.delete(.person, 2)], "relations[0].other: relation 1 names person 2, who is not in the store"),
        ([.delete(.person, 3)], "reminders[0].person: reminder 1 names person 3, who is not in the store"),
        ([.put(.interaction(Interaction(id: 5, date: day("2026-03-01"), people: [1, 9], channel: "talk")))],
         "interactions[1].people[1]: interaction 5 names person 9, who is not in the store"),
        ([.put(.relation(Relation(id: 2, person: 9, kind: "friend", other: 1)))],
         "relations[1].person: relation 2 names person 9, who is not in the store"),
        ([.put(.reminder(Reminder(id: 2, due: day("2026-03-01"), person: 9, text: "x")))],
         "reminders[1].person: reminder 2 names person 9, who is not in the store"),
        ([.put(.person(Person(id: 0, name: "Zero")))], "people[0].id: id 0 is out of range (1 to 9007199254740991)"),
        ([.put(.interaction(Interaction(id: largestID + 1, date: day("2026-03-01"), people: [1], channel: "talk")))],
         "interactions[1].id: id 9007199254740992 is out of range (1 to 9007199254740991)"),
        ([.pushUndo(UndoEntry(id: 4, summary: "x", inverse: [.delete(.person, -1)]))],
         "undo[0].inverse[0]: id -1 is out of range (1 to 9007199254740991)"),
        // Deleting a person along with everything that names them, or renaming one, is fine.
        ([.delete(.interaction, 1), .delete(.relation, 1), .delete(.person, 1)], nil),
        ([.put(.person(Person(id: 2, name: "Bea"))), .put(.relation(Relation(id: 1, person: 1, kind: "friend", other: 0)))], nil),
    ] as [([KithGraph.Operation], String?)])
    func compactionChecksWhatIsInMemory(operations: [KithGraph.Operation], problem: String?) throws {
        try inTemporaryDirectory { dir in
            let path = dir + "/kith.json"
            let storage = try FileStorage(path: path)
            _ = try storage.commit { _ in
                Change(summary: "setup", operations: [
                    .put(.person(Person(id: 1, name: "Ann"))), .put(.person(Person(id: 2, name: "Ben"))),
                    .put(.person(Person(id: 3, name: "Cid"))),
                    .put(.interaction(Interaction(id: 1, date: day("2026-02-01"), people: [1], channel: "talk"))),
                    .put(.relation(Relation(id: 1, person: 1, kind: "friend", other: 2))),
                    .put(.reminder(Reminder(id: 1, due: day("2026-04-01"), person: 3, text: "call"))),
                ], undoable: false)
            }
            try storage.compact()
            let reloaded = try FileStorage(path: path)  // the records now in an image
            reloaded.graph.apply(operations)
            let quick = reloaded.graph.keepsStoreRules(largestID: largestID)
                && Snapshot.undoKeepsStoreRules(reloaded.graph.undoLog)
            #expect(quick == (problem == nil))
            if let problem {
                let snapshot = contents(path)
                let error = #expect(throws: StoreError.self) { try reloaded.compact() }
                #expect(error?.message == "not compacting, the new snapshot would not load: \(problem)")
                #expect(contents(path) == snapshot)
            } else {
                try reloaded.compact()
                expectSameContent(reloaded.graph, try FileStorage(path: path).graph)
            }
        }
    }
}
