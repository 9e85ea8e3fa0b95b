import KithGraph
import KithLanguage

/// What a line names, answered from the user's own graph: people by any of their names (one
/// slip forgiven only in a word that is no ordinary word Kith knows), and the tags,
/// organisations and places people carry.
struct GraphGazetteer: Gazetteer {
    let graph: Graph
    /// Words Kith itself uses (templates, lists, glue): never read as a misspelt name, so
    /// "not right now" does not find Jamal Wright.
    let ordinaryWords: Set<String>
    private let orgs: Set<String>
    private let places: Set<String>
    /// What each span of words was found to name, for this reading: frames ask about the same
    /// spans for every name slot (`person`, `people`, `other`), and resolving is the costly part.
    private let known = Known()

    private final class Known {
        var names: [String: Bool] = [:]
    }

    /// Resolves a name as the conversation does (with family words and titles, `namedPerson`).
    let resolve: (String) -> NameResolution

    init(graph: Graph, ordinaryWords: Set<String>, resolve: ((String) -> NameResolution)? = nil) {
        self.graph = graph
        self.ordinaryWords = ordinaryWords
        self.resolve = resolve ?? { graph.resolve(name: $0) }
        orgs = Set(graph.orgKeys)
        places = Set(graph.placeKeys)
    }

    /// The longest name a frame looks for, in words.
    static let longestName = 4

    func lengths(naming words: ArraySlice<String>, slot: String, kind: SlotKind) -> [Int] {
        var found: [Int] = []
        for length in stride(from: min(Self.longestName, words.count), through: 1, by: -1) {
            let span = words.prefix(length)
            guard !span.contains(where: { Matcher.nameStopWords.contains($0) || $0 == "'s" }) else { continue }
            let text = span.joined(separator: " ")
            switch kind {
            case .name, .names:
                if let cached = known.names[text] {
                    if cached { found.append(length) }
                } else {
                    let names = namesSomeone(text, words: span)
                    known.names[text] = names
                    if names { found.append(length) }
                }
            case .label where slot == "tag":
                if graph.hasTag(text) { found.append(length) }
            case .label where slot == "org":
                if orgs.contains(fold(text)) { found.append(length) }
            case .label where slot == "place":
                if places.contains(fold(text)) { found.append(length) }
            default:
                break
            }
        }
        return found
    }

    /// Whether the words name one person, or several equally (an ambiguous name is still a name).
    private func namesSomeone(_ text: String, words: ArraySlice<String>) -> Bool {
        switch resolve(text) {
        case .ambiguous:
            return true
        case .unknown:
            return false
        case .person(let id):
            guard let person = graph.people[id] else { return false }
            // Found by a family word or through a title ("mum", "professor Park").
            if case .unknown = graph.resolve(name: text) { return true }
            let query = fold(text)
            let keys = [person.name, person.firstName, String(person.name.split(separator: " ").last ?? "")] + person.aliases
            if keys.contains(where: { fold($0) == query }) || fold(person.name).hasPrefix(query + " ")
                || (query.contains(" ") && fold(person.name).hasPrefix(query)) {
                return true
            }
            // Reached only by forgiving a slip: never for an ordinary word, nor a short one ("jokes"
            // is not Jonas).
            return words.count == 1 && words.first!.count >= 6 && !ordinaryWords.contains(words.first!)
        }
    }
}
