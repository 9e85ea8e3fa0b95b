/// The header fields of one message that capture reads, unfolded, as raw bytes; every other field
/// is passed over without being looked at beyond its name. The body is never read.
struct MailHeaders {
    var from: [UInt8]?
    var to: [UInt8]?
    var cc: [UInt8]?
    var bcc: [UInt8]?
    var date: [UInt8]?
    var subject: [UInt8]?
    var messageID: [UInt8]?
    var listID: [UInt8]?
    var listUnsubscribe: [UInt8]?
    var precedence: [UInt8]?
    var autoSubmitted: [UInt8]?
    /// `X-Autoreply` or `X-Autorespond` is present.
    var hasAutoreplyField = false

    enum Field {
        case from, to, cc, bcc, date, subject, messageID, listID, listUnsubscribe, precedence, autoSubmitted, autoreply
    }

    /// The field a header name is, compared case-insensitively; nil for every field capture skips.
    static func field(_ s: ByteScan, _ start: Int, _ end: Int) -> Field? {
        @inline(__always) func named(_ name: StaticString) -> Bool {
            let p = name.utf8Start
            for k in 0..<(end - start) where s[start + k].asciiLowercased != p[k] { return false }
            return true
        }
        switch end - start {
        case 2:
            if named("to") { return .to }
            if named("cc") { return .cc }
        case 3: if named("bcc") { return .bcc }
        case 4:
            if named("from") { return .from }
            if named("date") { return .date }
        case 7:
            if named("subject") { return .subject }
            if named("list-id") { return .listID }
        case 10:
            if named("message-id") { return .messageID }
            if named("precedence") { return .precedence }
        case 11: if named("x-autoreply") { return .autoreply }
        case 13: if named("x-autorespond") { return .autoreply }
        case 14: if named("auto-submitted") { return .autoSubmitted }
        case 16: if named("list-unsubscribe") { return .listUnsubscribe }
        default: break
        }
        return nil
    }

    /// Adds the bytes of one line of `field` (the first line's value, or a continuation line).
    /// Address fields given twice are joined as one list; for the others the first one counts.
    mutating func add(_ field: Field, _ bytes: UnsafeBufferPointer<UInt8>, continuation: Bool) {
        func append(_ value: inout [UInt8]?, list: Bool = false) {
            if continuation || value == nil || list {
                if list, !continuation, value != nil { value!.append(0x2C) }
                value = (value ?? []) + bytes
            }
        }
        switch field {
        case .from: append(&from)
        case .to: append(&to, list: true)
        case .cc: append(&cc, list: true)
        case .bcc: append(&bcc, list: true)
        case .date: append(&date)
        case .subject: append(&subject)
        case .messageID: append(&messageID)
        case .listID: append(&listID)
        case .listUnsubscribe: append(&listUnsubscribe)
        case .precedence: append(&precedence)
        case .autoSubmitted: append(&autoSubmitted)
        case .autoreply: hasAutoreplyField = true
        }
    }

    /// How reading a header block ended.
    enum Scan {
        /// The blank line after the headers was found; the body starts at `bodyStart`, on `bodyLine`.
        case complete(MailHeaders, bodyStart: Int, bodyLine: Int)
        /// A line in the headers is neither a field nor the continuation of one.
        case broken(line: Int, text: String)
        /// The input ends inside the headers.
        case cutShort
        /// An mbox `From ` line came before the headers ended.
        case separator(at: Int, line: Int)
    }

