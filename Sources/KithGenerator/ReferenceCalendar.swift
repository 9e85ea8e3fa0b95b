import KithText
import KithTime

/// A deterministic, realistic iCalendar file for benchmarks and load tests of the calendar
/// capture: the same options always give the same bytes.
///
/// One VCALENDAR, as Google or Outlook exports one, with VTIMEZONEs for Europe/Berlin,
/// America/New_York and Outlook's "W. Europe Standard Time", and `events` VEVENTs over the
/// three years up to a month past `today`:
/// - about 78% single meetings, 20% series and 2% overridden occurrences of earlier series;
/// - series weekly (some every other week, some on several days), daily on weekdays, monthly
///   (an ordinal weekday or a day of the month) and yearly, ending by UNTIL, by COUNT or not at
///   all, some with EXDATEs;
/// - times in Berlin, New York, Windows' zone name or UTC, 3% all-day;
/// - 1 to 8 attendees from 300 people, the owner (alex.morgan@example.com) organising half;
/// - Zoom, Meet and Teams invitation texts, locations, alarms; 2% cancelled, 5% free, 2%
///   declined by the owner.
public enum ReferenceCalendar {
    public struct Options: Sendable, Hashable {
        public var events: Int
        public var seed: UInt64
        public var today: CalendarDate

        public init(events: Int, seed: UInt64 = 1, today: CalendarDate = ReferenceNetwork.Options.defaultToday) {
            self.events = events
            self.seed = seed
            self.today = today
        }

        /// 10,000 events: the calendar-capture benchmark's size.
        public static let standard = Options(events: 10_000)
    }

    public static let owner = "alex.morgan@example.com"

