import KithTime

// The two questions whose answers can name most of a large network — who you have not talked
// to, and who you have — worked out on ids and days, so that a front end builds records only
// for the rows it shows. On a graph with no changes since its image (a store as loaded), both
// read the image's columns directly: 100,000 people take a few milliseconds instead of a
// second. Any other graph takes the general path, which gives the same answer.

extension Graph {
    /// A person you have not been in touch with during a period.
    public struct Silence: Hashable, Sendable {
        public let id: RecordID
        /// Days since 1970-01-01 of `last`: a long list makes a date only for the rows it shows.
        let lastDay: Int?
        /// The latest interaction before or after the period (on the channel asked about).
        public var last: CalendarDate? { lastDay.map(CalendarDate.init(daysSinceEpoch:)) }

        public init(id: RecordID, last: CalendarDate?) {
            self.init(id: id, lastDay: last?.daysSinceEpoch)
        }

        init(id: RecordID, lastDay: Int?) {
            self.id = id
            self.lastDay = lastDay
        }
    }

    /// A person you have been in touch with during a period.
    public struct Contact: Hashable, Sendable {
        public let id: RecordID
        /// How many times the person is named in the period's interactions.
        public let times: Int
        /// The latest of those interactions, by (date, id).
        public let latest: RecordID

        public init(id: RecordID, times: Int, latest: RecordID) {
            self.id = id
            self.times = times
            self.latest = latest
        }
    }

    /// People among `candidates` (everyone when nil) with no interaction in `period` (on
    /// `channel`, when given): the longest silence first, people never contacted leading, then by
    /// name and id.
    /// - Complexity: O(p) over all p people, without building their records.
    public func silences(in period: Period, channel: String? = nil, among candidates: Set<RecordID>? = nil) -> [Silence] {
        silences(in: period, channel: channel, among: candidates, first: nil).first
    }

    /// The first `limit` of `silences(in:channel:among:)` (all of them when nil), and how many
    /// there are in all: what a list answer shows. On a graph with no changes since its image
    /// it reads the image's columns and builds only the people it returns.
    /// - Complexity: O(p) over all p people, with two passes over small columns.
    public func silences(in period: Period, channel: String? = nil, among candidates: Set<RecordID>? = nil,
                         first limit: Int?) -> (total: Int, first: [Silence]) {
        if unchangedSinceImage,
           let found = imageSilences(in: period, channel: channel, among: candidates, first: limit ?? .max) {
            return found
        }
        // Gathered in name order; the sort by day keeps that order within a day.
        var found: [Silence] = []
        for id in personIDsByName where candidates?.contains(id) ?? true {
            let day = lastContactDate(with: id, channel: channel)?.daysSinceEpoch
            if let day, day >= period.start.daysSinceEpoch
                && (day <= period.end.daysSinceEpoch || hasInteraction(with: id, in: period, channel: channel)) {
                continue
            }
            found.append(Silence(id: id, lastDay: day))
        }
        let all = Self.stableOrder(byDay: found.map(\.lastDay), descending: false).map { found[$0] }
        return (all.count, Array(all.prefix(limit ?? all.count)))
    }

    /// `silences(in:channel:among:first:)` from the image's columns; nil when the days spread so
    /// wide (centuries) that counting people per day costs more than sorting them.
    private func imageSilences(in period: Period, channel: String?, among candidates: Set<RecordID>?,
                               first limit: Int) -> (total: Int, first: [Silence])? {
        // Each person's last day: for everyone from one pass over the index, or on one channel
        // each candidate's own (Int32.min: never). Quiet people are marked with their day.
        var days = channel == nil ? image.lastContactDays() : [Int32](repeating: .min, count: image.peopleCount)
        var quiet = [Bool](repeating: candidates == nil, count: image.peopleCount)
        if let candidates {
            for id in candidates { if let row = image.personRow(id) { quiet[row] = true } }
        }
        let start = period.start.daysSinceEpoch, end = period.end.daysSinceEpoch
        var total = 0, low = Int32.max, high = Int32.min
        for row in 0..<image.peopleCount where quiet[row] {
            if channel != nil {
                days[row] = lastContactDate(with: Int(image.personID[row]), channel: channel)
                    .map { Int32(clamping: $0.daysSinceEpoch) } ?? .min
            }
            let day = days[row]
            if day != .min && Int(day) >= start
                && (Int(day) <= end || hasInteraction(with: Int(image.personID[row]), in: period, channel: channel)) {
                quiet[row] = false
                continue
            }
            total += 1
            if day != .min {
                low = min(low, day)
                high = max(high, day)
            }
        }
        // How many quiet people each day holds (bucket 0: never, then day by day), to find the
        // day where the first `limit` end; then those people in name order, and sorted by day.
        let buckets = low <= high ? Int(high) - Int(low) + 2 : 1
        guard buckets <= 4 * image.peopleCount + 1024 else { return nil }
        func bucket(_ day: Int32) -> Int { day == .min ? 0 : Int(day) - Int(low) + 1 }
        var counts = [Int](repeating: 0, count: buckets)
        for row in 0..<image.peopleCount where quiet[row] { counts[bucket(days[row])] += 1 }
        var cutoff = 0, before = 0
        while cutoff < buckets - 1 && before + counts[cutoff] < limit {
            before += counts[cutoff]
            cutoff += 1
        }
        var room = limit - before
        var chosen: [Silence] = []
        for row in image.peopleByName where quiet[Int(row)] {
            let b = bucket(days[Int(row)])
            guard b < cutoff || (b == cutoff && room > 0) else { continue }
            if b == cutoff { room -= 1 }
            let day = days[Int(row)]
            chosen.append(Silence(id: Int(image.personID[Int(row)]), lastDay: day == .min ? nil : Int(day)))
        }
        let order = Self.stableOrder(byDay: chosen.map(\.lastDay), descending: false)
        return (total, order.map { chosen[$0] })
    }

