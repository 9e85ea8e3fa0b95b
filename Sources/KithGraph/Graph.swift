import KithTime

/// The whole relationship graph in memory: records plus the indexes that answer questions
/// without scanning.
///
/// A graph only changes through `apply(_:)`, which keeps every index in step with the records;
/// `checkInvariants()` rebuilds the indexes from scratch and compares, for tests.
public struct Graph: Sendable {
    public private(set) var owner = Owner()
    public private(set) var people: [RecordID: Person] = [:]
    public private(set) var interactions: [RecordID: Interaction] = [:]
    public private(set) var relations: [RecordID: Relation] = [:]
    public private(set) var reminders: [RecordID: Reminder] = [:]
    /// Most recent last; at most `undoDepth` entries.
    public private(set) var undoLog: [UndoEntry] = []

    public static let undoDepth = 20

    // Indexes.
    /// Each person's interactions, ordered by (date, id).
    private(set) var interactionsByPerson: [RecordID: [RecordID]] = [:]
    private(set) var relationsByPerson: [RecordID: Set<RecordID>] = [:]
    private(set) var peopleByTag: [String: Set<RecordID>] = [:]
    private(set) var peopleByOrg: [String: Set<RecordID>] = [:]
    private(set) var peopleByPlace: [String: Set<RecordID>] = [:]
    /// Folded full names, first names, last names and aliases.
    private(set) var peopleByNameKey: [String: Set<RecordID>] = [:]
    private var highestID: [RecordKind: RecordID] = [:]

    public init() {}

    /// An id no record of `kind` has used in this graph.
    public func nextID(_ kind: RecordKind) -> RecordID {
        (highestID[kind] ?? 0) + 1
    }

    public var nextUndoID: RecordID { (undoLog.map(\.id).max() ?? 0) + 1 }

    // MARK: - Changing

    public mutating func apply(_ operations: [Operation]) {
        for operation in operations { apply(operation) }
    }

    public mutating func apply(_ operation: Operation) {
        switch operation {
        case .put(let record):
            remove(record.kind, record.id)
            insert(record)
        case .delete(let kind, let id):
            remove(kind, id)
        case .setOwner(let owner):
            self.owner = owner
        case .pushUndo(let entry):
            undoLog.removeAll { $0.id == entry.id }
            undoLog.append(entry)
            if undoLog.count > Graph.undoDepth { undoLog.removeFirst(undoLog.count - Graph.undoDepth) }
        case .popUndo(let id):
            undoLog.removeAll { $0.id == id }
        }
    }

    /// The operations that restore the current state after `operations` are applied.
    public func inverse(of operations: [Operation]) -> [Operation] {
        var scratch = self
        var undo: [Operation] = []
        for operation in operations {
            switch operation {
            case .put(let record):
                undo.append(scratch.record(record.kind, record.id).map(Operation.put)
                            ?? .delete(record.kind, record.id))
            case .delete(let kind, let id):
                if let old = scratch.record(kind, id) { undo.append(.put(old)) }
            case .setOwner:
                undo.append(.setOwner(scratch.owner))
            case .pushUndo, .popUndo:
                continue
            }
            scratch.apply(operation)
        }
        return undo.reversed()
    }

    public func record(_ kind: RecordKind, _ id: RecordID) -> Record? {
        switch kind {
        case .person: return people[id].map(Record.person)
        case .interaction: return interactions[id].map(Record.interaction)
        case .relation: return relations[id].map(Record.relation)
        case .reminder: return reminders[id].map(Record.reminder)
        }
    }

