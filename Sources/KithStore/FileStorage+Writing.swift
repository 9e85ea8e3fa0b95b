#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import KithGraph

extension FileStorage {
    /// Appends one transaction line and makes it durable. The caller holds the exclusive lock and
    /// has caught up, so anything in the journal past `journalOffset` is a torn line.
    func append(_ transaction: Transaction) throws {
        let line = try Self.encodeTransaction(transaction)
        let (journal, created) = try OpenFile.creating(journalPath, flags: O_WRONLY | O_APPEND)
        if try journal.identity().size > journalOffset {
            // Cut the torn line away so this one starts a line of its own.
            try journal.truncate(to: journalOffset)
            try journal.sync()
            warnedTornLineAt = nil
        }
        do {
            try journal.write(line)
        } catch {
            try? journal.truncate(to: journalOffset)
            throw error
        }
        try journal.sync()
        if created { try FileSystem.syncDirectory(FileSystem.directory(of: path)) }
        journalOffset += line.count
        journalLineCount += 1
        lastSeq = transaction.seq
    }

    /// Writes the whole graph as a new snapshot and empties the journal; the caller holds the
    /// exclusive lock and has caught up.
    ///
    /// The snapshot records `lastSeq` as its `journalSeq`, so a crash after the rename but before
    /// the truncate leaves journal lines that a load skips.
    func compactLocked() throws {
        try checkBeforeCompacting()
        let temporary = "\(path).tmp-\(getpid())"
        let directory = FileSystem.directory(of: path)
        removeStaleTemporaries()
        do {
            let file = try OpenFile.creating(temporary, flags: O_WRONLY).file
            // Written as it is encoded, part by part (SnapshotPlan), so the write overlaps the
            // encoding, and handed to the disk every megabyte, so that the sync below
            // waits only for the last ones. Nothing is renamed until all of it is synced.
            var written = 0, handedOver = 0
            try SnapshotPlan(graph, journalSeq: lastSeq).write { bytes in
                try file.write(bytes)
                written += bytes.count
                if written - handedOver >= 1 << 20 {
                    file.startWriteback(offset: handedOver, count: written - handedOver)
                    handedOver = written
                }
            }
            try file.sync()
            try FileSystem.move(temporary, over: path)
        } catch {
            FileSystem.removeIfPresent(temporary)
            throw error
        }
        try FileSystem.syncDirectory(directory)
        // Taken after the rename, which may change the file's ctime.
        snapshotIdentity = try FileIdentity.of(path)
        snapshotVersion = FileStorage.currentVersion
        if let journal = try OpenFile.existing(journalPath, flags: O_WRONLY) {
            try journal.truncate(to: 0)
            try journal.sync()
        }
        journalOffset = 0
        journalLineCount = 0
        warnedTornLineAt = nil
        saveImage()
    }

    /// Writes the image of the snapshot just written (`StoreImage`), so that the next process
    /// maps it instead of parsing the JSON. The image is built by reading the snapshot back —
    /// from the page cache, with the reader and the checks a load uses — so it is exactly the
    /// image a load of this JSON would write. (Building it from the graph in memory instead, record
    /// by record, took 6.5 s on the large store where reading back takes about 0.5 s.) Best
    /// effort, as every image write is: the snapshot is already durable, and a missing or stale
    /// image only means the next load parses the JSON and writes the image then. Like every
    /// image, it is written whole to a temporary file, fsynced and renamed, and stamped with the
    /// snapshot's identity and the hashes of its ends, so it is used only beside exactly this
    /// snapshot.
    private func saveImage() {
        guard let identity = snapshotIdentity else { return }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        guard let stamp = try? StoreImage.stamp(fd: fd, identity: identity),
              let read = try? Self.decodeSnapshot(fd: fd, size: identity.size, path: path),
              read.version == FileStorage.currentVersion, read.graph.isImageOnly else { return }
        StoreImage.save(read.graph, journalSeq: read.journalSeq, stamp: stamp, snapshotPath: path)
    }
}
