@testable import KithLanguage
import KithText
import KithTime

// The matcher as it was before it was compiled to a program over word numbers (commit 786a307),
// kept word for word as the reference that `MatcherDifferentialTests` holds the fast matcher to.
// Only names changed (Matcher → ReferenceMatcher, Run → ReferenceRun, Tokenizer → ReferenceTokenizer).

/// Matches sentences against a catalogue's templates.
///
/// Ranking, best first: the match whose template explains more of the sentence's words
/// (literal words, list entries, numbers and time expressions; free-text and name slots explain
/// none) wins; ties go to the intent whose name sorts first, then to the template written
/// earlier in its file. `Catalogue.overlaps` reports the ties that sentences can actually hit.
///
/// With `toleratingTypos`, a template word of four or more letters also matches a word one
/// edit away ("tlaked", "havent'") but explains nothing, so exact readings always rank first.
struct ReferenceMatcher: Sendable {
    let catalogue: Catalogue

    /// Words that never form part of a name: a name slot stops before them, which keeps
    /// "Bob to my inner circle" from being read as one long name.
    static let nameStopWords: Set<String> = [
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

    /// A bound on partial matches kept per template, so pathological input stays fast.
    static let stateLimit = 4096

    /// Where each template sits, (intent, sentence) in catalogue order, by the words it can
    /// begin with; `anyStart` holds those that can begin with a slot.
    private struct TemplateRef: Comparable {
        let intent: Int
        let sentence: Int
        static func < (a: Self, b: Self) -> Bool { (a.intent, a.sentence) < (b.intent, b.sentence) }
    }
    private let byFirstWord: [String: [TemplateRef]]
    private let anyStart: [TemplateRef]
    /// The words substitutions begin with, and their longest source, so most words cost one lookup.
    private let substitutionStarts: Set<String>
    private let longestSubstitution: Int
    private let known: Set<String>

    init(catalogue: Catalogue) {
        self.catalogue = catalogue
        var byFirstWord: [String: [TemplateRef]] = [:]
        var anyStart: [TemplateRef] = []
        for (i, intent) in catalogue.intents.enumerated() {
            for (j, template) in intent.sentences.enumerated() {
                let ref = TemplateRef(intent: i, sentence: j)
                if let words = template.firstWords {
                    for word in words { byFirstWord[word, default: []].append(ref) }
                } else {
                    anyStart.append(ref)
                }
            }
        }
        self.byFirstWord = byFirstWord
        self.anyStart = anyStart
        // The words MatchProgram numbers: a typed word among them is never a slip of another.
        known = catalogue.vocabulary.union(catalogue.skipPhrases.joined())
            .union(catalogue.substitutions.keys.joined()).union(catalogue.substitutions.values.joined())
            .union(ReferenceMatcher.nameStopWords)
        substitutionStarts = Set(catalogue.substitutions.keys.compactMap(\.first))
        longestSubstitution = catalogue.substitutions.keys.map(\.count).max() ?? 1
    }

    /// The templates that could match a sentence of these words, in catalogue order (which
    /// breaks ties); with typos tolerated, every template.
    private func candidates(_ words: [String], toleratingTypos: Bool) -> [TemplateRef] {
        if toleratingTypos {
            return catalogue.intents.indices.flatMap { i in
                catalogue.intents[i].sentences.indices.map { TemplateRef(intent: i, sentence: $0) }
            }
        }
        guard let first = words.first else { return [] }
        let present = Set(words)
        return ((byFirstWord[first] ?? []) + anyStart).filter {
            catalogue.intents[$0.intent].sentences[$0.sentence].requiredWords.isSubset(of: present)
        }.sorted()
    }

    /// The sentence's words, informal spellings rewritten and skip phrases trimmed from both ends.
    func tokens(of sentence: String) -> [Token] {
        trimmingSkipPhrases(substitute(ReferenceTokenizer.tokenize(sentence)))
    }

    private func trimmingSkipPhrases(_ words: [Token]) -> [Token] {
        var tokens = words
        var trimmed = true
        while trimmed {
            trimmed = false
            for phrase in catalogue.skipPhrases where phrase.count < tokens.count {
                if zip(tokens.prefix(phrase.count), phrase).allSatisfy({ $0.word == $1 }) {
                    tokens.removeFirst(phrase.count)
                    trimmed = true
                } else if zip(tokens.suffix(phrase.count), phrase).allSatisfy({ $0.word == $1 }) {
                    tokens.removeLast(phrase.count)
                    trimmed = true
                }
            }
        }
        return tokens
    }

    /// Rewrites each span that is a substitution's source; the replacement words keep the
    /// span's place in the original text, so slots still return what the user typed.
    private func substitute(_ tokens: [Token]) -> [Token] {
        guard !catalogue.substitutions.isEmpty else { return tokens }
        let longest = longestSubstitution
        var result: [Token] = []
        var i = 0
        while i < tokens.count {
            var replaced = false
            for length in stride(from: min(longest, tokens.count - i), through: 1, by: -1)
            where substitutionStarts.contains(tokens[i].word) {
                let span = tokens[i..<i + length]
                guard let replacement = catalogue.substitutions[span.map(\.word)] else { continue }
                let range = span.first!.range.lowerBound..<span.last!.range.upperBound
                result += replacement.map { Token(word: $0, range: range) }
                i += length
                replaced = true
                break
            }
            if !replaced {
                result.append(tokens[i])
                i += 1
            }
        }
        return result
    }

    /// Every complete match of the sentence, best first (see the type's ranking). Empty when
    /// nothing matches: not understanding is an answer, not an error.
    func recognize(_ sentence: String, today: CalendarDate, toleratingTypos: Bool = false) -> [Recognition] {
        guard !ReferenceTokenizer.isTooLong(sentence) else { return [] }
        let whole = substitute(ReferenceTokenizer.tokenize(sentence))
        let trimmed = trimmingSkipPhrases(whole)
        // A skip word may belong to a template ("and last month?"), so when trimming changed
        // the sentence, both forms are matched.
        var results: [Recognition] = []
        for tokens in trimmed.count == whole.count ? [whole] : [trimmed, whole] where !tokens.isEmpty {
            var run = ReferenceRun(sentence: sentence, tokens: tokens, words: tokens.map(\.word), known: known,
                          catalogue: catalogue, time: TimeExpressionParser(today: today), toleratingTypos: toleratingTypos)
            for ref in candidates(run.words, toleratingTypos: toleratingTypos) {
                let intent = catalogue.intents[ref.intent], template = intent.sentences[ref.sentence]
                for state in run.match(template.pattern, [ReferenceRun.State()]) where state.position == tokens.count {
                    results.append(Recognition(intent: intent.name, slots: Dictionary(state.slots) { a, _ in a },
                                               template: template, score: state.score, typos: state.typos))
                }
            }
        }
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

    func best(_ sentence: String, today: CalendarDate) -> Recognition? {
        recognize(sentence, today: today).first
    }
}

/// The state of matching one sentence.
private struct ReferenceRun {
    struct State: Hashable {
        var position = 0
        var slots: [(String, SlotValue)] = []
        var score = 0
        var typos = 0

        static func == (a: State, b: State) -> Bool {
            a.position == b.position && a.score == b.score && a.typos == b.typos && a.slots.count == b.slots.count
                && zip(a.slots, b.slots).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(position)
            hasher.combine(score)
            hasher.combine(typos)
            for (name, value) in slots {
                hasher.combine(name)
                hasher.combine(value)
            }
        }
    }

    let sentence: String
    let tokens: [Token]
    let words: [String]
    let known: Set<String>
    let catalogue: Catalogue
    let time: TimeExpressionParser
    let toleratingTypos: Bool
    /// Time expressions found at each position, per leaning (parsed once per sentence).
    var timeCache: [Int: [TimeMatch]] = [:]
    var futureTimeCache: [Int: [TimeMatch]] = [:]

    mutating func match(_ pattern: Pattern, _ states: [State]) -> [State] {
        guard !states.isEmpty else { return [] }
        switch pattern {
        case .word(let word):
            return states.compactMap { state in
                guard state.position < words.count else { return nil }
                var next = state
                next.position += 1
                if words[state.position] == word {
                    next.score += 1
                } else if !known.contains(words[state.position]), isTypo(words[state.position], of: word) {
                    next.typos += 1
                } else {
                    return nil
                }
                return next
            }
        case .sequence(let items):
            var current = states
            for item in items {
                current = match(item, current)
                if current.isEmpty { return [] }
            }
            return current
        case .choice(let options):
            var results: [State] = []
            for option in options { results += match(option, states) }
            guard results.count > 1 else { return results }
            // Alternatives often reach the same state ("spoke to" and "spoke"); keep one of each,
            // in order. Most choices leave a handful, which a scan handles without hashing.
            var distinct: [State] = []
            if results.count <= 8 {
                for state in results where !distinct.contains(state) { distinct.append(state) }
            } else {
                var seen: Set<State> = []
                for state in results where seen.insert(state).inserted { distinct.append(state) }
            }
            return Array(distinct.prefix(ReferenceMatcher.stateLimit))
        case .slot(let type, let name):
            return states.flatMap { fill(type: type, name: name, from: $0) }
        case .fixed(let name, let value):
            return states.map { state in
                var next = state
                next.slots.append((name, .canonical(value)))
                return next
            }
        case .rule:
            return []  // rules are expanded when the catalogue loads
        }
    }

    private mutating func fill(type: String, name: String, from state: State) -> [State] {
        let kind = catalogue.slotKinds[type] ?? (catalogue.lists[type] != nil ? .list(type) : nil)
        guard let kind, state.position < words.count else { return [] }
        func advance(_ count: Int, _ value: SlotValue, explained: Bool) -> State {
            var next = state
            next.position += count
            next.slots.append((name, value))
            if explained { next.score += count }
            return next
        }
        switch kind {
        case .list(let listName):
            guard let list = catalogue.lists[listName] else { return [] }
            var found: [State] = []
            for entry in list.entries {
                for phrasing in entry.phrasings where words[state.position...].starts(with: phrasing) {
                    found.append(advance(phrasing.count, .canonical(entry.canonical), explained: true))
                }
                guard toleratingTypos else { continue }
                for phrasing in entry.phrasings where words.count - state.position >= phrasing.count {
                    let typed = words[state.position..<state.position + phrasing.count]
                    let typos = zip(typed, phrasing).filter { $0 != $1 }
                    if typos.count == 1, !known.contains(typos[0].0), isTypo(typos[0].0, of: typos[0].1) {
                        var next = advance(phrasing.count, .canonical(entry.canonical), explained: false)
                        next.score += phrasing.count - 1
                        next.typos += 1
                        found.append(next)
                    }
                }
            }
            return found
        case .number:
            guard let n = TimeExpressionParser.number(words[state.position]) else { return [] }
            return [advance(1, .number(n), explained: true)]
        case .path:
            guard Tokenizer.isPath(words[state.position]) else { return [] }
            return [advance(1, .text(text(state.position, state.position + 1)), explained: true)]
        case .cadence:
            return CadenceParser.parse(words[state.position...]).map {
                advance($0.length, .number($0.days), explained: true)
            }
        case .period, .upcoming, .date, .due:
            return timeMatches(at: state.position, future: kind == .due || kind == .upcoming).compactMap { match in
                switch (kind, match.value) {
                case (.period, let value), (.upcoming, let value):
                    return advance(match.length, .time(.period(value.period)), explained: true)
                case (.date, .day), (.due, .day):
                    return advance(match.length, .time(match.value), explained: true)
                case (.due, .period(let period)):
                    return advance(match.length, .time(.day(period.start)), explained: true)
                default:
                    return nil
                }
            }
        case .name, .label:
            var found: [State] = []
            var end = state.position
            while end < words.count, end - state.position < 4, !ReferenceMatcher.nameStopWords.contains(words[end]),
                  kind == .name || words[end].contains(where: { $0.isLetter || $0.isNumber }) {
                end += 1
                found.append(advance(end - state.position, .text(text(state.position, end)), explained: false))
                let after = tokens[end - 1].range.upperBound
                if after < sentence.endIndex, [",", ";", ":"].contains(sentence[after]) { break }
            }
            return found
        case .names:
            var found: [State] = []
            var end = state.position
            while end < words.count, end - state.position < 16 {
                let word = words[end]
                if ReferenceMatcher.nameStopWords.contains(word) && word != "and" { break }
                end += 1
                if word == "and" { continue }
                let names = splitNames(text(state.position, end))
                if !names.isEmpty { found.append(advance(end - state.position, .names(names), explained: false)) }
            }
            return found
        case .text:
            var found: [State] = []
            for end in (state.position + 1)...words.count {
                found.append(advance(end - state.position, .text(text(state.position, end)), explained: false))
                if end < words.count, Tokenizer.endsSentence(after: tokens[end - 1], in: sentence) { break }
            }
            return found
        }
    }

    /// A word typed one edit away from a template word of four letters or more, keeping its
    /// first letter (or swapping the first two): people slip inside a word, rarely at its start.
    private func isTypo(_ typed: String, of word: String) -> Bool {
        guard toleratingTypos, typed.count >= 3, word.count >= 3, withinOneEdit(typed, word) else { return false }
        // Short words only forgive swapped letters ("hwo"); longer ones any single slip.
        if word.count < 4 && typed.sorted() != word.sorted() { return false }
        // A word cut short or run on is another form, not a slip: "facetime Em" asks for a call
        // that "facetimed Em" logs.
        if typed.hasPrefix(word) || word.hasPrefix(typed) { return false }
        return typed.first == word.first || (Array(typed.prefix(2)) == Array(word.prefix(2)).reversed())
    }

    private mutating func timeMatches(at position: Int, future: Bool) -> [TimeMatch] {
        if future {
            if let cached = futureTimeCache[position] { return cached }
            let found = time.parse(words[position...], leaning: .future)
            futureTimeCache[position] = found
            return found
        }
        if let cached = timeCache[position] { return cached }
        let found = time.parse(words[position...], leaning: .past)
        timeCache[position] = found
        return found
    }

    /// The original text from token `start` up to token `end` (exclusive).
    private func text(_ start: Int, _ end: Int) -> String {
        String(sentence[tokens[start].range.lowerBound..<tokens[end - 1].range.upperBound])
    }

    /// "Ruth, Bob and Carol" → ["Ruth", "Bob", "Carol"]; empty if any part is empty.
    private func splitNames(_ text: String) -> [String] {
        var parts: [String] = []
        for chunk in text.split(separator: ",", omittingEmptySubsequences: false) {
            var words: [Substring] = []
            for word in chunk.split(separator: " ") {
                if word.lowercased() == "and" || word == "&" {
                    parts.append(words.joined(separator: " "))
                    words = []
                } else {
                    words.append(word)
                }
            }
            parts.append(words.joined(separator: " "))
        }
        let names = parts.map(\.trimmed)
        return names.contains(where: \.isEmpty) ? [] : names
    }
}

enum ReferenceTokenizer {
    /// Characters stripped from either end of a chunk: "Diane?" → "diane", "(Bob)" → "bob".
    static let edgePunctuation: Set<Character> = [".", ",", "!", "?", ";", ":", "\"", "(", ")", "[", "]", "“", "”", "…"]

    /// Lines longer than this are refused before matching, which bounds the matcher's work.
    static let maximumLength = 500

    /// Whether a line is too long to match: over `maximumLength` characters, over four times as
    /// many Unicode scalars, or with one character of more than `maximumScalarsPerCharacter`.
    /// One character may carry thousands of combining marks (a 1 MB "é́́́…" took 12 s to refuse
    /// in a debug build), and every comparison of a word normalises its characters whole.
    static func isTooLong(_ text: String) -> Bool {
        text.unicodeScalars.count > 4 * maximumLength || text.count > maximumLength
            || text.contains { $0.unicodeScalars.count > maximumScalarsPerCharacter }
    }

    /// Unicode's stream-safe text format allows 30 combining marks after a base character; the
    /// longest emoji sequences have 10 scalars.
    static let maximumScalarsPerCharacter = 32

    static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var index = text.startIndex
        while index < text.endIndex {
            guard !text[index].isWhitespace else {
                index = text.index(after: index)
                continue
            }
            var end = index
            while end < text.endIndex, !text[end].isWhitespace, !(end > index && joinsTwoWords(text, at: end)) {
                end = text.index(after: end)
            }
            appendChunk(text, index..<end, to: &tokens)
            index = end
        }
        return tokens
    }

    /// A comma or semicolon typed without the space after it, between a letter and a letter or
    /// digit ("ok,who"), parts two words; "1,000" stays one.
    private static func joinsTwoWords(_ text: String, at index: String.Index) -> Bool {
        guard [",", ";"].contains(text[index]), index > text.startIndex, text.index(after: index) < text.endIndex else {
            return false
        }
        let before = text[text.index(before: index)], after = text[text.index(after: index)]
        return before.isLetter && (after.isLetter || after.isNumber)
    }

    private static func appendChunk(_ text: String, _ chunk: Range<String.Index>, to tokens: inout [Token]) {
        var lower = chunk.lowerBound
        var upper = chunk.upperBound
        while lower < upper, edgePunctuation.contains(text[lower]) { lower = text.index(after: lower) }
        while lower < upper, edgePunctuation.contains(text[text.index(before: upper)]) {
            upper = text.index(before: upper)
        }
        guard lower < upper else { return }
        let word = String(text[lower..<upper].lowercased().map { $0 == "’" ? "'" : $0 })
        // Split a possessive or "is" contraction off its word: "diane's" → "diane" "'s".
        if word.count > 2, word.hasSuffix("'s") {
            let apostrophe = text.index(upper, offsetBy: -2)
            tokens.append(Token(word: String(word.dropLast(2)), range: lower..<apostrophe))
            tokens.append(Token(word: "'s", range: apostrophe..<upper))
        } else if word.count > 1, word.hasSuffix("'"), word.dropLast().last == "s" {
            // "the Joneses'" / "James'" possessive.
            let apostrophe = text.index(before: upper)
            tokens.append(Token(word: String(word.dropLast()), range: lower..<apostrophe))
            tokens.append(Token(word: "'s", range: apostrophe..<upper))
        } else {
            tokens.append(Token(word: word, range: lower..<upper))
        }
    }
}
