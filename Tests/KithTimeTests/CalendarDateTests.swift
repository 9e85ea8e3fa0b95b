import Testing
@testable import KithTime

@Suite struct CalendarDateTests {
    @Test func daysSinceEpochRoundTrips() {
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            let date = CalendarDate(daysSinceEpoch: days)
            #expect(date.daysSinceEpoch == days)
            #expect(CalendarDate(year: date.year, month: date.month, day: date.day) == date)
        }
        #expect(CalendarDate(daysSinceEpoch: 0).iso == "1970-01-01")
        #expect(CalendarDate(iso: "2026-03-10")!.daysSinceEpoch == 20522)
    }

    @Test func weekdaysStartOnMonday() {
        #expect(CalendarDate(iso: "2026-03-10")!.weekday == .tuesday)
        #expect(CalendarDate(iso: "1970-01-01")!.weekday == .thursday)
        #expect(CalendarDate(iso: "2026-03-15")!.startOfWeek.iso == "2026-03-09")
        #expect(CalendarDate(iso: "2026-03-09")!.startOfWeek.iso == "2026-03-09")
    }

    @Test func invalidDatesAreRefused() {
        #expect(CalendarDate(iso: "2026-02-29") == nil)
        #expect(CalendarDate(iso: "2024-02-29") != nil)
        #expect(CalendarDate(iso: "1900-02-29") == nil)
        #expect(CalendarDate(iso: "2000-02-29") != nil)
        #expect(CalendarDate(iso: "2026-13-01") == nil)
        #expect(CalendarDate(iso: "2026-1-01") == nil)
        #expect(CalendarDate(iso: "not a date") == nil)
    }

    @Test func monthArithmeticClampsTheDay() {
        #expect(CalendarDate(iso: "2026-01-31")!.adding(months: 1).iso == "2026-02-28")
        #expect(CalendarDate(iso: "2024-03-31")!.adding(months: -1).iso == "2024-02-29")
        #expect(CalendarDate(iso: "2024-02-29")!.adding(years: 1).iso == "2025-02-28")
        #expect(CalendarDate(iso: "2026-01-15")!.adding(months: -1).iso == "2025-12-15")
        #expect(CalendarDate(iso: "2026-12-15")!.adding(months: 1).iso == "2027-01-15")
    }

    @Test func monthDayKeepsOrOmitsTheYear() {
        #expect(MonthDay(iso: "--05-04")?.iso == "--05-04")
        #expect(MonthDay(iso: "1985-05-04")?.year == 1985)
        #expect(MonthDay(iso: "--02-29") != nil)
        #expect(MonthDay(iso: "--02-30") == nil)
        let leapling = MonthDay(iso: "--02-29")!
        #expect(leapling.nextOccurrence(onOrAfter: CalendarDate(iso: "2026-02-01")!).iso == "2026-02-28")
        #expect(leapling.nextOccurrence(onOrAfter: CalendarDate(iso: "2028-02-01")!).iso == "2028-02-29")
        #expect(MonthDay(iso: "--01-05")!.nextOccurrence(onOrAfter: CalendarDate(iso: "2026-12-20")!).iso == "2027-01-05")
    }
}
