import FoundationEssentials
import KithGraph

extension Exporter {
    /// Graphviz DOT: each person a box labelled with their name and tags (their circles), each
    /// relation an edge from `person` to `other` labelled with its kind — read "Diane is Bob's
    /// wife" along the arrow. The owner appears as "me" when a relation involves them. With a
    /// tag, only the relations among those people (and with the owner) are drawn.
    static func dot(_ selection: Selection, in graph: Graph) -> Data {
        let included = selection.ids.union([ownerID])
        let relations = graph.relations.values
            .filter { included.contains($0.person) && included.contains($0.other) && $0.person != $0.other }
            .sorted { $0.id < $1.id }
        var text = """
            digraph kith {
              graph [rankdir=LR, fontname="Helvetica"];
              node [shape=box, style=rounded, fontname="Helvetica"];
              edge [fontname="Helvetica", fontsize=10];

            """
        if relations.contains(where: { $0.person == ownerID || $0.other == ownerID }) {
            let name = graph.owner.name.map { "\($0)\n(me)" } ?? "me"
            text += "  me [label=\(quoted(name)), shape=ellipse];\n"
        }
        for person in selection.people {
            let label = person.tags.isEmpty ? person.name : person.name + "\n" + person.tags.joined(separator: ", ")
            text += "  p\(person.id) [label=\(quoted(label))];\n"
        }
        for relation in relations {
            text += "  \(node(relation.person)) -> \(node(relation.other)) [label=\(quoted(relation.kind))];\n"
        }
        text += "}\n"
        return Data(text.utf8)
    }

    private static func node(_ id: RecordID) -> String { id == ownerID ? "me" : "p\(id)" }

    /// A DOT string: quotes and backslashes escaped, line breaks as `\n` (a centred break).
    static func quoted(_ text: String) -> String {
        var out = "\""
        for character in text {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n", "\r\n", "\r": out += "\\n"
            default: out.append(character)
            }
        }
        return out + "\""
    }
}
