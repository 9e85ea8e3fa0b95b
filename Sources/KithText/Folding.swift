/// Case- and accent-insensitive form of a name, tag or place: "Zoë  O’Neil" → "zoe o'neil".
///
/// Kith's folding rule, the same for every text (docs/folding.md):
/// - each scalar is replaced by its fold from `FoldingTable`, made from Unicode's data by
///   scripts/generate-folding-table.py: its full canonical decomposition, without combining marks
///   (general category Mn or Me, or a non-zero canonical combining class), full-case-folded
///   ("É" → "e", "ß" → "ss", "Ω" → "ω"), and U+2019 RIGHT SINGLE QUOTATION MARK as an apostrophe;
///   Hangul syllables decompose into their jamo by Unicode's algorithm;
/// - white space (`Unicode.Scalar.isWhitespace`) is trimmed from both ends, and each run of it
///   inside becomes one space.
///
/// The result is in Unicode's decomposed normal form (NFD) and has no combining marks, so two
/// folds are canonically equivalent — `String`'s `==` — exactly when their UTF-8 bytes are equal,
/// and texts that are canonically equivalent fold to the same bytes. Folded keys are stored in
/// graph images and compared with keys folded at query time; a change to this rule or to the
/// table needs `Layout.version` in Sources/KithGraph raised, so old images are rebuilt.
public func fold(_ text: String) -> String {
    if let folded = foldASCII(text) { return folded }
    return foldUnicode(text)
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
                if isASCIIWhitespace(byte) {
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

/// `fold` for text with scalars beyond ASCII: the table, scalar by scalar.
func foldUnicode(_ text: String) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count + 4)
    var pendingSpace = false
    func append(_ scalar: UInt32) {
        if pendingSpace {
            bytes.append(0x20)
            pendingSpace = false
        }
        appendUTF8(scalar, to: &bytes)
    }
    for scalar in text.unicodeScalars {
        let value = scalar.value
        if value < 0x80 {
            if isASCIIWhitespace(UInt8(value)) {
                pendingSpace = !bytes.isEmpty
            } else {
                append((0x41...0x5A).contains(value) ? value | 0x20 : value)
            }
        } else if scalar.isWhitespace {
            pendingSpace = !bytes.isEmpty
        } else if (0xAC00...0xD7A3).contains(value) {
            // A Hangul syllable: its leading consonant, vowel and, if any, trailing consonant.
            let index = value - 0xAC00
            append(0x1100 + index / 588)
            append(0x1161 + index % 588 / 28)
            if index % 28 != 0 { append(0x11A7 + index % 28) }
        } else if !FoldingTable.isDropped(value) {
            if let record = FoldingTable.record(of: value) {
                for offset in 1...3 {
                    let part = FoldingTable.folds[record + offset]
                    if part == 0 { break }
                    append(part)
                }
            } else {
                append(value)
            }
        }
    }
    return String(decoding: bytes, as: UTF8.self)
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

extension FoldingTable {
    /// Whether `scalar` folds to nothing (a combining mark).
    /// - Complexity: O(log r) over the r ranges of `dropped`.
    static func isDropped(_ scalar: UInt32) -> Bool {
        guard scalar >= dropped[0].lowerBound else { return false }
        var low = 0, high = dropped.count
        while low < high {
            let middle = (low + high) / 2
            if dropped[middle].lowerBound <= scalar { low = middle + 1 } else { high = middle }
        }
        return dropped[low - 1].contains(scalar)
    }

    /// Where `scalar`'s record starts in `folds`, if it has one.
    /// - Complexity: O(log n) over the n records.
    static func record(of scalar: UInt32) -> Int? {
        var low = 0, high = folds.count / 4
        while low < high {
            let middle = (low + high) / 2
            let found = folds[middle * 4]
            if found == scalar { return middle * 4 }
            if found < scalar { low = middle + 1 } else { high = middle }
        }
        return nil
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
