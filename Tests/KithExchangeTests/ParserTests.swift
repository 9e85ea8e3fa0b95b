import Foundation
import KithTime
import Testing
@testable import KithExchange

/// Every fixture: who is read, in file order, and which lines are reported.
@Suite struct FixtureTests {
    @Test(arguments: FixtureExpectation.all)
    func readsEveryFixture(_ expected: FixtureExpectation) throws {
        let parsed = try Fixture.parse(expected.file)
        #expect(parsed.format == expected.format)
        #expect(parsed.contacts.map(\.name) == expected.names)
        #expect(parsed.skipped.map(\.line) == expected.skippedLines, "\(parsed.skipped)")
        #expect(parsed.warnings.map(\.line) == expected.warningLines, "\(parsed.warnings)")
    }
}

@Suite struct VCardParserTests {
    @Test func iPhoneCard() throws {
        let diane = try Fixture.contact("Diane Smith", in: "iphone.vcf")
        #expect(diane.line == 1)
        #expect(diane.nicknames == ["Di"])
        #expect(diane.emails == ["diane.smith@example.com", "diane@acme.example"])  // type=pref first
        #expect(diane.phones == ["+1 (555) 010-0101", "+1 555 010 0199"])
        #expect(diane.org == "Acme")
        #expect(diane.title == "VP of Marketing")
        #expect(diane.place == "Boston")  // the home address, not the first one
        #expect(diane.birthday == MonthDay(year: 1984, month: 5, day: 4))
        #expect(diane.tags == ["Clients", "Friends"])
        #expect(diane.notes.map(\.text) == ["Met at the networking group, introduced by Ruth.\nHas two kids; loves "
            + "long runs along the Charles River — training for the Boston marathon this year."])
        let zoe = try Fixture.contact("Zoë Laurent", in: "iphone.vcf")
        #expect(zoe.birthday == MonthDay(year: nil, month: 11, day: 23))  // X-APPLE-OMIT-YEAR
        #expect(zoe.links == ["https://zoe.example/portfolio"])
        #expect(try Fixture.contact("Michael O'Brien", in: "iphone.vcf").org == "Globex")
    }

    @Test func androidQuotedPrintableAndPhoto() throws {
        let elise = try Fixture.contact("Élise Åström", in: "android.vcf")
        #expect(elise.phones == ["+46 70 123 45 67"])
        #expect(elise.emails == ["elise@astrom.example"])
        #expect(elise.birthday == MonthDay(year: 1990, month: 7, day: 15))
        #expect(elise.notes.map(\.text) == ["Likes fika ☕ and long walks; met her in Stockholm at the öresund conference."])
        #expect(try Fixture.contact("Noah Patel", in: "android.vcf").phones == ["+1-555-0160", "+1-555-0161"])
    }

    @Test func googleYearlessBirthdays() throws {
        let carol = try Fixture.contact("Carol Jones", in: "google.vcf")
        #expect(carol.birthday == MonthDay(year: nil, month: 3, day: 28))  // --0328
        #expect(carol.place == "Vermont")  // no locality: the region
        #expect(carol.notes.map(\.text) == ["Runs the book club; ask about the next title."])
        #expect(try Fixture.contact("Sam Ortiz", in: "google.vcf").birthday == MonthDay(year: nil, month: 7, day: 4))
    }

    @Test func outlookWindows1252() throws {
        let jurgen = try Fixture.contact("Jürgen Müller", in: "outlook.vcf")
        #expect(jurgen.org == "Contoso GmbH")
        #expect(jurgen.place == "Berlin")
        #expect(jurgen.emails == ["j.mueller@contoso.example"])
        #expect(jurgen.birthday == MonthDay(year: 1978, month: 12, day: 24))
        #expect(jurgen.notes.map(\.text) == ["Prefers calls in the morning.\nKnows everyone at the Berlin office."])
    }

    @Test func thunderbirdVCard4() throws {
        let ruth = try Fixture.contact("Ruth Park", in: "thunderbird.vcf")
        #expect(ruth.emails == ["ruth.park@hbs.example", "ruth@park.example"])
        #expect(ruth.phones == ["+1 617 555 0188"])
        #expect(ruth.birthday == MonthDay(year: 1970, month: 2, day: 12))
        #expect(ruth.nicknames == ["Ruthie", "Prof. Park"])
        #expect(ruth.place == "Boston")
        let kenji = try Fixture.contact("Kenji Watanabe", in: "thunderbird.vcf")
        #expect(kenji.phones == ["+81-90-1234-5678"])  // tel: URI
        #expect(kenji.birthday == MonthDay(year: nil, month: 8, day: 17))
    }

    @Test func brokenCardsAreReportedAtTheirFirstLine() throws {
        let parsed = try Fixture.parse("broken.vcf")
        #expect(parsed.skipped.map(\.message) == [
            "card has no END:VCARD before the next card",
            "card has no name, organisation or email address",
            "card has a line that is not a property at line 18 (\"this line has no colon\")",
        ])
        #expect(parsed.warnings.map(\.description) == [
            "line 14: text outside a BEGIN:VCARD … END:VCARD card; ignored",
            "line 23: birthday \"sometime in spring\" is not a date Kith can read; left out",
        ])
        #expect(try Fixture.contact("Odd Birthday", in: "broken.vcf").birthday == nil)
    }

    /// RFC 6350 allows a fold inside a UTF-8 sequence; unfolding works on bytes, so it heals.
    @Test func aFoldInsideAUTF8SequenceIsJoinedWhole() throws {
        var bytes = Array("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Zo".utf8)
        let e = Array("ë".utf8)
        bytes += [e[0]] + Array("\r\n ".utf8) + [e[1]] + Array("l Laurent\r\nEND:VCARD\r\n".utf8)
        #expect(try ContactImport.parse(Data(bytes)).contacts.map(\.name) == ["Zoël Laurent"])
    }

    @Test(arguments: [
        ("1985-05-04", MonthDay(year: 1985, month: 5, day: 4)),
        ("19850504", MonthDay(year: 1985, month: 5, day: 4)),
        ("1985-05-04T00:00:00Z", MonthDay(year: 1985, month: 5, day: 4)),
        ("--0504", MonthDay(year: nil, month: 5, day: 4)),
        ("--05-04", MonthDay(year: nil, month: 5, day: 4)),
        ("--02-29", MonthDay(year: nil, month: 2, day: 29)),
        ("0000-05-04", MonthDay(year: nil, month: 5, day: 4)),
        ("May 4, 1985", MonthDay(year: 1985, month: 5, day: 4)),
        ("4 May", MonthDay(year: nil, month: 5, day: 4)),
        ("1985-02-30", nil),
        ("soon", nil),
    ])
    func birthdays(_ text: String, _ expected: MonthDay?) {
        #expect(DateText.birthday(text) == expected)
    }

    @Test func escapesAndStructuredValues() {
        let line = Array(#"item3.ADR;TYPE="home,pref";LABEL="1 Main St; Apt 2":;;1 Main St\, Apt 2;Boston\;MA;;;"#.utf8)
        let property = VCardProperty(line[...], line: 7)!
        #expect(property.name == "ADR")
        #expect(property.has(type: "home") && property.isPreferred)
        #expect(property.parameters["LABEL"] == ["1 Main St; Apt 2"])
        #expect(property.components(separatedBy: ";") == ["", "", "1 Main St, Apt 2", "Boston;MA", "", "", ""])
        #expect(VCardProperty(Array("no colon here".utf8)[...], line: 1) == nil)
    }
}

