/// Kith's order of names, in every list of people and in the graph image's name order: by the
/// UTF-8 bytes of the folded names (`fold`: case and accents do not decide, so "Émile" sits among
/// the e's and "de Souza" among the d's), then by the UTF-8 bytes of the names as written. People
/// with the same name go by id. The order is Kith's own, with no locale and nothing from the
/// standard library's string comparison, so the order stored in an image cannot drift with a
/// toolchain.
public struct NameSortKey: Comparable, Sendable {
    /// `fold` of the name.
    public let folded: String
    public let name: String

    public init(_ name: String) {
        folded = fold(name)
        self.name = name
    }

    public static func < (a: NameSortKey, b: NameSortKey) -> Bool {
        let byFold = compareUTF8(a.folded, b.folded)
        return byFold != 0 ? byFold < 0 : compareUTF8(a.name, b.name) < 0
    }

    public static func == (a: NameSortKey, b: NameSortKey) -> Bool {
        a.folded.utf8.elementsEqual(b.folded.utf8) && a.name.utf8.elementsEqual(b.name.utf8)
    }
}

/// -1, 0 or 1 as the UTF-8 bytes of `a` and `b` compare.
public func compareUTF8(_ a: String, _ b: String) -> Int {
    var a = a, b = b
    return a.withUTF8 { x in b.withUTF8 { y in compareBytes(x, y) } }
}

/// -1, 0 or 1 as the bytes compare, a shorter run before a longer one it starts.
public func compareBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
    let common = min(a.count, b.count)
    var index = 0
    while index < common {
        if a[index] != b[index] { return a[index] < b[index] ? -1 : 1 }
        index += 1
    }
    return a.count < b.count ? -1 : a.count == b.count ? 0 : 1
}
