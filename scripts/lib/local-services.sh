# Starts Redis and ClickHouse for the demo with data under .data/, on their own ports, unless REDIS_URL /
# CLICKHOUSE_URL point elsewhere. Safe to run again: servers already up are reused.

DATA_DIR="${VOC_DATA_DIR:-$PWD/.data}"
LOCAL_REDIS_PORT="${VOC_LOCAL_REDIS_PORT:-6390}"
LOCAL_CH_HTTP_PORT="${VOC_LOCAL_CH_HTTP_PORT:-18123}"
LOCAL_CH_TCP_PORT="${VOC_LOCAL_CH_TCP_PORT:-19000}"

wait_until() { # seconds, description, command...
  local n=$1 what=$2; shift 2
  for _ in $(seq 1 $((n * 10))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "$what did not start; see $DATA_DIR" >&2; return 1
}

start_local_redis() {
  mkdir -p "$DATA_DIR/redis"
  if ! redis-cli -p "$LOCAL_REDIS_PORT" ping >/dev/null 2>&1; then
    echo "› starting redis-server on 127.0.0.1:$LOCAL_REDIS_PORT (data in $DATA_DIR/redis)"
    redis-server --port "$LOCAL_REDIS_PORT" --bind 127.0.0.1 --dir "$DATA_DIR/redis" --appendonly yes \
      --daemonize yes --logfile "$DATA_DIR/redis/redis.log" --pidfile "$DATA_DIR/redis/redis.pid"
    wait_until 20 redis-server redis-cli -p "$LOCAL_REDIS_PORT" ping
  fi
  export REDIS_URL="redis://127.0.0.1:$LOCAL_REDIS_PORT"
}

start_local_clickhouse() {
  local dir="$DATA_DIR/clickhouse"
  mkdir -p "$dir"/{data,tmp,user_files,format_schemas}
  if ! curl -sf "http://127.0.0.1:$LOCAL_CH_HTTP_PORT/ping" >/dev/null 2>&1; then
    cat > "$dir/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>$dir/server.log</log><errorlog>$dir/err.log</errorlog></logger>
  <http_port>$LOCAL_CH_HTTP_PORT</http_port>
  <tcp_port>$LOCAL_CH_TCP_PORT</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <path>$dir/data/</path>
  <tmp_path>$dir/tmp/</tmp_path>
  <user_files_path>$dir/user_files/</user_files_path>
  <format_schema_path>$dir/format_schemas/</format_schema_path>
  <users_config>users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>536870912</mark_cache_size>
</yandex>
XML
    cat > "$dir/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <profiles><default></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
XML
    echo "› starting clickhouse-server on 127.0.0.1:$LOCAL_CH_HTTP_PORT (data in $dir)"
    local bin=clickhouse-server args=()
    command -v clickhouse-server >/dev/null || { bin=clickhouse; args=(server); }
    (cd "$dir" && nohup "$bin" "${args[@]}" --config-file="$dir/config.xml" >"$dir/stdout.log" 2>&1 & echo $! > "$dir/clickhouse.pid")
    wait_until 60 clickhouse-server curl -sf "http://127.0.0.1:$LOCAL_CH_HTTP_PORT/ping"
  fi
  export CLICKHOUSE_URL="http://127.0.0.1:$LOCAL_CH_HTTP_PORT"
}
