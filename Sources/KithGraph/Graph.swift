import KithTime

/// The whole relationship graph in memory: records plus the indexes that answer questions
/// without scanning.
///
/// A graph has two layers. Its base is a `GraphImage`: the records of a loaded store laid out in
/// columns with every index prebuilt, read in place (an empty image for a graph built in
/// memory). On top sit the changes made since — records put or deleted by `apply(_:)` — in
/// dictionaries with their own small indexes. Every lookup consults both: a changed record
/// hides the image's record with its id. So loading a store costs no more than mapping its image,
/// and a change costs no more than it would in a graph of that change's size.
///
/// A graph only changes through `apply(_:)`, which keeps every index in step with the records;
/// `checkInvariants()` rebuilds the indexes from scratch and compares, for tests.
public struct Graph: Sendable {
    public private(set) var owner = Owner()
    public private(set) var people: RecordTable<Person>
    public private(set) var interactions: RecordTable<Interaction>
    public private(set) var relations: RecordTable<Relation>
    public private(set) var reminders: RecordTable<Reminder>
    /// Phrasings the user taught ("when I say catch up I mean talk").
    public private(set) var phrases: RecordTable<Phrase>
    /// Calendar events still to come, for the daily brief.
    public private(set) var events: RecordTable<Event>
    /// Most recent last; at most `undoDepth` entries.
    public private(set) var undoLog: [UndoEntry] = []

    public static let undoDepth = 20

    /// The base layer: the records as loaded, with their indexes.
    public let image: GraphImage

    /// Indexes over the changed records (the image's records have the image's indexes).
    private(set) var changeIndexes = ChangeIndexes()
    /// By `RecordKind.allCases` order. An array, not a dictionary keyed by kind: that dictionary
    /// cost every one-shot question a scan of the binary's protocol conformances (docs/performance.md).
    private var highestID: [RecordID] = Array(repeating: 0, count: RecordKind.allCases.count)

    public init() {
        self.init(image: .empty)
    }

    /// A graph whose records start as the image's.
    public init(image: GraphImage, owner: Owner = Owner(), undoLog: [UndoEntry] = []) {
        self.image = image
        people = RecordTable(image: image)
        interactions = RecordTable(image: image)
        relations = RecordTable(image: image)
        reminders = RecordTable(image: image)
        phrases = RecordTable(image: image)
        events = RecordTable(image: image)
        highestID = image.highestIDs
        self.owner = owner
        for entry in undoLog { apply(.pushUndo(entry)) }
    }

