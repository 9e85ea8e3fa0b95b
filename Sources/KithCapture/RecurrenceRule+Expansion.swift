import KithTime

extension RecurrenceRule {
    /// Reports each occurrence of the rule, in order, as a time on `start`'s own clock (the
    /// rule is expanded in local time, so a 9:00 meeting stays at 9:00 across a change to
    /// summer time).
    ///
    /// The semantics are RFC 5545's, as python-dateutil's `rrule` implements them (the tests
    /// hold Kith to it on thousands of generated rules):
    /// - each period (a year, month, week starting on WKST, or day, every INTERVAL of them)
    ///   gives the days its BYxxx parts allow; BYMONTH, BYWEEKNO, BYYEARDAY, BYMONTHDAY and BYDAY
    ///   filter, and when none of BYWEEKNO, BYYEARDAY, BYMONTHDAY and BYDAY is given the start's
    ///   own day (of the month, of the week; and month, for YEARLY) is used;
    /// - BYDAY's ordinals count within the month for MONTHLY (and YEARLY with BYMONTH), within
    ///   the year for YEARLY; WEEKLY and DAILY ignore them;
    /// - each day gets the times BYHOUR × BYMINUTE × BYSECOND give (else the start's time);
    /// - BYSETPOS picks from a period's sorted times;
    /// - only times at or after `start` count, up to `until` and `count`.
    ///
    /// `start` itself is reported only when it matches the rule; adding it regardless (RFC 5545
    /// counts DTSTART as the first instance) is the caller's business.
    ///
    /// Two differences from dateutil, both where RFC 5545 is clear: a BYDAY that mixes plain days and
    /// ordinals (`MO,2TU`) means either, not both; and BYSETPOS in a WEEKLY rule counts from
    /// the start of the week, not from `start` (dateutil's first week starts on DTSTART).
    ///
    /// - Parameters:
    ///   - until: the rule's UNTIL, already on `start`'s clock; nil when it has none.
    ///   - limit: nothing after this time is reported.
    ///   - lower: nothing before this time is reported; when the rule has no COUNT, periods
    ///     wholly before it are skipped without being expanded.
    ///   - body: called with each occurrence.
    /// - Complexity: O(p · d) for p periods from `start` (or `lower`) to `limit`, where d is the
    ///   number of days in a period (365 for YEARLY without BYMONTH); no allocation per occurrence.
    func expand(start: Seconds, until: Seconds?, limit: Seconds, from lower: Seconds? = nil,
                _ body: (Seconds) -> Void) {
        var plan = Plan(rule: self, start: start)
        plan.run(until: until, limit: min(limit, until ?? limit), lower: lower, body)
    }

    /// The rule made concrete for one start: defaults filled in, lists turned into masks.
    private struct Plan {
        let frequency: Frequency
        let interval: Int
        let count: Int?
        let weekStart: Int
        let byWeekNo: [Int]
        let byYearDay: [Int]
        let bySetPos: [Int]
        let start: Seconds
        let startDay: Int
        let startDate: CalendarDate
        var byMonth: UInt16
        /// Bit n: day n of the month; bit n of `negativeMonthDays`: the n-th last day.
        var positiveMonthDays: UInt32 = 0
        var negativeMonthDays: UInt32 = 0
        /// Bit w for each weekday any week, month or year.
        var plainWeekdays: UInt8 = 0
        var ordinalWeekdays: [WeekdayNumber] = []
        var ordinalsInMonth: Bool
        var times: [Int]
        var hasDayFilter: Bool

        init(rule: RecurrenceRule, start: Seconds) {
            frequency = rule.frequency
            interval = rule.interval
            count = rule.count
            weekStart = rule.weekStart
            byWeekNo = rule.byWeekNo
            byYearDay = rule.byYearDay
            bySetPos = rule.bySetPos
            self.start = start
            startDay = start.floorDiv(86_400)
            startDate = CalendarDate(daysSinceEpoch: startDay)
            byMonth = rule.byMonth
            var byMonthDay = rule.byMonthDay
            var byDay = rule.byDay
            if rule.byWeekNo.isEmpty && rule.byYearDay.isEmpty && byMonthDay.isEmpty && byDay.isEmpty {
                switch rule.frequency {
                case .yearly:
                    if byMonth == 0 { byMonth = 1 << startDate.month }
                    byMonthDay = [startDate.day]
                case .monthly: byMonthDay = [startDate.day]
                case .weekly: byDay = [WeekdayNumber(ordinal: 0, weekday: startDate.weekday.rawValue)]
                case .daily: break
                }
            }
            for n in byMonthDay {
                if n > 0 { positiveMonthDays |= 1 << n } else { negativeMonthDays |= 1 << -n }
            }
            for day in byDay {
                if day.ordinal == 0 || rule.frequency == .weekly || rule.frequency == .daily {
                    plainWeekdays |= 1 << day.weekday
                } else {
                    ordinalWeekdays.append(day)
                }
            }
            ordinalsInMonth = rule.frequency == .monthly || (rule.frequency == .yearly && byMonth != 0)
            hasDayFilter = byMonth != 0 || !rule.byWeekNo.isEmpty || !rule.byYearDay.isEmpty
                || positiveMonthDays != 0 || negativeMonthDays != 0 || plainWeekdays != 0 || !ordinalWeekdays.isEmpty

            let time = start.floorMod(86_400)
            let hours = rule.byHour.isEmpty ? [time / 3600] : rule.byHour
            let minutes = rule.byMinute.isEmpty ? [time / 60 % 60] : rule.byMinute
            let seconds = rule.bySecond.isEmpty ? [time % 60] : rule.bySecond
            var times: [Int] = []
            for h in hours { for m in minutes { for s in seconds { times.append(h * 3600 + m * 60 + s) } } }
            self.times = Array(Set(times)).sorted()
        }

