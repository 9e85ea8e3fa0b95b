import KithGraph

/// One journal line: the operations of one commit, numbered so that a snapshot can say which
/// transactions it already holds.
struct Transaction: Codable, Equatable {
    var seq: Int
    var ops: [Operation]
}
