import Foundation
import Testing
@testable import kith

/// `kith today`'s delivery behind its seams: the mail it writes, the notification it raises and
/// the systemd units it installs, with a stand-in for the machine's programs. The real programs
/// (msmtp, a notify-send on PATH, the real binary) are in KithCLITests' BriefCommandTests.
struct DeliveryTests {
    /// Programs as a test wants them: which exist, what each run answers, and every run recorded.
    final class StandInPrograms: Programs, @unchecked Sendable {
        /// Programs on PATH, by name.
        let onPath: [String: String]
        /// Executables elsewhere, by path.
        let elsewhere: Set<String>
        /// Exit statuses by arguments (0 for the others).
        var statuses: [String: Int32] = [:]
        private(set) var runs: [(path: String, arguments: [String], input: [UInt8])] = []

        init(_ onPath: [String: String] = [:], elsewhere: Set<String> = []) {
            self.onPath = onPath
            self.elsewhere = elsewhere
        }

        func find(_ name: String, fallbacks: [String]) -> String? {
            onPath[name] ?? fallbacks.first(where: elsewhere.contains)
        }

        func run(_ path: String, _ arguments: [String], input: [UInt8]) async throws -> Int32 {
            runs.append((path, arguments, input))
            return statuses[arguments.joined(separator: " ")] ?? 0
        }
    }

    // MARK: - Mail

    static let message = MailMessage(from: "Kith <alex@example.org>", to: "alex@example.com",
                                     subject: "Kith: your day, Tuesday, March 10, 2026",
                                     date: "Tue, 10 Mar 2026 08:00:00 +0100", messageID: "kith-today.1@example.org",
                                     body: "Your day\n\nBirthdays\n  today  Zoë Laurent")

