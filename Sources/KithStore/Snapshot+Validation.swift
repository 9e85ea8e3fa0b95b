import FoundationEssentials
import KithGraph

/// The largest record id, transaction number or undo id a store may hold: 2^53 − 1, the
/// largest integer every JSON reader keeps exactly. The bound also leaves room for the next id
/// (the highest plus one), which would otherwise overflow on a hand-edited `9223372036854775807`.
let largestID = 9_007_199_254_740_991

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

    // `firstProblem()`, which checks every record kind's ids, values and references, is generated
    // from schema/store.schema (StoreRecords.swift).

    /// Whether an undo log keeps the rules `firstProblem` checks: unique ids in range, and
    /// nothing out of range in the inverse operations.
    static func undoKeepsStoreRules(_ undo: [UndoEntry]) -> Bool {
        Set(undo.map(\.id)).count == undo.count
            && undo.allSatisfy { entry in
                (1...largestID).contains(entry.id) && entry.inverse.allSatisfy { $0.rangeProblem == nil }
            }
    }

    static func uniqueIDs(_ section: String, _ ids: [RecordID]) -> ValidationProblem? {
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
    /// value outside its field's range (schema/store.schema), that no store may hold.
    var rangeProblem: String? {
        if case .put(let record) = self, let problem = record.valueProblem { return problem.message }
        if case .restore(let restore) = self, let problem = restore.before.valueProblem { return problem.message }
        if case .pushUndo(let entry) = self, let problem = entry.inverse.lazy.compactMap(\.rangeProblem).first {
            return problem
        }
        return outOfRangeID.map { "id \($0) is out of range (1 to \(largestID))" }
    }

    /// An id in the operation (or in the undo entry it pushes) that no store may hold. A record
    /// may name the owner (0) only where its field allows it, and `namedPeople` leaves those out.
    private var outOfRangeID: RecordID? {
        func bad(_ id: RecordID) -> Bool { !(1...largestID).contains(id) }
        switch self {
        case .put(let record):
            return bad(record.id) ? record.id : record.namedPeople.first(where: bad)
        case .delete(_, let id), .popUndo(let id):
            return bad(id) ? id : nil
        case .setOwner:
            return nil
        case .restore(let restore):
            return bad(restore.before.id) ? restore.before.id : restore.before.namedPeople.first(where: bad)
        case .pushUndo(let entry):
            if bad(entry.id) { return entry.id }
            return entry.inverse.lazy.compactMap(\.outOfRangeID).first
        }
    }
}
