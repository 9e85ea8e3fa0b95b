/// A script file's lines, read whole before any of them runs: a file that cannot be read, or
/// is not UTF-8, runs nothing, and the error names the file (and the line and column).
enum ScriptFile {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The lines of `path`, without their line endings (`\n` or `\r\n`).
    static func lines(of path: String) throws -> [String] {
        let bytes = try read(path)
        var lines: [String] = []
        for (index, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let content = line.last == 0x0D ? line.dropLast() : line
            guard let text = String(validating: content, as: UTF8.self) else {
                throw Failure(description: "\(path):\(index + 1):\(invalidColumn(content)): not valid UTF-8; nothing was run")
            }
            lines.append(text)
        }
        if bytes.last == 0x0A { lines.removeLast() }
        return lines
    }

    /// The 1-based column (in characters) of the first byte that is not UTF-8.
    private static func invalidColumn(_ line: ArraySlice<UInt8>) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = line.makeIterator()
        var valid: [UInt8] = []
        while case .valid(let scalar) = parser.parseScalar(from: &iterator) { valid += scalar }
        return String(decoding: valid, as: UTF8.self).count + 1
    }

    private static func read(_ path: String) throws -> [UInt8] {
        do {
            return try Platform.readFile(path)
        } catch {
            let reason = error.description
            throw Failure(description: "cannot read \(path): \(reason.prefix(1).lowercased() + reason.dropFirst())")
        }
    }
}
