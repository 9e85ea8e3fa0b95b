import Foundation
import Testing

/// `kith import` of mail, a calendar and a chat export, end to end through the real binary, on a
/// store made from a contacts file (Fixtures/capture). "Today" is Tue Mar 10, 2026; the user is
/// Alex Morgan, me@kith.test.
@Suite struct ConversationImportTests {
    let today = ["--today", "2026-03-10"]

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/capture")

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// A fresh store holding the five people of contacts.vcf.
    func freshStore() throws -> (directory: URL, store: String) {
        let directory = try KithProcess.temporaryDirectory()
        let store = directory.appendingPathComponent("kith.json").path
        let contacts = try kith(["import", Self.fixture("contacts.vcf")], store)
        #expect(contacts.stdout.hasPrefix("Imported contacts.vcf: 5 added"), "\(contacts.stdout)")
        return (directory, store)
    }

    @discardableResult
    func kith(_ arguments: [String], _ store: String, stdin: String? = nil) throws -> KithProcess.Result {
        try KithProcess.run(arguments + ["--store", store] + today, stdin: stdin)
    }

    func ask(_ question: String, _ store: String) throws -> String {
        try kith(["ask", question], store).stdout
    }

    /// Mail, then the calendar, then the chat: what each import says, and the questions after.
    func importAll(_ store: String) throws -> [KithProcess.Result] {
        try [kith(["import", "--me", "me@kith.test", "--me", "Alex Morgan", Self.fixture("inbox.mbox")], store),
             kith(["import", Self.fixture("calendar.ics")], store),
             kith(["import", Self.fixture("whatsapp.txt")], store)]
    }

    @Test func mailCalendarAndChatAnswerTheQuestions() throws {
        let (directory, store) = try freshStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (mail, calendar, chat) = try { let r = try importAll(store); return (r[0], r[1], r[2]) }()
        #expect(mail.status == 0, "\(mail.stderr)")
        // Diane's two mails of Mar 2 are one conversation; Priya's Cc to Carol is not a
        // conversation with Carol; Sam Lee is unknown; the newsletter and the broken message skipped.
        #expect(mail.stdout.hasPrefix("Imported inbox.mbox: 2 conversations with 2 people.\n"), "\(mail.stdout)")
        #expect(mail.stdout.contains("unknown  you wrote to sam@lee.dev 2 times — add Sam Lee?"), "\(mail.stdout)")
        #expect(mail.stdout.contains("skipped  not conversations: mailing list (1)"), "\(mail.stdout)")
        #expect(mail.stdout.contains("warning  line 60: "), "\(mail.stdout)")
        #expect(!mail.stdout.contains("me@kith.test") && !mail.stdout.contains("Alex Morgan"), "\(mail.stdout)")
        #expect(calendar.stdout == "Imported calendar.ics: 1 conversation with 1 person, 2 upcoming events.\n",
                "\(calendar.stdout)")
        #expect(chat.stdout == "Imported whatsapp.txt: 2 conversations with 1 person.\n", "\(chat.stdout)")

