#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import KithTime

extension GraphImage {
    /// Why a set of records cannot be laid out as an image; such a graph is kept in ordinary
    /// dictionaries instead (slower to load, the same answers).
    public struct Unrepresentable: Error, CustomStringConvertible {
        public let reason: String
        public var description: String { "cannot lay out the graph as an image: \(reason)" }
    }

    /// Collects records, in any order, and lays them out as an image with every index built.
    ///
    /// Records with the same id replace each other, the last one added winning, exactly as a
    /// series of `put` operations would. The builder takes strings as UTF-8 bytes so that a
    /// reader can feed it straight from a file without making a Swift value per field; the
    /// `add(_:)` methods take model values.
    ///
    /// Ids, days and years must fit in 32 bits, and there may be at most 255 channel names;
    /// `build()` throws `Unrepresentable` otherwise.
    public struct Builder {
        /// A string added with `string(_:)`: its offset and length in the builder's text.
        public typealias StringRef = UInt64

        var blob: [UInt8] = []
        var problem: String?

        var personIDs: [Int32] = []
        var personText: [UInt64] = []
        var personBirthday: [Int64] = []
        var personCadence: [Int64] = []
        var personAdded: [Int32] = []
        var aliasEnd: [UInt32] = []
        var aliases: [UInt64] = []
        var tagEnd: [UInt32] = []
        var tags: [UInt64] = []
        var noteEnd: [UInt32] = []
        var noteDate: [Int32] = []
        var noteText: [UInt64] = []

        var interactionIDs: [Int32] = []
        var interactionDate: [Int32] = []
        var interactionChannel: [UInt8] = []
        var interactionTopic: [UInt64] = []
        var participantEnd: [UInt32] = []
        var participants: [Int32] = []
        var channels: [[UInt8]] = []

        var relationIDs: [Int32] = []
        var relationPerson: [Int32] = []
        var relationOther: [Int32] = []
        var relationKind: [UInt64] = []

        var reminderIDs: [Int32] = []
        var reminderDue: [Int32] = []
        var reminderPerson: [Int64] = []
        var reminderText: [UInt64] = []
        var reminderRecurrence: [UInt64] = []
        var reminderDone: [UInt8] = []

        public init() {}

        /// Room for about this many records, to avoid regrowing while reading a big store.
        public mutating func reserve(people: Int, interactions: Int, textBytes: Int) {
            HugePages.reserve(&blob, textBytes)
            HugePages.reserve(&personIDs, people)
            HugePages.reserve(&personText, people * PersonText.allCases.count)
            HugePages.reserve(&interactionIDs, interactions)
            HugePages.reserve(&interactionDate, interactions)
            HugePages.reserve(&interactionChannel, interactions)
            HugePages.reserve(&interactionTopic, interactions)
            HugePages.reserve(&participantEnd, interactions)
            HugePages.reserve(&participants, interactions + interactions / 4)
        }

        // MARK: - Strings

        /// The absent optional string.
        public static let noString: StringRef = .absent

        public mutating func string(_ text: String) -> StringRef {
            var text = text
            return text.withUTF8 { string(UnsafeRawBufferPointer($0)) }
        }

        public mutating func string(_ bytes: UnsafeRawBufferPointer) -> StringRef {
            let start = blob.count
            blob.append(contentsOf: bytes.assumingMemoryBound(to: UInt8.self))
            return ref(start, blob.count)
        }

        /// Where the next string's bytes start; add them with `appendText`, then `endString`.
        public var textLength: Int { blob.count }

        public mutating func appendText(_ bytes: UnsafeRawBufferPointer) { blob.append(contentsOf: bytes) }

        public mutating func appendText(_ byte: UInt8) { blob.append(byte) }

        public mutating func endString(startingAt start: Int) -> StringRef { ref(start, blob.count) }

        private mutating func ref(_ start: Int, _ end: Int) -> StringRef {
            guard end <= Int(UInt32.max) else {
                problem = problem ?? "more than 4 GB of text"
                return 0
            }
            return UInt64(start) << 32 | UInt64(end - start)
        }

        // MARK: - Records from parts

        /// The single-valued text fields of a person, as strings added to this builder.
        public struct PersonFields {
            public var name: StringRef = 0
            public var org: StringRef = .absent
            public var title: StringRef = .absent
            public var place: StringRef = .absent
            public var email: StringRef = .absent
            public var phone: StringRef = .absent
            public var howMet: StringRef = .absent
            public init() {}
        }

