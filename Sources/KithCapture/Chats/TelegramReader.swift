import KithTime

/// Reads Telegram Desktop's JSON export ("Export Telegram data" → `result.json`): of all chats
/// (`{"personal_information": …, "chats": {"list": [chat, …]}}`) or of one (the chat object at the
/// root).
///
/// Only personal chats (`"type": "personal_chat"`) are read: a group's messages are not
/// conversations with each member, and saved messages, bots and channels are none. In a personal
/// chat the chat's `id` is the other person's user id, so a message whose `from_id` is
/// `user<id>` is incoming and any other outgoing; the counterpart is named by the chat's `name`.
///
/// | message | trace |
/// | --- | --- |
/// | `"type": "message"` | channel message, from `from`/`from_id` |
/// | `"type": "service"`, `"action": "phone_call"` | channel call, from `actor`/`actor_id`, `duration_seconds`; a `discard_reason` of `missed` or `busy`, or no duration, is a missed call |
/// | any other service message | none |
///
/// The day is that of `date_unixtime` in the user's zone, else the `date` as written (the
/// exporting computer's local time). The key is the chat id and the message id, which Telegram
/// never reuses within a chat, so a later export of the same chat gives the same keys. Text is
/// never kept.
///
/// A message without an id or a readable date is reported and skipped. JSON that is not well
/// formed (a file cut short) ends the reading with a warning at its line; the messages read before
/// it are kept, each whole.
enum TelegramReader {
    private struct Message {
        var line: Int
        var id: String?
        var type: String?
        var date: String?
        var unixtime: String?
        var from: String?
        var fromID: String?
        var actor: String?
        var actorID: String?
        var action: String?
        var duration: Int?
        var discardReason: String?
        var hash = StableHash()
    }

    private struct Chat {
        var line: Int
        var name: String?
        var type: String?
        var id: String?
        var messages: [Message] = []
    }

    static func read(_ raw: UnsafeRawBufferPointer, options: CaptureOptions) -> CaptureResult {
        var result = CaptureResult(format: .telegram)
        var reader = JSONReader(raw.bindMemory(to: UInt8.self))
        var current: Chat?
        var chats = 0
        do {
            guard try reader.peek() == .object else { throw reader.fail("the file is not a JSON object") }
            // The root is either the whole export or one chat.
            var root = Chat(line: reader.line)
            try reader.object { reader, key in
                switch key {
                case "chats":
                    try reader.object { reader, key in
                        guard key == "list" else { return try reader.skip() }
                        try reader.array { reader in
                            current = Chat(line: reader.line)
                            try readChat(&reader, into: &current!)
                            chats += 1
                            emit(current!, options: options, result: &result)
                            current = nil
                        }
                    }
                case "name", "type", "id", "messages":
                    current = root
                    try readChatField(&reader, key: key, into: &current!)
                    root = current!
                    current = nil
                default:
                    try reader.skip()
                }
            }
            if root.messages.count > 0 || root.type != nil {
                chats += 1
                emit(root, options: options, result: &result)
            }
            if !reader.atEnd() { result.warn(reader.line, "text after the end of the JSON; ignored") }
            if chats == 0 { result.warn(1, "no chats in this Telegram export; nothing read") }
        } catch let failure as JSONReader.Failure {
            result.warn(failure.line, "\(failure.reason); the rest of the file is not read")
            if let current { emit(current, options: options, result: &result) }
        } catch {
            result.warn(reader.line, "\(error); the rest of the file is not read")
        }
        result.warnings.sort { ($0.line, $0.message) < ($1.line, $1.message) }
        return result
    }

    private static func readChat(_ reader: inout JSONReader, into chat: inout Chat) throws {
        try reader.object { reader, key in try readChatField(&reader, key: key, into: &chat) }
    }

    private static func readChatField(_ reader: inout JSONReader, key: String, into chat: inout Chat) throws {
        switch key {
        case "name": chat.name = try reader.scalarText()
        case "type": chat.type = try reader.scalarText()
        case "id": chat.id = try reader.scalarText()
        case "messages":
            try reader.array { reader in
                var message = Message(line: reader.line)
                try reader.object { reader, key in
                    switch key {
                    case "id": message.id = try reader.scalarText()
                    case "type": message.type = try reader.scalarText()
                    case "date": message.date = try reader.scalarText()
                    case "date_unixtime": message.unixtime = try reader.scalarText()
                    case "from": message.from = try reader.scalarText()
                    case "from_id": message.fromID = try reader.scalarText()
                    case "actor": message.actor = try reader.scalarText()
                    case "actor_id": message.actorID = try reader.scalarText()
                    case "action": message.action = try reader.scalarText()
                    case "duration_seconds": message.duration = try reader.scalarText().flatMap { Int($0) }
                    case "discard_reason": message.discardReason = try reader.scalarText()
                    case "text": try reader.hashText(into: &message.hash)
                    default: try reader.skip()
                    }
                }
                chat.messages.append(message)
            }
        default:
            try reader.skip()
        }
    }

    /// The traces of a chat's messages, once the chat's type and id are known.
    private static func emit(_ chat: Chat, options: CaptureOptions, result: inout CaptureResult) {
        guard chat.type == "personal_chat" else { return }
        guard let chatID = chat.id else {
            if !chat.messages.isEmpty { result.warn(chat.line, "a personal chat has no id; its messages are skipped") }
            return
        }
        let counterpartID = "user" + chatID
        let counterpart = Participant(name: chat.name, account: counterpartID)
        for message in chat.messages {
            let isCall = message.type == "service" && message.action == "phone_call"
            guard message.type == "message" || isCall else { continue }
            guard let id = message.id else {
                result.warn(message.line, "a message has no id; skipped")
                continue
            }
            guard let (date, seconds) = when(message, options) else {
                result.warn(message.line, "message \(id) has no readable date; skipped")
                continue
            }
            // Older exports wrote the id as a bare number.
            let senderID = (isCall ? message.actorID : message.fromID).map { $0.allSatisfy(\.isNumber) ? "user" + $0 : $0 }
            let senderName = isCall ? message.actor : message.from
            let incoming = senderID == counterpartID
            let sender = incoming ? counterpart : Participant(name: senderName, account: senderID)
            let missed = isCall && (message.discardReason == "missed" || message.discardReason == "busy" || (message.duration ?? 0) == 0)
            result.traces.append(Trace(
                date: date, time: seconds, channel: isCall ? .call : .message, source: .telegram,
                key: "telegram:\(chatID)/\(id)",
                from: senderID == nil && senderName == nil ? nil : sender, to: incoming ? [] : [counterpart],
                direction: incoming ? .incoming : .outgoing,
                notConversation: missed ? .missedCall : nil, line: message.line,
                duration: isCall ? message.duration : nil))
        }
    }

    /// The local day and time of a message: `date_unixtime` in the user's zone, else `date` as
    /// written (`2024-03-12T14:05:09`).
    private static func when(_ message: Message, _ options: CaptureOptions) -> (CalendarDate, Int)? {
        if let text = message.unixtime, let seconds = Int64(text) {
            let local = options.localTime.local(seconds)
            return (local.date, local.seconds)
        }
        guard let text = message.date, text.utf8.count >= 19 else { return nil }
        let parts = text.split(separator: "T")
        guard parts.count == 2, let date = CalendarDate(iso: parts[0]) else { return nil }
        let clock = parts[1].prefix(8).split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3, (0...23).contains(clock[0]), (0...59).contains(clock[1]), (0...59).contains(clock[2]) else { return nil }
        return (date, clock[0] * 3600 + clock[1] * 60 + clock[2])
    }
}
