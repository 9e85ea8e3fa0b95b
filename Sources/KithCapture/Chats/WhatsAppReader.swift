import KithTime

/// Reads a WhatsApp chat export (`.txt`, "Export chat" on a phone) into one trace per message:
/// the day, the sender, and everyone else who wrote in the chat; never the text, which is only
/// hashed into the key.
///
/// - A line starting with a time stamp (`WhatsAppStamp`) starts a message; lines without one
///   continue the message before them.
/// - A stamped line without `Name: ` is a system line (Android: "Messages and calls are
///   end-to-end encrypted…", "Sam added Ann") and is not a trace. So is a "name" holding quotes
///   (`Sam changed the subject to "Lunch: Friday"`).
/// - iOS writes its own notices as if the chat's other party had sent them, with U+200E before
///   the text. Such a line is a system line, unless it reports a file (`image omitted`,
///   `<attached: …>`), a deleted message, or a call (`Voice call`, `Video call`, whose channel is
///   call or video; `Missed voice call` is a missed call).
/// - The day/month order is decided for the whole file (`decideOrder`); a two-digit year is 20xx,
///   and a year before WhatsApp (2009) is no real date.
/// - Lines before the first stamp, and messages whose stamp is no real date or time, are reported
///   and skipped.
enum WhatsAppReader {
    private enum Kind { case message, call, video, missedCall, system }

    private struct Entry {
        var line: Int
        var stamp: WhatsAppStamp
        var sender: String
        var kind: Kind
        var hash: StableHash
    }

    static func read(_ raw: UnsafeRawBufferPointer, options: CaptureOptions) -> CaptureResult {
        let s = ByteScan(raw.bindMemory(to: UInt8.self))
        var result = CaptureResult(format: .whatsapp)
        var entries: [Entry] = []
        var stray: Int?
        var lineNumber = 0
        var isSystem = false
        var senders: [[UInt8]: String] = [:]  // each sender's name, decoded once
        var pos = s.has("\u{FEFF}", at: 0) ? 3 : 0
        // Lines end in LF or CRLF (a lone CR is no line break, as for the other readers); the file's
        // last line break ends a line, it does not start an empty one.
        while pos < s.count {
            let lineEnd = s.lineEnd(from: pos)
            let end = s.trimmingCR(pos, lineEnd)
            lineNumber += 1
            defer { pos = lineEnd + 1 }
            if let stamp = WhatsAppStamp.parse(s, pos, end) {
                let (name, kind, text) = split(s, stamp.restStart, end)
                var hash = StableHash()
                hash.add(UnsafeBufferPointer(rebasing: s.bytes[text]))
                let sender: String
                if let known = senders[name] {
                    sender = known
                } else {
                    sender = Charset.guess(name)
                    senders[name] = sender
                }
                entries.append(Entry(line: lineNumber, stamp: stamp, sender: sender, kind: kind, hash: hash))
                isSystem = kind == .system
            } else if !entries.isEmpty {
                if !isSystem {
                    entries[entries.count - 1].hash.add(0x0A)
                    entries[entries.count - 1].hash.add(UnsafeBufferPointer(rebasing: s.bytes[pos..<end]))
                }
            } else if stray == nil, (pos..<end).contains(where: { !s[$0].isBlank }) {
                stray = lineNumber
            }
        }
        guard !entries.isEmpty else {
            if let stray { result.warn(stray, "no line starts with a WhatsApp time stamp (\"12/03/24, 14:05 - Name: …\"); nothing read") }
            return result
        }
        if let stray { result.warn(stray, "text before the first time-stamped line is not a WhatsApp message; ignored") }

        let order: ChatDateOrder
        if let forced = options.chatDateOrder {
            order = forced
        } else {
            let decision = decideOrder(entries.map(\.stamp))
            order = decision.order ?? options.assumedChatDateOrder
            if let reason = decision.undecided {
                result.warn(entries[0].line, "\(reason); dates read as \(order.description)")
            }
        }

        // Everyone who wrote, in order of first message, as participants.
        var names: [String] = []
        var participants: [String: Participant] = [:]
        for entry in entries where entry.kind != .system && participants[entry.sender] == nil {
            names.append(entry.sender)
            participants[entry.sender] = participant(entry.sender, region: options.phoneRegion)
        }
        var others: [String: [Participant]] = [:]
        for name in names { others[name] = names.filter { $0 != name }.map { participants[$0]! } }

        result.traces.reserveCapacity(entries.count)
        for entry in entries where entry.kind != .system {
            guard let (date, seconds) = when(entry.stamp, order: order) else {
                result.warn(entry.line, "the time stamp is not a real date and time in \(order.description) order; message skipped")
                continue
            }
            let minute = CalendarDate.pad2(seconds / 3600) + ":" + CalendarDate.pad2(seconds / 60 % 60)
            let channel: Trace.Channel = entry.kind == .video ? .video : entry.kind == .message ? .message : .call
            result.traces.append(Trace(
                date: date, time: seconds, channel: channel, source: .whatsapp,
                key: "whatsapp:\(date.iso)T\(minute)|\(entry.sender)|\(entry.hash.hex)",
                from: participants[entry.sender], to: others[entry.sender] ?? [],
                notConversation: entry.kind == .missedCall ? .missedCall : nil,
                line: entry.line))
        }
        return result
    }

