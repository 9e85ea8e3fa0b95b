import Foundation
import KithTime
import Testing
@testable import KithCapture

@Suite struct SMSBackupTests {
    @Test func texts() throws {
        let result = try Fixture.read("chats/sms.xml")
        #expect(result.format == .sms)
        #expect(result.warnings == [CaptureWarning(line: 11, message: "<sms> has no readable date; skipped")])
        #expect(result.traces.map(\.line) == [5, 6, 7, 8, 9, 12])
        #expect(result.traces.allSatisfy { $0.channel == .message && $0.source == .sms })
        let diane = Participant(name: "Diane Smith", phone: "+15550101234")

        let received = result.traces[0]
        #expect(received.date == CalendarDate("2026-03-08") && received.clock == "09:00:00")
        #expect(received.from == diane && received.to == [] && received.direction == .incoming)
        // Entities decoded, the emoji's two UTF-16 halves joined, before hashing.
        #expect(received.key == "sms:1772960400000|+15550101234|1|" + StableHash.hex("Lunch at 12:30? & bring the slides 😀"))

        let sent = result.traces[1]
        #expect(sent.from == nil && sent.direction == .outgoing)
        #expect(sent.to == [Participant(name: "Diane Smith", phone: "5550101234")])  // no default region: as typed

        #expect(result.traces[2].from == Participant(account: "AMAZON"))  // a sender id, "(Unknown)" no name
        #expect(result.traces[3].notConversation == .notSent)  // a draft
        #expect(result.traces[4].key.hasSuffix("|" + StableHash.hex("Multi-line\ntext \"quoted\"")))

        let mms = result.traces[5]
        #expect(mms.key == "sms:mms:1773050000000|mms-1@carrier")
        #expect(mms.from == Participant(phone: "+15550101234"))
        #expect(mms.to == [Participant(phone: "+15550107777"), Participant(phone: "+15550100000")])
        #expect(mms.date == CalendarDate("2026-03-09") && mms.clock == "09:53:20")
        #expect(!"\(result)".contains("slides") && !"\(result)".contains("Group photo"))
    }

    @Test func aDefaultRegionMakesNationalNumbersMeet() throws {
        let result = try Fixture.read("chats/sms.xml", options: CaptureOptions(phoneRegion: PhoneRegion(code: "US")))
        #expect(result.traces[0].from?.phone == "+15550101234")
        #expect(result.traces[1].to.first?.phone == "+15550101234")
    }

    @Test func callLog() throws {
        let result = try Fixture.read("chats/calls.xml")
        #expect(result.format == .sms)
        #expect(result.warnings == [CaptureWarning(line: 9, message: "<call> has no number; skipped")])
        #expect(result.traces.map(\.line) == [4, 5, 6, 7, 8])
        #expect(result.traces.allSatisfy { $0.channel == .call && $0.source == .sms })
        #expect(result.traces.map(\.notConversation) == [nil, .missedCall, .missedCall, .missedCall, nil])
        #expect(result.traces.map(\.direction) == [.incoming, .outgoing, .incoming, .incoming, .outgoing])
        #expect(result.traces.map(\.duration) == [125, 0, 0, 0, 300])
        #expect(result.traces[0].from == Participant(name: "Diane Smith", phone: "+15550101234"))
        #expect(result.traces[4].to == [Participant(phone: "+4930123456")])
        #expect(result.traces[0].key == "sms:call:1772960400000|+15550101234|1|125")
    }

    @Test func aCutFileKeepsWhatCameBefore() throws {
        let result = try Fixture.read("chats/sms-truncated.xml")
        #expect(result.traces.map(\.line) == [5, 6, 7, 8, 9])
        #expect(result.warnings.count == 1)
        #expect(result.warnings[0].line == 11 && result.warnings[0].message.hasSuffix("the rest of the file is not read"))
    }

    @Test func aBrokenTagStopsTheReadingThere() throws {
        let result = try Fixture.read("chats/sms-malformed.xml")
        #expect(result.traces.map(\.line) == [5])
        #expect(result.warnings == [CaptureWarning(line: 6, message:
            "an attribute value of <sms> is not quoted; the rest of the file is not read")])
    }

    @Test func entities() {
        func decode(_ text: String) -> String {
            Array(text.utf8).withUnsafeBufferPointer(XMLScanner.decodeEntities)
        }
        #expect(decode("a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;") == "a & b <c> \"d\" 'e'")
        #expect(decode("&#233;t&#xE9; &#55357;&#56832;") == "été 😀")
        #expect(decode("&#55357; alone &#56832;") == "&#55357; alone &#56832;")
        #expect(decode("&unknown; &#xZZ; & ;") == "&unknown; &#xZZ; & ;")
        #expect(decode("no entities") == "no entities")
    }

    @Test func notAnSMSBackup() {
        let result = SMSBackupReader.read(UnsafeRawBufferPointer(start: nil, count: 0), options: CaptureOptions())
        #expect(result.traces == [] && result.warnings.map(\.message) == ["no <smses> or <calls> element; nothing read"])
        #expect(CaptureFormat.detect(Array("<html><body>hi</body></html>".utf8)) == nil)
    }
}
