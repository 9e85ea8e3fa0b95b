// swift-tools-version: 6.2
import PackageDescription

// Layers, lowest first: KithTime and KithText → KithLanguage → KithGraph → KithEngine; KithStore puts a
// graph on disk; KithGenerator makes the reference stores the benchmarks use; KithCapture reads the
// traces conversations leave (mail, chats, calendars) into values; `kith` is the only target that
// touches the terminal, the clock or argv.
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
        .target(name: "KithGraph", dependencies: ["KithTime", "KithText"]),
        .target(name: "KithEngine", dependencies: ["KithTime", "KithLanguage", "KithGraph"]),
        .systemLibrary(name: "CLinuxShims", path: "Sources/CLinuxShims"),
        .target(name: "KithStore", dependencies: ["KithGraph", "CLinuxShims"]),
        .target(name: "KithGenerator", dependencies: ["KithGraph", "KithTime", "KithText"]),
        .target(name: "KithExchange", dependencies: ["KithGraph", "KithTime", "KithText", "KithStore"]),
        // Pure parsing only: bytes in, `Trace`s out; no store, no files, no clock (docs/capture.md).
        .target(name: "KithCapture", dependencies: ["KithTime", "KithText"]),
        .systemLibrary(name: "CReadline", path: "Sources/CReadline"),
        .executableTarget(
            name: "kith",
            dependencies: [
                "KithEngine", "KithStore", "KithGenerator", "KithExchange", "CReadline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ]
        ),
        .testTarget(name: "KithTimeTests", dependencies: ["KithTime"], exclude: ["DateParserCases.txt"]),
        .testTarget(name: "KithTextTests", dependencies: ["KithText"]),
        .testTarget(name: "KithLanguageTests", dependencies: ["KithLanguage"]),
        .testTarget(name: "KithGraphTests", dependencies: ["KithGraph", "KithText"]),
        .testTarget(name: "KithEngineTests", dependencies: ["KithEngine"], exclude: ["Corpus"]),
        .testTarget(name: "KithStoreTests", dependencies: ["KithStore", "KithEngine", "KithText"]),
        .testTarget(name: "KithGeneratorTests", dependencies: ["KithGenerator", "KithStore"]),
        .testTarget(name: "KithExchangeTests", dependencies: ["KithExchange", "KithEngine", "KithStore"],
                    exclude: ["Fixtures"]),
        // KithExchange is here only to check that its contacts detector and KithCapture's never claim
        // each other's files.
        .testTarget(name: "KithCaptureTests", dependencies: ["KithCapture", "KithExchange"], exclude: ["Fixtures"]),
        .testTarget(name: "KithCLITests", dependencies: ["KithEngine"], exclude: ["Transcripts", "Fixtures"]),
        .testTarget(name: "KithCommandTests", dependencies: ["kith"]),
    ]
)