    /// The sender (its bytes, direction marks and the spaces around it taken out), the kind of line,
    /// and where the text is, in what follows a stamp on `start..<end`.
    private static func split(_ s: ByteScan, _ start: Int, _ end: Int) -> (sender: [UInt8], kind: Kind, text: Range<Int>) {
        var colon = start
        while colon < end, !(s[colon] == 0x3A && (colon + 1 == end || s[colon + 1] == 0x20)) { colon += 1 }
        guard colon < end else { return ([], .system, start..<end) }
        var name: [UInt8] = []
        name.reserveCapacity(colon - start)
        var i = start
        var scalars = 0
        while i < colon {
            let mark = WhatsAppStamp.markLength(s, i, colon)
            if mark > 0 { i += mark; continue }
            let byte = s[i]
            // A quote makes it a system line: Sam changed the subject to "Lunch: Friday".
            if byte == 0x22 || (byte == 0xE2 && i + 2 < colon && s[i + 1] == 0x80 && (s[i + 2] == 0x9C || s[i + 2] == 0x9D)) {
                return ([], .system, start..<end)
            }
            if byte & 0xC0 != 0x80 { scalars += 1 }
            name.append(byte)
            i += 1
        }
        while name.first == 0x20 { name.removeFirst() }
        while name.last == 0x20 { name.removeLast() }
        let text = min(colon + 2, end)..<end
        guard !name.isEmpty, scalars <= 80 else { return ([], .system, start..<end) }
        guard WhatsAppStamp.markLength(s, text.lowerBound, end) > 0, s[text.lowerBound + 2] == 0x8E else { return (name, .message, text) }
        // iOS's own notices, written in the name of the chat's other party, start with U+200E.
        let notice = String(String.UnicodeScalarView(Charset.guess(UnsafeBufferPointer(rebasing: s.bytes[text])).unicodeScalars
            .filter { !WhatsAppStamp.isMark($0) })).lowercased()
        if notice.hasPrefix("missed voice call") || notice.hasPrefix("missed video call") { return (name, .missedCall, text) }
        if notice.hasPrefix("voice call") { return (name, .call, text) }
        if notice.hasPrefix("video call") { return (name, .video, text) }
        if mediaMarkers.contains(where: { notice.contains($0) }) { return (name, .message, text) }
        return (name, .system, text)
    }

    /// What iOS writes, after U+200E, for a message that was a file or was deleted.
    static let mediaMarkers = [
        "omitted", "<attached:", "this message was deleted", "you deleted this message", "weggelassen", "omitida",
        "omitido", "omis", "omessa", "omesso", "<anhang:", "<anexo:", "<adjunto:", "<pièce jointe", "<allegato:",
    ]

    /// A sender is a phone number when it is only digits, `+`, spaces, dashes, dots and
    /// parentheses, with at least seven digits: WhatsApp writes the number of someone not in the
    /// phone's contacts.
    private static func participant(_ sender: String, region: PhoneRegion?) -> Participant {
        let digits = sender.unicodeScalars.filter { ("0"..."9").contains($0) }.count
        let phoneLike = digits >= 7 && sender.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || " +-.()\u{A0}".unicodeScalars.contains($0) }
        if phoneLike, let phone = PhoneNumber.normalize(sender, region: region) { return Participant(phone: phone) }
        return Participant(name: sender)
    }

    /// The day and seconds after midnight of a stamp read in `order`; nil when not a real one.
    private static func when(_ stamp: WhatsAppStamp, order: ChatDateOrder) -> (CalendarDate, Int)? {
        var year: Int, month: Int, day: Int
        if stamp.d0 == 4 {
            (year, month, day) = (stamp.n0, stamp.n1, stamp.n2)
        } else {
            year = stamp.n2
            (day, month) = order == .monthDay ? (stamp.n1, stamp.n0) : (stamp.n0, stamp.n1)
        }
        if year < 100 { year += 2000 }
        guard year >= 2009, let date = CalendarDate(year: year, month: month, day: day), let hour = stamp.hour24,
              stamp.minute < 60, (stamp.second ?? 0) < 60 else { return nil }
        return (date, hour * 3600 + stamp.minute * 60 + (stamp.second ?? 0))
    }

    /// The day/month order of a file's stamps, or why it cannot be told:
    /// 1. a year written first is year-month-day;
    /// 2. a first number above 12 makes it day/month, a second number above 12 month/day;
    /// 3. else the order of the lines: an export is in time order, so within one year the month
    ///    never goes down: a first number that goes down from one line to the next is the day.
    /// When both readings are shown to be wrong, or neither, the order is not decided.
    static func decideOrder(_ stamps: [WhatsAppStamp]) -> (order: ChatDateOrder?, undecided: String?) {
        if stamps.contains(where: { $0.d0 == 4 }) { return (.yearMonthDay, nil) }
        let dayFirst = stamps.contains { $0.n0 > 12 }
        let monthFirst = stamps.contains { $0.n1 > 12 }
        switch (dayFirst, monthFirst) {
        case (true, false): return (.dayMonth, nil)
        case (false, true): return (.monthDay, nil)
        case (true, true): return (nil, "dates are written both day first and month first")
        case (false, false): break
        }
        var firstFalls = false
        var secondFalls = false
        for (a, b) in zip(stamps, stamps.dropFirst()) where a.n2 == b.n2 {
            if b.n0 < a.n0 { firstFalls = true }
            if b.n1 < a.n1 { secondFalls = true }
        }
        switch (firstFalls, secondFalls) {
        case (true, false): return (.dayMonth, nil)
        case (false, true): return (.monthDay, nil)
        default: return (nil, "can't tell whether dates are day/month or month/day (no day after the 12th)")
        }
    }
}
