import FoundationEssentials

/// JSON in and out of the store: the writer settings the format fixes (docs/store-format.md), and
/// decoding whose errors point at a line and column.
enum StoreCodec {
    /// Sorted keys are what make the output stable: Foundation's key order is not, on Linux.
    static func encode(_ value: some Encodable, pretty: Bool) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                                          : [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// Decodes `data`, the text of `path` from line `firstLine` on.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, path: String, firstLine: Int = 1) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw StoreError(error, in: Array(data), path: path, firstLine: firstLine)
        }
    }
}
