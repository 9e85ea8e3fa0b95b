/// Phone numbers as Kith compares them, so a WhatsApp or SMS number finds the person whose vCard
/// wrote it another way: `+1 (555) 010-1234`, `555-010-1234` (in the US), `1-555-010-1234`,
/// `011 1 555 010 1234` and `0015550101234` are all `+15550101234`.
public enum PhoneNumber {
    /// The E.164 form of `text` (`+` and up to 15 digits) where a country can be inferred, else the
    /// digits as typed (with the `+` if it had one); nil when it has no digits at all (an SMS sender
    /// such as `AMAZON`).
    ///
    /// Read in this order:
    /// 1. Separators go (spaces, dashes, dots, slashes, parentheses, invisible direction marks);
    ///    a `tel:` before it goes; anything from a letter or `;`, `,`, `#` after the first seven
    ///    digits on is an extension or a note and goes too (`x123`, `ext. 4`, ` (mobile)`).
    /// 2. A number with `+`, or dialled abroad from `region` (its international prefix, or `00`,
    ///    which most of the world uses), is the calling code and the national number; a trunk `0`
    ///    right after the calling code is dropped (`+44 (0)20 7946 0018`).
    /// 3. Otherwise, with a `region`: its trunk prefix and a national number of the right length;
    ///    or, where numbers are written without the trunk prefix (the NANP) or there is none, a
    ///    national number of the right length.
    /// 4. Anything else stays as typed digits: a local number without its area code, a short code.
    public static func normalize(_ text: String, region: PhoneRegion? = nil) -> String? {
        guard let typed = digits(of: text) else { return nil }
        var digits = typed.digits
        if !typed.plus, let region {
            if digits.hasPrefix(region.internationalPrefix) {
                digits.removeFirst(region.internationalPrefix.count)
                return international(digits) ?? typedForm(typed)
            }
            if digits.hasPrefix("00") {
                digits.removeFirst(2)
                return international(digits) ?? typedForm(typed)
            }
            if let trunk = region.trunkPrefix, digits.hasPrefix(trunk),
               region.nationalLengths.contains(digits.count - trunk.count) {
                return e164(region.callingCode + digits.dropFirst(trunk.count)) ?? typedForm(typed)
            }
            if region.trunkPrefix == nil || region.trunkOptional, region.nationalLengths.contains(digits.count),
               !(region.trunkPrefix.map { digits.hasPrefix($0) } ?? false) {
                return e164(region.callingCode + digits) ?? typedForm(typed)
            }
            return typedForm(typed)
        }
        if typed.plus { return international(digits) ?? typedForm(typed) }
        if digits.hasPrefix("00") { return international(String(digits.dropFirst(2))) ?? typedForm(typed) }
        return typedForm(typed)
    }

    /// `+` and the digits of a number dialled abroad (`digits` starts with the calling code), the
    /// country's trunk 0 after the calling code dropped; nil when it is too short or long.
    private static func international(_ digits: String) -> String? {
        for length in 1...3 where digits.count > length {
            let code = digits.prefix(length)
            guard case .some(let trunk) = PhoneRegion.trunkPrefix(callingCode: code) else { continue }
            var national = digits.dropFirst(length)
            if let trunk, trunk == "0", national.hasPrefix("0") { national = national.dropFirst() }
            return e164(code + national)
        }
        return e164(digits)
    }

    /// `+digits` when it has 8 to 15 digits (ITU E.164's longest; the shortest real ones).
    private static func e164(_ digits: some StringProtocol) -> String? {
        (8...15).contains(digits.count) ? "+" + digits : nil
    }

    private static func typedForm(_ typed: (plus: Bool, digits: String)) -> String {
        (typed.plus ? "+" : "") + typed.digits
    }

    /// The digits of `text` and whether a `+` came before them (step 1); nil without digits.
    static func digits(of text: String) -> (plus: Bool, digits: String)? {
        var scalars = Substring(text).trimmingWhitespace.unicodeScalars[...]
        if scalars.count > 4, String(String.UnicodeScalarView(scalars.prefix(4))).lowercased() == "tel:" {
            scalars = scalars.dropFirst(4)
        }
        var plus = false
        var digits = ""
        for scalar in scalars {
            switch scalar {
            case "0"..."9":
                digits.unicodeScalars.append(scalar)
            case "+" where digits.isEmpty:
                plus = true
            case "٠"..."٩":  // Arabic-Indic digits, as some phones write them
                digits.unicodeScalars.append(Unicode.Scalar(scalar.value - 0x0660 + 0x30)!)
            case " ", "-", ".", "/", "(", ")", "\u{A0}", "\u{2010}"..."\u{2015}", "\u{200E}", "\u{200F}",
                 "\u{202A}"..."\u{202E}", "\u{2066}"..."\u{2069}", "\u{202F}", "\u{2007}", "\u{FEFF}", "\t":
                continue
            default:
                // An extension, a pause or a note: the number has ended. Before seven digits it is
                // not a number Kith can read, and stays as typed.
                if digits.count >= 7 { return (plus, digits) }
                return digits.isEmpty ? nil : (plus, digits)
            }
        }
        return digits.isEmpty ? nil : (plus, digits)
    }
}
