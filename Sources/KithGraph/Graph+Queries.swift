import KithTime

// Every query reads the image's indexes (skipping records changed since) and the change
// indexes, and merges the two in the order the answer needs.

extension Graph {
    /// Tags compare singular and folded: "Clients" and "client" are one tag.
    public static func tagKey(_ tag: String) -> String {
        let t = fold(tag)
        if t.hasSuffix("ies"), t.count > 4 { return String(t.dropLast(3)) + "y" }
        if t.hasSuffix("s"), !t.hasSuffix("ss"), t.count > 3 { return String(t.dropLast()) }
        return t
    }

    static func nameKeys(for person: Person) -> Set<String> {
        var keys: Set<String> = [fold(person.name)]
        let words = fold(person.name).split(separator: " ")
        if let first = words.first { keys.insert(String(first)) }
        if words.count > 1, let last = words.last { keys.insert(String(last)) }
        for alias in person.aliases { keys.insert(fold(alias)) }
        return keys
    }

    // MARK: - People

    /// People in name order (`NameSortKey`), then by id.
    /// - Complexity: O(n + c log n) over all n people and the c changed since the image (the
    ///   image keeps its people in this order; each changed one finds its place by binary search).
    public var peopleByName: [Person] {
        let changed = Self.byName(Array(people.changedRecords))
        let order = image.peopleByName
        // Where each changed person goes: before the first image row that comes after it.
        let places = changed.map { person in
            let key = NameSortKey(person.name)
            var low = 0, high = order.count
            while low < high {
                let mid = (low + high) / 2
                let row = Int(order[mid])
                let other = NameSortKey(image.personName(at: row))
                if key < other || (key == other && person.id < Int(image.personID[row])) { high = mid } else { low = mid + 1 }
            }
            return low
        }
        var result: [Person] = []
        result.reserveCapacity(people.count)
        var next = 0
        for (position, row) in order.enumerated() {
            while next < changed.count, places[next] == position {
                result.append(changed[next])
                next += 1
            }
            if people.isLive(row: Int(row)) { result.append(image.person(at: Int(row))) }
        }
        result += changed[next...]
        return result
    }

