/// The files `kith-schema` writes for each target that declares the schema's types.
public enum Generator {
    public enum Target: String, CaseIterable, Sendable {
        /// KithGraph: the model types and the graph image's columns.
        case graph
        /// KithStore: the JSON reader and writer, the snapshot and its validation.
        case store
        /// KithStoreTests: sample records with every field set.
        case samples
    }

    /// The Swift generated for `target`.
    public static func swift(for target: Target, schema: Schema) -> String {
        switch target {
        case .graph: ModelEmitter(schema: schema).emit() + "\n" + ImageEmitter(schema: schema).emit()
        case .store: StoreEmitter(schema: schema).emit()
        case .samples: SamplesEmitter(schema: schema).emit()
        }
    }

    /// The generated part of docs/store-format.md.
    public static func docs(schema: Schema) -> String { DocsEmitter(schema: schema).emit() }

    /// `document` (the text of docs/store-format.md) with its generated part made from `schema`;
    /// nil when it has no generated part.
    public static func docs(replacingIn document: String, schema: Schema) -> String? {
        DocsEmitter(schema: schema).replacingGeneratedPart(of: document)
    }
}

/// The lines that bracket the generated part of a document.
public enum DocsEmitterMarkers {
    public static let begin = DocsEmitter.begin
    public static let end = DocsEmitter.end
}

extension Generator.Target {
    /// The name of the Swift file generated for the target (the StoreSchema plugin names it too).
    public var fileName: String {
        switch self {
        case .graph: "Records.swift"
        case .store: "StoreRecords.swift"
        case .samples: "SchemaSamples.swift"
        }
    }
}
