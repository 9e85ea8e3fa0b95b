import Foundation
import Testing
@testable import kith

/// `Platform.readFile`: a regular file is read whole into an array of its size; anything else
/// (a folder, a device, an empty file) is read as it comes, and a folder is an error, never a crash.
struct ReadFileTests {
    let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kith-readfile-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    @Test func aRegularFileIsReadWhole() throws {
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let path = folder.appendingPathComponent("file").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(try Platform.readFile(path) == bytes)
        let empty = folder.appendingPathComponent("empty").path
        try Data().write(to: URL(fileURLWithPath: empty))
        #expect(try Platform.readFile(empty) == [])
    }

    @Test func aFolderOrADeviceIsNoCrash() throws {
        #expect(throws: Platform.SystemError.self) { try Platform.readFile(folder.path) }
        #expect(try Platform.readFile("/dev/null") == [])
    }
}
