import ArgumentParser
import FoundationEssentials

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",  // named here: deriving it from the type costs milliseconds at start-up
        abstract: "Run a file of questions and commands as one conversation.",
        usage: "kith run [<options>] <file>",
        discussion: """
        Each non-blank line not starting with # is one question or command, run in order \
        as one conversation, so "she" and "what about Bob?" work as they do when typed. \
        The output echoes "> line" before each answer. Use - to read standard input.

          kith run week.txt
          printf 'add Ann Lee\\nwho is Ann\\n' | kith run -

        Every line runs even if one fails; the exit status is then 1, and standard error \
        lists the lines that failed by number.
        """
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: ArgumentHelp("The question file, or - for standard input.", valueName: "file"))
    var file: String

    func run() throws {
        let session = try Session(settings: options.settings)
        let answered: Bool
        if file == "-" {
            answered = try session.runScript(source: "stdin") { readLine(strippingNewline: true) }
        } else {
            let lines: [String]
            do {
                lines = try ScriptFile.lines(of: file)
            } catch {
                Platform.writeError("kith: \(error)")
                throw ExitCode(2)
            }
            var next = lines.makeIterator()
            answered = try session.runScript(source: file) { next.next() }
        }
        if !answered { throw ExitCode(1) }
    }
}
