/// Steele, Lea and Flood's SplitMix64: a tiny, fast, well-mixed generator, and Kith's only one.
/// Seeded explicitly, so the demo network and the reference stores are the same on every machine
/// and a failing stress or property test can be repeated; its draws are below.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

// The draws: one number each, by a fixed formula, so the same seed gives the same values
// everywhere. (The modulo bias is far below anything these uses could show.)
extension SeededGenerator {
    /// A value in 0..<`bound` (0 when `bound` is 0).
    public mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(max(bound, 1)))
    }

    /// A value in `range`.
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// One of `items`, which must not be empty.
    public mutating func pick<C: Collection>(_ items: C) -> C.Element where C.Index == Int {
        items[items.startIndex + below(items.count)]
    }

    /// A uniform value in [0, 1).
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool {
        unit() < p
    }

    /// True `percent` times in a hundred.
    public mutating func percent(_ percent: Int) -> Bool {
        below(100) < percent
    }
}
