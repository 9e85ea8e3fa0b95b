/// Builds an image's key tables (names, tags, organisations, places) and its name order, from
/// the builder's records. Keys are folded exactly as `Graph` folds them (`fold`, `Graph.tagKey`),
/// ordered as `String` orders them, and keys that `String` considers equal share one entry, so
/// a lookup finds what a `[String: …]` dictionary would.
struct KeyCollector {
    /// The builder's text followed by the folded keys.
    var text: [UInt8]
    private var names: [Entry] = []
    private var tags: [Entry] = []
    private var orgs: [Entry] = []
    private var places: [Entry] = []

    private struct Entry {
        var key: UInt64
        var row: UInt32
        var flags: UInt8
    }

    /// A key prepared for sorting: its first eight bytes as a big-endian number (for ASCII keys
    /// the same order as the bytes, so most comparisons are one integer comparison).
    private struct SortKey {
        var prefix: UInt64
        var ascii: Bool
    }

    private static func sortKey(_ bytes: UnsafeBufferPointer<UInt8>) -> SortKey {
        var prefix: UInt64 = 0
        for index in 0..<8 { prefix = prefix << 8 | UInt64(index < bytes.count ? bytes[index] : 0) }
        return SortKey(prefix: prefix, ascii: bytes.allSatisfy { $0 < 0x80 })
    }

    /// `String` order, fast for ASCII keys.
    private static func compare(_ a: UnsafeBufferPointer<UInt8>, _ x: SortKey, _ b: UnsafeBufferPointer<UInt8>, _ y: SortKey) -> Int {
        if x.ascii && y.ascii {
            if x.prefix != y.prefix { return x.prefix < y.prefix ? -1 : 1 }
            return GraphImage.compareBytes(a, b)
        }
        let s = String(decoding: a, as: UTF8.self), t = String(decoding: b, as: UTF8.self)
        return s < t ? -1 : s == t ? 0 : 1
    }

    struct Table {
        var keys: [UInt64] = []
        var start: [UInt32] = [0]
        var rows: [UInt32] = []
    }

    init(text: [UInt8]) {
        self.text = text
    }

    mutating func collect(people: [Int], builder: GraphImage.Builder) {
        names.reserveCapacity(people.count * 3)
        var tagCache: [String: UInt64] = [:]
        var foldCache: [String: UInt64] = [:]
        let width = PersonText.allCases.count
        for (row, input) in people.enumerated() {
            let row = UInt32(row)
            let fields = builder.personText[(input * width)..<(input * width + width)]
            if let full = fold(fields[fields.startIndex + PersonText.name.rawValue]) {
                names.append(Entry(key: full, row: row, flags: NameKeyRole.fullName))
                let (first, last) = words(full)
                names.append(Entry(key: first, row: row, flags: NameKeyRole.firstName))
                if let last { names.append(Entry(key: last, row: row, flags: NameKeyRole.lastName)) }
            }
            let aliasLow = input == 0 ? 0 : Int(builder.aliasEnd[input - 1])
            for alias in builder.aliases[aliasLow..<Int(builder.aliasEnd[input])] {
                if let key = fold(alias) { names.append(Entry(key: key, row: row, flags: NameKeyRole.alias)) }
            }
            let tagLow = input == 0 ? 0 : Int(builder.tagEnd[input - 1])
            for tag in builder.tags[tagLow..<Int(builder.tagEnd[input])] {
                let raw = string(tag)
                let key: UInt64
                if let cached = tagCache[raw] { key = cached } else {
                    key = append(Graph.tagKey(raw))
                    tagCache[raw] = key
                }
                if key & 0xFFFF_FFFF != 0 { tags.append(Entry(key: key, row: row, flags: 0)) }
            }
            for (field, list) in [(PersonText.org, 0), (PersonText.place, 1)] {
                let ref = fields[fields.startIndex + field.rawValue]
                guard ref != .absent else { continue }
                let raw = string(ref)
                let key: UInt64
                if let cached = foldCache[raw] { key = cached } else {
                    key = append(KithGraph.fold(raw))
                    foldCache[raw] = key
                }
                guard key & 0xFFFF_FFFF != 0 else { continue }
                if list == 0 { orgs.append(Entry(key: key, row: row, flags: 0)) } else {
                    places.append(Entry(key: key, row: row, flags: 0))
                }
            }
        }
    }

