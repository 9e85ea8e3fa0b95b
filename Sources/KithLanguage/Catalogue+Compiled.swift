import KithTime

/// A loaded catalogue as compact bytes, so a binary can carry its catalogue already parsed,
/// expanded, checked and compiled for matching: getting it ready at start is filling the
/// matcher's arrays, where loading the text of `intents/` takes tens of milliseconds
/// (docs/intents.md, "Why compiled").
///
/// Layout: the magic "KCAT", the format version and the examples' day, then three parts.
/// - The match program (`MatchProgram`), flat: words, names, lists, slots, nodes and their
///   children, intent names, files, the templates' words and texts, the templates' fields,
///   skip phrases and substitutions. Strings are written in place; lists of numbers as columns
///   (`CompiledWriter.ids`). This is all a question needs.
/// - The slot kinds, after their length in bytes, so they can be skipped and read on first use.
/// - The rest of the catalogue as it loads (intents with their patterns and examples, lists,
///   skip phrases, substitutions, what `help` shows): a table of distinct strings, a table of distinct pattern
///   nodes (children before parents, so shared rule expansions stay shared), then the fields by
///   table index. The built-in catalogue decodes it on first use (`init(compiledStatic:)`).
/// Other numbers are varints of six bits a byte (0x40: more follow), so every byte outside the
/// strings is ASCII and the whole form is UTF-8 text a Swift string literal can hold as is.
/// Dictionaries and sets are written sorted, so the same catalogue always gives the same bytes.
extension Catalogue {
    /// Why bytes are not a compiled catalogue.
    public struct CompiledFormError: Error, CustomStringConvertible {
        public let reason: String
        public init(reason: String) { self.reason = reason }
        public var description: String { "not a compiled intent catalogue: \(reason)" }
    }

    static let compiledMagic: [UInt8] = Array("KCAT".utf8)
    static let compiledVersion = 5

    /// The catalogue as compiled bytes; `init(compiled:)` reads them back.
    public func compiled() -> [UInt8] {
        var out = CompiledWriter()
        out.bytes = Self.compiledMagic
        out.integer(Self.compiledVersion)
        out.integer(examplesToday.daysSinceEpoch)
        let program = matchProgram ?? MatchProgram(catalogue: self)
        out.program(program)
        var kinds = CompiledWriter()
        kinds.integer(slotKinds.count)
        for (slot, kind) in slotKinds.sorted(by: { $0.key < $1.key }) {
            kinds.raw(slot)
            kinds.slotKind(kind, raw: true)
        }
        out.integer(kinds.bytes.count)
        out.bytes += kinds.bytes

        var body = CompiledWriter()
        body.integer(intents.count)
        for intent in intents {
            body.string(intent.name)
            body.string(intent.about)
            body.string(intent.theme ?? "")
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
            body.frame(intent.frame)
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
        body.integer(skipPhrases.count)
        for phrase in skipPhrases { body.strings(phrase) }
        body.integer(substitutions.count)
        for (source, replacement) in substitutions.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            body.strings(source)
            body.strings(replacement)
        }
        body.strings(glue)
        body.strings(suggestionOrder)
        body.help(help)

        out.integer(body.stringTable.count)
        for text in body.stringTable { out.raw(text) }
        out.integer(body.nodes.count)
        out.bytes += body.nodeBytes
        out.bytes += body.bytes
        return out.bytes
    }

    /// Reads bytes written by `compiled()`, all of them, checking every part; throws on
    /// anything else, including a catalogue compiled by another format version.
    public init(compiled bytes: [UInt8]) throws(CompiledFormError) {
        let decoded: Result<Catalogue, CompiledFormError> = bytes.withUnsafeBufferPointer { buffer in
            do throws(CompiledFormError) {
                var reader = CompiledReader(bytes: buffer)
                let (program, today, kindsEnd) = try reader.header()
                let slotKinds = try reader.slotKinds()
                guard reader.position == kindsEnd else { throw CompiledFormError(reason: "slot kinds past their end") }
                let details = try reader.details()
                guard reader.position == buffer.count else { throw CompiledFormError(reason: "bytes after the end") }
                return .success(Catalogue(details: Deferred(value: details), slotKinds: Deferred(value: .init(table: slotKinds)),
                                          examplesToday: today, matchProgram: program))
            } catch {
                return .failure(error)
            }
        }
        self = try decoded.get()
    }

