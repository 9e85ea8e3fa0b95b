import Foundation
import KithGraph
import Testing
@testable import KithStore

/// What a write cut short leaves, at every byte it could be cut at.
@Suite struct TornWriteTests {
    /// Ann in the snapshot; Ben, a talk with Ann and Ben, and Cat in the journal.
    static func makeStore(_ path: String) throws -> [Graph] {
        let storage = try FileStorage(path: path)
        try add("Ann", to: storage)
        try storage.compact()
        var graphs = [storage.graph]
        try add("Ben", to: storage)
        graphs.append(storage.graph)
        _ = try storage.commit { _ in
            Change(summary: "talked", operations: [.put(.interaction(Interaction(id: 1, date: day("2026-03-09"), people: [1, 2], channel: "talk")))])
        }
        graphs.append(storage.graph)
        try add("Cat", to: storage)
        graphs.append(storage.graph)
        return graphs  // the graph after 0, 1, 2 and 3 journal lines
    }

    /// A journal cut anywhere loads every line before the cut, warns (naming the file and line)
    /// when the cut is inside a line, and the next commit cuts the torn piece away.
    @Test func aJournalCutAtAnyByteLoadsTheLinesBeforeTheCut() throws {
        try inTemporaryDirectory { dir in
            let path = dir + "/kith.json"
            let graphs = try Self.makeStore(path)
            let journal = try #require(contents(path + ".journal"))
            for cut in 0...journal.count {
                let prefix = Array(journal[..<cut])
                try Data(prefix).write(to: URL(fileURLWithPath: path + ".journal"))
                let complete = prefix.count { $0 == 0x0A }
                var warnings: [String] = []
                let storage = try FileStorage(path: path, warn: { warnings.append($0) })
                expectSameContent(graphs[complete], storage.graph)
                let torn = prefix.last != 0x0A && !prefix.isEmpty
                #expect(warnings == (torn ? ["\(path).journal:\(complete + 1): ignoring an incomplete last transaction "
                                             + "(a write was interrupted); the next change removes it"] : []), "cut at \(cut)")
                #expect(contents(path + ".journal") == prefix, "loading wrote to the journal")
                if cut % 7 == 0 || cut == journal.count - 1 {
                    try add("Dan", to: storage)
                    let lines = journalLines(path)
                    #expect(lines.count == complete + 1)
                    #expect(try FileStorage(path: path).graph.people.values.map(\.name).sorted()
                            == (graphs[complete].people.values.map(\.name) + ["Dan"]).sorted(), "cut at \(cut)")
                }
            }
        }
    }

    /// A snapshot cut anywhere is refused, naming the file, and no commit or compaction replaces
    /// it; only the cut that drops nothing but the final newline still loads.
    @Test func aSnapshotCutAtAnyByteIsRefusedAndNeverReplaced() throws {
        try inTemporaryDirectory { dir in
            let path = dir + "/kith.json"
            let graphs = try Self.makeStore(path)
            try FileStorage(path: path).compact()
            let snapshot = try #require(contents(path))
            for cut in 0..<snapshot.count {
                let prefix = Array(snapshot[..<cut])
                try Data(prefix).write(to: URL(fileURLWithPath: path))
                let before = try FileIdentity.of(path)
                do {
                    let storage = try FileStorage(path: path)
                    #expect(cut == snapshot.count - 1, "a snapshot cut at \(cut) of \(snapshot.count) loaded")
                    expectSameContent(graphs[3], storage.graph)
                } catch let error as StoreError {
                    #expect(error.path == path)
                    #expect(cut == 0 || error.line != nil, "cut at \(cut): \(error)")
                    if cut % 25 == 0 {
                        #expect(throws: StoreError.self) { try FileStorage(path: path, warn: { _ in }, limits: .init(journalBytes: 0, transactions: 0)) }
                    }
                }
                #expect(try FileIdentity.of(path) == before)
                #expect(contents(path) == prefix)
            }
        }
    }

    /// A storage that loaded the store once and then finds the snapshot cut short refuses to
    /// write, so it cannot replace the damaged file with its own copy.
    @Test func aStorageThatLoadedBeforeTheDamageDoesNotOverwriteIt() throws {
        try inTemporaryDirectory { dir in
            let path = dir + "/kith.json"
            _ = try Self.makeStore(path)
            let storage = try FileStorage(path: path, warn: { _ in }, limits: .init(journalBytes: 0, transactions: 0))
            let snapshot = try #require(contents(path))
            let damaged = Array(snapshot.prefix(snapshot.count / 2))
            try Data(damaged).write(to: URL(fileURLWithPath: path))
            #expect(throws: StoreError.self) { try add("Dan", to: storage) }
            #expect(throws: StoreError.self) { try storage.compact() }
            #expect(contents(path) == damaged)
            // The image its compactions wrote stays, stale: it names the snapshot it was made from.
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
                    == ["kith.json", "kith.json.image", "kith.json.journal", "kith.json.lock"])
            #expect(loadImage(path) == nil)
        }
    }
}