        /// An alias of the next person added.
        public mutating func addAlias(_ alias: StringRef) { aliases.append(alias) }
        /// A tag of the next person added.
        public mutating func addTag(_ tag: StringRef) { tags.append(tag) }
        /// A note of the next person added.
        public mutating func addNote(day: Int, text: StringRef) {
            noteDate.append(int32(day, "a note's date"))
            noteText.append(text)
        }

        /// A person, with the aliases, tags and notes added since the previous one.
        public mutating func addPerson(id: RecordID, fields: PersonFields, birthday: MonthDay?, cadenceDays: Int?,
                                       addedDay: Int?) {
            personIDs.append(int32(id, "a person id"))
            personText.append(fields.name)
            personText.append(fields.org)
            personText.append(fields.title)
            personText.append(fields.place)
            personText.append(fields.email)
            personText.append(fields.phone)
            personText.append(fields.howMet)
            if let code = GraphImage.code(birthday) { personBirthday.append(code) } else {
                problem = problem ?? "a birthday year beyond 32 bits"
                personBirthday.append(.min)
            }
            if cadenceDays == Int(Int64.min) { problem = problem ?? "a cadence of Int.min days" }
            personCadence.append(cadenceDays.map(Int64.init) ?? .min)
            personAdded.append(addedDay.map { int32($0, "a person's added date") } ?? .min)
            aliasEnd.append(UInt32(truncatingIfNeeded: aliases.count))
            tagEnd.append(UInt32(truncatingIfNeeded: tags.count))
            noteEnd.append(UInt32(truncatingIfNeeded: noteDate.count))
        }

        /// One of the people in the next interaction added, in order.
        public mutating func addParticipant(_ person: RecordID) { participants.append(int32(person, "a person id")) }

        /// The index of a channel name (interned: one copy of each distinct name).
        public mutating func channel(_ bytes: UnsafeRawBufferPointer) -> UInt8 {
            for index in channels.indices where channels[index].count == bytes.count {
                let same = channels[index].withUnsafeBytes { known in
                    bytes.isEmpty || memcmp(known.baseAddress!, bytes.baseAddress!, bytes.count) == 0
                }
                if same { return UInt8(index) }
            }
            guard channels.count < 255 else {
                problem = problem ?? "more than 255 channel names"
                return 0
            }
            channels.append(Array(bytes))
            return UInt8(channels.count - 1)
        }

        /// An interaction, with the participants added since the previous one.
        public mutating func addInteraction(id: RecordID, day: Int, channel: UInt8, topic: StringRef) {
            interactionIDs.append(int32(id, "an interaction id"))
            interactionDate.append(int32(day, "an interaction's date"))
            interactionChannel.append(channel)
            interactionTopic.append(topic)
            participantEnd.append(UInt32(truncatingIfNeeded: participants.count))
        }

        public mutating func addRelation(id: RecordID, person: RecordID, kind: StringRef, other: RecordID) {
            relationIDs.append(int32(id, "a relation id"))
            relationPerson.append(int32(person, "a person id"))
            relationOther.append(int32(other, "a person id"))
            relationKind.append(kind)
        }

        public mutating func addReminder(id: RecordID, dueDay: Int, person: RecordID?, text: StringRef, done: Bool,
                                         recurrence: StringRef) {
            reminderIDs.append(int32(id, "a reminder id"))
            reminderDue.append(int32(dueDay, "a reminder's date"))
            reminderPerson.append(person.map(Int64.init) ?? .min)
            reminderText.append(text)
            reminderRecurrence.append(recurrence)
            reminderDone.append(done ? 1 : 0)
        }

        @inline(__always)
        private mutating func int32(_ value: Int, _ what: StaticString) -> Int32 {
            if let narrow = Int32(exactly: value), narrow != .min { return narrow }
            return tooWide(value, what)
        }

        private mutating func tooWide(_ value: Int, _ what: StaticString) -> Int32 {
            problem = problem ?? "\(what) (\(value)) beyond 32 bits"
            return 0
        }

        // MARK: - Records from values

        public mutating func add(_ person: Person) {
            var fields = PersonFields()
            fields.name = string(person.name)
            fields.org = person.org.map { string($0) } ?? .absent
            fields.title = person.title.map { string($0) } ?? .absent
            fields.place = person.place.map { string($0) } ?? .absent
            fields.email = person.email.map { string($0) } ?? .absent
            fields.phone = person.phone.map { string($0) } ?? .absent
            fields.howMet = person.howMet.map { string($0) } ?? .absent
            for alias in person.aliases { addAlias(string(alias)) }
            for tag in person.tags { addTag(string(tag)) }
            for note in person.notes { addNote(day: note.date.daysSinceEpoch, text: string(note.text)) }
            addPerson(id: person.id, fields: fields, birthday: person.birthday, cadenceDays: person.cadenceDays,
                      addedDay: person.added?.daysSinceEpoch)
        }

