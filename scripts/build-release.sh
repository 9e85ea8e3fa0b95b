#!/usr/bin/env bash
# Builds the kith to install (and the one Benchmarks/run.sh measures), prints its path.
#   --static-swift-stdlib  the Swift runtime linked in: no libswift*.so to load at start.
#   -static-executable     (Linux) everything linked in, the C library and readline too, so
#                          there is no dynamic loader at all: binding libstdc++, libc and
#                          readline cost every start 2.5 million instructions (a third of a
#                          one-shot question) and 170 page faults. The binary runs on any x86-64
#                          Linux. The linker warns that a few C library calls linked in (dlopen,
#                          looking users and groups up by name) need the C library it was
#                          linked against at run time; kith makes none of them: it loads
#                          nothing, and finds home in $HOME.
#   -ltinfo                readline's terminal library, which a static link must name (Debian
#                          and Ubuntu build readline against ncurses' libtinfo).
set -euo pipefail
cd "$(dirname "$0")/.."
flags=(-c release --static-swift-stdlib --scratch-path .build-static --product kith)
if [ "$(uname -s)" = Linux ]; then
    flags+=(-Xswiftc -static-executable -Xlinker -ltinfo)
fi
swift build "${flags[@]}" >&2
echo "$PWD/.build-static/release/kith"
