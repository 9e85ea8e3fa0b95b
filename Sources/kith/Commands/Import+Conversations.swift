import ArgumentParser
import FoundationEssentials
import KithCapture
import KithEngine
import KithExchange
import KithGraph
import KithTime

extension Import {
    /// `kith import` of mail, calendars or chats. `preread` is the file's bytes when they were
    /// read to tell its kind.
    func importConversations(preread: [UInt8]?) throws {
        let source: (files: [ConversationReading.File], inFolder: Bool)
        do {
            source = try preread.map { ([.init(name: file, bytes: $0)], false) } ?? Platform.conversationFiles(at: file)
        } catch {
            Platform.writeError("kith: cannot read \(file): \(error)")
            throw ExitCode(2)
        }
        let conversation = try options.settings.openConversation()
        let settings = ConversationImport.Options(today: conversation.today, topics: !noTopics, addUnknown: addUnknown,
                                                  phoneRegion: Platform.phoneRegion(region), me: me)
        let name = file == "-" ? "stdin" : URL(fileURLWithPath: file).lastPathComponent
        let progress = ProgressBar(label: "Reading \(name)", enabled: Platform.stderrIsTerminal)
        let reading: ConversationReading
        do {
            var captureFormat: CaptureFormat?
            if case .conversations(let chosen) = format { captureFormat = chosen }
            reading = try ConversationImportRun.read(source.files, format: captureFormat, inFolder: source.inFolder,
                                                     settings: settings, owner: conversation.storage.graph.owner,
                                                     progress: progress.update)
        } catch {
            progress.finish()
            Platform.writeError("kith: \(file): \(error) (say which with --format)")
            throw ExitCode(1)
        }

        let plan = try planned(in: conversation, progress: progress, change: \.change) { graph in
            ConversationImport.plan(reading, into: graph, options: settings, source: name)
        }
        report(plan)
    }

    private func report(_ plan: ConversationImportPlan) {
        let text = dryRun ? plan.dryRunSummary : plan.summary
        if options.json {
            let unknown = plan.unknown.map {
                JSONValue.object([("address", .string($0.address)), ("name", $0.name.map(JSONValue.string) ?? .null),
                                  ("count", .number($0.total))])
            }
            Platform.write(JSONValue.object([
                ("file", .string(file)), ("format", .string(plan.formats.map(\.rawValue).joined(separator: ","))),
                ("dryRun", .bool(dryRun)), ("conversations", .number(plan.newInteractions)),
                ("people", .number(Set(plan.interactions.flatMap(\.people)).count)), ("events", .number(plan.events.count)),
                ("added", .array(plan.added.map { .string($0.name) })), ("alreadyImported", .number(plan.alreadyImported)),
                ("unknown", .array(unknown)), ("warnings", .array(plan.warnings.map(JSONValue.string))), ("text", .string(text)),
            ]).serialized + "\n")
            return
        }
        var output = text + "\n"
        for line in plan.details(dryRun: dryRun) { output += "  \(line)\n" }
        Platform.write(output)
    }
}

/// Reading a conversation source with the machine's zone and the owner's addresses: the part
/// `kith import` and the import intent ("import my mail from ~/Mail/inbox") share.
enum ConversationImportRun {
    static func read(_ files: [ConversationReading.File], format: CaptureFormat?, inFolder: Bool,
                     settings: ConversationImport.Options, owner: Owner,
                     progress: ((Double) -> Void)? = nil) throws -> ConversationReading {
        let options = CaptureOptions(localTime: Platform.localTime, phoneRegion: settings.phoneRegion, today: settings.today,
                                     owner: ConversationImport.ownerEmails(owner, me: settings.me))
        return try ConversationReading.read(files, format: format, options: options, inFolder: inFolder, progress: progress)
    }
}
