import KithTime

/// How a slot reads its words.
public enum SlotKind: Hashable, Sendable {
    /// A time expression leaning to the past, as a run of days ("last week", "since May").
    case period
    /// A run of days leaning to the future, for what lies ahead ("in May" is the next May).
    case upcoming
    /// One past day ("yesterday", "on Monday").
    case date
    /// One future day, for reminders ("next Tuesday", "in 3 days").
    case due
    /// One person's name: up to four words, none of them a function word.
    case name
    /// Several names joined by commas and "and".
    case names
    /// A short label — a tag, an organisation, a place: up to four words, none of them a
    /// function word, each with a letter or digit.
    case label
    /// Any words at all (a note, a topic, an organisation).
    case text
    /// A count ("3", "five").
    case number
    /// How often, in days ("every 2 weeks" → 14, "monthly" → 30).
    case cadence
    /// One word written as a file's path: with a slash, a backslash or a file's extension
    /// ("~/Downloads/contacts.vcf", "leads.csv").
    case path
    /// One entry of a synonym list, yielding its canonical value.
    case list(String)
}

/// Synonyms that all mean one canonical value ("phoned", "rang" → "call").
public struct SynonymList: Hashable, Sendable {
    public struct Entry: Hashable, Sendable {
        public let canonical: String
        /// Each phrasing, as tokens.
        public let phrasings: [[String]]
    }

    public let name: String
    public let entries: [Entry]
}

/// One sentence template of an intent, with where it was written.
public struct SentenceTemplate: Hashable, Sendable {
    public let source: String
    public let file: String
    public let line: Int
    /// With every rule expanded.
    public let pattern: Pattern
    /// Words every sentence this template matches contains: a sentence without one of them is
    /// skipped without matching, which keeps a large catalogue fast.
    public let requiredWords: Set<String>
    /// The words a sentence this template matches can begin with; nil when it can begin with a
    /// slot, and so with any word. Most templates begin with a literal word, so this turns most
    /// of the catalogue away from a sentence before any matching.
    public let firstWords: Set<String>?

    public init(source: String, file: String, line: Int, pattern: Pattern) {
        self.init(source: source, file: file, line: line, pattern: pattern,
                  requiredWords: Self.required(in: pattern), firstWords: Self.first(of: pattern).words)
    }

    /// A template whose word sets were worked out when it was compiled.
    init(source: String, file: String, line: Int, pattern: Pattern, requiredWords: Set<String>,
         firstWords: Set<String>?) {
        self.source = source
        self.file = file
        self.line = line
        self.pattern = pattern
        self.requiredWords = requiredWords
        self.firstWords = firstWords
    }

    private static func required(in pattern: Pattern) -> Set<String> {
        switch pattern {
        case .word(let word): return [word]
        case .sequence(let items): return items.reduce(into: []) { $0.formUnion(required(in: $1)) }
        case .choice(let options):
            return options.dropFirst().reduce(options.first.map(required) ?? []) { $0.intersection(required(in: $1)) }
        case .slot, .fixed, .rule: return []
        }
    }

    /// The words a pattern can begin with (nil: any, it can begin with a slot), and whether it
    /// can match no words at all.
    private static func first(of pattern: Pattern) -> (words: Set<String>?, canBeEmpty: Bool) {
        switch pattern {
        case .word(let word): return ([word], false)
        case .slot: return (nil, false)
        case .fixed, .rule: return ([], true)
        case .choice(let options):
            var words: Set<String>? = []
            var canBeEmpty = false
            for option in options {
                let (optionWords, optionEmpty) = first(of: option)
                if let optionWords { words?.formUnion(optionWords) } else { words = nil }
                canBeEmpty = canBeEmpty || optionEmpty
            }
            return (words, canBeEmpty)
        case .sequence(let items):
            var words: Set<String>? = []
            for item in items {
                let (itemWords, itemEmpty) = first(of: item)
                if let itemWords { words?.formUnion(itemWords) } else { words = nil }
                if !itemEmpty { return (words, false) }
            }
            return (words, true)
        }
    }
}

/// A sentence that must be understood as its intent with exactly these slots, checked by the
/// test suite against the catalogue's `examplesToday`.
public struct IntentExample: Hashable, Sendable {
    public let sentence: String
    /// Slot name → expected value rendered as `SlotValue.rendered`.
    public let slots: [String: String]
    public let file: String
    public let line: Int
}

public struct SlotDeclaration: Hashable, Sendable {
    public let name: String
    public let optional: Bool
}

public struct IntentDefinition: Hashable, Sendable {
    public let name: String
    /// One line for `help`.
    public let about: String
    public let slots: [SlotDeclaration]
    public let sentences: [SentenceTemplate]
    public let examples: [IntentExample]
    public let file: String
    /// How the intent reads a line no template matches; nil for intents read by templates only.
    public let frame: Frame?
    /// The theme `help` lists it under (a topic of `_help.intent`); nil for none.
    public let theme: String?

    public init(name: String, about: String, slots: [SlotDeclaration], sentences: [SentenceTemplate],
                examples: [IntentExample], file: String, frame: Frame? = nil, theme: String? = nil) {
        self.name = name
        self.about = about
        self.slots = slots
        self.sentences = sentences
        self.examples = examples
        self.file = file
        self.frame = frame
        self.theme = theme
    }
}

