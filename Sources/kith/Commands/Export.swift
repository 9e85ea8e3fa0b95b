#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import FoundationEssentials
import KithExchange
import KithGraph

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",  // named here: deriving it from the type costs milliseconds at start-up
        abstract: "Export people as vCard, CSV, the JSON store, an iCalendar file or a Graphviz graph.",
        usage: "kith export [<options>] --format <format> [--tag <tag>] [-o <file>]",
        discussion: """
        Writes everyone, or the people with one tag, to standard output, or with -o to a \
        file readable by you only (0600), like the store.

          kith export --format vcard -o contacts.vcf   everyone, for another app
          kith export --format vcard --tag client      clients, to standard output
          kith export --format ics -o kith.ics         birthdays and reminders
          kith export --format csv -o people.csv       a spreadsheet
          kith export --format json -o backup.json     the whole store
          kith export --format svg -o network.svg      the graph (needs Graphviz)

        Exits 1 when no one has the tag, and 2 when svg or png is asked for without \
        Graphviz's dot. The CSV's columns are described in docs/import-export.md.
        """
    )

    enum Format: String, CaseIterable, ExpressibleByArgument {
        case vcard, csv, json, ics, dot, svg, png
    }

    @OptionGroup var options: GlobalOptions

    @Option(help: ArgumentHelp("vcard, csv, json, ics, dot, svg or png.", valueName: "format"))
    var format: Format

    @Option(help: ArgumentHelp("Only people with this tag, and what concerns them.", valueName: "tag"))
    var tag: String?

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file, not standard output.", valueName: "file"))
    var output: String?

    func run() async throws {
        // Find Graphviz before doing any work, so a missing one is the only message.
        let dot = format == .svg || format == .png ? try graphviz() : nil
        let graph = try options.settings.openConversation().storage.graph
        var data: Data
        do {
            data = try Exporter.render(graph, format: ExportFormat(rawValue: format.rawValue) ?? .dot, tag: tag,
                                       now: Platform.now)
        } catch {
            Platform.writeError("kith: \(error)")
            throw ExitCode(1)
        }
        if let dot { data = try await render(data, with: dot) }
        guard let output else {
            guard data.withUnsafeBytes({ Platform.writeAll($0.bindMemory(to: UInt8.self), to: STDOUT_FILENO) }) else {
                Platform.writeError("kith: cannot write to standard output: \(Platform.SystemError())")
                throw ExitCode(2)
            }
            return
        }
        do {
            try Platform.writeFile(data, to: output)
        } catch {
            Platform.writeError("kith: cannot write \(output): \(error)")
            throw ExitCode(2)
        }
        let count = tag.map { graph.people(taggedAs: $0).count } ?? graph.people.count
        Platform.write("Exported \(count) \(count == 1 ? "person" : "people") as \(format.rawValue) to \(output).\n")
    }

    private func graphviz() throws -> String {
        if let dot = Platform.executable(named: "dot") { return dot }
        Platform.writeError("kith: --format \(format.rawValue) needs Graphviz's dot program, which is not installed "
                            + "(on Debian or Ubuntu: apt-get install graphviz); --format dot writes the graph for it to draw")
        throw ExitCode(2)
    }

    /// Runs `dot -Tsvg` (or png) over the DOT text.
    private func render(_ source: Data, with dot: String) async throws -> Data {
        let outcome: ChildProcess.Outcome
        do {
            outcome = try await ChildProcess.run(dot, ["-T\(format.rawValue)"], input: .bytes(Array(source)), output: .captured)
        } catch {
            Platform.writeError("kith: cannot run \(dot): \(error)")
            throw ExitCode(1)
        }
        guard outcome.status == 0 else {
            Platform.writeError("kith: dot failed (exit \(outcome.status))")
            throw ExitCode(1)
        }
        return Data(outcome.output)
    }
}
