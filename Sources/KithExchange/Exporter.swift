import FoundationEssentials
import KithGraph
import KithTime

/// The formats `kith export` writes from a graph (rendering DOT to SVG or PNG is the front
/// end's job: it needs Graphviz's `dot` program).
public enum ExportFormat: String, CaseIterable, Hashable, Sendable {
    /// vCard 4.0 (RFC 6350), one card per person; re-imports losslessly.
    case vcard
    /// One row per person under the header `Exporter.csvHeader` (RFC 4180).
    case csv
    /// The store itself (docs/store-format.md).
    case json
    /// iCalendar (RFC 5545): birthdays as yearly all-day events, open reminders as all-day events.
    case ics
    /// Graphviz DOT: people as nodes, relations as labelled edges.
    case dot
}

/// Turns a graph, or the people with one tag, into another tool's format.
///
///     let data = try Exporter.render(graph, format: .vcard, tag: "client", now: Date())
///
/// `now` is only written where a format wants the time of export (iCalendar's DTSTAMP) and
/// dates year-less birthdays in a calendar; nothing here reads the clock.
public enum Exporter {
    /// - Parameter tag: only people with this tag (and what concerns them); nil for everyone.
    /// - Throws: `ExchangeError.unknownTag` when no one has `tag`.
    public static func render(_ graph: Graph, format: ExportFormat, tag: String? = nil, now: Date) throws -> Data {
        let selection = try Selection(graph, tag: tag)
        switch format {
        case .vcard: return vCard(selection.people)
        case .csv: return csv(selection.people, in: graph)
        case .json: return try json(graph, selection: selection)
        case .ics: return iCalendar(selection, in: graph, now: now)
        case .dot: return dot(selection, in: graph)
        }
    }

    /// The people an export covers, sorted by name then id, and whether it is everyone.
    struct Selection {
        let people: [Person]
        let ids: Set<RecordID>
        let isEveryone: Bool

        init(_ graph: Graph, tag: String?) throws {
            if let tag {
                guard graph.hasTag(tag) else { throw ExchangeError.unknownTag(tag) }
                people = graph.people(taggedAs: tag)
            } else {
                people = graph.peopleByName
            }
            ids = Set(people.map(\.id))
            isEveryone = tag == nil
        }
    }

    /// The UTC calendar day and time of `date`, as iCalendar's `20260310T142501Z`.
    static func utcStamp(_ date: Date) -> (day: CalendarDate, stamp: String) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let day = CalendarDate(daysSinceEpoch: days)
        let rest = seconds - days * 86_400
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let stamp = basic(day) + "T" + pad(rest / 3600) + pad(rest / 60 % 60) + pad(rest % 60) + "Z"
        return (day, stamp)
    }

    /// `YYYYMMDD`, the basic date format vCard and iCalendar use.
    static func basic(_ date: CalendarDate) -> String {
        digits(date.year, 4) + basicMonthDay(month: date.month, day: date.day)
    }

    /// `MMDD`, the month and day of the basic date format.
    static func basicMonthDay(month: Int, day: Int) -> String { digits(month, 2) + digits(day, 2) }

    /// `n` in decimal, with zeros in front to make at least `width` digits.
    static func digits(_ n: Int, _ width: Int) -> String {
        let text = String(n)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
