import ArgumentParser

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Decoding the built-in intent catalogue takes most of a millisecond: start it now, on the
// other core, while the arguments are parsed and the store is opened.
CataloguePrefetch.start()

// The contract's exit codes: usage errors are 2 (ArgumentParser's default is 64).
do {
    if let (settings, question) = OneShotLane.read(CommandLine.arguments.dropFirst()) {
        try Ask.answer(question, settings: settings)
    } else {
        var command = try Kith.parseAsRoot()
        if var asynchronous = command as? any AsyncParsableCommand {
            try await asynchronous.runAsynchronously()  // export and generate, which run other programs
        } else {
            try command.run()
        }
    }
} catch let code as ExitCode {
    exit(code.rawValue)  // what `Kith.exit(withError:)` does with one, without its start-up cost
} catch {
    if Kith.exitCode(for: error) == .validationFailure {
        Platform.writeError(Kith.fullMessage(for: error))
        exit(2)
    }
    Kith.exit(withError: error)
}
