import KithTime

extension CalendarReader {
    /// Turns events into traces: occurrences listed, exceptions taken out, overridden ones
    /// replaced, each put on the user's local day and kept when it falls in the window.
    struct Expansion {
        let options: Options
        let today: Int
        let horizon: Int
        let since: Int?
        /// Occurrences are listed up to here on their own clock: two days past the horizon
        /// covers any clock's distance from the user's.
        let limit: Seconds
        let lower: Seconds?
        /// The occurrences kept, as they come; `traces()` makes them traces in day order.
        private var kept: [(event: Int32, day: Int32, key: String)] = []
        /// The events (and overrides) occurrences were kept of: source and occasion.
        private var sources: [(file: String, line: Int, occasion: Occasion)] = []
        /// `sources`' index of the event being expanded, once it has kept an occurrence.
        private var current: (line: Int, source: String, index: Int32)?
        var skipped: [SkippedEvent] = []
        /// Reused for each event's occurrences.
        private var walls: [Seconds] = []

        init(options: Options) {
            self.options = options
            today = options.today.daysSinceEpoch
            horizon = today + max(options.horizonDays, 0)
            since = options.since?.daysSinceEpoch
            limit = (horizon + 3) * 86_400 - 1
            lower = since.map { ($0 - 2) * 86_400 }
        }

        /// A series and the overrides of its occurrences (same UID, with RECURRENCE-ID).
        mutating func expand(_ event: CalendarEvent, overrides: [CalendarEvent]) {
            let frame = event.start
            // Overrides by the occurrence they replace, on the series' clock; a DATE id of a
            // timed series replaces that day's occurrence. Of two for one occurrence, the higher
            // SEQUENCE (then the later) wins.
            var byWall: [Seconds: Int] = [:]
            var byDay: [Int: Int] = [:]
            for (index, override) in overrides.enumerated() {
                let id = override.recurrenceID!
                if id.isDate && !frame.isDate {
                    if let other = byDay[id.day], overrides[other].sequence > override.sequence { continue }
                    byDay[id.day] = index
                } else {
                    let wall = id.wall(on: frame)
                    if let other = byWall[wall], overrides[other].sequence > override.sequence { continue }
                    byWall[wall] = index
                }
            }
            var used = [Bool](repeating: false, count: overrides.count)

            walls.removeAll(keepingCapacity: true)
            walls.append(frame.wall)  // DTSTART is always the first instance
            if !event.rules.isEmpty || !event.extraDates.isEmpty {
                for rule in event.rules {
                    rule.expand(start: frame.wall, until: Self.until(rule, on: frame), limit: limit, from: lower) { walls.append($0) }
                }
                for date in event.extraDates {
                    // An RDATE that is a DATE, in a timed series: that day at the series' time.
                    walls.append(date.isDate && !frame.isDate ? date.day * 86_400 + frame.wall.floorMod(86_400) : date.wall(on: frame))
                }
                walls.sort()
            }
            var exceptWalls: Set<Seconds> = []
            var exceptDays: Set<Int> = []
            for exception in event.exceptions {
                if exception.isDate && !frame.isDate { exceptDays.insert(exception.day) } else { exceptWalls.insert(exception.wall(on: frame)) }
            }

            var previous: Seconds?
            for wall in walls where wall != previous {
                previous = wall
                if wall > limit { break }
                if !exceptWalls.isEmpty && exceptWalls.contains(wall) { continue }
                if !exceptDays.isEmpty && exceptDays.contains(wall.floorDiv(86_400)) { continue }
                if let index = byWall[wall] ?? (byDay.isEmpty ? nil : byDay[wall.floorDiv(86_400)]) {
                    used[index] = true
                    emit(overrides[index], key: Self.key(event.uid, wall, on: frame))
                } else if event.skip == nil {
                    let (day, instant) = place(wall, on: frame)
                    guard day <= horizon, since.map({ day >= $0 }) ?? true else { continue }
                    let key = instant.map { ICalendarValue.key(event.uid, $0, isDate: false, isUTC: true) }
                        ?? ICalendarValue.key(event.uid, wall, isDate: frame.isDate, isUTC: false)
                    keep(event, occasion: event.occasion, day: day, key: key)
                }
            }
            if let reason = event.skip { skip(event, reason) }
            // Overrides of occurrences the series does not have (its rule changed since, or
            // they are past the horizon of the listing) stand on their own — unless an EXDATE
            // takes their occurrence out: then there is nothing for them to replace.
            for index in overrides.indices where !used[index] {
                let id = overrides[index].recurrenceID!
                let chosen = id.isDate && !frame.isDate ? byDay[id.day] : byWall[id.wall(on: frame)]
                guard chosen == index else { continue }
                let wall = id.isDate && !frame.isDate ? id.day * 86_400 + frame.wall.floorMod(86_400) : id.wall(on: frame)
                if exceptWalls.contains(wall) || exceptDays.contains(wall.floorDiv(86_400)) { continue }
                emit(overrides[index], key: id.isDate && !frame.isDate
                        ? ICalendarValue.key(event.uid, id.wall, isDate: true, isUTC: false)
                        : Self.key(event.uid, id.wall(on: frame), on: frame))
            }
        }

