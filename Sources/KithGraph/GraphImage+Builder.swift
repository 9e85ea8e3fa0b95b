#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import KithTime

extension GraphImage {
    /// Why a set of records cannot be laid out as an image; such a graph is kept in ordinary
    /// dictionaries instead (slower to load, the same answers).
    public struct Unrepresentable: Error, CustomStringConvertible {
        public let reason: String
        public var description: String { "cannot lay out the graph as an image: \(reason)" }
    }

    /// Collects records, in any order, and lays them out as an image with every index built.
    ///
    /// Records with the same id replace each other, the last one added winning, exactly as a
    /// series of `put` operations would. The builder takes strings as UTF-8 bytes so that a
    /// reader can feed it straight from a file without making a Swift value per field: a reader
    /// appends to `columns` (generated from schema/store.schema, one array per field) directly;
    /// `add(_:)` takes model values.
    ///
    /// Ids, days and years must fit in 32 bits, and an interned field may have at most 255
    /// distinct values; `build()` throws `Unrepresentable` otherwise.
    public struct Builder: Sendable {
        /// A string added with `string(_:)`: its offset and length in the builder's text.
        public typealias StringRef = UInt64

        var blob: [UInt8] = []
        @usableFromInline var problem: String?
        public var columns = BuilderColumns()

        public init() {}

        /// Room for about this many records, to avoid regrowing while reading a big store.
        public mutating func reserve(people: Int, interactions: Int, textBytes: Int) {
            HugePages.reserve(&blob, textBytes)
            columns.reserve(.person, people)
            columns.reserve(.interaction, interactions)
        }

        // MARK: - Strings

        /// The absent optional string.
        public static let noString: StringRef = .absent

        public mutating func string(_ text: String) -> StringRef {
            var text = text
            return text.withUTF8 { string(UnsafeRawBufferPointer($0)) }
        }

        public mutating func string(_ bytes: UnsafeRawBufferPointer) -> StringRef {
            let start = blob.count
            blob.append(contentsOf: bytes.assumingMemoryBound(to: UInt8.self))
            return ref(start, blob.count)
        }

        /// Where the next string's bytes start; add them with `appendText`, then `endString`.
        public var textLength: Int { blob.count }

        public mutating func appendText(_ bytes: UnsafeRawBufferPointer) { blob.append(contentsOf: bytes) }

        public mutating func appendText(_ byte: UInt8) { blob.append(byte) }

        public mutating func endString(startingAt start: Int) -> StringRef { ref(start, blob.count) }

        private mutating func ref(_ start: Int, _ end: Int) -> StringRef {
            guard end <= Int(UInt32.max) else {
                problem = problem ?? "more than 4 GB of text"
                return 0
            }
            return UInt64(start) << 32 | UInt64(end - start)
        }

        // MARK: - Column elements

        /// An id or a day as its column's 32 bits (`Int32.min` is the absent value). Inlinable:
        /// a reader in another module calls it for every id and day of a store.
        @inlinable @inline(__always)
        public mutating func narrow(_ value: Int, _ what: StaticString) -> Int32 {
            if let narrow = Int32(exactly: value), narrow != .min { return narrow }
            return tooWide(value, what)
        }

        @usableFromInline mutating func tooWide(_ value: Int, _ what: StaticString) -> Int32 {
            problem = problem ?? "\(what) (\(value)) beyond 32 bits"
            return 0
        }

        /// An integer as its column's 64 bits (`Int64.min` is the absent value).
        public mutating func wide(_ value: Int?) -> Int64 {
            guard let value else { return .min }
            if value == Int(Int64.min) { problem = problem ?? "an integer of Int.min" }
            return Int64(value)
        }

        /// A birthday as its column's word (`GraphImage.code`).
        public mutating func birthdayCode(_ birthday: MonthDay?) -> Int64 {
            if let code = GraphImage.code(birthday) { return code }
            problem = problem ?? "a birthday year beyond 32 bits"
            return .min
        }

