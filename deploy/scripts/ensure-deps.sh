#!/usr/bin/env bash
# Installs the npm dependencies on a fresh clone (or after package-lock.json changed).
set -euo pipefail
cd "$(dirname "$0")/../.."
# A linked node_modules (a git worktree sharing another checkout's) is that checkout's to
# install: npm ci here would empty it under whatever else is using it.
if [ -L node_modules ]; then
  echo "[deps] node_modules is a link to $(readlink node_modules); not reinstalling through it" >&2
  exit 0
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[deps] npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi
