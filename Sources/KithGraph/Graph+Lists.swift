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
        // Gathered in name order; the sort by day keeps that order within a day.
        var found: [Silence] = []
        let start = period.start.daysSinceEpoch, end = period.end.daysSinceEpoch
        func quiet(_ id: RecordID, _ lastDay: Int?) -> Bool {
            guard let lastDay else { return true }
            if lastDay < start { return true }
            if lastDay <= end { return false }
            return !hasInteraction(with: id, in: period, channel: channel)
        }
        if unchangedSinceImage && channel == nil {
            let lastDays = image.lastContactDays()
            found.reserveCapacity(image.peopleCount)
            for row in image.peopleByName {
                let row = Int(row), id = Int(image.personID[row])
                if let candidates, !candidates.contains(id) { continue }
                let day = lastDays[row] == .min ? nil : Int(lastDays[row])
                if quiet(id, day) { found.append(Silence(id: id, lastDay: day)) }
            }
        } else {
            for id in personIDsByName where candidates?.contains(id) ?? true {
                let day = lastContactDate(with: id, channel: channel)?.daysSinceEpoch
                if quiet(id, day) { found.append(Silence(id: id, lastDay: day)) }
            }
        }
        return Self.stableOrder(byDay: found.map(\.lastDay), descending: false).map { found[$0] }
    }

    /// The first `limit` of `silences(in:channel:among:)` (all of them when nil), and how many
    /// there are in all: what a list answer shows. On a graph with no changes since its image
    /// it orders only the people it returns.
    /// - Complexity: O(p) over all p people, with two passes over small columns and nothing
    ///   built per person but the ones returned.
    public func silences(in period: Period, channel: String? = nil, among candidates: Set<RecordID>? = nil,
                         first limit: Int?) -> (total: Int, first: [Silence]) {
        guard let limit, unchangedSinceImage else {
            let all = silences(in: period, channel: channel, among: candidates)
            return (all.count, Array(all.prefix(limit ?? all.count)))
        }
        // Everyone's last day from one pass over the index; on one channel, each candidate's own.
        let lastDays = channel == nil ? image.lastContactDays() : []
        func lastDay(_ row: Int) -> Int32 {
            if channel == nil { return lastDays[row] }
            let day = lastContactDate(with: Int(image.personID[row]), channel: channel)
            return day.map { Int32(clamping: $0.daysSinceEpoch) } ?? .min
        }
        var member: [Bool]?
        if let candidates {
            var marks = [Bool](repeating: false, count: image.peopleCount)
            for id in candidates { if let row = image.personRow(id) { marks[row] = true } }
            member = marks
        }
        // The quiet people's rows in name order, with their days (Int32.min: never).
        let start = period.start.daysSinceEpoch, end = period.end.daysSinceEpoch
        var rows: [Int32] = [], days: [Int32] = []
        for row in image.peopleByName {
            let row = Int(row)
            if let member, !member[row] { continue }
            let day = lastDay(row)
            if day != .min && Int(day) >= start {
                if Int(day) <= end { continue }
                if hasInteraction(with: Int(image.personID[row]), in: period, channel: channel) { continue }
            }
            rows.append(Int32(row))
            days.append(day)
        }
        // The earliest days that hold `limit` people, then those people in (day, name) order.
        let order = Self.stableOrder(byDay: days.map { $0 == .min ? nil : Int($0) }, descending: false, first: limit)
        let first = order.map { position in
            Silence(id: Int(image.personID[Int(rows[position])]), lastDay: days[position] == .min ? nil : Int(days[position]))
        }
        return (rows.count, first)
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
            let channelIndex = channel.map { image.channelNames.firstIndex(of: $0).map(UInt8.init) }
            var count = [Int32](repeating: 0, count: image.peopleCount)
            var last = [Int32](repeating: -1, count: image.peopleCount)
            for row in image.interactionRows(in: period) {
                if let channelIndex, channelIndex != image.interactionChannel[row] { continue }
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
    static func stableOrder(byDay days: [Int?], descending: Bool, first limit: Int? = nil) -> [Int] {
        var low = Int.max, high = Int.min
        for case let day? in days {
            low = min(low, day)
            high = max(high, day)
        }
        guard low <= high else { return Array(days.indices.prefix(limit ?? days.count)) }
        // Bucket 0 holds nil; a day's bucket counts from 1, from the first day in the order.
        func bucket(_ day: Int?) -> Int {
            guard let day else { return 0 }
            return descending ? high - day + 1 : day - low + 1
        }
        guard high - low <= 4 * days.count + 1024 else {
            return Array(days.indices.sorted { (bucket(days[$0]), $0) < (bucket(days[$1]), $1) }.prefix(limit ?? days.count))
        }
        var next = [Int](repeating: 0, count: high - low + 3)
        for day in days { next[bucket(day) + 1] += 1 }
        for index in 1..<next.count { next[index] += next[index - 1] }
        let wanted = min(limit ?? days.count, days.count)
        var order = [Int](repeating: 0, count: wanted)
        for (position, day) in days.enumerated() {
            let b = bucket(day)
            if next[b] < wanted { order[next[b]] = position }
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

extension Graph {
    /// How many interactions the person took part in, optionally within a period and on one
    /// channel, without building them.
    /// - Complexity: O(log n) for n interactions of the person on a graph with no interaction
    ///   changed since its image (O(k) for k in the period with a channel); else as
    ///   `interactions(of:in:channel:)`.
    public func interactionCount(of person: RecordID, in period: Period? = nil, channel: String? = nil) -> Int {
        guard interactions.changes.isEmpty else { return interactions(of: person, in: period, channel: channel).count }
        var rows = image.interactionRows(of: person)
        if let period { rows = image.slice(rows, in: period) }
        guard let channel else { return rows.count }
        guard let index = image.channelNames.firstIndex(of: channel).map(UInt8.init) else { return 0 }
        return rows.count { image.interactionChannel[Int($0)] == index }
    }
}
