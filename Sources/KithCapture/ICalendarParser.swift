import KithText

/// Reads one iCalendar file into events, resolving its TZIDs against the file's own
/// VTIMEZONEs (which may come after the events that use them).
///
/// A problem is a line-numbered warning, never a crash: an event that cannot be read whole
/// — no DTSTART, an unreadable DTSTART or RECURRENCE-ID, a bad RRULE, no END:VEVENT — is
/// skipped; a value that does not matter to the day (an unreadable DTEND, EXDATE or RDATE, a
/// line that is not a property) is left out and the event kept.
struct ICalendarParser {
    let source: String
    /// The owner's addresses, lowercased: an event one of them declined is skipped.
    let owner: Set<String>
    private(set) var events: [CalendarEvent] = []
    private(set) var warnings: [CaptureWarning] = []

    init(source: String, owner: Set<String>) {
        self.source = source
        self.owner = owner
    }

    /// A VEVENT's properties as read, before its zones are known.
    private struct Draft {
        var line: Int
        var uid: String?
        var start: RawTime?
        var recurrenceID: RawTime?
        var rules: [(rule: RecurrenceRule, line: Int)] = []
        var exceptions: [RawTime] = []
        var extraDates: [RawTime] = []
        var summary: String?
        var cancelled = false
        var free = false
        var organizer: Participant?
        var attendees: [Participant] = []
        var copied: [Participant] = []
        var ownerDeclined = false
        var links = MeetingChannel.Links()
        var sequence = 0
        /// Why the event cannot be read, and where; it is skipped.
        var problem: CaptureWarning?
    }

    private struct ZoneDraft {
        var tzid: String?
        var observances: [ZoneRules.Observance] = []
    }

    private struct ObservanceDraft {
        var line: Int
        var onset: RawTime?
        var offsetFrom: Seconds?
        var offsetTo: Seconds?
        var rule: RecurrenceRule?
        var dates: [Seconds] = []
    }

    /// The components the reader tells apart; BEGIN and END of anything else are matched by name.
    enum Component: Equatable {
        case calendar, event, timeZone, standard, daylight
        case other(String)

        init(_ value: ArraySlice<UInt8>) {
            let name = ICalendarProperty.trimmed(value)
            if ICalendarProperty.equalsIgnoringCase(name, "VEVENT") {
                self = .event
            } else if ICalendarProperty.equalsIgnoringCase(name, "VCALENDAR") {
                self = .calendar
            } else if ICalendarProperty.equalsIgnoringCase(name, "VTIMEZONE") {
                self = .timeZone
            } else if ICalendarProperty.equalsIgnoringCase(name, "STANDARD") {
                self = .standard
            } else if ICalendarProperty.equalsIgnoringCase(name, "DAYLIGHT") {
                self = .daylight
            } else {
                self = .other(String(decoding: name.map(upper), as: UTF8.self))
            }
        }

        var name: String {
            switch self {
            case .calendar: "VCALENDAR"
            case .event: "VEVENT"
            case .timeZone: "VTIMEZONE"
            case .standard: "STANDARD"
            case .daylight: "DAYLIGHT"
            case .other(let name): name
            }
        }
    }

