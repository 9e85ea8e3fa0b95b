import Foundation
import KithEngine
import KithGraph
import KithLanguage
import Testing

/// Lines no one should type, and some that people will: random bytes (decoded the way a line
/// from stdin is, with invalid UTF-8 repaired), control characters, huge lines and grapheme
/// clusters, words repeated hundreds of times, every template with its slots filled with junk,
/// and the intent examples mangled. Every line must be answered or refused — never a crash —
/// within a generous bound that is about hangs, not speed.
@Suite struct HostileInputTests {
    /// No line may take longer than this, in a debug build on a loaded CI machine. The longest
    /// seen is reported; see `fuzzedLinesAreAnsweredInBoundedTime`.
    static let bound: TimeInterval = 2

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Transcripts/hostile")

    /// A conversation over the demo network, answering `line` as a script line would be.
    static func conversation() -> Conversation {
        Conversation(catalogue: .builtIn(), storage: MemoryStorage(DemoNetwork.graph()), today: DemoNetwork.today)
    }

    /// Answers `line`, checking the answer and the time it took.
    static func answer(_ line: String, in conversation: Conversation, slowest: inout (TimeInterval, String)) throws {
        let start = DispatchTime.now()
        let answer = try conversation.respond(to: line)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        if seconds > slowest.0 { slowest = (seconds, line) }
        #expect(seconds < bound, "\(seconds)s for \(describe(line))")
        #expect(!answer.text.isEmpty, "no answer to \(describe(line))")
        _ = answer.json.serialized
    }

    /// A line short enough to show in a failure.
    static func describe(_ line: String) -> String {
        let scalars = line.unicodeScalars
        let shown = String(String.UnicodeScalarView(scalars.prefix(120))).debugDescription
        return scalars.count > 120 ? "\(shown)… (\(scalars.count) scalars)" : shown
    }

    // MARK: - Generating junk

    struct Junk {
        var rng: SeededGenerator
        let catalogue: Catalogue
        let examples: [String]
        let names = ["Diane", "Bob", "Zoë", "Robert Stone", "Sam", "Dianne", "he", "them", "Ruth and Bob"]
        let words = ["who", "and", "not", "last", "this", "today", "since", "ago", "in", "'s", "talk", "called",
                     "about", "with", "add", "undo", "tag", "note", "that", "is", "my", "clients", "how", "many",
                     "3", "0", "-1", "10000", "10001", "99999999999999999999999", "monday", "may", "march", "2026-02-30",
                     "9999-12-31", "0000-01-01", "11/3", "13/45", "3rd", "31st", "32nd", "a", "the", "of", "every"]

        init(seed: UInt64) {
            rng = SeededGenerator(seed: seed)
            catalogue = .builtIn()
            examples = catalogue.intents.flatMap { $0.examples.map(\.sentence) }
        }

        mutating func pick<T>(_ items: [T]) -> T { items.randomElement(using: &rng)! }
        mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }

        /// Bytes as they might arrive on stdin, decoded as `readLine` decodes a line.
        mutating func bytes() -> String {
            let count = int(0...int(1...4) * 150)
            var bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
            bytes.removeAll { $0 == 0x0A }
            return String(decoding: bytes, as: UTF8.self)
        }

        mutating func scalar() -> Unicode.Scalar {
            switch int(0...7) {
            case 0: return Unicode.Scalar(UInt8(int(0...0x1F)))
            case 1: return "\u{7F}"
            case 2: return Unicode.Scalar(UInt32(int(0x80...0x9F)))!  // C1 controls
            case 3: return pick(["\u{200B}", "\u{200D}", "\u{202E}", "\u{FEFF}", "\u{2028}", "\u{FFFD}", "\u{1B}"])
            case 4: return Unicode.Scalar(UInt32(int(0x300...0x36F)))!  // combining marks
            case 5: return pick(["😀", "👩‍👩‍👧", "ß", "İ", "ﬃ", "’", "“"].flatMap(\.unicodeScalars))
            default: return Unicode.Scalar(UInt8(int(0x20...0x7E)))
            }
        }

