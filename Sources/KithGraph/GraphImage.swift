import Dispatch
/// A graph's records and indexes laid out in one read-only block of bytes: the in-memory form
/// of a loaded store, and the exact bytes of the binary image kept beside it on disk, so that a
/// later process maps the file and answers without building anything (docs/store-format.md).
///
/// Records sit in columns (one array per field, in record order), strings in one UTF-8 block,
/// and every index the questions need is precomputed: each person's interactions in (date, id)
/// order, every interaction in (date, id) order (the row order itself), relations per person,
/// people by name order, and sorted key tables for names, tags, organisations and places.
/// Reading a record builds a Swift value from the columns; nothing else is ever allocated.
///
/// A `Graph` uses an image as its base and keeps the changes made since in ordinary
/// dictionaries (see `Graph`). Images are built by `GraphImage.Builder`.
public final class GraphImage: @unchecked Sendable {
    /// The bytes and whoever owns them (a heap block, or a mapped file).
    public final class Storage: @unchecked Sendable {
        public let bytes: UnsafeRawBufferPointer
        private let release: (UnsafeRawBufferPointer) -> Void

        /// Takes `bytes`, which `release` frees when the image goes away. The start must be
        /// 8-byte aligned (heap blocks and mapped files are).
        public init(bytes: UnsafeRawBufferPointer, release: @escaping (UnsafeRawBufferPointer) -> Void) {
            self.bytes = bytes
            self.release = release
        }

