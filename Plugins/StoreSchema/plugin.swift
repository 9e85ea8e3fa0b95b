import Foundation
import PackagePlugin

/// Generates the Swift that schema/store.schema declares, for KithGraph (the model types and the
/// graph image's columns) and KithStore (the JSON reader and writer, the snapshot, validation), as
/// swift-protobuf's plugin does for `.proto` files: the build runs `kith-schema` whenever the
/// schema (or the tool) changed, so editing the schema needs no other step. docs/schema.md.
@main
struct StoreSchema: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        // The file names are kith-schema's (Generator.Target.fileName).
        let (part, file): (String, String)
        switch target.name {
        case "KithGraph": (part, file) = ("graph", "Records.swift")
        case "KithStore": (part, file) = ("store", "StoreRecords.swift")
        case "KithStoreTests": (part, file) = ("samples", "SchemaSamples.swift")
        default: return []
        }
        let schema = context.package.directoryURL.appending(path: "schema/store.schema")
        let output = context.pluginWorkDirectoryURL
        return [.buildCommand(displayName: "Generating \(target.name)'s \(file) from schema/store.schema",
                              executable: try context.tool(named: "kith-schema").url,
                              arguments: ["swift", part, schema.path(percentEncoded: false), output.path(percentEncoded: false)],
                              inputFiles: [schema],
                              outputFiles: [output.appending(path: file)])]
    }
}
