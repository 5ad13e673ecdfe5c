#!/usr/bin/env bash
# Builds the console into dist/console when its sources changed since the last build
# (or always, with --force). Every node serves dist/console at /console/.
set -euo pipefail
cd "$(dirname "$0")/../.."
stamp=dist/console/.source-hash
# Test files run in parallel workers and each asks for a build: one builds, the others wait
# for it and then find the build current (two at once emptied each other's output).
mkdir -p dist
exec 9>dist/.console-build.lock
flock 9
hash=$(cat package-lock.json <(find apps/console -type f -not -path '*/node_modules/*' -not -name '*.spec.ts' | LC_ALL=C sort | xargs cat) | sha256sum | cut -d' ' -f1)
if [ "${1:-}" != "--force" ] && [ -f dist/console/index.html ] && [ "$(cat "$stamp" 2>/dev/null)" = "$hash" ]; then
  exit 0
fi
echo "[console] building the console (vite build)" >&2
npx vite build --config apps/console/vite.config.mts --logLevel warn
echo "$hash" > "$stamp"
