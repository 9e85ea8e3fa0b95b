import KithTime
import Testing
@testable import KithCapture

/// RFC 5322 dates and the obsolete forms (§4.3, appendix A.6.3), as UTC instants.
@Suite struct MailDateTests {
    static let cases: [(String, String?)] = [
        ("Tue, 3 Mar 2026 10:15:00 +0100", "2026-03-03 09:15:00"),
        ("4 Mar 26 18:30 EST", "2026-03-04 23:30:00"),
        ("Fri, 21 Nov 97 09:55:06 GMT", "1997-11-21 09:55:06"),
        ("Thu,\r\n      13\r\n        Feb\r\n          1969\r\n      23:32\r\n               -0330 (Newfoundland Time)",
         "1969-02-14 03:02:00"),
        ("21 Nov 97 09:(comment) 55 :  06 -0600", "1997-11-21 15:55:06"),
        ("Mon, 04 Mar 2024 23:59:60 +0000", "2024-03-04 23:59:59"),
        ("Tue, 05-Mar-2024 10:00:00 +0000", "2024-03-05 10:00:00"),
        ("Fri, 05-Mar-1999 10:00:00 +0000", "1999-03-05 10:00:00"),
        ("Fri, 05-Mar-1999 10:00:00 +2400", nil),
        ("Sun, 08 Mar 2026 21:00:00 +0100 (CET)", "2026-03-08 20:00:00"),
        ("Wed, 4 Mar 2026 23:30:00 -0800", "2026-03-05 07:30:00"),
        ("Wed, 4 Mar 2026 10:00:00 A", "2026-03-04 10:00:00"),
        ("Wed, 4 Mar 2026 10:00:00 CEST", "2026-03-04 08:00:00"),
        ("Wed, 4 Mar 2026 10:00:00 UT", "2026-03-04 10:00:00"),
        ("Wed, 4 Mar 2026 10:00:00 PDT", "2026-03-04 17:00:00"),
        ("Wednesday, 4 March 2026 10:00:00 +0100", "2026-03-04 09:00:00"),
        ("4 mar 101 10:00:00 +0000", "2001-03-04 10:00:00"),
        ("Wed, 4 Mar 2026 10:00:00 +0530", "2026-03-04 04:30:00"),
        ("Wed, 4 Mar 2026 10:00:00 GMT+0100", "2026-03-04 09:00:00"),
        ("Thu, 29 Feb 2024 12:00:00 +0000", "2024-02-29 12:00:00"),
        ("", nil),
        ("<HR>", nil),
        ("yesterday", nil),
        ("31 Feb 2026 10:00 +0000", nil),
        ("4 Mar 2026", nil),
        ("4 Mar 2026 25:00 +0000", nil),
        ("4 Mar 2026 10:61 +0000", nil),
        ("4 Mar Apr 2026 10:00 +0000", nil),
        ("2026-03-04T10:00:00Z", nil),
    ]

    @Test(arguments: cases)
    func parses(_ c: (String, String?)) {
        let stamp = MailDate.parse(Array(c.0.utf8))
        guard let expected = c.1 else {
            #expect(stamp == nil)
            return
        }
        let local = stamp.map { LocalTime.utc.local($0.instant(in: .utc)) }
        let text = local.map { "\($0.date.iso) \(String(format: "%02d:%02d:%02d", $0.seconds / 3600, $0.seconds / 60 % 60, $0.seconds % 60))" }
        #expect(text == expected)
    }

    @Test func withoutAZoneTheTimeIsAsWritten() throws {
        let stamp = try #require(MailDate.parse(Array("Tue Mar  5 14:05:09 2024".utf8)))
        #expect(stamp.zone == nil)
        let tokyo = LocalTime.fixed(seconds: 9 * 3600)
        #expect(stamp.local(in: tokyo).date == CalendarDate("2024-03-05"))
        #expect(stamp.local(in: tokyo).seconds == 14 * 3600 + 5 * 60 + 9)
        #expect(stamp.instant(in: tokyo) == 1_709_647_509 - 9 * 3600)
        // Words after the year (an mbox From line's) are not a zone.
        #expect(MailDate.parse(Array("Sun Aug  7 11:40:37 2022 extra info".utf8))?.zone == nil)
    }
}