@Suite struct CSVParserTests {
    @Test func googleCurrentStyle() throws {
        let diane = try Fixture.contact("Diane Smith", in: "google-current.csv")
        #expect(diane.line == 2)
        #expect(diane.emails == ["diane@acme.example", "diane.smith@example.com"])  // " ::: " values
        #expect(diane.phones == ["+1 555 010 0101"])
        #expect(diane.org == "Acme")
        #expect(diane.title == "VP of Marketing")
        #expect(diane.place == "Boston")
        #expect(diane.nicknames == ["Di"])
        #expect(diane.birthday == MonthDay(year: 1984, month: 5, day: 4))
        #expect(diane.tags == ["Clients", "Friends", "* myContacts", "* starred"])
        #expect(diane.notes.map(\.text) == ["Met at the networking group, via Ruth.\nHas two kids; says \"call me Di\"."])
        let zoe = try Fixture.contact("Zoë Laurent", in: "google-current.csv")
        #expect(zoe.line == 5)  // Diane's row spans three lines
        #expect(zoe.birthday == MonthDay(year: nil, month: 11, day: 23))
        #expect(zoe.links == ["https://zoe.example/portfolio"])
        #expect(try Fixture.contact("Marcus J. Webb", in: "google-current.csv").org == "Webb & Sons")
    }