        /// Appends string references from another builder's text, which follows this one's by `shift`.
        static func appendStrings(_ refs: inout [UInt64], _ more: [UInt64], shift: UInt64) {
            refs.reserveCapacity(refs.count + more.count)
            for ref in more { refs.append(ref == .absent ? ref : ref &+ shift) }
        }

        /// Appends list ends from another builder, whose items follow `count` items here.
        static func appendEnds(_ ends: inout [UInt32], _ more: [UInt32], after count: Int) {
            ends.reserveCapacity(ends.count + more.count)
            let offset = UInt32(truncatingIfNeeded: count)
            for end in more { ends.append(end &+ offset) }
        }

        // MARK: - Joining

        /// Adds `other`'s records after this builder's, as if they had been added to this one in
        /// the same order: its strings follow this builder's text, its interned names are
        /// interned here. A reader joins builders only between records.
        public mutating func append(_ other: Builder) {
            if problem == nil { problem = other.problem }
            let shift = UInt64(blob.count) << 32
            if blob.count + other.blob.count > Int(UInt32.max) { problem = problem ?? "more than 4 GB of text" }
            blob.append(contentsOf: other.blob)
            columns.append(other.columns, textShift: shift, problem: &problem)
        }

        // MARK: - Building

        /// How many records of each kind were added (by `RecordKind.slot`), repeated ids
        /// included: more than the built image holds when an id repeated.
        public var addedCounts: [Int] { columns.addedCounts }

        /// Whether the build is big enough to share out between two threads: a small store's
        /// image (and the empty one) is built in less time than starting the threads takes.
        var isWorthTwoThreads: Bool { blob.count + 32 * columns.interactionID.count >= 1 << 20 }

        /// Lays out every record added so far with its indexes.
        /// - Throws: `Unrepresentable` when a value does not fit the layout.
        public mutating func build() throws -> GraphImage {
            if let problem { throw Unrepresentable(reason: problem) }
            var layout = LayoutWriter(parallel: isWorthTwoThreads)
            try layOut(&layout)
            // Bytes just written and hashed here: hashing them again to check them would cost
            // 4–8 ms on the large store.
            return try GraphImage(layout.finish(), checkingContents: false)
        }
    }

    /// A string field with few distinct values (an interaction's channel), kept as an index into a
    /// table of them.
    public struct InternedColumn: Sendable {
        /// Each record's value, as an index into `names`.
        public var values: [UInt8] = []
        /// The distinct values' UTF-8, in the order first met.
        public var names: [[UInt8]] = []
        /// Short names (up to eight bytes) as one word with their length and index, for a reader
        /// that meets the same few names millions of times.
        public var recent: [(word: UInt64, length: Int, index: UInt8)] = []

        public init() {}

        /// Adds a record's value (its name's index, the name added if new); false when there are
        /// 255 names already.
        public mutating func add(_ value: String) -> Bool {
            var value = value
            let index = value.withUTF8 { self.index(of: UnsafeRawBufferPointer($0)) }
            values.append(index ?? 0)
            return index != nil
        }

        /// The index of the name, added if new; nil when there are 255 names already.
        public mutating func index(of bytes: UnsafeRawBufferPointer) -> UInt8? {
            for index in names.indices where names[index].count == bytes.count {
                let same = names[index].withUnsafeBytes { known in
                    bytes.isEmpty || memcmp(known.baseAddress!, bytes.baseAddress!, bytes.count) == 0
                }
                if same { return UInt8(index) }
            }
            guard names.count < 255 else { return nil }
            names.append(Array(bytes))
            return UInt8(names.count - 1)
        }

        /// `other`'s values appended after these, its names interned here.
        mutating func append(_ other: InternedColumn, problem: inout String?) {
            var map = [UInt8](repeating: 0, count: other.names.count)
            for (index, name) in other.names.enumerated() {
                guard let here = name.withUnsafeBytes({ self.index(of: $0) }) else {
                    problem = problem ?? "more than 255 distinct values of an interned field"
                    continue
                }
                map[index] = here
            }
            if map.enumerated().allSatisfy({ $0.offset == Int($0.element) }) {
                values.append(contentsOf: other.values)
            } else {
                values.reserveCapacity(values.count + other.values.count)
                for value in other.values { values.append(map[Int(value)]) }
            }
        }
    }
}

