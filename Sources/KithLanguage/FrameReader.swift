import KithText
import KithTime

/// What a line names that only the user's own data can tell: people, tags, organisations and
/// places. The engine answers from the graph; tests answer from a table.
public protocol Gazetteer {
    /// How many of the first `words` (lowercased tokens) name something `slot` can hold — a
    /// person for name slots, a tag, an organisation or a place for the label slots of those
    /// names — longest first; empty when they name nothing.
    func lengths(naming words: ArraySlice<String>, slot: String, kind: SlotKind) -> [Int]
}

/// A frame's reading of a line, with what it used and what it left unexplained.
public struct FrameReading: Sendable {
    public let recognition: Recognition
    /// Words the reading explained: cues and entities it used.
    public let explained: Int
    /// Words it could not account for (neither used nor glue), as typed.
    public let unexplained: [String]
    /// Which cue or entity read each part of the line, for `why`: "when (need: when | last time)".
    public let parts: [String]
}

/// The second stage of understanding: reads a line as a frame — the people, times, channels,
/// tags and organisations it names, plus the cue words of each intent (`Frame`) — when no
/// template matches it. It tolerates word order and extra words no template list enumerates.
///
/// Scoring (docs/intents.md, "Frames"): a frame reads a line when every `need:` is met by words
/// of their own; its reading explains the words of the cues and entities it used, and leaves
/// unexplained every other word that is not glue ("the", "did", "to"). Readings rank by fewest
/// unexplained words, then most explained, then fewest typos, then catalogue order. The engine
/// accepts the best only when it leaves little unexplained and no other intent reads the line
/// as well.
public struct FrameReader {
    let catalogue: Catalogue
    let matcher: Matcher
    let glue: Set<String>
    /// Words that may sit inside a cue's phrase without breaking it (the list `filler` in
    /// intents/_shared.intent): "how did I even meet Amelia" says "how did I meet".
    let fillers: Set<String>

    public init(matcher: Matcher) {
        self.matcher = matcher
        self.catalogue = matcher.catalogue
        self.glue = Set(matcher.catalogue.glue)
        self.fillers = Set(matcher.catalogue.lists["filler"]?.entries.flatMap { $0.phrasings.compactMap(\.first) } ?? [])
    }

    /// A found span: an entity or a cue's words, over `positions` of the sentence's tokens.
    struct Occurrence {
        var positions: [Int]
        /// The slot it fills and the value, for entities; nil for a cue's words.
        var slot: String? = nil
        var value: SlotValue? = nil
        var typos = 0
        var note: String
    }

    /// Every frame's reading of the sentence, best first. `partially`: instead, the frames that
    /// meet some of their needs but not all — what a "did you mean" can be built from — ranked by
    /// how much of the line they explain.
    public func readings(_ sentence: String, today: CalendarDate, gazetteer: Gazetteer,
                         partially: Bool = false) -> [FrameReading] {
        guard !Tokenizer.isTooLong(sentence) else { return [] }
        let tokens = matcher.tokens(of: sentence)
        guard !tokens.isEmpty else { return [] }
        var run = FrameRun(reader: self, sentence: sentence, tokens: tokens, today: today, gazetteer: gazetteer)
        var readings: [(reading: FrameReading, typos: Int, order: Int)] = []
        for (order, intent) in catalogue.intents.enumerated() {
            guard let frame = intent.frame, let (reading, typos) = run.read(frame, intent: intent, partially: partially)
            else { continue }
            readings.append((reading, typos, order))
        }
        return readings.sorted { a, b in
            if a.reading.unexplained.count != b.reading.unexplained.count {
                return a.reading.unexplained.count < b.reading.unexplained.count
            }
            if a.reading.explained != b.reading.explained { return a.reading.explained > b.reading.explained }
            if a.typos != b.typos { return a.typos < b.typos }
            return a.order < b.order
        }.map(\.reading)
    }
}

/// One sentence being read by every frame: its tokens and the entities found so far.
struct FrameRun {
    let reader: FrameReader
    let sentence: String
    let tokens: [Token]
    let words: [String]
    let time: TimeExpressionParser
    let gazetteer: Gazetteer
    private var entityCache: [String: [FrameReader.Occurrence]] = [:]
    /// Where each phrase occurs: frames share many cue words.
    private var phraseCache: [[String]: [(Int, Int, Int)]] = [:]

