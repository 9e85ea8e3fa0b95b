/// A 64-bit FNV-1a hash: the same value for the same bytes on every machine, in every run
/// (Swift's `Hasher` is seeded per process, so it cannot make keys a store keeps).
///
/// Keys are built on it (`Trace.key`), so it must never change. It is not cryptographic: it keeps
/// message text out of the store while telling lines apart, and with 64 bits two different lines
/// in a million-line history share a hash with odds of about one in 36 million.
public struct StableHash: Sendable {
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    public init() {}

    public mutating func add(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    public mutating func add(_ bytes: some Sequence<UInt8>) {
        for byte in bytes { add(byte) }
    }

    public mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { for byte in $0 { add(byte) } }
    }

    /// 16 lowercase hex digits.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: 16) { out in
            for i in 0..<16 { out[i] = digits[Int((value >> UInt64(60 - 4 * i)) & 0xF)] }
            return 16
        }
    }

    /// The hash of `text`'s UTF-8 bytes, as hex.
    public static func hex(_ text: String) -> String {
        var hash = StableHash()
        hash.add(text)
        return hash.hex
    }
}
