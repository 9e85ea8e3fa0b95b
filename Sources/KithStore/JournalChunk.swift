import FoundationEssentials

/// The transactions in journal bytes read from some offset, and how far they reach.
///
/// Every commit writes its line and newline in one `write`, so a last line without a newline, or
/// one that is not even well-formed JSON, is a write that a crash cut short: its commit never
/// returned, and the line is dropped. Anything wrong before the last line is damage, and an error.
struct JournalChunk {
    var transactions: [Transaction] = []
    /// Bytes taken by complete lines: where the next read or append starts.
    var length = 0
    var lineCount = 0
    /// The line number of a torn last line that was dropped.
    var tornLine: Int?

    /// Parses `bytes`, which start at line `firstLine` of the journal at `path`.
    init(bytes: [UInt8], path: String, firstLine: Int) throws {
        var start = 0
        while start < bytes.count {
            let line = firstLine + lineCount
            guard let newline = bytes[start...].firstIndex(of: 0x0A) else {
                tornLine = line
                return
            }
            let text = Array(bytes[start..<newline])
            do {
                let transaction = try text.withUnsafeBytes(StoreReader.transaction)
                    ?? StoreCodec.decode(Transaction.self, from: Data(text), path: path, firstLine: line)
                try transaction.validate(text, path: path, line: line)
                transactions.append(transaction)
            } catch where newline + 1 == bytes.count && Self.isMalformed(text) {
                tornLine = line
                return
            }
            start = newline + 1
            length = start
            lineCount += 1
        }
    }

    /// Whether `text` is not well-formed JSON (as opposed to JSON that does not fit the schema,
    /// which may come from a newer kith and must not be thrown away).
    private static func isMalformed(_ text: [UInt8]) -> Bool {
        guard let problem = JSONLocator.firstProblem(in: text) else { return false }
        return problem.path == nil
    }
}
