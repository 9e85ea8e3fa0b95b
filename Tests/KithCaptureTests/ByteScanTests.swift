import Testing
@testable import KithCapture

/// The eight-bytes-at-a-time scans against the obvious byte-by-byte loops, on random text made of
/// the bytes they look for, at every start.
@Suite struct ByteScanTests {
    @Test(arguments: 0..<40)
    func scansAgreeWithLoops(_ seed: Int) {
        var generator = SystemRandomNumberGeneratorSeeded(seed: UInt64(seed))
        let alphabet: [UInt8] = [0x0A, 0x46, 0x72, 0x6F, 0x6D, 0x20, 0x0D, 0xC3, 0xFF, 0x00]
        let bytes = (0..<Int.random(in: 0...90, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
        bytes.withUnsafeBufferPointer { buffer in
            let s = ByteScan(buffer)
            for start in 0...bytes.count {
                for byte: UInt8 in [0x0A, 0x46, 0xFF, 0x00] {
                    #expect(s.firstIndex(of: byte, from: start) == (bytes[start...].firstIndex(of: byte) ?? bytes.count))
                }
                for end in start...bytes.count {
                    #expect(s.lineFeeds(from: start, to: end) == bytes[start..<end].filter { $0 == 0x0A }.count)
                }
                for lineStart in [true, false] {
                    var expected = (index: bytes.count, lineFeeds: bytes[start...].filter { $0 == 0x0A }.count)
                    for i in start..<bytes.count where bytes[i] == 0x46 && ((i == start && lineStart) || (i > start && bytes[i - 1] == 0x0A)
                                                                            || (i == start && i > 0 && bytes[i - 1] == 0x0A)) {
                        expected = (i, bytes[start..<i].filter { $0 == 0x0A }.count)
                        break
                    }
                    let found = s.nextLine(startingWith: 0x46, from: start, startIsLineStart: lineStart)
                    #expect(found.index == expected.index && found.lineFeeds == expected.lineFeeds, "start \(start) in \(bytes)")
                }
            }
        }
    }

    @Test func stableHashIsFNV1a() {
        // The published FNV-1a 64 test vectors.
        #expect(StableHash.hex("") == "cbf29ce484222325")
        #expect(StableHash.hex("a") == "af63dc4c8601ec8c")
        #expect(StableHash.hex("foobar") == "85944171f73967e8")
    }
}

/// SplitMix64, so a failing case can be run again.
struct SystemRandomNumberGeneratorSeeded: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
