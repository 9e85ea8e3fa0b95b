import ArgumentParser
import KithEngine
import KithGraph
import KithLanguage
import KithStore
import KithTime

/// The global options, declared once: each one's name on the command line and whether it takes
/// a value. Both start-up paths read options through this list — `GlobalOptions.settings` and
/// `OneShotLane` — and the exhaustive switches below make the compiler ask, for a new case, how
/// `SessionSettings` and `GlobalOptions` keep it; `OneShotLaneTests` checks that
/// swift-argument-parser declares exactly these options and reads each as the lane does.
enum GlobalOption: CaseIterable {
    case store, today, json, demo, noColor, yes, all

    /// The long name, without its dashes.
    var name: String {
        switch self {
        case .store: "store"
        case .today: "today"
        case .json: "json"
        case .demo: "demo"
        case .noColor: "no-color"
        case .yes: "yes"
        case .all: "all"
        }
    }

    /// `--name VALUE` rather than a flag (`--name`).
    var takesValue: Bool {
        switch self {
        case .store, .today: true
        case .json, .demo, .noColor, .yes, .all: false
        }
    }

    /// The option spelled `argument` (`--store`), if any.
    static func named(_ argument: String) -> GlobalOption? {
        guard argument.utf8.starts(with: "--".utf8) else { return nil }
        let name = argument.utf8.dropFirst(2)
        return allCases.first { $0.name.utf8.elementsEqual(name) }
    }
}

/// Options every subcommand takes (spec section 1), as swift-argument-parser reads them; their
/// names come from `GlobalOption`.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong(GlobalOption.store.name), help: ArgumentHelp(
        "The store file (default: $KITH_STORE, else $XDG_DATA_HOME/kith/kith.json).", valueName: "path"))
    var store: String?

    @Option(name: .customLong(GlobalOption.today.name), help: ArgumentHelp(
        "The date Kith believes it is; every relative date resolves against it (default: $KITH_TODAY, else the real date).",
        valueName: "yyyy-mm-dd"))
    var today: String?

    @Flag(name: .customLong(GlobalOption.json.name), help: "Print machine-readable JSON (JSON Lines for several answers).")
    var json = false

    @Flag(name: .customLong(GlobalOption.demo.name), help: "Use the built-in demo network in memory; nothing is written.")
    var demo = false

    @Flag(name: .customLong(GlobalOption.noColor.name), help: "Never colour the output (NO_COLOR is honoured too).")
    var noColor = false

    @Flag(name: .customLong(GlobalOption.yes.name),
          help: "Confirm in advance what Kith would ask first: the commands that delete (forget, merge; the REPL asks instead) and installing the timer of kith today.")
    var yes = false

    @Flag(name: .customLong(GlobalOption.all.name), help: ArgumentHelp(
        "List everyone in long answers; without it a list stops after \(Conversation.Options.defaultListLimit) people with \"…and N more\" (--json always lists everyone)."))
    var all = false

    /// What the options ask for, as plain values: what `ask`'s start-up lane builds too.
    var settings: SessionSettings {
        var settings = SessionSettings()
        for option in GlobalOption.allCases { settings[option] = self[option] }
        return settings
    }

    /// The option as given: its value, "" for a flag that is set, nil when it is not.
    subscript(option: GlobalOption) -> String? {
        switch option {
        case .store: store
        case .today: today
        case .json: json ? "" : nil
        case .demo: demo ? "" : nil
        case .noColor: noColor ? "" : nil
        case .yes: yes ? "" : nil
        case .all: all ? "" : nil
        }
    }

    func validate() throws {
        if let problem = settings.problem { throw ValidationError(problem) }
    }
}

/// The global options as plain values, with everything a session needs from them. Kept apart
/// from `GlobalOptions` so that `OneShotLane` can build one without swift-argument-parser; one
/// field for each `GlobalOption`.
struct SessionSettings: Equatable {
    var store: String?
    var today: String?
    var json = false
    var demo = false
    var noColor = false
    var yes = false
    var all = false

