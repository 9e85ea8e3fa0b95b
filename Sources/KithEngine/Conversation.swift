import KithGraph
import KithLanguage
import KithTime

/// One conversation with the user: a line in, an answer out, with what was said before
/// (the last person mentioned, the changes this conversation made) carried along.
///
/// The same engine serves the REPL, one-shot questions and scripts. It reads the graph from a
/// `Storage` and changes it only through `Storage.commit`; "today" is given, never read from a
/// clock.
public final class Conversation {
    public let catalogue: Catalogue
    public let storage: Storage
    public let today: CalendarDate
    let matcher: Matcher

    /// The people the previous answer was about, for he/she/they.
    var lastMentioned: [RecordID] = []
    /// Undo entries this conversation created, most recent last.
    var ownUndoIDs: [RecordID] = []

    public init(catalogue: Catalogue, storage: Storage, today: CalendarDate) {
        self.catalogue = catalogue
        self.storage = storage
        self.today = today
        self.matcher = Matcher(catalogue: catalogue)
    }

    var graph: Graph { storage.graph }
    var phrasing: Phrasing { Phrasing(today: today) }

    /// Understands and answers one line. Throws only when the store cannot be read or written;
    /// every other failure is an answer.
    public func respond(to line: String) throws -> Answer {
        try storage.refresh()
        let question = line.trimmed
        switch understand(question) {
        case .failure(let failure):
            return failure.answer
        case .success(let request):
            var answer = try execute(request)
            answer.slots = request.jsonSlots
            if !answer.mentioned.isEmpty { lastMentioned = answer.mentioned }
            return answer
        }
    }

    /// How a line is understood, without running it (`kith parse`).
    public func parse(_ line: String) -> Result<Request, AnswerFailure> {
        understand(line.trimmed)
    }

    // MARK: - Understanding

    /// A recognised line with its slots resolved against the graph.
    public struct Request: Sendable {
        public let question: String
        public let recognition: Recognition
        /// Resolved people per name slot (`person`, `people`).
        var people: [String: [RecordID]] = [:]

        public var intent: String { recognition.intent }

        func text(_ slot: String) -> String? {
            if case .text(let t)? = recognition.slots[slot] { return t }
            return nil
        }

        func canonical(_ slot: String) -> String? {
            if case .canonical(let c)? = recognition.slots[slot] { return c }
            return nil
        }

        func period(_ slot: String = "period") -> Period? {
            if case .time(let value)? = recognition.slots[slot] { return value.period }
            return nil
        }

        func day(_ slot: String) -> CalendarDate? {
            if case .time(.day(let d))? = recognition.slots[slot] { return d }
            return nil
        }

        func number(_ slot: String) -> Int? {
            if case .number(let n)? = recognition.slots[slot] { return n }
            return nil
        }

        func person(_ slot: String = "person") -> RecordID? { people[slot]?.first }

        /// Slots in the contract's JSON shapes, in a stable order.
        var jsonSlots: [(String, JSONValue)] { resolvedSlots.map { ($0.0, $0.1) } }

        /// Slot name, JSON value — names replaced by the resolved full names.
        public var resolvedSlots: [(String, JSONValue)] {
            recognition.slots.keys.sorted().map { key in
                (key, Self.json(recognition.slots[key]!, resolved: resolvedNames[key]))
            }
        }

        /// Full names for resolved name slots (set by the conversation).
        var resolvedNames: [String: [String]] = [:]

        static func json(_ value: SlotValue, resolved: [String]?) -> JSONValue {
            if let resolved {
                if case .names = value { return .array(resolved.map(JSONValue.string)) }
                return .string(resolved.first ?? "")
            }
            switch value {
            case .text(let t): return .string(t)
            case .names(let n): return .array(n.map(JSONValue.string))
            case .canonical(let c): return .string(c)
            case .number(let n): return .number(n)
            case .time(.day(let d)): return .string(d.iso)
            case .time(.period(let p)):
                return .object([("start", .string(p.start.iso)), ("end", .string(p.end.iso))])
            }
        }
    }

