#!/usr/bin/env bash
# The long form of the robustness tests (Tests/KithCLITests/Robustness): about a thousand
# SIGKILLed writers, thousands of concurrent writes, a hundred thousand fuzzed lines, every
# template filled with junk many times over. `swift test` runs a short form of the same tests.
#
#   scripts/stress.sh                      # everything, with the default seed
#   KITH_STRESS_SEED=7 scripts/stress.sh   # another seed (random choices and workloads)
#   scripts/stress.sh CrashTests           # one suite (a `swift test --filter` pattern)
#
# Counts can be set one by one: KITH_STRESS_CRASH_TRIALS, KITH_STRESS_LOCKSTEP_STEPS,
# KITH_STRESS_WRITES_PER_WRITER, KITH_STRESS_FUZZ_LINES, KITH_STRESS_TEMPLATE_FILLS,
# KITH_STRESS_STDIN_LINES. Each suite prints a "kith-stress:" line with what it did.
set -euo pipefail
cd "$(dirname "$0")/.."

filter="${1:-CrashTests|ConcurrencyTests|HostileInputTests|BrokenStoreTests|TornWriteTests|StoreValidationTests|ScriptTests|PrivacyTests}"
log="${TMPDIR:-/tmp}/kith-stress-$$.log"
swift build --build-tests
status=0
KITH_STRESS=1 swift test --skip-build --filter "$filter" > "$log" 2>&1 || status=$?
grep -E "✘|^kith-stress:" "$log" || true
tail -n 1 "$log"
echo "full log: $log"
exit "$status"
