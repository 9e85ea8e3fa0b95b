import KithText
import KithTime

/// A catalogue's templates compiled for matching: every distinct subpattern one node of a flat
/// array, every word a number. Built once per `Matcher`; immutable and shared afterwards.
final class MatchProgram: Sendable {
    enum Op: UInt8 {
        case word, sequence, choice, slot, fixed, never
    }

    /// One node: a word (`a`: its number), a sequence or choice (`a`..<`a + b` in `children`), a
    /// slot (`a`: its entry in `slots`), a fixed slot (`a`: slot name, `b`: value, in `names`).
    struct Node {
        var op: Op
        var a: Int32
        var b: Int32
    }

    /// How a slot reads words, resolved from its type when the program is built.
    enum SlotRead {
        case never, period, upcoming, date, due, name, names, label, text, number, cadence, path
        case list(Int)
    }

    struct Slot {
        let read: SlotRead
        /// The slot's name, in `names`.
        let name: Int32
        /// The slot's type as written, in `names` (to give the template back its pattern).
        let type: Int32
    }

    struct ListEntry {
        /// The canonical value, in `names`.
        let canonical: Int32
        let phrasings: [[Int32]]
    }

    struct Template {
        let intent: Int
        let sentence: Int
        let root: Int32
        /// Words every sentence the template matches contains, ascending: `templateWords[required]`.
        let required: Range<Int>
        /// The words it can begin with, ascending (`templateWords[first]`); nil when it can begin
        /// with a slot.
        let first: Range<Int>?
        /// Its text as written, `sourceText[source]`.
        let source: Range<Int>
        let file: String
        let line: Int
    }

    let nodes: [Node]
    let children: [Int32]
    let slots: [Slot]
    let lists: [[ListEntry]]
    /// Slot names and types, canonical values, fixed values and rule names.
    let names: [String]
    let templates: [Template]
    /// The templates' required and first words, one array for all.
    let templateWords: [Int32]
    /// The templates' texts as written, UTF-8, one after the other.
    let sourceText: [UInt8]
    /// Each intent's name, in catalogue order.
    let intentNames: [String]
    /// The catalogue's own templates, when the program was built from it; nil when it was
    /// decoded, and each matched template is rebuilt from the program (`sentence(_:)`).
    let sentenceTemplates: [SentenceTemplate]?
    /// Without `sentenceTemplates`, those rebuilt so far.
    private let rebuiltSentences: DeferredTable<SentenceTemplate>

    /// The number of every word a template, list, skip phrase, substitution or the name slots
    /// know; a sentence word outside them is -1, which equals no template word.
    let wordNumbers: WordTable
    var words: [String] { wordNumbers.words }
    let isStopWord: [Bool]
    let and: Int32

    /// Templates (indexes into `templates`, ascending) that can begin with word `w`:
    /// `startTemplates[startOffsets[w]..<startOffsets[w + 1]]`; and those that can begin with
    /// a slot, and so with any word.
    let startOffsets: [Int32]
    let startTemplates: [Int32]
    let anyStart: [Int32]

    let skipPhrases: [[Int32]]
    /// Source words and replacement words, sources in ascending order.
    let substitutions: [(source: [String], replacement: [String])]
    /// Per word number: whether a substitution's source begins with the word.
    let startsSubstitution: [Bool]
    let longestSubstitution: Int

