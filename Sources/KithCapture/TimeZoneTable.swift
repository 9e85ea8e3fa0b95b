/// Offsets of common time zones, for a TZID a file uses without defining it in a VTIMEZONE.
///
/// Only today's rules are known — no history, no zone whose summer time follows a calendar
/// other than Europe's, North America's, Australia's or New Zealand's — which is enough, since
/// a time zone only decides which day a meeting falls on. The reader says in a warning when it
/// falls back on this table.
enum TimeZoneTable {
    enum SummerTime {
        /// None.
        case none
        /// The EU's: last Sunday of March to last Sunday of October, at 01:00 UTC.
        case europe
        /// The US's and Canada's since 2007: second Sunday of March to first Sunday of November, 02:00 local.
        case northAmerica
        /// South-eastern Australia's since 2008: first Sunday of October to first Sunday of April.
        case australia
        /// New Zealand's since 2007: last Sunday of September to first Sunday of April.
        case newZealand
    }

    /// Names sharing an offset (minutes east of UTC) and a summer-time rule. IANA names, their
    /// older aliases, and the Windows names Outlook and Exchange write.
    static let groups: [(names: String, minutes: Int, summer: SummerTime)] = [
        ("UTC Etc/UTC Etc/UCT UCT GMT Etc/GMT Etc/Greenwich Greenwich Universal Etc/Universal Zulu Etc/Zulu Z", 0, .none),
        ("Atlantic/Reykjavik Africa/Abidjan Africa/Accra Africa/Dakar Iceland", 0, .none),
        ("Greenwich Standard Time|UTC|Coordinated Universal Time", 0, .none),
        ("Europe/London Europe/Dublin Europe/Lisbon Europe/Guernsey Europe/Isle_of_Man Europe/Jersey Europe/Belfast "
            + "Atlantic/Canary Atlantic/Madeira Atlantic/Faroe Atlantic/Faeroe GB Eire Portugal WET", 0, .europe),
        ("GMT Standard Time", 0, .europe),
        ("Atlantic/Azores", -60, .europe),
        ("Azores Standard Time", -60, .europe),
        ("Atlantic/Cape_Verde", -60, .none),
        ("Europe/Berlin Europe/Paris Europe/Amsterdam Europe/Brussels Europe/Madrid Europe/Rome Europe/Vienna "
            + "Europe/Zurich Europe/Stockholm Europe/Oslo Europe/Copenhagen Europe/Warsaw Europe/Prague Europe/Budapest "
            + "Europe/Belgrade Europe/Bratislava Europe/Ljubljana Europe/Zagreb Europe/Luxembourg Europe/Monaco "
            + "Europe/Malta Europe/Andorra Europe/Sarajevo Europe/Skopje Europe/Tirane Europe/Vaduz Europe/San_Marino "
            + "Europe/Vatican Europe/Gibraltar Europe/Podgorica Europe/Busingen Africa/Ceuta Arctic/Longyearbyen "
            + "CET MET Poland", 60, .europe),
        ("W. Europe Standard Time|Central Europe Standard Time|Central European Standard Time|Romance Standard Time", 60, .europe),
        ("Africa/Lagos Africa/Algiers Africa/Tunis Africa/Kinshasa Africa/Luanda Africa/Douala", 60, .none),
        ("W. Central Africa Standard Time", 60, .none),
        ("Europe/Athens Europe/Helsinki Europe/Kiev Europe/Kyiv Europe/Bucharest Europe/Sofia Europe/Riga "
            + "Europe/Tallinn Europe/Vilnius Europe/Mariehamn Europe/Nicosia Asia/Nicosia Asia/Famagusta EET",
         120, .europe),
        ("GTB Standard Time|FLE Standard Time", 120, .europe),
        ("Africa/Johannesburg Africa/Maputo Africa/Harare Africa/Kigali Africa/Lusaka Africa/Tripoli Africa/Khartoum "
            + "Europe/Kaliningrad", 120, .none),
        ("South Africa Standard Time|Kaliningrad Standard Time", 120, .none),
        ("Europe/Moscow Europe/Istanbul Asia/Istanbul Europe/Minsk Europe/Simferopol Europe/Volgograd Asia/Riyadh "
            + "Asia/Baghdad Asia/Qatar Asia/Kuwait Asia/Bahrain Asia/Aden Africa/Nairobi Africa/Addis_Ababa "
            + "Africa/Dar_es_Salaam Africa/Kampala Turkey W-SU", 180, .none),
        ("Russian Standard Time|Turkey Standard Time|Belarus Standard Time|Arab Standard Time|Arabic Standard Time|"
            + "E. Africa Standard Time", 180, .none),
        ("Asia/Tehran Iran", 210, .none),
        ("Iran Standard Time", 210, .none),
        ("Asia/Dubai Asia/Muscat Asia/Baku Asia/Tbilisi Asia/Yerevan Europe/Samara Indian/Mauritius Indian/Reunion", 240, .none),
        ("Arabian Standard Time|Azerbaijan Standard Time|Georgian Standard Time|Caucasus Standard Time|"
            + "Mauritius Standard Time", 240, .none),
        ("Asia/Kabul", 270, .none),
        ("Afghanistan Standard Time", 270, .none),
        ("Asia/Karachi Asia/Almaty Asia/Tashkent Asia/Samarkand Asia/Yekaterinburg Indian/Maldives", 300, .none),
        ("Pakistan Standard Time|West Asia Standard Time|Ekaterinburg Standard Time", 300, .none),
        ("Asia/Kolkata Asia/Calcutta Asia/Colombo", 330, .none),
        ("India Standard Time|Sri Lanka Standard Time", 330, .none),
        ("Asia/Kathmandu Asia/Katmandu", 345, .none),
        ("Nepal Standard Time", 345, .none),
        ("Asia/Dhaka Asia/Bishkek Asia/Omsk Asia/Thimphu", 360, .none),
        ("Bangladesh Standard Time|Central Asia Standard Time|Omsk Standard Time", 360, .none),
        ("Asia/Yangon Asia/Rangoon", 390, .none),
        ("Myanmar Standard Time", 390, .none),
        ("Asia/Bangkok Asia/Jakarta Asia/Ho_Chi_Minh Asia/Saigon Asia/Novosibirsk Asia/Krasnoyarsk Asia/Phnom_Penh "
            + "Asia/Vientiane", 420, .none),
        ("SE Asia Standard Time|N. Central Asia Standard Time|North Asia Standard Time", 420, .none),
        ("Asia/Shanghai Asia/Chongqing Asia/Harbin Asia/Hong_Kong Asia/Macau Asia/Singapore Asia/Taipei Asia/Manila "
            + "Asia/Kuala_Lumpur Asia/Makassar Asia/Irkutsk Asia/Ulaanbaatar Asia/Brunei Australia/Perth Australia/West "
            + "PRC ROC Hongkong Singapore", 480, .none),
        ("China Standard Time|Singapore Standard Time|Malay Peninsula Standard Time|Taipei Standard Time|"
            + "W. Australia Standard Time|North Asia East Standard Time|Ulaanbaatar Standard Time", 480, .none),
        ("Asia/Tokyo Asia/Seoul Asia/Pyongyang Asia/Jayapura Asia/Yakutsk Pacific/Palau Japan ROK", 540, .none),
        ("Tokyo Standard Time|Korea Standard Time|Yakutsk Standard Time", 540, .none),
        ("Australia/Darwin Australia/North", 570, .none),
        ("AUS Central Standard Time", 570, .none),
        ("Australia/Adelaide Australia/Broken_Hill Australia/South", 570, .australia),
        ("Cen. Australia Standard Time", 570, .australia),
        ("Australia/Brisbane Australia/Lindeman Australia/Queensland Pacific/Guam Pacific/Port_Moresby Asia/Vladivostok",
         600, .none),
        ("E. Australia Standard Time|West Pacific Standard Time|Vladivostok Standard Time", 600, .none),
        ("Australia/Sydney Australia/Melbourne Australia/Hobart Australia/Canberra Australia/ACT Australia/NSW "
            + "Australia/Victoria Australia/Tasmania", 600, .australia),
        ("AUS Eastern Standard Time|Tasmania Standard Time", 600, .australia),
        ("Pacific/Noumea Pacific/Guadalcanal Asia/Magadan Asia/Sakhalin", 660, .none),
        ("Central Pacific Standard Time|Magadan Standard Time", 660, .none),
        ("Pacific/Auckland Antarctica/McMurdo NZ", 720, .newZealand),
        ("New Zealand Standard Time", 720, .newZealand),
        ("Pacific/Fiji Asia/Kamchatka Pacific/Majuro Pacific/Tarawa", 720, .none),
        ("Fiji Standard Time", 720, .none),
        ("Pacific/Tongatapu Pacific/Apia", 780, .none),
        ("Tonga Standard Time|Samoa Standard Time", 780, .none),
        ("America/Noronha Atlantic/South_Georgia", -120, .none),
        ("America/Sao_Paulo America/Argentina/Buenos_Aires America/Buenos_Aires America/Montevideo America/Cayenne "
            + "America/Paramaribo America/Fortaleza America/Recife America/Belem America/Bahia America/Maceio "
            + "America/Argentina/Cordoba America/Cordoba Brazil/East", -180, .none),
        ("E. South America Standard Time|Argentina Standard Time|Montevideo Standard Time|SA Eastern Standard Time",
         -180, .none),
        ("America/St_Johns Canada/Newfoundland", -210, .northAmerica),
        ("Newfoundland Standard Time", -210, .northAmerica),
        ("America/Halifax America/Glace_Bay America/Moncton America/Goose_Bay America/Thule Atlantic/Bermuda "
            + "Canada/Atlantic", -240, .northAmerica),
        ("Atlantic Standard Time", -240, .northAmerica),
        ("America/Caracas America/La_Paz America/Manaus America/Santo_Domingo America/Puerto_Rico America/Barbados "
            + "America/Port_of_Spain America/Martinique America/Guyana America/Guadeloupe America/Curacao "
            + "America/Aruba Brazil/West", -240, .none),
        ("Venezuela Standard Time|SA Western Standard Time|Central Brazilian Standard Time", -240, .none),
        ("America/New_York America/Toronto America/Detroit America/Montreal America/Nassau America/Iqaluit "
            + "America/Indiana/Indianapolis America/Indianapolis America/Kentucky/Louisville America/Louisville "
            + "US/Eastern US/Michigan Canada/Eastern EST5EDT", -300, .northAmerica),
        ("Eastern Standard Time|US Eastern Standard Time", -300, .northAmerica),
        ("America/Bogota America/Lima America/Panama America/Cancun America/Jamaica America/Guayaquil America/Cayman "
            + "EST Jamaica", -300, .none),
        ("SA Pacific Standard Time|Eastern Standard Time (Mexico)", -300, .none),
        ("America/Chicago America/Winnipeg America/Matamoros America/Menominee America/Indiana/Knox "
            + "America/North_Dakota/Center US/Central Canada/Central CST6CDT", -360, .northAmerica),
        ("Central Standard Time", -360, .northAmerica),
        ("America/Mexico_City America/Guatemala America/Costa_Rica America/El_Salvador America/Tegucigalpa "
            + "America/Managua America/Regina America/Monterrey America/Merida America/Belize Canada/Saskatchewan",
         -360, .none),
        ("Central Standard Time (Mexico)|Central America Standard Time|Canada Central Standard Time", -360, .none),
        ("America/Denver America/Edmonton America/Boise America/Ciudad_Juarez America/Yellowknife US/Mountain "
            + "Canada/Mountain MST7MDT Navajo", -420, .northAmerica),
        ("Mountain Standard Time", -420, .northAmerica),
        ("America/Phoenix America/Hermosillo America/Mazatlan America/Whitehorse America/Dawson_Creek "
            + "America/Creston US/Arizona MST", -420, .none),
        ("US Mountain Standard Time|Mountain Standard Time (Mexico)|Yukon Standard Time", -420, .none),
        ("America/Los_Angeles America/Vancouver America/Tijuana US/Pacific Canada/Pacific PST8PDT", -480, .northAmerica),
        ("Pacific Standard Time|Pacific Standard Time (Mexico)", -480, .northAmerica),
        ("America/Anchorage America/Juneau America/Nome America/Sitka America/Yakutat US/Alaska", -540, .northAmerica),
        ("Alaskan Standard Time", -540, .northAmerica),
        ("Pacific/Honolulu Pacific/Tahiti Pacific/Johnston US/Hawaii HST", -600, .none),
        ("Hawaiian Standard Time", -600, .none),
        ("America/Adak US/Aleutian", -600, .northAmerica),
        ("Aleutian Standard Time", -600, .northAmerica),
        ("Pacific/Pago_Pago Pacific/Niue Pacific/Midway US/Samoa", -660, .none),
        ("UTC-11", -660, .none),
        ("Dateline Standard Time", -720, .none),
    ]