    /// Reads compiled bytes that live as long as the process (a string literal's) and were
    /// checked when they were made: the match program now, the rest of the catalogue
    /// (`intents`, `lists`, …) when first used. Throws on a damaged program part.
    public init(compiledStatic bytes: UnsafeBufferPointer<UInt8>) throws(CompiledFormError) {
        var reader = CompiledReader(bytes: bytes)
        let (program, today, kindsEnd) = try reader.header()
        let kinds = StaticBytes(bytes: bytes, position: reader.position)
        let rest = StaticBytes(bytes: bytes, position: kindsEnd)
        self.init(details: Deferred {
            var reader = CompiledReader(bytes: rest.bytes)
            reader.position = rest.position
            do {
                let details = try reader.details()
                guard reader.position == rest.bytes.count else { throw CompiledFormError(reason: "bytes after the end") }
                return details
            } catch {
                fatalError("the compiled intent catalogue is damaged: \(error)")
            }
        }, slotKinds: Deferred {
            var reader = CompiledReader(bytes: kinds.bytes)
            reader.position = kinds.position
            do {
                return SlotKinds(table: try reader.slotKinds())
            } catch {
                fatalError("the compiled intent catalogue is damaged: \(error)")
            }
        }, examplesToday: today, matchProgram: program)
    }
}

