import KithGraph
import KithTime

/// The brief: the day on one page (`kith today`, "what's up today"). The rules are in
/// docs/brief.md; each section reuses the rules of the question it summarises.
extension Conversation {
    /// How many days ahead the brief looks for birthdays (today and the next 7).
    static let briefBirthdayDays = 7
    /// How many overdue people the brief names.
    static let briefOverdueCount = 3
    /// The channels of a meeting: in person or by video.
    static let meetingChannels: Set<String> = ["meeting", "video"]

    /// The brief for the conversation's day, from the graph as it is now.
    public func brief() -> Brief {
        let graph = self.graph
        var brief = Brief(day: today)
        brief.birthdays = birthdays(in: Period(today, today.adding(days: Self.briefBirthdayDays))).map { date, person in
            Brief.Birthday(date: date, person: person.name, turns: person.birthday?.year.map { date.year - $0 },
                           movedFromLeapDay: person.birthday?.month == 2 && person.birthday?.day == 29 && date.day == 28)
        }
        brief.reminders = graph.reminders.values.filter { !$0.done && $0.due <= today }
            .sorted { ($0.due, $0.id) < ($1.due, $1.id) }
            .map { Brief.DueReminder(id: $0.id, due: $0.due, text: $0.text, person: $0.person.map(name),
                                     recurrence: $0.recurrence) }
        // The reach-out rules and order, not a second copy of them.
        brief.overdue = overdue(among: graph.peopleByName).prefix(Self.briefOverdueCount).map { item in
            Brief.OverduePerson(person: item.person.name, daysSilent: item.days,
                                lastContact: item.never ? nil : today.adding(days: -item.days), cadenceDays: item.cadence)
        }
        brief.followUps = meetingsWithoutNote(on: today.adding(days: -1))
        // Today's meetings: those a front end or a test gives, else the future calendar
        // occurrences an import kept as events.
        brief.meetings = (calendar ?? graph as any CalendarSource).events(on: today).map { event in
            Brief.Meeting(uid: event.uid, title: event.title, people: event.people.compactMap { graph.people[$0]?.name },
                          channel: event.channel)
        }
        return brief
    }

    /// The meetings (in person or by video) on `day` with the people you have said nothing about
    /// since: someone counts when there is no note about them dated `day` or later, and no
    /// interaction with them after `day`. Meetings where everyone has one are left out.
    func meetingsWithoutNote(on day: CalendarDate) -> [Brief.FollowUp] {
        let graph = self.graph
        return graph.interactions(in: .day(day)).compactMap { meeting in
            guard Self.meetingChannels.contains(meeting.channel) else { return nil }
            let waiting = meeting.people.compactMap { graph.people[$0] }.filter { person in
                !person.notes.contains { $0.date >= day } && graph.lastContactDate(with: person.id).map { $0 <= day } ?? true
            }
            guard !waiting.isEmpty else { return nil }
            return Brief.FollowUp(date: day, people: waiting.map(\.name), channel: meeting.channel, topic: meeting.topic)
        }
    }

    /// "what's up today", "brief me": the brief as an answer.
    func briefAnswer(_ request: Request) -> Answer {
        let brief = self.brief()
        var answer = Answer(question: request.question, intent: request.intent, text: brief.text)
        answer.brief = brief
        return answer
    }
}

/// The calendar occurrences `kith import` kept for the brief (future ones: once past, they are
/// interactions).
extension Graph: CalendarSource {
    public func events(on day: CalendarDate) -> [CalendarEvent] {
        events(in: .day(day)).map { event in
            CalendarEvent(id: event.id, uid: event.uid, date: event.date, title: event.title ?? "Meeting", people: event.people,
                          channel: event.channel)
        }
    }
}
