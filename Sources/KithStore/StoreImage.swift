#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials
import KithGraph

/// The binary image kept beside a snapshot (`P.image`, docs/store-format.md): the graph laid
/// out with its indexes (`GraphImage`), stamped with the identity of the snapshot it was made
/// from. A process whose snapshot still has that identity maps the image and skips parsing the
/// JSON; any other image is stale and is rebuilt from the JSON, which stays the source of truth.
///
/// Layout (little-endian, 8-byte words):
///
///     0   "KITHSIMG"          64  hash of the snapshot's last 64 KiB
///     8   version (2)         72  journalSeq
///     16  snapshot device     80  owner-and-undo offset, 88 its length
///     24  snapshot inode      96  graph image offset, 104 its length
///     32  snapshot size       112 hash of the owner-and-undo bytes
///     40  snapshot mtime (ns) 120 boot session whose page cache holds it whole (16 bytes)
///     48  snapshot ctime (ns) 136 hash of bytes 0..<136
///     56  hash of the snapshot's first 64 KiB
///                             144 owner and undo log (compact JSON), then the graph image
///
/// The image is a cache: it is written mode 0600 through a temporary file, fsynced and renamed,
/// for a snapshot of any size, by every compaction (from the graph in memory) and by a load that
/// had to parse the JSON (a snapshot edited outside kith, or an image lost or stale).
///
/// Why the boot session: an image is renamed into place only once it is written whole and its
/// fsync and close have succeeded, so it is whole on disk; what could still damage it — a crash
/// of the machine before the rename's metadata is on disk, a failing disk, a file copied from
/// elsewhere — comes with, or is found after, a new boot session or another machine's. So an image made in
/// this boot session is used without reading it all — a large store's image is 96 MB, and
/// reading and hashing it was most of a one-shot question. One from another session is checked
/// in full (its graph image's content hash), and if sound, claimed for this session.
enum StoreImage {
    static let magic: UInt64 = 0x474D_4953_4854_494B  // "KITHSIMG"
    static let version: UInt64 = 2
    static let headerSize = 144
    static let bootOffset = 120
    static let headerHashOffset = 136
    /// How much of each end of the snapshot the stamp hashes.
    static let edgeBytes = 64 * 1024

    static func path(for snapshot: String) -> String { snapshot + ".image" }

    /// What the image records about its snapshot.
    struct Stamp: Equatable {
        var device: UInt64
        var inode: UInt64
        var size: Int
        var modified: Int
        var changed: Int
        var headHash: UInt64
        var tailHash: UInt64

        init(identity: FileIdentity, head: UInt64, tail: UInt64) {
            device = identity.device
            inode = identity.inode
            size = identity.size
            modified = identity.modified
            changed = identity.changed
            headHash = head
            tailHash = tail
        }
    }

    // MARK: - Reading

