#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
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
enum StoreReader {
    /// The graph and `journalSeq` of a snapshot, or nil to fall back to Foundation.
    ///
    /// With `validating`, it also returns nil for a snapshot `Snapshot.validate` would refuse
    /// (an id out of range or repeated, a cadence out of range, a reference to nobody, a bad
    /// undo entry), so that the fallback reports it with its line, column and field.
    static func snapshot(_ bytes: UnsafeRawBufferPointer, validating: Bool = false) -> (graph: Graph, journalSeq: Int)? {
        var scanner = Scanner(bytes)
        var builder = GraphImage.Builder()
        // Typical stores hold about 100 bytes of JSON per interaction.
        builder.reserve(people: bytes.count / 2000, interactions: bytes.count / 100, textBytes: bytes.count / 8)
        do {
            let top = try scanner.snapshot(into: &builder)
            let image = try builder.build()
            if validating {
                let added = builder.addedRecords
                guard top.version >= 1, (0...largestID).contains(top.journalSeq),
                      added == (image.peopleCount, image.interactionCount, image.relationCount, image.reminderCount),
                      image.keepsStoreRules(largestCadence: largestCadence),
                      Snapshot.undoKeepsStoreRules(top.undo) else { return nil }
            }
            return (Graph(image: image, owner: top.owner, undoLog: top.undo), top.journalSeq)
        } catch {
            return nil
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
                case "me": try Scanner.once(&owner, try scanner.owner())
                case "undo": try Scanner.once(&undo, try scanner.array { scanner throws(Scanner.Failure) in try scanner.undoEntry() })
                default: throw Scanner.Failure()
                }
            }
            guard let owner, let undo else { throw Scanner.Failure() }
            return (owner, undo)
        }
    }
}

/// A cursor over JSON bytes with the store's schema built in. Every method throws `Failure`
/// for anything outside the subset `StoreReader` accepts.
private struct Scanner {
    struct Failure: Error {}

    let base: UnsafePointer<UInt8>
    let end: Int
    var position = 0

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
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
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
        while true {
            skipWhitespace()
            let key = try self.key()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            try member(&self, key)
            skipWhitespace()
            guard position < end else { throw Failure() }
            let byte = base[position]
            position += 1
            if byte == UInt8(ascii: "}") { return }
            guard byte == UInt8(ascii: ",") else { throw Failure() }
        }
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
            skipWhitespace()
            guard position < end else { throw Failure() }
            let byte = base[position]
            position += 1
            if byte == UInt8(ascii: "]") { return }
            guard byte == UInt8(ascii: ",") else { throw Failure() }
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