        #expect(try ask("when did I last talk to Diane", store)
                == "You were last in touch with Diane Smith 8 days ago (Mon Mar 2): an email about Lunch plans.\n")
        #expect(try ask("when did I last talk to Carol", store).contains("yesterday (Mon Mar 9)"))
        #expect(try ask("when did I last talk to Bob", store).contains("(Sun Mar 8)"))
        #expect(try ask("when did I last talk to Priya", store).contains("(Fri Feb 20)"))
        let silent = try ask("who haven't I talked to this month", store)
        #expect(silent.hasPrefix("2 people you haven't talked to since Sun Mar 1:"), "\(silent)")
        #expect(silent.contains("Ed Quinn") && silent.contains("Priya Natarajan"), "\(silent)")
        // Today's meeting from the calendar is in the brief.
        let brief = try kith(["today"], store).stdout
        #expect(brief.contains("Coffee with Diane"), "\(brief)")
        #expect(!brief.contains("Review"), "\(brief)")
    }

    @Test func importingAgainAddsNothing() throws {
        let (directory, store) = try freshStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try importAll(store)
        let before = try ask("show my conversations with Diane", store)
        let again = try importAll(store)
        #expect(again[0].stdout.hasPrefix("Imported inbox.mbox: 0 conversations with 0 people.\n"), "\(again[0].stdout)")
        // Sam Lee's two mails were not logged (nobody is Sam Lee yet), so they are not "already imported".
        #expect(again[0].stdout.contains("skipped  3 traces already imported"), "\(again[0].stdout)")
        #expect(again[0].stdout.contains("unknown  you wrote to sam@lee.dev 2 times"), "\(again[0].stdout)")
        #expect(again[1].stdout.hasPrefix("Imported calendar.ics: 0 conversations with 0 people.\n"), "\(again[1].stdout)")
        #expect(again[2].stdout.hasPrefix("Imported whatsapp.txt: 0 conversations with 0 people.\n"), "\(again[2].stdout)")
        #expect(try ask("show my conversations with Diane", store) == before)
        // Nothing new, so nothing to undo from them: the undo takes back the chat import.
        let undo = try ask("undo", store)
        #expect(undo.hasPrefix("Undone: imported whatsapp.txt"), "\(undo)")
    }

    @Test func oneUndoTakesTheWholeImportBack() throws {
        let (directory, store) = try freshStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        try kith(["import", "--me", "me@kith.test", Self.fixture("inbox.mbox")], store)
        #expect(try ask("when did I last talk to Diane", store).contains("Mon Mar 2"))
        let undo = try ask("undo", store)
        #expect(undo == "Undone: imported inbox.mbox: 2 conversations.\n", "\(undo)")
        #expect(try ask("when did I last talk to Diane", store).contains("haven't"))
        #expect(try ask("when did I last talk to Priya", store).contains("haven't"))
    }

    @Test func aDryRunWritesNothing() throws {
        let directory = try KithProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appendingPathComponent("kith.json").path
        let result = try kith(["import", "--dry-run", "--me", "me@kith.test", Self.fixture("inbox.mbox")], store)
        #expect(result.status == 0, "\(result.stderr)")
        // Nobody is known yet: everyone is unknown, and nothing is logged.
        #expect(result.stdout.hasPrefix("Dry run of inbox.mbox: 0 conversations with 0 people; nothing was written.\n"),
                "\(result.stdout)")
        #expect(result.stdout.contains("unknown  priya@natarajan.example wrote to you once — add Priya Natarajan?"))
        #expect(!FileManager.default.fileExists(atPath: store))
        #expect(!FileManager.default.fileExists(atPath: store + ".journal"))

        let (known, knownStore) = try freshStore()
        defer { try? FileManager.default.removeItem(at: known) }
        let dry = try kith(["import", "--dry-run", Self.fixture("whatsapp.txt")], knownStore)
        #expect(dry.stdout.contains("log      2026-03-08 message with Bob Stone"), "\(dry.stdout)")
        #expect(try ask("when did I last talk to Bob", knownStore).contains("haven't"))
    }

    @Test func addUnknownAddsPeopleButNeverTheOwner() throws {
        let (directory, store) = try freshStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try kith(["import", "--add-unknown", "--me", "me@kith.test", Self.fixture("inbox.mbox")], store)
        #expect(result.stdout.hasPrefix("Imported inbox.mbox: 4 conversations with 3 people, 1 person added.\n"),
                "\(result.stdout)")
        #expect(try ask("when did I last talk to Sam Lee", store).contains("(Thu Mar 5)"))
        #expect(try ask("what's Sam Lee's email", store).contains("sam@lee.dev"))
        let everyone = try kith(["ask", "--json", "who do I know"], store).stdout
        #expect(!everyone.contains("Alex Morgan") && !everyone.contains("me@kith.test"), "\(everyone)")
        // The owner's address is kept: a second mail import without --me still knows it.
        let again = try kith(["import", "--dry-run", Self.fixture("inbox.mbox")], store)
        #expect(!again.stdout.contains("me@kith.test"), "\(again.stdout)")
    }

    @Test func noTopicsAndStdinAndMissingPaths() throws {
        let (directory, store) = try freshStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let message = """
            Message-ID: <piped-1@jones.example>
            Date: Fri, 6 Mar 2026 11:00:00 +0000
            From: Carol Jones <Carol@Jones.example>
            To: me@kith.test
            Subject: Re: Dinner

            See you.

            """
        let piped = try kith(["import", "--no-topics", "-"], store, stdin: message)
        #expect(piped.stdout == "Imported stdin: 1 conversation with 1 person.\n", "\(piped.stdout) \(piped.stderr)")
        let last = try ask("when did I last talk to Carol", store)
        #expect(last.contains("(Fri Mar 6)") && !last.contains("Dinner") && !last.contains("dinner"), "\(last)")

        let missing = try kith(["import", directory.appendingPathComponent("no-such.mbox").path], store)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read") && missing.stderr.contains("no-such.mbox"), "\(missing.stderr)")
    }

    @Test func importInWords() throws {
        let (directory, store) = try freshStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let answer = try ask("import my chats from \(Self.fixture("whatsapp.txt"))", store)
        #expect(answer.hasPrefix("Imported whatsapp.txt: 2 conversations with 1 person."), "\(answer)")
        #expect(try ask("when did I last talk to Bob", store).contains("(Sun Mar 8)"))
    }

    @Test func foldersAreMaildirsOrCalendarsWithWarningsNamedByFile() throws {
        let (directory, store) = try freshStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let capture = Self.fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("KithCaptureTests/Fixtures")
        let maildir = try kith(["import", "--add-unknown", capture.appendingPathComponent("mail/maildir").path], store)
        #expect(maildir.stdout == "Imported maildir: 2 conversations with 2 people, 1 person added.\n"
                + "  assumed  me@kith.test is your address (it is on most of the mail); --me ADDRESS says so and keeps it\n",
                "\(maildir.stdout)")
        // Carol was known by her address; Noah Patel was added.
        #expect(try ask("when did I last talk to Noah Patel", store).contains("an email"))
        let calendars = try kith(["import", "--dry-run", capture.appendingPathComponent("vdirsyncer").path], store)
        #expect(calendars.stdout.contains("event    2026-03-12 Book club"), "\(calendars.stdout)")
        #expect(calendars.stdout.contains("warning  5d1e8a0c-coffee.ics: line 13: "), "\(calendars.stdout)")
    }

    @Test func whoDoITalkToThatIsNotInKith() throws {
        let (directory, store) = try freshStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let inbox = Self.fixture("inbox.mbox")
        let answer = try kith(["ask", "who do I talk to that isn't in Kith in \(inbox)"], store)
        #expect(answer.status == 0)
        // The owner's address was never given: the one on most of the mail is taken for it.
        #expect(answer.stdout.hasPrefix("1 person you talk to in \(inbox) isn't in Kith, most often first:\n"), "\(answer.stdout)")
        #expect(answer.stdout.contains("  you wrote to sam@lee.dev 2 times — add Sam Lee?\n"), "\(answer.stdout)")
        #expect(answer.stdout.hasSuffix("kith import --add-unknown \(inbox) adds them.\n"))
        try kith(["import", "--me", "me@kith.test", "--me", "Alex Morgan", inbox], store)
        let after = try ask("who do I talk to that isn't in Kith in \(inbox)", store)
        #expect(after.hasPrefix("1 person you talk to in \(inbox) isn't in Kith, most often first:\n"), "\(after)")
        #expect(try ask("who do I talk to that isn't in Kith in \(Self.fixture("whatsapp.txt"))", store)
                == "Everyone you talk to in \(Self.fixture("whatsapp.txt")) is in Kith.\n")
        let nowhere = try kith(["ask", "who do I talk to that isn't in Kith"], store)
        #expect(nowhere.status == 1 && nowhere.stdout.hasPrefix("Tell me where to look"), "\(nowhere.stdout)")
    }
}
