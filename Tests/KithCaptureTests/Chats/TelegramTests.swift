import Foundation
import KithTime
import Testing
@testable import KithCapture

@Suite struct TelegramTests {
    static let diane = Participant(name: "Diane Smith", account: "user5550101")
    static let me = Participant(name: "Me Myself", account: "user4242")

    /// Diane's chat as both exports hold it.
    func checkDiane(_ traces: [Trace]) {
        #expect(traces.map(\.line).count == 7)
        #expect(traces.map(\.key) == (2...8).map { "telegram:5550101/\($0)" })
        #expect(traces.map(\.channel) == [.message, .message, .message, .call, .call, .call, .message])
        #expect(traces.map(\.direction) == [.incoming, .outgoing, .incoming, .incoming, .outgoing, .incoming, .incoming])
        #expect(traces.map(\.notConversation) == [nil, nil, nil, nil, .missedCall, .missedCall, nil])
        #expect(traces[0].from == Self.diane && traces[0].to == [])
        #expect(traces[1].from == Self.me && traces[1].to == [Self.diane])
        #expect(traces[3].duration == 754)
        #expect(traces[0].date == CalendarDate("2026-03-01") && traces[0].clock == "08:05:00")
        #expect(traces.allSatisfy { $0.source == .telegram && $0.subject == nil })
    }

    @Test func wholeExport() throws {
        let result = try Fixture.read("chats/telegram-result.json")
        #expect(result.format == .telegram)
        // Diane's chat, then Robert's from an old export; the group and saved messages are not read.
        checkDiane(Array(result.traces.prefix(7)))
        #expect(result.traces.map(\.line) == [44, 59, 76, 94, 107, 119, 131, 199, 207])
        let old = result.traces.suffix(2)
        #expect(old.map(\.key) == ["telegram:8008/11", "telegram:8008/12"])
        #expect(old.map(\.direction) == [.incoming, .outgoing])
        #expect(old.first?.date == CalendarDate("2019-05-04") && old.first?.clock == "12:00:00")  // "date" as written
        #expect(result.warnings == [
            CaptureWarning(line: 215, message: "message 13 has no readable date; skipped"),
            CaptureWarning(line: 223, message: "a message has no id; skipped"),
        ])
        #expect(!"\(result)".contains("Coffee"))
    }

    @Test func oneChatExport() throws {
        let result = try Fixture.read("chats/telegram-chat.json")
        #expect(result.format == .telegram)
        #expect(result.warnings == [])
        checkDiane(result.traces)
    }

    @Test func theDayIsTheUsersDay() throws {
        let berlin = try Fixture.read("chats/telegram-chat.json", options: CaptureOptions(localTime: .fixed(seconds: 3600)))
        #expect(berlin.traces[2].date == CalendarDate("2026-03-02") && berlin.traces[2].clock == "00:30:00")
    }

    @Test func aCutFileKeepsTheWholeMessagesBeforeTheCut() throws {
        let result = try Fixture.read("chats/telegram-truncated.json")
        #expect(result.format == .telegram)
        #expect(result.traces.map(\.key) == (2...7).map { "telegram:5550101/\($0)" })
        #expect(result.warnings == [CaptureWarning(line: 138, message: "the file ends inside a string; the rest of the file is not read")])
    }

    @Test(arguments: [
        ("[]", "the file is not a JSON object"),
        ("{\"chats\": {\"list\": [}}", "an object was expected"),
        ("{\"about\": }", "\"}\" does not start a value"),
        ("{\"name\": \"x\", \"type\": \"personal_chat\", \"id\": 1, \"messages\": [{\"id\": 1 \"type\": \"message\"}]}",
         "a \",\" or \"}\" should follow a value in an object"),
        ("{\"a\": \"line\nbreak\"}", "a string runs past the end of its line"),
        ("{\"a\": \"\\q\"}", "\"\\q\" is not an escape"),
        ("{\"chats\": {\"list\": []}}", "no chats in this Telegram export; nothing read"),
        ("{\"chats\": {\"list\": []}} trailing", "text after the end of the JSON; ignored"),
    ])
    func malformedJSON(_ c: (String, String)) throws {
        let result = try Capture.read(Data(c.0.utf8), format: .telegram)
        #expect(result.traces == [])
        #expect(result.warnings.contains { $0.message.hasPrefix(c.1) }, "\(result.warnings)")
    }

    @Test func jsonStrings() throws {
        let json = #"["plain", "esc\"aped\\ \/ \n\t", "\u00e9\u0301 \ud83d\ude00", "\ud83d alone"]"#
        var strings: [String] = []
        try Array(json.utf8).withUnsafeBufferPointer { buffer in
            var reader = JSONReader(buffer)
            try reader.array { reader in strings.append(try reader.string()) }
        }
        #expect(strings == ["plain", "esc\"aped\\ / \n\t", "é\u{301} 😀", "\u{FFFD} alone"])
    }
}
