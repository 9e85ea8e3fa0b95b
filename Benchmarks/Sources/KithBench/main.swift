#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSQLite
import Foundation
import KithEngine
import KithGenerator
import KithGraph
import KithLanguage
import KithStore
import KithTime

// kith-bench: Kith's benchmark suite, side by side with SQLite, in one run.
//
//   kith-bench --kith PATH [--sizes small,large] [--data DIR] [--quick]
//
// For each size it makes the reference store and the same data as an SQLite database (with
// `kith generate`, once), then measures load, save, journal append, parsing, each question's
// answer, the one-shot `kith ask` from process start, and (small) script mode — and runs the
// equivalent SQL for every question with the sqlite3 shell in the same run, printing ratios.
// Figures are medians. `--measure-load FILE` is the child process that measures peak memory.

// MARK: - Options

var arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

if let file = option("--measure-load") {
    // Child process: open a store from its JSON (no image yet: mapped, parsed, indexed, image
    // written), report peak memory in bytes.
    try? FileManager.default.removeItem(atPath: file + ".image")
    let store = try FileStorage(path: file)
    // The peak of this process since it started: VmHWM, which execve resets. (getrusage's
    // ru_maxrss keeps the peak from before the exec, which for a child of this benchmark is the
    // parent's, with the store it loaded itself: 1.1 GB on the large store, whatever kith used.)
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
    let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    print(kilobytes * 1024, store.graph.interactions.count)
    exit(0)
}

let kith = option("--kith") ?? "../.build-static/release/kith"
let dataDirectory = option("--data") ?? ".data"
let sizes = (option("--sizes") ?? "small,large").split(separator: ",").map(String.init)
let quick = arguments.contains("--quick")
let today = "2026-03-10"
let todayDate = CalendarDate(iso: today)!
let sqlite3 = "/usr/bin/sqlite3"

guard FileManager.default.isExecutableFile(atPath: kith) else {
    FileHandle.standardError.write(Data("kith-bench: no kith binary at \(kith); build it with\n  swift build -c release --static-swift-stdlib --scratch-path .build-static\n".utf8))
    exit(2)
}
try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)

// MARK: - Timing

func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Runs `body` until `seconds` have passed (at least `minimum`, at most `maximum` times) and
/// returns each run's time.
func measure(seconds: Double = 1, minimum: Int = 5, maximum: Int = 100_000, _ body: () throws -> Void) rethrows -> [Double] {
    var times: [Double] = []
    let start = now()
    while times.count < minimum || (now() - start < (quick ? seconds / 4 : seconds) && times.count < maximum) {
        let t0 = now()
        try body()
        times.append(now() - t0)
    }
    return times
}

func median(_ xs: [Double]) -> Double {
    let sorted = xs.sorted()
    guard !sorted.isEmpty else { return .nan }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func percentile(_ xs: [Double], _ p: Double) -> Double {
    let sorted = xs.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p))]
}

/// Starts a process with stdout and stderr to /dev/null (or to `output`) and waits; returns
/// the wall time and the exit status.
func spawn(_ argv: [String], stdinPath: String? = nil, output: String = "/dev/null") -> (seconds: Double, status: Int32) {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, stdinPath ?? "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var cArgs = argv.map { strdup($0) } + [nil]
    defer { cArgs.forEach { free($0) } }
    var pid: pid_t = 0
    let start = now()
    guard posix_spawn(&pid, argv[0], &actions, nil, &cArgs, environ) == 0 else { return (.nan, -1) }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    return (now() - start, (status >> 8) & 0xFF)
}

/// Runs the sqlite3 shell over `script` (stdin) and returns its standard output.
func sqlite(_ database: String, _ script: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: sqlite3)
    process.arguments = [database]
    let input = Pipe(), output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let writer = Thread { input.fileHandleForWriting.write(Data(script.utf8)); try? input.fileHandleForWriting.close() }
    writer.start()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

func ms(_ seconds: Double) -> String {
    if seconds.isNaN { return "—" }
    if seconds < 0.001 { return String(format: "%.1f µs", seconds * 1e6) }
    if seconds < 1 { return String(format: "%.2f ms", seconds * 1e3) }
    return String(format: "%.2f s", seconds)
}

func ratio(_ a: Double, _ b: Double) -> String { String(format: "%.2f×", a / b) }

