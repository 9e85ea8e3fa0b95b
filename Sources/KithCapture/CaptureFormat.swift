/// The kinds of input KithCapture reads, told from their content (file names lie).
///
/// This mirrors KithExchange's `ImportFormat`, which tells the address books apart; the two never
/// claim the same file (the tests check every fixture of each against the other), so the import
/// can ask both. The calendar reader adds its own case.
public enum CaptureFormat: String, CaseIterable, Hashable, Sendable {
    /// An mbox file: messages each starting on a `From ` line with a date.
    case mbox
    /// One RFC 5322 message: a Maildir file, or a message piped from a mail client.
    case message
    /// A WhatsApp chat export (`.txt`), Android or iOS layout.
    case whatsapp
    /// An SMS Backup & Restore XML file: texts (`<smses>`) or the call log (`<calls>`).
    case sms
    /// A Telegram Desktop JSON export (`result.json`), of all chats or one.
    case telegram
    /// An iCalendar file (`.ics`): `BEGIN:VCALENDAR`.
    case calendar

    public var displayName: String {
        switch self {
        case .mbox: return "mbox mailbox"
        case .message: return "mail message"
        case .whatsapp: return "WhatsApp chat export"
        case .sms: return "SMS Backup & Restore file"
        case .telegram: return "Telegram export"
        case .calendar: return "iCalendar file"
        }
    }

    /// How much of the start of the input detection looks at.
    static let window = 64 * 1024

    /// The kind of `bytes`, from their first 64 KiB, after a UTF-8 byte-order mark and blank lines:
    ///
    /// | it starts with | read as |
    /// | --- | --- |
    /// | a `From ` line carrying a date | `mbox` |
    /// | `{`, with Telegram's keys (`"chats"` and `"list"`, or `"messages"` with `"from_id"` or `"date_unixtime"`) | `telegram` |
    /// | `<`, with an `<smses` or `<calls` element | `sms` |
    /// | `BEGIN:VCALENDAR` (any case) | `calendar` |
    /// | a WhatsApp time stamp (`12/03/2024, 14:05 - `, `[12/03/2024, 14:05:09] `) | `whatsapp` |
    /// | a header field, in a header block holding `From`, `Date`, `Received`, `Return-Path` or `Message-ID` | `message` |
    ///
    /// Nil when none fits.
    public static func detect(_ bytes: some Collection<UInt8>) -> CaptureFormat? {
        var head = Array(bytes.prefix(window))
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { head.removeFirst(3) }
        guard let start = head.firstIndex(where: { !($0.isBlank || $0 == 0x0D || $0 == 0x0A) }) else { return nil }
        return head.withUnsafeBufferPointer { buffer in
            let s = ByteScan(buffer)
            let firstLineEnd = s.lineEnd(from: start)
            if s.has("From ", at: start), MboxSeparator.date(s, start, firstLineEnd) != nil { return .mbox }
            let first = String(decoding: buffer[start..<s.trimmingCR(start, firstLineEnd)], as: UTF8.self)
            if first.uppercased() == "BEGIN:VCALENDAR" { return .calendar }
            switch s[start] {
            case 0x7B:  // {
                let has = { (key: String) in Self.contains(buffer, key) }
                if (has("\"chats\"") && has("\"list\"")) || (has("\"messages\"") && (has("\"from_id\"") || has("\"date_unixtime\""))) {
                    return .telegram
                }
                return nil
            case 0x3C:  // <
                return Self.contains(buffer, "<smses") || Self.contains(buffer, "<calls") ? .sms : nil
            default:
                break
            }
            if WhatsAppStamp.parse(s, start, s.trimmingCR(start, firstLineEnd)) != nil { return .whatsapp }
            if isHeaderBlock(s, from: start) { return .message }
            return nil
        }
    }

    /// Whether the text at `start` is a header block naming a field every delivered or sent
    /// message has.
    private static func isHeaderBlock(_ s: ByteScan, from start: Int) -> Bool {
        var pos = start
        var lines = 0
        var telling = false
        while pos < s.count, lines < 500 {
            let end = s.lineEnd(from: pos)
            let contentEnd = s.trimmingCR(pos, end)
            if contentEnd == pos { break }
            if !s[pos].isBlank {
                guard let colon = (pos..<contentEnd).first(where: { s[$0] == 0x3A }), colon > pos,
                      (pos..<colon).allSatisfy({ s[$0] > 0x20 && s[$0] < 0x7F }) else {
                    // An envelope `From ` line may open a delivered message.
                    if lines == 0, s.has("From ", at: pos) || s.has(">From ", at: pos) {
                        pos = end + 1
                        lines += 1
                        continue
                    }
                    return false
                }
                let name = String(decoding: UnsafeBufferPointer(rebasing: s.bytes[pos..<colon]), as: UTF8.self).lowercased()
                if ["from", "date", "received", "return-path", "message-id"].contains(name) { telling = true }
            } else if lines == 0 {
                return false
            }
            pos = end + 1
            lines += 1
        }
        return telling
    }

    private static func contains(_ buffer: UnsafeBufferPointer<UInt8>, _ needle: String) -> Bool {
        let needle = Array(needle.utf8)
        guard buffer.count >= needle.count else { return false }
        let s = ByteScan(buffer)
        var i = 0
        while i <= buffer.count - needle.count {
            i = s.firstIndex(of: needle[0], from: i, to: buffer.count - needle.count + 1)
            if i > buffer.count - needle.count { return false }
            if (1..<needle.count).allSatisfy({ buffer[i + $0] == needle[$0] }) { return true }
            i += 1
        }
        return false
    }
}