    /// Reads the header block starting at `start` (on line `line`). It must end in a blank line:
    /// RFC 5322 lets a message without a body end after its last field, but mail clients and
    /// delivery agents always write the blank line, and without it a file cut between two fields
    /// would pass for a whole message with fewer recipients.
    /// - Parameters:
    ///   - inMbox: an mbox `From ` line ends the block (the message was cut short); a message on
    ///     its own may instead start with one (an envelope line some delivery agents keep), which is
    ///     passed over.
    static func scan(_ s: ByteScan, from start: Int, line firstLine: Int, inMbox: Bool) -> Scan {
        var headers = MailHeaders()
        var current: Field?
        var inField = false
        var pos = start
        var line = firstLine
        while pos < s.count {
            let lineEnd = s.lineEnd(from: pos)
            let contentEnd = s.trimmingCR(pos, lineEnd)
            if contentEnd == pos {
                return .complete(headers, bodyStart: min(lineEnd + 1, s.count), bodyLine: line + 1)
            }
            if lineEnd == s.count { return .cutShort }  // a last line with no line break
            let first = s[pos]
            if first.isBlank {
                guard inField else {
                    return .broken(line: line, text: Self.excerpt(s, pos, contentEnd))
                }
                if let current {
                    headers.add(current, UnsafeBufferPointer(rebasing: s.bytes[pos..<contentEnd]), continuation: true)
                }
            } else if let colon = Self.colon(s, pos, contentEnd) {
                var nameEnd = colon
                while nameEnd > pos, s[nameEnd - 1].isBlank { nameEnd -= 1 }
                current = Self.field(s, pos, nameEnd)
                inField = true
                if let current {
                    headers.add(current, UnsafeBufferPointer(rebasing: s.bytes[(colon + 1)..<contentEnd]), continuation: false)
                }
            } else if s.has("From ", at: pos), inMbox, MboxSeparator.date(s, pos, contentEnd) != nil {
                return .separator(at: pos, line: line)
            } else if !inMbox, line == firstLine, s.has("From ", at: pos) || s.has(">From ", at: pos) {
                // An envelope line at the top of a delivered message.
            } else {
                return .broken(line: line, text: Self.excerpt(s, pos, contentEnd))
            }
            pos = lineEnd + 1
            line += 1
        }
        return .cutShort
    }

    /// The colon ending a field name at the start of a line: printable ASCII other than the colon
    /// before it, then white space at most (obsolete syntax).
    private static func colon(_ s: ByteScan, _ start: Int, _ end: Int) -> Int? {
        var i = start
        while i < end {
            let byte = s[i]
            if byte == 0x3A { return i > start ? i : nil }
            if byte.isBlank {
                var j = i
                while j < end, s[j].isBlank { j += 1 }
                return j < end && s[j] == 0x3A && i > start ? j : nil
            }
            guard byte > 0x20, byte < 0x7F else { return nil }
            i += 1
        }
        return nil
    }

    /// The start of a line for a warning, at most 40 bytes, as text.
    static func excerpt(_ s: ByteScan, _ start: Int, _ end: Int) -> String {
        var cut = min(end, start + 40)
        while cut > start, cut < end, s[cut] & 0xC0 == 0x80 { cut -= 1 }
        return Charset.guess(UnsafeBufferPointer(rebasing: s.bytes[start..<cut]))
    }
}

/// The `From ` lines that start each message of an mbox file.
enum MboxSeparator {
    /// The date on the `From ` line at `start..<end` (`From sam@lee.dev Tue Mar  5 14:05:09 2024`,
    /// anything after the year ignored), or nil when the line has none and so is not a separator
    /// but a body line an unescaping (mboxo) writer left alone, such as "From time to time".
    static func date(_ s: ByteScan, _ start: Int, _ end: Int) -> MailDate.Stamp? {
        var i = start + 5
        let end = s.trimmingCR(start, end)
        // The sender: one word, or a quoted local part with its domain; may be empty.
        if i < end, s[i] == 0x22 {
            i += 1
            while i < end, s[i] != 0x22 { i += 1 }
        }
        while i < end, !s[i].isBlank { i += 1 }
        guard i < end, end - i < 200 else { return nil }
        return MailDate.parse(UnsafeBufferPointer(rebasing: s.bytes[i..<end]))
    }
}
