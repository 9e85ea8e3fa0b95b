#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import FoundationEssentials
import KithGraph
import KithTime

/// Reads the store's JSON an order of magnitude faster than `JSONDecoder`: one pass over the
/// bytes, straight into a `GraphImage.Builder` (no Swift value per field), for the documents
/// kith writes.
///
/// It accepts a strict subset of what Foundation accepts and returns nil for anything else —
/// a syntax error, but also a byte order mark, a trailing comma, an unknown or repeated key, a
/// `null`, an escaped key, a number with a fraction or exponent, a date not written as
/// `YYYY-MM-DD`. The caller then decodes with Foundation (`StoreCodec`), which either reads the
/// document (the few valid ones this reader declines) or reports the error with its line and
/// column. So this reader never accepts invalid JSON, and never changes what an invalid store
/// is reported as; the differential tests check that whatever it accepts, Foundation reads to
/// the same graph.
///
/// A big document is read in parts on every core: the `interactions` array, most of a store's
/// bytes, is cut between two of its elements (the first part is `snapshot(into:members:)`
/// stopping at `handOff`, then `middlePart` and `lastPart`), each part fills a builder of its
/// own, and the builders are joined in document order, which gives the builder one pass would
/// have filled. A cut is only a guess, made without parsing (`cuts`); it
/// holds when the part before it, read from the start of the document, ends exactly there. When
/// any part fails, the document is read again in one pass, which then decides: so whatever the
/// cuts, the result is the one-pass result (StoreReaderPartsTests).
///
/// Whether the parts still earn their place, now that the JSON is read only after a compaction
/// (reading its snapshot back to build the image) or an outside edit: measured 2026-12-08 on the
/// shared 2-core machine with other builds running (load average 4–5), `kith ask` on a store
/// whose image could not be written, so each run parsed the JSON (docs/performance.md): 10,000
/// people (32 MB) 120 ms median in parts against 166 ms in one pass (fastest runs 96 ms both);
/// 100,000 people (328 MB) 1.34 s against 1.00 s (fastest 0.89 s and 0.66 s). With the other
/// core taken the parts gain nothing measurable. Kept, because on an idle machine they are what
/// holds the suite's large-store target (ready in 0.6 s: 0.39–0.57 s with the parts and the
/// builder's two threads; one pass on one core never did better than the 0.66 s above), and
/// every compaction of a large store now reads its snapshot back through them.
enum StoreReader {
    /// The graph and `journalSeq` of a snapshot, or nil to fall back to Foundation.
    ///
    /// With `validating`, it also returns nil for a snapshot `Snapshot.validate` would refuse
    /// (an id out of range or repeated, a cadence out of range, a reference to nobody, a bad
    /// undo entry), so that the fallback reports it with its line, column and field.
    static func snapshot(_ bytes: UnsafeRawBufferPointer, validating: Bool = false) -> (graph: Graph, journalSeq: Int)? {
        snapshot(bytes, validating: validating, cuts: cuts(bytes, parts: partCount(bytes.count)))
    }

    /// `snapshot`, with the store version the document says it is.
    static func versionedSnapshot(_ bytes: UnsafeRawBufferPointer, validating: Bool) -> Snapshot.Read? {
        guard let (filled, top) = read(bytes, cuts: cuts(bytes, parts: partCount(bytes.count))),
              let (graph, journalSeq) = built(filled, top, validating: validating) else { return nil }
        return Snapshot.Read(graph: graph, journalSeq: journalSeq, version: top.version)
    }

    /// `snapshot`, reading the document in parts that start at `cuts` (ascending positions; see
    /// `cuts(_:parts:)`), or in one pass when there are none.
    static func snapshot(_ bytes: UnsafeRawBufferPointer, validating: Bool, cuts: [Int]) -> (graph: Graph, journalSeq: Int)? {
        guard let (filled, top) = read(bytes, cuts: cuts) else { return nil }
        return built(filled, top, validating: validating)
    }

    private static func built(_ filled: GraphImage.Builder, _ top: Scanner.TopLevel, validating: Bool) -> (graph: Graph, journalSeq: Int)? {
        var builder = filled
        do {
            let image = try builder.build()
            if validating {
                guard top.version >= 1, (0...largestID).contains(top.journalSeq),
                      builder.addedCounts == RecordKind.allCases.map(image.count),
                      image.keepsStoreRules(),
                      Snapshot.undoKeepsStoreRules(top.undo) else { return nil }
            }
            return (Graph(image: image, owner: top.owner, undoLog: top.undo), top.journalSeq)
        } catch {
            return nil
        }
    }

