import Foundation
import KithEngine
import KithGraph
import KithTime
import Testing
@testable import KithExchange

@Suite struct ImportPlannerTests {
    let today = CalendarDate(year: 2026, month: 3, day: 10)!

    /// A graph with Diane (email known) and two Sam Lees.
    func graph() -> Graph {
        var graph = Graph()
        var diane = Person(id: 1, name: "Diane Smith")
        diane.emails = ["Diane.Smith@example.com"]
        diane.tags = ["client"]
        diane.notes = [Note(date: CalendarDate(year: 2025, month: 1, day: 2)!, text: "has two kids")]
        graph.apply(.put(.person(diane)))
        graph.apply(.put(.person(Person(id: 2, name: "Sam Lee"))))
        graph.apply(.put(.person(Person(id: 3, name: "Sam Lee"))))
        graph.apply(.put(.person(Person(id: 7, name: "Zoe Laurent"))))
        return graph
    }

    func contact(_ name: String, line: Int = 1, email: String? = nil, _ edit: (inout Contact) -> Void = { _ in }) -> Contact {
        var contact = Contact(line: line, name: name)
        contact.emails = email.map { [$0] } ?? []
        edit(&contact)
        return contact
    }

    func plan(_ contacts: [Contact], into graph: Graph? = nil) -> ImportPlan {
        ContactImport.plan(ParsedContacts(format: .vcard, contacts: contacts), into: graph ?? self.graph(),
                           today: today, source: "test.vcf")
    }

    @Test func sameEmailMergesWhateverTheName() throws {
        let plan = plan([contact("Di S.", email: "diane.smith@EXAMPLE.com") { $0.phones = ["+1 555 0101"] }])
        #expect(plan.added.isEmpty)
        let merge = try #require(plan.merged.first)
        #expect(merge.person.id == 1)
        #expect(merge.person.name == "Diane Smith")  // the graph's name wins
        #expect(merge.person.phones == ["+1 555 0101"])
        #expect(merge.fields == ["phone"])
    }

    @Test func sameFoldedNameMerges() throws {
        // "Zoë  LAURENT" folds to "zoe laurent", as person 7's name does.
        let plan = plan([contact("Zoë  LAURENT") { $0.birthday = MonthDay(year: nil, month: 11, day: 23) }])
        #expect(plan.merged.map(\.person.id) == [7])
        #expect(plan.merged.first?.person.birthday == MonthDay(year: nil, month: 11, day: 23))
    }

    /// A known person's other addresses join theirs; a web address, which has no field, is kept
    /// in a note.
    @Test func aMergeNeverOverwritesAddsAddressesAndKeepsLinksInANote() throws {
        let plan = plan([contact("Diane Smith", email: "diane@acme.example") {
            $0.tags = ["Clients", "Friends"]
            $0.notes = [ContactNote(text: "has two kids"), ContactNote(text: "likes jazz")]
            $0.links = ["https://diane.example"]
        }])
        let diane = try #require(plan.merged.first?.person)
        #expect(diane.emails == ["Diane.Smith@example.com", "diane@acme.example"])
        #expect(diane.tags == ["client", "friend"])
        #expect(diane.notes.map(\.text) == ["has two kids", "likes jazz", "Other details: web https://diane.example"])
        #expect(diane.notes.last?.date == today)
        #expect(plan.merged.first?.fields == ["email", "tags", "notes"])
        // The same details from another file are already noted.
        var merged = graph()
        merged.apply(.put(.person(diane)))
        let again = self.plan([contact("Diane Smith", email: "DIANE@acme.example") { $0.links = ["https://diane.example"] }],
                              into: merged)
        #expect(again.change == nil)
    }

    /// The user's own card (one of the owner's addresses) is not someone to add or merge into.
    @Test func theOwnersOwnCardIsSkipped() {
        var mine = graph()
        mine.apply(.setOwner(Owner(name: "Alex", emails: ["alex@me.example"], phones: ["+1 555 0199"])))
        let plan = plan([contact("Alex Morgan", line: 3, email: "ALEX@me.example"),
                         contact("Alex M.", line: 9) { $0.phones = ["+1 (555) 0199", "+1 555 0100"] }], into: mine)
        #expect(plan.added.isEmpty && plan.merged.isEmpty)
        #expect(plan.skipped.map(\.line) == [3, 9])
        #expect(plan.skipped.first?.reason == "Alex Morgan is you (one of your own addresses)")
    }

    @Test func aDuplicateWithNothingNewIsSkipped() {
        let plan = plan([contact("diane smith", line: 4) { $0.tags = ["clients"]; $0.notes = [ContactNote(text: "has two kids")] }])
        #expect(plan.merged.isEmpty && plan.added.isEmpty)
        #expect(plan.skipped == [.init(line: 4, reason: "Diane Smith is already known, with nothing new", isKnownAlready: true)])
        #expect(plan.problems.isEmpty)
        #expect(plan.change == nil)
        #expect(plan.summary == "Imported test.vcf: 0 added, 0 merged, 1 skipped.")
    }

