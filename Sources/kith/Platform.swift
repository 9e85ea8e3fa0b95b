#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KithEngine
import KithStore
import KithTime
import SystemPackage

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

    /// The columns answers are laid out in (`Conversation.Options.width`): the terminal's when
    /// stdout is one (else `COLUMNS`, when the terminal can't say), and 80 for a file or a pipe,
    /// which then get the same text wherever they are made.
    static var outputWidth: Int {
        let fallback = Conversation.Options.defaultWidth
        guard stdoutIsTerminal else { return fallback }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = environment["COLUMNS"].flatMap({ Int($0) }), columns > 0 { return columns }
        return fallback
    }

    /// Today's date in the local time zone: the one place Kith reads the clock.
    static var today: CalendarDate {
        var now = time(nil)
        var local = tm()
        guard localtime_r(&now, &local) != nil,
              let date = CalendarDate(year: Int(local.tm_year) + 1900, month: Int(local.tm_mon) + 1, day: Int(local.tm_mday))
        else { fatalError("the system clock reads \(now), which is not a date") }
        return date
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
        writeAll(text.hasSuffix("\n") ? text : text + "\n", to: STDERR_FILENO)
    }

    /// Prints to stdout at once (answers must appear before the next prompt or kill).
    static func write(_ text: String) {
        writeAll(text, to: STDOUT_FILENO)
    }

    /// The whole of the file at `path`, by `read(2)`, so a named pipe (`kith run <(…)`) reads
    /// like a file.
    static func readFile(_ path: String) throws(SystemError) -> [UInt8] {
        let file: FileDescriptor
        do {
            file = try FileDescriptor.open(FilePath(path), .readOnly, options: [.closeOnExec])
        } catch {
            throw SystemError(error)
        }
        defer { try? file.close() }
        // Read straight into an array of the file's size: growing one 64 KiB at a time copied a
        // 1.2 GB mbox about twice over, and its import peaked at 2.1 GB and spent a third of its
        // time in page faults and copies (Benchmarks/mail-import.sh, perf record).
        // Only a regular file has a size to trust: a folder's end may be Int64.max, a pipe's none.
        var status = stat()
        guard fstat(file.rawValue, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size > 0 else {
            return try readAll(file)
        }
        let size = Int64(status.st_size)
        var failure: (any Error)?
        var bytes = [UInt8](unsafeUninitializedCapacity: Int(size)) { buffer, count in
            count = 0
            while count < buffer.count {
                do {
                    let read = try file.read(into: UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: buffer[count...])))  // retries EINTR
                    if read == 0 { break }
                    count += read
                } catch {
                    failure = error
                    break
                }
            }
        }
        if let failure { throw SystemError(failure) }
        // A file that grew while it was read: the rest as it comes.
        if bytes.count == Int(size) { bytes += try readAll(file) }
        return bytes
    }

    /// Everything `file` gives until its end.
    static func readAll(_ file: FileDescriptor) throws(SystemError) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count: Int
            do {
                count = try chunk.withUnsafeMutableBytes { try file.read(into: $0) }  // retries EINTR
            } catch {
                throw SystemError(error)
            }
            if count == 0 { return bytes }
            bytes += chunk[..<count]
        }
    }

    /// A failed system call, as the system words it: "No such file or directory".
    struct SystemError: Error, Equatable, CustomStringConvertible {
        let description: String

        /// From `errno`, so made straight after the call that failed.
        init() {
            description = Errno(rawValue: errno).description
        }

        /// From an error number a call returned (posix_spawn's way).
        init(code: Int32) {
            description = Errno(rawValue: code).description
        }

        /// From what swift-system threw (an `Errno`).
        init(_ error: any Error) {
            description = (error as? Errno)?.description ?? "\(error)"
        }
    }

    /// Writes all of `text`, however many calls that takes. A failed write drops the rest, as a
    /// terminal that has gone away takes it: there is nowhere left to report it.
    static func writeAll(_ text: String, to fd: Int32) {
        var text = text
        _ = text.withUTF8 { writeAll($0, to: fd) }
    }

    /// Writes all of `bytes` (see `writeAll(_:to:)`), retrying when interrupted; false when a
    /// write failed, with `errno` saying why.
    ///
    /// A loop over swift-system's `write` of a raw buffer: its `writeAll` is generic over any
    /// sequence of bytes and, not specialized for kith, looks protocol conformances up at run
    /// time — 250,000 more instructions for a one-shot question (callgrind), 6% of it.
    @discardableResult
    static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, to fd: Int32) -> Bool {
        let file = FileDescriptor(rawValue: fd)
        var rest = UnsafeRawBufferPointer(bytes)
        while !rest.isEmpty {
            do {
                rest = UnsafeRawBufferPointer(rebasing: rest[(try file.write(rest))...])
            } catch {
                errno = (error as? Errno)?.rawValue ?? EIO
                return false
            }
        }
        return true
    }
}
