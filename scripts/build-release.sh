#!/usr/bin/env bash
# Builds the kith to install (and the one Benchmarks/run.sh measures), prints its path.
#   --static-swift-stdlib  the Swift runtime and Foundation linked in: no libswift*.so to load at
#                          start, and the binary runs on machines without a Swift toolchain
#                          (it still needs libreadline, as the REPL does).
#   -no-pie (Linux)        position-dependent: relocating a position-independent kith (76,000
#                          relocations) at every start cost about 3 ms, most of a one-shot
#                          question. Only with the runtime linked in: against libswiftCore.so
#                          the loader warns about protected symbols.
set -euo pipefail
cd "$(dirname "$0")/.."
flags=(-c release --static-swift-stdlib --scratch-path .build-static --product kith)
if [ "$(uname -s)" = Linux ]; then
    flags+=(-Xswiftc -Xclang-linker -Xswiftc -no-pie)
fi
swift build "${flags[@]}" >&2
echo "$PWD/.build-static/release/kith"