var report: [String] = []
func emit(_ line: String = "") {
    print(line)
    fflush(stdout)
    report.append(line)
}

// MARK: - Questions and their SQL

struct Question {
    let intent: String
    let text: String
    /// The SQL that answers the same question over the same data.
    let sql: String
    /// What to compare between kith's answer and SQLite's output: rows, or the first value.
    enum Check { case rows, value, none }
    let check: Check
}

let diane = "(SELECT id FROM people WHERE name = 'Diane Smith')"
let questions: [Question] = [
    Question(intent: "not_contacted", text: "who haven't I talked to this month", sql: """
        SELECT p.name, (SELECT max(x.date) FROM participants x WHERE x.person = p.id) AS last FROM people p
        WHERE NOT EXISTS (SELECT 1 FROM participants x WHERE x.person = p.id AND x.date BETWEEN '2026-03-01' AND '2026-03-10')
        ORDER BY last IS NOT NULL, last, p.name;
        """, check: .rows),
    Question(intent: "not_contacted", text: "which clients haven't I called since October", sql: """
        SELECT p.name, (SELECT max(x.date) FROM participants x JOIN interactions i ON i.id = x.interaction
                        WHERE x.person = p.id AND i.channel = 'call') AS last
        FROM people p JOIN tags t ON t.person = p.id AND t.tag = 'client'
        WHERE NOT EXISTS (SELECT 1 FROM participants x JOIN interactions i ON i.id = x.interaction
                          WHERE x.person = p.id AND i.channel = 'call' AND x.date BETWEEN '2025-10-01' AND '2026-03-10')
        ORDER BY last IS NOT NULL, last, p.name;
        """, check: .rows),
    Question(intent: "contacted", text: "who did I talk to last week", sql: """
        SELECT p.name, count(*), max(x.date) FROM participants x JOIN people p ON p.id = x.person
        WHERE x.date BETWEEN '2026-03-02' AND '2026-03-08' GROUP BY x.person ORDER BY max(x.date) DESC, p.name;
        """, check: .rows),
    Question(intent: "last_contact", text: "when did I last talk to Diane Smith", sql: """
        SELECT i.date, i.channel, i.topic FROM participants x JOIN interactions i ON i.id = x.interaction
        WHERE x.person = \(diane) ORDER BY x.date DESC, x.interaction DESC LIMIT 1;
        """, check: .value),
    Question(intent: "person_info", text: "tell me about Diane Smith", sql: """
        SELECT p.name, p.org, p.title, p.place, p.email, p.phone, p.birthday, p.how_met, p.cadence_days,
          (SELECT group_concat(tag, ', ') FROM tags WHERE person = p.id),
          (SELECT group_concat(alias, ', ') FROM aliases WHERE person = p.id),
          (SELECT count(*) FROM participants WHERE person = p.id),
          (SELECT count(*) FROM participants WHERE person = p.id AND date >= '2025-12-10'),
          (SELECT max(date) FROM participants WHERE person = p.id)
        FROM people p WHERE p.name = 'Diane Smith';
        SELECT kind, person, other FROM relations WHERE person = \(diane) OR other = \(diane);
        SELECT date, text FROM notes WHERE person = \(diane) ORDER BY date DESC LIMIT 5;
        """, check: .none),
    Question(intent: "find_people", text: "who do I know at Acme", sql: """
        SELECT name, title, org, place FROM people WHERE org = 'Acme' COLLATE NOCASE ORDER BY name;
        """, check: .rows),
    Question(intent: "find_people", text: "who are my clients", sql: """
        SELECT p.name, p.title, p.org, p.place FROM people p JOIN tags t ON t.person = p.id WHERE t.tag = 'client' ORDER BY p.name;
        """, check: .rows),
    Question(intent: "count", text: "how many people did I talk to this week", sql: """
        SELECT count(DISTINCT person) FROM participants WHERE date BETWEEN '2026-03-09' AND '2026-03-10';
        """, check: .value),
    Question(intent: "count", text: "how many times did I see Diane Smith this year", sql: """
        SELECT count(*) FROM participants WHERE person = \(diane) AND date BETWEEN '2026-01-01' AND '2026-03-10';
        """, check: .value),
]

