import ArgumentParser
import KithEngine
import KithTime

struct Today: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "today",  // named here: deriving it from the type costs milliseconds at start-up
        abstract: "Your day on one page: birthdays, reminders due, who is overdue, yesterday's meetings.",
        discussion: """
        Kith speaks first. The page has a section for each of these that has something in it: \
        birthdays today and in the next 7 days; reminders due today or overdue; the three \
        people most overdue for a conversation, with when you last talked and how often you \
        aim to; yesterday's meetings you have written nothing about since ("How did it go \
        with Sam Lee?"). The same page answers "what's up today" or "brief me" in every mode.

          kith today                        the page, for people
          kith today --demo                 the demo network's day (2026-03-10)
          kith today --date 2026-12-24      another day (the same as --today)
          kith today --json                 the sections as lists, for programs
          kith today --markdown >> journal.md

        It fits wherever you start your day. --quiet prints nothing and exits 0 when there \
        is nothing to do, so a login shell can run it every time:

          echo 'kith today --quiet' >> ~/.bashrc

        Deliver it through your own tools: --notify raises a desktop notification with \
        notify-send; --mail ADDRESS pipes a plain-text mail to `sendmail -t` (msmtp, Postfix \
        and Exim all provide one). Both still print the page.

          kith today --quiet --notify
          kith today --quiet --mail me@example.com > /dev/null       # from cron

        Or let systemd run it every morning: --install-timer writes kith-today.service and \
        kith-today.timer to ~/.config/systemd/user (asking first; --yes when there is no \
        terminal), then runs `systemctl --user daemon-reload && systemctl --user enable --now \
        kith-today.timer` where systemctl exists. The timer runs `kith today --notify` with \
        this store's absolute path, or with the --quiet, --notify and --mail you give here.

          kith today --install-timer --at 07:30
          kith today --install-timer --mail me@example.com --yes
          kith today --remove-timer

        Exit status: 0 done (also: nothing to do with --quiet); 2 usage error, or \
        --install-timer with no terminal to ask on and no --yes; 3 the store cannot be read; \
        4 the page was printed but a notification or mail could not be delivered (no \
        notify-send or sendmail, or it failed), or the timer's units were written but \
        systemctl failed to turn it on. The rules behind each section: docs/brief.md.
        """
    )

    @OptionGroup var options: GlobalOptions

    @Option(help: ArgumentHelp("The day to brief on, as --today sets it (default: $KITH_TODAY, else the real date).",
                               valueName: "yyyy-mm-dd"))
    var date: String?

    @Flag(help: "When there is nothing to do, print nothing, deliver nothing and exit 0.")
    var quiet = false

    @Flag(help: "Print the page as Markdown, for pasting into notes.")
    var markdown = false

    @Flag(help: "Also raise a desktop notification through notify-send.")
    var notify = false

    @Option(help: ArgumentHelp("Also mail the page to this address through sendmail -t.", valueName: "address"))
    var mail: String?

    @Option(help: ArgumentHelp("The mail's sender (default: $EMAIL, else your login name at this host).",
                               valueName: "address"))
    var from: String?

    @Flag(name: .customLong("install-timer"),
          help: "Write systemd user units that run kith today every day, and turn them on.")
    var installTimer = false

    @Option(help: ArgumentHelp("With --install-timer: the time of day, on a 24-hour clock (default 08:00).",
                               valueName: "hh:mm"))
    var at: String?

    @Flag(name: .customLong("remove-timer"), help: "Turn the timer off and remove its units.")
    var removeTimer = false

    func validate() throws {
        if let date, CalendarDate(iso: date) == nil {
            throw ValidationError("--date needs a real date as YYYY-MM-DD, not '\(date)'.")
        }
        if let date, let today = options.today, date != today {
            throw ValidationError("--date and --today name different days; give one of them.")
        }
        if options.json && markdown { throw ValidationError("--json and --markdown can't be used together: pick one form.") }
        if let mail, !MailMessage.isPlainAddress(mail) {
            throw ValidationError("--mail needs one address such as me@example.com, not '\(mail)'.")
        }
        if let from, !MailMessage.isPlainAddress(from) {
            throw ValidationError("--from needs one address such as me@example.com, not '\(from)'.")
        }
        if from != nil && mail == nil { throw ValidationError("--from goes with --mail.") }
        if installTimer && removeTimer { throw ValidationError("--install-timer and --remove-timer can't be used together.") }
        if let at {
            guard installTimer else { throw ValidationError("--at goes with --install-timer.") }
            guard SystemdTimer.TimeOfDay(at) != nil else {
                throw ValidationError("--at needs a time of day as HH:MM on a 24-hour clock, such as 07:30, not '\(at)'.")
            }
        }
        if installTimer || removeTimer {
            let which = installTimer ? "--install-timer" : "--remove-timer"
            if options.demo { throw ValidationError("\(which) is for your own store; the demo network lives in memory.") }
            if date != nil || options.today != nil {
                throw ValidationError("\(which) sets up the real day's brief; leave out --date and --today.")
            }
            if options.json || markdown { throw ValidationError("\(which) prints what it did as text; leave out --json and --markdown.") }
        }
    }

    func run() async throws {
        if installTimer || removeTimer { return try await setUpTimer() }
        var settings = options.settings
        if let date { settings.today = date }
        let brief = try settings.openConversation().brief()
        if quiet && brief.isEmpty { return }
        Platform.write((options.json ? brief.json.serialized : markdown ? brief.markdown : brief.text) + "\n")

        let programs = SystemPrograms()
        var failures: [DeliveryError] = []
        if notify {
            do {
                try await DesktopNotifier(programs: programs).notify(summary: brief.title, body: brief.body)
            } catch {
                failures.append(error)
            }
        }
        if let mail {
            let message = MailMessage(from: "Kith <\(from ?? Self.defaultSender)>", to: mail,
                                      subject: "Kith: your day, \(brief.longDay)", date: Platform.mailDate,
                                      messageID: Platform.uniqueMessageID(day: brief.day.iso), body: brief.text)
            do {
                try await SendmailTransport(programs: programs).send(message)
            } catch {
                failures.append(error)
            }
        }
        for failure in failures { Platform.writeError("kith: \(failure)") }
        if !failures.isEmpty { throw ExitCode(4) }
    }

    /// `$EMAIL` (as git and mutt read it), else the login name at this host, as cron's mail says.
    static var defaultSender: String {
        if let email = Platform.environment["EMAIL"], MailMessage.isPlainAddress(email) { return email }
        let user = Platform.environment["LOGNAME"] ?? Platform.environment["USER"] ?? "kith"
        let address = "\(user)@\(Platform.hostName)"
        return MailMessage.isPlainAddress(address) ? address : "kith@localhost"
    }

    /// --install-timer and --remove-timer.
    private func setUpTimer() async throws {
        guard let directory = Platform.userUnitDirectory() else {
            Platform.writeError("kith: no folder for systemd user units: set HOME or XDG_CONFIG_HOME.")
            throw ExitCode(2)
        }
        let timer = SystemdTimer(directory: directory, programs: SystemPrograms()) { Platform.write($0 + "\n") }
        do {
            if removeTimer { return try await timer.remove() }
            let time = at.flatMap(SystemdTimer.TimeOfDay.init) ?? .morning
            let command = try timerCommand()
            guard try confirmed("Write \(SystemdTimer.service) and \(SystemdTimer.timer) in \(directory), to run "
                                + "`kith today` every day at \(time.text)?") else {
                Platform.write("Nothing was written.\n")
                return
            }
            try await timer.install(command: command, at: time)
        } catch let failure as DeliveryError {
            Platform.writeError("kith: \(failure)")
            throw ExitCode(4)
        }
    }

    /// What the timer runs: this kith, by its absolute path, on this store, by its absolute
    /// path, with the delivery asked for here (a notification when none is).
    private func timerCommand() throws -> [String] {
        var command = [Platform.executablePath, "today"]
        if quiet { command.append("--quiet") }
        if notify || mail == nil { command.append("--notify") }
        if let mail { command += ["--mail", mail] }
        if let from { command += ["--from", from] }
        return command + ["--store", Platform.absolutePath(try options.settings.storePath())]
    }

    /// Asks on the terminal; with no terminal, --yes must have answered already.
    private func confirmed(_ question: String) throws -> Bool {
        if options.yes { return true }
        guard Platform.stdinIsTerminal else {
            Platform.writeError("kith: --install-timer asks before writing, and there is no terminal to ask on: add --yes.")
            throw ExitCode(2)
        }
        Platform.write(question + " (yes/no) ")
        guard let reply = readLine() else { return false }
        return ["y", "yes"].contains(reply.trimmed.lowercased())
    }
}
