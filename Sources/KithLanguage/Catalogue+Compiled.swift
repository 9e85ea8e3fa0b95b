import KithTime

/// A loaded catalogue as compact bytes, so a binary can carry its catalogue already parsed,
/// expanded and checked: decoding takes well under a millisecond where loading the text of
/// `intents/` takes tens (docs/intents.md, "The built-in catalogue").
///
/// Layout (all integers LEB128 varints): the magic "KCAT", the format version, a table of
/// distinct strings, a table of distinct pattern nodes (children before parents, so shared rule
/// expansions stay shared), then the catalogue's fields, strings and patterns by table index.
/// Dictionaries and sets are written sorted, so the same catalogue always gives the same bytes.
extension Catalogue {
    /// Why bytes are not a compiled catalogue.
    public struct CompiledFormError: Error, CustomStringConvertible {
        public let reason: String
        public init(reason: String) { self.reason = reason }
        public var description: String { "not a compiled intent catalogue: \(reason)" }
    }

    static let compiledMagic: [UInt8] = Array("KCAT".utf8)
    static let compiledVersion = 2

    /// The catalogue as compiled bytes; `init(compiled:)` reads them back.
    public func compiled() -> [UInt8] {
        var body = CompiledWriter()
        body.integer(intents.count)
        for intent in intents {
            body.string(intent.name)
            body.string(intent.about)
            body.string(intent.file)
            body.integer(intent.slots.count)
            for slot in intent.slots {
                body.string(slot.name)
                body.integer(slot.optional ? 1 : 0)
            }
            body.integer(intent.sentences.count)
            for sentence in intent.sentences {
                body.string(sentence.source)
                body.string(sentence.file)
                body.integer(sentence.line)
                body.pattern(sentence.pattern)
                body.strings(sentence.requiredWords.sorted())
                if let firstWords = sentence.firstWords {
                    body.integer(1)
                    body.strings(firstWords.sorted())
                } else {
                    body.integer(0)
                }
            }
            body.integer(intent.examples.count)
            for example in intent.examples {
                body.string(example.sentence)
                body.string(example.file)
                body.integer(example.line)
                body.integer(example.slots.count)
                for (slot, value) in example.slots.sorted(by: { $0.key < $1.key }) {
                    body.string(slot)
                    body.string(value)
                }
            }
        }
        body.integer(lists.count)
        for (name, list) in lists.sorted(by: { $0.key < $1.key }) {
            body.string(name)
            body.integer(list.entries.count)
            for entry in list.entries {
                body.string(entry.canonical)
                body.integer(entry.phrasings.count)
                for phrasing in entry.phrasings { body.strings(phrasing) }
            }
        }
        body.integer(slotKinds.count)
        for (slot, kind) in slotKinds.sorted(by: { $0.key < $1.key }) {
            body.string(slot)
            body.slotKind(kind)
        }
        body.integer(skipPhrases.count)
        for phrase in skipPhrases { body.strings(phrase) }
        body.integer(substitutions.count)
        for (source, replacement) in substitutions.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            body.strings(source)
            body.strings(replacement)
        }
        body.integer(examplesToday.daysSinceEpoch)