    /// Parts of at least this many bytes are worth a thread.
    static let smallestPart = 256 << 10

    /// How many parts to read a document of `size` bytes in: one per core, up to eight.
    static func partCount(_ size: Int) -> Int {
        max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8, size / smallestPart))
    }

    /// Where the parts of a document after the first start: for each of `parts - 1` even
    /// shares of the bytes (each moved a twelfth of a share later: the last part holds the
    /// people, which take longer to read per byte than interactions), the first place at or
    /// after it that looks like the start of an
    /// element in an array of objects, one per line, as the snapshot writer puts the
    /// interactions: a `{` after `}`, `,` and white space holding a line break. A raw line break
    /// is never inside a string, so these are structure, not text; whether they are elements of
    /// `interactions` only the reading can tell. Fewer cuts when there is no such place.
    static func cuts(_ bytes: UnsafeRawBufferPointer, parts: Int) -> [Int] {
        guard parts > 1, let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return [] }
        let count = bytes.count
        var cuts: [Int] = []
        for part in 1..<parts {
            var position = max(count / parts * part + count / parts / 12, (cuts.last ?? 0) + 1)
            let limit = min(count, position + (4 << 20))
            while position < limit, let found = memchr(base + position, 0x0A, limit - position) {
                let newline = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
                position = newline + 1
                // Forward over white space to a `{`, back over white space to `,` then `}`.
                var after = newline + 1
                while after < count, isWhitespace(base[after]) { after += 1 }
                guard after < count, base[after] == UInt8(ascii: "{") else { continue }
                var before = newline - 1
                while before >= 0, isWhitespace(base[before]) { before -= 1 }
                guard before >= 1, base[before] == UInt8(ascii: ","), base[before - 1] == UInt8(ascii: "}") else { continue }
                cuts.append(after)
                break
            }
        }
        return cuts
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// What one part of a document read in parts came to.
    private enum Outcome {
        case failed
        /// The first part read the whole document (it never reached the first cut).
        case whole(Scanner.TopLevel)
        /// The first part reached the first cut, having read these top-level members.
        case first(Scanner.TopMembers)
        case middle
        case last(Scanner.TopMembers)
    }

    /// The builder filled from the document, and its top-level values; nil when the document
    /// is outside the subset this reader accepts.
    private static func read(_ bytes: UnsafeRawBufferPointer, cuts: [Int]) -> (GraphImage.Builder, Scanner.TopLevel)? {
        guard !cuts.isEmpty else { return readInOnePass(bytes) }
        let parts = cuts.count + 1
        var builders = [GraphImage.Builder](repeating: GraphImage.Builder(), count: parts)
        var outcomes = [Outcome](repeating: .failed, count: parts)
        builders.withUnsafeMutableBufferPointer { builders in
            outcomes.withUnsafeMutableBufferPointer { outcomes in
                let shared = Shared(builders: builders, outcomes: outcomes, bytes: bytes, cuts: cuts)
                DispatchQueue.concurrentPerform(iterations: parts) { part in shared.read(part) }
            }
        }
        switch outcomes[0] {
        case .whole(let top): return (builders[0], top)
        case .first(var members):
            for part in 1..<parts {
                switch outcomes[part] {
                case .middle: continue
                case .last(let rest) where part == parts - 1:
                    guard let all = members.followed(by: rest) else { return nil }
                    members = all
                default: return readInOnePass(bytes)
                }
            }
            guard let top = try? members.topLevel() else { return nil }
            var builder = builders[0]
            builders[0] = GraphImage.Builder()
            for part in 1..<parts {
                builder.append(builders[part])
                builders[part] = GraphImage.Builder()
            }
            return (builder, top)
        default:
            return nil
        }
    }

    private static func readInOnePass(_ bytes: UnsafeRawBufferPointer) -> (GraphImage.Builder, Scanner.TopLevel)? {
        var scanner = Scanner(bytes)
        var builder = GraphImage.Builder()
        reserve(&builder, bytes.count)
        var members = Scanner.TopMembers()
        guard let top = try? scanner.snapshot(into: &builder, members: &members) else { return nil }
        return (builder, top)
    }

    private static func reserve(_ builder: inout GraphImage.Builder, _ bytes: Int) {
        // Typical stores hold about 100 bytes of JSON per interaction.
        builder.reserve(people: bytes / 2000, interactions: bytes / 100, textBytes: bytes / 8)
    }

    /// The parts' shared state; each part writes only its own slots.
    private struct Shared: @unchecked Sendable {
        let builders: UnsafeMutableBufferPointer<GraphImage.Builder>
        let outcomes: UnsafeMutableBufferPointer<Outcome>
        let bytes: UnsafeRawBufferPointer
        let cuts: [Int]

        func read(_ part: Int) {
            var scanner = Scanner(bytes)
            var builder = GraphImage.Builder()
            if part == 0 {
                // The first part's builder receives the others': room for the whole document.
                reserve(&builder, bytes.count)
                scanner.handOff = cuts[0]
                var members = Scanner.TopMembers()
                do {
                    outcomes[0] = .whole(try scanner.snapshot(into: &builder, members: &members))
                } catch {
                    outcomes[0] = scanner.handedOff ? .first(members) : .failed
                }
            } else {
                let start = cuts[part - 1], stop = part < cuts.count ? cuts[part] : bytes.count
                reserve(&builder, stop - start)
                scanner.position = start
                do {
                    if part < cuts.count {
                        try scanner.middlePart(into: &builder, until: stop)
                        outcomes[part] = .middle
                    } else {
                        outcomes[part] = .last(try scanner.lastPart(into: &builder))
                    }
                } catch {
                    outcomes[part] = .failed
                }
            }
            builders[part] = builder
        }
    }
    /// One journal line (without its newline), or nil to fall back to Foundation.
    static func transaction(_ bytes: UnsafeRawBufferPointer) -> Transaction? {
        var scanner = Scanner(bytes)
        return try? scanner.document { scanner throws(Scanner.Failure) in try scanner.transaction() }
    }

    /// The owner and undo log written by `StoreWriter.ownerAndUndo`.
    static func ownerAndUndo(_ bytes: UnsafeRawBufferPointer) -> (owner: Owner, undo: [UndoEntry])? {
        var scanner = Scanner(bytes)
        return try? scanner.document { scanner throws(Scanner.Failure) in
            var owner: Owner?
            var undo: [UndoEntry]?
            try scanner.object { scanner, key throws(Scanner.Failure) in
                switch key {
                case "me": try Scanner.once(&owner, try scanner.ownerValue())
                case "undo": try Scanner.once(&undo, try scanner.array { scanner throws(Scanner.Failure) in try scanner.undoEntryValue() })
                default: throw Scanner.Failure()
                }
            }
            guard let owner, let undo else { throw Scanner.Failure() }
            return (owner, undo)
        }
    }
}

