/// Case- and accent-insensitive form of a name, tag or place: "Zoë  O’Neil" → "zoe o'neil".
public func fold(_ text: String) -> String {
    if let folded = foldASCII(text) { return folded }
    return foldUnicode(text)
}

/// `fold` for any script, without Foundation: exactly what Foundation on Linux returns for
/// `text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
///     .replacingOccurrences(of: "’", with: "'")`, white space runs then made one space.
/// Folded keys are stored in images and compared with keys folded at query time, so this must
/// not drift by a single scalar: FoldingTests hold it to Foundation for every scalar and for
/// random text, and FoldingTableTests hold Generated/FoldingTable.swift to Foundation.
///
/// Foundation's folding is swift-corelibs-foundation's `CFStringFold`, which is not a mapping
/// of one scalar at a time, so this follows its steps:
/// - each step takes one scalar and the marks after it that CF counts as extending a grapheme
///   (its own, older set: the emoji skin tones are in it, some spacing marks are not);
/// - the scalar folds on its own (the table): full decomposition cut back to its base for Latin,
///   Greek and Cyrillic (below U+0510), then case folding, possibly to several scalars (ß → ss);
///   anything else that decomposes (Hangul syllables, Indic nuktas, CJK compatibility
///   ideographs) is left whole, so the result is not NFC or NFD and must not be normalised;
/// - the marks after a base that folds to below U+0510 are dropped, whatever script they are
///   from ("e\u{301}" → "e", "A\u{20DD}" → "a"); a mark that starts the text, or follows
///   NUL, starts a step of its own, and then a mark below U+0510 that is unchanged by folding
///   stays ("\u{301}" → "\u{301}");
/// - after other bases (U+0510 and up: Hebrew, Arabic, Indic, Thai, CJK, emoji, Armenian …)
///   the marks stay, decomposed, except that the first one is dropped when it is below U+0510
///   and the base was unchanged ("ก\u{301}\u{301}" → "ก\u{301}"; "Ա\u{301}" → "ա\u{301}");
///   then the marks after the step's last non-mark are put in combining-class order (CF's
///   stable bubble sort, which also moves a base that has a class of its own);
/// - a step holds at most 64 scalars: the rest of a longer run of marks starts new steps;
/// - "’" is replaced only where no extending mark follows it (Foundation's `replacingOccurrences`
///   searches non-literally and will not match part of a cluster).
func foldUnicode(_ text: String) -> String {
    var input: [UInt32] = []
    input.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars { input.append(scalar.value) }
    var output: [UInt32] = []
    output.reserveCapacity(input.count + 4)
    var step: [UInt32] = []
    step.reserveCapacity(FoldingStep.capacity)
    var index = 0
    while index < input.count {
        index = FoldingStep.fold(input, from: index, into: &output, step: &step)
    }
    for (i, scalar) in output.enumerated()
    where scalar == 0x2019 && (i + 1 == output.count || !FoldingTable.extendsGrapheme(output[i + 1])) {
        output[i] = 0x27
    }
    return joinedWords(output)
}

/// Whether `scalar` extends the character before it as Foundation (CoreFoundation) counts: its
/// grapheme-extend set, older than the standard library's. Folding takes such marks with the
/// scalar before them, and KithExchange's searches do not find a match that ends before one.
public func extendsCharacter(_ scalar: Unicode.Scalar) -> Bool {
    FoldingTable.extendsGrapheme(scalar.value)
}

/// `fold` for ASCII text, which is most of what people type: lower case, white space runs made
/// one space, in one pass over the bytes; nil when the text is not all ASCII.
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

// MARK: - Folding beyond ASCII

/// One step of `CFStringFold` (its `__CFStringFoldCharacterClusterAtIndex`).
private enum FoldingStep {
    /// CF's buffer for one step (`kCFStringStackBufferLength`).
    static let capacity = 64