    /// Lowercased name → offset and rule. Windows names are separated by `|` (they have spaces).
    private static let byName: [String: (minutes: Int, summer: SummerTime)] = {
        var table: [String: (minutes: Int, summer: SummerTime)] = [:]
        for group in groups {
            let names = group.names.contains("|") || group.names.hasSuffix("Time")
                ? group.names.split(separator: "|") : group.names.split(separator: " ")
            for name in names { table[name.lowercased()] = (group.minutes, group.summer) }
        }
        return table
    }()

    /// The zone a TZID names, or nil when Kith does not know it.
    ///
    /// Besides the names in `groups` (in any case), it reads the forms writers wrap them in:
    /// quotes, a leading slash (`/Europe/Stockholm`), Mozilla's old prefix
    /// (`/mozilla.org/20050126_1/Europe/Berlin`), and fixed offsets — `(UTC+01:00) Amsterdam,
    /// Berlin…` as older Outlook writes, `UTC+1`, `GMT-05:00`, and `Etc/GMT-3` (whose sign, in
    /// the IANA way, is reversed: three hours east).
    static func zone(named tzid: String) -> ZoneRules? {
        var name = Substring(tzid).trimmingSpaces
        if name.first == "\"" && name.last == "\"" && name.count >= 2 { name = name.dropFirst().dropLast() }
        let lower = name.lowercased()
        if let entry = byName[lower] { return rules(name: String(name), minutes: entry.minutes, summer: entry.summer) }
        // A path: try its last two parts, then its last one.
        let parts = lower.split(separator: "/")
        if parts.count >= 2 {
            for suffix in [parts.suffix(2).joined(separator: "/"), String(parts.last!)] {
                if let entry = byName[suffix] { return rules(name: String(name), minutes: entry.minutes, summer: entry.summer) }
            }
        }
        if let minutes = fixedOffset(lower) { return ZoneRules(name: String(name), fixed: minutes * 60) }
        return nil
    }

