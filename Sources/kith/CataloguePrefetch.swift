import Dispatch
import KithEngine
import KithLanguage

/// The built-in catalogue, decoded on a background thread from the start of the process so that
/// a one-shot question does not wait for it after opening the store.
enum CataloguePrefetch {
    private final class Box: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        var catalogue: Catalogue?
    }

    private static let box = Box()

    static func start() {
        let box = self.box
        DispatchQueue.global(qos: .userInitiated).async {
            let catalogue = Catalogue.builtIn()
            box.catalogue = catalogue
            box.done.signal()
            // Then, while the question is matched, the slot kinds it reads next: decoded on
            // first use, and the first String-keyed dictionary of the process, whose runtime
            // conformance lookup (a third of a million instructions) the match would otherwise
            // make on the main thread.
            _ = catalogue.slotKinds
        }
    }

    /// Waits for the catalogue `start()` began decoding.
    static func builtIn() -> Catalogue {
        box.done.wait()
        box.done.signal()
        return box.catalogue!
    }
}
