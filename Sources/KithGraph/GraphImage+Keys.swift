#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// Builds an image's key tables (names, tags, organisations, places) and its name order, from
/// the builder's records. Keys are folded exactly as `Graph` folds them (`fold`, `Graph.tagKey`)
/// and ordered by their UTF-8 bytes (`KeyOrder`); a fold is in one normal form, so keys that
/// `String` considers equal have the same bytes and share one entry, and a lookup finds what a
/// `[String: …]` dictionary would.
struct KeyCollector {
    /// The builder's text followed by the folded keys.
    var text: [UInt8]
    private var names: [Entry] = []
    private var tags: [Entry] = []
    private var orgs: [Entry] = []
    private var places: [Entry] = []
    /// `fold` of the names and aliases beyond ASCII, by their reference (`foldNames`).
    private var folded: [UInt64: String] = [:]

    private struct Entry {
        var key: UInt64
        var row: UInt32
        var flags: UInt8
    }

    struct Table {
        var keys: [UInt64] = []
        var start: [UInt32] = [0]
        var rows: [UInt32] = []
    }

    init(text: [UInt8]) {
        self.text = text
    }

    /// The names and aliases beyond ASCII, whose folding is most of the cost of collecting keys:
    /// `fold(_:builder:parts:)` folds them on both threads before `collect`.
    static func namesBeyondASCII(_ builder: GraphImage.Builder) -> [UInt64] {
        builder.blob.withUnsafeBufferPointer { blob in
            var refs: [UInt64] = []
            for name in builder.columns.personName where !KeyOrder.isASCII(slice(blob, name)) { refs.append(name) }
            for alias in builder.columns.personAliases where !KeyOrder.isASCII(slice(blob, alias)) { refs.append(alias) }
            return refs
        }
    }

    /// `fold` of the texts at `refs` (in the builder's text), in `parts` parts at once.
    static func fold(_ refs: [UInt64], builder: GraphImage.Builder, parts: Int) -> [[UInt64: String]] {
        var results = [[UInt64: String]](repeating: [:], count: parts)
        builder.blob.withUnsafeBufferPointer { blob in
            results.withUnsafeMutableBufferPointer { results in
                let shared = UncheckedSendable((blob, results, refs))
                let foldPart = { @Sendable (part: Int) in
                    let (blob, results, refs) = shared.value
                    var folded: [UInt64: String] = [:]
                    for ref in refs[(refs.count * part / parts)..<(refs.count * (part + 1) / parts)] {
                        folded[ref] = KithGraph.fold(String(decoding: slice(blob, ref), as: UTF8.self))
                    }
                    results[part] = folded
                }
                if parts == 1 { foldPart(0) } else { DispatchQueue.concurrentPerform(iterations: parts, execute: foldPart) }
            }
        }
        return results
    }

    /// Folds to use for names and aliases beyond ASCII, made by `fold(_:builder:parts:)`.
    mutating func use(_ folds: [[UInt64: String]]) {
        for part in folds { folded.merge(part) { a, _ in a } }
    }

    mutating func collect(people: [Int], builder: GraphImage.Builder) {
        names.reserveCapacity(people.count * 3)
        builder.blob.withUnsafeBufferPointer { blob in
            var caches = FoldCaches()
            let columns = builder.columns
            for (row, input) in people.enumerated() {
                let row = UInt32(row)
                if let full = fold(columns.personName[input], blob) {
                    names.append(Entry(key: full, row: row, flags: NameKeyRole.fullName))
                    let (first, last) = words(full)
                    names.append(Entry(key: first, row: row, flags: NameKeyRole.firstName))
                    if let last { names.append(Entry(key: last, row: row, flags: NameKeyRole.lastName)) }
                }
                let aliasLow = input == 0 ? 0 : Int(columns.personAliasesEnd[input - 1])
                for alias in columns.personAliases[aliasLow..<Int(columns.personAliasesEnd[input])] {
                    if let key = fold(alias, blob) { names.append(Entry(key: key, row: row, flags: NameKeyRole.alias)) }
                }
                let tagLow = input == 0 ? 0 : Int(columns.personTagsEnd[input - 1])
                for tag in columns.personTags[tagLow..<Int(columns.personTagsEnd[input])] {
                    let key = caches.key(Self.slice(blob, tag), tags: true) { append(Graph.tagKey($0)) }
                    if key & 0xFFFF_FFFF != 0 { tags.append(Entry(key: key, row: row, flags: 0)) }
                }
                let org = columns.personOrg[input]
                if org != .absent {
                    let key = caches.key(Self.slice(blob, org), tags: false) { append(KithGraph.fold($0)) }
                    if key & 0xFFFF_FFFF != 0 { orgs.append(Entry(key: key, row: row, flags: 0)) }
                }
                let place = columns.personPlace[input]
                if place != .absent {
                    let key = caches.key(Self.slice(blob, place), tags: false) { append(KithGraph.fold($0)) }
                    if key & 0xFFFF_FFFF != 0 { places.append(Entry(key: key, row: row, flags: 0)) }
                }
            }
        }
    }

