// GNU readline behind `LineReader`: line editing, persistent history shared safely
// between sessions, tab completion from a provider, Ctrl-C cancels the line.
//
// Readline is one global state machine, and its callbacks are C function pointers that
// cannot capture context, so the little state they need lives in file-level globals.
// Create one ReadlineLineReader per process (a second one replaces the first one's
// completion provider).

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
@preconcurrency import CReadline

final class ReadlineLineReader: LineReader {
    /// Lines kept in the history file (and in memory).
    static let historyLimit: Int32 = 1000

    private let historyFile: String?
    /// Whether the history file could not be created or written (warned once on stderr).
    private var historyFileFailed = false

    /// - Parameters:
    ///   - historyFile: where history persists between sessions; nil keeps it in memory.
    ///     Loaded now if it exists; created (0600, directories 0700) on the first line.
    ///   - complete: given the text before the cursor, the candidates for Tab.
    init(historyFile: String?, complete: @escaping (_ textBeforeCursor: String) -> [Completion]) {
        self.historyFile = historyFile
        readlineCompletionProvider = complete

        rl_readline_name = UnsafePointer(readlineName)  // `$if kith` in ~/.inputrc
        rl_change_environment = 0          // don't export LINES/COLUMNS into our environment
        rl_catch_signals = 1               // readline cleans up the terminal, then re-raises to us
        rl_attempted_completion_function = readlineAttemptedCompletion
        rl_completion_word_break_hook = readlineWordBreakHook
        rl_completion_display_matches_hook = readlineDisplayMatches

        installInterruptHandler()

        using_history()
        stifle_history(Self.historyLimit)
        if let historyFile, access(historyFile, F_OK) == 0 {
            // The history holds what the user said about people: as private as the store.
            var info = stat()
            if stat(historyFile, &info) == 0, info.st_mode & 0o044 != 0 {
                let message = "kith: warning: \(historyFile) is readable by other users; chmod 600 \(historyFile)\n"
                _ = message.withCString { write(STDERR_FILENO, $0, strlen($0)) }
            }
            _ = history_truncate_file(historyFile, Self.historyLimit)
            _ = read_history(historyFile)
        }
    }

    /// Shows `prompt` and edits a line. A colored prompt must wrap each escape sequence
    /// in "\u{01}" … "\u{02}" so readline can tell how wide the prompt is. Non-blank lines
    /// go into the history (and its file) as they are returned.
    func readLine(prompt: String) -> String? {
        readlineInterruptPending = 0   // a Ctrl-C pressed while busy is not for this prompt
        guard let raw = readline(prompt) else {
            // Ctrl-D on an empty line or end of input: leave the cursor on a fresh line.
            // Readline 8.1+ already does when bracketed paste is on (its default).
            if !Self.readlineOption("enable-bracketed-paste"), let out = rl_outstream {
                fputs("\n", out)
                fflush(out)
            }
            return nil
        }
        let line = String(cString: raw)
        free(raw)
        remember(line)
        return line
    }

    private static func readlineOption(_ name: String) -> Bool {
        guard let value = rl_variable_value(name) else { return false }
        return String(cString: value) == "on"
    }

    // MARK: History

    private func remember(_ line: String) {
        guard line.contains(where: { !$0.isWhitespace }) else { return }
        if history_length > 0,
           let last = history_get(history_base + history_length - 1),
           let lastLine = last.pointee.line,
           String(cString: lastLine) == line {
            return  // no consecutive duplicates
        }
        add_history(line)
        guard let historyFile, !historyFileFailed else { return }
        // Append just this line: a killed session loses nothing, and two sessions
        // interleave their lines instead of overwriting each other's file.
        var failure = Self.ensurePrivateFile(historyFile)
        if failure == nil {
            let status = append_history(1, historyFile)
            if status != 0 {
                failure = String(cString: strerror(status))
            } else {
                _ = history_truncate_file(historyFile, Self.historyLimit)
            }
        }
        if let failure {
            historyFileFailed = true
            let message = "kith: history will not be saved to \(historyFile): \(failure)\n"
            _ = message.withCString { write(STDERR_FILENO, $0, strlen($0)) }
        }
    }

