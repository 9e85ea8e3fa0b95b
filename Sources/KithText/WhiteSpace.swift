/// Kith's one rule for white space: a scalar is white space when Unicode gives it the White_Space
/// property (tab, line feed, vertical tab, form feed, carriage return, space, U+0085, U+00A0,
/// U+1680, U+2000…U+200A, U+2028, U+2029, U+202F, U+205F and U+3000). Trimming takes it off both
/// ends (`trimmed`); `fold` also makes each run of it one space. Code that walks Characters uses
/// the standard library's `Character.isWhitespace`, which is this rule on the Character's first
/// scalar.
extension Unicode.Scalar {
    /// Unicode's White_Space property.
    @inline(__always)
    public var isWhitespace: Bool {
        value < 0x80 ? isASCIIWhitespace(UInt8(value)) : properties.isWhitespace
    }
}

extension StringProtocol {
    /// Without white space at either end.
    public var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isWhitespace })!
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return String(self) }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}

/// White space among ASCII bytes: tab, line feed, vertical tab, form feed, return, space.
@inline(__always)
func isASCIIWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || (0x09...0x0D).contains(byte)
}
