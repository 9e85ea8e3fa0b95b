/// One unfolded content line of an iCalendar file: `ATTENDEE;CN="Lee, Ann";PARTSTAT=ACCEPTED:mailto:ann@x.org`.
///
/// Works on bytes and makes no string until asked: the name is matched against the names Kith
/// reads, and parameters are looked up in place. A 10,000-event calendar is 200,000 lines, so
/// this is most of the reading's time.
struct ICalendarProperty {
    /// The names the reader acts on; everything else is `.other`.
    enum Name: CaseIterable {
        case begin, end
        case uid, dtstart, dtend, duration, recurrenceID, rrule, exrule, exdate, rdate
        case summary, status, transp, sequence, organizer, attendee
        case location, description, url, conference, googleConference, teamsURL, teamsExternalLink, teamsConferenceLink
        case tzid, tzoffsetfrom, tzoffsetto, method
        case other

        var text: String {
            switch self {
            case .begin: "BEGIN"
            case .end: "END"
            case .uid: "UID"
            case .dtstart: "DTSTART"
            case .dtend: "DTEND"
            case .duration: "DURATION"
            case .recurrenceID: "RECURRENCE-ID"
            case .rrule: "RRULE"
            case .exrule: "EXRULE"
            case .exdate: "EXDATE"
            case .rdate: "RDATE"
            case .summary: "SUMMARY"
            case .status: "STATUS"
            case .transp: "TRANSP"
            case .sequence: "SEQUENCE"
            case .organizer: "ORGANIZER"
            case .attendee: "ATTENDEE"
            case .location: "LOCATION"
            case .description: "DESCRIPTION"
            case .url: "URL"
            case .conference: "CONFERENCE"
            case .googleConference: "X-GOOGLE-CONFERENCE"
            case .teamsURL: "X-MICROSOFT-SKYPETEAMSMEETINGURL"
            case .teamsExternalLink: "X-MICROSOFT-ONLINEMEETINGEXTERNALLINK"
            case .teamsConferenceLink: "X-MICROSOFT-ONLINEMEETINGCONFLINK"
            case .tzid: "TZID"
            case .tzoffsetfrom: "TZOFFSETFROM"
            case .tzoffsetto: "TZOFFSETTO"
            case .method: "METHOD"
            case .other: ""
            }
        }

        /// The known names by length, as uppercase bytes.
        static let byLength: [[(bytes: [UInt8], name: Name)]] = {
            var table = [[(bytes: [UInt8], name: Name)]](repeating: [], count: 48)
            for name in allCases where name != .other { table[name.text.utf8.count].append((Array(name.text.utf8), name)) }
            return table
        }()

        /// The name spelled by `bytes`, in any case.
        /// - Complexity: O(n), comparing with the few known names of that length.
        static func of(_ bytes: ArraySlice<UInt8>) -> Name {
            guard bytes.count < byLength.count else { return .other }
            candidates: for candidate in byLength[bytes.count] {
                var index = bytes.startIndex
                for expected in candidate.bytes {
                    if upper(bytes[index]) != expected { continue candidates }
                    index += 1
                }
                return candidate.name
            }
            return .other
        }
    }

    var name: Name
    /// The name as written, for the few uses that need it (none in the hot path).
    var nameBytes: ArraySlice<UInt8>
    /// `;PARAM=VALUE…` up to the colon, still quoted; looked up by `parameter`.
    var parameterBytes: ArraySlice<UInt8>
    /// The raw value, still escaped.
    var value: ArraySlice<UInt8>
    /// The line of the file the property starts on.
    var line: Int

