import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Store files kith cannot use, through the real binary: each is a clear error naming the file
/// and what is wrong, exit 3, for a question and for a command alike — and nothing on disk
/// changes, not even a lock or journal file appearing.
@Suite struct BrokenStoreTests {
    static let today = ["--today", "2026-03-10"]

    /// A valid pretty-printed store; `replace` swaps one line for another to break it.
    static let valid = """
        {
          "format" : "kith",
          "interactions" : [
            { "id" : 1, "date" : "2026-03-01", "people" : [ 1, 2 ], "channel" : "talk" }
          ],
          "journalSeq" : 0,
          "people" : [
            { "id" : 1, "name" : "Ann Lee" },
            { "id" : 2, "name" : "Bob Stone", "tags" : [ "client" ] }
          ],
          "relations" : [
            { "id" : 1, "person" : 1, "kind" : "wife", "other" : 2 }
          ],
          "reminders" : [
            { "id" : 1, "due" : "2026-04-01", "person" : 2, "text" : "call", "done" : false }
          ],
          "version" : 1
        }

        """

    static func broken(_ line: String, _ replacement: String) -> String {
        precondition(valid.contains(line), line)
        return valid.replacingOccurrences(of: line, with: replacement)
    }

    /// What a directory holds, without reading anything that could block.
    static func state(of directory: String) -> [String: String] {
        var files: [String: String] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
            let path = directory + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            var description = "mode \(info.st_mode) inode \(info.st_ino) size \(info.st_size) "
                + "mtime \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
            if info.st_mode & S_IFMT == S_IFREG {
                description += " bytes \(FileManager.default.contents(atPath: path).map { Array($0).hashValue } ?? 0)"
            }
            files[name] = description
        }
        return files
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        /// The snapshot's text, or nil when `prepare` makes the files.
        let snapshot: String?
        let journal: String?
        /// Which file the error must name: "" for the snapshot, ".journal", ".lock".
        let culprit: String
        /// What the message must say.
        let says: String
        let prepare: (@Sendable (String) throws -> Void)?

        init(_ name: String, snapshot: String? = nil, journal: String? = nil, culprit: String = "", says: String,
             prepare: (@Sendable (String) throws -> Void)? = nil) {
            self.name = name
            self.snapshot = snapshot
            self.journal = journal
            self.culprit = culprit
            self.says = says
            self.prepare = prepare
        }

