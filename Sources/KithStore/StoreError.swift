/// Why a store could not be read or written, pointing at the place in the file when there is one:
///
///     /home/a/kith.json:12:5: unexpected character '}' (expected a value)
///         }
///         ^
public struct StoreError: Error, CustomStringConvertible {
    public var path: String
    /// 1-based; nil when the problem is not at a place in the file (a failed `open`).
    public var line: Int?
    /// 1-based, in characters.
    public var column: Int?
    /// The value the problem is in, for a well-formed document of the wrong shape (`people[3].birthday`).
    public var field: String?
    /// Lowercase and specific: "unexpected character '}' (expected a value)".
    public var message: String
    /// The text of `line`, shown with a caret under `column`.
    public var sourceLine: String?

    public init(path: String, line: Int? = nil, column: Int? = nil, field: String? = nil, message: String,
                sourceLine: String? = nil) {
        self.path = path
        self.line = line
        self.column = column
        self.field = field
        self.message = message
        self.sourceLine = sourceLine
    }

    /// An error at byte `offset` of `text`, whose first line is line `firstLine` of the file
    /// (a journal is read one transaction line at a time).
    init(path: String, field: String? = nil, message: String, at offset: Int, in text: [UInt8], firstLine: Int = 1) {
        let offset = min(max(offset, 0), text.count)
        let lineStart = text[..<offset].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let lineEnd = text[offset...].firstIndex(of: 0x0A) ?? text.count
        let before = String(decoding: text[lineStart..<offset], as: UTF8.self)
        var sourceLine = String(decoding: text[lineStart..<lineEnd], as: UTF8.self)
        if sourceLine.hasSuffix("\r") { sourceLine.removeLast() }
        self.init(path: path, line: firstLine + text[..<lineStart].count(where: { $0 == 0x0A }),
                  column: before.count + 1, field: field, message: message, sourceLine: sourceLine)
    }

    public var description: String {
        var text = path
        if let line { text += ":\(line)" }
        if let column { text += ":\(column)" }
        text += ": "
        if let field { text += "\(field): " }
        text += message
        if let sourceLine, let column {
            let (excerpt, caretColumn) = Self.excerpt(of: sourceLine, around: column)
            // Tabs stay tabs so the caret lines up however wide the terminal draws them.
            let padding = String(excerpt.prefix(caretColumn - 1).map { $0 == "\t" ? "\t" : " " })
            text += "\n\(excerpt)\n\(padding)^"
        }
        return text
    }

    /// At most `width` characters of `line` around `column` (journal lines can be long), with
    /// the caret's column in the excerpt.
    private static func excerpt(of line: String, around column: Int, width: Int = 100) -> (String, Int) {
        let characters = Array(line)
        guard characters.count > width else { return (line, column) }
        let start = max(0, min(column - 1 - width / 2, characters.count - width))
        let end = min(characters.count, start + width)
        let head = start > 0 ? "…" : ""
        let tail = end < characters.count ? "…" : ""
        return (head + String(characters[start..<end]) + tail, column - start + head.count)
    }
}
