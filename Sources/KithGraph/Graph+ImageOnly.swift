extension Graph {
    /// Whether every record is in the image: nothing put or deleted since it was built.
    public var isImageOnly: Bool {
        people.changes.isEmpty && interactions.changes.isEmpty && relations.changes.isEmpty
            && reminders.changes.isEmpty && phrases.changes.isEmpty && events.changes.isEmpty
    }
}
