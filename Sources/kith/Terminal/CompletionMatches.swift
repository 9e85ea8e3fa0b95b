// Turns the provider's `Completion`s into what readline's completer expects. Pure logic,
// no readline calls, so it can be checked without a terminal.

/// Readline replaces the bytes `wordStart..<cursor` of the line with the substitution
/// (and, for a single match, appends a space). Each `Completion` says "replace the last
/// N characters before the cursor with this text", which may reach back past readline's
/// word start ("Diane Sm" when readline's word is "Sm"), so every completion is first
/// rewritten as a whole new text-before-cursor and then cut at `wordStart`.
struct CompletionMatches: Equatable {
    /// Element 0 of readline's match array: what replaces the current word. For a single
    /// match it is the match itself; for several it is their longest common prefix, or the
    /// word as typed when that prefix would lose some of what the user typed.
    var substitution: String
    /// The distinct matches, in the provider's order, as readline sees them (cut at
    /// `wordStart`); empty when there is nothing to complete.
    var matches: [String]
    /// What to show for each element of `matches` when listing them: the completion's
    /// own text ("Diane Smith"), not the whole line.
    var display: [String]

    /// - Parameters:
    ///   - lineBeforeCursor: the UTF-8 bytes of the line from its start up to the cursor.
    ///   - wordStart: readline's start of the word being completed (a byte offset).
    ///   - completions: the provider's candidates.
    init(lineBeforeCursor bytes: [UInt8], wordStart: Int, completions: [Completion]) {
        let start = max(0, min(wordStart, bytes.count))
        let before = String(decoding: bytes, as: UTF8.self)
        let characterCount = before.count
        var seen = Set<String>()
        var matches: [String] = []
        var display: [String] = []
        for completion in completions {
            let kept = before.dropLast(max(0, min(completion.replacing, characterCount)))
            let newLine = Array((String(kept) + completion.text).utf8)
            // A completion must leave the text before readline's word alone; with the
            // word starting at 0 (how ReadlineLineReader sets readline up) it always does.
            guard newLine.count >= start, newLine[0..<start].elementsEqual(bytes[0..<start]) else {
                continue
            }
            let match = String(decoding: newLine[start...], as: UTF8.self)
            if seen.insert(match).inserted {
                matches.append(match)
                display.append(completion.text)
            }
        }
        let typed = String(decoding: bytes[start...], as: UTF8.self)
        self.matches = matches
        self.display = display
        switch matches.count {
        case 0:
            substitution = typed
        case 1:
            substitution = matches[0]
        default:
            let common = Self.commonPrefix(matches)
            // Several candidates may agree on less than the user typed (a typo the provider
            // forgave, different case): inserting that prefix would delete typed text.
            substitution = common.count >= typed.count ? common : typed
        }
    }

    /// The longest common prefix, compared by `Character` so a multi-byte character is
    /// never split.
    static func commonPrefix(_ strings: [String]) -> String {
        guard let first = strings.first else { return "" }
        var prefix = first[...]
        for string in strings.dropFirst() {
            var end = prefix.startIndex
            var other = string.startIndex
            while end < prefix.endIndex, other < string.endIndex, prefix[end] == string[other] {
                end = prefix.index(after: end)
                other = string.index(after: other)
            }
            prefix = prefix[..<end]
            if prefix.isEmpty { break }
        }
        return String(prefix)
    }
}
