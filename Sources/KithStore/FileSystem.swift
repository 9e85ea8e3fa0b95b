#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The calls on paths (rather than open files) that the store makes.
enum FileSystem {
    /// The directory holding `path`: "." for a bare file name.
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Creates `path` and any missing parents with mode 0700 (set explicitly, whatever the
    /// umask), and makes each new entry durable in its parent.
    static func makeDirectories(_ path: String) throws {
        if try FileIdentity.of(path) != nil { return }
        let parent = directory(of: path)
        if parent != path { try makeDirectories(parent) }
        guard mkdir(path, 0o700) == 0 else {
            if errno == EEXIST { return }
            throw StoreError(path: path, message: "cannot create directory: \(systemError())")
        }
        guard chmod(path, 0o700) == 0 else { throw StoreError(path: path, message: "cannot chmod: \(systemError())") }
        try syncDirectory(parent)
    }

    /// Makes renames and new entries in `path` durable.
    static func syncDirectory(_ path: String) throws {
        guard let directory = try OpenFile.existing(path, flags: O_RDONLY | O_DIRECTORY) else {
            throw StoreError(path: path, message: "cannot open directory: \(systemError(ENOENT))")
        }
        try directory.sync()
    }

    /// `rename(2)`: atomically replaces `destination`.
    static func move(_ source: String, over destination: String) throws {
        guard rename(source, destination) == 0 else {
            throw StoreError(path: destination, message: "cannot rename \(source) over it: \(systemError())")
        }
    }

    /// Removes a file if it is there; a leftover temporary file is harmless, so failures are ignored.
    static func removeIfPresent(_ path: String) {
        unlink(path)
    }
}
