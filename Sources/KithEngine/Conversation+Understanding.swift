import KithGraph
import KithTime
import KithLanguage
import KithText

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
        let sources = request.recognition.reader == .template ? slotSources(of: request.recognition, in: request.question) : [:]
        return request.tree(rewrites: matcher.rewrites(of: request.question), sources: sources)
    }

    /// For a template's reading, which words filled each time and list slot and by which rule
    /// or list entry: `"a fortnight ago" (time: N units ago)`, `"rang" (list log_channel)`.
    /// Found again in the line, as the matcher reads its words.
    func slotSources(of recognition: Recognition, in question: String) -> [String: String] {
        let tokens = matcher.tokens(of: question)
        let words = tokens.map(\.word)
        let time = TimeExpressionParser(today: today)
        func text(_ start: Int, _ length: Int) -> String {
            String(question[tokens[start].range.lowerBound..<tokens[start + length - 1].range.upperBound])
        }
        func occurs(_ phrasing: [String]) -> Int? {
            guard !phrasing.isEmpty, phrasing.count <= words.count else { return nil }
            return (0...(words.count - phrasing.count)).first { words[$0..<$0 + phrasing.count].elementsEqual(phrasing) }
        }
        var sources: [String: String] = [:]
        for (slot, value) in recognition.slots {
            switch value {
            case .time(let wanted):
                let future: Bool
                switch catalogue.slotKinds[slot] {
                case .due?, .upcoming?: future = true
                default: future = false
                }
                search: for start in words.indices {
                    for found in time.parse(words[start...], leaning: future ? .future : .past)
                    where found.value.period == wanted.period {
                        sources[slot] = "\"\(text(start, found.length))\" (time: \(found.rule))"
                        break search
                    }
                }
            case .canonical(let canonical):
                // The longest phrasing in the line of the lists the template reads this slot with.
                let types = Self.slotTypes(in: recognition.template.pattern, named: slot)
                var best: (list: String, start: Int, length: Int)?
                for (name, list) in catalogue.lists.sorted(by: { $0.key < $1.key }) where types.contains(name) {
                    for entry in list.entries where entry.canonical == canonical {
                        for phrasing in entry.phrasings where phrasing.count > (best?.length ?? 0) {
                            if let start = occurs(phrasing) { best = (name, start, phrasing.count) }
                        }
                    }
                }
                if let best { sources[slot] = "\"\(text(best.start, best.length))\" (list \(best.list))" }
            default:
                break
            }
        }
        return sources
    }

    /// The types a pattern reads the slot `name` with ("log_channel" for `{log_channel:channel}`).
    static func slotTypes(in pattern: Pattern, named name: String) -> Set<String> {
        switch pattern {
        case .slot(let type, let slot): return slot == name ? [type] : []
        case .sequence(let items), .choice(let items): return items.reduce(into: []) { $0.formUnion(slotTypes(in: $1, named: name)) }
        case .word, .fixed, .rule: return []
        }
    }

    /// The reading the conversation acts on, or nil when the line is not understood: a
    /// template's, exactly; else a template's forgiving one slip per word, when one intent reads
    /// it best; else a frame's (`FrameReader`), when it accounts for the line and no other
    /// intent's frame reads it as well. Commands read the last two ways are confirmed first.
    ///
    /// When none of them reads the line as typed, it is read again with possessives restored
    /// ("hannahs manager" → "hannah's manager", for names you know), and then clause by clause:
    /// the longest run of clauses from the start, then from the end, that one of the three ways
    /// reads ("Who is François? I cannot place him.", "I paid the rent thing, check it off").
    public func reading(of question: String) -> Recognition? {
        let (line, notes) = applyingLearned(question)
        if !notes.isEmpty, let taught = reading(ofLine: line),
           !(matcher.best(question, today: today).map { Self.teachingIntents.contains($0.intent) } ?? false) {
            var recognition = taught
            recognition.notes = notes + recognition.notes
            return recognition
        }
        return reading(ofLine: question)
    }

    /// `reading(of:)` once taught phrasings have been applied.
    private func reading(ofLine question: String) -> Recognition? {
        if let exact = exactReading(question) {
            // "update bens birthday": a name nobody has may be a possessive without its
            // apostrophe. Only then is the line read again, so a question templates read well
            // costs no more.
            if namesSomeoneUnknown(exact), let restored = withPossessives(question), let better = exactReading(restored),
               !namesSomeoneUnknown(better) {
                return finished(better, restored)
            }
            return finished(exact, question)
        }
        let line = withPossessives(question) ?? question
        if line != question, let exact = exactReading(line) { return finished(exact, line) }
        if let fallback = fallbackReading(line) { return finished(fallback, line) }
        // A few clauses of a sentence a person wrote: reading every run of clauses of a long line
        // would cost its square.
        let clauses = Self.clauses(of: line)
        guard (2...Self.mostClauses).contains(clauses.count), line.utf8.count <= Self.longestSplitLine else { return nil }
        var parts: [String] = []
        for count in stride(from: clauses.count - 1, through: 1, by: -1) {
            parts.append(clauses.prefix(count).joined(separator: " "))
            parts.append(clauses.suffix(count).joined(separator: " "))
        }
        for part in parts {
            guard var reading = exactReading(part) ?? frameReading(of: part) else { continue }
            let rest = line.replacingFirst(part, with: " ")
            reading = withPronounsNamed(reading, rest: rest)
            guard isPlausibleAsPart(reading, rest: rest) else { continue }
            reading.reader = .part
            reading.notes.append("read from part of the line: \"\(part)\"")
            return finished(reading, part)
        }
        return nil
    }

    /// Whether a reading's name slot holds a name that finds nobody (people being added aside).
    private func namesSomeoneUnknown(_ recognition: Recognition) -> Bool {
        guard !Self.introducingIntents.contains(recognition.intent) else { return false }
        return recognition.slots.contains { slot, value in
            Self.names(in: value, slot: slot, catalogue: catalogue).contains {
                !Self.pronouns.contains($0.lowercased()) && !namesSomeone($0)
            }
        }
    }

    /// A pronoun in a part of a line means the one person you know the rest of the line names:
    /// "Chris isn't a neighbour any more, untag him" is about Chris.
    private func withPronounsNamed(_ recognition: Recognition, rest: String) -> Recognition {
        var result = recognition
        for (slot, value) in recognition.slots {
            guard case .text(let name) = value, Self.pronouns.contains(name.lowercased()),
                  catalogue.slotKinds[slot] == .name else { continue }
            let named = knownPeople(in: rest)
            if named.count == 1 { result = result.replacing(slot, with: .text(named[0].name)) }
        }
        return result
    }

    /// The people you know that a text names, each once, in order, with the words that name them.
    func knownPeople(in text: String) -> [(id: RecordID, name: String)] {
        let gazetteer = GraphGazetteer(graph: graph, ordinaryWords: ordinaryWords, resolve: { [unowned self] in self.namedPerson($0) })
        let tokens = Tokenizer.tokenize(text)
        var words = tokens.map(\.word)
        // "moms birthday": a possessive without its apostrophe.
        for (i, word) in words.enumerated() where word.count >= 4 && word.hasSuffix("s") && !matcher.knows(word)
            && !isNameKey(word) && isNameKey(String(word.dropLast())) {
            words[i] = String(word.dropLast())
        }
        var found: [(id: RecordID, name: String)] = []
        var position = 0
        while position < words.count {
            guard let length = gazetteer.lengths(naming: words[position...], slot: "person", kind: .name).first else {
                position += 1
                continue
            }
            var name = String(text[tokens[position].range.lowerBound..<tokens[position + length - 1].range.upperBound])
            if words[position + length - 1] != tokens[position + length - 1].word { name.removeLast() }
            // Only someone a name finds alone: an ambiguous one is left as text.
            if case .person(let id) = namedPerson(name), !found.contains(where: { $0.id == id }) { found.append((id, name)) }
            position += length
        }
        return found
    }

    /// Lines are read clause by clause only up to this many clauses and bytes.
    static let mostClauses = 5
    static let longestSplitLine = 240

    /// Intents never read from part of a line: they are about the conversation itself, and a
    /// stray "why" or "help" at the end of a sentence is not a request for them.
    static let wholeLineIntents: Set<String> = ["explain", "follow_up", "help", "undo"]

    /// A reading of part of a line, with the rest left aside, is held to more: not an intent of
    /// `wholeLineIntents`, and every name it gives either finds someone you know or (for people
    /// being added) is written as a name — "update my shopping list, delete canned olives" is
    /// not about a person called Canned Olives. Nor is it a change when the rest of the line is a
    /// question: "David is my boss, he will fire me?" asks, it does not tell Kith who David is.
    func isPlausibleAsPart(_ recognition: Recognition, rest: String) -> Bool {
        guard !Self.wholeLineIntents.contains(recognition.intent) else { return false }
        if Self.changingIntents.contains(recognition.intent),
           rest.trimmed.hasSuffix("?") { return false }
        for (slot, value) in recognition.slots {
            for name in Self.names(in: value, slot: slot, catalogue: catalogue) {
                if Self.introducingIntents.contains(recognition.intent) || Self.mayBeNew[recognition.intent]?.contains(slot) == true {
                    if !Self.looksLikeName(name) { return false }
                } else if !Self.pronouns.contains(name.lowercased()), !namesSomeone(name) {
                    return false
                }
            }
        }
        return true
    }

    /// A template's exact reading of the line, if one is plausible.
    private func exactReading(_ line: String) -> Recognition? {
        let recognitions = matcher.recognize(line, today: today).filter(isPlausible)
        guard let top = recognitions.first else { return nil }
        return preferred(among: recognitions, top: top)
    }

    /// A template's reading forgiving one slip a word, when one intent reads the line best; else
    /// a frame's.
    private func fallbackReading(_ line: String) -> Recognition? {
        let recognitions = matcher.recognize(line, today: today, toleratingTypos: true).filter(isPlausible)
        guard let top = recognitions.first else { return frameReading(of: line) }
        let rivals = recognitions.filter { $0.score == top.score && $0.typos == top.typos }
        if Set(rivals.map(\.intent)).count > 1 { return nil }
        return preferred(among: recognitions, top: top)
    }

    /// The reading as the conversation acts on it: the medium said after the verb is the channel.
    private func finished(_ recognition: Recognition, _ line: String) -> Recognition {
        recognition.withMediumAsChannel()
    }

    /// What the store makes of a reading before it is acted on: a note keeps the name it begins
    /// with, and a new person's name loses the titles said with it ("professor Alan Hale" is Alan
    /// Hale). (A reminder is linked to the person its text names when the request is completed:
    /// `linkPerson`.)
    func shaped(_ recognition: Recognition, question: String) -> Recognition {
        var shaped = withSubjectInText(recognition, question)
        if Self.introducingIntents.contains(shaped.intent), case .text(let name)? = shaped.slots["person"],
           let titles = catalogue.lists["name_title"]?.entries.flatMap(\.phrasings).compactMap(\.first) {
            // A first and last name stay: "Mrs Petrova" is all the name there is.
            var words = name.split(separator: " ").map(String.init)
            while words.count > 2, titles.contains(fold(words[0])) { words.removeFirst() }
            if words.count < name.split(separator: " ").count {
                shaped = shaped.replacing("person", with: .text(words.joined(separator: " ")))
            }
        }
        return shaped
    }

    /// The line split where its clauses end: after a comma, a semicolon, a colon, a dash or a
    /// sentence's end, and at a chat word that closes a thought ("lol", "haha").
    static func clauses(of line: String) -> [String] {
        var clauses: [String] = []
        var current = ""
        for chunk in line.split(separator: " ", omittingEmptySubsequences: true) {
            let word = String(chunk)
            if word == "-" || word == "—" || word == "–" {
                if !current.isEmpty { clauses.append(current) }
                current = ""
                continue
            }
            current += current.isEmpty ? word : " " + word
            let bare = word.lowercased().filter { $0.isLetter }
            if let last = word.last, [",", ";", ":", ".", "?", "!"].contains(last) || ["lol", "haha", "lmao"].contains(bare) {
                // "St. Cecilia's" and "D. Smith": a short word with a full stop is an abbreviation.
                if last == ".", word.count <= 3 { continue }
                clauses.append(current)
                current = ""
            }
        }
        if !current.isEmpty { clauses.append(current) }
        return clauses
    }

    /// The line with an apostrophe put back in a possessive of a name you know ("carols email" →
    /// "carol's email"), or nil when there is none to restore.
    func withPossessives(_ line: String) -> String? {
        var result = ""
        var changed = false
        var index = line.startIndex
        for token in Tokenizer.tokenize(line) {
            result += line[index..<token.range.upperBound]
            index = token.range.upperBound
            let word = token.word
            guard word.count >= 4, word.hasSuffix("s"), !word.hasSuffix("'s"), !matcher.knows(word) else { continue }
            guard isNameKey(String(word.dropLast())), !isNameKey(word) else { continue }
            result.insert("'", at: result.index(before: result.endIndex))
            changed = true
        }
        result += line[index...]
        return changed ? result : nil
    }

    /// Whether the word is exactly one of someone's names (first, last, full or alias), or a
    /// family word for one ("mum"), not a slip of one.
    private func isNameKey(_ word: String) -> Bool {
        switch namedPerson(word) {
        case .person(let id):
            guard let person = graph.people[id] else { return false }
            if case .unknown = graph.resolve(name: word) { return true }
            let keys = [person.name, person.firstName, String(person.name.split(separator: " ").last ?? "")] + person.aliases
            return keys.contains { fold($0) == fold(word) }
        case .ambiguous:
            return true
        case .unknown:
            return false
        }
    }

    /// Intents whose text begins with the person it is about, said once for both: "note that
    /// Diane has two kids" keeps the note "Diane has two kids" about Diane. Only for a name that
    /// finds someone as typed: a misspelt one, settled by a question, is not kept in the note.
    static let subjectInText: [String: (person: String, text: String)] = ["add_note": ("person", "text")]

    private func withSubjectInText(_ recognition: Recognition, _ line: String) -> Recognition {
        guard let slots = Self.subjectInText[recognition.intent], case .text(let person)? = recognition.slots[slots.person],
              case .text(let text)? = recognition.slots[slots.text], namesSomeone(person) else { return recognition }
        if text.hasPrefix("'") { return recognition.replacing(slots.text, with: .text(person + text)) }
        if line.contains(person + " " + text) { return recognition.replacing(slots.text, with: .text(person + " " + text)) }
        return recognition
    }

    /// Whether a reading names things a line about your network would: the checks that need the
    /// store, made after matching (docs/intents.md, "Plausible readings").
    ///
    /// - A question's name slot names someone you know (or a pronoun, or words written as a
    ///   name: "who is Jenny Walsh"), not "who is knocking" or "look up qat".
    /// - A question's tag is a tag you use, or one of the usual ones (`common_tag`): "find my
    ///   phone" is not a question about people tagged "phone".
    /// - A command's name is not made of Kith's own words ("add new").
    /// - `tag` names someone you know or a tag you use: "add sprite to my shopping list" is not
    ///   about a person called Sprite.
    /// - A `known_tag` slot holds a tag you use or a usual one ("Diane Smith is a client").
    func isPlausible(_ recognition: Recognition) -> Bool {
        let changes = Self.changingIntents.contains(recognition.intent)
        for (slot, value) in recognition.slots {
            for name in Self.names(in: value, slot: slot, catalogue: catalogue) {
                let words = name.split(separator: " ").map { fold(String($0)) }
                if changes {
                    if words.allSatisfy({ matcher.knows($0) || catalogue.glue.contains($0) }), !namesSomeone(name) { return false }
                } else if !Self.pronouns.contains(name.lowercased()), !namesSomeone(name), !Self.looksLikeName(name) {
                    return false
                }
            }
        }
        if recognition.template.pattern.hasSlot(ofType: "known_tag"), case .text(let tag)? = recognition.slots["tag"],
           !graph.hasTag(tag), !isCommonTag(tag) {
            return false
        }
        if case .text(let tag)? = recognition.slots["tag"] {
            let known = graph.hasTag(tag) || isCommonTag(tag)
            if !changes, !known { return false }
            if recognition.intent == "tag", !known,
               let person = recognition.slots["person"].flatMap({ Self.names(in: $0, slot: "person", catalogue: catalogue).first }),
               !namesSomeone(person), !Self.pronouns.contains(person.lowercased()) {
                return false
            }
        }
        return true
    }

    /// Whether a name finds someone (or several people) in the store, as typed or by a variant
    /// (`namedPerson`).
    func namesSomeone(_ name: String) -> Bool {
        switch namedPerson(name) {
        case .person, .ambiguous: return true
        case .unknown: return false
        }
    }

    /// Words written as a name: each begins with a capital letter ("Jenny Walsh").
    static func looksLikeName(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        return !words.isEmpty && words.allSatisfy { $0.first?.isUppercase == true }
    }

    /// A tag most people use (`common_tag` in intents/_shared.intent), known before any is given.
    func isCommonTag(_ tag: String) -> Bool {
        let key = Graph.tagKey(tag)
        return catalogue.lists["common_tag"]?.entries.contains { entry in
            entry.phrasings.contains { Graph.tagKey($0.joined(separator: " ")) == key }
        } ?? false
    }

    /// A name resolved as typed; failing that, with a family word read as the alias people use
    /// (`name_variant`: "mum" is Mom), as a nickname and a last name that find the same person
    /// ("Bob Stone" is Robert Stone), or without the titles and family words said with it
    /// (`name_title`: "professor Park", "my daughter Emily").
    func namedPerson(_ name: String) -> NameResolution {
        let direct = graph.resolve(name: name)
        if case .unknown = direct {} else { return direct }
        let words = name.split(separator: " ").map(String.init)
        let folded = words.map { fold($0) }
        if let variants = catalogue.lists["name_variant"] {
            for entry in variants.entries where entry.phrasings.contains([folded.joined(separator: " ")]) {
                let found = graph.resolve(name: entry.canonical)
                if case .unknown = found {} else { return found }
            }
        }
        // "Bob Stone": a nickname and a last name that find the same person.
        if words.count == 2, case .person(let first) = graph.resolve(name: words[0]),
           case .person(let last) = graph.resolve(name: words[1]), first == last {
            return .person(first)
        }
        if let titles = catalogue.lists["name_title"]?.entries.flatMap(\.phrasings).compactMap(\.first) {
            var start = 0
            while start < words.count - 1, titles.contains(folded[start]) { start += 1 }
            if start > 0 {
                let found = graph.resolve(name: words[start...].joined(separator: " "))
                if case .unknown = found {} else { return found }
            }
        }
        return direct
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
        if case .person(let id) = namedPerson(name) { return id }
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
        let recognition = shaped(recognition, question: question)
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
                switch namedPerson(name) {
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
                                               gazetteer: GraphGazetteer(graph: graph, ordinaryWords: ordinaryWords,
                                                                          resolve: { [unowned self] in self.namedPerson($0) }))
    }

    /// The frame reading the conversation may act on: one that leaves nothing unexplained (or a
    /// single word, in a line where it explained four or more), and that no other intent's frame
    /// matches as well — two intents reading a line equally well is a question, not an answer.
    func frameReading(of question: String) -> Recognition? {
        let readings = frameReadings(of: question)
        guard let best = readings.first, Self.isConfident(best), isPlausible(best.recognition) else { return nil }
        let rival = readings.dropFirst().first {
            $0.recognition.intent != best.recognition.intent && $0.unexplained.count == best.unexplained.count
                && $0.explained == best.explained
        }
        guard rival == nil else { return nil }
        var recognition = best.recognition
        recognition.notes = best.parts
        return recognition
    }

    /// A frame reading is acted on when it leaves nothing unexplained; one word, where it
    /// explained four or more; two, for a question (never a change) where it explained seven or
    /// more ("quick refresher on Amelia Clarke before I see her").
    /// Never when a word it leaves unexplained names a time: the line said when, and the reading
    /// would answer for another period.
    static func isConfident(_ reading: FrameReading) -> Bool {
        guard !reading.unexplained.contains(where: TimeExpressionParser.namesATime) else { return false }
        switch reading.unexplained.count {
        case 0: return true
        case 1: return reading.explained >= 4
        case 2: return reading.explained >= 7 && !changingIntents.contains(reading.recognition.intent)
        default: return false
        }
    }
}


