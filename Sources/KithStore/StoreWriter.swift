import KithGraph
import KithTime

/// Writes the store's JSON byte for byte as Foundation's `JSONEncoder` does with the store's
/// settings (`StoreCodec`: sorted keys, no escaped slashes, pretty for the snapshot and compact
/// for journal lines), an order of magnitude faster: it knows the schema, so keys are written
/// in sorted order as literals, and a graph's image rows are written from their UTF-8 bytes
/// without building a record. The differential tests hold it to `JSONEncoder`'s output.
struct StoreWriter {
    private(set) var bytes: [UInt8] = []
    let pretty: Bool
    private var depth = 0
    /// Whether the innermost open container has no member yet.
    private var empty = true

    init(pretty: Bool, capacity: Int = 0) {
        self.pretty = pretty
        bytes.reserveCapacity(capacity)
    }

    // MARK: - Documents

    /// The snapshot file's bytes, final newline included.
    static func snapshot(_ graph: Graph, journalSeq: Int) -> [UInt8] {
        var writer = StoreWriter(pretty: true, capacity: estimatedSize(graph))
        writer.beginObject()
        writer.key("format")
        writer.string("kith")
        if !graph.interactions.isEmpty {
            writer.key("interactions")
            writer.beginArray()
            let image = graph.image
            graph.forEachInteractionInStoreOrder { item in
                writer.element()
                switch item {
                case .stored(let row): writer.interaction(image.interactionRow(at: row))
                case .changed(let interaction): writer.interaction(interaction)
                }
            }
            writer.endArray()
        }
        writer.key("journalSeq")
        writer.int(journalSeq)
        if graph.owner != Owner() {
            writer.key("me")
            writer.owner(graph.owner)
        }
        if !graph.people.isEmpty {
            writer.key("people")
            writer.beginArray()
            let image = graph.image
            graph.forEachPersonInStoreOrder { item in
                writer.element()
                switch item {
                case .stored(let row): writer.person(image.personRow(at: row))
                case .changed(let person): writer.person(person)
                }
            }
            writer.endArray()
        }
        if !graph.relations.isEmpty {
            writer.key("relations")
            writer.beginArray()
            graph.forEachRelationInStoreOrder { item in
                writer.element()
                switch item {
                case .stored(let row): writer.relation(graph.image.relationRecord(at: row))
                case .changed(let relation): writer.relation(relation)
                }
            }
            writer.endArray()
        }
        if !graph.reminders.isEmpty {
            writer.key("reminders")
            writer.beginArray()
            graph.forEachReminderInStoreOrder { item in
                writer.element()
                switch item {
                case .stored(let row): writer.reminder(graph.image.reminderRecord(at: row))
                case .changed(let reminder): writer.reminder(reminder)
                }
            }
            writer.endArray()
        }
        if !graph.undoLog.isEmpty {
            writer.key("undo")
            writer.undoEntries(graph.undoLog)
        }
        writer.key("version")
        writer.int(FileStorage.currentVersion)
        writer.endObject()
        writer.bytes.append(0x0A)
        return writer.bytes
    }

    /// One journal line, newline included.
    static func transaction(_ transaction: Transaction) -> [UInt8] {
        var writer = StoreWriter(pretty: false, capacity: 256)
        writer.beginObject()
        writer.key("ops")
        writer.operations(transaction.ops)
        writer.key("seq")
        writer.int(transaction.seq)
        writer.endObject()
        writer.bytes.append(0x0A)
        return writer.bytes
    }

    /// The owner and undo log as one compact object, for the image file beside the snapshot.
    static func ownerAndUndo(_ graph: Graph) -> [UInt8] {
        var writer = StoreWriter(pretty: false)
        writer.beginObject()
        writer.key("me")
        writer.owner(graph.owner)
        writer.key("undo")
        writer.undoEntries(graph.undoLog)
        writer.endObject()
        return writer.bytes
    }

    private static func estimatedSize(_ graph: Graph) -> Int {
        graph.interactions.count * 110 + graph.people.count * 200 + graph.relations.count * 100 + 4096
    }

    // MARK: - Records

