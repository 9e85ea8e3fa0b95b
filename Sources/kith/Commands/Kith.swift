import ArgumentParser

struct Kith: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kith",
        abstract: "A conversational assistant for the people you actually know.",
        discussion: """
        Ask in plain English; Kith keeps your relationship graph in a JSON file and answers
        instantly, offline, the same way every time.

          kith                         talk to Kith (a script on stdin when it isn't a terminal)
          kith --demo                  try it on a built-in sample network
          kith ask "who haven't I talked to this month"
          kith run questions.txt       run a file of questions as one conversation
          kith parse "when did I last see Bob"

        Exit status: 0 answered, 1 not understood or a person not found, 2 usage error,
        3 the store cannot be read or written.
        """,
        version: "0.1.0",
        subcommands: [Repl.self, Ask.self, Run.self, Parse.self, Import.self, Export.self, Generate.self],
        defaultSubcommand: Repl.self
    )
}

extension AsyncParsableCommand {
    /// `run()`, the async one: called from main.swift's top level, `run()` would be the
    /// synchronous requirement's default, which prints the help.
    mutating func runAsynchronously() async throws {
        try await run()
    }
}
