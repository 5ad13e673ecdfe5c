#!/usr/bin/env bash
# The README's test command: dependencies, services, the browser, then lint and every
# project's tests (the console's browser tests build it first).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash deploy/scripts/ensure-deps.sh
bash deploy/scripts/ensure-services.sh
bash deploy/scripts/ensure-browser.sh
export NX_DAEMON=false NX_NO_CLOUD=true NX_SKIP_NX_CACHE=true
npx prettier --check "apps/**/*.{ts,mts,vue}" "libs/**/*.ts"
npx tsc -p tsconfig.typecheck.json
# One ESLint run over the whole tree shares one TypeScript program (per-project runs each
# build their own); the project graph it checks boundaries against comes from nx first.
npx nx show projects >/dev/null
npx eslint --max-warnings 0 apps libs
npx nx run-many -t test --parallel=1 --output-style=static
