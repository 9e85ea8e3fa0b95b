extension Graph {
    /// Whether every record is in the image: nothing put or deleted since it was built.
    public var isImageOnly: Bool {
        people.changes.isEmpty && interactions.changes.isEmpty && relations.changes.isEmpty
            && reminders.changes.isEmpty && phrases.changes.isEmpty && events.changes.isEmpty
    }

    /// The same graph with every record in one new image and no changes on top: what reading
    /// its snapshot back would build, made from memory, so that a compaction can write the image
    /// beside the snapshot it writes (KithStore's `StoreImage`).
    /// - Throws: `GraphImage.Unrepresentable` when a value does not fit the image's layout.
    /// - Complexity: O(n log n) in the records when changes are interleaved with the image's;
    ///   the builder sorts only what is out of order.
    public func compacted() throws -> Graph {
        var builder = GraphImage.Builder()
        people.values.forEach { builder.add($0) }
        interactions.values.forEach { builder.add($0) }
        relations.values.forEach { builder.add($0) }
        reminders.values.forEach { builder.add($0) }
        phrases.values.forEach { builder.add($0) }
        events.values.forEach { builder.add($0) }
        return Graph(image: try builder.build(), owner: owner, undoLog: undoLog)
    }
}
