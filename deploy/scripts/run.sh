#!/usr/bin/env bash
# Runs an operator CLI command after making sure dependencies, services and the build exist.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash deploy/scripts/ensure-deps.sh
bash deploy/scripts/ensure-services.sh
npx tsc -p tsconfig.build.json
exec node -r ./deploy/runtime/paths.js dist/apps/cli/src/main.js "$@"
