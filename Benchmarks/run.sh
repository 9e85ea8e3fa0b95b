#!/usr/bin/env bash
# Builds the release kith (static Swift runtime) and the benchmark runner, then runs the suite.
# Usage: Benchmarks/run.sh [small,large] [extra kith-bench options]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --static-swift-stdlib --scratch-path .build-static
cd Benchmarks
swift build -c release
exec .build/release/kith-bench --kith ../.build-static/release/kith --sizes "${1:-small,large}" "${@:2}"
