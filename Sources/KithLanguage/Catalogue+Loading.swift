import KithText
import KithTime

/// Every problem found while loading a catalogue (all of them, not just the first).
public struct CatalogueErrors: Error, Sendable, CustomStringConvertible {
    public let errors: [CatalogueError]

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

extension Catalogue {
    /// The name of the file holding shared rules, lists, slot types and skip words.
    public static let sharedFileName = "_shared.intent"

    /// Builds a catalogue from the intents folder's files (name → text). Files ending in
    /// `.intent` are read; `_shared.intent` holds what the intents share.
    public static func load(files: [String: String]) throws(CatalogueErrors) -> Catalogue {
        var errors: [CatalogueError] = []
        guard let sharedText = files[sharedFileName] else {
            throw CatalogueErrors(errors: [CatalogueError(file: sharedFileName, line: 1, column: 1,
                                                          message: "missing shared file")])
        }
        let shared = SectionedFile(name: sharedFileName, text: sharedText)
        errors += shared.errors

        // Slot kinds.
        var slotKinds: [String: SlotKind] = [:]
        for line in shared.section("slots") {
            guard let (name, value) = line.split(on: "="), TemplateParser.isName(name) else {
                errors.append(line.error("expected 'slot = kind'"))
                continue
            }
            let words = value.split(separator: " ").map(String.init)
            switch words.first {
            case "period": slotKinds[name] = .period
            case "upcoming": slotKinds[name] = .upcoming
            case "date": slotKinds[name] = .date
            case "due": slotKinds[name] = .due
            case "name": slotKinds[name] = .name
            case "names": slotKinds[name] = .names
            case "label": slotKinds[name] = .label
            case "text": slotKinds[name] = .text
            case "number": slotKinds[name] = .number
            case "cadence": slotKinds[name] = .cadence
            case "path": slotKinds[name] = .path
            case "list" where words.count == 2: slotKinds[name] = .list(words[1])
            default:
                errors.append(line.error("unknown slot kind '\(value)' (period, upcoming, date, due, name, names, label, text, number, cadence, path, list NAME)"))
            }
        }

        // Synonym lists: "name:" then indented "canonical = a | b".
        var lists: [String: SynonymList] = [:]
        var listName: String?
        var entries: [SynonymList.Entry] = []
        func closeList() {
            if let listName { lists[listName] = SynonymList(name: listName, entries: entries) }
            entries = []
        }
        for line in shared.section("lists") {
            if line.indent <= 2 {
                closeList()
                guard line.text.hasSuffix(":"), TemplateParser.isName(String(line.text.dropLast())) else {
                    errors.append(line.error("expected 'listname:'"))
                    listName = nil
                    continue
                }
                listName = String(line.text.dropLast())
            } else if let (canonical, value) = line.split(on: "="), listName != nil {
                // Only the phrasings match: a canonical value is a name, not necessarily a word.
                let phrasings = value.split(separator: "|").map(String.init)
                    .map { Tokenizer.tokenize($0).map(\.word) }.filter { !$0.isEmpty }
                entries.append(.init(canonical: canonical, phrasings: phrasings))
            } else {
                errors.append(line.error("expected 'canonical = phrasing | phrasing'"))
            }
        }
        closeList()
        // What `help` shows, and the list its topics make for `help TOPIC`.
        let help = files[helpFileName].map { Self.helpBook(from: $0, errors: &errors) } ?? HelpBook()
        if !help.topics.isEmpty {
            if lists[helpTopicList] != nil {
                errors.append(CatalogueError(file: sharedFileName, line: 1, column: 1,
                                             message: "the list '\(helpTopicList)' is made from \(helpFileName)"))
            }
            lists[helpTopicList] = Self.topicList(help, errors: &errors)
        }
        for (slot, kind) in slotKinds {
            if case .list(let name) = kind, lists[name] == nil {
                errors.append(CatalogueError(file: sharedFileName, line: 1, column: 1,
                                             message: "slot '\(slot)' uses unknown list '\(name)'"))
            }
        }

        // Rules, expanded lazily with a cycle check.
        var ruleSources: [String: (Pattern, SectionedFile.Line)] = [:]
        for line in shared.section("rules") {
            guard let (name, value) = line.split(on: "="), TemplateParser.isName(name) else {
                errors.append(line.error("expected 'name = template'"))
                continue
            }
            do {
                ruleSources[name] = (try TemplateParser.parse(value), line)
            } catch {
                errors.append(line.error(error.message, column: line.valueColumn + error.column - 1))
            }
        }
        var expander = RuleExpander(sources: ruleSources.mapValues(\.0))

        // Longest first, so "could you tell me" goes before "could you".
        let skipPhrases: [[String]] = Set(shared.section("skip").flatMap {
            $0.text.split(separator: ",").map { Tokenizer.tokenize(String($0)).map(\.word) }
        }.filter { !$0.isEmpty }).sorted { $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1) }