    /// Parses `NAME;PARAM=VALUE:value`, or returns nil when there is no name or no colon.
    init?(_ bytes: ArraySlice<UInt8>, line: Int) {
        var index = bytes.startIndex
        while index < bytes.endIndex, bytes[index] != UInt8(ascii: ";"), bytes[index] != UInt8(ascii: ":") { index += 1 }
        guard index < bytes.endIndex else { return nil }
        // The name: letters, digits and dashes; whitespace around it is a writer's slip.
        var nameStart = bytes.startIndex, nameEnd = index
        while nameStart < nameEnd, bytes[nameStart] == 0x20 || bytes[nameStart] == 0x09 { nameStart += 1 }
        while nameEnd > nameStart, bytes[nameEnd - 1] == 0x20 || bytes[nameEnd - 1] == 0x09 { nameEnd -= 1 }
        guard nameStart < nameEnd else { return nil }
        for byte in bytes[nameStart..<nameEnd] {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"): continue
            default: return nil
            }
        }
        nameBytes = bytes[nameStart..<nameEnd]
        name = Name.of(nameBytes)
        self.line = line
        // Parameters run to the first colon outside quotes.
        let parametersStart = index
        var inQuotes = false
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if byte == UInt8(ascii: ":") && !inQuotes {
                break
            }
            index += 1
        }
        guard index < bytes.endIndex else { return nil }
        parameterBytes = bytes[parametersStart..<index]
        value = bytes[(index + 1)...]
    }

    /// A parameter's value, without quotes (a list like `MEMBER="a","b"` stays as written
    /// between its outer quotes); nil when the property does not have it.
    /// - Complexity: O(p) in the length of the parameters.
    func parameterValue(_ name: String) -> ArraySlice<UInt8>? {
        let wanted = name.utf8
        var index = parameterBytes.startIndex
        while index < parameterBytes.endIndex {
            // At a ";": the name runs to "=".
            index += 1
            let nameStart = index
            while index < parameterBytes.endIndex, parameterBytes[index] != UInt8(ascii: "="), parameterBytes[index] != UInt8(ascii: ";") {
                index += 1
            }
            var nameSlice = parameterBytes[nameStart..<index]
            while let first = nameSlice.first, first == 0x20 || first == 0x09 { nameSlice = nameSlice.dropFirst() }
            while let last = nameSlice.last, last == 0x20 || last == 0x09 { nameSlice = nameSlice.dropLast() }
            let matches = nameSlice.count == wanted.count && zip(nameSlice, wanted).allSatisfy { upper($0) == $1 }
            guard index < parameterBytes.endIndex, parameterBytes[index] == UInt8(ascii: "=") else {
                if matches { return parameterBytes[index..<index] }
                continue
            }
            index += 1
            var valueStart = index
            var inQuotes = false
            while index < parameterBytes.endIndex {
                let byte = parameterBytes[index]
                if byte == UInt8(ascii: "\"") { inQuotes.toggle() } else if byte == UInt8(ascii: ";") && !inQuotes { break }
                index += 1
            }
            if matches {
                var valueEnd = index
                if valueEnd - valueStart >= 2, parameterBytes[valueStart] == UInt8(ascii: "\""),
                   parameterBytes[valueEnd - 1] == UInt8(ascii: "\"") {
                    valueStart += 1
                    valueEnd -= 1
                }
                return parameterBytes[valueStart..<valueEnd]
            }
        }
        return nil
    }

    /// A parameter's value as text, quotes gone and RFC 6868's `^n`, `^'`, `^^` undone.
    func parameter(_ name: String) -> String? {
        guard let bytes = parameterValue(name) else { return nil }
        if !bytes.contains(UInt8(ascii: "\"")) { return Self.caretDecoded(bytes) }
        return Self.caretDecoded(bytes.filter { $0 != UInt8(ascii: "\"") }[...])
    }

    /// Whether a parameter is `value`, in any case (`PARTSTAT=declined`).
    func parameter(_ name: String, is value: String) -> Bool {
        guard let bytes = parameterValue(name) else { return false }
        return Self.equalsIgnoringCase(bytes, value)
    }

    /// The value unescaped as TEXT (RFC 5545 §3.3.11): `\\`, `\;`, `\,` and `\n` undone.
    var text: String { Self.unescaped(value) }

    /// The value as it is written, without unescaping (URIs, dates, rules).
    var raw: String { String(decoding: value, as: UTF8.self) }

    /// Whether the value, spaces around it aside, is `word` in any case (`STATUS:cancelled`).
    func valueIs(_ word: String) -> Bool { Self.equalsIgnoringCase(Self.trimmed(value), word) }

    static func equalsIgnoringCase(_ bytes: ArraySlice<UInt8>, _ word: String) -> Bool {
        bytes.count == word.utf8.count && zip(bytes, word.utf8).allSatisfy { upper($0) == upper($1) }
    }

    static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = bytes
        while let first = slice.first, first == 0x20 || first == 0x09 { slice = slice.dropFirst() }
        while let last = slice.last, last == 0x20 || last == 0x09 { slice = slice.dropLast() }
        return slice
    }

    static func unescaped(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "\\")) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var escaped = false
        for byte in bytes {
            if escaped {
                out.append(byte == UInt8(ascii: "n") || byte == UInt8(ascii: "N") ? 0x0A : byte)
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else {
                out.append(byte)
            }
        }
        if escaped { out.append(UInt8(ascii: "\\")) }
        return String(decoding: out, as: UTF8.self)
    }

    /// RFC 6868: `^n` is a line break, `^'` a double quote, `^^` a caret.
    private static func caretDecoded(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "^")) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "^"), index + 1 < bytes.endIndex {
                switch bytes[index + 1] {
                case UInt8(ascii: "n"), UInt8(ascii: "N"): out.append(0x0A); index += 2; continue
                case UInt8(ascii: "'"): out.append(UInt8(ascii: "\"")); index += 2; continue
                case UInt8(ascii: "^"): out.append(UInt8(ascii: "^")); index += 2; continue
                default: break
                }
            }
            out.append(bytes[index])
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// ASCII uppercase of a byte; other bytes as they are.
@inline(__always) func upper(_ byte: UInt8) -> UInt8 {
    byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 32 : byte
}

/// ASCII lowercase of a byte; other bytes as they are.
@inline(__always) func lower(_ byte: UInt8) -> UInt8 {
    byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
}
