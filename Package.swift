// swift-tools-version: 6.2
import PackageDescription

// Layers, lowest first: KithTime and KithText → KithLanguage → KithGraph → KithEngine; KithStore puts a
// graph on disk; KithGenerator makes the reference stores the benchmarks use; KithCapture reads the
// traces conversations leave (mail, chats, calendars) into values; `kith` is the only target that
// touches the terminal, the clock or argv. KithGraph's and KithStore's record types, JSON and image
// columns are generated from schema/store.schema by kith-schema, which the StoreSchema plugin runs
// as part of the build (docs/schema.md).
let package = Package(
    name: "Kith",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kith", targets: ["kith"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        // Without its default trait, SubprocessFoundation, which would link Foundation into kith.
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2", traits: []),
    ],
    targets: [
        .target(name: "KithTime"),
        .target(name: "KithText"),
        .target(name: "KithLanguage", dependencies: ["KithTime", "KithText"]),
        .target(name: "KithGraph", dependencies: ["KithTime", "KithText"], plugins: ["StoreSchema"]),
        .target(name: "KithEngine", dependencies: ["KithTime", "KithLanguage", "KithGraph"], plugins: ["IntentCatalogue"]),
        .systemLibrary(name: "CLinuxShims", path: "Sources/CLinuxShims"),
        .target(name: "KithStore", dependencies: ["KithGraph", "CLinuxShims"], plugins: ["StoreSchema"]),
        .target(name: "KithGenerator", dependencies: ["KithGraph", "KithTime", "KithText"]),
        .target(name: "KithExchange", dependencies: ["KithGraph", "KithTime", "KithText", "KithStore", "KithCapture"]),
        // Pure parsing only: bytes in, `Trace`s out; no store, no files, no clock (docs/capture.md).
        .target(name: "KithCapture", dependencies: ["KithTime", "KithText"]),
        .systemLibrary(name: "CReadline", path: "Sources/CReadline"),
        // The store's schema language and the Swift and docs made from it; the tool the plugins run.
        .target(name: "KithSchema"),
        .executableTarget(name: "kith-schema", dependencies: ["KithSchema"]),
        // The intents/ folder, loaded, checked and compiled into KithEngine by the build.
        .executableTarget(name: "kith-intents", dependencies: ["KithLanguage"]),
        .plugin(name: "IntentCatalogue", capability: .buildTool(), dependencies: ["kith-intents"]),
        .plugin(name: "StoreSchema", capability: .buildTool(), dependencies: ["kith-schema"]),
        .plugin(name: "StoreDocs",
                capability: .command(intent: .custom(verb: "generate-store-docs",
                                                     description: "Rewrite docs/store-format.md's tables from schema/store.schema"),
                                     permissions: [.writeToPackageDirectory(reason: "docs/store-format.md describes the schema")]),
                dependencies: ["kith-schema"]),
        .executableTarget(
            name: "kith",
            dependencies: [
                "KithEngine", "KithStore", "KithGenerator", "KithExchange", "KithCapture", "CReadline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ]
        ),
        .testTarget(name: "KithSchemaTests", dependencies: ["KithSchema"]),
        .testTarget(name: "KithTimeTests", dependencies: ["KithTime"], exclude: ["DateParserCases.txt"]),
        .testTarget(name: "KithTextTests", dependencies: ["KithText"]),
        .testTarget(name: "KithLanguageTests", dependencies: ["KithLanguage", "KithTime", "KithText"]),
        // Each test target names every module it imports: a build recompiles a target when a module
        // it depends on directly changes its interface, so one that imported KithGraph only through
        // KithEngine kept calling the old initialisers after a field was added to the schema.
        .testTarget(name: "KithGraphTests", dependencies: ["KithGraph", "KithText", "KithTime"]),
        .testTarget(name: "KithEngineTests", dependencies: ["KithEngine", "KithGraph", "KithLanguage", "KithText", "KithTime"],
                    exclude: ["Corpus"]),
        // Its SchemaSamples.swift, records with every field set, is generated from the schema too.
        .testTarget(name: "KithStoreTests", dependencies: ["KithStore", "KithEngine", "KithGraph", "KithText", "KithTime"],
                    plugins: ["StoreSchema"]),
        .testTarget(name: "KithGeneratorTests", dependencies: ["KithGenerator", "KithStore", "KithGraph", "KithTime"]),
        .testTarget(name: "KithExchangeTests", dependencies: ["KithExchange", "KithCapture", "KithEngine", "KithStore", "KithGraph", "KithText", "KithTime"],
                    exclude: ["Fixtures"]),
        // KithExchange is here only to check that its contacts detector and KithCapture's never claim
        // each other's files.
        .testTarget(name: "KithCaptureTests", dependencies: ["KithCapture", "KithExchange", "KithTime", "KithText"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "KithCLITests", dependencies: ["KithEngine", "KithGraph", "KithLanguage", "KithText"],
                    exclude: ["Transcripts", "Fixtures"]),
        .testTarget(name: "KithCommandTests", dependencies: ["kith"]),
    ]
)
