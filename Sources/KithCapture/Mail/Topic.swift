/// A conversation's topic from a mail's subject: the subject without the reply and forward
/// prefixes clients stack in front of it.
///
/// From the start, as long as one is there, these are taken away: a prefix from `prefixes` in any
/// case, optionally with a counter (`Re[2]:`, `Re(3):`, `Re^2:`), ending in a colon (or the
/// full-width `：`); and a bracketed tag (`[team]`, `[EXTERNAL]`, `[PATCH v2]`). `Re: [team] Fwd:
/// [team] Lunch` is `Lunch`. When nothing would be left, the subject is kept whole; an empty
/// subject has no topic.
public enum Topic {
    /// Reply and forward prefixes, lowercase, without the colon: English and the ones mail clients
    /// write in other languages (German AW/WG, Nordic SV/VS/VB/VL, Dutch Antw/Doorst, French
    /// Réf/TR, Spanish RV, Portuguese ENC/RES, Italian RIF, Polish Odp/PD, Turkish YNT/İLT, Greek,
    /// Chinese and Japanese).
    public static let prefixes: [String] = [
        "re", "fw", "fwd", "aw", "wg", "sv", "vs", "vb", "vl", "antw", "doorst", "ref", "réf", "tr",
        "rv", "enc", "res", "rif", "odp", "pd", "ynt", "ilt", "i̇lt", "απ", "σχετ", "πρθ", "回复", "回覆", "转发",
        "轉寄", "答复", "返信", "転送",
    ]

    /// The topic of `subject`; nil when it is empty or only white space.
    public static func of(_ subject: String) -> String? {
        let trimmed = Substring(subject).trimmingWhitespace
        guard !trimmed.isEmpty else { return nil }
        var rest = trimmed
        while true {
            let before = rest
            if rest.first == "[", let close = rest.firstIndex(of: "]") {
                rest = rest[rest.index(after: close)...].trimmingWhitespace
            } else if let after = afterPrefix(rest) {
                rest = after.trimmingWhitespace
            }
            if rest == before { break }
        }
        return rest.isEmpty ? String(trimmed) : String(rest)
    }

    /// The text after a leading prefix and its colon, or nil.
    private static func afterPrefix(_ text: Substring) -> Substring? {
        // The word: letters only, up to the colon, a counter or white space.
        var end = text.startIndex
        while end < text.endIndex, text[end].isLetter { end = text.index(after: end) }
        guard end > text.startIndex, prefixes.contains(text[..<end].lowercased()) else { return nil }
        var rest = text[end...]
        // A counter: [2], (2), ^2.
        if let first = rest.first, first == "[" || first == "(" {
            let close: Character = first == "[" ? "]" : ")"
            guard let closeIndex = rest.firstIndex(of: close),
                  rest[rest.index(after: rest.startIndex)..<closeIndex].allSatisfy(\.isNumber) else { return nil }
            rest = rest[rest.index(after: closeIndex)...]
        } else if rest.first == "^" {
            rest = rest.dropFirst().drop(while: \.isNumber)
        }
        rest = rest.drop(while: { $0 == " " })  // "Re :" as some clients write it
        guard let colon = rest.first, colon == ":" || colon == "：" else { return nil }
        return rest.dropFirst()
    }
}
