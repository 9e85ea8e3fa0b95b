import KithTime

/// The brief as text (the terminal, a notification, a mail), as Markdown (for pasting into
/// notes) and as JSON. All three show the same sections in the same order; docs/brief.md has
/// an example of each.
extension Brief {
    /// "Your day, Tuesday, March 10, 2026".
    public var title: String { "Your day, \(longDay)" }

    /// "Tuesday, March 10, 2026".
    public var longDay: String { Phrasing.longDay(day) }

    /// The whole page for people: a title, then each section that has something, under its
    /// heading, as aligned rows.
    public var text: String {
        isEmpty ? "Nothing to do today (\(longDay)): " + nothingToDoReasons : title + "\n\n" + body
    }

    /// The page without its title (a notification's body, under the title as its summary).
    public var body: String {
        guard !isEmpty else { return "Nothing to do today: " + nothingToDoReasons }
        return sections.map { $0.heading + "\n" + Phrasing.table($0.rows) }.joined(separator: "\n\n")
    }

    /// The page as Markdown: a level-2 title, a level-3 heading per section, a list item per
    /// row (reminders as task-list items). Names and texts are escaped.
    public var markdown: String {
        var blocks = ["## " + title]
        guard !isEmpty else { return (blocks + [body]).joined(separator: "\n\n") }
        for section in sections {
            blocks.append("### " + section.heading + "\n" + section.markdown.map { "- " + $0 }.joined(separator: "\n"))
        }
        return blocks.joined(separator: "\n\n")
    }

    /// `{"date": …, "birthdays": […], "reminders": […], "overdue": […], "follow_ups": […],
    /// "meetings": […]}`: every section, empty ones as `[]`. The shape is in README.md.
    public var json: JSONValue {
        func date(_ d: CalendarDate?) -> JSONValue { d.map { .string($0.iso) } ?? .null }
        func string(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
        return .object([
            ("date", .string(day.iso)),
            ("birthdays", .array(birthdays.map { b in
                .object([("date", .string(b.date.iso)), ("person", .string(b.person)),
                         ("turns", b.turns.map(JSONValue.number) ?? .null), ("from_feb_29", .bool(b.movedFromLeapDay))])
            })),
            ("reminders", .array(reminders.map { r in
                .object([("id", .number(r.id)), ("due", .string(r.due.iso)), ("overdue_days", .number(r.due.days(until: day))),
                         ("text", .string(r.text)), ("person", string(r.person)), ("recurrence", string(r.recurrence))])
            })),
            ("overdue", .array(overdue.map { o in
                .object([("person", .string(o.person)), ("days_silent", .number(o.daysSilent)),
                         ("last_contact", date(o.lastContact)), ("cadence_days", .number(o.cadenceDays))])
            })),
            ("follow_ups", .array(followUps.map { f in
                .object([("date", .string(f.date.iso)), ("people", .array(f.people.map(JSONValue.string))),
                         ("channel", .string(f.channel)), ("topic", string(f.topic))])
            })),
            ("meetings", .array(meetings.map { m in
                .object([("uid", .string(m.uid)), ("title", .string(m.title)),
                         ("people", .array(m.people.map(JSONValue.string))), ("channel", string(m.channel))])
            })),
        ])
    }

    private var nothingToDoReasons: String {
        "no birthdays in the next \(Conversation.briefBirthdayDays) days, no reminders due, nobody overdue, "
            + "and no meeting yesterday waiting for a note."
    }

    /// One section: its heading, its rows as text cells, and the same rows as Markdown.
    private struct Section {
        var heading: String
        var rows: [[String]]
        var markdown: [String]
    }

    /// The sections that have something, in the page's order.
    private var sections: [Section] {
        let phrasing = Phrasing(today: day)
        let md = Self.escaped
        var sections: [Section] = []
        if !birthdays.isEmpty {
            func when(_ b: Birthday) -> String { b.date == day ? "today" : phrasing.day(b.date) }
            func about(_ b: Birthday) -> String {
                [b.turns.map { "turns \($0)" }, b.movedFromLeapDay ? "born on February 29, kept on the 28th this year" : nil]
                    .compactMap { $0 }.joined(separator: "; ")
            }
            sections.append(Section(
                heading: "Birthdays",
                rows: birthdays.map { [when($0), $0.person, about($0)] },
                markdown: birthdays.map { b in
                    (b.date == day ? "**today**" : when(b)) + ": " + md(b.person) + (about(b).isEmpty ? "" : " (\(about(b)))")
                }))
        }
        if !reminders.isEmpty {
            func what(_ r: DueReminder) -> String { r.text + (r.recurrence.map { " (\($0))" } ?? "") }
            sections.append(Section(
                heading: "Reminders due",
                rows: reminders.map { ["#\($0.id)", phrasing.due($0.due), what($0)] },
                markdown: reminders.map { "[ ] #\($0.id) \(md(what($0))) — \(phrasing.due($0.due))" }))
        }
        if !overdue.isEmpty {
            func silence(_ o: OverduePerson) -> String {
                o.lastContact.map { "last talked \(phrasing.day($0)) (\(Phrasing.count(o.daysSilent, "day")) ago)" }
                    ?? "never talked (added \(Phrasing.count(o.daysSilent, "day")) ago)"
            }
            func aim(_ o: OverduePerson) -> String { "you aim for \(CadenceParser.spoken(o.cadenceDays))" }
            sections.append(Section(
                heading: "Reach out",
                rows: overdue.map { [$0.person, silence($0), aim($0)] },
                markdown: overdue.map { "**\(md($0.person))**: \(silence($0)); \(aim($0))" }))
        }
        if !followUps.isEmpty {
            func what(_ f: FollowUp) -> String { "(\(Phrasing.noun(f.channel))\(f.topic.map { " about \($0)" } ?? ""))" }
            sections.append(Section(
                heading: "Yesterday, with no note since",
                rows: followUps.map { ["How did it go with \(Phrasing.list($0.people))? \(what($0))"] },
                markdown: followUps.map { "How did it go with \(md(Phrasing.list($0.people)))? \(md(what($0)))" }))
        }
        if !meetings.isEmpty {
            func with(_ m: Meeting) -> String { m.people.isEmpty ? "" : "with " + Phrasing.list(m.people) }
            func how(_ m: Meeting) -> String { m.channel.map(Phrasing.noun) ?? "" }
            sections.append(Section(
                heading: "Today's meetings",
                rows: meetings.map { [$0.title, with($0), how($0)] },
                markdown: meetings.map { m in
                    "**\(md(m.title))**" + [with(m), how(m)].filter { !$0.isEmpty }.map { ", " + md($0) }.joined()
                }))
        }
        return sections
    }

    /// Text with Markdown's punctuation backslash-escaped, so a name like "Ann_Lee" or a
    /// reminder "*urgent*" shows as typed.
    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_[]<>#|~!".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