// MARK: - Laying out

extension GraphImage.Builder {
    private mutating func layOut(_ out: inout LayoutWriter) throws {
        // Record order: people, relations and reminders by id; interactions by (date, id).
        // When ids repeat, the record added last wins.
        let orders = RecordOrders(columns)
        let people = orders.person.rowsOrAll

        // Folding names beyond ASCII on both cores first; then the key tables (names, tags,
        // organisations and places) on one thread while the other lays out the interactions and
        // sorts people by name: they share nothing.
        let parallel = isWorthTwoThreads
        let folds = KeyCollector.fold(KeyCollector.namesBeyondASCII(self), builder: self, parts: parallel ? 2 : 1)
        var keys = KeyCollector(text: [])
        var peopleByName: [UInt32] = []
        var keyTables: KeyCollector.Tables?
        var interactions: InteractionLayout?
        var byPerson: (keys: [Int32], start: [UInt32], rows: [UInt32])?
        Parallel.both(parallel, {
            keys = KeyCollector(text: blob)
            keys.use(folds)
            keys.collect(people: people, builder: self)
            keyTables = keys.tables()
        }, {
            let layout = InteractionLayout(columns, orders.interaction)
            byPerson = Self.interactionsByPerson(layout)
            interactions = layout
            peopleByName = KeyCollector.nameOrder(people: people, builder: self, folds: folds)
        })
        guard let keyTables, let interactions, let byPerson else { preconditionFailure("both halves of the layout ran") }
        let relations = RelationLayout(columns, orders.relation)
        let records = RecordLayouts(person: PersonLayout(columns, orders.person), interaction: interactions,
                                    relation: relations, reminder: ReminderLayout(columns, orders.reminder),
                                    phrase: PhraseLayout(columns, orders.phrase), event: EventLayout(columns, orders.event))

        out.counts = orders.counts
        out.strings = keys.text
        keys.text = []
        records.put(into: &out)

        out.put(.peopleByName, peopleByName)
        out.put(.personInteractionKeys, byPerson.keys)
        out.put(.personInteractionStart, byPerson.start)
        out.put(.personInteractionRows, byPerson.rows)

        let persons = relations.relationPerson, others = relations.relationOther
        let relationIndex = Self.postings(rows: persons.count) { row, emit in
            emit(persons[row])
            if others[row] != persons[row] { emit(others[row]) }
        }
        out.put(.personRelationKeys, relationIndex.keys)
        out.put(.personRelationStart, relationIndex.start)
        out.put(.personRelationRows, relationIndex.rows)

        out.put(.nameIndexKeys, keyTables.name.keys)
        out.put(.nameIndexStart, keyTables.name.start)
        out.put(.nameIndexRows, keyTables.name.rows)
        out.put(.nameFlags, keyTables.nameFlags)
        out.put(.nameKeysBeyondASCII, keyTables.nameBeyondASCII)
        out.put(.tagIndexKeys, keyTables.tag.keys)
        out.put(.tagIndexStart, keyTables.tag.start)
        out.put(.tagIndexRows, keyTables.tag.rows)
        out.put(.orgIndexKeys, keyTables.org.keys)
        out.put(.orgIndexStart, keyTables.org.start)
        out.put(.orgIndexRows, keyTables.org.rows)
        out.put(.placeIndexKeys, keyTables.place.keys)
        out.put(.placeIndexStart, keyTables.place.start)
        out.put(.placeIndexRows, keyTables.place.rows)
    }

    /// Each person's interaction rows, in row order: (date, id).
    private static func interactionsByPerson(_ layout: InteractionLayout) -> (keys: [Int32], start: [UInt32], rows: [UInt32]) {
        let starts = layout.interactionPeopleStart, flat = layout.interactionPeople
        return postings(rows: layout.interactionID.count) { row, emit in
            let low = Int(starts[row]), high = Int(starts[row + 1])
            for index in low..<high {
                let person = flat[index]
                // An interaction lists a person once in the index, however often it names them.
                if !flat[low..<index].contains(person) { emit(person) }
            }
        }
    }

