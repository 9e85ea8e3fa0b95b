#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials

/// What import and export need from the machine: the time, other programs (Graphviz), and
/// private files.
extension Platform {
    /// The current instant, for iCalendar's DTSTAMP.
    static var now: Date { Date() }

    /// The first executable called `name` on `$PATH`.
    static func executable(named name: String) -> String? {
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Writes `data` to `path` through a temporary file renamed over it, so a reader never sees
    /// half a file; a new file is readable by the owner only (0600), like the store.
    static func writeFile(_ data: Data, to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw FileError() }
        let written = data.withUnsafeBytes { writeAll($0.bindMemory(to: UInt8.self), to: fd) }
        let failure = written ? nil : FileError()
        guard close(fd) == 0, failure == nil, rename(temporary, path) == 0 else {
            let error = failure ?? FileError()
            unlink(temporary)
            throw error
        }
    }

    /// The whole of the file at `path`.
    static func readFile(_ path: String) throws -> Data {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileError() }
        defer { close(fd) }
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                data.append(contentsOf: chunk[..<count])
            } else if count == 0 {
                return data
            } else if errno != EINTR {
                throw FileError()
            }
        }
    }

    /// A failed file operation, as the system words it: "No such file or directory".
    struct FileError: Error, Equatable, CustomStringConvertible {
        let description: String

        /// From `errno`, so made straight after the call that failed.
        init() {
            description = String(cString: strerror(errno))
        }
    }
}
