/// Other programs, as delivery finds and runs them: `notify-send`, `sendmail`, `systemctl`.
///
/// The front end uses `SystemPrograms` (the real `$PATH` and `ChildProcess`); tests give a
/// stand-in that records what it was asked and answers as they need.
protocol Programs {
    /// The path of an executable called `name` on `$PATH`, else the first of `fallbacks` that is
    /// executable; nil when there is none.
    func find(_ name: String, fallbacks: [String]) -> String?

    /// Runs the program at `path` with `arguments`, `input` on its stdin, and waits for it; its
    /// output goes to kith's stderr (never into the answer on stdout). Returns its exit status.
    func run(_ path: String, _ arguments: [String], input: [UInt8]) async throws -> Int32
}

extension Programs {
    func find(_ name: String) -> String? { find(name, fallbacks: []) }
}

/// The machine's programs.
struct SystemPrograms: Programs {
    func find(_ name: String, fallbacks: [String]) -> String? {
        Platform.executable(named: name) ?? fallbacks.first { Platform.isExecutable($0) }
    }

    func run(_ path: String, _ arguments: [String], input: [UInt8]) async throws -> Int32 {
        try await ChildProcess.run(path, arguments, input: .bytes(input), output: .standardError).status
    }
}

/// A delivery that did not happen, said plainly; `kith today` then exits with status 4.
struct DeliveryError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
