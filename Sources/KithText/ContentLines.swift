/// Text in the content-line syntax vCard (RFC 6350) and iCalendar (RFC 5545) share: each
/// `NAME;PARAM=x:value` line ends in CRLF, and a line longer than 75 octets is folded — broken
/// with CRLF and a space — never inside a UTF-8 sequence, so every reader gets whole characters.
///
/// Writing appends lines (`append`); reading joins folded lines back (`unfold`). Both work on
/// bytes, so the contact import (KithExchange) and the calendar capture (KithCapture) read and
/// write the same syntax one way.
public struct ContentLines {
    public private(set) var bytes: [UInt8] = []

    public static let maxOctets = 75

    public init() {}

    /// Appends one line; `value` must already be escaped (see `escape`).
    public mutating func append(_ name: String, _ value: String) {
        let line = Array((name + ":" + value).utf8)
        var start = 0
        var limit = Self.maxOctets
        while line.count - start > limit {
            var end = start + limit
            // Back off to the first byte of a UTF-8 sequence (continuation bytes are 10xxxxxx).
            while end > start, line[end] & 0xC0 == 0x80 { end -= 1 }
            bytes += line[start..<end]
            bytes += [0x0D, 0x0A, 0x20]
            start = end
            limit = Self.maxOctets - 1  // the leading space counts
        }
        bytes += line[start...]
        bytes += [0x0D, 0x0A]
    }

    /// Escapes a TEXT value: backslash, comma and semicolon get a backslash, a line break
    /// becomes `\n`.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case ",": out += "\\,"
            case ";": out += "\\;"
            case "\n", "\r\n", "\r": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    /// One logical line: the physical lines it was folded into, joined.
    public struct Line {
        /// The line's bytes, without its line end. A line that was not folded is a slice of the
        /// text itself (no copy); a folded one is its own joined array.
        public var bytes: ArraySlice<UInt8>
        /// Where it starts in the text, from 1.
        public var number: Int

        public init(bytes: ArraySlice<UInt8>, number: Int) {
            self.bytes = bytes
            self.number = number
        }
    }

    /// Joins folded lines: a line starting with a space or tab continues the one before it
    /// (RFC 5545 §3.1, RFC 6350 §3.2), joined on bytes so a fold inside a UTF-8 sequence heals.
    /// Line ends may be CRLF or LF; blank lines are dropped.
    ///
    /// - Parameter quotedPrintable: also join a line ending in `=` whose parameters say
    ///   `QUOTED-PRINTABLE` with the next one (vCard 2.1's soft line break, as Android and
    ///   Outlook write non-ASCII names and notes). iCalendar has no such thing.
    /// - Complexity: O(n) in the length of `bytes`.
    public static func unfold(_ bytes: [UInt8], quotedPrintable: Bool = false) -> [Line] {
        var result: [Line] = []
        result.reserveCapacity(bytes.count / 40)
        unfold(bytes, quotedPrintable: quotedPrintable) { result.append($0) }
        return result
    }

    /// `unfold`, one line at a time, without building the array of them.
    public static func unfold(_ bytes: [UInt8], quotedPrintable: Bool = false, _ body: (Line) -> Void) {
        // The logical line being read: a slice of `bytes` until a fold makes it a copy.
        var pendingRange: Range<Int>?
        var joined: [UInt8]?
        var pendingLine = 0
        var softBreak = false
        var lineNumber = 0
        var start = 0

        func flush() {
            if let joined {
                body(Line(bytes: joined[...], number: pendingLine))
            } else if let range = pendingRange, !range.isEmpty {
                body(Line(bytes: bytes[range], number: pendingLine))
            }
            pendingRange = nil
            joined = nil
        }

        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            lineNumber += 1
            var contentEnd = end
            if contentEnd > start, bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            let physical = start..<contentEnd
            start = end + 1

            let first = physical.isEmpty ? nil : bytes[physical.lowerBound]
            if softBreak {
                if joined == nil { joined = Array(bytes[pendingRange!]) }
                joined!.removeLast()
                joined! += bytes[physical]
            } else if let first, first == 0x20 || first == 0x09, pendingRange != nil {
                if joined == nil { joined = Array(bytes[pendingRange!]) }
                joined! += bytes[(physical.lowerBound + 1)..<physical.upperBound]
            } else {
                flush()
                if physical.isEmpty { continue }
                pendingRange = physical
                pendingLine = lineNumber
            }
            if quotedPrintable {
                let last = joined?.last ?? pendingRange.flatMap { $0.isEmpty ? nil : bytes[$0.upperBound - 1] }
                softBreak = last == UInt8(ascii: "=")
                    && isQuotedPrintable(joined.map { $0[...] } ?? bytes[pendingRange!])
            }
        }
        flush()
    }

    /// Whether the parameters (before the first colon) say `QUOTED-PRINTABLE`, in any case.
    private static func isQuotedPrintable(_ line: ArraySlice<UInt8>) -> Bool {
        let head = line.prefix { $0 != UInt8(ascii: ":") }
        let word = Array("QUOTED-PRINTABLE".utf8)
        guard head.count >= word.count else { return false }
        var index = head.startIndex
        while index + word.count <= head.endIndex {
            var matches = true
            for offset in 0..<word.count where upper(head[index + offset]) != word[offset] {
                matches = false
                break
            }
            if matches { return true }
            index += 1
        }
        return false
    }

    private static func upper(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 32 : byte
    }
}
