#!/bin/sh
# How fast KithCapture reads mail, in a release build: messages per second over a generated mbox.
#
#   scripts/capture-speed.sh [MESSAGES] [FILE.mbox]
#
# MESSAGES defaults to 100,000 (about 1.3 GB); the mbox is written once by
# scripts/capture-volume-mbox.py (Python's email and mailbox modules; minutes for 100,000) and kept
# in $TMPDIR/kith-capture-speed for the next run, unless FILE.mbox names one to read instead. The
# figures are the parse alone (no store, no matching): the best of three reads of the file, already
# in memory, in wall-clock time and in CPU time (which a machine busy with other work changes less).
# The import's own benchmark, with matching and the store, belongs in Benchmarks/.
set -eu
cd "$(dirname "$0")/.."
messages=${1:-100000}
mbox=$(scripts/volume-mbox.sh "$messages" "${2:-}")
dir=${TMPDIR:-/tmp}/kith-capture-speed
swift build -c release --target KithCapture >&2
cat > "$dir/main.swift" <<'SWIFT'
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import FoundationEssentials
import KithCapture

/// Seconds of CPU this process has used: on a machine shared with other builds, wall-clock time
/// says more about the others than about the reader.
func cpuSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

let data = try Data(contentsOf: URL(fileURLWithPath: CommandLine.arguments[1]))
var bestWall = Double.infinity
var bestCPU = Double.infinity
var result = CaptureResult(format: .mbox)
for _ in 0..<3 {
    let start = ContinuousClock.now
    let cpu = cpuSeconds()
    result = MailReader.mbox(data)
    bestCPU = min(bestCPU, cpuSeconds() - cpu)
    let wall = ContinuousClock.now - start
    bestWall = min(bestWall, Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18)
}
let messages = result.traces.count + result.warnings.count
func rate(_ seconds: Double) -> String {
    "\((seconds * 100).rounded() / 100) s, \(Int(Double(messages) / seconds)) messages/s, \(Int(Double(data.count) / seconds / 1e6)) MB/s"
}
print("\(messages) messages (\(result.warnings.count) warned about), \(data.count / 1_000_000) MB")
print("wall clock: \(rate(bestWall))")
print("CPU time:   \(rate(bestCPU))")
SWIFT
build=.build/release
swiftc -O -I "$build/Modules" "$dir/main.swift" "$build"/KithCapture.build/*.o "$build"/KithTime.build/*.o -o "$dir/driver"
"$dir/driver" "$mbox"
