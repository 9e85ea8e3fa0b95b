import Testing
@testable import KithCapture

/// Numbers as phones, vCards, WhatsApp and SMS backups write them.
@Suite struct PhoneNumberTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let region: String?
        let typed: String
        let expected: String?
        var testDescription: String { "\(region ?? "no region"): \(typed)" }
        init(_ region: String?, _ typed: String, _ expected: String?) {
            (self.region, self.typed, self.expected) = (region, typed, expected)
        }
    }

    static let cases: [Case] = [
        // The NANP: the trunk 1 optional, 011 to dial out; 00 from abroad.
        Case("US", "+1 (555) 010-1234", "+15550101234"),
        Case("US", "555-010-1234", "+15550101234"),
        Case("US", "(555) 010-1234", "+15550101234"),
        Case("US", "1-555-010-1234", "+15550101234"),
        Case("US", "1 (555) 010 1234", "+15550101234"),
        Case("US", "555.010.1234", "+15550101234"),
        Case("US", "0015550101234", "+15550101234"),
        Case("US", "011 44 20 7946 0018", "+442079460018"),
        Case("US", "+44 (0)20 7946 0018", "+442079460018"),
        Case("US", "+1 555 010 1234 x123", "+15550101234"),
        Case("US", "555-010-1234 ext. 12", "+15550101234"),
        Case("US", "(555) 010-1234 (mobile)", "+15550101234"),
        Case("US", "tel:+1-555-010-1234", "+15550101234"),
        Case("US", "\u{202A}+1 (555) 010-1234\u{202C}", "+15550101234"),  // as iOS WhatsApp exports write it
        Case("US", "+1\u{A0}555\u{A0}010\u{A0}1234", "+15550101234"),
        Case("US", "010-1234", "0101234"),  // a local number: no area code, stays as typed
        Case("US", "72345", "72345"),  // a short code
        Case("US", "AMAZON", nil),  // an SMS sender id
        Case("US", "1-800-FLOWERS", "1800"),
        // The UK: the trunk 0 always written.
        Case("GB", "020 7946 0018", "+442079460018"),
        Case("GB", "07700 900123", "+447700900123"),
        Case("GB", "+44 7700 900123", "+447700900123"),
        Case("GB", "+44 (0) 7700 900123", "+447700900123"),
        Case("GB", "0044 7700 900123", "+447700900123"),
        Case("GB", "7946 0018", "79460018"),
        // Germany, France: trunk 0.
        Case("DE", "030 1234567", "+49301234567"),
        Case("DE", "+49 (0)30 1234567", "+49301234567"),
        Case("DE", "0151 23456789", "+4915123456789"),
        Case("DE", "030/1234567", "+49301234567"),
        Case("FR", "01 23 45 67 89", "+33123456789"),
        Case("FR", "06.12.34.56.78", "+33612345678"),
        Case("FR", "+33 (0)6 12 34 56 78", "+33612345678"),
        // Italy keeps its 0 in every form.
        Case("IT", "06 1234 5678", "+390612345678"),
        Case("IT", "+39 06 1234 5678", "+390612345678"),
        Case("IT", "333 123 4567", "+393331234567"),
        // Australia (0011 to dial out), Russia (trunk 8), Japan (010).
        Case("AU", "0412 345 678", "+61412345678"),
        Case("AU", "(02) 9876 5432", "+61298765432"),
        Case("AU", "0011 1 555 010 1234", "+15550101234"),
        Case("RU", "8 (912) 345-67-89", "+79123456789"),
        Case("RU", "+7 912 345-67-89", "+79123456789"),
        Case("JP", "090-1234-5678", "+819012345678"),
        Case("JP", "010 1 555 010 1234", "+15550101234"),
        // No region: only numbers written internationally.
        Case(nil, "+1 (555) 010-1234", "+15550101234"),
        Case(nil, "555-010-1234", "5550101234"),
        Case(nil, "0044 20 7946 0018", "+442079460018"),
        Case(nil, "+380 44 123 4567", "+380441234567"),  // a calling code the table lacks
        Case(nil, "+12", "+12"),
        Case(nil, "", nil),
        Case(nil, "   ", nil),
        Case(nil, "٠١٢٣٤٥٦٧٨٩", "0123456789"),
        Case(nil, "+1 555 010 1234 5678 9012", "+1555010123456789012"),  // too long for E.164: as typed
    ]

    @Test(arguments: cases)
    func normalises(_ c: Case) throws {
        let region = try c.region.map { try #require(PhoneRegion(code: $0)) }
        #expect(PhoneNumber.normalize(c.typed, region: region) == c.expected)
    }

    /// The issue's own example: three ways of writing one number meet.
    @Test func theyMeet() {
        let us = PhoneRegion(code: "us")
        let forms = ["+1 (555) 010-1234", "555-010-1234", "0015550101234"].map { PhoneNumber.normalize($0, region: us) }
        #expect(Set(forms) == ["+15550101234"])
    }

    @Test func theRegionTableIsConsistent() {
        #expect(Set(PhoneRegion.all.map(\.code)).count == PhoneRegion.all.count)
        for region in PhoneRegion.all {
            #expect(region.code.count == 2 && region.code == region.code.uppercased())
            #expect(!region.callingCode.isEmpty && region.callingCode.allSatisfy(\.isNumber))
            #expect(region.internationalPrefix.allSatisfy { $0.isNumber })
            #expect(region.callingCode.count + region.nationalLengths.upperBound <= 15, "\(region.code)")
        }
        // Calling codes are prefix-free, which `international` relies on.
        let codes = Set(PhoneRegion.all.map(\.callingCode))
        for a in codes { for b in codes where a != b { #expect(!b.hasPrefix(a), "\(a) and \(b)") } }
        #expect(PhoneRegion(code: "XX") == nil)
        let custom = PhoneRegion(code: "UA", callingCode: "380", trunkPrefix: "0", nationalLengths: 9...9)
        #expect(PhoneNumber.normalize("044 123 4567", region: custom) == "+380441234567")
    }
}
