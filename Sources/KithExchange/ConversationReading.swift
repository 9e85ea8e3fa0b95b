import KithCapture

/// The conversations read from one import source — a file, a folder of them, or stdin — before
/// they are matched to people: KithCapture's traces, and its warnings named by file.
///
/// The front end walks folders and reads the bytes; this turns them into traces. It picks the
/// reader for each file from its content, reads a folder's calendars through one
/// `CalendarReader` (a series and its changed occurrences may sit in different files), and gives
/// Maildir files their names (a message without a date is dated by its delivery time).
public struct ConversationReading: Sendable {
    /// One file to read: the name warnings give it, and its bytes.
    public struct File: Sendable {
        public var name: String
        public var bytes: [UInt8]

        public init(name: String, bytes: [UInt8]) {
            self.name = name
            self.bytes = bytes
        }
    }

    /// The kinds of file found, in the order first read.
    public var formats: [CaptureFormat] = []
    public var traces: [Trace] = []
    /// "line 12: message has no Date field; skipped", prefixed with the file's name when the
    /// source is a folder.
    public var warnings: [String] = []
    /// Files of a folder that are none of the kinds Kith reads (a Maildir's `dovecot.index`, a
    /// README): named, not read.
    public var unreadable: [String] = []

    public init() {}

    /// Reads `files` (one, or a folder's in order). With `format`, every file is read as that
    /// kind; else each as its content shows.
    /// - Throws: `CaptureError.unknownFormat` when no file is of a kind Kith reads.
    public static func read(_ files: [File], format: CaptureFormat? = nil, options: CaptureOptions,
                            inFolder: Bool, progress: ((Double) -> Void)? = nil) throws -> ConversationReading {
        var reading = ConversationReading()
        let localTime = options.localTime
        var calendar = CalendarReader(options: .init(today: options.today, owner: options.owner,
                                                     localOffset: { localTime.offset(Int64($0)) }))
        var readCalendar = false
        let totalBytes = max(1, files.reduce(0) { $0 + $1.bytes.count })
        var doneBytes = 0
        func note(_ kind: CaptureFormat) {
            if !reading.formats.contains(kind) { reading.formats.append(kind) }
        }
        func warn(_ file: File, _ warnings: [CaptureWarning]) {
            reading.warnings += warnings.map { inFolder ? "\(file.name): \($0)" : $0.description }
        }
        for file in files {
            defer {
                doneBytes += file.bytes.count
                progress?(Double(doneBytes) / Double(totalBytes))
            }
            guard let kind = format ?? CaptureFormat.detect(file.bytes) else {
                reading.unreadable.append(file.name)
                continue
            }
            note(kind)
            switch kind {
            case .calendar:
                readCalendar = true
                warn(file, calendar.read(file.bytes, source: file.name))
            case .message:
                let result = MailReader.message(file.bytes, fileName: file.name.split(separator: "/").last.map(String.init),
                                                options: options)
                reading.traces += result.traces
                warn(file, result.warnings)
            default:
                let base = doneBytes
                let result = try Capture.read(file.bytes, format: kind, options: options) { fraction in
                    progress?((Double(base) + fraction * Double(file.bytes.count)) / Double(totalBytes))
                }
                reading.traces += result.traces
                warn(file, result.warnings)
            }
        }
        if readCalendar { reading.traces += calendar.finish().traces }
        if reading.formats.isEmpty { throw CaptureError.unknownFormat }
        return reading
    }
}
