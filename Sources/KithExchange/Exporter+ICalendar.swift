import FoundationEssentials
import KithGraph
import KithTime

extension Exporter {
    /// iCalendar (RFC 5545). Birthdays are yearly all-day events; open reminders are all-day
    /// events on their due day, repeating as they do. Reminders are events rather than VTODOs
    /// because Google Calendar and Apple Calendar drop VTODOs from an imported file.
    ///
    /// UIDs are stable (`kith-birthday-12@kith`), so importing a newer export updates events
    /// instead of doubling them. A birthday without a year starts in `now`'s year; February 29
    /// falls on the last day of February in common years, as Kith itself counts it.
    static func iCalendar(_ selection: Selection, in graph: Graph, now: Date) -> Data {
        let (today, stamp) = utcStamp(now)
        let escape = ContentLines.escape
        var lines = ContentLines()
        lines.append("BEGIN", "VCALENDAR")
        lines.append("VERSION", "2.0")
        lines.append("PRODID", "-//Kith//Kith//EN")
        lines.append("CALSCALE", "GREGORIAN")
        lines.append("METHOD", "PUBLISH")
        lines.append("X-WR-CALNAME", "Kith")

        func event(uid: String, start: CalendarDate, rule: String?, summary: String, description: String?) {
            lines.append("BEGIN", "VEVENT")
            lines.append("UID", uid)
            lines.append("DTSTAMP", stamp)
            lines.append("DTSTART;VALUE=DATE", basic(start))
            lines.append("DTEND;VALUE=DATE", basic(start.adding(days: 1)))
            if let rule { lines.append("RRULE", rule) }
            lines.append("SUMMARY", escape(summary))
            if let description { lines.append("DESCRIPTION", escape(description)) }
            lines.append("TRANSP", "TRANSPARENT")
            lines.append("END", "VEVENT")
        }

        for person in selection.people {
            guard let birthday = person.birthday else { continue }
            let leapDay = birthday.month == 2 && birthday.day == 29
            var year = birthday.year ?? today.year
            while leapDay && !CalendarDate.isLeap(year) { year -= 1 }
            event(uid: "kith-birthday-\(person.id)@kith",
                  start: CalendarDate(year: year, month: birthday.month, day: birthday.day)!,
                  rule: leapDay ? "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1" : "FREQ=YEARLY",
                  summary: "\(person.name)'s birthday", description: nil)
        }

        let reminders = graph.reminders.values
            .filter { !$0.done && (selection.isEveryone || $0.person.map(selection.ids.contains) == true) }
            .sorted { ($0.due, $0.id) < ($1.due, $1.id) }
        for reminder in reminders {
            let person = reminder.person.flatMap { graph.people[$0] }
            var summary = reminder.text.prefix(1).uppercased() + reminder.text.dropFirst()
            // The person's name is added unless the reminder already says their first name.
            if let person {
                let first = fold(person.firstName)
                if first.isEmpty || !fold(reminder.text).contains(first) { summary += " (\(person.name))" }
            }
            event(uid: "kith-reminder-\(reminder.id)@kith", start: reminder.due, rule: recurrenceRule(reminder.recurrence),
                  summary: summary, description: person.map { "A Kith reminder about \($0.name)." })
        }
        lines.append("END", "VCALENDAR")
        return Data(lines.bytes)
    }

    /// The store's recurrences as RRULEs: "yearly", "monthly", "weekly", "every N days".
    static func recurrenceRule(_ recurrence: String?) -> String? {
        switch recurrence {
        case "yearly": return "FREQ=YEARLY"
        case "monthly": return "FREQ=MONTHLY"
        case "weekly": return "FREQ=WEEKLY"
        case let text?:
            let words = text.split(separator: " ")
            guard words.count == 3, words[0] == "every", words[2].hasPrefix("day"), let n = Int(words[1]), n > 0 else {
                return nil
            }
            return "FREQ=DAILY;INTERVAL=\(n)"
        case nil: return nil
        }
    }
}
