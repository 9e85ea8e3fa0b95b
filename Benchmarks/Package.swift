// swift-tools-version: 6.0
import PackageDescription

// Kith's benchmark suite, a package of its own so the main build and CI stay lean. The Kith
// targets under Sources/ are symbolic links to the main package's, compiled here in release
// mode; `kith-bench` also drives the release `kith` binary and the sqlite3 shell. See
// docs/performance.md, or just run ./run.sh. KithGraph's and KithStore's record code is generated
// from schema/store.schema (a link to the main package's) by the StoreSchema plugin, and
// KithEngine's catalogue from intents/ (a link too) by the IntentCatalogue plugin, as there.
let package = Package(
    name: "KithBenchmarks",
    platforms: [.macOS(.v13)],
    targets: [
        .target(name: "KithTime"),
        .target(name: "KithText"),
        .target(name: "KithLanguage", dependencies: ["KithTime", "KithText"]),
        .target(name: "KithGraph", dependencies: ["KithTime", "KithText"], plugins: ["StoreSchema"]),
        .target(name: "KithEngine", dependencies: ["KithTime", "KithLanguage", "KithGraph"], plugins: ["IntentCatalogue"]),
        .systemLibrary(name: "CLinuxShims", path: "Sources/CLinuxShims"),
        .target(name: "KithStore", dependencies: ["KithGraph", "CLinuxShims"], plugins: ["StoreSchema"]),
        .target(name: "KithSchema"),
        .executableTarget(name: "kith-schema", dependencies: ["KithSchema"]),
        .plugin(name: "StoreSchema", capability: .buildTool(), dependencies: ["kith-schema"]),
        .executableTarget(name: "kith-intents", dependencies: ["KithLanguage"]),
        .plugin(name: "IntentCatalogue", capability: .buildTool(), dependencies: ["kith-intents"]),
        .target(name: "KithGenerator", dependencies: ["KithGraph", "KithTime", "KithText"]),
        .target(name: "KithCapture", dependencies: ["KithTime", "KithText"]),
        // libsqlite3 (Debian's libsqlite3-dev), to time SQLite's queries in process as kith's are.
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
        .executableTarget(name: "kith-bench", dependencies: ["KithEngine", "KithStore", "KithGenerator", "CSQLite"],
                          path: "Sources/KithBench", swiftSettings: [.swiftLanguageMode(.v5)]),
        // The calendar capture (issue 14): `swift run -c release capture-bench`.
        .executableTarget(name: "capture-bench", dependencies: ["KithCapture", "KithGenerator"], path: "Sources/CaptureBench"),
    ]
)