    /// Creates `path` with mode 0600 if it does not exist, and its missing directories
    /// with mode 0700. Returns a description of the failure, or nil.
    static func ensurePrivateFile(_ path: String) -> String? {
        var fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0 && errno == ENOENT {
            if let failure = ensurePrivateDirectory(parentDirectory(of: path)) { return failure }
            fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        }
        if fd >= 0 {
            close(fd)
            chmod(path, 0o600)  // whatever the umask
            return nil
        }
        if errno == EEXIST { return nil }
        return String(cString: strerror(errno))
    }

    /// `mkdir -p` with mode 0700 for every directory it creates.
    static func ensurePrivateDirectory(_ path: String) -> String? {
        guard !path.isEmpty else { return nil }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + component
            if mkdir(prefix, 0o700) == 0 {
                chmod(prefix, 0o700)
            } else if errno != EEXIST {
                return "\(prefix): \(String(cString: strerror(errno)))"
            }
        }
        return nil
    }

    static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// `$XDG_STATE_HOME/kith/history`, else `$HOME/.local/state/kith/history`; nil if
    /// neither is set. A relative XDG_STATE_HOME is ignored, as the XDG spec says.
    static func defaultHistoryFile(environment: Platform.Environment) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return join(state, "kith/history")
        }
        if let home = environment["HOME"], !home.isEmpty {
            return join(home, ".local/state/kith/history")
        }
        return nil
    }

    private static func join(_ directory: String, _ relative: String) -> String {
        directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
    }

    // MARK: Ctrl-C

    /// Whether Ctrl-C was pressed since the last prompt while no prompt was showing
    /// (the app was busy). Reading it clears it. A long computation may poll this to stop
    /// early; a second Ctrl-C while busy ends the process the ordinary way.
    static func takeInterrupt() -> Bool {
        defer { readlineInterruptPending = 0 }
        return readlineInterruptPending != 0
    }

    private func installInterruptHandler() {
        var action = sigaction()
        #if canImport(Darwin)
        action.__sigaction_u.__sa_handler = readlineInterruptHandler
        #else
        action.__sigaction_handler.sa_handler = readlineInterruptHandler
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = Int32(SA_RESTART)
        sigaction(SIGINT, &action, nil)
    }
}

// MARK: - Callbacks and their state (C function pointers cannot capture)

/// `rl_readline_name` must outlive every readline call.
nonisolated(unsafe) private let readlineName: UnsafeMutablePointer<CChar> = strdup("kith")!
/// Returned by the word-break hook: no break characters, so readline's "word" is the
/// whole text before the cursor and a completion may replace any part of it.
nonisolated(unsafe) private let noWordBreaks: UnsafeMutablePointer<CChar> = strdup("")!
nonisolated(unsafe) private var readlineCompletionProvider: ((String) -> [Completion])?
/// How to list each match of the last completion: match (whole line) → candidate text.
nonisolated(unsafe) private var readlineDisplayNames: [String: String] = [:]
/// Set by Ctrl-C while no prompt is showing. Only ever 0 or 1.
nonisolated(unsafe) private var readlineInterruptPending: Int32 = 0
/// Counts lines cancelled by Ctrl-C at the prompt (lets a pending question notice).
nonisolated(unsafe) private var readlineCancelledLines: UInt32 = 0

