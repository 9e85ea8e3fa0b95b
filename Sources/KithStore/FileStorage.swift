#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import KithGraph

/// A store on disk (docs/store-format.md): a JSON snapshot at `path`, a journal of the
/// transactions committed since at `path.journal`, and a lock file at `path.lock`.
///
/// A commit appends one line to the journal and fsyncs it before returning, so a confirmed change
/// survives a crash at any instant; the journal is folded into the snapshot by an atomic replace
/// once it grows. Writers in any number of processes serialise through an exclusive `flock`, and
/// each commit first reads what the others wrote, so none loses another's change. Readers take a
/// shared lock, so they never see a snapshot replaced under them half-way through a load.
///
/// A store that cannot be read is never written: every write happens in `commit` or `compact`,
/// after the files on disk have been read without error.
public final class FileStorage: Storage {
    // `currentVersion`, the store version this kith writes, is schema/store.schema's.

    /// When a commit folds the journal into the snapshot.
    ///
    /// Every process replays the journal when it opens the store, so its length is a cost of
    /// every one-shot question: about 11 µs a transaction on the 2-core development machine
    /// (reading the line, checking its references, applying it), which on the small reference
    /// store made 875 transactions (240 KiB) cost 13 ms against a 5 ms question
    /// (docs/performance.md). A compaction costs in proportion to the snapshot, so the journal
    /// is kept under a share of the snapshot's size: each commit then pays about the same share
    /// of compactions whatever the store's size, and a one-shot question replays at most about
    /// 1 ms of journal on a small store — never more than `journalBytes` on any.
    struct CompactionLimits {
        /// The most journal bytes kept, whatever the snapshot's size.
        var journalBytes = 256 * 1024
        var transactions = 1000
        /// The journal may always grow to this many bytes (or `journalBytes`, if less), however
        /// small the snapshot: about 110 one-line commands.
        var minimumJournalBytes = 32 * 1024
        /// Beyond the minimum, the journal is kept under the snapshot's size divided by this.
        var snapshotShare = 128

        /// The journal bytes past which a commit compacts, beside a snapshot of `snapshotBytes`.
        func journalByteLimit(snapshotBytes: Int) -> Int {
            min(journalBytes, max(minimumJournalBytes, snapshotBytes / snapshotShare))
        }
    }

    public let path: String
    public internal(set) var graph: Graph {
        get { loadedGraph ?? Graph() }
        set { loadedGraph = newValue }
        // In place, so that a commit's `graph.apply` does not copy the graph's tables.
        _modify {
            if loadedGraph == nil { loadedGraph = Graph() }
            yield &loadedGraph!
        }
    }
    /// Nil only until the files are first read (an empty store's graph is set then too), so that
    /// opening a store does not first build an empty graph for the loaded one to replace: that
    /// cost a one-shot question 1.5 million instructions (docs/performance.md).
    private var loadedGraph: Graph?

    let journalPath: String
    let lockPath: String
    let warn: (String) -> Void
    let limits: CompactionLimits

    // What this storage has read from disk; `catchUp()` compares the files against it. The
    // initial values describe an empty store, so the first `catchUp()` reads whatever is there.
    /// The snapshot as loaded; nil when there was none.
    var snapshotIdentity: FileIdentity?
    /// Bytes of complete journal lines read (or appended) so far.
    var journalOffset = 0
    var journalLineCount = 0
    /// The highest transaction number in the graph, from the snapshot or the journal.
    var lastSeq = 0
    /// Where the torn journal line we last warned about starts, so a refresh does not warn again.
    var warnedTornLineAt: Int?
    /// The store version the snapshot was written in. An older one is rewritten in the current
    /// version by the next commit, so that an older kith, which would drop the fields it does not
    /// know, refuses the store instead (docs/store-format.md, "Upgrading").
    var snapshotVersion = FileStorage.currentVersion

    /// Loads the store at `path`; a missing snapshot is an empty graph. Nothing is created on disk
    /// until the first commit. `warn` hears about problems that do not stop the load.
    public convenience init(path: String, warn: @escaping (String) -> Void = { _ in }) throws {
        try self.init(path: path, warn: warn, limits: CompactionLimits())
    }

    init(path: String, warn: @escaping (String) -> Void, limits: CompactionLimits) throws {
        self.path = path
        self.journalPath = path + ".journal"
        self.lockPath = path + ".lock"
        self.warn = warn
        self.limits = limits
        try checkFileKinds()
        try warnAboutPermissions()
        try refresh()
        if loadedGraph == nil { loadedGraph = Graph() }
    }

    public func refresh() throws {
        try withLock(exclusive: false) { try catchUp() }
    }

    public func commit(_ build: (Graph) throws -> Change?) throws -> Change? {
        try withLock(exclusive: true) {
            try catchUp()
            guard let change = try build(graph) else { return nil }
            let operations = Self.withUndo(change, on: graph)
            try checkReferences(operations)
            try append(Transaction(seq: lastSeq + 1, ops: operations))
            graph.apply(operations)
            if journalOffset > limits.journalByteLimit(snapshotBytes: snapshotIdentity?.size ?? 0)
                || journalLineCount > limits.transactions
                || snapshotVersion < FileStorage.currentVersion {
                // The change is already durable; a failed compaction only leaves a longer journal.
                do {
                    try compactLocked()
                } catch {
                    warn("could not compact the store: \(error)")
                }
            }
            return change
        }
    }

    /// Folds the journal into the snapshot now.
    public func compact() throws {
        try withLock(exclusive: true) {
            try catchUp()
            try compactLocked()
        }
    }

    /// Runs `body` holding the store's lock. A shared lock needs no lock file: with none, no
    /// writer has ever committed, so there is nothing to wait for.
    func withLock<T>(exclusive: Bool, _ body: () throws -> T) throws -> T {
        let lock: OpenFile?
        if exclusive {
            try FileSystem.makeDirectories(FileSystem.directory(of: path))
            lock = try OpenFile.creating(lockPath, flags: O_RDWR).file
        } else {
            lock = try OpenFile.existing(lockPath, flags: O_RDONLY)
        }
        try lock?.lock(exclusive: exclusive)
        return try withExtendedLifetime(lock) { try body() }
    }

    /// The store holds a private address book; say so once if others can read it.
    private func warnAboutPermissions() throws {
        var exposed: [String] = []
        for file in [path, journalPath, lockPath] {
            if let identity = try FileIdentity.of(file), identity.mode & 0o044 != 0 { exposed.append(file) }
        }
        guard !exposed.isEmpty else { return }
        let verb = exposed.count == 1 ? "is" : "are"
        warn("\(exposed.joined(separator: ", ")) \(verb) readable by other users; "
             + "chmod 600 \(exposed.map(Self.shellQuoted).joined(separator: " "))")
    }

    private static func shellQuoted(_ path: String) -> String {
        let plain = path.allSatisfy { $0.isLetter || $0.isNumber || "/._-+~".contains($0) }
        return plain ? path : "'" + path.replacing("'", with: "'\\''") + "'"
    }
}
