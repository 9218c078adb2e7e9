# Shared by scripts/demo.sh and scripts/test.sh: install what a fresh Debian machine with Node 20 lacks.
# Idempotent: every step checks first and does nothing when the thing is already there.

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then
    echo "› apt-get update"; as_root apt-get update -qq >/dev/null; apt_updated=1
  fi
  echo "› installing $* from Debian's packages"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_node() {
  local major
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if [ "$major" -lt 20 ]; then echo "VoC Pulse needs Node.js 20 or newer (found: $(node -v 2>/dev/null || echo none))" >&2; exit 1; fi
}

ensure_redis_server() { command -v redis-server >/dev/null || apt_install redis-server; }
ensure_clickhouse_server() { command -v clickhouse-server >/dev/null || command -v clickhouse >/dev/null || apt_install clickhouse-server clickhouse-client; }
ensure_chromium() {
  [ -x /usr/bin/chromium ] || apt_install chromium
  # Without a CJK font the wall's Chinese renders as boxes in test screenshots.
  fc-list :lang=zh 2>/dev/null | grep -q . || apt_install fonts-noto-cjk
  # Customers write emoji; without a colour emoji font they render as empty boxes on the wall's ticker.
  fc-list 2>/dev/null | grep -qi 'emoji' || apt_install fonts-noto-color-emoji
}

# Install only when node_modules is missing or older than the lock file. `npm install` rather than
# `npm ci`: npm 11's ci rejects this lock for lacking other platforms' optional native packages
# (@node-rs/jieba-*), while install resolves exactly the locked versions for this platform.
ensure_npm_deps() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "› npm install"; npm install --no-audit --no-fund --loglevel=error
  fi
}

# Rebuild the web app only when a source it is built from changed since the last build.
ensure_build() {
  if [ ! -f build/handler.js ] || [ -n "$(find src schemas static svelte.config.js vite.config.ts package-lock.json -newer build/handler.js -print -quit 2>/dev/null)" ]; then
    echo "› building the web app"; npx vite build --logLevel error
  fi
}
