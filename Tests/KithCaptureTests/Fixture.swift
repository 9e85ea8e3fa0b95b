import Foundation
import KithTime
import Testing
@testable import KithCapture

/// The inputs under `Fixtures/`, written for these tests after the cases in the public test files
/// of mail and chat libraries (CPython's email and mailbox tests, the mail gem's error emails,
/// whatsapp-chat-parser's layouts), with Kith's own people in them.
enum Fixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent(name))
    }

    static func read(_ name: String, format: CaptureFormat? = nil, options: CaptureOptions = CaptureOptions()) throws -> CaptureResult {
        try Capture.read(try data(name), format: format, options: options)
    }

    /// Every fixture file, relative to `Fixtures/`.
    static func all() throws -> [String] {
        let files = try #require(FileManager.default.enumerator(atPath: folder.path)).compactMap { $0 as? String }
        return files.filter { !$0.hasPrefix(".") && !isDirectory($0) }.sorted()
    }

    private static func isDirectory(_ name: String) -> Bool {
        var directory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &directory)
        return directory.boolValue
    }
}

extension CalendarDate {
    /// `2026-03-04` in tests.
    init(_ iso: String) { self.init(iso: iso)! }
}

extension Trace {
    /// `HH:MM:SS` of `time`, for readable expectations.
    var clock: String? {
        time.map { String(format: "%02d:%02d:%02d", $0 / 3600, $0 / 60 % 60, $0 % 60) }
    }
}

extension Participant {
    static func mail(_ name: String?, _ email: String) -> Participant { Participant(name: name, email: email) }
}
