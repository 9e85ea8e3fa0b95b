import ArgumentParser
import KithEngine

struct Ask: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",  // named here: deriving it from the type costs milliseconds at start-up
        abstract: "Answer one question or carry out one command, then exit.",
        usage: "kith ask [<options>] <question> ...",
        discussion: """
        The question is the rest of the line: several words, or one quoted string. Quote \
        it when it has an apostrophe, or the shell waits for the closing one.

          kith ask "who haven't I talked to this month"
          kith ask when did I last see Bob
          kith ask --json who are my clients
          kith ask help reminders

        Exits 1 when the question is not understood or a person can't be found.
        """
    )

    @OptionGroup var options: GlobalOptions

    @OptionGroup var question: QuestionWords

    func run() throws {
        try Self.answer(question.text, settings: options.settings)
    }

    /// What `ask` does once its arguments are known, whichever way they were parsed.
    static func answer(_ question: String, settings: SessionSettings) throws {
        let session = try Session(settings: settings)
        let answer = try session.answer(question)
        session.printer.print(answer)
        if answer.isFailure { throw ExitCode(1) }
    }
}