        /// Whether the rule's BYxxx parts let this day through.
        @inline(__always)
        func matches(day: Int, year: Int, month: Int, monthDay: Int, weekday: Int, yearDay: Int,
                     monthLength: Int, yearLength: Int) -> Bool {
            if !hasDayFilter { return true }
            if byMonth != 0 && byMonth & (1 << month) == 0 { return false }
            if !byWeekNo.isEmpty && !weekNumberMatches(day: day, year: year) { return false }
            if !byYearDay.isEmpty
                && !(byYearDay.contains(yearDay) || byYearDay.contains(yearDay - yearLength - 1)) { return false }
            if positiveMonthDays | negativeMonthDays != 0
                && positiveMonthDays & (1 << monthDay) == 0
                && negativeMonthDays & (1 << (monthLength - monthDay + 1)) == 0 { return false }
            if plainWeekdays != 0 || !ordinalWeekdays.isEmpty {
                if plainWeekdays & (1 << weekday) != 0 { return true }
                for entry in ordinalWeekdays where entry.weekday == weekday {
                    // This day is the n-th (and the m-th last) of its weekday in the month or year.
                    let (index, length) = ordinalsInMonth ? (monthDay, monthLength) : (yearDay, yearLength)
                    if entry.ordinal == (index - 1) / 7 + 1 || entry.ordinal == -((length - index) / 7 + 1) { return true }
                }
                return false
            }
            return true
        }

        /// BYWEEKNO: weeks start on WKST, and week 1 is the first with at least four days of
        /// the year (ISO 8601 when WKST is Monday); negative numbers count from the year's last
        /// week. Days early in January may belong to the previous year's last week, days late in
        /// December to the next year's first.
        func weekNumberMatches(day: Int, year: Int) -> Bool {
            let first = Self.firstWeekStart(year, weekStart: weekStart)
            let next = Self.firstWeekStart(year + 1, weekStart: weekStart)
            let (weekYearStart, weekYearEnd): (Int, Int)
            if day >= next {
                (weekYearStart, weekYearEnd) = (next, Self.firstWeekStart(year + 2, weekStart: weekStart))
            } else if day < first {
                (weekYearStart, weekYearEnd) = (Self.firstWeekStart(year - 1, weekStart: weekStart), first)
            } else {
                (weekYearStart, weekYearEnd) = (first, next)
            }
            let week = (day - weekYearStart) / 7 + 1
            let weeks = (weekYearEnd - weekYearStart) / 7
            return byWeekNo.contains(week) || byWeekNo.contains(week - weeks - 1)
        }

        static func firstWeekStart(_ year: Int, weekStart: Int) -> Int {
            let january1 = Self.day(year, 1, 1)
            let back = (Self.weekday(january1) - weekStart + 7) % 7
            return back >= 4 ? january1 - back + 7 : january1 - back
        }

        @inline(__always) static func weekday(_ day: Int) -> Int { (day.floorMod(7) + 3) % 7 }

        @inline(__always) static func day(_ year: Int, _ month: Int, _ day: Int) -> Int {
            let y = month <= 2 ? year - 1 : year
            let era = (y >= 0 ? y : y - 399) / 400
            let yoe = y - era * 400
            let mp = month > 2 ? month - 3 : month + 9
            let doy = (153 * mp + 2) / 5 + day - 1
            return era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
        }