    /// Compiles `catalogue`: for one loaded from text (each `Matcher` over it compiles its own),
    /// and when writing the compiled form; the built-in catalogue carries its program ready.
    convenience init(catalogue: Catalogue) {
        let graph = PatternGraph(intents: catalogue.intents)
        let stopWords = Matcher.nameStopWords
        var wordNumbers: [String: Int32] = [:]
        var words: [String] = []
        wordNumbers.reserveCapacity(2 * graph.nodes.count)
        words.reserveCapacity(2 * graph.nodes.count)
        func number(_ word: String) -> Int32 {
            if let known = wordNumbers[word] { return known }
            words.append(word)
            wordNumbers[word] = Int32(words.count - 1)
            return Int32(words.count - 1)
        }
        var nameNumbers: [String: Int32] = [:]
        var names: [String] = []
        func name(_ text: String) -> Int32 {
            if let known = nameNumbers[text] { return known }
            names.append(text)
            nameNumbers[text] = Int32(names.count - 1)
            return Int32(names.count - 1)
        }

        var listIndex: [String: Int] = [:]
        var lists: [[ListEntry]] = []
        for listName in catalogue.lists.keys.sorted() {
            listIndex[listName] = lists.count
            lists.append(catalogue.lists[listName]!.entries.map { entry in
                ListEntry(canonical: name(entry.canonical), phrasings: entry.phrasings.map { $0.map(number) })
            })
        }

        var nodes: [Node] = []
        var children: [Int32] = []
        var slots: [Slot] = []
        nodes.reserveCapacity(graph.nodes.count)
        for node in graph.nodes {
            switch node {
            case .word(let word):
                nodes.append(Node(op: .word, a: number(word), b: 0))
            case .sequence(let items), .choice(let items):
                let isSequence = if case .sequence = node { true } else { false }
                nodes.append(Node(op: isSequence ? .sequence : .choice, a: Int32(children.count), b: Int32(items.count)))
                children += items
            case .slot(let type, let slotName):
                let kind = catalogue.slotKinds[type] ?? (catalogue.lists[type] != nil ? .list(type) : nil)
                let read: SlotRead
                switch kind {
                case nil: read = .never
                case .period?: read = .period
                case .upcoming?: read = .upcoming
                case .date?: read = .date
                case .due?: read = .due
                case .name?: read = .name
                case .names?: read = .names
                case .label?: read = .label
                case .text?: read = .text
                case .number?: read = .number
                case .cadence?: read = .cadence
                case .path?: read = .path
                case .list(let listName)?: read = listIndex[listName].map(SlotRead.list) ?? .never
                }
                nodes.append(Node(op: .slot, a: Int32(slots.count), b: 0))
                slots.append(Slot(read: read, name: name(slotName), type: name(type)))
            case .fixed(let slotName, let value):
                nodes.append(Node(op: .fixed, a: name(slotName), b: name(value)))
            case .rule(let rule):
                // Rules are expanded when the catalogue loads; one left matches nothing.
                nodes.append(Node(op: .never, a: name(rule), b: 0))
            }
        }

        var templates: [Template] = []
        var sentenceTemplates: [SentenceTemplate] = []
        var templateWords: [Int32] = []
        var sourceText: [UInt8] = []
        func add(_ words: [Int32]) -> Range<Int> {
            templateWords += words
            return (templateWords.count - words.count)..<templateWords.count
        }
        for (i, intent) in catalogue.intents.enumerated() {
            for (j, template) in intent.sentences.enumerated() {
                let required = add(template.requiredWords.map(number).sorted())
                let first = template.firstWords.map { add($0.map(number).sorted()) }
                sourceText += template.source.utf8
                templates.append(Template(intent: i, sentence: j, root: graph.roots[i][j], required: required,
                                          first: first,
                                          source: (sourceText.count - template.source.utf8.count)..<sourceText.count,
                                          file: template.file, line: template.line))
                sentenceTemplates.append(template)
            }
        }

        let skipPhrases = catalogue.skipPhrases.map { $0.map(number) }
        for (source, replacement) in catalogue.substitutions.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            source.forEach { _ = number($0) }
            replacement.forEach { _ = number($0) }
        }
        let and = number("and")
        stopWords.sorted().forEach { _ = number($0) }
        var isStopWord = [Bool](repeating: false, count: words.count)
        for word in stopWords { isStopWord[Int(wordNumbers[word]!)] = true }

