# shellcheck shell=bash
# Redis and PostgreSQL for the tests, on loopback, in one temporary folder. Sourced by .ci/run:
#
#   source scripts/ciServers.sh
#   trap stop_ci_servers EXIT
#   install_ci_servers
#   start_ci_servers   # exports REDIS_URL and DATABASE_URL
#
# Both servers are throwaway: no persistence, no fsync, trust authentication on 127.0.0.1 only.
# The tests make their own database in DATABASE_URL's server (startTestPostgres) and their own key
# prefix in REDIS_URL's (startTestRedis).

CI_SERVERS_START_TIMEOUT=15

# Installs Debian's redis-server and postgresql unless they are there already; `apt-get update` only when
# the package lists do not know them yet.
install_ci_servers() {
  local missing=()
  if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then missing+=(redis-server); fi
  if ! dpkg -s postgresql >/dev/null 2>&1 || ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
    missing+=(postgresql)
  fi
  ((${#missing[@]} > 0)) || return 0
  if apt-cache policy "${missing[@]}" 2>/dev/null | grep -q 'Candidate: (none)' ||
    [ -z "$(apt-cache policy "${missing[@]}" 2>/dev/null)" ]; then
    apt-get update
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=120 "${missing[@]}"
}

# Starts both servers in a fresh temporary folder and exports REDIS_URL and DATABASE_URL.
start_ci_servers() {
  CI_SERVERS_DIR="$(mktemp -d "${TMPDIR:-/tmp}/teams-endpoint-ci-servers.XXXXXX")"
  # The postgres user must reach its folder inside.
  chmod 755 "$CI_SERVERS_DIR"
  _start_ci_redis
  _start_ci_postgres
  echo "Redis at $REDIS_URL, PostgreSQL at $DATABASE_URL"
}

# Stops whatever start_ci_servers started, however far it got, and removes the folder. Never fails.
stop_ci_servers() {
  [ -n "${CI_SERVERS_DIR:-}" ] && [ -d "$CI_SERVERS_DIR" ] || return 0
  local dir="$CI_SERVERS_DIR"
  if [ -f "$dir/postgres/data/postmaster.pid" ]; then
    _as_postgres "$(_ci_postgres_bin)/pg_ctl" -D "$dir/postgres/data" -m fast -w -t "$CI_SERVERS_START_TIMEOUT" stop ||
      _kill_pid_file "$dir/postgres/data/postmaster.pid"
  fi
  if [ -f "$dir/redis/redis.pid" ]; then _kill_pid_file "$dir/redis/redis.pid"; fi
  rm -rf "$dir"
  CI_SERVERS_DIR=
}

_start_ci_redis() {
  local dir="$CI_SERVERS_DIR/redis" port
  port="$(_ci_free_port)"
  mkdir "$dir"
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "$dir/redis.pid" --dir "$dir" --logfile "$dir/redis.log"
  local waited=0
  until [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = PONG ]; do
    if ((waited >= CI_SERVERS_START_TIMEOUT * 10)); then
      echo "Redis did not answer within ${CI_SERVERS_START_TIMEOUT} s. Its log:" >&2
      tail -n 30 "$dir/redis.log" >&2 || true
      return 1
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  export REDIS_URL="redis://127.0.0.1:$port"
}

_start_ci_postgres() {
  local dir="$CI_SERVERS_DIR/postgres" bin port
  bin="$(_ci_postgres_bin)"
  port="$(_ci_free_port)"
  mkdir "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; fi
  if ! _as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C --no-sync \
    >"$dir/initdb.log" 2>&1; then
    echo "initdb failed. Its output:" >&2
    tail -n 30 "$dir/initdb.log" >&2 || true
    return 1
  fi
  # -w waits until the server accepts connections, at most -t seconds.
  if ! _as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t "$CI_SERVERS_START_TIMEOUT" \
    -o "-k $dir -h 127.0.0.1 -p $port -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start; then
    echo "PostgreSQL did not start within ${CI_SERVERS_START_TIMEOUT} s. Its log:" >&2
    tail -n 30 "$dir/postgres.log" >&2 || true
    return 1
  fi
  export DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
}

# Debian's newest PostgreSQL.
_ci_postgres_bin() {
  local bins
  bins="$(compgen -G '/usr/lib/postgresql/*/bin' | sort -V | tail -n 1)" || true
  [ -n "$bins" ] || { echo "PostgreSQL is not installed." >&2; return 1; }
  echo "$bins"
}

# PostgreSQL refuses to run as root. From the server folder, which the postgres user can enter.
_as_postgres() {
  if [ "$(id -u)" = 0 ]; then
    (cd "$CI_SERVERS_DIR" && runuser -u postgres -- "$@")
  else
    (cd "$CI_SERVERS_DIR" && "$@")
  fi
}

_ci_free_port() {
  node -e "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); });"
}

# SIGTERM, then SIGKILL if the process is still there after the start timeout.
_kill_pid_file() {
  local pid
  pid="$(head -n 1 "$1" 2>/dev/null)" || return 0
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || return 0
  local waited=0
  while kill -0 "$pid" 2>/dev/null && ((waited < CI_SERVERS_START_TIMEOUT * 10)); do
    sleep 0.1
    waited=$((waited + 1))
  done
  kill -9 "$pid" 2>/dev/null || true
}