        /// A heap copy of `bytes`.
        public convenience init(copying bytes: some Collection<UInt8>) {
            let block = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 8), alignment: 16)
            _ = block.initializeMemory(as: UInt8.self, from: bytes)
            self.init(bytes: UnsafeRawBufferPointer(rebasing: block[..<bytes.count])) { _ in block.deallocate() }
        }

        deinit { release(bytes) }
    }

    /// Why bytes are not a usable image.
    public struct Invalid: Error, CustomStringConvertible {
        public let reason: String
        public var description: String { "not a usable graph image: \(reason)" }
    }

    public let storage: Storage

    /// Per record kind (by `RecordKind.slot`): how many records the image holds.
    let recordCounts: [Int]
    /// Bit k: kind k's ids rise with its row order, so its id column is its own index.
    let idOrderFlags: Int
    /// Highest id per kind (0 when there is none), by `RecordKind.slot`.
    let highestIDs: [Int]

    /// Every record kind's columns, as schema/store.schema declares them (generated).
    let columns: Columns

    // Indexes, named after their sections (see `Section`).
    let strings: UnsafeBufferPointer<UInt8>
    let peopleByName: UnsafeBufferPointer<UInt32>
    let personInteractions: Postings<Int32>
    let personRelations: Postings<Int32>
    let nameIndex: KeyTable
    let nameFlags: UnsafeBufferPointer<UInt8>
    /// Name keys with a byte outside ASCII, which prefix search checks one by one.
    let nameKeysBeyondASCII: UnsafeBufferPointer<UInt32>
    let tagIndex: KeyTable
    let orgIndex: KeyTable
    let placeIndex: KeyTable

    /// An empty image: the base of a graph built in memory.
    public static let empty: GraphImage = {
        var builder = Builder()
        return try! builder.build()
    }()

    /// Reads an image from `storage`, checking its header, its section table and, with
    /// `checkingContents`, the hash of its contents; throws `Invalid` for anything else — with
    /// the hash, that includes a damaged block. Without it, the caller vouches for the contents:
    /// the builder that has just written them, or `StoreImage` for an image written whole in this
    /// boot session (its reasons are in docs/store-format.md, "Trust").
    public init(_ storage: Storage, checkingContents: Bool = true) throws {
        self.storage = storage
        let bytes = storage.bytes
        let sectionCount = Layout.sectionCount
        guard let base = bytes.baseAddress, Int(bitPattern: base) % 8 == 0 else { throw Invalid(reason: "misaligned") }
        guard bytes.count >= Layout.headerSize(sections: sectionCount) else { throw Invalid(reason: "too short") }
        func word(_ offset: Int) -> UInt64 { bytes.load(fromByteOffset: offset, as: UInt64.self).littleEndian }
        guard word(0) == Layout.magic else { throw Invalid(reason: "bad magic number") }
        guard word(8) == Layout.version else { throw Invalid(reason: "layout version \(word(8)), expected \(Layout.version)") }
        guard word(16) == UInt64(sectionCount) else { throw Invalid(reason: "wrong number of sections") }
        guard word(24) == UInt64(bytes.count) else { throw Invalid(reason: "size \(bytes.count), expected \(word(24))") }
        guard !checkingContents || ImageHash.contentHash(UnsafeRawBufferPointer(rebasing: bytes[Layout.hashedFrom...])) == word(32) else {
            throw Invalid(reason: "contents do not match their hash")
        }
        func count(_ index: Int) -> Int { Int(truncatingIfNeeded: word(Layout.countsOffset + 8 * index)) }
        let kinds = RecordKind.allCases.count
        recordCounts = (0..<kinds).map(count)
        idOrderFlags = count(kinds)
        highestIDs = (0..<kinds).map { count(kinds + 1 + $0) }

        // An array by slot, not a dictionary: a dictionary keyed by `Section` costs a one-shot
        // question a scan of every protocol conformance in the binary (docs/performance.md).
        var sections: [UnsafeRawBufferPointer] = []
        sections.reserveCapacity(sectionCount)
        for slot in 0..<sectionCount {
            let entry = Layout.directoryOffset + 16 * slot
            let offset = Int(truncatingIfNeeded: word(entry)), length = Int(truncatingIfNeeded: word(entry + 8))
            guard offset >= 0, length >= 0, offset % 8 == 0, offset <= bytes.count, length <= bytes.count - offset else {
                throw Invalid(reason: "section \(Layout.name(ofSlot: slot)) out of bounds")
            }
            sections.append(UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)]))
        }
        let read = SectionReader(sections: sections, counts: recordCounts, flags: idOrderFlags)
        strings = try read.column(Section.strings.rawValue, UInt8.self)
        read.strings = strings
        columns = try Columns(read)
        let p = recordCounts[RecordKind.person.slot]
        peopleByName = try read.column(Section.peopleByName.rawValue, UInt32.self, count: p)

        func postings(_ keys: Section, _ start: Section, _ rows: Section) throws -> Postings<Int32> {
            let k = try read.column(keys.rawValue, Int32.self)
            let s = try read.column(start.rawValue, UInt32.self, count: k.count + 1)
            return Postings(keys: k, start: s, rows: try read.column(rows.rawValue, UInt32.self, count: Int(s[k.count])))
        }
        func keyTable(_ keys: Section, _ start: Section, _ rows: Section) throws -> KeyTable {
            let k = try read.column(keys.rawValue, UInt64.self)
            let s = try read.column(start.rawValue, UInt32.self, count: k.count + 1)
            return KeyTable(keys: k, start: s, rows: try read.column(rows.rawValue, UInt32.self, count: Int(s[k.count])))
        }
        personInteractions = try postings(.personInteractionKeys, .personInteractionStart, .personInteractionRows)
        personRelations = try postings(.personRelationKeys, .personRelationStart, .personRelationRows)
        nameIndex = try keyTable(.nameIndexKeys, .nameIndexStart, .nameIndexRows)
        nameFlags = try read.column(Section.nameFlags.rawValue, UInt8.self, count: nameIndex.rows.count)
        nameKeysBeyondASCII = try read.column(Section.nameKeysBeyondASCII.rawValue, UInt32.self)
        tagIndex = try keyTable(.tagIndexKeys, .tagIndexStart, .tagIndexRows)
        orgIndex = try keyTable(.orgIndexKeys, .orgIndexStart, .orgIndexRows)
        placeIndex = try keyTable(.placeIndexKeys, .placeIndexStart, .placeIndexRows)
    }

    /// How many records of the kind the image holds.
    public func count(_ kind: RecordKind) -> Int { recordCounts[kind.slot] }

    /// Whether kind `slot`'s ids rise with its rows (see `idOrderFlags`).
    func idsAscend(_ slot: Int) -> Bool { idOrderFlags & (1 << slot) != 0 }

    /// The sections of an image being read, by slot, checked as they are taken.
    final class SectionReader {
        let sections: [UnsafeRawBufferPointer]
        /// Records per kind, and the flags word, from the header.
        let counts: [Int]
        let flags: Int
        /// The image's text, once read (strings in other sections point into it).
        var strings = UnsafeBufferPointer<UInt8>(start: nil, count: 0)

        init(sections: [UnsafeRawBufferPointer], counts: [Int], flags: Int) {
            self.sections = sections
            self.counts = counts
            self.flags = flags
        }

        func idsAscend(_ slot: Int) -> Bool { flags & (1 << slot) != 0 }

        /// The section at `slot` as elements of `type`, holding `expected` of them when given.
        func column<T>(_ slot: Int, _ type: T.Type, count expected: Int? = nil) throws -> UnsafeBufferPointer<T> {
            let raw = sections[slot]
            guard raw.count % MemoryLayout<T>.stride == 0 else {
                throw Invalid(reason: "section \(Layout.name(ofSlot: slot)) has a partial element")
            }
            let column = raw.bindMemory(to: T.self)
            if let expected, column.count != expected {
                throw Invalid(reason: "section \(Layout.name(ofSlot: slot)) has \(column.count) elements, expected \(expected)")
            }
            return column
        }

        /// A record column's section.
        func column<T>(_ section: ColumnSection, _ type: T.Type, count expected: Int? = nil) throws -> UnsafeBufferPointer<T> {
            try column(Layout.slot(section), type, count: expected)
        }

        /// A string in the image's text, checked to lie within it.
        func string(_ ref: UInt64) throws -> String { try GraphImage.checkedString(ref, in: strings) }
    }

    /// The image's bytes: what `kith` writes to disk.
    public var bytes: UnsafeRawBufferPointer { storage.bytes }

    // MARK: - Strings

    /// A string in the image: byte offset and length in `strings`, packed; `StringRef.none` is nil.
    typealias StringRef = UInt64

    func text(_ ref: StringRef) -> String? {
        guard ref != .absent else { return nil }
        return String(decoding: utf8(ref), as: UTF8.self)
    }

    func utf8(_ ref: StringRef) -> UnsafeBufferPointer<UInt8> {
        let offset = Int(ref >> 32), length = Int(ref & 0xFFFF_FFFF)
        precondition(offset + length <= strings.count, "graph image: string out of bounds")
        return UnsafeBufferPointer(rebasing: strings[offset..<(offset + length)])
    }

    static func checkedString(_ ref: StringRef, in strings: UnsafeBufferPointer<UInt8>) throws -> String {
        let offset = Int(ref >> 32), length = Int(ref & 0xFFFF_FFFF)
        guard offset + length <= strings.count else { throw Invalid(reason: "string out of bounds") }
        return String(decoding: UnsafeBufferPointer(rebasing: strings[offset..<(offset + length)]), as: UTF8.self)
    }
}

