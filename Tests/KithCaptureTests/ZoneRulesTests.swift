import Foundation
import KithText
import Testing
@testable import KithCapture

/// Time zones from VTIMEZONE definitions and from Kith's table, held to Foundation's time zones
/// (the system's tz database) at thousands of instants.
@Suite struct ZoneRulesTests {
    /// The zone a calendar's text defines.
    func zone(_ text: String, _ tzid: String) throws -> ZoneRules {
        var parser = ICalendarParser(source: "z", owner: [])
        parser.parse(Array(calendar("""
            \(text)
            BEGIN:VEVENT
            UID:probe
            DTSTART;TZID=\(tzid):20260101T000000
            END:VEVENT
            """).utf8))
        #expect(parser.warnings == [])
        guard case .zone(let zone) = try #require(parser.events.first).start.clock else {
            Issue.record("no zone")
            throw CancellationError()
        }
        return zone
    }

    /// Instants every ~29 hours between two years, plus an hour either side of each
    /// transition Foundation knows of.
    func instants(from first: Int, to last: Int, in reference: TimeZone) -> [Int] {
        var result: [Int] = []
        let start = Int(DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: .gmt, year: first).date!.timeIntervalSince1970)
        let end = Int(DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: .gmt, year: last + 1).date!.timeIntervalSince1970)
        result += stride(from: start, to: end, by: 29 * 3600 + 17)
        var date = Date(timeIntervalSince1970: TimeInterval(start))
        while let next = reference.nextDaylightSavingTimeTransition(after: date), next.timeIntervalSince1970 < TimeInterval(end) {
            let t = Int(next.timeIntervalSince1970)
            result += [t - 3600, t - 1, t, t + 3600]
            date = next
        }
        return result
    }

    func expectSameOffsets(_ zone: ZoneRules, as identifier: String, from first: Int, to last: Int,
                           sourceLocation: SourceLocation = #_sourceLocation) {
        let reference = TimeZone(identifier: identifier)!
        var wrong = 0
        for t in instants(from: first, to: last, in: reference) {
            let expected = reference.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t)))
            if zone.offset(atUTC: t) != expected {
                wrong += 1
                if wrong <= 3 {
                    Issue.record("\(zone.name) at \(t): \(zone.offset(atUTC: t)) ≠ \(identifier)'s \(expected)", sourceLocation: sourceLocation)
                }
            }
        }
        #expect(wrong == 0, "\(zone.name) vs \(identifier)", sourceLocation: sourceLocation)
    }

    @Test func outlooksWindowsZoneStartingIn1601() throws {
        let zone = try zone("""
            BEGIN:VTIMEZONE
            TZID:W. Europe Standard Time
            BEGIN:STANDARD
            DTSTART:16010101T030000
            TZOFFSETFROM:+0200
            TZOFFSETTO:+0100
            RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
            END:STANDARD
            BEGIN:DAYLIGHT
            DTSTART:16010101T020000
            TZOFFSETFROM:+0100
            TZOFFSETTO:+0200
            RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3
            END:DAYLIGHT
            END:VTIMEZONE
            """, "W. Europe Standard Time")
        expectSameOffsets(zone, as: "Europe/Berlin", from: 1996, to: 2035)
    }

    @Test func aZoneWhoseRulesChanged() throws {
        // As Thunderbird writes America/New_York: the rule before 2007 ends with UNTIL.
        let zone = try zone("""
            BEGIN:VTIMEZONE
            TZID:America/New_York
            BEGIN:DAYLIGHT
            TZOFFSETFROM:-0500
            TZOFFSETTO:-0400
            TZNAME:EDT
            DTSTART:19870405T020000
            RRULE:FREQ=YEARLY;UNTIL=20060402T070000Z;BYDAY=1SU;BYMONTH=4
            END:DAYLIGHT
            BEGIN:STANDARD
            TZOFFSETFROM:-0400
            TZOFFSETTO:-0500
            TZNAME:EST
            DTSTART:19671029T020000
            RRULE:FREQ=YEARLY;UNTIL=20061029T060000Z;BYDAY=-1SU;BYMONTH=10
            END:STANDARD
            BEGIN:DAYLIGHT
            TZOFFSETFROM:-0500
            TZOFFSETTO:-0400
            TZNAME:EDT
            DTSTART:20070311T020000
            RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3
            END:DAYLIGHT
            BEGIN:STANDARD
            TZOFFSETFROM:-0400
            TZOFFSETTO:-0500
            TZNAME:EST
            DTSTART:20071104T020000
            RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11
            END:STANDARD
            END:VTIMEZONE
            """, "America/New_York")
        expectSameOffsets(zone, as: "America/New_York", from: 1990, to: 2035)
        // Asked about out of order, far apart: the cache widens and stays right.
        #expect(zone.offset(atUTC: 2_000_000_000) == -4 * 3600)  // 2033-05-18
        #expect(zone.offset(atUTC: 700_000_000) == -5 * 3600)    // 1992-03-07, winter
        #expect(zone.offset(atUTC: 715_000_000) == -4 * 3600)    // 1992-08-28, summer
    }

    @Test func aZoneOfOnsetsListedByRDate() throws {
        let zone = try zone("""
            BEGIN:VTIMEZONE
            TZID:Custom
            BEGIN:STANDARD
            DTSTART:20001029T030000
            RDATE:20011028T030000,20021027T030000
            TZOFFSETFROM:+0200
            TZOFFSETTO:+0100
            END:STANDARD
            BEGIN:DAYLIGHT
            DTSTART:20000326T020000
            RDATE:20010325T020000,20020331T020000
            TZOFFSETFROM:+0100
            TZOFFSETTO:+0200
            END:DAYLIGHT
            END:VTIMEZONE
            """, "Custom")
        expectSameOffsets(zone, as: "Europe/Paris", from: 2000, to: 2002)
        // Before the first onset: the first onset's TZOFFSETFROM.
        #expect(zone.offset(atUTC: 900_000_000) == 3600)  // 1998-07-09
    }

    /// Every IANA name in Kith's table, against Foundation, over the years its rules hold.
    @Test func theTableAgreesWithTheTzDatabase() {
        var checked = 0
        for group in TimeZoneTable.groups where !group.names.contains("|") && !group.names.hasSuffix("Time") {
            for name in group.names.split(separator: " ").map(String.init) where name.contains("/") {
                // The table has today's rules (Almaty's since March 2024).
                guard TimeZone(identifier: name) != nil else { continue }
                expectSameOffsets(TimeZoneTable.zone(named: name)!, as: name, from: 2025, to: 2030)
                checked += 1
            }
        }
        #expect(checked > 150)
    }

    @Test(arguments: [
        ("W. Europe Standard Time", "Europe/Berlin"), ("GMT Standard Time", "Europe/London"),
        ("Eastern Standard Time", "America/New_York"), ("Pacific Standard Time", "America/Los_Angeles"),
        ("AUS Eastern Standard Time", "Australia/Sydney"), ("New Zealand Standard Time", "Pacific/Auckland"),
        ("India Standard Time", "Asia/Kolkata"), ("Tokyo Standard Time", "Asia/Tokyo"),
        ("/mozilla.org/20050126_1/Europe/Berlin", "Europe/Berlin"), ("/Europe/Stockholm", "Europe/Stockholm"),
        ("\"europe/paris\"", "Europe/Paris"), ("US/Eastern", "America/New_York"), ("Etc/GMT-3", "Etc/GMT-3"),
        ("(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi", "Asia/Kolkata"), ("UTC", "UTC"),
    ])
    func namesWritersUse(name: String, identifier: String) throws {
        let zone = try #require(TimeZoneTable.zone(named: name))
        expectSameOffsets(zone, as: identifier, from: 2024, to: 2027)
    }

    @Test func fixedOffsetsInNames() {
        #expect(TimeZoneTable.fixedOffset("(utc-03:00) brasilia") == -180)
        #expect(TimeZoneTable.fixedOffset("gmt+0530") == 330)
        #expect(TimeZoneTable.fixedOffset("utc+1") == 60)
        #expect(TimeZoneTable.fixedOffset("etc/gmt+5") == -300)
        #expect(TimeZoneTable.fixedOffset("(utc) dublin, edinburgh, lisbon, london") == 0)
        #expect(TimeZoneTable.fixedOffset("utc+99") == nil)
        #expect(TimeZoneTable.fixedOffset("europe/berlin") == nil)
        #expect(TimeZoneTable.zone(named: "Mars/Olympus_Mons") == nil)
    }
}

extension ZoneRulesTests {
    /// The tests' own Berlin clock (ReaderHelpers) is the tz database's.
    @Test func theTestsBerlinClockIsRight() {
        let reference = TimeZone(identifier: "Europe/Berlin")!
        for t in instants(from: 2000, to: 2030, in: reference) {
            #expect(berlinOffset(t) == reference.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t))), "\(t)")
        }
    }
}
