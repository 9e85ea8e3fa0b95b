import KithText

/// String searching as Foundation's `contains` and `replacingOccurrences(of:with:)` did it, so the
/// module could drop Foundation without changing a result.
///
/// Foundation searches "non-literally": an occurrence counts only where it ends at a character
/// boundary, so `,` is not found in `",\u{301}"` (a comma with an accent on it), and a `"` that
/// carries a combining mark is not doubled by the CSV writer. Which scalars extend the character
/// before them is Foundation's own table (Grapheme_Cluster_Break=Extend of Unicode 15, the data
/// its CoreFoundation carries), not the standard library's newer one: KithText's
/// `extendsCharacter`, which folding reads too.
/// Canonically equivalent spellings also match (`é` and `e` + U+0301).
///
/// For a one-scalar ASCII target (`replacing`, and `contains` of `"\r"`) and for ASCII needles
/// this is exactly Foundation's result: tests try every scalar after the target. For other
/// needles it is Foundation's result on text in one normalization form (FoundationParityTests);
/// CoreFoundation's folding has quirks this does not copy when one side is composed and the
/// other decomposed (`"ee\u{301}"` does not contain `"é"` for it, `"xe\u{301}"` does), or when a
/// needle ends in a virama or conjoining jamo.
enum TextSearch {
    /// Whether `haystack` holds `needle`, as Foundation's `StringProtocol.contains(_:)`. An empty
    /// needle is never found.
    static func contains(_ haystack: some StringProtocol, _ needle: some StringProtocol) -> Bool {
        if needle.utf8.allSatisfy({ $0 < 0x80 }) && haystack.utf8.allSatisfy({ $0 < 0x80 }) {
            // Nothing ASCII extends a character or spells one two ways: a byte search.
            return !needle.isEmpty && haystack.utf8.firstRange(of: needle.utf8) != nil
        }
        let needleScalars = Array(needle.unicodeScalars)
        guard let first = needleScalars.first else { return false }
        let scalars = Array(haystack.unicodeScalars)
        if needleScalars.count <= scalars.count {
            var start = 0
            while start + needleScalars.count <= scalars.count {
                if scalars[start] == first,
                   scalars[start..<start + needleScalars.count].elementsEqual(needleScalars),
                   endsAtBoundary(scalars, start + needleScalars.count) {
                    return true
                }
                start += 1
            }
        }
        // Spelled differently but canonically equivalent (Swift's `==` is canonical equivalence).
        let target = String(needle)
        for start in scalars.indices {
            // An ASCII scalar other than the needle's ASCII first one starts nothing equivalent to it.
            if first.isASCII, scalars[start].isASCII, scalars[start] != first { continue }
            for end in (start + 1)...min(scalars.count, start + 4 * needleScalars.count + 4)
            where String(String.UnicodeScalarView(scalars[start..<end])) == target && endsAtBoundary(scalars, end) {
                return true
            }
        }
        return false
    }

    /// `text` with each occurrence of the ASCII scalar `target` replaced, as Foundation's
    /// `replacingOccurrences(of:with:)`: an occurrence followed by a scalar that extends it is
    /// part of another character and stays.
    static func replacing(_ target: Unicode.Scalar, with replacement: String, in text: some StringProtocol) -> String {
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains(target) else { return String(text) }
        var out = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            if scalar == target && endsAtBoundary(scalars, index + 1) {
                out.append(contentsOf: replacement.unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Whether a match of `scalars[..<end]`'s tail may end at `end`: not before a scalar that
    /// extends the character, nor inside a cluster Foundation keeps whole after a joiner, a
    /// conjoining jamo or a virama.
    static func endsAtBoundary(_ scalars: [Unicode.Scalar], _ end: Int) -> Bool {
        guard end < scalars.count else { return true }
        let next = scalars[end]
        if extendsCharacter(next) { return false }
        let last = scalars[end - 1]
        let special = last.value == 0x200D || last.value == 0x34F || (0x1100...0x11FF).contains(last.value)
            || last.properties.canonicalCombiningClass.rawValue == 9
        if special && next.value == 0x200D { return false }  // a joiner always joins the character before it
        switch last.value {
        case 0x200D:  // ZWJ: emoji ZWJ sequences (Extended_Pictographic Extend* ZWJ × Extended_Pictographic)
            guard isPictographic(next) else { return true }
            var index = end - 2
            while index >= 0, extendsCharacter(scalars[index]) { index -= 1 }
            return !(index >= 0 && isPictographic(scalars[index]))
        case 0x1100...0x11FF:  // conjoining jamo: Hangul syllable sequences
            return !hangulJoins(last, next)
        default:
            guard last.properties.canonicalCombiningClass.rawValue == 9 else { return true }
            // A virama after a base joins the next letter (a conjunct).
            var index = end - 2
            while index >= 0, extendsCharacter(scalars[index]) { index -= 1 }
            return index < 0 || !(isLetter(next) || isMark(next))
        }
    }

    private static func isPictographic(_ scalar: Unicode.Scalar) -> Bool {
        !scalar.isASCII && scalar.properties.isEmoji && !(0x1F1E6...0x1F1FF).contains(scalar.value)
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    private static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    private enum Jamo { case leading, vowel, trailing, syllableLV, syllableLVT, none }

    private static func jamo(_ scalar: Unicode.Scalar) -> Jamo {
        switch scalar.value {
        case 0x1100...0x115F, 0xA960...0xA97C: return .leading
        case 0x1160...0x11A7, 0xD7B0...0xD7C6: return .vowel
        case 0x11A8...0x11FF, 0xD7CB...0xD7FB: return .trailing
        case 0xAC00...0xD7A3: return (scalar.value - 0xAC00) % 28 == 0 ? .syllableLV : .syllableLVT
        default: return .none
        }
    }

    private static func hangulJoins(_ last: Unicode.Scalar, _ next: Unicode.Scalar) -> Bool {
        switch (jamo(last), jamo(next)) {
        case (.leading, .leading), (.leading, .vowel), (.leading, .syllableLV), (.leading, .syllableLVT): return true
        case (.vowel, .vowel), (.vowel, .trailing), (.trailing, .trailing): return true
        default: return false
        }
    }
}