    /// An id no record of `kind` has used in this graph.
    public func nextID(_ kind: RecordKind) -> RecordID {
        highestID[kind.slot] + 1
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
        case .restore(let restore):
            // Unchecked here: `resolvingUndo` checks a restore before an undo commits what it
            // resolves to, so the journal holds that put, not this.
            if let operation = Self.resolved(restore, current: record(restore.before.kind, restore.before.id)) {
                apply(operation)
            }
        }
    }

    /// The operations that restore the current state after `operations` are applied: for a
    /// record a put changed, a `Restore` of the fields it set (so that undo takes back those
    /// only); for one it added, its deletion; for a deleted record, the record; for the owner,
    /// the owner.
    public func inverse(of operations: [Operation]) -> [Operation] {
        var scratch = self
        var undo: [Operation] = []
        for operation in operations {
            var operation = operation
            if case .restore(let restore) = operation {
                let kind = restore.before.kind, id = restore.before.id
                guard let concrete = Self.resolved(restore, current: scratch.record(kind, id)) else { continue }
                operation = concrete
            }
            switch operation {
            case .put(let record):
                if let old = scratch.record(record.kind, record.id) {
                    let fields = record.fields(differingFrom: old) ?? []
                    if !fields.isEmpty { undo.append(.restore(Restore(before: old, fields: fields))) }
                } else {
                    undo.append(.delete(record.kind, record.id))
                }
            case .restore:
                continue
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

    private mutating func insert(_ record: Record) {
        highestID[record.kind.slot] = max(highestID[record.kind.slot], record.id)
        switch record {
        case .person(let person):
            people.put(person)
            changeIndexes.index(person, adding: true)
        case .interaction(let interaction):
            interactions.put(interaction)
            changeIndexes.index(interaction, adding: true, in: interactions)
        case .relation(let relation):
            relations.put(relation)
            changeIndexes.index(relation, adding: true)
        case .reminder(let reminder):
            reminders.put(reminder)
        case .phrase(let phrase):
            phrases.put(phrase)
        case .event(let event):
            events.put(event)
        }
    }

    private mutating func remove(_ kind: RecordKind, _ id: RecordID) {
        // Only records put since the image are in the change indexes; removing an image record
        // just hides it.
        switch kind {
        case .person:
            let changed = people.changes[id] ?? nil
            guard people.remove(id) != nil else { return }
            if let changed { changeIndexes.index(changed, adding: false) }
        case .interaction:
            let changed = interactions.changes[id] ?? nil
            if let changed { changeIndexes.index(changed, adding: false, in: interactions) }
            interactions.remove(id)
        case .relation:
            let changed = relations.changes[id] ?? nil
            guard relations.remove(id) != nil else { return }
            if let changed { changeIndexes.index(changed, adding: false) }
        case .reminder:
            reminders.remove(id)
        case .phrase:
            phrases.remove(id)
        case .event:
            events.remove(id)
        }
    }

    // MARK: - Invariants

    /// Rebuilds every index from the records and reports where the live indexes disagree.
    /// Returns an empty list when the graph is consistent.
    public func checkInvariants() -> [String] {
        var problems = image.checkInvariants()
        var rebuilt = ChangeIndexes()
        var scratch = RecordTable<Interaction>(image: .empty)
        for person in people.changedRecords { rebuilt.index(person, adding: true) }
        for relation in relations.changedRecords { rebuilt.index(relation, adding: true) }
        for interaction in interactions.changedRecords.sorted(by: { $0.id < $1.id }) {
            scratch.put(interaction)
            rebuilt.index(interaction, adding: true, in: scratch)
        }
        problems += rebuilt.differences(from: changeIndexes)
        for kind in RecordKind.allCases where records(kind).count != count(kind) {
            problems.append("\(kind.plural).count is \(count(kind)), holds \(records(kind).count)")
        }
        for kind in RecordKind.allCases {
            let highest = records(kind).map(\.id).max() ?? 0
            if highest > highestID[kind.slot] { problems.append("highestID[\(kind)]") }
        }
        for interaction in interactions.values {
            for id in interaction.people where people[id] == nil {
                problems.append("interaction \(interaction.id) names missing person \(id)")
            }
        }
        return problems
    }
}

/// The indexes of the records changed since the image: the same questions the image's indexes
/// answer, for the few records not in it.
struct ChangeIndexes: Equatable, Sendable {
    /// Each person's changed interactions, ordered by (date, id).
    var interactionsByPerson: [RecordID: [RecordID]] = [:]
    /// Every changed interaction, ordered by (date, id).
    var interactionsByDate: [RecordID] = []
    var relationsByPerson: [RecordID: Set<RecordID>] = [:]
    var peopleByTag: [String: Set<RecordID>] = [:]
    var peopleByOrg: [String: Set<RecordID>] = [:]
    var peopleByPlace: [String: Set<RecordID>] = [:]
    /// Folded full names, first names, last names and aliases.
    var peopleByNameKey: [String: Set<RecordID>] = [:]

    mutating func index(_ interaction: Interaction, adding: Bool, in interactions: RecordTable<Interaction>) {
        let key = (interaction.date, interaction.id)
        func position(in list: [RecordID]) -> Int {
            list.partitioningIndex { (interactions[$0]!.date, $0) > key }
        }
        for personID in Set(interaction.people) {
            if adding {
                let at = position(in: interactionsByPerson[personID] ?? [])
                interactionsByPerson[personID, default: []].insert(interaction.id, at: at)
            } else {
                interactionsByPerson[personID]?.removeAll { $0 == interaction.id }
                if interactionsByPerson[personID]?.isEmpty == true { interactionsByPerson[personID] = nil }
            }
        }
        if adding {
            interactionsByDate.insert(interaction.id, at: position(in: interactionsByDate))
        } else if let at = interactionsByDate.firstIndex(of: interaction.id) {
            interactionsByDate.remove(at: at)
        }
    }

    mutating func index(_ relation: Relation, adding: Bool) {
        for side in [relation.person, relation.other] {
            if adding {
                relationsByPerson[side, default: []].insert(relation.id)
            } else {
                relationsByPerson[side]?.remove(relation.id)
                if relationsByPerson[side]?.isEmpty == true { relationsByPerson[side] = nil }
            }
        }
    }

    mutating func index(_ person: Person, adding: Bool) {
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

    func differences(from live: ChangeIndexes) -> [String] {
        var problems: [String] = []
        if interactionsByPerson != live.interactionsByPerson { problems.append("interactionsByPerson") }
        if interactionsByDate != live.interactionsByDate { problems.append("interactionsByDate") }
        if relationsByPerson != live.relationsByPerson { problems.append("relationsByPerson") }
        if peopleByTag != live.peopleByTag { problems.append("peopleByTag") }
        if peopleByOrg != live.peopleByOrg { problems.append("peopleByOrg") }
        if peopleByPlace != live.peopleByPlace { problems.append("peopleByPlace") }
        if peopleByNameKey != live.peopleByNameKey { problems.append("peopleByNameKey") }
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