        mutating func run(until: Seconds?, limit: Seconds, lower: Seconds?, _ body: (Seconds) -> Void) {
            let interval = self.interval, count = self.count, bySetPos = self.bySetPos, times = self.times
            var emitted = 0
            var days: [Int] = []
            days.reserveCapacity(frequency == .yearly ? 366 : 31)
            var picks: [Seconds] = []
            let skipTo = count == nil ? lower : nil
            let lowerDay = skipTo.map { $0.floorDiv(86_400) }

            /// Reports one candidate; false when the rule has ended.
            func take(_ time: Seconds) -> Bool {
                if time < start { return true }
                if time > limit { return false }
                if let until, time > until { return false }
                emitted += 1
                if let count, emitted > count { return false }
                if let lower, time < lower { return true }
                body(time)
                return true
            }

            /// Reports a period's days at the rule's times (or BYSETPOS's picks of them).
            func period() -> Bool {
                if bySetPos.isEmpty {
                    for day in days {
                        for time in times where !take(day * 86_400 + time) { return false }
                    }
                    return true
                }
                let total = days.count * times.count
                guard total > 0 else { return true }
                picks.removeAll(keepingCapacity: true)
                for position in bySetPos {
                    let index = position > 0 ? position - 1 : total + position
                    guard index >= 0 && index < total else { continue }
                    picks.append(days[index / times.count] * 86_400 + times[index % times.count])
                }
                picks.sort()
                var previous: Seconds?
                for time in picks where time != previous {
                    previous = time
                    if !take(time) { return false }
                }
                return true
            }

            /// Adds the days of one month that pass the filters.
            func addMonth(_ year: Int, _ month: Int, january1: Int, yearLength: Int) {
                let first = Self.day(year, month, 1)
                let length = CalendarDate.daysIn(month: month, year: year)
                var weekday = Self.weekday(first)
                for monthDay in 1...length {
                    let day = first + monthDay - 1
                    if matches(day: day, year: year, month: month, monthDay: monthDay, weekday: weekday,
                               yearDay: day - january1 + 1, monthLength: length, yearLength: yearLength) {
                        days.append(day)
                    }
                    weekday = weekday == 6 ? 0 : weekday + 1
                }
            }

            /// Adds one day if it passes the filters.
            func addDay(_ day: Int) {
                let date = CalendarDate(daysSinceEpoch: day)
                let january1 = Self.day(date.year, 1, 1)
                if matches(day: day, year: date.year, month: date.month, monthDay: date.day, weekday: Self.weekday(day),
                           yearDay: day - january1 + 1, monthLength: CalendarDate.daysIn(month: date.month, year: date.year),
                           yearLength: CalendarDate.isLeap(date.year) ? 366 : 365) {
                    days.append(day)
                }
            }

            switch frequency {
            case .yearly:
                var year = startDate.year
                if let lowerDay {
                    let lowerYear = CalendarDate(daysSinceEpoch: lowerDay).year
                    if lowerYear > year { year += (lowerYear - year) / interval * interval }
                }
                while year <= 9999 {
                    let january1 = Self.day(year, 1, 1)
                    if january1 * 86_400 > limit { return }
                    days.removeAll(keepingCapacity: true)
                    let yearLength = CalendarDate.isLeap(year) ? 366 : 365
                    for month in 1...12 where byMonth == 0 || byMonth & (1 << month) != 0 {
                        addMonth(year, month, january1: january1, yearLength: yearLength)
                    }
                    if !period() { return }
                    year += interval
                }
            case .monthly:
                var index = startDate.year * 12 + startDate.month - 1
                if let lowerDay {
                    let lowerDate = CalendarDate(daysSinceEpoch: lowerDay)
                    let lowerIndex = lowerDate.year * 12 + lowerDate.month - 1
                    if lowerIndex > index { index += (lowerIndex - index) / interval * interval }
                }
                while index / 12 <= 9999 {
                    let year = index / 12, month = index % 12 + 1
                    let first = Self.day(year, month, 1)
                    if first * 86_400 > limit { return }
                    if byMonth == 0 || byMonth & (1 << month) != 0 {
                        days.removeAll(keepingCapacity: true)
                        addMonth(year, month, january1: Self.day(year, 1, 1), yearLength: CalendarDate.isLeap(year) ? 366 : 365)
                        if !period() { return }
                    }
                    index += interval
                }
            case .weekly:
                var weekStart = startDay - (Self.weekday(startDay) - self.weekStart + 7) % 7
                if let lowerDay, lowerDay > weekStart {
                    weekStart += (lowerDay - weekStart) / (7 * interval) * (7 * interval)
                }
                while weekStart <= 2_932_896 {  // 9999-12-31
                    if weekStart * 86_400 > limit { return }
                    days.removeAll(keepingCapacity: true)
                    for day in weekStart..<(weekStart + 7) { addDay(day) }
                    if !period() { return }
                    weekStart += 7 * interval
                }
            case .daily:
                var day = startDay
                if let lowerDay, lowerDay > day { day += (lowerDay - day) / interval * interval }
                while day <= 2_932_896 {
                    if day * 86_400 > limit { return }
                    days.removeAll(keepingCapacity: true)
                    addDay(day)
                    if !period() { return }
                    day += interval
                }
            }
        }
    }
}
