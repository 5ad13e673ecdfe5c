#!/usr/bin/env bash
# `npm run bench`: benchmarks, not tests. Each prints its figures against a raw baseline
# measured in the same run: the exactly-once path against raw JetStream, then the console in
# Debian's Chromium (the sign-in route's size, a 3,200-node status tree against plain DOM).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash deploy/scripts/ensure-deps.sh
bash deploy/scripts/ensure-services.sh
bash deploy/scripts/ensure-browser.sh
npx tsc -p tsconfig.build.json
bash deploy/scripts/console-build.sh
node -r ./deploy/runtime/paths.js dist/apps/node/src/bench/bench.js "$@"
node apps/console/bench/console-bench.mjs
