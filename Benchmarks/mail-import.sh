#!/bin/sh
# How long `kith import` takes over a large mailbox, end to end: reading, matching, writing one
# change, and the repeat run that finds nothing new (issue 14's import benchmark).
#
#   Benchmarks/mail-import.sh [MESSAGES] [FILE.mbox]
#
# MESSAGES defaults to 100,000 (about 1 GB). The mbox is written once by
# scripts/capture-volume-mbox.py and kept in $TMPDIR/kith-capture-speed (shared with
# scripts/capture-speed.sh), unless FILE.mbox names one. Runs the release kith that
# scripts/build-release.sh builds, on a fresh store in a temporary folder:
#   1. `kith import --dry-run` (read and match, nothing written);
#   2. `kith import --add-unknown` (every counterpart added as a person, every conversation logged);
#   3. the same import again, which must add nothing;
# and prints wall-clock and CPU seconds (from /usr/bin/time) for each, with the store's size.
set -eu
cd "$(dirname "$0")/.."
messages=${1:-100000}
mbox=$(scripts/volume-mbox.sh "$messages" "${2:-}")
kith=${KITH_BINARY:-$(scripts/build-release.sh)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
store=$work/kith.json
run() {
    label=$1
    shift
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$kith" import --store "$store" --today 2026-03-10 \
        --me me@kith.test "$@" "$mbox" > "$work/out"
    read -r wall user system memory < "$work/time"
    cpu=$(echo "$user + $system" | bc)
    echo "| $label | ${wall} s | ${cpu} s | $((memory / 1024)) MB | $(head -n 1 "$work/out") |"
}
echo "mbox: $mbox, $(du -m "$mbox" | cut -f1) MB, $(grep -c '^From ' "$mbox") From lines"
echo "| run | wall clock | CPU | peak memory | kith says |"
echo "|---|---|---|---|---|"
run "dry run" --dry-run
run "first import, --add-unknown" --add-unknown
run "the same import again" --add-unknown
echo "store: $(du -k "$store" | cut -f1) KB snapshot, $(du -k "$store.journal" 2>/dev/null | cut -f1) KB journal"
