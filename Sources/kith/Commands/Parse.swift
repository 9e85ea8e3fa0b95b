import ArgumentParser
import KithEngine

struct Parse: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",  // named here: deriving it from the type costs milliseconds at start-up
        abstract: "Show how a question is understood (intent, slots, resolved dates) without running it.",
        usage: "kith parse [<options>] <question> ...",
        discussion: """
        Prints the intent, the template that read the question, and each slot with the \
        value it resolves to: full names, days as YYYY-MM-DD, periods as START..END. A slot \
        the question leaves out shows the value Kith would use, marked (default). Nothing \
        is run and nothing changes.

          kith parse "who haven't I called since October"
          kith parse --json "had coffee with Bob yesterday"

        Exits 1 when the question is not understood or a person can't be found.
        """
    )

    @OptionGroup var options: GlobalOptions

    @OptionGroup var words: QuestionWords

    func run() throws {
        let session = try Session(settings: options.settings)
        let question = words.text
        switch session.conversation.parse(question) {
        case .success(let request):
            if options.json {
                Platform.write(JSONValue.object([("intent", .string(request.intent)),
                                                 ("slots", .object(request.resolvedSlots))]).serialized + "\n")
            } else {
                Platform.write(session.conversation.explanation(of: request) + "\n")
            }
        case .failure(let failure):
            if options.json {
                Platform.write(JSONValue.object([("intent", failure.answer.intent.map(JSONValue.string) ?? .null),
                                                 ("slots", .object(failure.answer.slots))]).serialized + "\n")
            } else {
                session.printer.print(failure.answer)
            }
            throw ExitCode(1)
        }
    }
}
