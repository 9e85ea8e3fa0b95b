import ArgumentParser
import Foundation

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a file of questions and commands as one conversation.",
        discussion: """
        Each non-blank line not starting with # is one question or command, run in order;
        the output echoes "> line" before each answer. Use - to read standard input:
          kith run week.txt
          printf 'add Ann Lee\\nwho is Ann\\n' | kith run -
        Every line runs even if one fails; the exit status is then 1.
        """
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: ArgumentHelp("The question file, or - for standard input.", valueName: "file"))
    var file: String

    func run() throws {
        let session = try Session(options: options)
        let answered: Bool
        if file == "-" {
            answered = try session.runScript { readLine(strippingNewline: true) }
        } else {
            let text: String
            do {
                text = try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                Platform.writeError("kith: cannot read \(file): \((error as NSError).localizedFailureReason ?? "\(error)")")
                throw ExitCode(2)
            }
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).makeIterator()
            answered = try session.runScript { lines.next().map(String.init) }
        }
        if !answered { throw ExitCode(1) }
    }
}
