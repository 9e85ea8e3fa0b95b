import KithText
import Testing

@Suite struct ContentLinesTests {
    func unfolded(_ text: String, quotedPrintable: Bool = false) -> [String] {
        ContentLines.unfold(Array(text.utf8), quotedPrintable: quotedPrintable)
            .map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    @Test func whatIsWrittenUnfoldsToTheSameLines() {
        var lines = ContentLines()
        let values = ["short", String(repeating: "Très long — ünïcödé ", count: 12), String(repeating: "x", count: 300)]
        for value in values { lines.append("NOTE", value) }
        #expect(lines.bytes.count > values.joined().utf8.count)  // it folded
        let back = ContentLines.unfold(lines.bytes).map { String(decoding: $0.bytes, as: UTF8.self) }
        #expect(back == values.map { "NOTE:" + $0 })
        // Each logical line starts on the physical line after the last one's folds.
        let physical = String(decoding: lines.bytes, as: UTF8.self).split(separator: "\r\n", omittingEmptySubsequences: false)
        let starts = physical.indices.filter { !physical[$0].hasPrefix(" ") && !physical[$0].isEmpty }.map { $0 + 1 }
        #expect(starts.count == 3)
        #expect(ContentLines.unfold(lines.bytes).map(\.number) == starts)
    }

    @Test func foldsJoinOnBytesSoAFoldInsideACharacterHeals() {
        let e = Array("ë".utf8)
        let bytes = Array("FN:Zo".utf8) + [e[0]] + Array("\r\n ".utf8) + [e[1]] + Array("l\r\n".utf8)
        #expect(ContentLines.unfold(bytes).map { String(decoding: $0.bytes, as: UTF8.self) } == ["FN:Zoël"])
    }

    @Test func lineEndsMayBeLFOrCRLFAndBlankLinesGo() {
        let lines = ContentLines.unfold(Array("A:1\n\nB:2\r\n\tcontinued\r\n C\nD:3".utf8))
        #expect(lines.map { String(decoding: $0.bytes, as: UTF8.self) } == ["A:1", "B:2continuedC", "D:3"])
        #expect(lines.map(\.number) == [1, 3, 6])
    }

    @Test func anUnfoldedLineIsASliceOfTheTextItself() {
        let bytes = Array("A:1\r\nB:2\r\n".utf8)
        let lines = ContentLines.unfold(bytes)
        #expect(lines.map(\.bytes.startIndex) == [0, 5])
    }

    @Test func quotedPrintableSoftBreaksJoinOnlyWhenAsked() {
        let text = "NOTE;ENCODING=quoted-printable:caf=C3=\r\n=A9 ok\r\nNOTE:ends with =\r\nX:1\r\n"
        #expect(unfolded(text, quotedPrintable: true) == ["NOTE;ENCODING=quoted-printable:caf=C3=A9 ok", "NOTE:ends with =", "X:1"])
        #expect(unfolded(text) == ["NOTE;ENCODING=quoted-printable:caf=C3=", "=A9 ok", "NOTE:ends with =", "X:1"])
    }

    @Test func escapeMarksSeparatorsAndLineBreaks() {
        #expect(ContentLines.escape("a\\b,c;d\ne") == "a\\\\b\\,c\\;d\\ne")
    }
}