    init(reader: FrameReader, sentence: String, tokens: [Token], today: CalendarDate, gazetteer: Gazetteer) {
        self.reader = reader
        self.sentence = sentence
        self.tokens = tokens
        self.words = tokens.map(\.word)
        self.time = TimeExpressionParser(today: today)
        self.gazetteer = gazetteer
    }

    /// The frame's best reading of the sentence, or nil when a `need:` is unmet or a `never:`
    /// phrase is there.
    mutating func read(_ frame: Frame, intent: IntentDefinition, partially: Bool = false) -> (FrameReading, Int)? {
        guard !frame.needs.isEmpty else { return nil }
        for phrase in frame.never where !positions(of: phrase).isEmpty { return nil }
        var needs = frame.needs.map { occurrences(of: $0, role: "need") }
        if partially {
            // Some needs met, not all: the met ones are read, the rest left out.
            let met = needs.filter { !$0.isEmpty }
            guard !met.isEmpty, met.count < needs.count else { return nil }
            needs = met
        } else {
            guard !needs.contains(where: \.isEmpty) else { return nil }
        }
        let takes = frame.takes.map { occurrences(of: $0, role: "take") }
        // Needs in order, each with its own words; then whatever takes still fit. Few groups and
        // few candidates each, so trying every choice of needs is cheap.
        var best: (used: [FrameReader.Occurrence], covered: Set<Int>)?
        func explore(_ index: Int, _ used: [FrameReader.Occurrence], _ covered: Set<Int>) {
            if index == needs.count {
                var used = used, covered = covered
                // Every occurrence of a take's words that fits explains them; an entity is taken
                // once, filling its slot (a second person named is not explained by it).
                var filled: Set<String> = Set(used.compactMap(\.slot))
                for candidates in takes {
                    for fit in candidates where covered.isDisjoint(with: fit.positions) {
                        if let slot = fit.slot {
                            guard filled.insert(slot).inserted else { continue }
                        }
                        used.append(fit)
                        covered.formUnion(fit.positions)
                    }
                }
                if best == nil || covered.count > best!.covered.count { best = (used, covered) }
                return
            }
            for candidate in needs[index] where covered.isDisjoint(with: candidate.positions) {
                explore(index + 1, used + [candidate], covered.union(candidate.positions))
            }
        }
        explore(0, [], [])
        guard let (used, covered) = best, !used.isEmpty else { return nil }

        var slots: [String: SlotValue] = [:]
        var typos = 0
        for occurrence in used {
            typos += occurrence.typos
            // Needs come first, so a `take:` naming the same slot wins: "caught up with Diane over
            // zoom" takes its channel from "over zoom".
            if let slot = occurrence.slot, let value = occurrence.value { slots[slot] = value }
        }
        let parts = used.sorted { ($0.positions.first ?? 0) < ($1.positions.first ?? 0) }.map(\.note)
        let unexplained = words.indices.filter { !covered.contains($0) && !reader.glue.contains(words[$0]) }
            .map { String(sentence[tokens[$0].range]) }
        let template = SentenceTemplate(source: "frame", file: frame.file, line: frame.line, pattern: .empty)
        var recognition = Recognition(intent: intent.name, slots: slots, template: template, score: covered.count,
                                      typos: typos)
        recognition.reader = .frame
        return (FrameReading(recognition: recognition, explained: covered.count, unexplained: unexplained,
                             parts: parts), typos)
    }

    /// Where a group's cues occur, leftmost first.
    private mutating func occurrences(of group: Frame.Group, role: String) -> [FrameReader.Occurrence] {
        var found: [FrameReader.Occurrence] = []
        for cue in group.cues {
            switch cue {
            case .phrase(let phrase):
                for (start, end, typos) in positions(of: phrase) {
                    found.append(.init(positions: Array(start..<end), value: nil, typos: typos,
                                       note: "\"\(text(start, end))\" (\(role), line \(group.line))"))
                }
            case .slot(let type, let name):
                found += entities(type: type, slot: name)
            case .lead(let lead, let type, let name):
                found += texts(after: lead, type: type, slot: name, group: group)
            }
        }
        return found.sorted { ($0.positions.first ?? 0, -$0.positions.count) < ($1.positions.first ?? 0, -$1.positions.count) }
    }

