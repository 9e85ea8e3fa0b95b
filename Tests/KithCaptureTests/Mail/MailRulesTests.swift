import Foundation
import Testing
@testable import KithCapture

@Suite struct MailRulesTests {
    @Test(arguments: [
        "noreply@github.com", "no-reply@accounts.google.com", "no_reply@x.org", "NoReply@x.org", "do-not-reply@bank.example",
        "donotreply@x.org", "do_not_reply@x.org", "mailer-daemon@mx.example", "MAILER-DAEMON@mx.example", "postmaster@x.org",
        "notifications@github.com", "notification@x.org", "bounces+12345@list.example", "bounce-abc@x.org",
        "noreply-billing@x.org", "no-reply-billing@x.org", "no.reply@x.org", "newsletter@shop.example",
    ])
    func noReplySenders(_ address: String) {
        #expect(MailRules.isNoReply(address.lowercased()))
    }

    @Test(arguments: ["sam@lee.dev", "info@smallshop.example", "noah@patel.example", "nora@reply.example",
                      "replyall@x.org", "support@x.org", "notary@x.org", "bouncer@club.example", "alertson@x.org"])
    func people(_ address: String) {
        #expect(!MailRules.isNoReply(address))
    }

    /// Each rule alone, on an otherwise ordinary message.
    @Test(arguments: [
        ("List-Id: <team.lists.example>", NotConversation.mailingList),
        ("List-Unsubscribe: <https://shop.example/u>", .mailingList),
        ("Precedence: bulk", .bulk),
        ("Precedence: JUNK", .bulk),
        ("Precedence: list (a list)", .bulk),
        ("Auto-Submitted: auto-replied; owner-email=\"sam@lee.dev\"", .automatic),
        ("Auto-Submitted: auto-generated", .automatic),
        ("X-Autoreply: yes", .autoReply),
        ("X-Autorespond: Out of office", .autoReply),
        ("Subject: Automatic reply: lunch", .autoReply),
        ("Subject: Out of Office: lunch", .autoReply),
        ("Reply-To: noreply@x.org", nil),
        ("Auto-Submitted: no", nil),
        ("Auto-Submitted: No (a person wrote this)", nil),
        ("Precedence: first-class", nil),
        ("X-Auto-Response-Suppress: All", nil),
    ] as [(String, NotConversation?)])
    func rules(_ c: (String, NotConversation?)) {
        let message = "From: Sam <sam@lee.dev>\nDate: Tue, 3 Mar 2026 10:00:00 +0000\n\(c.0)\n\nBody.\n"
        let result = MailReader.message(Data(message.utf8))
        #expect(result.traces.count == 1)
        #expect(result.traces.first?.notConversation == c.1)
    }
}