    /// Input positions of the records to keep, ordered by id; of several with one id, the last.
    static func lastByID(_ ids: [Int32]) -> [Int] {
        var ascending = true
        var index = 1
        while index < ids.count {
            if ids[index - 1] >= ids[index] { ascending = false; break }
            index += 1
        }
        if ascending { return Array(ids.indices) }
        // Sort (id, position) and keep the last position of each id.
        let order = RadixSort.order(ids.indices.map { UInt64(RadixSort.bias(ids[$0])) << 32 | UInt64($0) })
        var kept: [Int] = []
        kept.reserveCapacity(ids.count)
        for (k, position) in order.enumerated() where k + 1 == order.count || ids[order[k + 1]] != ids[position] {
            kept.append(position)
        }
        return kept
    }

    /// A postings index: for each row, the keys it belongs under (`emit`); rows come out
    /// ascending under each key, keys ascending.
    static func postings(rows: Int, _ keysOf: (Int, (Int32) -> Void) -> Void) -> (keys: [Int32], start: [UInt32], rows: [UInt32]) {
        var pairs: [UInt64] = []
        pairs.reserveCapacity(rows + rows / 4)
        var low = Int32.max, high = Int32.min
        for row in 0..<rows {
            keysOf(row) { key in
                pairs.append(UInt64(RadixSort.bias(key)) << 32 | UInt64(row))
                low = min(low, key)
                high = max(high, key)
            }
        }
        guard !pairs.isEmpty else { return ([], [0], []) }
        // A counting sort when keys are dense (person ids usually are), else a radix sort.
        let span = Int(high) - Int(low) + 1
        var keys: [Int32] = [], start: [UInt32] = [0], out: [UInt32] = []
        out.reserveCapacity(pairs.count)
        if span <= 4 * pairs.count + 1024 {
            var counts = [UInt32](repeating: 0, count: span + 1)
            for pair in pairs { counts[Int(RadixSort.unbias(UInt32(pair >> 32))) - Int(low) + 1] += 1 }
            var positions = [UInt32](repeating: 0, count: span + 1)
            for k in 0..<span {
                positions[k + 1] = positions[k] + counts[k + 1]
                if counts[k + 1] > 0 {
                    keys.append(Int32(k + Int(low)))
                    start.append(positions[k + 1])
                }
            }
            out = [UInt32](repeating: 0, count: pairs.count)
            for pair in pairs {
                let slot = Int(RadixSort.unbias(UInt32(pair >> 32))) - Int(low)
                out[Int(positions[slot])] = UInt32(truncatingIfNeeded: pair)
                positions[slot] += 1
            }
        } else {
            let order = RadixSort.sorted(pairs)
            for pair in order {
                let key = RadixSort.unbias(UInt32(pair >> 32))
                if keys.last != key {
                    if !keys.isEmpty { start.append(UInt32(out.count)) }
                    keys.append(key)
                }
                out.append(UInt32(truncatingIfNeeded: pair))
            }
            start.append(UInt32(out.count))
        }
        return (keys, start, out)
    }
}

/// The order of one kind's records in an image: which records added to a builder are kept, and
/// in which order their rows go.
struct RowOrder {
    /// Input positions of the kept records, in row order; nil when that is every record in the
    /// order added.
    var rows: [Int]?
    var count: Int
    /// Whether the ids rise with the rows, so the id column is its own index.
    var idsAscend: Bool
    /// For a kind whose rows are not in id order: the rows sorted by id (else empty).
    var byID: [UInt32]
    var highestID: Int32

    /// The input positions in row order.
    var rowsOrAll: [Int] { rows ?? Array(0..<count) }

    /// Records by id; of several with one id, the last added.
    static func byID(_ ids: [Int32]) -> RowOrder {
        var ascending = true
        var index = 1
        while index < ids.count {
            if ids[index - 1] >= ids[index] { ascending = false; break }
            index += 1
        }
        if ascending { return RowOrder(rows: nil, count: ids.count, idsAscend: true, byID: [], highestID: ids.last ?? 0) }
        let kept = GraphImage.Builder.lastByID(ids)
        return RowOrder(rows: kept, count: kept.count, idsAscend: true, byID: [], highestID: kept.last.map { ids[$0] } ?? 0)
    }