    /// The setting of an option: its value, "" for a flag that is set, nil when it is not given.
    subscript(option: GlobalOption) -> String? {
        get {
            switch option {
            case .store: store
            case .today: today
            case .json: json ? "" : nil
            case .demo: demo ? "" : nil
            case .noColor: noColor ? "" : nil
            case .yes: yes ? "" : nil
            case .all: all ? "" : nil
            }
        }
        set {
            switch option {
            case .store: store = newValue
            case .today: today = newValue
            case .json: json = newValue != nil
            case .demo: demo = newValue != nil
            case .noColor: noColor = newValue != nil
            case .yes: yes = newValue != nil
            case .all: all = newValue != nil
            }
        }
    }

    /// Why these settings can't be used, as the usage error says it; nil when they can.
    var problem: String? {
        if let today, CalendarDate(iso: today) == nil {
            return "--today needs a real date as YYYY-MM-DD, not '\(today)'."
        }
        if let today = Platform.environment["KITH_TODAY"], !today.isEmpty, CalendarDate(iso: today) == nil {
            return "KITH_TODAY needs a real date as YYYY-MM-DD, not '\(today)'."
        }
        if let every = Platform.environment["KITH_COMPACT_EVERY"], !every.isEmpty, (Int(every) ?? 0) < 1 {
            return "KITH_COMPACT_EVERY needs a number of transactions (1 or more), not '\(every)'."
        }
        if demo && store != nil {
            return "--demo and --store can't be used together: the demo network lives in memory."
        }
        return nil
    }

    /// The day relative dates resolve against: --today, KITH_TODAY, the demo's own day, the clock.
    var resolvedToday: CalendarDate {
        if let today, let date = CalendarDate(iso: today) { return date }
        if let env = Platform.environment["KITH_TODAY"], let date = CalendarDate(iso: env) { return date }
        if demo { return DemoNetwork.today }
        return Platform.today
    }

    var colour: Bool {
        !noColor && Platform.environment["NO_COLOR"].map(\.isEmpty) != false && Platform.stdoutIsTerminal
    }

    /// The store path from --store, KITH_STORE or the XDG default.
    func storePath() throws -> String {
        if let store { return store }
        if let env = Platform.environment["KITH_STORE"], !env.isEmpty { return env }
        guard let path = Platform.defaultStorePath() else {
            throw ValidationError("No store path: set --store, KITH_STORE or HOME.")
        }
        return path
    }

    /// Opens the conversation every mode talks to. Exits 3 when the store can't be read.
    /// `interactive`: a person at a terminal can answer Kith's questions back.
    func openConversation(interactive: Bool = false) throws -> Conversation {
        let storage: Storage
        if demo {
            storage = MemoryStorage(DemoNetwork.graph())
        } else {
            let path = try storePath()
            do {
                let warn: (String) -> Void = { Platform.writeError("kith: warning: \($0)") }
                if let every = Platform.environment["KITH_COMPACT_EVERY"].flatMap({ Int($0) }) {
                    storage = try FileStorage(path: path, compactEvery: every, warn: warn)
                } else {
                    storage = try FileStorage(path: path, warn: warn)
                }
            } catch {
                Platform.writeError("kith: \(Platform.errorText(error))")
                throw ExitCode(3)
            }
        }
        // The catalogue last: the built-in one is still being decoded on the other core while the
        // store opens.
        let catalogue = try loadCatalogue()
        return Conversation(catalogue: catalogue, storage: storage, today: resolvedToday,
                            options: .init(interactive: interactive, assumeYes: yes,
                                           listLimit: all || json ? nil : Conversation.Options.defaultListLimit,
                                           // JSON's text is the same wherever it is printed.
                                           width: json ? Conversation.Options.defaultWidth : Platform.outputWidth),
                            files: CommandLineExchange(today: resolvedToday))
    }

    /// The built-in catalogue, or the folder named by KITH_INTENTS while editing intents
    /// (checked for overlapping templates as it loads).
    private func loadCatalogue() throws -> Catalogue {
        guard let folder = Platform.environment["KITH_INTENTS"], !folder.isEmpty else { return CataloguePrefetch.builtIn() }
        do {
            let catalogue = try Catalogue.load(files: IntentFolder.read(folder))
            for overlap in catalogue.overlaps() { Platform.writeError("kith: warning: \(overlap)") }
            return catalogue
        } catch {
            Platform.writeError("kith: KITH_INTENTS=\(folder): \(error)")
            throw ExitCode(2)
        }
    }
}