/// For each key (a person id), rows of another table, ascending: a compressed sparse row index.
struct Postings<Key: FixedWidthInteger> {
    let keys: UnsafeBufferPointer<Key>
    let start: UnsafeBufferPointer<UInt32>
    let rows: UnsafeBufferPointer<UInt32>

    /// The rows for `key`.
    /// - Complexity: O(log k) over k keys.
    func rows(for key: RecordID) -> UnsafeBufferPointer<UInt32> {
        guard let key = Key(exactly: key) else { return UnsafeBufferPointer(start: nil, count: 0) }
        var low = 0, high = keys.count
        while low < high {
            let mid = (low + high) / 2
            if keys[mid] < key { low = mid + 1 } else { high = mid }
        }
        guard low < keys.count, keys[low] == key else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(rebasing: rows[Int(start[low])..<Int(start[low + 1])])
    }
}

/// Distinct folded string keys in byte order (`KeyOrder`), each with its rows ascending.
struct KeyTable {
    let keys: UnsafeBufferPointer<UInt64>
    let start: UnsafeBufferPointer<UInt32>
    let rows: UnsafeBufferPointer<UInt32>

    func rowRange(ofKey index: Int) -> Range<Int> { Int(start[index])..<Int(start[index + 1]) }
}

extension UInt64 {
    /// The `StringRef` of a missing optional string.
    public static let absent = UInt64.max
}

