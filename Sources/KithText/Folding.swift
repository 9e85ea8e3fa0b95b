import Foundation

/// Case- and accent-insensitive form of a name, tag or place: "Zoë  O’Neil" → "zoe o'neil".
public func fold(_ text: String) -> String {
    if let folded = foldASCII(text) { return folded }
    return foldUnicode(text)
}

/// `fold` by Foundation: any script, any accent.
func foldUnicode(_ text: String) -> String {
    let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        .replacingOccurrences(of: "’", with: "'")
    return folded.split(whereSeparator: \.isWhitespace).joined(separator: " ")
}

/// `fold` for ASCII text, which is most of what people type: lower case, white space runs made
/// one space. Foundation's folding goes through `NSString` and costs a tenth of a one-shot
/// question's start-up; nil when the text is not all ASCII.
func foldASCII(_ text: String) -> String? {
    var text = text
    return text.withUTF8 { bytes -> String? in
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        return String(unsafeUninitializedCapacity: bytes.count) { out in
            var count = 0
            var pendingSpace = false
            for byte in bytes {
                if byte == 0x20 || (0x09...0x0D).contains(byte) {
                    pendingSpace = count > 0
                    continue
                }
                if pendingSpace {
                    out[count] = 0x20
                    count += 1
                    pendingSpace = false
                }
                out[count] = (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
                count += 1
            }
            return count
        }
    }
}

/// True when `a` becomes `b` by at most one insertion, deletion, substitution or swap of
/// neighbouring characters (Damerau–Levenshtein distance ≤ 1).
public func withinOneEdit(_ a: String, _ b: String) -> Bool {
    let x = Array(a), y = Array(b)
    if abs(x.count - y.count) > 1 { return false }
    var i = 0
    while i < x.count, i < y.count, x[i] == y[i] { i += 1 }
    if i == x.count && i == y.count { return true }
    if x.count == y.count {
        if x[(i + 1)...] == y[(i + 1)...] { return true }  // substitution
        // transposition
        return i + 1 < x.count && x[i] == y[i + 1] && x[i + 1] == y[i] && x[(i + 2)...] == y[(i + 2)...]
    }
    return x.count > y.count ? x[(i + 1)...] == y[i...] : x[i...] == y[(i + 1)...]
}

extension String {
    /// Without leading and trailing white space.
    public var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
