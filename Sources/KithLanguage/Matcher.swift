import KithText
import KithTime

/// What a slot captured.
public enum SlotValue: Hashable, Sendable {
    /// Words as the user typed them (names, notes, topics, organisations).
    case text(String)
    /// Several names ("Ruth, Bob and Carol").
    case names([String])
    case time(TimeValue)
    /// A synonym list's canonical value ("phoned" → "call").
    case canonical(String)
    case number(Int)

    /// The form used by intent examples and `kith parse`.
    public var rendered: String {
        switch self {
        case .text(let text): return text
        case .names(let names): return names.joined(separator: ", ")
        case .time(let value):
            switch value {
            case .day(let date): return date.iso
            case .period(let period): return "\(period.start.iso)..\(period.end.iso)"
            }
        case .canonical(let value): return value
        case .number(let n): return String(n)
        }
    }
}

/// One way a sentence matched a template.
public struct Recognition: Hashable, Sendable {
    public let intent: String
    public let slots: [String: SlotValue]
    public let template: SentenceTemplate
    /// Words matched by template words, list entries, numbers or time expressions rather than
    /// by free-text slots. Higher is better.
    public let score: Int
    /// Template words matched only by tolerating a typo ("tlaked" for "talked").
    public let typos: Int
    /// Which stage read the line: a template, or an intent's frame (a fallback, so a command
    /// read this way is confirmed before it changes anything).
    public var reader: Reader = .template
    /// What else shaped the reading, for `why`: learned phrasings and rewrites applied.
    public var notes: [String] = []

    public enum Reader: String, Hashable, Sendable {
        /// A template read the whole line.
        case template
        /// An intent's frame read the line.
        case frame
        /// A template or a frame read one part of the line, the rest left aside ("Who is
        /// François? I cannot place him."): a fallback, like a frame.
        case part
    }

    public init(intent: String, slots: [String: SlotValue], template: SentenceTemplate, score: Int, typos: Int = 0) {
        self.intent = intent
        self.slots = slots
        self.template = template
        self.score = score
        self.typos = typos
    }

    /// The same reading with one slot's value replaced (a clarified name, a new period).
    public func replacing(_ slot: String, with value: SlotValue?) -> Recognition {
        var slots = self.slots
        slots[slot] = value
        var copy = Recognition(intent: intent, slots: slots, template: template, score: score, typos: typos)
        copy.reader = reader
        copy.notes = notes
        return copy
    }
}

/// Matches sentences against a catalogue's templates.
///
/// Ranking, best first: the match whose template explains more of the sentence's words
/// (literal words, list entries, numbers and time expressions; free-text and name slots explain
/// none) wins; ties go to the intent whose name sorts first, then to the template written
/// earlier in its file. `Catalogue.overlaps` reports the ties that sentences can actually hit.
///
/// With `toleratingTypos`, a template word of four or more letters also matches a word one
/// edit away ("tlaked", "havent'") but explains nothing, so exact readings always rank first.
///
/// The templates are compiled once into a `MatchProgram`: a flat array of nodes over word
/// numbers, each distinct subpattern (a shared rule expanded into many templates) one node. A
/// sentence's words are numbered once; matching then compares integers, and a partial match is
/// four integers, its slots a chain of shared entries rather than an array of strings.
public struct Matcher: Sendable {
    public let catalogue: Catalogue
    let program: MatchProgram

    /// Words that never form part of a name: a name slot stops before them, which keeps
    /// "Bob to my inner circle" from being read as one long name.
    public static let nameStopWords: Set<String> = [
        "i", "me", "my", "your", "to", "with", "about", "at", "in", "on", "as", "is", "was", "are", "the", "a",
        "an", "and", "of", "from", "for", "since", "last", "this", "next", "today", "yesterday",
        "tomorrow", "that", "who", "what", "when", "where", "how", "did", "do", "have", "has", "'s",
        "works", "work", "lives", "live", "every", "ago", "by", "or", "not", "you", "we",
        "again", "everything", "everyone", "everybody", "anyone", "anybody", "someone", "somebody",
        "nothing", "nobody", "then", "all", "entirely", "earlier", "later", "just", "exactly", "really",
        "actually", "so", "these", "now", "too", "also", "anymore", "any", "some", "soon", "into",
        "contact", "contacts", "people", "reminder", "number", "tag", "name", "list", "kith", "be",
        "can", "could", "should", "would", "it", "this", "there", "here", "which", "whose",
        "why", "yes", "no", "please", "via", "through", "re", "regarding", "than", "if", "but",
        // Command words are never names ("remember Ruth is…" is a note about Ruth).
        "remember", "note", "notes", "add", "untag", "remind", "forget", "delete", "remove", "merge",
        "rename", "log", "record", "save",
    ]

