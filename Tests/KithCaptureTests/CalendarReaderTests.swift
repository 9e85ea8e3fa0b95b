import KithText
import KithTime
import Testing
@testable import KithCapture

@Suite struct CalendarReaderTests {
    // MARK: - One event

    @Test func anEventBecomesATraceWithItsPeople() throws {
        let result = capture(calendar("""
            BEGIN:VEVENT
            UID:abc-1@example.com
            DTSTAMP:20260301T120000Z
            DTSTART:20260305T150000Z
            DTEND:20260305T160000Z
            SUMMARY:Budget review\\, Q2\\; part 1
            ORGANIZER;CN="Lee, Ann":MAILTO:Ann.Lee@Example.COM
            ATTENDEE;CN=Bob Stone;PARTSTAT=ACCEPTED:mailto:bob@example.com
            ATTENDEE;PARTSTAT=NEEDS-ACTION;CN=carol@example.com:mailto:carol@example.com
            ATTENDEE;CN="Ann Lee";PARTSTAT=ACCEPTED:mailto:ann.lee@example.com
            END:VEVENT
            """))
        #expect(result.warnings == [])
        let trace = try #require(result.traces.first)
        #expect(result.traces.count == 1)
        #expect(trace.date == day("2026-03-05"))
        #expect(trace.channel.rawValue == "meeting")
        #expect(trace.file == "test.ics")
        #expect(trace.key == "abc-1@example.com/20260305T150000Z")
        #expect(trace.subject == "Budget review, Q2; part 1")
        #expect(trace.from == Participant(name: "Lee, Ann", email: "ann.lee@example.com"))
        // The organiser is not listed again; a CN that is only the address is no name.
        #expect(trace.to == [Participant(name: "Bob Stone", email: "bob@example.com"), Participant(email: "carol@example.com")])
        #expect(trace.cc == [])
        #expect(!trace.isFuture)
    }

    @Test func todayAndLaterAreFutureUpToTheHorizon() {
        let result = capture(calendar("""
            BEGIN:VEVENT
            UID:daily
            DTSTART;VALUE=DATE:20260301
            RRULE:FREQ=DAILY
            END:VEVENT
            """), today: "2026-03-10", horizon: 3)
        #expect(result.traces.map(\.date.iso) == (1...13).map { "2026-03-\($0 < 10 ? "0" : "")\($0)" })
        #expect(result.traces.filter(\.isFuture).map(\.date.iso) == ["2026-03-10", "2026-03-11", "2026-03-12", "2026-03-13"])
    }

    @Test func cancelledFreeAndDeclinedEventsAreSkipped() {
        let result = capture(calendar("""
            BEGIN:VEVENT
            UID:cancelled
            DTSTART:20260302T100000Z
            STATUS:CANCELLED
            END:VEVENT
            BEGIN:VEVENT
            UID:free
            DTSTART;VALUE=DATE:20260303
            TRANSP:TRANSPARENT
            END:VEVENT
            BEGIN:VEVENT
            UID:declined-by-me
            DTSTART:20260304T100000Z
            ORGANIZER:mailto:bob@example.com
            ATTENDEE;PARTSTAT=DECLINED:mailto:ME@example.com
            END:VEVENT
            BEGIN:VEVENT
            UID:declined-by-carol
            DTSTART:20260305T100000Z
            TRANSP:OPAQUE
            STATUS:TENTATIVE
            ORGANIZER:mailto:bob@example.com
            ATTENDEE;PARTSTAT=DECLINED:mailto:carol@example.com
            ATTENDEE;PARTSTAT=ACCEPTED:mailto:me@example.com
            END:VEVENT
            """), owner: ["me@example.com"])
        #expect(result.skipped.map(\.uid) == ["cancelled", "free", "declined-by-me"])
        #expect(result.skipped.map(\.reason) == [.cancelled, .free, .declined])
        #expect(result.skipped.map(\.line) == [4, 9, 14])
        // Carol declined: she is not a counterpart, the meeting still happened.
        #expect(result.traces.map(\.key) == ["declined-by-carol/20260305T100000Z"])
        #expect(result.traces.first?.to.map(\.email) == ["me@example.com"])
    }

    @Test func aCancellationFileCancelsItsEvents() {
        let text = "BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260302T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        let result = capture(text)
        #expect(result.traces.isEmpty)
        #expect(result.skipped.map(\.reason) == [.cancelled])
    }

