#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import FoundationEssentials
import KithGraph

/// A snapshot cut into pieces that can be encoded independently, in file order: the few bytes
/// around the record arrays, written up front, and runs of each array's records (a part, about
/// a megabyte), encoded by whichever thread gets to them. Concatenated, the pieces are exactly
/// `StoreWriter`'s snapshot: `StoreOrder` walks any range of rows on its own, and the commas
/// between parts are settled as they are joined (`write`).
struct SnapshotPlan: Sendable {
    /// A top-level member of the snapshot; `members` (generated) lists them in key order.
    enum Member: Sendable {
        case format, journalSeq, owner, undo, version
        case records(RecordKind)
    }

    enum Piece: Sendable {
        /// Bytes written while planning: everything outside the record arrays.
        case text([UInt8])
        /// The records of a kind in these image rows (see `StoreOrder.forEach(rows:)`); `first`
        /// for the first part of its array.
        case records(RecordKind, Range<Int>, first: Bool)
    }

    /// How many image rows go in one part of each array: about a megabyte of JSON each for the
    /// records kith writes, small enough to keep both cores busy to the end and the buffers in
    /// the cache, big enough that each costs a single `write`.
    struct PartRows: Sendable {
        var interactions = 8192
        var people = 4096
        /// Every other kind's.
        var others = 16384

        /// The same number of rows for every kind.
        static func uniform(_ rows: Int) -> PartRows { PartRows(interactions: rows, people: rows, others: rows) }

        func rows(_ kind: RecordKind) -> Int {
            switch kind {
            case .interaction: interactions
            case .person: people
            default: others
            }
        }
    }

    let graph: Graph
    let orders: Orders
    private(set) var pieces: [Piece] = []

    init(_ graph: Graph, journalSeq: Int, partRows: PartRows = PartRows()) {
        self.graph = graph
        orders = Orders(graph)

        var skeleton = StoreWriter(pretty: true)
        var pieces: [Piece] = []
        skeleton.beginObject()
        for member in Self.members {
            switch member {
            case .format:
                skeleton.key("format")
                skeleton.string(Snapshot.format)
            case .journalSeq:
                skeleton.key("journalSeq")
                skeleton.int(journalSeq)
            case .owner:
                guard graph.owner != Owner() else { continue }
                skeleton.key("me")
                skeleton.owner(graph.owner)
            case .undo:
                guard !graph.undoLog.isEmpty else { continue }
                skeleton.key("undo")
                skeleton.undoEntries(graph.undoLog)
            case .version:
                skeleton.key("version")
                skeleton.int(FileStorage.currentVersion)
            case .records(let kind):
                // Only arrays with records are written, so the parts hold at least one.
                guard graph.count(kind) > 0 else { continue }
                skeleton.key(Self.key(kind))
                skeleton.beginArray()
                pieces.append(.text(skeleton.takeBytes()))
                // One part even for no rows: the changed records are all in it.
                let rows = orders.rowCount(kind), perPart = max(partRows.rows(kind), 1)
                for start in stride(from: 0, to: max(rows, 1), by: perPart) {
                    pieces.append(.records(kind, start..<min(start + perPart, rows), first: start == 0))
                }
                skeleton.endArray(hasElements: true)
            }
        }
        skeleton.endObject()
        skeleton.newlineAtEnd()
        pieces.append(.text(skeleton.takeBytes()))
        self.pieces = pieces
    }

    /// About the size of the snapshot, for reserving memory.
    var estimatedSize: Int {
        RecordKind.allCases.reduce(4096) { size, kind in
            size + graph.count(kind) * (kind == .person ? 260 : kind == .interaction ? 150 : 120)
        }
    }

    /// Writes piece `index` into `block`. A part starts with a comma, which `write` drops when no
    /// earlier part of its array wrote a record; a part that wrote no record is just the comma.
    func encode(_ index: Int, into block: ByteBlock) {
        switch pieces[index] {
        case .text(let bytes):
            var writer = StoreWriter(pretty: true, into: block)
            bytes.withUnsafeBufferPointer { writer.raw($0) }
            _ = writer.finish()
        case .records(let kind, let rows, _):
            // Inside the top-level object and the array, as the skeleton left them.
            var writer = StoreWriter(pretty: true, into: block, depth: 2, empty: true)
            writer.comma()
            writeRecords(kind, rows: rows, into: &writer)
            _ = writer.finish()
        }
    }

