/// Why a file could not be imported or a graph exported, as a whole. Problems with single
/// cards or rows are not errors: they are `ImportProblem`s, and the rest of the file imports.
public struct ExchangeError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Kind: Hashable, Sendable {
        /// The content is none of the formats `ImportFormat.detect` knows.
        case unknownFormat
        /// A forced or detected format whose telltale structure is missing.
        case notThisFormat(ImportFormat, String)
        /// An export asked for a tag nobody has.
        case unknownTag(String)
    }

    private let kind: Kind

    private init(_ kind: Kind) { self.kind = kind }

    /// The content is neither a vCard file, a Google Contacts CSV nor a LinkedIn Connections.csv.
    public static let unknownFormat = ExchangeError(.unknownFormat)

    /// The file was read as `format` but lacks what every such file has (`reason` says what).
    public static func notThisFormat(_ format: ImportFormat, _ reason: String) -> ExchangeError {
        ExchangeError(.notThisFormat(format, reason))
    }

    /// An export was limited to `tag`, which no one carries.
    public static func unknownTag(_ tag: String) -> ExchangeError { ExchangeError(.unknownTag(tag)) }

    public var description: String {
        switch kind {
        case .unknownFormat:
            return "can't tell what kind of file this is: it is not a vCard file, a Google Contacts CSV "
                + "or a LinkedIn Connections.csv"
        case .notThisFormat(let format, let reason):
            return "not a \(format.displayName): \(reason)"
        case .unknownTag(let tag):
            return "no one is tagged \(tag)"
        }
    }
}

/// Something wrong with one card, row or value; the rest of the file still imports.
public struct ImportProblem: Hashable, Sendable, CustomStringConvertible {
    /// The line of the file the card or row starts on, from 1.
    public var line: Int
    /// Lowercase and specific: "birthday \"soon\" is not a date Kith can read; left out".
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}
