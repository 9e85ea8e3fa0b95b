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
        /// The latest interaction before or after the period (on the channel asked about).
        public let last: CalendarDate?

        public init(id: RecordID, last: CalendarDate?) {
            self.id = id
            self.last = last
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
        var found: [(id: RecordID, last: CalendarDate?)] = []
        if unchangedSinceImage && channel == nil {
            let lastDays = image.lastContactDays()
            for row in image.peopleByName {
                let row = Int(row), id = Int(image.personID[row])
                if let candidates, !candidates.contains(id) { continue }
                let day = lastDays[row] == .min ? nil : CalendarDate(daysSinceEpoch: Int(lastDays[row]))
                if quiet(id, last: day, in: period, channel: nil) { found.append((id, day)) }
            }
        } else {
            for id in personIDsByName where candidates?.contains(id) ?? true {
                let day = lastContactDate(with: id, channel: channel)
                if quiet(id, last: day, in: period, channel: channel) { found.append((id, day)) }
            }
        }
        // Names are already in order: sort by day alone, keeping it.
        let keys = found.indices.map { position -> UInt64 in
            let day = found[position].last.map { UInt64(RadixSort.bias(Int32(clamping: $0.daysSinceEpoch))) } ?? 0
            return day << 32 | UInt64(position)
        }
        return RadixSort.sorted(keys).map {
            let entry = found[Int($0 & 0xFFFF_FFFF)]
            return Silence(id: entry.id, last: entry.last)
        }
    }

    /// Whether there is no interaction with the person in the period, knowing the latest one.
    private func quiet(_ id: RecordID, last: CalendarDate?, in period: Period, channel: String?) -> Bool {
        guard let last else { return true }
        if last < period.start { return true }
        if last <= period.end { return false }
        return !hasInteraction(with: id, in: period, channel: channel)
    }

    /// People among `candidates` (everyone when nil) named in the interactions of `period` (on
    /// `channel`, when given): the most recently contacted first, then by name and id.
    /// - Complexity: O(k + m log m) for k interactions in the period naming m people (plus
    ///   O(p) to rank names when the graph has no changes).
    public func contacts(in period: Period, channel: String? = nil, among candidates: Set<RecordID>? = nil) -> [Contact] {
        var times: [RecordID: Int] = [:]
        var latest: [RecordID: (day: Int, id: RecordID)] = [:]
        var rank: (RecordID) -> Int
        if unchangedSinceImage {
            // Rows of the period are in (date, id) order, so the last one naming a person is theirs.
            let range = image.interactionRows(in: period)
            let channelIndex = channel.map { image.channelNames.firstIndex(of: $0).map(UInt8.init) }
            var count = [Int32](repeating: 0, count: image.peopleCount)
            var last = [Int32](repeating: -1, count: image.peopleCount)
            for row in range {
                if let channelIndex, channelIndex != image.interactionChannel[row] { continue }
                for person in image.participants(at: row) {
                    guard let personRow = image.personRow(Int(person)) else { continue }
                    if let candidates, !candidates.contains(Int(person)) { continue }
                    count[personRow] += 1
                    last[personRow] = Int32(row)
                }
            }
            var ranks = [Int32](repeating: 0, count: image.peopleCount)
            for (position, row) in image.peopleByName.enumerated() { ranks[Int(row)] = Int32(position) }
            for personRow in 0..<image.peopleCount where count[personRow] > 0 {
                let id = Int(image.personID[personRow]), row = Int(last[personRow])
                times[id] = Int(count[personRow])
                latest[id] = (Int(image.interactionDate[row]), Int(image.interactionID[row]))
            }
            rank = { id in Int(ranks[image.personRow(id)!]) }
        } else {
            for interaction in interactions(in: period, channel: channel) {
                for id in interaction.people where candidates?.contains(id) ?? true && people[id] != nil {
                    times[id, default: 0] += 1
                    latest[id] = (interaction.date.daysSinceEpoch, interaction.id)
                }
            }
            var positions: [RecordID: Int] = [:]
            for (position, id) in personIDsByName.enumerated() where times[id] != nil { positions[id] = position }
            rank = { positions[$0]! }
        }
        // Latest day first (the complement sorts it descending), then name order.
        let ids = Array(times.keys)
        let keys = ids.indices.map { index -> UInt64 in
            let day = ~RadixSort.bias(Int32(clamping: latest[ids[index]]!.day))
            return UInt64(day) << 32 | UInt64(rank(ids[index]))
        }
        var byRank: [Int: RecordID] = [:]
        for id in ids { byRank[rank(id)] = id }
        return RadixSort.sorted(keys).map {
            let id = byRank[Int($0 & 0xFFFF_FFFF)]!
            return Contact(id: id, times: times[id]!, latest: latest[id]!.id)
        }
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