        self.init(nodes: nodes, children: children, slots: slots, lists: lists, names: names, templates: templates,
                  templateWords: templateWords, sourceText: sourceText, intentNames: catalogue.intents.map(\.name), sentenceTemplates: sentenceTemplates,
                  words: WordTable(words), isStopWord: isStopWord, and: and, skipPhrases: skipPhrases,
                  substitutions: catalogue.substitutions.sorted { $0.key.lexicographicallyPrecedes($1.key) }
                      .map { (source: $0.key, replacement: $0.value) })
    }

    /// A program from its parts; the start index and substitution starts are derived here.
    init(nodes: [Node], children: [Int32], slots: [Slot], lists: [[ListEntry]], names: [String],
         templates: [Template], templateWords: [Int32], sourceText: [UInt8], intentNames: [String], sentenceTemplates: [SentenceTemplate]?,
         words: WordTable, isStopWord: [Bool], and: Int32, skipPhrases: [[Int32]],
         substitutions: [(source: [String], replacement: [String])]) {
        let wordCount = words.words.count
        // Templates by first word, as one flat array: counted, then placed in template order.
        var offsets = [Int32](repeating: 0, count: wordCount + 1)
        var anyStart: [Int32] = []
        for (index, template) in templates.enumerated() {
            if let first = template.first {
                for word in templateWords[first] { offsets[Int(word) + 1] += 1 }
            } else {
                anyStart.append(Int32(index))
            }
        }
        for w in 0..<wordCount { offsets[w + 1] += offsets[w] }
        var next = offsets
        var starting = [Int32](repeating: 0, count: Int(offsets[wordCount]))
        for (index, template) in templates.enumerated() {
            for word in templateWords[template.first ?? 0..<0] {
                starting[Int(next[Int(word)])] = Int32(index)
                next[Int(word)] += 1
            }
        }
        self.nodes = nodes
        self.children = children
        self.slots = slots
        self.lists = lists
        self.names = names
        self.templates = templates
        self.templateWords = templateWords
        self.sourceText = sourceText
        self.intentNames = intentNames
        self.sentenceTemplates = sentenceTemplates
        rebuiltSentences = DeferredTable(count: sentenceTemplates == nil ? templates.count : 0)
        self.wordNumbers = words
        self.isStopWord = isStopWord
        self.and = and
        self.startOffsets = offsets
        self.startTemplates = starting
        self.anyStart = anyStart
        self.skipPhrases = skipPhrases
        self.substitutions = substitutions
        var starts = [Bool](repeating: false, count: wordCount)
        var longest = 0
        for (source, _) in substitutions {
            // Every source word is numbered, so a sentence word that begins one has a number.
            if let first = source.first { starts[Int(words.id(first))] = true }
            longest = max(longest, source.count)
        }
        self.startsSubstitution = starts
        self.longestSubstitution = substitutions.isEmpty ? 1 : longest
    }

    /// The template as the catalogue has it, its pattern rebuilt from the program when the
    /// program was decoded (only for the templates a sentence matched).
    func sentence(_ index: Int) -> SentenceTemplate {
        if let sentenceTemplates { return sentenceTemplates[index] }
        return rebuiltSentences.value(at: index) { rebuildSentence(index) }
    }

    private func rebuildSentence(_ index: Int) -> SentenceTemplate {
        let template = templates[index]
        return SentenceTemplate(source: String(decoding: sourceText[template.source], as: UTF8.self),
                                file: template.file, line: template.line, pattern: pattern(template.root),
                                requiredWords: Set(templateWords[template.required].map { words[Int($0)] }),
                                firstWords: template.first.map { Set(templateWords[$0].map { words[Int($0)] }) })
    }

    /// The pattern a node of the program was compiled from.
    func pattern(_ index: Int32) -> Pattern {
        let node = nodes[Int(index)]
        switch node.op {
        case .word: return .word(words[Int(node.a)])
        case .sequence: return .sequence(children[Int(node.a)..<Int(node.a + node.b)].map(pattern))
        case .choice: return .choice(children[Int(node.a)..<Int(node.a + node.b)].map(pattern))
        case .slot:
            let slot = slots[Int(node.a)]
            return .slot(type: names[Int(slot.type)], name: names[Int(slot.name)])
        case .fixed: return .fixed(name: names[Int(node.a)], value: names[Int(node.b)])
        case .never: return .rule(names[Int(node.a)])
        }
    }

    /// The word's number, or -1 for a word no template, list or skip phrase uses.
    func wordID(_ word: String) -> Int32 { wordNumbers.id(word) }

    private func startsSubstitution(_ word: String) -> Bool {
        let id = wordNumbers.id(word)
        return id >= 0 && startsSubstitution[Int(id)]
    }

    /// The part of a sentence left when skip phrases are trimmed from both ends.
    func withoutSkipPhrases(_ ids: [Int32]) -> Range<Int> {
        var lower = 0, upper = ids.count
        var trimmed = true
        while trimmed {
            trimmed = false
            for phrase in skipPhrases where phrase.count < upper - lower {
                if ids[lower..<(lower + phrase.count)].elementsEqual(phrase) {
                    lower += phrase.count
                    trimmed = true
                } else if ids[(upper - phrase.count)..<upper].elementsEqual(phrase) {
                    upper -= phrase.count
                    trimmed = true
                }
            }
        }
        return lower..<upper
    }

    /// Rewrites each span that is a substitution's source; the replacement words keep the
    /// span's place in the original text, so slots still return what the user typed.
    func substitute(_ tokens: [Token]) -> [Token] {
        guard !substitutions.isEmpty, tokens.contains(where: { startsSubstitution($0.word) }) else {
            return tokens
        }
        let longest = longestSubstitution
        var result: [Token] = []
        var i = 0
        while i < tokens.count {
            var replaced = false
            for length in stride(from: min(longest, tokens.count - i), through: 1, by: -1)
            where startsSubstitution(tokens[i].word) {
                let span = tokens[i..<i + length]
                guard let replacement = substitutions.first(where: {
                    $0.source.count == length && $0.source.elementsEqual(span.lazy.map(\.word))
                })?.replacement else { continue }
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

    /// The templates that could match a sentence of these words, in catalogue order (which
    /// breaks ties); with typos tolerated, every template.
    func candidates(_ ids: [Int32], toleratingTypos: Bool) -> [Int32] {
        if toleratingTypos { return Array(0..<Int32(templates.count)) }
        guard let first = ids.first else { return [] }
        // Both lists ascend; merged, they stay in catalogue order (which breaks ties).
        let starting = first >= 0 ? startTemplates[Int(startOffsets[Int(first)])..<Int(startOffsets[Int(first) + 1])] : []
        var found: [Int32] = []
        var i = 0, j = 0
        while i < starting.count || j < anyStart.count {
            let next: Int32
            if j == anyStart.count || (i < starting.count && starting[starting.startIndex + i] < anyStart[j]) {
                next = starting[starting.startIndex + i]
                i += 1
            } else {
                next = anyStart[j]
                j += 1
            }
            if templateWords[templates[Int(next)].required].allSatisfy(ids.contains) { found.append(next) }
        }
        return found
    }
}

/// Matching one sentence (its words numbered) against the program, breadth first: each node
/// takes the list of partial matches reaching it and gives the list leaving it, in the order
/// the ranking's ties depend on. Partial matches live in one buffer, lists as ranges of it.
struct MatchRun {
    /// A partial match: where it has reached, what it explained, its typos, and its slots.
    struct State: Hashable {
        var position: Int32
        var score: Int32
        var typos: Int32
        /// The last slot filled (an index into `entries`), -1 for none.
        var slots: Int32
    }

    enum ValueKind: UInt8 {
        /// Tokens `value..<extra`, as typed.
        case text
        /// `names[value]`.
        case names
        /// `program.names[value]`.
        case canonical
        case number
        /// Days since the epoch.
        case day
        /// Days `value...extra`.
        case period
    }

    /// One filled slot and the slot filled before it. Entries are shared: equal chains are the
    /// same entry, so two partial matches are equal when their four integers are.
    struct Entry: Hashable {
        var previous: Int32
        var name: Int32
        var kind: ValueKind
        var value: Int
        var extra: Int
    }

    let program: MatchProgram
    let sentence: String
    let tokens: [Token]
    let words: [String]
    let ids: [Int32]
    let count: Int32
    let time: TimeExpressionParser
    let toleratingTypos: Bool

    var states: [State] = []
    var entries: [Entry] = []
    var entryNumbers: [Entry: Int32] = [:]
    var nameLists: [[String]] = []
    var nameListNumbers: [[String]: Int] = [:]
    /// Bounds of the option results a choice is collecting (pairs), across nested choices.
    var pending: [Int] = []
    /// Time expressions found at each position, per leaning (parsed once per sentence).
    var pastTimes: [[TimeMatch]?] = []
    var futureTimes: [[TimeMatch]?] = []

    init(program: MatchProgram, sentence: String, tokens: [Token], ids: [Int32], time: TimeExpressionParser,
         toleratingTypos: Bool) {
        self.program = program
        self.sentence = sentence
        self.tokens = tokens
        self.words = tokens.map(\.word)
        self.ids = ids
        self.count = Int32(tokens.count)
        self.time = time
        self.toleratingTypos = toleratingTypos
        states.reserveCapacity(64)
    }

    /// Matches every candidate template, appending complete matches in catalogue order.
    mutating func matchCandidates(into results: inout [Recognition]) {
        for index in program.candidates(ids, toleratingTypos: toleratingTypos) {
            let template = program.templates[Int(index)]
            states.removeAll(keepingCapacity: true)
            states.append(State(position: 0, score: 0, typos: 0, slots: -1))
            let found = match(template.root, 0..<1)
            for i in found where states[i].position == count {
                let state = states[i]
                results.append(Recognition(intent: program.intentNames[template.intent], slots: slots(of: state),
                                           template: program.sentence(Int(index)),
                                           score: Int(state.score), typos: Int(state.typos)))
            }
        }
    }

    /// The slots of a complete match; a slot filled twice keeps its first value.
    func slots(of state: State) -> [String: SlotValue] {
        var chain: [Entry] = []
        var entry = state.slots
        while entry >= 0 {
            chain.append(entries[Int(entry)])
            entry = entries[Int(entry)].previous
        }
        var slots: [String: SlotValue] = [:]
        for entry in chain.reversed() {
            let name = program.names[Int(entry.name)]
            guard slots[name] == nil else { continue }
            slots[name] = value(of: entry)
        }
        return slots
    }

    func value(of entry: Entry) -> SlotValue {
        switch entry.kind {
        case .text: return .text(text(entry.value, entry.extra))
        case .names: return .names(nameLists[entry.value])
        case .canonical: return .canonical(program.names[entry.value])
        case .number: return .number(entry.value)
        case .day: return .time(.day(CalendarDate(daysSinceEpoch: entry.value)))
        case .period:
            return .time(.period(Period(CalendarDate(daysSinceEpoch: entry.value),
                                        CalendarDate(daysSinceEpoch: entry.extra))))
        }
    }

    /// Matches a node against the partial matches `input` (a range of `states`) and returns the
    /// range of `states` holding the partial matches that leave it.
    mutating func match(_ index: Int32, _ input: Range<Int>) -> Range<Int> {
        guard !input.isEmpty else { return input }
        let node = program.nodes[Int(index)]
        switch node.op {
        case .word:
            let start = states.count
            for i in input {
                var state = states[i]
                guard state.position < count else { continue }
                let position = Int(state.position)
                if ids[position] == node.a {
                    state.score += 1
                } else if toleratingTypos, ids[position] < 0, isTypo(words[position], of: program.words[Int(node.a)]) {
                    state.typos += 1
                } else {
                    continue
                }
                state.position += 1
                states.append(state)
            }
            return start..<states.count
        case .sequence:
            var current = input
            for child in node.a..<(node.a + node.b) {
                current = match(program.children[Int(child)], current)
                if current.isEmpty { return current }
            }
            return current
        case .choice:
            let mark = pending.count
            defer { pending.removeSubrange(mark...) }
            var total = 0
            for child in node.a..<(node.a + node.b) {
                let found = match(program.children[Int(child)], input)
                guard !found.isEmpty else { continue }
                pending.append(found.lowerBound)
                pending.append(found.upperBound)
                total += found.count
            }
            if total == 0 { return states.count..<states.count }
            if total == 1 { return pending[mark]..<pending[mark + 1] }
            // Alternatives often reach the same state ("spoke to" and "spoke"); keep one of each,
            // in order. Most choices leave a handful, which a scan handles without hashing.
            let start = states.count
            let limit = start + Matcher.stateLimit
            if total <= 8 {
                for k in stride(from: mark, to: pending.count, by: 2) {
                    for i in pending[k]..<pending[k + 1] {
                        let state = states[i]
                        if !states[start...].contains(state) { states.append(state) }
                    }
                }
            } else {
                var seen: Set<State> = []
                seen.reserveCapacity(total)
                outer: for k in stride(from: mark, to: pending.count, by: 2) {
                    for i in pending[k]..<pending[k + 1] where seen.insert(states[i]).inserted {
                        states.append(states[i])
                        if states.count == limit { break outer }
                    }
                }
            }
            return start..<states.count
        case .slot:
            let start = states.count
            let slot = program.slots[Int(node.a)]
            for i in input { fill(slot, from: states[i]) }
            return start..<states.count
        case .fixed:
            let start = states.count
            for i in input {
                var state = states[i]
                state.slots = entry(previous: state.slots, name: node.a, .canonical, Int(node.b))
                states.append(state)
            }
            return start..<states.count
        case .never:
            return states.count..<states.count
        }
    }

    /// The shared entry for a slot filled after `previous`.
    mutating func entry(previous: Int32, name: Int32, _ kind: ValueKind, _ value: Int, _ extra: Int = 0) -> Int32 {
        let entry = Entry(previous: previous, name: name, kind: kind, value: value, extra: extra)
        if let known = entryNumbers[entry] { return known }
        entries.append(entry)
        entryNumbers[entry] = Int32(entries.count - 1)
        return Int32(entries.count - 1)
    }

    /// Appends every way the slot can be filled from `state`.
    private mutating func fill(_ slot: MatchProgram.Slot, from state: State) {
        guard state.position < count else { return }
        let position = Int(state.position)
        func advance(_ length: Int, _ kind: ValueKind, _ value: Int, _ extra: Int = 0, explained: Bool,
                     typos: Int32 = 0) {
            var next = state
            next.position += Int32(length)
            next.slots = entry(previous: state.slots, name: slot.name, kind, value, extra)
            if explained { next.score += Int32(length) }
            next.typos += typos
            states.append(next)
        }
        switch slot.read {
        case .never:
            return
        case .list(let list):
            for entry in program.lists[list] {
                for phrasing in entry.phrasings where ids[position...].starts(with: phrasing) {
                    advance(phrasing.count, .canonical, Int(entry.canonical), explained: true)
                }
                guard toleratingTypos else { continue }
                for phrasing in entry.phrasings where ids.count - position >= phrasing.count {
                    var slip: (typed: String, word: String)?
                    var slips = 0
                    var known = false
                    for (offset, word) in phrasing.enumerated() where ids[position + offset] != word {
                        slips += 1
                        slip = (words[position + offset], program.words[Int(word)])
                        known = ids[position + offset] >= 0
                    }
                    if slips == 1, !known, let slip, isTypo(slip.typed, of: slip.word) {
                        advance(phrasing.count, .canonical, Int(entry.canonical), explained: false, typos: 1)
                        states[states.count - 1].score += Int32(phrasing.count - 1)
                    }
                }
            }
        case .number:
            guard let n = TimeExpressionParser.number(words[position]) else { return }
            advance(1, .number, n, explained: true)
        case .cadence:
            for found in CadenceParser.parse(words[position...]) {
                advance(found.length, .number, found.days, explained: true)
            }
        case .path:
            if Tokenizer.isPath(words[position]) { advance(1, .text, position, position + 1, explained: true) }
        case .period, .upcoming, .date, .due:
            let future: Bool
            switch slot.read {
            case .due, .upcoming: future = true
            default: future = false
            }
            for found in timeMatches(at: position, future: future) {
                switch (slot.read, found.value) {
                case (.period, let value), (.upcoming, let value):
                    let period = value.period
                    advance(found.length, .period, period.start.daysSinceEpoch, period.end.daysSinceEpoch, explained: true)
                case (.date, .day(let day)), (.due, .day(let day)):
                    advance(found.length, .day, day.daysSinceEpoch, explained: true)
                case (.due, .period(let period)):
                    advance(found.length, .day, period.start.daysSinceEpoch, explained: true)
                default:
                    continue
                }
            }
        case .name, .label:
            // A name or label ends at a comma, a colon or a semicolon: "add Mei Lin, neighbor".
            var end = position
            while end < words.count, end - position < 4, !isStopWord(end),
                  slot.read.isName || words[end].contains(where: { $0.isLetter || $0.isNumber }) {
                end += 1
                advance(end - position, .text, position, end, explained: false)
                if endsClause(end - 1) { break }
            }
        case .names:
            var end = position
            while end < words.count, end - position < 16 {
                let isAnd = ids[end] == program.and
                if isStopWord(end) && !isAnd { break }
                end += 1
                if isAnd { continue }
                let names = splitNames(text(position, end))
                if !names.isEmpty { advance(end - position, .names, nameList(names), explained: false) }
            }
        case .text:
            // Free text runs to the end of its sentence: "update Lukas's city to Berlin? He has
            // moved." gives Berlin.
            for end in (position + 1)...words.count {
                advance(end - position, .text, position, end, explained: false)
                if end < words.count, endsSentence(end - 1) { break }
            }
        }
    }

    /// Whether the token is typed right before a comma, colon or semicolon ("Lin," in "add Mei
    /// Lin, neighbor").
    func endsClause(_ position: Int) -> Bool {
        let end = tokens[position].range.upperBound
        guard end < sentence.endIndex else { return false }
        return Tokenizer.clausePunctuation.contains(sentence[end])
    }

    /// Whether a sentence ends after the token: a question or exclamation mark, a semicolon, or a
    /// full stop after a word longer than an abbreviation ("St. Cecilia's" goes on).
    func endsSentence(_ position: Int) -> Bool {
        Tokenizer.endsSentence(after: tokens[position], in: sentence)
    }

    private func isStopWord(_ position: Int) -> Bool {
        let id = ids[position]
        return id >= 0 && program.isStopWord[Int(id)]
    }

    private mutating func nameList(_ names: [String]) -> Int {
        if let known = nameListNumbers[names] { return known }
        nameLists.append(names)
        nameListNumbers[names] = nameLists.count - 1
        return nameLists.count - 1
    }

    /// A word typed one edit away from a template word of four letters or more, keeping its
    /// first letter (or swapping the first two): people slip inside a word, rarely at its start.
    /// A word Kith itself knows is never a slip ("ring" is not "rang", "not" is not "note"): the
    /// callers check that first.
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
            if futureTimes.isEmpty { futureTimes = Array(repeating: nil, count: words.count) }
            if let cached = futureTimes[position] { return cached }
            let found = time.parse(words[position...], leaning: .future)
            futureTimes[position] = found
            return found
        }
        if pastTimes.isEmpty { pastTimes = Array(repeating: nil, count: words.count) }
        if let cached = pastTimes[position] { return cached }
        let found = time.parse(words[position...], leaning: .past)
        pastTimes[position] = found
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

extension MatchProgram.SlotRead {
    var isName: Bool {
        if case .name = self { return true }
        return false
    }
}

/// Words and their numbers, looked up without Swift's hashed collections (whose first use in a
/// process costs a runtime conformance lookup, a third of a million instructions in the static
/// binary): open addressing over an FNV-1a hash of the UTF-8. Equal bytes are found by the
/// hash; a word that equals another only as Unicode (composed and decomposed accents) is found
/// by comparing it with every word that could be such a twin, so lookups agree with `==`.
struct WordTable: Sendable {
    let words: [String]
    /// Word number + 1 at each slot, 0 for an empty slot; the count is a power of two.
    private let slots: [Int32]
    /// The numbers of the words that are not ASCII.
    private let unicodeWords: [Int32]

    init(_ words: [String]) {
        self.words = words
        var size = 16
        while size < 2 * words.count { size *= 2 }
        var slots = [Int32](repeating: 0, count: size)
        var unicodeWords: [Int32] = []
        for (number, word) in words.enumerated() {
            let (hash, isASCII) = Self.hash(word)
            if !isASCII { unicodeWords.append(Int32(number)) }
            var slot = hash & (size - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = Int32(number + 1)
        }
        self.slots = slots
        self.unicodeWords = unicodeWords
    }

    /// The number of the word `==` to this one, or -1.
    func id(_ word: String) -> Int32 {
        let (hash, isASCII) = Self.hash(word)
        let mask = slots.count - 1
        var slot = hash & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if words[Int(entry - 1)] == word { return entry - 1 }
            slot = (slot + 1) & mask
        }
        // Missing from the table, a word can still equal one spelled otherwise. An ASCII word
        // can equal only a word beyond ASCII ("K" and the Kelvin sign). A word beyond ASCII can
        // equal an ASCII word only when its NFC form is that word; otherwise only words beyond
        // ASCII (comparing it with every word cost an accented name a scan of the vocabulary).
        if !isASCII {
            let nfc = word._nfcCodeUnits
            if nfc.allSatisfy({ $0 < 0x80 }) { return id(String(decoding: nfc, as: UTF8.self)) }
        }
        return unicodeWords.first { words[Int($0)] == word } ?? -1
    }

    private static func hash(_ word: String) -> (Int, isASCII: Bool) {
        if let found = word.utf8.withContiguousStorageIfAvailable(hash) { return found }
        return hash(Array(word.utf8))
    }

    private static func hash<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> (Int, isASCII: Bool) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var bits: UInt8 = 0
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            bits |= byte
        }
        return (Int(truncatingIfNeeded: hash ^ (hash >> 29)), bits < 0x80)
    }
}