        var substitutions: [[String]: [String]] = [:]
        for line in shared.section("substitutions") {
            // "typed = replacement"; an empty replacement drops the word ("exactly =").
            guard let at = line.text.firstIndex(of: "="),
                  case let source = Tokenizer.tokenize(String(line.text[..<at])).map(\.word), !source.isEmpty else {
                errors.append(line.error("expected 'typed = replacement'"))
                continue
            }
            substitutions[source] = Tokenizer.tokenize(String(line.text[line.text.index(after: at)...])).map(\.word)
        }
        let rewrittenWords = Set(substitutions.keys.filter { $0.count == 1 }.map { $0[0] })

        var examplesToday = CalendarDate(year: 2026, month: 3, day: 10)!
        if let line = shared.value("examples-today") {
            if let date = CalendarDate(iso: line.valueText) { examplesToday = date } else {
                errors.append(line.error("expected a date YYYY-MM-DD"))
            }
        }

        // Intents.
        var intents: [IntentDefinition] = []
        var themeLines: [SectionedFile.Line] = []
        for (fileName, text) in files.sorted(by: { $0.key < $1.key })
        where fileName.hasSuffix(".intent") && fileName != sharedFileName && fileName != helpFileName {
            let file = SectionedFile(name: fileName, text: text)
            errors += file.errors
            guard let nameLine = file.value("intent"), TemplateParser.isName(nameLine.valueText) else {
                errors.append(CatalogueError(file: fileName, line: 1, column: 1, message: "missing 'intent: name'"))
                continue
            }
            let declared = (file.value("slots")?.valueText ?? "").split(separator: ",").map {
                let name = String($0).trimmed
                return SlotDeclaration(name: name.hasSuffix("?") ? String(name.dropLast()) : name,
                                       optional: name.hasSuffix("?"))
            }
            let declaredNames = Set(declared.map(\.name))
            var sentences: [SentenceTemplate] = []
            for line in file.section("sentences") {
                do {
                    let pattern = try TemplateParser.parse(line.text)
                    let expanded = try expander.expand(pattern)
                    for slot in Self.slots(in: expanded) {
                        if let type = slot.type, slotKinds[type] == nil && lists[type] == nil {
                            errors.append(line.error("unknown slot type '\(type)'"))
                        } else if !declaredNames.contains(slot.name) {
                            errors.append(line.error("slot '\(slot.name)' is not in this intent's 'slots:' line"))
                        }
                    }
                    for word in Self.words(in: expanded) where rewrittenWords.contains(word) {
                        errors.append(line.error("'\(word)' never reaches the matcher: substitutions rewrite it"))
                    }
                    sentences.append(SentenceTemplate(source: line.text, file: fileName, line: line.number,
                                                      pattern: expanded))
                } catch let failure as TemplateParser.Failure {
                    errors.append(line.error(failure.message, column: line.indent + failure.column))
                } catch let failure as RuleExpander.Failure {
                    errors.append(line.error(failure.message))
                } catch {
                    errors.append(line.error("\(error)"))
                }
            }
            var examples: [IntentExample] = []
            var pending: (SectionedFile.Line, [String: String])?
            func closeExample() {
                if let (line, slots) = pending {
                    examples.append(IntentExample(sentence: line.text, slots: slots, file: fileName, line: line.number))
                }
                pending = nil
            }
            for line in file.section("examples") {
                if line.indent <= 2 {
                    closeExample()
                    pending = (line, [:])
                } else if let (slot, value) = line.split(on: ":"), pending != nil {
                    if !declaredNames.contains(slot) {
                        errors.append(line.error("slot '\(slot)' is not in this intent's 'slots:' line"))
                    }
                    pending!.1[slot] = value
                } else {
                    errors.append(line.error("expected 'slot: value' under an example"))
                }
            }
            closeExample()
            let frame = Self.frame(in: file, declared: declaredNames, slotKinds: slotKinds, lists: lists,
                                   expander: &expander, rewrittenWords: rewrittenWords, errors: &errors)
            if sentences.isEmpty {
                errors.append(CatalogueError(file: fileName, line: 1, column: 1, message: "no sentences"))
            }
            intents.append(IntentDefinition(
                name: nameLine.valueText, about: file.value("about")?.valueText ?? "",
                slots: declared, sentences: sentences, examples: examples, file: fileName, frame: frame,
                theme: file.value("theme")?.valueText))
            if let theme = file.value("theme") { themeLines.append(theme) }
        }
        let themes = Set(help.themes.map(\.name))
        for line in themeLines where !themes.contains(line.valueText) {
            errors.append(line.error("unknown theme '\(line.valueText)' (the themes are in \(helpFileName))",
                                     column: line.valueColumn))
        }
        let names = intents.map(\.name)
        for name in Set(names) where names.filter({ $0 == name }).count > 1 {
            errors.append(CatalogueError(file: "intents", line: 1, column: 1, message: "intent '\(name)' is defined twice"))
        }
        for unused in expander.unusedRules {
            let line = ruleSources[unused]!.1
            errors.append(line.error("rule '\(unused)' is never used"))
        }
        let glue = Set(shared.section("glue").flatMap {
            $0.text.split(separator: ",").flatMap { Tokenizer.tokenize(String($0)).map(\.word) }
        })
        var suggestionOrder: [String] = []
        if let line = shared.value("suggestion-order") {
            suggestionOrder = line.valueText.split(separator: ",").map { String($0).trimmed }
            for name in suggestionOrder where !names.contains(name) {
                errors.append(line.error("unknown intent '\(name)' in suggestion-order"))
            }
        }
        guard errors.isEmpty else { throw CatalogueErrors(errors: errors) }
        return Catalogue(intents: intents.sorted { $0.name < $1.name }, lists: lists, slotKinds: slotKinds,
                         skipPhrases: skipPhrases, substitutions: substitutions, glue: glue.sorted(),
                         suggestionOrder: suggestionOrder, help: help, examplesToday: examplesToday)
    }