    mutating func parse(_ bytes: [UInt8]) {
        var drafts: [Draft] = []
        var zones: [String: ZoneRules] = [:]
        var tzidLines: [String: Int] = [:]
        var stack: [Component] = []
        var draft: Draft?
        var zone: ZoneDraft?
        var observance: ObservanceDraft?
        var cancellation = false
        var strayLine: Int?
        var sawCalendar = false

        func warn(_ line: Int, _ message: String) { warnings.append(CaptureWarning(line: line, message: message)) }

        ContentLines.unfold(bytes) { logical in
            guard let property = ICalendarProperty(logical.bytes, line: logical.number) else {
                if stack.isEmpty {
                    if strayLine == nil { strayLine = logical.number }
                } else {
                    let text = String(decoding: logical.bytes.prefix(40), as: UTF8.self)
                    warn(logical.number, "\"\(text)\" is not a property; ignored")
                }
                return
            }
            switch property.name {
            case .begin:
                let component = Component(property.value)
                if component == .calendar { sawCalendar = true }
                if component == .event && stack.last == .event, let open = draft {
                    warn(open.line, "event has no END:VEVENT before the next event; skipped")
                    draft = nil
                    stack.removeLast()
                }
                if component == .event && (stack.last == .calendar || stack.isEmpty) {
                    draft = Draft(line: property.line)
                } else if component == .timeZone && (stack.last == .calendar || stack.isEmpty) {
                    zone = ZoneDraft()
                } else if (component == .standard || component == .daylight) && stack.last == .timeZone {
                    observance = ObservanceDraft(line: property.line)
                }
                stack.append(component)
            case .end:
                let component = Component(property.value)
                guard let index = stack.lastIndex(of: component) else {
                    warn(property.line, "END:\(component.name) without BEGIN:\(component.name); ignored")
                    return
                }
                // Components left open inside the one that ends are cut short.
                for open in stack[(index + 1)...].reversed() {
                    if open == .event, let cut = draft {
                        warn(cut.line, "event has no END:VEVENT; skipped")
                        draft = nil
                    } else if open == .timeZone {
                        zone = nil
                    } else if open == .standard || open == .daylight {
                        observance = nil
                    }
                }
                stack.removeSubrange(index...)
                switch component {
                case .event:
                    if let done = draft { drafts.append(done) }
                    draft = nil
                case .standard, .daylight:
                    if let done = observance {
                        if let onset = done.onset, let from = done.offsetFrom, let to = done.offsetTo {
                            zone?.observances.append(ZoneRules.Observance(onset: onset.wall, offsetFrom: from, offsetTo: to,
                                                                          rule: done.rule, dates: done.dates))
                        } else {
                            warn(done.line, "time zone observance needs DTSTART, TZOFFSETFROM and TZOFFSETTO; ignored")
                        }
                    }
                    observance = nil
                case .timeZone:
                    if let done = zone, let tzid = done.tzid, !done.observances.isEmpty {
                        zones[tzid] = ZoneRules(name: tzid, observances: done.observances)
                    }
                    zone = nil
                default:
                    break
                }
            default:
                switch stack.last {
                case .event:
                    if draft != nil { read(property, into: &draft!, tzidLines: &tzidLines) }
                case .standard, .daylight:
                    if observance != nil { read(property, into: &observance!) }
                case .timeZone:
                    if property.name == .tzid { zone?.tzid = property.text.trimmingSpaces.description }
                case .calendar:
                    if property.name == .method && property.valueIs("CANCEL") { cancellation = true }
                case nil:
                    if strayLine == nil { strayLine = property.line }
                default:
                    break  // inside VALARM, VTODO, VJOURNAL, VFREEBUSY, X- components
                }
            }
        }
        if let open = draft { warn(open.line, "event has no END:VEVENT; skipped") }
        if let strayLine {
            warn(strayLine, sawCalendar ? "text outside BEGIN:VCALENDAR … END:VCALENDAR; ignored" : "not an iCalendar file (no BEGIN:VCALENDAR)")
        }

        // TZIDs the file uses without defining: Kith's table, else floating, said once each.
        var resolved: [String: Clock] = [:]
        for (tzid, line) in tzidLines.sorted(by: { $0.value < $1.value }) {
            if let zone = zones[tzid] {
                resolved[tzid] = .zone(zone)
            } else if let zone = TimeZoneTable.zone(named: tzid) {
                resolved[tzid] = .zone(zone)
                warn(line, "time zone \"\(tzid)\" has no VTIMEZONE in the file; Kith's own table of its offsets is used")
            } else {
                resolved[tzid] = .floating
                warn(line, "time zone \"\(tzid)\" is not defined in the file and not one Kith knows; its times are read as local times")
            }
        }
        for draft in drafts { finish(draft, clocks: resolved, cancellation: cancellation) }
        // By line; those on one line in the order they were found.
        warnings = warnings.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
    }

