#!/usr/bin/env bash
# Regenerates Sources/KithText/Generated/FoldingTable.swift from Foundation's own folding, which
# KithText's `fold` reproduces without linking Foundation: every scalar is folded by Foundation
# alone and in the contexts that tell its marks and their order (FoundationFoldingTable in
# Tests/KithTextTests). FoldingTableTests fails when the file differs from what Foundation does,
# for instance after a toolchain update: run this, then the KithTextTests, and read the diff —
# folded keys are stored in images, so a table that changes also needs the image layout's
# version raised (`Layout.version` in Sources/KithGraph), which has every old image rebuilt.
set -euo pipefail
cd "$(dirname "$0")/.."
KITH_RECORD=1 swift test --filter FoldingTableTests/committedFileIsWhatFoundationDoes
echo "wrote Sources/KithText/Generated/FoldingTable.swift"
