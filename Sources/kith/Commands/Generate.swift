#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import FoundationEssentials
import KithGenerator
import KithGraph
import KithStore
import KithTime

struct Generate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",  // named here: deriving it from the type costs milliseconds at start-up
        abstract: "Write a deterministic reference store (for benchmarks and load tests).",
        usage: "kith generate --people <n> --interactions <n> -o <file> [<options>]",
        discussion: """
        The same options always write the same bytes: realistic names, tags, \
        organisations, relations, birthdays and cadences, and interactions over the three \
        years up to --today (default 2026-03-10), with a long tail of people rarely seen.

          kith generate --people 1000 --interactions 20000 --seed 1 -o small.json
          kith generate --people 100 --interactions 2000 -o s.json --sqlite s.db
          kith generate --people 100 --interactions 2000 -o s.json --sql-dir s-sql

        --sqlite loads the same data into a new SQLite database with the sqlite3 shell; \
        --sql-dir writes it as CSV files plus schema.sql (run sqlite3 kith.db < \
        schema.sql in that folder). Existing files are never overwritten.
        """
    )

    @Option(help: "How many people.")
    var people: Int

    @Option(help: "How many interactions.")
    var interactions: Int

    @Option(help: "The seed: a different seed, a different network of the same shape.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("The last day of the history.", valueName: "yyyy-mm-dd"))
    var today: String?

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("The store file to write.", valueName: "file"))
    var output: String

    @Option(help: ArgumentHelp("Also load the data into this new SQLite database.", valueName: "db"))
    var sqlite: String?

    @Option(name: .customLong("sql-dir"), help: ArgumentHelp("Also write the data as CSV files and a schema script here.", valueName: "dir"))
    var sqlDir: String?

    func validate() throws {
        guard people >= 0, interactions >= 0 else { throw ValidationError("--people and --interactions can't be negative.") }
        guard people > 0 || interactions == 0 else { throw ValidationError("Interactions need people: give --people.") }
        if let today, CalendarDate(iso: today) == nil {
            throw ValidationError("--today needs a real date as YYYY-MM-DD, not '\(today)'.")
        }
        for path in [output, sqlite].compactMap({ $0 }) where FileManager.default.fileExists(atPath: path) {
            throw ValidationError("\(path) already exists; kith generate never overwrites a file.")
        }
    }

    func run() async throws {
        var options = ReferenceNetwork.Options(people: people, interactions: interactions, seed: seed)
        if let today { options.today = CalendarDate(iso: today)! }
        let network = ReferenceNetwork.generate(options)

        var builder = GraphImage.Builder()
        network.people.forEach { builder.add($0) }
        network.interactions.forEach { builder.add($0) }
        network.relations.forEach { builder.add($0) }
        network.reminders.forEach { builder.add($0) }
        let graph = Graph(image: try builder.build(), owner: network.owner)
        let snapshot = try FileStorage.encodeSnapshot(graph, journalSeq: 0)
        try Self.create(output, snapshot)
        var written = ["\(output) (\(Self.megabytes(snapshot.count)))"]

        if let sqlDir {
            try FileManager.default.createDirectory(atPath: sqlDir, withIntermediateDirectories: true)
            for (name, bytes) in network.sqlFiles() { try Self.create(sqlDir + "/" + name, Data(bytes)) }
            written.append("\(sqlDir)/ (CSV and \(ReferenceNetwork.sqlScriptName))")
        }
        if let sqlite {
            try await Self.loadSQLite(network, into: sqlite)
            written.append(sqlite)
        }
        Platform.writeError("kith: wrote \(network.people.count) people, \(network.interactions.count) interactions, "
                            + "\(network.relations.count) relations and \(network.reminders.count) reminders to "
                            + written.joined(separator: ", "))
    }

    /// A new file, readable by the owner only, on disk before this returns.
    static func create(_ path: String, _ data: Data) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            Platform.writeError("kith: cannot create \(path): \(Platform.SystemError())")
            throw ExitCode(3)
        }
        let written = data.withUnsafeBytes { Platform.writeAll($0.bindMemory(to: UInt8.self), to: fd) }
        guard written, fsync(fd) == 0, close(fd) == 0 else {
            Platform.writeError("kith: cannot write \(path): \(Platform.SystemError())")
            throw ExitCode(3)
        }
    }

    /// Writes the CSV files to a temporary folder and runs the sqlite3 shell's script there.
    static func loadSQLite(_ network: ReferenceNetwork, into database: String) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kith-sql-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, bytes) in network.sqlFiles() { try create(folder.appendingPathComponent(name).path, Data(bytes)) }
        let target = database.hasPrefix("/") ? database : FileManager.default.currentDirectoryPath + "/" + database
        let outcome: ChildProcess.Outcome
        do {
            // The script imports the CSV files by name, so it runs in their folder.
            outcome = try await ChildProcess.run("sqlite3", ["-bail", target], in: folder.path,
                                           input: .file(folder.appendingPathComponent(ReferenceNetwork.sqlScriptName).path),
                                           output: .discarded)
        } catch {
            Platform.writeError("kith: cannot run sqlite3 (is it installed?): \(error)")
            throw ExitCode(3)
        }
        guard outcome.status == 0 else {
            Platform.writeError("kith: sqlite3 failed (exit \(outcome.status)) loading \(database)")
            throw ExitCode(3)
        }
    }

    static func megabytes(_ bytes: Int) -> String {
        bytes >= 1_000_000 ? "\(bytes / 100_000 / 10).\(bytes / 100_000 % 10) MB" : "\(bytes / 1000) kB"
    }
}