    private mutating func finish(_ draft: Draft, clocks: [String: Clock], cancellation: Bool) {
        if let problem = draft.problem {
            warnings.append(problem)
            return
        }
        guard let rawStart = draft.start else {
            warnings.append(CaptureWarning(line: draft.line, message: "event has no DTSTART; skipped"))
            return
        }
        func resolve(_ raw: RawTime) -> EventTime {
            let clock: Clock = raw.isUTC ? .utc : raw.tzid.flatMap { clocks[$0] } ?? .floating
            return EventTime(wall: raw.wall, isDate: raw.isDate, clock: clock)
        }
        let start = resolve(rawStart)
        var rules = draft.rules.map(\.rule)
        if start.isDate {
            // A day-long event repeats on days; times in its rule mean nothing.
            for index in rules.indices {
                rules[index].byHour = []
                rules[index].byMinute = []
                rules[index].bySecond = []
            }
        }
        let uid = draft.uid ?? Self.syntheticUID(start: rawStart, summary: draft.summary, organizer: draft.organizer)
        var skip: SkipReason?
        if draft.cancelled || cancellation {
            skip = .cancelled
        } else if draft.free {
            skip = .free
        } else if draft.ownerDeclined {
            skip = .declined
        }
        // The organiser is not also an attendee, and no one is listed twice.
        var seenEmails: Set<String> = [], seenPhones: Set<String> = [], seenNames: Set<String> = []
        func isNew(_ person: Participant) -> Bool {
            if let email = person.email { return seenEmails.insert(email).inserted }
            if let phone = person.phone { return seenPhones.insert(phone).inserted }
            return seenNames.insert(person.name ?? "").inserted
        }
        if let organizer = draft.organizer { _ = isNew(organizer) }
        func unique(_ people: [Participant]) -> [Participant] { people.filter(isNew) }
        let to = unique(draft.attendees)
        let cc = unique(draft.copied)
        let occasion = Occasion(channel: MeetingChannel.channel(summary: draft.summary, links: draft.links),
                                subject: draft.summary, from: draft.organizer, to: to, cc: cc)
        events.append(CalendarEvent(source: source, line: draft.line, uid: uid, start: start,
                                    recurrenceID: draft.recurrenceID.map(resolve), rules: rules,
                                    exceptions: draft.exceptions.map(resolve), extraDates: draft.extraDates.map(resolve),
                                    sequence: draft.sequence, occasion: occasion, skip: skip))
    }

    /// A stable stand-in for a missing UID (RFC 5545 requires one; some exporters leave it
    /// out), so reading the file again gives the same keys.
    static func syntheticUID(start: RawTime, summary: String?, organizer: Participant?) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a
        for byte in "\(start.wall) \(start.isDate) \(start.isUTC) \(start.tzid ?? "")\u{1}\(summary ?? "")\u{1}\(organizer?.email ?? "")".utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return "kith-" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    // MARK: - Properties

    private mutating func read(_ property: ICalendarProperty, into draft: inout Draft, tzidLines: inout [String: Int]) {
        func problem(_ message: String) {
            if draft.problem == nil { draft.problem = CaptureWarning(line: property.line, message: message) }
        }
        func warn(_ message: String) { warnings.append(CaptureWarning(line: property.line, message: message)) }
        func time() -> RawTime? {
            let tzid = property.parameter("TZID")
            guard let value = RawTime.parse(property.value, tzid: tzid) else { return nil }
            if let tzid = value.tzid, tzidLines[tzid] == nil { tzidLines[tzid] = property.line }
            return value
        }
        func times() -> [RawTime]? {
            let tzid = property.parameter("TZID")
            guard let values = RawTime.parseList(property.value, tzid: tzid) else { return nil }
            for value in values { if let tzid = value.tzid, tzidLines[tzid] == nil { tzidLines[tzid] = property.line } }
            return values
        }
        switch property.name {
        case .uid:
            let uid = property.text.trimmingSpaces
            if !uid.isEmpty { draft.uid = String(uid) }
        case .dtstart:
            if let start = time() { draft.start = start } else { problem("start \"\(property.raw)\" is not a date; event skipped") }
        case .dtend:
            if time() == nil { warn("end \"\(property.raw)\" is not a date; ignored") }
        case .duration:
            if ICalendarValue.duration(property.value) == nil { warn("duration \"\(property.raw)\" cannot be read; ignored") }
        case .recurrenceID:
            if let id = time() {
                draft.recurrenceID = id
                if property.parameter("RANGE", is: "THISANDFUTURE") {
                    warn("RANGE=THISANDFUTURE is read as this occurrence only")
                }
            } else {
                problem("recurrence id \"\(property.raw)\" is not a date; event skipped")
            }
        case .rrule:
            do {
                draft.rules.append((try RecurrenceRule.parse(property.raw), property.line))
            } catch {
                problem("recurrence rule \"\(property.raw)\" cannot be read (\(error.description)); event skipped")
            }
        case .exrule:
            warn("EXRULE (deprecated since RFC 5545) is not supported; ignored")
        case .exdate:
            if let values = times() { draft.exceptions += values } else { warn("exception dates \"\(property.raw)\" cannot be read; ignored") }
        case .rdate:
            if let values = times() { draft.extraDates += values } else { warn("extra dates \"\(property.raw)\" cannot be read; ignored") }
        case .summary:
            let summary = property.text.trimmingSpaces
            draft.summary = summary.isEmpty ? nil : String(summary)
        case .status:
            draft.cancelled = property.valueIs("CANCELLED")
        case .transp:
            draft.free = property.valueIs("TRANSPARENT")
        case .sequence:
            draft.sequence = Int(property.raw.trimmingSpaces) ?? 0
        case .organizer:
            draft.organizer = Self.participant(property)
        case .attendee:
            guard let person = Self.participant(property) else { return }
            if property.parameter("PARTSTAT", is: "DECLINED") {
                if let email = person.email, owner.contains(email) { draft.ownerDeclined = true }
                return
            }
            if property.parameter("CUTYPE", is: "ROOM") || property.parameter("CUTYPE", is: "RESOURCE") { return }
            if property.parameter("ROLE", is: "NON-PARTICIPANT") {
                draft.copied.append(person)
            } else {
                draft.attendees.append(person)
            }
        case .location, .description, .url, .conference, .googleConference, .teamsURL, .teamsExternalLink, .teamsConferenceLink:
            draft.links.scan(property.value)
        default:
            break
        }
    }