    /// Folds the scalar at `start` with the marks CF takes along with it, appends the result
    /// to `output` and returns where the next step starts.
    static func fold(_ input: [UInt32], from start: Int, into output: inout [UInt32],
                     step: inout [UInt32]) -> Int {
        let base = input[start]
        var next = start + 1
        // CF stops at NUL and leaves any marks after it to steps of their own; ASCII without
        // marks after it is only lowered.
        if base == 0 || (base < 0x80 && (next == input.count || !FoldingTable.extendsGrapheme(input[next]))) {
            output.append(base >= 0x41 && base <= 0x5A ? base | 0x20 : base)
            return next
        }
        if !step.isEmpty { step.removeAll(keepingCapacity: true) }
        var keepsMarks: Bool
        if base < 0x80 {
            if base >= 0x41 && base <= 0x5A { step.append(base | 0x20) }
            keepsMarks = false
        } else if FoldingTable.appendFold(of: base, to: &step) {
            // CF decides by the last scalar of the fold, not by the base.
            keepsMarks = step[step.count - 1] >= 0x510
        } else {
            keepsMarks = base >= 0x510
        }
        // An unchanged base that keeps marks drops the first one when it is below U+0510 (CF
        // checks the first mark's code, not later ones'), and keeps nothing without marks.
        if step.isEmpty && keepsMarks {
            if next < input.count && FoldingTable.extendsGrapheme(input[next]) {
                step.append(base)
                if input[next] > 0x50F { _ = FoldingTable.appendDecomposition(of: input[next], to: &step) }
                next += 1
            } else {
                keepsMarks = false
            }
        }
        while step.count < capacity && next < input.count && FoldingTable.extendsGrapheme(input[next]) {
            if keepsMarks {
                if !FoldingTable.appendDecomposition(of: input[next], to: &step) { break }
            } else if step.isEmpty {
                step.append(base)
            }
            next += 1
        }
        if step.isEmpty {
            output.append(base)
            return start + 1
        }
        if step.count > 1 { sortMarks(&step) }
        output.append(contentsOf: step)
        return next
    }

    /// CF's `__CFUniCharPrioritySort` of the step from its last non-mark (or its start) on:
    /// class-0 scalars at the front stay, the rest are bubble-sorted by combining class.
    private static func sortMarks(_ step: inout [UInt32]) {
        var first = step.count - 1
        while first > 0 && FoldingTable.extendsGrapheme(step[first]) { first -= 1 }
        while first < step.count && FoldingTable.combiningClass(step[first]) == 0 { first += 1 }
        guard step.count - first > 1 else { return }
        var classes = step[first...].map(FoldingTable.combiningClass)
        var swapped = true
        while swapped {
            swapped = false
            for i in 0..<(classes.count - 1) where classes[i] > classes[i + 1] {
                classes.swapAt(i, i + 1)
                step.swapAt(first + i, first + i + 1)
                swapped = true
            }
        }
    }
}

/// `String(output).split(whereSeparator: \.isWhitespace).joined(separator: " ")`, mostly
/// without finding Characters, which is slow: a Character is white space when its first scalar
/// is, so where each white-space scalar is a Character of its own (the standard library puts a
/// boundary on both sides of it) the words are found by scalars.
private func joinedWords(_ output: [UInt32]) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(output.count + output.count / 2)
    var pendingSpace = false
    for (i, scalar) in output.enumerated() {
        if mayBeWhiteSpace(scalar) && isWhiteSpace(scalar) {
            if (i > 0 && !charactersBreak(output[i - 1], scalar))
                || (i + 1 < output.count && !charactersBreak(scalar, output[i + 1])) {
                return joinedWordsByCharacter(output)
            }
            pendingSpace = !bytes.isEmpty
            continue
        }
        if pendingSpace {
            bytes.append(0x20)
            pendingSpace = false
        }
        appendUTF8(scalar, to: &bytes)
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// True when the standard library puts a Character boundary between `a` and `b`, one of them
/// white space, wherever they meet: with white space that depends on the two alone.
func charactersBreak(_ a: UInt32, _ b: UInt32) -> Bool {
    // Below U+0300 only CR LF is one Character (FoldingTests checks it).
    if a < 0x300 && b < 0x300 { return a != 0x0D || b != 0x0A }
    var pair = String.UnicodeScalarView()
    pair.append(Unicode.Scalar(a)!)
    pair.append(Unicode.Scalar(b)!)
    return String(pair).count == 2
}

private func joinedWordsByCharacter(_ output: [UInt32]) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(output.count + output.count / 2)
    for scalar in output { appendUTF8(scalar, to: &bytes) }
    return String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isWhitespace).joined(separator: " ")
}

/// True for every scalar the standard library calls white space, and a few more (checked).
@inline(__always)
func mayBeWhiteSpace(_ scalar: UInt32) -> Bool {
    scalar <= 0x20 || scalar == 0x85 || scalar == 0xA0 || scalar == 0x1680
        || (scalar >= 0x2000 && scalar <= 0x205F) || scalar == 0x3000
}