/// The fixed part of the image: magic number, version, size, content hash, counts and the
/// section table. All numbers are little-endian.
enum Layout {
    /// "KITHGRPH".
    static let magic: UInt64 = 0x4850_5247_4854_494B
    /// The indexes' layout, raised whenever they change (3: Kith's own folded keys and their
    /// byte order), with the record columns' fingerprint (made from schema/store.schema): an image
    /// of another version is rebuilt.
    static let version: UInt64 = 3 &* 0x1_0000_0000 ^ ColumnSection.fingerprint
    /// The hash covers everything after the hash field itself.
    static let hashedFrom = 40
    static let countsOffset = 40
    /// Per kind a count, then a flags word, per kind the highest id, then three spare.
    static let countSlots = 2 * RecordKind.allCases.count + 4
    static let directoryOffset = countsOffset + 8 * countSlots
    /// The index sections (`Section`), then the record columns (`ColumnSection`).
    static let sectionCount = Section.allCases.count + ColumnSection.allCases.count

    static func headerSize(sections: Int) -> Int { directoryOffset + 16 * sections }

    static func slot(_ section: ColumnSection) -> Int { Section.allCases.count + section.rawValue }

    static func name(ofSlot slot: Int) -> String {
        if let section = Section(rawValue: slot) { return "\(section)" }
        return ColumnSection(rawValue: slot - Section.allCases.count).map { "\($0)" } ?? "\(slot)"
    }
}

/// The image's index sections, in the order of the section table (the record columns,
/// `ColumnSection`, follow them). Indexes over records hold rows of their kind's columns: people,
/// relations and reminders by id, interactions by (date, id).
enum Section: Int, CaseIterable {
    case strings
    case peopleByName
    case personInteractionKeys, personInteractionStart, personInteractionRows
    case personRelationKeys, personRelationStart, personRelationRows
    case nameIndexKeys, nameIndexStart, nameIndexRows, nameFlags, nameKeysBeyondASCII
    case tagIndexKeys, tagIndexStart, tagIndexRows
    case orgIndexKeys, orgIndexStart, orgIndexRows
    case placeIndexKeys, placeIndexStart, placeIndexRows
}

/// What a name key is to the person it leads to (bits in `nameFlags`).
enum NameKeyRole {
    static let fullName: UInt8 = 1
    static let alias: UInt8 = 2
    static let firstName: UInt8 = 4
    static let lastName: UInt8 = 8
}

/// Lets `concurrentPerform` write disjoint slots of one buffer.
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// A fast 64-bit hash over whole words (xxHash64's rounds), for detecting a damaged image. Not
/// cryptographic: it guards against accidents, not attacks.
public enum ImageHash {
    static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    static let p3: UInt64 = 0x1656_67B1_9E37_79F9
    static let p4: UInt64 = 0x85EB_CA77_C2B2_AE63

    @inline(__always)
    static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
        var acc = acc &+ input &* p2
        acc = (acc << 31) | (acc >> 33)
        return acc &* p1
    }

    /// The hash of a whole image: each 1 MiB block hashed on its own (on every core), then the
    /// block hashes hashed. Checking a large image costs a few milliseconds this way.
    public static func contentHash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let block = 1 << 20
        let count = (bytes.count + block - 1) / block
        guard count > 1 else { return hash(bytes) }
        var hashes = [UInt64](repeating: 0, count: count)
        hashes.withUnsafeMutableBufferPointer { out in
            let out = UncheckedSendable(out), input = UncheckedSendable(bytes)
            DispatchQueue.concurrentPerform(iterations: count) { index in
                let low = index * block, high = min(input.value.count, low + block)
                out.value[index] = hash(UnsafeRawBufferPointer(rebasing: input.value[low..<high]))
            }
        }
        return hashes.withUnsafeBytes { hash($0) }
    }

    public static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        var v1 = seed &+ p1 &+ p2, v2 = seed &+ p2, v3 = seed, v4 = seed &- p1
        var offset = 0
        let count = bytes.count
        if let base = bytes.baseAddress {
            while offset + 32 <= count {
                v1 = round(v1, base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                v2 = round(v2, base.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
                v3 = round(v3, base.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))
                v4 = round(v4, base.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))
                offset += 32
            }
        }
        var h = ((v1 << 1) | (v1 >> 63)) &+ ((v2 << 7) | (v2 >> 57)) &+ ((v3 << 12) | (v3 >> 52)) &+ ((v4 << 18) | (v4 >> 46))
        h = h &+ UInt64(count)
        while offset < count {
            h ^= UInt64(bytes[offset]) &* p4
            h = ((h << 11) | (h >> 53)) &* p1
            offset += 1
        }
        h ^= h >> 33
        h = h &* p2
        h ^= h >> 29
        h = h &* p3
        h ^= h >> 32
        return h
    }
}
