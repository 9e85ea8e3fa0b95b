/// Writes the tables of docs/store-format.md that describe the records, from the schema: what
/// the generated reader accepts and the generated writer writes, in words.
struct DocsEmitter {
    let schema: Schema

    static let begin = "<!-- generated from schema/store.schema: `swift package --allow-writing-to-package-directory generate-store-docs` rewrites this part -->"
    static let end = "<!-- end of the generated part -->"

    func emit() -> String {
        var lines: [String] = [Self.begin, ""]
        lines += topLevel()
        lines += ["", "### Records", "",
                  "In these tables, *opt* marks a field that is left out when it has no value (nil, or an empty list);",
                  "every other field is required. Keys are written in sorted order; they are listed here as declared."]
        for type in schema.types where type.name != "UndoEntry" {
            lines += [""] + table(type)
        }
        lines += [""] + table(schema.undoEntry)
        lines += ["", Self.end]
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` with the generated part replaced (or `nil` when it has no markers).
    func replacingGeneratedPart(of text: String) -> String? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(of: Self.begin),
              let stop = lines[start...].firstIndex(of: Self.end) else { return nil }
        let generated = emit().split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        return (lines[..<start] + generated + lines[(stop + 1)...]).joined(separator: "\n")
    }

    func topLevel() -> [String] {
        guard case .owner(let ownerKey) = schema.owner.role else { return [] }
        var rows: [(String, String, String)] = [
            ("format", "string", "Always `\"kith\"`. Any other value is refused as \"not a kith store\"."),
            ("version", "integer", "Currently `\(schema.version)`. A store with a higher version is refused, and the error names "
             + "the file and the version; a store with a lower one is read (see [Upgrading](#upgrading)) and written as "
             + "version \(schema.version) by the next compaction."),
            ("journalSeq", "integer", "The `seq` of the last journal transaction already folded into this snapshot. "
             + "Always written; read as 0 when missing."),
            (ownerKey, schema.owner.name, "The user. Left out when empty."),
        ]
        for record in schema.records {
            let order: String
            switch record.order {
            case .id: order = "Sorted by `id`."
            case .dayThenID(let day): order = "Sorted by `\(day)`, then `id`."
            }
            rows.append((record.plural, "[\(record.name)]", order))
        }
        rows.append(("undo", "[UndoEntry]", "In undo-log order, oldest first. At most 20 entries are kept."))
        for record in schema.records {
            if let since = sinceOfKind(record) { rows[rows.firstIndex { $0.0 == record.plural }!].2 += " Since version \(since)." }
        }
        return ["### Top level", "", "| Key | Type | Notes |", "|---|---|---|"]
            + rows.map { "| `\($0.0)` | \($0.1) | \($0.2) |" }
            + ["", "A missing array reads as empty, and an empty one is left out. Unknown keys anywhere are ignored "
               + "when reading and are **not** kept when the snapshot is rewritten, so a format change that adds a "
               + "field raises `version`: an older kith then refuses the store rather than drop the field."]
    }

    /// The version a whole record kind appeared in.
    func sinceOfKind(_ record: TypeDecl) -> Int? { record.since }

    func typeName(_ field: Field) -> String {
        let base: String
        switch field.type.base {
        case .id, .int: base = "integer"
        case .reference(let record): base = "\(schema.type(named: record)!.kind) id"
        case .string: base = "string"
        case .bool: base = "boolean"
        case .day: base = "day"
        case .birthday: base = "birthday"
        case .value(let name): base = name
        case .operation: base = "Operation"
        }
        return field.type.isList ? "[\(base)]" : base
    }

    func notes(_ type: TypeDecl, _ field: Field) -> String {
        var parts: [String] = []
        switch field.type.shape {
        case .one: break
        case .optional: parts.append("opt.")
        case .list: parts.append(field.always ? "Always written, even when empty." : "opt.")
        }
        if field.type.base == .id {
            parts.append(type.isRecord ? "Unique among \(type.plural), 1 to 2⁵³ − 1. Never reused while a record holds it."
                                       : "Unique among the entries, 1 to 2⁵³ − 1.")
        }
        if case .reference(let target) = field.type.base {
            let kind = schema.type(named: target)!
            let noun = field.type.isList ? "Ids of \(kind.plural)" : "The id of \(kind.withArticle)"
            parts.append("\(noun) in the store" + (field.orOwner ? ", or `0`, the owner." : "."))
        }
        if let range = field.range { parts.append("\(range.low) to \(range.high) (\(range.unit)).") }
        if !field.doc.isEmpty { parts.append(field.doc.joined(separator: " ")) }
        if let since = field.since, sinceOfKind(type) == nil { parts.append("Since version \(since).") }
        if let legacy = field.legacyKey {
            parts.append("Version \((field.since ?? 2) - 1) wrote one value as `\(legacy)`; it is read as the first of these.")
        }
        return parts.joined(separator: " ")
    }

    func table(_ type: TypeDecl) -> [String] {
        var heading = "**\(type.name)**"
        switch type.role {
        case .record(let plural, _): heading += " (in `\(plural)`)"
        case .owner(let key): heading += " (`\(key)`)"
        case .value: break
        }
        let doc = type.doc.joined(separator: " ")
        var lines = [heading + (doc.isEmpty ? "" : ": " + doc.prefix(1).lowercased() + doc.dropFirst()), ""]
        if let since = sinceOfKind(type) { lines[0] += " Since version \(since)." }
        lines += ["| Key | Type | Notes |", "|---|---|---|"]
        for field in type.fields {
            lines.append("| `\(field.name)` | \(typeName(field)) | \(notes(type, field)) |")
        }
        return lines
    }
}
