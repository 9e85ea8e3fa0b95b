import KithText

/// The reference network's draws beyond KithText's: normal deviates and weighted choices, from
/// the one seeded generator, so a reference store is a pure function of its options.
extension SeededGenerator {
    /// A standard normal deviate (Box–Muller).
    mutating func normal() -> Double {
        let u = max(unit(), 0x1.0p-53)
        let v = unit()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}

/// Draws indexes in proportion to fixed weights: a cumulative table and a binary search.
struct WeightedChoice {
    private let cumulative: [Double]

    init(weights: [Double]) {
        var total = 0.0
        cumulative = weights.map { total += $0; return total }
    }

    /// Zipf weights 1/(rank + 1)^s over `count` items: a few common, a long tail of rare ones.
    init(zipf count: Int, exponent s: Double) {
        self.init(weights: (0..<count).map { 1 / pow(Double($0 + 1), s) })
    }

    /// - Complexity: O(log n)
    func draw(_ random: inout SeededGenerator) -> Int {
        let target = random.unit() * cumulative[cumulative.count - 1]
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] > target { high = mid } else { low = mid + 1 }
        }
        return low
    }
}

// Tiny, dependency-free maths: KithGenerator stays free of Foundation.

/// Natural logarithm by argument reduction to [1, 2) and an atanh series (error < 1e-15).
func log(_ x: Double) -> Double {
    precondition(x > 0)
    let exponent = x.exponent
    let m = x.significand  // in [1, 2)
    let y = (m - 1) / (m + 1)
    let y2 = y * y
    var term = y
    var sum = 0.0
    var k = 1.0
    while abs(term / k) > 1e-17 {
        sum += term / k
        term *= y2
        k += 2
    }
    return 2 * sum + Double(exponent) * 0.693_147_180_559_945_3
}

func exp(_ x: Double) -> Double {
    // e^x = 2^k · e^r with |r| ≤ ln2/2, then a Taylor series.
    let k = (x / 0.693_147_180_559_945_3).rounded()
    let r = x - k * 0.693_147_180_559_945_3
    var term = 1.0
    var sum = 1.0
    var n = 1.0
    while abs(term) > 1e-17 {
        term *= r / n
        sum += term
        n += 1
    }
    return Double(sign: .plus, exponent: Int(k), significand: sum)
}

func pow(_ x: Double, _ y: Double) -> Double { exp(y * log(x)) }

func cos(_ x: Double) -> Double {
    // Reduce to [-π, π], then a Taylor series.
    var r = x.truncatingRemainder(dividingBy: 2 * Double.pi)
    if r > Double.pi { r -= 2 * Double.pi }
    if r < -Double.pi { r += 2 * Double.pi }
    var term = 1.0
    var sum = 1.0
    var n = 0.0
    while abs(term) > 1e-17 {
        term *= -r * r / ((n + 1) * (n + 2))
        sum += term
        n += 2
    }
    return sum
}
