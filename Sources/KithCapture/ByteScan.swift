/// Fast scans over raw bytes, eight at a time (SWAR: "SIMD within a register"), for the readers
/// that must get through a gigabyte of mbox: find the next line feed, count line feeds.
///
/// A byte equal to `b` in a word `w` is a zero byte in `w ^ (b * 0x01…01)`; the high bit of each
/// byte of `((x & 0x7F…7F) + 0x7F…7F) | x` is set exactly when that byte of `x` is not zero.
struct ByteScan {
    let bytes: UnsafeBufferPointer<UInt8>

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var count: Int { bytes.count }

    subscript(index: Int) -> UInt8 { bytes[index] }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    private static let high: UInt64 = 0x8080_8080_8080_8080

    /// A mask with the high bit of every byte of `word` that equals `byte`.
    @inline(__always)
    private static func matches(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let x = word ^ (UInt64(byte) &* ones)
        return ~(((x & low7) &+ low7) | x) & high
    }

    @inline(__always)
    private func word(at index: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self))
    }

    /// The index of the first `byte` in `start..<end`, or `end`.
    func firstIndex(of byte: UInt8, from start: Int, to end: Int) -> Int {
        var i = start
        while i + 8 <= end {
            let found = Self.matches(word(at: i), byte)
            if found != 0 { return i + found.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < end {
            if bytes[i] == byte { return i }
            i += 1
        }
        return end
    }

    /// The index of the first `byte` from `start` on, or `count`.
    func firstIndex(of byte: UInt8, from start: Int) -> Int { firstIndex(of: byte, from: start, to: count) }

    /// How many line feeds `start..<end` holds.
    func lineFeeds(from start: Int, to end: Int) -> Int {
        var i = start
        var n = 0
        while i + 8 <= end {
            n += Self.matches(word(at: i), 0x0A).nonzeroBitCount
            i += 8
        }
        while i < end {
            if bytes[i] == 0x0A { n += 1 }
            i += 1
        }
        return n
    }

    /// The first line from `start` on that starts with `byte` (`start` itself counts when
    /// `startIsLineStart`), and how many line feeds come before it: `(count, n)` when there is none.
    ///
    /// One pass, eight bytes at a time: a line feed's mask moved up one byte, and the carry of the
    /// word before, meets the mask of `byte`.
    func nextLine(startingWith byte: UInt8, from start: Int, startIsLineStart: Bool) -> (index: Int, lineFeeds: Int) {
        var i = start
        var n = 0
        if startIsLineStart, i < count, bytes[i] == byte { return (i, 0) }
        var carry: UInt64 = 0  // 0x80 when the byte before `i` is a line feed
        if i > 0, bytes[i - 1] == 0x0A { carry = 0x80 }
        while i + 8 <= count {
            let w = word(at: i)
            let feeds = Self.matches(w, 0x0A)
            let starts = ((feeds << 8) | carry) & Self.matches(w, byte)
            if starts != 0 {
                let index = starts.trailingZeroBitCount / 8
                let before: UInt64 = index == 0 ? 0 : (UInt64.max >> UInt64(64 - 8 * index))
                return (i + index, n + (feeds & before).nonzeroBitCount)
            }
            n += feeds.nonzeroBitCount
            carry = feeds >> 56
            i += 8
        }
        while i < count {
            if bytes[i] == byte, carry != 0 { return (i, n) }
            carry = bytes[i] == 0x0A ? 0x80 : 0
            if carry != 0 { n += 1 }
            i += 1
        }
        return (count, n)
    }

    /// The end of the line starting at `start`: the index of its line feed, or `count`.
    func lineEnd(from start: Int) -> Int { firstIndex(of: 0x0A, from: start) }

    /// `start..<end` without a carriage return before the line feed.
    func trimmingCR(_ start: Int, _ end: Int) -> Int {
        end > start && bytes[end - 1] == 0x0D ? end - 1 : end
    }

    /// Whether the bytes at `index` are `prefix`.
    func has(_ prefix: StaticString, at index: Int) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard index >= 0, index + n <= count else { return false }
        let p = prefix.utf8Start
        for k in 0..<n where bytes[index + k] != p[k] { return false }
        return true
    }

    /// The bytes of `start..<end` as an array.
    func slice(_ start: Int, _ end: Int) -> [UInt8] {
        Array(UnsafeBufferPointer(rebasing: bytes[start..<end]))
    }
}

extension UInt8 {
    /// ASCII letters in lower case; every other byte unchanged.
    @inline(__always) var asciiLowercased: UInt8 { (0x41...0x5A).contains(self) ? self | 0x20 : self }
    @inline(__always) var isASCIIDigit: Bool { (0x30...0x39).contains(self) }
    @inline(__always) var isASCIILetter: Bool { (0x61...0x7A).contains(self | 0x20) }
    /// Space or tab.
    @inline(__always) var isBlank: Bool { self == 0x20 || self == 0x09 }
}
