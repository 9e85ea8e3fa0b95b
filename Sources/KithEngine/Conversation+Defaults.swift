import KithGraph
import KithLanguage
import KithTime

/// What the engine reads for the slots a line leaves out, and for the ones it reads differently
/// from how they were said: decided here and nowhere else. Intents read the completed request
/// and keep no default of their own, so `--json`, `kith parse` and `why` show the values used.
extension Conversation {
    /// Fills in `request`'s defaults, and stretches a period that lies ahead.
    func complete(_ request: inout Request) {
        let said = request.recognition.slots
        func fill(_ slot: String, _ value: SlotValue) {
            guard said[slot] == nil else { return }
            request.slots[slot] = value
            request.notes[slot] = "default"
        }
        func period(_ start: CalendarDate, _ end: CalendarDate) -> SlotValue { .time(.period(Period(start, end))) }
        switch request.intent {
        case "not_contacted":
            fill("period", period(today.firstOfMonth, today))
        case "contacted":
            fill("period", period(today.adding(days: -30), today))
        case "closest":
            fill("period", period(today.adding(days: -90), today))
            fill("limit", .number(10))
        case "reach_out":
            fill("limit", .number(10))
        case "birthdays", "reminders":
            // "this month" so far, stretched to its end: birthdays and reminders lie ahead.
            if let said = request.period(), case let ahead = lookingAhead(said), ahead != said {
                request.slots["period"] = .time(.period(ahead))
                request.notes["period"] = "to the end of the period"
            }
            if request.intent == "birthdays" { fill("period", period(today, today.adding(days: 30))) }
        case "log_interaction":
            fill("date", .time(.day(today)))
            fill("channel", .canonical("talk"))
        default:
            break
        }
    }

    /// A period that ends today because it is "this week/month/quarter/year" so far, stretched
    /// to its end: birthdays and reminders lie ahead. Other periods are kept as they are.
    func lookingAhead(_ period: Period) -> Period {
        guard period.end == today else { return period }
        let start = period.start
        if start == today.startOfWeek { return Period(start, start.adding(days: 6)) }
        if start == today.firstOfMonth { return Period(start, start.lastOfMonth) }
        if start.day == 1, (start.month - 1) % 3 == 0, start.adding(months: 3) > today {
            return Period(start, start.adding(months: 3).adding(days: -1))
        }
        if start.month == 1, start.day == 1, start.year == today.year {
            return Period(start, CalendarDate(year: start.year, month: 12, day: 31)!)
        }
        return period
    }
}
