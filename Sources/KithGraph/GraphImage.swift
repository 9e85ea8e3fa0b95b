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

    // Counts.
    public let peopleCount: Int
    public let interactionCount: Int
    public let relationCount: Int
    public let reminderCount: Int
    /// Whether interaction ids rise with the row order, so the id column is its own index.
    let interactionIDsAscend: Bool
    /// Highest id per kind (0 when there is none).
    let highestIDs: [Int]

    // Columns and indexes, named after their sections (see `Section`).
    let strings: UnsafeBufferPointer<UInt8>
    let personID: UnsafeBufferPointer<Int32>
    let personText: UnsafeBufferPointer<UInt64>
    let personBirthday: UnsafeBufferPointer<Int64>
    let personCadence: UnsafeBufferPointer<Int64>
    let personAdded: UnsafeBufferPointer<Int32>
    let aliasStart: UnsafeBufferPointer<UInt32>
    let aliases: UnsafeBufferPointer<UInt64>
    let tagStart: UnsafeBufferPointer<UInt32>
    let tags: UnsafeBufferPointer<UInt64>
    let noteStart: UnsafeBufferPointer<UInt32>
    let noteDate: UnsafeBufferPointer<Int32>
    let noteText: UnsafeBufferPointer<UInt64>
    let peopleByName: UnsafeBufferPointer<UInt32>
    let interactionID: UnsafeBufferPointer<Int32>
    let interactionDate: UnsafeBufferPointer<Int32>
    let interactionChannel: UnsafeBufferPointer<UInt8>
    let interactionTopic: UnsafeBufferPointer<UInt64>
    let participantStart: UnsafeBufferPointer<UInt32>
    let participants: UnsafeBufferPointer<Int32>
    let interactionByID: UnsafeBufferPointer<UInt32>
    let channelNames: [String]
    let channelRefs: [UInt64]
    let personInteractions: Postings<Int32>
    let relationID: UnsafeBufferPointer<Int32>
    let relationPerson: UnsafeBufferPointer<Int32>
    let relationOther: UnsafeBufferPointer<Int32>
    let relationKind: UnsafeBufferPointer<UInt64>
    let personRelations: Postings<Int32>
    let reminderID: UnsafeBufferPointer<Int32>
    let reminderDue: UnsafeBufferPointer<Int32>
    let reminderPerson: UnsafeBufferPointer<Int64>
    let reminderText: UnsafeBufferPointer<UInt64>
    let reminderRecurrence: UnsafeBufferPointer<UInt64>
    let reminderDone: UnsafeBufferPointer<UInt8>
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
        guard let base = bytes.baseAddress, Int(bitPattern: base) % 8 == 0 else { throw Invalid(reason: "misaligned") }
        guard bytes.count >= Layout.headerSize(sections: Section.allCases.count) else { throw Invalid(reason: "too short") }
        func word(_ offset: Int) -> UInt64 { bytes.load(fromByteOffset: offset, as: UInt64.self).littleEndian }
        guard word(0) == Layout.magic else { throw Invalid(reason: "bad magic number") }
        guard word(8) == Layout.version else { throw Invalid(reason: "layout version \(word(8)), expected \(Layout.version)") }
        guard word(16) == UInt64(Section.allCases.count) else { throw Invalid(reason: "wrong number of sections") }
        guard word(24) == UInt64(bytes.count) else { throw Invalid(reason: "size \(bytes.count), expected \(word(24))") }
        guard !checkingContents || ImageHash.contentHash(UnsafeRawBufferPointer(rebasing: bytes[Layout.hashedFrom...])) == word(32) else {
            throw Invalid(reason: "contents do not match their hash")
        }
        func count(_ index: Int) -> Int { Int(truncatingIfNeeded: word(Layout.countsOffset + 8 * index)) }
        peopleCount = count(0)
        interactionCount = count(1)
        relationCount = count(2)
        reminderCount = count(3)
        interactionIDsAscend = count(4) & 1 != 0
        highestIDs = (0..<4).map { count(5 + $0) }

        // An array by raw value, not a dictionary: a dictionary keyed by `Section` costs a one-shot
        // question a scan of every protocol conformance in the binary (docs/performance.md).
        var sections: [UnsafeRawBufferPointer] = []
        sections.reserveCapacity(Section.allCases.count)
        for section in Section.allCases {
            let entry = Layout.directoryOffset + 16 * section.rawValue
            let offset = Int(truncatingIfNeeded: word(entry)), length = Int(truncatingIfNeeded: word(entry + 8))
            guard offset >= 0, length >= 0, offset % 8 == 0, offset <= bytes.count, length <= bytes.count - offset else {
                throw Invalid(reason: "section \(section) out of bounds")
            }
            sections.append(UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)]))
        }
        func column<T>(_ section: Section, _ type: T.Type, count expected: Int? = nil) throws -> UnsafeBufferPointer<T> {
            let raw = sections[section.rawValue]
            guard raw.count % MemoryLayout<T>.stride == 0 else { throw Invalid(reason: "section \(section) has a partial element") }
            let column = raw.bindMemory(to: T.self)
            if let expected, column.count != expected {
                throw Invalid(reason: "section \(section) has \(column.count) elements, expected \(expected)")
            }
            return column
        }
        let p = peopleCount, i = interactionCount, r = relationCount, m = reminderCount
        strings = try column(.strings, UInt8.self)
        personID = try column(.personID, Int32.self, count: p)
        personText = try column(.personText, UInt64.self, count: p * PersonText.allCases.count)
        personBirthday = try column(.personBirthday, Int64.self, count: p)
        personCadence = try column(.personCadence, Int64.self, count: p)
        personAdded = try column(.personAdded, Int32.self, count: p)
        aliasStart = try column(.aliasStart, UInt32.self, count: p + 1)
        aliases = try column(.aliases, UInt64.self, count: Int(aliasStart[p]))
        tagStart = try column(.tagStart, UInt32.self, count: p + 1)
        tags = try column(.tags, UInt64.self, count: Int(tagStart[p]))
        noteStart = try column(.noteStart, UInt32.self, count: p + 1)
        noteDate = try column(.noteDate, Int32.self, count: Int(noteStart[p]))
        noteText = try column(.noteText, UInt64.self, count: Int(noteStart[p]))
        peopleByName = try column(.peopleByName, UInt32.self, count: p)
        interactionID = try column(.interactionID, Int32.self, count: i)
        interactionDate = try column(.interactionDate, Int32.self, count: i)
        interactionChannel = try column(.interactionChannel, UInt8.self, count: i)
        interactionTopic = try column(.interactionTopic, UInt64.self, count: i)
        participantStart = try column(.participantStart, UInt32.self, count: i + 1)
        participants = try column(.participants, Int32.self, count: Int(participantStart[i]))
        interactionByID = try column(.interactionByID, UInt32.self, count: interactionIDsAscend ? 0 : i)
        let channels = try column(.channels, UInt64.self)
        relationID = try column(.relationID, Int32.self, count: r)
        relationPerson = try column(.relationPerson, Int32.self, count: r)
        relationOther = try column(.relationOther, Int32.self, count: r)
        relationKind = try column(.relationKind, UInt64.self, count: r)
        reminderID = try column(.reminderID, Int32.self, count: m)
        reminderDue = try column(.reminderDue, Int32.self, count: m)
        reminderPerson = try column(.reminderPerson, Int64.self, count: m)
        reminderText = try column(.reminderText, UInt64.self, count: m)
        reminderRecurrence = try column(.reminderRecurrence, UInt64.self, count: m)
        reminderDone = try column(.reminderDone, UInt8.self, count: m)

        func postings(_ keys: Section, _ start: Section, _ rows: Section) throws -> Postings<Int32> {
            let k = try column(keys, Int32.self)
            let s = try column(start, UInt32.self, count: k.count + 1)
            return Postings(keys: k, start: s, rows: try column(rows, UInt32.self, count: Int(s[k.count])))
        }
        func keyTable(_ keys: Section, _ start: Section, _ rows: Section) throws -> KeyTable {
            let k = try column(keys, UInt64.self)
            let s = try column(start, UInt32.self, count: k.count + 1)
            return KeyTable(keys: k, start: s, rows: try column(rows, UInt32.self, count: Int(s[k.count])))
        }
        personInteractions = try postings(.personInteractionKeys, .personInteractionStart, .personInteractionRows)
        personRelations = try postings(.personRelationKeys, .personRelationStart, .personRelationRows)
        nameIndex = try keyTable(.nameIndexKeys, .nameIndexStart, .nameIndexRows)
        nameFlags = try column(.nameFlags, UInt8.self, count: nameIndex.rows.count)
        nameKeysBeyondASCII = try column(.nameKeysBeyondASCII, UInt32.self)
        tagIndex = try keyTable(.tagIndexKeys, .tagIndexStart, .tagIndexRows)
        orgIndex = try keyTable(.orgIndexKeys, .orgIndexStart, .orgIndexRows)
        placeIndex = try keyTable(.placeIndexKeys, .placeIndexStart, .placeIndexRows)

        // The only strings read eagerly; every other string is checked as it is read.
        var names: [String] = []
        for ref in channels { names.append(try Self.checkedString(ref, in: strings)) }
        channelNames = names
        channelRefs = Array(channels)
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

    private static func checkedString(_ ref: StringRef, in strings: UnsafeBufferPointer<UInt8>) throws -> String {
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
    static let absent = UInt64.max
}