        var out = CompiledWriter()
        out.bytes = Self.compiledMagic
        out.integer(Self.compiledVersion)
        out.integer(body.stringTable.count)
        for text in body.stringTable {
            out.integer(text.utf8.count)
            out.bytes += text.utf8
        }
        out.integer(body.nodes.count)
        out.bytes += body.nodeBytes
        out.bytes += body.bytes
        return out.bytes
    }

    /// Reads bytes written by `compiled()`; throws on anything else, including a catalogue
    /// compiled by another format version.
    public init(compiled bytes: [UInt8]) throws(CompiledFormError) {
        var reader = CompiledReader(bytes: bytes)
        guard bytes.starts(with: Self.compiledMagic) else { throw CompiledFormError(reason: "bad magic") }
        reader.position = Self.compiledMagic.count
        let version = try reader.integer()
        guard version == Self.compiledVersion else {
            throw CompiledFormError(reason: "format \(version), expected \(Self.compiledVersion)")
        }
        try reader.readTables()

        var intents: [IntentDefinition] = []
        var roots: [[Int32]] = []
        for _ in 0..<(try reader.count()) {
            let name = try reader.string(), about = try reader.string(), file = try reader.string()
            var slots: [SlotDeclaration] = []
            for _ in 0..<(try reader.count()) {
                slots.append(SlotDeclaration(name: try reader.string(), optional: try reader.integer() != 0))
            }
            var sentences: [SentenceTemplate] = []
            var sentenceRoots: [Int32] = []
            for _ in 0..<(try reader.count()) {
                let source = try reader.string(), sentenceFile = try reader.string(), line = try reader.integer()
                let (pattern, root) = try reader.patternAndIndex()
                sentenceRoots.append(Int32(root))
                let required = Set(try reader.strings())
                let firstWords = try reader.integer() == 0 ? nil : Set(try reader.strings())
                sentences.append(SentenceTemplate(source: source, file: sentenceFile, line: line, pattern: pattern,
                                                  requiredWords: required, firstWords: firstWords))
            }
            var examples: [IntentExample] = []
            for _ in 0..<(try reader.count()) {
                let sentence = try reader.string(), exampleFile = try reader.string(), line = try reader.integer()
                var values: [String: String] = [:]
                for _ in 0..<(try reader.count()) { values[try reader.string()] = try reader.string() }
                examples.append(IntentExample(sentence: sentence, slots: values, file: exampleFile, line: line))
            }
            intents.append(IntentDefinition(name: name, about: about, slots: slots, sentences: sentences,
                                            examples: examples, file: file))
            roots.append(sentenceRoots)
        }
        var lists: [String: SynonymList] = [:]
        for _ in 0..<(try reader.count()) {
            let name = try reader.string()
            var entries: [SynonymList.Entry] = []
            for _ in 0..<(try reader.count()) {
                let canonical = try reader.string()
                var phrasings: [[String]] = []
                for _ in 0..<(try reader.count()) { phrasings.append(try reader.strings()) }
                entries.append(SynonymList.Entry(canonical: canonical, phrasings: phrasings))
            }
            lists[name] = SynonymList(name: name, entries: entries)
        }
        var slotKinds: [String: SlotKind] = [:]
        for _ in 0..<(try reader.count()) { slotKinds[try reader.string()] = try reader.slotKind() }
        var skipPhrases: [[String]] = []
        for _ in 0..<(try reader.count()) { skipPhrases.append(try reader.strings()) }
        var substitutions: [[String]: [String]] = [:]
        for _ in 0..<(try reader.count()) { substitutions[try reader.strings()] = try reader.strings() }
        let today = CalendarDate(daysSinceEpoch: try reader.integer())
        guard reader.position == bytes.count else { throw CompiledFormError(reason: "bytes after the end") }
        self.init(intents: intents, lists: lists, slotKinds: slotKinds, skipPhrases: skipPhrases,
                  substitutions: substitutions, examplesToday: today)
        matchProgram = MatchProgram(catalogue: self, graph: PatternGraph(nodes: reader.graphNodes, roots: roots),
                                    stopWords: Matcher.nameStopWords)
    }
}

/// Writes the body of a compiled catalogue, collecting its string and node tables.
private struct CompiledWriter {
    var bytes: [UInt8] = []
    var stringTable: [String] = []
    var stringIndex: [String: Int] = [:]
    var nodes: [Pattern: Int] = [:]
    var nodeBytes: [UInt8] = []

    mutating func integer(_ value: Int) {
        precondition(value >= 0, "compiled catalogue: negative number")
        var value = UInt(value)
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func string(_ text: String) { integer(intern(text)) }

    mutating func strings(_ texts: [String]) {
        integer(texts.count)
        for text in texts { string(text) }
    }

    mutating func intern(_ text: String) -> Int {
        if let index = stringIndex[text] { return index }
        stringTable.append(text)
        stringIndex[text] = stringTable.count - 1
        return stringTable.count - 1
    }

    mutating func pattern(_ pattern: Pattern) { integer(node(pattern)) }

    mutating func slotKind(_ kind: SlotKind) {
        switch kind {
        case .period: integer(0)
        case .upcoming: integer(1)
        case .date: integer(2)
        case .due: integer(3)
        case .name: integer(4)
        case .names: integer(5)
        case .label: integer(6)
        case .text: integer(7)
        case .number: integer(8)
        case .cadence: integer(9)
        case .list(let name):
            integer(10)
            string(name)
        }
    }

    /// The pattern's index in the node table, adding it (children first) when it is new.
    private mutating func node(_ pattern: Pattern) -> Int {
        if let index = nodes[pattern] { return index }
        var record: [Int]
        switch pattern {
        case .word(let word): record = [0, intern(word)]
        case .sequence(let items): record = [1, items.count] + items.map { node($0) }
        case .choice(let items): record = [2, items.count] + items.map { node($0) }
        case .slot(let type, let name): record = [3, intern(type), intern(name)]
        case .fixed(let name, let value): record = [4, intern(name), intern(value)]
        case .rule(let name): record = [5, intern(name)]
        }
        swap(&bytes, &nodeBytes)
        for value in record { integer(value) }
        swap(&bytes, &nodeBytes)
        nodes[pattern] = nodes.count
        return nodes.count - 1
    }
}

private struct CompiledReader {
    typealias Failure = Catalogue.CompiledFormError
    let bytes: [UInt8]
    var position = 0
    var stringTable: [String] = []
    var nodes: [Pattern] = []
    /// The same nodes by index, for the matcher (`PatternGraph`).
    var graphNodes: [PatternGraph.Node] = []

