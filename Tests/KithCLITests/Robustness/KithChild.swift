import Foundation
import KithText
#if canImport(Glibc)
import Glibc
#endif

/// A running `kith` whose stdin stays open and whose output is collected as it arrives, so a
/// test can feed it lines, wait for answers, and SIGKILL it at any moment.
///
/// Spawned with `posix_spawn` rather than `Process`: the child is reaped only by `wait()`, so
/// `kill()` can never hit a recycled process id. Pipes are close-on-exec, so children started
/// at the same time on other threads do not hold each other's pipes open.
final class KithChild: @unchecked Sendable {
    struct Exit {
        let stdout: String
        let stderr: String
        /// The exit status, or the signal number when `signalled`.
        let status: Int32
        let signalled: Bool
    }

    /// Writing to a child that was just killed must fail with EPIPE, not kill the test runner.
    private static let ignoreSIGPIPE: Void = { signal(SIGPIPE, SIG_IGN) }()

    let pid: pid_t
    private var inputFD: Int32
    private let condition = NSCondition()
    private var out: [UInt8] = []
    private var err: [UInt8] = []
    private var openStreams = 2
    private var exit: Exit?
    private let started = Date()
    private var arrivals: [TimeInterval] = []

    /// When each complete stdout line arrived, in seconds since the child was started.
    var lineTimes: [TimeInterval] {
        condition.lock()
        defer { condition.unlock() }
        return arrivals
    }

    /// Starts kith with `arguments` and a clean environment (as `KithProcess.run`) plus `environment`.
    /// `executable` runs something else (a shell, script(1)) with the same environment.
    init(_ arguments: [String], environment: [String: String] = [:], directory: String? = nil,
         executable: String? = nil) throws {
        _ = Self.ignoreSIGPIPE
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("KITH_") && $0.key != "NO_COLOR" }
        env["HOME"] = FileManager.default.temporaryDirectory.path + "/kith-test-home"
        env.removeValue(forKey: "XDG_DATA_HOME")
        env.removeValue(forKey: "XDG_STATE_HOME")
        for (key, value) in environment { env[key] = value }

        func makePipe() throws -> (read: Int32, write: Int32) {
            var fds: [Int32] = [0, 0]
            guard pipe2(&fds, O_CLOEXEC) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
            return (fds[0], fds[1])
        }
        let stdin = try makePipe(), stdout = try makePipe(), stderr = try makePipe()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin.read, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout.write, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr.write, 2)
        // Never the package folder: an "export …" line would leave its file there.
        _ = posix_spawn_file_actions_addchdir_np(&actions, directory ?? FileManager.default.temporaryDirectory.path)

        let path = executable ?? KithProcess.binary.path
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, path, &actions, nil, argv, envp)
        close(stdin.read)
        close(stdout.write)
        close(stderr.write)
        guard status == 0 else {
            [stdin.write, stdout.read, stderr.read].forEach { close($0) }
            throw POSIXError(.init(rawValue: status) ?? .EIO)
        }
        self.pid = pid
        inputFD = stdin.write
        collect(stdout.read, isStdout: true)
        collect(stderr.read, isStdout: false)
    }

    deinit {
        if exit == nil {
            kill()
            _ = wait()
        }
    }

    private func collect(_ fd: Int32, isStdout: Bool) {
        Thread.detachNewThread { [self] in
            var chunk = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                condition.lock()
                if count > 0 {
                    if isStdout {
                        out += chunk[..<count]
                        let now = Date().timeIntervalSince(started)
                        arrivals += Array(repeating: now, count: chunk[..<count].count { $0 == 0x0A })
                    } else {
                        err += chunk[..<count]
                    }
                }
                if count <= 0 { openStreams -= 1 }
                condition.broadcast()
                condition.unlock()
                if count <= 0 { break }
            }
            close(fd)
        }
    }

    /// Writes text to the child's stdin; false when the child is gone.
    @discardableResult
    func send(_ text: String) -> Bool {
        send(Array(text.utf8))
    }

    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        condition.lock()
        let fd = inputFD
        condition.unlock()
        guard fd >= 0 else { return false }
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            written += count
        }
        return true
    }

    func closeInput() {
        condition.lock()
        if inputFD >= 0 { close(inputFD) }
        inputFD = -1
        condition.unlock()
    }

    /// Whether the child has closed its output (it has exited, or is about to).
    var isFinished: Bool {
        condition.lock()
        defer { condition.unlock() }
        return openStreams == 0
    }

    /// Complete lines of stdout so far (a line cut off by a kill is not complete).
    var lines: [String] {
        condition.lock()
        defer { condition.unlock() }
        return Self.completeLines(out)
    }

    static func completeLines(_ bytes: [UInt8]) -> [String] {
        guard let last = bytes.lastIndex(of: 0x0A) else { return [] }
        return bytes[...last].split(separator: 0x0A, omittingEmptySubsequences: false).dropLast()
            .map { String(decoding: $0, as: UTF8.self) }
    }

    /// Waits until stdout holds `count` complete lines; nil when it closes first or after
    /// `timeout` seconds (a hang, which the caller reports).
    func waitForLines(_ count: Int, timeout: TimeInterval = 120) -> [String]? {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while true {
            let lines = Self.completeLines(out)
            if lines.count >= count { return lines }
            if openStreams == 0 || !condition.wait(until: deadline) { return nil }
        }
    }

    /// SIGKILL. Safe at any time before `wait()` returns: until then the child is not reaped,
    /// so its process id cannot belong to anyone else.
    func kill() {
        condition.lock()
        defer { condition.unlock() }
        if exit == nil { _ = Glibc.kill(pid, SIGKILL) }
    }

    /// Closes stdin, waits for the child to end and its output to drain, and reaps it.
    func wait() -> Exit {
        closeInput()
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        condition.lock()
        defer { condition.unlock() }
        while openStreams > 0 { condition.wait() }
        let signalled = (status & 0x7F) != 0 && (status & 0x7F) != 0x7F
        let result = Exit(stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self),
                          status: signalled ? status & 0x7F : (status >> 8) & 0xFF, signalled: signalled)
        exit = result
        return result
    }
}

// Declared by glibc only under _GNU_SOURCE, which Swift's Glibc module does not set.
@_silgen_name("pipe2") private func pipe2(_ fds: UnsafeMutablePointer<Int32>, _ flags: Int32) -> Int32
@_silgen_name("posix_spawn_file_actions_addchdir_np")
private func posix_spawn_file_actions_addchdir_np(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>,
                                                  _ path: UnsafePointer<CChar>) -> Int32

/// Short runs on every `swift test`; `KITH_STRESS=1` (scripts/stress.sh) selects the long form.
enum Stress {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }
    static var isLong: Bool { environment["KITH_STRESS"].map { !$0.isEmpty && $0 != "0" } ?? false }

    /// `short` normally, `long` under KITH_STRESS; `KITH_STRESS_<NAME>` overrides both.
    static func count(_ name: String, short: Int, long: Int) -> Int {
        if let text = environment["KITH_STRESS_\(name)"], let n = Int(text), n > 0 { return n }
        return isLong ? long : short
    }

    /// KITH_STRESS_SEED, or a fixed seed so that a CI failure repeats.
    static var seed: UInt64 {
        environment["KITH_STRESS_SEED"].flatMap { UInt64($0) } ?? 20_260_310
    }

    /// Prints a line of results (trial counts, what was seen) to the test log.
    static func report(_ text: String) {
        FileHandle.standardError.write(Data("kith-stress: \(text)\n".utf8))
    }
}
