import FoundationEssentials
import KithCapture
import KithEngine
import KithExchange
import KithGraph
import KithTime

/// Files for "import my contacts from …" and "export my clients as vcard": read from the path
/// the user names (`~` is their home), written as a new file in the current directory.
final class CommandLineExchange: FileExchange {
    let today: CalendarDate

    init(today: CalendarDate) {
        self.today = today
    }

    func importer(for path: String, owner: Owner) throws -> (Graph) -> ImportOutcome {
        let expanded = Self.expandingHome(path)
        if Platform.isFolder(expanded) { return try conversationImporter(for: path, expanded: expanded, owner: owner, preread: nil) }
        let bytes: [UInt8]
        do {
            bytes = try Platform.readFile(expanded)
        } catch {
            throw FileExchangeError("I can't read \(path): \(error)")
        }
        if CaptureFormat.detect(bytes) != nil {
            return try conversationImporter(for: path, expanded: expanded, owner: owner, preread: bytes)
        }
        let data = Data(bytes)
        let parsed: ParsedContacts
        do {
            parsed = try ContactImport.parse(data)
        } catch {
            throw FileExchangeError("\(path): \(error)")
        }
        let source = URL(fileURLWithPath: expanded).lastPathComponent
        let today = self.today
        return { graph in
            let plan = ContactImport.plan(parsed, into: graph, today: today, source: source)
            return ImportOutcome(change: plan.change, summary: plan.summary, details: plan.details(includeAdded: false))
        }
    }

    /// Mail, a calendar or a chat export, read with the machine's zone and region, planned
    /// against the graph the commit gives.
    private func conversationImporter(for path: String, expanded: String, owner: Owner,
                                      preread: [UInt8]?) throws -> (Graph) -> ImportOutcome {
        let (reading, settings) = try conversations(at: path, expanded: expanded, owner: owner, preread: preread)
        let name = URL(fileURLWithPath: expanded).lastPathComponent
        return { graph in
            let plan = ConversationImport.plan(reading, into: graph, options: settings, source: name)
            return ImportOutcome(change: plan.change, summary: plan.summary, details: plan.details(dryRun: false))
        }
    }

    func strangers(at path: String, in graph: Graph) throws -> [String] {
        let (reading, settings) = try conversations(at: path, expanded: Self.expandingHome(path), owner: graph.owner,
                                                    preread: nil)
        let plan = ConversationImport.plan(reading, into: graph, options: settings, source: path)
        return plan.unknown.map(\.suggestion)
    }

    /// The traces of a mail, calendar or chat source (the file's bytes when they were read to
    /// tell its kind), read with the machine's zone and phone region, and the import's settings.
    private func conversations(at path: String, expanded: String, owner: Owner,
                               preread: [UInt8]?) throws -> (ConversationReading, ConversationImport.Options) {
        let source: (files: [ConversationReading.File], inFolder: Bool)
        do {
            source = try preread.map { ([.init(name: expanded, bytes: $0)], false) } ?? Platform.conversationFiles(at: expanded)
        } catch {
            throw FileExchangeError("I can't read \(path): \(error)")
        }
        let settings = ConversationImport.Options(today: today, phoneRegion: Platform.phoneRegion(nil))
        do {
            let reading = try ConversationImportRun.read(source.files, format: nil, inFolder: source.inFolder,
                                                         settings: settings, owner: owner)
            return (reading, settings)
        } catch {
            throw FileExchangeError("\(path): \(error)")
        }
    }

    func export(_ graph: Graph, format: String, tag: String?) throws -> String {
        guard let exportFormat = ExportFormat(rawValue: format) else { throw FileExchangeError("I can't export \(format).") }
        let data: Data
        do {
            data = try Exporter.render(graph, format: exportFormat, tag: tag, now: Platform.now)
        } catch {
            throw FileExchangeError("\(error)")
        }
        let name = "kith-" + (tag.map { fold($0).split(separator: " ").joined(separator: "-") } ?? "contacts")
        let suffix = ["vcard": "vcf", "ics": "ics", "csv": "csv", "json": "json", "dot": "dot"][format] ?? format
        let directory = FileManager.default.currentDirectoryPath
        // Never overwrite: kith-clients.vcf, then kith-clients-2.vcf, …
        var path = "\(directory)/\(name).\(suffix)"
        var n = 2
        while FileManager.default.fileExists(atPath: path) {
            path = "\(directory)/\(name)-\(n).\(suffix)"
            n += 1
        }
        do {
            try Platform.writeFile(data, to: path)
        } catch {
            throw FileExchangeError("I can't write \(path): \(error)")
        }
        return path
    }

    static func expandingHome(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home = Platform.environment["HOME"] else { return path }
        return home + path.dropFirst()
    }
}
