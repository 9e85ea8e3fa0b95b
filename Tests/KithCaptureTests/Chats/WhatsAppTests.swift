import Foundation
import KithTime
import Testing
@testable import KithCapture

@Suite struct WhatsAppTests {
    @Test func android() throws {
        let result = try Fixture.read("chats/whatsapp-android.txt")
        #expect(result.format == .whatsapp)
        #expect(result.warnings == [])
        #expect(result.traces.map(\.line) == [2, 3, 6, 7, 8])  // the encryption notice is a system line
        #expect(result.traces.map(\.date) == ["2024-03-12", "2024-03-12", "2024-03-13", "2024-03-25", "2024-04-02"].map(CalendarDate.init))
        #expect(result.traces.map(\.clock) == ["09:14:00", "09:20:00", "18:02:00", "21:10:00", "08:00:00"])
        #expect(result.traces.map(\.from?.name) == ["Diane Smith", "Me", "Diane Smith", "Me", "Diane Smith"])
        #expect(result.traces.allSatisfy { $0.channel == .message && $0.source == .whatsapp && $0.isInteraction && $0.subject == nil })
        #expect(result.traces[0].to == [Participant(name: "Me")])
        #expect(result.traces[1].to == [Participant(name: "Diane Smith")])
        // The key: the time as written, the sender, and a hash of the whole text, continuation lines too.
        let text = "Yes! 12:30 at the usual place.\nSee you there\nand bring the slides"
        #expect(result.traces[1].key == "whatsapp:2024-03-12T09:20|Me|" + StableHash.hex(text))
        #expect(result.traces[4].key == "whatsapp:2024-04-02T08:00|Diane Smith|" + StableHash.hex(""))
        // No text is kept anywhere in a trace.
        #expect(!"\(result)".contains("usual place"))
    }

    @Test func androidGroup() throws {
        let result = try Fixture.read("chats/whatsapp-android-group.txt", options: CaptureOptions(phoneRegion: PhoneRegion(code: "US")))
        #expect(result.warnings == [])
        // Creating, adding, renaming ("…to \"Book club: May\"") and leaving are system lines.
        #expect(result.traces.map(\.line) == [4, 5, 6, 7])
        let unsaved = Participant(phone: "+15550101234")
        #expect(result.traces.map(\.from) == [Participant(name: "Carol Jones"), Participant(name: "Sam Lee"), unsaved, Participant(name: "Me")])
        #expect(result.traces[0].to == [Participant(name: "Sam Lee"), unsaved, Participant(name: "Me")])
        #expect(result.traces[2].date == CalendarDate("2025-01-17"))
    }

    @Test func iOS() throws {
        let result = try Fixture.read("chats/whatsapp-ios.txt")
        #expect(result.format == .whatsapp)
        #expect(result.warnings == [])  // "3/13/24" says month first
        #expect(result.traces.map(\.line) == [2, 4, 5, 6, 8])  // the encryption and security-code notices are not
        #expect(result.traces.map(\.date) == ["2024-03-12", "2024-03-12", "2024-03-13", "2024-03-14", "2024-03-16"].map(CalendarDate.init))
        #expect(result.traces.map(\.clock) == ["09:20:11", "18:02:40", "19:45:00", "12:00:00", "10:11:12"])
        #expect(result.traces.map(\.channel) == [.message, .message, .call, .call, .message])
        #expect(result.traces.map(\.notConversation) == [nil, nil, .missedCall, nil, nil])
        #expect(result.traces[0].key == "whatsapp:2024-03-12T09:20|Me|" + StableHash.hex("Yes! 12:30 at the usual place.\nSee you there"))
        // A number WhatsApp shows for someone not saved, between direction marks.
        #expect(result.traces[4].from == Participant(phone: "+15550101234"))
        #expect(result.traces[0].to == [Participant(name: "Diane Smith"), Participant(phone: "+15550101234")])
    }

    @Test func otherSettings() throws {
        let german = try Fixture.read("chats/whatsapp-german.txt")
        #expect(german.format == .whatsapp && german.warnings == [])
        #expect(german.traces.map(\.date) == ["2024-03-12", "2024-03-12", "2024-04-01"].map(CalendarDate.init))
        #expect(german.traces.map(\.from?.name) == ["Jürgen Müller", "Ich", "Jürgen Müller"])
        let swedish = try Fixture.read("chats/whatsapp-swedish.txt")
        #expect(swedish.format == .whatsapp && swedish.warnings == [])
        #expect(swedish.traces.map(\.date) == ["2024-03-12", "2024-03-12"].map(CalendarDate.init))
        #expect(swedish.traces.map(\.from?.name) == ["Élise Åström", "Jag"])
        // Only the order of the lines tells: the second number goes down while the first goes up.
        let chronology = try Fixture.read("chats/whatsapp-chronology.txt")
        #expect(chronology.warnings == [])
        #expect(chronology.traces.map(\.date) == ["2024-01-11", "2024-02-03"].map(CalendarDate.init))
    }