    @Test func twoPeopleWithTheNameAreNotGuessedBetween() {
        let plan = plan([contact("Sam Lee", line: 9)])
        #expect(plan.added.isEmpty && plan.merged.isEmpty)
        #expect(plan.skipped.map(\.line) == [9])
        #expect(plan.problems.map(\.description) == ["line 9: 2 people are named Sam Lee; not guessing which (merge by hand); skipped"])
        // …but an email address still decides.
        var graph = graph()
        var sam = graph.people[3]!
        sam.emails = ["sam@lee.example"]
        graph.apply(.put(.person(sam)))
        #expect(self.plan([contact("Sam Lee", email: "sam@lee.example") { $0.org = "Acme" }], into: graph).merged.map(\.person.id) == [3])
    }

    @Test func aPersonListedTwiceInTheFileIsAddedOnce() throws {
        let plan = plan([
            contact("Ann Lee", line: 1, email: "ann@lee.example"),
            contact("Ann Lee", line: 8) { $0.phones = ["555-0100"] },
            contact("A. Lee", line: 15, email: "ANN@lee.example") { $0.nicknames = ["Annie"] },
        ])
        #expect(plan.added.count == 1)
        let ann = try #require(plan.added.first)
        #expect(ann.id == 8)  // after the highest id in the graph
        #expect(ann.phones == ["555-0100"])
        #expect(ann.aliases == ["Annie"])
        #expect(ann.added == today)
        #expect(plan.merged.map(\.line) == [8, 15])
        // One put per person, even merged twice: the change is one transaction of final states.
        #expect(plan.change?.operations == [.put(.person(ann))])
        #expect(plan.change?.summary == "Imported test.vcf: 1 added, 0 merged.")
    }

    @Test func newPeopleGetEveryField() throws {
        let plan = plan([contact("Noah Patel", email: "noah@initech.example") {
            $0.emails.append("noah@home.example")
            $0.phones = ["+1 555 0160"]
            $0.org = "Initech"; $0.title = "CTO"; $0.place = "Boston"
            $0.birthday = MonthDay(year: 1990, month: 1, day: 2)
            $0.tags = ["* starred", "myContacts", "Book Club"]
            $0.nicknames = ["Noah Patel", "Pat"]
            $0.notes = [ContactNote(date: CalendarDate(year: 2024, month: 6, day: 1)!, text: "met at the expo")]
        }])
        let noah = try #require(plan.added.first)
        #expect(noah.emails == ["noah@initech.example", "noah@home.example"])
        #expect(noah.phones == ["+1 555 0160"])
        #expect(noah.org == "Initech" && noah.title == "CTO" && noah.place == "Boston")
        #expect(noah.tags == ["starred", "book club"])  // Google's system groups dropped
        #expect(noah.aliases == ["Pat"])  // not their own name
        #expect(noah.notes == [Note(date: CalendarDate(year: 2024, month: 6, day: 1)!, text: "met at the expo")])
    }

    /// A dry run is a plan not committed: the graph it was made from is untouched, and
    /// committing it through a storage makes exactly the planned change, undoable as one.
    @Test func planningChangesNothingAndCommitsAsOneUndoableChange() throws {
        let storage = MemoryStorage(graph())
        let parsed = try Fixture.parse("iphone.vcf")
        let before = storage.graph.people
        let plan = ContactImport.plan(parsed, into: storage.graph, today: today, source: "iphone.vcf")
        #expect(storage.graph.people == before)
        #expect(plan.summary == "Imported iphone.vcf: 1 added, 2 merged, 0 skipped.")
        #expect(plan.dryRunSummary == "Dry run of iphone.vcf: 1 added, 2 merged, 0 skipped; nothing was written.")

        _ = try storage.commit { graph in ContactImport.plan(parsed, into: graph, today: today, source: "iphone.vcf").change }
        #expect(storage.log.count == 1)
        #expect(storage.graph.people.count == before.count + 1)  // Diane and Zoë were known
        #expect(storage.graph.checkInvariants().isEmpty)
        // Importing the same file again finds everyone known: nothing to write.
        #expect(ContactImport.plan(parsed, into: storage.graph, today: today).change == nil)

        var undone = storage.graph
        undone.apply(storage.graph.undoLog.last!.inverse)
        #expect(undone.people == before)
    }

    @Test func detailsListEveryOutcomeInLineOrder() {
        let parsed = ParsedContacts(
            format: .vcard,
            contacts: [contact("Ann Lee", line: 2), contact("Diane Smith", line: 5) { $0.org = "Acme" }, contact("Sam Lee", line: 9)],
            skipped: [ImportProblem(line: 7, message: "card has no END:VCARD")],
            warnings: [ImportProblem(line: 3, message: "birthday \"soon\" is not a date Kith can read; left out")])
        let plan = ContactImport.plan(parsed, into: graph(), today: today)
        #expect(plan.details(includeAdded: true) == [
            "added    Ann Lee",
            "warning  line 3: birthday \"soon\" is not a date Kith can read; left out",
            "merged   line 5 into Diane Smith: organisation",
            "skipped  line 7: card has no END:VCARD",
            "skipped  line 9: 2 people are named Sam Lee; not guessing which (merge by hand)",
        ])
        #expect(plan.details(includeAdded: false).count == 4)
        #expect(plan.problems.map(\.line) == [3, 7, 9])
        #expect(plan.summary == "Imported the file: 1 added, 1 merged, 2 skipped.")
    }
}