    /// An intent file's `frame:` section (see `Frame`), nil when it has none.
    private static func frame(in file: SectionedFile, declared: Set<String>, slotKinds: [String: SlotKind],
                              lists: [String: SynonymList], expander: inout RuleExpander,
                              rewrittenWords: Set<String>, errors: inout [CatalogueError]) -> Frame? {
        guard let header = file.sectionHeader("frame") else { return nil }
        var needs: [Frame.Group] = [], takes: [Frame.Group] = [], never: [[String]] = []
        var sayings: [Frame.Saying] = []
        for line in file.section("frame") {
            guard let (key, value) = line.split(on: ":") else {
                errors.append(line.error("expected 'need:', 'take:', 'never:' or 'say:'"))
                continue
            }
            if key == "say" {
                let saying = Frame.Saying(value)
                for slot in saying.slots where !declared.contains(slot) {
                    errors.append(line.error("slot '\(slot)' is not in this intent's 'slots:' line"))
                }
                sayings.append(saying)
                continue
            }
            var cues: [Frame.Cue] = []
            for alternative in value.split(separator: "|").map({ String($0).trimmed }) {
                if alternative.hasPrefix("{"), alternative.hasSuffix("}") {
                    let inside = alternative.dropFirst().dropLast().split(separator: ":", maxSplits: 1).map(String.init)
                    let (type, name) = inside.count == 2 ? (inside[0], inside[1]) : (inside[0], inside[0])
                    if !declared.contains(name) {
                        errors.append(line.error("slot '\(name)' is not in this intent's 'slots:' line"))
                    } else if slotKinds[type] == nil && lists[type] == nil {
                        errors.append(line.error("unknown slot type '\(type)'"))
                    }
                    cues.append(.slot(type: type, name: name))
                    continue
                }
                let phrasings: [[String]]
                do {
                    var pattern = try expander.expand(try TemplateParser.parse(alternative))
                    // "about {topic}": words, then free text for a slot.
                    if case .sequence(let items) = pattern, case .slot(let type, let name)? = items.last,
                       items.count > 1, let leads = Pattern.sequence(Array(items.dropLast())).phrasings {
                        if !declared.contains(name) {
                            errors.append(line.error("slot '\(name)' is not in this intent's 'slots:' line"))
                        } else if slotKinds[type] != .text {
                            errors.append(line.error("'\(alternative)': only a text slot may follow words in a cue"))
                        }
                        cues += leads.map { Frame.Cue.lead($0, type: type, name: name) }
                        continue
                    }
                    pattern = Pattern.sequence([pattern])
                    guard let all = pattern.phrasings else {
                        errors.append(line.error("'\(alternative)': a cue is words, <rule> or one {slot}"))
                        continue
                    }
                    phrasings = all.filter { !$0.isEmpty }
                } catch let failure as TemplateParser.Failure {
                    errors.append(line.error(failure.message))
                    continue
                } catch let failure as RuleExpander.Failure {
                    errors.append(line.error(failure.message))
                    continue
                } catch {
                    errors.append(line.error("\(error)"))
                    continue
                }
                for word in phrasings.joined() where rewrittenWords.contains(word) {
                    errors.append(line.error("'\(word)' never reaches the matcher: substitutions rewrite it"))
                }
                cues += phrasings.map(Frame.Cue.phrase)
            }
            switch key {
            case "need": needs.append(Frame.Group(cues: cues, source: value, line: line.number))
            case "take": takes.append(Frame.Group(cues: cues, source: value, line: line.number))
            case "never":
                for case .phrase(let words) in cues { never.append(words) }
            default:
                errors.append(line.error("expected 'need:', 'take:', 'never:' or 'say:'"))
            }
        }
        if needs.isEmpty && (!takes.isEmpty || !never.isEmpty) {
            errors.append(header.error("a frame that reads lines needs at least one 'need:' line"))
        }
        return Frame(needs: needs, takes: takes, never: never, sayings: sayings, file: file.name, line: header.number)
    }