        public mutating func add(_ interaction: Interaction) {
            for person in interaction.people { addParticipant(person) }
            var name = interaction.channel
            let channel = name.withUTF8 { self.channel(UnsafeRawBufferPointer($0)) }
            addInteraction(id: interaction.id, day: interaction.date.daysSinceEpoch, channel: channel,
                           topic: interaction.topic.map { string($0) } ?? .absent)
        }

        public mutating func add(_ relation: Relation) {
            addRelation(id: relation.id, person: relation.person, kind: string(relation.kind), other: relation.other)
        }

        public mutating func add(_ reminder: Reminder) {
            addReminder(id: reminder.id, dueDay: reminder.due.daysSinceEpoch, person: reminder.person,
                        text: string(reminder.text), done: reminder.done,
                        recurrence: reminder.recurrence.map { string($0) } ?? .absent)
        }

        // MARK: - Joining

        /// Adds `other`'s records after this builder's, as if they had been added to this one in
        /// the same order: its strings follow this builder's text, its channel names are interned
        /// here. Aliases, tags, notes or participants added to this builder and not yet followed
        /// by their person or interaction would be taken as the first of `other`'s; a reader joins
        /// builders only between records.
        public mutating func append(_ other: Builder) {
            if problem == nil { problem = other.problem }
            let shift = UInt64(blob.count) << 32
            if blob.count + other.blob.count > Int(UInt32.max) { problem = problem ?? "more than 4 GB of text" }
            blob.append(contentsOf: other.blob)
            func strings(_ refs: inout [UInt64], _ more: [UInt64]) {
                refs.reserveCapacity(refs.count + more.count)
                for ref in more { refs.append(ref == .absent ? ref : ref &+ shift) }
            }
            func ends(_ ends: inout [UInt32], _ more: [UInt32], after count: Int) {
                ends.reserveCapacity(ends.count + more.count)
                let offset = UInt32(truncatingIfNeeded: count)
                for end in more { ends.append(end &+ offset) }
            }

            personIDs.append(contentsOf: other.personIDs)
            strings(&personText, other.personText)
            personBirthday.append(contentsOf: other.personBirthday)
            personCadence.append(contentsOf: other.personCadence)
            personAdded.append(contentsOf: other.personAdded)
            ends(&aliasEnd, other.aliasEnd, after: aliases.count)
            strings(&aliases, other.aliases)
            ends(&tagEnd, other.tagEnd, after: tags.count)
            strings(&tags, other.tags)
            ends(&noteEnd, other.noteEnd, after: noteDate.count)
            noteDate.append(contentsOf: other.noteDate)
            strings(&noteText, other.noteText)

            var channelMap = [UInt8](repeating: 0, count: other.channels.count)
            for (index, name) in other.channels.enumerated() {
                channelMap[index] = name.withUnsafeBytes { channel($0) }
            }
            interactionIDs.append(contentsOf: other.interactionIDs)
            interactionDate.append(contentsOf: other.interactionDate)
            if channelMap.enumerated().allSatisfy({ $0.offset == Int($0.element) }) {
                interactionChannel.append(contentsOf: other.interactionChannel)
            } else {
                interactionChannel.reserveCapacity(interactionChannel.count + other.interactionChannel.count)
                for channel in other.interactionChannel { interactionChannel.append(channelMap[Int(channel)]) }
            }
            strings(&interactionTopic, other.interactionTopic)
            ends(&participantEnd, other.participantEnd, after: participants.count)
            participants.append(contentsOf: other.participants)

            relationIDs.append(contentsOf: other.relationIDs)
            relationPerson.append(contentsOf: other.relationPerson)
            relationOther.append(contentsOf: other.relationOther)
            strings(&relationKind, other.relationKind)

            reminderIDs.append(contentsOf: other.reminderIDs)
            reminderDue.append(contentsOf: other.reminderDue)
            reminderPerson.append(contentsOf: other.reminderPerson)
            strings(&reminderText, other.reminderText)
            strings(&reminderRecurrence, other.reminderRecurrence)
            reminderDone.append(contentsOf: other.reminderDone)
        }

        // MARK: - Building

        /// How many records of each kind were added, repeated ids included: more than the built
        /// image holds when an id repeated.
        public var addedRecords: (people: Int, interactions: Int, relations: Int, reminders: Int) {
            (personIDs.count, interactionIDs.count, relationIDs.count, reminderIDs.count)
        }

        /// Whether the build is big enough to share out between two threads: a small store's
        /// image (and the empty one) is built in less time than starting the threads takes.
        var isWorthTwoThreads: Bool { blob.count + 32 * interactionIDs.count >= 1 << 20 }