        var testDescription: String { name }
    }

    static let journalLine = #"{"ops":[{"op":"put","person":{"id":3,"name":"Cat Ng"}}],"seq":1}"#

    static let cases: [Case] = [
        Case("truncated", snapshot: String(valid.prefix(200)), says: "unexpected end of file"),
        Case("cut mid-string", snapshot: String(valid.prefix(valid.distance(from: valid.startIndex, to: valid.range(of: "Bob")!.lowerBound) + 1)),
             says: "unterminated string"),
        Case("empty", snapshot: "", says: "the file is empty"),
        Case("only blank lines", snapshot: "\n\n  \n", says: "the file is empty"),
        Case("not JSON", snapshot: "kith store v1\n", says: "1:1: unexpected character 'k' (expected a value)"),
        Case("binary", snapshot: String(decoding: [0x00, 0xFF, 0x7B], as: UTF8.self), says: "1:1:"),
        Case("an array", snapshot: "[1, 2]\n", says: "expected an object, found an array"),
        Case("another format", snapshot: broken(#""format" : "kith""#, #""format" : "vcard""#), says: #"format: not a kith store (format is "vcard""#),
        Case("no format", snapshot: broken(#""format" : "kith","#, ""), says: #"missing field "format""#),
        Case("version 0", snapshot: broken(#""version" : 1"#, #""version" : 0"#), says: "version: version 0 is not a kith store version"),
        Case("newer version", snapshot: broken(#""version" : 1"#, #""version" : 7"#), says: "version: this store is version 7, newer than this kith reads"),
        Case("version as a string", snapshot: broken(#""version" : 1"#, #""version" : "1""#), says: "version: expected an integer, found a string"),
        Case("people not an array", snapshot: broken("""
              "people" : [
                { "id" : 1, "name" : "Ann Lee" },
                { "id" : 2, "name" : "Bob Stone", "tags" : [ "client" ] }
              ],
            """, #"  "people" : "Ann Lee and Bob Stone","#), says: "people: expected an array, found a string"),
        Case("id as a string", snapshot: broken(#"{ "id" : 1, "name" : "Ann Lee" }"#, #"{ "id" : "1", "name" : "Ann Lee" }"#), says: "people[0].id: expected an integer, found a string"),
        Case("name as a number", snapshot: broken(#""name" : "Ann Lee""#, #""name" : 5"#), says: "people[0].name: expected a string, found a number"),
        Case("a date that is not", snapshot: broken(#""date" : "2026-03-01""#, #""date" : "yesterday""#), says: #"interactions[0].date: expected a date like 2026-03-10, found "yesterday""#),
        Case("done not a boolean", snapshot: broken(#""done" : false"#, #""done" : "no""#), says: "reminders[0].done: expected true or false, found a string"),
        Case("duplicate person ids", snapshot: broken(#"{ "id" : 2, "name" : "Bob Stone""#, #"{ "id" : 1, "name" : "Bob Stone""#), says: "people[1].id: duplicate id 1 (people[0] has it too)"),
        Case("an interaction naming nobody", snapshot: broken(#""people" : [ 1, 2 ]"#, #""people" : [ 1, 9 ]"#), says: "interactions[0].people[1]: interaction 1 names person 9, who is not in the store"),
        Case("a relation to nobody", snapshot: broken(#""other" : 2"#, #""other" : 4"#), says: "relations[0].other: relation 1 names person 4, who is not in the store"),
        Case("a reminder about nobody", snapshot: broken(#""person" : 2, "text""#, #""person" : 3, "text""#), says: "reminders[0].person: reminder 1 names person 3, who is not in the store"),
        Case("an id that would overflow", snapshot: broken(#"{ "id" : 2, "name" : "Bob Stone""#, #"{ "id" : 9223372036854775807, "name" : "Bob Stone""#).replacingOccurrences(of: "[ 1, 2 ]", with: "[ 1 ]").replacingOccurrences(of: #""other" : 2"#, with: #""other" : 1"#).replacingOccurrences(of: #""person" : 2, "text""#, with: #""person" : 1, "text""#),
             says: "people[1].id: id 9223372036854775807 is out of range"),
        Case("nested too deeply", snapshot: String(repeating: "[", count: 100_000), says: "arrays and objects nested too deeply"),
        Case("invalid UTF-8 in a name", snapshot: nil, says: "invalid UTF-8 in a string", prepare: { path in
            var bytes = Array(valid.utf8)
            let at = bytes.firstIndex(of: UInt8(ascii: "A"))!  // "Ann Lee"
            bytes[at] = 0xFF
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            chmod(path, 0o600)
        }),
        Case("a damaged journal line before the last", snapshot: valid, journal: "{\"seq\": 1, oops}\n" + journalLine.replacingOccurrences(of: "\"seq\":1", with: "\"seq\":2") + "\n",
             culprit: ".journal", says: "1:12: unexpected character 'o' (expected a string key)"),
        Case("a journal line from a newer kith", snapshot: valid, journal: journalLine.replacingOccurrences(of: "\"put\"", with: "\"merge\"") + "\n",
             culprit: ".journal", says: #"1:15: ops[0].op: unknown operation "merge""#),
        Case("a journal naming nobody after a good line", snapshot: valid,
             journal: journalLine + "\n" + #"{"ops":[{"op":"put","interaction":{"id":2,"date":"2026-03-02","people":[77],"channel":"call"}}],"seq":2}"# + "\n",
             culprit: ".journal", says: "2: interaction 2 names person 77, who does not exist"),
        Case("a directory", culprit: "", says: "is a directory, not a store file", prepare: { path in
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        }),
        Case("a journal that is a directory", snapshot: valid, culprit: ".journal", says: "is a directory, not a store file", prepare: { path in
            try FileManager.default.createDirectory(atPath: path + ".journal", withIntermediateDirectories: false)
        }),
        Case("a lock that is a directory", snapshot: valid, culprit: ".lock", says: "is a directory, not a store file", prepare: { path in
            try FileManager.default.createDirectory(atPath: path + ".lock", withIntermediateDirectories: false)
        }),
        Case("a symbolic link to a good store", culprit: "", says: "is a symbolic link to real.json; kith does not follow links", prepare: { path in
            let directory = (path as NSString).deletingLastPathComponent
            try Data(valid.utf8).write(to: URL(fileURLWithPath: directory + "/real.json"))
            chmod(directory + "/real.json", 0o600)
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "real.json")
        }),
        Case("a dangling symbolic link", culprit: "", says: "is a symbolic link to nowhere.json", prepare: { path in
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "nowhere.json")
        }),
        Case("a journal that is a symbolic link", snapshot: valid, culprit: ".journal", says: "is a symbolic link to /dev/null", prepare: { path in
            try FileManager.default.createSymbolicLink(atPath: path + ".journal", withDestinationPath: "/dev/null")
        }),
        Case("a named pipe", culprit: "", says: "is not a regular file (a pipe, socket or device)", prepare: { path in
            guard mkfifo(path, 0o600) == 0 else { throw POSIXError(.EIO) }
        }),
    ]

    @Test(arguments: cases)
    func aBrokenStoreIsNamedExitsThreeAndIsLeftAlone(_ broken: Case) throws {
        let directory = try KithProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("kith.json").path
        if let snapshot = broken.snapshot {
            try Data(snapshot.utf8).write(to: URL(fileURLWithPath: path))
            chmod(path, 0o600)
        }
        if let journal = broken.journal {
            try Data(journal.utf8).write(to: URL(fileURLWithPath: path + ".journal"))
            chmod(path + ".journal", 0o600)
        }
        try broken.prepare?(path)
        let before = Self.state(of: directory.path)

        for line in ["how many people do I know", "add Zed Quill"] {
            let result = try KithProcess.run(["ask", "--store", path] + Self.today + [line])
            #expect(result.status == 3, "\(line): \(result.stdout) \(result.stderr)")
            #expect(result.stdout == "")
            #expect(result.stderr.hasPrefix("kith: \(path + broken.culprit):"), "\(result.stderr)")
            #expect(result.stderr.contains(broken.says), "\(result.stderr)")
            #expect(result.stderr.count < 2000, "a bounded message")
            #expect(Self.state(of: directory.path) == before, "\(line): the files changed")
        }
    }

    /// A journal whose last line a crash cut short: kith answers from the lines before it,
    /// warns with the file and line (never the content), and the next change cuts it away.
    @Test(arguments: [1, 10, 40, -2, -1])
    func aTornJournalLineIsDroppedWithAWarning(cut: Int) throws {
        let directory = try KithProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("kith.json").path
        let setup = try KithProcess.run(["run", "-", "--store", path] + Self.today,
                                        stdin: "add Ann Lee\nadd Bob Stone\nI talked to Ann and Bob today about the merger\n")
        #expect(setup.status == 0)
        var journal = try #require(FileManager.default.contents(atPath: path + ".journal")).map { $0 }
        let lastStart = journal.dropLast().lastIndex(of: 0x0A)! + 1
        let length = journal.count - lastStart
        journal = Array(journal[..<(lastStart + (cut > 0 ? cut : length + cut))])
        try Data(journal).write(to: URL(fileURLWithPath: path + ".journal"))

        let question = try KithProcess.run(["ask", "--json", "--store", path] + Self.today + ["how many conversations did I have this year"])
        #expect(question.status == 0)
        #expect(question.stdout.contains(#""count": 0"#))
        #expect(question.stderr == "kith: warning: \(path).journal:3: ignoring an incomplete last transaction "
                + "(a write was interrupted); the next change removes it\n")
        #expect(FileManager.default.contents(atPath: path + ".journal").map(Array.init) == journal)

        let change = try KithProcess.run(["ask", "--store", path] + Self.today + ["I talked to Bob today"])
        #expect(change.status == 0)
        let after = try KithProcess.run(["ask", "--json", "--store", path] + Self.today + ["how many conversations did I have this year"])
        #expect(after.stdout.contains(#""count": 1"#) && after.stderr == "", "\(after.stderr)")
    }

    /// A store with a 1 MB name and a 20 MB note is the user's data, not an error: it loads and
    /// answers (in bounded time), and an error inside such a file shows a bounded excerpt.
    @Test func hugeStringsLoadAndErrorsInThemStayShort() throws {
        let directory = try KithProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("kith.json").path
        let name = "Ann " + String(repeating: "x", count: 1 << 20)
        let note = String(repeating: "y", count: 20 << 20)
        let text = #"{"format": "kith", "version": 1, "people": [{"id": 1, "name": "\#(name)", "notes": [{"date": "2026-01-01", "text": "\#(note)"}]}, {"id": 2, "name": "Bob Lee"}]}"#
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        chmod(path, 0o600)
        let start = Date()
        let result = try KithProcess.run(["run", "-", "--store", path] + Self.today,
                                         stdin: "how many people do I know\nwho is Bob\nadd Cat Ng\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("You know 2 people.") && result.stdout.contains("Added Cat Ng."))
        #expect(Date().timeIntervalSince(start) < 60, "loading a 21 MB store should not hang")

        try Data((String(text.dropLast(2)) + ",}").utf8).write(to: URL(fileURLWithPath: path))
        let broken = try KithProcess.run(["ask", "--store", path] + Self.today + ["who is Bob"])
        #expect(broken.status == 3)
        #expect(broken.stderr.count < 400, "\(broken.stderr.count) characters of error")
    }

    // MARK: - Permissions

    /// Runs kith as an unprivileged user when the tests run as root (root reads any file, so a
    /// mode of 000 proves nothing); nil when that is impossible, and the test says so.
    static func runUnprivileged(_ arguments: [String]) throws -> KithProcess.Result? {
        guard geteuid() == 0 else { return try KithProcess.run(arguments) }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", "--", KithProcess.binary.path] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": "/nonexistent"]
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return KithProcess.Result(stdout: String(decoding: stdout, as: UTF8.self),
                                  stderr: String(decoding: stderr, as: UTF8.self), status: process.terminationStatus)
    }

    /// Gives a path to the unprivileged user (65534) when running as root.
    static func giveAway(_ path: String) {
        if geteuid() == 0 { chown(path, 65534, 65534) }
    }

    @Test func aStoreThatCannotBeReadIsNamedAndLeftAlone() throws {
        let directory = try KithProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        chmod(directory.path, 0o755)
        let path = directory.appendingPathComponent("kith.json").path
        try Data(Self.valid.utf8).write(to: URL(fileURLWithPath: path))
        chmod(path, 0o600)  // owned by the test's user; the unprivileged user may not read it
        if geteuid() != 0 { chmod(path, 0o000) }
        defer { chmod(path, 0o600) }
        let before = Self.state(of: directory.path)
        for line in ["how many people do I know", "add Zed Quill"] {
            guard let result = try Self.runUnprivileged(["ask", "--store", path] + Self.today + [line]) else {
                Stress.report("permissions: running as root without setpriv, so unreadable stores are not tested")
                return
            }
            #expect(result.status == 3)
            #expect(result.stderr == "kith: \(path): cannot open: permission denied\n", "\(result.stderr)")
            #expect(Self.state(of: directory.path) == before)
        }
    }

    /// A store the user may read in a directory they may not write: questions work, and a
    /// change is refused with exit 3, naming the file it could not create.
    @Test func aStoreInADirectoryThatCannotBeWrittenAnswersButRefusesChanges() throws {
        let directory = try KithProcess.temporaryDirectory()
        defer {
            chmod(directory.path, 0o755)
            try? FileManager.default.removeItem(at: directory)
        }
        let path = directory.appendingPathComponent("kith.json").path
        try Data(Self.valid.utf8).write(to: URL(fileURLWithPath: path))
        chmod(path, 0o600)
        Self.giveAway(path)
        chmod(directory.path, geteuid() == 0 ? 0o755 : 0o500)
        let before = Self.state(of: directory.path)
        guard let question = try Self.runUnprivileged(["ask", "--store", path] + Self.today + ["how many people do I know"]),
              let change = try Self.runUnprivileged(["ask", "--store", path] + Self.today + ["add Zed Quill"]) else {
            Stress.report("permissions: running as root without setpriv, so read-only directories are not tested")
            return
        }
        #expect(question.status == 0 && question.stdout == "You know 2 people.\n", "\(question.stderr)")
        #expect(change.status == 3)
        #expect(change.stderr == "kith: \(path).lock: cannot create: permission denied\n", "\(change.stderr)")
        #expect(Self.state(of: directory.path) == before)
    }
}
