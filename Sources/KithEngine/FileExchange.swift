import KithGraph

/// What the conversation needs from outside to import and export files ("import my contacts
/// from ~/Downloads/contacts.vcf", "export my clients as vcard"). The front end provides it;
/// the engine itself never touches a file.
public protocol FileExchange: AnyObject {
    /// Reads and parses a contacts file, or mail, a calendar or a chat export (whose readers
    /// need the `owner`'s addresses). The planner it returns runs inside the store's commit,
    /// against the newest graph, so the whole import is one change.
    func importer(for path: String, owner: Owner) throws -> (Graph) -> ImportOutcome

    /// The counterparts in mail, a calendar or a chat export (at `path`) whom nobody in `graph`
    /// is, most frequent first, each as a line ("you wrote to sam@lee.dev 14 times — add Sam
    /// Lee?"); nothing is written.
    func strangers(at path: String, in graph: Graph) throws -> [String]

    /// Writes the people (those with `tag`, if given) in `format` (vcard, csv, json, ics, dot)
    /// to a new file and returns where it went.
    func export(_ graph: Graph, format: String, tag: String?) throws -> String
}

/// An import planned against a graph: the change to make (nil when there is nothing new) and
/// what to tell the user.
public struct ImportOutcome: Sendable {
    public var change: Change?
    public var summary: String
    /// One line per merged or skipped contact and per problem, with its line number.
    public var details: [String]

    public init(change: Change?, summary: String, details: [String]) {
        self.change = change
        self.summary = summary
        self.details = details
    }
}

/// A file that can't be read, parsed or written, with a message fit for the user.
public struct FileExchangeError: Error, CustomStringConvertible, Sendable {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

extension Conversation {
    func importContacts(_ request: Request) throws -> Answer {
        let path = request.text(.file) ?? ""
        guard let files else {
            return failure(request, .fileError, "I can't read files here.")
        }
        let planner: (Graph) -> ImportOutcome
        do {
            planner = try files.importer(for: path, owner: graph.owner)
        } catch {
            return failure(request, .fileError, "\(error)")
        }
        var outcome: ImportOutcome?
        var answer = try commit(request) { graph in
            outcome = planner(graph)
            return outcome?.change
        }
        if let outcome {
            answer.text = ([outcome.summary] + outcome.details.map { "  " + $0 }).joined(separator: "\n")
        }
        return answer
    }

    /// "who do I talk to that isn't in Kith in ~/Mail/inbox": the import's list of unknown
    /// counterparts, without importing.
    func strangers(_ request: Request) -> Answer {
        guard let path = request.text(.file) else {
            return failure(request, .fileError, "Tell me where to look, as in: who do I talk to that isn't in Kith in ~/Mail/inbox "
                           + "(an mbox file or Maildir folder, a calendar, or a chat export).")
        }
        guard let files else {
            return failure(request, .fileError, "I can't read files here.")
        }
        let lines: [String]
        do {
            lines = try files.strangers(at: path, in: graph)
        } catch {
            return failure(request, .fileError, "\(error)")
        }
        var answer = Answer(question: request.question, intent: request.intent, text: "")
        answer.count = lines.count
        guard !lines.isEmpty else {
            answer.text = "Everyone you talk to in \(path) is in Kith."
            return answer
        }
        let shown = lines.prefix(options.listLimit ?? lines.count)
        answer.text = (["\(Phrasing.count(lines.count, "person", "people")) you talk to in \(path) \(lines.count == 1 ? "isn't" : "aren't") in Kith, most often first:"]
            + shown.map { "  " + $0 }
            + (lines.count > shown.count ? ["  …and \(lines.count - shown.count) more"] : [])
            + ["kith import --add-unknown \(path) adds them."]).joined(separator: "\n")
        return answer
    }

    func exportContacts(_ request: Request) -> Answer {
        let format = request.canonical(.format) ?? "vcard"
        let tag = request.text(.tag)
        guard let files else {
            return failure(request, .fileError, "I can't write files here.")
        }
        if let tag, !graph.hasTag(tag) {
            return failure(request, .invalidValue, "You have nobody tagged \(Graph.tagKey(tag)).")
        }
        do {
            let path = try files.export(graph, format: format, tag: tag)
            let count = tag.map { graph.people(taggedAs: $0).count } ?? graph.people.count
            let who = tag.map { "\(count) \(Graph.tagKey($0))\(count == 1 ? "" : "s")" } ?? Phrasing.count(count, "person", "people")
            let what = format == "ics" ? "the birthdays and open reminders of \(who)" : who
            return Answer(question: request.question, intent: request.intent, text: "Exported \(what) to \(path).")
        } catch {
            return failure(request, .fileError, "\(error)")
        }
    }
}
