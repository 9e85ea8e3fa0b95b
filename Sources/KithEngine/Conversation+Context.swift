import KithGraph
import KithLanguage
import KithTime

/// What makes a run of lines a conversation: answers to Kith's own questions, "what about
/// Bob?", "and last month?", "why", and confirmation before deleting.
extension Conversation {
    /// A question Kith asked; the next line may answer it.
    enum Pending {
        /// "Which Sam?" — a number or a fuller name picks one.
        case choosePerson(recognition: Recognition, question: String, slot: String, name: String,
                          candidates: [RecordID])
        /// "I don't know Dianne — did you mean Diane Smith, or should I add Dianne?"
        case addUnknown(recognition: Recognition, question: String, slot: String, name: String,
                        suggestions: [RecordID])
        /// "Forget Diane Smith and her 22 conversations? (yes/no)"
        case confirm(Request)
        /// "Did you mean: 1. … 2. …" after a line Kith could not read.
        case chooseReading(question: String, readings: [String])
        /// "Should I remember that … means …? (yes/no)" after a reading was picked.
        case rememberPhrasing(says: String, means: String)
    }

    static let yes: Set<String> = ["yes", "y", "yeah", "yep", "sure", "ok", "okay", "do it", "confirm", "go ahead", "please do"]
    static let no: Set<String> = ["no", "n", "nope", "cancel", "never mind", "nevermind", "stop", "don't", "dont"]

    /// Answers the pending question with `reply`, or returns nil when the reply is a new line
    /// of its own (the pending question is then dropped).
    func resume(_ waiting: Pending, reply: String) throws -> Answer? {
        let word = fold(reply).trimmingPunctuation
        switch waiting {
        case .confirm(let request):
            if Self.yes.contains(word) { return try run(request, confirmed: true) }
            if Self.no.contains(word) { return Answer(question: reply, intent: request.intent, text: "OK, nothing changed.") }
            return nil

        case .chooseReading(let question, let readings):
            guard let n = Int(reply.trimmingPunctuation), readings.indices.contains(n - 1) else { return nil }
            var answer = try respond(to: readings[n - 1])
            guard answer.failure == nil, pending == nil else { return answer }
            let taught = phrasing(from: question, picked: readings[n - 1])
            pending = .rememberPhrasing(says: taught.says, means: taught.means)
            answer.text += "\nShould I remember that \"\(question)\" means \"\(readings[n - 1])\"? (yes/no)"
            return answer

        case .rememberPhrasing(let says, let means):
            if Self.yes.contains(word) { return try teach(says: says, means: means, question: reply) }
            if Self.no.contains(word) { return Answer(question: reply, intent: nil, text: "OK, I won't remember it.") }
            return nil

        case .choosePerson(let recognition, let question, let slot, let name, let candidates):
            if Self.no.contains(word) { return Answer(question: reply, intent: recognition.intent, text: "OK, never mind.") }
            guard let chosen = pick(reply, among: candidates) else { return nil }
            return try rerun(recognition.replacingName(name, in: slot, with: graph.people[chosen]!.name), question: question)

        case .addUnknown(let recognition, let question, let slot, let name, let suggestions):
            if Self.no.contains(word) {
                return Answer(question: reply, intent: recognition.intent, text: "OK, I won't add \(name).")
            }
            if Self.yes.contains(word) || word == "add" || word == "add \(fold(name))" || word == "add them" {
                let added = try addPerson(named: name, question: reply)
                guard added.failure == nil else { return added }
                var answer = try rerun(recognition, question: question)
                answer.text = added.text + " " + answer.text
                return answer
            }
            guard let chosen = pick(reply, among: suggestions) ?? resolvedPerson(reply) else { return nil }
            return try rerun(recognition.replacingName(name, in: slot, with: graph.people[chosen]!.name), question: question)
        }
    }