    /// Where a phrase occurs, with the typos it took: a word of five letters or more may be one
    /// slip away when the phrase is a single word ("remeber" for "remember").
    /// Where a phrase occurs, as (start, end, typos).
    private mutating func positions(of phrase: [String]) -> [(Int, Int, Int)] {
        if let known = phraseCache[phrase] { return known }
        let found = findPositions(of: phrase)
        phraseCache[phrase] = found
        return found
    }

    private func findPositions(of phrase: [String]) -> [(Int, Int, Int)] {
        guard !phrase.isEmpty, phrase.count <= words.count else { return [] }
        var found: [(Int, Int, Int)] = []
        for start in 0...(words.count - phrase.count) {
            if words[start..<start + phrase.count].elementsEqual(phrase) {
                found.append((start, start + phrase.count, 0))
            } else if phrase.count == 1, phrase[0].count >= 5, !reader.matcher.knows(words[start]),
                      !reader.glue.contains(words[start]), Self.isSlip(words[start], of: phrase[0]) {
                found.append((start, start + 1, 1))
            } else if phrase.count > 1, words[start] == phrase[0], let end = endWithFillers(of: phrase, from: start) {
                found.append((start, end, 0))
            }
        }
        return found
    }

    /// Where a phrase that begins at `start` ends when filler words sit between its words
    /// ("how did i even meet"), or nil.
    private func endWithFillers(of phrase: [String], from start: Int) -> Int? {
        guard !reader.fillers.isEmpty else { return nil }
        var position = start + 1
        for word in phrase.dropFirst() {
            while position < words.count, words[position] != word, reader.fillers.contains(words[position]) { position += 1 }
            guard position < words.count, words[position] == word else { return nil }
            position += 1
        }
        return position
    }

    /// One slip inside a word (its first letter kept), as the template matcher forgives.
    static func isSlip(_ typed: String, of word: String) -> Bool {
        typed.first == word.first && typed.count >= 4 && editDistanceIsOne(typed, word)
    }

    private static func editDistanceIsOne(_ a: String, _ b: String) -> Bool {
        let x = Array(a), y = Array(b)
        guard x != y, abs(x.count - y.count) <= 1 else { return false }
        var i = 0
        while i < x.count, i < y.count, x[i] == y[i] { i += 1 }
        if x.count == y.count {
            if x[(i + 1)...] == y[(i + 1)...] { return true }
            return i + 1 < x.count && x[i] == y[i + 1] && x[i + 1] == y[i] && x[(i + 2)...] == y[(i + 2)...]
        }
        return x.count > y.count ? x[(i + 1)...] == y[i...] : x[i...] == y[(i + 1)...]
    }

