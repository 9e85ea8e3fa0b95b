import Foundation
import Testing
@testable import KithText

/// The folding table compiled into the binary must be exactly what Foundation's folding is made
/// of now. `KITH_RECORD=1` rewrites it instead (scripts/generate-folding-table.sh does that).
@Suite struct FoldingTableTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Probed once (some seconds: several folds of every scalar) for all the tests that need it.
    static let foundation = Result { try FoundationFoldingTable.probe() }

    @Test func committedFileIsWhatFoundationDoes() throws {
        let source = try Self.foundation.get().source
        let path = Self.root.appendingPathComponent("Sources/KithText/Generated/FoldingTable.swift")
        if ProcessInfo.processInfo.environment["KITH_RECORD"] == "1" {
            try Data(source.utf8).write(to: path, options: .atomic)
            return
        }
        let committed = try String(contentsOf: path, encoding: .utf8)
        #expect(committed == source, "the folding table differs from Foundation's folding: run scripts/generate-folding-table.sh")
    }

    /// The literals the binary carries hold exactly those records.
    @Test func compiledTablesAreWhatFoundationDoes() throws {
        let records = try Self.foundation.get().records
        func bytes(_ table: StaticString) -> [UInt8] { table.withUTF8Buffer { Array($0) } }
        #expect(bytes(FoldingTable.folds) == records.folds.flatMap { $0 })
        #expect(bytes(FoldingTable.expansions) == records.expansions.flatMap { $0 })
        #expect(bytes(FoldingTable.marks) == records.marks.flatMap { $0 })
        #expect(bytes(FoldingTable.decompositions) == records.decompositions.flatMap { $0 })
    }

    /// The lookups read the records back: every fold, every mark's properties, every
    /// decomposition, and nothing for the scalars between them.
    @Test func lookupsReadTheTables() throws {
        let foundation = try Self.foundation.get()
        let folds = Dictionary(uniqueKeysWithValues: foundation.folds.map { ($0.scalar, $0.fold) })
        let decompositions = Dictionary(uniqueKeysWithValues: foundation.decompositions.map { ($0.scalar, $0.fold) })
        var properties: [UInt32: (Bool, UInt32)] = [:]
        for run in foundation.marks {
            for scalar in run.first...run.last { properties[scalar] = (run.extendsGrapheme, run.combiningClass) }
        }
        for scalar in FoundationFoldingTable.allScalars {
            var step: [UInt32] = []
            let found = FoldingTable.appendFold(of: scalar, to: &step)
            if found != (folds[scalar] != nil) || (found && step != folds[scalar]) {
                Issue.record("fold of U+\(hex(scalar)): \(step.map(hex))")
            }
            let (extends, combiningClass) = properties[scalar] ?? (false, 0)
            if FoldingTable.extendsGrapheme(scalar) != extends || FoldingTable.combiningClass(scalar) != combiningClass {
                Issue.record("properties of U+\(hex(scalar))")
            }
            if extends {
                var decomposed: [UInt32] = []
                _ = FoldingTable.appendDecomposition(of: scalar, to: &decomposed)
                if decomposed != decompositions[scalar] ?? [scalar] {
                    Issue.record("decomposition of U+\(hex(scalar)): \(decomposed.map(hex))")
                }
            }
        }
    }
}
