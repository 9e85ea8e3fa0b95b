import FoundationEssentials

extension StoreError {
    /// Turns the decoder's complaint about `text` into an error at a line and column, which the
    /// decoder itself does not report (see `JSONLocator`).
    init(_ error: DecodingError, in text: [UInt8], path: String, firstLine: Int) {
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            guard let problem = JSONLocator.firstProblem(in: text) else {
                self.init(path: path, message: "not valid JSON")
                return
            }
            self.init(path: path, field: problem.path.map(JSONLocator.describe), message: problem.message,
                      at: problem.offset, in: text, firstLine: firstLine)
        case .dataCorrupted(let context):
            self.init(context.codingPath, Self.sentence(context.debugDescription), in: text, path: path, firstLine: firstLine)
        case .keyNotFound(let key, let context):
            self.init(context.codingPath, "missing field \"\(key.stringValue)\"", in: text, path: path, firstLine: firstLine)
        case .valueNotFound(let type, let context):
            self.init(context.codingPath, "expected \(Self.describe(type)), found null", in: text, path: path,
                      firstLine: firstLine)
        case .typeMismatch(let type, let context):
            let components = Self.components(context.codingPath)
            let found = JSONLocator.value(at: components, in: text).map { ", found \($0.kind.rawValue)" } ?? ""
            self.init(context.codingPath, "expected \(Self.describe(type))\(found)", in: text, path: path,
                      firstLine: firstLine)
        @unknown default:
            self.init(path: path, message: Self.sentence(String(describing: error)))
        }
    }

    /// An error about the value at `codingPath`, at its line and column when it can be found.
    private init(_ codingPath: [any CodingKey], _ message: String, in text: [UInt8], path: String, firstLine: Int) {
        let components = Self.components(codingPath)
        let field = components.isEmpty ? nil : JSONLocator.describe(components)
        if let location = JSONLocator.value(at: components, in: text) {
            self.init(path: path, field: field, message: message, at: location.offset, in: text, firstLine: firstLine)
        } else {
            self.init(path: path, field: field, message: message)
        }
    }

    private static func components(_ codingPath: [any CodingKey]) -> [JSONLocator.PathComponent] {
        codingPath.map { key in key.intValue.map(JSONLocator.PathComponent.index) ?? .key(key.stringValue) }
    }

    /// "an integer" for `Int`: what the user should have written, not the Swift type.
    private static func describe(_ type: Any.Type) -> String {
        if type == Int.self { return "an integer" }
        if type == String.self { return "a string" }
        if type == Bool.self { return "true or false" }
        let name = String(describing: type)
        if name.hasPrefix("Array") { return "an array" }
        if name.hasPrefix("Dictionary") { return "an object" }
        return "a value of type \(name)"
    }

    /// Our own messages are already lowercase; Foundation's start with a capital and end with a period.
    private static func sentence(_ text: String) -> String {
        var text = text
        if text.hasSuffix(".") { text.removeLast() }
        return text.prefix(1).lowercased() + text.dropFirst()
    }
}
