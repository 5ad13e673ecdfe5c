#!/usr/bin/env bash
# Runs an operator CLI command after making sure dependencies, services and the build exist
# (and, for a federation people will open in a browser, the console).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash deploy/scripts/ensure-deps.sh
bash deploy/scripts/ensure-services.sh
npx tsc -p tsconfig.build.json
case "${1:-}" in
  start | demo) bash deploy/scripts/console-build.sh ;;
esac
exec node -r ./deploy/runtime/paths.js dist/apps/cli/src/main.js "$@"
