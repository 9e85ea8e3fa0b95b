#!/usr/bin/env bash
# Regenerates Sources/KithEngine/Generated/CompiledIntents.swift from intents/*.intent: the
# catalogue loaded, expanded and checked, in compiled form, so the built binary understands the
# same sentences from any working directory and starts without parsing templates. intents/ stays
# the source of truth: CompiledIntentsTests fails when the two differ. Run after editing intents/.
set -euo pipefail
cd "$(dirname "$0")/.."
KITH_RECORD=1 swift test --filter CompiledIntentsTests/compiledCopyMatchesTheIntentsFolder
echo "wrote Sources/KithEngine/Generated/CompiledIntents.swift"
