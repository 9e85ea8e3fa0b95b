import KithTime

/// One time zone's offsets from UTC over time, as a VTIMEZONE defines them (RFC 5545 §3.6.5):
/// observances (STANDARD, DAYLIGHT), each an onset on the wall clock — TZOFFSETFROM in force —
/// that repeats by its own RRULE or RDATEs, after which TZOFFSETTO holds.
///
/// Transitions are worked out for the years asked about and kept (a reference type, so every
/// event in a file shares one zone's cache); nothing is expanded from 1601, where Outlook
/// starts its observances.
final class ZoneRules {
    struct Observance {
        /// DTSTART: the first onset, on the wall clock before it.
        var onset: Seconds
        var offsetFrom: Seconds
        var offsetTo: Seconds
        var rule: RecurrenceRule?
        /// RDATEs: more onsets, on the same clock.
        var dates: [Seconds] = []
    }

    let name: String
    let observances: [Observance]
    /// Years `transitions` covers, both ends included.
    private var lowYear = Int.max, highYear = Int.min
    private var transitions: [(utc: Seconds, offset: Seconds)] = []
    /// The offset before the first of `transitions`.
    private var initialOffset: Seconds = 0

    /// Set when the zone never changes its offset.
    private let fixedOffset: Seconds?

    init(name: String, observances: [Observance]) {
        self.name = name
        self.observances = observances
        let offsets = Set(observances.flatMap { [$0.offsetFrom, $0.offsetTo] })
        fixedOffset = offsets.count == 1 ? offsets.first : nil
    }

    /// A zone that is always `offset` seconds east of UTC.
    convenience init(name: String, fixed offset: Seconds) {
        self.init(name: name, observances: [Observance(onset: Int.min / 2, offsetFrom: offset, offsetTo: offset)])
    }

    /// Seconds east of UTC at an instant.
    /// - Complexity: O(log t) for t transitions in the years cached; the first question about a
    ///   year outside them expands the observances for a few years around it.
    func offset(atUTC time: Seconds) -> Seconds {
        if let fixedOffset { return fixedOffset }
        let year = 1970 + time.floorDiv(31_556_952)
        if year < lowYear || year > highYear { cover(year) }
        // The last transition at or before `time`.
        var low = 0, high = transitions.count
        while low < high {
            let middle = (low + high) / 2
            if transitions[middle].utc <= time { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? initialOffset : transitions[low - 1].offset
    }

    /// Seconds east of UTC at a wall-clock time. In the hour a change to summer time skips, or
    /// the hour a change back repeats, one of the two offsets around it.
    func offset(atWall wall: Seconds) -> Seconds {
        offset(atUTC: wall - offset(atUTC: wall))
    }

    func utc(fromWall wall: Seconds) -> Seconds { wall - offset(atWall: wall) }

    func wall(fromUTC time: Seconds) -> Seconds { time + offset(atUTC: time) }

    /// Works out the transitions of the years around `year` (and those already covered).
    private func cover(_ year: Int) {
        let low = min(lowYear, year - 3), high = max(highYear, year + 3)
        lowYear = max(low, 1)
        highYear = min(high, 9999)
        // On the wall clock, with a day's margin for any offset.
        let windowStart = (Self.day(lowYear) - 1) * 86_400
        let windowEnd = (Self.day(highYear + 1) + 1) * 86_400
        var found: [(utc: Seconds, offset: Seconds)] = []
        for observance in observances {
            Self.onsets(of: observance, from: windowStart, through: windowEnd) { onset in
                found.append((onset - observance.offsetFrom, observance.offsetTo))
            }
        }
        found.sort { $0.utc < $1.utc }
        transitions = found
        initialOffset = offsetBefore(windowStart)
    }

    /// The offset in force just before a wall-clock time: the TZOFFSETTO of the latest onset
    /// before it, or, before every onset, the first onset's TZOFFSETFROM.
    private func offsetBefore(_ time: Seconds) -> Seconds {
        var best: (onset: Seconds, offset: Seconds)?
        for observance in observances {
            guard observance.onset < time else { continue }
            // Look back a year, then further, until an onset turns up (one always does: DTSTART).
            var span = 400 * 86_400
            var latest: Seconds?
            while latest == nil {
                let from = max(time - span, observance.onset)
                Self.onsets(of: observance, from: from, through: time - 1) { latest = $0 }
                if from == observance.onset { break }
                span *= 4
            }
            if let latest, best == nil || latest > best!.onset { best = (latest, observance.offsetTo) }
        }
        if let best { return best.offset }
        return observances.min { $0.onset < $1.onset }?.offsetFrom ?? 0
    }

    /// Calls `body` with each onset of an observance in `from...through`, in order for the rule.
    private static func onsets(of observance: Observance, from: Seconds, through: Seconds, _ body: (Seconds) -> Void) {
        if (from...through).contains(observance.onset) { body(observance.onset) }
        for date in observance.dates where (from...through).contains(date) && date != observance.onset { body(date) }
        guard let rule = observance.rule else { return }
        var until: Seconds?
        if let end = rule.until {
            until = end.isUTC ? end.wall + observance.offsetFrom : end.isDate ? end.wall + 86_399 : end.wall
        }
        rule.expand(start: observance.onset, until: until, limit: through, from: from) { onset in
            if onset != observance.onset { body(onset) }
        }
    }

    private static func day(_ year: Int) -> Int { CalendarDate(year: year, month: 1, day: 1)!.daysSinceEpoch }
}