    /// A line that could not be understood or resolved, already phrased as an answer.
    public struct AnswerFailure: Error {
        public let answer: Answer
    }

    /// Intents whose name slots introduce new people rather than refer to known ones.
    static let introducingIntents: Set<String> = ["add_person"]

    static let pronouns: Set<String> = ["he", "she", "they", "him", "her", "them", "his", "hers", "their"]

    func understand(_ question: String) -> Result<Request, AnswerFailure> {
        if Tokenizer.isTooLong(question) {
            let why = question.count > Tokenizer.maximumLength ? "over \(Tokenizer.maximumLength) characters"
                                                                : "too many accents and marks"
            // Shown by scalars: one character can be a megabyte of combining marks.
            var answer = Answer(question: String(String.UnicodeScalarView(question.unicodeScalars.prefix(80))) + "…",
                                intent: nil, text: "That line is too long for me (\(why)).")
            answer.failure = .notUnderstood
            answer.suggestions = []
            return .failure(AnswerFailure(answer: answer))
        }
        let recognitions = matcher.recognize(question, today: today)
        guard let top = recognitions.first else {
            return .failure(AnswerFailure(answer: notUnderstood(question)))
        }
        // Among equally good readings, prefer one whose names all name people you know, then
        // the one with the longest names ("note that Diane Smith has…" keeps "Diane Smith").
        let tied = recognitions.filter { $0.score == top.score }
        let chosen = tied.enumerated().max { a, b in
            let ka = readingRank(a.element), kb = readingRank(b.element)
            return ka != kb ? ka < kb : a.offset > b.offset
        }!.element
        return resolve(chosen, question: question)
    }

    private func readingRank(_ recognition: Recognition) -> (Int, Int) {
        var resolved = 1
        var length = 0
        for (slot, value) in recognition.slots {
            for name in Self.names(in: value, slot: slot, catalogue: catalogue) {
                length += name.count
                if !Self.introducingIntents.contains(recognition.intent),
                   Self.pronouns.contains(name.lowercased()) ? lastMentioned.isEmpty
                                                             : resolvedPerson(name) == nil {
                    resolved = 0
                }
            }
        }
        return (resolved, length)
    }

    private func resolvedPerson(_ name: String) -> RecordID? {
        if case .person(let id) = graph.resolve(name: name) { return id }
        return nil
    }

    static func names(in value: SlotValue, slot: String, catalogue: Catalogue) -> [String] {
        switch (catalogue.slotKinds[slot], value) {
        case (.name?, .text(let name)): return [name]
        case (.names?, .names(let names)): return names
        default: return []
        }
    }

    private func resolve(_ recognition: Recognition, question: String) -> Result<Request, AnswerFailure> {
        var request = Request(question: question, recognition: recognition)
        guard !Self.introducingIntents.contains(recognition.intent) else { return .success(request) }
        for (slot, value) in recognition.slots.sorted(by: { $0.key < $1.key }) {
            let names = Self.names(in: value, slot: slot, catalogue: catalogue)
            guard !names.isEmpty else { continue }
            var ids: [RecordID] = []
            for name in names {
                if Self.pronouns.contains(name.lowercased()) {
                    guard !lastMentioned.isEmpty else {
                        return .failure(AnswerFailure(answer: unresolved(question, recognition, name: name, .unknown(suggestions: []))))
                    }
                    ids += lastMentioned
                    continue
                }
                switch graph.resolve(name: name) {
                case .person(let id):
                    ids.append(id)
                case let other:
                    return .failure(AnswerFailure(answer: unresolved(question, recognition, name: name, other)))
                }
            }
            request.people[slot] = ids
            request.resolvedNames[slot] = ids.compactMap { graph.people[$0]?.name }
        }
        return .success(request)
    }

    // MARK: - Failures

    private func notUnderstood(_ question: String) -> Answer {
        let suggestions = suggest(for: question)
        var text = "Sorry, I didn't understand that."
        if suggestions.isEmpty {
            text += " Type help to see what I understand."
        } else {
            text += " Try: " + suggestions.map { "\"\($0)\"" }.joined(separator: ", ") + " — or type help."
        }
        var answer = Answer(question: question, intent: nil, text: text)
        answer.failure = .notUnderstood
        answer.suggestions = suggestions
        return answer
    }

