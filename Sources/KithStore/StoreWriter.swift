import KithGraph
import KithTime

/// Writes the store's JSON byte for byte as Foundation's `JSONEncoder` does with the store's
/// settings (`StoreCodec`: sorted keys, no escaped slashes, pretty for the snapshot and compact
/// for journal lines), an order of magnitude faster: it knows the schema, so keys are written
/// in sorted order as literals, and a graph's image rows are written from their UTF-8 bytes
/// without building a record. The differential tests hold it to `JSONEncoder`'s output.
///
/// It writes into a `ByteBlock` through a raw pointer: every primitive below first reserves
/// room for the most it can write, then stores without further checks. (Appending to a Swift
/// array byte by byte cost a uniqueness and a capacity check per byte, most of the encoding
/// time.) A writer is noncopyable because it caches the block's address, which growing changes.
struct StoreWriter: ~Copyable {
    private let block: ByteBlock
    /// `block`'s memory, cached: bytes `0..<count` are written, `capacity` are allocated.
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0
    let pretty: Bool
    private var depth: Int
    /// Whether the innermost open container has no member yet.
    private var empty: Bool
    /// The last day `date` wrote and its text, quotes included (`"YYYY-MM-DD"`, 12 bytes):
    /// records come in date order, so most dates repeat the one before.
    private var cachedDay = Int.min
    private var cachedDate: (UInt64, UInt32) = (0, 0)

    /// A writer that starts at the beginning of `block` (overwriting what it held), inside
    /// `depth` open containers.
    init(pretty: Bool, into block: ByteBlock = ByteBlock(capacity: 256), depth: Int = 0, empty: Bool = true) {
        self.block = block
        base = block.base
        capacity = block.capacity
        self.pretty = pretty
        self.depth = depth
        self.empty = empty
    }

    /// The block, holding what was written.
    consuming func finish() -> ByteBlock {
        block.count = count
        return block
    }

    /// What was written so far, as an array; the writer starts again at the beginning of its
    /// block, inside the same containers.
    mutating func takeBytes() -> [UInt8] {
        defer { count = 0 }
        return Array(UnsafeBufferPointer(start: base, count: count))
    }

    // MARK: - Documents