    /// Records by (day, id); of several with one id, the last added.
    static func byDayThenID(days: [Int32], ids: [Int32]) -> RowOrder {
        let n = ids.count
        var sortedInput = true
        var index = 1
        while index < n {
            if ids[index - 1] >= ids[index] || days[index - 1] > days[index] {
                sortedInput = false
                break
            }
            index += 1
        }
        if sortedInput { return RowOrder(rows: nil, count: n, idsAscend: true, byID: [], highestID: ids.last ?? 0) }
        let kept = GraphImage.Builder.lastByID(ids)
        let rows = RadixSort.order(kept.map {
            UInt64(RadixSort.bias(days[$0])) << 32 | UInt64(RadixSort.bias(ids[$0]))
        }).map { kept[$0] }
        var ascending = true
        for k in rows.indices.dropFirst() where ids[rows[k - 1]] >= ids[rows[k]] {
            ascending = false
            break
        }
        var byID: [UInt32] = []
        if !ascending {
            byID = RadixSort.order(rows.indices.map { UInt64(RadixSort.bias(ids[rows[$0]])) << 32 | UInt64($0) })
                .map { UInt32($0) }
        }
        return RowOrder(rows: rows, count: rows.count, idsAscend: ascending, byID: byID,
                        highestID: kept.map { ids[$0] }.max() ?? 0)
    }

    /// A column in row order.
    func gather<T>(_ column: [T]) -> [T] {
        guard let rows else { return column }
        return rows.map { column[$0] }
    }

    /// A list column's starts in row order (one more than the rows), from its ends as added.
    func starts(_ end: [UInt32]) -> [UInt32] {
        var starts: [UInt32] = []
        starts.reserveCapacity(count + 1)
        starts.append(0)
        guard let rows else {
            starts.append(contentsOf: end)
            return starts
        }
        var total: UInt32 = 0
        for input in rows {
            total += end[input] - (input == 0 ? 0 : end[input - 1])
            starts.append(total)
        }
        return starts
    }

    /// A list column's items in row order.
    func items<T>(_ items: [T], end: [UInt32]) -> [T] {
        guard let rows else { return items }
        var out: [T] = []
        out.reserveCapacity(items.count)
        for input in rows {
            let low = input == 0 ? 0 : Int(end[input - 1]), high = Int(end[input])
            out.append(contentsOf: items[low..<high])
        }
        return out
    }
}

/// Writes sections one after another, 8-byte aligned, then the header with the hash.
struct LayoutWriter {
    var counts: [Int] = []
    var strings: [UInt8] = []
    /// Each section's length and how to copy it into place (the arrays are kept, not copied),
    /// by `Section.rawValue`: a dictionary keyed by `Section` would cost a scan of the binary's
    /// conformance records (docs/performance.md).
    private var sections: [(count: Int, write: (UnsafeMutableRawPointer) -> Void)?] =
        Array(repeating: nil, count: Layout.sectionCount)
    private var extraStrings: [UInt8] = []
    /// Whether the copies are shared out between two threads.
    let parallel: Bool

    init(parallel: Bool) {
        self.parallel = parallel
    }

    /// Adds a string after the records' text (the builder's text is final by then).
    mutating func appendString(_ bytes: [UInt8]) -> UInt64 {
        let start = strings.count + extraStrings.count
        extraStrings += bytes
        return UInt64(start) << 32 | UInt64(bytes.count)
    }

    mutating func put<T>(_ section: Section, _ values: [T]) { put(slot: section.rawValue, values) }

    mutating func put<T>(_ section: ColumnSection, _ values: [T]) { put(slot: Layout.slot(section), values) }

    private mutating func put<T>(slot: Int, _ values: [T]) {
        sections[slot] = (values.count * MemoryLayout<T>.stride, { target in
            values.withUnsafeBytes { if let base = $0.baseAddress { target.copyMemory(from: base, byteCount: $0.count) } }
        })
    }