    private func read(_ property: ICalendarProperty, into observance: inout ObservanceDraft) {
        switch property.name {
        case .dtstart: observance.onset = RawTime.parse(property.value, tzid: nil)
        case .tzoffsetfrom: observance.offsetFrom = ICalendarValue.utcOffset(property.value)
        case .tzoffsetto: observance.offsetTo = ICalendarValue.utcOffset(property.value)
        case .rrule: observance.rule = try? RecurrenceRule.parse(property.raw)
        case .rdate: observance.dates += (RawTime.parseList(property.value, tzid: nil) ?? []).map(\.wall)
        default: break
        }
    }

    /// ORGANIZER or ATTENDEE: `CN` is the name (unless it is just the address again), the
    /// address comes from `mailto:` (in any case), else the `EMAIL` parameter; `tel:` is a phone.
    /// Addresses are lowercased.
    static func participant(_ property: ICalendarProperty) -> Participant? {
        let value = ICalendarProperty.trimmed(property.value)
        var email: String?, phone: String?
        if hasPrefix(value, "mailto:") {
            let address = ICalendarProperty.trimmed(value.dropFirst(7).prefix { $0 != UInt8(ascii: "?") })
            if !address.isEmpty { email = lowercased(address) }
        } else if hasPrefix(value, "tel:") {
            let number = ICalendarProperty.trimmed(value.dropFirst(4))
            if !number.isEmpty { phone = String(decoding: number, as: UTF8.self) }
        } else if value.contains(UInt8(ascii: "@")) && !value.contains(UInt8(ascii: ":")) && !value.contains(UInt8(ascii: "/")) {
            email = lowercased(value)
        }
        if email == nil, let parameter = property.parameterValue("EMAIL").map(ICalendarProperty.trimmed),
           parameter.contains(UInt8(ascii: "@")) {
            email = lowercased(parameter.filter { $0 != UInt8(ascii: "\"") }[...])
        }
        var name: String?
        if let cn = property.parameterValue("CN").map(ICalendarProperty.trimmed), !cn.isEmpty {
            // A CN that is only an address (Google writes the address when it knows no name).
            if cn.contains(UInt8(ascii: "@")) && !cn.contains(UInt8(ascii: " ")) {
                if email == nil { email = lowercased(cn) }
            } else {
                name = property.parameter("CN").map { String($0.trimmingSpaces) }
            }
        }
        guard name != nil || email != nil || phone != nil else { return nil }
        return Participant(name: name, email: email, phone: phone)
    }

    private static func hasPrefix(_ bytes: ArraySlice<UInt8>, _ prefix: String) -> Bool {
        bytes.count >= prefix.utf8.count && zip(bytes, prefix.utf8).allSatisfy { lower($0) == $1 }
    }

    private static func lowercased(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        return String(decoding: bytes.map(lower), as: UTF8.self)
    }
}
