extension String {
    /// Without leading and trailing tabs and spaces of any kind (Unicode's space separators):
    /// what Foundation's `trimmingCharacters(in: .whitespaces)` removes, without its `NSString`
    /// round trip, which cost script mode a twentieth of each line's time.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last, first.isSpace || last.isSpace else { return self }
        guard let start = scalars.firstIndex(where: { !$0.isSpace }),
              let end = scalars.lastIndex(where: { !$0.isSpace }) else { return "" }
        return String(scalars[start...end])
    }
}

extension Unicode.Scalar {
    /// A tab, a space separator (general category Zs) or U+200B ZERO WIDTH SPACE: exactly
    /// `CharacterSet.whitespaces` (checked over every scalar by TextFastPathTests).
    fileprivate var isSpace: Bool {
        if value < 0x80 { return value == 0x20 || value == 0x09 }
        return value == 0x200B || properties.generalCategory == .spaceSeparator
    }
}