    private mutating func insert(_ record: Record) {
        highestID[record.kind] = max(highestID[record.kind] ?? 0, record.id)
        switch record {
        case .person(let person):
            people[person.id] = person
            indexPerson(person, adding: true)
        case .interaction(let interaction):
            interactions[interaction.id] = interaction
            for personID in Set(interaction.people) {
                var list = interactionsByPerson[personID] ?? []
                let key = (interaction.date, interaction.id)
                let at = list.partitioningIndex { (interactions[$0]!.date, $0) > key }
                list.insert(interaction.id, at: at)
                interactionsByPerson[personID] = list
            }
        case .relation(let relation):
            relations[relation.id] = relation
            relationsByPerson[relation.person, default: []].insert(relation.id)
            relationsByPerson[relation.other, default: []].insert(relation.id)
        case .reminder(let reminder):
            reminders[reminder.id] = reminder
        }
    }

    private mutating func remove(_ kind: RecordKind, _ id: RecordID) {
        switch kind {
        case .person:
            guard let person = people.removeValue(forKey: id) else { return }
            indexPerson(person, adding: false)
        case .interaction:
            guard let interaction = interactions.removeValue(forKey: id) else { return }
            for personID in Set(interaction.people) {
                interactionsByPerson[personID]?.removeAll { $0 == id }
                if interactionsByPerson[personID]?.isEmpty == true { interactionsByPerson[personID] = nil }
            }
        case .relation:
            guard let relation = relations.removeValue(forKey: id) else { return }
            for side in [relation.person, relation.other] {
                relationsByPerson[side]?.remove(id)
                if relationsByPerson[side]?.isEmpty == true { relationsByPerson[side] = nil }
            }
        case .reminder:
            reminders[id] = nil
        }
    }

    private mutating func indexPerson(_ person: Person, adding: Bool) {
        func update(_ index: inout [String: Set<RecordID>], _ key: String?) {
            guard let key, !key.isEmpty else { return }
            if adding {
                index[key, default: []].insert(person.id)
            } else {
                index[key]?.remove(person.id)
                if index[key]?.isEmpty == true { index[key] = nil }
            }
        }
        for tag in person.tags { update(&peopleByTag, Graph.tagKey(tag)) }
        update(&peopleByOrg, person.org.map(fold))
        update(&peopleByPlace, person.place.map(fold))
        for key in Graph.nameKeys(for: person) { update(&peopleByNameKey, key) }
    }

    // MARK: - Invariants

    /// Rebuilds every index from the records and reports where the live indexes disagree.
    /// Returns an empty list when the graph is consistent.
    public func checkInvariants() -> [String] {
        var rebuilt = Graph()
        rebuilt.owner = owner
        rebuilt.undoLog = undoLog
        for person in people.values { rebuilt.insert(.person(person)) }
        for relation in relations.values { rebuilt.insert(.relation(relation)) }
        for reminder in reminders.values { rebuilt.insert(.reminder(reminder)) }
        for interaction in interactions.values.sorted(by: { $0.id < $1.id }) {
            rebuilt.insert(.interaction(interaction))
        }
        var problems: [String] = []
        if rebuilt.interactionsByPerson != interactionsByPerson { problems.append("interactionsByPerson") }
        if rebuilt.relationsByPerson != relationsByPerson { problems.append("relationsByPerson") }
        if rebuilt.peopleByTag != peopleByTag { problems.append("peopleByTag") }
        if rebuilt.peopleByOrg != peopleByOrg { problems.append("peopleByOrg") }
        if rebuilt.peopleByPlace != peopleByPlace { problems.append("peopleByPlace") }
        if rebuilt.peopleByNameKey != peopleByNameKey { problems.append("peopleByNameKey") }
        for kind in RecordKind.allCases where (rebuilt.highestID[kind] ?? 0) > (highestID[kind] ?? 0) {
            problems.append("highestID[\(kind)]")
        }
        for interaction in interactions.values {
            for id in interaction.people where people[id] == nil {
                problems.append("interaction \(interaction.id) names missing person \(id)")
            }
        }
        return problems
    }
}

extension Array {
    /// The first index whose element satisfies `belongsInSecondPartition`, for an array already
    /// partitioned by it.
    /// - Complexity: O(log n)
    func partitioningIndex(where belongsInSecondPartition: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if belongsInSecondPartition(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
