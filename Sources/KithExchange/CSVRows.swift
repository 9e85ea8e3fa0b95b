/// Reads CSV rows by RFC 4180, with Kith's own rules where a file breaks it
/// (docs/import-export.md, "CSV"):
///
/// - fields are separated by commas, rows by CRLF, LF or a lone CR;
/// - a field that starts with `"` is quoted: it runs to the closing quote and may hold commas,
///   line breaks and doubled quotes (`""` is one quote);
/// - an unquoted field is taken as it is, spaces and quotes included (RFC 4180 allows no quote
///   there; Kith keeps it as an ordinary character: `5" screen`);
/// - a row is malformed when a closing quote is followed by anything but a comma, a line break or
///   the end of the text (`"ab"cd",x`), or when a quoted field is never closed. The reader then
///   reports the row with the line it starts on and why, and goes on at the next line, so a stray
///   quote costs its own row and not the rows after it;
/// - a line break at the end of the text adds no row; an empty line is a row of one empty field;
///   a comma at the end of a line adds an empty field; rows may have any number of fields.
///
/// Every place the text is cut is an ASCII byte, so fields hold exactly the text's own scalars.
struct CSVRowReader {
    struct Row: Equatable {
        /// The line of the text the row starts on, from 1.
        var line: Int
        var fields: [String]
    }

    /// A row that breaks the rules above: where it starts and what is wrong, in words.
    struct Malformed: Error, Equatable {
        var line: Int
        var reason: String
    }

    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr: UInt8 = 0x0D, lf: UInt8 = 0x0A
    private let bytes: [UInt8]
    private var position = 0
    /// Where the row being read starts.
    private var rowStart = 0
    /// The line `position` is on, from 1.
    private var line: Int

    /// A reader of `text`, whose first line is line `firstLine`.
    init(_ text: String, firstLine: Int = 1) {
        bytes = Array(text.utf8)
        line = firstLine
    }

    /// The next row, a malformed row, or nil at the end of the text.
    mutating func next() -> Result<Row, Malformed>? {
        guard position < bytes.count else { return nil }
        rowStart = position
        let start = line
        var fields: [String] = []
        while true {
            let field: String, endsRow: Bool
            if position < bytes.count && bytes[position] == Self.quote {
                switch readQuoted() {
                case .success(let read): (field, endsRow) = read
                case .failure(let reason):
                    skipToLine(after: start)
                    return .failure(Malformed(line: start, reason: reason.text))
                }
            } else {
                (field, endsRow) = readUnquoted()
            }
            fields.append(field)
            if endsRow { return .success(Row(line: start, fields: fields)) }
        }
    }

    /// Every row and malformed row of `text`, in order.
    static func read(_ text: String) -> [Result<Row, Malformed>] {
        var reader = CSVRowReader(text)
        var rows: [Result<Row, Malformed>] = []
        while let row = reader.next() { rows.append(row) }
        return rows
    }

    /// From the field's first byte to past the comma or line break that ends it.
    private mutating func readUnquoted() -> (String, Bool) {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == Self.comma {
                position += 1
                return (String(decoding: bytes[start..<position - 1], as: UTF8.self), false)
            }
            if byte == Self.cr || byte == Self.lf {
                let field = String(decoding: bytes[start..<position], as: UTF8.self)
                skipLineBreak()
                return (field, true)
            }
            position += 1
        }
        return (String(decoding: bytes[start...], as: UTF8.self), true)
    }

    private struct Reason: Error {
        var text: String
    }

    /// From the opening quote to past the comma or line break after the closing one.
    private mutating func readQuoted() -> Result<(String, Bool), Reason> {
        position += 1
        var field: [UInt8] = []
        var runStart = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == Self.cr || byte == Self.lf {
                // A line break inside the field: kept as it is, and counted.
                if byte == Self.lf || position + 1 == bytes.count || bytes[position + 1] != Self.lf { line += 1 }
                position += 1
                continue
            }
            guard byte == Self.quote else {
                position += 1
                continue
            }
            field += bytes[runStart..<position]
            position += 1
            if position < bytes.count && bytes[position] == Self.quote {  // `""`: one quote
                field.append(Self.quote)
                position += 1
                runStart = position
                continue
            }
            let text = String(decoding: field, as: UTF8.self)
            guard position < bytes.count else { return .success((text, true)) }
            switch bytes[position] {
            case Self.comma:
                position += 1
                return .success((text, false))
            case Self.cr, Self.lf:
                skipLineBreak()
                return .success((text, true))
            default:
                let after = String(decoding: bytes[position...].prefix(while: { $0 != Self.comma && $0 != Self.cr && $0 != Self.lf }).prefix(12),
                                   as: UTF8.self)
                return .failure(Reason(text: "a closing quote is followed by \"\(after)\", not a comma or the end of the line"
                                       + " (a quote inside a quoted field is written twice)"))
            }
        }
        return .failure(Reason(text: "a quoted field is not closed"))
    }

    /// Past the CR, LF or CRLF at `position`, onto the next line.
    private mutating func skipLineBreak() {
        if bytes[position] == Self.cr, position + 1 < bytes.count, bytes[position + 1] == Self.lf { position += 1 }
        position += 1
        line += 1
    }

    /// To the start of the line after `line` (the start of a malformed row), wherever reading got.
    private mutating func skipToLine(after start: Int) {
        position = rowStart
        line = start
        while position < bytes.count, bytes[position] != Self.cr, bytes[position] != Self.lf { position += 1 }
        if position < bytes.count { skipLineBreak() }
    }
}

/// Writes CSV by RFC 4180: fields joined by commas, each row ended by CRLF, and a field quoted
/// when it holds a quote, comma, CR or LF, with each quote in it doubled.
struct CSVRowWriter {
    private(set) var bytes: [UInt8] = []

    mutating func write(row fields: some Sequence<String>) {
        var isFirstField = true
        for field in fields {
            if isFirstField { isFirstField = false } else { bytes.append(UInt8(ascii: ",")) }
            append(field)
        }
        bytes += [0x0D, 0x0A]
    }

    private mutating func append(_ field: String) {
        let quote = UInt8(ascii: "\"")
        guard field.utf8.contains(where: { $0 == quote || $0 == UInt8(ascii: ",") || $0 == 0x0D || $0 == 0x0A }) else {
            bytes += field.utf8
            return
        }
        bytes.append(quote)
        for byte in field.utf8 {
            bytes.append(byte)
            if byte == quote { bytes.append(quote) }
        }
        bytes.append(quote)
    }
}