    /// The two or three example phrasings that share the most words with the question.
    func suggest(for question: String) -> [String] {
        // Words nearly every phrasing has say nothing about which one was meant.
        let filler: Set<String> = ["i", "me", "my", "a", "an", "the", "is", "to", "of", "and", "in", "on", "at", "'s"]
        let words = Set(matcher.tokens(of: question).map(\.word)).subtracting(filler)
        guard !words.isEmpty else { return [] }
        var scored: [(score: Double, intent: String, sentence: String)] = []
        for intent in catalogue.intents where intent.name != "help" {
            for example in intent.examples {
                let exampleWords = Set(Tokenizer.tokenize(example.sentence).map(\.word)).subtracting(filler)
                let shared = Double(words.intersection(exampleWords).count)
                guard shared > 0 else { continue }
                scored.append((shared / Double(words.union(exampleWords).count), intent.name, example.sentence))
            }
        }
        var chosen: [String] = []
        var intents: Set<String> = []
        for entry in scored.sorted(by: { $0.score != $1.score ? $0.score > $1.score : $0.sentence < $1.sentence })
        where intents.insert(entry.intent).inserted {
            chosen.append(entry.sentence)
            if chosen.count == 3 { break }
        }
        return chosen
    }

    private func unresolved(_ question: String, _ recognition: Recognition, name: String,
                            _ resolution: NameResolution) -> Answer {
        var answer = Answer(question: question, intent: recognition.intent, text: "")
        answer.slots = Request(question: question, recognition: recognition).jsonSlots
        switch resolution {
        case .ambiguous(let ids):
            let candidates = ids.compactMap { graph.people[$0] }
            answer.failure = .ambiguousPerson
            answer.suggestions = candidates.map(\.name)
            answer.text = "Which \(name)? " + candidates.enumerated().map { i, person in
                "\(i + 1). \(person.name)" + (person.org.map { " (\($0))" } ?? "")
            }.joined(separator: "  ") + ". Say the full name."
        case .unknown(let ids):
            let close = ids.compactMap { graph.people[$0]?.name }
            answer.failure = .unknownPerson
            answer.suggestions = close
            if Self.pronouns.contains(name.lowercased()) {
                answer.text = "I'm not sure who \"\(name)\" is — say their name."
            } else if close.isEmpty {
                answer.text = "I don't know anyone called \(name). To add them, say \"add \(name)\"."
            } else {
                answer.text = "I don't know anyone called \(name) — did you mean \(Phrasing.list(close))?"
            }
        case .person:
            break
        }
        answer.message = answer.text
        return answer
    }

    func failure(_ request: Request, _ kind: FailureKind, _ text: String) -> Answer {
        var answer = Answer(question: request.question, intent: request.intent, text: text)
        answer.failure = kind
        answer.message = text
        return answer
    }
}

extension String {
    var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}

extension Conversation.Request {
    /// An indented dump of the understanding, for `kith parse`:
    /// ```
    /// not_contacted  (not_contacted.intent:6: who <not> I <reach> [{period}])
    /// ├─ channel: call
    /// └─ period: 2025-10-01..2026-03-10
    /// ```
    public var tree: String {
        let template = recognition.template
        var lines = ["\(intent)  (\(template.file):\(template.line): \(template.source))"]
        let keys = recognition.slots.keys.sorted()
        for (i, key) in keys.enumerated() {
            let value = recognition.slots[key]!
            var shown = value.rendered
            if let names = resolvedNames[key], names.joined(separator: ", ") != shown {
                shown += " → " + names.joined(separator: ", ")
            }
            lines.append((i == keys.count - 1 ? "└─ " : "├─ ") + "\(key): \(shown)")
        }
        return lines.joined(separator: "\n")
    }
}

extension Conversation {
    /// Words worth completing at a prompt: every word of every template, sorted.
    public var vocabulary: [String] {
        catalogue.vocabulary.filter { $0.count > 2 && $0.allSatisfy(\.isLetter) }.sorted()
    }
}
