import Foundation

/// `fold` as it was before KithText dropped Foundation, and still the reference: what keys in
/// existing images were folded with.
func foundationFold(_ text: String) -> String {
    let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        .replacingOccurrences(of: "’", with: "'")
    return folded.split(whereSeparator: \.isWhitespace).joined(separator: " ")
}

/// Foundation's folding of the given scalars, as scalars (String's `==` would call canonically
/// equivalent results equal).
func foundationFolding(_ scalars: [UInt32]) -> [UInt32] {
    text(scalars).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        .unicodeScalars.map(\.value)
}

/// Foundation's folding of each of `probes` (none holding NUL), many to a call: CF ends a step
/// at NUL and starts afresh after it, so each probe folds as it would alone.
func foundationFoldings(_ probes: [[UInt32]]) -> [[UInt32]] {
    var folded: [[UInt32]] = []
    folded.reserveCapacity(probes.count)
    for start in stride(from: 0, to: probes.count, by: 1024) {
        let chunk = probes[start..<min(start + 1024, probes.count)]
        let results = foundationFolding(Array(chunk.joined(separator: [0])))
            .split(separator: 0, omittingEmptySubsequences: false)
        precondition(results.count == chunk.count)
        folded += results.map(Array.init)
    }
    return folded
}

func text(_ scalars: [UInt32]) -> String {
    String(String.UnicodeScalarView(scalars.map { Unicode.Scalar($0)! }))
}

func scalars(_ text: String) -> [UInt32] {
    text.unicodeScalars.map(\.value)
}

/// What Generated/FoldingTable.swift holds, found by asking Foundation about every scalar, and
/// the Swift source of that file (scripts/generate-folding-table.sh writes it).
///
/// Foundation on Linux folds with CoreFoundation's own Unicode tables, older than the standard
/// library's and not the same (its grapheme-extending marks include the emoji skin tones and
/// leave out some spacing marks), so everything here comes from folding probes, not from
/// `Unicode.Scalar.Properties`; the probes assume the steps that `foldUnicode` describes and
/// throw when Foundation does something else.
struct FoundationFoldingTable: Equatable, Sendable {
    struct Fold: Equatable, Sendable {
        var scalar: UInt32
        var fold: [UInt32]
    }

    struct Marks: Equatable, Sendable {
        var first: UInt32
        var last: UInt32
        var extendsGrapheme: Bool
        var combiningClass: UInt32
    }

    struct Surprise: Error, CustomStringConvertible {
        var description: String
    }

    /// Scalars whose fold on their own is not themselves.
    var folds: [Fold] = []
    /// Runs of scalars that extend a grapheme or have a combining class, or both.
    var marks: [Marks] = []
    /// The grapheme-extending marks that decompose, and what into.
    var decompositions: [Fold] = []

    static var allScalars: some Sequence<UInt32> {
        (UInt32(1)...0x10FFFF).lazy.filter { !(0xD800...0xDFFF).contains($0) }
    }

    /// A base that is unchanged by folding and keeps the marks after it (Thai ko kai), and a
    /// mark above U+050F that does not decompose and has class 0 (combining enclosing circle).
    static let base: UInt32 = 0x0E01, keptMark: UInt32 = 0x20DD

