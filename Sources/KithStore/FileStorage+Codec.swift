import Foundation
import KithGraph

extension FileStorage {
    /// The snapshot file's bytes for `graph`: the same graph always gives the same bytes.
    public static func encodeSnapshot(_ graph: Graph, journalSeq: Int) throws -> Data {
        try StoreCodec.encode(Snapshot(graph: graph, journalSeq: journalSeq), pretty: true) + Data("\n".utf8)
    }

    /// Reads snapshot bytes; `path` names the file in errors.
    public static func decodeSnapshot(_ data: Data, path: String) throws -> (graph: Graph, journalSeq: Int) {
        try Snapshot.checkNotEmpty(data, path: path)
        let snapshot = try StoreCodec.decode(Snapshot.self, from: data, path: path)
        try snapshot.validate(data, path: path)
        return (snapshot.graph, snapshot.journalSeq)
    }

    /// One journal line, newline included.
    static func encodeTransaction(_ transaction: Transaction) throws -> [UInt8] {
        Array(try StoreCodec.encode(transaction, pretty: false)) + [0x0A]
    }
}
