#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import KithGraph

// The store refuses what it could not safely read or write: files that are not regular files,
// and changes or snapshots that it would refuse to load again.
extension FileStorage {
    /// Each of the store's files must be a regular file when it exists.
    ///
    /// A directory cannot be read; a named pipe would block the load forever; and a symbolic
    /// link would be replaced by a regular file at the next compaction (a rename replaces the
    /// link, not its target), leaving the target silently out of date. So none is opened.
    func checkFileKinds() throws {
        for file in [path, journalPath, lockPath] {
            var info = stat()
            guard lstat(file, &info) == 0 else {
                if errno == ENOENT { continue }
                throw StoreError(path: file, message: "cannot stat: \(systemError())")
            }
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                continue
            case S_IFDIR:
                throw StoreError(path: file, message: "is a directory, not a store file")
            case S_IFLNK:
                var target = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
                let count = readlink(file, &target, target.count - 1)
                let shown = count > 0 ? " to " + String(decoding: target[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
                throw StoreError(path: file, message: "is a symbolic link\(shown); kith does not follow links, because "
                                 + "compacting the store would replace the link with a plain file (give the real path instead)")
            default:
                throw StoreError(path: file, message: "is not a regular file (a pipe, socket or device)")
            }
        }
    }

    /// Refuses a change that would leave a record naming a person who does not exist: the next
    /// load would refuse the store. The engine refuses such commands itself; this is the store
    /// keeping its own promise whoever calls it.
    func checkReferences(_ operations: [KithGraph.Operation]) throws {
        guard let problem = graph.danglingReferences(after: operations).first else { return }
        throw StoreError(path: path, message: "refusing to write a change that would leave \(problem)")
    }

    /// Refuses a journal transaction that leaves a record naming a missing person, as a
    /// snapshot that does is refused.
    func checkReferences(_ transaction: Transaction, line: Int, in graph: Graph) throws {
        guard let problem = graph.danglingReferences(after: transaction.ops).first else { return }
        throw StoreError(path: journalPath, line: line, message: problem)
    }

    /// Refuses to replace the snapshot with one that would not load.
    func checkBeforeCompacting() throws {
        // The quick check answers without building a record; only when it says no are the
        // records built, to find and name the problem.
        if graph.keepsStoreRules(largestID: largestID),
           (0...largestID).contains(lastSeq), Snapshot.undoKeepsStoreRules(graph.undoLog) {
            return
        }
        guard let problem = Snapshot(graph: graph, journalSeq: lastSeq).firstProblem() else { return }
        let field = problem.path.isEmpty ? "" : JSONLocator.describe(problem.path) + ": "
        throw StoreError(path: path, message: "not compacting, the new snapshot would not load: \(field)\(problem.message)")
    }
}
