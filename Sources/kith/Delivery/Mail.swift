/// A plain-text mail, as `kith today --mail` hands it to `sendmail -t` (RFC 5322 headers, MIME
/// text/plain in UTF-8, quoted-printable so it passes any mail server unchanged).
struct MailMessage {
    var from: String
    var to: String
    var subject: String
    /// The Date header's value (`MailMessage.date(...)`).
    var date: String
    /// Without the angle brackets: `kith.20260310.4242.9f3a…@host`.
    var messageID: String
    var body: String

    /// The message's bytes, lines ending in LF as `sendmail` expects on its input.
    var bytes: [UInt8] {
        var text = ""
        for (name, value) in [("From", from), ("To", to), ("Subject", subject), ("Date", date),
                              ("Message-ID", "<\(messageID)>"), ("MIME-Version", "1.0"),
                              ("Content-Type", "text/plain; charset=utf-8"),
                              ("Content-Transfer-Encoding", "quoted-printable"),
                              ("Auto-Submitted", "auto-generated")] {
            text += "\(name): \(value)\n"
        }
        return Array(text.utf8) + [UInt8(ascii: "\n")] + Self.quotedPrintable(body.hasSuffix("\n") ? body : body + "\n")
    }

    /// Whether `address` can stand in a header as one address: printable ASCII, something on
    /// both sides of one `@`, and nothing that would start a second address or a new header
    /// (spaces, line breaks, `,;<>()"`).
    static func isPlainAddress(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
            && address.unicodeScalars.allSatisfy { (0x21..<0x7F).contains($0.value) && !",;<>()\"\\[]:".unicodeScalars.contains($0) }
    }

    /// The RFC 5322 date: `Tue, 10 Mar 2026 08:00:00 +0100`, from local clock fields and the
    /// zone's offset east of UTC in seconds.
    static func date(year: Int, month: Int, day: Int, weekday: Int, hour: Int, minute: Int, second: Int,
                     utcOffset: Int) -> String {
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]  // weekday: 0 is Sunday, as in struct tm
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let offset = abs(utcOffset) / 60
        return "\(days[weekday]), \(day) \(months[month - 1]) \(year) \(two(hour)):\(two(minute)):\(two(second)) "
            + (utcOffset < 0 ? "-" : "+") + two(offset / 60) + two(offset % 60)
    }

    /// Quoted-printable (RFC 2045 §6.7): printable ASCII as it is, other bytes and `=` as `=XX`,
    /// a space or tab before a line break encoded, lines cut at 76 characters with a soft break.
    static func quotedPrintable(_ text: String) -> [UInt8] {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            var length = 0
            for (index, byte) in zip(line.indices, line) {
                let last = index == line.index(before: line.endIndex)
                let plain = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || ((byte == 32 || byte == 9) && !last)
                let encoded: [UInt8] = plain ? [byte] : [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
                // Leave room for the soft break's "=" unless this is the line's last piece.
                if length + encoded.count > (last ? 76 : 75) {
                    out += [UInt8(ascii: "="), UInt8(ascii: "\n")]
                    length = 0
                }
                out += encoded
                length += encoded.count
            }
            out.append(UInt8(ascii: "\n"))
        }
        out.removeLast()  // the split made one line more than there were line breaks
        return out
    }
}

/// Mail through the machine's `sendmail` (msmtp, Postfix, Exim and the rest all provide one),
/// given the message on stdin with `-t`: it reads the recipients from the To header.
struct SendmailTransport {
    let programs: any Programs

    /// Where a sendmail lives when it is not on PATH (cron's PATH often lacks /usr/sbin).
    static let fallbacks = ["/usr/sbin/sendmail", "/usr/lib/sendmail"]

    func send(_ message: MailMessage) async throws(DeliveryError) {
        guard let path = programs.find("sendmail", fallbacks: Self.fallbacks) else {
            throw DeliveryError("--mail needs a sendmail program, and there is none on PATH or at "
                                + Self.fallbacks.joined(separator: " or ") + ", so no mail was sent "
                                + "(msmtp-mta, postfix or exim4 provide one; on Debian or Ubuntu: apt-get install msmtp-mta)")
        }
        let status: Int32
        do {
            status = try await programs.run(path, ["-t", "-i"], input: message.bytes)
        } catch {
            throw DeliveryError("cannot run \(path): \(error)")
        }
        guard status == 0 else { throw DeliveryError("\(path) failed (exit \(status)); the mail to \(message.to) was not sent") }
    }
}