/// `Character.isWhitespace` of the Character that is only `scalar`.
func isWhiteSpace(_ scalar: UInt32) -> Bool {
    if scalar < 0x80 { return scalar == 0x20 || (scalar >= 0x09 && scalar <= 0x0D) }
    return Unicode.Scalar(scalar)?.properties.isWhitespace ?? false
}

/// Reads Generated/FoldingTable.swift. Every number there is three bytes of seven bits, high
/// first (21 bits hold any scalar), so the tables are ASCII string literals: constant data in
/// the binary, nothing built at start-up, and only the pages a binary search touches are read.
extension FoldingTable {
    /// Appends the fold of `scalar` on its own, if it has one (the scalar is not its own fold).
    static func appendFold(of scalar: UInt32, to step: inout [UInt32]) -> Bool {
        guard let record = lastRecord(atMost: scalar, in: folds, size: 6),
              number(folds, record) == scalar else { return false }
        let fold = number(folds, record + 3)
        if fold < 0x110000 {
            step.append(fold)
            return true
        }
        let expansion = Int(fold - 0x110000) * 9
        for offset in stride(from: expansion, to: expansion + 9, by: 3) {
            let scalar = number(expansions, offset)
            if scalar != 0 { step.append(scalar) }
        }
        return true
    }

    /// Appends `mark`, decomposed, unless that would take the step beyond its capacity.
    static func appendDecomposition(of mark: UInt32, to step: inout [UInt32]) -> Bool {
        if mark >= firstDecomposition,
           let record = lastRecord(atMost: mark, in: decompositions, size: 9),
           number(decompositions, record) == mark {
            let second = number(decompositions, record + 6)
            guard step.count + (second == 0 ? 1 : 2) <= FoldingStep.capacity else { return false }
            step.append(number(decompositions, record + 3))
            if second != 0 { step.append(second) }
        } else {
            step.append(mark)
        }
        return true
    }

    /// True for the marks CF folds along with the scalar before them.
    @inline(__always)
    static func extendsGrapheme(_ scalar: UInt32) -> Bool {
        scalar >= firstMark && markProperties(scalar) & 1 != 0
    }

    /// CF's canonical combining class of `scalar`: the order its sort puts marks in.
    static func combiningClass(_ scalar: UInt32) -> UInt32 {
        scalar >= firstMark ? markProperties(scalar) >> 1 : 0
    }

    private static var firstMark: UInt32 { number(marks, 0) }
    private static var firstDecomposition: UInt32 { number(decompositions, 0) }

    private static func markProperties(_ scalar: UInt32) -> UInt32 {
        guard let record = lastRecord(atMost: scalar, in: marks, size: 8),
              scalar <= number(marks, record + 3) else { return 0 }
        let bytes = marks.utf8Start
        return UInt32(bytes[record + 6]) << 7 | UInt32(bytes[record + 7])
    }

    @inline(__always)
    private static func number(_ table: StaticString, _ offset: Int) -> UInt32 {
        let bytes = table.utf8Start
        return UInt32(bytes[offset]) << 14 | UInt32(bytes[offset + 1]) << 7 | UInt32(bytes[offset + 2])
    }

    /// Offset of the last record whose first number is at most `key`, in records of `size`
    /// bytes sorted by it.
    private static func lastRecord(atMost key: UInt32, in table: StaticString, size: Int) -> Int? {
        let bytes = table.utf8Start
        var low = 0, high = table.utf8CodeUnitCount / size
        while low < high {
            let middle = (low + high) / 2, offset = middle * size
            let first = UInt32(bytes[offset]) << 14 | UInt32(bytes[offset + 1]) << 7 | UInt32(bytes[offset + 2])
            if first <= key { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : (low - 1) * size
    }
}

private func appendUTF8(_ scalar: UInt32, to bytes: inout [UInt8]) {
    switch scalar {
    case ..<0x80:
        bytes.append(UInt8(scalar))
    case ..<0x800:
        bytes.append(UInt8(0xC0 | scalar >> 6))
        bytes.append(UInt8(0x80 | scalar & 0x3F))
    case ..<0x10000:
        bytes.append(UInt8(0xE0 | scalar >> 12))
        bytes.append(UInt8(0x80 | scalar >> 6 & 0x3F))
        bytes.append(UInt8(0x80 | scalar & 0x3F))
    default:
        bytes.append(UInt8(0xF0 | scalar >> 18))
        bytes.append(UInt8(0x80 | scalar >> 12 & 0x3F))
        bytes.append(UInt8(0x80 | scalar >> 6 & 0x3F))
        bytes.append(UInt8(0x80 | scalar & 0x3F))
    }
}