    /// The entities of a slot's kind in the sentence (computed once per slot and type).
    private mutating func entities(type: String, slot: String) -> [FrameReader.Occurrence] {
        let key = type + ":" + slot
        if let cached = entityCache[key] { return cached }
        let kind = reader.catalogue.slotKinds[type] ?? (reader.catalogue.lists[type] != nil ? .list(type) : nil)
        var found: [FrameReader.Occurrence] = []
        let note = type == slot ? "{\(slot)}" : "{\(type):\(slot)}"
        switch kind {
        case .period?, .upcoming?, .date?, .due?:
            let future: Bool
            switch kind {
            case .due?, .upcoming?: future = true
            default: future = false
            }
            var position = 0
            while position < words.count {
                guard let match = time.parse(words[position...], leaning: future ? .future : .past).first else {
                    position += 1
                    continue
                }
                let value: SlotValue?
                switch (kind, match.value) {
                case (.period?, let v), (.upcoming?, let v): value = .time(.period(v.period))
                case (.date?, .day(let d)), (.due?, .day(let d)): value = .time(.day(d))
                case (.due?, .period(let p)): value = .time(.day(p.start))
                case (.date?, .period(let p)) where p.start == p.end: value = .time(.day(p.start))
                default: value = nil
                }
                if let value {
                    found.append(.init(positions: Array(position..<position + match.length), slot: slot, value: value,
                                       note: "\(note): \(text(position, position + match.length))"))
                }
                position += match.length
            }
        case .list(let name)?:
            for entry in reader.catalogue.lists[name]?.entries ?? [] {
                for phrasing in entry.phrasings {
                    for (start, end, typos) in positions(of: phrasing) {
                        found.append(.init(positions: Array(start..<end), slot: slot, value: .canonical(entry.canonical),
                                           typos: typos,
                                           note: "\(note): \(text(start, end)) (list \(name): \(entry.canonical))"))
                    }
                }
            }
        case .number?:
            for (position, word) in words.enumerated() {
                if let n = TimeExpressionParser.number(word), !["a", "an", "one"].contains(word) {
                    found.append(.init(positions: [position], slot: slot, value: .number(n), note: "\(note): \(word)"))
                }
            }
        case .path?:
            for (position, word) in words.enumerated() where Tokenizer.isPath(word) {
                found.append(.init(positions: [position], slot: slot, value: .text(text(position, position + 1)),
                                   note: "\(note): \(word)"))
            }
        case .cadence?:
            for position in words.indices {
                if let match = CadenceParser.parse(words[position...]).first {
                    found.append(.init(positions: Array(position..<position + match.length), slot: slot, value: .number(match.days),
                                       note: "\(note): \(text(position, position + match.length))"))
                }
            }
        case .name?, .label?:
            var position = 0
            while position < words.count {
                // "the park" is a place, not Ruth Park: a person is not "the" anybody.
                if kind == .name, position > 0, ["the", "a", "an"].contains(words[position - 1]) {
                    position += 1
                    continue
                }
                if let length = gazetteer.lengths(naming: words[position...], slot: slot, kind: kind!).first {
                    found.append(.init(positions: Array(position..<position + length), slot: slot,
                                       value: .text(text(position, position + length)),
                                       note: "\(note): \(text(position, position + length))"))
                    position += length
                } else {
                    position += 1
                }
            }
        case .names?:
            // Every person named, joined by "and" and commas, as one occurrence.
            var positions: [Int] = []
            var names: [String] = []
            var position = 0
            while position < words.count {
                if position > 0, ["the", "a", "an"].contains(words[position - 1]) {
                    position += 1
                    continue
                }
                if let length = gazetteer.lengths(naming: words[position...], slot: slot, kind: .name).first {
                    if !positions.isEmpty, let last = positions.last, position - last == 2, ["and", "&"].contains(words[last + 1]) {
                        positions.append(last + 1)
                    }
                    positions += position..<position + length
                    names.append(text(position, position + length))
                    position += length
                } else {
                    position += 1
                }
            }
            if !names.isEmpty {
                found.append(.init(positions: positions, slot: slot, value: .names(names), note: "\(note): \(names.joined(separator: ", "))"))
            }
        case .text?, nil:
            break
        }
        entityCache[key] = found
        return found
    }

    /// Free text introduced by a lead ("about the partnership"): from the word after the lead up
    /// to a time expression or the end of the line, at least one word.
    private mutating func texts(after lead: [String], type: String, slot: String, group: Frame.Group) -> [FrameReader.Occurrence] {
        var found: [FrameReader.Occurrence] = []
        for (start, leadEnd, typos) in positions(of: lead) {
            let first = leadEnd
            var end = first
            while end < words.count, time.parse(words[end...], leaning: .past).isEmpty {
                end += 1
                if end < words.count, Tokenizer.endsSentence(after: tokens[end - 1], in: sentence) { break }
            }
            guard end > first else { continue }
            found.append(.init(positions: Array(start..<end), slot: slot, value: .text(text(first, end)), typos: typos,
                               note: "{\(slot)}: \(text(first, end)) (after \"\(text(start, first))\")"))
        }
        return found
    }

    /// The original text from token `start` up to token `end` (exclusive).
    private func text(_ start: Int, _ end: Int) -> String {
        String(sentence[tokens[start].range.lowerBound..<tokens[end - 1].range.upperBound])
    }
}
