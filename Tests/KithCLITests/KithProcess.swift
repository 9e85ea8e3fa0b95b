import Foundation
import Testing

/// Runs the real `kith` binary, built beside the test bundle by `swift build --build-tests`.
struct KithProcess {
    struct Result {
        let stdout: String
        let stderr: String
        let status: Int32
    }

    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["KITH_BINARY"] { return URL(fileURLWithPath: path) }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // On Linux the tests run from …/debug/KithPackageTests.xctest; on macOS from inside a bundle.
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("kith").path),
              directory.path != "/" {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("kith")
    }()

    /// Runs kith with arguments and optional stdin, with a clean environment (no KITH_*).
    /// `executable` runs another program instead (script(1), to give kith a terminal).
    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
                    directory: URL? = nil, executable: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable.map { URL(fileURLWithPath: $0) } ?? binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("KITH_") && $0.key != "NO_COLOR" }
        env["HOME"] = FileManager.default.temporaryDirectory.path + "/kith-test-home"
        env.removeValue(forKey: "XDG_DATA_HOME")
        env.removeValue(forKey: "XDG_STATE_HOME")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        // Never the package folder: an "export …" line would leave its file there.
        process.currentDirectoryURL = directory ?? FileManager.default.temporaryDirectory
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self),
                      status: process.terminationStatus)
    }

    /// A fresh directory for one test's store.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kith-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
