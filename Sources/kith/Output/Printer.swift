import KithEngine

/// Prints answers for people (text, colour on a terminal) or programs (JSON Lines).
struct Printer {
    let json: Bool
    let colour: Bool

    /// The answer as the user sees it; scripts echo the line first (`> line`), after a blank
    /// line when `separated` (text only: JSON Lines are one line each). One write per answer.
    func print(_ answer: Answer, echo: Bool = false, separated: Bool = false) {
        if json {
            Platform.write(answer.json.serialized + "\n")
            return
        }
        var out = separated ? "\n" : ""
        if echo { out += style("> \(Self.visible(answer.question))", "1") + "\n" }
        let text = Self.visible(answer.text)
        out += answer.isFailure ? style(text, "33") : text
        Platform.write(out + "\n")
    }

    /// Text with its control characters made visible (ESC as ␛, NUL as ␀, a C1 control as
    /// U+FFFD): a name or a script line holding an escape sequence must not recolour, retitle or
    /// clear the terminal it is printed on. Newlines and tabs stay.
    static func visible(_ text: String) -> String {
        guard hasControls(text) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x09: scalars.append(scalar)
            case 0x00..<0x20: scalars.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case 0x7F: scalars.append("\u{2421}")
            case 0x80..<0xA0: scalars.append("\u{FFFD}")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// Whether `visible` has anything to replace, read from the UTF-8 bytes (every answer's
    /// text passes through here; decoding it scalar by scalar cost script mode a twentieth of
    /// its time). In UTF-8 a C0 control or DEL is one byte below 0x80, a C1 control (U+0080…
    /// U+009F) is 0xC2 followed by 0x80…0x9F, and no other character contains those bytes.
    /// Eight bytes are tested at a time for any byte below 0x20, 0x7F or 0xC2 (the bit tricks of
    /// "Bit Twiddling Hacks": exact, no false negatives); only a word with one is looked at
    /// byte by byte, which is most words with a line break in them.
    static func hasControls(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            let count = bytes.count
            guard let base = bytes.baseAddress else { return false }
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            func hasZeroByte(_ word: UInt64) -> Bool { (word &- ones) & ~word & highs != 0 }
            var i = 0
            while i + 8 <= count {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                let below20 = (word &- ones &* 0x20) & ~word & highs != 0
                if below20 || hasZeroByte(word ^ (ones &* 0x7F)) || hasZeroByte(word ^ (ones &* 0xC2)) {
                    if isControl(at: i..<(i + 8), in: bytes) { return true }
                }
                i += 8
            }
            return isControl(at: i..<count, in: bytes)
        }
    }

    /// Whether a control starts at one of `positions` (a C1 control's second byte may lie beyond).
    private static func isControl(at positions: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for i in positions {
            switch bytes[i] {
            case 0x0A, 0x09: continue
            case 0x00..<0x20, 0x7F: return true
            case 0xC2 where i + 1 < bytes.count && (0x80..<0xA0).contains(bytes[i + 1]): return true
            default: continue
            }
        }
        return false
    }

    /// Wraps text in an ANSI style when colour is on ("1" bold, "2" dim, "33" yellow).
    func style(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