    /// The snapshot file's bytes, final newline included.
    static func snapshot(_ graph: Graph, journalSeq: Int) -> [UInt8] {
        let plan = SnapshotPlan(graph, journalSeq: journalSeq)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(plan.estimatedSize)
        plan.write { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// One journal line, newline included.
    static func transaction(_ transaction: Transaction) -> [UInt8] {
        var writer = StoreWriter(pretty: false)
        writer.beginObject()
        writer.key("ops")
        writer.operations(transaction.ops)
        writer.key("seq")
        writer.int(transaction.seq)
        writer.endObject()
        writer.newlineAtEnd()
        return writer.takeBytes()
    }

    /// The owner and undo log as one compact object, for the image file beside the snapshot.
    static func ownerAndUndo(_ graph: Graph) -> [UInt8] {
        var writer = StoreWriter(pretty: false)
        writer.beginObject()
        writer.key("me")
        writer.owner(graph.owner)
        writer.key("undo")
        writer.undoEntries(graph.undoLog)
        writer.endObject()
        return writer.takeBytes()
    }

    // MARK: - Records

    // Each record kind's writers, from a value and from an image row, are generated from
    // schema/store.schema (StoreRecords.swift), as are the owner's and an undo entry's.

    mutating func undoEntries(_ entries: [UndoEntry]) {
        beginArray()
        for entry in entries {
            element()
            undoEntry(entry)
        }
        endArray()
    }

    mutating func operations(_ operations: [KithGraph.Operation]) {
        beginArray()
        for operation in operations {
            element()
            beginObject()
            switch operation {
            case .put(let record):
                put(record)
            case .delete(let kind, let id):
                key("id"); int(id)
                key("kind"); string(kind.rawValue)
                key("op"); string("delete")
            case .setOwner(let owner):
                key("me"); self.owner(owner)
                key("op"); string("owner")
            case .pushUndo(let entry):
                key("entry"); undoEntry(entry)
                key("op"); string("pushUndo")
            case .popUndo(let id):
                key("id"); int(id)
                key("op"); string("popUndo")
            case .restore(let restore):
                key("before"); record(restore.before)
                key("fields"); strings(restore.fields)
                key("op"); string("restore")
            }
            endObject()
        }
        endArray()
    }

    // MARK: - Structure

    mutating func beginObject() {
        reserve(1)
        put(UInt8(ascii: "{"))
        depth += 1
        empty = true
    }

    mutating func endObject() { close(UInt8(ascii: "}")) }

    mutating func beginArray() {
        reserve(1)
        put(UInt8(ascii: "["))
        depth += 1
        empty = true
    }

    mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Closes an array whose elements were written by other writers (`SnapshotPlan`).
    mutating func endArray(hasElements: Bool) {
        empty = !hasElements
        endArray()
    }

    /// Starts an array element.
    mutating func element() { separate() }

    /// Starts an object member: `"key" : ` (pretty) or `"key":`. Inlined, so that copying the
    /// literal name is a few moves rather than a call.
    @inline(__always)
    mutating func key(_ name: StaticString) {
        separate()
        reserve(name.utf8CodeUnitCount + 5)
        put(UInt8(ascii: "\""))
        put(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        put(UInt8(ascii: "\""))
        if pretty { put(0x20) }
        put(UInt8(ascii: ":"))
        if pretty { put(0x20) }
    }

    /// The newline that ends a snapshot or a journal line.
    mutating func newlineAtEnd() {
        reserve(1)
        put(0x0A)
    }

    /// Bytes another writer wrote, as they are.
    mutating func raw(_ bytes: UnsafeBufferPointer<UInt8>) {
        reserve(bytes.count)
        put(bytes)
    }

    /// A comma, as written before an element that is not its array's first.
    mutating func comma() {
        reserve(1)
        put(UInt8(ascii: ","))
    }

    @inline(__always)
    private mutating func separate() {
        reserve(2 + 2 * depth + 8)  // 8: see `newline`
        if !empty { put(UInt8(ascii: ",")) }
        if pretty { newline() }
        empty = false
    }

    @inline(__always)
    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        reserve(3 + 2 * depth + 8)  // 8: see `newline`
        if pretty {
            if empty { put(0x0A) }
            newline()
        }
        put(bracket)
        empty = false
    }

    /// A newline and the indentation for `depth`: 1 + 2 × depth bytes. The spaces are stored
    /// eight at a time, which may store up to 7 more past them (overwritten by what follows),
    /// so the caller reserves 1 + 2 × depth + 8 bytes.
    @inline(__always)
    private mutating func newline() {
        put(0x0A)
        let spaces = 2 * depth
        assert(capacity - count >= spaces + 7)
        var offset = 0
        while offset < spaces {
            UnsafeMutableRawPointer(base + count + offset).storeBytes(of: 0x2020_2020_2020_2020, as: UInt64.self)
            offset += 8
        }
        count += spaces
    }

    // MARK: - Values

    mutating func int(_ value: Int) {
        reserve(20)  // a sign and up to 19 digits (Int.min has 19)
        if value < 0 { put(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits = 1
        var power: UInt = 10
        while digits < 19, magnitude >= power {
            digits += 1
            power &*= 10
        }
        // Written from the last digit back, two at a time: `digits` bytes, within the 20 reserved.
        var at = count + digits
        count = at
        let pairs = Self.digitPairs.utf8Start
        while magnitude >= 100 {
            let pair = Int(magnitude % 100) * 2
            magnitude /= 100
            at -= 2
            base[at] = pairs[pair]
            base[at + 1] = pairs[pair + 1]
        }
        if magnitude >= 10 {
            base[at - 2] = pairs[Int(magnitude) * 2]
            base[at - 1] = pairs[Int(magnitude) * 2 + 1]
        } else {
            base[at - 1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude)
        }
    }

    private static let digitPairs: StaticString = """
        00010203040506070809101112131415161718192021222324252627282930313233343536373839\
        40414243444546474849505152535455565758596061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899
        """

    mutating func bool(_ value: Bool) {
        let word: StaticString = value ? "true" : "false"
        reserve(word.utf8CodeUnitCount)
        put(UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
    }

    /// A day as `"YYYY-MM-DD"`.
    mutating func date(_ day: Int) {
        if day != cachedDay {
            let date = CalendarDate(daysSinceEpoch: day)
            guard (0...9999).contains(date.year) else { return string(date.iso) }
            let y = date.year, m = date.month, d = date.day
            @inline(__always) func digit(_ n: Int) -> UInt8 { UInt8(ascii: "0") + UInt8(truncatingIfNeeded: n) }
            withUnsafeMutableBytes(of: &cachedDate) { text in
                text[0] = UInt8(ascii: "\"")
                text[1] = digit(y / 1000)
                text[2] = digit(y / 100 % 10)
                text[3] = digit(y / 10 % 10)
                text[4] = digit(y % 10)
                text[5] = UInt8(ascii: "-")
                text[6] = digit(m / 10)
                text[7] = digit(m % 10)
                text[8] = UInt8(ascii: "-")
                text[9] = digit(d / 10)
                text[10] = digit(d % 10)
                text[11] = UInt8(ascii: "\"")
            }
            cachedDay = day
        }
        reserve(12)
        withUnsafeBytes(of: cachedDate) { put($0) }
    }

    mutating func strings(_ values: [String]) {
        beginArray()
        for value in values { element(); string(value) }
        endArray()
    }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { string($0) }
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\b \t \n \f \r` or `\u00xx`
    /// (lowercase hex), everything else — `/`, DEL and all of Unicode — as it is.
    mutating func string(_ utf8: UnsafeBufferPointer<UInt8>) {
        // The quotes, and at most six bytes (`\u00xx`) for each byte of the string.
        reserve(2 + 6 * utf8.count)
        put(UInt8(ascii: "\""))
        // Byte by byte, copying as it checks: most strings are a few words with nothing to
        // escape, for which this beats finding the runs and copying them.
        for byte in utf8 {
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
                put(byte)
                continue
            }
            put(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): put(byte)
            case 0x08: put(UInt8(ascii: "b"))
            case 0x09: put(UInt8(ascii: "t"))
            case 0x0A: put(UInt8(ascii: "n"))
            case 0x0C: put(UInt8(ascii: "f"))
            case 0x0D: put(UInt8(ascii: "r"))
            default:
                let hex: StaticString = "0123456789abcdef"
                put(UInt8(ascii: "u"))
                put(UInt8(ascii: "0"))
                put(UInt8(ascii: "0"))
                put(hex.utf8Start[Int(byte >> 4)])
                put(hex.utf8Start[Int(byte & 0xF)])
            }
        }
        put(UInt8(ascii: "\""))
    }

    // MARK: - Memory

    /// Makes room for `bytes` more bytes. Every primitive calls it with the most it will write
    /// before storing anything, so the stores below never pass `capacity`.
    @inline(__always)
    private mutating func reserve(_ bytes: Int) {
        if capacity - count < bytes { grow(toHold: bytes) }
    }

    private mutating func grow(toHold bytes: Int) {
        block.grow(toHold: count + bytes, keeping: count)
        base = block.base
        capacity = block.capacity
    }

    /// Stores one byte in room reserved before.
    @inline(__always)
    private mutating func put(_ byte: UInt8) {
        assert(count < capacity)
        base[count] = byte
        count += 1
    }

    /// Stores bytes in room reserved before.
    @inline(__always)
    private mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) { put(UnsafeRawBufferPointer(bytes)) }

    @inline(__always)
    private mutating func put(_ bytes: UnsafeRawBufferPointer) {
        assert(bytes.count <= capacity - count)
        guard let start = bytes.baseAddress else { return }
        UnsafeMutableRawPointer(base + count).copyMemory(from: start, byteCount: bytes.count)
        count += bytes.count
    }
}

/// Memory for a writer's output, kept from one use to the next: a snapshot is encoded part by
/// part into a few blocks that are reused, so the encoding does not fault in fresh pages for
/// every part and its output is still in the cache when it is written out.
final class ByteBlock: @unchecked Sendable {
    // Unchecked: a block is used by one thread at a time, handed between threads only through
    // `ParallelEncoding`'s semaphores.
    fileprivate(set) var base: UnsafeMutablePointer<UInt8>
    fileprivate(set) var capacity: Int
    /// How many bytes the last writer left.
    fileprivate(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    fileprivate func grow(toHold needed: Int, keeping used: Int) {
        let newCapacity = max(needed, 2 * capacity)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: used)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}
