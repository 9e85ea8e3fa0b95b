import FoundationEssentials
import KithGraph

extension FileStorage {
    /// The snapshot file's bytes for `graph`: the same graph always gives the same bytes.
    public static func encodeSnapshot(_ graph: Graph, journalSeq: Int) throws -> Data {
        let plan = SnapshotPlan(graph, journalSeq: journalSeq)
        var data = Data(capacity: plan.estimatedSize)
        plan.write { data.append($0) }
        return data
    }

    /// Reads and validates snapshot bytes; `path` names the file in errors.
    ///
    /// StoreReader reads the documents kith writes in one pass and checks the store's rules on
    /// the image it built; anything it declines — invalid JSON, a valid document outside its
    /// subset, or one that breaks a rule — is decoded and validated by Foundation's path, which
    /// either reads it or reports the problem with its line, column and field. So the fast path
    /// never accepts a store the validating path would refuse (StoreCodecTests, BrokenStoreTests).
    public static func decodeSnapshot(_ data: Data, path: String) throws -> (graph: Graph, journalSeq: Int) {
        let read = try decodeVersionedSnapshot(data, path: path)
        return (read.graph, read.journalSeq)
    }

    /// `decodeSnapshot`, with the store version the snapshot was written in (an older one is read
    /// as docs/store-format.md, "Upgrading", says).
    static func decodeVersionedSnapshot(_ data: Data, path: String) throws -> Snapshot.Read {
        if let fast = data.withUnsafeBytes({ StoreReader.versionedSnapshot($0, validating: true) }) { return fast }
        try Snapshot.checkNotEmpty(data, path: path)
        let snapshot = try StoreCodec.decode(Snapshot.self, from: data, path: path)
        try snapshot.validate(data, path: path)
        return Snapshot.Read(graph: snapshot.imageGraph, journalSeq: snapshot.journalSeq, version: snapshot.version)
    }

    /// Foundation's reading of snapshot bytes, without validation: what StoreReader's results
    /// are checked against.
    static func decodeSnapshotWithFoundation(_ data: Data, path: String) throws -> (graph: Graph, journalSeq: Int) {
        let snapshot = try StoreCodec.decode(Snapshot.self, from: data, path: path)
        return (snapshot.imageGraph, snapshot.journalSeq)
    }

    /// One journal line, newline included.
    static func encodeTransaction(_ transaction: Transaction) throws -> [UInt8] {
        StoreWriter.transaction(transaction)
    }
}

extension Snapshot {
    /// A snapshot as loaded: its graph, the last journal transaction it holds, and its version.
    struct Read {
        var graph: Graph
        var journalSeq: Int
        var version: Int
    }
}
