import KithTime

/// Raw access to an image's rows for a writer that must not build a Swift value per record:
/// strings come as the image's UTF-8 bytes.
extension GraphImage {
    /// A person's single-valued text fields.
    public enum PersonField: Int, CaseIterable, Sendable {
        case name, org, title, place, email, phone, howMet
    }

    public struct PersonRow {
        let image: GraphImage
        let row: Int

        public var id: RecordID { Int(image.personID[row]) }

        /// The field's UTF-8 bytes, nil when the person has none.
        public func text(_ field: PersonField) -> UnsafeBufferPointer<UInt8>? {
            let ref = image.personText[row * PersonText.allCases.count + field.rawValue]
            return ref == .absent ? nil : image.utf8(ref)
        }

        public var birthday: MonthDay? { GraphImage.birthday(image.personBirthday[row]) }
        public var cadenceDays: Int? { image.personCadence[row] == .min ? nil : Int(image.personCadence[row]) }
        /// Days since 1970-01-01.
        public var addedDay: Int? { image.personAdded[row] == .min ? nil : Int(image.personAdded[row]) }

        public var aliases: some RandomAccessCollection<UnsafeBufferPointer<UInt8>> {
            (Int(image.aliasStart[row])..<Int(image.aliasStart[row + 1])).lazy.map { image.utf8(image.aliases[$0]) }
        }

        public var tags: some RandomAccessCollection<UnsafeBufferPointer<UInt8>> {
            (Int(image.tagStart[row])..<Int(image.tagStart[row + 1])).lazy.map { image.utf8(image.tags[$0]) }
        }

        /// Each note's day (since 1970-01-01) and text.
        public var notes: some RandomAccessCollection<(day: Int, text: UnsafeBufferPointer<UInt8>)> {
            (Int(image.noteStart[row])..<Int(image.noteStart[row + 1])).lazy.map {
                (Int(image.noteDate[$0]), image.utf8(image.noteText[$0]))
            }
        }
    }

    public struct InteractionRow {
        public let id: RecordID
        /// Days since 1970-01-01.
        public let day: Int
        public let channel: UnsafeBufferPointer<UInt8>
        public let topic: UnsafeBufferPointer<UInt8>?
        public let people: UnsafeBufferPointer<Int32>
    }

    public func personRow(at row: Int) -> PersonRow { PersonRow(image: self, row: row) }

    public func interactionRow(at row: Int) -> InteractionRow {
        let topic = interactionTopic[row]
        return InteractionRow(id: Int(interactionID[row]), day: Int(interactionDate[row]),
                              channel: utf8(channelRefs[Int(interactionChannel[row])]),
                              topic: topic == .absent ? nil : utf8(topic), people: participants(at: row))
    }

    public func relationRecord(at row: Int) -> Relation { relation(at: row) }

    public func reminderRecord(at row: Int) -> Reminder { reminder(at: row) }
}
