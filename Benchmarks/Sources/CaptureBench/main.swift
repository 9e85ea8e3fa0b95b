#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KithCapture
import KithGenerator
import KithTime

// capture-bench: the calendar capture's speed, release build.
//
//   capture-bench [--events N] [--runs N] [--write FILE]
//
// Makes the reference calendar (KithGenerator's ReferenceCalendar: 10,000 events, a fifth of
// them recurring, three years up to 2026-03-10) and reads it as `kith import` will: one
// CalendarReader, the user's offset from localtime_r in Europe/Berlin (what the command line
// will pass), occurrences expanded to two weeks past today. Prints the median of the runs.
// `--write FILE` also saves the calendar, to time another tool on the same file; `--keys FILE`
// saves each trace's day and key, to compare another tool's expansion with.

let arguments = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}
let events = option("--events").flatMap { Int($0) } ?? ReferenceCalendar.Options.standard.events
let runs = option("--runs").flatMap { Int($0) } ?? 7
let calendarOptions = ReferenceCalendar.Options(events: events)
let bytes = ReferenceCalendar.make(calendarOptions)
if let path = option("--write") {
    guard let file = fopen(path, "wb") else { fatalError("cannot write \(path)") }
    _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
    fclose(file)
}

setenv("TZ", "Europe/Berlin", 1)
tzset()
let options = CalendarReader.Options(today: calendarOptions.today, owner: [ReferenceCalendar.owner], localOffset: { utc in
    var time = time_t(utc)
    var parts = tm()
    localtime_r(&time, &parts)
    return Int(parts.tm_gmtoff)
})

/// This process's CPU time, in seconds: on a machine shared with other builds the wall clock
/// also counts the waits for a core.
func cpuTime() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
}

var timings: [Double] = []
var cpuTimings: [Double] = []
var capture: CalendarCapture?
var warnings: [CaptureWarning] = []
let clock = ContinuousClock()
for _ in 0..<runs {
    let start = clock.now
    let cpuStart = cpuTime()
    var reader = CalendarReader(options: options)
    warnings = reader.read(bytes, source: "reference.ics")
    capture = reader.finish()
    let elapsed = clock.now - start
    cpuTimings.append(cpuTime() - cpuStart)
    timings.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
}
if let path = option("--keys") {
    let text = capture!.traces.map { "\($0.date.iso) \($0.key)\n" }.joined()
    guard let file = fopen(path, "wb") else { fatalError("cannot write \(path)") }
    fputs(text, file)
    fclose(file)
}
timings.sort()
cpuTimings.sort()
let median = timings[timings.count / 2]
let traces = capture!.traces
let past = traces.filter { !$0.isFuture }.count
print("reference calendar: \(events) events, \(bytes.count / 1024) KiB, \(warnings.count) warnings")
print("traces: \(traces.count) occurrences (\(past) past, \(traces.count - past) future), \(capture!.skipped.count) skipped")
print("read and expanded in \(Int((median * 1000).rounded())) ms (median of \(runs); best \(Int((timings[0] * 1000).rounded())) ms)"
      + ", \(Int(Double(events) / median)) events/s")
print("CPU time: \(Int((cpuTimings[cpuTimings.count / 2] * 1000).rounded())) ms (median; best \(Int((cpuTimings[0] * 1000).rounded())) ms)")
