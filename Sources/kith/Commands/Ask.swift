import ArgumentParser
import KithEngine

struct Ask: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",  // named here: deriving it from the type costs milliseconds at start-up
        abstract: "Answer one question or carry out one command, then exit.",
        discussion: """
        Quote the question when it has an apostrophe, or the shell will wait for the closing one:
          kith ask "who haven't I talked to this month"
          kith ask when did I last see Bob
          kith ask --json who are my clients
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