    private mutating func key() throws(Failure) -> Key {
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
    mutating func int() throws(Failure) -> Int {
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
        guard end - position >= 12, base[position] == UInt8(ascii: "\""), base[position + 5] == UInt8(ascii: "-"),
              base[position + 8] == UInt8(ascii: "-"), base[position + 11] == UInt8(ascii: "\"") else { throw Failure() }
        let y = try digits(position + 1, 4), m = try digits(position + 6, 2), d = try digits(position + 9, 2)
        guard let date = CalendarDate(year: y, month: m, day: d) else { throw Failure() }
        position += 12
        return date.daysSinceEpoch
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

    /// A channel name, interned by the builder.
    mutating func channel(into builder: inout GraphImage.Builder) throws(Failure) -> UInt8 {
        let (start, stop, escaped) = try rawString()
        guard escaped else { return builder.channel(UnsafeRawBufferPointer(start: base + start, count: stop - start)) }
        var bytes: [UInt8] = []
        unescape(start, stop) { bytes.append(contentsOf: $0) }
        return bytes.withUnsafeBytes { builder.channel($0) }
    }

    /// Whether the string just ahead is exactly `text` (it is consumed either way).
    mutating func string(equals text: StaticString) throws(Failure) -> Bool {
        let (start, stop, escaped) = try rawString()
        guard !escaped else { throw Failure() }
        return stop - start == text.utf8CodeUnitCount && memcmp(base + start, text.utf8Start, stop - start) == 0
    }
}

// MARK: - The snapshot into a builder

private extension Scanner {
    struct TopLevel {
        var owner = Owner()
        var undo: [UndoEntry] = []
        var journalSeq = 0
        var version = 0
    }

    mutating func snapshot(into builder: inout GraphImage.Builder) throws(Failure) -> TopLevel {
        try document { scanner throws(Failure) in
            var top = TopLevel()
            var format: Bool?, version: Int?, journalSeq: Int?, me: Owner?, undo: [UndoEntry]?
            var seen: Set<String> = []
            try scanner.object { scanner, key throws(Failure) in
                switch key {
                case "format": try Scanner.once(&format, try scanner.string(equals: "kith"))
                case "version": try Scanner.once(&version, try scanner.int())
                case "journalSeq": try Scanner.once(&journalSeq, try scanner.int())
                case "me": try Scanner.once(&me, try scanner.owner())
                case "undo": try Scanner.once(&undo, try scanner.array { scanner throws(Failure) in try scanner.undoEntry() })
                case "people", "interactions", "relations", "reminders":
                    let name = String(decoding: key.bytes, as: UTF8.self)
                    guard seen.insert(name).inserted else { throw Failure() }
                    switch name {
                    case "people": try scanner.forEach { scanner throws(Failure) in try scanner.person(into: &builder) }
                    case "interactions": try scanner.forEach { scanner throws(Failure) in try scanner.interaction(into: &builder) }
                    case "relations": try scanner.forEach { scanner throws(Failure) in try scanner.relation(into: &builder) }
                    default: try scanner.forEach { scanner throws(Failure) in try scanner.reminder(into: &builder) }
                    }
                default: throw Failure()
                }
            }
            // Foundation refuses these with the messages users should see.
            guard format == true, let version, version <= FileStorage.currentVersion else { throw Failure() }
            top.owner = me ?? Owner()
            top.undo = undo ?? []
            top.journalSeq = journalSeq ?? 0
            top.version = version
            return top
        }
    }

    mutating func person(into builder: inout GraphImage.Builder) throws(Failure) {
        var fields = GraphImage.Builder.PersonFields()
        var id: Int?, name: Bool?, birthday: MonthDay?, cadence: Int?, added: Int?
        var seen: UInt32 = 0
        func first(_ bit: UInt32) throws(Failure) {
            guard seen & bit == 0 else { throw Failure() }
            seen |= bit
        }
        try object { scanner, key throws(Failure) in
            switch key {
            case "added": try first(1); added = try scanner.day()
            case "aliases":
                try first(2)
                try scanner.forEach { scanner throws(Failure) in builder.addAlias(try scanner.string(into: &builder)) }
            case "birthday": try first(4); birthday = try scanner.monthDay()
            case "cadenceDays": try first(8); cadence = try scanner.int()
            case "email": try first(16); fields.email = try scanner.string(into: &builder)
            case "howMet": try first(32); fields.howMet = try scanner.string(into: &builder)
            case "id": try first(64); id = try scanner.int()
            case "name": try first(128); fields.name = try scanner.string(into: &builder); name = true
            case "notes":
                try first(256)
                try scanner.forEach { scanner throws(Failure) in
                    var date: Int?, text: GraphImage.Builder.StringRef?
                    try scanner.object { scanner, key throws(Failure) in
                        switch key {
                        case "date": try Scanner.once(&date, try scanner.day())
                        case "text": try Scanner.once(&text, try scanner.string(into: &builder))
                        default: throw Failure()
                        }
                    }
                    guard let date, let text else { throw Failure() }
                    builder.addNote(day: date, text: text)
                }
            case "org": try first(512); fields.org = try scanner.string(into: &builder)
            case "phone": try first(1024); fields.phone = try scanner.string(into: &builder)
            case "place": try first(2048); fields.place = try scanner.string(into: &builder)
            case "tags":
                try first(4096)
                try scanner.forEach { scanner throws(Failure) in builder.addTag(try scanner.string(into: &builder)) }
            case "title": try first(8192); fields.title = try scanner.string(into: &builder)
            default: throw Failure()
            }
        }
        guard let id, name != nil else { throw Failure() }
        builder.addPerson(id: id, fields: fields, birthday: birthday, cadenceDays: cadence, addedDay: added)
    }

    mutating func interaction(into builder: inout GraphImage.Builder) throws(Failure) {
        var channel: UInt8?, day: Int?, id: Int?, people: Bool?, topic: GraphImage.Builder.StringRef?
        try object { scanner, key throws(Failure) in
            switch key {
            case "channel": try Scanner.once(&channel, try scanner.channel(into: &builder))
            case "date": try Scanner.once(&day, try scanner.day())
            case "id": try Scanner.once(&id, try scanner.int())
            case "people":
                try Scanner.once(&people, true)
                try scanner.forEach { scanner throws(Failure) in builder.addParticipant(try scanner.int()) }
            case "topic": try Scanner.once(&topic, try scanner.string(into: &builder))
            default: throw Failure()
            }
        }
        guard let channel, let day, let id, people != nil else { throw Failure() }
        builder.addInteraction(id: id, day: day, channel: channel, topic: topic ?? GraphImage.Builder.noString)
    }

    mutating func relation(into builder: inout GraphImage.Builder) throws(Failure) {
        var id: Int?, kind: GraphImage.Builder.StringRef?, other: Int?, person: Int?
        try object { scanner, key throws(Failure) in
            switch key {
            case "id": try Scanner.once(&id, try scanner.int())
            case "kind": try Scanner.once(&kind, try scanner.string(into: &builder))
            case "other": try Scanner.once(&other, try scanner.int())
            case "person": try Scanner.once(&person, try scanner.int())
            default: throw Failure()
            }
        }
        guard let id, let kind, let other, let person else { throw Failure() }
        builder.addRelation(id: id, person: person, kind: kind, other: other)
    }

    mutating func reminder(into builder: inout GraphImage.Builder) throws(Failure) {
        var done: Bool?, due: Int?, id: Int?, person: Int?, recurrence: GraphImage.Builder.StringRef?
        var text: GraphImage.Builder.StringRef?
        try object { scanner, key throws(Failure) in
            switch key {
            case "done": try Scanner.once(&done, try scanner.bool())
            case "due": try Scanner.once(&due, try scanner.day())
            case "id": try Scanner.once(&id, try scanner.int())
            case "person": try Scanner.once(&person, try scanner.int())
            case "recurrence": try Scanner.once(&recurrence, try scanner.string(into: &builder))
            case "text": try Scanner.once(&text, try scanner.string(into: &builder))
            default: throw Failure()
            }
        }
        guard let done, let due, let id, let text else { throw Failure() }
        builder.addReminder(id: id, dueDay: due, person: person, text: text, done: done,
                            recurrence: recurrence ?? GraphImage.Builder.noString)
    }
}

// MARK: - Records as values (journal lines, undo entries)

private extension Scanner {
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

    mutating func undoEntry() throws(Failure) -> UndoEntry {
        var id: Int?, summary: String?, inverse: [KithGraph.Operation]?
        try object { scanner, key throws(Failure) in
            switch key {
            case "id": try Scanner.once(&id, try scanner.int())
            case "summary": try Scanner.once(&summary, try scanner.string())
            case "inverse": try Scanner.once(&inverse, try scanner.array { scanner throws(Failure) in try scanner.operation() })
            default: throw Failure()
            }
        }
        guard let id, let summary else { throw Failure() }
        return UndoEntry(id: id, summary: summary, inverse: inverse ?? [])
    }

    mutating func owner() throws(Failure) -> Owner {
        var name: String?
        try object { scanner, key throws(Failure) in
            guard case "name" = key else { throw Failure() }
            try Scanner.once(&name, try scanner.string())
        }
        return Owner(name: name)
    }

    /// `{"op": ..., ...}` with exactly the keys its kind of operation uses.
    mutating func operation() throws(Failure) -> KithGraph.Operation {
        var op: String?, record: Record?, kind: String?, id: Int?, me: Owner?, entry: UndoEntry?
        try object { scanner, key throws(Failure) in
            switch key {
            case "op": try Scanner.once(&op, try scanner.string())
            case "person": try Scanner.once(&record, .person(try scanner.personValue()))
            case "interaction": try Scanner.once(&record, .interaction(try scanner.interactionValue()))
            case "relation": try Scanner.once(&record, .relation(try scanner.relationValue()))
            case "reminder": try Scanner.once(&record, .reminder(try scanner.reminderValue()))
            case "kind": try Scanner.once(&kind, try scanner.string())
            case "id": try Scanner.once(&id, try scanner.int())
            case "me": try Scanner.once(&me, try scanner.owner())
            case "entry": try Scanner.once(&entry, try scanner.undoEntry())
            default: throw Failure()
            }
        }
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

    mutating func personValue() throws(Failure) -> Person {
        var person = Person(id: 0, name: "")
        var id: Int?, name: String?
        var seen: UInt32 = 0
        func first(_ bit: UInt32) throws(Failure) {
            guard seen & bit == 0 else { throw Failure() }
            seen |= bit
        }
        try object { scanner, key throws(Failure) in
            switch key {
            case "added": try first(1); person.added = CalendarDate(daysSinceEpoch: try scanner.day())
            case "aliases": try first(2); person.aliases = try scanner.array { scanner throws(Failure) in try scanner.string() }
            case "birthday": try first(4); person.birthday = try scanner.monthDay()
            case "cadenceDays": try first(8); person.cadenceDays = try scanner.int()
            case "email": try first(16); person.email = try scanner.string()
            case "howMet": try first(32); person.howMet = try scanner.string()
            case "id": try first(64); id = try scanner.int()
            case "name": try first(128); name = try scanner.string()
            case "notes":
                try first(256)
                person.notes = try scanner.array { scanner throws(Failure) in
                    var date: Int?, text: String?
                    try scanner.object { scanner, key throws(Failure) in
                        switch key {
                        case "date": try Scanner.once(&date, try scanner.day())
                        case "text": try Scanner.once(&text, try scanner.string())
                        default: throw Failure()
                        }
                    }
                    guard let date, let text else { throw Failure() }
                    return Note(date: CalendarDate(daysSinceEpoch: date), text: text)
                }
            case "org": try first(512); person.org = try scanner.string()
            case "phone": try first(1024); person.phone = try scanner.string()
            case "place": try first(2048); person.place = try scanner.string()
            case "tags": try first(4096); person.tags = try scanner.array { scanner throws(Failure) in try scanner.string() }
            case "title": try first(8192); person.title = try scanner.string()
            default: throw Failure()
            }
        }
        guard let id, let name else { throw Failure() }
        person.id = id
        person.name = name
        return person
    }

    mutating func interactionValue() throws(Failure) -> Interaction {
        var channel: String?, day: Int?, id: Int?, people: [Int]?, topic: String?
        try object { scanner, key throws(Failure) in
            switch key {
            case "channel": try Scanner.once(&channel, try scanner.string())
            case "date": try Scanner.once(&day, try scanner.day())
            case "id": try Scanner.once(&id, try scanner.int())
            case "people": try Scanner.once(&people, try scanner.array { scanner throws(Failure) in try scanner.int() })
            case "topic": try Scanner.once(&topic, try scanner.string())
            default: throw Failure()
            }
        }
        guard let channel, let day, let id, let people else { throw Failure() }
        return Interaction(id: id, date: CalendarDate(daysSinceEpoch: day), people: people, channel: channel, topic: topic)
    }

    mutating func relationValue() throws(Failure) -> Relation {
        var id: Int?, kind: String?, other: Int?, person: Int?
        try object { scanner, key throws(Failure) in
            switch key {
            case "id": try Scanner.once(&id, try scanner.int())
            case "kind": try Scanner.once(&kind, try scanner.string())
            case "other": try Scanner.once(&other, try scanner.int())
            case "person": try Scanner.once(&person, try scanner.int())
            default: throw Failure()
            }
        }
        guard let id, let kind, let other, let person else { throw Failure() }
        return Relation(id: id, person: person, kind: kind, other: other)
    }

    mutating func reminderValue() throws(Failure) -> Reminder {
        var done: Bool?, due: Int?, id: Int?, person: Int?, recurrence: String?, text: String?
        try object { scanner, key throws(Failure) in
            switch key {
            case "done": try Scanner.once(&done, try scanner.bool())
            case "due": try Scanner.once(&due, try scanner.day())
            case "id": try Scanner.once(&id, try scanner.int())
            case "person": try Scanner.once(&person, try scanner.int())
            case "recurrence": try Scanner.once(&recurrence, try scanner.string())
            case "text": try Scanner.once(&text, try scanner.string())
            default: throw Failure()
            }
        }
        guard let done, let due, let id, let text else { throw Failure() }
        var reminder = Reminder(id: id, due: CalendarDate(daysSinceEpoch: due), person: person, text: text)
        reminder.done = done
        reminder.recurrence = recurrence
        return reminder
    }
}
