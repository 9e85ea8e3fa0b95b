import Foundation

/// Case- and accent-insensitive form of a name, tag or place: "Zoë  O’Neil" → "zoe o'neil".
public func fold(_ text: String) -> String {
    let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        .replacingOccurrences(of: "’", with: "'")
    return folded.split(whereSeparator: \.isWhitespace).joined(separator: " ")
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
