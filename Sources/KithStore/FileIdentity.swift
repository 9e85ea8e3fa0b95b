#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What tells a reader that a file changed without reading it: a replacing rename brings a new
/// inode, an append a new size and modification time.
struct FileIdentity: Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int
    /// Nanoseconds since the epoch.
    var modified: Int
    var changed: Int
    var mode: UInt32

    init(_ info: stat) {
        device = UInt64(truncatingIfNeeded: info.st_dev)
        inode = UInt64(truncatingIfNeeded: info.st_ino)
        size = Int(info.st_size)
        #if canImport(Darwin)
        modified = Int(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int(info.st_mtimespec.tv_nsec)
        changed = Int(info.st_ctimespec.tv_sec) * 1_000_000_000 + Int(info.st_ctimespec.tv_nsec)
        #else
        modified = Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)
        changed = Int(info.st_ctim.tv_sec) * 1_000_000_000 + Int(info.st_ctim.tv_nsec)
        #endif
        mode = UInt32(info.st_mode)
    }

    /// The identity of the file at `path`, or nil when there is none.
    static func of(_ path: String) throws -> FileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw StoreError(path: path, message: "cannot stat: \(systemError())")
        }
        return FileIdentity(info)
    }
}

/// The current `errno` as a lowercase phrase ("permission denied").
func systemError(_ code: Int32 = errno) -> String {
    let text = String(cString: strerror(code))
    return text.prefix(1).lowercased() + text.dropFirst()
}
