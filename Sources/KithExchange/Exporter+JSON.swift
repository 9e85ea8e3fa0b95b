import FoundationEssentials
import KithGraph
import KithStore

extension Exporter {
    /// The store format itself. For everyone it is the whole graph, undo log included — a copy
    /// of the store that `--store` can open. For one tag it is a store of those people: their
    /// conversations and calendar events (listing only them), the relations among them and with
    /// the owner, and the reminders about them; no undo log, and no taught phrasings.
    static func json(_ graph: Graph, selection: Selection) throws -> Data {
        guard !selection.isEveryone else { return try FileStorage.encodeSnapshot(graph, journalSeq: 0) }
        var subset = Graph()
        subset.apply(.setOwner(graph.owner))
        for person in selection.people { subset.apply(.put(.person(person))) }
        for var interaction in graph.interactions.values {
            interaction.people = interaction.people.filter(selection.ids.contains)
            if !interaction.people.isEmpty { subset.apply(.put(.interaction(interaction))) }
        }
        let included = selection.ids.union([ownerID])
        for relation in graph.relations.values where included.contains(relation.person) && included.contains(relation.other) {
            subset.apply(.put(.relation(relation)))
        }
        for reminder in graph.reminders.values where reminder.person.map(selection.ids.contains) == true {
            subset.apply(.put(.reminder(reminder)))
        }
        for var event in graph.events.values {
            event.people = event.people.filter(selection.ids.contains)
            if !event.people.isEmpty { subset.apply(.put(.event(event))) }
        }
        return try FileStorage.encodeSnapshot(subset, journalSeq: 0)
    }
}
