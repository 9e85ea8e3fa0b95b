import FoundationEssentials
import KithGraph
import KithTime

/// Bringing an address book into a graph, in two steps a front end can run apart:
///
/// 1. `parse` reads the file (the slow part) without looking at the graph;
/// 2. `plan` decides, against a graph, which contacts are new, which are someone already
///    known, and which are skipped, and builds one `Change` holding all of it.
///
/// Run `plan` inside `Storage.commit` so it sees the newest graph: the whole import is then one
/// journal transaction, on disk entirely or not at all, and one `undo` takes it back.
///
///     let parsed = try ContactImport.parse(data)
///     let plan = try storage.commit { graph in
///         ContactImport.plan(parsed, into: graph, today: today, source: "contacts.vcf").change
///     }
///
/// Nothing here reads files, the terminal or the clock.
public enum ContactImport {
    /// Reads `data` as `format`, or as whatever format its content shows when `format` is nil.
    /// `progress` hears the fraction read, from 0 to 1, every thousand or so cards or rows.
    /// - Throws: `ExchangeError` when the format can't be told, or the file isn't one.
    public static func parse(_ data: Data, format: ImportFormat? = nil,
                             progress: ((Double) -> Void)? = nil) throws -> ParsedContacts {
        let bytes = TextDecoding.utf8Bytes(data)
        let text = String(decoding: bytes, as: UTF8.self)
        guard let format = format ?? ImportFormat.detect(text) else { throw ExchangeError.unknownFormat }
        switch format {
        case .vcard:
            let parsed = VCardParser.parse(bytes, progress: progress)
            if parsed.contacts.isEmpty && parsed.skipped.isEmpty {
                throw ExchangeError.notThisFormat(.vcard, "it has no BEGIN:VCARD … END:VCARD card")
            }
            return parsed
        case .google:
            return try GoogleContactsParser.parse(text, progress: progress)
        case .linkedin:
            return try LinkedInParser.parse(text, progress: progress)
        }
    }

    /// Parses and plans in one go, for callers that already hold the newest graph.
    public static func plan(data: Data, format: ImportFormat? = nil, into graph: Graph, today: CalendarDate,
                            source: String = "the file") throws -> ImportPlan {
        plan(try parse(data, format: format), into: graph, today: today, source: source)
    }

    /// Decides what each parsed contact does to `graph` (see `ImportPlanner` for the rules).
    /// `today` dates new people and notes without a date; `source` names the file in the summary.
    public static func plan(_ parsed: ParsedContacts, into graph: Graph, today: CalendarDate,
                            source: String = "the file") -> ImportPlan {
        var planner = ImportPlanner(graph: graph, today: today)
        for contact in parsed.contacts { planner.take(contact) }
        return planner.finish(parsed, source: source)
    }
}
