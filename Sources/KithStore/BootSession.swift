#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The identity of the machine's current boot: random, new at every start of the machine, the
/// same for every process until it stops (Linux's `boot_id`, macOS's `kern.bootsessionuuid`).
/// `StoreImage` uses it to tell an image this boot wrote whole from one that may be torn.
struct BootSession: Equatable {
    /// Sixteen bytes: the UUID's.
    let bytes: [UInt8]

    /// This boot's session; nil where the system does not say.
    static let current: BootSession? = {
        #if os(Linux)
        guard let file = fopen("/proc/sys/kernel/random/boot_id", "r") else { return nil }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 64)
        guard fgets(&line, Int32(line.count), file) != nil else { return nil }
        return BootSession(uuid: String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        #elseif canImport(Darwin)
        var buffer = [CChar](repeating: 0, count: 64)
        var size = buffer.count
        guard sysctlbyname("kern.bootsessionuuid", &buffer, &size, nil, 0) == 0 else { return nil }
        return BootSession(uuid: String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        #else
        return nil
        #endif
    }()

    /// From a UUID's text ("6f9619ff-8b86-d011-b42d-00c04fc964ff"); nil for anything else.
    init?(uuid: String) {
        let digits = uuid.utf8.filter { $0 != UInt8(ascii: "-") && $0 != UInt8(ascii: "\n") }
        guard digits.count == 32 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: 32, by: 2) {
            guard let high = Self.hexValue(digits[index]), let low = Self.hexValue(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        self.bytes = bytes
    }

    /// From the sixteen bytes an image header keeps; nil when they are all zero (no session).
    init?<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
        guard bytes.count == 16, bytes.contains(where: { $0 != 0 }) else { return nil }
        self.bytes = Array(bytes)
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
