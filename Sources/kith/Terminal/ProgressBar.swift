#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// A one-line progress bar on stderr, for work that takes more than a moment: it stays hidden
/// for the first half second (a small import never flickers one) and when stderr is not a
/// terminal (a script's output stays clean).
final class ProgressBar {
    private let label: String
    private let enabled: Bool
    private let start = DispatchTime.now()
    private var shownPercent: Int?
    private var visible = false

    static let delay: UInt64 = 500_000_000  // nanoseconds
    static let width = 30

    init(label: String, enabled: Bool) {
        self.label = label
        self.enabled = enabled
    }

    /// Shows `fraction` (0…1) of the work done.
    func update(_ fraction: Double) {
        guard enabled, DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds > Self.delay else { return }
        let percent = Int((min(max(fraction, 0), 1) * 100).rounded(.down))
        guard percent != shownPercent else { return }
        shownPercent = percent
        let filled = percent * Self.width / 100
        draw("\(label) [" + String(repeating: "#", count: filled) + String(repeating: " ", count: Self.width - filled)
             + "] \(percent)%")
    }

    /// Replaces the bar with a message ("Saving…") when the bar is showing.
    func status(_ text: String) {
        if visible { draw(text) }
    }

    /// Clears the line, leaving the terminal as it was.
    func finish() {
        if visible { Platform.writeAll("\r\u{1B}[K", to: STDERR_FILENO) }
        visible = false
    }

    private func draw(_ text: String) {
        visible = true
        Platform.writeAll("\r\u{1B}[K\(text)", to: STDERR_FILENO)
    }
}