    /// A number from the list, or a name that resolves to one of the candidates.
    private func pick(_ reply: String, among candidates: [RecordID]) -> RecordID? {
        if let n = Int(reply.trimmingPunctuation), candidates.indices.contains(n - 1) { return candidates[n - 1] }
        if case .person(let id) = graph.resolve(name: reply), candidates.contains(id) { return id }
        // "Sam Lee" when the candidates are Sam Lee and Sam Ortiz resolves directly; "Lee" too.
        let matching = candidates.filter { id in
            graph.people[id].map { fold($0.name).split(separator: " ").contains(Substring(fold(reply))) } ?? false
        }
        return matching.count == 1 ? matching[0] : nil
    }

    private func resolvedPerson(_ reply: String) -> RecordID? {
        if case .person(let id) = graph.resolve(name: reply) { return id }
        return nil
    }

    private func rerun(_ recognition: Recognition, question: String) throws -> Answer {
        switch resolve(recognition, question: question) {
        case .failure(let failure): return failure.answer
        case .success(let request): return try run(request)
        }
    }

    // MARK: - Follow-ups

    /// "what about Bob?" and "and last month?": the last question again with one slot changed.
    func followUp(_ request: Request) -> Result<Request, AnswerFailure> {
        guard let last = lastRequest else {
            return .failure(AnswerFailure(answer: failure(request, .notUnderstood,
                "There's no earlier question to repeat — ask me something first.")))
        }
        var recognition = last.recognition
        if let value = request.recognition.slots["person"] {
            let target = ["person", "people", "other"].first { last.recognition.slots[$0] != nil }
                ?? (catalogue.intent(named: last.intent)?.slots.contains { $0.name == "person" } == true ? "person" : nil)
            guard let target else {
                return .failure(AnswerFailure(answer: failure(request, .notUnderstood,
                    "\"\(last.question)\" isn't about one person, so I can't ask it about someone else.")))
            }
            let name: SlotValue = if case .text(let text) = value, target == "people" { .names([text]) } else { value }
            recognition = recognition.replacing(target, with: name)
        }
        if let period = request.recognition.slots["period"] {
            guard catalogue.intent(named: last.intent)?.slots.contains(where: { $0.name == "period" }) == true else {
                return .failure(AnswerFailure(answer: failure(request, .notUnderstood,
                    "\"\(last.question)\" doesn't depend on a period.")))
            }
            recognition = recognition.replacing("period", with: period)
        }
        return resolve(recognition, question: request.question)
    }

    /// "why": how the last line was understood.
    func explainLast(_ request: Request) -> Answer {
        guard let last = lastRequest else {
            return Answer(question: request.question, intent: request.intent, text: "I haven't answered anything yet.")
        }
        return Answer(question: request.question, intent: request.intent,
                      text: "I read \"\(last.question)\" as:\n" + explanation(of: last))
    }

    // MARK: - Confirmation

    /// Commands that delete ask first in the REPL; elsewhere they need `--yes`.
    static let confirmedIntents: Set<String> = ["forget", "merge"]

    func confirmationNeeded(for request: Request) -> Answer? {
        guard Self.confirmedIntents.contains(request.intent), !options.assumeYes else { return nil }
        let prompt = consequence(of: request)
        if options.interactive {
            pending = .confirm(request)
            return Answer(question: request.question, intent: request.intent, text: prompt + " (yes/no)")
        }
        return failure(request, .needsConfirmation, prompt + " Nothing changed: add --yes to confirm.")
    }
}

extension Recognition {
    /// Replaces one name in a name or names slot (after the user picked who they meant).
    func replacingName(_ name: String, in slot: String, with fullName: String) -> Recognition {
        switch slots[slot] {
        case .names(let names)?:
            return replacing(slot, with: .names(names.map { $0 == name ? fullName : $0 }))
        default:
            return replacing(slot, with: .text(fullName))
        }
    }
}

extension String {
    /// Without surrounding punctuation: "yes!" → "yes", "2." → "2".
    var trimmingPunctuation: String {
        var text = Substring(self.trimmed)
        while let c = text.first, c.isPunctuation { text.removeFirst() }
        while let c = text.last, c.isPunctuation { text.removeLast() }
        return String(text)
    }
}
