import KithLanguage

extension Catalogue {
    /// The catalogue compiled into Kith from the `intents/` folder (see scripts/embed-intents.sh).
    public static func builtIn() -> Catalogue {
        do {
            return try Catalogue.load(files: EmbeddedIntents.files)
        } catch {
            // The test suite loads the same files, so this is a build that skipped the tests.
            fatalError("the built-in intent catalogue is broken:\n\(error)")
        }
    }
}
