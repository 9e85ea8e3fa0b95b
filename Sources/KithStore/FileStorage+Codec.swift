import Foundation
import KithGraph

extension FileStorage {
    /// The snapshot file's bytes for `graph`: the same graph always gives the same bytes.
    public static func encodeSnapshot(_ graph: Graph, journalSeq: Int) throws -> Data {
        Data(StoreWriter.snapshot(graph, journalSeq: journalSeq))
    }

    /// Reads and validates snapshot bytes; `path` names the file in errors.
    ///
    /// StoreReader's one-pass reader is not used here yet: it does not check everything
    /// `Snapshot.validate` does (id ranges, versions, references), and a store must never be
    /// accepted that the validating reader would refuse. Start-up speed comes from the binary
    /// image instead, which is only written after a validated read.
    public static func decodeSnapshot(_ data: Data, path: String) throws -> (graph: Graph, journalSeq: Int) {
        try Snapshot.checkNotEmpty(data, path: path)
        let snapshot = try StoreCodec.decode(Snapshot.self, from: data, path: path)
        try snapshot.validate(data, path: path)
        return (snapshot.imageGraph, snapshot.journalSeq)
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
    /// The graph this snapshot describes, laid out as an image when it fits one (else as
    /// `graph` builds it, record by record).
    var imageGraph: Graph {
        var builder = GraphImage.Builder()
        people.forEach { builder.add($0) }
        interactions.forEach { builder.add($0) }
        relations.forEach { builder.add($0) }
        reminders.forEach { builder.add($0) }
        guard let image = try? builder.build() else { return graph }
        return Graph(image: image, owner: me, undoLog: undo)
    }
}
