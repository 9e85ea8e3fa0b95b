#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials
import KithGraph

extension FileStorage {
    /// Brings `graph` up to date with the files. The caller holds the lock (or there is no lock
    /// file yet). Reads only what is new when it can: a replaced snapshot or a journal shorter
    /// than what was read (another process compacted) means reading everything again.
    func catchUp() throws {
        let identity = try FileIdentity.of(path)
        if identity != snapshotIdentity { return try reload() }
        guard let journal = try OpenFile.existing(journalPath, flags: O_RDONLY) else {
            if journalOffset > 0 { try reload() }
            return
        }
        let size = try journal.identity().size
        if size < journalOffset { return try reload() }
        guard size > journalOffset else { return }
        let chunk = try JournalChunk(bytes: journal.readAll(from: journalOffset), path: journalPath,
                                     firstLine: journalLineCount + 1)
        var graph = self.graph
        var seq = lastSeq
        try replay(chunk, firstLine: journalLineCount + 1, onto: &graph, lastSeq: &seq)
        self.graph = graph
        lastSeq = seq
        noteTornLine(chunk, startingAt: journalOffset)
        journalOffset += chunk.length
        journalLineCount += chunk.lineCount
    }

    /// Reads the snapshot and the whole journal. Nothing changes unless both read cleanly.
    private func reload() throws {
        let snapshot = try loadSnapshot()
        var graph = snapshot?.graph ?? Graph()
        var seq = snapshot?.journalSeq ?? 0
        let identity = snapshot?.identity
        let journalBytes = try OpenFile.existing(journalPath, flags: O_RDONLY)?.readAll() ?? []
        let chunk = try JournalChunk(bytes: journalBytes, path: journalPath, firstLine: 1)
        try replay(chunk, firstLine: 1, onto: &graph, lastSeq: &seq)
        self.graph = graph
        lastSeq = seq
        snapshotIdentity = identity
        snapshotVersion = snapshot?.version ?? FileStorage.currentVersion
        journalOffset = chunk.length
        journalLineCount = chunk.lineCount
        noteTornLine(chunk, startingAt: 0)
    }

    /// Applies the transactions the graph does not hold yet: those after the snapshot's
    /// `journalSeq`, which a crash between a compaction's rename and its truncate leaves behind.
    private func replay(_ chunk: JournalChunk, firstLine: Int, onto graph: inout Graph, lastSeq: inout Int) throws {
        for (index, transaction) in chunk.transactions.enumerated() where transaction.seq > lastSeq {
            try checkReferences(transaction, line: firstLine + index, in: graph)
            graph.apply(transaction.ops)
            lastSeq = transaction.seq
        }
    }

    private func noteTornLine(_ chunk: JournalChunk, startingAt offset: Int) {
        guard let line = chunk.tornLine else { return }
        let at = offset + chunk.length
        guard warnedTornLineAt != at else { return }
        warnedTornLineAt = at
        warn("\(journalPath):\(line): ignoring an incomplete last transaction (a write was interrupted); "
             + "the next change removes it")
    }
}
