import KithLanguage

extension Catalogue {
    /// The catalogue compiled into Kith from the `intents/` folder: loaded, expanded, checked
    /// and compiled for matching by the build (the IntentCatalogue plugin runs `kith-intents`), so
    /// starting costs only filling the matcher's arrays; the rest is decoded if something asks
    /// for it.
    public static func builtIn() -> Catalogue {
        do {
            return try CompiledIntents.bytes.withUTF8Buffer { bytes in
                Result { () throws(CompiledFormError) in try Catalogue(compiledStatic: bytes) }
            }.get()
        } catch {
            // The build wrote it from the folder it checked; only a damaged build gets here.
            fatalError("the built-in intent catalogue is broken: \(error)")
        }
    }
}