        /// Lays out every record added so far with its indexes.
        /// - Throws: `Unrepresentable` when a value does not fit the layout.
        public mutating func build() throws -> GraphImage {
            if let problem { throw Unrepresentable(reason: problem) }
            var layout = LayoutWriter(parallel: isWorthTwoThreads)
            try layOut(&layout)
            // Bytes just written and hashed here: hashing them again to check them would cost
            // 4–8 ms on the large store.
            return try GraphImage(layout.finish(), checkingContents: false)
        }
    }
}

// MARK: - Laying out

extension GraphImage.Builder {
    private mutating func layOut(_ out: inout LayoutWriter) throws {
        // Record order: people, relations and reminders by id; interactions by (date, id).
        // When ids repeat, the record added last wins.
        let people = Self.lastByID(personIDs)
        let relations = Self.lastByID(relationIDs)
        let reminders = Self.lastByID(reminderIDs)

        // Folding names beyond ASCII on both cores first; then the key tables (names, tags,
        // organisations and places) on one thread while the other lays out the interactions and
        // sorts people by name: they share nothing.
        let parallel = isWorthTwoThreads
        let folds = KeyCollector.fold(KeyCollector.namesBeyondASCII(self), builder: self, parts: parallel ? 2 : 1)
        var keys = KeyCollector(text: [])
        var peopleByName: [UInt32] = []
        var keyTables: KeyCollector.Tables?
        var interactions: InteractionColumns?
        Parallel.both(parallel, {
            keys = KeyCollector(text: blob)
            keys.use(folds)
            keys.collect(people: people, builder: self)
            keyTables = keys.tables()
        }, {
            interactions = interactionColumns()
            peopleByName = KeyCollector.nameOrder(people: people, builder: self, folds: folds)
        })
        guard let keyTables, let interactions else { preconditionFailure("both halves of the layout ran") }

        out.counts = [people.count, interactions.count, relations.count, reminders.count,
                      interactions.idsAscend ? 1 : 0,
                      Int(people.last.map { personIDs[$0] } ?? 0),
                      Int(interactions.highestID),
                      Int(relations.last.map { relationIDs[$0] } ?? 0),
                      Int(reminders.last.map { reminderIDs[$0] } ?? 0)]

        out.strings = keys.text
        keys.text = []

        out.put(.personID, people.map { personIDs[$0] })
        var text: [UInt64] = []
        text.reserveCapacity(people.count * PersonText.allCases.count)
        let width = PersonText.allCases.count
        for input in people { text.append(contentsOf: personText[(input * width)..<(input * width + width)]) }
        out.put(.personText, text)
        out.put(.personBirthday, people.map { personBirthday[$0] })
        out.put(.personCadence, people.map { personCadence[$0] })
        out.put(.personAdded, people.map { personAdded[$0] })
        func lists<T>(_ end: [UInt32], _ values: [T], _ start: GraphImageSectionID, _ items: GraphImageSectionID) {
            var starts: [UInt32] = [0]
            var out2: [T] = []
            starts.reserveCapacity(people.count + 1)
            for input in people {
                let low = input == 0 ? 0 : Int(end[input - 1]), high = Int(end[input])
                out2.append(contentsOf: values[low..<high])
                starts.append(UInt32(out2.count))
            }
            out.put(start, starts)
            out.put(items, out2)
        }
        lists(aliasEnd, aliases, .aliasStart, .aliases)
        lists(tagEnd, tags, .tagStart, .tags)
        lists(noteEnd, noteDate, .noteStart, .noteDate)
        lists(noteEnd, noteText, .noteStart, .noteText)
        out.put(.peopleByName, peopleByName)

        out.put(.interactionID, interactions.ids)
        out.put(.interactionDate, interactions.dates)
        out.put(.interactionChannel, interactions.channels)
        out.put(.interactionTopic, interactions.topics)
        out.put(.participantStart, interactions.participantStart)
        out.put(.interactionByID, interactions.byID)
        var channelRefs: [UInt64] = []
        for channel in channels { channelRefs.append(out.appendString(channel)) }
        out.put(.channels, channelRefs)
        out.put(.participants, interactions.participants)
        out.put(.personInteractionKeys, interactions.byPerson.keys)
        out.put(.personInteractionStart, interactions.byPerson.start)
        out.put(.personInteractionRows, interactions.byPerson.rows)

        out.put(.relationID, relations.map { relationIDs[$0] })
        let persons = relations.map { relationPerson[$0] }, others = relations.map { relationOther[$0] }
        out.put(.relationPerson, persons)
        out.put(.relationOther, others)
        out.put(.relationKind, relations.map { relationKind[$0] })
        let relationIndex = Self.postings(rows: relations.count) { row, emit in
            emit(persons[row])
            if others[row] != persons[row] { emit(others[row]) }
        }
        out.put(.personRelationKeys, relationIndex.keys)
        out.put(.personRelationStart, relationIndex.start)
        out.put(.personRelationRows, relationIndex.rows)

        out.put(.reminderID, reminders.map { reminderIDs[$0] })
        out.put(.reminderDue, reminders.map { reminderDue[$0] })
        out.put(.reminderPerson, reminders.map { reminderPerson[$0] })
        out.put(.reminderText, reminders.map { reminderText[$0] })
        out.put(.reminderRecurrence, reminders.map { reminderRecurrence[$0] })
        out.put(.reminderDone, reminders.map { reminderDone[$0] })

        out.put(.nameIndexKeys, keyTables.name.keys)
        out.put(.nameIndexStart, keyTables.name.start)
        out.put(.nameIndexRows, keyTables.name.rows)
        out.put(.nameFlags, keyTables.nameFlags)
        out.put(.nameKeysBeyondASCII, keyTables.nameBeyondASCII)
        out.put(.tagIndexKeys, keyTables.tag.keys)
        out.put(.tagIndexStart, keyTables.tag.start)
        out.put(.tagIndexRows, keyTables.tag.rows)
        out.put(.orgIndexKeys, keyTables.org.keys)
        out.put(.orgIndexStart, keyTables.org.start)
        out.put(.orgIndexRows, keyTables.org.rows)
        out.put(.placeIndexKeys, keyTables.place.keys)
        out.put(.placeIndexStart, keyTables.place.start)
        out.put(.placeIndexRows, keyTables.place.rows)
    }

