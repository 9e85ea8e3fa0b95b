import FoundationEssentials
import KithTime

/// What the readers need to know beyond the bytes.
public struct CaptureOptions: Sendable {
    /// The user's time zone: it decides the day of a mail or a Telegram message.
    public var localTime: LocalTime
    /// Where numbers written without a country code are from; nil when unknown (then only numbers
    /// written with `+` or `00` become E.164).
    public var phoneRegion: PhoneRegion?
    /// The order of a WhatsApp export's day and month, when the user says; nil to tell it from the
    /// file.
    public var chatDateOrder: ChatDateOrder?
    /// The order assumed when the file cannot tell (no day after the 12th, nothing out of order);
    /// a warning says it was assumed.
    public var assumedChatDateOrder: ChatDateOrder
    /// The day the user believes it is: a calendar's occurrences from it on are future ones, for
    /// the brief (the other readers don't need it).
    public var today: CalendarDate
    /// The owner's email addresses: a calendar event one of them declined is skipped.
    public var owner: Set<String>

    public init(localTime: LocalTime = .utc, phoneRegion: PhoneRegion? = nil, chatDateOrder: ChatDateOrder? = nil,
                assumedChatDateOrder: ChatDateOrder = .dayMonth, today: CalendarDate = CalendarDate(daysSinceEpoch: 0),
                owner: Set<String> = []) {
        self.localTime = localTime
        self.phoneRegion = phoneRegion
        self.chatDateOrder = chatDateOrder
        self.assumedChatDateOrder = assumedChatDateOrder
        self.today = today
        self.owner = owner
    }
}

/// Why an input could not be read at all. Problems with single messages or lines are not errors:
/// they are `CaptureWarning`s, and the rest is read.
public struct CaptureError: Error, Hashable, Sendable, CustomStringConvertible {
    private let text: String

    /// The content is none of the kinds `CaptureFormat.detect` knows.
    public static let unknownFormat = CaptureError(text: "can't tell what kind of file this is: it is not an mbox "
        + "mailbox, a mail message, a WhatsApp chat export, an SMS Backup & Restore file, a Telegram export or an "
        + "iCalendar file")

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
            case .whatsapp: return WhatsAppReader.read(UnsafeRawBufferPointer(bytes), options: options)
            case .sms: return SMSBackupReader.read(UnsafeRawBufferPointer(bytes), options: options)
            case .telegram: return TelegramReader.read(UnsafeRawBufferPointer(bytes), options: options)
            case .calendar:
                let localTime = options.localTime
                let calendar = CalendarReader.read(Array(bytes), source: "", options: .init(
                    today: options.today, owner: options.owner, localOffset: { localTime.offset(Int64($0)) }))
                return CaptureResult(format: .calendar, traces: calendar.traces, warnings: calendar.warnings)
            }
        }
    }
}