    mutating func finish() -> GraphImage.Storage {
        let strings = self.strings, extraStrings = self.extraStrings
        sections[Section.strings.rawValue] = (strings.count + extraStrings.count, { target in
            strings.withUnsafeBytes { if let base = $0.baseAddress { target.copyMemory(from: base, byteCount: $0.count) } }
            extraStrings.withUnsafeBytes {
                if let base = $0.baseAddress { (target + strings.count).copyMemory(from: base, byteCount: $0.count) }
            }
        })
        self.strings = []
        self.extraStrings = []
        let slots = Layout.sectionCount
        let header = Layout.headerSize(sections: slots)
        var offsets: [(Int, Int)] = []
        var size = (header + 7) / 8 * 8
        for slot in 0..<slots {
            let length = sections[slot]?.count ?? 0
            offsets.append((size, length))
            size = (size + length + 7) / 8 * 8
        }
        let block = HugePages.allocate(byteCount: max(size, 8))
        // Zeros where no section is copied: the header's room and each section's padding.
        block.baseAddress!.initializeMemory(as: UInt8.self, repeating: 0, count: min(max(size, 8), offsets.first?.0 ?? size))
        for (offset, length) in offsets where (offset + length) % 8 != 0 {
            (block.baseAddress! + offset + length).initializeMemory(as: UInt8.self, repeating: 0, count: 8 - (offset + length) % 8)
        }
        func word(_ offset: Int, _ value: UInt64) { block.storeBytes(of: value.littleEndian, toByteOffset: offset, as: UInt64.self) }
        word(0, Layout.magic)
        word(8, Layout.version)
        word(16, UInt64(slots))
        word(24, UInt64(size))
        for (index, count) in counts.enumerated() { word(Layout.countsOffset + 8 * index, UInt64(bitPattern: Int64(count))) }
        for slot in 0..<slots {
            let (offset, length) = offsets[slot]
            word(Layout.directoryOffset + 16 * slot, UInt64(offset))
            word(Layout.directoryOffset + 16 * slot + 8, UInt64(length))
        }
        // The copies, biggest first, shared out between two threads by bytes.
        var halves: [[(Int, (UnsafeMutableRawPointer) -> Void)]] = [[], []]
        var loads = [0, 0]
        for slot in (0..<slots).sorted(by: { (sections[$0]?.count ?? 0) > (sections[$1]?.count ?? 0) }) {
            guard let (length, write) = sections[slot], length > 0 else { continue }
            let half = loads[0] <= loads[1] ? 0 : 1
            halves[half].append((offsets[slot].0, write))
            loads[half] += length
        }
        let target = UncheckedSendable(block.baseAddress!), work = UncheckedSendable(halves)
        Parallel.both(parallel, {
            for (offset, write) in work.value[0] { write(target.value + offset) }
        }, {
            for (offset, write) in work.value[1] { write(target.value + offset) }
        })
        sections = Array(repeating: nil, count: slots)
        let all = UnsafeRawBufferPointer(rebasing: block[..<size])
        word(32, ImageHash.contentHash(UnsafeRawBufferPointer(rebasing: all[Layout.hashedFrom...])))
        return GraphImage.Storage(bytes: all) { _ in HugePages.deallocate(block) }
    }
}

/// Big blocks in 2 MiB pages where the system has them (Linux's transparent huge pages, when
/// asked for with `madvise`): the first touch of each then costs one page fault instead of 512,
/// which is most of the cost of filling a fresh 100 MB block.
enum HugePages {
    static let size = 2 << 20

    static func allocate(byteCount: Int) -> UnsafeMutableRawBufferPointer {
        #if os(Linux)
        if byteCount >= 2 * size {
            var pointer: UnsafeMutableRawPointer?
            if posix_memalign(&pointer, size, byteCount) == 0, let pointer {
                advise(pointer, byteCount)
                return UnsafeMutableRawBufferPointer(start: pointer, count: byteCount)
            }
        }
        #endif
        return UnsafeMutableRawBufferPointer.allocate(byteCount: byteCount, alignment: 16)
    }

    static func deallocate(_ block: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
        if block.count >= 2 * size {
            free(block.baseAddress)
            return
        }
        #endif
        block.deallocate()
    }