    mutating func integer() throws(Failure) -> Int {
        var value: UInt = 0, shift: UInt = 0
        while true {
            guard position < bytes.count else { throw Failure(reason: "truncated") }
            let byte = bytes[position]
            position += 1
            guard shift < 63 else { throw Failure(reason: "number too large") }
            value |= UInt(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        guard let result = Int(exactly: value) else { throw Failure(reason: "number too large") }
        return result
    }

    /// A count of things to read; each takes at least one byte, which bounds it.
    mutating func count() throws(Failure) -> Int {
        let count = try integer()
        guard count <= bytes.count - position else { throw Failure(reason: "count past the end") }
        return count
    }

    mutating func string() throws(Failure) -> String {
        let index = try integer()
        guard index < stringTable.count else { throw Failure(reason: "string \(index) out of range") }
        return stringTable[index]
    }

    mutating func strings() throws(Failure) -> [String] {
        var result: [String] = []
        for _ in 0..<(try count()) { result.append(try string()) }
        return result
    }

    mutating func pattern() throws(Failure) -> Pattern {
        try patternAndIndex().pattern
    }

    mutating func patternAndIndex() throws(Failure) -> (pattern: Pattern, index: Int) {
        let index = try integer()
        guard index < nodes.count else { throw Failure(reason: "pattern \(index) out of range") }
        return (nodes[index], index)
    }

    mutating func slotKind() throws(Failure) -> SlotKind {
        switch try integer() {
        case 0: return .period
        case 1: return .upcoming
        case 2: return .date
        case 3: return .due
        case 4: return .name
        case 5: return .names
        case 6: return .label
        case 7: return .text
        case 8: return .number
        case 9: return .cadence
        case 10: return .list(try string())
        case let other: throw Failure(reason: "unknown slot kind \(other)")
        }
    }

    mutating func readTables() throws(Failure) {
        let stringCount = try count()
        stringTable.reserveCapacity(stringCount)
        for _ in 0..<stringCount {
            let length = try integer()
            guard length <= bytes.count - position else { throw Failure(reason: "string past the end") }
            stringTable.append(String(decoding: bytes[position..<(position + length)], as: UTF8.self))
            position += length
        }
        let nodeCount = try count()
        nodes.reserveCapacity(nodeCount)
        graphNodes.reserveCapacity(nodeCount)
        for _ in 0..<nodeCount {
            switch try integer() {
            case 0:
                let word = try string()
                nodes.append(.word(word))
                graphNodes.append(.word(word))
            case 1:
                let (items, indexes) = try children()
                nodes.append(.sequence(items))
                graphNodes.append(.sequence(indexes))
            case 2:
                let (items, indexes) = try children()
                nodes.append(.choice(items))
                graphNodes.append(.choice(indexes))
            case 3:
                let type = try string(), name = try string()
                nodes.append(.slot(type: type, name: name))
                graphNodes.append(.slot(type: type, name: name))
            case 4:
                let name = try string(), value = try string()
                nodes.append(.fixed(name: name, value: value))
                graphNodes.append(.fixed(name: name, value: value))
            case 5:
                let name = try string()
                nodes.append(.rule(name))
                graphNodes.append(.rule(name))
            case let other: throw Failure(reason: "unknown pattern kind \(other)")
            }
        }
    }

    /// A node's children: nodes already read, and their indexes.
    private mutating func children() throws(Failure) -> ([Pattern], [Int32]) {
        var items: [Pattern] = []
        var indexes: [Int32] = []
        let count = try count()
        items.reserveCapacity(count)
        indexes.reserveCapacity(count)
        for _ in 0..<count {
            let (item, index) = try patternAndIndex()
            items.append(item)
            indexes.append(Int32(index))
        }
        return (items, indexes)
    }
}