/// A cursor over JSON bytes with the store's schema built in: the JSON primitives are here, the
/// records' readers are generated from schema/store.schema (StoreRecords.swift). Every method
/// throws `Failure` for anything outside the subset `StoreReader` accepts.
struct Scanner {
    struct Failure: Error {}

    let base: UnsafePointer<UInt8>
    let end: Int
    var position = 0
    /// Where the first part of a document read in parts ends (`snapshot(into:members:)` stops there).
    var handOff: Int?
    /// Whether the first part reached `handOff`.
    var handedOff = false
    /// The bytes between the quotes of the last date read, and its day.
    var lastDate: (head: UInt64, tail: UInt16, day: Int?) = (0, 0, nil)

    init(_ bytes: UnsafeRawBufferPointer) {
        // An empty buffer may have no address; any non-nil pointer will do, nothing is read.
        base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(bitPattern: 1)!
        end = bytes.count
    }

    /// `body`, then nothing but whitespace to the end.
    mutating func document<T>(_ body: (inout Scanner) throws(Failure) -> T) throws(Failure) -> T {
        let value = try body(&self)
        skipWhitespace()
        guard position == end else { throw Failure() }
        return value
    }

    static func once<T>(_ slot: inout T?, _ value: @autoclosure () throws(Failure) -> T) throws(Failure) {
        guard slot == nil else { throw Failure() }
        slot = try value()
    }

    // MARK: - Structure

