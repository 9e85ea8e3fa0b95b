import Testing
import KithGraph
import KithTime

/// `Graph.resolvingUndo`: a change taken back field by field, checked against the changes the
/// undo log says came after it.
@Suite struct UndoByFieldTests {
    /// Commits `operations` as a store does: with its inverse pushed as the next undo entry.
    static func commit(_ graph: inout Graph, _ operations: [Operation]) -> UndoEntry {
        let entry = UndoEntry(id: graph.nextUndoID, summary: "change \(graph.nextUndoID)", inverse: graph.inverse(of: operations))
        graph.apply(operations + [.pushUndo(entry)])
        return entry
    }

    static func ann(_ edit: (inout Person) -> Void = { _ in }) -> Person {
        var person = Person(id: 1, name: "Ann Lee")
        edit(&person)
        return person
    }

    @Test func aModificationIsTakenBackFieldByField() throws {
        var graph = Graph()
        _ = Self.commit(&graph, [.put(.person(Self.ann()))])
        let mine = Self.commit(&graph, [.put(.person(Self.ann { $0.org = "Acme"; $0.tags = ["client"] }))])
        #expect(mine.inverse == [.restore(Restore(before: .person(Self.ann()), fields: ["tags", "org"]))])
        _ = Self.commit(&graph, [.put(.person(Self.ann { $0.org = "Acme"; $0.tags = ["client"]; $0.place = "Boston" }))])
        let undo = try graph.resolvingUndo(mine)
        #expect(undo == [.put(.person(Self.ann { $0.place = "Boston" }))])
    }

    @Test func aLaterChangeToTheSameFieldOrADeletionRefuses() throws {
        var graph = Graph()
        _ = Self.commit(&graph, [.put(.person(Self.ann()))])
        let mine = Self.commit(&graph, [.put(.person(Self.ann { $0.org = "Acme"; $0.title = "CTO" }))])
        var changed = graph
        _ = Self.commit(&changed, [.put(.person(Self.ann { $0.org = "Globex"; $0.title = "CTO" }))])
        let conflict = #expect(throws: Graph.UndoConflict.self) { try changed.resolvingUndo(mine) }
        #expect(conflict?.fields == ["org"])
        #expect(conflict?.record == .person(Self.ann { $0.org = "Globex"; $0.title = "CTO" }))
        var deleted = graph
        _ = Self.commit(&deleted, [.delete(.person, 1)])
        let gone = #expect(throws: Graph.UndoConflict.self) { try deleted.resolvingUndo(mine) }
        #expect(gone?.deleted == true)
    }

    /// An entry from before undo went by field holds the whole earlier record: as a later entry it
    /// counts as touching every field; as the entry undone it puts the record back whole.
    @Test func entriesOfWholeRecordsStillWork() throws {
        var graph = Graph()
        graph.apply([.put(.person(Self.ann { $0.org = "Acme" })),
                     .pushUndo(UndoEntry(id: 1, summary: "old", inverse: [.put(.person(Self.ann()))]))])
        #expect(try graph.resolvingUndo(graph.undoLog[0]) == [.put(.person(Self.ann()))])
        var mine = graph
        let entry = Self.commit(&mine, [.put(.person(Self.ann { $0.org = "Acme"; $0.place = "Boston" }))])
        mine.apply(.pushUndo(UndoEntry(id: 9, summary: "old, later", inverse: [.put(.person(Self.ann { $0.org = "Acme" }))])))
        #expect(throws: Graph.UndoConflict.self) { try mine.resolvingUndo(entry) }
    }
}
