import ArgumentParser
import KithEngine
import KithGraph

struct Repl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",  // named here: deriving it from the type costs milliseconds at start-up
        abstract: "Talk to Kith (the default). Reads a script from stdin when it is not a terminal.",
        usage: "kith [repl] [<options>]",
        discussion: """
        Type a question or a command at the kith> prompt; help lists what Kith \
        understands, by theme. Tab completes names and words, Ctrl-C clears the line, and \
        Ctrl-D or quit leaves. Line editing and history come from GNU readline; the \
        history is kept in $XDG_STATE_HOME/kith/history (~/.local/state/kith/history).

        When a name could be two people, or a command names someone Kith doesn't know, \
        Kith asks back: answer with a number, a fuller name, add, yes or no.
        """
    )

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let session = try Session(settings: options.settings, interactive: Platform.stdinIsTerminal)
        guard Platform.stdinIsTerminal else {
            // Piped input is a script, as the contract says.
            if !(try session.runScript(source: "stdin") { readLine(strippingNewline: true) }) { throw ExitCode(1) }
            return
        }
        let conversation = session.conversation
        let reader = ReadlineLineReader(
            historyFile: options.demo ? nil : ReadlineLineReader.defaultHistoryFile(environment: Platform.environment),
            complete: { Completer(conversation: conversation).complete($0) })
        greet(session)
        let prompt = session.printer.style("kith>", "1") + " "
        while let line = reader.readLine(prompt: prompt) {
            let trimmed = line.trimmed
            if trimmed.isEmpty { continue }
            if ["quit", "exit", "bye"].contains(trimmed.lowercased()) { break }
            if !options.json { conversation.options.width = Platform.outputWidth }  // the terminal may have been resized
            session.printer.print(try session.answer(trimmed))
        }
    }

    private func greet(_ session: Session) {
        let conversation = session.conversation
        if conversation.storeIsEmpty {
            // A first start: how to begin, as every question about people on an empty store says it.
            conversation.options.width = Platform.outputWidth
            let text = conversation.gettingStarted(opening: "Welcome to Kith.", closing: "Ctrl-D leaves.")
            Platform.write(session.printer.style(text, "2") + "\n")
            return
        }
        let graph = conversation.storage.graph
        let people = graph.people.count, conversations = graph.interactions.count
        var text = "Kith — \(people) \(people == 1 ? "person" : "people"), "
            + "\(conversations) \(conversations == 1 ? "conversation" : "conversations")."
        if options.demo { text += " This is the demo network (today is \(session.conversation.today.iso)); nothing is saved." }
        text += " Type help for examples, Ctrl-D to leave."
        Platform.write(session.printer.style(text, "2") + "\n")
    }
}

/// Tab completion: people's names (full names, even across several words) and the words
/// the intent templates use.
struct Completer {
    let conversation: Conversation

    func complete(_ textBeforeCursor: String) -> [Completion] {
        let words = textBeforeCursor.split(separator: " ", omittingEmptySubsequences: false)
        var found: [Completion] = []
        let names = conversation.storage.graph.peopleByName.map(\.name)
        // Try the last one, two and three words as the start of a name.
        for count in 1...min(3, words.count) {
            let tail = words.suffix(count).joined(separator: " ")
            guard !tail.isEmpty else { continue }
            let key = fold(tail)
            for name in names where fold(name).hasPrefix(key) && !found.contains(where: { $0.text == name }) {
                found.append(Completion(replacing: tail.count, text: name))
            }
        }
        // A capitalised word is the start of a name: don't drown it in command words.
        if let last = words.last, !last.isEmpty, !(last.first!.isUppercase && !found.isEmpty) {
            let key = last.lowercased()
            for word in conversation.vocabulary where word.hasPrefix(key) && word != key {
                found.append(Completion(replacing: last.count, text: word))
            }
        }
        return found
    }
}
