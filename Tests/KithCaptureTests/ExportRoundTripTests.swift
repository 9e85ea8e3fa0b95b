import Foundation
import KithExchange
import KithGraph
import KithTime
import Testing
@testable import KithCapture

/// Kith's own calendar export (`kith export --format ics`, KithExchange) read back: every event
/// is understood — no warning, each one accounted for — and its recurrence gives the days Kith
/// meant.
@Suite struct ExportRoundTripTests {
    /// 2026-03-10T14:25:01Z.
    let now = Date(timeIntervalSince1970: 1_773_152_701)
    let today = day("2026-03-10")

    func graph() -> Graph {
        var graph = Graph()
        func person(_ id: Int, _ name: String, _ birthday: MonthDay?) {
            var person = Person(id: id, name: name)
            person.birthday = birthday
            graph.apply(.put(.person(person)))
        }
        person(1, "Diane Smith", MonthDay(year: 1984, month: 5, day: 4))
        person(2, "Leap Day", MonthDay(year: nil, month: 2, day: 29))
        person(3, "Ångström, \"Åsa\"; Zoë", MonthDay(year: nil, month: 3, day: 15))
        person(4, "Born Leap", MonthDay(year: 2016, month: 2, day: 29))
        person(5, "No Birthday", nil)
        func reminder(_ id: Int, _ due: String, _ recurrence: String?, _ text: String, done: Bool = false) {
            var reminder = Reminder(id: id, due: day(due), person: 1, text: text)
            reminder.recurrence = recurrence
            reminder.done = done
            graph.apply(.put(.reminder(reminder)))
        }
        reminder(1, "2026-03-01", "every 10 days", "water the plants")
        reminder(2, "2026-02-03", "weekly", "send the weekly report")
        reminder(3, "2026-01-31", "monthly", "pay the rent")
        reminder(4, "2025-06-01", "yearly", "renew the insurance")
        reminder(5, "2026-03-20", nil, String(repeating: "a long reminder — über lang, ", count: 5) + "done")
        reminder(6, "2026-03-02", nil, "already done", done: true)
        return graph
    }

    func export() throws -> String {
        String(decoding: try Exporter.render(graph(), format: .ics, now: now), as: UTF8.self)
    }

    @Test func everyEventIsReadAndKnownToBeFree() throws {
        let text = try export()
        let events = text.components(separatedBy: "BEGIN:VEVENT").count - 1
        #expect(events == 9)  // 4 birthdays, 5 open reminders
        let result = capture(text, today: "2026-03-10")
        #expect(result.warnings == [])
        // Birthdays and reminders are not conversations: Kith marks them free (TRANSP:TRANSPARENT).
        #expect(result.traces.isEmpty)
        #expect(result.skipped.count == events)
        #expect(result.skipped.allSatisfy { $0.reason == .free })
        #expect(Set(result.skipped.map(\.uid)) == ["kith-birthday-1@kith", "kith-birthday-2@kith", "kith-birthday-3@kith",
                                                   "kith-birthday-4@kith", "kith-reminder-1@kith", "kith-reminder-2@kith",
                                                   "kith-reminder-3@kith", "kith-reminder-4@kith", "kith-reminder-5@kith"])
    }

    @Test func theirRecurrenceGivesTheDaysKithMeant() throws {
        // Made busy, the same events expand: each birthday every year, each reminder as it repeats.
        let text = try export().replacingOccurrences(of: "TRANSP:TRANSPARENT", with: "TRANSP:OPAQUE")
        let result = capture(text, today: "2026-03-10", horizon: 14)
        #expect(result.warnings == [])
        var days: [String: [String]] = [:]
        for trace in result.traces { days[String(trace.key.prefix { $0 != "/" }), default: []].append(trace.date.iso) }

        /// A birthday's days from `first` through the horizon, as Kith counts them (February 29
        /// falls on the 28th in common years).
        func birthdays(_ birthday: MonthDay, from first: Int) -> [String] {
            (first...2026).map { birthday.nextOccurrence(onOrAfter: CalendarDate(year: $0, month: 1, day: 1)!) }
                .filter { $0 <= day("2026-03-24") }.map(\.iso)
        }
        #expect(days["kith-birthday-1@kith"] == birthdays(MonthDay(year: nil, month: 5, day: 4)!, from: 1984))
        #expect(days["kith-birthday-2@kith"] == ["2024-02-29", "2025-02-28", "2026-02-28"])
        #expect(days["kith-birthday-3@kith"] == ["2026-03-15"])
        #expect(days["kith-birthday-4@kith"] == birthdays(MonthDay(year: nil, month: 2, day: 29)!, from: 2016))
        #expect(days["kith-reminder-1@kith"] == ["2026-03-01", "2026-03-11", "2026-03-21"])
        #expect(days["kith-reminder-2@kith"] == ["2026-02-03", "2026-02-10", "2026-02-17", "2026-02-24", "2026-03-03",
                                                 "2026-03-10", "2026-03-17", "2026-03-24"])
        // FREQ=MONTHLY from January 31 skips February, as RFC 5545 (and every calendar app) has
        // it; Kith itself moves such a reminder to February 28.
        #expect(days["kith-reminder-3@kith"] == ["2026-01-31"])
        #expect(days["kith-reminder-5@kith"] == ["2026-03-20"])
        #expect(days["kith-reminder-4@kith"] == ["2025-06-01"])  // the next, 2026-06-01, is past the horizon

        // Escaped and folded titles come back whole.
        let subjects = Set(result.traces.compactMap(\.subject))
        #expect(subjects.contains("Ångström, \"Åsa\"; Zoë's birthday"))
        #expect(subjects.contains(String(repeating: "A long reminder — über lang, ", count: 1)
                                  + String(repeating: "a long reminder — über lang, ", count: 4) + "done (Diane Smith)"))
        #expect(result.traces.allSatisfy { $0.channel.rawValue == "meeting" && $0.to.isEmpty && $0.from == nil })
    }
}
