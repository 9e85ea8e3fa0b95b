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
        /// A duplicate of someone known, with nothing new: not a problem with the file.
        public var isKnownAlready: Bool = false
    }

    public var format: ImportFormat
    /// The file's name as the summary shows it.
    public var source: String
    /// People new to the graph, with the ids they will have, in file order.
    public var added: [Person]
    public var merged: [Merge]
    public var skipped: [Skip]
    /// Values left out of contacts that are otherwise imported, and text between cards.
    public var warnings: [ImportProblem]
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

    /// Everything wrong with the file, in line order: malformed cards and rows, names that
    /// match several people (all among `skipped`), and the `warnings`.
    public var problems: [ImportProblem] {
        let skips = skipped.filter { !$0.isKnownAlready }.map { ImportProblem(line: $0.line, message: $0.reason + "; skipped") }
        return (skips + warnings).sorted { ($0.line, $0.message) < ($1.line, $1.message) }
    }

    /// One line per outcome, in file order: every merge, skip and warning, and each person
    /// added when `includeAdded` (a dry run shows them all; a real import of a thousand people
    /// need not):
    ///
    ///     added    Ann Lee
    ///     merged   line 5 into Diane Smith: email, tags
    ///     skipped  line 9: 2 people are named Sam Lee; not guessing which (merge by hand)
    ///     warning  line 23: birthday "sometime in spring" is not a date Kith can read; left out
    public func details(includeAdded: Bool) -> [String] {
        var lines: [(line: Int, text: String)] = []
        if includeAdded { lines += added.map { (0, "added    \($0.name)") } }
        lines += merged.map { ($0.line, "merged   line \($0.line) into \($0.person.name): \($0.fields.joined(separator: ", "))") }
        lines += skipped.map { ($0.line, "skipped  line \($0.line): \($0.reason)") }
        lines += warnings.map { ($0.line, "warning  line \($0.line): \($0.message)") }
        return lines.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element.text)
    }
}