    static func words(in pattern: Pattern) -> Set<String> {
        switch pattern {
        case .word(let word): return [word]
        case .sequence(let items), .choice(let items): return items.reduce(into: []) { $0.formUnion(words(in: $1)) }
        case .slot, .fixed, .rule: return []
        }
    }

    /// Every slot a pattern can fill; fixed slots have no type.
    static func slots(in pattern: Pattern) -> [(type: String?, name: String)] {
        switch pattern {
        case .slot(let type, let name): return [(type, name)]
        case .fixed(let name, _): return [(nil, name)]
        case .sequence(let items), .choice(let items): return items.flatMap(slots)
        case .word, .rule: return []
        }
    }
}

/// Inlines `<rule>` references, refusing unknown and recursive rules.
struct RuleExpander {
    struct Failure: Error {
        let message: String
    }

    let sources: [String: Pattern]
    private var expanded: [String: Pattern] = [:]
    private var used: Set<String> = []

    init(sources: [String: Pattern]) {
        self.sources = sources
    }

    var unusedRules: [String] { sources.keys.filter { !used.contains($0) }.sorted() }

    mutating func expand(_ pattern: Pattern, stack: [String] = []) throws -> Pattern {
        switch pattern {
        case .word, .slot, .fixed:
            return pattern
        case .sequence(let items):
            return .sequence(try items.map { try expand($0, stack: stack) })
        case .choice(let items):
            return .choice(try items.map { try expand($0, stack: stack) })
        case .rule(let name):
            used.insert(name)
            if let done = expanded[name] { return done }
            guard let source = sources[name] else { throw Failure(message: "unknown rule <\(name)>") }
            guard !stack.contains(name) else {
                throw Failure(message: "rule <\(name)> refers to itself: " + (stack + [name]).joined(separator: " → "))
            }
            let result = try expand(source, stack: stack + [name])
            expanded[name] = result
            return result
        }
    }
}

