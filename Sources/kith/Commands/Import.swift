import ArgumentParser
import FoundationEssentials
import KithCapture
import KithEngine
import KithExchange
import KithGraph

/// `--format`: an address book's format or a conversation source's.
enum ImportFormatOption: ExpressibleByArgument {
    case contacts(ImportFormat)
    case conversations(CaptureFormat)

    init?(argument: String) {
        if let format = ImportFormat(rawValue: argument) {
            self = .contacts(format)
        } else if let format = CaptureFormat(rawValue: argument) {
            self = .conversations(format)
        } else {
            return nil
        }
    }

    static var allValueStrings: [String] { ImportFormat.allCases.map(\.rawValue) + CaptureFormat.allCases.map(\.rawValue) }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",  // named here: deriving it from the type costs milliseconds at start-up
        abstract: "Import contacts (vCard, Google CSV, LinkedIn) or conversations (mail, calendars, chats).",
        usage: "kith import [<options>] [--format <format>] [--dry-run] <file>",
        discussion: """
        The kind is told from the content; --format names it when that fails. \
        Contacts: someone already in the store (the same email address, or the same full \
        name) is merged, never doubled. Conversations: an mbox file, a Maildir folder, one \
        message (- reads it from stdin), an .ics file or a folder of them, a WhatsApp chat \
        export, an SMS Backup & Restore file or a Telegram result.json; each person's \
        messages of a day become one conversation, matched by email address, phone number, \
        then full name. Importing the same source again adds nothing. The whole import is \
        one change: all of it is saved or none, and "undo" takes it back.

          kith import ~/Downloads/contacts.vcf
          kith import --dry-run Connections.csv
          kith import --format google contacts.csv
          kith import --me me@example.com ~/Mail/inbox.mbox
          kith import --add-unknown ~/.calendars/work

        Exits 0 when the file was read, even if some cards or rows were skipped (each is \
        listed with its line); 1 when it is not a file Kith can read; 2 when it can't be \
        opened; 3 when the store can't be read or written.
        """
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: ArgumentHelp("The file or folder to import; - reads a mail message from stdin.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("vcard, google, linkedin, mbox, message, whatsapp, sms, telegram or calendar "
                               + "(default: told from the content).", valueName: "format"))
    var format: ImportFormatOption?

    @Flag(name: .customLong("dry-run"), help: "Show what would be added, merged and skipped; write nothing.")
    var dryRun = false

    @Flag(name: .customLong("no-topics"), help: "Conversations: don't keep the day's first subject as the topic.")
    var noTopics = false

    @Flag(name: .customLong("add-unknown"), help: "Conversations: add the people Kith doesn't know yet, with their addresses.")
    var addUnknown = false

    @Option(name: .customLong("me"), help: ArgumentHelp(
        "Conversations: one of your own email addresses, phone numbers or your name (repeatable); kept in the store.",
        valueName: "address"))
    var me: [String] = []

    @Option(name: .customLong("region"), help: ArgumentHelp(
        "Conversations: the country national phone numbers are from, as US or DE (default: $KITH_REGION, else the locale's).",
        valueName: "code"))
    var region: String?

    func validate() throws {
        if let region, PhoneRegion(code: region.uppercased()) == nil {
            throw ValidationError("--region \(region) is not a country code Kith knows (as US, GB, DE)")
        }
    }

    func run() throws {
        if case .conversations = format {
            return try importConversations(preread: nil)
        }
        if format == nil, file == "-" || Platform.isFolder(file) {
            return try importConversations(preread: nil)
        }
        let bytes: [UInt8]
        do {
            bytes = try Platform.readFile(file)
        } catch {
            Platform.writeError("kith: cannot read \(file): \(error)")
            throw ExitCode(2)
        }
        // The two detectors never claim each other's files; the conversations' looks at the
        // start only, where the contacts' decodes the whole file.
        if format == nil, CaptureFormat.detect(bytes) != nil {
            return try importConversations(preread: bytes)
        }
        let data = Data(bytes)
        let contactFormat: ImportFormat?
        if case .contacts(let chosen) = format { contactFormat = chosen } else { contactFormat = nil }
        let conversation = try options.settings.openConversation()
        let source = URL(fileURLWithPath: file).lastPathComponent
        let progress = ProgressBar(label: "Reading \(source)", enabled: Platform.stderrIsTerminal)
        let parsed: ParsedContacts
        do {
            parsed = try ContactImport.parse(data, format: contactFormat, progress: progress.update)
        } catch {
            progress.finish()
            let hint = format == nil ? " (say which with --format vcard, google or linkedin, or mbox, message, whatsapp, sms, "
                + "telegram or calendar)" : ""
            Platform.writeError("kith: \(file): \(error)\(hint)")
            throw ExitCode(1)
        }

        let plan = try planned(in: conversation, progress: progress, change: \.change) { graph in
            ContactImport.plan(parsed, into: graph, today: conversation.today, source: source)
        }
        report(plan)
    }

    /// An import's plan: against the store as it is for a dry run, else made inside the commit,
    /// against the newest graph (another process may have written since), and committed as one
    /// change. A store that cannot be written is exit 3.
    func planned<Plan>(in conversation: Conversation, progress: ProgressBar, change: (Plan) -> Change?,
                       _ plan: (Graph) -> Plan) throws -> Plan {
        if dryRun {
            progress.finish()
            return plan(conversation.storage.graph)
        }
        progress.status("Saving…")
        var made: Plan?
        do {
            _ = try conversation.storage.commit { graph in
                made = plan(graph)
                return made.flatMap(change)
            }
        } catch {
            progress.finish()
            Platform.writeError("kith: \(error)")
            throw ExitCode(3)
        }
        progress.finish()
        return made!
    }

    private func report(_ plan: ImportPlan) {
        if options.json {
            let problems = plan.problems.map { JSONValue.object([("line", .number($0.line)), ("message", .string($0.message))]) }
            Platform.write(JSONValue.object([
                ("file", .string(file)), ("format", .string(plan.format.rawValue)), ("dryRun", .bool(dryRun)),
                ("added", .number(plan.added.count)), ("merged", .number(plan.merged.count)),
                ("skipped", .number(plan.skipped.count)), ("text", .string(dryRun ? plan.dryRunSummary : plan.summary)),
                ("people", .array(plan.added.map { .string($0.name) })), ("problems", .array(problems)),
            ]).serialized + "\n")
            return
        }
        var text = (dryRun ? plan.dryRunSummary : plan.summary) + "\n"
        for line in plan.details(includeAdded: dryRun) { text += "  \(line)\n" }
        Platform.write(text)
    }
}
