/// Email addresses and phone numbers compared as the same address however they are written:
/// an email address ignoring case, a phone number by its digits. People and the owner keep
/// several of each (`Person.emails`, `Owner.phones`, …); imports match people by them.
public enum Addresses {
    /// The form two spellings of one email address share.
    public static func emailKey(_ email: String) -> String { email.lowercased() }

    /// The form two spellings of one phone number share: its digits.
    public static func phoneKey(_ phone: String) -> String { String(phone.unicodeScalars.filter { ("0"..."9").contains($0) }) }

    /// `list` with `first` at its front, and without any other spelling of it.
    public static func putting(_ first: String, before list: [String], key: (String) -> String) -> [String] {
        [first] + list.filter { key($0) != key(first) }
    }

    /// `list` followed by those of `more` it has no spelling of yet.
    public static func merging(_ list: [String], _ more: [String], key: (String) -> String) -> [String] {
        var keys = Set(list.map(key))
        var merged = list
        for item in more where keys.insert(key(item)).inserted { merged.append(item) }
        return merged
    }
}

extension Owner {
    /// Whether the address is one of the user's own: an email address (any case) or a phone
    /// number (its digits).
    public func owns(email: String) -> Bool { emails.contains { Addresses.emailKey($0) == Addresses.emailKey(email) } }

    public func owns(phone: String) -> Bool {
        let key = Addresses.phoneKey(phone)
        return !key.isEmpty && phones.contains { Addresses.phoneKey($0) == key }
    }
}