    /// The interactions' columns in row order, with the per-person index.
    private struct InteractionColumns {
        var count: Int
        var idsAscend: Bool
        var highestID: Int32
        var ids: [Int32]
        var dates: [Int32]
        var channels: [UInt8]
        var topics: [UInt64]
        var participantStart: [UInt32]
        var participants: [Int32]
        var byID: [UInt32]
        var byPerson: (keys: [Int32], start: [UInt32], rows: [UInt32])
    }

    private func interactionColumns() -> InteractionColumns {
        let order = interactionOrder()
        var columns: InteractionColumns
        if let rows = order.rows {
            var starts: [UInt32] = [0]
            starts.reserveCapacity(rows.count + 1)
            var flat: [Int32] = []
            flat.reserveCapacity(participants.count)
            for input in rows {
                let low = input == 0 ? 0 : Int(participantEnd[input - 1]), high = Int(participantEnd[input])
                flat.append(contentsOf: participants[low..<high])
                starts.append(UInt32(flat.count))
            }
            columns = InteractionColumns(count: rows.count, idsAscend: order.idsAscend, highestID: order.highestID,
                                         ids: rows.map { interactionIDs[$0] }, dates: rows.map { interactionDate[$0] },
                                         channels: rows.map { interactionChannel[$0] },
                                         topics: rows.map { interactionTopic[$0] }, participantStart: starts,
                                         participants: flat, byID: order.byID, byPerson: ([], [], []))
        } else {
            // Added in row order already: the columns as they are.
            var starts: [UInt32] = []
            starts.reserveCapacity(participantEnd.count + 1)
            starts.append(0)
            starts.append(contentsOf: participantEnd)
            columns = InteractionColumns(count: interactionIDs.count, idsAscend: order.idsAscend, highestID: order.highestID,
                                         ids: interactionIDs, dates: interactionDate, channels: interactionChannel,
                                         topics: interactionTopic, participantStart: starts, participants: participants,
                                         byID: order.byID, byPerson: ([], [], []))
        }
        let starts = columns.participantStart, flat = columns.participants
        columns.byPerson = Self.postings(rows: columns.count) { row, emit in
            let low = Int(starts[row]), high = Int(starts[row + 1])
            for index in low..<high {
                let person = flat[index]
                // An interaction lists a person once in the index, however often it names them.
                if !flat[low..<index].contains(person) { emit(person) }
            }
        }
        return columns
    }

    /// Input positions of the records to keep, ordered by id; of several with one id, the last.
    static func lastByID(_ ids: [Int32]) -> [Int] {
        var ascending = true
        var index = 1
        while index < ids.count {
            if ids[index - 1] >= ids[index] { ascending = false; break }
            index += 1
        }
        if ascending { return Array(ids.indices) }
        // Sort (id, position) and keep the last position of each id.
        let order = RadixSort.order(ids.indices.map { UInt64(RadixSort.bias(ids[$0])) << 32 | UInt64($0) })
        var kept: [Int] = []
        kept.reserveCapacity(ids.count)
        for (k, position) in order.enumerated() where k + 1 == order.count || ids[order[k + 1]] != ids[position] {
            kept.append(position)
        }
        return kept
    }

