#!/bin/sh
# Prints the path of a generated mbox of MESSAGES messages, writing it first if it is not there:
# FILE when given, else $TMPDIR/kith-capture-speed/MESSAGES.mbox, kept for the next run. Written
# by scripts/capture-volume-mbox.py (Python's email and mailbox modules; minutes for 100,000).
# Shared by scripts/capture-speed.sh (the reader alone) and Benchmarks/mail-import.sh (the import).
#
#   scripts/volume-mbox.sh MESSAGES [FILE.mbox]
set -eu
cd "$(dirname "$0")/.."
messages=$1
dir=${TMPDIR:-/tmp}/kith-capture-speed
mkdir -p "$dir"
mbox=${2:-$dir/$messages.mbox}
if [ ! -f "$mbox" ]; then
    echo "writing $mbox ($messages messages) with Python's mailbox module…" >&2
    python3 scripts/capture-volume-mbox.py "$mbox.partial" --messages "$messages"
    mv "$mbox.partial" "$mbox"
fi
echo "$mbox"
