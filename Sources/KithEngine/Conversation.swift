import KithGraph
import KithLanguage
import KithTime

/// One conversation with the user: a line in, an answer out, with what was said before
/// (the last person mentioned, the last question, a pending clarification) carried along.
///
/// The same engine serves the REPL, one-shot questions and scripts. It reads the graph from a
/// `Storage` and changes it only through `Storage.commit`; "today" is given, never read from a
/// clock.
public final class Conversation {
    /// How the front end talks to the user.
    public struct Options: Sendable {
        /// A person is at the keyboard and can answer "Which Diane?" or "Forget Diane? (yes/no)".
        /// Without it, such lines fail with the candidates listed (scripts, one-shot).
        public var interactive: Bool
        /// Confirmations are given in advance (`--yes`): forget and merge run at once.
        public var assumeYes: Bool

        /// How many people a list answer shows before "…and 805 more"; nil shows everyone
        /// (`--all`, and JSON, which programs read whole). A screenful by default: on a network of
        /// thousands a complete list is a wall of text, and costs most of the answer's time.
        public var listLimit: Int?

        public static let defaultListLimit = 50

        /// How many columns text such as `help` is laid out in: the terminal's, given by the
        /// front end (the engine never asks the terminal), or 80 where there is none.
        public var width: Int

        public static let defaultWidth = 80

        public init(interactive: Bool = false, assumeYes: Bool = false, listLimit: Int? = Options.defaultListLimit,
                    width: Int = Options.defaultWidth) {
            self.interactive = interactive
            self.assumeYes = assumeYes
            self.listLimit = listLimit
            self.width = width
        }
    }

    public let catalogue: Catalogue
    public let storage: Storage
    public let today: CalendarDate
    /// Settable between lines: the REPL passes on a resized terminal's width.
    public var options: Options
    /// Files for import and export; nil where the front end offers none.
    public let files: FileExchange?
    /// Where the brief finds the day's meetings; nil: no calendar (see `brief()`).
    public var calendar: (any CalendarSource)?
    let matcher: Matcher
    /// Words Kith itself uses, never taken for a misspelt name (`GraphGazetteer`).
    lazy var ordinaryWords: Set<String> = catalogue.vocabulary.union(catalogue.glue)

    /// The people the previous answer was about, for he/she/they.
    var lastMentioned: [RecordID] = []
    /// Undo entries this conversation created, most recent last.
    var ownUndoIDs: [RecordID] = []
    /// The last question answered, for "what about Bob?", "and last month?" and "why".
    var lastRequest: Request?
    /// A question Kith asked and is waiting for the answer to.
    var pending: Pending?

    public init(catalogue: Catalogue, storage: Storage, today: CalendarDate, options: Options = Options(),
                files: FileExchange? = nil) {
        self.catalogue = catalogue
        self.storage = storage
        self.today = today
        self.options = options
        self.files = files
        self.matcher = Matcher(catalogue: catalogue)
    }

    var graph: Graph { storage.graph }
    var phrasing: Phrasing { Phrasing(today: today) }

    /// Understands and answers one line. Throws only when the store cannot be read or written;
    /// every other failure is an answer.
    public func respond(to line: String) throws -> Answer {
        try storage.refresh()
        let question = line.trimmed
        if let waiting = pending {
            pending = nil
            if let answer = try resume(waiting, reply: question) { return answer }
        }
        switch understand(question) {
        case .failure(let failure):
            return failure.answer
        case .success(let request):
            return try run(request)
        }
    }

    /// How a line is understood, without running it (`kith parse`).
    public func parse(_ line: String) -> Result<Request, AnswerFailure> {
        understand(line.trimmed)
    }

    /// A line that could not be understood or resolved, already phrased as an answer.
    public struct AnswerFailure: Error {
        public let answer: Answer
    }

    /// Runs an understood request: context intents first, then confirmation where a command
    /// deletes (unless `confirmed`), then the intent itself.
    func run(_ request: Request, confirmed: Bool = false) throws -> Answer {
        switch request.intent {
        case "explain":
            return explainLast(request)
        case "follow_up":
            switch followUp(request) {
            case .failure(let failure): return failure.answer
            case .success(let repeated): return try run(repeated)
            }
        default:
            break
        }
        if !confirmed, let confirmation = guessConfirmation(for: request) ?? confirmationNeeded(for: request) {
            return confirmation
        }
        var answer = try execute(request)
        if Self.peopleQuestions.contains(request.intent), !answer.isFailure, storeIsEmpty {
            answer.text = gettingStarted()
        }
        answer.slotsRequest = request
        lastRequest = request
        if !answer.mentioned.isEmpty { lastMentioned = answer.mentioned }
        return answer
    }
}

extension Conversation {
    /// Words worth completing at a prompt: every word of every template, sorted.
    public var vocabulary: [String] {
        catalogue.vocabulary.filter { $0.count > 2 && $0.allSatisfy(\.isLetter) }.sorted()
    }
}