    private struct InteractionOrder {
        /// Input positions of the kept interactions, in (date, id) order; nil when that is every
        /// interaction in the order added.
        var rows: [Int]?
        var idsAscend: Bool
        /// Rows sorted by id (empty when `idsAscend`).
        var byID: [UInt32]
        var highestID: Int32
    }

    private func interactionOrder() -> InteractionOrder {
        let n = interactionIDs.count
        var sortedInput = true
        var index = 1
        while index < n {
            if interactionIDs[index - 1] >= interactionIDs[index] || interactionDate[index - 1] > interactionDate[index] {
                sortedInput = false
                break
            }
            index += 1
        }
        if sortedInput {
            return InteractionOrder(rows: nil, idsAscend: true, byID: [], highestID: interactionIDs.last ?? 0)
        }
        let kept = Self.lastByID(interactionIDs)
        let rows = RadixSort.order(kept.map {
            UInt64(RadixSort.bias(interactionDate[$0])) << 32 | UInt64(RadixSort.bias(interactionIDs[$0]))
        }).map { kept[$0] }
        var ascending = true
        for k in rows.indices.dropFirst() where interactionIDs[rows[k - 1]] >= interactionIDs[rows[k]] {
            ascending = false
            break
        }
        var byID: [UInt32] = []
        if !ascending {
            byID = RadixSort.order(rows.indices.map { UInt64(RadixSort.bias(interactionIDs[rows[$0]])) << 32 | UInt64($0) })
                .map { UInt32($0) }
        }
        return InteractionOrder(rows: rows, idsAscend: ascending, byID: byID,
                                highestID: kept.map { interactionIDs[$0] }.max() ?? 0)
    }

    /// A postings index: for each row, the keys it belongs under (`emit`); rows come out
    /// ascending under each key, keys ascending.
    static func postings(rows: Int, _ keysOf: (Int, (Int32) -> Void) -> Void) -> (keys: [Int32], start: [UInt32], rows: [UInt32]) {
        var pairs: [UInt64] = []
        pairs.reserveCapacity(rows + rows / 4)
        var low = Int32.max, high = Int32.min
        for row in 0..<rows {
            keysOf(row) { key in
                pairs.append(UInt64(RadixSort.bias(key)) << 32 | UInt64(row))
                low = min(low, key)
                high = max(high, key)
            }
        }
        guard !pairs.isEmpty else { return ([], [0], []) }
        // A counting sort when keys are dense (person ids usually are), else a radix sort.
        let span = Int(high) - Int(low) + 1
        var keys: [Int32] = [], start: [UInt32] = [0], out: [UInt32] = []
        out.reserveCapacity(pairs.count)
        if span <= 4 * pairs.count + 1024 {
            var counts = [UInt32](repeating: 0, count: span + 1)
            for pair in pairs { counts[Int(RadixSort.unbias(UInt32(pair >> 32))) - Int(low) + 1] += 1 }
            var positions = [UInt32](repeating: 0, count: span + 1)
            for k in 0..<span {
                positions[k + 1] = positions[k] + counts[k + 1]
                if counts[k + 1] > 0 {
                    keys.append(Int32(k + Int(low)))
                    start.append(positions[k + 1])
                }
            }
            out = [UInt32](repeating: 0, count: pairs.count)
            for pair in pairs {
                let slot = Int(RadixSort.unbias(UInt32(pair >> 32))) - Int(low)
                out[Int(positions[slot])] = UInt32(truncatingIfNeeded: pair)
                positions[slot] += 1
            }
        } else {
            let order = RadixSort.sorted(pairs)
            for pair in order {
                let key = RadixSort.unbias(UInt32(pair >> 32))
                if keys.last != key {
                    if !keys.isEmpty { start.append(UInt32(out.count)) }
                    keys.append(key)
                }
                out.append(UInt32(truncatingIfNeeded: pair))
            }
            start.append(UInt32(out.count))
        }
        return (keys, start, out)
    }
}

/// Section identifiers, for the builder's use.
typealias GraphImageSectionID = Section

/// Writes sections one after another, 8-byte aligned, then the header with the hash.
struct LayoutWriter {
    var counts: [Int] = []
    var strings: [UInt8] = []
    /// Each section's length and how to copy it into place (the arrays are kept, not copied),
    /// by `Section.rawValue`: a dictionary keyed by `Section` would cost a scan of the binary's
    /// conformance records (docs/performance.md).
    private var sections: [(count: Int, write: (UnsafeMutableRawPointer) -> Void)?] =
        Array(repeating: nil, count: Section.allCases.count)
    private var extraStrings: [UInt8] = []
    /// Whether the copies are shared out between two threads.
    let parallel: Bool