    /// `people` in name order (`NameSortKey`), then by id.
    /// - Complexity: O(k log k)
    public static func byName(_ people: [Person]) -> [Person] {
        people.map { (NameSortKey($0.name), $0) }
            .sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1.id < $1.1.id }
            .map(\.1)
    }

    /// Ids of the people sorted by name, then id, without building their records.
    /// - Complexity: O(n)
    public var personIDsByName: [RecordID] {
        guard people.changes.isEmpty else { return peopleByName.map(\.id) }
        return image.peopleByName.map { Int(image.personID[Int($0)]) }
    }

    /// - Complexity: O(k log k) for k people with the tag.
    public func people(taggedAs tag: String) -> [Person] {
        let key = Graph.tagKey(tag)
        return sortedPeople(livePeople(image.rows(key, in: image.tagIndex)) + (changeIndexes.peopleByTag[key] ?? []))
    }

    /// - Complexity: O(k log k) for k people at the organisation.
    public func people(atOrg org: String) -> [Person] {
        let key = fold(org)
        return sortedPeople(livePeople(image.rows(key, in: image.orgIndex)) + (changeIndexes.peopleByOrg[key] ?? []))
    }

    /// - Complexity: O(k log k) for k people in the place.
    public func people(inPlace place: String) -> [Person] {
        let key = fold(place)
        return sortedPeople(livePeople(image.rows(key, in: image.placeIndex)) + (changeIndexes.peopleByPlace[key] ?? []))
    }

    /// Every organisation's folded name, for searches by part of a name.
    /// - Complexity: O(o) over distinct organisations.
    public var orgKeys: [String] {
        var keys = Set(changeIndexes.peopleByOrg.keys)
        for index in image.orgIndex.keys.indices where hasLiveRow(image.orgIndex, index) {
            keys.insert(image.key(index, in: image.orgIndex))
        }
        return keys.sorted()
    }

    /// Every place's folded name, for searches by part of a name.
    /// - Complexity: O(p) over distinct places.
    public var placeKeys: [String] {
        var keys = Set(changeIndexes.peopleByPlace.keys)
        for index in image.placeIndex.keys.indices where hasLiveRow(image.placeIndex, index) {
            keys.insert(image.key(index, in: image.placeIndex))
        }
        return keys.sorted()
    }

    public var allTags: [String] {
        var keys = Set(changeIndexes.peopleByTag.keys)
        for index in image.tagIndex.keys.indices where hasLiveRow(image.tagIndex, index) {
            keys.insert(image.key(index, in: image.tagIndex))
        }
        return keys.sorted()
    }

    /// Whether any person carries this tag (in any of its spellings).
    public func hasTag(_ tag: String) -> Bool {
        let key = Graph.tagKey(tag)
        if changeIndexes.peopleByTag[key] != nil { return true }
        return image.find(key, in: image.tagIndex).map { hasLiveRow(image.tagIndex, $0) } ?? false
    }

    /// A person's name without building the rest of the record (list answers show only names).
    /// - Complexity: O(1) for a changed person; O(log n) for one in the image.
    public func name(of id: RecordID) -> String? {
        if let change = people.changes[id] { return change?.name }
        return image.personRow(id).map { image.personName(at: $0) }
    }

    /// An interaction's date and topic (what a list of contacts shows), without building its
    /// list of people and its channel.
    public func dateAndTopic(of id: RecordID) -> (date: CalendarDate, topic: String?)? {
        if let change = interactions.changes[id] { return change.map { ($0.date, $0.topic) } }
        guard let row = image.interactionRow(id) else { return nil }
        return (image.day(row), image.text(image.interactionTopic[row]))
    }

    /// A person's name, title, organisation and place (what a list of people shows), without
    /// building aliases, tags and notes.
    public func nameAndWork(of id: RecordID) -> (name: String, title: String?, org: String?, place: String?)? {
        if let change = people.changes[id] { return change.map { ($0.name, $0.title, $0.org, $0.place) } }
        guard let row = image.personRow(id) else { return nil }
        return (image.personName(at: row), image.text(image.personTitle[row]), image.text(image.personOrg[row]),
                image.text(image.personPlace[row]))
    }

    /// The people with these ids, in name order (`NameSortKey`), then by id.
    public func sortedPeople(_ ids: some Sequence<RecordID>) -> [Person] {
        Self.byName(ids.compactMap { people[$0] })
    }

    /// Ids of the image's people in `rows` that no change has hidden.
    func livePeople(_ rows: UnsafeBufferPointer<UInt32>) -> [RecordID] {
        rows.compactMap { row in
            let id = Int(image.personID[Int(row)])
            return people.isShadowed(id) ? nil : id
        }
    }

    private func hasLiveRow(_ table: KeyTable, _ index: Int) -> Bool {
        table.rowRange(ofKey: index).contains { people.isLive(row: Int(table.rows[$0])) }
    }

    // MARK: - Interactions

    /// A person's interactions, oldest first, optionally within a period and on one channel.
    /// - Complexity: O(log n + k) for n interactions of the person, k of them in the period.
    public func interactions(of person: RecordID, in period: Period? = nil, channel: String? = nil) -> [Interaction] {
        var rows = image.interactionRows(of: person)
        if let period { rows = image.slice(rows, in: period) }
        return merged(rows, changedInteractions(of: person, in: period), channel: channel)
    }

    /// How many interactions the person took part in, optionally within a period and on one
    /// channel, without building them.
    /// - Complexity: O(log n) for n interactions of the person on a graph with no interaction
    ///   changed since its image (O(k) for k in the period with a channel); else as
    ///   `interactions(of:in:channel:)`.
    public func interactionCount(of person: RecordID, in period: Period? = nil, channel: String? = nil) -> Int {
        guard interactions.changes.isEmpty else { return interactions(of: person, in: period, channel: channel).count }
        var rows = image.interactionRows(of: person)
        if let period { rows = image.slice(rows, in: period) }
        guard channel != nil else { return rows.count }
        let channelIndex = imageChannel(channel)
        return rows.count { matches(Int($0), channelIndex) }
    }

    /// The latest interaction with a person on any channel (or on one channel).
    /// - Complexity: O(log p) without a channel; O(n) in the person's interactions with one.
    public func lastInteraction(with person: RecordID, channel: String? = nil) -> Interaction? {
        let channelIndex = imageChannel(channel)
        var fromImage: Int?
        for row in image.interactionRows(of: person).reversed() {
            let row = Int(row)
            if interactions.isLive(row: row), matches(row, channelIndex) {
                fromImage = row
                break
            }
        }
        var fromChanges: Interaction?
        for id in (changeIndexes.interactionsByPerson[person] ?? []).reversed() {
            if let interaction = interactions[id], channel == nil || interaction.channel == channel {
                fromChanges = interaction
                break
            }
        }
        guard let row = fromImage else { return fromChanges }
        if let changed = fromChanges,
           (changed.date.daysSinceEpoch, changed.id) > (Int(image.interactionDate[row]), Int(image.interactionID[row])) {
            return changed
        }
        return image.interaction(at: row)
    }

    /// The day of the latest interaction with a person (on one channel, if given), without
    /// building the interaction.
    /// - Complexity: as `lastInteraction(with:channel:)`.
    public func lastContactDate(with person: RecordID, channel: String? = nil) -> CalendarDate? {
        guard interactions.changes.isEmpty else { return lastInteraction(with: person, channel: channel)?.date }
        let channelIndex = imageChannel(channel)
        for row in image.interactionRows(of: person).reversed() where matches(Int(row), channelIndex) {
            return image.day(Int(row))
        }
        return nil
    }

    /// Whether the person has any interaction in the period (on the channel, if given).
    /// - Complexity: O(log n) for n interactions of the person, without a channel.
    public func hasInteraction(with person: RecordID, in period: Period, channel: String? = nil) -> Bool {
        let channelIndex = imageChannel(channel)
        for row in image.slice(image.interactionRows(of: person), in: period) {
            let row = Int(row)
            if interactions.isLive(row: row), matches(row, channelIndex) { return true }
        }
        return changedInteractions(of: person, in: period).contains { id in
            channel == nil || interactions[id]?.channel == channel
        }
    }

    /// Every interaction in a period, oldest first.
    /// - Complexity: O(log n + k) for k interactions in the period (a date-ordered index).
    public func interactions(in period: Period, channel: String? = nil) -> [Interaction] {
        let range = image.interactionRows(in: period)
        let changed = changeIndexes.interactionsByDate
        let low = changed.partitioningIndex { interactions[$0]!.date >= period.start }
        let high = changed.partitioningIndex { interactions[$0]!.date > period.end }
        return merged(range.lazy.map { UInt32($0) }, changed[low..<max(low, high)], channel: channel)
    }

    /// The changed interactions of a person (ids, in (date, id) order), within a period.
    private func changedInteractions(of person: RecordID, in period: Period?) -> ArraySlice<RecordID> {
        let ids = changeIndexes.interactionsByPerson[person] ?? []
        guard let period else { return ids[...] }
        let low = ids.partitioningIndex { interactions[$0]!.date >= period.start }
        let high = ids.partitioningIndex { interactions[$0]!.date > period.end }
        return ids[low..<max(low, high)]
    }

    /// Image rows and changed interactions, both in (date, id) order, merged in that order.
    private func merged(_ rows: some Sequence<UInt32>, _ changed: ArraySlice<RecordID>, channel: String?) -> [Interaction] {
        let channelIndex = imageChannel(channel)
        let changed = changed.compactMap { interactions[$0] }.filter { channel == nil || $0.channel == channel }
        var result: [Interaction] = []
        var next = 0
        for row in rows {
            let row = Int(row)
            guard interactions.isLive(row: row), matches(row, channelIndex) else { continue }
            let key = (Int(image.interactionDate[row]), Int(image.interactionID[row]))
            while next < changed.count, (changed[next].date.daysSinceEpoch, changed[next].id) < key {
                result.append(changed[next])
                next += 1
            }
            result.append(image.interaction(at: row))
        }
        result += changed[next...]
        return result
    }

    /// The image's index for a channel name: nil for any channel, `.some(nil)` for a channel no
    /// image interaction uses.
    func imageChannel(_ channel: String?) -> UInt8?? {
        guard let channel else { return nil }
        return .some(image.interactionChannelNames.firstIndex(of: channel).map(UInt8.init))
    }

    func matches(_ row: Int, _ channel: UInt8??) -> Bool {
        guard let channel else { return true }
        return channel == image.interactionChannel[row]
    }

    // MARK: - Relations

    /// Relations in which the person takes part on either side.
    public func relations(of person: RecordID) -> [Relation] {
        var ids = changeIndexes.relationsByPerson[person] ?? []
        for row in image.relationRows(of: person) where relations.isLive(row: Int(row)) {
            ids.insert(Int(image.relationID[Int(row)]))
        }
        return ids.compactMap { relations[$0] }.sorted { $0.id < $1.id }
    }
}