extension Conversation {
    /// Intents that change the store. Read by a fallback (a slip forgiven, or a frame), they are
    /// confirmed before anything changes.
    public static let changingIntents: Set<String> = [
        "add_person", "log_interaction", "add_note", "set_attribute", "relate", "tag", "set_cadence", "remind",
        "complete_reminder", "forget", "merge", "undo", "import", "teach", "unlearn",
    ]

    /// Intents about taught phrasings: a line read as one of them is never rewritten by them.
    static let teachingIntents: Set<String> = ["teach", "unlearn"]
}

extension Recognition {
    /// A medium named after the verb wins over the verb's channel: "caught up with Diane over
    /// zoom" is a video call. The `medium` slot becomes the `channel`.
    func withMediumAsChannel() -> Recognition {
        guard let medium = slots["medium"] else { return self }
        return replacing("channel", with: medium).replacing("medium", with: nil)
    }
}

extension Pattern {
    /// Whether the pattern reads a slot of this type anywhere.
    func hasSlot(ofType type: String) -> Bool {
        switch self {
        case .slot(let slotType, _): return slotType == type
        case .sequence(let items), .choice(let items): return items.contains { $0.hasSlot(ofType: type) }
        case .word, .fixed, .rule: return false
        }
    }
}

extension String {
    /// The string with the first occurrence of `target` replaced.
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = firstRange(of: target) else { return self }
        return String(self[..<range.lowerBound]) + replacement + String(self[range.upperBound...])
    }
}
