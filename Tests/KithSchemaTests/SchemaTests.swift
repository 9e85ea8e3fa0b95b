import Foundation
import Testing
@testable import KithSchema

/// The schema language: the store's own declaration reads, mistakes are reported at their line and
/// column, and the docs' tables are the schema's.
@Suite struct SchemaTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func storeSchema() throws -> Schema {
        let text = try String(contentsOf: root.appendingPathComponent("schema/store.schema"), encoding: .utf8)
        return try Schema.parse(text, file: "schema/store.schema")
    }

    @Test func theStoresSchemaReads() throws {
        let schema = try Self.storeSchema()
        #expect(schema.records.map(\.kind).prefix(4) == ["person", "interaction", "relation", "reminder"])
        #expect(schema.records.allSatisfy { $0.fields.first?.name == "id" })
        let interaction = try #require(schema.type(named: "Interaction"))
        #expect(interaction.order == .dayThenID("date"))
        #expect(interaction.field("people")?.type == FieldType(base: .reference("Person"), shape: .list))
        #expect(interaction.field("channel")?.interned == true)
        let person = try #require(schema.type(named: "Person"))
        #expect(person.field("cadenceDays")?.range == ValueRange(low: 1, high: 36525, noun: "cadence", unit: "days"))
        #expect(person.field("org")?.words == "company")
        #expect(person.field("howMet")?.label == "how you met")
    }

    /// The tables in docs/store-format.md are made from the schema; a change to one without the
    /// other fails here. `swift package --allow-writing-to-package-directory generate-store-docs`
    /// rewrites them.
    @Test func theStoreFormatDocumentHasTheSchemasTables() throws {
        let path = Self.root.appendingPathComponent("docs/store-format.md")
        let document = try String(contentsOf: path, encoding: .utf8)
        let updated = try #require(Generator.docs(replacingIn: document, schema: try Self.storeSchema()),
                                   "docs/store-format.md has no generated part")
        #expect(updated == document, """
            docs/store-format.md's tables differ from schema/store.schema: run
            swift package --allow-writing-to-package-directory generate-store-docs
            """)
    }

    @Test func generatedSwiftSaysSoAndWhereFrom() throws {
        for target in Generator.Target.allCases {
            let text = Generator.swift(for: target, schema: try Self.storeSchema())
            #expect(text.hasPrefix("// generated — do not edit."))
            #expect(text.contains("schema/store.schema"))
        }
    }

    static let base = """
        store version 2

        value Note {
            date  Day
            text  String
        }

        record Person in people ordered by id {
            id    ID
            name  String
            notes [Note]
        }

        owner Owner at me {
            name  String?
        }

        value UndoEntry {
            id       ID
            summary  String
            inverse  [Operation]
        }

        """

    @Test func aSmallSchemaReads() throws {
        let schema = try Schema.parse(Self.base, file: "s.schema")
        #expect(schema.version == 2)
        #expect(schema.types.map(\.name) == ["Note", "Person", "Owner", "UndoEntry"])
    }

    /// A mistake is reported at its line and column, as a compiler would, so the build log
    /// points at it.
    @Test(arguments: [
        ("record Event in events ordered by id {\n    id  ID\n    when  Dat\n}\n", 3, 11, "unknown type 'Dat'"),
        ("record Event in events ordered by id {\n    id  ID\n    id  Int\n}\n", 3, 5, "'id' is declared twice"),
        ("record Event in events ordered by id {\n    name  String\n}\n", 1, 8, "a record's first field is 'id ID'"),
        ("record Event in events ordered by id {\n    id  ID\n    title  String  sinse 3\n}\n", 3, 20, "unknown attribute 'sinse'"),
        ("record Event in events ordered by id {\n    id  ID\n    title  String?  since 3\n}\n", 3, 5,
         "'since 3': a field is added in version 2 to 2"),
        ("record Event in events ordered by date, id {\n    id  ID\n    date  String\n}\n", 1, 8,
         "'date' must be a field of type Day"),
        ("record Event in events ordered by id {\n    id  ID\n    who  Owner.id\n}\n", 3, 10, "'Owner' is not a record"),
        ("record Event in events ordered by id {\n    id  ID\n    n  Int  in 5...1 x y\n}\n", 3, 5, "the range is empty"),
        ("record Event in events ordered by id {\n    id  ID\n    tags  [String]  was tag  was tags\n}\n", 3, 30, "'was' is given twice"),
        ("record Event in people ordered by id {\n    id  ID\n}\n", 1, 8, "the top-level key 'people' is taken"),
        ("record Event in events ordered by id {\n    id  ID\n    title  \"String\"\n}\n", 3, 12, "expected a name"),
        ("record Event in events ordered by id {\n    id  ID\n    default  String\n}\n", 3, 5, "'default' is a Swift keyword"),
    ])
    func mistakesArePlaced(_ added: String, _ line: Int, _ column: Int, _ message: String) {
        let baseLines = Self.base.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        do {
            _ = try Schema.parse(Self.base + added, file: "s.schema")
            Issue.record("no error for \(added)")
        } catch {
            #expect(error.location == SourceLocation(file: "s.schema", line: baseLines + line, column: column), "\(error)")
            #expect(error.message.hasPrefix(message), "\(error)")
            #expect(error.description.hasPrefix("s.schema:\(baseLines + line):\(column): error: "))
        }
    }

    @Test func aSchemaWithoutAVersionIsRefused() {
        #expect(throws: SchemaError.self) { try Schema.parse("value Note {\n    text String\n}\n", file: "s") }
    }
}
