import KithGraph

/// What an import does, decided but not yet written: who is added, who is merged into someone
/// already known, what is skipped and why, and the one `Change` that does it.
public struct ImportPlan: Hashable, Sendable {
    /// A contact found to be someone already in the graph (or earlier in the same file).
    public struct Merge: Hashable, Sendable {
        /// Where the contact starts in the file.
        public var line: Int
        /// The person as they will be stored, after every contact merged into them.
        public var person: Person
        /// What this contact added: "email", "phone", "tags", "notes", ….
        public var fields: [String]
    }

    /// A contact that changes nothing: malformed, already known with nothing new, or matching
    /// several people by name.
    public struct Skip: Hashable, Sendable {
        public var line: Int
        public var reason: String
    }

    public var format: ImportFormat
    /// The file's name as the summary shows it.
    public var source: String
    /// People new to the graph, with the ids they will have, in file order.
    public var added: [Person]
    public var merged: [Merge]
    public var skipped: [Skip]
    /// Everything worth telling about the file, in line order: malformed cards and rows (also
    /// among `skipped`), values left out, ambiguous names.
    public var problems: [ImportProblem]
    /// The whole import as one change (one journal transaction, one undo); nil when nothing
    /// would change.
    public var change: Change?

    /// "Imported contacts.vcf: 40 added, 5 merged, 3 skipped." — always all three counts.
    public var summary: String {
        "Imported \(source): \(counts)."
    }

    /// The summary of a dry run: what would happen, and that nothing was written.
    public var dryRunSummary: String {
        "Dry run of \(source): \(counts); nothing was written."
    }

    private var counts: String {
        "\(added.count) added, \(merged.count) merged, \(skipped.count) skipped"
    }

    /// One line per contact: every merge and skip, and each person added when `includeAdded`
    /// (a dry run shows them all; a real import of a thousand people need not).
    public func details(includeAdded: Bool) -> [String] {
        var lines: [(line: Int, text: String)] = []
        if includeAdded {
            lines += added.map { (0, "added    \($0.name)") }
        }
        lines += merged.map { ($0.line, "merged   line \($0.line) into \($0.person.name): \($0.fields.joined(separator: ", "))") }
        lines += skipped.map { ($0.line, "skipped  line \($0.line): \($0.reason)") }
        return lines.map(\.text)
    }
}