    /// The graph and journalSeq from the image beside the snapshot open at `fd`, or nil when
    /// there is none, or it is stale, damaged or unreadable.
    /// `session`: this boot's (`BootSession.current`; nil where unknown, so that every image is
    /// checked in full).
    static func load(snapshotPath: String, fd: Int32, identity: FileIdentity,
                     session: BootSession? = .current) -> (graph: Graph, journalSeq: Int)? {
        // Read-write when allowed, to claim the image for this session after checking it.
        var imageFD = open(path(for: snapshotPath), O_RDWR | O_CLOEXEC)
        if imageFD < 0 { imageFD = open(path(for: snapshotPath), O_RDONLY | O_CLOEXEC) }
        guard imageFD >= 0 else { return nil }
        defer { close(imageFD) }
        var info = stat()
        guard fstat(imageFD, &info) == 0 else { return nil }
        let size = Int(info.st_size)
        guard size >= headerSize else { return nil }

        var header = [UInt8](repeating: 0, count: headerSize)
        guard readFully(imageFD, into: &header, at: 0) else { return nil }
        func word(_ offset: Int) -> UInt64 { header.withUnsafeBytes { $0.load(fromByteOffset: offset, as: UInt64.self).littleEndian } }
        guard word(0) == magic, word(8) == version, headerHash(header) == word(headerHashOffset) else { return nil }
        guard let stamp = try? stamp(fd: fd, identity: identity),
              word(16) == stamp.device, word(24) == stamp.inode, Int(word(32)) == stamp.size,
              Int(Int64(bitPattern: word(40))) == stamp.modified, Int(Int64(bitPattern: word(48))) == stamp.changed,
              word(56) == stamp.headHash, word(64) == stamp.tailHash else { return nil }
        let metaOffset = Int(word(80)), metaLength = Int(word(88))
        let graphOffset = Int(word(96)), graphLength = Int(word(104))
        guard metaOffset >= headerSize, metaLength >= 0, metaOffset + metaLength <= size, graphOffset % 8 == 0,
              graphOffset >= metaOffset + metaLength, graphLength >= 0, graphOffset + graphLength <= size else { return nil }

        let trusted = session != nil && BootSession(header[bootOffset..<(bootOffset + 16)]) == session
        // Checking reads every page, so map them all at once; otherwise only the pages used.
        #if os(Linux)
        let flags = trusted ? MAP_PRIVATE : MAP_PRIVATE | MAP_POPULATE
        #else
        let flags = MAP_PRIVATE
        #endif
        guard let mapping = mmap(nil, size, PROT_READ, flags, imageFD, 0), mapping != MAP_FAILED else { return nil }
        let all = UnsafeRawBufferPointer(start: mapping, count: size)
        let meta = UnsafeRawBufferPointer(rebasing: all[metaOffset..<(metaOffset + metaLength)])
        guard ImageHash.hash(meta) == word(112), let (owner, undo) = StoreReader.ownerAndUndo(meta) else {
            munmap(mapping, size)
            return nil
        }
        let storage = GraphImage.Storage(bytes: UnsafeRawBufferPointer(rebasing: all[graphOffset..<(graphOffset + graphLength)])) { _ in
            munmap(mapping, size)
        }
        guard let image = try? GraphImage(storage, checkingContents: !trusted) else { return nil }
        if !trusted, let session { claim(imageFD, header: header, for: session) }
        return (Graph(image: image, owner: owner, undoLog: undo), Int(Int64(bitPattern: word(72))))
    }

    private static func headerHash(_ header: [UInt8]) -> UInt64 {
        header.withUnsafeBytes { ImageHash.hash(UnsafeRawBufferPointer(rebasing: $0[0..<headerHashOffset])) }
    }

    /// Records in the header of a checked image that this session may use it without checking.
    /// Best effort (the image may be read-only); a torn header fails its hash and the image is
    /// rebuilt.
    private static func claim(_ fd: Int32, header: [UInt8], for session: BootSession) {
        var header = header
        header.replaceSubrange(bootOffset..<(bootOffset + 16), with: session.bytes)
        let hash = headerHash(header).littleEndian
        withUnsafeBytes(of: hash) { header.replaceSubrange(headerHashOffset..<(headerHashOffset + 8), with: $0) }
        _ = header.withUnsafeBytes { pwrite(fd, $0.baseAddress! + bootOffset, headerSize - bootOffset, off_t(bootOffset)) }
    }

    /// The snapshot's stamp: its identity and the hashes of its two ends.
    static func stamp(fd: Int32, identity: FileIdentity) throws -> Stamp {
        let count = min(edgeBytes, identity.size)
        var head = [UInt8](repeating: 0, count: count), tail = [UInt8](repeating: 0, count: count)
        guard readFully(fd, into: &head, at: 0), readFully(fd, into: &tail, at: identity.size - count) else {
            throw StoreError(path: "", message: "cannot read")
        }
        return Stamp(identity: identity, head: head.withUnsafeBytes { ImageHash.hash($0) },
                     tail: tail.withUnsafeBytes { ImageHash.hash($0) })
    }