    /// Hands the snapshot's bytes, in order, to `sink`, in pieces of up to about a megabyte.
    /// With `threads` above one, parts are encoded on that many threads while the calling
    /// thread passes the finished ones on (`ParallelEncoding`); by default, snapshots of a
    /// megabyte or more use every core, up to eight (starting a thread costs about 50 µs, and
    /// each holds three blocks of about a megabyte).
    func write(threads: Int? = nil, _ sink: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        let cores = min(ProcessInfo.processInfo.activeProcessorCount, 8)
        let threads = threads ?? (estimatedSize >= 1 << 20 ? cores : 1)
        var arrayHasRecords = false
        try ParallelEncoding.run(count: pieces.count, threads: threads, encode: { [self] in encode($0, into: $1) }) { index, block in
            guard case .records(_, _, let first) = pieces[index] else { return try sink(block.bytes) }
            if first { arrayHasRecords = false }
            let bytes = block.bytes
            guard bytes.count > 1 else { return }  // only the comma: no record in these rows
            try sink(arrayHasRecords ? bytes : UnsafeBufferPointer(rebasing: bytes[1...]))
            arrayHasRecords = true
        }
    }
}

/// Encodes numbered pieces on worker threads while the calling thread consumes them in order.
enum ParallelEncoding {
    /// Runs `encode` for pieces `0..<count` and hands each finished piece to `consume`, in
    /// order, on the calling thread. With `threads` above one, that many threads encode (thread
    /// t takes pieces t, t + threads, …), at most 3 × threads pieces ahead of the one consumed,
    /// each into one of as many reused blocks; so memory stays at a few blocks, and the
    /// consumer's work (writing to a file) overlaps the encoding. If `consume` throws, the
    /// workers stop at their next piece and are waited for before the error is rethrown.
    static func run(count: Int, threads: Int, encode: @escaping @Sendable (Int, ByteBlock) -> Void,
                    consume: (Int, ByteBlock) throws -> Void) rethrows {
        guard threads > 1, count > 1 else {
            let block = ByteBlock(capacity: 1 << 16)
            for index in 0..<count {
                encode(index, block)
                try consume(index, block)
            }
            return
        }
        // A multiple of `threads`, so that the pieces sharing a slot (i, i + window, …) fall to
        // the same worker, which fills the slot for them in order.
        let pipeline = Pipeline(window: 3 * threads)
        let finished = DispatchSemaphore(value: 0)
        for first in 0..<threads {
            startThread {
                for index in stride(from: first, to: count, by: threads) {
                    let slot = index % pipeline.window
                    pipeline.free[slot].wait()
                    if pipeline.isCancelled { break }
                    encode(index, pipeline.blocks[slot])
                    pipeline.filled[slot].signal()
                }
                finished.signal()
            }
        }
        // The workers are done with the blocks before this returns.
        defer { for _ in 0..<threads { finished.wait() } }
        do {
            for index in 0..<count {
                let slot = index % pipeline.window
                pipeline.filled[slot].wait()
                try consume(index, pipeline.blocks[slot])
                pipeline.free[slot].signal()
            }
        } catch {
            pipeline.cancel()
            // Wake every worker, wherever it waits; each then sees the cancellation and stops.
            for slot in 0..<pipeline.window {
                for _ in 0..<threads { pipeline.free[slot].signal() }
            }
            throw error
        }
    }

    /// The blocks of the window and the semaphores that hand them over. Piece i uses slot
    /// i % window: a worker waits for the slot to be free (piece i − window consumed), the
    /// consumer for it to be filled (piece i encoded). Each wait follows a signal from the
    /// other side, which orders the block's writes before its reads. The pieces of one slot
    /// belong to one worker (the window is a multiple of the workers), so a slot is filled for
    /// its pieces in order, the order the consumer takes them in.
    private final class Pipeline: @unchecked Sendable {
        let window: Int
        let blocks: [ByteBlock]
        let free: [DispatchSemaphore]
        let filled: [DispatchSemaphore]
        private let lock = DispatchSemaphore(value: 1)
        private var cancelled = false

        init(window: Int) {
            self.window = window
            blocks = (0..<window).map { _ in ByteBlock(capacity: 3 << 19) }
            free = (0..<window).map { _ in DispatchSemaphore(value: 1) }
            filled = (0..<window).map { _ in DispatchSemaphore(value: 0) }
        }

        var isCancelled: Bool {
            lock.wait()
            defer { lock.signal() }
            return cancelled
        }

        func cancel() {
            lock.wait()
            cancelled = true
            lock.signal()
        }
    }

    /// Runs `body` on a thread of its own: each worker blocks on its semaphores for as long as
    /// the consumer takes, which a pool of Dispatch's threads (as many as the cores) must not do.
    private static func startThread(_ body: @escaping @Sendable () -> Void) {
        final class Box { let body: @Sendable () -> Void; init(_ body: @escaping @Sendable () -> Void) { self.body = body } }
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        var thread = pthread_t()
        let started = pthread_create(&thread, nil, { raw in
            let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
            box.body()
            return nil
        }, box)
        precondition(started == 0, "cannot start a thread: error \(started)")
        pthread_detach(thread)
    }
}
