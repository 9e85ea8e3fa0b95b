extension FileStorage {
    /// Loads the store like `init(path:warn:)`, but folds the journal into the snapshot once it
    /// holds `compactEvery` transactions rather than 1000 (it still compacts when the journal
    /// passes its size limit, `CompactionLimits.journalByteLimit`).
    /// Crash and concurrency tests set `KITH_COMPACT_EVERY` to compact often.
    public convenience init(path: String, compactEvery transactions: Int, warn: @escaping (String) -> Void = { _ in }) throws {
        var limits = CompactionLimits()
        limits.transactions = max(0, transactions - 1)
        try self.init(path: path, warn: warn, limits: limits)
    }
}
