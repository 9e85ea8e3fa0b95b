import Foundation
import KithTime
import Testing
@testable import KithCapture

@Suite struct MailReaderTests {
    @Test func inboxFixture() throws {
        let result = try Fixture.read("mail/inbox.mbox")
        #expect(result.format == .mbox)
        #expect(result.warnings == [])
        #expect(result.traces.map(\.line) == [1, 24, 36, 48, 58, 69, 78, 86, 98])
        #expect(result.traces.allSatisfy { $0.channel == .email && $0.source == .mail && $0.direction == .unknown && !$0.isFuture })

        let diane = result.traces[0]
        #expect(diane.date == CalendarDate("2026-03-03"))
        #expect(diane.clock == "09:15:00")
        #expect(diane.key == "mail:CAB1234.diane@mail.example.com")
        #expect(diane.from == .mail("Diane Smith", "diane.smith@example.com"))
        #expect(diane.to == [.mail("Me", "me@kith.test")])
        #expect(diane.cc == [.mail("O'Brien, Michael", "michael@globex.example"), .mail("Robert Stone", "bob@stone.example")])
        #expect(diane.subject == "Re: RE: Facebook post")
        #expect(diane.topic == "Facebook post")
        #expect(diane.isInteraction)

        // Encoded words (one UTF-8 character split across two of them), a group, an obsolete date.
        let zoe = result.traces[1]
        #expect(zoe.from == .mail("Zoë Laurent", "zoe@laurent.example"))
        #expect(zoe.to == [.mail("Jürgen Müller", "j.mueller@contoso.example"),
                           .mail("Diane Smith", "diane.smith@example.com"), .mail(nil, "me@kith.test")])
        #expect(zoe.subject == "Café on Friday? ☕")
        #expect(zoe.date == CalendarDate("2026-03-04"))
        #expect(zoe.clock == "23:30:00")  // 18:30 EST

        #expect(result.traces.map(\.notConversation) == [nil, nil, .mailingList, .bulk, .automatic, .noReplySender, nil, nil, nil])
        #expect(result.traces[2].topic == "release plan")
        #expect(result.traces[5].topic == "Capture mail (PR #14)")

        // No Message-ID: a key from a hash of the headers, the same on every read.
        let priya = result.traces[6]
        #expect(priya.key.hasPrefix("mail:#") && priya.key.count == 6 + 16)
        #expect(priya.topic == "slides")
        #expect(priya.date == CalendarDate("2026-03-06") && priya.clock == "02:30:00")

        let sent = result.traces[7]
        #expect(sent.from == .mail("Me", "me@kith.test"))
        #expect(sent.bcc == [.mail(nil, "carol@jones.example")])
        #expect(sent.participants.map(\.email) == ["me@kith.test", "priya@natarajan.example", "carol@jones.example"])

        // No Date field: the From line's date, as written; the name from a comment; empty list members.
        let barry = result.traces[8]
        #expect(barry.date == CalendarDate("2026-03-07") && barry.clock == "10:00:00")
        #expect(barry.from == .mail("Barry A. Warsaw", "barry@python.example"))
        #expect(barry.to == [.mail(nil, "me@kith.test"), .mail(nil, "carol@jones.example")])
        #expect(barry.subject == nil && barry.topic == nil)

        #expect(Set(result.traces.map(\.key)).count == 9)
        #expect(try Fixture.read("mail/inbox.mbox") == result)
    }

    @Test func theDayIsTheUsersDay() throws {
        let data = try Fixture.data("mail/inbox.mbox")
        let paris = CaptureOptions(localTime: .fixed(seconds: 3600))
        let losAngeles = CaptureOptions(localTime: .fixed(seconds: -8 * 3600))
        let zoeInParis = MailReader.mbox(data, options: paris).traces[1]
        #expect(zoeInParis.date == CalendarDate("2026-03-05") && zoeInParis.clock == "00:30:00")
        let zoeInLA = MailReader.mbox(data, options: losAngeles).traces[1]
        #expect(zoeInLA.date == CalendarDate("2026-03-04") && zoeInLA.clock == "15:30:00")
        // A date without a zone is the time as written, wherever the user is.
        #expect(MailReader.mbox(data, options: losAngeles).traces[8].date == CalendarDate("2026-03-07"))
        #expect(MailReader.mbox(data, options: losAngeles).traces[8].clock == "10:00:00")
    }

    @Test func brokenMailboxIsReportedLineByLine() throws {
        // Its first line is not a "From " line, so it must be called an mbox.
        #expect(CaptureFormat.detect(try Fixture.data("mail/broken.mbox")) == nil)
        let result = try Fixture.read("mail/broken.mbox", format: .mbox)
        #expect(result.format == .mbox)
        #expect(result.traces.map(\.from?.name) == ["Ann Lee", "Eve Hart", "Gus Ortiz"])
        #expect(result.traces.map(\.line) == [3, 29, 43])
        #expect(result.warnings.map(\.line) == [1, 15, 21, 39, 52], "\(result.warnings)")
        #expect(result.warnings[1].message.contains("this line is not a header field"))
        #expect(result.warnings[2].message == "message has no From field; skipped")
        #expect(result.warnings[3].message.contains("line 43"))
        #expect(result.warnings[4].message.contains("cut short"))
        // The unreadable Date gives way to the From line's.
        #expect(result.traces[1].date == CalendarDate("2026-03-02") && result.traces[1].clock == "13:00:00")
    }

    @Test func oneMessageFromAPipe() throws {
        let result = try Fixture.read("mail/pipe.eml")
        #expect(result.format == .mbox)  // its envelope line makes it a one-message mbox
        let message = MailReader.message(try Fixture.data("mail/pipe.eml"))
        #expect(message.format == .message)
        for read in [result, message] {
            #expect(read.warnings == [])
            let trace = try #require(read.traces.first)
            #expect(read.traces.count == 1)
            #expect(trace.from == .mail("Élise Åström", "elise@astrom.example"))  // raw ISO 8859-1, CRLF
            #expect(trace.subject == "Élise Åström says hello")
            #expect(trace.key == "mail:m-42@astrom.example")
            #expect(trace.date == CalendarDate("2026-03-08") && trace.clock == "20:00:00")
        }
    }

    @Test func maildirMessages() throws {
        let cur = "mail/maildir/cur/1772531709.M1P2Q3.kith,S=300"
        let named = MailReader.message(try Fixture.data(cur), fileName: "1772531709.M1P2Q3.kith,S=300")
        #expect(named.warnings == [])
        #expect(named.traces.first?.date == CalendarDate("2026-03-03"))
        #expect(named.traces.first?.clock == "09:55:09")
        let unnamed = MailReader.message(try Fixture.data(cur))
        #expect(unnamed.traces == [])
        #expect(unnamed.warnings == [CaptureWarning(line: 1, message: "message has no Date field; skipped")])

        let new = try Fixture.read("mail/maildir/new/1772618109.M5P6.kith")
        #expect(new.format == .message)
        #expect(new.traces.first?.subject == "Price: 100 €")  // ISO 8859-15
        #expect(new.traces.first?.date == CalendarDate("2026-03-04") && new.traces.first?.clock == "14:55:09")
    }

    @Test func aMessageWithAnUnreadableDateIsSkipped() throws {
        let result = try Fixture.read("mail/bad-date.eml")
        #expect(result.traces == [])
        #expect(result.warnings.map(\.line) == [1])
        #expect(result.warnings.first?.message == "message's date \"<HR>\" is not a date Kith can read; skipped")
    }

    @Test func separatorsNeedADate() {
        let mbox = """
            From sam@lee.dev Tue Mar  3 09:15:02 2026
            From: Sam <sam@lee.dev>
            Date: Tue, 3 Mar 2026 09:15:02 +0000

            From here on, the body.
            From sam  Tue Mar  3 10:00:00 2026 +0000
            From time to time.

            From "odd sender"@lee.dev Tue Mar  3 11:00:00 2026 remote from lee
            From: Ann <ann@lee.dev>
            Date: Tue, 3 Mar 2026 11:00:00 +0000

            Body.

            """
        let result = MailReader.mbox(Data(mbox.utf8))
        // "From sam  Tue Mar…" is a separator whose headers are broken; the others are body lines.
        #expect(result.traces.map(\.from?.name) == ["Sam", "Ann"])
        #expect(result.warnings.map(\.line) == [7])
    }

    /// An mbox that went through Windows has CRLF line ends everywhere: the same messages.
    @Test func crlfMailbox() throws {
        let lf = try Fixture.data("mail/inbox.mbox")
        let crlf = Data(String(decoding: lf, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8)
        #expect(MailReader.mbox(crlf) == MailReader.mbox(lf))
    }

    @Test func progressIsReported() throws {
        let data = try Fixture.data("mail/inbox.mbox")
        var fractions: [Double] = []
        _ = try Capture.read(data, progress: { fractions.append($0) })
        #expect(fractions.first == 0 && fractions.last == 1 && fractions == fractions.sorted())
    }

    @Test func emptyAndForeignInput() {
        #expect(MailReader.mbox(Data()).traces == [])
        #expect(MailReader.mbox(Data()).warnings == [])
        let text = MailReader.mbox(Data("just some text\nno From lines\n".utf8))
        #expect(text.traces == [] && text.warnings == [CaptureWarning(line: 1, message: "no \"From \" line starts a message; nothing read")])
        let message = MailReader.message(Data())
        #expect(message.traces == [] && message.warnings.count == 1)
    }
}