    @inline(__always)
    mutating func skipWhitespace() {
        while position < end {
            let byte = base[position]
            // Every white space byte is at most a space; most calls find none.
            if byte > 0x20 { return }
            if byte == 0x0A || byte == 0x20 {
                // A line break, or a space: then the run of spaces (indentation) eight at a time.
                position += 1
                while end - position >= 8 {
                    let spaces = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self) ^ 0x2020_2020_2020_2020
                    if spaces != 0 {
                        position += UInt64(littleEndian: spaces).trailingZeroBitCount >> 3
                        break
                    }
                    position += 8
                }
                continue
            }
            guard byte == 0x0D || byte == 0x09 else { return }
            position += 1
        }
    }

    @inline(__always)
    mutating func expect(_ byte: UInt8) throws(Failure) {
        skipWhitespace()
        guard position < end, base[position] == byte else { throw Failure() }
        position += 1
    }

    @inline(__always)
    func peek() -> UInt8 { position < end ? base[position] : 0 }

    /// An object, calling `member` with each key (`"..."` without escapes), positioned at its
    /// value. Keys must be distinct: `member` enforces that for the keys it knows and throws for
    /// any other.
    @inline(__always)
    mutating func object(_ member: (inout Scanner, Key) throws(Failure) -> Void) throws(Failure) {
        try expect(UInt8(ascii: "{"))
        skipWhitespace()
        if peek() == UInt8(ascii: "}") { position += 1; return }
        try members(member)
    }

    /// The members of an object from the start of one (its key) to the closing brace.
    @inline(__always)
    private mutating func members(_ member: (inout Scanner, Key) throws(Failure) -> Void) throws(Failure) {
        while true {
            skipWhitespace()
            let key = try self.key()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            try member(&self, key)
            if try endsAfterItem(UInt8(ascii: "}")) { return }
        }
    }

    /// After a member or an element: true at the closing `close`, false after a comma.
    @inline(__always)
    mutating func endsAfterItem(_ close: UInt8) throws(Failure) -> Bool {
        skipWhitespace()
        guard position < end else { throw Failure() }
        let byte = base[position]
        position += 1
        if byte == close { return true }
        guard byte == UInt8(ascii: ",") else { throw Failure() }
        return false
    }

    /// The rest of an object after one of its members' values: more members, then the brace.
    mutating func objectRest(_ member: (inout Scanner, Key) throws(Failure) -> Void) throws(Failure) {
        if try endsAfterItem(UInt8(ascii: "}")) { return }
        try members(member)
    }

    /// An array, calling `element` positioned at each element; returns what it returned.
    mutating func array<T>(_ element: (inout Scanner) throws(Failure) -> T) throws(Failure) -> [T] {
        var items: [T] = []
        try forEach { scanner throws(Failure) in items.append(try element(&scanner)) }
        return items
    }

    @inline(__always)
    mutating func forEach(_ element: (inout Scanner) throws(Failure) -> Void) throws(Failure) {
        try expect(UInt8(ascii: "["))
        skipWhitespace()
        if peek() == UInt8(ascii: "]") { position += 1; return }
        while true {
            skipWhitespace()
            try element(&self)
            if try endsAfterItem(UInt8(ascii: "]")) { return }
        }
    }

    /// An object key: the bytes between quotes, which must have no escape.
    struct Key {
        let bytes: UnsafeBufferPointer<UInt8>

        static func ~= (pattern: StaticString, key: Key) -> Bool {
            guard pattern.utf8CodeUnitCount == key.bytes.count else { return false }
            return memcmp(pattern.utf8Start, key.bytes.baseAddress!, key.bytes.count) == 0
        }
    }

    mutating func key() throws(Failure) -> Key {
        guard peek() == UInt8(ascii: "\"") else { throw Failure() }
        position += 1
        let start = position
        while position < end {
            let byte = base[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return Key(bytes: UnsafeBufferPointer(start: base + start, count: position - 1 - start))
            }
            guard byte >= 0x20, byte != UInt8(ascii: "\\"), byte < 0x80 else { throw Failure() }
            position += 1
        }
        throw Failure()
    }

    // MARK: - Scalars

    /// An integer: `-?(0|[1-9][0-9]*)` within `Int`, not followed by a fraction or exponent.
    @inline(__always)
    mutating func int() throws(Failure) -> Int {
        // Up to 18 digits cannot overflow; longer numbers take the careful path.
        var at = position
        let negative = at < end && base[at] == UInt8(ascii: "-")
        if negative { at += 1 }
        guard at < end else { throw Failure() }
        var value = Int(base[at] &- UInt8(ascii: "0"))
        guard value < 10 else { throw Failure() }
        at += 1
        if value != 0 {
            let stop = min(end, at + 17)
            while at < stop {
                let digit = base[at] &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                value = value &* 10 &+ Int(digit)
                at += 1
            }
            if at == stop, at < end, base[at] &- UInt8(ascii: "0") < 10 { return try longInt() }
        }
        if at < end {
            let next = base[at]
            guard next != UInt8(ascii: "."), next != UInt8(ascii: "e"), next != UInt8(ascii: "E"),
                  next &- UInt8(ascii: "0") >= 10 else { throw Failure() }
        }
        position = at
        return negative ? -value : value
    }

    /// `int` for numbers of any length.
    private mutating func longInt() throws(Failure) -> Int {
        var negative = false
        if peek() == UInt8(ascii: "-") { negative = true; position += 1 }
        guard position < end else { throw Failure() }
        var magnitude: UInt64 = 0
        let first = base[position]
        guard first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else { throw Failure() }
        if first == UInt8(ascii: "0") {
            position += 1
        } else {
            while position < end {
                let byte = base[position]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { break }
                let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
                guard !o1, !o2 else { throw Failure() }
                magnitude = sum
                position += 1
            }
        }
        let next = peek()
        guard next != UInt8(ascii: "."), next != UInt8(ascii: "e"), next != UInt8(ascii: "E"),
              next < UInt8(ascii: "0") || next > UInt8(ascii: "9") else { throw Failure() }
        if negative {
            guard magnitude <= UInt64(Int.max) + 1 else { throw Failure() }
            return magnitude == UInt64(Int.max) + 1 ? Int.min : -Int(magnitude)
        }
        guard magnitude <= UInt64(Int.max) else { throw Failure() }
        return Int(magnitude)
    }

    mutating func bool() throws(Failure) -> Bool {
        if literal("true") { return true }
        if literal("false") { return false }
        throw Failure()
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard end - position >= count, memcmp(base + position, word.utf8Start, count) == 0 else { return false }
        position += count
        return true
    }

    /// A day written `"YYYY-MM-DD"` (four, two and two ASCII digits), as days since 1970-01-01.
    mutating func day() throws(Failure) -> Int {
        guard end - position >= 12, base[position] == UInt8(ascii: "\""), base[position + 11] == UInt8(ascii: "\"") else {
            throw Failure()
        }
        // Interactions come in date order: most dates are the one just read.
        let raw = UnsafeRawPointer(base + position + 1)
        let head = raw.loadUnaligned(as: UInt64.self), tail = raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
        if head == lastDate.head, tail == lastDate.tail, lastDate.day != nil, let day = lastDate.day {
            position += 12
            return day
        }
        guard base[position + 5] == UInt8(ascii: "-"), base[position + 8] == UInt8(ascii: "-") else { throw Failure() }
        let y = try digits(position + 1, 4), m = try digits(position + 6, 2), d = try digits(position + 9, 2)
        guard let date = CalendarDate(year: y, month: m, day: d) else { throw Failure() }
        position += 12
        let day = date.daysSinceEpoch
        lastDate = (head, tail, day)
        return day
    }

    /// A birthday: `"YYYY-MM-DD"` or `"--MM-DD"`.
    mutating func monthDay() throws(Failure) -> MonthDay {
        if end - position >= 9, base[position] == UInt8(ascii: "\""), base[position + 1] == UInt8(ascii: "-"),
           base[position + 2] == UInt8(ascii: "-"), base[position + 5] == UInt8(ascii: "-"), base[position + 8] == UInt8(ascii: "\"") {
            guard let value = MonthDay(year: nil, month: try digits(position + 3, 2), day: try digits(position + 6, 2)) else {
                throw Failure()
            }
            position += 9
            return value
        }
        let date = CalendarDate(daysSinceEpoch: try day())
        guard let value = MonthDay(year: date.year, month: date.month, day: date.day) else { throw Failure() }
        return value
    }

    private func digits(_ at: Int, _ count: Int) throws(Failure) -> Int {
        var value = 0
        for index in at..<(at + count) {
            let byte = base[index]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { throw Failure() }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    // MARK: - Strings

    /// Scans a string, checking it: returns the bytes between the quotes and whether they hold
    /// an escape. Control characters, invalid UTF-8 and bad escapes (including unpaired
    /// surrogates) are failures.
    @inline(__always)
    private mutating func rawString() throws(Failure) -> (start: Int, end: Int, escaped: Bool) {
        guard peek() == UInt8(ascii: "\"") else { throw Failure() }
        position += 1
        let start = position
        var escaped = false
        // Eight bytes at a time while none is a quote, a backslash, a control character or
        // beyond ASCII; the loop below takes the rest, byte by byte.
        while end - position >= 8 {
            let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
            let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
            let quote = word ^ 0x2222_2222_2222_2222, backslash = word ^ 0x5C5C_5C5C_5C5C_5C5C
            let special = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
                | ((word &- 0x2020_2020_2020_2020) & ~word) | word
            if special & high != 0 { break }
            position += 8
        }
        while position < end {
            let byte = base[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return (start, position - 1, escaped)
            }
            if byte < 0x20 { throw Failure() }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                try skipEscape()
            } else if byte >= 0x80 {
                position += try utf8Length(at: position)
            } else {
                position += 1
            }
        }
        throw Failure()
    }

    private mutating func skipEscape() throws(Failure) {
        position += 1
        guard position < end else { throw Failure() }
        switch base[position] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
             UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            position += 1
        case UInt8(ascii: "u"):
            position += 1
            let scalar = try hex4()
            if (0xD800..<0xDC00).contains(scalar) {
                guard end - position >= 2, base[position] == UInt8(ascii: "\\"), base[position + 1] == UInt8(ascii: "u") else {
                    throw Failure()
                }
                position += 2
                guard (0xDC00..<0xE000).contains(try hex4()) else { throw Failure() }
            } else if (0xDC00..<0xE000).contains(scalar) {
                throw Failure()
            }
        default:
            throw Failure()
        }
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard end - position >= 4 else { throw Failure() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = base[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw Failure()
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    /// The length of the well-formed UTF-8 sequence at `offset` (no overlong forms, no surrogates).
    private func utf8Length(at offset: Int) throws(Failure) -> Int {
        let lead = base[offset]
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: throw Failure()
        }
        guard end - offset >= length, base[offset + 1] >= low, base[offset + 1] <= high else { throw Failure() }
        for index in (offset + 2)..<(offset + length) where base[index] < 0x80 || base[index] > 0xBF { throw Failure() }
        return length
    }

    /// Decodes the escapes of a checked string's bytes, calling `emit` with each run of bytes.
    private func unescape(_ start: Int, _ stop: Int, _ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        var index = start
        var run = start
        func flush(_ upTo: Int) {
            if run < upTo { emit(UnsafeBufferPointer(start: base + run, count: upTo - run)) }
        }
        func hex(_ at: Int) -> UInt32 {
            var value: UInt32 = 0
            for i in at..<(at + 4) {
                let byte = base[i]
                value = value << 4 | UInt32(byte <= UInt8(ascii: "9") ? byte - UInt8(ascii: "0") : (byte | 0x20) - UInt8(ascii: "a") + 10)
            }
            return value
        }
        while index < stop {
            guard base[index] == UInt8(ascii: "\\") else { index += 1; continue }
            flush(index)
            let kind = base[index + 1]
            var decoded: [UInt8]
            switch kind {
            case UInt8(ascii: "b"): decoded = [0x08]
            case UInt8(ascii: "f"): decoded = [0x0C]
            case UInt8(ascii: "n"): decoded = [0x0A]
            case UInt8(ascii: "r"): decoded = [0x0D]
            case UInt8(ascii: "t"): decoded = [0x09]
            case UInt8(ascii: "u"):
                var scalar = hex(index + 2)
                if (0xD800..<0xDC00).contains(scalar) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (hex(index + 8) - 0xDC00)
                    index += 6
                }
                decoded = Array(String(Character(Unicode.Scalar(scalar)!)).utf8)
                index += 4
            default: decoded = [kind]  // " \ /
            }
            index += 2
            decoded.withUnsafeBufferPointer(emit)
            run = index
        }
        flush(stop)
    }

    /// A string as a Swift value.
    mutating func string() throws(Failure) -> String {
        let (start, stop, escaped) = try rawString()
        guard escaped else { return String(decoding: UnsafeBufferPointer(start: base + start, count: stop - start), as: UTF8.self) }
        var bytes: [UInt8] = []
        unescape(start, stop) { bytes.append(contentsOf: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A string added to the builder's text.
    mutating func string(into builder: inout GraphImage.Builder) throws(Failure) -> GraphImage.Builder.StringRef {
        let (start, stop, escaped) = try rawString()
        guard escaped else { return builder.string(UnsafeRawBufferPointer(start: base + start, count: stop - start)) }
        let offset = builder.textLength
        unescape(start, stop) { builder.appendText(UnsafeRawBufferPointer($0)) }
        return builder.endString(startingAt: offset)
    }

    /// A string of an interned field, as the index of its name in the column (the name added if
    /// new).
    mutating func interned(in column: inout GraphImage.InternedColumn) throws(Failure) -> UInt8 {
        let (start, stop, escaped) = try rawString()
        if !escaped, stop - start <= 8 {
            // The few short names, remembered by their bytes as one word.
            let length = stop - start
            var word: UInt64 = 0
            if end - start >= 8 {
                let mask: UInt64 = length == 8 ? ~0 : (1 << UInt64(8 * length)) &- 1
                word = UInt64(littleEndian: UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self)) & mask
            } else {
                for index in 0..<length { word |= UInt64(base[start + index]) << UInt64(8 * index) }
            }
            for slot in column.recent.indices where column.recent[slot].word == word && column.recent[slot].length == length {
                return column.recent[slot].index
            }
            guard let index = column.index(of: UnsafeRawBufferPointer(start: base + start, count: length)) else { throw Failure() }
            if column.recent.count < 16 { column.recent.append((word, length, index)) }
            return index
        }
        let found: UInt8?
        if escaped {
            var bytes: [UInt8] = []
            unescape(start, stop) { bytes.append(contentsOf: $0) }
            found = bytes.withUnsafeBytes { column.index(of: $0) }
        } else {
            found = column.index(of: UnsafeRawBufferPointer(start: base + start, count: stop - start))
        }
        guard let found else { throw Failure() }
        return found
    }

    /// Whether the string just ahead is exactly `text` (it is consumed either way).
    mutating func string(equals text: StaticString) throws(Failure) -> Bool {
        let (start, stop, escaped) = try rawString()
        guard !escaped else { throw Failure() }
        return stop - start == text.utf8CodeUnitCount && memcmp(base + start, text.utf8Start, stop - start) == 0
    }
}

// MARK: - The snapshot into a builder

extension Scanner {
    struct TopLevel {
        var owner = Owner()
        var undo: [UndoEntry] = []
        var journalSeq = 0
        var version = 0
    }

    /// The top-level members read so far (by one part of the document, when it is read in
    /// parts).
    struct TopMembers {
        var format: Bool?, version: Int?, journalSeq: Int?, me: Owner?, undo: [UndoEntry]?
        /// The record arrays read: bit `1 << kind.slot` for each.
        var arrays: UInt64 = 0

        /// The members of two consecutive parts, or nil when a member is in both (a repeated
        /// key, which the one-part reading refuses too).
        func followed(by next: TopMembers) -> TopMembers? {
            guard arrays & next.arrays == 0,
                  format == nil || next.format == nil, version == nil || next.version == nil,
                  journalSeq == nil || next.journalSeq == nil, me == nil || next.me == nil,
                  undo == nil || next.undo == nil else { return nil }
            return TopMembers(format: format ?? next.format, version: version ?? next.version,
                              journalSeq: journalSeq ?? next.journalSeq, me: me ?? next.me, undo: undo ?? next.undo,
                              arrays: arrays | next.arrays)
        }

        /// What the document says, or a failure for what Foundation refuses with the messages
        /// users should see.
        func topLevel() throws(Failure) -> TopLevel {
            guard format == true, let version, version <= FileStorage.currentVersion else { throw Failure() }
            return TopLevel(owner: me ?? Owner(), undo: undo ?? [], journalSeq: journalSeq ?? 0, version: version)
        }
    }

    /// The whole document — or, with `handOff` set, the first part of a document read in
    /// parts: up to `handOff`, which must be where an element of the top-level `interactions`
    /// array starts. On reaching it, throws with `handedOff` set (`members` holds what was read
    /// before); when it is not reached, reads the whole document as if it were not set.
    mutating func snapshot(into builder: inout GraphImage.Builder, members: inout TopMembers) throws(Failure) -> TopLevel {
        try document { scanner throws(Failure) in
            try scanner.object { scanner, key throws(Failure) in try scanner.topMember(key, &members, into: &builder) }
            return try members.topLevel()
        }
    }

    /// A middle part: elements of the `interactions` array from here (an element's start) until
    /// the next part's start, `until`, which must follow an element and its comma exactly.
    mutating func middlePart(into builder: inout GraphImage.Builder, until: Int) throws(Failure) {
        try interactionElements(into: &builder, until: until)
    }

    /// The last part: elements of the `interactions` array from here (an element's start), then
    /// the rest of the top-level object and of the document.
    mutating func lastPart(into builder: inout GraphImage.Builder) throws(Failure) -> TopMembers {
        var members = TopMembers()
        let interactions: UInt64 = 1 << UInt64(RecordKind.interaction.slot)
        members.arrays = interactions
        try interactionElements(into: &builder, until: nil)
        try objectRest { scanner, key throws(Failure) in try scanner.topMember(key, &members, into: &builder) }
        skipWhitespace()
        guard position == end else { throw Failure() }
        members.arrays &= ~interactions
        return members
    }

    mutating func topMember(_ key: Key, _ members: inout TopMembers, into builder: inout GraphImage.Builder) throws(Failure) {
        func first(_ kind: RecordKind) throws(Failure) {
            let bit: UInt64 = 1 << UInt64(kind.slot)
            guard members.arrays & bit == 0 else { throw Failure() }
            members.arrays |= bit
        }
        switch key {
        case "format": try Scanner.once(&members.format, try string(equals: "kith"))
        case "version": try Scanner.once(&members.version, try int())
        case "journalSeq": try Scanner.once(&members.journalSeq, try int())
        case "me": try Scanner.once(&members.me, try ownerValue())
        case "undo": try Scanner.once(&members.undo, try array { scanner throws(Failure) in try scanner.undoEntryValue() })
        case "interactions":
            // The array a big document is cut in (see `StoreReader`).
            try first(.interaction)
            guard let handOff else {
                try forEach { scanner throws(Failure) in try scanner.interaction(into: &builder) }
                return
            }
            try expect(UInt8(ascii: "["))
            skipWhitespace()
            if peek() == UInt8(ascii: "]") { position += 1; return }
            if position == handOff { handedOff = true; throw Failure() }
            try interactionElements(into: &builder, until: nil, handOff: handOff)
        default:
            // Every other kind's array; a repeated one is seen once it has been read, which is
            // still a failure before anything is used.
            guard let kind = try records(key, into: &builder) else { throw Failure() }
            try first(kind)
        }
    }

    /// Elements of the `interactions` array, from the start of one to the array's end (`]`
    /// consumed). With `until`, stops on reaching that position after a comma instead, and
    /// fails if the array ends or the position is passed. With `handOff`, sets `handedOff` and
    /// throws on reaching that position after a comma; passing it is no failure.
    mutating func interactionElements(into builder: inout GraphImage.Builder, until: Int?, handOff: Int? = nil) throws(Failure) {
        while true {
            try interaction(into: &builder)
            skipWhitespace()
            guard position < end else { throw Failure() }
            let byte = base[position]
            position += 1
            if byte == UInt8(ascii: "]") {
                guard until == nil else { throw Failure() }
                return
            }
            guard byte == UInt8(ascii: ",") else { throw Failure() }
            skipWhitespace()
            if let until {
                if position == until { return }
                guard position < until else { throw Failure() }
            }
            if position == handOff { handedOff = true; throw Failure() }
        }
    }
}

// MARK: - Records as values (journal lines, undo entries)

extension Scanner {
    mutating func transaction() throws(Failure) -> Transaction {
        var ops: [KithGraph.Operation]?, seq: Int?
        try object { scanner, key throws(Failure) in
            switch key {
            case "ops": try Scanner.once(&ops, try scanner.array { scanner throws(Failure) in try scanner.operation() })
            case "seq": try Scanner.once(&seq, try scanner.int())
            default: throw Failure()
            }
        }
        guard let ops, let seq else { throw Failure() }
        return Transaction(seq: seq, ops: ops)
    }

    /// A record as an object of one key, its kind: `{"person": {...}}`.
    mutating func recordObject() throws(Failure) -> Record {
        var found: Record?
        try object { scanner, key throws(Failure) in
            guard found == nil, let record = try scanner.record(key) else { throw Failure() }
            found = record
        }
        guard let found else { throw Failure() }
        return found
    }

    /// `{"op": ..., ...}` with exactly the keys its kind of operation uses.
    mutating func operation() throws(Failure) -> KithGraph.Operation {
        var op: String?, record: Record?, kind: String?, id: Int?, me: Owner?, entry: UndoEntry?
        var before: Record?, fields: [String]?
        try object { scanner, key throws(Failure) in
            switch key {
            case "op": try Scanner.once(&op, try scanner.string())
            case "before": try Scanner.once(&before, try scanner.recordObject())
            case "fields": try Scanner.once(&fields, try scanner.array { scanner throws(Failure) in try scanner.string() })
            case "kind": try Scanner.once(&kind, try scanner.string())
            case "id": try Scanner.once(&id, try scanner.int())
            case "me": try Scanner.once(&me, try scanner.ownerValue())
            case "entry": try Scanner.once(&entry, try scanner.undoEntryValue())
            default:
                guard record == nil, let put = try scanner.record(key) else { throw Failure() }
                record = put
            }
        }
        if op == "restore" {
            guard let before, let fields, record == nil, kind == nil, id == nil, me == nil, entry == nil else { throw Failure() }
            return .restore(Restore(before: before, fields: fields))
        }
        guard before == nil, fields == nil else { throw Failure() }
        switch (op, record, kind, id, me, entry) {
        case ("put"?, let record?, nil, nil, nil, nil): return .put(record)
        case ("delete"?, nil, let kind?, let id?, nil, nil):
            guard let kind = RecordKind(rawValue: kind) else { throw Failure() }
            return .delete(kind, id)
        case ("owner"?, nil, nil, nil, let me?, nil): return .setOwner(me)
        case ("pushUndo"?, nil, nil, nil, nil, let entry?): return .pushUndo(entry)
        case ("popUndo"?, nil, nil, let id?, nil, nil): return .popUndo(id)
        default: throw Failure()
        }
    }
}
