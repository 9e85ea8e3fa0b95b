import KithTime

// What the capture of conversations (reading mail, calendars and chats) and the daily brief read
// from the graph: the keys already imported from each source, the user's own phrasings, events
// still to come, and people by their addresses.
extension Graph {
    /// The keys of every message, event or chat line already read from `source` ("mail",
    /// "calendar", …): reading that source again skips them (`Interaction.sourceKeys`).
    /// - Complexity: O(n) over the interactions, reading only two columns of the image's.
    public func importedKeys(from source: String) -> Set<String> {
        var keys: Set<String> = []
        var wanted = source
        wanted.withUTF8 { wanted in
            let image = image
            for row in 0..<image.interactionsCount where image.interactionSource[row] != .absent {
                guard compareBytes(image.utf8(image.interactionSource[row]), wanted) == 0,
                      interactions.isLive(row: row) else { continue }
                let start = Int(image.interactionSourceKeysStart[row]), end = Int(image.interactionSourceKeysStart[row + 1])
                for index in start..<end { keys.insert(image.text(image.interactionSourceKeys[index]) ?? "") }
            }
        }
        for interaction in interactions.changedRecords where interaction.source == source {
            keys.formUnion(interaction.sourceKeys)
        }
        return keys
    }

    /// The phrasing the user taught for what they say ("catch up"), compared folded (case and
    /// accents); the latest taught wins.
    /// - Complexity: O(p) over the phrases, which are few.
    public func phrase(saying says: String) -> Phrase? {
        let key = fold(says)
        return phrases.values.filter { fold($0.says) == key }.max { $0.id < $1.id }
    }

    /// The calendar events on the days of `period`, by day, then id.
    public func events(in period: Period) -> [Event] {
        events.values.filter { period.contains($0.date) }.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
    }

    /// The people with this email address or phone number (compared as `Addresses` does), in id
    /// order; none for one of the owner's own.
    public func people(withEmail email: String) -> [RecordID] {
        guard !owner.owns(email: email) else { return [] }
        let key = Addresses.emailKey(email)
        return people.values.filter { $0.emails.contains { Addresses.emailKey($0) == key } }.map(\.id).sorted()
    }

    public func people(withPhone phone: String) -> [RecordID] {
        let key = Addresses.phoneKey(phone)
        guard !key.isEmpty, !owner.owns(phone: phone) else { return [] }
        return people.values.filter { $0.phones.contains { Addresses.phoneKey($0) == key } }.map(\.id).sorted()
    }
}
