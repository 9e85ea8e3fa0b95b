import Foundation
import PackagePlugin

/// Rewrites the tables in docs/store-format.md from schema/store.schema:
///
///     swift package --allow-writing-to-package-directory generate-store-docs
///
/// A document is not part of the build, so this is a command; `StoreDocsTests` fails when the
/// tables and the schema disagree.
@main
struct StoreDocs: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "kith-schema")
        let root = context.package.directoryURL
        let process = Process()
        process.executableURL = tool.url
        process.arguments = ["docs", root.appending(path: "schema/store.schema").path(percentEncoded: false),
                             root.appending(path: "docs/store-format.md").path(percentEncoded: false)]
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            Diagnostics.error("kith-schema failed (status \(process.terminationStatus))")
        }
    }
}
