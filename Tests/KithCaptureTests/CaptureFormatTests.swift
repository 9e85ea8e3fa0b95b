import Foundation
import Testing
@testable import KithCapture
import KithExchange

@Suite struct CaptureFormatTests {
    /// Every fixture and what its content says it is (nil: nothing; it is read with a forced format).
    static let expected: [String: CaptureFormat?] = [
        "mail/inbox.mbox": .mbox,
        "mail/broken.mbox": nil,
        "mail/pipe.eml": .mbox,
        "mail/bad-date.eml": .message,
        "mail/maildir/cur/1772531709.M1P2Q3.kith,S=300": .message,
        "mail/maildir/new/1772618109.M5P6.kith": .message,
        "chats/whatsapp-android.txt": .whatsapp,
        "chats/whatsapp-android-group.txt": .whatsapp,
        "chats/whatsapp-ios.txt": .whatsapp,
        "chats/whatsapp-german.txt": .whatsapp,
        "chats/whatsapp-swedish.txt": .whatsapp,
        "chats/whatsapp-ambiguous.txt": .whatsapp,
        "chats/whatsapp-chronology.txt": .whatsapp,
        "chats/whatsapp-bad-stamps.txt": .whatsapp,
        "chats/not-a-chat.txt": nil,
        "chats/sms.xml": .sms,
        "chats/calls.xml": .sms,
        "chats/sms-truncated.xml": .sms,
        "chats/sms-malformed.xml": .sms,
        "chats/telegram-result.json": .telegram,
        "chats/telegram-chat.json": .telegram,
        "chats/telegram-truncated.json": .telegram,
        "google.ics": .calendar,
        "outlook.ics": .calendar,
        "apple.ics": .calendar,
        "broken.ics": .calendar,
        "vdirsyncer/5d1e8a0c-coffee.ics": .calendar,
        "vdirsyncer/shared-5d1e8a0c-coffee.ics": .calendar,
        "vdirsyncer/b0f3c1e2-book-club.ics": .calendar,
        "vdirsyncer/e9a7-occurrence-invite.ics": .calendar,
    ]

    @Test func everyFixtureIsDetectedFromItsContent() throws {
        let files = try Fixture.all()
        #expect(Set(files) == Set(Self.expected.keys), "a fixture was added or removed: list it above")
        for file in files {
            #expect(CaptureFormat.detect(try Fixture.data(file)) == Self.expected[file] ?? nil, "\(file)")
        }
    }

    /// The import asks KithExchange's detector and this one: neither may claim the other's files.
    @Test func contactsAndCapturesAreNeverConfused() throws {
        for file in try Fixture.all() {
            let text = String(decoding: try Fixture.data(file), as: UTF8.self)
            #expect(ImportFormat.detect(text) == nil, "\(file)")
        }
        let contacts = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../KithExchangeTests/Fixtures").standardized
        let names = try FileManager.default.contentsOfDirectory(atPath: contacts.path)
        #expect(names.count >= 10)
        for name in names {
            #expect(CaptureFormat.detect(try Data(contentsOf: contacts.appendingPathComponent(name))) == nil, "\(name)")
        }
    }

    @Test(arguments: [
        "", "\n\n  \n", "hello\n", "Subject: hi\nX-Thing: 1\n\nbody\n",
        "BEGIN:VCARD\nFN:Ann\nEND:VCARD\n", "First Name,Last Name\nAnn,Lee\n", "From time to time\n",
        "From sam@lee.dev yesterday\n", "Date: Tue, 3 Mar 2026 10:00:00 +0000\nthis is not a header\n",
    ])
    func unknownContent(_ text: String) {
        #expect(CaptureFormat.detect(Array(text.utf8)) == nil)
        #expect(throws: CaptureError.unknownFormat) { try Capture.read(Data(text.utf8)) }
    }

    @Test(arguments: [
        ("\u{FEFF}From sam@lee.dev Tue Mar  3 09:15:02 2026\nFrom: s@l.d\n\n", CaptureFormat.mbox),
        ("\n\nFrom MAILER-DAEMON Sun Aug  7 11:40:37 2022 extra info\n", .mbox),
        ("From sam@lee.dev Tue Mar  3 09:15:02 2026\r\n", .mbox),
        ("Return-Path: <a@b.c>\nX-Folded: one\n two\nSubject: x\n\nbody", .message),
        ("From: Sam <sam@lee.dev>\r\nTo: a@b.c\r\n\r\n", .message),
        (">From sam@lee.dev Tue Mar  3 2026\nFrom: Sam <sam@lee.dev>\n\n", .message),
    ])
    func knownContent(_ c: (String, CaptureFormat)) {
        #expect(CaptureFormat.detect(Array(c.0.utf8)) == c.1)
    }
}
