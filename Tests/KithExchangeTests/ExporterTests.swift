import Foundation
import KithEngine
import KithGraph
import KithStore
import KithTime
import Testing
@testable import KithExchange

@Suite struct ExporterTests {
    /// 2026-03-10T14:25:01Z.
    let now = Date(timeIntervalSince1970: 1_773_152_701)

    /// The demo network plus someone whose every field is awkward to write: separators,
    /// escapes, line breaks, long UTF-8 text that must fold, a leap-day birthday.
    func graph() -> Graph {
        var graph = DemoNetwork.graph()
        var odd = Person(id: 900, name: "Ångström, \"Åsa\"; Zoë")
        odd.aliases = ["Å, the second", "back\\slash"]
        odd.tags = ["inner circle", "book club"]
        odd.org = "Acme; Sons, Ltd."
        odd.title = "Head of: everything"
        odd.place = "Saint-Étienne; France"
        odd.emails = ["asa@example.com", "asa@work.example"]
        odd.phones = ["+33 4 77 00 00 00"]
        odd.birthday = MonthDay(year: nil, month: 2, day: 29)
        odd.howMet = "at the café; via Zoë"
        odd.cadenceDays = 45
        odd.added = CalendarDate(year: 2025, month: 12, day: 1)
        odd.notes = [Note(date: CalendarDate(year: 2026, month: 1, day: 5)!,
                          text: String(repeating: "Très long — ünïcödé ", count: 12) + "\nsecond line; with, punctuation\\"),
                     Note(date: CalendarDate(year: 2026, month: 2, day: 1)!, text: "short")]
        graph.apply(.put(.person(odd)))
        var reminder = Reminder(id: 900, due: CalendarDate(year: 2026, month: 3, day: 20)!, person: 900,
                                text: "ask Åsa about the café in Saint-Étienne, the one with the long name — écrit en français")
        reminder.recurrence = "every 10 days"
        graph.apply(.put(.reminder(reminder)))
        return graph
    }

    func render(_ format: ExportFormat, tag: String? = nil, graph: Graph? = nil) throws -> String {
        String(decoding: try Exporter.render(graph ?? self.graph(), format: format, tag: tag, now: now), as: UTF8.self)
    }

    /// A person as stored, minus the id, which a new store assigns afresh.
    func withoutID(_ person: Person) -> Person {
        var copy = person
        copy.id = 0
        return copy
    }

    // MARK: - vCard

    @Test func vCardRoundTripsLosslessly() throws {
        let graph = graph()
        let data = try Exporter.render(graph, format: .vcard, now: now)
        let parsed = try ContactImport.parse(data)
        #expect(parsed.skipped.isEmpty && parsed.warnings.isEmpty)
        let plan = ContactImport.plan(parsed, into: Graph(), today: CalendarDate(year: 2030, month: 1, day: 1)!)
        #expect(plan.added.count == graph.people.count)
        #expect(Set(plan.added.map(withoutID)) == Set(graph.people.values.map(withoutID)))
    }

    @Test func vCardReimportedIntoItsOwnGraphChangesNothing() throws {
        let graph = graph()
        let plan = try ContactImport.plan(data: Exporter.render(graph, format: .vcard, now: now), into: graph,
                                          today: DemoNetwork.today)
        #expect(plan.change == nil)
        #expect(plan.skipped.count == graph.people.count)
    }

    @Test func vCardIsVersion4WithFoldedCRLFLines() throws {
        let text = try render(.vcard, tag: "book club")
        #expect(text.hasPrefix("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ångström\\, \"Åsa\"\\; Zoë\r\n"))
        #expect(text.contains("\r\nBDAY:--0229\r\n"))
        #expect(text.contains("\r\nNOTE;X-KITH-DATE=2026-02-01:short\r\n"))
        try checkContentLines(text)
    }

    // MARK: - CSV

