import Foundation
import KithGraph
import KithText
import KithTime
import Testing
@testable import KithStore

/// The reader cuts a big document's `interactions` array into parts read on every core. Wherever
/// the cuts fall — between any two interactions, in any number, or anywhere else — the result
/// must be the one-pass result: the same image, byte for byte, or the same refusal (and then
/// Foundation's error, as before).
@Suite struct StoreReaderPartsTests {
    /// Topics that look like record boundaries once unescaped, and others that need escaping.
    static let trickyTopics = ["line\nbreak", "},\n    {", "}, {", "{", "}", ",", "\"},\n{\"", "\\n", "tab\t", "café ☕️",
                               "\u{2028}", "    {", "]"]

    /// A store the way kith writes it: interactions with and without topics (some that look
    /// like boundaries), several participants, people with notes (arrays of objects, one per
    /// line, like the interactions), relations, reminders and an undo log.
    static func store(interactions count: Int, people: Int = 12) -> Graph {
        var graph = Graph()
        graph.apply(everyKindOfRecord)
        for id in 10..<(10 + people) {
            var person = Person(id: id, name: "Person \(id)")
            person.notes = (0..<3).map { Note(date: day("2026-01-01").adding(days: $0), text: "note \($0) of \(id)\n},") }
            person.tags = ["t\(id % 3)"]
            graph.apply(.put(.person(person)))
        }
        for index in 0..<count {
            let topic: String? = index % 3 == 0 ? nil : trickyTopics[index % trickyTopics.count]
            let participants = index % 5 == 0 ? [1, 2, 3] : [10 + index % people]
            graph.apply(.put(.interaction(Interaction(id: 100 + index, date: day("2025-06-01").adding(days: index / 4),
                                                      people: participants, channel: ["call", "talk", "email"][index % 3],
                                                      topic: topic))))
        }
        graph.apply(.pushUndo(UndoEntry(id: 1, summary: "s", inverse: [.delete(.person, 1)])))
        return graph
    }

    static func bytes(_ graph: Graph) -> [UInt8] { StoreWriter.snapshot(graph, journalSeq: 5) }