    /// The folded key already made for a raw tag, organisation or place. ASCII text is looked up
    /// by its bytes; other text as a `String`, so that canonically equal spellings share a key.
    private struct FoldCaches {
        struct Bytes: Hashable {
            let bytes: UnsafeBufferPointer<UInt8>
            static func == (a: Bytes, b: Bytes) -> Bool { KeyOrder.compare(a.bytes, b.bytes) == 0 }
            func hash(into hasher: inout Hasher) { hasher.combine(bytes: UnsafeRawBufferPointer(bytes)) }
        }
        var asciiTags: [Bytes: UInt64] = [:]
        var asciiFolds: [Bytes: UInt64] = [:]
        var tags: [String: UInt64] = [:]
        var folds: [String: UInt64] = [:]

        mutating func key(_ raw: UnsafeBufferPointer<UInt8>, tags isTag: Bool, make: (String) -> UInt64) -> UInt64 {
            if KeyOrder.isASCII(raw) {
                let bytes = Bytes(bytes: raw)
                if let key = isTag ? asciiTags[bytes] : asciiFolds[bytes] { return key }
                let key = make(String(decoding: raw, as: UTF8.self))
                if isTag { asciiTags[bytes] = key } else { asciiFolds[bytes] = key }
                return key
            }
            let string = String(decoding: raw, as: UTF8.self)
            if let key = isTag ? tags[string] : folds[string] { return key }
            let key = make(string)
            if isTag { tags[string] = key } else { folds[string] = key }
            return key
        }
    }

    /// Rows sorted by (folded name, name, id) — `NameSortKey`'s order, which `Graph.peopleByName`
    /// keeps too — all compared by their UTF-8 bytes. `people` is in id order; `folds` holds the
    /// folds of the names beyond ASCII, as `fold(_:builder:parts:)` made them.
    static func nameOrder(people: [Int], builder: GraphImage.Builder, folds: [[UInt64: String]]) -> [UInt32] {
        let nameRefs = builder.columns.personName
        return builder.blob.withUnsafeBufferPointer { all in
            let names = people.map { slice(all, nameRefs[$0]) }
            var folded: [UInt8] = []
            var ranges: [Range<Int>] = []
            ranges.reserveCapacity(people.count)
            for (index, name) in names.enumerated() {
                let start = folded.count
                if !appendFoldedASCII(name, to: &folded) {
                    folded.removeSubrange(start...)
                    let ref = nameRefs[people[index]]
                    folded += (folds.lazy.compactMap { $0[ref] }.first ?? KithGraph.fold(String(decoding: name, as: UTF8.self))).utf8
                }
                ranges.append(start..<folded.count)
            }
            let (byFold, foldCount) = folded.withUnsafeBufferPointer { f in
                KeyOrder.ranks(ranges.map { UnsafeBufferPointer(rebasing: f[$0]) })
            }
            let (byName, nameCount) = KeyOrder.ranks(names)
            // Stable sorts, least significant key first: id (the input order), name, fold.
            let byNameThenID = KeyOrder.countingSort(byName, nameCount, order: Array(people.indices))
            return KeyOrder.countingSort(byFold, foldCount, order: byNameThenID).map { UInt32($0) }
        }
    }

    typealias Tables = (name: Table, nameFlags: [UInt8], nameBeyondASCII: [UInt32], tag: Table, org: Table, place: Table)

    mutating func tables() -> Tables {
        let (name, nameFlags) = group(names)
        let beyond = text.withUnsafeBufferPointer { all in
            name.keys.indices.filter { Self.slice(all, name.keys[$0]).contains { $0 >= 0x80 } }.map { UInt32($0) }
        }
        return (name, nameFlags, beyond, group(tags).table, group(orgs).table, group(places).table)
    }