/// SQLite's own time for a question, in process (libsqlite3, the library the shell is built
/// on): prepare every statement, step through every row, finalize — the median of many runs.
func sqliteQueryTime(_ database: String, _ sql: String, seconds: Double) throws -> Double {
    var db: OpaquePointer?
    guard sqlite3_open_v2(database, &db, SQLITE_OPEN_READONLY, nil) == SQLITE_OK else { fatalError("cannot open \(database)") }
    defer { sqlite3_close(db) }
    var rows = 0
    func run() {
        var remaining = sql
        while true {
            let trimmed = remaining.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { break }
            var statement: OpaquePointer?
            var tail: UnsafePointer<CChar>?
            let consumed: Int = trimmed.withCString { start in
                guard sqlite3_prepare_v2(db, start, -1, &statement, &tail) == SQLITE_OK else { fatalError(String(cString: sqlite3_errmsg(db))) }
                return tail.map { $0 - start } ?? strlen(start)
            }
            while sqlite3_step(statement) == SQLITE_ROW {
                // Read every column, as printing the answer would.
                for column in 0..<sqlite3_column_count(statement) { _ = sqlite3_column_text(statement, column) }
                rows += 1
            }
            sqlite3_finalize(statement)
            remaining = String(trimmed.utf8.dropFirst(consumed))!
        }
    }
    run()
    return median(measure(seconds: seconds, minimum: 3, maximum: 5000) { run() })
}

/// The answer's size as SQLite sees it: rows, or the first value.
func sqliteResult(_ database: String, _ question: Question) throws -> String {
    let output = try sqlite(database, question.sql)
    switch question.check {
    case .rows: return String(output.split(separator: "\n").count)
    case .value: return String(output.split(separator: "\n").first?.split(separator: "|").first ?? "")
    case .none: return "—"
    }
}

func kithResult(_ answer: Answer, _ question: Question) -> String {
    switch question.check {
    case .rows: return answer.count.map(String.init) ?? String(answer.people?.count ?? 0)
    case .value: return answer.date?.iso ?? answer.count.map(String.init) ?? "?"
    case .none: return "—"
    }
}

// MARK: - The run

emit("# Kith benchmark")
emit()
let cores = sysconf(Int32(_SC_NPROCESSORS_ONLN))
emit("Run \(ISO8601DateFormatter().string(from: Date())), \(cores) cores, kith: \(kith), sqlite3 \((try? sqlite(":memory:", "select sqlite_version();").trimmingCharacters(in: .whitespacesAndNewlines)) ?? "?"), today \(today). Medians.")

struct Size {
    let name: String
    let people: Int
    let interactions: Int
}
let allSizes = ["small": Size(name: "small", people: 1_000, interactions: 20_000),
                "large": Size(name: "large", people: 100_000, interactions: 2_000_000),
                "huge": Size(name: "huge", people: 1_000_000, interactions: 20_000_000)]

var targets: [(String, Bool, String)] = []

