#!/usr/bin/env bash
# `npm run bench`: a benchmark, not a test. Prints a ratio against raw JetStream measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash deploy/scripts/ensure-deps.sh
bash deploy/scripts/ensure-services.sh
npx tsc -p tsconfig.build.json
exec node -r ./deploy/runtime/paths.js dist/apps/node/src/bench/bench.js "$@"