        /// Overridden occurrences whose series was not read (an invitation to one occurrence,
        /// a file of changes only): each is an event of its own, keyed by its RECURRENCE-ID.
        mutating func expandOrphans(_ overrides: [CalendarEvent]) {
            var chosen: [String: Int] = [:]
            var order: [String] = []
            for (index, override) in overrides.enumerated() {
                let id = override.recurrenceID!
                let key = Self.key(override.uid, id.wall, on: id)
                if let other = chosen[key] {
                    if overrides[other].sequence > override.sequence { continue }
                } else {
                    order.append(key)
                }
                chosen[key] = index
            }
            for key in order { emit(overrides[chosen[key]!], key: key) }
        }

        private mutating func emit(_ override: CalendarEvent, key: String) {
            if let reason = override.skip {
                skip(override, reason)
                return
            }
            let (day, _) = place(override.start.wall, on: override.start)
            guard day <= horizon, since.map({ day >= $0 }) ?? true else { return }
            keep(override, occasion: override.occasion, day: day, key: key)
        }

        private mutating func keep(_ event: CalendarEvent, occasion: Occasion, day: Int, key: String) {
            if current?.line != event.line || current?.source != event.source {
                current = (event.line, event.source, Int32(sources.count))
                sources.append((event.source, event.line, occasion))
            }
            kept.append((current!.index, Int32(day), key))
        }

        /// The traces, by day, then in the order they were kept: a counting sort on the day,
        /// and each trace made once, in its place.
        /// - Complexity: O(n + d) for n occurrences over d days.
        func traces() -> [Trace] {
            guard let first = kept.lazy.map(\.day).min(), let last = kept.lazy.map(\.day).max() else { return [] }
            var starts = [Int](repeating: 0, count: Int(last - first) + 2)
            for occurrence in kept { starts[Int(occurrence.day - first) + 1] += 1 }
            for index in 1..<starts.count { starts[index] += starts[index - 1] }
            var order = [Int](repeating: 0, count: kept.count)
            for (index, occurrence) in kept.enumerated() {
                let slot = Int(occurrence.day - first)
                order[starts[slot]] = index
                starts[slot] += 1
            }
            return order.map { index in
                let (event, day, key) = kept[index]
                let (file, line, occasion) = sources[Int(event)]
                var trace = Trace(date: CalendarDate(daysSinceEpoch: Int(day)), channel: occasion.channel, source: .calendar,
                                  key: key, from: occasion.from, to: occasion.to, cc: occasion.cc, subject: occasion.subject,
                                  isFuture: Int(day) >= today, line: line)
                trace.file = file
                return trace
            }
        }

        private mutating func skip(_ event: CalendarEvent, _ reason: SkipReason) {
            skipped.append(SkippedEvent(source: event.source, line: event.line, uid: event.uid, reason: reason))
        }

        /// The user's local day of an occurrence, and its instant when it has one.
        private func place(_ wall: Seconds, on frame: EventTime) -> (day: Int, instant: Seconds?) {
            if frame.isDate { return (wall.floorDiv(86_400), nil) }
            let instant: Seconds
            switch frame.clock {
            case .floating: return (wall.floorDiv(86_400), nil)
            case .utc: instant = wall
            case .zone(let zone): instant = zone.utc(fromWall: wall)
            }
            return ((instant + options.localOffset(instant)).floorDiv(86_400), instant)
        }

        /// UID and occurrence: `uid/20260310` (a day), `uid/20260310T090000` (floating),
        /// `uid/20260310T080000Z` (an instant, whatever zone the event was written in).
        static func key(_ uid: String, _ wall: Seconds, on frame: EventTime) -> String {
            if frame.isDate { return ICalendarValue.key(uid, wall, isDate: true, isUTC: false) }
            switch frame.clock {
            case .floating: return ICalendarValue.key(uid, wall, isDate: false, isUTC: false)
            case .utc: return ICalendarValue.key(uid, wall, isDate: false, isUTC: true)
            case .zone(let zone): return ICalendarValue.key(uid, zone.utc(fromWall: wall), isDate: false, isUTC: true)
            }
        }

        /// A rule's UNTIL on the series' clock. A DATE ends with its day (so `UNTIL=20260310`
        /// keeps a 9:00 meeting on March 10); a UTC time moves onto the series' zone.
        static func until(_ rule: RecurrenceRule, on frame: EventTime) -> Seconds? {
            guard let until = rule.until else { return nil }
            if until.isDate { return frame.isDate ? until.wall : until.wall + 86_399 }
            if until.isUTC, case .zone(let zone) = frame.clock { return zone.wall(fromUTC: until.wall) }
            return until.wall
        }
    }
}