    /// Sorts entries by (key, row), makes one key of equal keys (they sort next to each other),
    /// and one row of a row repeated under a key, its roles merged (a
    /// person whose first and last names are the same word).
    private func group(_ entries: [Entry]) -> (table: Table, flags: [UInt8]) {
        var table = Table()
        var flags: [UInt8] = []
        let (ranks, rankCount) = text.withUnsafeBufferPointer { all in KeyOrder.ranks(entries.map { Self.slice(all, $0.key) }) }
        // Entries come in row order, so a stable counting sort by rank gives (key, row) order.
        let sorted = KeyOrder.countingSort(ranks, rankCount, order: Array(ranks.indices))
        var starts = [Int](repeating: 0, count: rankCount + 1)
        for rank in ranks { starts[Int(rank) + 1] += 1 }
        for rank in 0..<rankCount { starts[rank + 1] += starts[rank] }
        table.keys.reserveCapacity(rankCount)
        table.start.reserveCapacity(rankCount + 1)
        table.rows.reserveCapacity(entries.count)
        flags.reserveCapacity(entries.count)
        for rank in 0..<rankCount {
            let low = starts[rank], high = starts[rank + 1]
            table.keys.append(entries[sorted[low]].key)
            let groupStart = table.rows.count
            for index in sorted[low..<high] {
                let entry = entries[index]
                if table.rows.count > groupStart, table.rows.last == entry.row {
                    flags[flags.count - 1] |= entry.flags
                } else {
                    table.rows.append(entry.row)
                    flags.append(entry.flags)
                }
            }
            table.start.append(UInt32(table.rows.count))
        }
        return (table, flags)
    }

    // MARK: - Folding

    /// The folded form of a stored string (read from the builder's text, `blob`), appended to
    /// the text; nil when it folds to nothing.
    private mutating func fold(_ ref: UInt64, _ blob: UnsafeBufferPointer<UInt8>) -> UInt64? {
        let source = Self.slice(blob, ref)
        let start = text.count
        if !Self.appendFoldedASCII(source, to: &text) {
            text.removeSubrange(start...)
            _ = append(folded[ref] ?? KithGraph.fold(String(decoding: source, as: UTF8.self)))
        }
        let folded = UInt64(start) << 32 | UInt64(text.count - start)
        return text.count == start ? nil : folded
    }

    /// Appends `fold` of text that is all ASCII, without making a `String`; false (having
    /// appended part of it) when there is a byte beyond ASCII.
    static func appendFoldedASCII(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) -> Bool {
        let start = out.count
        var pendingSpace = false
        for byte in bytes {
            guard byte < 0x80 else { return false }
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                pendingSpace = out.count > start
                continue
            }
            if pendingSpace { out.append(0x20); pendingSpace = false }
            out.append((0x41...0x5A).contains(byte) ? byte + 0x20 : byte)
        }
        return true
    }

    /// `fold` for text that is all ASCII, without making a `String`: lowercase, runs of
    /// whitespace as one space, none at the ends. Nil when there is a byte beyond ASCII.
    static func foldASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        return appendFoldedASCII(bytes, to: &out) ? out : nil
    }

    /// The first word of a folded key and, when there are several, the last (as sub-strings).
    private func words(_ key: UInt64) -> (first: UInt64, last: UInt64?) {
        let offset = key >> 32, length = Int(key & 0xFFFF_FFFF)
        return text.withUnsafeBufferPointer { all in
            let bytes = Self.slice(all, key)
            guard let firstSpace = bytes.firstIndex(of: 0x20) else { return (key, nil) }
            let lastSpace = bytes.lastIndex(of: 0x20)!
            return (offset << 32 | UInt64(firstSpace), (offset + UInt64(lastSpace + 1)) << 32 | UInt64(length - lastSpace - 1))
        }
    }

    private mutating func append(_ string: String) -> UInt64 { append(Array(string.utf8)) }

    private mutating func append(_ bytes: [UInt8]) -> UInt64 {
        let start = text.count
        text += bytes
        return UInt64(start) << 32 | UInt64(bytes.count)
    }

    static func slice(_ all: UnsafeBufferPointer<UInt8>, _ ref: UInt64) -> UnsafeBufferPointer<UInt8> {
        let offset = Int(ref >> 32), length = Int(ref & 0xFFFF_FFFF)
        return UnsafeBufferPointer(rebasing: all[offset..<(offset + length)])
    }
}

/// Orders UTF-8 texts by their bytes: the order of the image's key tables and, through
/// `KeyCollector.nameOrder`, of its people by name (`NameSortKey`). Keys are folded, and a fold is
/// in one normal form, so keys `String` calls equal have equal bytes and share an entry. A radix
/// sort on the first eight bytes, then a comparison within the runs that agree on those.
enum KeyOrder {
    /// Each key's rank in byte order, keys with equal bytes sharing one, and the number of ranks.
    static func ranks(_ keys: [UnsafeBufferPointer<UInt8>]) -> (ranks: [UInt32], count: Int) {
        guard !keys.isEmpty else { return ([], 0) }
        let (classes, representatives) = distinct(keys)
        let distinctRanks = ranks(ofDistinct: representatives.map { keys[$0] })
        return (classes.map { distinctRanks.ranks[Int($0)] }, distinctRanks.count)
    }

