/// SplitMix64: the same numbers on every machine and run, so a failing case can be replayed.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func pick<T>(_ choices: [T]) -> T { choices[below(choices.count)] }

    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
}

/// Scalars as hex, for failure messages that show what the text really holds.
func scalarDump(_ text: String) -> String {
    text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ")
}

/// The scalars, in hex: Swift's `==` on strings is canonical equivalence (`"é" == "e\u{301}"`),
/// and these tests want the very same scalars (and failures that show them).
func exactly(_ text: String?) -> String? { text.map(scalarDump) }

func exactly(_ fields: [String]) -> [String] { fields.map(scalarDump) }

func exactly(_ rows: [[String]]) -> [[String]] { rows.map(exactly) }
