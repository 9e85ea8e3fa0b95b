import FoundationEssentials
import KithTime

/// Reads mail into traces: an mbox file, the messages of a Maildir folder (one call per file), or
/// one RFC 5322 message (from a mail client's pipe command).
///
/// Only the header block of each message is read, and of it only the fields in `MailHeaders`; the
/// body is skipped without being decoded, and no text of it is kept. A message becomes a trace
/// with channel `email`, its sender, recipients, subject and day; mail that is not a conversation
/// (`MailRules`) is still returned, with `notConversation` saying why.
///
/// A message is skipped, with a warning at its line, when its headers are broken (a line that is
/// neither a field nor a folded continuation), cut short (the input or the next mbox `From ` line
/// comes before the blank line that ends them), or lack a sender address or a readable date.
public enum MailReader {
    /// The messages of an mbox file (mboxo, mboxrd, and the mboxcl variants read alike: every
    /// message starts on a `From ` line carrying a date, which tells it from a body line).
    /// `progress` hears the fraction read, from 0 to 1, every thousand messages or so.
    public static func mbox(_ data: some ContiguousBytes, options: CaptureOptions = CaptureOptions(),
                            progress: ((Double) -> Void)? = nil) -> CaptureResult {
        data.withUnsafeBytes { raw in
            mbox(ByteScan(raw.bindMemory(to: UInt8.self)), options: options, progress: progress)
        }
    }

    /// One message, as a Maildir file or a mail client's pipe command gives it. An mbox `From `
    /// line at its top is passed over. `fileName` is the Maildir file's name, whose leading number
    /// is the delivery time: the day when the message has no readable `Date`.
    public static func message(_ data: some ContiguousBytes, fileName: String? = nil,
                               options: CaptureOptions = CaptureOptions()) -> CaptureResult {
        data.withUnsafeBytes { raw in
            let s = ByteScan(raw.bindMemory(to: UInt8.self))
            var result = CaptureResult(format: .message)
            var start = 0
            if s.has("\u{FEFF}", at: 0) { start = 3 }
            var fallback: MailDate.Stamp?
            if s.has("From ", at: start) { fallback = MboxSeparator.date(s, start, s.lineEnd(from: start)) }
            if fallback == nil, let fileName { fallback = maildirStamp(fileName) }
            switch MailHeaders.scan(s, from: start, line: 1, inMbox: false) {
            case .complete(let headers, _, _):
                if let trace = trace(headers, line: 1, fallback: fallback, options: options, result: &result) {
                    result.traces.append(trace)
                }
            case .broken(let line, let text):
                result.warn(line, "a line in the headers is not a header field (\"\(text)\"); message skipped")
            case .cutShort:
                result.warn(1, "message is cut short: its headers do not end in a blank line; skipped")
            case .separator:
                preconditionFailure("a message on its own has no separators")
            }
            return result
        }
    }

    static func mbox(_ s: ByteScan, options: CaptureOptions, progress: ((Double) -> Void)?) -> CaptureResult {
        var result = CaptureResult(format: .mbox)
        result.traces.reserveCapacity(s.count / 8192)
        var pos = s.has("\u{FEFF}", at: 0) ? 3 : 0
        var line = 1
        // Text before the first separator is reported once, at its first line, and passed over.
        guard let first = nextSeparator(s, from: pos) else {
            if let text = firstNonBlank(s, pos, s.count) {
                result.warn(line + s.lineFeeds(from: pos, to: text), "no \"From \" line starts a message; nothing read")
            }
            return result
        }
        if let text = firstNonBlank(s, pos, first.at) {
            result.warn(line + s.lineFeeds(from: pos, to: text), "text before the first \"From \" line; ignored")
        }
        line += first.lineFeeds
        pos = first.at
        var messages = 0
        while pos < s.count {
            if messages % 1024 == 0 { progress?(Double(pos) / Double(s.count)) }
            messages += 1
            let start = line
            let separatorEnd = s.lineEnd(from: pos)
            let fallback = MboxSeparator.date(s, pos, separatorEnd)
            let headerStart = min(separatorEnd + 1, s.count)
            var resume: (at: Int, line: Int)
            switch MailHeaders.scan(s, from: headerStart, line: line + 1, inMbox: true) {
            case .complete(let headers, let bodyStart, let bodyLine):
                if let trace = trace(headers, line: start, fallback: fallback, options: options, result: &result) {
                    result.traces.append(trace)
                }
                resume = (bodyStart, bodyLine)
            case .broken(let badLine, let text):
                result.warn(badLine, "a line in the headers is not a header field (\"\(text)\"); message skipped")
                resume = (headerStart, line + 1)
            case .cutShort:
                result.warn(start, "message is cut short: the file ends before its headers do; skipped")
                resume = (s.count, line)
            case .separator(let at, let nextLine):
                result.warn(start, "message is cut short: a new message starts at line \(nextLine) before its headers end; skipped")
                pos = at
                line = nextLine
                continue
            }
            guard let next = nextSeparator(s, from: resume.at) else { break }
            line = resume.line + next.lineFeeds
            pos = next.at
        }
        progress?(1)
        return result
    }