    public static func make(_ options: Options) -> [UInt8] {
        var random = SeededGenerator(seed: options.seed)
        var lines = ContentLines()
        let escape = ContentLines.escape
        lines.append("BEGIN", "VCALENDAR")
        lines.append("PRODID", "-//Kith//Reference calendar//EN")
        lines.append("VERSION", "2.0")
        lines.append("CALSCALE", "GREGORIAN")
        lines.append("METHOD", "PUBLISH")
        for (tzid, standard, summer) in [("Europe/Berlin", "+0100", "+0200"), ("W. Europe Standard Time", "+0100", "+0200")] {
            zone(&lines, tzid: tzid, standard: standard, summer: summer,
                 standardRule: "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", summerRule: "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
                 start: tzid.hasPrefix("W.") ? "1601" : "1970", standardTime: "030000", summerTime: "020000")
        }
        zone(&lines, tzid: "America/New_York", standard: "-0500", summer: "-0400",
             standardRule: "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU", summerRule: "FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
             start: "2007", standardTime: "020000", summerTime: "020000")

        let people: [(name: String, email: String)] = (0..<300).map { _ in
            let first = random.pick(Vocabulary.firstNames), last = random.pick(Vocabulary.lastNames)
            let local = (first + "." + last).lowercased().filter { $0.isLetter || $0 == "." }
            return ("\(first) \(last)", local + "@" + random.pick(Vocabulary.emailDomains))
        }
        let popularity = WeightedChoice(zipf: people.count, exponent: 0.9)
        let today = options.today.daysSinceEpoch
        let firstDay = today - 3 * 365
        /// Series so far, for overridden occurrences: UID, first day, time, zone, days between.
        var series: [(uid: String, day: Int, time: String, tzid: String?, step: Int)] = []
        let days = ["MO", "TU", "WE", "TH", "FR"]

        for _ in 0..<options.events {
            let kind = random.int(0...99)
            var uid = hex(&random, 26) + "@google.com"
            var start = random.int(firstDay...(today + 30))
            let hour = random.int(8...18), minute = random.pick([0, 0, 30, 15, 45])
            var time = pad(hour) + pad(minute) + "00"
            let zoneDraw = random.int(0...99)
            var tzid: String? = zoneDraw < 60 ? "Europe/Berlin" : zoneDraw < 75 ? "America/New_York"
                : zoneDraw < 85 ? "W. Europe Standard Time" : nil
            var allDay = random.int(0...99) < 3
            var recurrenceID: String?

            if kind >= 98, let parent = series.isEmpty ? nil : series[random.int(0...(series.count - 1))] {
                // An occurrence of an earlier series, moved by an hour or a day.
                uid = parent.uid
                let occurrence = parent.day + parent.step * random.int(1...8)
                recurrenceID = basic(occurrence) + "T" + parent.time
                tzid = parent.tzid
                time = parent.time
                start = occurrence + random.pick([0, 0, 1])
                allDay = false
            }
            lines.append("BEGIN", "VEVENT")
            let isSeries = kind >= 78 && kind < 98 && !allDay
            if isSeries { start = random.int(firstDay...(today - 7)) }
            if allDay {
                lines.append("DTSTART;VALUE=DATE", basic(start))
                lines.append("DTEND;VALUE=DATE", basic(start + 1))
            } else {
                let (parameter, suffix) = tzid.map { (";TZID=" + $0, "") } ?? ("", "Z")
                lines.append("DTSTART" + parameter, basic(start) + "T" + time + suffix)
                let endHour = min(Int(time.prefix(2))! + 1, 23)
                lines.append("DTEND" + parameter, basic(start) + "T" + pad(endHour) + time.dropFirst(2) + suffix)
            }
            if isSeries {
                var step = 7
                var rule: String
                switch random.int(0...99) {
                case 0..<40: rule = "FREQ=WEEKLY;BYDAY=" + days[random.int(0...4)]
                case 40..<50: rule = "FREQ=WEEKLY;INTERVAL=2;BYDAY=" + days[random.int(0...4)]; step = 14
                case 50..<58: rule = "FREQ=WEEKLY;BYDAY=MO,WE,FR"
                case 58..<66: rule = "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR"; step = 1
                case 66..<84: rule = "FREQ=MONTHLY;BYDAY=\(random.int(1...4))" + days[random.int(0...4)]; step = 28
                case 84..<94: rule = "FREQ=MONTHLY;BYMONTHDAY=\(random.int(1...28))"; step = 30
                default: rule = "FREQ=YEARLY"; step = 365
                }
                switch random.int(0...99) {
                case 0..<45: rule += ";UNTIL=" + basic(start + random.int(30...365)) + "T225959Z"
                case 45..<70: rule += ";COUNT=\(random.int(4...30))"
                default: break
                }
                if rule.hasPrefix("FREQ=WEEKLY") || rule.hasPrefix("FREQ=DAILY") { rule += ";WKST=MO" }
                lines.append("RRULE", rule)
                if random.int(0...99) < 20 {
                    let (parameter, suffix) = tzid.map { (";TZID=" + $0, "") } ?? ("", "Z")
                    let skipped = (1...random.int(1...2)).map { _ in basic(start + step * random.int(1...10)) + "T" + time + suffix }
                    lines.append("EXDATE" + parameter, skipped.joined(separator: ","))
                }
                series.append((uid, start, time, tzid, step))
            }
            lines.append("DTSTAMP", basic(today) + "T071502Z")
            lines.append("UID", uid)
            if let recurrenceID {
                lines.append("RECURRENCE-ID" + (tzid.map { ";TZID=" + $0 } ?? ""), recurrenceID + (tzid == nil ? "Z" : ""))
                lines.append("SEQUENCE", "1")
            } else {
                lines.append("SEQUENCE", "0")
            }

            let attendees = (0..<min(1 + Int(random.unit() * random.unit() * 8), 8)).map { _ in people[popularity.draw(&random)] }
            let organizer = random.int(0...1) == 0 ? ("Alex Morgan", owner) : attendees[0]
            lines.append("ORGANIZER;CN=" + organizer.0, "mailto:" + organizer.1)
            let ownerStatus = random.int(0...99) < 2 ? "DECLINED" : "ACCEPTED"
            lines.append("ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=\(ownerStatus);CN=Alex Morgan;X-NUM-GUESTS=0",
                         "mailto:" + owner)
            for person in attendees where person.email != organizer.1 {
                let status = random.pick(["ACCEPTED", "ACCEPTED", "ACCEPTED", "NEEDS-ACTION", "TENTATIVE", "DECLINED"])
                lines.append("ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=\(status);CN=\(person.name);X-NUM-GUESTS=0",
                             "mailto:" + person.email)
            }
            let topic = random.pick(Vocabulary.topics)
            let title = random.pick(["Catch-up about ", "Call: ", "Sync on ", "Lunch — ", "Review of ", "Coffee: ", ""]) + topic
            lines.append("SUMMARY", escape(title.prefix(1).uppercased() + title.dropFirst()))
            switch random.int(0...99) {
            case 0..<15:
                let (a, b, c) = (hex(&random, 3), hex(&random, 4), hex(&random, 3))
                let link = "https://meet.google.com/\(a)-\(b)-\(c)"
                lines.append("X-GOOGLE-CONFERENCE", link)
                lines.append("DESCRIPTION", escape(googleMeetText(link)))
            case 15..<30:
                lines.append("DESCRIPTION", escape(zoomText(&random)))
                lines.append("LOCATION", "https://us02web.zoom.us/j/8\(random.int(1_000_000_000...9_999_999_999))")
            case 30..<40:
                lines.append("DESCRIPTION", escape(teamsText(&random)))
                lines.append("LOCATION", "Microsoft Teams Meeting")
            case 40..<70:
                lines.append("LOCATION", escape(random.pick(Vocabulary.cities) + ", " + random.pick(["Café Luna", "Room 4B", "the office", "Bonanza Coffee"])))
            default:
                break
            }
            let status = random.int(0...99)
            lines.append("STATUS", status < 2 ? "CANCELLED" : "CONFIRMED")
            lines.append("TRANSP", status >= 2 && status < 7 ? "TRANSPARENT" : "OPAQUE")
            if random.int(0...99) < 40 {
                lines.append("BEGIN", "VALARM")
                lines.append("ACTION", "DISPLAY")
                lines.append("DESCRIPTION", "This is an event reminder")
                lines.append("TRIGGER", "-P0DT0H10M0S")
                lines.append("END", "VALARM")
            }
            lines.append("END", "VEVENT")
        }
        lines.append("END", "VCALENDAR")
        return lines.bytes
    }

