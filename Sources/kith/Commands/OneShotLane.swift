import KithText

/// Reads `kith ask` arguments of the everyday shape without swift-argument-parser.
///
/// Parsing with swift-argument-parser is half of a one-shot question's instructions (17 of 33
/// million by callgrind on the small store): the runtime instantiates each property wrapper's
/// generic type and scans the binary's conformance records for each. A question from the shell
/// is almost always `kith ask [--store P] [--today D] [--json] [--all] … words`, so this lane
/// reads exactly that — the options `GlobalOption` declares, each at most once — and nothing more. Everything else — help, `--option=value`, `--`, a
/// repeated option, a word that starts with a dash, settings with a problem to report — is left
/// to swift-argument-parser, which stays the parser of record: `OneShotLaneTests` checks that
/// whatever the lane accepts, swift-argument-parser reads the same way.
enum OneShotLane {
    static func read<Arguments: Collection<String>>(
        _ arguments: Arguments
    ) -> (settings: SessionSettings, question: String)? {
        var rest = arguments.makeIterator()
        guard rest.next() == "ask" else { return nil }
        var settings = SessionSettings()
        var words: [String] = []
        while let argument = rest.next() {
            guard argument.utf8.first == UInt8(ascii: "-") else {
                words.append(argument)
                continue
            }
            // An unknown or repeated option is left to swift-argument-parser, which says so.
            guard let option = GlobalOption.named(argument), settings[option] == nil else { return nil }
            if option.takesValue {
                guard let value = optionValue(&rest) else { return nil }
                settings[option] = value
            } else {
                settings[option] = ""
            }
        }
        let question = words.joined(separator: " ")
        guard !question.trimmed.isEmpty, settings.problem == nil else { return nil }
        return (settings, question)
    }

    private static func optionValue(_ rest: inout some IteratorProtocol<String>) -> String? {
        guard let value = rest.next(), let first = value.utf8.first, first != UInt8(ascii: "-") else { return nil }
        return value
    }
}
