import Foundation
import KithGraph
import Testing
@testable import KithStore

/// Stores that cannot be loaded are reported with the file, line and column, and left alone.
@Suite struct StoreErrorTests {
    @Test func aStrayBraceIsReportedAtItsLineAndColumn() throws {
        try inTemporaryDirectory { dir in
            let path = dir + "/kith.json"
            try write("""
                {
                  "format" : "kith",
                  "journalSeq" : 0,
                  "people" : [
                    { "id" : 1, "name" : },
                  ],
                  "version" : 1
                }

                """, to: path)
            let before = try FileIdentity.of(path)
            let bytes = contents(path)

            let error = #expect(throws: StoreError.self) { try FileStorage(path: path) }
            #expect(error?.line == 5)
            #expect(error?.column == 26)
            #expect(error?.message == "unexpected character '}' (expected a value)")
            #expect(error?.description == """
                \(path):5:26: unexpected character '}' (expected a value)
                    { "id" : 1, "name" : },
                                         ^
                """)
            #expect(try FileIdentity.of(path) == before)
            #expect(contents(path) == bytes)
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["kith.json"])
        }
    }

    @Test func aNewerVersionIsRefused() throws {
        try inTemporaryDirectory { dir in
            let path = dir + "/kith.json"
            let newer = FileStorage.currentVersion + 1
            try write("{\n  \"format\" : \"kith\",\n  \"version\" : \(newer),\n  \"spaceships\" : []\n}\n", to: path)
            let bytes = contents(path)
            let error = #expect(throws: StoreError.self) { try FileStorage(path: path) }
            #expect(error?.line == 3)
            #expect(error?.description.hasPrefix("\(path):3:15: version: this store is version \(newer), newer than") == true)
            #expect(contents(path) == bytes)
        }
    }

    @Test func somethingElseIsNotAStore() throws {
        let error = #expect(throws: StoreError.self) {
            try FileStorage.decodeSnapshot(Data(#"{"format": "vcard", "version": 1}"#.utf8), path: "x.json")
        }
        #expect(error?.field == "format")
        #expect(error?.message == "not a kith store (format is \"vcard\", expected \"kith\")")
    }

    /// Bob, the second person, on line 6 of the snapshot, has one thing wrong.
    @Test(arguments: [
        (#"{ "id" : 2, "name" : "Bob", "birthday" : 1985 }"#, 46, "people[1].birthday", "expected a string, found a number"),
        (#"{ "id" : "2", "name" : "Bob" }"#, 14, "people[1].id", "expected an integer, found a string"),
        (#"{ "id" : 2, "name" : "Bob", "cadenceDays" : 1.5 }"#, 49, "people[1].cadenceDays", "expected an integer, found 1.5"),
        (#"{ "id" : 2, "name" : "Bob", "added" : "2026-13-01" }"#, 43, "people[1].added", #"expected a date like 2026-03-10, found "2026-13-01""#),
        (#"{ "id" : 2, "name" : "Bob", "birthday" : "May 4" }"#, 46, "people[1].birthday", #"expected a birthday like 1985-05-04 or --05-04, found "May 4""#),
        (#"{ "id" : 2, "name" : "Bob", "tags" : "client" }"#, 42, "people[1].tags", "expected an array, found a string"),
        (#"{ "id" : 2, "name" : null }"#, 26, "people[1].name", "expected a string, found null"),
        (#"{ "id" : 2, "name" : "Bob", "notes" : [{ "text" : "hi" }] }"#, 44, "people[1].notes[0]", #"missing field "date""#),
    ])
    func aWrongTypeNamesItsField(bob: String, column: Int, field: String, message: String) throws {
        let text = "{\n  \"format\" : \"kith\",\n  \"version\" : 1,\n  \"people\" : [\n"
            + "    { \"id\" : 1, \"name\" : \"Ann\" },\n    \(bob)\n  ]\n}\n"
        let error = #expect(throws: StoreError.self) {
            try FileStorage.decodeSnapshot(Data(text.utf8), path: "kith.json")
        }
        #expect(error?.field == field)
        #expect(error?.message == message)
        #expect(error?.line == 6)
        #expect(error?.column == column)
    }

    @Test(arguments: [
        ("{\n  \"a\" : tru\n}", 2, 9, "invalid literal (expected true)"),
        ("[1, 2\n", 2, 1, "unexpected end of file (expected ',' or ']')"),
        (#"{"a": "x\q"}"#, 1, 9, #"invalid escape '\q' in a string"#),
        ("[01]", 1, 2, "number with a leading zero"),
        ("[1] x", 1, 5, "unexpected character 'x' after the end of the document"),
        (#"{"a" 1}"#, 1, 6, "unexpected character '1' (expected ':')"),
        ("{\"é\": \"x\n\"}", 1, 9, "line break inside a string (missing '\"'?)"),
        (#"["\ud800"]"#, 1, 3, #"unpaired surrogate in a \u escape"#),
        ("{,}", 1, 2, "unexpected character ',' (expected a string key)"),
        ("\t[\t\"é\", \"unterminated]", 1, 9, "unterminated string"),
        (#"{"a": [1, {"b": 1e5}]}"#, 1, 17, "expected an integer, found 1e5"),
    ])
    func syntaxErrorsArePlaced(text: String, line: Int, column: Int, message: String) throws {
        let bytes = Array(text.utf8)
        let problem = try #require(JSONLocator.firstProblem(in: bytes))
        let error = StoreError(path: "kith.json", message: problem.message, at: problem.offset, in: bytes)
        #expect(error.line == line)
        #expect(error.column == column)
        #expect(error.message == message)
    }

    @Test func whatFoundationAcceptsIsNoProblem() {
        for text in ["[1, 2,]", "{\"a\": 1,}", "\u{FEFF}[\"\\u00e9\\ud83d\\ude00\"]", " -0 ", "{\"a\": [true, false, null, -12]}"] {
            #expect(JSONLocator.firstProblem(in: Array(text.utf8)) == nil, "\(text)")
        }
        let invalidUTF8: [UInt8] = [0x5B, 0x22, 0xFF, 0x22, 0x5D]
        #expect(JSONLocator.firstProblem(in: invalidUTF8)?.message == "invalid UTF-8 in a string")
    }

    @Test func aFractionNamesItsField() throws {
        let problem = try #require(JSONLocator.firstProblem(in: Array(#"{"a": [1, {"b": 1e5}]}"#.utf8)))
        #expect(problem.path.map(JSONLocator.describe) == "a[1].b")
    }

    @Test func longLinesAreShownAroundTheColumn() {
        let line = String(repeating: "a", count: 150) + "}" + String(repeating: "b", count: 150)
        let error = StoreError(path: "j", message: "m", at: 150, in: Array(line.utf8))
        let shown = error.description.split(separator: "\n")
        #expect(shown[0] == "j:1:151: m")
        #expect(shown[1] == "…" + String(repeating: "a", count: 50) + "}" + String(repeating: "b", count: 49) + "…")
        #expect(shown[2] == String(repeating: " ", count: 51) + "^")
    }
}
