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
        return path.split(separator: ":").map { "\($0)/\(name)" }.first(where: isExecutable)
    }

    static func isExecutable(_ path: String) -> Bool {
        FileManager.default.isExecutableFile(atPath: path)
    }

    /// Writes `data` to `path` through a temporary file renamed over it, so a reader never sees
    /// half a file; a new file is readable by the owner only (0600), like the store.
    static func writeFile(_ data: Data, to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SystemError() }
        let written = data.withUnsafeBytes { writeAll($0.bindMemory(to: UInt8.self), to: fd) }
        let failure = written ? nil : SystemError()
        guard close(fd) == 0, failure == nil, rename(temporary, path) == 0 else {
            let error = failure ?? SystemError()
            unlink(temporary)
            throw error
        }
    }
}
