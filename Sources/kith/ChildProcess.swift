import Subprocess
import SystemPackage

/// Another program, run to completion: Graphviz's `dot` for `export --format svg`, the sqlite3
/// shell for `generate --sqlite`, and `notify-send`, `sendmail` and `systemctl` for `kith today`.
/// Run by swift-subprocess (async: the commands that run programs are async commands).
struct ChildProcess {
    enum Input: Sendable {
        /// Written to the program's stdin, which is then closed.
        case bytes([UInt8])
        /// The program reads this file as its stdin.
        case file(String)
    }

    enum Output: Sendable {
        /// Collected and returned.
        case captured
        /// Sent to /dev/null.
        case discarded
        /// Sent to kith's own stderr, never into an answer on stdout.
        case standardError
    }

    /// The program could not be started, or its output read; `reason` says why.
    struct LaunchError: Error, CustomStringConvertible {
        let reason: String
        var description: String { reason }
    }

    /// How the program ended, and what it wrote when `output` was `.captured`.
    struct Outcome: Sendable {
        /// The exit status; 128 + the signal's number when a signal ended it, as shells report.
        var status: Int32
        var output: [UInt8]
    }

    /// Runs `program` (a path, or a name looked up on `$PATH`) with `arguments`, in `directory`
    /// (the current one when nil), and waits for it.
    static func run(_ program: String, _ arguments: [String], in directory: String? = nil,
                    input: Input, output: Output) async throws(LaunchError) -> Outcome {
        do {
            return try await launch(program, arguments, in: directory, input: input, output: output)
        } catch let error as LaunchError {
            throw error
        } catch {
            throw LaunchError(reason: "\(error)")
        }
    }

    private static func launch(_ program: String, _ arguments: [String], in directory: String?,
                               input: Input, output: Output) async throws -> Outcome {
        let executable: Executable = program.contains("/") ? .path(FilePath(program)) : .name(program)
        let directory = directory.map { FilePath($0) }
        let arguments = Arguments(arguments)
        switch (input, output) {
        case (.bytes(let bytes), .captured):
            let ran = try await Subprocess.run(executable, arguments: arguments, workingDirectory: directory,
                                               input: .array(bytes), output: .bytes(limit: .max))
            return Outcome(status: status(ran.terminationStatus), output: ran.standardOutput)
        case (.bytes(let bytes), .discarded):
            let ran = try await Subprocess.run(executable, arguments: arguments, workingDirectory: directory,
                                               input: .array(bytes), output: .discarded)
            return Outcome(status: status(ran.terminationStatus), output: [])
        case (.bytes(let bytes), .standardError):
            let ran = try await Subprocess.run(executable, arguments: arguments, workingDirectory: directory,
                                               input: .array(bytes),
                                               output: .fileDescriptor(.standardError, closeAfterSpawningProcess: false))
            return Outcome(status: status(ran.terminationStatus), output: [])
        case (.file(let path), _):
            let file: FileDescriptor
            do {
                file = try FileDescriptor.open(FilePath(path), .readOnly, options: [.closeOnExec])
            } catch {
                throw LaunchError(reason: "\(path): \(Platform.SystemError(error))")
            }
            let stdin = FileDescriptorInput.fileDescriptor(file, closeAfterSpawningProcess: true)
            if case .captured = output {
                let ran = try await Subprocess.run(executable, arguments: arguments, workingDirectory: directory,
                                                   input: stdin, output: .bytes(limit: .max))
                return Outcome(status: status(ran.terminationStatus), output: ran.standardOutput)
            }
            let ran = try await Subprocess.run(executable, arguments: arguments, workingDirectory: directory,
                                               input: stdin, output: .discarded)
            return Outcome(status: status(ran.terminationStatus), output: [])
        }
    }

    private static func status(_ status: TerminationStatus) -> Int32 {
        switch status {
        case .exited(let code): code
        case .signaled(let signal): 128 + signal
        }
    }
}