    init(parallel: Bool) {
        self.parallel = parallel
    }

    /// Adds a string after the records' text (the builder's text is final by then).
    mutating func appendString(_ bytes: [UInt8]) -> UInt64 {
        let start = strings.count + extraStrings.count
        extraStrings += bytes
        return UInt64(start) << 32 | UInt64(bytes.count)
    }

    mutating func put<T>(_ section: Section, _ values: [T]) {
        sections[section.rawValue] = (values.count * MemoryLayout<T>.stride, { target in
            values.withUnsafeBytes { if let base = $0.baseAddress { target.copyMemory(from: base, byteCount: $0.count) } }
        })
    }

    mutating func finish() -> GraphImage.Storage {
        let strings = self.strings, extraStrings = self.extraStrings
        sections[Section.strings.rawValue] = (strings.count + extraStrings.count, { target in
            strings.withUnsafeBytes { if let base = $0.baseAddress { target.copyMemory(from: base, byteCount: $0.count) } }
            extraStrings.withUnsafeBytes {
                if let base = $0.baseAddress { (target + strings.count).copyMemory(from: base, byteCount: $0.count) }
            }
        })
        self.strings = []
        self.extraStrings = []
        let header = Layout.headerSize(sections: Section.allCases.count)
        var offsets: [(Int, Int)] = []
        var size = (header + 7) / 8 * 8
        for section in Section.allCases {
            let length = sections[section.rawValue]?.count ?? 0
            offsets.append((size, length))
            size = (size + length + 7) / 8 * 8
        }
        let block = HugePages.allocate(byteCount: max(size, 8))
        // Zeros where no section is copied: the header's room and each section's padding.
        block.baseAddress!.initializeMemory(as: UInt8.self, repeating: 0, count: min(max(size, 8), offsets.first?.0 ?? size))
        for (offset, length) in offsets where (offset + length) % 8 != 0 {
            (block.baseAddress! + offset + length).initializeMemory(as: UInt8.self, repeating: 0, count: 8 - (offset + length) % 8)
        }
        func word(_ offset: Int, _ value: UInt64) { block.storeBytes(of: value.littleEndian, toByteOffset: offset, as: UInt64.self) }
        word(0, Layout.magic)
        word(8, Layout.version)
        word(16, UInt64(Section.allCases.count))
        word(24, UInt64(size))
        for (index, count) in counts.enumerated() { word(Layout.countsOffset + 8 * index, UInt64(bitPattern: Int64(count))) }
        for section in Section.allCases {
            let (offset, length) = offsets[section.rawValue]
            word(Layout.directoryOffset + 16 * section.rawValue, UInt64(offset))
            word(Layout.directoryOffset + 16 * section.rawValue + 8, UInt64(length))
        }
        // The copies, biggest first, shared out between two threads by bytes.
        var halves: [[(Int, (UnsafeMutableRawPointer) -> Void)]] = [[], []]
        var loads = [0, 0]
        for section in Section.allCases.sorted(by: { (sections[$0.rawValue]?.count ?? 0) > (sections[$1.rawValue]?.count ?? 0) }) {
            guard let (length, write) = sections[section.rawValue], length > 0 else { continue }
            let half = loads[0] <= loads[1] ? 0 : 1
            halves[half].append((offsets[section.rawValue].0, write))
            loads[half] += length
        }
        let target = UncheckedSendable(block.baseAddress!), work = UncheckedSendable(halves)
        Parallel.both(parallel, {
            for (offset, write) in work.value[0] { write(target.value + offset) }
        }, {
            for (offset, write) in work.value[1] { write(target.value + offset) }
        })
        sections = Array(repeating: nil, count: Section.allCases.count)
        let all = UnsafeRawBufferPointer(rebasing: block[..<size])
        word(32, ImageHash.contentHash(UnsafeRawBufferPointer(rebasing: all[Layout.hashedFrom...])))
        return GraphImage.Storage(bytes: all) { _ in HugePages.deallocate(block) }
    }
}

/// Big blocks in 2 MiB pages where the system has them (Linux's transparent huge pages, when
/// asked for with `madvise`): the first touch of each then costs one page fault instead of 512,
/// which is most of the cost of filling a fresh 100 MB block.
enum HugePages {
    static let size = 2 << 20