    @Test func aMailHasItsHeadersAndAQuotedPrintableBody() {
        #expect(String(decoding: Self.message.bytes, as: UTF8.self) == """
            From: Kith <alex@example.org>
            To: alex@example.com
            Subject: Kith: your day, Tuesday, March 10, 2026
            Date: Tue, 10 Mar 2026 08:00:00 +0100
            Message-ID: <kith-today.1@example.org>
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: quoted-printable
            Auto-Submitted: auto-generated

            Your day

            Birthdays
              today  Zo=C3=AB Laurent

            """)
    }

    /// Quoted-printable's rules, checked by decoding: nothing lost, no line over 76 characters,
    /// no space left at a line's end.
    @Test(arguments: [
        "plain ASCII, nothing to encode",
        "a = sign, and Zoë, Ångström and 日本",
        "trailing spaces   \nand a tab\t\nend",
        String(repeating: "long line with words ", count: 12),
        String(repeating: "é", count: 100),
        String(repeating: "x", count: 75) + "=" + String(repeating: "y", count: 80),
        "",
        "\n\nblank lines\n\n",
    ])
    func quotedPrintableRoundTrips(_ text: String) {
        let encoded = MailMessage.quotedPrintable(text)
        let lines = String(decoding: encoded, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines {
            #expect(line.utf8.count <= 76, "\(line)")
            #expect(!line.hasSuffix(" ") && !line.hasSuffix("\t"), "\(line)")
            #expect(line.unicodeScalars.allSatisfy { $0.isASCII })
        }
        #expect(Self.decodeQuotedPrintable(encoded) == Array(text.utf8))
    }

    static func decodeQuotedPrintable(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "="), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\n") {
                i += 2
            } else if bytes[i] == UInt8(ascii: "="), i + 2 < bytes.count,
                      let value = UInt8(String(decoding: bytes[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                out.append(value)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return out
    }

    @Test func theDateIsRFC5322sWithTheZonesOffset() {
        #expect(MailMessage.date(year: 2026, month: 3, day: 10, weekday: 2, hour: 8, minute: 5, second: 9, utcOffset: 3600)
                == "Tue, 10 Mar 2026 08:05:09 +0100")
        #expect(MailMessage.date(year: 2026, month: 12, day: 1, weekday: 0, hour: 23, minute: 0, second: 0, utcOffset: -12600)
                == "Sun, 1 Dec 2026 23:00:00 -0330")
        #expect(MailMessage.date(year: 2026, month: 1, day: 31, weekday: 6, hour: 0, minute: 0, second: 0, utcOffset: 0)
                == "Sat, 31 Jan 2026 00:00:00 +0000")
    }

    @Test(arguments: [("me@example.com", true), ("alex.morgan+kith@mail.example.org", true), ("", false),
                      ("me", false), ("@example.com", false), ("me@", false), ("a@b, c@d", false), ("a@b\nBcc: x@y", false),
                      ("Alex <a@b>", false), ("zoë@example.com", false), ("a@b@c", false)])
    func anAddressIsOnePlainAddress(_ address: String, _ plain: Bool) {
        #expect(MailMessage.isPlainAddress(address) == plain)
    }

    @Test func sendmailGetsTheMessageOnItsInputWithMinusT() async throws {
        let programs = StandInPrograms(["sendmail": "/opt/bin/sendmail"])
        try await SendmailTransport(programs: programs).send(Self.message)
        #expect(programs.runs.count == 1)
        #expect(programs.runs.first?.path == "/opt/bin/sendmail")
        #expect(programs.runs.first?.arguments == ["-t", "-i"])
        #expect(programs.runs.first?.input == Self.message.bytes)
    }

    @Test func sendmailOutsidePathIsFoundInSbin() async throws {
        let programs = StandInPrograms(elsewhere: ["/usr/sbin/sendmail"])
        try await SendmailTransport(programs: programs).send(Self.message)
        #expect(programs.runs.first?.path == "/usr/sbin/sendmail")
    }

    @Test func noSendmailIsSaidPlainly() async {
        let programs = StandInPrograms()
        await #expect {
            try await SendmailTransport(programs: programs).send(Self.message)
        } throws: { error in
            "\(error)".hasPrefix("--mail needs a sendmail program, and there is none on PATH or at /usr/sbin/sendmail or /usr/lib/sendmail, so no mail was sent")
        }
        #expect(programs.runs.isEmpty)
    }

    @Test func aFailingSendmailIsAFailure() async {
        let programs = StandInPrograms(["sendmail": "/opt/bin/sendmail"])
        programs.statuses["-t -i"] = 75
        await #expect {
            try await SendmailTransport(programs: programs).send(Self.message)
        } throws: { error in
            "\(error)" == "/opt/bin/sendmail failed (exit 75); the mail to alex@example.com was not sent"
        }
    }

    // MARK: - Notification

    @Test func aNotificationIsSummaryAndBodyWithMarkupEscaped() async throws {
        let programs = StandInPrograms(["notify-send": "/opt/bin/notify-send"])
        try await DesktopNotifier(programs: programs).notify(summary: "Your day", body: "Q&A <draft> for Zoë")
        #expect(programs.runs.first?.arguments == ["--app-name=Kith", "Your day", "Q&amp;A &lt;draft&gt; for Zoë"])
    }

    @Test func noNotifySendIsSaidPlainly() async {
        await #expect {
            try await DesktopNotifier(programs: StandInPrograms()).notify(summary: "Your day", body: "…")
        } throws: { error in
            "\(error)".hasPrefix("--notify needs notify-send, which is not on PATH, so no notification was shown")
        }
    }

    // MARK: - The systemd timer

    @Test(arguments: [("08:00", 8, 0), ("7:30", 7, 30), ("23:59", 23, 59), ("00:00", 0, 0)])
    func timesOfDay(_ text: String, _ hour: Int, _ minute: Int) {
        #expect(SystemdTimer.TimeOfDay(text) == SystemdTimer.TimeOfDay(hour: hour, minute: minute))
    }

    @Test(arguments: ["24:00", "12:60", "8", "8:5", "08:00:00", "", "ab:cd", "-1:00", "٨:٣٠"])
    func notTimesOfDay(_ text: String) {
        #expect(SystemdTimer.TimeOfDay(text) == nil)
    }

    @Test func execStartWordsAreQuotedOnlyWhenTheyNeedIt() {
        #expect(SystemdTimer.execArgument("/home/alex/.local/bin/kith") == "/home/alex/.local/bin/kith")
        #expect(SystemdTimer.execArgument("me@example.com") == "me@example.com")
        #expect(SystemdTimer.execArgument("/home/alex/My Notes/kith.json") == #""/home/alex/My Notes/kith.json""#)
        #expect(SystemdTimer.execArgument("/data/100%/$HOME") == #""/data/100%%/$$HOME""#)
        #expect(SystemdTimer.execArgument(#"a"b\c"#) == #""a\"b\\c""#)
        #expect(SystemdTimer.execArgument("/home/zoë/kith.json") == #""/home/zoë/kith.json""#)
    }

    @Test func theUnitsRunKithTodayDaily() {
        let service = SystemdTimer.serviceUnit(command: ["/usr/local/bin/kith", "today", "--notify", "--store", "/home/a b/kith.json"])
        #expect(service.contains("\n[Service]\nType=oneshot\nExecStart=/usr/local/bin/kith today --notify --store \"/home/a b/kith.json\"\n"))
        let timer = SystemdTimer.timerUnit(at: SystemdTimer.TimeOfDay(hour: 7, minute: 5))
        #expect(timer.contains("\n[Timer]\nOnCalendar=*-*-* 07:05:00\nPersistent=true\n\n[Install]\nWantedBy=timers.target\n"))
    }

    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kith-timer-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func installingWritesBothUnitsAndTurnsTheTimerOn() async throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let programs = StandInPrograms(["systemctl": "/bin/systemctl"])
        var said: [String] = []
        let timer = SystemdTimer(directory: root + "/systemd/user", programs: programs) { said.append($0) }
        try await timer.install(command: ["/bin/kith", "today", "--notify", "--store", "/s/kith.json"], at: .morning)
        #expect(try String(contentsOfFile: root + "/systemd/user/kith-today.service", encoding: .utf8)
                == SystemdTimer.serviceUnit(command: ["/bin/kith", "today", "--notify", "--store", "/s/kith.json"]))
        #expect(try String(contentsOfFile: root + "/systemd/user/kith-today.timer", encoding: .utf8)
                == SystemdTimer.timerUnit(at: .morning))
        #expect(programs.runs.map(\.arguments) == [["--user", "daemon-reload"], ["--user", "enable", "--now", "kith-today.timer"]])
        #expect(said.last == "Ran systemctl --user daemon-reload && systemctl --user enable --now kith-today.timer: "
                + "the timer is on (systemctl --user list-timers shows its next run).")

        said = []
        try await timer.remove()
        #expect(!FileManager.default.fileExists(atPath: root + "/systemd/user/kith-today.service"))
        #expect(!FileManager.default.fileExists(atPath: root + "/systemd/user/kith-today.timer"))
        #expect(programs.runs.suffix(2).map(\.arguments) == [["--user", "disable", "--now", "kith-today.timer"], ["--user", "daemon-reload"]])
        #expect(said.first == "Removed \(root)/systemd/user/kith-today.service and \(root)/systemd/user/kith-today.timer.")

        said = []
        try await timer.remove()
        #expect(said == ["There is no kith timer to remove: neither \(root)/systemd/user/kith-today.service "
                         + "nor \(root)/systemd/user/kith-today.timer exists."])
    }

    @Test func withoutSystemctlTheCommandIsShown() async throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var said: [String] = []
        try await SystemdTimer(directory: root, programs: StandInPrograms()) { said.append($0) }
            .install(command: ["/bin/kith", "today"], at: .morning)
        #expect(said.last == "systemctl is not on PATH, so the timer is not on yet. Where systemd runs, turn it on with:\n"
                + "  systemctl --user daemon-reload && systemctl --user enable --now kith-today.timer")
        #expect(FileManager.default.fileExists(atPath: root + "/kith-today.timer"))
    }

    @Test func aFailingSystemctlLeavesTheUnitsAndSaysWhatToRun() async throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let programs = StandInPrograms(["systemctl": "/bin/systemctl"])
        programs.statuses["--user daemon-reload"] = 1
        await #expect {
            try await SystemdTimer(directory: root, programs: programs) { _ in }.install(command: ["/bin/kith", "today"], at: .morning)
        } throws: { error in
            "\(error)".hasPrefix("systemctl --user daemon-reload failed (exit 1), so the timer is not on yet.")
                && "\(error)".hasSuffix("\n  systemctl --user daemon-reload && systemctl --user enable --now kith-today.timer")
        }
        #expect(programs.runs.count == 1, "enable is not tried after daemon-reload failed")
        #expect(FileManager.default.fileExists(atPath: root + "/kith-today.service"))
    }
}
