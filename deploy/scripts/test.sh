#!/usr/bin/env bash
# The README's test command: dependencies, services, the browser; then formatting, types,
# lint and every project's tests. The federation tests (apps/node, two Jest workers) run
# beside lint and the other projects' tests: they wait on the network and the databases
# much of the time, so the two cores are shared rather than idle. Each line of output is
# prefixed with the part it comes from; the command fails if any part failed.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash deploy/scripts/ensure-deps.sh
bash deploy/scripts/ensure-services.sh
bash deploy/scripts/ensure-browser.sh
export NX_DAEMON=false NX_NO_CLOUD=true NX_SKIP_NX_CACHE=true
started=$(date +%s)
npx prettier --check "apps/**/*.{ts,mts,vue}" "libs/**/*.ts"
npx tsc -p tsconfig.typecheck.json
# The project graph the boundaries rule checks against comes from nx.
npx nx show projects >/dev/null

# Runs a command with its output prefixed; returns its exit code.
part() {
  local name=$1
  shift
  set +e
  "$@" 2>&1 | sed -u "s/^/[$name] /"
  local rc=${PIPESTATUS[0]}
  set -e
  echo "[$name] finished with exit code $rc after $(($(date +%s) - started)) s"
  return "$rc"
}

part federation npx nx run node:test --output-style=static &
federation=$!
failed=0
# One ESLint run over the whole tree shares one TypeScript program.
part lint npx eslint --max-warnings 0 apps libs || failed=1
part projects npx nx run-many -t test --exclude=node --parallel=1 --output-style=static || failed=1
wait "$federation" || failed=1
# The federation on hosts of its own (apps/cli/src/netns: network namespaces, central's
# three-server cluster, a province leaf node; links cut, a server killed): after the rest, so
# that it has the two cores to itself. It needs root (ip netns, veth pairs), which this
# machine's CI has; elsewhere it says so and `sudo npm run netns` runs it.
if [ "$(id -u)" = 0 ]; then
  part netns bash -c 'npx tsc -p tsconfig.build.json && node -r ./deploy/runtime/paths.js dist/apps/cli/src/main.js netns' || failed=1
else
  echo "[netns] not run: it needs root (ip netns); run it with sudo npm run netns"
fi
if [ "$failed" != 0 ]; then
  echo "npm test: FAILED (see the parts above that finished with a non-zero exit code)" >&2
  exit 1
fi
echo "npm test: every part passed in $(($(date +%s) - started)) s"