    static func allocate(byteCount: Int) -> UnsafeMutableRawBufferPointer {
        #if os(Linux)
        if byteCount >= 2 * size {
            var pointer: UnsafeMutableRawPointer?
            if posix_memalign(&pointer, size, byteCount) == 0, let pointer {
                advise(pointer, byteCount)
                return UnsafeMutableRawBufferPointer(start: pointer, count: byteCount)
            }
        }
        #endif
        return UnsafeMutableRawBufferPointer.allocate(byteCount: byteCount, alignment: 16)
    }

    static func deallocate(_ block: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
        if block.count >= 2 * size {
            free(block.baseAddress)
            return
        }
        #endif
        block.deallocate()
    }

    /// Reserves room for `count` elements, in huge pages when that is at least 4 MiB.
    static func reserve<T>(_ array: inout [T], _ count: Int) {
        array.reserveCapacity(count)
        let bytes = array.capacity * MemoryLayout<T>.stride
        guard bytes >= 2 * size else { return }
        array.withUnsafeMutableBufferPointer { buffer in
            if let base = buffer.baseAddress { advise(UnsafeMutableRawPointer(base), bytes) }
        }
    }

    /// Asks for huge pages for the whole 2 MiB pages inside `count` bytes from `start`.
    static func advise(_ start: UnsafeMutableRawPointer, _ count: Int) {
        #if os(Linux)
        let low = (Int(bitPattern: start) + size - 1) & ~(size - 1)
        let high = (Int(bitPattern: start) + count) & ~(size - 1)
        if high > low { _ = madvise(UnsafeMutableRawPointer(bitPattern: low), high - low, MADV_HUGEPAGE) }
        #endif
    }
}

/// Runs work on two threads at once.
enum Parallel {
    /// Runs `first` and `second` at the same time, on two threads when the machine has them,
    /// and returns when both are done; one after the other when not `parallel`. They must not
    /// touch the same mutable state.
    static func both(_ parallel: Bool = true, _ first: () -> Void, _ second: () -> Void) {
        guard parallel else {
            first()
            second()
            return
        }
        withoutActuallyEscaping(first) { first in
            withoutActuallyEscaping(second) { second in
                let jobs = UncheckedSendable((first, second))
                DispatchQueue.concurrentPerform(iterations: 2) { job in
                    if job == 0 { jobs.value.0() } else { jobs.value.1() }
                }
            }
        }
    }
}

/// LSD radix sort of 64-bit keys, 16 bits a pass, skipping passes where every key agrees.
enum RadixSort {
    /// Maps Int32 to UInt32 keeping the order.
    static func bias(_ value: Int32) -> UInt32 { UInt32(bitPattern: value) ^ 0x8000_0000 }
    static func unbias(_ value: UInt32) -> Int32 { Int32(bitPattern: value ^ 0x8000_0000) }

    /// Below this many keys a comparison sort beats clearing the 65,536 counters of a pass.
    static let threshold = 8192

    static func sorted(_ keys: [UInt64]) -> [UInt64] {
        if keys.count < threshold { return keys.sorted() }
        var keys = keys
        var scratch = [UInt64](repeating: 0, count: keys.count)
        var counts = [Int](repeating: 0, count: 65537)
        for shift in stride(from: 0, to: 64, by: 16) {
            for index in counts.indices { counts[index] = 0 }
            for key in keys { counts[Int((key >> UInt64(shift)) & 0xFFFF) + 1] += 1 }
            if counts.contains(keys.count) { continue }
            for index in 1..<counts.count { counts[index] += counts[index - 1] }
            for key in keys {
                let digit = Int((key >> UInt64(shift)) & 0xFFFF)
                scratch[counts[digit]] = key
                counts[digit] += 1
            }
            swap(&keys, &scratch)
        }
        return keys
    }

    /// The positions of `keys` in ascending key order (ties keep their order).
    static func order(_ keys: [UInt64]) -> [Int] {
        if keys.count < threshold { return keys.indices.sorted { (keys[$0], $0) < (keys[$1], $1) } }
        var positions = Array(keys.indices)
        var scratch = positions
        var counts = [Int](repeating: 0, count: 65537)
        for shift in stride(from: 0, to: 64, by: 16) {
            for index in counts.indices { counts[index] = 0 }
            for position in positions { counts[Int((keys[position] >> UInt64(shift)) & 0xFFFF) + 1] += 1 }
            if counts.contains(keys.count) { continue }
            for index in 1..<counts.count { counts[index] += counts[index - 1] }
            for position in positions {
                let digit = Int((keys[position] >> UInt64(shift)) & 0xFFFF)
                scratch[counts[digit]] = position
                counts[digit] += 1
            }
            swap(&positions, &scratch)
        }
        return positions
    }
}