    @Test func csvHasTheDocumentedHeaderAndQuotesPerRFC4180() throws {
        let text = try render(.csv, tag: "book club")
        #expect(text.hasPrefix(Exporter.csvHeader.joined(separator: ",") + "\r\n"))
        #expect(text.hasSuffix("\r\n"))
        let rows = try CSVRowReader.read(text).map { try $0.get().fields }
        #expect(rows.first == Exporter.csvHeader)
        #expect(rows.count == 2)
        let row = rows[1]
        let odd = graph().people[900]!
        #expect(row == [odd.name, "Å, the second ::: back\\slash", "inner circle ::: book club", "Acme; Sons, Ltd.",
                        "Head of: everything", "Saint-Étienne; France", "asa@example.com ::: asa@work.example", "+33 4 77 00 00 00",
                        "--02-29", "at the café; via Zoë", "45", "2025-12-01", "",
                        odd.notes.map { "\($0.date.iso) \($0.text)" }.joined(separator: "\n")])
    }

    @Test func csvLastContactIsTheLatestConversation() throws {
        let text = try render(.csv, tag: "client")
        let table = try #require(CSVTable(text: text))
        var lastContact: [String: String] = [:]
        for row in table.rows { lastContact[table.value(row, "name")!] = table.value(row, "last contact") }
        #expect(lastContact["Diane Smith"] == "2026-03-09")
    }

    // MARK: - JSON

    @Test func jsonIsTheStoreItself() throws {
        let graph = graph()
        let data = try Exporter.render(graph, format: .json, now: now)
        #expect(data == (try FileStorage.encodeSnapshot(graph, journalSeq: 0)))
        let read = try FileStorage.decodeSnapshot(data, path: "export.json").graph
        #expect(read.people == graph.people && read.interactions == graph.interactions && read.undoLog == graph.undoLog)
    }

    @Test func jsonForATagHoldsThosePeopleAndWhatConcernsThem() throws {
        let graph = graph()
        let data = try Exporter.render(graph, format: .json, tag: "client", now: now)
        let subset = try FileStorage.decodeSnapshot(data, path: "export.json").graph
        let clients = Set(graph.people(taggedAs: "client").map(\.id))
        #expect(Set(subset.people.keys) == clients)
        #expect(subset.checkInvariants().isEmpty)  // no conversation names someone left out
        #expect(!subset.interactions.isEmpty)
        #expect(subset.relations.values.allSatisfy { ($0.person == ownerID || clients.contains($0.person))
                                                     && ($0.other == ownerID || clients.contains($0.other)) })
        #expect(subset.reminders.values.allSatisfy { $0.person.map(clients.contains) == true })
        #expect(subset.undoLog.isEmpty)
    }

    @Test func anUnknownTagIsAnError() {
        #expect(throws: ExchangeError.unknownTag("astronaut")) { try Exporter.render(graph(), format: .vcard, tag: "astronaut", now: now) }
    }

    // MARK: - iCalendar

    @Test func iCalendarStructure() throws {
        let text = try render(.ics)
        try checkContentLines(text)
        let lines = unfolded(text)
        #expect(lines.first == "BEGIN:VCALENDAR" && lines.last == "END:VCALENDAR")
        #expect(lines.contains("VERSION:2.0"))
        #expect(lines.contains { $0.hasPrefix("PRODID:") })
        let events = self.events(lines)
        let graph = graph()
        let birthdays = graph.people.values.filter { $0.birthday != nil }.count
        let open = graph.reminders.values.filter { !$0.done }.count
        #expect(events.count == birthdays + open)
        for event in events {
            #expect(event.contains("DTSTAMP:20260310T142501Z"))
            #expect(event.contains { $0.hasPrefix("DTSTART;VALUE=DATE:") })
            #expect(event.contains { $0.hasPrefix("SUMMARY:") })
        }
        #expect(Set(events.map { $0.first { $0.hasPrefix("UID:") }! }).count == events.count)  // unique UIDs
    }

    @Test func birthdaysAreYearlyAllDayEvents() throws {
        let events = self.events(unfolded(try render(.ics)))
        let diane = try #require(events.first { $0.contains("SUMMARY:Diane Smith's birthday") })
        #expect(diane.contains("DTSTART;VALUE=DATE:19840504"))
        #expect(diane.contains("DTEND;VALUE=DATE:19840505"))
        #expect(diane.contains("RRULE:FREQ=YEARLY"))
        // A year-less leap-day birthday starts in a leap year and falls on Feb 28 otherwise.
        let odd = try #require(events.first { $0.contains("UID:kith-birthday-900@kith") })
        #expect(odd.contains("DTSTART;VALUE=DATE:20240229"))
        #expect(odd.contains("RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"))
        #expect(odd.contains(#"SUMMARY:Ångström\, "Åsa"\; Zoë's birthday"#))
    }

    @Test func openRemindersAreEventsOnTheirDueDay() throws {
        let graph = graph()
        let events = self.events(unfolded(try render(.ics, graph: graph)))
        for reminder in graph.reminders.values {
            let event = events.first { $0.contains("UID:kith-reminder-\(reminder.id)@kith") }
            if reminder.done {
                #expect(event == nil)
            } else {
                #expect(event?.contains("DTSTART;VALUE=DATE:\(reminder.due.iso.replacingOccurrences(of: "-", with: ""))") == true)
            }
        }
        let asa = try #require(events.first { $0.contains("UID:kith-reminder-900@kith") })
        #expect(asa.contains("RRULE:FREQ=DAILY;INTERVAL=10"))
        #expect(asa.contains(#"SUMMARY:Ask Åsa about the café in Saint-Étienne\, the one with the long name — écrit en français (Ångström\, "Åsa"\; Zoë)"#))
        #expect(Exporter.recurrenceRule("monthly") == "FREQ=MONTHLY")
        #expect(Exporter.recurrenceRule("every other day") == nil)
    }

    // MARK: - DOT

    @Test func dotDrawsPeopleAndLabelledRelations() throws {
        let graph = graph()
        let text = try render(.dot, graph: graph)
        #expect(text.hasPrefix("digraph kith {\n") && text.hasSuffix("}\n"))
        #expect(text.components(separatedBy: "{").count == text.components(separatedBy: "}").count)
        #expect(text.contains(#"  p1 [label="Diane Smith\nclient, friend"];"#))
        #expect(text.contains(#"  me [label="Alex Morgan\n(me)", shape=ellipse];"#))
        #expect(text.contains(#"  p900 [label="Ångström, \"Åsa\"; Zoë\ninner circle, book club"];"#))
        // Relation(person, kind, other) reads "person is other's kind": an edge person -> other.
        for relation in graph.relations.values {
            let from = relation.person == ownerID ? "me" : "p\(relation.person)"
            let to = relation.other == ownerID ? "me" : "p\(relation.other)"
            #expect(text.contains("  \(from) -> \(to) [label=\"\(relation.kind)\"];"), "\(relation)")
        }
        #expect(text.components(separatedBy: " -> ").count - 1 == graph.relations.count)
    }

    @Test func dotForATagKeepsOnlyRelationsAmongThem() throws {
        let text = try render(.dot, tag: "family")
        let family = Set(graph().people(taggedAs: "family").map { "p\($0.id)" })
        for line in text.split(separator: "\n") where line.contains(" -> ") {
            let ends = line.split(separator: " ").filter { $0.hasPrefix("p") || $0 == "me" }.prefix(2)
            #expect(ends.allSatisfy { $0 == "me" || family.contains(String($0)) }, "\(line)")
        }
    }

    // MARK: - Helpers

    /// RFC 5545/6350 content lines: CRLF only, no line over 75 octets, folds start with a space.
    func checkContentLines(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(text.hasSuffix("\r\n"), sourceLocation: sourceLocation)
        let bytes = Array(text.utf8)
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            #expect(index > 0 && bytes[index - 1] == 0x0D, "bare LF at \(index)", sourceLocation: sourceLocation)
        }
        for line in text.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 75, "\(line)", sourceLocation: sourceLocation)
            #expect(String(validating: Array(line.utf8), as: UTF8.self) != nil, sourceLocation: sourceLocation)
        }
        #expect(text.contains("\r\n "), "something long enough to fold", sourceLocation: sourceLocation)
    }

    func unfolded(_ text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }

    func events(_ lines: [String]) -> [[String]] {
        var events: [[String]] = []
        var current: [String]?
        for line in lines {
            if line == "BEGIN:VEVENT" { current = [] } else if line == "END:VEVENT" { events.append(current!); current = nil } else { current?.append(line) }
        }
        return events
    }
}
