import KithGraph

/// The snapshot file's top-level object (docs/store-format.md): every record, sorted so that the
/// same graph is always written as the same bytes.
struct Snapshot: Codable {
    static let format = "kith"

    var version = FileStorage.currentVersion
    /// The last journal transaction folded into this snapshot; replay starts after it.
    var journalSeq: Int
    var me: Owner
    var people: [Person]
    var interactions: [Interaction]
    var relations: [Relation]
    var reminders: [Reminder]
    /// Oldest first, as in `Graph.undoLog`.
    var undo: [UndoEntry]

    enum CodingKeys: String, CodingKey {
        case format, version, journalSeq, me, people, interactions, relations, reminders, undo
    }

    init(graph: Graph, journalSeq: Int) {
        self.journalSeq = journalSeq
        me = graph.owner
        people = graph.people.values.sorted { $0.id < $1.id }
        interactions = graph.interactions.values.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
        relations = graph.relations.values.sorted { $0.id < $1.id }
        reminders = graph.reminders.values.sorted { $0.id < $1.id }
        undo = graph.undoLog
    }

    /// The graph this snapshot describes, built through `Graph.apply` so its indexes are right.
    var graph: Graph {
        var graph = Graph()
        graph.apply(.setOwner(me))
        graph.apply(people.map { .put(.person($0)) })
        graph.apply(interactions.map { .put(.interaction($0)) })
        graph.apply(relations.map { .put(.relation($0)) })
        graph.apply(reminders.map { .put(.reminder($0)) })
        graph.apply(undo.map(Operation.pushUndo))
        return graph
    }

    /// Checks the format and version before anything else, so a store from a newer kith is
    /// refused as such rather than as a pile of unknown fields.
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let format = try c.decode(String.self, forKey: .format)
        guard format == Snapshot.format else {
            throw DecodingError.dataCorruptedError(
                forKey: .format, in: c, debugDescription: "not a kith store (format is \"\(format)\", expected \"kith\")")
        }
        version = try c.decode(Int.self, forKey: .version)
        guard version <= FileStorage.currentVersion else {
            throw DecodingError.dataCorruptedError(
                forKey: .version, in: c,
                debugDescription: "this store is version \(version), newer than this kith reads "
                    + "(version \(FileStorage.currentVersion)); upgrade kith to open it")
        }
        journalSeq = try c.decodeIfPresent(Int.self, forKey: .journalSeq) ?? 0
        me = try c.decodeIfPresent(Owner.self, forKey: .me) ?? Owner()
        people = try c.decodeIfPresent([Person].self, forKey: .people) ?? []
        interactions = try c.decodeIfPresent([Interaction].self, forKey: .interactions) ?? []
        relations = try c.decodeIfPresent([Relation].self, forKey: .relations) ?? []
        reminders = try c.decodeIfPresent([Reminder].self, forKey: .reminders) ?? []
        undo = try c.decodeIfPresent([UndoEntry].self, forKey: .undo) ?? []
    }

    /// Empty parts are left out, like empty fields in records.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Snapshot.format, forKey: .format)
        try c.encode(version, forKey: .version)
        try c.encode(journalSeq, forKey: .journalSeq)
        if me != Owner() { try c.encode(me, forKey: .me) }
        if !people.isEmpty { try c.encode(people, forKey: .people) }
        if !interactions.isEmpty { try c.encode(interactions, forKey: .interactions) }
        if !relations.isEmpty { try c.encode(relations, forKey: .relations) }
        if !reminders.isEmpty { try c.encode(reminders, forKey: .reminders) }
        if !undo.isEmpty { try c.encode(undo, forKey: .undo) }
    }
}
