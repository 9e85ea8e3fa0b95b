import Testing
@testable import KithEngine
import KithGraph

/// Two conversations over one store, as two `kith` processes sharing a file would be: each sees
/// the other's changes, and neither's undo may break what the other did.
@Suite struct SharedStoreTests {
    let storage = MemoryStorage()
    var first: Conversation { Conversation(catalogue: catalogue, storage: storage, today: tuesday) }

    /// Found by the robustness tests: a REPL's "undo" of adding Ann, after another process had
    /// logged a talk with Ann, deleted Ann and left the talk naming nobody (a store that then
    /// refused to load). The undo is now refused.
    @Test func undoingAnAdditionOthersReferToIsRefused() throws {
        let repl = first
        let other = Conversation(catalogue: catalogue, storage: storage, today: tuesday)
        #expect(try repl.respond(to: "add Ann Lee").text == "Added Ann Lee.")
        #expect(try other.respond(to: "I talked to Ann today").failure == nil)
        let answer = try repl.respond(to: "undo")
        #expect(answer.failure == .nothingToUndo)
        #expect(answer.text == "I can't undo \"Added Ann Lee\": something added since refers to it.")
        #expect(storage.graph.people.count == 1)
        #expect(storage.graph.checkInvariants() == [])
        // Once the talk is undone, so can the addition be.
        #expect(try other.respond(to: "undo").text.hasPrefix("Undone: logged a conversation with Ann Lee"))
        #expect(try repl.respond(to: "undo").text == "Undone: added Ann Lee.")
        #expect(storage.graph.people.isEmpty && storage.graph.interactions.isEmpty)
    }

    /// (Also found here: the confirmation used to read "Undone: ann Lee's company…".)
    ///
    /// An undo takes back the fields its change set, so a change another process made to the
    /// same person's other fields in between stays.
    @Test func undoKeepsAnotherConversationsChangeToTheSamePerson() throws {
        let repl = first
        let other = Conversation(catalogue: catalogue, storage: storage, today: tuesday)
        _ = try repl.respond(to: "add Ann Lee")
        _ = try repl.respond(to: "Ann works at Acme")
        _ = try other.respond(to: "Ann lives in Boston")
        #expect(try repl.respond(to: "undo").text == "Undone: Ann Lee's company is now Acme.")
        #expect(storage.graph.people[1]?.org == nil)
        #expect(storage.graph.people[1]?.place == "Boston")
        #expect(storage.graph.checkInvariants() == [])
    }

    /// When a later change touched a field this change set, undoing it would lose that change:
    /// it is refused, naming the field, and the entry stays until the later change is undone.
    @Test func undoIsRefusedWhenALaterChangeTouchedTheSameField() throws {
        let repl = first
        let other = Conversation(catalogue: catalogue, storage: storage, today: tuesday)
        _ = try repl.respond(to: "add Ann Lee")
        _ = try repl.respond(to: "Ann works at Acme")
        _ = try other.respond(to: "Ann works at Globex")
        let refused = try repl.respond(to: "undo")
        #expect(refused.failure == .nothingToUndo)
        #expect(refused.text == "I can't undo \"Ann Lee's company is now Acme\": Ann Lee's company was changed since.")
        #expect(storage.graph.people[1]?.org == "Globex")
        #expect(try other.respond(to: "undo").text == "Undone: Ann Lee's company is now Globex.")
        #expect(try repl.respond(to: "undo").text == "Undone: Ann Lee's company is now Acme.")
        #expect(storage.graph.people[1]?.org == nil)
    }

    /// Adding someone set all of them: once another conversation has changed them, taking the
    /// addition back would lose that change too.
    @Test func undoingAnAdditionOthersChangedIsRefused() throws {
        let repl = first
        let other = Conversation(catalogue: catalogue, storage: storage, today: tuesday)
        _ = try repl.respond(to: "add Ann Lee")
        _ = try other.respond(to: "Ann lives in Boston")
        #expect(try repl.respond(to: "undo").text == "I can't undo \"Added Ann Lee\": Ann Lee was changed since (city).")
        #expect(storage.graph.people[1]?.place == "Boston")
        // Once the later change is undone, the addition can be.
        _ = try other.respond(to: "undo")
        #expect(try repl.respond(to: "undo").text == "Undone: added Ann Lee.")
        #expect(storage.graph.people.isEmpty)
    }

    /// Undo entries written before undo worked field by field hold whole records; they still
    /// take their change back as they always did.
    @Test func anOlderUndoEntryStillUndoes() throws {
        var graph = Graph()
        graph.apply([.put(.person(Person(id: 1, name: "Ann Lee", org: "Acme"))),
                     .pushUndo(UndoEntry(id: 1, summary: "Ann Lee's company is now Acme.",
                                         inverse: [.put(.person(Person(id: 1, name: "Ann Lee")))]))])
        let kith = Conversation(catalogue: catalogue, storage: MemoryStorage(graph), today: tuesday)
        #expect(try kith.respond(to: "undo").text == "Undone: Ann Lee's company is now Acme.")
    }
}
