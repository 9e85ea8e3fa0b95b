import FoundationEssentials
import KithGraph

/// The largest record id, transaction number or undo id a store may hold: 2^53 − 1, the
/// largest integer every JSON reader keeps exactly. The bound also leaves room for the next id
/// (the highest plus one), which would otherwise overflow on a hand-edited `9223372036854775807`.
let largestID = 9_007_199_254_740_991

/// The longest keep-in-touch cadence a store may hold: a century, in days.
let largestCadence = 36_525

/// Something wrong with a store document that decoded, at the value it is about.
struct ValidationProblem: Equatable {
    var path: [JSONLocator.PathComponent]
    var message: String

    /// The problem as an error at the value's line and column in `text`.
    func error(in text: [UInt8], path file: String, firstLine: Int = 1) -> StoreError {
        let field = path.isEmpty ? nil : JSONLocator.describe(path)
        guard let location = JSONLocator.value(at: path, in: text) else {
            return StoreError(path: file, field: field, message: message)
        }
        return StoreError(path: file, field: field, message: message, at: location.offset, in: text, firstLine: firstLine)
    }
}

// What the decoder cannot check: that ids are unique and in range, and that every reference
// names a person in the store (docs/store-format.md, "Validation"). A snapshot that fails is
// refused like one that does not parse, and kith never writes one.
extension Snapshot {
    /// Refuses an empty file by name; the decoder would only say "unexpected end of file".
    static func checkNotEmpty(_ data: Data, path: String) throws {
        guard data.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) else { return }
        throw StoreError(path: path, message: "the file is empty (a kith store starts with "
                         + "{\"format\": \"kith\", \"version\": \(FileStorage.currentVersion)}); kith leaves it as it is")
    }

    /// Throws the first problem in this decoded snapshot, placed in `data`, its text.
    func validate(_ data: Data, path: String) throws {
        if let problem = firstProblem() { throw problem.error(in: Array(data), path: path) }
    }

    /// The first problem, in file order by section.
    func firstProblem() -> ValidationProblem? {
        if version < 1 {
            return ValidationProblem(path: [.key("version")], message: "version \(version) is not a kith store "
                                     + "version (this kith reads version \(FileStorage.currentVersion))")
        }
        if !(0...largestID).contains(journalSeq) {
            return ValidationProblem(path: [.key("journalSeq")], message: "\(journalSeq) is out of range (0 to \(largestID))")
        }
        if let problem = Self.uniqueIDs("people", people.map(\.id))
            ?? Self.uniqueIDs("interactions", interactions.map(\.id))
            ?? Self.uniqueIDs("relations", relations.map(\.id))
            ?? Self.uniqueIDs("reminders", reminders.map(\.id))
            ?? Self.uniqueIDs("undo", undo.map(\.id)) {
            return problem
        }
        for (index, person) in people.enumerated() {
            if let days = person.cadenceDays, !(1...largestCadence).contains(days) {
                return ValidationProblem(path: [.key("people"), .index(index), .key("cadenceDays")],
                                         message: "\(days) is not a cadence (1 to \(largestCadence) days)")
            }
        }
        let personIDs = Set(people.map(\.id))
        func missing(_ section: String, _ index: Int, _ field: [JSONLocator.PathComponent], kind: String,
                     id: RecordID, person: RecordID) -> ValidationProblem {
            ValidationProblem(path: [.key(section), .index(index)] + field,
                              message: "\(kind) \(id) names person \(person), who is not in the store")
        }
        for (index, interaction) in interactions.enumerated() {
            for (position, person) in interaction.people.enumerated() where !personIDs.contains(person) {
                return missing("interactions", index, [.key("people"), .index(position)], kind: "interaction",
                               id: interaction.id, person: person)
            }
        }
        for (index, relation) in relations.enumerated() {
            for (key, person) in [("person", relation.person), ("other", relation.other)]
            where person != ownerID && !personIDs.contains(person) {
                return missing("relations", index, [.key(key)], kind: "relation", id: relation.id, person: person)
            }
        }
        for (index, reminder) in reminders.enumerated() {
            if let person = reminder.person, !personIDs.contains(person) {
                return missing("reminders", index, [.key("person")], kind: "reminder", id: reminder.id, person: person)
            }
        }
        for (index, entry) in undo.enumerated() {
            for (position, operation) in entry.inverse.enumerated() {
                if let message = operation.rangeProblem {
                    return ValidationProblem(path: [.key("undo"), .index(index), .key("inverse"), .index(position)],
                                             message: message)
                }
            }
        }
        return nil
    }

    /// Whether an undo log keeps the rules `firstProblem` checks: unique ids in range, and
    /// nothing out of range in the inverse operations.
    static func undoKeepsStoreRules(_ undo: [UndoEntry]) -> Bool {
        Set(undo.map(\.id)).count == undo.count
            && undo.allSatisfy { entry in
                (1...largestID).contains(entry.id) && entry.inverse.allSatisfy { $0.rangeProblem == nil }
            }
    }

    private static func uniqueIDs(_ section: String, _ ids: [RecordID]) -> ValidationProblem? {
        var first: [RecordID: Int] = [:]
        for (index, id) in ids.enumerated() {
            let path: [JSONLocator.PathComponent] = [.key(section), .index(index), .key("id")]
            guard (1...largestID).contains(id) else {
                return ValidationProblem(path: path, message: "id \(id) is out of range (1 to \(largestID))")
            }
            if let earlier = first[id] {
                return ValidationProblem(path: path, message: "duplicate id \(id) (\(section)[\(earlier)] has it too)")
            }
            first[id] = index
        }
        return nil
    }
}

