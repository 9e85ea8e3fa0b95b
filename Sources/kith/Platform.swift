#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import KithStore
import KithTime

/// Everything Kith learns from the machine it runs on: environment, terminals, the clock and
/// the standard paths. The engine sees none of this directly.
enum Platform {
    static let environment = Environment()

    /// Reads one variable at a time: `ProcessInfo.environment` copies the whole environment into
    /// a dictionary on every use, a tenth of a one-shot question's start-up.
    struct Environment {
        subscript(name: String) -> String? {
            getenv(name).map { String(cString: $0) }
        }
    }

    static var stdinIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Today's date in the local time zone: the one place Kith reads the clock.
    static var today: CalendarDate {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// `$XDG_DATA_HOME/kith/kith.json`, or `~/.local/share/kith/kith.json`.
    static func defaultStorePath() -> String? {
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") { return data + "/kith/kith.json" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.local/share/kith/kith.json"
    }

    /// An error as stderr shows it. A store error quotes the line of the file it is about —
    /// the user's own data — only when stderr is a terminal, so that a log gets the file, line,
    /// column and problem but nothing personal.
    static func errorText(_ error: any Error) -> String {
        guard var storeError = error as? StoreError, !stderrIsTerminal else { return "\(error)" }
        storeError.sourceLine = nil
        return storeError.description
    }

    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Prints to stdout at once (answers must appear before the next prompt or kill).
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
