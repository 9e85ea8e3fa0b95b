#!/usr/bin/env bash
# Builds the release kith as scripts/build-release.sh installs it and the benchmark runner, then
# runs the suite.
# Usage: Benchmarks/run.sh [small,large] [extra kith-bench options]
set -euo pipefail
cd "$(dirname "$0")/.."
kith=$(scripts/build-release.sh)
cd Benchmarks
swift build -c release
exec .build/release/kith-bench --kith "$kith" --sizes "${1:-small,large}" "${@:2}"