    @Test func roomsAreNotPeopleAndNonParticipantsAreCopied() {
        let result = capture(calendar("""
            BEGIN:VEVENT
            UID:rooms
            DTSTART:20260302T100000Z
            ORGANIZER;CN=Ann:mailto:ann@example.com
            ATTENDEE;CUTYPE=RESOURCE;CN=Room 4B:mailto:c_1889@resource.calendar.google.com
            ATTENDEE;CUTYPE=ROOM;CN=Board room:mailto:board@example.com
            ATTENDEE;ROLE=NON-PARTICIPANT;CN=Dee:mailto:dee@example.com
            ATTENDEE;ROLE=OPT-PARTICIPANT;CN=Eve:mailto:eve@example.com
            ATTENDEE;CN=Eve again:mailto:EVE@example.com
            ATTENDEE:tel:+1-555-0100
            ATTENDEE;CN=Frank;EMAIL=frank@example.com:urn:uuid:5b8e-11aa
            ATTENDEE;CN=Just A Name:invalid:nomail
            END:VEVENT
            """))
        let trace = result.traces.first
        #expect(trace?.to == [Participant(name: "Eve", email: "eve@example.com"), Participant(phone: "+1-555-0100"),
                              Participant(name: "Frank", email: "frank@example.com"), Participant(name: "Just A Name")])
        #expect(trace?.cc == [Participant(name: "Dee", email: "dee@example.com")])
    }

    @Test func alarmsInsideAnEventDoNotLendItTheirProperties() {
        let result = capture(calendar("""
            BEGIN:VEVENT
            UID:with-alarm
            DTSTART:20260302T100000Z
            SUMMARY:Lunch
            BEGIN:VALARM
            ACTION:EMAIL
            SUMMARY:Reminder
            DESCRIPTION:https://zoom.us/j/123
            ATTENDEE:mailto:alarm@example.com
            TRIGGER:-PT15M
            END:VALARM
            END:VEVENT
            BEGIN:VTODO
            UID:todo
            DTSTART:20260302T100000Z
            SUMMARY:Not an event
            END:VTODO
            """))
        #expect(result.traces.count == 1)
        #expect(result.traces.first?.subject == "Lunch")
        #expect(result.traces.first?.to == [])
        #expect(result.traces.first?.channel.rawValue == "meeting")
    }

    // MARK: - Channels

    @Test(arguments: [
        ("DESCRIPTION:Join: https://us02web.zoom.us/j/8812345?pwd=abc", "video"),
        ("X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij", "video"),
        ("X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/meetup-join/19%3ameeting", "video"),
        ("LOCATION:https://acme.webex.com/meet/ann", "video"),
        ("URL:https://whereby.com/kith", "video"),
        // A video invitation carries dial-in numbers too: the video link wins.
        ("DESCRIPTION:Microsoft Teams meeting\\nhttps://teams.microsoft.com/l/x\\nCall in: tel:+12065550100\\,\\,123#", "video"),
        ("LOCATION:tel:+44-20-7946-0000", "call"),
        ("DESCRIPTION:Dial TEL:+1 555 0100", "call"),
        ("LOCATION:Grand Hotel: lobby", "meeting"),
        ("DESCRIPTION:see https://example.com/zoom.us.html", "meeting"),
        ("LOCATION:Café Luna", "meeting"),
    ])
    func linksDecideTheChannel(line: String, channel: String) {
        let result = capture(calendar("BEGIN:VEVENT\nUID:c\nDTSTART:20260302T100000Z\nSUMMARY:Catch-up\n\(line)\nEND:VEVENT"))
        #expect(result.traces.first?.channel.rawValue == channel)
    }

    @Test(arguments: [
        ("Call with Bob", "call"), ("Phone screen: Sam", "call"), ("Weekly calls", "call"), ("Recall planning", "meeting"),
        ("iPhone launch", "meeting"), ("Video sync", "video"), ("Zoom with Dad", "video"), ("FaceTime with Mum", "video"),
        ("Coffee", "meeting"),
    ])
    func theSummaryDecidesTheChannel(summary: String, channel: String) {
        let result = capture(calendar("BEGIN:VEVENT\nUID:c\nDTSTART:20260302T100000Z\nSUMMARY:\(summary)\nEND:VEVENT"))
        #expect(result.traces.first?.channel.rawValue == channel)
    }

    // MARK: - Time zones

    static let berlinZone = """
        BEGIN:VTIMEZONE
        TZID:Europe/Berlin
        BEGIN:DAYLIGHT
        TZOFFSETFROM:+0100
        TZOFFSETTO:+0200
        TZNAME:CEST
        DTSTART:19700329T020000
        RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
        END:DAYLIGHT
        BEGIN:STANDARD
        TZOFFSETFROM:+0200
        TZOFFSETTO:+0100
        TZNAME:CET
        DTSTART:19701025T030000
        RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
        END:STANDARD
        END:VTIMEZONE
        """

    @Test func aWeeklyMeetingKeepsItsLocalTimeAcrossSummerTime() {
        // The zone comes after the event that uses it, as some writers put it.
        let result = capture(calendar("""
            BEGIN:VEVENT
            UID:standup
            DTSTART;TZID=Europe/Berlin:20260316T090000
            RRULE:FREQ=WEEKLY;COUNT=4
            END:VEVENT
            \(Self.berlinZone)
            """), today: "2026-04-30")
        #expect(result.warnings == [])
        #expect(result.traces.map(\.key) == ["standup/20260316T080000Z", "standup/20260323T080000Z",
                                             "standup/20260330T070000Z", "standup/20260406T070000Z"])
    }

    @Test func theUsersOffsetDecidesTheDay() {
        let text = calendar("""
            BEGIN:VEVENT
            UID:late
            DTSTART:20260305T233000Z
            END:VEVENT
            BEGIN:VEVENT
            UID:floating
            DTSTART:20260305T233000
            END:VEVENT
            BEGIN:VEVENT
            UID:allday
            DTSTART;VALUE=DATE:20260305
            END:VEVENT
            """)
        #expect(capture(text).traces.map(\.date.iso) == ["2026-03-05", "2026-03-05", "2026-03-05"])
        // In Berlin 23:30 UTC is already the 6th; floating times and days stay where they are.
        let berlin = capture(text, offset: berlinOffset).traces
        #expect(berlin.map(\.key) == ["floating/20260305T233000", "allday/20260305", "late/20260305T233000Z"])
        #expect(berlin.map(\.date.iso) == ["2026-03-05", "2026-03-05", "2026-03-06"])
        let honolulu = capture(text, offset: { _ in -10 * 3600 }).traces
        #expect(honolulu.map(\.date.iso) == ["2026-03-05", "2026-03-05", "2026-03-05"])
    }

    @Test func aZoneWithoutVTimezoneComesFromKithsTableWithAWarning() {
        let result = capture(calendar("""
            BEGIN:VEVENT
            UID:ny
            DTSTART;TZID=America/New_York:20260305T200000
            END:VEVENT
            BEGIN:VEVENT
            UID:outlook
            DTSTART;TZID="(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna":20260305T200000
            END:VEVENT
            BEGIN:VEVENT
            UID:mars
            DTSTART;TZID=Mars/Olympus_Mons:20260305T200000
            END:VEVENT
            """))
        #expect(result.warnings.map(\.description) == [
            "line 6: time zone \"America/New_York\" has no VTIMEZONE in the file; Kith's own table of its offsets is used",
            "line 10: time zone \"(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna\" has no VTIMEZONE in the file; Kith's own table of its offsets is used",
            "line 14: time zone \"Mars/Olympus_Mons\" is not defined in the file and not one Kith knows; its times are read as local times",
        ])
        // 20:00 in New York is 01:00 UTC the next day; an unknown zone is read as floating.
        #expect(Set(result.traces.map(\.key)) == ["ny/20260306T010000Z", "outlook/20260305T190000Z", "mars/20260305T200000"])
        #expect(result.traces.first { $0.key.hasPrefix("ny") }?.date.iso == "2026-03-06")
    }

    // MARK: - Recurrence

    @Test func exceptionsExtraDatesAndOverriddenOccurrences() {
        let result = capture(calendar("""
            BEGIN:VEVENT
            UID:weekly
            DTSTART;TZID=Europe/Berlin:20260202T100000
            RRULE:FREQ=WEEKLY;UNTIL=20260310T225959Z
            EXDATE;TZID=Europe/Berlin:20260209T100000,20260216T100000
            RDATE;VALUE=PERIOD:20260211T150000Z/PT1H
            SUMMARY:Weekly
            ATTENDEE:mailto:bob@example.com
            END:VEVENT
            BEGIN:VEVENT
            UID:weekly
            RECURRENCE-ID:20260223T090000Z
            DTSTART;TZID=Europe/Berlin:20260224T140000
            SUMMARY:Weekly (moved to Tuesday)
            ATTENDEE:mailto:carol@example.com
            END:VEVENT
            BEGIN:VEVENT
            UID:weekly
            RECURRENCE-ID;TZID=Europe/Berlin:20260302T100000
            DTSTART;TZID=Europe/Berlin:20260302T100000
            STATUS:CANCELLED
            END:VEVENT
            BEGIN:VEVENT
            UID:weekly
            RECURRENCE-ID;TZID=Europe/Berlin:20260420T100000
            DTSTART;TZID=Europe/Berlin:20260302T170000
            SUMMARY:From a later rule
            END:VEVENT
            \(Self.berlinZone)
            """))
        #expect(result.warnings == [])
        #expect(result.traces.map(\.key) == ["weekly/20260202T090000Z", "weekly/20260211T150000Z", "weekly/20260223T090000Z",
                                             "weekly/20260420T080000Z", "weekly/20260309T090000Z"])
        #expect(result.traces.map(\.date.iso) == ["2026-02-02", "2026-02-11", "2026-02-24", "2026-03-02", "2026-03-09"])
        #expect(result.traces.map(\.subject) == ["Weekly", "Weekly", "Weekly (moved to Tuesday)", "From a later rule", "Weekly"])
        #expect(result.traces[2].to.map(\.email) == ["carol@example.com"])
        #expect(result.skipped.map(\.reason) == [.cancelled])
    }

    @Test func anOverrideSpeaksForItselfUnlessItsOccurrenceIsExcluded() {
        let result = capture(calendar("""
            BEGIN:VEVENT
            UID:cancelled-series
            DTSTART:20260202T100000Z
            RRULE:FREQ=WEEKLY;COUNT=4
            STATUS:CANCELLED
            END:VEVENT
            BEGIN:VEVENT
            UID:cancelled-series
            RECURRENCE-ID:20260209T100000Z
            DTSTART:20260210T100000Z
            STATUS:CONFIRMED
            SUMMARY:This one still happens
            END:VEVENT
            BEGIN:VEVENT
            UID:excluded
            DTSTART:20260202T120000Z
            RRULE:FREQ=WEEKLY;COUNT=3
            EXDATE:20260209T120000Z
            END:VEVENT
            BEGIN:VEVENT
            UID:excluded
            RECURRENCE-ID:20260209T120000Z
            DTSTART:20260210T120000Z
            SUMMARY:Replaces an occurrence that is not there
            END:VEVENT
            """))
        #expect(result.traces.map(\.key) == ["excluded/20260202T120000Z", "cancelled-series/20260209T100000Z",
                                             "excluded/20260216T120000Z"])
        #expect(result.traces[1].subject == "This one still happens")
        #expect(result.skipped.map(\.uid) == ["cancelled-series"])
    }

    @Test func allDayRecurrenceIDsMayBeWrittenAsTimes() {
        // Exchange writes an all-day series' RECURRENCE-ID as a time in the zone; others in UTC.
        let result = capture(calendar("""
            BEGIN:VEVENT
            UID:bins
            DTSTART;VALUE=DATE:20260205
            RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=3
            SUMMARY:Bins
            END:VEVENT
            BEGIN:VEVENT
            UID:bins
            RECURRENCE-ID;TZID=GMT Standard Time:20260219T000000
            DTSTART;VALUE=DATE:20260220
            SUMMARY:Bins (a day late)
            END:VEVENT
            BEGIN:VEVENT
            UID:bins
            RECURRENCE-ID:20260305T000000Z
            DTSTART;VALUE=DATE:20260305
            STATUS:CANCELLED
            END:VEVENT
            """))
        #expect(result.traces.map(\.key) == ["bins/20260205", "bins/20260219"])
        #expect(result.traces.map(\.date.iso) == ["2026-02-05", "2026-02-20"])
    }

    @Test func anOccurrenceWithoutItsSeriesStandsAlone() {
        let result = capture(calendar("""
            BEGIN:VEVENT
            UID:invite-to-one
            RECURRENCE-ID:20260303T100000Z
            DTSTART:20260303T110000Z
            SEQUENCE:1
            SUMMARY:Old
            END:VEVENT
            BEGIN:VEVENT
            UID:invite-to-one
            RECURRENCE-ID:20260303T100000Z
            DTSTART:20260303T120000Z
            SEQUENCE:2
            SUMMARY:Newer
            END:VEVENT
            """))
        #expect(result.traces.map(\.key) == ["invite-to-one/20260303T100000Z"])
        #expect(result.traces.map(\.subject) == ["Newer"])
    }

    @Test func anOverrideIsOneOccurrenceEvenWithARuleAndTwiceWritten() {
        // As python-recurring-ical-events' issue 164 file has it: an override carrying the
        // series' RRULE, written twice. It replaces its occurrence; the series goes on.
        let override = """
            BEGIN:VEVENT
            DTSTART;VALUE=DATE:20240826
            SUMMARY:test123 (moved)
            UID:111
            ORGANIZER:aaa
            RRULE:FREQ=WEEKLY;INTERVAL=3;BYDAY=MO
            RECURRENCE-ID;VALUE=DATE:20240826
            SEQUENCE:1
            END:VEVENT
            """
        let result = capture(calendar("""
            BEGIN:VEVENT
            DTSTART;VALUE=DATE:20240401
            SUMMARY:test123
            UID:111
            ORGANIZER:aaa
            RRULE:FREQ=WEEKLY;INTERVAL=3;BYDAY=MO
            SEQUENCE:1
            END:VEVENT
            \(override)
            \(override)
            """), today: "2024-09-20", horizon: 0)
        #expect(result.traces.map(\.date.iso) == ["2024-04-01", "2024-04-22", "2024-05-13", "2024-06-03", "2024-06-24",
                                                  "2024-07-15", "2024-08-05", "2024-08-26", "2024-09-16"])
        #expect(result.traces.filter { $0.subject == "test123 (moved)" }.map(\.key) == ["111/20240826"])
        #expect(result.traces.allSatisfy { $0.from == nil })  // "aaa" is no address
    }

    @Test func severalRulesAndDatesMakeOneSetWithoutDoubles() {
        let result = capture(calendar("""
            BEGIN:VEVENT
            UID:two-rules
            DTSTART:20260105T100000Z
            RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3
            RRULE:FREQ=MONTHLY;BYDAY=2MO;COUNT=2
            RDATE:20260112T100000Z,20260114T100000Z
            END:VEVENT
            """))
        #expect(result.traces.map(\.date.iso) == ["2026-01-05", "2026-01-12", "2026-01-14", "2026-01-19", "2026-02-09"])
    }

    @Test func datesOfOtherKindsAndClocksStillMatch() {
        let result = capture(calendar("""
            BEGIN:VEVENT
            UID:mixed
            DTSTART;TZID=Europe/Berlin:20260202T100000
            RRULE:FREQ=WEEKLY;COUNT=5;UNTIL=20260302T230000Z
            EXDATE:20260209T090000Z
            EXDATE;VALUE=DATE:20260216
            RDATE;VALUE=DATE:20260218
            EXRULE:FREQ=MONTHLY
            END:VEVENT
            BEGIN:VEVENT
            UID:mixed
            RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Berlin:20260223T100000
            DTSTART;TZID=Europe/Berlin:20260223T110000
            END:VEVENT
            \(Self.berlinZone)
            """))
        // An EXDATE in UTC takes out the Berlin occurrence at that instant, a DATE EXDATE that
        // day; a DATE RDATE is that day at the series' time; COUNT=5 ends before UNTIL.
        #expect(result.traces.map(\.key) == ["mixed/20260202T090000Z", "mixed/20260218T090000Z", "mixed/20260223T090000Z",
                                             "mixed/20260302T090000Z"])
        #expect(result.warnings.map(\.description) == [
            "line 11: EXRULE (deprecated since RFC 5545) is not supported; ignored",
            "line 15: RANGE=THISANDFUTURE is read as this occurrence only",
        ])
    }

    @Test func theStartCountsEvenWhenTheRuleMissesIt() {
        // DTSTART on a Wednesday, rule on Mondays: the Wednesday is still the first meeting.
        let result = capture(calendar("BEGIN:VEVENT\nUID:w\nDTSTART:20260204T100000Z\nRRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=2\nEND:VEVENT"))
        #expect(result.traces.map(\.date.iso) == ["2026-02-04", "2026-02-09", "2026-02-16"])
    }

    @Test func aDateUntilKeepsThatWholeDay() {
        let result = capture(calendar("BEGIN:VEVENT\nUID:u\nDTSTART:20260302T150000Z\nRRULE:FREQ=DAILY;UNTIL=20260304\nEND:VEVENT"))
        #expect(result.traces.map(\.date.iso) == ["2026-03-02", "2026-03-03", "2026-03-04"])
    }

    @Test func sinceLeavesOutOlderOccurrences() {
        let options = CalendarReader.Options(today: day("2026-03-10"), since: day("2026-03-01"), localOffset: { _ in 0 })
        let result = CalendarReader.read(Array(calendar("BEGIN:VEVENT\nUID:d\nDTSTART:20100104T100000Z\nRRULE:FREQ=WEEKLY\nEND:VEVENT").utf8),
                                         source: "x", options: options)
        #expect(result.traces.map(\.date.iso) == ["2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23"])
    }

    // MARK: - Keys and files

    @Test func readingAgainGivesTheSameKeys() {
        let text = calendar("""
            BEGIN:VEVENT
            DTSTART:20260302T100000Z
            SUMMARY:No UID here
            ORGANIZER:mailto:bob@example.com
            END:VEVENT
            BEGIN:VEVENT
            UID:r
            DTSTART;VALUE=DATE:20260101
            RRULE:FREQ=MONTHLY
            END:VEVENT
            """)
        let first = capture(text).traces.map(\.key), second = capture(text).traces.map(\.key)
        #expect(first == second)
        #expect(first.count == 4)
        #expect(first.contains { $0.hasPrefix("kith-") && $0.hasSuffix("/20260302T100000Z") })
    }

    @Test func oneEventInSeveralFilesIsReadOnceTheNewestWinning() {
        var reader = CalendarReader(options: .init(today: day("2026-03-10"), localOffset: { _ in 0 }))
        let old = calendar("BEGIN:VEVENT\nUID:same\nSEQUENCE:1\nDTSTART:20260302T100000Z\nSUMMARY:Old title\nEND:VEVENT")
        let new = calendar("BEGIN:VEVENT\nUID:same\nSEQUENCE:2\nDTSTART:20260302T100000Z\nSUMMARY:New title\nEND:VEVENT")
        reader.read(Array(new.utf8), source: "b.ics")
        reader.read(Array(old.utf8), source: "a.ics")
        reader.read(Array(new.utf8), source: "c.ics")
        let traces = reader.finish().traces
        #expect(traces.map(\.subject) == ["New title"])
        #expect(traces.map(\.file) == ["c.ics"])
    }

    // MARK: - Bad input

    @Test func badInputIsWarnedAboutAtItsLineAndTheRestIsRead() {
        let text = """
            BEGIN:VCALENDAR
            VERSION:2.0
            BEGIN:VEVENT
            UID:bad-rule
            DTSTART;TZID=Europe/London:20190801T140000
            RRULE:FREQ=WEEKLY;UNTL=20191023;BYDAY=TH;WKST=SU
            END:VEVENT
            BEGIN:VEVENT
            UID:no-start
            SUMMARY:When?
            END:VEVENT
            BEGIN:VEVENT
            UID:bad-start
            DTSTART:2026-02-30
            END:VEVENT
            BEGIN:VEVENT
            UID:good
            DTSTART:20260302T100000Z
            DTEND:soon
            EXDATE:never
            this line has no colon
            END:VEVENT
            END:VTODO
            BEGIN:VEVENT
            UID:cut-short
            DTSTART:20260303T100000Z
            BEGIN:VEVENT
            UID:also-good
            DTSTART:20260304T100000Z
            END:VEVENT
            BEGIN:VEVENT
            UID:truncated
            DTSTART:20260305T100000Z
            """
        let result = capture(text)
        #expect(result.traces.map(\.key) == ["good/20260302T100000Z", "also-good/20260304T100000Z"])
        #expect(result.warnings.map(\.description) == [
            "line 5: time zone \"Europe/London\" has no VTIMEZONE in the file; Kith's own table of its offsets is used",
            "line 6: recurrence rule \"FREQ=WEEKLY;UNTL=20191023;BYDAY=TH;WKST=SU\" cannot be read (UNTL is not a part of a recurrence rule); event skipped",
            "line 8: event has no DTSTART; skipped",
            "line 14: start \"2026-02-30\" is not a date; event skipped",
            "line 19: end \"soon\" is not a date; ignored",
            "line 20: exception dates \"never\" cannot be read; ignored",
            "line 21: \"this line has no colon\" is not a property; ignored",
            "line 23: END:VTODO without BEGIN:VTODO; ignored",
            "line 24: event has no END:VEVENT before the next event; skipped",
            "line 31: event has no END:VEVENT; skipped",
        ])
    }

    @Test func byteOrderMarksUTF16AndOldMacLineEndsAreRead() {
        let text = calendar("BEGIN:VEVENT\nUID:enc\nDTSTART:20260302T100000Z\nSUMMARY:Café\nEND:VEVENT")
        let utf16LE: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let utf16BE: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let variants: [[UInt8]] = [[0xEF, 0xBB, 0xBF] + Array(text.utf8), utf16LE, utf16BE,
                                   Array(text.utf8).filter { $0 != 0x0A }]
        for bytes in variants {
            let result = CalendarReader.read(bytes, source: "x", options: .init(today: day("2026-03-10"), localOffset: { _ in 0 }))
            #expect(result.warnings == [])
            #expect(result.traces.map(\.subject) == ["Café"])
        }
    }

    @Test func textThatIsNotACalendarSaysSo() {
        #expect(capture("hello\nworld\n").warnings.map(\.description) == ["line 1: not an iCalendar file (no BEGIN:VCALENDAR)"])
        #expect(capture("").warnings.isEmpty && capture("").traces.isEmpty)
        // Random bytes never crash it.
        var random = SeededBytes(seed: 7)
        for _ in 0..<200 {
            var text = Array(calendar("BEGIN:VEVENT\nUID:x\nDTSTART:20260302T100000Z\nRRULE:FREQ=DAILY;COUNT=3\nEND:VEVENT").utf8)
            for _ in 0..<8 { text[random.below(text.count)] = random.byte() }
            _ = CalendarReader.read(text, source: "x", options: .init(today: day("2026-03-10"), localOffset: { _ in 0 }))
        }
    }

    @Test func parametersMayBeQuotedAndCaretEscaped() throws {
        let line = #"ATTENDEE;CN="Dr. O^'Neil; MD: ^^ret";X-ODD="a:b;c",d;RSVP=TRUE:mailto:oneil@example.com"#
        let property = try #require(ICalendarProperty(Array(line.utf8)[...], line: 1))
        #expect(property.name == .attendee)
        #expect(property.parameter("PARTSTAT") == nil && property.parameter("RSVP", is: "true"))
        #expect(property.parameter("CN") == "Dr. O\"Neil; MD: ^ret")
        #expect(property.parameter("X-ODD") == "a:b;c,d")
        #expect(property.raw == "mailto:oneil@example.com")
        #expect(ICalendarProperty(Array("summary;language=en:Hi".utf8)[...], line: 1)?.name == .summary)
        #expect(ICalendarProperty(Array("X-Whatever:1".utf8)[...], line: 1)?.name == .other)
        #expect(ICalendarProperty(Array("no colon here".utf8)[...], line: 1) == nil)
        #expect(ICalendarProperty.unescaped(Array(#"a\\b\,c\;d\ne\Nf"#.utf8)[...]) == "a\\b,c;d\ne\nf")
    }
}

/// SplitMix64 bytes for the no-crash test.
struct SeededBytes {
    var generator: SeededGenerator
    init(seed: UInt64) { generator = SeededGenerator(seed: seed) }
    mutating func below(_ n: Int) -> Int { Int(generator.next() % UInt64(n)) }
    mutating func byte() -> UInt8 { [UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "\n"), 0x20, 0xFF, UInt8(ascii: "="),
                                     UInt8(ascii: "Z"), UInt8(ascii: "9"), UInt8(ascii: "\"")][below(9)] }
}
