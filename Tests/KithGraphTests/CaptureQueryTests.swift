import Testing
import KithGraph
import KithTime

/// The graph's answers for the capture and the brief, from an image and from changes on top.
@Suite struct CaptureQueryTests {
    static let day = CalendarDate(iso: "2026-03-10")!

    static func graphs() throws -> [Graph] {
        let records: [Record] = [
            .person(Person(id: 1, name: "Ann Lee", emails: ["ann@lee.example", "Ann@Work.example"], phones: ["+1 555 0101"])),
            .person(Person(id: 2, name: "Bob Stone", emails: ["alex@me.example"])),
            .interaction(Interaction(id: 1, date: day, people: [1], channel: "email", source: "mail", sourceKeys: ["<m1>", "<m2>"])),
            .interaction(Interaction(id: 2, date: day, people: [1], channel: "meeting", source: "calendar", sourceKeys: ["uid-1"])),
            .interaction(Interaction(id: 3, date: day, people: [2], channel: "talk")),
            .event(Event(id: 1, uid: "uid-2", date: day.adding(days: 3), people: [1], channel: "meeting")),
            .event(Event(id: 2, uid: "uid-3", date: day.adding(days: 1), title: "Lunch", people: [2], channel: "meeting")),
            .phrase(Phrase(id: 1, says: "Catch up", means: "talk", added: day)),
        ]
        var memory = Graph()
        memory.apply(.setOwner(Owner(name: "Alex", emails: ["ALEX@me.example"], phones: ["555 0199"])))
        memory.apply(records.map(Operation.put))
        var builder = GraphImage.Builder()
        records.forEach { builder.add($0) }
        let onImage = Graph(image: try builder.build(), owner: memory.owner)
        // A change on top: one more mail, and one of the image's mails deleted.
        var changed = onImage
        changed.apply([.put(.interaction(Interaction(id: 4, date: day, people: [2], channel: "email", source: "mail",
                                                     sourceKeys: ["<m3>"]))),
                       .delete(.interaction, 1), .put(.interaction(Interaction(id: 1, date: day, people: [1], channel: "email",
                                                                                source: "mail", sourceKeys: ["<m1>", "<m2>"])))])
        return [memory, onImage, changed]
    }

    @Test func importedKeysAreEveryKeyReadFromTheSource() throws {
        let graphs = try Self.graphs()
        for graph in graphs.prefix(2) {
            #expect(graph.importedKeys(from: "mail") == ["<m1>", "<m2>"])
            #expect(graph.importedKeys(from: "calendar") == ["uid-1"])
            #expect(graph.importedKeys(from: "telegram").isEmpty)
        }
        #expect(graphs[2].importedKeys(from: "mail") == ["<m1>", "<m2>", "<m3>"])
    }

    @Test func peopleAreFoundByAnyOfTheirAddressesButNeverTheOwners() throws {
        for graph in try Self.graphs() {
            #expect(graph.people(withEmail: "ann@work.EXAMPLE") == [1])
            #expect(graph.people(withPhone: "+1 (555) 0101") == [1])
            // Bob has the owner's address (a shared account, say): it is never a counterpart.
            #expect(graph.people(withEmail: "alex@me.example").isEmpty)
            #expect(graph.people(withPhone: "5550199").isEmpty)
            #expect(graph.owner.owns(email: "Alex@Me.example"))
        }
    }

    @Test func eventsComeByDayAndPhrasesFolded() throws {
        for graph in try Self.graphs() {
            #expect(graph.events(in: Period(Self.day, Self.day.adding(days: 7))).map(\.uid) == ["uid-3", "uid-2"])
            #expect(graph.events(in: .day(Self.day)).isEmpty)
            #expect(graph.phrase(saying: "CATCH UP")?.means == "talk")
            #expect(graph.phrase(saying: "catch on") == nil)
        }
    }
}
