import ArgumentParser
import FoundationEssentials
import KithEngine
import KithExchange
import KithGraph

extension ImportFormat: ExpressibleByArgument {}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",  // named here: deriving it from the type costs milliseconds at start-up
        abstract: "Import contacts: a vCard file, a Google Contacts CSV or a LinkedIn Connections.csv.",
        usage: "kith import [<options>] [--format <format>] [--dry-run] <file>",
        discussion: """
        The format is told from the file's content; --format names it when that fails. \
        Someone already in the store (the same email address, or the same full name) is \
        merged, never doubled. The whole import is one change: all of it is saved or \
        none, and "undo" takes it back.

          kith import ~/Downloads/contacts.vcf
          kith import --dry-run Connections.csv
          kith import --format google contacts.csv

        Exits 0 when the file was read, even if some cards or rows were skipped (each is \
        listed with its line); 1 when it is not a file Kith can read; 2 when it can't be \
        opened; 3 when the store can't be read or written.
        """
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: ArgumentHelp("The file to import.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("vcard, google or linkedin (default: told from the content).", valueName: "format"))
    var format: ImportFormat?

    @Flag(name: .customLong("dry-run"), help: "Show what would be added, merged and skipped; write nothing.")
    var dryRun = false

    func run() throws {
        let data: Data
        do {
            data = Data(try Platform.readFile(file))
        } catch {
            Platform.writeError("kith: cannot read \(file): \(error)")
            throw ExitCode(2)
        }
        let conversation = try options.settings.openConversation()
        let source = URL(fileURLWithPath: file).lastPathComponent
        let progress = ProgressBar(label: "Reading \(source)", enabled: Platform.stderrIsTerminal)
        let parsed: ParsedContacts
        do {
            parsed = try ContactImport.parse(data, format: format, progress: progress.update)
        } catch {
            progress.finish()
            let hint = format == nil ? " (say which with --format vcard, google or linkedin)" : ""
            Platform.writeError("kith: \(file): \(error)\(hint)")
            throw ExitCode(1)
        }

        let plan: ImportPlan
        if dryRun {
            progress.finish()
            plan = ContactImport.plan(parsed, into: conversation.storage.graph, today: conversation.today, source: source)
        } else {
            progress.status("Saving…")
            // Planned inside the commit, against the newest graph: another process may have written since.
            var planned: ImportPlan?
            do {
                _ = try conversation.storage.commit { graph in
                    planned = ContactImport.plan(parsed, into: graph, today: conversation.today, source: source)
                    return planned?.change
                }
            } catch {
                progress.finish()
                Platform.writeError("kith: \(error)")
                throw ExitCode(3)
            }
            progress.finish()
            plan = planned!
        }
        report(plan)
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