/// The catalogue's file format: top-level `key: value` lines and `section:` headers whose
/// entries are the indented lines below them; `#` starts a comment line.
struct SectionedFile {
    struct Line {
        let file: String
        let number: Int
        let indent: Int
        /// Trimmed text.
        let text: String
        /// For `key: value` lines, the value and the column it starts at.
        var valueText: String = ""
        var valueColumn: Int = 1

        func error(_ message: String, column: Int? = nil) -> CatalogueError {
            CatalogueError(file: file, line: number, column: column ?? indent + 1, message: message,
                           source: String(repeating: " ", count: indent) + text)
        }

        /// "a = b" → ("a", "b") with both sides trimmed.
        func split(on separator: Character) -> (String, String)? {
            guard let at = text.firstIndex(of: separator) else { return nil }
            let key = String(text[..<at]).trimmed
            let value = String(text[text.index(after: at)...]).trimmed
            guard !key.isEmpty, !value.isEmpty else { return nil }
            return (key, value)
        }
    }

    let name: String
    private(set) var values: [String: Line] = [:]
    private(set) var sections: [String: [Line]] = [:]
    private(set) var headers: [String: Line] = [:]
    /// Section names in the order their headers are written.
    private(set) var sectionNames: [String] = []
    private(set) var errors: [CatalogueError] = []

    init(name: String, text: String) {
        self.name = name
        var current: String?
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let indent = raw.prefix { $0 == " " }.count
            let trimmed = String(raw).trimmed
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            var line = Line(file: name, number: offset + 1, indent: indent, text: trimmed)
            if raw.contains("\t") {
                errors.append(line.error("use spaces, not tabs, to indent"))
                continue
            }
            if indent > 0 {
                guard let current else {
                    errors.append(line.error("indented line outside a section"))
                    continue
                }
                sections[current, default: []].append(line)
            } else if trimmed.hasSuffix(":") {
                current = String(trimmed.dropLast())
                sections[current!, default: []] = sections[current!] ?? []
                if headers[current!] == nil { sectionNames.append(current!) }
                headers[current!] = line
            } else if let (key, value) = line.split(on: ":") {
                current = nil
                line.valueText = value
                line.valueColumn = trimmed.distance(from: trimmed.startIndex,
                                                    to: trimmed.firstRange(of: value)?.lowerBound ?? trimmed.startIndex) + 1
                values[key] = line
            } else {
                errors.append(line.error("expected 'key: value' or 'section:'"))
            }
        }
    }

    func section(_ name: String) -> [Line] { sections[name] ?? [] }
    /// The `name:` line that opens a section, if the file has one.
    func sectionHeader(_ name: String) -> Line? { headers[name] }
    func value(_ key: String) -> Line? { values[key] }
}
