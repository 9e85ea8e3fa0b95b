import Foundation
import Testing

/// `kith today` through the real binary: its forms, --quiet, and delivery through real programs
/// — a mail through msmtp to a local SMTP sink (aiosmtpd), a stand-in notify-send and systemctl
/// on PATH that record their arguments. A tool these tests need and cannot find fails the test
/// with what to install; `.ci/run` installs them.
@Suite struct BriefCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// A folder for one test, removed when the test is done.
    final class Scratch {
        let url: URL
        init() throws { url = try KithProcess.temporaryDirectory() }
        deinit { try? FileManager.default.removeItem(at: url) }

        func path(_ name: String) -> String { url.appendingPathComponent(name).path }

        /// An executable shell script at `name`.
        @discardableResult
        func script(_ name: String, _ body: String) throws -> String {
            let path = self.path(name)
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
            return path
        }

        /// A script that records its arguments, NUL-separated, in `name.args`, then exits `status`.
        func recorder(_ name: String, status: Int = 0) throws {
            try script("bin/\(name)", "printf '%s\\0' \"$@\" >> '\(path(name + ".args"))'\nexit \(status)")
        }

        /// Every argument a recorder was given, run after run.
        func recorded(_ name: String) -> [String] {
            guard let data = FileManager.default.contents(atPath: path(name + ".args")) else { return [] }
            return String(decoding: data, as: UTF8.self).split(separator: "\0", omittingEmptySubsequences: false)
                .dropLast().map(String.init)
        }

        /// PATH with this folder's bin first, then the system's (or only it).
        func path(only: Bool = false) -> String {
            path("bin") + (only ? "" : ":/usr/local/bin:/usr/bin:/bin")
        }
    }

    // MARK: - One page, three forms, every mode

    @Test func theCommandAndTheWordsGiveTheSamePage() throws {
        let page = try KithProcess.run(["today", "--demo"])
        #expect(page.status == 0)
        #expect(page.stdout.hasPrefix("Your day, Tuesday, March 10, 2026\n\nReminders due\n"))
        #expect(page.stdout.hasSuffix("\n\nYesterday, with no note since\n  How did it go with Sam Lee? (a meeting)\n"))
        let oneShot = try KithProcess.run(["ask", "--demo", "what's up today"])
        #expect(oneShot.status == 0)
        #expect(oneShot.stdout == page.stdout)
        let script = try KithProcess.run(["run", "--demo", "-"], stdin: "brief me\nwhat should I do today\n")
        #expect(script.stdout == "> brief me\n" + page.stdout + "\n> what should I do today\n" + page.stdout)
    }

    @Test func jsonHasEverySectionAsAList() throws {
        let result = try KithProcess.run(["today", "--demo", "--json"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix(#"{"date": "2026-03-10", "birthdays": [], "reminders": [{"id": 2, "#))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["date", "birthdays", "reminders", "overdue", "follow_ups", "meetings"])
        #expect((object["overdue"] as? [[String: Any]])?.map { $0["person"] as? String } == ["Maya Goldberg", "Kenji Watanabe", "Laura Bianchi"])
        #expect((object["follow_ups"] as? [[String: Any]])?.first?["people"] as? [String] == ["Sam Lee"])
        #expect((object["meetings"] as? [Any])?.isEmpty == true)
    }

    @Test func markdownIsForNotes() throws {
        let result = try KithProcess.run(["today", "--demo", "--markdown"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("## Your day, Tuesday, March 10, 2026\n\n### Reminders due\n- [ ] #2 follow up on the Q2 budget proposal — overdue since Tue Mar 3\n"))
    }

    @Test func dateAndTodayBothSetTheDay() throws {
        let byDate = try KithProcess.run(["today", "--demo", "--date", "2026-03-21"])
        let byToday = try KithProcess.run(["today", "--demo", "--today", "2026-03-21"])
        let byEnvironment = try KithProcess.run(["today", "--demo"], environment: ["KITH_TODAY": "2026-03-21"])
        #expect(byDate.stdout.hasPrefix("Your day, Saturday, March 21, 2026\n\nBirthdays\n  today       Robert Stone  turns 44\n"))
        #expect(byToday.stdout == byDate.stdout)
        #expect(byEnvironment.stdout == byDate.stdout)
        #expect(try KithProcess.run(["today", "--demo", "--date", "2026-03-21", "--today", "2026-03-22"]).status == 2)
    }

    @Test(arguments: [
        ["--date", "2026-02-30"], ["--json", "--markdown"], ["--mail", "a@b, c@d"], ["--from", "me@example.com"],
        ["--at", "07:00"], ["--install-timer", "--at", "25:00"], ["--install-timer", "--remove-timer"],
        ["--install-timer", "--date", "2026-03-10"],
    ])
    func usageErrorsExitTwo(_ arguments: [String]) throws {
        let result = try KithProcess.run(["today", "--demo"] + arguments)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    // MARK: - Fixed days on a user's store

    /// Runs `lines` as a script on a store in `scratch`, on `day`.
    static func prepare(_ scratch: Scratch, on day: String, _ lines: String) throws -> [String] {
        let store = ["--store", scratch.path("kith.json")]
        let result = try KithProcess.run(["run", "-", "--today", day] + store, stdin: lines)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        return store
    }

    @Test func aLeapDayBirthdayAndARemindersYearOverdue() throws {
        let scratch = try Scratch()
        var store = try Self.prepare(scratch, on: "2026-02-20", """
            add Inês Carvalho as a friend
            Inês's birthday is 1992-02-29
            talked to Inês today
            remind me to send Inês the photos on 2026-02-27
            """)
        store += ["--no-color"]
        let page = try KithProcess.run(["today", "--date", "2027-02-27"] + store)
        #expect(page.status == 0)
        #expect(page.stdout == """
            Your day, Saturday, February 27, 2027

            Birthdays
              Sun Feb 28  Inês Carvalho  turns 35; born on February 29, kept on the 28th this year

            Reminders due
              #1  overdue since Feb 27, 2026  send Inês the photos

            Reach out
              Inês Carvalho  last talked Feb 20, 2026 (372 days ago)  you aim for every month

            """)
        let json = try KithProcess.run(["today", "--json", "--date", "2027-02-27"] + store)
        #expect(json.stdout.contains(#""birthdays": [{"date": "2027-02-28", "person": "Inês Carvalho", "turns": 35, "from_feb_29": true}]"#))
        #expect(json.stdout.contains(#""overdue_days": 365"#))
    }

    @Test func anEmptyStoreIsQuietAndNotCreated() throws {
        let scratch = try Scratch()
        let store = ["--store", scratch.path("kith.json"), "--today", "2026-03-10"]
        let quiet = try KithProcess.run(["today", "--quiet"] + store)
        #expect(quiet.status == 0)
        #expect(quiet.stdout.isEmpty && quiet.stderr.isEmpty)
        let page = try KithProcess.run(["today"] + store)
        #expect(page.stdout.hasPrefix("Nothing to do today (Tuesday, March 10, 2026): no birthdays in the next 7 days"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("kith.json")))
    }

    @Test func aStoreWithNothingDueIsQuietEvenWhenItWouldDeliver() throws {
        let scratch = try Scratch()
        let store = try Self.prepare(scratch, on: "2026-03-10", """
            add Ann Lee as a friend
            talked to Ann yesterday
            remind me to call Ann on Friday
            """)
        try scratch.recorder("notify-send")
        try scratch.recorder("sendmail")
        let quiet = try KithProcess.run(["today", "--quiet", "--notify", "--mail", "me@example.com", "--today", "2026-03-10"] + store,
                                        environment: ["PATH": scratch.path()])
        #expect(quiet.status == 0)
        #expect(quiet.stdout.isEmpty && quiet.stderr.isEmpty)
        #expect(scratch.recorded("notify-send").isEmpty && scratch.recorded("sendmail").isEmpty)
        // Once the reminder is due, there is something to say.
        let due = try KithProcess.run(["today", "--quiet", "--today", "2026-03-13"] + store)
        #expect(due.stdout.contains("Reminders due\n  #1  today  call Ann"))
    }

    // MARK: - Notifications

    @Test func aNotificationGoesThroughNotifySend() throws {
        let scratch = try Scratch()
        try scratch.recorder("notify-send")
        let result = try KithProcess.run(["today", "--demo", "--notify"], environment: ["PATH": scratch.path()])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Your day, Tuesday, March 10, 2026\n"), "the page is still printed")
        let arguments = scratch.recorded("notify-send")
        #expect(arguments.count == 3)
        #expect(arguments.prefix(2) == ["--app-name=Kith", "Your day, Tuesday, March 10, 2026"])
        #expect(arguments.last?.hasPrefix("Reminders due\n  #2  overdue since Tue Mar 3  follow up on the Q2 budget proposal\n") == true)
        #expect(arguments.last?.hasSuffix("How did it go with Sam Lee? (a meeting)") == true)
    }

    @Test func withoutNotifySendKithSaysSoAndExitsFour() throws {
        let scratch = try Scratch()
        try scratch.script("bin/placeholder", "exit 0")
        let result = try KithProcess.run(["today", "--demo", "--notify"], environment: ["PATH": scratch.path(only: true)])
        #expect(result.status == 4)
        #expect(result.stdout.hasPrefix("Your day, Tuesday, March 10, 2026\n"))
        #expect(result.stderr == "kith: --notify needs notify-send, which is not on PATH, so no notification was shown "
                + "(on Debian or Ubuntu: apt-get install libnotify-bin)\n")
    }

    @Test func aFailingNotifySendExitsFour() throws {
        let scratch = try Scratch()
        try scratch.recorder("notify-send", status: 1)
        let result = try KithProcess.run(["today", "--demo", "--notify"], environment: ["PATH": scratch.path()])
        #expect(result.status == 4)
        #expect(result.stderr.hasPrefix("kith: notify-send failed (exit 1)"))
    }

    // MARK: - Mail, end to end

    /// A program the mail test needs, or a failure saying how to install it.
    static func require(_ program: String, _ install: String) throws -> String {
        // PATH first: the python3 that .ci/run installed aiosmtpd for is the one on PATH.
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/local/bin", "/usr/bin", "/bin"] {
            let path = directory + "/" + program
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw MissingTool(description: "\(program) is not installed, and this test delivers mail through it for real: \(install) (.ci/run does)")
    }

    struct MissingTool: Error, CustomStringConvertible { let description: String }

    /// Runs a program to its end; its stdout.
    static func output(of program: String, _ arguments: [String]) throws -> (String, Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: data, as: UTF8.self), process.terminationStatus)
    }

    /// The SMTP sink on a free port of 127.0.0.1, writing what arrives to `folder`.
    final class SMTPSink {
        let process = Process()
        let folder: String
        let port: Int

        init(python: String, folder: String) throws {
            self.folder = folder
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = [BriefCommandTests.fixtures.appendingPathComponent("smtp-sink.py").path, folder, "120"]
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            var line = Data()
            while !line.contains(UInt8(ascii: "\n")) {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                line += chunk
            }
            guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
                process.waitUntilExit()
                let why = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                throw MissingTool(description: "the SMTP sink did not start: \(why)")
            }
            self.port = port
        }

        /// The path of message `n` once it has arrived, waiting up to 30 seconds.
        func message(_ n: Int) -> String? {
            let path = folder + "/\(n).eml"
            for _ in 0..<600 {
                if FileManager.default.fileExists(atPath: path) { return path }
                usleep(50_000)
            }
            return nil
        }

        deinit {
            FileManager.default.createFile(atPath: folder + "/stop", contents: Data())
            process.waitUntilExit()
        }
    }

    @Test func aMailArrivesThroughMsmtpAtALocalSMTPServer() throws {
        let msmtp = try Self.require("msmtp", "apt-get install -y msmtp")
        let python = try Self.require("python3", "apt-get install -y python3")
        let (check, status) = try Self.output(of: python, ["-c", "import aiosmtpd"])
        guard status == 0 else {
            throw MissingTool(description: "Python's aiosmtpd is not installed, and this test receives the mail with it: "
                              + "python3 -m pip install aiosmtpd (.ci/run does). \(check)")
        }
        let scratch = try Scratch()
        try FileManager.default.createDirectory(atPath: scratch.path("inbox"), withIntermediateDirectories: true)
        let sink = try SMTPSink(python: python, folder: scratch.path("inbox"))
        let rc = scratch.path("msmtprc")
        try "host 127.0.0.1\nport \(sink.port)\nauth off\ntls off\nfrom kith@localhost\n".write(toFile: rc, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: rc)
        try scratch.script("bin/sendmail", "exec '\(msmtp)' -C '\(rc)' \"$@\"")

        let result = try KithProcess.run(["today", "--demo", "--mail", "alex@example.com", "--from", "kith@localhost"],
                                         environment: ["PATH": scratch.path()])
        #expect(result.status == 0, "\(result.stderr)")
        let page = try KithProcess.run(["today", "--demo"]).stdout
        #expect(result.stdout == page, "the page is still printed")

        let arrived = try #require(sink.message(0), "no mail reached the sink on port \(sink.port)")
        #expect(try String(contentsOfFile: scratch.path("inbox/0.envelope"), encoding: .utf8) == "kith@localhost\nalex@example.com\n")
        let (json, parsed) = try Self.output(of: python, [Self.fixtures.appendingPathComponent("read-mail.py").path, arrived])
        #expect(parsed == 0, "\(json)")
        let mail = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let headers = try #require(mail["headers"] as? [[String]])
        #expect(headers.map { $0[0] } == ["From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type",
                                          "Content-Transfer-Encoding", "Auto-Submitted"])
        let header = Dictionary(headers.map { ($0[0], $0[1]) }, uniquingKeysWith: { a, _ in a })
        #expect(header["From"] == "Kith <kith@localhost>")
        #expect(header["To"] == "alex@example.com")
        #expect(header["Subject"] == "Kith: your day, Tuesday, March 10, 2026")
        #expect(header["MIME-Version"] == "1.0")
        #expect(header["Message-ID"]?.hasPrefix("<kith-today.2026-03-10.") == true)
        #expect(header["Message-ID"]?.hasSuffix(">") == true)
        #expect(mail["date_valid"] as? Bool == true)
        #expect(mail["defects"] as? [String] == [])
        #expect(mail["content_type"] as? String == "text/plain")
        #expect(mail["charset"] as? String == "utf-8")
        #expect(mail["encoding"] as? String == "quoted-printable")
        let body = try #require(mail["body"] as? String)
        #expect(body == page, "the body is the page, every section")
        for section in ["Reminders due\n", "Reach out\n", "Yesterday, with no note since\n"] { #expect(body.contains(section)) }
    }

    @Test func mailWithNonASCIIArrivesIntact() throws {
        // Zoë's reminder, through the same sendmail stand-in as the real one reads it: what
        // reached sendmail's stdin, decoded by Python's parser.
        let python = try Self.require("python3", "apt-get install -y python3")
        let scratch = try Scratch()
        let store = try Self.prepare(scratch, on: "2026-03-10", """
            add Zoë Laurent
            remind me to send Zoë the café photos — all 3 of them today
            """)
        try scratch.script("bin/sendmail", "cat > '\(scratch.path("sent.eml"))'")
        let result = try KithProcess.run(["today", "--mail", "me@example.com", "--today", "2026-03-10"] + store,
                                         environment: ["PATH": scratch.path()])
        #expect(result.status == 0, "\(result.stderr)")
        let (json, _) = try Self.output(of: python, [Self.fixtures.appendingPathComponent("read-mail.py").path, scratch.path("sent.eml")])
        let mail = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((mail["body"] as? String)?.contains("send Zoë the café photos — all 3 of them") == true, "\(json)")
        #expect(mail["defects"] as? [String] == [])
    }

    @Test func withoutSendmailKithSaysSoAndExitsFour() throws {
        // Only when the machine has no sendmail outside PATH either (kith also looks in /usr/sbin).
        guard !FileManager.default.isExecutableFile(atPath: "/usr/sbin/sendmail"),
              !FileManager.default.isExecutableFile(atPath: "/usr/lib/sendmail") else { return }
        let scratch = try Scratch()
        try scratch.script("bin/placeholder", "exit 0")
        let result = try KithProcess.run(["today", "--demo", "--mail", "me@example.com"], environment: ["PATH": scratch.path(only: true)])
        #expect(result.status == 4)
        #expect(result.stderr.hasPrefix("kith: --mail needs a sendmail program, and there is none on PATH or at /usr/sbin/sendmail"))
    }

    // MARK: - The systemd timer

    @Test func theTimerIsInstalledAfterYesAndRemoved() throws {
        let scratch = try Scratch()
        try scratch.recorder("systemctl")
        let environment = ["PATH": scratch.path(), "XDG_CONFIG_HOME": scratch.path("config")]
        let units = scratch.path("config/systemd/user")

        // No terminal to ask on, no --yes: nothing is written.
        let refused = try KithProcess.run(["today", "--install-timer", "--store", "data/kith.json"], environment: environment,
                                          directory: scratch.url)
        #expect(refused.status == 2)
        #expect(refused.stderr == "kith: --install-timer asks before writing, and there is no terminal to ask on: add --yes.\n")
        #expect(!FileManager.default.fileExists(atPath: units))

        let installed = try KithProcess.run(["today", "--install-timer", "--at", "6:45", "--yes", "--store", "data/kith.json"],
                                            environment: environment, directory: scratch.url)
        #expect(installed.status == 0, "\(installed.stderr)")
        let service = try String(contentsOfFile: units + "/kith-today.service", encoding: .utf8)
        let store = scratch.url.resolvingSymlinksInPath().path + "/data/kith.json"
        let kith = KithProcess.binary.resolvingSymlinksInPath().path
        #expect(service.contains("\nExecStart=\(kith) today --notify --store \(store)\n"), "\(service)")
        #expect(try String(contentsOfFile: units + "/kith-today.timer", encoding: .utf8).contains("\nOnCalendar=*-*-* 06:45:00\n"))
        #expect(scratch.recorded("systemctl") == ["--user", "daemon-reload", "--user", "enable", "--now", "kith-today.timer"])
        #expect(installed.stdout.hasSuffix("Ran systemctl --user daemon-reload && systemctl --user enable --now kith-today.timer: "
                                           + "the timer is on (systemctl --user list-timers shows its next run).\n"))

        let removed = try KithProcess.run(["today", "--remove-timer"], environment: environment)
        #expect(removed.status == 0)
        #expect(!FileManager.default.fileExists(atPath: units + "/kith-today.service"))
        #expect(!FileManager.default.fileExists(atPath: units + "/kith-today.timer"))
        #expect(scratch.recorded("systemctl").suffix(6) == ["--user", "disable", "--now", "kith-today.timer", "--user", "daemon-reload"])
    }

    @Test func theTimerCarriesTheDeliveryAskedFor() throws {
        let scratch = try Scratch()
        try scratch.script("bin/placeholder", "exit 0")
        let result = try KithProcess.run(["today", "--install-timer", "--yes", "--quiet", "--mail", "me@example.com",
                                          "--store", "/srv/my notes/kith.json"],
                                         environment: ["PATH": scratch.path(only: true), "XDG_CONFIG_HOME": scratch.path("config")])
        #expect(result.status == 0, "\(result.stderr)")
        let service = try String(contentsOfFile: scratch.path("config/systemd/user/kith-today.service"), encoding: .utf8)
        #expect(service.contains(#" today --quiet --mail me@example.com --store "/srv/my notes/kith.json""#), "\(service)")
        #expect(result.stdout.hasSuffix("systemctl is not on PATH, so the timer is not on yet. Where systemd runs, turn it on with:\n"
                                        + "  systemctl --user daemon-reload && systemctl --user enable --now kith-today.timer\n"))
    }
}
