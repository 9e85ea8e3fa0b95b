/// `kith today --install-timer` and `--remove-timer`: a systemd user service that runs
/// `kith today` and a timer that starts it every day, in `$XDG_CONFIG_HOME/systemd/user`.
struct SystemdTimer {
    static let service = "kith-today.service"
    static let timer = "kith-today.timer"
    /// What turns the timer on once its units are written.
    static let enable = [["--user", "daemon-reload"], ["--user", "enable", "--now", timer]]
    static var enableCommand: String { enable.map { "systemctl " + $0.joined(separator: " ") }.joined(separator: " && ") }

    /// The folder of the units (`~/.config/systemd/user` unless `XDG_CONFIG_HOME` says otherwise).
    let directory: String
    let programs: any Programs
    /// Says what happened, a line at a time.
    let say: (String) -> Void

    /// A time of day for the timer, `HH:MM` on a 24-hour clock.
    struct TimeOfDay: Equatable {
        let hour: Int
        let minute: Int

        static let morning = TimeOfDay(hour: 8, minute: 0)

        init(hour: Int, minute: Int) {
            self.hour = hour
            self.minute = minute
        }

        /// "7:30", "07:30", "18:05"; nil for anything else.
        init?(_ text: String) {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
                  parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
                  let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<24).contains(hour), (0..<60).contains(minute)
            else { return nil }
            self.init(hour: hour, minute: minute)
        }

        var text: String { (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)" }
    }

    /// The service unit: one run of `command` (kith's absolute path first).
    static func serviceUnit(command: [String]) -> String {
        """
        # Written by `kith today --install-timer`; `kith today --remove-timer` removes it.
        [Unit]
        Description=Kith: your day on one page (kith today)

        [Service]
        Type=oneshot
        ExecStart=\(command.map(execArgument).joined(separator: " "))

        """
    }

    /// The timer unit: daily at `time`; a day missed while the machine was off runs when it is next on.
    static func timerUnit(at time: TimeOfDay) -> String {
        """
        # Written by `kith today --install-timer`; `kith today --remove-timer` removes it.
        [Unit]
        Description=Run kith today every day at \(time.text)

        [Timer]
        OnCalendar=*-*-* \(time.text):00
        Persistent=true

        [Install]
        WantedBy=timers.target

        """
    }

    /// One word of an ExecStart line: as it is when it is plain, else in double quotes with `"`
    /// and `\` escaped; `%` (a unit specifier) doubled and `$` (a variable) doubled everywhere.
    static func execArgument(_ word: String) -> String {
        var escaped = ""
        for character in word {
            switch character {
            case "%": escaped += "%%"
            case "$": escaped += "$$"
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        let plain = !word.isEmpty && word.unicodeScalars.allSatisfy {
            ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "/._-+=:@,".unicodeScalars.contains($0)) && $0.isASCII
        }
        return plain ? escaped : "\"\(escaped)\""
    }

    var servicePath: String { directory + "/" + Self.service }
    var timerPath: String { directory + "/" + Self.timer }

    /// Writes both units, then turns the timer on with systemctl where there is one. Throws when
    /// the units cannot be written, or systemctl was there and failed.
    func install(command: [String], at time: TimeOfDay) async throws(DeliveryError) {
        do {
            try Platform.makeDirectories(directory)
            try Platform.writeFile(Self.serviceUnit(command: command), to: servicePath)
            try Platform.writeFile(Self.timerUnit(at: time), to: timerPath)
        } catch {
            throw DeliveryError("cannot write the timer's units in \(directory): \(error)")
        }
        say("Wrote \(servicePath) and \(timerPath): every day at \(time.text) the timer runs\n  "
            + command.joined(separator: " "))
        guard let systemctl = programs.find("systemctl") else {
            say("systemctl is not on PATH, so the timer is not on yet. Where systemd runs, turn it on with:\n  "
                + Self.enableCommand)
            return
        }
        for arguments in Self.enable {
            let shown = "systemctl " + arguments.joined(separator: " ")
            let status: Int32
            do {
                status = try await programs.run(systemctl, arguments, input: [])
            } catch {
                throw DeliveryError("cannot run \(systemctl): \(error)")
            }
            guard status == 0 else {
                throw DeliveryError("\(shown) failed (exit \(status)), so the timer is not on yet. The units are written; "
                                    + "in a login session with a systemd user manager, run:\n  " + Self.enableCommand)
            }
        }
        say("Ran \(Self.enableCommand): the timer is on (systemctl --user list-timers shows its next run).")
    }

    /// Turns the timer off where systemctl can, and removes both units.
    func remove() async throws(DeliveryError) {
        let present = [servicePath, timerPath].filter(Platform.fileExists)
        guard !present.isEmpty else {
            say("There is no kith timer to remove: neither \(servicePath) nor \(timerPath) exists.")
            return
        }
        let systemctl = programs.find("systemctl")
        if let systemctl, present.contains(timerPath) {
            let status = (try? await programs.run(systemctl, ["--user", "disable", "--now", Self.timer], input: [])) ?? -1
            if status != 0 {
                say("systemctl --user disable --now \(Self.timer) did not succeed (exit \(status)); removing the units anyway.")
            }
        }
        for path in present {
            do {
                try Platform.removeFile(path)
            } catch {
                throw DeliveryError("cannot remove \(path): \(error)")
            }
        }
        say("Removed " + present.joined(separator: " and ") + ".")
        if let systemctl {
            let status = (try? await programs.run(systemctl, ["--user", "daemon-reload"], input: [])) ?? -1
            say(status == 0 ? "Ran systemctl --user daemon-reload: systemd has forgotten the timer."
                            : "systemctl --user daemon-reload did not succeed (exit \(status)); systemd forgets the timer at its next reload.")
        } else {
            say("systemctl is not on PATH; where systemd runs, `systemctl --user daemon-reload` makes it forget the timer.")
        }
    }
}