    static func probe() throws -> FoundationFoldingTable {
        var table = FoundationFoldingTable()
        var extending: [UInt32] = []
        var sortingBases: [UInt32] = []
        let all = Array(allScalars)
        for chunk in stride(from: 0, to: all.count, by: 4096).map({ all[$0..<min($0 + 4096, all.count)] }) {
            let alone = foundationFoldings(chunk.map { [$0] })
            let afterLetter = foundationFoldings(chunk.map { [0x41, $0] })
            let beforeKeptMark = foundationFoldings(chunk.map { [$0, keptMark] })
            let beforeAcute = foundationFoldings(chunk.map { [$0, 0x301] })
            for (offset, scalar) in chunk.enumerated() {
                let alone = alone[offset], changed = alone != [scalar]
                if changed { table.folds.append(Fold(scalar: scalar, fold: alone)) }
                if afterLetter[offset] == [0x61] { extending.append(scalar) }
                // Whether marks after it stay depends on what it folds to, not on the scalar.
                let keepsMarks = beforeKeptMark[offset].contains(keptMark)
                if keepsMarks != ((changed ? alone.last! : scalar) >= 0x510) {
                    throw Surprise(description: "U+\(hex(scalar)) keeps marks: \(keepsMarks)")
                }
                if keepsMarks && beforeKeptMark[offset].first == keptMark {
                    // A base the combining-class sort moves marks ahead of.
                    if changed { throw Surprise(description: "U+\(hex(scalar)) folds to a scalar with a class") }
                    sortingBases.append(scalar)
                }
                // An unchanged base drops a first mark below U+0510; a changed one keeps it.
                if keepsMarks && beforeAcute[offset].contains(0x301) != changed {
                    throw Surprise(description: "U+\(hex(scalar)) treats a first U+0301 unexpectedly")
                }
            }
        }
        var plainMarks: [UInt32] = []
        for (mark, folded) in zip(extending, foundationFoldings(extending.map { [base, keptMark, $0] })) {
            if folded == [base, keptMark, mark] {
                plainMarks.append(mark)
            } else {
                let decomposition = Array(folded.dropFirst(2))
                if folded.prefix(2) != [base, keptMark] || decomposition.count > 2 {
                    throw Surprise(description: "U+\(hex(mark)) decomposes to \(folded.map(hex))")
                }
                table.decompositions.append(Fold(scalar: mark, fold: decomposition))
            }
        }
        let classes = try combiningClasses(plainMarks: plainMarks, sortingBases: sortingBases)
        let extendingSet = Set(extending)
        for scalar in extendingSet.union(classes.keys).sorted() {
            let extends = extendingSet.contains(scalar), combiningClass = classes[scalar] ?? 0
            if let last = table.marks.last, last.last + 1 == scalar, last.extendsGrapheme == extends,
               last.combiningClass == combiningClass {
                table.marks[table.marks.count - 1].last = scalar
            } else {
                table.marks.append(Marks(first: scalar, last: scalar, extendsGrapheme: extends,
                                         combiningClass: combiningClass))
            }
        }
        return table
    }

    /// CF's combining classes, which decide only an order, found by sorting pairs of marks
    /// after a base; the classes are named by the standard library's numbers for one mark of
    /// each (the order of those is checked).
    private static func combiningClasses(plainMarks: [UInt32], sortingBases: [UInt32]) throws -> [UInt32: UInt32] {
        func libraryClass(_ scalar: UInt32) -> UInt32 {
            UInt32(Unicode.Scalar(scalar)!.properties.canonicalCombiningClass.rawValue)
        }
        var representatives: [UInt32: UInt32] = [:]
        for mark in plainMarks where libraryClass(mark) != 0 && representatives[libraryClass(mark)] == nil {
            representatives[libraryClass(mark)] = mark
        }
        let named = representatives.sorted { $0.key < $1.key }
        /// For each representative, whether Foundation's sort puts `later` ahead of it when it
        /// comes first, and whether it goes ahead of `later` when that comes first.
        func comparisons(_ later: UInt32) -> [(movesAhead: Bool, fallsBehind: Bool)] {
            let folded = foundationFoldings(named.flatMap { _, earlier in
                [[base, keptMark, earlier, later], [base, keptMark, later, earlier]]
            })
            return named.indices.map { index in
                let earlier = named[index].value
                return (folded[2 * index] == [base, keptMark, later, earlier],
                        folded[2 * index + 1] == [base, keptMark, earlier, later])
            }
        }
        for (index, (lower, higher)) in zip(named, named.dropFirst()).enumerated() {
            let order = comparisons(lower.value)[index + 1]
            if !order.movesAhead || order.fallsBehind {
                throw Surprise(description: "classes \(lower.key) and \(higher.key) are not ordered")
            }
        }
        var classes: [UInt32: UInt32] = [:]
        for mark in plainMarks {
            let order = comparisons(mark)
            var found: UInt32? = order.allSatisfy(\.movesAhead) ? 0 : nil
            for (index, (name, representative)) in named.enumerated()
            where representative == mark || (!order[index].movesAhead && !order[index].fallsBehind) {
                found = name
            }
            guard let found else { throw Surprise(description: "U+\(hex(mark)) has a class of its own") }
            if found != 0 { classes[mark] = found }
        }
        // Any other base is only ever compared with the marks after it: name its class by the
        // lowest it does not sort after.
        let plainMarks = Set(plainMarks)
        for scalar in sortingBases where !plainMarks.contains(scalar) {
            let folded = foundationFoldings(named.map { [scalar, keptMark, $0.value] })
            guard let index = named.indices.first(where: { index in
                folded[index].firstIndex(of: scalar)! < folded[index].firstIndex(of: named[index].value)!
            }) else { throw Surprise(description: "U+\(hex(scalar)) sorts after every mark") }
            classes[scalar] = named[index].key
        }
        return classes
    }

