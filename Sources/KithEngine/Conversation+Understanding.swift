import KithGraph
import KithTime
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

    /// How a request was understood, as `kith parse` and `why` show it: the intent and the
    /// template or frame that read it, each slot, what each cue and entity read, and what was
    /// rewritten before matching.
    public func explanation(of request: Request) -> String {
        let sources = request.recognition.reader == .template ? slotSources(of: request.recognition, in: request.question) : []
        return request.tree(rewrites: sources + matcher.rewrites(of: request.question))
    }

    /// For a template's reading, which words filled each time and list slot and by which rule
    /// or list entry: `period: "a fortnight ago" (time: N units ago)`, `channel: "rang" (list
    /// log_channel)`. Found again in the line, as the matcher reads its words.
    func slotSources(of recognition: Recognition, in question: String) -> [String] {
        let tokens = matcher.tokens(of: question)
        let words = tokens.map(\.word)
        let time = TimeExpressionParser(today: today)
        func text(_ start: Int, _ length: Int) -> String {
            String(question[tokens[start].range.lowerBound..<tokens[start + length - 1].range.upperBound])
        }
        var notes: [String] = []
        for slot in recognition.slots.keys.sorted() {
            let value = recognition.slots[slot]!
            switch (catalogue.slotKinds[slot], value) {
            case (_, .time(let wanted)):
                let future: Bool
                switch catalogue.slotKinds[slot] {
                case .due?, .upcoming?: future = true
                default: future = false
                }
                search: for start in words.indices {
                    for found in time.parse(words[start...], leaning: future ? .future : .past)
                    where found.value.period == wanted.period {
                        notes.append("\(slot): \"\(text(start, found.length))\" (time: \(found.rule))")
                        break search
                    }
                }
            case (.list(let name)?, .canonical(let canonical)):
                let phrasings = catalogue.lists[name]?.entries.filter { $0.canonical == canonical }.flatMap(\.phrasings) ?? []
                search: for phrasing in phrasings.sorted(by: { $0.count > $1.count }) where phrasing.count <= words.count {
                    for start in 0...(words.count - phrasing.count) where words[start..<start + phrasing.count].elementsEqual(phrasing) {
                        notes.append("\(slot): \"\(text(start, phrasing.count))\" (list \(name): \(canonical))")
                        break search
                    }
                }
            default:
                break
            }
        }
        return notes
    }

    /// The reading the conversation acts on, or nil when the line is not understood: a
    /// template's, exactly; else a template's forgiving one slip per word, when one intent reads
    /// it best; else a frame's (`FrameReader`), when it accounts for the line and no other
    /// intent's frame reads it as well. Commands read the last two ways are confirmed first.
    public func reading(of question: String) -> Recognition? {
        var recognitions = matcher.recognize(question, today: today)
        if recognitions.isEmpty {
            recognitions = matcher.recognize(question, today: today, toleratingTypos: true)
            guard let top = recognitions.first else { return frameReading(of: question) }
            let rivals = recognitions.filter { $0.score == top.score && $0.typos == top.typos }
            if Set(rivals.map(\.intent)).count > 1 { return nil }
        }
        guard let top = recognitions.first else { return nil }
        return preferred(among: recognitions, top: top).withMediumAsChannel()
    }

    private func preferred(among recognitions: [Recognition], top: Recognition) -> Recognition {
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
        complete(&request)
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

// MARK: - Frames

extension Conversation {
    /// Every frame's reading of a line, best first (see `FrameReader`).
    func frameReadings(of question: String) -> [FrameReading] {
        FrameReader(matcher: matcher).readings(question, today: today,
                                               gazetteer: GraphGazetteer(graph: graph, ordinaryWords: ordinaryWords))
    }

    /// The frame reading the conversation may act on: one that leaves nothing unexplained (or a
    /// single word, in a line where it explained four or more), and that no other intent's frame
    /// matches as well — two intents reading a line equally well is a question, not an answer.
    func frameReading(of question: String) -> Recognition? {
        let readings = frameReadings(of: question)
        guard let best = readings.first, Self.isConfident(best) else { return nil }
        let rival = readings.dropFirst().first {
            $0.recognition.intent != best.recognition.intent && $0.unexplained.count == best.unexplained.count
                && $0.explained == best.explained
        }
        guard rival == nil else { return nil }
        var recognition = best.recognition
        recognition.notes = best.parts
        return recognition.withMediumAsChannel()
    }

    static func isConfident(_ reading: FrameReading) -> Bool {
        reading.unexplained.isEmpty || (reading.unexplained.count == 1 && reading.explained >= 4)
    }
}


extension Conversation {
    /// Intents that change the store. Read by a fallback (a slip forgiven, or a frame), they are
    /// confirmed before anything changes.
    public static let changingIntents: Set<String> = [
        "add_person", "log_interaction", "add_note", "set_attribute", "relate", "tag", "set_cadence", "remind",
        "complete_reminder", "forget", "merge", "undo", "import",
    ]
}

extension Recognition {
    /// A medium named after the verb wins over the verb's channel: "caught up with Diane over
    /// zoom" is a video call. The `medium` slot becomes the `channel`.
    func withMediumAsChannel() -> Recognition {
        guard let medium = slots["medium"] else { return self }
        return replacing("channel", with: medium).replacing("medium", with: nil)
    }
}