        mutating func junkWord() -> String {
            switch int(0...9) {
            case 0: return String(String.UnicodeScalarView((0..<int(1...12)).map { _ in scalar() }))
            case 1: return String(repeating: pick(["a", "é", "'", "-", "."]), count: int(1...300))
            case 2: return "e" + String(repeating: "\u{301}", count: int(1...3000))  // one huge grapheme
            case 3: return pick(names)
            default: return pick(words)
            }
        }

        mutating func junkWords() -> String {
            (0..<int(0...int(1...3) * 4)).map { _ in junkWord() }.joined(separator: pick([" ", " ", ", ", "  ", "\t"]))
        }

        /// A template's words, with a random alternative at each choice and junk in every slot.
        mutating func fill(_ pattern: Pattern) -> [String] {
            switch pattern {
            case .word(let word): return [word]
            case .sequence(let items): return items.flatMap { fill($0) }
            case .choice(let options): return options.isEmpty ? [] : fill(pick(options))
            case .slot: return [junkWords()]
            case .fixed, .rule: return []
            }
        }

        mutating func template() -> String {
            let intent = pick(catalogue.intents)
            guard !intent.sentences.isEmpty else { return "" }
            return fill(pick(intent.sentences).pattern).filter { !$0.isEmpty }.joined(separator: " ")
        }

        mutating func mangled() -> String {
            var tokens = pick(examples).split(separator: " ").map(String.init)
            for _ in 0..<int(1...4) where !tokens.isEmpty {
                let at = int(0...tokens.count - 1)
                switch int(0...4) {
                case 0: tokens.remove(at: at)
                case 1: tokens.insert(tokens[at], at: at)
                case 2: tokens.insert(junkWord(), at: at)
                case 3: tokens.swapAt(at, int(0...tokens.count - 1))
                default: tokens[at] = tokens[at].uppercased()
                }
            }
            return tokens.joined(separator: " ")
        }

        /// A word or phrase said many times: the matcher's worst case is a long line of words
        /// that each start many partial matches.
        mutating func repeated(upTo characters: Int) -> String {
            let unit = pick(["who ", "and ", "Diane and ", "talked to ", "today ", "last ", "not ", "a ", "3 days ago ",
                             "since may ", "'s ", "Bob, ", "about ", "tag ", "in the past 2 weeks ", "x"])
            let line = String(repeating: unit, count: characters / unit.count + 1)
            let prefix = pick(["", "who did I talk to ", "I talked to ", "add ", "note that Diane ", "when did I last see ",
                               "had coffee with Bob ", "remind me to "])
            return String((prefix + line).prefix(characters))
        }

