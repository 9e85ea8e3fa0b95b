#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A pthread mutex (`Synchronization.Mutex` needs macOS 15; the package supports 13).
final class Lock: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    init() {
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func withLock<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body()
    }
}

/// A value made on first use, once, whichever thread asks first; later uses share it.
final class Deferred<Value: Sendable>: @unchecked Sendable {
    private var value: Value?
    private var make: (@Sendable () -> Value)?
    private let lock = Lock()

    init(_ make: @escaping @Sendable () -> Value) {
        self.make = make
    }

    init(value: Value) {
        self.value = value
    }

    var wrapped: Value {
        lock.withLock {
            if let value { return value }
            let made = make!()
            value = made
            make = nil
            return made
        }
    }
}

/// Values made on first use, one per index, each once: for a table whose entries are each
/// needed rarely, but then again and again (a script matches the same few templates).
final class DeferredTable<Value: Sendable>: @unchecked Sendable {
    private var values: [Value?] = []
    private let count: Int
    private let lock = Lock()

    init(count: Int) {
        self.count = count
    }

    func value(at index: Int, make: () -> Value) -> Value {
        lock.withLock {
            if values.isEmpty { values = Array(repeating: nil, count: count) }
            if let value = values[index] { return value }
            let made = make()
            values[index] = made
            return made
        }
    }
}
