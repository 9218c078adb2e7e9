#!/usr/bin/env bash
# The whole demo on one machine: installs what is missing, starts Redis and ClickHouse (unless REDIS_URL /
# CLICKHOUSE_URL are set), builds the web app, runs a processor, the web node and the simulated feed,
# and prints the URL. Ctrl-C stops what it started; data stays in .data/ for the next run.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure.sh
source scripts/lib/local-services.sh

ensure_node
[ -n "${REDIS_URL:-}" ] || ensure_redis_server
[ -n "${CLICKHOUSE_URL:-}" ] || ensure_clickhouse_server
ensure_npm_deps
ensure_build
[ -n "${REDIS_URL:-}" ] || start_local_redis
[ -n "${CLICKHOUSE_URL:-}" ] || start_local_clickhouse

export VOC_API_KEYS="${VOC_API_KEYS:-demo-key}"
# The first admin: from VOC_ADMIN_USER / VOC_ADMIN_PASSWORD when given; otherwise a random password made
# on the first run and kept (0600) in .data/ so later runs sign in with the same one. Never a default.
new_admin_password=""
if [ -z "${VOC_ADMIN_PASSWORD:-}" ]; then
  mkdir -p "$DATA_DIR"
  if [ ! -s "$DATA_DIR/admin-password" ]; then
    (umask 077; node -e "process.stdout.write(require('crypto').randomBytes(18).toString('base64url'))" >"$DATA_DIR/admin-password")
    new_admin_password=1
  fi
  chmod 600 "$DATA_DIR/admin-password"
  VOC_ADMIN_PASSWORD="$(cat "$DATA_DIR/admin-password")"
fi
export VOC_ADMIN_USER="${VOC_ADMIN_USER:-admin}" VOC_ADMIN_PASSWORD
export PORT="${PORT:-3000}"
export LOG_LEVEL="${LOG_LEVEL:-warn}"
RATE="${VOC_DEMO_RATE:-20}"
LOGS="$DATA_DIR/logs"; mkdir -p "$LOGS"

pids=()
cleanup() { trap - EXIT INT TERM; echo; echo "› stopping"; kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

VOC_SERVICE=processor node --import tsx streaming/main.ts >>"$LOGS/processor.log" 2>&1 & pids+=($!)
VOC_SERVICE=web node --import tsx src/server.ts >>"$LOGS/web.log" 2>&1 & pids+=($!)
VOC_SERVICE=watcher VOC_PUBLIC_URL="${VOC_PUBLIC_URL:-http://127.0.0.1:$PORT}" node --import tsx streaming/watch/main.ts >>"$LOGS/watcher.log" 2>&1 & pids+=($!)

url="http://127.0.0.1:$PORT"
for _ in $(seq 1 600); do curl -sf "$url/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
curl -sf "$url/readyz" >/dev/null || { echo "the web node did not become ready; see $LOGS/web.log" >&2; exit 1; }

# A wall screen needs no sign-in: it opens a URL carrying a wall token (kept in .data/, re-made if revoked).
wall_url=""
[ -s "$DATA_DIR/wall-url" ] && wall_url="$(cat "$DATA_DIR/wall-url")"
if [ -z "$wall_url" ] || [ "$(curl -s -o /dev/null -w '%{http_code}' "$wall_url")" != 200 ]; then
  wall_url="$(npx tsx scripts/create-wall-token.ts "Demo wall" "$url")"
  (umask 077; printf '%s' "$wall_url" >"$DATA_DIR/wall-url")
fi
if [ -n "$new_admin_password" ]; then
  admin_line="password $VOC_ADMIN_PASSWORD (shown once; kept in $DATA_DIR/admin-password)"
elif [ -s "$DATA_DIR/admin-password" ] && [ "$VOC_ADMIN_PASSWORD" = "$(cat "$DATA_DIR/admin-password")" ]; then
  admin_line="password in $DATA_DIR/admin-password"
else
  admin_line="password from VOC_ADMIN_PASSWORD"
fi

# A day of history on the first run gives the wall its "usual for this hour"; later runs keep theirs.
backfill=()
# Its last 3 hours run at the live rate, so the alert watcher learns today's level rather than taking
# the live feed for a spike everywhere.
[ -f "$DATA_DIR/.backfilled" ] || { backfill=(--backfill-hours 26 --backfill-rate 2 --backfill-full-hours 3); touch "$DATA_DIR/.backfilled"; }
VOC_SERVICE=sim node --import tsx streaming/sim/main.ts --rate "$RATE" "${backfill[@]}" >>"$LOGS/sim.log" 2>&1 & pids+=($!)

cat <<MSG

  VoC Pulse is running.
    Wall screen: $wall_url&lang=zh   (no sign-in: the URL carries a wall token)
    Sign in:     $url/login   user $VOC_ADMIN_USER, $admin_line
    Admin:       $url/admin   (users and roles, wall tokens, producer keys, audit trail)
    On-call:     $url/oncall  (alerts: acknowledge, snooze, resolve; works on a phone; sign in first)
    Topics:      $url/topics  (emerging topics, keywords per topic)
    Plans:       $url/plans   (insights and action plans; sign in first)
    API key:     $VOC_API_KEYS
    Logs:        $LOGS
  A simulated feed sends about $RATE messages/s (daily rhythm, Asia/Shanghai). Incident schedule: images load
  slowly in the Android app in East China from minute 3, fixed at minute 23; iOS payment failures at minute 45.
  The alert watcher raises them on the on-call desk and the wall a minute or two after they start.
  Press Ctrl-C to stop.

MSG
wait
