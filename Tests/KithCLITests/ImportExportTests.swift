import Foundation
import Testing

/// `kith import` and `kith export` through the real binary.
@Suite struct ImportExportTests {
    let today = ["--today", "2026-03-10"]

    static let vcard = """
        BEGIN:VCARD\r
        VERSION:3.0\r
        FN:Ann Lee\r
        EMAIL;TYPE=pref:ann@acme.example\r
        ORG:Acme\r
        BDAY:--0504\r
        CATEGORIES:Clients\r
        END:VCARD\r
        BEGIN:VCARD\r
        VERSION:3.0\r
        FN:Bo Ek\r
        ORG:Acme\r
        END:VCARD\r
        BEGIN:VCARD\r
        VERSION:3.0\r
        N:;;;;\r
        END:VCARD\r

        """

    /// A temporary directory holding `contacts.vcf` and the path of a store beside it.
    func setUp() throws -> (directory: URL, file: String, store: String) {
        let directory = try KithProcess.temporaryDirectory()
        let file = directory.appendingPathComponent("contacts.vcf")
        try Self.vcard.write(to: file, atomically: true, encoding: .utf8)
        return (directory, file.path, directory.appendingPathComponent("kith.json").path)
    }

    @Test func importThenAskAtOnce() throws {
        let (directory, file, store) = try setUp()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try KithProcess.run(["import", file, "--store", store] + today)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "Imported contacts.vcf: 2 added, 0 merged, 1 skipped.\n"
                + "  skipped  line 14: card has no name, organisation or email address\n")
        #expect(result.stderr.isEmpty)  // no progress bar off a terminal
        let acme = try KithProcess.run(["ask", "--store", store] + today + ["who do I know at Acme"])
        #expect(acme.stdout.contains("Ann Lee") && acme.stdout.contains("Bo Ek"), "\(acme.stdout)")
        let clients = try KithProcess.run(["ask", "--store", store, "--json"] + today + ["how many clients do I have"])
        #expect(clients.stdout.contains(#""count": 1"#), "\(clients.stdout)")
    }

    @Test func reimportingMergesAndUndoTakesTheWholeImportBack() throws {
        let (directory, file, store) = try setUp()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try KithProcess.run(["import", file, "--store", store] + today)
        let again = try KithProcess.run(["import", file, "--store", store] + today)
        #expect(again.stdout.hasPrefix("Imported contacts.vcf: 0 added, 0 merged, 3 skipped.\n"))
        #expect(again.stdout.contains("skipped  line 1: Ann Lee is already known, with nothing new"))
        let undo = try KithProcess.run(["ask", "--store", store] + today + ["undo"])
        #expect(undo.stdout == "Undone: imported contacts.vcf: 2 added, 0 merged.\n")
        let count = try KithProcess.run(["ask", "--store", store, "--json"] + today + ["how many people do I know"])
        #expect(count.stdout.contains(#""count": 0"#), "\(count.stdout)")
    }

    @Test func aDryRunShowsEverythingAndWritesNothing() throws {
        let (directory, file, store) = try setUp()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try KithProcess.run(["import", "--dry-run", file, "--store", store] + today)
        #expect(result.status == 0)
        #expect(result.stdout == """
            Dry run of contacts.vcf: 2 added, 0 merged, 1 skipped; nothing was written.
              added    Ann Lee
              added    Bo Ek
              skipped  line 14: card has no name, organisation or email address

            """)
        #expect(!FileManager.default.fileExists(atPath: store + ".journal"))
        #expect(!FileManager.default.fileExists(atPath: store))
    }

    @Test func jsonSummary() throws {
        let (directory, file, store) = try setUp()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try KithProcess.run(["import", "--json", file, "--store", store] + today)
        #expect(result.stdout.contains(#""added": 2, "merged": 0, "skipped": 1"#), "\(result.stdout)")
        #expect(result.stdout.contains(#""problems": [{"line": 14, "message": "card has no name, organisation or email address; skipped"}]"#))
    }

    @Test func importExitCodes() throws {
        let directory = try KithProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appendingPathComponent("kith.json").path
        let missing = try KithProcess.run(["import", directory.appendingPathComponent("nope.vcf").path, "--store", store])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("kith: cannot read "))
        let notes = directory.appendingPathComponent("notes.txt")
        try "just some notes\n".write(to: notes, atomically: true, encoding: .utf8)
        let unknown = try KithProcess.run(["import", notes.path, "--store", store])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("can't tell what kind of file this is") && unknown.stderr.contains("--format"))
        let forced = try KithProcess.run(["import", "--format", "vcard", notes.path, "--store", store])
        #expect(forced.status == 1)
        #expect(forced.stderr.contains("not a vCard file"), "\(forced.stderr)")
        #expect(try KithProcess.run(["import", "--format", "excel", notes.path, "--store", store]).status == 2)
        #expect(!FileManager.default.fileExists(atPath: store + ".journal"))
    }

    @Test func exportsTheDemoToStandardOutput() throws {
        let vcard = try KithProcess.run(["export", "--demo", "--format", "vcard", "--tag", "family"])
        #expect(vcard.status == 0)
        #expect(vcard.stdout.hasPrefix("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Emily Morgan\r\n"))
        let ics = try KithProcess.run(["export", "--demo", "--format", "ics"])
        #expect(ics.stdout.hasPrefix("BEGIN:VCALENDAR\r\n") && ics.stdout.hasSuffix("END:VCALENDAR\r\n"))
        let dot = try KithProcess.run(["export", "--demo", "--format", "dot"])
        #expect(dot.stdout.hasPrefix("digraph kith {"))
        let unknownTag = try KithProcess.run(["export", "--demo", "--format", "csv", "--tag", "astronaut"])
        #expect(unknownTag.status == 1)
        #expect(unknownTag.stderr == "kith: no one is tagged astronaut\n")
    }

    @Test func exportToAPrivateFileReimportsIntoAnotherStore() throws {
        let directory = try KithProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("clients.vcf").path
        let result = try KithProcess.run(["export", "--demo", "--format", "vcard", "--tag", "client", "-o", file])
        #expect(result.stdout == "Exported 13 people as vcard to \(file).\n")
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let store = directory.appendingPathComponent("kith.json").path
        let imported = try KithProcess.run(["import", file, "--store", store] + today)
        #expect(imported.stdout == "Imported clients.vcf: 13 added, 0 merged, 0 skipped.\n")
        let clients = try KithProcess.run(["ask", "--store", store, "--json"] + today + ["how many clients do I have"])
        #expect(clients.stdout.contains(#""count": 13"#))
    }

    @Test func svgWithoutGraphvizSaysSo() throws {
        let empty = try KithProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: empty) }
        let result = try KithProcess.run(["export", "--demo", "--format", "svg"], environment: ["PATH": empty.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("needs Graphviz's dot program"))
        #expect(result.stdout.isEmpty)
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":")
        .contains { FileManager.default.isExecutableFile(atPath: "\($0)/dot") } ?? false))
    func svgThroughGraphviz() throws {
        let result = try KithProcess.run(["export", "--demo", "--format", "svg", "--tag", "family"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("<svg") && result.stdout.contains("Emily Morgan"))
    }
}
