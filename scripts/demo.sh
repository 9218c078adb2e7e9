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
RATE="${VOC_DEMO_RATE:-1}"
LOGS="$DATA_DIR/logs"; mkdir -p "$LOGS"

pids=()
cleanup() { trap - EXIT INT TERM; echo; echo "› stopping"; kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

# The processor logs its progress through the history at info; the others only what goes wrong.
LOG_LEVEL="${VOC_PROCESSOR_LOG_LEVEL:-info}" VOC_SERVICE=processor node --import tsx streaming/main.ts >>"$LOGS/processor.log" 2>&1 & pids+=($!)
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

# The first run writes ten and a half days of history at the live rate, so every "usual" (the wall's
# "usual at this hour", the insights' 7-day baseline, the alert watcher's levels, the impact model's
# counterfactual) is learnt from the same feed the screens then show. Inside that history: images loaded
# slowly on Android in East China for days until a fix shipped 78 hours (3¼ days) ago; the seeded action
# plan launched that fix, so /impact measures it. Later runs keep their data and only add live traffic.
# Live, the image problem comes back (from minute 6, after a first run's history is processed) and iOS
# payments fail at minute 45. Each is sized in extra messages a minute rather than as a multiple of a
# low-rate feed, so it clears the alert watcher's size gate (≥ 5 extra complaints a minute) at any hour
# (the simulator composes each complaint, so only a few percent of an incident's messages are
# near-duplicates, which the alerts skip).
FIX_MINUTES_AGO=4680
sim_args=(--incident "images_slow_android_east@6:20+40/min" --incident "payment_failed_ios@45:8+30/min")
first_run=""
if [ ! -f "$DATA_DIR/.backfilled" ]; then
  first_run=1
  sim_args+=(--backfill-hours 252 --backfill-rate "$RATE" --incident "images_slow_android_east@-21600:$((21600 - FIX_MINUTES_AGO))")
  touch "$DATA_DIR/.backfilled"
fi
VOC_SERVICE=sim node --import tsx streaming/sim/main.ts --rate "$RATE" "${sim_args[@]}" >>"$LOGS/sim.log" 2>&1 & pids+=($!)
if [ -n "$first_run" ]; then
  npx tsx scripts/seed-demo-plan.ts --fixed-minutes-ago "$FIX_MINUTES_AGO" >"$DATA_DIR/demo-plan-id.tmp" \
    && mv "$DATA_DIR/demo-plan-id.tmp" "$DATA_DIR/demo-plan-id" \
    || echo "seeding the demo plan failed (the demo runs without it)" >&2
fi
impact_url="$url/impact"
[ -s "$DATA_DIR/demo-plan-id" ] && impact_url="$url/impact/$(cat "$DATA_DIR/demo-plan-id")"
processing=""
[ -n "$first_run" ] && processing="
  First run: the processor is working through the history (about $(awk "BEGIN { printf \"%d\", $RATE * 252 * 3.6 }")k messages, a few
  minutes); the wall, insights and impact fill in as it goes — follow it in $LOGS/processor.log."

cat <<MSG

  VoC Pulse is running.
    Wall screen: $wall_url&lang=zh   (no sign-in: the URL carries a wall token)
    Sign in:     $url/login   user $VOC_ADMIN_USER, $admin_line
    Admin:       $url/admin   (users and roles, wall tokens, producer keys, audit trail)
    Topics:      $url/topics  (emerging topics, keywords per topic)
    API key:     $VOC_API_KEYS
    Logs:        $LOGS
  The story (sign in first):
    Plans:       $url/plans   ranked insights against a real 7-day baseline, and the action plan the
                 app team made for "images load slowly on Android in East China" (steps, comments, log)
    Impact:      $impact_url
                 that plan's fix launched 3¼ days ago: complaints observed vs. the counterfactual, with
                 its 95% interval, praise after the fix, the customers to tell
    On-call:     $url/oncall  (works on a phone) the live feed breaks again: slow images in East China
                 from minute 6 (fixed at minute 26), iOS payment failures at minute 45; the alert
                 watcher raises each a minute or two after it starts, here and on the wall
  The simulated feed sends about $RATE msg/s on average (daily rhythm, Asia/Shanghai).$processing
  Press Ctrl-C to stop.

MSG
wait