for sizeName in sizes {
    guard let size = allSizes[sizeName] else { continue }
    let json = "\(dataDirectory)/\(size.name).json"
    let database = "\(dataDirectory)/\(size.name).db"
    if !FileManager.default.fileExists(atPath: json) || !FileManager.default.fileExists(atPath: database) {
        try? FileManager.default.removeItem(atPath: json)
        try? FileManager.default.removeItem(atPath: database)
        try? FileManager.default.removeItem(atPath: StoreImageName.path(json))
        emit("\n(generating \(size.name): \(size.people) people, \(size.interactions) interactions…)")
        let made = spawn([kith, "generate", "--people", "\(size.people)", "--interactions", "\(size.interactions)",
                          "--seed", "1", "-o", json, "--sqlite", database])
        guard made.status == 0 else { fatalError("kith generate failed") }
    }
    let jsonBytes = (try FileManager.default.attributesOfItem(atPath: json)[.size] as? Int) ?? 0
    let megabytes = Double(jsonBytes) / 1e6
    emit()
    emit("## \(size.name): \(size.people) people, \(size.interactions) interactions, \(String(format: "%.0f", megabytes)) MB of JSON")
    emit()

    // Load.
    let data = try Data(contentsOf: URL(fileURLWithPath: json))
    var loaded: Graph?
    let parseTimes = try measure(seconds: size.name == "large" ? 8 : 2, minimum: 3, maximum: 20) {
        loaded = try FileStorage.decodeSnapshot(data, path: json).graph
    }
    let graph = loaded!
    let parse = median(parseTimes)
    try? FileManager.default.removeItem(atPath: StoreImageName.path(json))
    let coldOpen = measure(seconds: 0, minimum: 1, maximum: 1) { _ = try? FileStorage(path: json) }
    let imageOpen = median(try measure(seconds: 2, minimum: 5, maximum: 200) { _ = try FileStorage(path: json) })
    let child = try { () -> (Int, Int) in
        let out = "\(dataDirectory)/.load-rss"
        _ = spawn([CommandLine.arguments[0], "--measure-load", json], output: out)
        let words = try String(contentsOfFile: out, encoding: .utf8).split(separator: " ")
        return (Int(words[0]) ?? 0, Int(words[1].trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0)
    }()
    var foundation = Double.nan
    if size.name == "small" || arguments.contains("--foundation") {
        struct Document: Decodable {
            var people: [Person]?
            var interactions: [Interaction]?
            var relations: [Relation]?
            var reminders: [Reminder]?
        }
        foundation = median(try measure(seconds: 2, minimum: 2, maximum: 10) {
            _ = try JSONDecoder().decode(Document.self, from: data)
        })
    }
    emit("| load | time | rate |")
    emit("|---|---|---|")
    emit("| JSON → graph with every index (fast reader) | \(ms(parse)) | \(String(format: "%.0f", megabytes / parse)) MB/s |")
    if !foundation.isNaN {
        emit("| JSON → Codable structs, Foundation JSONDecoder, no indexes (for scale) | \(ms(foundation)) | \(String(format: "%.0f", megabytes / foundation)) MB/s |")
    }
    emit("| open the store, no image yet (map, parse, build, write the image) | \(ms(coldOpen[0])) | |")
    emit("| open the store from its image | \(ms(imageOpen)) | |")
    emit("| peak memory opening from JSON, no image (child process, VmHWM, mapped JSON pages included) | \(child.0 / 1_000_000) MB | \(String(format: "%.2f", Double(child.0) / Double(jsonBytes)))× the JSON |")
    targets.append(("\(size.name): load ≥ 400 MB/s", megabytes / parse >= 400, String(format: "%.0f MB/s", megabytes / parse)))
    if size.name == "large" {
        targets.append(("large: ready in ≤ 0.6 s", parse <= 0.6, ms(parse)))
        targets.append(("large: peak memory ≤ 3× JSON", Double(child.0) <= 3 * Double(jsonBytes), String(format: "%.2f×", Double(child.0) / Double(jsonBytes))))
    }

    // Save and journal append, on a copy.
    let scratch = "\(dataDirectory)/.scratch-\(size.name)"
    try? FileManager.default.removeItem(atPath: scratch)
    try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    let copy = scratch + "/kith.json"
    try data.write(to: URL(fileURLWithPath: copy))
    // Let the copy reach the disk first: on ext4 an fsync also waits for other files' dirty data.
    sync()
    let store = try FileStorage(path: copy)
    var appends: [Double] = []
    for index in 0..<(quick ? 10 : 40) {
        let t0 = now()
        _ = try store.commit { graph in
            Change(summary: "bench", operations: [.put(.interaction(Interaction(
                id: graph.nextID(.interaction), date: todayDate, people: [1 + index % 5], channel: "talk")))])
        }
        appends.append(now() - t0)
    }
    let encode = median(try measure(seconds: 2, minimum: 2, maximum: 10) { _ = try FileStorage.encodeSnapshot(store.graph, journalSeq: 0) })
    let compactions = try measure(seconds: 3, minimum: 3, maximum: 10) { try store.compact() }
    let compaction = median(compactions)
    emit()
    emit("| save | time | rate |")
    emit("|---|---|---|")
    emit("| encode the snapshot (fast writer) | \(ms(encode)) | \(String(format: "%.0f", megabytes / encode)) MB/s |")
    emit("| compaction: encode, write, fsync, rename, fsync dir, truncate journal, read back, write the image | \(ms(compaction)) | \(String(format: "%.0f", megabytes / compaction)) MB/s |")
    emit("| one logged interaction: lock, catch up, journal append + fsync (p90 \(ms(percentile(appends, 0.9)))) | \(ms(median(appends))) | |")
    targets.append(("\(size.name): save ≥ 300 MB/s incl. fsync", megabytes / compaction >= 300, String(format: "%.0f MB/s", megabytes / compaction)))
    targets.append(("\(size.name): journal append ≤ 2 ms", median(appends) <= 0.002, ms(median(appends))))
    try? FileManager.default.removeItem(atPath: scratch)

    // Parse and answer, in process, over the loaded graph.
    let conversation = Conversation(catalogue: .builtIn(), storage: MemoryStorage(graph), today: todayDate)
    // What `--all` (and `--json`) answer: every row of a long list formatted, not the first 50.
    let everyRow = Conversation(catalogue: .builtIn(), storage: MemoryStorage(graph), today: todayDate,
                                options: .init(listLimit: nil))
    let catalogueLoad = median(measure(seconds: 1, minimum: 3, maximum: 50) { _ = Catalogue.builtIn() })
    emit()
    emit("Catalogue (all intents) parsed at start-up: \(ms(catalogueLoad)).")
    emit()
    emit("| intent | question | parse | answer (kith, in process) | same SQL (libsqlite3, in process) | kith ÷ SQLite | result kith / SQLite | answer, every row (--all) |")
    emit("|---|---|---|---|---|---|---|---|")
    var parseMedians: [Double] = []
    var oneShot: [(Question, Double, Double)] = []
    for question in questions {
        let parseTime = median(measure(seconds: 0.5, minimum: 20) { _ = conversation.parse(question.text) })
        parseMedians.append(parseTime)
        var answer: Answer?
        let answerTime = median(try measure(seconds: 1, minimum: 3, maximum: 2000) { answer = try conversation.respond(to: question.text) })
        let sqlTime = try sqliteQueryTime(database, question.sql, seconds: 1)
        let agreement = "\(kithResult(answer!, question)) / \(try sqliteResult(database, question))"
        var allRows = "—"
        if let people = answer!.people, let count = answer!.count, people.count < count {
            allRows = ms(median(try measure(seconds: 1, minimum: 3, maximum: 200) { _ = try everyRow.respond(to: question.text) }))
        }
        emit("| \(question.intent) | \(question.text) | \(ms(parseTime)) | \(ms(answerTime)) | \(ms(sqlTime)) | \(ratio(answerTime, sqlTime)) | \(agreement) | \(allRows) |")
        if size.name == "large" {
            targets.append(("large: answer ≤ 5 ms — \(question.text)", answerTime <= 0.005, ms(answerTime)))
        }
        // One-shot: the release binary from process start, against the sqlite3 shell.
        let runs = quick ? 3 : (size.name == "large" ? 9 : 21)
        _ = spawn([kith, "ask", "--store", json, "--today", today, question.text])
        var kithTimes: [Double] = [], sqliteTimes: [Double] = []
        for _ in 0..<runs {
            kithTimes.append(spawn([kith, "ask", "--store", json, "--today", today, question.text]).seconds)
            sqliteTimes.append(spawn([sqlite3, database, question.sql]).seconds)
        }
        oneShot.append((question, median(kithTimes), median(sqliteTimes)))
    }
    let typo = median(measure(seconds: 0.5, minimum: 20) { _ = conversation.parse("when did I last talk to Diane Smiht") })
    emit()
    emit("Parse: median over the questions \(ms(median(parseMedians))); slowest \(ms(parseMedians.max()!)); a typo'd name (\"Diane Smiht\", the one-edit scan over every name key) \(ms(typo)).")
    targets.append(("\(size.name): parse ≤ 50 µs (median)", median(parseMedians) <= 50e-6, ms(median(parseMedians))))

    emit()
    emit("| one-shot, from process start | kith ask | sqlite3 shell | kith ÷ SQLite |")
    emit("|---|---|---|---|")
    let limit = size.name == "small" ? 1.5 : 3.0
    for (question, kithTime, sqliteTime) in oneShot {
        emit("| \(question.text) | \(ms(kithTime)) | \(ms(sqliteTime)) | \(ratio(kithTime, sqliteTime)) |")
        targets.append(("\(size.name): one-shot ≤ \(limit)× SQLite — \(question.text)", kithTime / sqliteTime <= limit, ratio(kithTime, sqliteTime)))
    }
    let startup = median((0..<(quick ? 5 : 21)).map { _ in spawn([kith, "--version"]).seconds })
    let sqliteStart = median((0..<(quick ? 5 : 21)).map { _ in spawn([sqlite3, ":memory:", "SELECT 1"]).seconds })
    emit("| (start-up alone: `kith --version`, `sqlite3 :memory: 'SELECT 1'`) | \(ms(startup)) | \(ms(sqliteStart)) | \(ratio(startup, sqliteStart)) |")

    // Script mode.
    if size.name == "small" || arguments.contains("--script-large") {
        let count = 10_000
        let script = "\(dataDirectory)/.script.kith"
        let sqlScript = "\(dataDirectory)/.script.sql"
        try (0..<count).map { questions[$0 % questions.count].text }.joined(separator: "\n").write(toFile: script, atomically: true, encoding: .utf8)
        try (0..<count).map { questions[$0 % questions.count].sql }.joined(separator: "\n").write(toFile: sqlScript, atomically: true, encoding: .utf8)
        // Medians of several runs, like every other figure: one run of either moved by up to
        // 1.6× between runs on this shared machine.
        let runs = quick ? 1 : 5
        func medianRun(_ argv: [String], stdinPath: String? = nil, times: Int) -> (seconds: Double, status: Int32) {
            let results = (0..<times).map { _ in spawn(argv, stdinPath: stdinPath) }
            return (median(results.map(\.seconds)), results.map(\.status).max() ?? 0)
        }
        let kithScript = medianRun([kith, "run", "--store", json, "--today", today, script], times: runs)
        let sqliteScript = medianRun([sqlite3, database], stdinPath: sqlScript, times: quick ? 1 : 3)
        let lookups = (0..<count).map { questions[$0 % questions.count].text }.filter { !$0.hasPrefix("who haven't") && !$0.hasPrefix("which clients") && !$0.hasPrefix("who are my") }
        try lookups.joined(separator: "\n").write(toFile: script, atomically: true, encoding: .utf8)
        let kithLookups = medianRun([kith, "run", "--store", json, "--today", today, script], times: runs)
        emit()
        emit("| script mode, one process | questions | kith | sqlite3 shell | kith ÷ SQLite |")
        emit("|---|---|---|---|---|")
        emit("| every question above in turn | \(count) | \(String(format: "%.0f", Double(count) / kithScript.seconds)) q/s (\(ms(kithScript.seconds))) | \(String(format: "%.0f", Double(count) / sqliteScript.seconds)) q/s (\(ms(sqliteScript.seconds))) | \(ratio(kithScript.seconds, sqliteScript.seconds)) |")
        emit("| without the three that list hundreds of people | \(lookups.count) | \(String(format: "%.0f", Double(lookups.count) / kithLookups.seconds)) q/s | | |")
        if size.name == "small" {
            targets.append(("small: script ≥ 20,000 questions/s", Double(count) / kithScript.seconds >= 20_000,
                            String(format: "%.0f q/s", Double(count) / kithScript.seconds)))
        }
    }
}

// MARK: - A store as a script leaves it

// Issue 13: a store built by its owner's script — every record its own transaction, as a script
// of add and log lines commits them — with its journal as the last commands left it, near the
// compaction threshold. The data are the small reference network's, so the SQLite twin is
// small.db. The store is built in process through FileStorage (the same code `kith run` commits
// through), one commit and fsync per record; then the one-shot `kith ask` is timed on it, and
// again once a compaction has folded the journal in.
if sizes.contains("small") {
    let database = "\(dataDirectory)/small.db"
    let directory = "\(dataDirectory)/.scripted"
    try? FileManager.default.removeItem(atPath: directory)
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let store = directory + "/kith.json"
    let network = ReferenceNetwork.generate(.init(people: 1_000, interactions: 20_000, seed: 1))
    var operations = network.operations
    let setOwner = operations.removeFirst()
    func journal() -> (bytes: Int, lines: Int) {
        let bytes = (try? Data(contentsOf: URL(fileURLWithPath: store + ".journal"))) ?? Data()
        return (bytes.count, bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) })
    }
    let started = now()
    let storage = try FileStorage(path: store)
    _ = try storage.commit { _ in Change(summary: "me", operations: [setOwner]) }
    // The most transactions the journal held before a commit compacted it: where the tail
    // below leaves it.
    var held = 0, mostHeld = 0, lastSize = 0, compactions = 0
    func commitOne(_ operation: KithGraph.Operation) throws {
        _ = try storage.commit { _ in Change(summary: "script", operations: [operation]) }
        let size = (try? FileManager.default.attributesOfItem(atPath: store + ".journal")[.size] as? Int) ?? 0
        if size < lastSize { compactions += 1; mostHeld = max(mostHeld, held); held = 0 } else { held += 1 }
        lastSize = size
    }
    // A first pass over the records finds how many the journal holds; the tail is that many.
    let probe = min(operations.count / 2, 3_000)
    for operation in operations[..<probe] { try commitOne(operation) }
    let tail = max(1, min(mostHeld, operations.count - probe))
    for operation in operations[probe..<(operations.count - tail)] { try commitOne(operation) }
    try storage.compact()
    lastSize = 0; held = 0
    for operation in operations[(operations.count - tail)...] { try commitOne(operation) }
    let built = now() - started
    let left = journal()
    emit()
    emit("## small, as a script leaves it: \(operations.count + 1) commits of one record each, journal left at \(left.lines) transactions (\(left.bytes / 1024) KiB)")
    emit()
    emit("Built in \(String(format: "%.1f", built)) s (\(compactions) compactions on the way; the most transactions the journal held before one: \(mostHeld)).")
    let conversation = Conversation(catalogue: .builtIn(), storage: MemoryStorage(storage.graph), today: todayDate)
    let scriptedQuestions = questions.filter { $0.intent == "last_contact" || $0.intent == "count" && $0.text.contains("Diane") }
    let openScripted = median(try measure(seconds: 1, minimum: 5, maximum: 500) { _ = try FileStorage(path: store) })
    // Its twin, compacted: a copy (whose image is stale, being beside another file), folded
    // into a new snapshot and image. Both are timed in the same loop, run for run, so that
    // whatever else the machine does falls on both.
    let twin = directory + "/compacted"
    try FileManager.default.createDirectory(atPath: twin, withIntermediateDirectories: true)
    for suffix in ["", ".journal"] {
        try FileManager.default.copyItem(atPath: store + suffix, toPath: twin + "/kith.json" + suffix)
    }
    try FileStorage(path: twin + "/kith.json").compact()
    emit()
    emit("Open the store in process (map the image, replay the journal): \(ms(openScripted)).")
    emit()
    emit("| one-shot, from process start | kith ask, as the script left it | kith ask, compacted | sqlite3 shell | kith ÷ SQLite, as left | kith ÷ SQLite, compacted | result kith / SQLite |")
    emit("|---|---|---|---|---|---|---|")
    for question in scriptedQuestions {
        let agreement = "\(kithResult(try conversation.respond(to: question.text), question)) / \(try sqliteResult(database, question))"
        let runs = quick ? 5 : 41
        let asLeft = [kith, "ask", "--store", store, "--today", today, question.text]
        let compacted = [kith, "ask", "--store", twin + "/kith.json", "--today", today, question.text]
        _ = spawn(asLeft)
        _ = spawn(compacted)
        var leftTimes: [Double] = [], compactedTimes: [Double] = [], sqliteTimes: [Double] = []
        for _ in 0..<runs {
            leftTimes.append(spawn(asLeft).seconds)
            compactedTimes.append(spawn(compacted).seconds)
            sqliteTimes.append(spawn([sqlite3, database, question.sql]).seconds)
        }
        let (left, folded, sqliteTime) = (median(leftTimes), median(compactedTimes), median(sqliteTimes))
        emit("| \(question.text) | \(ms(left)) | \(ms(folded)) | \(ms(sqliteTime)) | \(ratio(left, sqliteTime)) | \(ratio(folded, sqliteTime)) | \(agreement) |")
        targets.append(("small as a script leaves it: one-shot ≤ 1.2× SQLite — \(question.text)", left / sqliteTime <= 1.2, ratio(left, sqliteTime)))
        targets.append(("small as a script leaves it: within 1.2× of the compacted store — \(question.text)", left / folded <= 1.2, ratio(left, folded)))
    }
    try? FileManager.default.removeItem(atPath: directory)
}

emit()
emit("## Targets")
emit()
emit("| target | holds | measured |")
emit("|---|---|---|")
for (name, holds, measured) in targets { emit("| \(name) | \(holds ? "yes" : "**no**") | \(measured) |") }

try? FileManager.default.createDirectory(atPath: "results", withIntermediateDirectories: true)
let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
try report.joined(separator: "\n").write(toFile: "results/\(stamp).md", atomically: true, encoding: .utf8)
print("\n(saved to results/\(stamp).md)")

enum StoreImageName {
    static func path(_ json: String) -> String { json + ".image" }
}
