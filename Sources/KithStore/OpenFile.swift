#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
#if os(Linux)
import CLinuxShims
#endif

/// An open file descriptor that closes itself, with the few calls the store makes on it. Every
/// failure is a `StoreError` naming the file.
final class OpenFile {
    let path: String
    private let fd: Int32

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    deinit { close(fd) }

    /// Opens an existing file, or returns nil when there is none.
    static func existing(_ path: String, flags: Int32) throws -> OpenFile? {
        let fd = open(path, flags | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw StoreError(path: path, message: "cannot open: \(systemError())")
        }
        return OpenFile(path: path, fd: fd)
    }

    /// Opens `path`, creating it when missing with mode 0600 set explicitly (whatever the umask);
    /// `created` tells the caller to make the new directory entry durable.
    static func creating(_ path: String, flags: Int32) throws -> (file: OpenFile, created: Bool) {
        while true {
            if let file = try existing(path, flags: flags) { return (file, false) }
            let fd = open(path, flags | O_CLOEXEC | O_CREAT | O_EXCL, 0o600)
            if fd < 0 && errno == EEXIST { continue }  // another process created it just now
            guard fd >= 0 else { throw StoreError(path: path, message: "cannot create: \(systemError())") }
            let file = OpenFile(path: path, fd: fd)
            guard fchmod(fd, 0o600) == 0 else { throw StoreError(path: path, message: "cannot chmod: \(systemError())") }
            return (file, true)
        }
    }

    func identity() throws -> FileIdentity {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw StoreError(path: path, message: "cannot stat: \(systemError())") }
        return FileIdentity(info)
    }

    /// Everything from `offset` to the end of the file.
    func readAll(from offset: Int = 0) throws -> [UInt8] {
        let expected = try identity().size - offset
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: max(64 * 1024, expected))
        while true {
            let count = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(offset + bytes.count)) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw StoreError(path: path, message: "cannot read: \(systemError())") }
            if count == 0 { return bytes }
            bytes += chunk[..<count]
        }
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBufferPointer { try write($0) }
    }

    func write(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        var written = 0
        while written < bytes.count {
            let count = systemWrite(fd, bytes.baseAddress.map { $0 + written }, bytes.count - written)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw StoreError(path: path, message: "cannot write: \(systemError())") }
            written += count
        }
    }

    /// Asks the kernel to start writing `count` bytes from `offset` to the disk now, without
    /// waiting for them (Linux's `sync_file_range` with `SYNC_FILE_RANGE_WRITE`; elsewhere,
    /// nothing). A big file handed over this way as it is written leaves little for the `sync()`
    /// that must still follow; it promises nothing itself, so errors are left to `sync()`.
    func startWriteback(offset: Int, count: Int) {
        #if os(Linux)
        _ = sync_file_range(fd, Int64(offset), Int64(count), 2 /* SYNC_FILE_RANGE_WRITE */)
        #endif
    }

    func sync() throws {
        guard fsync(fd) == 0 else { throw StoreError(path: path, message: "cannot sync: \(systemError())") }
    }

    func truncate(to size: Int) throws {
        guard ftruncate(fd, off_t(size)) == 0 else {
            throw StoreError(path: path, message: "cannot truncate: \(systemError())")
        }
    }

    /// Blocks until the lock is ours; closing the file releases it.
    func lock(exclusive: Bool) throws {
        while flock(fd, exclusive ? LOCK_EX : LOCK_SH) != 0 {
            guard errno == EINTR else { throw StoreError(path: path, message: "cannot lock: \(systemError())") }
        }
    }
}

/// `write(2)`, which `OpenFile.write` hides inside the class.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(fd, buffer, count)
}
