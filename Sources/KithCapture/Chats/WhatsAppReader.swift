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
        var bytes = raw.bindMemory(to: UInt8.self)[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let text = Charset.guess(bytes)
        var result = CaptureResult(format: .whatsapp)
        var entries: [Entry] = []
        var stray: Int?
        var lineNumber = 0
        var isSystem = false
        // "\r\n" is one Character in Swift: split on it as on "\n" (a lone "\r" is no line break, as
        // for the other readers). The file's last line break ends a line; it does not start an empty one.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        if lines.last?.isEmpty == true { lines.removeLast() }
        for line in lines {
            lineNumber += 1
            if let stamp = WhatsAppStamp.parse(line) {
                let (sender, kind, body) = split(stamp.rest)
                var hash = StableHash()
                hash.add(String(body))
                entries.append(Entry(line: lineNumber, stamp: stamp, sender: sender, kind: kind, hash: hash))
                isSystem = kind == .system
            } else if !entries.isEmpty {
                if !isSystem {
                    entries[entries.count - 1].hash.add(0x0A)
                    entries[entries.count - 1].hash.add(String(line))
                }
            } else if stray == nil, !line.allSatisfy(\.isWhitespace) {
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
        var senders: [String] = []
        var participants: [String: Participant] = [:]
        for entry in entries where entry.kind != .system && participants[entry.sender] == nil {
            senders.append(entry.sender)
            participants[entry.sender] = participant(entry.sender, region: options.phoneRegion)
        }
        var others: [String: [Participant]] = [:]
        for sender in senders { others[sender] = senders.filter { $0 != sender }.map { participants[$0]! } }

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

    /// The sender, the kind of line and the text of what follows a stamp.
    private static func split(_ rest: Substring) -> (sender: String, kind: Kind, text: Substring) {
        guard let colon = rest.firstRange(of: ": ") ?? (rest.hasSuffix(":") ? rest.index(before: rest.endIndex)..<rest.endIndex : nil) else {
            return ("", .system, rest)
        }
        let name = String(String.UnicodeScalarView(rest[..<colon.lowerBound].unicodeScalars.filter { !WhatsAppStamp.isMark($0) }))
            .trimmingCharacters(in: " ")
        let text = rest[colon.upperBound...]
        guard !name.isEmpty, name.count <= 80, !name.contains(where: { "\"“”".contains($0) }) else { return ("", .system, rest) }
        guard text.unicodeScalars.first == "\u{200E}" else { return (name, .message, text) }
        // iOS's own notices, written in the name of the chat's other party.
        let notice = String(String.UnicodeScalarView(text.unicodeScalars.filter { !WhatsAppStamp.isMark($0) })).lowercased()
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
        let n = stamp.numbers
        var year: Int, month: Int, day: Int
        if stamp.digits[0] >= 3 {
            (year, month, day) = (n[0], n[1], n[2])
        } else {
            year = n[2]
            (day, month) = order == .monthDay ? (n[1], n[0]) : (n[0], n[1])
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
        if stamps.contains(where: { $0.digits[0] >= 3 }) { return (.yearMonthDay, nil) }
        let dayFirst = stamps.contains { $0.numbers[0] > 12 }
        let monthFirst = stamps.contains { $0.numbers[1] > 12 }
        switch (dayFirst, monthFirst) {
        case (true, false): return (.dayMonth, nil)
        case (false, true): return (.monthDay, nil)
        case (true, true): return (nil, "dates are written both day first and month first")
        case (false, false): break
        }
        var firstFalls = false
        var secondFalls = false
        for (a, b) in zip(stamps, stamps.dropFirst()) where a.numbers[2] == b.numbers[2] {
            if b.numbers[0] < a.numbers[0] { firstFalls = true }
            if b.numbers[1] < a.numbers[1] { secondFalls = true }
        }
        switch (firstFalls, secondFalls) {
        case (true, false): return (.dayMonth, nil)
        case (false, true): return (.monthDay, nil)
        default: return (nil, "can't tell whether dates are day/month or month/day (no day after the 12th)")
        }
    }
}

extension CalendarDate {
    static func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

extension String {
    /// Without `character` at either end.
    func trimmingCharacters(in character: Character) -> String {
        var text = self[...]
        while text.first == character { text = text.dropFirst() }
        while text.last == character { text = text.dropLast() }
        return String(text)
    }
}
