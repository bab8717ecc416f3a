#!/usr/bin/env bash
# README's deployment on one machine, to try it: two app servers behind nginx (sticky sessions, WebSockets) sharing
# one PostgreSQL. Ctrl+C stops all of it.
#   deploy/two-servers.sh     → http://127.0.0.1:${NGINX_PORT:-8080}  (servers A and B also at :${A_PORT:-5001} and :${B_PORT:-5002})
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/local-postgres.sh

NGINX_PORT="${NGINX_PORT:-8080}"; A_PORT="${A_PORT:-5001}"; B_PORT="${B_PORT:-5002}"; PG_PORT="${DEPLOY_PG_PORT:-54330}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

ensure_postgres_installed
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  echo "nginx is not installed; installing it with apt-get…"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends nginx-light >/dev/null
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

cluster=$(reachable_cluster_dir .data/deploy-postgres)
echo "Starting PostgreSQL in $cluster (port $PG_PORT, max_connections=100: two servers × (pool 30 + relay) fit)…"
start_cluster "$cluster" "$PG_PORT" "-c max_connections=100"
ensure_database "$PG_PORT" conversations_deploy
export ConnectionStrings__Conversations="Host=127.0.0.1;Port=${PG_PORT};Database=conversations_deploy;Username=postgres"
export Proxy__KnownProxies__0=127.0.0.1  # nginx, whose X-Forwarded-* headers the servers believe

echo "Building…"
dotnet build Conversations.Web -c Release -nologo -v quiet >/dev/null
dll=Conversations.Web/bin/Release/net10.0/Conversations.Web.dll

work=$(mktemp -d /tmp/conversations-nginx.XXXXXX)
chmod 755 "$work"
pids=()
stop() {
  [ -f "$work/nginx.pid" ] && "$nginx_bin" -p "$work" -c "$work/nginx.conf" -s quit 2>/dev/null || true
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
  stop_cluster "$cluster"
  rm -rf "$work"
}
trap 'stop; exit 0' INT TERM
trap stop EXIT

wait_ready() {
  local port="$1"
  for _ in $(seq 1 120); do
    curl -sf -o /dev/null "http://127.0.0.1:${port}/health/ready" && return 0
    sleep 1
  done
  echo "The server on port $port did not become ready." >&2; return 1
}

# A migrates and loads the demo (into this empty local database only); B starts once A is ready.
Demo__Load=true ASPNETCORE_URLS="http://127.0.0.1:${A_PORT}" dotnet "$dll" >"$work/a.log" 2>&1 & pids+=($!)
wait_ready "$A_PORT"
Database__MigrateOnStartup=false ASPNETCORE_URLS="http://127.0.0.1:${B_PORT}" dotnet "$dll" >"$work/b.log" 2>&1 & pids+=($!)
wait_ready "$B_PORT"

sed -e "s|@WORK@|$work|g" -e "s|@LISTEN@|127.0.0.1:${NGINX_PORT}|" -e "s|@SERVER_A@|127.0.0.1:${A_PORT}|" -e "s|@SERVER_B@|127.0.0.1:${B_PORT}|" \
  deploy/nginx.conf.template >"$work/nginx.conf"
"$nginx_bin" -p "$work" -c "$work/nginx.conf"

echo "Conversations behind nginx at http://127.0.0.1:${NGINX_PORT} (servers: http://127.0.0.1:${A_PORT} and http://127.0.0.1:${B_PORT}); Ctrl+C stops all."
wait "${pids[0]}"
