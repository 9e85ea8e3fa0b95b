import Foundation
import Testing
@testable import KithExchange

@Suite struct ImportFormatTests {
    @Test(arguments: FixtureExpectation.all)
    func detectsTheFormatFromContent(_ expected: FixtureExpectation) throws {
        let text = TextDecoding.text(try Fixture.data(expected.file))
        #expect(ImportFormat.detect(text) == expected.format)
    }

    @Test(arguments: ["", "\n\n", "hello, world\n1,2\n", "{\"format\": \"kith\"}"])
    func unknownContentIsNoFormat(_ text: String) {
        #expect(ImportFormat.detect(text) == nil)
        #expect(throws: ExchangeError.unknownFormat) { try ContactImport.parse(Data(text.utf8)) }
    }

    @Test func aForcedFormatThatDoesNotFitIsAnError() throws {
        let csv = try Fixture.data("google-current.csv")
        #expect(throws: ExchangeError.self) { try ContactImport.parse(csv, format: .vcard) }
        let vcard = try Fixture.data("iphone.vcf")
        #expect(throws: ExchangeError.self) { try ContactImport.parse(vcard, format: .linkedin) }
        #expect(throws: ExchangeError.self) { try ContactImport.parse(vcard, format: .google) }
    }

    @Test func aForcedFormatWins() throws {
        // A LinkedIn file has First Name and Last Name, so Google's reader can take it too.
        let parsed = try Fixture.parse("linkedin.csv", format: .linkedin)
        #expect(parsed.format == .linkedin)
        #expect(try Fixture.parse("broken.csv", format: .linkedin).contacts.count == 4)
    }

    @Test func textInOtherEncodingsIsReadAsUTF8() throws {
        let text = "BEGIN:VCARD\r\nFN:Zoë\r\nEND:VCARD\r\n"
        let utf16 = Data([0xFF, 0xFE]) + text.data(using: .utf16LittleEndian)!
        let bom = Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)
        let latin1 = text.data(using: .isoLatin1)!
        for data in [utf16, bom, latin1] {
            #expect(try ContactImport.parse(data).contacts.map(\.name) == ["Zoë"])
        }
    }
}
