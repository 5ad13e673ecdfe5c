#!/usr/bin/env bash
# `npm run simulate`: the national tree on this machine (docs/architecture.md, "The whole
# country on one machine"): central as a whole node, 3,218 light nodes on two light hosts,
# central's nats-server and a leaf node per province; prints the figures.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash deploy/scripts/ensure-deps.sh
bash deploy/scripts/ensure-services.sh
npx tsc -p tsconfig.build.json
LOG_LEVEL="${LOG_LEVEL:-warn}" node -r ./deploy/runtime/paths.js dist/apps/node/src/simulate/simulate.js
