/// Which mail is not a conversation with the people on it, told from the headers alone.
///
/// In this order (the first that applies is the reason given):
/// 1. `List-Id` or `List-Unsubscribe` present: a mailing list or a newsletter (`mailingList`);
/// 2. `Precedence: bulk`, `junk` or `list` (`bulk`);
/// 3. `Auto-Submitted` present and not `no` (`automatic`, RFC 3834);
/// 4. `X-Autoreply` or `X-Autorespond` present, or a subject starting with an automatic-reply
///    prefix (`autoReply`);
/// 5. a sender whose address nobody reads (`noReplySender`, `isNoReply`).
public enum MailRules {
    /// Local parts (before the `@`) of addresses nobody reads. A local part matches when it is one
    /// of these, or starts with one followed by `-`, `_`, `+` or `.` (`noreply-billing`,
    /// `bounces+1234`); separators inside are ignored (`no.reply`, `do_not_reply`).
    public static let noReplyLocalParts: Set<String> = [
        "noreply", "donotreply", "dontreply", "noresponse", "noanswer", "mailerdaemon", "postmaster",
        "bounce", "bounces", "notification", "notifications", "notify", "alerts", "alert",
        "newsletter", "newsletters", "automailer", "autoreply", "autoresponder", "daemon",
    ]

    /// Subject prefixes of automatic replies, lowercase (Outlook's in several languages, and
    /// common autoresponders').
    public static let autoReplySubjects: [String] = [
        "automatic reply:", "auto-reply:", "autoreply:", "auto reply:", "out of office autoreply:",
        "out of office:", "automatische antwort:", "réponse automatique :", "réponse automatique:",
        "respuesta automática:", "risposta automatica:", "automatisch antwoord:", "autosvar:",
    ]

    /// Whether mail from `email` (normalised) is from an address nobody reads.
    public static func isNoReply(_ email: String) -> Bool {
        guard let at = email.lastIndex(of: "@") else { return false }
        let local = email[..<at]
        if noReplyLocalParts.contains(squeezed(local)) { return true }
        // A prefix followed by a separator: "noreply-billing", "bounces+123", "notifications.github".
        if let separator = local.firstIndex(where: { $0 == "-" || $0 == "+" || $0 == "." || $0 == "_" }) {
            var end = separator
            // "no-reply-billing": take as many separated words as make a listed part.
            while true {
                if noReplyLocalParts.contains(squeezed(local[..<end])) { return true }
                guard end < local.endIndex,
                      let next = local[local.index(after: end)...].firstIndex(where: { $0 == "-" || $0 == "+" || $0 == "." || $0 == "_" })
                else { break }
                end = next
            }
        }
        return false
    }

    /// Lowercase without `-`, `_` and `.`: `Do_Not.Reply` → `donotreply`.
    private static func squeezed(_ text: Substring) -> String {
        String(text.lowercased().filter { $0 != "-" && $0 != "_" && $0 != "." })
    }

    /// The reason `headers` say a message is not a conversation, or nil.
    static func reason(_ headers: MailHeaders, subject: String?, from: Participant?) -> NotConversation? {
        if headers.listID != nil || headers.listUnsubscribe != nil { return .mailingList }
        if let precedence = headers.precedence.map(word) {
            if precedence == "bulk" || precedence == "junk" || precedence == "list" { return .bulk }
            if precedence == "autoreply" || precedence == "auto_reply" { return .autoReply }
        }
        if let auto = headers.autoSubmitted.map(word), !auto.isEmpty, auto != "no" { return .automatic }
        if headers.hasAutoreplyField { return .autoReply }
        if let subject {
            let lower = subject.lowercased()
            if autoReplySubjects.contains(where: { lower.hasPrefix($0) }) { return .autoReply }
        }
        if let email = from?.email, isNoReply(email) { return .noReplySender }
        return nil
    }

    /// The first word of a field, lowercase, comments and parameters dropped (`auto-replied; x`).
    private static func word(_ bytes: [UInt8]) -> String {
        var out = ""
        for byte in bytes {
            if byte == 0x3B || byte == 0x28 { break }
            if byte.isBlank || byte == 0x0D || byte == 0x0A {
                if out.isEmpty { continue } else { break }
            }
            out.unicodeScalars.append(Unicode.Scalar(byte.asciiLowercased))
        }
        return out
    }
}
