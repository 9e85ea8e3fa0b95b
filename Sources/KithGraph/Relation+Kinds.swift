/// The vocabulary of relations: which kinds are one family ("mother" is a parent) and which
/// kind each implies the other way round (Diane is Bob's wife ⇒ Bob is Diane's spouse).
extension Relation {
    /// "Carol was introduced to me by Diane" is `Relation(person: Carol, kind: introducedBy, other: Diane)`.
    public static let introducedBy = "introduced-by"
    /// "Bob referred Carol (to me)" is `Relation(person: Carol, kind: referredBy, other: Bob)`.
    public static let referredBy = "referred-by"

    /// The family a kind belongs to, so "Bob's parents" finds his mother and his father.
    public static func family(_ kind: String) -> String {
        switch kind {
        case "wife", "husband", "spouse": return "spouse"
        case "girlfriend", "boyfriend", "partner": return "partner"
        case "mother", "father", "mom", "mum", "dad", "parent": return "parent"
        case "son", "daughter", "child": return "child"
        case "brother", "sister", "sibling": return "sibling"
        case "boss", "manager": return "manager"
        default: return kind
        }
    }

    /// What `other` is to `person` when `person` is `other`'s `kind`.
    public static func inverse(_ kind: String) -> String {
        switch family(kind) {
        case "parent": return "child"
        case "child": return "parent"
        case "manager": return "report"
        case "report": return "manager"
        case "mentor": return "mentee"
        case "mentee": return "mentor"
        case let family: return family  // spouse, partner, sibling, friend, colleague are symmetric
        }
    }

    /// What `other` is to `viewpoint` in this relation, or nil if `viewpoint` is not in it.
    /// Introductions and referrals are not roles; see `introducedBy` and `referredBy`.
    public func role(of other: RecordID, to viewpoint: RecordID) -> String? {
        guard kind != Relation.introducedBy, kind != Relation.referredBy else { return nil }
        if person == other && self.other == viewpoint { return kind }
        if self.other == other && person == viewpoint { return Relation.inverse(kind) }
        return nil
    }
}