    private static func readFully(_ fd: Int32, into buffer: inout [UInt8], at offset: Int) -> Bool {
        var done = 0
        while done < buffer.count {
            let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, $0.count - done, off_t(offset + done)) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            done += count
        }
        return true
    }

    // MARK: - Writing

    /// Writes the image for `graph`, read from the snapshot with `stamp`. Best effort: a store in
    /// a read-only folder simply has no image.
    static func save(_ graph: Graph, journalSeq: Int, stamp: Stamp, snapshotPath: String) {
        let target = path(for: snapshotPath)
        let temporary = "\(target).tmp-\(getpid())"
        let meta = StoreWriter.ownerAndUndo(graph)
        let graphBytes = graph.image.bytes
        let graphOffset = (headerSize + meta.count + 7) / 8 * 8
        var header = [UInt8](repeating: 0, count: graphOffset)
        func word(_ offset: Int, _ value: UInt64) {
            header.withUnsafeMutableBytes { $0.storeBytes(of: value.littleEndian, toByteOffset: offset, as: UInt64.self) }
        }
        word(0, magic)
        word(8, version)
        word(16, stamp.device)
        word(24, stamp.inode)
        word(32, UInt64(stamp.size))
        word(40, UInt64(bitPattern: Int64(stamp.modified)))
        word(48, UInt64(bitPattern: Int64(stamp.changed)))
        word(56, stamp.headHash)
        word(64, stamp.tailHash)
        word(72, UInt64(bitPattern: Int64(journalSeq)))
        word(80, UInt64(headerSize))
        word(88, UInt64(meta.count))
        word(96, UInt64(graphOffset))
        word(104, UInt64(graphBytes.count))
        word(112, meta.withUnsafeBytes { ImageHash.hash($0) })
        if let session = BootSession.current { header.replaceSubrange(bootOffset..<(bootOffset + 16), with: session.bytes) }
        word(headerHashOffset, headerHash(header))
        header.replaceSubrange(headerSize..<(headerSize + meta.count), with: meta)

        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        var written = fchmod(fd, 0o600) == 0
        written = written && header.withUnsafeBytes { writeFully(fd, $0) } && writeFully(fd, graphBytes)
        // On disk and reported so before the rename: a write that fails late (a full disk, a
        // network file system reporting at close) must not leave an image this session trusts.
        written = written && fsync(fd) == 0
        written = close(fd) == 0 && written
        if !written || rename(temporary, target) != 0 { unlink(temporary) }
    }

    private static func writeFully(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var done = 0
        while done < bytes.count {
            let count = write(fd, bytes.baseAddress! + done, bytes.count - done)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            done += count
        }
        return true
    }
}

extension FileStorage {
    /// Loads the snapshot at `path`: from its image when one matches, else by parsing the JSON
    /// (then writing the image). Nil when there is no snapshot. Errors are the JSON's, with line
    /// and column.
    /// The snapshot's graph, journal position, identity and version; nil when there is none. An
    /// image is written only for a snapshot of the current version (an older one is rewritten by
    /// the next commit), so one read from its image is of this version.
    func loadSnapshot() throws -> (graph: Graph, journalSeq: Int, identity: FileIdentity, version: Int)? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw StoreError(path: path, message: "cannot open: \(systemError())")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw StoreError(path: path, message: "cannot stat: \(systemError())") }
        let identity = FileIdentity(info)
        if let loaded = StoreImage.load(snapshotPath: path, fd: fd, identity: identity) {
            return (loaded.graph, loaded.journalSeq, identity, FileStorage.currentVersion)
        }
        let read = try Self.decodeSnapshot(fd: fd, size: identity.size, path: path)
        let graph = read.graph
        // Only a graph whose records are all in its image: Foundation's path builds the records
        // one by one when they do not fit an image.
        if read.version == FileStorage.currentVersion, graph.isImageOnly,
           let stamp = try? StoreImage.stamp(fd: fd, identity: identity) {
            StoreImage.save(graph, journalSeq: read.journalSeq, stamp: stamp, snapshotPath: path)
        }
        return (graph, read.journalSeq, identity, read.version)
    }

    /// Parses and validates the snapshot open at `fd` (see `decodeSnapshot(_:path:)`).
    static func decodeSnapshot(fd: Int32, size: Int, path: String) throws -> Snapshot.Read {
        guard size > 0 else { return try decodeVersionedSnapshot(Data(), path: path) }
        guard let mapping = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), mapping != MAP_FAILED else {
            throw StoreError(path: path, message: "cannot read: \(systemError())")
        }
        defer { munmap(mapping, size) }
        // The mapping outlives every use of the bytes (nothing read keeps a reference to them),
        // so they are not copied.
        return try decodeVersionedSnapshot(Data(bytesNoCopy: mapping, count: size, deallocator: .none), path: path)
    }
}
