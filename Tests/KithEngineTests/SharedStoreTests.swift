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
    /// An undo restores the whole record as it was before this conversation's change, so a
    /// change another process made to the same person in between is lost too. Fixing it needs
    /// field-level inverses (owned by the engine); recorded here so the fix shows up.
    @Test func undoKeepsAnotherConversationsChangeToTheSamePerson() throws {
        let repl = first
        let other = Conversation(catalogue: catalogue, storage: storage, today: tuesday)
        _ = try repl.respond(to: "add Ann Lee")
        _ = try repl.respond(to: "Ann works at Acme")
        _ = try other.respond(to: "Ann lives in Boston")
        #expect(try repl.respond(to: "undo").text == "Undone: Ann Lee's company is now Acme.")
        #expect(storage.graph.people[1]?.org == nil)
        withKnownIssue("undo puts back the whole earlier record, dropping the other conversation's change") {
            #expect(storage.graph.people[1]?.place == "Boston")
        }
    }
}
