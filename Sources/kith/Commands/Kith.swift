import ArgumentParser

struct Kith: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kith",
        abstract: "A conversational assistant for the people you actually know.",
        // Paragraphs are single lines (a backslash joins the source lines), so that
        // swift-argument-parser wraps them to the terminal; only examples break lines.
        discussion: """
        Tell Kith who you talked to, and ask it who you're drifting away from, in plain \
        English. It keeps your people, conversations, notes, tags and reminders in a JSON \
        file on your disk, and answers instantly, offline, and the same way every time.

          kith                    talk to Kith (a script when stdin isn't a terminal)
          kith --demo             try it on a sample network (nothing is kept)
          kith ask "who haven't I talked to this month"
          kith run week.txt       run a file of lines as one conversation
          kith parse "when did I last see Bob"
          kith today                   your day on one page (also from cron, a timer, ~/.bashrc)

        In Kith, type help for what it understands, by theme, and help reminders or help \
        dates for more. The store is $XDG_DATA_HOME/kith/kith.json \
        (~/.local/share/kith/kith.json) unless --store or $KITH_STORE names another.

        Exit status: 0 answered; 1 not understood or a person not found; 2 usage error; 3 \
        the store cannot be read or written; 4 (kith today) a notification, mail or timer \
        could not be delivered or turned on.
        """,
        version: "0.1.0",
        subcommands: [Repl.self, Ask.self, Run.self, Parse.self, Today.self, Import.self, Export.self, Generate.self],
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
