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
        var startLine = 0
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

    mutating func parse(_ bytes: [UInt8]) {
        var drafts: [Draft] = []
        var zones: [String: ZoneRules] = [:]
        var tzidLines: [String: Int] = [:]
        var stack: [String] = []
        var draft: Draft?
        var zone: ZoneDraft?
        var observance: ObservanceDraft?
        var cancellation = false
        var strayLine: Int?
        var sawCalendar = false

        func warn(_ line: Int, _ message: String) { warnings.append(CaptureWarning(line: line, message: message)) }

        for logical in ContentLines.unfold(bytes) {
            guard let property = ICalendarProperty(logical.bytes, line: logical.number) else {
                if stack.isEmpty {
                    if strayLine == nil { strayLine = logical.number }
                } else {
                    let text = String(decoding: logical.bytes.prefix(40), as: UTF8.self)
                    warn(logical.number, "\"\(text)\" is not a property; ignored")
                }
                continue
            }
            switch property.name {
            case "BEGIN":
                let name = property.raw.trimmingSpaces.uppercased()
                if name == "VCALENDAR" { sawCalendar = true }
                if name == "VEVENT" && stack.last == "VEVENT", let open = draft {
                    warn(open.line, "event has no END:VEVENT before the next event; skipped")
                    draft = nil
                    stack.removeLast()
                }
                if name == "VEVENT" && (stack.last == "VCALENDAR" || stack.isEmpty) {
                    draft = Draft(line: property.line)
                } else if name == "VTIMEZONE" && (stack.last == "VCALENDAR" || stack.isEmpty) {
                    zone = ZoneDraft()
                } else if (name == "STANDARD" || name == "DAYLIGHT") && stack.last == "VTIMEZONE" {
                    observance = ObservanceDraft(line: property.line)
                }
                stack.append(name)
            case "END":
                let name = property.raw.trimmingSpaces.uppercased()
                guard let index = stack.lastIndex(of: name) else {
                    warn(property.line, "END:\(name) without BEGIN:\(name); ignored")
                    continue
                }
                // Components left open inside the one that ends are cut short.
                for open in stack[(index + 1)...].reversed() {
                    if open == "VEVENT", let cut = draft {
                        warn(cut.line, "event has no END:VEVENT; skipped")
                        draft = nil
                    } else if open == "VTIMEZONE" {
                        zone = nil
                    } else if open == "STANDARD" || open == "DAYLIGHT" {
                        observance = nil
                    }
                }
                stack.removeSubrange(index...)
                switch name {
                case "VEVENT":
                    if let done = draft { drafts.append(done) }
                    draft = nil
                case "STANDARD", "DAYLIGHT":
                    if let done = observance {
                        if let onset = done.onset, let from = done.offsetFrom, let to = done.offsetTo {
                            zone?.observances.append(ZoneRules.Observance(onset: onset.wall, offsetFrom: from, offsetTo: to,
                                                                          rule: done.rule, dates: done.dates))
                        } else {
                            warn(done.line, "time zone observance needs DTSTART, TZOFFSETFROM and TZOFFSETTO; ignored")
                        }
                    }
                    observance = nil
                case "VTIMEZONE":
                    if let done = zone, let tzid = done.tzid, !done.observances.isEmpty {
                        zones[tzid] = ZoneRules(name: tzid, observances: done.observances)
                    }
                    zone = nil
                default:
                    break
                }
            default:
                switch stack.last {
                case "VEVENT":
                    if draft != nil { read(property, into: &draft!, tzidLines: &tzidLines) }
                case "STANDARD", "DAYLIGHT":
                    if observance != nil { read(property, into: &observance!) }
                case "VTIMEZONE":
                    if property.name == "TZID" { zone?.tzid = property.text.trimmingSpaces.description }
                case "VCALENDAR":
                    if property.name == "METHOD" && property.raw.trimmingSpaces.uppercased() == "CANCEL" { cancellation = true }
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
        warnings.sort { $0.line < $1.line }
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
        var seen: Set<String> = []
        func identity(_ person: Participant) -> String {
            person.email.map { "e:" + $0 } ?? person.phone.map { "p:" + $0 } ?? "n:" + (person.name ?? "")
        }
        if let organizer = draft.organizer { seen.insert(identity(organizer)) }
        func unique(_ people: [Participant]) -> [Participant] {
            people.filter { seen.insert(identity($0)).inserted }
        }
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
        func time(_ label: String) -> RawTime? {
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
        case "UID":
            let uid = property.text.trimmingSpaces
            if !uid.isEmpty { draft.uid = String(uid) }
        case "DTSTART":
            draft.startLine = property.line
            if let start = time("start") { draft.start = start } else { problem("start \"\(property.raw)\" is not a date; event skipped") }
        case "DTEND":
            if time("end") == nil { warn("end \"\(property.raw)\" is not a date; ignored") }
        case "DURATION":
            if ICalendarValue.duration(property.value) == nil { warn("duration \"\(property.raw)\" cannot be read; ignored") }
        case "RECURRENCE-ID":
            if let id = time("recurrence id") {
                draft.recurrenceID = id
                if property.parameter("RANGE")?.uppercased() == "THISANDFUTURE" {
                    warn("RANGE=THISANDFUTURE is read as this occurrence only")
                }
            } else {
                problem("recurrence id \"\(property.raw)\" is not a date; event skipped")
            }
        case "RRULE":
            do {
                draft.rules.append((try RecurrenceRule.parse(property.raw), property.line))
            } catch {
                problem("recurrence rule \"\(property.raw)\" cannot be read (\(error.description)); event skipped")
            }
        case "EXRULE":
            warn("EXRULE (deprecated since RFC 5545) is not supported; ignored")
        case "EXDATE":
            if let values = times() { draft.exceptions += values } else { warn("exception dates \"\(property.raw)\" cannot be read; ignored") }
        case "RDATE":
            if let values = times() { draft.extraDates += values } else { warn("extra dates \"\(property.raw)\" cannot be read; ignored") }
        case "SUMMARY":
            let summary = property.text.trimmingSpaces
            draft.summary = summary.isEmpty ? nil : String(summary)
        case "STATUS":
            draft.cancelled = property.raw.trimmingSpaces.uppercased() == "CANCELLED"
        case "TRANSP":
            draft.free = property.raw.trimmingSpaces.uppercased() == "TRANSPARENT"
        case "SEQUENCE":
            draft.sequence = Int(property.raw.trimmingSpaces) ?? 0
        case "ORGANIZER":
            draft.organizer = Self.participant(property)
        case "ATTENDEE":
            guard let person = Self.participant(property) else { return }
            let status = property.parameter("PARTSTAT")?.uppercased()
            if status == "DECLINED" {
                if let email = person.email, owner.contains(email) { draft.ownerDeclined = true }
                return
            }
            switch property.parameter("CUTYPE")?.uppercased() {
            case "ROOM", "RESOURCE": return
            default: break
            }
            if property.parameter("ROLE")?.uppercased() == "NON-PARTICIPANT" {
                draft.copied.append(person)
            } else {
                draft.attendees.append(person)
            }
        case "LOCATION", "DESCRIPTION", "URL", "CONFERENCE", "X-GOOGLE-CONFERENCE", "X-MICROSOFT-SKYPETEAMSMEETINGURL",
             "X-MICROSOFT-ONLINEMEETINGEXTERNALLINK", "X-MICROSOFT-ONLINEMEETINGCONFLINK":
            draft.links.scan(property.value)
        default:
            break
        }
    }

    private func read(_ property: ICalendarProperty, into observance: inout ObservanceDraft) {
        switch property.name {
        case "DTSTART": observance.onset = RawTime.parse(property.value, tzid: nil)
        case "TZOFFSETFROM": observance.offsetFrom = ICalendarValue.utcOffset(property.value)
        case "TZOFFSETTO": observance.offsetTo = ICalendarValue.utcOffset(property.value)
        case "RRULE": observance.rule = try? RecurrenceRule.parse(property.raw)
        case "RDATE": observance.dates += (RawTime.parseList(property.value, tzid: nil) ?? []).map(\.wall)
        default: break
        }
    }

    /// ORGANIZER or ATTENDEE: `CN` is the name (unless it is just the address again), the
    /// address comes from `mailto:` (in any case), else the `EMAIL` parameter; `tel:` is a phone.
    static func participant(_ property: ICalendarProperty) -> Participant? {
        let value = property.raw.trimmingSpaces
        let lower = value.lowercased()
        var email: String?, phone: String?
        if lower.hasPrefix("mailto:") {
            email = String(lower.dropFirst(7).prefix { $0 != "?" }).trimmingSpaces.description
        } else if lower.hasPrefix("tel:") {
            phone = String(value.dropFirst(4)).trimmingSpaces.description
        } else if lower.contains("@") && !lower.contains(":") && !lower.contains("/") {
            email = lower
        }
        if email?.isEmpty != false, let parameter = property.parameter("EMAIL")?.trimmingSpaces, parameter.contains("@") {
            email = parameter.lowercased()
        }
        var name = property.parameter("CN").map { String($0.trimmingSpaces) }
        if let cn = name, cn.isEmpty || cn.lowercased() == email || (cn.contains("@") && !cn.contains(" ")) {
            if email == nil && cn.contains("@") { email = cn.lowercased() }
            name = nil
        }
        if email?.isEmpty == true { email = nil }
        guard name != nil || email != nil || phone != nil else { return nil }
        return Participant(name: name, email: email, phone: phone)
    }
}