    /// People among `candidates` (everyone when nil) named in the interactions of `period` (on
    /// `channel`, when given): the most recently contacted first, then by name and id.
    /// - Complexity: O(k + p) for k interactions in the period and p people, without building
    ///   records.
    public func contacts(in period: Period, channel: String? = nil, among candidates: Set<RecordID>? = nil) -> [Contact] {
        // Gathered in name order, with the day of each one's latest interaction.
        var found: [Contact] = []
        var days: [Int?] = []
        if unchangedSinceImage {
            // Rows of the period are in (date, id) order, so the last one naming a person is theirs.
            let channelIndex = imageChannel(channel)
            var count = [Int32](repeating: 0, count: image.peopleCount)
            var last = [Int32](repeating: -1, count: image.peopleCount)
            for row in image.interactionRows(in: period) {
                guard matches(row, channelIndex) else { continue }
                for person in image.participants(at: row) {
                    guard let personRow = image.personRow(Int(person)) else { continue }
                    if let candidates, !candidates.contains(Int(person)) { continue }
                    count[personRow] += 1
                    last[personRow] = Int32(row)
                }
            }
            for personRow in image.peopleByName where count[Int(personRow)] > 0 {
                let row = Int(last[Int(personRow)])
                found.append(Contact(id: Int(image.personID[Int(personRow)]), times: Int(count[Int(personRow)]),
                                     latest: Int(image.interactionID[row])))
                days.append(Int(image.interactionDate[row]))
            }
        } else {
            var times: [RecordID: Int] = [:]
            var latest: [RecordID: Interaction] = [:]
            for interaction in interactions(in: period, channel: channel) {
                for id in interaction.people where candidates?.contains(id) ?? true && people[id] != nil {
                    times[id, default: 0] += 1
                    latest[id] = interaction
                }
            }
            for id in personIDsByName {
                guard let n = times[id], let interaction = latest[id] else { continue }
                found.append(Contact(id: id, times: n, latest: interaction.id))
                days.append(interaction.date.daysSinceEpoch)
            }
        }
        return Self.stableOrder(byDay: days, descending: true).map { found[$0] }
    }

    /// Positions of `days` ordered by day (nil, "never", before every day), keeping the given
    /// order among equal days: a counting sort over the days spanned, which a list of people
    /// rarely stretches beyond a few thousand.
    /// - Complexity: O(n + d) for n entries spanning d days; O(n log n) when d is larger.
    static func stableOrder(byDay days: [Int?], descending: Bool) -> [Int] {
        var low = Int.max, high = Int.min
        for case let day? in days {
            low = min(low, day)
            high = max(high, day)
        }
        guard low <= high else { return Array(days.indices) }
        // Bucket 0 holds nil; a day's bucket counts from 1, from the first day in the order.
        func bucket(_ day: Int?) -> Int {
            guard let day else { return 0 }
            return descending ? high - day + 1 : day - low + 1
        }
        guard high - low <= 4 * days.count + 1024 else {
            return days.indices.sorted { (bucket(days[$0]), $0) < (bucket(days[$1]), $1) }
        }
        var next = [Int](repeating: 0, count: high - low + 3)
        for day in days { next[bucket(day) + 1] += 1 }
        for index in 1..<next.count { next[index] += next[index - 1] }
        var order = [Int](repeating: 0, count: days.count)
        for (position, day) in days.enumerated() {
            let b = bucket(day)
            order[next[b]] = position
            next[b] += 1
        }
        return order
    }

    /// Ids of the people with a tag, in name order.
    /// - Complexity: O(k log k) for k people with the tag, without building their records.
    public func personIDs(taggedAs tag: String) -> [RecordID] {
        let key = Graph.tagKey(tag)
        guard unchangedSinceImage else { return people(taggedAs: tag).map(\.id) }
        var ranks = [Int32](repeating: -1, count: image.peopleCount)
        for (position, row) in image.peopleByName.enumerated() { ranks[Int(row)] = Int32(position) }
        return image.rows(key, in: image.tagIndex).map { ranks[Int($0)] }.sorted()
            .map { Int(image.personID[Int(image.peopleByName[Int($0)])]) }
    }

    /// Whether every record is the image's: the columns alone answer.
    var unchangedSinceImage: Bool {
        people.changes.isEmpty && interactions.changes.isEmpty
    }
}

extension GraphImage {
    /// Each person's latest interaction day, by person row (`Int32.min` for none).
    /// - Complexity: O(p) — one pass over the per-person index beside the people.
    func lastContactDays() -> [Int32] {
        var days = [Int32](repeating: .min, count: peopleCount)
        let index = personInteractions
        var row = 0
        for k in 0..<index.keys.count {
            let id = index.keys[k]
            while row < peopleCount && personID[row] < id { row += 1 }
            guard row < peopleCount, personID[row] == id, index.start[k + 1] > index.start[k] else { continue }
            days[row] = interactionDate[Int(index.rows[Int(index.start[k + 1]) - 1])]
        }
        return days
    }
}