    /// Reserves room for `count` elements, in huge pages when that is at least 4 MiB.
    static func reserve<T>(_ array: inout [T], _ count: Int) {
        array.reserveCapacity(count)
        let bytes = array.capacity * MemoryLayout<T>.stride
        guard bytes >= 2 * size else { return }
        array.withUnsafeMutableBufferPointer { buffer in
            if let base = buffer.baseAddress { advise(UnsafeMutableRawPointer(base), bytes) }
        }
    }

    /// Asks for huge pages for the whole 2 MiB pages inside `count` bytes from `start`.
    static func advise(_ start: UnsafeMutableRawPointer, _ count: Int) {
        #if os(Linux)
        let low = (Int(bitPattern: start) + size - 1) & ~(size - 1)
        let high = (Int(bitPattern: start) + count) & ~(size - 1)
        if high > low { _ = madvise(UnsafeMutableRawPointer(bitPattern: low), high - low, MADV_HUGEPAGE) }
        #endif
    }
}

/// Runs work on two threads at once.
enum Parallel {
    /// Runs `first` and `second` at the same time, on two threads when the machine has them,
    /// and returns when both are done; one after the other when not `parallel`. They must not
    /// touch the same mutable state.
    static func both(_ parallel: Bool = true, _ first: () -> Void, _ second: () -> Void) {
        guard parallel else {
            first()
            second()
            return
        }
        withoutActuallyEscaping(first) { first in
            withoutActuallyEscaping(second) { second in
                let jobs = UncheckedSendable((first, second))
                DispatchQueue.concurrentPerform(iterations: 2) { job in
                    if job == 0 { jobs.value.0() } else { jobs.value.1() }
                }
            }
        }
    }
}

/// LSD radix sort of 64-bit keys, 16 bits a pass, skipping passes where every key agrees.
enum RadixSort {
    /// Maps Int32 to UInt32 keeping the order.
    static func bias(_ value: Int32) -> UInt32 { UInt32(bitPattern: value) ^ 0x8000_0000 }
    static func unbias(_ value: UInt32) -> Int32 { Int32(bitPattern: value ^ 0x8000_0000) }

    /// Below this many keys a comparison sort beats clearing the 65,536 counters of a pass.
    static let threshold = 8192

    static func sorted(_ keys: [UInt64]) -> [UInt64] {
        if keys.count < threshold { return keys.sorted() }
        var keys = keys
        var scratch = [UInt64](repeating: 0, count: keys.count)
        var counts = [Int](repeating: 0, count: 65537)
        for shift in stride(from: 0, to: 64, by: 16) {
            for index in counts.indices { counts[index] = 0 }
            for key in keys { counts[Int((key >> UInt64(shift)) & 0xFFFF) + 1] += 1 }
            if counts.contains(keys.count) { continue }
            for index in 1..<counts.count { counts[index] += counts[index - 1] }
            for key in keys {
                let digit = Int((key >> UInt64(shift)) & 0xFFFF)
                scratch[counts[digit]] = key
                counts[digit] += 1
            }
            swap(&keys, &scratch)
        }
        return keys
    }

    /// The positions of `keys` in ascending key order (ties keep their order).
    static func order(_ keys: [UInt64]) -> [Int] {
        if keys.count < threshold { return keys.indices.sorted { (keys[$0], $0) < (keys[$1], $1) } }
        var positions = Array(keys.indices)
        var scratch = positions
        var counts = [Int](repeating: 0, count: 65537)
        for shift in stride(from: 0, to: 64, by: 16) {
            for index in counts.indices { counts[index] = 0 }
            for position in positions { counts[Int((keys[position] >> UInt64(shift)) & 0xFFFF) + 1] += 1 }
            if counts.contains(keys.count) { continue }
            for index in 1..<counts.count { counts[index] += counts[index - 1] }
            for position in positions {
                let digit = Int((keys[position] >> UInt64(shift)) & 0xFFFF)
                scratch[counts[digit]] = position
                counts[digit] += 1
            }
            swap(&positions, &scratch)
        }
        return positions
    }
}