        mutating func line() -> String {
            switch int(0...9) {
            case 0: return bytes()
            case 1: return junkWords()
            case 2, 3: return template()
            case 4, 5: return mangled()
            case 6: return repeated(upTo: pick([100, 400, 499, 500, 501]))
            case 7: return pick(examples) + " " + junkWords()
            case 8: return junkWords() + " " + pick(examples)
            default: return String(String.UnicodeScalarView((0..<int(0...200)).map { _ in scalar() }))
            }
        }
    }

    @Test func fuzzedLinesAreAnsweredInBoundedTime() throws {
        let count = Stress.count("FUZZ_LINES", short: 1500, long: 100_000)
        var junk = Junk(seed: Stress.seed &+ 4)
        var conversation = Self.conversation()
        var slowest: (TimeInterval, String) = (0, "")
        var total: TimeInterval = 0
        let start = Date()
        for index in 0..<count {
            // A fresh conversation now and then, so junk that was added does not pile up.
            if index % 500 == 0 { conversation = Self.conversation() }
            try Self.answer(junk.line(), in: conversation, slowest: &slowest)
            if index % 100 == 0 {
                #expect(conversation.storage.graph.checkInvariants() == [], "after line \(index)")
            }
        }
        total = Date().timeIntervalSince(start)
        Stress.report(String(format: "fuzz: %d lines (seed %llu) in %.1fs, mean %.2f ms, slowest %.1f ms: %@", count,
                             Stress.seed &+ 4, total, total / Double(count) * 1000, slowest.0 * 1000,
                             Self.describe(slowest.1)))
    }

    /// Every template of every intent, with every slot filled by each kind of junk.
    @Test func everyTemplateWithJunkSlots() throws {
        var junk = Junk(seed: Stress.seed &+ 5)
        let conversation = Self.conversation()
        var slowest: (TimeInterval, String) = (0, "")
        var lines = 0
        for intent in junk.catalogue.intents {
            for template in intent.sentences {
                for _ in 0..<Stress.count("TEMPLATE_FILLS", short: 4, long: 200) {
                    try Self.answer(junk.fill(template.pattern).joined(separator: " "), in: conversation, slowest: &slowest)
                    lines += 1
                }
            }
        }
        Stress.report(String(format: "templates: %d lines, slowest %.1f ms: %@", lines, slowest.0 * 1000, Self.describe(slowest.1)))
    }

    /// The worst cases for the matcher: the longest line it will try, made of words that each
    /// start many partial matches.
    @Test(arguments: ["who ", "and ", "Diane and ", "talked to ", "today ", "last ", "not ", "3 days ago ", "Bob, ",
                      "about ", "x ", "in the past 2 weeks ", "since may "])
    func repeatedWordsAtTheLengthLimit(unit: String) throws {
        var slowest: (TimeInterval, String) = (0, "")
        let conversation = Self.conversation()
        for prefix in ["", "who did I talk to ", "I talked to ", "add ", "note that Diane ", "had coffee with Bob ",
                       "Diane's birthday is ", "tag Bob as "] {
            let body = String(repeating: unit, count: 600 / unit.count)
            for length in [499, 500, 501, 100_000] {
                try Self.answer(String((prefix + body).prefix(length)), in: conversation, slowest: &slowest)
            }
        }
    }

    /// Found by the fuzzer or written by hand: each line of `Transcripts/hostile/lines.txt`.
    @Test func regressionLines() throws {
        let conversation = Self.conversation()
        var slowest: (TimeInterval, String) = (0, "")
        let cases = try Self.corpus()
        #expect(cases.count >= 20)
        for bytes in cases {
            try Self.answer(String(decoding: bytes, as: UTF8.self), in: conversation, slowest: &slowest)
        }
    }

    /// The corpus, one case per line: `\xHH` is a byte, `\u{H…}` a scalar, `\n \r \t \0 \\` as
    /// in Swift; `\R{N}` repeats the byte or scalar before it N more times, and `N*` at the very
    /// start repeats the whole rest N times (so a 1 MB line stays small here). Lines starting
    /// with `#` are comments.
    static func corpus() throws -> [[UInt8]] {
        let text = try String(contentsOf: folder.appendingPathComponent("lines.txt"), encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line in
            guard !line.hasPrefix("#"), !line.isEmpty else { return nil }
            var rest = Substring(line)
            var times = 1
            if let star = rest.firstIndex(of: "*"), let n = Int(rest[..<star]) {
                times = n
                rest = rest[rest.index(after: star)...]
            }
            let bytes = unescape(rest)
            return Array([[UInt8]](repeating: bytes, count: times).joined())
        }
    }

    static func unescape(_ text: Substring) -> [UInt8] {
        var bytes: [UInt8] = []
        var last: [UInt8] = []
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            let start = bytes.count
            defer { if bytes.count > start { last = Array(bytes[start...]) } }
            guard scalar == "\\", let kind = scalars.popFirst() else {
                bytes += Array(String(scalar).utf8)
                continue
            }
            switch kind {
            case "R":
                let body = scalars.prefix { $0 != "}" }
                scalars = scalars.dropFirst(body.count + 1)
                let times = Int(String(String.UnicodeScalarView(body.dropFirst()))) ?? 0
                let unit = last
                for _ in 0..<times { bytes += unit }
                last = unit
                continue
            case "x":
                let hex = String(String.UnicodeScalarView(scalars.prefix(2)))
                scalars = scalars.dropFirst(2)
                bytes.append(UInt8(hex, radix: 16) ?? 0)
            case "u":
                let body = scalars.prefix { $0 != "}" }
                scalars = scalars.dropFirst(body.count + 1)
                let hex = String(String.UnicodeScalarView(body.dropFirst()))
                bytes += Array(String(Unicode.Scalar(UInt32(hex, radix: 16) ?? 0xFFFD) ?? "\u{FFFD}").utf8)
            case "n": bytes.append(0x0A)
            case "r": bytes.append(0x0D)
            case "t": bytes.append(0x09)
            case "0": bytes.append(0)
            default: bytes += Array(String(kind).utf8)
            }
        }
        return bytes
    }

    // MARK: - Through the binary

    /// The corpus and random bytes as a script on stdin, as raw bytes (invalid UTF-8, NUL,
    /// carriage returns, a 1 MB line): kith answers every line it should, one JSON object per
    /// line, and exits 0 or 1 — never a crash, never a hang.
    @Test func hostileBytesOnStdinAreAnsweredLineByLine() throws {
        var junk = Junk(seed: Stress.seed &+ 6)
        var input: [UInt8] = []
        for bytes in try Self.corpus() where !bytes.contains(0x0A) { input += bytes + [0x0A] }
        for _ in 0..<Stress.count("STDIN_LINES", short: 300, long: 5000) {
            input += Array(junk.line().utf8).filter { $0 != 0x0A } + [0x0A]
        }
        input += [UInt8](repeating: 0x61, count: 1 << 20) + [0x0A]  // a 1 MB line
        input += Array("how many clients do I have\n".utf8)
        input += [0xFF, 0xFE, 0x80]  // no final newline
        // What the script runner will answer: non-blank lines not starting with '#'.
        let expected = input.split(separator: 0x0A, omittingEmptySubsequences: false).filter { bytes in
            let line = String(decoding: bytes.last == 0x0D ? bytes.dropLast() : bytes[...], as: UTF8.self)
                .trimmingCharacters(in: .whitespaces)
            return !line.isEmpty && !line.hasPrefix("#")
        }.count

        let child = try KithChild(["--demo", "--json"])
        let writer = try Thread.detachNewThreadAndWait { [input] in child.send(input) }
        child.closeInputAfter(writer)
        let exit = child.wait()
        #expect(!exit.signalled, "kith died of signal \(exit.status): \(exit.stderr.suffix(2000))")
        #expect([0, 1].contains(exit.status))
        // Only the numbers of the lines that were not understood.
        #expect(exit.stderr.isEmpty || exit.stderr.hasPrefix("kith: ") && exit.stderr.contains(" lines not carried out: stdin:"),
                "\(exit.stderr.prefix(500))")
        #expect(exit.stderr.split(separator: "\n").count <= 1)
        let lines = KithChild.completeLines(Array(exit.stdout.utf8))
        #expect(lines.count == expected)
        for line in lines {
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["text"] is String, "not an answer: \(line.prefix(200))")
        }
        #expect(lines.last?.hasPrefix(#"{"question": "\#u{FFFD}\#u{FFFD}\#u{FFFD}""#) == true, "\(lines.last ?? "")")
        #expect(lines.contains { $0.hasPrefix(#"{"question": "how many clients do I have", "intent": "count""#) })
    }

    /// Text output reaches a terminal: the control characters in a line or a name (an escape
    /// sequence that recolours, retitles or clears it) are shown, not obeyed.
    @Test func textOutputCarriesNoControlCharacters() throws {
        var input: [UInt8] = []
        for bytes in try Self.corpus() where !bytes.contains(0x0A) && bytes.count < 10_000 { input += bytes + [0x0A] }
        input += Array("add \u{1B}]0;pwned\u{7}Evil \u{1B}[2JPerson\nwho do I know\n".utf8)
        let result = try KithProcess.run(["--demo"], stdin: String(decoding: input, as: UTF8.self))
        #expect([0, 1].contains(result.status))
        let scalars = result.stdout.unicodeScalars
        let controls = scalars.filter { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F..<0xA0).contains($0.value) }
        #expect(controls.isEmpty, "\(controls.count) control characters, e.g. \(controls.prefix(5).map { String($0.value, radix: 16) })")
        #expect(result.stdout.contains("Added ␛]0;pwned␇Evil ␛[2JPerson."))
    }
}

extension KithChild {
    /// Closes stdin once `writer` (a thread feeding it) is done.
    func closeInputAfter(_ writer: Future<Bool>) {
        _ = try? writer.get()
        closeInput()
    }
}
