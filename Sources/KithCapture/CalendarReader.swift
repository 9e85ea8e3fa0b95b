import KithTime

/// Reads iCalendar (RFC 5545) files — one, or a folder's worth as vdirsyncer or a calendar
/// export leaves them — into traces: one per occurrence of each event, recurring events
/// expanded, on the user's local day. Pure: text and "today" in, values out; no files, no clock.
///
///     var reader = CalendarReader(options: .init(today: today, localOffset: { utc in offset(utc) }))
///     for file in files { warnings[file] = reader.read(bytes(file), source: file) }
///     let capture = reader.finish()      // capture.traces, capture.skipped
///
/// Files are read first and expanded at the end, so a series and its overridden occurrences
/// may come in different files (an event with the same UID in several files is one event: the
/// highest SEQUENCE wins, then the last read).
///
/// docs/calendar-capture.md has the rules: which events are skipped, channels, time zones,
/// recurrence, keys.
public struct CalendarReader {
    public struct Options: Sendable {
        /// The day the user believes it is: occurrences before it are past (interactions),
        /// from it on future (for the brief).
        public var today: CalendarDate
        /// How far past today occurrences are kept (as future ones).
        public var horizonDays: Int
        /// Occurrences before this day are left out (nil: all of them).
        public var since: CalendarDate?
        /// The owner's email addresses: an event one of them declined is skipped.
        public var owner: Set<String>
        /// Seconds east of UTC on the user's clock at an instant (seconds since 1970 UTC). It
        /// decides which local day a timed event falls on; called once per timed occurrence.
        public var localOffset: @Sendable (Int) -> Int

        public init(today: CalendarDate, horizonDays: Int = 14, since: CalendarDate? = nil, owner: Set<String> = [],
                    localOffset: @escaping @Sendable (Int) -> Int) {
            self.today = today
            self.horizonDays = horizonDays
            self.since = since
            self.owner = owner
            self.localOffset = localOffset
        }
    }

    public let options: Options
    private let owner: Set<String>
    /// Series (events without RECURRENCE-ID), in the order first read.
    private var series: [CalendarEvent] = []
    private var seriesByUID: [String: Int] = [:]
    /// Overridden occurrences by UID, and the UIDs in the order first read.
    private var overrides: [String: [CalendarEvent]] = [:]
    private var overrideUIDs: [String] = []

    public init(options: Options) {
        self.options = options
        owner = Set(options.owner.map { $0.lowercased() })
    }

    /// Reads one file's events; returns its warnings (line numbers are this file's).
    @discardableResult
    public mutating func read(_ bytes: [UInt8], source: String) -> [CaptureWarning] {
        var parser = ICalendarParser(source: source, owner: owner)
        parser.parse(Self.normalized(bytes))
        for event in parser.events {
            if event.recurrenceID != nil {
                if overrides[event.uid] == nil { overrideUIDs.append(event.uid) }
                overrides[event.uid, default: []].append(event)
            } else if let index = seriesByUID[event.uid] {
                if event.sequence >= series[index].sequence { series[index] = event }
            } else {
                seriesByUID[event.uid] = series.count
                series.append(event)
            }
        }
        return parser.warnings
    }

    /// The bytes as UTF-8 with line feeds: a UTF-8 byte-order mark dropped, UTF-16 (with its
    /// mark, as some Windows tools save) transcoded, and the lone carriage returns of a file
    /// from a classic Mac made line feeds. Anything else is read as UTF-8 as it is.
    static func normalized(_ bytes: [UInt8]) -> [UInt8] {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return normalized(Array(bytes.dropFirst(3))) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let bigEndian = bytes[0] == 0xFE
            let units = stride(from: 2, to: bytes.count - 1, by: 2).map { index -> UInt16 in
                let (high, low) = bigEndian ? (bytes[index], bytes[index + 1]) : (bytes[index + 1], bytes[index])
                return UInt16(high) << 8 | UInt16(low)
            }
            return normalized(Array(String(decoding: units, as: UTF16.self).utf8))
        }
        if !bytes.contains(0x0A) && bytes.contains(0x0D) { return bytes.map { $0 == 0x0D ? 0x0A : $0 } }
        return bytes
    }

    /// Reads one file on its own.
    public static func read(_ bytes: [UInt8], source: String, options: Options) -> CalendarCapture {
        var reader = CalendarReader(options: options)
        let warnings = reader.read(bytes, source: source)
        var capture = reader.finish()
        capture.warnings = warnings
        return capture
    }

    /// Expands every event read: the traces, ordered by day (then as read), and the events
    /// and occurrences skipped as cancelled, free or declined.
    public func finish() -> CalendarCapture {
        var expansion = Expansion(options: options)
        for event in series {
            expansion.expand(event, overrides: overrides[event.uid] ?? [])
        }
        for uid in overrideUIDs where seriesByUID[uid] == nil {
            expansion.expandOrphans(overrides[uid]!)
        }
        return CalendarCapture(traces: expansion.traces(), skipped: expansion.skipped, warnings: [])
    }
}

/// What reading calendars gives.
public struct CalendarCapture: Sendable {
    /// One per occurrence kept: past ones (`isFuture == false`) are interactions, future ones
    /// (today on, up to the horizon) are for the brief.
    public var traces: [Trace]
    /// Events and occurrences read but not conversations.
    public var skipped: [SkippedEvent]
    /// Problems, with their lines (`CalendarReader.read(_:source:options:)` only; the reader's
    /// `read` returns each file's own).
    public var warnings: [CaptureWarning]
}
