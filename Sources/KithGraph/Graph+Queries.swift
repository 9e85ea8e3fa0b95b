import KithTime

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

    /// People sorted by name, then id.
    public var peopleByName: [Person] {
        people.values.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
    }

    /// - Complexity: O(k log k) for k people with the tag.
    public func people(taggedAs tag: String) -> [Person] {
        sortedPeople(peopleByTag[Graph.tagKey(tag)] ?? [])
    }

    /// - Complexity: O(k log k) for k people at the organisation.
    public func people(atOrg org: String) -> [Person] {
        sortedPeople(peopleByOrg[fold(org)] ?? [])
    }

    /// - Complexity: O(k log k) for k people in the place.
    public func people(inPlace place: String) -> [Person] {
        sortedPeople(peopleByPlace[fold(place)] ?? [])
    }

    public var allTags: [String] { peopleByTag.keys.sorted() }

    /// Whether any person carries this tag (in any of its spellings).
    public func hasTag(_ tag: String) -> Bool { peopleByTag[Graph.tagKey(tag)] != nil }

    public func sortedPeople(_ ids: some Sequence<RecordID>) -> [Person] {
        ids.compactMap { people[$0] }.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
    }

    // MARK: - Interactions

    /// A person's interactions, oldest first, optionally within a period and on one channel.
    /// - Complexity: O(log n + k) for n interactions of the person, k of them in the period.
    public func interactions(of person: RecordID, in period: Period? = nil, channel: String? = nil) -> [Interaction] {
        let ids = interactionsByPerson[person] ?? []
        var slice = ids[...]
        if let period {
            let low = ids.partitioningIndex { interactions[$0]!.date >= period.start }
            let high = ids.partitioningIndex { interactions[$0]!.date > period.end }
            slice = ids[low..<max(low, high)]
        }
        return slice.compactMap { interactions[$0] }.filter { channel == nil || $0.channel == channel }
    }

    /// The latest interaction with a person on any channel (or on one channel).
    /// - Complexity: O(1) without a channel; O(n) in the person's interactions with one.
    public func lastInteraction(with person: RecordID, channel: String? = nil) -> Interaction? {
        guard let ids = interactionsByPerson[person] else { return nil }
        for id in ids.reversed() {
            if let interaction = interactions[id], channel == nil || interaction.channel == channel {
                return interaction
            }
        }
        return nil
    }

    /// Whether the person has any interaction in the period (on the channel, if given).
    /// - Complexity: O(log n) for n interactions of the person, without a channel.
    public func hasInteraction(with person: RecordID, in period: Period, channel: String? = nil) -> Bool {
        !interactions(of: person, in: period, channel: channel).isEmpty
    }

    /// Every interaction in a period, oldest first.
    /// - Complexity: O(p log n) over p people.
    public func interactions(in period: Period, channel: String? = nil) -> [Interaction] {
        var seen: Set<RecordID> = []
        var found: [Interaction] = []
        for personID in interactionsByPerson.keys {
            for interaction in interactions(of: personID, in: period, channel: channel)
            where seen.insert(interaction.id).inserted {
                found.append(interaction)
            }
        }
        return found.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
    }

    // MARK: - Relations

    /// Relations in which the person takes part on either side.
    public func relations(of person: RecordID) -> [Relation] {
        (relationsByPerson[person] ?? []).compactMap { relations[$0] }.sorted { $0.id < $1.id }
    }
}
