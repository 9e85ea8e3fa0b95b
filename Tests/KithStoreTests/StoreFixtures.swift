import Foundation
import KithGraph
import KithTime
import Testing
@testable import KithStore

/// Runs `body` with the path of a fresh directory, removed afterwards.
func inTemporaryDirectory(_ body: (String) throws -> Void) throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kith-store-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try body(directory)
}

func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

/// Every record kind with every field set somewhere, a year-less birthday, a multi-person
/// interaction, a relation to the owner, and text that needs escaping.
let everyKindOfRecord: [KithGraph.Operation] = {
    var diane = Person(id: 1, name: "Diane Smith")
    diane.aliases = ["Di", "D. Smith"]
    diane.tags = ["client", "inner circle"]
    diane.org = "Acme"
    diane.title = "CTO"
    diane.place = "Lisbon"
    diane.emails = ["diane@acme.example", "d.smith@home.example"]
    diane.phones = ["+351 555 0100", "+351 555 0199"]
    diane.birthday = MonthDay(iso: "--05-04")
    diane.howMet = "at the \"Rust & Swift\" meetup"
    diane.cadenceDays = 14
    diane.notes = [Note(date: day("2026-03-01"), text: "has two kids\nloves hiking / climbing"),
                   Note(date: day("2026-03-05"), text: "café ☕️ on Rua Augusta")]
    diane.added = day("2026-01-02")
    var bob = Person(id: 2, name: "Bob Smith")
    bob.birthday = MonthDay(iso: "1985-05-04")
    let carol = Person(id: 3, name: "Carol Ng")
    var call = Reminder(id: 1, due: day("2026-03-12"), person: 1, text: "call about the offer")
    call.done = true
    call.recurrence = "yearly"
    return [
        .setOwner(Owner(name: "Alex")),
        .put(.person(diane)), .put(.person(bob)), .put(.person(carol)),
        .put(.interaction(Interaction(id: 1, date: day("2026-03-09"), people: [1, 2], channel: "talk",
                                      topic: "their move"))),
        .put(.interaction(Interaction(id: 2, date: day("2026-02-01"), people: [3], channel: "email"))),
        .put(.relation(Relation(id: 1, person: 1, kind: "wife", other: 2))),
        .put(.relation(Relation(id: 2, person: 3, kind: "introduced-by", other: ownerID))),
        .put(.reminder(call)),
        .put(.reminder(Reminder(id: 2, due: day("2026-04-01"), person: nil, text: "renew passport"))),
    ]
}()

func graph(_ operations: [KithGraph.Operation]) -> Graph {
    var graph = Graph()
    graph.apply(operations)
    return graph
}

/// Adds a person named `name` in one commit and returns their id.
@discardableResult
func add(_ name: String, to storage: FileStorage) throws -> RecordID {
    var id = 0
    _ = try storage.commit { graph in
        id = graph.nextID(.person)
        return Change(summary: "added \(name)", operations: [.put(.person(Person(id: id, name: name)))])
    }
    return id
}

func expectSameContent(_ a: Graph, _ b: Graph, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(a.owner == b.owner, sourceLocation: sourceLocation)
    #expect(a.people == b.people, sourceLocation: sourceLocation)
    #expect(a.interactions == b.interactions, sourceLocation: sourceLocation)
    #expect(a.relations == b.relations, sourceLocation: sourceLocation)
    #expect(a.reminders == b.reminders, sourceLocation: sourceLocation)
    #expect(a.undoLog == b.undoLog, sourceLocation: sourceLocation)
    #expect(b.checkInvariants() == [], sourceLocation: sourceLocation)
}

func contents(_ path: String) -> [UInt8]? {
    FileManager.default.contents(atPath: path).map(Array.init)
}

func write(_ text: String, to path: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
}

func append(_ text: String, to path: String) throws {
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(text.utf8))
}

func mode(_ path: String) throws -> UInt32 {
    try #require(try FileIdentity.of(path)).mode & 0o777
}

func journalLines(_ path: String) -> [String] {
    String(decoding: contents(path + ".journal") ?? [], as: UTF8.self).split(separator: "\n").map(String.init)
}
