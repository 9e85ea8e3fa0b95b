import Foundation
import PackagePlugin

/// Compiles the `intents/` folder into KithEngine, as swift-protobuf's plugin does for `.proto`
/// files: the build runs `kith-intents` whenever an intent file (or the tool) changed, so editing
/// intents/ needs no other step, and a broken template fails the build with its file, line and
/// column. docs/intents.md, "Why compiled".
@main
struct IntentCatalogue: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard target.name == "KithEngine" else { return [] }
        let folder = context.package.directoryURL.appending(path: "intents")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path(percentEncoded: false))
            .filter { $0.hasSuffix(".intent") }.sorted().map { folder.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL
        return [.buildCommand(displayName: "Compiling intents/ into KithEngine",
                              executable: try context.tool(named: "kith-intents").url,
                              arguments: [folder.path(percentEncoded: false), output.path(percentEncoded: false)],
                              inputFiles: files,
                              outputFiles: [output.appending(path: "CompiledIntents.swift"),
                                            output.appending(path: "IntentNames.swift")])]
    }
}