    // MARK: - The generated file

    /// Numbers as three bytes of seven bits, high first (see `FoldingTable` in Folding.swift).
    static func digits(_ number: UInt32) -> [UInt8] {
        precondition(number < 1 << 21)
        return [UInt8(number >> 14), UInt8(number >> 7 & 0x7F), UInt8(number & 0x7F)]
    }

    /// The bytes of each table, one array per record.
    var records: (folds: [[UInt8]], expansions: [[UInt8]], marks: [[UInt8]], decompositions: [[UInt8]]) {
        var folds: [[UInt8]] = [], expansions: [[UInt8]] = []
        for fold in self.folds {
            if fold.fold.count == 1 {
                folds.append(Self.digits(fold.scalar) + Self.digits(fold.fold[0]))
            } else {
                precondition(fold.fold.count <= 3)
                folds.append(Self.digits(fold.scalar) + Self.digits(0x110000 + UInt32(expansions.count)))
                expansions.append((fold.fold + [0, 0]).prefix(3).flatMap(Self.digits))
            }
        }
        let marks = self.marks.map { run in
            let properties = run.combiningClass << 1 | (run.extendsGrapheme ? 1 : 0)
            return Self.digits(run.first) + Self.digits(run.last)
                + [UInt8(properties >> 7), UInt8(properties & 0x7F)]
        }
        let decompositions = self.decompositions.map {
            Self.digits($0.scalar) + ($0.fold + [0]).prefix(2).flatMap(Self.digits)
        }
        return (folds, expansions, marks, decompositions)
    }

    /// The whole of Sources/KithText/Generated/FoldingTable.swift.
    var source: String {
        let records = self.records
        func literal(_ name: String, _ comment: String, _ records: [[UInt8]]) -> String {
            let lines = records.enumerated().map { index, record in
                Self.escaped(record, last: index == records.count - 1)
            }
            return """
                    /// \(comment)
                    static let \(name): StaticString = \"\"\"
                        \(lines.joined(separator: "\\\n        "))
                        \"\"\"
                """
        }
        return """
            // Generated by scripts/generate-folding-table.sh from what Foundation's folding does.
            // Do not edit: rerun it (FoldingTableTests fails when this differs from Foundation).
            // Numbers are three bytes of seven bits, high first; one record a line.

            enum FoldingTable {
            \(literal("folds", "Scalar, fold: the fold itself, or 0x110000 + the index of its expansion.", records.folds))

            \(literal("expansions", "Folds of more than one scalar: three scalars, 0 for none.", records.expansions))

            \(literal("marks", "First, last, class * 2 + (1 if grapheme-extending) in two bytes.", records.marks))

            \(literal("decompositions", "Grapheme-extending mark, its decomposition: two scalars, 0 for none.",
                      records.decompositions))
            }

            """
    }

    /// A record in a multi-line string literal: quotes, backslashes and control bytes escaped,
    /// and a space that would end the literal too.
    static func escaped(_ record: [UInt8], last: Bool) -> String {
        var text = ""
        for (index, byte) in record.enumerated() {
            switch byte {
            case UInt8(ascii: "\\"): text += #"\\"#
            case UInt8(ascii: "\""): text += #"\""#
            case UInt8(ascii: " ") where last && index == record.count - 1: text += #"\u{20}"#
            case 0..<0x20, 0x7F: text += "\\u{\(String(byte, radix: 16, uppercase: true))}"
            default: text.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return text
    }
}

func hex(_ scalar: UInt32) -> String {
    String(scalar, radix: 16, uppercase: true)
}