extension Transaction {
    /// Throws when the transaction's numbers are out of range, placed in `text`, its line.
    func validate(_ text: [UInt8], path: String, line: Int) throws {
        if !(1...largestID).contains(seq) {
            throw ValidationProblem(path: [.key("seq")], message: "\(seq) is out of range (1 to \(largestID))")
                .error(in: text, path: path, firstLine: line)
        }
        for (index, operation) in ops.enumerated() {
            if let message = operation.rangeProblem {
                throw ValidationProblem(path: [.key("ops"), .index(index)], message: message)
                    .error(in: text, path: path, firstLine: line)
            }
        }
    }
}

extension KithGraph.Operation {
    /// What is out of range in the operation (or in the undo entry it pushes): an id, or a
    /// cadence, that no store may hold.
    var rangeProblem: String? {
        if case .put(.person(let person)) = self, let days = person.cadenceDays, !(1...largestCadence).contains(days) {
            return "\(days) is not a cadence (1 to \(largestCadence) days)"
        }
        if case .pushUndo(let entry) = self, let problem = entry.inverse.lazy.compactMap(\.rangeProblem).first {
            return problem
        }
        return outOfRangeID.map { "id \($0) is out of range (1 to \(largestID))" }
    }

    /// An id in the operation (or in the undo entry it pushes) that no store may hold.
    private var outOfRangeID: RecordID? {
        func bad(_ id: RecordID, owner: Bool = false) -> Bool {
            !(1...largestID).contains(id) && !(owner && id == ownerID)
        }
        switch self {
        case .put(let record):
            switch record {
            case .person(let person):
                return bad(person.id) ? person.id : nil
            case .interaction(let interaction):
                return ([interaction.id] + interaction.people).first { bad($0) }
            case .relation(let relation):
                if bad(relation.id) { return relation.id }
                return [relation.person, relation.other].first { bad($0, owner: true) }
            case .reminder(let reminder):
                return ([reminder.id] + (reminder.person.map { [$0] } ?? [])).first { bad($0) }
            }
        case .delete(_, let id), .popUndo(let id):
            return bad(id) ? id : nil
        case .setOwner:
            return nil
        case .pushUndo(let entry):
            if bad(entry.id) { return entry.id }
            return entry.inverse.lazy.compactMap(\.outOfRangeID).first
        }
    }
}