    /// Positions 0..<ranks.count in `order`'s order, stably sorted by rank.
    static func countingSort(_ ranks: [UInt32], _ rankCount: Int, order: [Int]) -> [Int] {
        var next = [Int](repeating: 0, count: rankCount + 1)
        for rank in ranks { next[Int(rank) + 1] += 1 }
        for rank in 0..<rankCount { next[rank + 1] += next[rank] }
        var sorted = [Int](repeating: 0, count: ranks.count)
        for index in order {
            let rank = Int(ranks[index])
            sorted[next[rank]] = index
            next[rank] += 1
        }
        return sorted
    }

    /// Which keys have the same bytes: each key's class (numbered in order of first appearance)
    /// and the first key of each class.
    static func distinct(_ keys: [UnsafeBufferPointer<UInt8>]) -> (classes: [UInt32], representatives: [Int]) {
        var capacity = 16
        while capacity < 2 * keys.count { capacity <<= 1 }
        let mask = capacity - 1
        // Each slot: the key's hash (high half) and its class plus one (low half); zero is empty.
        var slots = [UInt64](repeating: 0, count: capacity)
        var classes = [UInt32](repeating: 0, count: keys.count)
        var representatives: [Int] = []
        for (index, key) in keys.enumerated() {
            let hash = hash(key)
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let entry = slots[slot]
                if entry == 0 {
                    representatives.append(index)
                    slots[slot] = UInt64(hash) << 32 | UInt64(representatives.count)
                    classes[index] = UInt32(representatives.count - 1)
                    break
                }
                let known = Int(entry & 0xFFFF_FFFF) - 1
                if UInt32(entry >> 32) == hash, compare(keys[representatives[known]], key) == 0 {
                    classes[index] = UInt32(known)
                    break
                }
                slot = (slot + 1) & mask
            }
        }
        return (classes, representatives)
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h = UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15
        if bytes.count >= 8 {
            let raw = UnsafeRawPointer(bytes.baseAddress!)
            var offset = 0
            while offset + 8 <= bytes.count {
                h = (h ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
                h ^= h >> 29
                offset += 8
            }
            h = (h ^ raw.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self)) &* 0x94D0_49BB_1331_11EB
        } else {
            h = (h ^ prefix(bytes)) &* 0xBF58_476D_1CE4_E5B9
        }
        h ^= h >> 31
        return UInt32(truncatingIfNeeded: h >> 16)
    }

    /// Ranks of keys with distinct bytes, in byte order.
    private static func ranks(ofDistinct keys: [UnsafeBufferPointer<UInt8>]) -> (ranks: [UInt32], count: Int) {
        let count = keys.count
        let prefixes = keys.map { prefix($0) }
        var order = RadixSort.order(prefixes)
        // Keys that agree on their first eight bytes: by the next eight, then by their bytes.
        var run = 0
        while run < count {
            var stop = run + 1
            while stop < count, prefixes[order[stop]] == prefixes[order[run]] { stop += 1 }
            if stop - run > 1 {
                let next = order[run..<stop].map { prefix(keys[$0], from: 8) }
                var within = Array(0..<(stop - run))
                within.sort { a, b in
                    if next[a] != next[b] { return next[a] < next[b] }
                    let c = compare(keys[order[run + a]], keys[order[run + b]])
                    return c != 0 ? c < 0 : a < b
                }
                let sorted = within.map { order[run + $0] }
                order.replaceSubrange(run..<stop, with: sorted)
            }
            run = stop
        }
        var ranks = [UInt32](repeating: 0, count: count)
        var rank: UInt32 = 0
        for position in 1..<max(count, 1) {
            let previous = order[position - 1], index = order[position]
            if prefixes[previous] != prefixes[index] || compare(keys[previous], keys[index]) != 0 { rank += 1 }
            ranks[index] = rank
        }
        return (ranks, Int(rank) + 1)
    }

    /// Positions 0..<ranks.count ordered by rank, in their own order within a rank.
    static func countingSort(_ ranks: [UInt32], _ rankCount: Int) -> [Int] {
        countingSort(ranks, rankCount, order: Array(ranks.indices))
    }

    /// -1, 0 or 1 as the bytes compare.
    static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(a.count, b.count)
        if common > 0 {
            let order = memcmp(a.baseAddress!, b.baseAddress!, common)
            if order != 0 { return order < 0 ? -1 : 1 }
        }
        return a.count < b.count ? -1 : a.count == b.count ? 0 : 1
    }

    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= count {
                if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
                index += 8
            }
        }
        while index < count {
            if bytes[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }

    /// Eight bytes from `from` as a big-endian number, zeros past the end.
    static func prefix(_ bytes: UnsafeBufferPointer<UInt8>, from: Int = 0) -> UInt64 {
        if bytes.count >= from + 8 {
            return UInt64(bigEndian: UnsafeRawPointer(bytes.baseAddress! + from).loadUnaligned(as: UInt64.self))
        }
        var value: UInt64 = 0
        for index in from..<(from + 8) { value = value << 8 | UInt64(index < bytes.count ? bytes[index] : 0) }
        return value
    }
}