    @Test func anUndecidableOrderIsAssumedAndSaid() throws {
        let result = try Fixture.read("chats/whatsapp-ambiguous.txt")
        #expect(result.warnings == [CaptureWarning(line: 1, message:
            "can't tell whether dates are day/month or month/day (no day after the 12th); dates read as day/month")])
        #expect(result.traces.map(\.date) == ["2024-02-01", "2024-03-01", "2024-03-02"].map(CalendarDate.init))
        let us = try Fixture.read("chats/whatsapp-ambiguous.txt", options: CaptureOptions(assumedChatDateOrder: .monthDay))
        #expect(us.warnings.map(\.message) == [
            "can't tell whether dates are day/month or month/day (no day after the 12th); dates read as month/day"])
        #expect(us.traces.map(\.date) == ["2024-01-02", "2024-01-03", "2024-02-03"].map(CalendarDate.init))
        let told = try Fixture.read("chats/whatsapp-ambiguous.txt", options: CaptureOptions(chatDateOrder: .monthDay))
        #expect(told.warnings == [] && told.traces.map(\.date) == us.traces.map(\.date))
        // The key is the time as read, so the order chosen is part of it.
        #expect(told.traces.map(\.key) != result.traces.map(\.key))
    }

    @Test func badStampsAreSkipped() throws {
        let result = try Fixture.read("chats/whatsapp-bad-stamps.txt")
        #expect(result.traces.map(\.line) == [1, 5])
        #expect(result.warnings.map(\.line) == [2, 3])
        #expect(result.warnings.allSatisfy { $0.message == "the time stamp is not a real date and time in day/month order; message skipped" })
    }

    @Test func anUnknownLayout() throws {
        #expect(CaptureFormat.detect(try Fixture.data("chats/not-a-chat.txt")) == nil)
        let result = try Fixture.read("chats/not-a-chat.txt", format: .whatsapp)
        #expect(result.traces == [])
        #expect(result.warnings == [CaptureWarning(line: 1, message:
            "no line starts with a WhatsApp time stamp (\"12/03/24, 14:05 - Name: …\"); nothing read")])
    }

    /// The layouts whatsapp-chat-parser's tests list, each read to the same day and time.
    @Test(arguments: [
        ("3/6/18, 1:55 p.m. - a: m", "2018-06-03 13:55:00"),
        ("03-06-2018, 01.55 PM - a: m", "2018-06-03 13:55:00"),
        ("13.06.18 21.25.15: a: m", "2018-06-13 21:25:15"),
        ("13.6.2018 klo 21.25.15 - a: m", "2018-06-13 21:25:15"),
        ("13. 6. 2018. 21:25:15 a: m", "2018-06-13 21:25:15"),
        ("[3/6/18 1:55:00 p. m.] a: m", "2018-06-03 13:55:00"),
        ("\u{200E}[3/6/18 1:55:00 p. m.] a: m", "2018-06-03 13:55:00"),
        ("[2018/06/13, 21:25:15] a: m", "2018-06-13 21:25:15"),
        ("23/06/2018, 12:55 a.m. - a: m", "2018-06-23 00:55:00"),
        ("12/03/2024 à 14:05 - a: m", "2024-03-12 14:05:00"),
        ("[19/3/2025, 8:00:59\u{202F}pm] a: m", "2025-03-19 20:00:59"),
    ])
    func layouts(_ c: (String, String)) throws {
        let read = try Capture.read(Data(c.0.utf8), options: CaptureOptions(chatDateOrder: .dayMonth))
        #expect(read.format == .whatsapp)
        let trace = try #require(read.traces.first)
        #expect("\(trace.date.iso) \(trace.clock!)" == c.1)
        #expect(trace.from == Participant(name: "a"))
    }

    @Test(arguments: ["12/03/24, 14:5 - a: m", "12/3/2024/1, 14:05 - a: m", "12/2024/03, 14:05 - a: m", "12/03, 14:05 - a: m", "[12/03/24, 14:05:09 Sam: x",
                      "12/03/24, 14:05 pmx - a: m", "123/03/24, 14:05 - a: m", "12/03.24, 14:05 - a: m", "hello"])
    func notStamps(_ line: String) {
        #expect(WhatsAppStamp.parse(line) == nil)
    }
}
