/// How a name the user typed maps to people.
public enum NameResolution: Equatable, Sendable {
    /// Exactly one person.
    case person(RecordID)
    /// Several people fit equally well; never guessed.
    case ambiguous([RecordID])
    /// Nobody fits; `suggestions` are close names worth offering.
    case unknown(suggestions: [RecordID])
}

extension Graph {
    /// Resolves a name the way a person would: full name or alias first, then first or last
    /// name, then the start of a full name ("Diane S"), then one typo when only one name is
    /// that close. Case and accents never matter. Two candidates in the best tier that has any
    /// are reported as ambiguous rather than guessed.
    /// - Complexity: O(1) for the exact tiers; O(n) over distinct name keys for the others.
    public func resolve(name: String) -> NameResolution {
        let query = fold(name)
        guard !query.isEmpty else { return .unknown(suggestions: []) }

        let exactFull = people.values.filter {
            fold($0.name) == query || $0.aliases.contains { fold($0) == query }
        }.map(\.id)
        if let result = Self.decide(exactFull) { return result }

        if let result = Self.decide(Array(peopleByNameKey[query] ?? [])) { return result }

        let prefixed = people.values.filter {
            let full = fold($0.name)
            return full.hasPrefix(query) && query.contains(" ")
        }.map(\.id)
        if let result = Self.decide(prefixed) { return result }

        var close: Set<RecordID> = []
        if query.count >= 4 {
            for (key, ids) in peopleByNameKey where key.count >= 4 && withinOneEdit(key, query) {
                close.formUnion(ids)
            }
        }
        if close.count == 1 { return .person(close.first!) }
        return .unknown(suggestions: sortedPeople(close).map(\.id))
    }

    private static func decide(_ ids: [RecordID]) -> NameResolution? {
        switch ids.count {
        case 0: return nil
        case 1: return .person(ids[0])
        default: return .ambiguous(ids.sorted())
        }
    }
}
