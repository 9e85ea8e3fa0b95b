import FoundationEssentials

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

    public var displayName: String {
        switch self {
        case .mbox: return "mbox mailbox"
        case .message: return "mail message"
        }
    }

    /// How much of the start of the input detection looks at.
    static let window = 64 * 1024

    /// The kind of `bytes`, from their first 64 KiB, after a UTF-8 byte-order mark and blank lines:
    ///
    /// | it starts with | read as |
    /// | --- | --- |
    /// | a `From ` line carrying a date | `mbox` |
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

}

/// What the readers need to know beyond the bytes.
public struct CaptureOptions: Sendable {
    /// The user's time zone: it decides the day of a mail or a Telegram message.
    public var localTime: LocalTime

    public init(localTime: LocalTime = .utc) {
        self.localTime = localTime
    }
}

/// Why an input could not be read at all. Problems with single messages or lines are not errors:
/// they are `CaptureWarning`s, and the rest is read.
public struct CaptureError: Error, Hashable, Sendable, CustomStringConvertible {
    private let text: String

    /// The content is none of the kinds `CaptureFormat.detect` knows.
    public static let unknownFormat = CaptureError(text: "can't tell what kind of file this is: it is not an mbox "
        + "mailbox or a mail message")

    public var description: String { text }
}

/// Reading any input KithCapture knows.
public enum Capture {
    /// Reads `data` as `format`, or as whatever its content shows when `format` is nil.
    /// - Throws: `CaptureError.unknownFormat` when `format` is nil and the content fits no kind.
    public static func read(_ data: some ContiguousBytes, format: CaptureFormat? = nil,
                            options: CaptureOptions = CaptureOptions(),
                            progress: ((Double) -> Void)? = nil) throws -> CaptureResult {
        try data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let format = format ?? CaptureFormat.detect(bytes) else { throw CaptureError.unknownFormat }
            switch format {
            case .mbox: return MailReader.mbox(ByteScan(bytes), options: options, progress: progress)
            case .message: return MailReader.message(UnsafeRawBufferPointer(bytes), options: options)
            }
        }
    }
}
