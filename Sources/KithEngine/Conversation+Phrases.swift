import KithGraph

/// The phrasings a user teaches Kith ("when I say catch up I mean talk"), kept in the store as
/// `Phrase` records: journaled, shared by every conversation over the store, and taken back by
/// `undo` like any change. The language reads them with `Graph.phrase(saying:)`.
extension Conversation {
    /// Keeps `says` as a way of saying `means`; a newer teaching of the same words wins.
    public func teach(says: String, means: String, question: String) throws -> Answer {
        let says = says.trimmed, means = means.trimmed
        guard !says.isEmpty, !means.isEmpty else {
            var answer = Answer(question: question, intent: "teach", text: "Teach me with words, e.g. \"when I say catch up I mean talk\".")
            answer.failure = .invalidValue
            answer.message = answer.text
            return answer
        }
        return try commit(question: question, intent: "teach") { graph in
            if let known = graph.phrase(saying: says), fold(known.means) == fold(means) {
                throw Refusal(kind: .alreadyKnown, text: "I already read \"\(known.says)\" as \"\(known.means)\".")
            }
            let phrase = Phrase(id: graph.nextID(.phrase), says: says, means: means, added: today)
            return Change(summary: "Learned that \"\(says)\" means \"\(means)\".", operations: [.put(.phrase(phrase))])
        }
    }
}
