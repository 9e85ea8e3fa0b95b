import Foundation
import KithTime
import Testing
@testable import KithCapture

/// The calendars under `Fixtures/`, written for these tests in the dialects real exports use:
/// Google Calendar, Exchange/Outlook (Windows zone names, Teams), iCloud, a vdirsyncer folder of
/// one-event files, and a broken file. Read as Alex Morgan in Berlin on 2026-03-10.
@Suite struct FixtureTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let options = CalendarReader.Options(today: day("2026-03-10"), horizonDays: 14, owner: ["Alex.Morgan@example.com"],
                                                localOffset: berlinOffset)

    static func read(_ name: String) throws -> CalendarCapture {
        CalendarReader.read(Array(try Data(contentsOf: folder.appendingPathComponent(name))), source: name, options: options)
    }

    /// One line per trace: day, past or future, channel, key, subject, organiser → attendees.
    static func rows(_ traces: [Trace]) -> [String] {
        traces.map { trace in
            let to = trace.to.map { $0.name ?? $0.email ?? $0.phone ?? "?" }.joined(separator: ", ")
            let cc = trace.cc.isEmpty ? "" : " cc " + trace.cc.map { $0.name ?? $0.email ?? "?" }.joined(separator: ", ")
            return "\(trace.date.iso) \(trace.isFuture ? "future" : "past") \(trace.channel) \(trace.key) "
                + "\"\(trace.subject ?? "")\" \(trace.from?.name ?? trace.from?.email ?? "-") → \(to)\(cc)"
        }
    }

    @Test func google() throws {
        let result = try Self.read("google.ics")
        #expect(result.warnings == [])
        let oneToOne = "3m7kq0v1dtl4fh2u9s5e8r6c1b@google.com", team = "7kqs9a4pd2m1b8c3v6n0x5z7w1@google.com"
        let split = "7kqs9a4pd2m1b8c3v6n0x5z7w1_R20260205T130000@google.com"
        #expect(Self.rows(result.traces) == [
            "2026-01-08 past meeting \(team)/20260108T140000Z \"Team sync\" Sam Lee → Aisha Rahman, Alex Morgan",
            "2026-01-12 past video \(oneToOne)/20260112T090000Z \"Diane / Alex 1:1\" Alex Morgan → Diane Smith",
            "2026-01-15 past meeting \(team)/20260115T140000Z \"Team sync\" Sam Lee → Aisha Rahman, Alex Morgan",
            "2026-01-19 past video \(oneToOne)/20260119T090000Z \"Diane / Alex 1:1\" Alex Morgan → Diane Smith",
            "2026-01-22 past meeting \(team)/20260122T140000Z \"Team sync\" Sam Lee → Aisha Rahman, Alex Morgan",
            "2026-01-29 past meeting \(team)/20260129T140000Z \"Team sync\" Sam Lee → Aisha Rahman, Alex Morgan",
            "2026-02-02 past video \(oneToOne)/20260202T090000Z \"Diane / Alex 1:1\" Alex Morgan → Diane Smith",
            "2026-02-05 past meeting \(split)/20260205T130000Z \"Team sync\" Sam Lee → Aisha Rahman, Alex Morgan",
            "2026-02-09 past video \(oneToOne)/20260209T090000Z \"Diane / Alex 1:1\" Alex Morgan → Diane Smith",
            "2026-02-12 past meeting \(split)/20260212T130000Z \"Team sync\" Sam Lee → Aisha Rahman, Alex Morgan",
            "2026-02-19 past meeting \(split)/20260219T130000Z \"Team sync\" Sam Lee → Aisha Rahman, Alex Morgan",
            "2026-02-20 past meeting offsite-2026@acme.example/20260220 \"Acme offsite\" Diane Smith → Alex Morgan, Marcus Webb",
            "2026-02-23 past video \(oneToOne)/20260223T090000Z \"Diane / Alex 1:1\" Alex Morgan → Diane Smith",
            "2026-02-26 past meeting \(split)/20260226T130000Z \"Team sync\" Sam Lee → Aisha Rahman, Alex Morgan",
            "2026-03-03 past video \(oneToOne)/20260302T090000Z \"Diane / Alex 1:1 (moved)\" Alex Morgan → Diane Smith",
            "2026-03-04 past call 1d2c3b4a5f6e7d8c9b0a1f2e3d@google.com/20260304T170000Z \"Bob\" Alex Morgan → Robert Stone",
            "2026-03-09 past video \(oneToOne)/20260309T090000Z \"Diane / Alex 1:1\" Alex Morgan → Diane Smith",
            "2026-03-12 future meeting 5e6f7a8b9c0d1e2f3a4b5c6d7e@google.com/20260312T113000Z \"Lunch with Zoë\" Alex Morgan → Zoë Laurent",
            "2026-03-16 future video \(oneToOne)/20260316T090000Z \"Diane / Alex 1:1\" Alex Morgan → Diane Smith",
            "2026-03-23 future video \(oneToOne)/20260323T090000Z \"Diane / Alex 1:1\" Alex Morgan → Diane Smith",
        ])
        #expect(result.skipped.map { "\($0.line) \($0.uid) \($0.reason)" } == [
            "76 \(oneToOne) cancelled", "127 wl_2hmv0a9b8c7d6e5f4g3h2j1k0l@google.com free",
            "140 040f2c3e-vendor-pitch@vendor.example declined",
        ])
        #expect(result.traces.first { $0.subject == "Bob" }?.to.first?.email == "bob@stone.example")
    }

    @Test func outlook() throws {
        let result = try Self.read("outlook.ics")
        #expect(result.warnings == [])
        let falcon = "040000008200E00074C5B7101A82E00800000000A0B1C2D3E4F5DA0100000000000000001000000091A2B3C4D5E6F708192A3B4C5D6E7F80"
        let marcus = "040000008200E00074C5B7101A82E008000000001122334455DA01000000000000000010000000AA11BB22CC33DD44EE55FF6600778899"
        let priya = "040000008200E00074C5B7101A82E0080000000099887766DA0100000000000000001000000055667788990011223344556677889900"
        #expect(Self.rows(result.traces) == [
            "2025-10-31 past meeting \(priya)/20251031T160000Z \"Mentoring with Priya\" Alex Morgan → Priya Natarajan",
            "2025-11-28 past meeting \(priya)/20251128T160000Z \"Mentoring with Priya\" Alex Morgan → Priya Natarajan",
            "2025-12-26 past meeting \(priya)/20251226T160000Z \"Mentoring with Priya\" Alex Morgan → Priya Natarajan",
            "2026-01-30 past meeting \(priya)/20260130T160000Z \"Mentoring with Priya\" Alex Morgan → Priya Natarajan",
            "2026-02-04 past video \(falcon)/20260204T083000Z \"Project Falcon sync\" Hannah Schmidt → Alex Morgan, Sophie Wagner",
            "2026-02-25 past video \(falcon)/20260225T083000Z \"Project Falcon sync\" Hannah Schmidt → Alex Morgan, Sophie Wagner",
            "2026-02-27 past meeting \(priya)/20260227T160000Z \"Mentoring with Priya\" Alex Morgan → Priya Natarajan",
            "2026-03-05 past video \(falcon)/20260304T083000Z \"Project Falcon sync (Thursday this week)\" Hannah Schmidt → Alex Morgan, Sophie Wagner",
            // 16:00 in Seattle on the 5th is 01:00 on the 6th in Berlin.
            "2026-03-06 past call \(marcus)/20260306T000000Z \"Call with Marcus\" Marcus Webb → Alex Morgan",
            "2026-03-11 future video \(falcon)/20260311T083000Z \"Project Falcon sync\" Hannah Schmidt → Alex Morgan, Sophie Wagner",
            "2026-03-18 future video \(falcon)/20260318T083000Z \"Project Falcon sync\" Hannah Schmidt → Alex Morgan, Sophie Wagner",
        ])
        #expect(result.skipped.map(\.reason) == [.cancelled, .free])
        // Exchange writes addresses as they were typed: they come out lowercased.
        #expect(result.traces[4].from?.email == "hannah.schmidt@falcon.example")
        #expect(result.traces[4].to.map(\.email) == ["alex.morgan@example.com", "sophie.wagner@falcon.example"])
    }

    @Test func apple() throws {
        let result = try Self.read("apple.ics")
        #expect(result.warnings == [])
        let mum = "2B7D4F6A-8C1E-4A3B-9D5F-7E0A1C3B5D7F"
        #expect(Self.rows(result.traces) == [
            // A floating time: 17:00 wherever the user is.
            "2026-02-10 past meeting 9F8E7D6C-5B4A-3928-1706-F5E4D3C2B1A0/20260210T170000 \"Book club at Julia's\" - → Julia Rossi",
            "2026-03-01 past video \(mum)/20260301T160000Z \"Sunday FaceTime with Mum\" Alex Morgan → Linda Morgan",
            // 19:00 in New York is 01:00 the next day in Berlin.
            "2026-03-07 past meeting 8C5F2D9E-3B1A-4E7C-9F0D-2A6B4C8E1D3F/20260307T000000Z \"Dinner with Carol & Bob\" Carol Jones → Alex Morgan, Robert Stone",
            // New York's summer time starts on March 8: still 11:00 there, an hour earlier in UTC.
            "2026-03-08 past video \(mum)/20260308T150000Z \"Sunday FaceTime with Mum\" Alex Morgan → Linda Morgan",
            "2026-03-15 future video \(mum)/20260315T150000Z \"Sunday FaceTime with Mum\" Alex Morgan → Linda Morgan",
            "2026-03-22 future video \(mum)/20260322T150000Z \"Sunday FaceTime with Mum\" Alex Morgan → Linda Morgan",
        ])
        // Addresses iCloud gives only in EMAIL= (the value is a principal path or a urn).
        #expect(result.traces[2].to.map(\.email) == ["alex.morgan@example.com", "bob@stone.example"])
        #expect(result.skipped.map { "\($0.uid) \($0.reason)" } == ["5A1B2C3D-4E5F-6A7B-8C9D-0E1F2A3B4C5D free"])
    }

    @Test func aVdirsyncerFolder() throws {
        let folder = Self.folder.appendingPathComponent("vdirsyncer")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names.count == 4)
        var reader = CalendarReader(options: Self.options)
        var warnings: [String: [CaptureWarning]] = [:]
        for name in names {
            warnings[name] = reader.read(Array(try Data(contentsOf: folder.appendingPathComponent(name))), source: name)
        }
        let capture = reader.finish()
        #expect(Self.rows(capture.traces) == [
            "2026-01-08 past meeting b0f3c1e2-book-club/20260108T183000Z \"Book club\" Julia Rossi → Alex Morgan, Zoë Laurent",
            "2026-02-13 past meeting b0f3c1e2-book-club/20260212T183000Z \"Book club (Friday this time)\" Julia Rossi → Alex Morgan",
            // In two files (two calendars it was on): one trace, from the last read.
            "2026-02-26 past meeting 5d1e8a0c-coffee/20260226T073000Z \"Coffee with Priya\" Alex Morgan → Priya Natarajan",
            // An invitation to one occurrence of a series the folder does not have.
            "2026-03-05 past video 0a9b8c7d6e5f4a3b2c1d0e9f8a@google.com/20260305T140000Z \"Design review\" Sam Lee → Alex Morgan, Aisha Rahman",
            "2026-03-12 future meeting b0f3c1e2-book-club/20260312T183000Z \"Book club\" Julia Rossi → Alex Morgan, Zoë Laurent",
        ])
        #expect(capture.traces[2].file == "shared-5d1e8a0c-coffee.ics")
        let coffee = "time zone \"Europe/Berlin\" has no VTIMEZONE in the file; Kith's own table of its offsets is used"
        #expect(warnings["5d1e8a0c-coffee.ics"] == [CaptureWarning(line: 13, message: coffee)])
        #expect(warnings["shared-5d1e8a0c-coffee.ics"] == [CaptureWarning(line: 13, message: coffee)])
        #expect(warnings["b0f3c1e2-book-club.ics"] == [] && warnings["e9a7-occurrence-invite.ics"] == [])
    }

    @Test func aBrokenFile() throws {
        let result = try Self.read("broken.ics")
        #expect(Self.rows(result.traces) == ["2026-03-02 past meeting fine/20260302T100000Z \"Still read\" - → "])
        #expect(result.warnings.map(\.description) == [
            "line 6: time zone \"Europe/London\" has no VTIMEZONE in the file; Kith's own table of its offsets is used",
            "line 11: recurrence rule \"FREQ=WEEKLY;UNTL=20191023;BYDAY=TH;WKST=SU\" cannot be read (UNTL is not a part of a recurrence rule); event skipped",
            "line 23: recurrence rule \"FREQ=HOURLY;INTERVAL=3;COUNT=3\" cannot be read (FREQ=HOURLY is not supported: Kith reads events that repeat daily or less often); event skipped",
            "line 25: event has no END:VEVENT; skipped",
        ])
    }
}
