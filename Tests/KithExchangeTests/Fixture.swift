import Foundation
import Testing
@testable import KithExchange

/// The address books under `Fixtures/`, written for these tests in the dialects real apps use.
enum Fixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent(name))
    }

    static func parse(_ name: String, format: ImportFormat? = nil) throws -> ParsedContacts {
        try ContactImport.parse(try data(name), format: format)
    }

    static func contact(_ name: String, in file: String) throws -> Contact {
        let parsed = try parse(file)
        guard let contact = parsed.contacts.first(where: { $0.name == name }) else {
            throw Missing(description: "\(name) not in \(file): \(parsed.contacts.map(\.name))")
        }
        return contact
    }

    struct Missing: Error, CustomStringConvertible { let description: String }
}

/// What reading one fixture must give: who, and which lines are skipped or warned about.
struct FixtureExpectation: Sendable, CustomTestStringConvertible {
    let file: String
    let format: ImportFormat
    let names: [String]
    var skippedLines: [Int] = []
    var warningLines: [Int] = []

    var testDescription: String { file }

    static let all: [FixtureExpectation] = [
        .init(file: "iphone.vcf", format: .vcard, names: ["Diane Smith", "Zoë Laurent", "Michael O'Brien"]),
        .init(file: "android.vcf", format: .vcard, names: ["Élise Åström", "Noah Patel", "王小明"]),
        .init(file: "google.vcf", format: .vcard, names: ["Carol Jones", "Sam Ortiz"]),
        .init(file: "outlook.vcf", format: .vcard, names: ["Jürgen Müller"]),
        .init(file: "thunderbird.vcf", format: .vcard, names: ["Ruth Park", "Kenji Watanabe"]),
        .init(file: "broken.vcf", format: .vcard, names: ["Good Before", "Odd Birthday", "Good After"],
              skippedLines: [5, 9, 15], warningLines: [14, 23]),
        .init(file: "google-current.csv", format: .google, names: ["Diane Smith", "Zoë Laurent", "Marcus J. Webb"]),
        .init(file: "google-legacy.csv", format: .google, names: ["Robert Stone", "Priya Natarajan"]),
        .init(file: "linkedin.csv", format: .linkedin, names: ["Olivia Chen", "Jonas Berg", "Laura Bianchi"]),
        .init(file: "broken.csv", format: .google, names: ["Ann Lee", "Cal Moss", "Eve Hart", "Fay Lin"],
              skippedLines: [3, 5, 6]),
    ]
}