    /// Where each element of the top-level `interactions` array starts: the writer puts each on
    /// its own lines, so these are the lines `    {` between the array's first and last line.
    static func elementStarts(_ bytes: [UInt8]) -> [Int] {
        var starts: [Int] = []
        var inside = false
        var lineStart = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            let line = String(decoding: bytes[lineStart..<index], as: UTF8.self)
            if line == "  \"interactions\" : [" { inside = true }
            if inside, line == "  ]" || line == "  ]," { inside = false }
            if inside, line == "    {" { starts.append(lineStart + 4) }
            lineStart = index + 1
        }
        return starts
    }

    /// The reader's result reduced to what must match: the image's bytes and the top level.
    struct Result: Equatable {
        let image: [UInt8]
        let journalSeq: Int
        let owner: Owner
        let undo: [UndoEntry]
    }

    static func read(_ bytes: [UInt8], cuts: [Int], validating: Bool = false) -> Result? {
        guard let (graph, journalSeq) = bytes.withUnsafeBytes({ StoreReader.snapshot($0, validating: validating, cuts: cuts) }) else {
            return nil
        }
        return Result(image: Array(graph.image.storage.bytes), journalSeq: journalSeq, owner: graph.owner, undo: graph.undoLog)
    }

    @Test func aCutBetweenAnyTwoInteractionsGivesTheOnePassImage() throws {
        let bytes = Self.bytes(Self.store(interactions: 60))
        let starts = Self.elementStarts(bytes)
        #expect(starts.count == 62)  // and the two of everyKindOfRecord
        let onePass = try #require(Self.read(bytes, cuts: []))
        for start in starts {
            #expect(Self.read(bytes, cuts: [start]) == onePass, "cut at \(start)")
            #expect(Self.read(bytes, cuts: [start], validating: true) == Self.read(bytes, cuts: [], validating: true))
        }
    }

    @Test func anyNumberOfPartsGivesTheOnePassImage() throws {
        let bytes = Self.bytes(Self.store(interactions: 40))
        let starts = Self.elementStarts(bytes)
        let onePass = try #require(Self.read(bytes, cuts: []))
        // Every pair of cuts, and runs of three to eight consecutive and spread-out cuts.
        for i in starts.indices {
            for j in starts.indices where j > i {
                #expect(Self.read(bytes, cuts: [starts[i], starts[j]]) == onePass, "cuts \(i), \(j)")
            }
        }
        for parts in 3...8 {
            for first in 0..<(starts.count - parts) {
                let consecutive = Array(starts[(first + 1)..<(first + parts)])
                #expect(Self.read(bytes, cuts: consecutive) == onePass, "\(consecutive)")
            }
            let spread = (1..<parts).map { starts[$0 * starts.count / parts] }
            #expect(Self.read(bytes, cuts: spread) == onePass, "\(spread)")
            #expect(Self.read(bytes, cuts: Array(starts.prefix(parts - 1))) == onePass)
            #expect(Self.read(bytes, cuts: Array(starts.suffix(parts - 1))) == onePass)
        }
    }

    /// A cut anywhere else — after any line break, inside a string, in the people's notes (an
    /// array of objects one per line, like the interactions), past the end — is a wrong guess,
    /// and the document is read again in one pass.
    @Test func aCutAnywhereElseStillGivesTheOnePassImage() throws {
        let bytes = Self.bytes(Self.store(interactions: 20))
        let onePass = try #require(Self.read(bytes, cuts: []))
        let starts = Set(Self.elementStarts(bytes))
        var tried = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "\\") {
            for cut in [index, index + 1] where !starts.contains(cut) {
                #expect(Self.read(bytes, cuts: [cut]) == onePass, "cut at \(cut)")
                tried += 1
            }
        }
        #expect(tried > 500)
        let middle = Self.elementStarts(bytes)[10]
        for cuts in [[0], [bytes.count - 1], [bytes.count], [bytes.count + 10], [middle, middle], [middle, 3], [middle + 1, middle]] {
            #expect(Self.read(bytes, cuts: cuts) == onePass, "\(cuts)")
        }
    }

    /// The cuts the reader chooses on its own fall between interactions, not at escaped line
    /// breaks or boundaries written inside strings.
    @Test func chosenCutsFallBetweenInteractions() throws {
        let bytes = Self.bytes(Self.store(interactions: 1000))
        let starts = Set(Self.elementStarts(bytes))
        let onePass = try #require(Self.read(bytes, cuts: []))
        for parts in 2...8 {
            let cuts = bytes.withUnsafeBytes { StoreReader.cuts($0, parts: parts) }
            #expect(cuts.count == parts - 1)
            #expect(cuts.allSatisfy(starts.contains), "\(cuts)")
            #expect(Self.read(bytes, cuts: cuts) == onePass)
        }
        // A compact document has no line breaks: no cuts, one pass.
        let compact = Array(try StoreCodec.encode(Snapshot(graph: Self.store(interactions: 300), journalSeq: 5), pretty: false))
        #expect(compact.withUnsafeBytes { StoreReader.cuts($0, parts: 4) }.isEmpty)
    }

    /// Damage on either side of a cut: the parts refuse exactly what one pass refuses, and
    /// accept the same image otherwise.
    @Test func damageInAnyPartIsJudgedAsInOnePass() throws {
        let bytes = Self.bytes(Self.store(interactions: 30))
        let starts = Self.elementStarts(bytes)
        let cuts = [[starts[10]], [starts[10], starts[20]]]
        var random = SeededGenerator(seed: 11)
        let alphabet = Array("{}[]\":,0123456789-.e \n\\u".utf8) + [0x00, 0x80, 0xFF]
        var refused = 0, accepted = 0
        for round in 0..<800 {
            var damaged = bytes
            // Half the rounds damage the first part, half a later one.
            let at = round % 2 == 0 ? random.below(starts[10]) : starts[10] + random.below(bytes.count - starts[10])
            switch random.below(3) {
            case 0: damaged[at] = alphabet[random.below(alphabet.count)]
            case 1: damaged.remove(at: at)
            default: damaged.insert(alphabet[random.below(alphabet.count)], at: at)
            }
            let onePass = Self.read(damaged, cuts: [])
            if onePass == nil { refused += 1 } else { accepted += 1 }
            for cut in cuts {
                #expect(Self.read(damaged, cuts: cut) == onePass, "round \(round), damage at \(at)")
                #expect(Self.read(damaged, cuts: cut, validating: true) == Self.read(damaged, cuts: [], validating: true))
            }
        }
        #expect(refused > 200)
        #expect(accepted > 10)
    }

    /// What Foundation's validating path says about `bytes`, as `decodeSnapshot` reports it
    /// when the fast reader declines.
    static func foundationError(_ bytes: [UInt8]) -> String? {
        do {
            let data = Data(bytes)
            try Snapshot.checkNotEmpty(data, path: "kith.json")
            let snapshot = try StoreCodec.decode(Snapshot.self, from: data, path: "kith.json")
            try snapshot.validate(data, path: "kith.json")
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// Through `decodeSnapshot`, on a store big enough to be read in parts: a broken record in
    /// the first or the last part is reported with the same error (line, column, field) as the
    /// validating path gives.
    @Test func aBigStoreBrokenInEitherPartReportsTheSameError() throws {
        let bytes = Self.bytes(Self.store(interactions: 7000, people: 50))
        let cuts = bytes.withUnsafeBytes { StoreReader.cuts($0, parts: 2) }
        try #require(bytes.count >= 2 * StoreReader.smallestPart && cuts.count == 1)
        let text = String(decoding: bytes, as: UTF8.self)
        let early = try #require(text.range(of: "\"id\" : 105,"))
        let late = try #require(text.range(of: "\"id\" : 6990,"))
        let lastPerson = try #require(text.range(of: "\"name\" : \"Person 59\""))
        for (range, broken) in [(early, "\"id\" : 105.5,"), (late, "\"id\" : 6990.5,"), (early, "\"id\" : \"105\","),
                                (late, "\"id\" : 6990,,"), (lastPerson, "\"name\" : \"Person 59\" \"x\""),
                                (late, "\"id\" : 101,")] {
            let damaged = Array(text.replacingCharacters(in: range, with: broken).utf8)
            let expected = try #require(Self.foundationError(damaged), "\(broken)")
            #expect(throws: StoreError.self) { try FileStorage.decodeSnapshot(Data(damaged), path: "kith.json") }
            do {
                _ = try FileStorage.decodeSnapshot(Data(damaged), path: "kith.json")
            } catch {
                #expect("\(error)" == expected, "\(broken)")
            }
        }
        // Undamaged, in parts or not, the same graph.
        let (graph, _) = try FileStorage.decodeSnapshot(Data(bytes), path: "kith.json")
        #expect(Array(graph.image.storage.bytes) == Self.read(bytes, cuts: [])?.image)
    }
}
