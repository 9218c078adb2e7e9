#!/usr/bin/env bash
# Every test: unit tests, integration tests against real Redis and ClickHouse servers (started by the
# test setup on free ports, data in a temp folder), and browser tests in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure.sh

ensure_node
ensure_redis_server
ensure_clickhouse_server
ensure_chromium
ensure_npm_deps
npx svelte-kit sync >/dev/null 2>&1 || true
ensure_build

echo "› type check (svelte-check over .ts and .svelte)"
npx svelte-check --tsconfig ./tsconfig.json --output human --threshold error >.svelte-check.log 2>&1 \
  || { cat .svelte-check.log; echo "type check failed"; exit 1; }

set +e
npx vitest run --reporter=default --reporter=json --outputFile=.vitest-results.json "$@"
status=$?
set -e
# One plain closing line that any CI can read.
node -e '
  const r = JSON.parse(require("fs").readFileSync(".vitest-results.json", "utf8"));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
' 2>/dev/null || true
exit $status
