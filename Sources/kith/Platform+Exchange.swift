#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials
import SystemPackage

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
        do {
            let file = try FileDescriptor.open(FilePath(temporary), .writeOnly, options: [.create, .truncate, .closeOnExec],
                                               permissions: [.ownerReadWrite])
            let written = data.withUnsafeBytes { writeAll($0.bindMemory(to: UInt8.self), to: file.rawValue) }
            let failure = written ? nil : SystemError()
            try file.close()
            if let failure { throw failure }
        } catch {
            unlink(temporary)
            throw (error as? SystemError) ?? SystemError(error)
        }
        // swift-system has no rename: the C library's.
        guard rename(temporary, path) == 0 else {
            let error = SystemError()
            unlink(temporary)
            throw error
        }
    }
}
