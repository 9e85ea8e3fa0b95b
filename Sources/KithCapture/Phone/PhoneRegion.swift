/// What it takes to read a phone number written the way one country writes them: its calling
/// code, its trunk prefix (the `0` in `020 7946 0018`), the prefix that dials abroad, and how many
/// digits its numbers have after the trunk prefix.
///
/// The table is small and deliberate (`all`); a region it lacks can be made with `init`. Lengths
/// follow the ITU numbering plans as libphonenumber's metadata records them, widened where a
/// country's lengths vary by area.
public struct PhoneRegion: Hashable, Sendable {
    /// ISO 3166 alpha-2: `US`, `GB`.
    public var code: String
    /// Digits, without `+`: `1`, `44`.
    public var callingCode: String
    /// Dialled before a national number inside the country (`0`, `1` in the NANP, `8` in Russia);
    /// nil where there is none (Italy keeps its leading 0 in every form).
    public var trunkPrefix: String?
    /// Whether national numbers are commonly written without the trunk prefix: true in the NANP
    /// (`555-010-1234`), false where a number is always written with it (`020 …` in the UK), so a
    /// bare local number there is not mistaken for a national one.
    public var trunkOptional: Bool
    /// Dialled before a country code from inside the country (`011` in the NANP, `00` in most).
    public var internationalPrefix: String
    /// How many digits a national number has after the trunk prefix.
    public var nationalLengths: ClosedRange<Int>

    public init(code: String, callingCode: String, trunkPrefix: String?, trunkOptional: Bool = false,
                internationalPrefix: String = "00", nationalLengths: ClosedRange<Int>) {
        self.code = code
        self.callingCode = callingCode
        self.trunkPrefix = trunkPrefix
        self.trunkOptional = trunkOptional
        self.internationalPrefix = internationalPrefix
        self.nationalLengths = nationalLengths
    }

    /// The region with ISO code `code` (any case) from `all`; nil when the table lacks it.
    public init?(code: String) {
        guard let region = PhoneRegion.all.first(where: { $0.code == code.uppercased() }) else { return nil }
        self = region
    }

    public static let all: [PhoneRegion] = [
        PhoneRegion(code: "US", callingCode: "1", trunkPrefix: "1", trunkOptional: true, internationalPrefix: "011", nationalLengths: 10...10),
        PhoneRegion(code: "CA", callingCode: "1", trunkPrefix: "1", trunkOptional: true, internationalPrefix: "011", nationalLengths: 10...10),
        PhoneRegion(code: "GB", callingCode: "44", trunkPrefix: "0", nationalLengths: 7...10),
        PhoneRegion(code: "IE", callingCode: "353", trunkPrefix: "0", nationalLengths: 7...10),
        PhoneRegion(code: "DE", callingCode: "49", trunkPrefix: "0", nationalLengths: 5...13),
        PhoneRegion(code: "AT", callingCode: "43", trunkPrefix: "0", nationalLengths: 6...13),
        PhoneRegion(code: "CH", callingCode: "41", trunkPrefix: "0", nationalLengths: 9...9),
        PhoneRegion(code: "FR", callingCode: "33", trunkPrefix: "0", nationalLengths: 9...9),
        PhoneRegion(code: "BE", callingCode: "32", trunkPrefix: "0", nationalLengths: 8...9),
        PhoneRegion(code: "NL", callingCode: "31", trunkPrefix: "0", nationalLengths: 9...9),
        PhoneRegion(code: "IT", callingCode: "39", trunkPrefix: nil, nationalLengths: 6...11),
        PhoneRegion(code: "ES", callingCode: "34", trunkPrefix: nil, nationalLengths: 9...9),
        PhoneRegion(code: "PT", callingCode: "351", trunkPrefix: nil, nationalLengths: 9...9),
        PhoneRegion(code: "SE", callingCode: "46", trunkPrefix: "0", nationalLengths: 6...10),
        PhoneRegion(code: "NO", callingCode: "47", trunkPrefix: nil, nationalLengths: 8...8),
        PhoneRegion(code: "DK", callingCode: "45", trunkPrefix: nil, nationalLengths: 8...8),
        PhoneRegion(code: "FI", callingCode: "358", trunkPrefix: "0", nationalLengths: 5...12),
        PhoneRegion(code: "PL", callingCode: "48", trunkPrefix: nil, nationalLengths: 9...9),
        PhoneRegion(code: "CZ", callingCode: "420", trunkPrefix: nil, nationalLengths: 9...9),
        PhoneRegion(code: "GR", callingCode: "30", trunkPrefix: nil, nationalLengths: 10...10),
        PhoneRegion(code: "TR", callingCode: "90", trunkPrefix: "0", nationalLengths: 10...10),
        PhoneRegion(code: "RU", callingCode: "7", trunkPrefix: "8", internationalPrefix: "810", nationalLengths: 10...10),
        PhoneRegion(code: "IL", callingCode: "972", trunkPrefix: "0", nationalLengths: 8...9),
        PhoneRegion(code: "AE", callingCode: "971", trunkPrefix: "0", nationalLengths: 8...9),
        PhoneRegion(code: "IN", callingCode: "91", trunkPrefix: "0", nationalLengths: 10...10),
        PhoneRegion(code: "CN", callingCode: "86", trunkPrefix: "0", nationalLengths: 10...11),
        PhoneRegion(code: "HK", callingCode: "852", trunkPrefix: nil, internationalPrefix: "001", nationalLengths: 8...8),
        PhoneRegion(code: "SG", callingCode: "65", trunkPrefix: nil, internationalPrefix: "000", nationalLengths: 8...8),
        PhoneRegion(code: "JP", callingCode: "81", trunkPrefix: "0", internationalPrefix: "010", nationalLengths: 9...10),
        PhoneRegion(code: "KR", callingCode: "82", trunkPrefix: "0", internationalPrefix: "001", nationalLengths: 8...10),
        PhoneRegion(code: "AU", callingCode: "61", trunkPrefix: "0", internationalPrefix: "0011", nationalLengths: 9...9),
        PhoneRegion(code: "NZ", callingCode: "64", trunkPrefix: "0", nationalLengths: 8...10),
        PhoneRegion(code: "ZA", callingCode: "27", trunkPrefix: "0", nationalLengths: 9...9),
        PhoneRegion(code: "NG", callingCode: "234", trunkPrefix: "0", internationalPrefix: "009", nationalLengths: 8...10),
        PhoneRegion(code: "BR", callingCode: "55", trunkPrefix: "0", nationalLengths: 10...11),
        PhoneRegion(code: "MX", callingCode: "52", trunkPrefix: nil, nationalLengths: 10...10),
    ]

    /// The trunk prefix of the country with `callingCode`, from `all` (the first region with that
    /// code: the NANP's regions agree).
    static func trunkPrefix(callingCode: some StringProtocol) -> String?? {
        guard let region = all.first(where: { $0.callingCode == callingCode }) else { return .none }
        return .some(region.trunkPrefix)
    }
}