    /// A bound on partial matches kept per choice, so pathological input stays fast.
    static let stateLimit = 4096

    public init(catalogue: Catalogue) {
        self.catalogue = catalogue
        program = catalogue.matchProgram ?? MatchProgram(catalogue: catalogue)
    }

    /// Whether the word is one Kith itself uses (in a template, a list, a skip phrase, a
    /// substitution or the name stop words): such a word is never taken for a slip of another.
    public func knows(_ word: String) -> Bool { program.wordID(word) >= 0 }

    /// The sentence's words, informal spellings rewritten and skip phrases trimmed from both ends.
    public func tokens(of sentence: String) -> [Token] {
        let whole = program.substitute(Tokenizer.tokenize(sentence))
        let kept = program.withoutSkipPhrases(whole.map { program.wordID($0.word) })
        return Array(whole[kept])
    }

    /// What the matcher changed before matching, in words for `why`: informal spellings
    /// rewritten ("whos" → "who 's") and filler dropped from the edges ("please").
    public func rewrites(of sentence: String) -> [String] {
        guard !Tokenizer.isTooLong(sentence) else { return [] }
        let raw = Tokenizer.tokenize(sentence)
        let whole = program.substitute(raw)
        var notes: [String] = []
        var i = 0, j = 0
        while i < raw.count {
            if j < whole.count, whole[j].range == raw[i].range, whole[j].word == raw[i].word {
                i += 1
                j += 1
                continue
            }
            guard j < whole.count, whole[j].range.lowerBound <= raw[i].range.lowerBound else {
                notes.append("dropped \"\(raw[i].word)\" (substitutions)")
                i += 1
                continue
            }
            let span = whole[j].range
            var replacement: [String] = []
            while j < whole.count, whole[j].range == span {
                replacement.append(whole[j].word)
                j += 1
            }
            var typed: [String] = []
            while i < raw.count, raw[i].range.lowerBound < span.upperBound {
                typed.append(raw[i].word)
                i += 1
            }
            notes.append("read \"\(typed.joined(separator: " "))\" as \"\(replacement.joined(separator: " "))\" (substitutions)")
        }
        let kept = program.withoutSkipPhrases(whole.map { program.wordID($0.word) })
        let dropped = whole[..<kept.lowerBound].map(\.word) + whole[kept.upperBound...].map(\.word)
        if !dropped.isEmpty { notes.append("left out \"\(dropped.joined(separator: " "))\" (skip)") }
        return notes
    }

    /// Every complete match of the sentence, best first (see the type's ranking). Empty when
    /// nothing matches: not understanding is an answer, not an error.
    public func recognize(_ sentence: String, today: CalendarDate, toleratingTypos: Bool = false) -> [Recognition] {
        guard !Tokenizer.isTooLong(sentence) else { return [] }
        let whole = program.substitute(Tokenizer.tokenize(sentence))
        let ids = whole.map { program.wordID($0.word) }
        let kept = program.withoutSkipPhrases(ids)
        // A skip word may belong to a template ("and last month?"), so when trimming changed
        // the sentence, both forms are matched.
        var results: [Recognition] = []
        let time = TimeExpressionParser(today: today)
        // Not an array of the two ranges: its type's metadata would be made at run time, a
        // conformance lookup of a quarter of a million instructions in the first question.
        func match(_ range: Range<Int>) {
            guard !range.isEmpty else { return }
            var run = MatchRun(program: program, sentence: sentence, tokens: Array(whole[range]),
                               ids: Array(ids[range]), time: time, toleratingTypos: toleratingTypos)
            run.matchCandidates(into: &results)
        }
        if kept.count != whole.count { match(kept) }
        match(0..<whole.count)
        guard results.count > 1 else { return results }
        // Stable sort keeps catalogue order (intent name, then template order) among equals.
        let ranked = results.enumerated().sorted { a, b in
            if a.element.score != b.element.score { return a.element.score > b.element.score }
            if a.element.typos != b.element.typos { return a.element.typos < b.element.typos }
            return a.offset < b.offset
        }.map(\.element)
        var seen: Set<[String: SlotValue]> = []
        var distinct: [Recognition] = []
        for recognition in ranked {
            var key = recognition.slots
            key["_intent"] = .text(recognition.intent)
            if seen.insert(key).inserted { distinct.append(recognition) }
        }
        return distinct
    }

    public func best(_ sentence: String, today: CalendarDate) -> Recognition? {
        recognize(sentence, today: today).first
    }
}
