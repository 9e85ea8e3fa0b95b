import Foundation
import KithTime
import Testing
@testable import KithCapture

/// Bad input is warned about and skipped: never a crash, never half a message. Every fixture is cut
/// at every byte, and garbled at random; whatever comes out must be whole.
@Suite struct RobustnessTests {
    static let formats: [(file: String, format: CaptureFormat)] = [
        ("mail/inbox.mbox", .mbox), ("mail/broken.mbox", .mbox), ("mail/pipe.eml", .message),
        ("chats/whatsapp-android.txt", .whatsapp), ("chats/whatsapp-ios.txt", .whatsapp),
        ("chats/sms.xml", .sms), ("chats/calls.xml", .sms), ("chats/telegram-result.json", .telegram),
    ]

    /// What every trace and warning must be, whatever the input.
    static func checkWhole(_ result: CaptureResult, lines: Int, _ context: String) {
        for trace in result.traces {
            #expect(trace.key.hasPrefix(trace.source.rawValue + ":") && trace.key.count > trace.source.rawValue.count + 1, "\(context)")
            #expect((1900...2200).contains(trace.date.year), "\(context)")
            #expect(trace.time.map { (0..<86_400).contains($0) } ?? true, "\(context)")
            #expect(!trace.participants.isEmpty, "\(context)")
            #expect((1...lines).contains(trace.line), "\(context)")
            #expect(!trace.isFuture)
        }
        for warning in result.warnings {
            #expect((1...max(lines, 1)).contains(warning.line), "\(context): \(warning)")
            #expect(!warning.message.isEmpty)
        }
    }

    /// Lines as the readers count them: a calendar from a classic Mac (carriage returns and no
    /// line feed) has its returns as line ends.
    static func lineCount(_ data: Data) -> Int {
        data.contains(0x0A) ? data.filter { $0 == 0x0A }.count + 1 : data.filter { $0 == 0x0D }.count + 1
    }

    /// Cut anywhere, a file gives only traces the whole file gives, and mail gives every message
    /// whose headers were whole. A WhatsApp export has no end marks and some of what it says is
    /// told by the whole file — who else wrote (`to`), and the date order (when what is left cannot
    /// tell, a warning says which was assumed) — so there each trace must be one of the whole
    /// file's lines, from the same sender. The cut line itself may be anything the text before the
    /// cut says (an iOS notice cut before its U+200E reads as an empty message).
    @Test(arguments: formats)
    func cutAnywhere(_ c: (file: String, format: CaptureFormat)) throws {
        let data = try Fixture.data(c.file)
        let whole = try Capture.read(data, format: c.format)
        let headerEnds = c.format == .mbox || c.format == .message ? Self.headerEnds(data, whole) : []
        for cut in 0...data.count {
            let part = data.prefix(cut)
            let result = try Capture.read(part, format: c.format)
            Self.checkWhole(result, lines: Self.lineCount(part), "\(c.file) cut at \(cut)")
            if c.format == .whatsapp {
                let assumed = result.warnings.contains { $0.message.contains("dates read as") }
                for trace in result.traces.dropLast() {
                    let same = whole.traces.first { $0.line == trace.line }
                    #expect(same?.from == trace.from && same?.channel == trace.channel, "\(c.file) cut at \(cut)")
                    #expect(assumed || same?.date == trace.date, "\(c.file) cut at \(cut)")
                }
                continue
            }
            for trace in result.traces {
                #expect(whole.traces.contains(trace), "\(c.file) cut at \(cut): half a message at line \(trace.line)")
            }
            if c.format == .mbox || c.format == .message {
                for (trace, end) in zip(whole.traces, headerEnds) where end <= cut {
                    #expect(result.traces.contains(trace), "\(c.file) cut at \(cut): message at line \(trace.line) lost")
                }
            }
        }
    }

    /// Where each whole message's header block ends (after its blank line).
    static func headerEnds(_ data: Data, _ whole: CaptureResult) -> [Int] {
        let bytes = [UInt8](data)
        var lineStarts = [0]
        for (i, byte) in bytes.enumerated() where byte == 0x0A { lineStarts.append(i + 1) }
        return whole.traces.map { trace in
            let text = bytes[lineStarts[trace.line - 1]...]
            if let lf = text.firstRange(of: [0x0A, 0x0A]) { return lf.upperBound }
            return text.firstRange(of: [0x0A, 0x0D, 0x0A])!.upperBound
        }
    }

    /// Random bytes changed, lines dropped or doubled, junk put in: no crash, only whole traces.
    @Test(arguments: formats)
    func garbled(_ c: (file: String, format: CaptureFormat)) throws {
        let original = [UInt8](try Fixture.data(c.file))
        var random = SystemRandomNumberGeneratorSeeded(seed: UInt64(c.file.utf8.count * 7919))
        let junk: [[UInt8]] = ["\n", "\r\n", "From ", ":", "<", ">", "\"", "=?utf-8?q?", "?=", "{", "}", "[", "]", "&#55357;",
                               "\u{200E}", "12/03/24, ", "\\u", "\u{FEFF}", "\0", "\u{FFFD}"].map { Array($0.utf8) }
        for round in 0..<300 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                guard !bytes.isEmpty else { break }
                let at = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: bytes[at] = UInt8.random(in: 0...255, using: &random)
                case 1: bytes.insert(contentsOf: junk.randomElement(using: &random)!, at: at)
                case 2: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...40, using: &random)))
                default: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 60)], at: at)
                }
            }
            let data = Data(bytes)
            for format in [c.format, nil] {
                if let result = try? Capture.read(data, format: format) {
                    Self.checkWhole(result, lines: Self.lineCount(data), "\(c.file) round \(round)")
                }
            }
        }
    }

    /// Any bytes at all, as any format.
    @Test func noise() {
        var random = SystemRandomNumberGeneratorSeeded(seed: 42)
        for length in 0..<400 {
            let data = Data((0..<length).map { _ in UInt8.random(in: 0...255, using: &random) })
            for format in CaptureFormat.allCases {
                let result = try? Capture.read(data, format: format)
                #expect(result?.traces.isEmpty ?? false || format == .whatsapp)
                if let result { Self.checkWhole(result, lines: Self.lineCount(data), "noise \(length) as \(format)") }
            }
        }
    }
}
