#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SystemPackage

/// Another program, run to completion: Graphviz's `dot` for `export --format svg`, the sqlite3
/// shell for `generate --sqlite`. Started with posix_spawn rather than Foundation's `Process`,
/// whose module (CoreFoundation and ICU with it) would be linked into kith and cost every start,
/// a one-shot question's included, a millisecond (docs/performance.md).
struct ChildProcess {
    enum Input {
        /// Written to the program's stdin, which is then closed.
        case bytes([UInt8])
        /// The program reads this file as its stdin.
        case file(String)
    }

    enum Output {
        /// Collected and returned.
        case captured
        /// Sent to /dev/null.
        case discarded
    }

    /// The program could not be started, or its output read; `reason` is the system's (strerror).
    struct LaunchError: Error, CustomStringConvertible {
        let reason: String
        var description: String { reason }
    }

    /// How the program ended, and what it wrote when `output` was `.captured`.
    struct Outcome {
        /// The exit status; 128 + the signal's number when a signal ended it, as shells report.
        var status: Int32
        var output: [UInt8]
    }

    /// Runs `program` (a path, or a name looked up on `$PATH`) with `arguments` and waits for it.
    static func run(_ program: String, _ arguments: [String], input: Input, output: Output) throws -> Outcome {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }

        var toChild: [Int32] = [-1, -1], fromChild: [Int32] = [-1, -1]
        defer { for fd in toChild + fromChild where fd >= 0 { close(fd) } }
        switch input {
        case .file(let path):
            posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, path, O_RDONLY, 0)
        case .bytes:
            guard pipe(&toChild) == 0 else { throw LaunchError(reason: Platform.SystemError().description) }
            posix_spawn_file_actions_adddup2(&actions, toChild[0], STDIN_FILENO)
        }
        switch output {
        case .discarded:
            posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0)
        case .captured:
            guard pipe(&fromChild) == 0 else { throw LaunchError(reason: Platform.SystemError().description) }
            posix_spawn_file_actions_adddup2(&actions, fromChild[1], STDOUT_FILENO)
        }
        // The child keeps only 0, 1 and 2: its copies of the pipes' other ends would keep them open.
        for fd in toChild + fromChild where fd >= 0 { posix_spawn_file_actions_addclose(&actions, fd) }

        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { for arg in argv { free(arg) } }
        var pid = pid_t()
        let started = posix_spawnp(&pid, program, &actions, nil, argv, environ)
        guard started == 0 else { throw LaunchError(reason: Platform.SystemError(code: started).description) }

        if case .bytes(let bytes) = input {
            close(toChild[0])
            toChild[0] = -1
            // Programs run this way (dot) read all of their input before they write, so
            // writing it all first cannot deadlock on a full pipe.
            _ = bytes.withUnsafeBufferPointer { Platform.writeAll($0, to: toChild[1]) }
            close(toChild[1])
            toChild[1] = -1
        }
        var captured: [UInt8] = []
        var readFailure: Platform.SystemError?
        if case .captured = output {
            close(fromChild[1])
            fromChild[1] = -1
            do {
                captured = try Platform.readAll(FileDescriptor(rawValue: fromChild[0]))
            } catch {
                readFailure = error
            }
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw LaunchError(reason: Platform.SystemError().description) }
        }
        if let readFailure { throw LaunchError(reason: readFailure.description) }
        // The wait status: the low 7 bits are the signal that ended the program, if one did;
        // otherwise the next 8 are its exit status.
        let signal = status & 0x7F
        return Outcome(status: signal == 0 ? (status >> 8) & 0xFF : 128 + signal, output: captured)
    }

}