    @Test func googleLegacyStyle() throws {
        let bob = try Fixture.contact("Robert Stone", in: "google-legacy.csv")
        #expect(bob.nicknames == ["Bob"])
        #expect(bob.phones == ["+1 555 0102", "+1 555 0103"])
        #expect(bob.org == "Globex")
        #expect(bob.title == "Engineer")
        #expect(bob.place == "Cambridge")
        #expect(bob.tags == ["* myContacts", "* Friends", "Inner Circle"])
        #expect(bob.notes.map(\.text) == ["Loves hiking, \"the longer the better\"."])
        #expect(bob.birthday == MonthDay(year: 1982, month: 3, day: 21))
        let priya = try Fixture.contact("Priya Natarajan", in: "google-legacy.csv")
        #expect(priya.place == "Bangalore")
        #expect(priya.birthday == MonthDay(year: nil, month: 9, day: 26))
    }

    /// Columns are found by name: shuffling them changes nothing.
    @Test func columnsAreMatchedByNameNotPosition() throws {
        let text = "Notes,E-mail 1 - Value,Last Name,Labels,First Name\r\nhi,a@b.example,Lee,Friends,Ann\r\n"
        let parsed = try ContactImport.parse(Data(text.utf8))
        #expect(parsed.contacts.count == 1)
        let ann = try #require(parsed.contacts.first)
        #expect(ann.name == "Ann Lee")
        #expect(ann.emails == ["a@b.example"])
        #expect(ann.tags == ["Friends"])
        #expect(ann.notes.map(\.text) == ["hi"])
    }

    @Test func linkedInAfterItsPreamble() throws {
        let olivia = try Fixture.contact("Olivia Chen", in: "linkedin.csv")
        #expect(olivia.line == 5)
        #expect(olivia.howMet == "connected on LinkedIn on February 14, 2023")
        #expect(olivia.org == "Umbrella Health")
        #expect(olivia.title == "Product Manager")
        #expect(olivia.emails == ["olivia@umbrella.example"])
        #expect(olivia.links == ["https://www.linkedin.com/in/oliviachen"])
        #expect(try Fixture.contact("Jonas Berg", in: "linkedin.csv").org == "Berg, Berg & Co")
        #expect(try Fixture.contact("Laura Bianchi", in: "linkedin.csv").title == "Director, Sales")
    }

    /// A stray quote makes a CSV reader run on to the next quote; the table notices and
    /// starts again on the next line, so one bad row costs one row.
    @Test func brokenRowsCostOneRowEach() throws {
        let parsed = try Fixture.parse("broken.csv")
        #expect(parsed.skipped.map(\.description) == [
            "line 3: a closing quote is followed by \"quote\" Row\", not a comma or the end of the line (a quote inside a quoted field is written twice)",
            "line 5: row has 5 fields where the header has 4",
            "line 6: row has no name, organisation or email address",
        ])
        #expect(parsed.contacts.map(\.line) == [2, 4, 7, 9])
        #expect(try Fixture.contact("Eve Hart", in: "broken.csv").notes.map(\.text) == ["multi\nline note, with a comma"])
    }

    /// RFC 4180: quoted fields hold commas, doubled quotes and CRLF line breaks.
    @Test func rfc4180Quoting() throws {
        let text = "First Name,Last Name,Notes\r\n\"Lee, Ann\",\"O\"\"Neil\",\"one\r\ntwo, \"\"three\"\"\"\r\nBo,Ek,\r\n"
        let table = try #require(CSVTable(text: text))
        #expect(table.rows.map(\.fields) == [["Lee, Ann", "O\"Neil", "one\r\ntwo, \"three\""], ["Bo", "Ek", ""]])
        #expect(table.rows.map(\.line) == [2, 4])
        #expect(table.problems.isEmpty)
    }
}