/// Bytes that outlive every catalogue read from them (a string literal's).
private struct StaticBytes: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
    let position: Int
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
        while value >= 0x40 {
            bytes.append(UInt8(value & 0x3F) | 0x40)
            value >>= 6
        }
        bytes.append(UInt8(value))
    }

    /// A string written in place: its length, then its UTF-8.
    mutating func raw(_ text: String) {
        integer(text.utf8.count)
        bytes += text.utf8
    }

    /// Numbers of one width: the count, the digits each takes (six bits a digit, lowest first),
    /// then the digits, so reading them is a loop without a branch per byte.
    mutating func ids(_ values: [Int32]) {
        integer(values.count)
        guard let largest = values.max() else { return }
        precondition(largest >= 0, "compiled catalogue: negative number")
        var width = 1
        while largest >> (6 * width) != 0 { width += 1 }
        integer(width)
        for value in values {
            for digit in 0..<width { bytes.append(UInt8((value >> (6 * digit)) & 0x3F)) }
        }
    }

    mutating func ids(_ values: [Int]) { ids(values.map { Int32($0) }) }

    mutating func program(_ program: MatchProgram) {
        integer(program.words.count)
        for word in program.words { raw(word) }
        ids(program.isStopWord.indices.filter { program.isStopWord[$0] })
        integer(Int(program.and))
        integer(program.names.count)
        for name in program.names { raw(name) }
        integer(program.lists.count)
        for list in program.lists {
            integer(list.count)
            for entry in list {
                integer(Int(entry.canonical))
                integer(entry.phrasings.count)
                for phrasing in entry.phrasings { ids(phrasing) }
            }
        }
        integer(program.slots.count)
        for slot in program.slots {
            switch slot.read {
            case .never: integer(0)
            case .period: integer(1)
            case .upcoming: integer(2)
            case .date: integer(3)
            case .due: integer(4)
            case .name: integer(5)
            case .names: integer(6)
            case .label: integer(7)
            case .text: integer(8)
            case .number: integer(9)
            case .cadence: integer(10)
            case .path: integer(12)
            case .list(let list):
                integer(11)
                integer(list)
            }
            integer(Int(slot.name))
            integer(Int(slot.type))
        }
        ids(program.children)
        ids(program.nodes.map { Int32($0.op.rawValue) })
        ids(program.nodes.map(\.a))
        ids(program.nodes.map(\.b))
        integer(program.intentNames.count)
        for name in program.intentNames { raw(name) }
        var files: [String] = []
        for template in program.templates where !files.contains(template.file) { files.append(template.file) }
        integer(files.count)
        for file in files { raw(file) }
        // The templates' words and texts are written in template order, so each template's
        // part is where the one before it ended.
        let templates = program.templates
        ids(templates.flatMap { template in
            Array(program.templateWords[template.required]) + (template.first.map { Array(program.templateWords[$0]) } ?? [])
        })
        integer(program.sourceText.count)
        bytes += program.sourceText
        ids(templates.map(\.intent))
        ids(templates.map(\.sentence))
        ids(templates.map { Int($0.root) })
        ids(templates.map(\.required.count))
        ids(templates.map { $0.first.map { $0.count + 1 } ?? 0 })
        ids(templates.map(\.source.count))
        ids(templates.map { files.firstIndex(of: $0.file)! })
        ids(templates.map(\.line))
        integer(program.skipPhrases.count)
        for phrase in program.skipPhrases { ids(phrase) }
        integer(program.substitutions.count)
        for (source, replacement) in program.substitutions {
            ids(source.map { program.wordID($0) })
            ids(replacement.map { program.wordID($0) })
        }
    }

    mutating func string(_ text: String) { integer(intern(text)) }

    mutating func strings(_ texts: [String]) {
        integer(texts.count)
        for text in texts { string(text) }
    }

    /// What `help` shows (`CompiledReader.help` reads it).
    mutating func help(_ book: HelpBook) {
        string(book.intro)
        strings(book.start)
        integer(book.topics.count)
        for topic in book.topics {
            string(topic.name)
            integer(topic.isTheme ? 1 : 0)
            string(topic.title)
            string(topic.about)
            strings(topic.words)
            strings(topic.examples)
            strings(topic.tips)
            integer(topic.line)
        }
    }

    /// An intent's frame: 0 for none, else 1 and its parts (`CompiledReader.frame` reads them).
    mutating func frame(_ frame: Frame?) {
        guard let frame else { return integer(0) }
        integer(1)
        string(frame.file)
        integer(frame.line)
        for groups in [frame.needs, frame.takes] {
            integer(groups.count)
            for group in groups {
                string(group.source)
                integer(group.line)
                integer(group.cues.count)
                for cue in group.cues {
                    switch cue {
                    case .phrase(let words):
                        integer(0)
                        strings(words)
                    case .slot(let type, let name):
                        integer(1)
                        string(type)
                        string(name)
                    case .lead(let words, let type, let name):
                        integer(2)
                        strings(words)
                        string(type)
                        string(name)
                    }
                }
            }
        }
        integer(frame.never.count)
        for phrase in frame.never { strings(phrase) }
        integer(frame.sayings.count)
        for saying in frame.sayings { string(saying.text) }
    }

    mutating func intern(_ text: String) -> Int {
        if let index = stringIndex[text] { return index }
        stringTable.append(text)
        stringIndex[text] = stringTable.count - 1
        return stringTable.count - 1
    }

    mutating func pattern(_ pattern: Pattern) { integer(node(pattern)) }

    mutating func slotKind(_ kind: SlotKind, raw inPlace: Bool = false) {
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
        case .path: integer(11)
        case .list(let name):
            integer(10)
            if inPlace { raw(name) } else { string(name) }
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
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    var stringTable: [String] = []
    var nodes: [Pattern] = []

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// A number; most take one byte, read here without a loop.
    @inline(__always)
    mutating func integer() throws(Failure) -> Int {
        guard position < bytes.count else { throw Failure(reason: "truncated") }
        let byte = Int(bytes[position])
        position += 1
        if byte < 0x40 { return byte }
        return try integer(continuing: byte)
    }

    private mutating func integer(continuing first: Int) throws(Failure) -> Int {
        guard first < 0x80 else { throw Failure(reason: "bad number") }
        var value = first & 0x3F, shift = 6
        while true {
            guard position < bytes.count else { throw Failure(reason: "truncated") }
            let byte = Int(bytes[position])
            position += 1
            guard byte < 0x80, shift < 60 else { throw Failure(reason: "bad number") }
            value |= (byte & 0x3F) << shift
            if byte < 0x40 { return value }
            shift += 6
        }
    }

    /// A count of things to read; each takes at least one byte, which bounds it.
    mutating func count() throws(Failure) -> Int {
        let count = try integer()
        guard count <= bytes.count - position else { throw Failure(reason: "count past the end") }
        return count
    }

    /// A number below `limit`, as an index into a table of that size.
    @inline(__always)
    mutating func index(below limit: Int, _ what: StaticString) throws(Failure) -> Int32 {
        let value = try integer()
        guard value < limit else { throw Failure(reason: "\(what) \(value) out of range") }
        return Int32(value)
    }

    /// Numbers written by `CompiledWriter.ids`, each below `limit`.
    mutating func indexes(below limit: Int, _ what: StaticString) throws(Failure) -> [Int32] {
        let count = try integer()
        guard count > 0 else { return [] }
        let width = try integer()
        guard (1...5).contains(width), count <= (bytes.count - position) / width else {
            throw Failure(reason: "\(what) list past the end")
        }
        let start = position
        let digits = bytes
        var largest: Int32 = 0
        var bits: UInt8 = 0
        let values = [Int32](unsafeUninitializedCapacity: count) { buffer, initialized in
            var at = start
            switch width {
            case 1:
                for i in 0..<count {
                    let d0 = digits[at]
                    bits |= d0
                    buffer[i] = Int32(d0)
                    at += 1
                }
            case 2:
                for i in 0..<count {
                    let d0 = digits[at], d1 = digits[at + 1]
                    bits |= d0 | d1
                    buffer[i] = Int32(d0) | Int32(d1) << 6
                    at += 2
                }
            default:
                for i in 0..<count {
                    var value: Int32 = 0
                    for digit in 0..<width {
                        bits |= digits[at + digit]
                        value |= Int32(digits[at + digit]) << (6 * digit)
                    }
                    buffer[i] = value
                    at += width
                }
            }
            for i in 0..<count { largest = max(largest, buffer[i]) }
            initialized = count
        }
        position += count * width
        guard bits < 0x40, largest < limit else { throw Failure(reason: "\(what) out of range") }
        return values
    }

    /// A string written in place.
    mutating func raw() throws(Failure) -> String {
        let length = try integer()
        guard length <= bytes.count - position else { throw Failure(reason: "string past the end") }
        defer { position += length }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<(position + length)]), as: UTF8.self)
    }

    mutating func raws() throws(Failure) -> [String] {
        let count = try count()
        var result: [String] = []
        result.reserveCapacity(count)
        for _ in 0..<count { result.append(try raw()) }
        return result
    }

    /// The magic, the version, the examples' day and the match program, leaving the reader at
    /// the slot kinds, which end at `kindsEnd`.
    mutating func header() throws(Failure) -> (MatchProgram, CalendarDate, kindsEnd: Int) {
        guard bytes.starts(with: Catalogue.compiledMagic) else { throw Failure(reason: "bad magic") }
        position = Catalogue.compiledMagic.count
        let version = try integer()
        guard version == Catalogue.compiledVersion else {
            throw Failure(reason: "format \(version), expected \(Catalogue.compiledVersion)")
        }
        let today = CalendarDate(daysSinceEpoch: try integer())
        let program = try self.program()
        let length = try count()
        return (program, today, position + length)
    }

    mutating func slotKinds() throws(Failure) -> [String: SlotKind] {
        var slotKinds: [String: SlotKind] = [:]
        for _ in 0..<(try count()) { slotKinds[try raw()] = try slotKind(raw: true) }
        return slotKinds
    }

    mutating func program() throws(Failure) -> MatchProgram {
        let words = try raws()
        let wordCount = words.count
        var isStopWord = [Bool](repeating: false, count: wordCount)
        for word in try indexes(below: wordCount, "word") { isStopWord[Int(word)] = true }
        let and = try index(below: wordCount, "word")
        let names = try raws()

        var lists: [[MatchProgram.ListEntry]] = []
        for _ in 0..<(try count()) {
            var entries: [MatchProgram.ListEntry] = []
            for _ in 0..<(try count()) {
                let canonical = try index(below: names.count, "name")
                var phrasings: [[Int32]] = []
                for _ in 0..<(try count()) { phrasings.append(try indexes(below: wordCount, "word")) }
                entries.append(MatchProgram.ListEntry(canonical: canonical, phrasings: phrasings))
            }
            lists.append(entries)
        }

        let slotCount = try count()
        var slots: [MatchProgram.Slot] = []
        slots.reserveCapacity(slotCount)
        for _ in 0..<slotCount {
            let read: MatchProgram.SlotRead
            switch try integer() {
            case 0: read = .never
            case 1: read = .period
            case 2: read = .upcoming
            case 3: read = .date
            case 4: read = .due
            case 5: read = .name
            case 6: read = .names
            case 7: read = .label
            case 8: read = .text
            case 9: read = .number
            case 10: read = .cadence
            case 11: read = .list(Int(try index(below: lists.count, "list")))
            case 12: read = .path
            case let other: throw Failure(reason: "unknown slot reading \(other)")
            }
            slots.append(MatchProgram.Slot(read: read, name: try index(below: names.count, "name"),
                                           type: try index(below: names.count, "name")))
        }

        let children = try indexes(below: Int(Int32.max), "node")
        let ops = try indexes(below: Int(MatchProgram.Op.never.rawValue) + 1, "node kind")
        let nodeCount = ops.count
        let aColumn = try indexes(below: Int(Int32.max), "node")
        let bColumn = try indexes(below: Int(Int32.max), "node")
        guard aColumn.count == nodeCount, bColumn.count == nodeCount else { throw Failure(reason: "nodes uneven") }
        var nodes: [MatchProgram.Node] = []
        nodes.reserveCapacity(nodeCount)
        for index in 0..<nodeCount {
            let op = MatchProgram.Op(rawValue: UInt8(ops[index]))!
            let a = Int(aColumn[index]), b = Int(bColumn[index])
            let valid: Bool
            switch op {
            case .word: valid = a < wordCount
            case .sequence, .choice:
                // Children come before their parents, so matching always ends.
                valid = a <= children.count && b <= children.count - a
                    && children[a..<(a + b)].allSatisfy { Int($0) < index }
            case .slot: valid = a < slots.count
            case .fixed: valid = a < names.count && b < names.count
            case .never: valid = a < names.count
            }
            guard valid else { throw Failure(reason: "node \(index) out of range") }
            nodes.append(MatchProgram.Node(op: op, a: Int32(a), b: Int32(b)))
        }

        let intentNames = try raws()
        let files = try raws()
        let templateWords = try indexes(below: wordCount, "word")
        let sourceLength = try count()
        let sourceText = Array(UnsafeBufferPointer(rebasing: bytes[position..<(position + sourceLength)]))
        position += sourceLength
        let intents = try indexes(below: intentNames.count, "intent")
        let templateCount = intents.count
        let sentences = try indexes(below: Int(Int32.max), "sentence")
        let roots = try indexes(below: nodeCount, "node")
        let requiredCounts = try indexes(below: templateWords.count + 1, "word count")
        let firstCounts = try indexes(below: templateWords.count + 2, "word count")
        let sourceCounts = try indexes(below: sourceLength + 1, "text length")
        let fileIndexes = try indexes(below: files.count, "file")
        let lines = try indexes(below: Int(Int32.max), "line")
        guard [sentences, roots, requiredCounts, firstCounts, sourceCounts, fileIndexes, lines]
            .allSatisfy({ $0.count == templateCount }) else { throw Failure(reason: "templates uneven") }
        var templates: [MatchProgram.Template] = []
        templates.reserveCapacity(templateCount)
        var word = 0, text = 0
        for i in 0..<templateCount {
            let required = word..<(word + Int(requiredCounts[i]))
            word = required.upperBound
            var first: Range<Int>? = nil
            if firstCounts[i] > 0 {
                first = word..<(word + Int(firstCounts[i]) - 1)
                word = first!.upperBound
            }
            let source = text..<(text + Int(sourceCounts[i]))
            text = source.upperBound
            guard word <= templateWords.count, text <= sourceLength else {
                throw Failure(reason: "template \(i) out of range")
            }
            templates.append(MatchProgram.Template(intent: Int(intents[i]), sentence: Int(sentences[i]), root: roots[i],
                                                   required: required, first: first, source: source,
                                                   file: files[Int(fileIndexes[i])], line: Int(lines[i])))
        }
        guard word == templateWords.count, text == sourceLength else { throw Failure(reason: "templates uneven") }

        var skipPhrases: [[Int32]] = []
        for _ in 0..<(try count()) { skipPhrases.append(try indexes(below: wordCount, "word")) }
        var substitutions: [(source: [String], replacement: [String])] = []
        for _ in 0..<(try count()) {
            let source = try indexes(below: wordCount, "word").map { words[Int($0)] }
            substitutions.append((source, try indexes(below: wordCount, "word").map { words[Int($0)] }))
        }
        return MatchProgram(nodes: nodes, children: children, slots: slots, lists: lists, names: names,
                            templates: templates, templateWords: templateWords, sourceText: sourceText,
                            intentNames: intentNames, sentenceTemplates: nil,
                            words: WordTable(words), isStopWord: isStopWord, and: and,
                            skipPhrases: skipPhrases, substitutions: substitutions)
    }

    /// The rest of the catalogue: intents, lists, skip phrases and substitutions.
    mutating func details() throws(Failure) -> Catalogue.Details {
        try readTables()
        var intents: [IntentDefinition] = []
        for _ in 0..<(try count()) {
            let name = try string(), about = try string(), theme = try string(), file = try string()
            var slots: [SlotDeclaration] = []
            for _ in 0..<(try count()) {
                slots.append(SlotDeclaration(name: try string(), optional: try integer() != 0))
            }
            var sentences: [SentenceTemplate] = []
            for _ in 0..<(try count()) {
                let source = try string(), sentenceFile = try string(), line = try integer()
                let pattern = try self.pattern()
                let required = Set(try strings())
                let firstWords = try integer() == 0 ? nil : Set(try strings())
                sentences.append(SentenceTemplate(source: source, file: sentenceFile, line: line, pattern: pattern,
                                                  requiredWords: required, firstWords: firstWords))
            }
            var examples: [IntentExample] = []
            for _ in 0..<(try count()) {
                let sentence = try string(), exampleFile = try string(), line = try integer()
                var values: [String: String] = [:]
                for _ in 0..<(try count()) { values[try string()] = try string() }
                examples.append(IntentExample(sentence: sentence, slots: values, file: exampleFile, line: line))
            }
            let frame = try self.frame()
            intents.append(IntentDefinition(name: name, about: about, slots: slots, sentences: sentences,
                                            examples: examples, file: file, frame: frame,
                                            theme: theme.isEmpty ? nil : theme))
        }
        var lists: [String: SynonymList] = [:]
        for _ in 0..<(try count()) {
            let name = try string()
            var entries: [SynonymList.Entry] = []
            for _ in 0..<(try count()) {
                let canonical = try string()
                var phrasings: [[String]] = []
                for _ in 0..<(try count()) { phrasings.append(try strings()) }
                entries.append(SynonymList.Entry(canonical: canonical, phrasings: phrasings))
            }
            lists[name] = SynonymList(name: name, entries: entries)
        }
        var skipPhrases: [[String]] = []
        for _ in 0..<(try count()) { skipPhrases.append(try strings()) }
        var substitutions: [[String]: [String]] = [:]
        for _ in 0..<(try count()) { substitutions[try strings()] = try strings() }
        let glue = try strings(), suggestionOrder = try strings()
        return Catalogue.Details(intents: intents, lists: lists, skipPhrases: skipPhrases, substitutions: substitutions,
                                 glue: glue, suggestionOrder: suggestionOrder, help: try help())
    }

    /// What `help` shows, as `CompiledWriter.help` wrote it.
    mutating func help() throws(Failure) -> HelpBook {
        let intro = try string(), start = try strings()
        var topics: [HelpBook.Topic] = []
        for _ in 0..<(try count()) {
            let name = try string(), isTheme = try integer() != 0, title = try string(), about = try string()
            let words = try strings(), examples = try strings(), tips = try strings()
            topics.append(HelpBook.Topic(name: name, isTheme: isTheme, title: title, about: about, words: words,
                                         examples: examples, tips: tips, line: try integer()))
        }
        return HelpBook(intro: intro, start: start, topics: topics)
    }

    /// An intent's frame, as `CompiledWriter.frame` wrote it.
    mutating func frame() throws(Failure) -> Frame? {
        guard try integer() != 0 else { return nil }
        let file = try string(), line = try integer()
        func groups() throws(Failure) -> [Frame.Group] {
            var groups: [Frame.Group] = []
            for _ in 0..<(try count()) {
                let source = try string(), line = try integer()
                var cues: [Frame.Cue] = []
                for _ in 0..<(try count()) {
                    switch try integer() {
                    case 0: cues.append(.phrase(try strings()))
                    case 1: cues.append(.slot(type: try string(), name: try string()))
                    case 2: cues.append(.lead(try strings(), type: try string(), name: try string()))
                    case let other: throw Failure(reason: "unknown frame cue \(other)")
                    }
                }
                groups.append(Frame.Group(cues: cues, source: source, line: line))
            }
            return groups
        }
        let needs = try groups(), takes = try groups()
        var never: [[String]] = []
        for _ in 0..<(try count()) { never.append(try strings()) }
        var sayings: [Frame.Saying] = []
        for _ in 0..<(try count()) { sayings.append(Frame.Saying(try string())) }
        return Frame(needs: needs, takes: takes, never: never, sayings: sayings, file: file, line: line)
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
        let index = try integer()
        guard index < nodes.count else { throw Failure(reason: "pattern \(index) out of range") }
        return nodes[index]
    }

    mutating func slotKind(raw inPlace: Bool = false) throws(Failure) -> SlotKind {
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
        case 10: return .list(inPlace ? try raw() : try string())
        case 11: return .path
        case let other: throw Failure(reason: "unknown slot kind \(other)")
        }
    }

    mutating func readTables() throws(Failure) {
        stringTable = try raws()
        let nodeCount = try count()
        nodes.reserveCapacity(nodeCount)
        for _ in 0..<nodeCount {
            switch try integer() {
            case 0: nodes.append(.word(try string()))
            case 1: nodes.append(.sequence(try children()))
            case 2: nodes.append(.choice(try children()))
            case 3: nodes.append(.slot(type: try string(), name: try string()))
            case 4: nodes.append(.fixed(name: try string(), value: try string()))
            case 5: nodes.append(.rule(try string()))
            case let other: throw Failure(reason: "unknown pattern kind \(other)")
            }
        }
    }

    /// A node's children: nodes already read.
    private mutating func children() throws(Failure) -> [Pattern] {
        var items: [Pattern] = []
        let count = try count()
        items.reserveCapacity(count)
        for _ in 0..<count { items.append(try pattern()) }
        return items
    }
}
