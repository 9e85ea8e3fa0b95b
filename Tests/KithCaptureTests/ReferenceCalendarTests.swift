import KithGenerator
import KithTime
import Testing
@testable import KithCapture

/// The reference calendar the benchmark reads (Benchmarks/Sources/CaptureBench) is read whole:
/// no warning, every occurrence once, in day order, within the window.
@Suite struct ReferenceCalendarTests {
    static let options = ReferenceCalendar.Options(events: 400, seed: 7)
    static let bytes = ReferenceCalendar.make(options)

    @Test func itIsTheSameForTheSameOptions() {
        #expect(ReferenceCalendar.make(Self.options) == Self.bytes)
        #expect(ReferenceCalendar.make(.init(events: 400, seed: 8)) != Self.bytes)
    }

    @Test func itReadsWholeAndEveryOccurrenceOnce() {
        let capture = CalendarReader.read(Self.bytes, source: "reference.ics", options: .init(
            today: Self.options.today, owner: [ReferenceCalendar.owner], localOffset: berlinOffset))
        #expect(capture.warnings == [])
        let traces = capture.traces
        // A fifth of the events repeat: many more occurrences than events.
        #expect(traces.count > 5 * Self.options.events)
        #expect(Set(traces.map(\.key)).count == traces.count)
        #expect(zip(traces, traces.dropFirst()).allSatisfy { $0.date <= $1.date })
        let horizon = Self.options.today.adding(days: 14)
        #expect(traces.allSatisfy { $0.date <= horizon && $0.isFuture == ($0.date >= Self.options.today) })
        #expect(Set(capture.skipped.map(\.reason)) == [.cancelled, .free, .declined])
        #expect(Set(traces.map(\.channel.rawValue)) == ["meeting", "video", "call"])
        #expect(traces.allSatisfy { $0.from != nil })
    }
}