    // MARK: - Pieces

    private static func zone(_ lines: inout ContentLines, tzid: String, standard: String, summer: String,
                             standardRule: String, summerRule: String, start: String, standardTime: String, summerTime: String) {
        lines.append("BEGIN", "VTIMEZONE")
        lines.append("TZID", tzid)
        lines.append("BEGIN", "STANDARD")
        lines.append("DTSTART", start + "0101T" + standardTime)
        lines.append("TZOFFSETFROM", summer)
        lines.append("TZOFFSETTO", standard)
        lines.append("RRULE", standardRule)
        lines.append("END", "STANDARD")
        lines.append("BEGIN", "DAYLIGHT")
        lines.append("DTSTART", start + "0101T" + summerTime)
        lines.append("TZOFFSETFROM", standard)
        lines.append("TZOFFSETTO", summer)
        lines.append("RRULE", summerRule)
        lines.append("END", "DAYLIGHT")
        lines.append("END", "VTIMEZONE")
    }

    private static func googleMeetText(_ link: String) -> String {
        "-::~:~::~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~::~:~::-\n"
            + "Join with Google Meet: \(link)\nOr dial: (US) +1 347-555-0142 PIN: 419 255 877#\n"
            + "More phone numbers: https://tel.meet/qwe-rtyu-iop?pin=419255877\n\n"
            + "Learn more about Meet at: https://support.google.com/a/users/answer/9282720\n\n"
            + "Please do not edit this section.\n-::~:~::~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~::~:~::-"
    }

    private static func zoomText(_ random: inout SeededGenerator) -> String {
        let id = random.int(80_000_000_000...89_999_999_999)
        let password = hex(&random, 32)
        let passcode = random.int(100_000...999_999)
        return "Hi there,\n\nYou are invited to a Zoom meeting.\n\nJoin Zoom Meeting\n"
            + "https://us02web.zoom.us/j/\(id)?pwd=\(password)\n\nMeeting ID: \(id)\nPasscode: \(passcode)\n"
            + "---\nOne tap mobile\n+13462487799,,\(id)# US (Houston)\n+16694449171,,\(id)# US\n---\n"
            + "Dial by your location\n• +1 346 248 7799 US (Houston)\n• +1 669 444 9171 US\n• +49 69 3807 9883 Germany\n"
            + "Find your local number: https://us02web.zoom.us/u/kbYq2x"
    }

    private static func teamsText(_ random: inout SeededGenerator) -> String {
        let thread = hex(&random, 40)
        return String(repeating: "_", count: 80) + "\nMicrosoft Teams meeting\nJoin on your computer, mobile app or room device\n"
            + "Click here to join the meeting<https://teams.microsoft.com/l/meetup-join/19%3ameeting_\(thread)%40thread.v2/0>\n"
            + "Meeting ID: 312 555 018 47\nPasscode: x7Yq2H\nCall in (audio only)\n+49 69 5555 0142,,98765432#   Germany, Frankfurt\n"
            + "tel:+4969555501420,,98765432#\nPhone Conference ID: 987 654 32#\n"
            + "Find a local number<https://dialin.teams.microsoft.com/x> | Reset PIN<https://dialin.teams.microsoft.com/usp/pstn>\n"
            + String(repeating: "_", count: 80)
    }

    private static func hex(_ random: inout SeededGenerator, _ count: Int) -> String {
        let digits = Array("0123456789abcdefghijklmnopqrstuv")
        return String((0..<count).map { _ in digits[random.int(0...31)] })
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    private static func basic(_ day: Int) -> String {
        let date = CalendarDate(daysSinceEpoch: day)
        return String(date.year) + pad(date.month) + pad(date.day)
    }
}