    mutating func person(_ person: Person) {
        beginObject()
        if let added = person.added { key("added"); date(added.daysSinceEpoch) }
        if !person.aliases.isEmpty { key("aliases"); strings(person.aliases) }
        if let birthday = person.birthday { key("birthday"); string(birthday.iso) }
        if let cadence = person.cadenceDays { key("cadenceDays"); int(cadence) }
        if let email = person.email { key("email"); string(email) }
        if let howMet = person.howMet { key("howMet"); string(howMet) }
        key("id"); int(person.id)
        key("name"); string(person.name)
        if !person.notes.isEmpty {
            key("notes")
            beginArray()
            for note in person.notes {
                element()
                beginObject()
                key("date"); date(note.date.daysSinceEpoch)
                key("text"); string(note.text)
                endObject()
            }
            endArray()
        }
        if let org = person.org { key("org"); string(org) }
        if let phone = person.phone { key("phone"); string(phone) }
        if let place = person.place { key("place"); string(place) }
        if !person.tags.isEmpty { key("tags"); strings(person.tags) }
        if let title = person.title { key("title"); string(title) }
        endObject()
    }

    mutating func person(_ row: GraphImage.PersonRow) {
        beginObject()
        if let added = row.addedDay { key("added"); date(added) }
        if !row.aliases.isEmpty {
            key("aliases")
            beginArray()
            for alias in row.aliases { element(); string(alias) }
            endArray()
        }
        if let birthday = row.birthday { key("birthday"); string(birthday.iso) }
        if let cadence = row.cadenceDays { key("cadenceDays"); int(cadence) }
        if let email = row.text(.email) { key("email"); string(email) }
        if let howMet = row.text(.howMet) { key("howMet"); string(howMet) }
        key("id"); int(row.id)
        key("name"); string(row.text(.name) ?? UnsafeBufferPointer(start: nil, count: 0))
        if !row.notes.isEmpty {
            key("notes")
            beginArray()
            for note in row.notes {
                element()
                beginObject()
                key("date"); date(note.day)
                key("text"); string(note.text)
                endObject()
            }
            endArray()
        }
        if let org = row.text(.org) { key("org"); string(org) }
        if let phone = row.text(.phone) { key("phone"); string(phone) }
        if let place = row.text(.place) { key("place"); string(place) }
        if !row.tags.isEmpty {
            key("tags")
            beginArray()
            for tag in row.tags { element(); string(tag) }
            endArray()
        }
        if let title = row.text(.title) { key("title"); string(title) }
        endObject()
    }

    mutating func interaction(_ interaction: Interaction) {
        beginObject()
        key("channel"); string(interaction.channel)
        key("date"); date(interaction.date.daysSinceEpoch)
        key("id"); int(interaction.id)
        key("people")
        beginArray()
        for person in interaction.people { element(); int(person) }
        endArray()
        if let topic = interaction.topic { key("topic"); string(topic) }
        endObject()
    }

    mutating func interaction(_ row: GraphImage.InteractionRow) {
        beginObject()
        key("channel"); string(row.channel)
        key("date"); date(row.day)
        key("id"); int(row.id)
        key("people")
        beginArray()
        for person in row.people { element(); int(Int(person)) }
        endArray()
        if let topic = row.topic { key("topic"); string(topic) }
        endObject()
    }

    mutating func relation(_ relation: Relation) {
        beginObject()
        key("id"); int(relation.id)
        key("kind"); string(relation.kind)
        key("other"); int(relation.other)
        key("person"); int(relation.person)
        endObject()
    }

    mutating func reminder(_ reminder: Reminder) {
        beginObject()
        key("done"); bool(reminder.done)
        key("due"); date(reminder.due.daysSinceEpoch)
        key("id"); int(reminder.id)
        if let person = reminder.person { key("person"); int(person) }
        if let recurrence = reminder.recurrence { key("recurrence"); string(recurrence) }
        key("text"); string(reminder.text)
        endObject()
    }

    mutating func owner(_ owner: Owner) {
        beginObject()
        if let name = owner.name { key("name"); string(name) }
        endObject()
    }

    mutating func undoEntries(_ entries: [UndoEntry]) {
        beginArray()
        for entry in entries {
            element()
            undoEntry(entry)
        }
        endArray()
    }

    mutating func undoEntry(_ entry: UndoEntry) {
        beginObject()
        key("id"); int(entry.id)
        if !entry.inverse.isEmpty { key("inverse"); operations(entry.inverse) }
        key("summary"); string(entry.summary)
        endObject()
    }