    /// `(utc+01:00) amsterdam…`, `utc+1`, `gmt-05:00`, `utc+0530`, `etc/gmt-3`: minutes east of UTC.
    static func fixedOffset(_ lower: String) -> Int? {
        var text = Substring(lower)
        var reversed = false
        if text.hasPrefix("etc/") {
            text = text.dropFirst(4)
            reversed = true
        }
        if text.hasPrefix("(") { text = text.dropFirst() }
        guard text.hasPrefix("utc") || text.hasPrefix("gmt") else { return nil }
        text = text.dropFirst(3)
        guard let sign = text.first, sign == "+" || sign == "-" else {
            // "(UTC) Dublin, Edinburgh…"
            return text.hasPrefix(")") ? 0 : nil
        }
        text = text.dropFirst()
        let digits = text.prefix { $0.isNumber || $0 == ":" || $0 == "." }
        let clean = digits.filter(\.isNumber)
        let hours: Int, minutes: Int
        if digits.contains(":") || digits.contains(".") {
            let pieces = digits.split(whereSeparator: { $0 == ":" || $0 == "." })
            guard pieces.count == 2, let h = Int(pieces[0]), let m = Int(pieces[1]) else { return nil }
            (hours, minutes) = (h, m)
        } else if clean.count <= 2, let h = Int(clean) {
            (hours, minutes) = (h, 0)
        } else if clean.count == 4, let h = Int(clean.prefix(2)), let m = Int(clean.suffix(2)) {
            (hours, minutes) = (h, m)
        } else {
            return nil
        }
        guard hours <= 14, minutes < 60 else { return nil }
        let rest = text.dropFirst(digits.count)
        guard rest.isEmpty || rest.first == ")" || rest.first == " " else { return nil }
        let total = (hours * 60 + minutes) * (sign == "-" ? -1 : 1)
        return reversed ? -total : total
    }

