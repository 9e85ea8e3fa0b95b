import KithGraph
import KithLanguage
import KithTime

/// Phrasings the user teaches Kith: "when I say catch up I mean talk", or picking one of the
/// numbered readings after a line Kith could not read and saying yes to remembering it. They
/// live in the store (journaled, undoable, listed and forgotten in words) and are applied to a
/// line before anything else reads it; `why` says when one was.
///
/// A phrasing is words for words. Taught from a picked reading, the person the line named
/// becomes a hole, `{name}`, so "what's the scoop on Diane" → "tell me about Diane Smith" is
/// learned as "what 's the scoop on {name}" → "tell me about {name}" and works for anyone.
extension Conversation {
    /// The hole a taught phrasing keeps for a person's name.
    static let nameHole = "{name}"

    func teach(_ request: Request) throws -> Answer {
        let says = request.text(.says) ?? "", means = request.text(.means) ?? ""
        return try teach(says: says, means: means, question: request.question)
    }

    /// Stores a phrasing (replacing one that says the same words); teaching the same one again
    /// is refused in words.
    public func teach(says: String, means: String, question: String, intent: String = "teach") throws -> Answer {
        let key = Self.phraseKey(says)
        guard !key.isEmpty, !means.trimmed.isEmpty, key != Self.phraseKey(means) else {
            var answer = Answer(question: question, intent: intent,
                                text: "Say it as \"when I say catch up I mean talk\": two different phrasings.")
            answer.failure = .invalidValue
            answer.message = answer.text
            return answer
        }
        let shown = key.replacing(Self.nameHole, with: "…")
        let meansShown = means.trimmed.replacing(Self.nameHole, with: "…")
        return try commit(question: question, intent: intent) { graph in
            let existing = graph.phrases.values.first { $0.says == key }
            if let existing, fold(existing.means) == fold(means.trimmed) {
                throw Refusal(kind: .alreadyKnown, text: "I already read \"\(shown)\" as \"\(meansShown)\".")
            }
            let phrase = Phrase(id: existing?.id ?? graph.nextID(.phrase), says: key, means: means.trimmed, added: today)
            return Change(summary: "Learned that \"\(shown)\" means \"\(meansShown)\".",
                          operations: [.put(.phrase(phrase))])
        }
    }

    func learned(_ request: Request) -> Answer {
        let phrases = graph.phrases.values.sorted { ($0.added, $0.id) < ($1.added, $1.id) }
        guard !phrases.isEmpty else {
            return Answer(question: request.question, intent: request.intent,
                          text: "You haven't taught me any phrasings yet. Say \"when I say catch up I mean talk\".")
        }
        var answer = Answer(question: request.question, intent: request.intent,
                            text: "You taught me \(Phrasing.count(phrases.count, "phrasing")):\n" + Phrasing.table(phrases.map {
            ["\"\($0.says.replacing(Self.nameHole, with: "…"))\"",
             "means \"\($0.means.replacing(Self.nameHole, with: "…"))\"", phrasing.day($0.added)]
        }))
        answer.count = phrases.count
        return answer
    }

    func unlearn(_ request: Request) throws -> Answer {
        let key = Self.phraseKey(request.text(.says) ?? "")
        guard let phrase = graph.phrases.values.first(where: { $0.says == key }) else {
            return failure(request, .invalidValue, "I haven't learned \"\(request.text(.says) ?? "")\". Say \"what have you learned\" to see the list.")
        }
        return try commit(request) { _ in
            Change(summary: "Forgotten: \"\(phrase.says)\" means \"\(phrase.means)\".", operations: [.delete(.phrase, phrase.id)])
        }
    }

    /// A phrasing's words as stored: the typed words lowercased, split as the matcher splits them.
    static func phraseKey(_ text: String) -> String {
        Tokenizer.tokenize(text).map(\.word).joined(separator: " ")
    }

    // MARK: - Applying them

    /// The line with every taught phrasing applied (longest first, each span once), and a note
    /// for `why` per phrasing used. Lines that teach or forget phrasings are left alone.
    func applyingLearned(_ question: String) -> (line: String, notes: [String]) {
        guard !graph.phrases.isEmpty else { return (question, []) }
        let tokens = Tokenizer.tokenize(question)
        let words = tokens.map(\.word)
        let phrases = graph.phrases.values.map { (phrase: $0, words: $0.says.split(separator: " ").map(String.init)) }
            .sorted { ($0.words.count, $1.phrase.id) > ($1.words.count, $0.phrase.id) }
        var line = ""
        var notes: [String] = []
        var copied = question.startIndex
        var i = 0
        while i < words.count {
            var matched = false
            for (phrase, says) in phrases {
                guard let (length, name) = match(says, at: i, in: words, tokens: tokens, question: question) else { continue }
                line += question[copied..<tokens[i].range.lowerBound]
                line += name.map { phrase.means.replacing(Self.nameHole, with: $0) } ?? phrase.means
                copied = tokens[i + length - 1].range.upperBound
                notes.append("learned: \"\(phrase.says)\" means \"\(phrase.means)\" (taught \(phrasing.day(phrase.added)))")
                i += length
                matched = true
                break
            }
            if !matched { i += 1 }
        }
        guard !notes.isEmpty else { return (question, []) }
        line += question[copied...]
        return (line, notes)
    }

    /// The length of the taught words at `start`, and the name that filled its hole.
    private func match(_ says: [String], at start: Int, in words: [String], tokens: [Token],
                       question: String) -> (Int, String?)? {
        guard let hole = says.firstIndex(of: Self.nameHole) else {
            guard start + says.count <= words.count, words[start..<start + says.count].elementsEqual(says) else { return nil }
            return (says.count, nil)
        }
        let before = says[..<hole], after = says[(hole + 1)...]
        guard start + before.count <= words.count, words[start..<start + before.count].elementsEqual(before) else { return nil }
        let nameStart = start + before.count
        for nameLength in stride(from: 4, through: 1, by: -1) where nameStart + nameLength + after.count <= words.count {
            let nameEnd = nameStart + nameLength
            guard words[nameEnd..<nameEnd + after.count].elementsEqual(after) else { continue }
            let name = String(question[tokens[nameStart].range.lowerBound..<tokens[nameEnd - 1].range.upperBound])
            if case .person = graph.resolve(name: name) { return (before.count + nameLength + after.count, name) }
        }
        return nil
    }

    /// What to remember after the user picked a reading for a line Kith could not read: the
    /// person both name becomes a hole; without one, the whole line means the whole reading.
    func phrasing(from question: String, picked reading: String) -> (says: String, means: String) {
        let tokens = Tokenizer.tokenize(question)
        for length in stride(from: 4, through: 1, by: -1) where tokens.count >= length {
            for start in 0...(tokens.count - length) {
                let text = String(question[tokens[start].range.lowerBound..<tokens[start + length - 1].range.upperBound])
                guard case .person(let id) = graph.resolve(name: text), let person = graph.people[id],
                      let at = reading.firstRange(of: person.name) else { continue }
                let says = String(question[..<tokens[start].range.lowerBound]) + Self.nameHole
                    + String(question[tokens[start + length - 1].range.upperBound...])
                let means = String(reading[..<at.lowerBound]) + Self.nameHole + String(reading[at.upperBound...])
                return (says, means)
            }
        }
        return (question, reading)
    }
}
