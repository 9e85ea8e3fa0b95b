import Foundation
import KithText
import KithTime
import Testing
@testable import KithCapture

/// Kith's recurrence expansion against a reference implementation: python-dateutil's `rrule`,
/// run in a python3 child process on thousands of rules generated from a seed. Every
/// occurrence — day and time — must agree.
///
/// python3 and dateutil are required, not optional: without them this test fails (CI installs
/// them: Debian's `python3-dateutil`, or `pip install python-dateutil`).
///
/// The generator avoids the few places where Kith follows RFC 5545 and dateutil does not (see
/// `RecurrenceRule.expand`): BYDAY mixing plain days and ordinals, and BYSETPOS in a WEEKLY rule
/// whose start is not on the week's first day. `knownDifferences` pins down both.
@Suite struct RecurrenceReferenceTests {
    struct Case {
        var start: String
        var rule: String
        var limit: String
    }

    /// At most this many occurrences of a rule are compared.
    static let cap = 400

    @Test func generatedRulesExpandAsDateutilExpandsThem() throws {
        let seed = UInt64(ProcessInfo.processInfo.environment["KITH_RRULE_SEED"] ?? "") ?? 20_260_310
        let count = Int(ProcessInfo.processInfo.environment["KITH_RRULE_CASES"] ?? "") ?? 3000
        var random = SeededGenerator(seed: seed)
        let cases = (0..<count).map { _ in Self.generate(&random) }
        guard let reference = try dateutil(cases) else { return }  // the failure is recorded
        try #require(reference.count == cases.count, "python printed \(reference.count) lines for \(cases.count) rules")

        var failures = 0, occurrences = 0, empty = 0
        for (item, expected) in zip(cases, reference) {
            let rule = try RecurrenceRule.parse(item.rule)
            var got: [String] = []
            let until = rule.until.map(\.wall)
            rule.expand(start: wall(item.start), until: until, limit: wall(item.limit)) {
                if got.count < Self.cap { got.append(stamp($0, time: true)) }
            }
            occurrences += got.count
            if got.isEmpty { empty += 1 }
            if got.joined(separator: " ") != expected {
                failures += 1
                if failures <= 10 {
                    Issue.record("""
                        DTSTART:\(item.start) RRULE:\(item.rule) through \(item.limit)
                          kith:     \(got.prefix(12).joined(separator: " "))\(got.count > 12 ? " … (\(got.count))" : "")
                          dateutil: \(expected.split(separator: " ").prefix(12).joined(separator: " "))\
                        \(expected.split(separator: " ").count > 12 ? " … (\(expected.split(separator: " ").count))" : "")
                        """)
                }
            }
        }
        print("RecurrenceReferenceTests: \(cases.count) rules (seed \(seed)), \(occurrences) occurrences, \(empty) rules with none, \(failures) differing")
        #expect(failures == 0)
        // The generator must exercise something: most rules have occurrences.
        #expect(occurrences > cases.count * 5)
        #expect(empty < cases.count / 10)
    }