    mutating func operations(_ operations: [KithGraph.Operation]) {
        beginArray()
        for operation in operations {
            element()
            beginObject()
            switch operation {
            case .put(.person(let person)):
                key("op"); string("put")
                key("person"); self.person(person)
            case .put(.interaction(let interaction)):
                key("interaction"); self.interaction(interaction)
                key("op"); string("put")
            case .put(.relation(let relation)):
                key("op"); string("put")
                key("relation"); self.relation(relation)
            case .put(.reminder(let reminder)):
                key("op"); string("put")
                key("reminder"); self.reminder(reminder)
            case .delete(let kind, let id):
                key("id"); int(id)
                key("kind"); string(kind.rawValue)
                key("op"); string("delete")
            case .setOwner(let owner):
                key("me"); self.owner(owner)
                key("op"); string("owner")
            case .pushUndo(let entry):
                key("entry"); undoEntry(entry)
                key("op"); string("pushUndo")
            case .popUndo(let id):
                key("id"); int(id)
                key("op"); string("popUndo")
            }
            endObject()
        }
        endArray()
    }

    // MARK: - Structure

    mutating func beginObject() {
        bytes.append(UInt8(ascii: "{"))
        depth += 1
        empty = true
    }

    mutating func endObject() { close(UInt8(ascii: "}")) }

    mutating func beginArray() {
        bytes.append(UInt8(ascii: "["))
        depth += 1
        empty = true
    }

    mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Starts an array element.
    mutating func element() { separate() }

    /// Starts an object member: `"key" : ` (pretty) or `"key":`.
    mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        if pretty { bytes.append(0x20) }
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(0x20) }
    }

    private mutating func separate() {
        if !empty { bytes.append(UInt8(ascii: ",")) }
        if pretty { newline() }
        empty = false
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        if pretty {
            if empty { bytes.append(0x0A) }
            newline()
        }
        bytes.append(bracket)
        empty = false
    }

    /// Enough spaces for any indentation the store uses, to copy from.
    private static let spaces = [UInt8](repeating: 0x20, count: 64)

    private mutating func newline() {
        bytes.append(0x0A)
        var indent = 2 * depth
        while indent > 0 {
            let run = min(indent, Self.spaces.count)
            Self.spaces.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<run])) }
            indent -= run
        }
    }

    // MARK: - Values

    mutating func int(_ value: Int) {
        if value == 0 { bytes.append(UInt8(ascii: "0")); return }
        var magnitude = value.magnitude
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: enough for 20 digits
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while magnitude > 0 {
                buffer[23 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            }
            bytes.append(contentsOf: buffer[(24 - count)...])
        }
    }

    mutating func bool(_ value: Bool) {
        let word: StaticString = value ? "true" : "false"
        bytes.append(contentsOf: UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
    }

    /// A day as `"YYYY-MM-DD"`.
    mutating func date(_ day: Int) {
        let date = CalendarDate(daysSinceEpoch: day)
        guard (0...9999).contains(date.year) else { return string(date.iso) }
        let y = date.year, m = date.month, d = date.day
        @inline(__always) func digit(_ n: Int) -> UInt8 { UInt8(ascii: "0") + UInt8(truncatingIfNeeded: n) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(digit(y / 1000))
        bytes.append(digit(y / 100 % 10))
        bytes.append(digit(y / 10 % 10))
        bytes.append(digit(y % 10))
        bytes.append(UInt8(ascii: "-"))
        bytes.append(digit(m / 10))
        bytes.append(digit(m % 10))
        bytes.append(UInt8(ascii: "-"))
        bytes.append(digit(d / 10))
        bytes.append(digit(d % 10))
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func strings(_ values: [String]) {
        beginArray()
        for value in values { element(); string(value) }
        endArray()
    }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { string($0) }
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\b \t \n \f \r` or `\u00xx`
    /// (lowercase hex), everything else — `/`, DEL and all of Unicode — as it is.
    mutating func string(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var runStart = 0
        for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
            runStart = index + 1
            bytes.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
            case 0x08: bytes.append(UInt8(ascii: "b"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0C: bytes.append(UInt8(ascii: "f"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            default:
                let hex: StaticString = "0123456789abcdef"
                bytes.append(UInt8(ascii: "u"))
                bytes.append(UInt8(ascii: "0"))
                bytes.append(UInt8(ascii: "0"))
                bytes.append(hex.utf8Start[Int(byte >> 4)])
                bytes.append(hex.utf8Start[Int(byte & 0xF)])
            }
        }
        if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        bytes.append(UInt8(ascii: "\""))
    }
}
