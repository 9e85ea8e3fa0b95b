import FoundationEssentials

extension FileStorage {
    /// Deletes the temporary snapshots (`P.tmp-<pid>`) that compactions cut short by a crash left
    /// behind. The caller holds the exclusive lock, and only a compaction, under that lock,
    /// writes one, so every one there now is stale. Each is a whole copy of the store; failures
    /// are ignored (a leftover is harmless).
    func removeStaleTemporaries() {
        let directory = FileSystem.directory(of: path)
        let prefix = String(path.split(separator: "/").last ?? "") + ".tmp-"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for name in names where name.hasPrefix(prefix) && name.dropFirst(prefix.count).allSatisfy(\.isNumber) {
            FileSystem.removeIfPresent(directory + "/" + name)
        }
    }
}