/// SIGINT. During `readline()` readline's own handler catches the signal, and at a safe
/// point (outside its own signal handler) frees the line state, echoes ^C, restores the
/// terminal and our handler, re-raises the signal and, once we return, resumes reading.
/// So here, with RL_STATE_SIGHANDLER set, calling readline is safe: move to a new line
/// and show a fresh, empty prompt. Otherwise the app is busy: remember the interrupt, and
/// give up the way an unhandled Ctrl-C does if it comes a second time.
private func readlineInterruptHandler(_ signal: Int32) {
    if rl_readline_state & UInt(RL_STATE_SIGHANDLER) != 0 {
        readlineCancelledLines &+= 1
        rl_crlf()
        rl_replace_line("", 0)
        using_history()           // Up starts again from the newest entry
        rl_on_new_line()
        rl_redisplay()
    } else if readlineInterruptPending == 0 {
        readlineInterruptPending = 1
    } else {
        var action = sigaction()
        sigemptyset(&action.sa_mask)
        sigaction(SIGINT, &action, nil)   // zeroed action = SIG_DFL
        raise(SIGINT)
    }
}

private func readlineWordBreakHook() -> UnsafeMutablePointer<CChar>? {
    noWordBreaks
}

private func readlineAttemptedCompletion(
    _ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    rl_attempted_completion_over = 1  // never fall back to file names
    guard let provider = readlineCompletionProvider, let buffer = rl_line_buffer, end >= 0 else {
        return nil
    }
    let bytes = Array(UnsafeRawBufferPointer(start: buffer, count: Int(end)))
    let before = String(decoding: bytes, as: UTF8.self)
    let result = CompletionMatches(
        lineBeforeCursor: bytes, wordStart: Int(start), completions: provider(before))
    guard !result.matches.isEmpty else { return nil }

    var names: [String: String] = [:]
    for (match, name) in zip(result.matches, result.display) { names[match] = name }
    readlineDisplayNames = names

    // [substitution, match 1, …, match n, NULL]; a single match is just [match, NULL].
    let entries = result.matches.count == 1 ? [result.substitution]
        : [result.substitution] + result.matches
    return makeCStringArray(entries)
}

/// Lists the matches by their candidate text ("Diane Smith") instead of the whole line,
/// asking first when there are many, as readline itself does.
private func readlineDisplayMatches(
    _ matches: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ count: Int32, _ maxLength: Int32
) {
    guard let matches, count > 0, let out = rl_outstream else { return }
    var names: [String] = []
    for index in 1...Int(count) {
        guard let match = matches[index] else { break }
        let string = String(cString: match)
        names.append(readlineDisplayNames[string] ?? string)
    }
    if rl_completion_query_items > 0 && count >= rl_completion_query_items {
        rl_crlf()
        fputs("Display all \(count) possibilities? (y or n)", out)
        fflush(out)
        guard let yes = readYesOrNo() else { return }  // Ctrl-C: a fresh prompt is showing
        if !yes {
            rl_crlf()
            rl_forced_update_display()
            return
        }
    }
    let list = makeCStringArray([CompletionMatches.commonPrefix(names)] + names)
    let width = names.map(\.count).max() ?? 0
    rl_display_match_list(list, Int32(names.count), Int32(width))
    for index in 0...names.count { free(list[index]) }
    free(list)
    rl_forced_update_display()
}

/// y or n; nil when Ctrl-C cancelled the line meanwhile (the interrupt handler has
/// already shown a fresh prompt, and the key that ended the wait is handed back to
/// readline as the first key of the new line).
private func readYesOrNo() -> Bool? {
    let cancelled = readlineCancelledLines
    while true {
        let key = rl_read_key()
        if readlineCancelledLines != cancelled {
            if key >= 0 { rl_stuff_char(key) }
            return nil
        }
        switch key {
        case 0x79, 0x59, 0x20: return true          // y Y space
        case 0x6E, 0x4E, 0x7F, 0x07: return false   // n N DEL Ctrl-G
        case ..<0: return false                     // EOF or read error
        default: rl_ding()
        }
    }
}

/// A malloc'd, NULL-terminated array of strdup'd strings (readline frees both).
private func makeCStringArray(_ strings: [String]) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> {
    let array = malloc((strings.count + 1) * MemoryLayout<UnsafeMutablePointer<CChar>?>.stride)!
        .bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: strings.count + 1)
    for (index, string) in strings.enumerated() { array[index] = strdup(string) }
    array[strings.count] = nil
    return array
}