    /// Where Kith follows RFC 5545 rather than dateutil (documented in `RecurrenceRule.expand`
    /// and docs/calendar-capture.md).
    @Test func knownDifferences() {
        // BYDAY=MO,2TU: every Monday and the second Tuesday (dateutil: days that are both, none).
        #expect(occurrences("FREQ=MONTHLY;BYDAY=MO,2TU", "20260301", through: "20260331")
                == ["20260302", "20260309", "20260310", "20260316", "20260323", "20260330"])
        // BYSETPOS=1 of a week starting Monday, from a Wednesday: the week's first pick (Monday)
        // is before the start, so the first occurrence is the next week's (dateutil: the Wednesday).
        #expect(occurrences("FREQ=WEEKLY;BYDAY=MO,WE,FR;BYSETPOS=1;COUNT=2", "20260304") == ["20260309", "20260316"])
    }

    /// BYWEEKNO with WKST=MO is ISO 8601's week number: Kith's YEARLY rule for each week number,
    /// every day of the week, gives exactly the days Foundation's ISO 8601 calendar puts in that
    /// week — including the early-January days of the previous year's week 52 or 53 that
    /// dateutil gets wrong (dateutil/dateutil#1537).
    @Test func weekNumbersAreISO8601Weeks() throws {
        var iso = Calendar(identifier: .iso8601)
        iso.timeZone = TimeZone(identifier: "UTC")!
        let first = CalendarDate(year: 2000, month: 1, day: 1)!.daysSinceEpoch
        let last = CalendarDate(year: 2030, month: 12, day: 31)!.daysSinceEpoch
        var weekOf: [Int: (week: Int, weeks: Int)] = [:]
        for day in first...last {
            let date = Date(timeIntervalSince1970: TimeInterval(day * 86_400))
            let week = iso.component(.weekOfYear, from: date)
            let weekYear = iso.component(.yearForWeekOfYear, from: date)
            // December 28 is always in its year's last week.
            let december28 = iso.date(from: DateComponents(year: weekYear, month: 12, day: 28))!
            weekOf[day] = (week, iso.component(.weekOfYear, from: december28))
        }
        for number in Array(1...53) + [-1, -2] {
            let rule = try RecurrenceRule.parse("FREQ=YEARLY;BYWEEKNO=\(number);BYDAY=MO,TU,WE,TH,FR,SA,SU")
            var kith: [Int] = []
            rule.expand(start: first * 86_400, until: nil, limit: last * 86_400) { kith.append($0 / 86_400) }
            let expected = (first...last).filter { day in
                let (week, weeks) = weekOf[day]!
                return number > 0 ? week == number : week - weeks - 1 == number
            }
            #expect(kith == expected, "BYWEEKNO=\(number)")
        }
        // The two dateutil cases this test was written for.
        #expect(occurrences("FREQ=YEARLY;BYSETPOS=1;UNTIL=20180818T030000;BYWEEKNO=53", "20051108T150000", through: "20180818T030000")
                == ["20091228", "20100101", "20151228", "20160101"])  // 2011-01-01 is in 2010's week 52
        #expect(occurrences("FREQ=YEARLY;BYWEEKNO=52;WKST=TU;BYDAY=MO,TH;COUNT=6", "20200204T030000")
                == ["20201224", "20201228", "20211223", "20211227", "20221229", "20230102"])
    }

    // MARK: - The reference

    static let script = #"""
        import datetime, sys
        try:
            from dateutil.rrule import rrulestr
        except ImportError:
            print("NO-DATEUTIL")
            sys.exit(3)
        import warnings
        warnings.simplefilter("ignore")
        fmt = "%Y%m%dT%H%M%S"
        cap = int(sys.argv[1])
        for line in sys.stdin:
            start, rule, limit = line.rstrip("\n").split("\t")
            dtstart = datetime.datetime.strptime(start, fmt)
            end = datetime.datetime.strptime(limit, fmt)
            try:
                r = rrulestr(rule, dtstart=dtstart)
                r = r.replace(until=min(r._until, end) if r._until else end)
                # dateutil checks UNTIL only against the occurrences it finds, so after a rule's
                # last one it searches on until datetime.MAXYEAR, which it reads as it goes:
                # a year past the end stops it there.
                datetime.MAXYEAR = end.year + 1
                out = []
                for occurrence in r:
                    if len(out) >= cap:
                        break
                    out.append(occurrence.strftime(fmt))
                print(" ".join(out))
            except Exception as error:
                print("ERROR " + type(error).__name__ + ": " + str(error).replace("\n", " "))
        """#

    static let install = "the recurrence reference test needs python3 with dateutil: apt-get install python3-dateutil, "
        + "or pip install python-dateutil for the python3 on PATH"

    /// Each case's occurrences as dateutil gives them, one line per case; nil (and a recorded
    /// failure) without python3 or dateutil.
    func dateutil(_ cases: [Case]) throws -> [String]? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script, String(Self.cap)]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            Issue.record(Comment(rawValue: "python3 cannot be started (\(error)); " + Self.install))
            return nil
        }
        let text = cases.map { "\($0.start)\t\($0.rule)\t\($0.limit)\n" }.joined()
        if let path = ProcessInfo.processInfo.environment["KITH_RRULE_DUMP"] {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))  // to replay in python alone
        }
        // Write on another thread: python answers while it reads, and a full pipe would block both.
        let writer = Thread {
            input.fileHandleForWriting.write(Data(text.utf8))
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        if lines.first == "NO-DATEUTIL" || process.terminationStatus != 0 {
            let message = lines.first == "NO-DATEUTIL" ? "python3 has no dateutil module; " + Self.install
                : process.terminationStatus == 127 ? "python3 is not on PATH; " + Self.install
                : "python3 failed (status \(process.terminationStatus)): \(String(decoding: stderr, as: UTF8.self))"
            Issue.record(Comment(rawValue: message))
            return nil
        }
        for (index, line) in lines.enumerated() where line.hasPrefix("ERROR ") {
            Issue.record("dateutil could not read case \(index) (\(cases[index].rule)): \(line)")
        }
        return lines
    }

    // MARK: - The generator

    static let days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    static func generate(_ random: inout SeededGenerator) -> Case {
        func below(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
        func chance(_ percent: Int) -> Bool { below(100) < percent }
        func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
        func some<T: Hashable>(_ make: () -> T, _ most: Int) -> [T] {
            var set: [T] = []
            for _ in 0..<(1 + below(most)) {
                let item = make()
                if !set.contains(item) { set.append(item) }
            }
            return set
        }
        func signed(_ most: Int) -> Int { (1 + below(most)) * (chance(30) ? -1 : 1) }

        let frequency = pick(["DAILY", "WEEKLY", "WEEKLY", "MONTHLY", "MONTHLY", "MONTHLY", "YEARLY", "YEARLY"])
        let isDate = chance(25)
        var start = CalendarDate(daysSinceEpoch: CalendarDate(year: 1998, month: 1, day: 1)!.daysSinceEpoch + below(31 * 365))
        var parts = ["FREQ=" + frequency]
        let weekStart = chance(30) ? below(7) : 0
        var dayCount = 0

        switch frequency {
        case "DAILY":
            if chance(40) { parts.append("BYDAY=" + some({ pick(days) }, 4).joined(separator: ",")); dayCount = 2 }
            if chance(20) { parts.append("BYMONTH=" + some({ String(1 + below(12)) }, 3).joined(separator: ",")) }
            if chance(10) { parts.append("BYMONTHDAY=" + some({ String(signed(31)) }, 3).joined(separator: ",")) }
        case "WEEKLY":
            if chance(60) {
                let byDay = some({ pick(days) }, 4)
                parts.append("BYDAY=" + byDay.joined(separator: ","))
                dayCount = byDay.count
            }
            if chance(10) { parts.append("BYMONTH=" + some({ String(1 + below(12)) }, 4).joined(separator: ",")) }
        case "MONTHLY":
            switch below(4) {
            case 0:
                let byDay = some({ pick(days) }, 4)
                parts.append("BYDAY=" + byDay.joined(separator: ","))
                dayCount = byDay.count * 4
            case 1:
                parts.append("BYDAY=" + some({ "\(signed(5))\(pick(days))" }, 2).joined(separator: ","))
                dayCount = 1
            case 2:
                let byMonthDay = some({ String(signed(31)) }, 4)
                parts.append("BYMONTHDAY=" + byMonthDay.joined(separator: ","))
                dayCount = byMonthDay.count
            default:
                break
            }
            if chance(15) { parts.append("BYMONTH=" + some({ String(1 + below(12)) }, 6).joined(separator: ",")) }
            if chance(10) && !parts.contains(where: { $0.hasPrefix("BYMONTHDAY") }) {
                parts.append("BYMONTHDAY=" + some({ String(signed(31)) }, 8).joined(separator: ","))
            }
        default:  // YEARLY
            let byMonth = chance(50)
            if byMonth { parts.append("BYMONTH=" + some({ String(1 + below(12)) }, 3).joined(separator: ",")) }
            switch below(6) {
            case 0:
                parts.append("BYDAY=" + some({ pick(days) }, 3).joined(separator: ","))
                dayCount = 10
            case 1:
                parts.append("BYDAY=" + some({ "\(signed(byMonth ? 5 : 53))\(pick(days))" }, 2).joined(separator: ","))
                dayCount = 1
            case 2:
                parts.append("BYMONTHDAY=" + some({ String(signed(31)) }, 3).joined(separator: ","))
                dayCount = 2
            case 3 where !byMonth:
                parts.append("BYYEARDAY=" + some({ String(signed(366)) }, 3).joined(separator: ","))
                dayCount = 2
            case 4:
                // Not 52 or 53: dateutil miscounts the weeks of the previous year for the days of early
                // January that belong to its last week (dateutil/dateutil#1537);
                // `weekNumbersAreISO8601Weeks` holds those to Foundation's ISO 8601 calendar instead.
                let weeks = some({ chance(25) ? -(1 + below(3)) : 1 + below(51) }, 2)
                parts.append("BYWEEKNO=" + weeks.map(String.init).joined(separator: ","))
                if chance(70) { parts.append("BYDAY=" + some({ pick(days) }, 3).joined(separator: ",")) }
                dayCount = 2
            default:
                break
            }
        }
        if dayCount >= 2 && frequency != "DAILY" && chance(30) {
            parts.append("BYSETPOS=" + some({ String(signed(min(dayCount, 4))) }, 2).joined(separator: ","))
            if frequency == "WEEKLY" {
                // dateutil counts a week's positions from DTSTART, RFC 5545 from the week's start:
                // start on the first day of a week so the two agree.
                start = start.adding(days: -((start.weekday.rawValue - weekStart + 7) % 7))
            }
        }
        if !isDate && frequency != "YEARLY" && chance(12) {
            parts.append("BYHOUR=" + some({ String(below(24)) }, 2).joined(separator: ","))
            if chance(50) { parts.append("BYMINUTE=" + some({ String(below(60)) }, 2).joined(separator: ",")) }
        }
        if chance(50) { parts.append("INTERVAL=\(1 + below(frequency == "DAILY" ? 10 : 4))") }
        if weekStart != 0 || chance(20) { parts.append("WKST=" + days[weekStart]) }

        let time = isDate ? 0 : below(24) * 3600 + pick([0, 15, 30, 45]) * 60 + (chance(10) ? 30 : 0)
        let startWall = start.daysSinceEpoch * 86_400 + time
        let span = ["DAILY": 400, "WEEKLY": 1500, "MONTHLY": 3000, "YEARLY": 9000][frequency]!
        switch below(3) {
        case 0:
            parts.append("COUNT=\(1 + below(40))")
        case 1:
            let until = startWall + (below(span) + 1) * 86_400 + (isDate ? 0 : below(24) * 3600)
            parts.append("UNTIL=" + stamp(until, time: !isDate))
        default:
            break
        }
        // Parts in a shuffled order: readers must not care.
        var rest = Array(parts.dropFirst())
        for index in rest.indices.reversed() { rest.swapAt(index, below(index + 1)) }
        return Case(start: stamp(startWall, time: true), rule: ([parts[0]] + rest).joined(separator: ";"),
                    limit: stamp(startWall + span * 86_400, time: true))
    }
}
