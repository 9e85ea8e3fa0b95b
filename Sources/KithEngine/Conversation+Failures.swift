import KithGraph
import KithLanguage

extension Conversation {
    /// "Sorry, I didn't understand that", with numbered readings built from what the line did
    /// name (`didYouMean`), else the example phrasings nearest to it. In the REPL a number picks
    /// one, and Kith then offers to remember the line as that phrasing.
    func notUnderstood(_ question: String) -> Answer {
        let readings = didYouMean(question)
        let suggestions = readings.isEmpty ? suggest(for: question) : readings
        var text = "Sorry, I didn't understand that."
        if suggestions.isEmpty {
            text += " Type help to see what I understand."
        } else if options.interactive {
            text += " Did you mean:\n" + suggestions.enumerated().map { "  \($0.offset + 1). \($0.element)" }.joined(separator: "\n")
                + "\nSay a number, or type help."
            pending = .chooseReading(question: question, readings: suggestions)
        } else {
            text += " Try: " + suggestions.map { "\"\($0)\"" }.joined(separator: ", ") + " — or type help."
        }
        var answer = Answer(question: question, intent: nil, text: text)
        answer.failure = .notUnderstood
        answer.suggestions = suggestions
        return answer
    }

    /// Intents about the conversation itself, not worth suggesting as phrasings.
    static let contextIntents: Set<String> = ["help", "follow_up", "explain"]

    /// The two or three example phrasings that share the most words with the question.
    func suggest(for question: String) -> [String] {
        // Words nearly every phrasing has say nothing about which one was meant.
        let filler: Set<String> = ["i", "me", "my", "a", "an", "the", "is", "to", "of", "and", "in", "on", "at", "'s"]
        let words = Set(matcher.tokens(of: question).map(\.word)).subtracting(filler)
        guard !words.isEmpty else { return [] }
        var scored: [(score: Double, intent: String, sentence: String)] = []
        for intent in catalogue.intents where !Self.contextIntents.contains(intent.name) {
            for example in intent.examples {
                let exampleWords = Set(Tokenizer.tokenize(example.sentence).map(\.word)).subtracting(filler)
                let shared = Double(words.intersection(exampleWords).count)
                guard shared > 0 else { continue }
                scored.append((shared / Double(words.union(exampleWords).count), intent.name, example.sentence))
            }
        }
        var chosen: [String] = []
        var intents: Set<String> = []
        for entry in scored.sorted(by: { $0.score != $1.score ? $0.score > $1.score : $0.sentence < $1.sentence }) {
            guard !intents.contains(entry.intent), let sentence = withTheUsersPeople(entry.sentence, intent: entry.intent) else { continue }
            intents.insert(entry.intent)
            chosen.append(sentence)
            if chosen.count == 3 { break }
        }
        return chosen
    }

    /// An example sentence with the people it names (the demo's) replaced by someone from the
    /// user's own store — the person most recently in touch, else the first by name — or nil
    /// when it names people and the store has nobody.
    func withTheUsersPeople(_ sentence: String, intent: String) -> String? {
        guard let example = catalogue.intent(named: intent)?.examples.first(where: { $0.sentence == sentence }) else { return sentence }
        let named = example.slots.filter { slot, _ in
            switch catalogue.slotKinds[slot] {
            case .name?, .names?: return true
            default: return false
            }
        }
        guard !named.isEmpty else { return sentence }
        let everyone = graph.peopleByName
        let lastContact = { (person: Person) in self.graph.lastContactDate(with: person.id)?.daysSinceEpoch ?? Int.min }
        guard let someone = everyone.max(by: { (lastContact($0), $1.name) < (lastContact($1), $0.name) }) else { return nil }
        // The user's own store may be the demo: its names are fine as they are.
        if named.values.allSatisfy({ value in value.split(separator: ",").allSatisfy { namesSomeone(String($0).trimmed) } }) { return sentence }
        var result = sentence
        for value in named.values.sorted(by: { $0.count > $1.count }) {
            for name in value.split(separator: ",").map({ String($0).trimmed }) {
                if let range = result.firstRange(of: name) { result.replaceSubrange(range, with: someone.name) }
            }
        }
        return result
    }

    /// The answer for a name that names nobody or several people. In the REPL it asks back
    /// and remembers the question, so the next line can settle it.
    func unresolved(_ question: String, _ recognition: Recognition, slot: String, name: String,
                    _ resolution: NameResolution) -> Answer {
        var answer = Answer(question: question, intent: recognition.intent, text: "")
        var request = Request(question: question, recognition: recognition)
        complete(&request)
        answer.slotsRequest = request
        switch resolution {
        case .ambiguous(let ids):
            let candidates = graph.sortedPeople(ids)
            answer.failure = .ambiguousPerson
            answer.suggestions = candidates.map(\.name)
            answer.text = "Which \(name)? " + candidates.enumerated().map { i, person in
                "\(i + 1). \(person.name)" + (person.org.map { " (\($0))" } ?? "")
            }.joined(separator: "  ")
            if options.interactive {
                answer.text += "  — say a number or a fuller name."
                pending = .choosePerson(recognition: recognition, question: question, slot: slot, name: name,
                                        candidates: candidates.map(\.id))
            } else {
                answer.text += ". Say the full name."
            }
        case .unknown(let ids):
            let close = graph.sortedPeople(ids)
            answer.failure = .unknownPerson
            answer.suggestions = close.map(\.name)
            let offersToAdd = Self.commandIntents.contains(recognition.intent)
            if Self.pronouns.contains(name.lowercased()) {
                answer.text = "I'm not sure who \"\(name)\" is — say their name."
            } else if options.interactive && offersToAdd {
                let numbered = close.enumerated().map { "\($0.offset + 1). \($0.element.name)" }
                answer.text = "I don't know \(name)"
                    + (close.isEmpty ? "" : " — did you mean \(Phrasing.list(close.map(\.name), or: true))")
                    + (close.isEmpty ? ". Should I add \(name)? (yes/no)"
                                     : ", or should I add \(name)? Say \(numbered.joined(separator: ", ")), or add.")
                pending = .addUnknown(recognition: recognition, question: question, slot: slot, name: name,
                                      suggestions: close.map(\.id))
            } else if close.isEmpty {
                answer.text = "I don't know anyone called \(name). To add them, say \"add \(name)\"."
            } else {
                answer.text = "I don't know anyone called \(name) — did you mean \(Phrasing.list(close.map(\.name), or: true))?"
                    + (offersToAdd ? " To add \(name) as someone new, say \"add \(name)\"." : "")
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