    /// The start of the next separator line at or after the line starting at `start`, and how many
    /// line feeds come before it. This is where a gigabyte of bodies goes by: only lines starting
    /// with "F" are looked at.
    static func nextSeparator(_ s: ByteScan, from start: Int) -> (at: Int, lineFeeds: Int)? {
        var i = start
        var lineFeeds = 0
        var lineStart = true
        while true {
            let (at, n) = s.nextLine(startingWith: 0x46, from: i, startIsLineStart: lineStart)
            lineFeeds += n
            guard at < s.count else { return nil }
            if s.has("From ", at: at), MboxSeparator.date(s, at, s.lineEnd(from: at)) != nil { return (at, lineFeeds) }
            i = at + 1
            lineStart = false
        }
    }

    /// The index of the first byte in `start..<end` that is not white space.
    private static func firstNonBlank(_ s: ByteScan, _ start: Int, _ end: Int) -> Int? {
        (start..<end).first { !(s[$0] == 0x20 || s[$0] == 0x09 || s[$0] == 0x0D || s[$0] == 0x0A) }
    }

    /// A Maildir file name's delivery time: its leading seconds since 1970 (`1709647509.M1P2.host:2,S`).
    static func maildirStamp(_ name: String) -> MailDate.Stamp? {
        let digits = name.utf8.prefix(while: \.isASCIIDigit)
        guard (9...11).contains(digits.count), let seconds = Int(String(decoding: digits, as: UTF8.self)) else { return nil }
        let day = seconds / 86_400
        return MailDate.Stamp(date: CalendarDate(daysSinceEpoch: day), seconds: seconds - day * 86_400, zone: 0)
    }

    /// The trace of a message whose headers were read, or nil (with a warning) when it has no sender
    /// address or no date.
    static func trace(_ headers: MailHeaders, line: Int, fallback: MailDate.Stamp?, options: CaptureOptions,
                      result: inout CaptureResult) -> Trace? {
        guard let fromField = headers.from, let from = AddressList.parse(fromField).first else {
            result.warn(line, headers.from == nil ? "message has no From field; skipped"
                              : "message's From field has no address (\"\(Charset.guess(headers.from!.prefix(60)))\"); skipped")
            return nil
        }
        guard let stamp = headers.date.flatMap(MailDate.parse) ?? fallback else {
            result.warn(line, headers.date == nil ? "message has no Date field; skipped"
                              : "message's date \"\(EncodedWords.collapse(Charset.guess(headers.date!.prefix(60))))\" is not a date Kith can read; skipped")
            return nil
        }
        let local = stamp.local(in: options.localTime)
        let subject = headers.subject.map(EncodedWords.decode).flatMap { $0.isEmpty ? nil : $0 }
        return Trace(date: local.date, time: local.seconds, channel: .email, source: .mail, key: key(headers),
                     from: from,
                     to: headers.to.map(AddressList.parse) ?? [],
                     cc: headers.cc.map(AddressList.parse) ?? [],
                     bcc: headers.bcc.map(AddressList.parse) ?? [],
                     subject: subject,
                     notConversation: MailRules.reason(headers, subject: subject, from: from),
                     line: line)
    }

    /// `mail:` and the Message-ID without angle brackets and white space; without one, `mail:#` and
    /// a hash of the From, To, Cc, Date and Subject fields as written.
    static func key(_ headers: MailHeaders) -> String {
        if let id = headers.messageID {
            var bytes = id.filter { !($0.isBlank || $0 == 0x0D || $0 == 0x0A) }
            if let open = bytes.firstIndex(of: 0x3C) {
                let close = bytes[open...].firstIndex(of: 0x3E) ?? bytes.endIndex
                bytes = Array(bytes[(open + 1)..<close])
            }
            if !bytes.isEmpty { return "mail:" + Charset.guess(bytes) }
        }
        var hash = StableHash()
        for field in [headers.from, headers.to, headers.cc, headers.date, headers.subject] {
            hash.add(field ?? [])
            hash.add(0)
        }
        return "mail:#" + hash.hex
    }
}
