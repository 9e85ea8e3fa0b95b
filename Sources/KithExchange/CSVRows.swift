/// Reads CSV rows exactly as CSV.swift 2.5's `CSVReader(string:)` did (default options), so the
/// import reads every file, good or broken, as it always has:
///
/// - a field that starts with `"` is quoted: it runs to the next lone `"`, taking in commas and
///   line breaks, and `""` inside it is one quote. After the closing quote a comma ends the field,
///   and a CR, LF or CRLF, or the end of the text, ends the row. Any other character there is
///   dropped and the quote kept: `"ab"cd",x` reads as `ab"d` and `x`;
/// - an unquoted field runs to a comma, CR, LF or CRLF; quotes inside it are plain characters;
/// - a quote never closed runs the field to the end of the text;
/// - a line break after the last row adds no row, but a blank line is a row of one empty field,
///   and a comma at the very end adds an empty field;
/// - rows may have any number of fields, and a byte-order mark is an ordinary character.
///
/// The text is read as UTF-8; every place it is cut is an ASCII byte or a whole character, so
/// fields hold the same Unicode scalars CSV.swift's would.
struct CSVRowReader {
    private let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr: UInt8 = 0x0D, lf: UInt8 = 0x0A
    private let bytes: [UInt8]
    private var position: Int

    init(_ text: String) {
        bytes = Array(text.utf8)
        position = 0
    }

    /// A reader of the same text from the UTF-8 offset `offset`, which must start a line: it
    /// reads what CSV.swift read from the text after that point.
    func restarted(at offset: Int) -> CSVRowReader {
        var reader = self
        reader.position = offset
        return reader
    }

    /// The next row's fields, or nil at the end of the text.
    mutating func next() -> [String]? {
        guard position < bytes.count else { return nil }
        var row: [String] = []
        while true {
            if position == bytes.count {
                row.append("")  // the text ends after a comma
                return row
            }
            let (field, endsRow) = bytes[position] == quote ? readQuoted() : readUnquoted()
            row.append(field)
            if endsRow { return row }
        }
    }

    /// From the field's first byte to past the comma or line break that ends it.
    private mutating func readUnquoted() -> (String, Bool) {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == comma {
                position += 1
                return (String(decoding: bytes[start..<position - 1], as: UTF8.self), false)
            }
            if byte == cr || byte == lf {
                let field = String(decoding: bytes[start..<position], as: UTF8.self)
                skipLineBreak()
                return (field, true)
            }
            position += 1
        }
        return (String(decoding: bytes[start...], as: UTF8.self), true)
    }

    /// From the opening quote to past what follows the closing one.
    private mutating func readQuoted() -> (String, Bool) {
        position += 1
        var field: [UInt8] = []
        var runStart = position
        while position < bytes.count {
            guard bytes[position] == quote else {
                position += 1
                continue
            }
            field += bytes[runStart..<position]
            position += 1
            guard position < bytes.count else { return (String(decoding: field, as: UTF8.self), true) }
            let next = bytes[position]
            if next == cr || next == lf {
                skipLineBreak()
                return (String(decoding: field, as: UTF8.self), true)
            }
            position += 1
            if next == comma { return (String(decoding: field, as: UTF8.self), false) }
            field.append(quote)  // `""` is a quote; a stray quote is kept and the character after it lost
            if next >= 0x80 {
                while position < bytes.count, bytes[position] & 0xC0 == 0x80 { position += 1 }
            }
            runStart = position
        }
        field += bytes[runStart..<position]
        return (String(decoding: field, as: UTF8.self), true)
    }

    /// Past the CR, LF or CRLF at `position`.
    private mutating func skipLineBreak() {
        if bytes[position] == cr, position + 1 < bytes.count, bytes[position + 1] == lf { position += 1 }
        position += 1
    }
}

/// Writes CSV exactly as CSV.swift 2.5's `CSVWriter(stream:newline: .crlf)` did: fields joined
/// by commas, rows by CRLF (none after the last), and a field quoted when it holds a quote,
/// comma, CR or LF, with each quote doubled. Foundation decided what a field "holds" by its
/// non-literal search, so a quote, comma, CR or LF followed by a combining mark
/// (`extendsCharacter`) does not count, and such a quote is not doubled.
struct CSVRowWriter {
    private(set) var bytes: [UInt8] = []
    private var isFirstRow = true

    mutating func write(row fields: some Sequence<String>) {
        var isFirstField = true
        for field in fields {
            if isFirstRow {
                isFirstRow = false
            } else if isFirstField {
                bytes += [0x0D, 0x0A]
            }
            if isFirstField { isFirstField = false } else { bytes.append(UInt8(ascii: ",")) }
            append(field)
        }
    }

    private mutating func append(_ field: String) {
        let scalars = Array(field.unicodeScalars)
        func counts(_ index: Int) -> Bool { TextSearch.endsAtBoundary(scalars, index + 1) }
        let special: Set<Unicode.Scalar> = ["\"", ",", "\r", "\n"]
        guard scalars.indices.contains(where: { special.contains(scalars[$0]) && counts($0) }) else {
            bytes += field.utf8
            return
        }
        bytes.append(UInt8(ascii: "\""))
        for (index, scalar) in scalars.enumerated() {
            bytes += String(scalar).utf8
            if scalar == "\"" && counts(index) { bytes.append(UInt8(ascii: "\"")) }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
