import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Scripts get the store's discipline: a file that cannot be read runs nothing and is named
/// (with the line and column of bad UTF-8); lines that fail are listed by number; a store that
/// breaks mid-script stops the script at a named line, with every line before it carried out
/// whole and none after.
@Suite struct ScriptTests {
    static let today = ["--today", "2026-03-10"]

    func scratch() throws -> (URL, String) {
        let directory = try KithProcess.temporaryDirectory()
        return (directory, directory.appendingPathComponent("kith.json").path)
    }

    @Test func aScriptThatIsNotUTF8RunsNothing() throws {
        let (directory, store) = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("week.txt").path
        try Data(Array("add Ann Lee\nwho is é".utf8) + [0xFF] + Array(" Ann\n".utf8)).write(to: URL(fileURLWithPath: script))
        let result = try KithProcess.run(["run", script, "--store", store] + Self.today)
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr == "kith: \(script):2:9: not valid UTF-8; nothing was run\n")
        #expect(!FileManager.default.fileExists(atPath: store + ".journal"))
    }

    @Test func aScriptThatCannotBeReadIsNamed() throws {
        let (directory, store) = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        var result = try KithProcess.run(["run", directory.path, "--store", store] + Self.today)
        #expect(result.status == 2)
        #expect(result.stderr == "kith: cannot read \(directory.path): is a directory\n")
        result = try KithProcess.run(["run", directory.path + "/none.txt", "--store", store] + Self.today)
        #expect(result.stderr == "kith: cannot read \(directory.path)/none.txt: no such file or directory\n")

        let script = directory.appendingPathComponent("secret.txt").path
        try Data("add Ann Lee\n".utf8).write(to: URL(fileURLWithPath: script))
        chmod(directory.path, 0o755)
        chmod(script, geteuid() == 0 ? 0o600 : 0o000)
        if let unprivileged = try BrokenStoreTests.runUnprivileged(["run", script, "--demo"]) {
            #expect(unprivileged.status == 2)
            #expect(unprivileged.stderr == "kith: cannot read \(script): permission denied\n")
        }
    }

    @Test func windowsLineEndingsAndPipesWork() throws {
        let (directory, store) = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("week.txt").path
        try Data("add Ann Lee\r\n\r\n# a comment\r\nwho is Ann\r\n".utf8).write(to: URL(fileURLWithPath: script))
        var result = try KithProcess.run(["run", script, "--store", store] + Self.today)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "> add Ann Lee\nAdded Ann Lee.\n\n> who is Ann\nAnn Lee\n  last contact  never logged\n")

        // A named pipe, as `kith run <(…)` gives.
        let fifo = directory.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let writer = try Thread.detachNewThreadAndWait {
            let handle = FileHandle(forWritingAtPath: fifo)!
            handle.write(Data("how many people do I know\n".utf8))
            handle.closeFile()
            return true
        }
        result = try KithProcess.run(["run", fifo, "--store", store] + Self.today)
        _ = try writer.get()
        #expect(result.stdout == "> how many people do I know\nYou know 1 person.\n")
    }

    @Test func failedLinesAreListedByNumberAndEveryLineRuns() throws {
        let (directory, store) = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("week.txt").path
        try Data("add Ann Lee\n\npurple monkey dishwasher\nwho is Quentin\nwho is Ann\n".utf8)
            .write(to: URL(fileURLWithPath: script))
        let result = try KithProcess.run(["run", script, "--store", store] + Self.today)
        #expect(result.status == 1)
        #expect(result.stdout.hasSuffix("> who is Ann\nAnn Lee\n  last contact  never logged\n"))
        #expect(result.stderr == "kith: 2 of 4 lines not carried out: \(script):3, \(script):4\n")
    }

    @Test func aStoreThatBreaksMidScriptStopsItAtANamedLine() throws {
        let (directory, store) = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let child = try KithChild(["run", "-", "--store", store] + Self.today)
        child.send("add Ann Lee\n")
        #expect(child.waitForLines(2) == ["> add Ann Lee", "Added Ann Lee."])
        let journal = FileManager.default.contents(atPath: store + ".journal")
        // Someone damages the store between two lines.
        try Data("garbage\n".utf8).write(to: URL(fileURLWithPath: store))
        chmod(store, 0o600)
        child.send("add Bob Stone\nadd Cat Ng\n")
        let exit = child.wait()
        #expect(exit.status == 3)
        // The blank line between answers comes with the next answer, so none trails the last one.
        #expect(exit.stdout == "> add Ann Lee\nAdded Ann Lee.\n")
        #expect(exit.stderr == "kith: \(store):1:1: unexpected character 'g' (expected a value)\n"
                + "kith: stdin:2: stopped here; the lines before it were carried out, this one and the rest were not\n")
        #expect(FileManager.default.contents(atPath: store + ".journal") == journal)
    }
}
