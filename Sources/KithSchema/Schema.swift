/// The store's records and fields, as `schema/store.schema` declares them (docs/schema.md).
///
/// A schema is read by `Schema.parse`, which checks it whole; the emitters (`SwiftEmitter`,
/// `DocsEmitter`) then only ever see a schema that makes sense.
public struct Schema: Sendable {
    /// The store version this schema writes (`store version N`).
    public var version: Int
    /// Every declared type, in file order.
    public var types: [TypeDecl]

    public var records: [TypeDecl] { types.filter(\.isRecord) }
    public var values: [TypeDecl] { types.filter { if case .value = $0.role { true } else { false } } }
    public var owner: TypeDecl { types.first { if case .owner = $0.role { true } else { false } }! }
    public var undoEntry: TypeDecl { types.first { $0.name == "UndoEntry" }! }

    public func type(named name: String) -> TypeDecl? { types.first { $0.name == name } }
}

/// Where something is in the schema file, for messages: `file:line:column`.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public var description: String { "\(file):\(line):\(column)" }
}

/// A `value`, `record` or `owner` declaration.
public struct TypeDecl: Sendable {
    public enum Role: Sendable, Equatable {
        /// Embedded in other types (`value Note`).
        case value
        /// A kind of record, kept in the top-level array `plural`, each with an id.
        case record(plural: String, order: RecordOrder)
        /// The one object of the top-level key `key` (`owner Owner at me`).
        case owner(key: String)
    }

    public var name: String
    public var role: Role
    public var doc: [String]
    public var fields: [Field]
    /// The store version that added this kind of record (nil: there from the start).
    public var since: Int?
    public var location: SourceLocation

    public var isRecord: Bool { if case .record = role { true } else { false } }

    /// The record's kind as the store names it: `person` for `Person`.
    public var kind: String { name.prefix(1).lowercased() + name.dropFirst() }

    /// The top-level array of a record kind (`people`).
    public var plural: String {
        if case .record(let plural, _) = role { return plural }
        return kind
    }

    public var order: RecordOrder {
        if case .record(_, let order) = role { return order }
        return .id
    }

    /// Fields in the order JSON writes them: keys sorted by their UTF-8 bytes, as `JSONEncoder`'s
    /// `.sortedKeys` sorts them.
    public var fieldsInKeyOrder: [Field] { fields.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) } }

    public func field(_ name: String) -> Field? { fields.first { $0.name == name } }
}

/// The order of a record kind's array in the snapshot.
public enum RecordOrder: Sendable, Equatable {
    /// By id.
    case id
    /// By a day field, then id (interactions: by `date`, then `id`).
    case dayThenID(String)
}

/// One field of a type.
public struct Field: Sendable {
    public var name: String
    public var type: FieldType
    public var doc: [String]
    /// The store version that added the field (nil: there from the start).
    public var since: Int?
    /// A key older versions wrote for this list field's first element (`was email`).
    public var legacyKey: String?
    /// For an `Int`: the values a store may hold, and how to say what the number is.
    public var range: ValueRange?
    /// Written even when empty, and required when reading (lists only).
    public var always = false
    /// A `String` with few distinct values, which the image keeps as an index into a table.
    public var interned = false
    /// A reference that may also name the owner, id 0.
    public var orOwner = false
    /// The Swift default of a required field (`default false`).
    public var defaultValue: String?
    /// The field in words, for messages about it ("company" for `org`).
    public var label: String?
    public var location: SourceLocation
    /// Where the field's type is written, for errors about the type.
    public var typeLocation: SourceLocation

    /// How the field is named in a sentence: its label, else its name in words ("howMet": "how met").
    public var words: String {
        if let label { return label }
        var result = ""
        for character in name {
            if character.isUppercase { result += " " + character.lowercased() } else { result.append(character) }
        }
        return result
    }
}

public struct ValueRange: Sendable, Equatable {
    public var low: Int
    public var high: Int
    /// What a value is ("cadence"), for "0 is not a cadence (1 to 36525 days)".
    public var noun: String
    public var unit: String
}

/// A field's type: a base type, alone, optional or in a list.
public struct FieldType: Sendable, Equatable {
    public enum Base: Sendable, Equatable {
        /// The record's (or undo entry's) own id: unique, 1 to 2^53 − 1.
        case id
        case int
        case string
        case bool
        /// A day, `"YYYY-MM-DD"`.
        case day
        /// A birthday, `"YYYY-MM-DD"` or `"--MM-DD"`.
        case birthday
        /// A record id naming a record of the type (`Person.id`).
        case reference(String)
        /// A declared `value` type, embedded.
        case value(String)
        /// One of the store's operations (undo entries hold them).
        case operation
    }

    public enum Shape: Sendable, Equatable { case one, optional, list }

    public var base: Base
    public var shape: Shape

    public var isOptional: Bool { shape == .optional }
    public var isList: Bool { shape == .list }
}
