// kith-schema: reads schema/store.schema and writes the Swift it declares (docs/schema.md). The
// StoreSchema build-tool plugin runs it for KithGraph and KithStore on every build that needs it;
// the StoreDocs command plugin runs it to rewrite the tables in docs/store-format.md.
//
//   kith-schema swift graph|store SCHEMA OUTPUT_DIRECTORY
//   kith-schema docs SCHEMA DOCUMENT        rewrites the generated part of DOCUMENT
//   kith-schema check-docs SCHEMA DOCUMENT  exit status 1 when DOCUMENT's generated part is stale
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials
import KithSchema

func fail(_ message: String, status: Int32 = 2) -> Never {
    let bytes = Array((message + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(status)
}

func read(_ path: String) -> String {
    guard let data = FileManager.default.contents(atPath: path) else { fail("kith-schema: cannot read \(path)") }
    return String(decoding: data, as: UTF8.self)
}

/// Writes `text` to `path` unless it already holds exactly that (so the build sees no change).
func write(_ text: String, to path: String) {
    if FileManager.default.contents(atPath: path).map({ String(decoding: $0, as: UTF8.self) }) == text { return }
    do {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
        fail("kith-schema: cannot write \(path): \(error)")
    }
}

func schema(at path: String) -> Schema {
    do {
        return try Schema.parse(read(path), file: path)
    } catch {
        // file:line:column: error: …, as compilers say it, so the build shows it at the line.
        fail(error.description, status: 1)
    }
}

let arguments = CommandLine.arguments.dropFirst()
switch (arguments.first, arguments.count) {
case ("swift"?, 4):
    let parts = Array(arguments)
    guard let target = Generator.Target(rawValue: parts[1]) else { fail("kith-schema: no target \(parts[1]) (graph or store)") }
    let schema = schema(at: parts[2])
    write(Generator.swift(for: target, schema: schema), to: parts[3] + "/" + target.fileName)
case ("docs"?, 3), ("check-docs"?, 3):
    let parts = Array(arguments)
    let schema = schema(at: parts[1])
    let document = read(parts[2])
    guard let updated = Generator.docs(replacingIn: document, schema: schema) else {
        fail("kith-schema: \(parts[2]) has no generated part (\(DocsEmitterMarkers.begin))")
    }
    if parts[0] == "docs" {
        write(updated, to: parts[2])
    } else if updated != document {
        fail("kith-schema: \(parts[2]) is out of date with \(parts[1])", status: 1)
    }
default:
    fail("""
        usage: kith-schema swift graph|store SCHEMA OUTPUT_DIRECTORY
               kith-schema docs SCHEMA DOCUMENT
               kith-schema check-docs SCHEMA DOCUMENT
        """)
}