    /// A zone's observances for a summer-time rule, in force since 1970 (today's rule is used for
    /// every year).
    static func rules(name: String, minutes: Int, summer: SummerTime) -> ZoneRules {
        let standard = minutes * 60, daylight = standard + 3600
        func observance(_ rule: String, at time: Seconds, from: Seconds, to: Seconds) -> ZoneRules.Observance {
            let rule = try! RecurrenceRule.parse(rule)
            // The rule's first onset from 1970 on is the observance's DTSTART.
            var first: Seconds?
            rule.expand(start: time, until: nil, limit: time + 400 * 86_400) { if first == nil { first = $0 } }
            return ZoneRules.Observance(onset: first!, offsetFrom: from, offsetTo: to, rule: rule)
        }
        let hour = 3600
        switch summer {
        case .none:
            return ZoneRules(name: name, fixed: standard)
        case .europe:
            // 01:00 UTC on the standard clock is 01:00 + standard; on the summer clock, + daylight.
            return ZoneRules(name: name, observances: [
                observance("FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", at: hour + standard, from: standard, to: daylight),
                observance("FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", at: hour + daylight, from: daylight, to: standard),
            ])
        case .northAmerica:
            return ZoneRules(name: name, observances: [
                observance("FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", at: 2 * hour, from: standard, to: daylight),
                observance("FREQ=YEARLY;BYMONTH=11;BYDAY=1SU", at: 2 * hour, from: daylight, to: standard),
            ])
        case .australia:
            return ZoneRules(name: name, observances: [
                observance("FREQ=YEARLY;BYMONTH=10;BYDAY=1SU", at: 2 * hour, from: standard, to: daylight),
                observance("FREQ=YEARLY;BYMONTH=4;BYDAY=1SU", at: 3 * hour, from: daylight, to: standard),
            ])
        case .newZealand:
            return ZoneRules(name: name, observances: [
                observance("FREQ=YEARLY;BYMONTH=9;BYDAY=-1SU", at: 2 * hour, from: standard, to: daylight),
                observance("FREQ=YEARLY;BYMONTH=4;BYDAY=1SU", at: 3 * hour, from: daylight, to: standard),
            ])
        }
    }
}