/// Every intent Kith understands, with the shared rules, lists and slot types.
///
/// Built from the text of the files in `intents/` (see docs/intents.md for the format).
public struct Catalogue: Sendable {
    /// The parts only loading checks, overlaps, `help` and follow-ups read: for the built-in
    /// catalogue, decoded on first use rather than at start (its matcher needs none of them).
    struct Details: Sendable {
        let intents: [IntentDefinition]
        let lists: [String: SynonymList]
        let skipPhrases: [[String]]
        let substitutions: [[String]: [String]]
        /// Words a frame reading may leave unexplained ("the", "did", "to"), sorted.
        let glue: [String]
        /// Intents in the order a "did you mean" offers them when several fit equally.
        let suggestionOrder: [String]
        /// What `help` shows (`_help.intent`).
        var help = HelpBook()
    }

    let details: Deferred<Details>

    /// Sorted by name; the order breaks ties between equally good matches.
    public var intents: [IntentDefinition] { details.wrapped.intents }
    public var lists: [String: SynonymList] { details.wrapped.lists }
    public var slotKinds: [String: SlotKind] { kinds.wrapped.table }
    let kinds: Deferred<SlotKinds>
    /// A struct of its own: a deferred dictionary would make the runtime look up String's
    /// Hashable conformance where the catalogue is decoded.
    struct SlotKinds: Sendable {
        let table: [String: SlotKind]
    }
    /// Phrases dropped from the start and end of a sentence ("please", "could you"), as words.
    public var skipPhrases: [[String]] { details.wrapped.skipPhrases }
    /// Informal spellings rewritten before matching ("abt" → "about", "whos" → "who 's"),
    /// source words → replacement words.
    public var substitutions: [[String]: [String]] { details.wrapped.substitutions }
    /// Words a frame reading may leave unexplained: they carry no meaning of their own.
    public var glue: [String] { details.wrapped.glue }
    /// Intents in the order a "did you mean" offers them when several fit equally
    /// (`suggestion-order:` in the shared file); intents it does not name come after, by name.
    public var suggestionOrder: [String] { details.wrapped.suggestionOrder }
    /// The day the examples' expected dates are computed against.
    public let examplesToday: CalendarDate
    /// The templates compiled for the matcher, when the catalogue was decoded from its compiled
    /// form (which stores the program itself): nil for a catalogue loaded from text, for which
    /// each `Matcher` compiles its own.
    var matchProgram: MatchProgram? = nil

    init(intents: [IntentDefinition], lists: [String: SynonymList], slotKinds: [String: SlotKind],
         skipPhrases: [[String]], substitutions: [[String]: [String]], glue: [String] = [],
         suggestionOrder: [String] = [], help: HelpBook = HelpBook(), examplesToday: CalendarDate) {
        details = Deferred(value: Details(intents: intents, lists: lists, skipPhrases: skipPhrases,
                                          substitutions: substitutions, glue: glue, suggestionOrder: suggestionOrder,
                                          help: help))
        kinds = Deferred(value: SlotKinds(table: slotKinds))
        self.examplesToday = examplesToday
    }

    init(details: Deferred<Details>, slotKinds: Deferred<SlotKinds>, examplesToday: CalendarDate,
         matchProgram: MatchProgram) {
        self.details = details
        kinds = slotKinds
        self.examplesToday = examplesToday
        self.matchProgram = matchProgram
    }

    public func intent(named name: String) -> IntentDefinition? {
        intents.first { $0.name == name }
    }

    /// Every literal word of every template and list, for completion.
    public var vocabulary: Set<String> {
        var words: Set<String> = []
        func collect(_ pattern: Pattern) {
            switch pattern {
            case .word(let w): words.insert(w)
            case .sequence(let items), .choice(let items): items.forEach(collect)
            case .slot, .fixed, .rule: break
            }
        }
        for intent in intents { intent.sentences.forEach { collect($0.pattern) } }
        for list in lists.values {
            for entry in list.entries { entry.phrasings.forEach { words.formUnion($0) } }
        }
        return words
    }
}

/// Every template's pattern as one graph of distinct nodes, children before parents: a rule
/// expanded into fifty templates is one node, which the matcher compiles, and matches, once.
struct PatternGraph: Sendable {
    enum Node: Hashable, Sendable {
        case word(String)
        case sequence([Int32])
        case choice([Int32])
        case slot(type: String, name: String)
        case fixed(name: String, value: String)
        case rule(String)
    }

    var nodes: [Node] = []
    /// The root node of each template, per intent, in catalogue order.
    var roots: [[Int32]] = []

    /// The graph of a catalogue's templates, equal subpatterns merged.
    init(intents: [IntentDefinition]) {
        var index: [Node: Int32] = [:]
        func add(_ pattern: Pattern) -> Int32 {
            let node: Node
            switch pattern {
            case .word(let word): node = .word(word)
            case .sequence(let items): node = .sequence(items.map(add))
            case .choice(let items): node = .choice(items.map(add))
            case .slot(let type, let name): node = .slot(type: type, name: name)
            case .fixed(let name, let value): node = .fixed(name: name, value: value)
            case .rule(let name): node = .rule(name)
            }
            if let known = index[node] { return known }
            nodes.append(node)
            index[node] = Int32(nodes.count - 1)
            return Int32(nodes.count - 1)
        }
        roots = intents.map { $0.sentences.map { add($0.pattern) } }
    }
}
