import FoundationEssentials

extension FileStorage {
    /// Deletes the temporary snapshots (`P.tmp-<pid>`) that compactions cut short by a crash left
    /// behind, and the temporary images (`P.image.tmp-<pid>`) of image writes cut short. The
    /// caller holds the exclusive lock, and only a compaction, under that lock, writes a
    /// temporary snapshot, so every one there now is stale. A temporary image may be a reader's
    /// write in progress (a load that parsed the JSON writes the image under the shared lock);
    /// deleting it only makes that write fail, and an image write is best effort. Failures are
    /// ignored (a leftover is harmless).
    func removeStaleTemporaries() {
        let directory = FileSystem.directory(of: path)
        let name = String(path.split(separator: "/").last ?? "")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for prefix in [name + ".tmp-", name + ".image.tmp-"] {
            for name in names where name.hasPrefix(prefix) && name.dropFirst(prefix.count).allSatisfy(\.isNumber) {
                FileSystem.removeIfPresent(directory + "/" + name)
            }
        }
    }
}
