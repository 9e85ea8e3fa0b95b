/// Reads how often someone wants to be in touch ("every 2 weeks", "monthly", "twice a month")
/// as a number of days.
public enum CadenceParser {
    /// Every reading of a prefix of `words` as a cadence: (words used, days), longest first.
    public static func parse(_ words: ArraySlice<String>) -> [(length: Int, days: Int)] {
        var i = words.startIndex
        func word(_ offset: Int) -> String? { i + offset < words.endIndex ? words[i + offset] : nil }
        // Hedges people put in front: "at least monthly", "about every 3 weeks".
        var skipped = 0
        while let w = word(0), ["at", "least", "about", "roughly", "around", "approximately"].contains(w) {
            i += 1
            skipped += 1
        }
        var found: [(Int, Int)] = []
        func add(_ length: Int, _ days: Int) { if days > 0 { found.append((skipped + length, days)) } }

        if let w = word(0), let days = single[w] { add(1, days) }
        // "14 days" where the sentence already said how often ("set Bob's cadence to 14 days").
        if let n = word(0).flatMap(TimeExpressionParser.number), !["a", "an"].contains(word(0)!),
           let unit = word(1).flatMap(unitDays) {
            add(2, n * unit)
        }
        if word(0) == "every" || word(0) == "each" {
            // "every couple of months", "every few weeks"
            var at = 1
            if word(at) == "a" { at += 1 }
            if let multiple = ["couple": 2, "few": 3][word(at) ?? ""] {
                var unitAt = at + 1
                if word(unitAt) == "of" { unitAt += 1 }
                if let unit = word(unitAt).flatMap(unitDays) { add(unitAt + 1, multiple * unit) }
            }
            if let unit = word(1).flatMap(unitDays) { add(2, unit) }
            if word(1) == "other", let unit = word(2).flatMap(unitDays) { add(3, 2 * unit) }
            if let n = word(1).flatMap(TimeExpressionParser.number), !["a", "an"].contains(word(1)!),
               let unit = word(2).flatMap(unitDays) {
                add(3, n * unit)
            }
            if word(1) == "fortnight" { add(2, 14) }
        }
        // "once a month", "twice a week", "3 times a month", "once every 2 weeks"
        var times: Int?
        var at = 0
        if word(0) == "once" { times = 1; at = 1 } else if word(0) == "twice" { times = 2; at = 1 }
        else if let n = word(0).flatMap(TimeExpressionParser.number), word(1) == "times" { times = n; at = 2 }
        if let times, times > 0 {
            if ["a", "an", "per", "each", "every"].contains(word(at) ?? ""), let unit = word(at + 1).flatMap(unitDays) {
                add(at + 2, max(1, unit / times))
            }
            if word(at) == "every", let n = word(at + 1).flatMap(TimeExpressionParser.number),
               let unit = word(at + 2).flatMap(unitDays) {
                add(at + 3, max(1, n * unit / times))
            }
        }
        return found.sorted { $0.0 > $1.0 }.map { (length: $0.0, days: $0.1) }
    }

    static let single: [String: Int] = [
        "daily": 1, "weekly": 7, "biweekly": 14, "fortnightly": 14, "monthly": 30, "bimonthly": 60,
        "quarterly": 90, "yearly": 365, "annually": 365,
    ]

    static func unitDays(_ word: String) -> Int? {
        switch word {
        case "day", "days": return 1
        case "week", "weeks": return 7
        case "fortnight", "fortnights": return 14
        case "month", "months": return 30
        case "quarter", "quarters": return 90
        case "year", "years": return 365
        default: return nil
        }
    }

    /// "every 14 days" → "every 2 weeks"; the words a person would use for a cadence.
    public static func spoken(_ days: Int) -> String {
        switch days {
        case 1: return "every day"
        case 7: return "every week"
        case 30: return "every month"
        case 90: return "every 3 months"
        case 365: return "every year"
        case _ where days % 30 == 0: return "every \(days / 30) months"
        case _ where days % 7 == 0: return "every \(days / 7) weeks"
        default: return "every \(days) days"
        }
    }
}
