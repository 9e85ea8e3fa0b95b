import KithGraph
import KithTime

/// Why a line was not answered.
public enum FailureKind: String, Sendable {
    case notUnderstood = "not_understood"
    case unknownPerson = "unknown_person"
    case ambiguousPerson = "ambiguous_person"
    case alreadyKnown = "already_known"
    case invalidValue = "invalid_value"
    case nothingToUndo = "nothing_to_undo"
    case needsConfirmation = "needs_confirmation"
    case fileError = "file_error"
}

/// The engine's reply to one line: what it understood and what it says back.
///
/// Front ends print `text` for people or `json` for programs; nothing here knows about
/// terminals or colour.
public struct Answer: Sendable {
    public var question: String
    /// The canonical intent name, nil when the line was not understood.
    public var intent: String?
    /// Filled slots in the contract's shapes (full names, ISO dates, {start, end} periods).
    public var slots: [(String, JSONValue)] { slotsRequest?.jsonSlots ?? [] }
    /// The request whose slots these are, read only when `slots` is: text output never reads
    /// them, and making them for every line of a script cost it 2% of its time.
    var slotsRequest: Conversation.Request?
    public var text: String
    /// Full names, in the order shown, when the answer is a set of people.
    public var people: [String]?
    public var count: Int?
    public var date: CalendarDate?
    public var failure: FailureKind?
    public var message: String?
    public var suggestions: [String]?
    /// The brief's sections, for "what's up today" (`--json` adds them as `"brief"`).
    public var brief: Brief?
    /// People mentioned, for the conversation's pronouns.
    var mentioned: [RecordID] = []

    public init(question: String, intent: String?, text: String) {
        self.question = question
        self.intent = intent
        self.text = text
    }

    public var isFailure: Bool { failure != nil }

    /// The `--json` object of spec section 2.
    public var json: JSONValue {
        var fields: [(String, JSONValue)] = [
            ("question", .string(question)),
            ("intent", intent.map(JSONValue.string) ?? .null),
            ("slots", .object(slots)),
            ("text", .string(text)),
        ]
        if let people { fields.append(("people", .array(people.map(JSONValue.string)))) }
        if let count { fields.append(("count", .number(count))) }
        if let date { fields.append(("date", .string(date.iso))) }
        if let brief { fields.append(("brief", brief.json)) }
        if let failure {
            fields.append(("error", .string(failure.rawValue)))
            if failure == .notUnderstood {
                fields.append(("suggestions", .array((suggestions ?? []).map(JSONValue.string))))
            } else {
                fields.append(("message", .string(message ?? text)))
                if let suggestions { fields.append(("suggestions", .array(suggestions.map(JSONValue.string)))) }
            }
        }
        return .object(fields)
    }
}

