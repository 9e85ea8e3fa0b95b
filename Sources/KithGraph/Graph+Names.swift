/// How a name the user typed maps to people.
public enum NameResolution: Equatable, Sendable {
    /// Exactly one person.
    case person(RecordID)
    /// Several people fit equally well; never guessed.
    case ambiguous([RecordID])
    /// Nobody fits; `suggestions` are close names worth offering.
    case unknown(suggestions: [RecordID])
}

extension Graph {
    /// Resolves a name the way a person would: full name or alias first, then first or last
    /// name, then the start of a full name ("Diane S"), then one typo when only one name is
    /// that close. Case and accents never matter. Two candidates in the best tier that has any
    /// are reported as ambiguous rather than guessed.
    /// - Complexity: O(log k) for the exact tiers over k distinct name keys; O(log k + m) for a
    ///   prefix matching m names; O(k) for the typo tier.
    public func resolve(name: String) -> NameResolution {
        let query = fold(name)
        guard !query.isEmpty else { return .unknown(suggestions: []) }
        let key = image.find(query, in: image.nameIndex)

        // Full name or alias.
        var exactFull = people.changedRecords.filter {
            fold($0.name) == query || $0.aliases.contains { fold($0) == query }
        }.map(\.id)
        if let key { exactFull += livePeople(in: image.nameIndex, key, roles: NameKeyRole.fullName | NameKeyRole.alias) }
        if let result = Self.decide(exactFull) { return result }

        // Any name key: first or last name too.
        var keyed = Array(changeIndexes.peopleByNameKey[query] ?? [])
        if let key { keyed += livePeople(in: image.nameIndex, key, roles: .max) }
        if let result = Self.decide(keyed) { return result }

        // The start of a full name, when the query has a space ("Diane S").
        if query.contains(" ") {
            var prefixed = people.changedRecords.filter { fold($0.name).hasPrefix(query) }.map(\.id)
            prefixed += imagePeople(withFullNamePrefix: query)
            if let result = Self.decide(prefixed) { return result }
        }

        // One typo, when only one person is that close.
        var close: Set<RecordID> = []
        if query.count >= 4 {
            for (key, ids) in changeIndexes.peopleByNameKey where key.count >= 4 && Self.withinOneEdit(key, query) {
                close.formUnion(ids)
            }
            close.formUnion(imagePeople(withinOneEditOf: query))
        }
        if close.count == 1 { return .person(close.first!) }
        return .unknown(suggestions: sortedPeople(close).map(\.id))
    }

    /// Folded full names of people other than these that fold to `folded` (to refuse adding a
    /// second "Diane Smith").
    /// - Complexity: O(log k)
    public func people(withFoldedName folded: String) -> [RecordID] {
        var ids = people.changedRecords.filter { fold($0.name) == folded }.map(\.id)
        if let key = image.find(folded, in: image.nameIndex) {
            ids += livePeople(in: image.nameIndex, key, roles: NameKeyRole.fullName)
        }
        return ids.sorted()
    }

    private static func decide(_ ids: [RecordID]) -> NameResolution? {
        switch ids.count {
        case 0: return nil
        case 1: return .person(ids[0])
        default: return .ambiguous(ids.sorted())
        }
    }

    /// People under a name key of the image, in any of `roles`, not hidden by a change.
    private func livePeople(in table: KeyTable, _ key: Int, roles: UInt8) -> [RecordID] {
        var ids: [RecordID] = []
        for index in table.rowRange(ofKey: key) where image.nameFlags[index] & roles != 0 {
            let id = Int(image.personID[Int(table.rows[index])])
            if !people.isShadowed(id) { ids.append(id) }
        }
        return ids
    }

    /// The image's people whose folded full name starts with `query`, as `String.hasPrefix`
    /// decides. ASCII keys with an ASCII prefix sit together in key order; the others are few
    /// and checked one by one.
    private func imagePeople(withFullNamePrefix query: String) -> [RecordID] {
        let table = image.nameIndex
        var ids: [RecordID] = []
        func take(_ index: Int) { ids += livePeople(in: table, index, roles: NameKeyRole.fullName) }
        var utf8 = Array(query.utf8)
        if utf8.allSatisfy({ $0 < 0x80 }) {
            var index = lowerBound(query, in: table)
            while index < table.keys.count {
                let key = image.utf8(table.keys[index])
                if key.allSatisfy({ $0 < 0x80 }) {
                    guard key.starts(with: utf8) else { break }
                    take(index)
                }
                index += 1
            }
            for index in image.nameKeysBeyondASCII where image.key(Int(index), in: table).hasPrefix(query) {
                take(Int(index))
            }
        } else {
            for index in table.keys.indices where image.key(index, in: table).hasPrefix(query) { take(index) }
        }
        utf8.removeAll()
        return ids
    }

    /// The image's people with a name key (of four characters or more) one edit from `query`.
    private func imagePeople(withinOneEditOf query: String) -> [RecordID] {
        let table = image.nameIndex
        let utf8 = Array(query.utf8)
        let asciiQuery = utf8.allSatisfy { $0 < 0x80 }
        var ids: [RecordID] = []
        for index in table.keys.indices {
            let key = image.utf8(table.keys[index])
            let close: Bool
            if asciiQuery && key.allSatisfy({ $0 < 0x80 }) {
                close = key.count >= 4 && abs(key.count - utf8.count) <= 1 && Self.withinOneEdit(key, utf8)
            } else {
                let text = String(decoding: key, as: UTF8.self)
                close = text.count >= 4 && Self.withinOneEdit(text, query)
            }
            if close { ids += livePeople(in: table, index, roles: .max) }
        }
        return ids
    }

    /// The first key position not before `query` in the table's byte order.
    private func lowerBound(_ query: String, in table: KeyTable) -> Int {
        var query = query
        return query.withUTF8 { bytes in
            var low = 0, high = table.keys.count
            while low < high {
                let mid = (low + high) / 2
                if compareBytes(image.utf8(table.keys[mid]), bytes) < 0 { low = mid + 1 } else { high = mid }
            }
            return low
        }
    }

    /// True when `a` becomes `b` by at most one insertion, deletion, substitution or swap of
    /// neighbouring letters.
    static func withinOneEdit(_ a: String, _ b: String) -> Bool {
        withinOneEdit(Array(a), Array(b))
    }

    /// The same over any elements (characters, or the bytes of ASCII text).
    static func withinOneEdit<A: RandomAccessCollection, B: RandomAccessCollection>(_ a: A, _ b: B) -> Bool
    where A.Element: Equatable, A.Element == B.Element, A.Index == Int, B.Index == Int {
        let (xs, ys) = (a.startIndex, b.startIndex)
        let (xn, yn) = (a.count, b.count)
        func x(_ i: Int) -> A.Element { a[xs + i] }
        func y(_ i: Int) -> A.Element { b[ys + i] }
        func same(_ i: Int, _ j: Int) -> Bool {
            // x[i...] == y[j...]
            guard xn - i == yn - j else { return false }
            var i = i, j = j
            while i < xn {
                if x(i) != y(j) { return false }
                i += 1
                j += 1
            }
            return true
        }
        if abs(xn - yn) > 1 { return false }
        var i = 0
        while i < xn, i < yn, x(i) == y(i) { i += 1 }
        if i == xn && i == yn { return true }
        if xn == yn {
            if same(i + 1, i + 1) { return true }  // substitution
            // transposition
            return i + 1 < xn && x(i) == y(i + 1) && x(i + 1) == y(i) && same(i + 2, i + 2)
        }
        return xn > yn ? same(i + 1, i) : same(i, i + 1)
    }
}