/// The fixed part of the image: magic number, version, size, content hash, counts and the
/// section table. All numbers are little-endian.
enum Layout {
    /// "KITHGRPH".
    static let magic: UInt64 = 0x4850_5247_4854_494B
    /// Raised whenever the layout changes; an image of another version is rebuilt.
    static let version: UInt64 = 2
    /// The hash covers everything after the hash field itself.
    static let hashedFrom = 40
    static let countsOffset = 40
    /// people, interactions, relations, reminders, flags, four highest ids, three spare.
    static let countSlots = 12
    static let directoryOffset = countsOffset + 8 * countSlots

    static func headerSize(sections: Int) -> Int { directoryOffset + 16 * sections }
}

/// The image's sections, in the order of the section table. Column sections hold one element
/// per record, in record order: people, relations and reminders by id, interactions by
/// (date, id).
enum Section: Int, CaseIterable {
    case strings
    case personID, personText, personBirthday, personCadence, personAdded
    case aliasStart, aliases, tagStart, tags, noteStart, noteDate, noteText
    case peopleByName
    case interactionID, interactionDate, interactionChannel, interactionTopic
    case participantStart, participants, interactionByID, channels
    case personInteractionKeys, personInteractionStart, personInteractionRows
    case relationID, relationPerson, relationOther, relationKind
    case personRelationKeys, personRelationStart, personRelationRows
    case reminderID, reminderDue, reminderPerson, reminderText, reminderRecurrence, reminderDone
    case nameIndexKeys, nameIndexStart, nameIndexRows, nameFlags, nameKeysBeyondASCII
    case tagIndexKeys, tagIndexStart, tagIndexRows
    case orgIndexKeys, orgIndexStart, orgIndexRows
    case placeIndexKeys, placeIndexStart, placeIndexRows
}

/// A person's single-valued text fields, in the order of their slots in `personText`.
enum PersonText: Int, CaseIterable {
    case name, org, title, place, email, phone, howMet
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
