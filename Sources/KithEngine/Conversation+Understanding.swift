import KithGraph
import KithLanguage

extension Conversation {
    /// Intents whose name slots introduce new people rather than refer to known ones.
    static let introducingIntents: Set<String> = ["add_person"]

    /// Commands that offer to add a person they don't know ("should I add Dianne?").
    static let commandIntents: Set<String> = [
        "log_interaction", "add_note", "set_attribute", "relate", "tag", "set_cadence",
    ]

    /// Name slots that may name someone new: "rename Bob to Robert Stone" (merge's `other`).
    static let mayBeNew: [String: Set<String>] = ["merge": ["other"]]

    static let pronouns: Set<String> = ["he", "she", "they", "him", "her", "them", "his", "hers", "their"]

    /// Recognises a line and resolves its names. Exact readings first; only when there is
    /// none, readings that tolerate one typo per command word — and then only when a single
    /// intent reads it best, so a typo never turns a sentence into a guess.
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
        guard let chosen = reading(of: question) else {
            return .failure(AnswerFailure(answer: notUnderstood(question)))
        }
        return resolve(chosen, question: question)
    }

    /// The reading the conversation acts on, or nil when the line is not understood.
    public func reading(of question: String) -> Recognition? {
        var recognitions = matcher.recognize(question, today: today)
        if recognitions.isEmpty {
            recognitions = matcher.recognize(question, today: today, toleratingTypos: true)
            guard let top = recognitions.first else { return nil }
            let rivals = recognitions.filter { $0.score == top.score && $0.typos == top.typos }
            if Set(rivals.map(\.intent)).count > 1 { return nil }
        }
        guard let top = recognitions.first else { return nil }
        // Among equally good readings, prefer one whose names all name people you know, then
        // the one with the longest names ("note that Diane Smith has…" keeps "Diane Smith");
        // when no reading names anyone known, the shortest ("note that Carrl likes tea" is
        // about "Carrl", not "Carrl likes").
        let tied = recognitions.filter { $0.score == top.score && $0.typos == top.typos }
        return tied.enumerated().max { a, b in
            let ka = readingRank(a.element), kb = readingRank(b.element)
            return ka != kb ? ka < kb : a.offset > b.offset
        }!.element
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
        return (resolved, resolved == 1 ? length : -length)
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

    /// Turns every name slot into people. An ambiguous or unknown name is an answer — in the
    /// REPL a question back ("Which Sam?"), elsewhere a failure listing the candidates.
    func resolve(_ recognition: Recognition, question: String) -> Result<Request, AnswerFailure> {
        var request = Request(question: question, recognition: recognition)
        guard !Self.introducingIntents.contains(recognition.intent) else { return .success(request) }
        for (slot, value) in recognition.slots.sorted(by: { $0.key < $1.key }) {
            let names = Self.names(in: value, slot: slot, catalogue: catalogue)
            guard !names.isEmpty else { continue }
            var ids: [RecordID] = []
            for name in names {
                if Self.pronouns.contains(name.lowercased()) {
                    guard !lastMentioned.isEmpty else {
                        return .failure(AnswerFailure(answer: unresolved(question, recognition, slot: slot, name: name,
                                                                         .unknown(suggestions: []))))
                    }
                    ids += lastMentioned
                    continue
                }
                switch graph.resolve(name: name) {
                case .person(let id):
                    ids.append(id)
                case .unknown where Self.mayBeNew[recognition.intent]?.contains(slot) == true:
                    continue
                case let other:
                    return .failure(AnswerFailure(answer: unresolved(question, recognition, slot: slot, name: name, other)))
                }
            }
            guard !ids.isEmpty else { continue }
            request.people[slot] = ids
            request.resolvedNames[slot] = ids.compactMap { graph.people[$0]?.name }
        }
        return .success(request)
    }
}