    /// Rows sorted by (name, id), the order of `Graph.peopleByName`.
    func nameOrder(people: [Int], builder: GraphImage.Builder) -> [UInt32] {
        let width = PersonText.allCases.count
        let refs = people.map { builder.personText[$0 * width] }
        let ids = people.map { builder.personIDs[$0] }
        return text.withUnsafeBufferPointer { all in
            let keys = refs.map { Self.sortKey(Self.slice(all, $0)) }
            var rows = Array(UInt32(0)..<UInt32(people.count))
            rows.sort { a, b in
                let a = Int(a), b = Int(b)
                let order = Self.compare(Self.slice(all, refs[a]), keys[a], Self.slice(all, refs[b]), keys[b])
                return order != 0 ? order < 0 : ids[a] < ids[b]
            }
            return rows
        }
    }

    mutating func tables() -> (name: Table, nameFlags: [UInt8], nameBeyondASCII: [UInt32], tag: Table, org: Table,
                               place: Table) {
        let (name, nameFlags) = group(names)
        let beyond = text.withUnsafeBufferPointer { all in
            name.keys.indices.filter { Self.slice(all, name.keys[$0]).contains { $0 >= 0x80 } }.map { UInt32($0) }
        }
        return (name, nameFlags, beyond, group(tags).table, group(orgs).table, group(places).table)
    }

    /// Sorts entries by (key, row), makes one key of the keys `String` calls equal (they sort
    /// next to each other), and one row of a row repeated under a key, its roles merged (a
    /// person whose first and last names are the same word).
    private func group(_ entries: [Entry]) -> (table: Table, flags: [UInt8]) {
        var table = Table()
        var flags: [UInt8] = []
        text.withUnsafeBufferPointer { all in
            let keys = entries.map { Self.sortKey(Self.slice(all, $0.key)) }
            let order = entries.indices.sorted { a, b in
                let c = Self.compare(Self.slice(all, entries[a].key), keys[a], Self.slice(all, entries[b].key), keys[b])
                return c != 0 ? c < 0 : entries[a].row < entries[b].row
            }
            let sorted = order.map { entries[$0] }
            let sortedKeys = order.map { keys[$0] }
            var i = 0
            while i < sorted.count {
                var j = i + 1
                while j < sorted.count,
                      Self.compare(Self.slice(all, sorted[i].key), sortedKeys[i], Self.slice(all, sorted[j].key), sortedKeys[j]) == 0 {
                    j += 1
                }
                table.keys.append(sorted[i].key)
                let groupStart = table.rows.count
                for entry in sorted[i..<j] {
                    if table.rows.count > groupStart, table.rows.last == entry.row {
                        flags[flags.count - 1] |= entry.flags
                    } else {
                        table.rows.append(entry.row)
                        flags.append(entry.flags)
                    }
                }
                table.start.append(UInt32(table.rows.count))
                i = j
            }
        }
        return (table, flags)
    }

    // MARK: - Folding

    /// The folded form of a stored string, appended to the text; nil when it folds to nothing.
    private mutating func fold(_ ref: UInt64) -> UInt64? {
        let folded: UInt64
        if let ascii = text.withUnsafeBufferPointer({ Self.foldASCII(Self.slice($0, ref)) }) {
            folded = append(ascii)
        } else {
            folded = append(KithGraph.fold(string(ref)))
        }
        return folded & 0xFFFF_FFFF == 0 ? nil : folded
    }

    /// `fold` for text that is all ASCII, without making a `String`: lowercase, runs of
    /// whitespace as one space, none at the ends. Nil when there is a byte beyond ASCII.
    static func foldASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        for byte in bytes {
            guard byte < 0x80 else { return nil }
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(0x20); pendingSpace = false }
            out.append((0x41...0x5A).contains(byte) ? byte + 0x20 : byte)
        }
        return out
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

    private func string(_ ref: UInt64) -> String {
        text.withUnsafeBufferPointer { String(decoding: Self.slice($0, ref), as: UTF8.self) }
    }

    static func slice(_ all: UnsafeBufferPointer<UInt8>, _ ref: UInt64) -> UnsafeBufferPointer<UInt8> {
        let offset = Int(ref >> 32), length = Int(ref & 0xFFFF_FFFF)
        return UnsafeBufferPointer(rebasing: all[offset..<(offset + length)])
    }

    /// -1, 0 or 1 as `String` orders the texts (bytes when both are ASCII, the same order).
    static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        if a.allSatisfy({ $0 < 0x80 }) && b.allSatisfy({ $0 < 0x80 }) { return GraphImage.compareBytes(a, b) }
        let x = String(decoding: a, as: UTF8.self), y = String(decoding: b, as: UTF8.self)
        return x < y ? -1 : x == y ? 0 : 1
    }
}
