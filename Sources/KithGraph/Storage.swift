/// Where a graph lives between questions.
///
/// The engine never touches files: it reads `graph`, and changes it only through `commit`,
/// which runs the command against the newest state (another process may have written since)
/// and returns once the change is durable.
public protocol Storage: AnyObject {
    /// The state as of the last `refresh` or `commit`.
    var graph: Graph { get }

    /// Picks up changes other writers made since this storage last looked.
    func refresh() throws

    /// Runs `build` with exclusive access to the newest state and makes the change it returns
    /// durable before returning it. `build` may return nil (nothing to change) or throw (the
    /// command is refused; nothing is written).
    func commit(_ build: (Graph) throws -> Change?) throws -> Change?
}

extension Storage {
    /// Adds an undo entry to an undoable change, so `undo` can restore the state before it.
    public static func withUndo(_ change: Change, on graph: Graph) -> [Operation] {
        guard change.undoable else { return change.operations }
        let entry = UndoEntry(id: graph.nextUndoID, summary: change.summary,
                              inverse: graph.inverse(of: change.operations))
        return change.operations + [.pushUndo(entry)]
    }
}

/// A storage that keeps the graph in memory only: the demo network and tests.
public final class MemoryStorage: Storage {
    public private(set) var graph: Graph
    /// Every committed change's operations, in order (for tests).
    public private(set) var log: [[Operation]] = []

    public init(_ graph: Graph = Graph()) {
        self.graph = graph
    }

    public func refresh() throws {}

    public func commit(_ build: (Graph) throws -> Change?) throws -> Change? {
        guard let change = try build(graph) else { return nil }
        let operations = Self.withUndo(change, on: graph)
        graph.apply(operations)
        log.append(operations)
        return change
    }
}
