#!/usr/bin/env bash
# The performance benchmark: starts a local PostgreSQL in .data/bench-postgres (durable settings, as in production),
# fills it once with the large data set (100,000 participants, 1,000,000 conversations, 10,000,000 messages — a few
# minutes), then measures the product against the cheapest hand-written SQL on the same machine and prints one table.
#   ./bench.sh            the full data set and every measurement
#   BENCH_SCALE=0.1 ./bench.sh   a tenth of the data (heavy keeps its 10,000 conversations), to try the tooling
#   ./bench.sh --quick    fewer iterations, and a shorter live load (15 s per row, a 2-minute soak)
#   ./bench.sh --no-live  the table only;  ./bench.sh --live-only  the live load only
#   ./bench.sh --no-live --only email,search   only those groups of rows (inbox, unread, open, search, send, email,
#                         push, notifier, memory), to measure one thing again while working on it
#   ./bench.sh --live-only --nginx   the live load with every participant going through deploy/nginx.conf.template
#   ./bench.sh --live-only --circuits-only   only the live load with Blazor circuits (its second part)
# The live load runs the published app as a process of its own and connects 1,000 → 5,000 signed-in participants to it
# while messages are written at 200/s: first as SignalR hub clients (with 50 Chromium tabs), then, on a fresh server, as
# real Blazor circuits (Conversations.Bench/Circuits: checked against Chromium, a morning rush, wide conversations, a
# soak, the server's memory by type); it draws docs/bench/live-load.svg.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/local-postgres.sh

BENCH_PG_PORT="${BENCH_PG_PORT:-54331}"
SCALE="${BENCH_SCALE:-1}"
DATA=".data/bench-postgres"
[ "$SCALE" = "1" ] || DATA=".data/bench-postgres-$SCALE"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

ensure_postgres_installed
if ! command -v chromium >/dev/null 2>&1; then
  echo "Chromium is not installed (needed for the memory-per-tab measurement); installing it with apt-get…" >&2
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
fi

warn_about_orphan_clusters
DATA=$(reachable_cluster_dir "$DATA")
BENCH_PG_PORT=$(port_for_cluster "$DATA" "$BENCH_PG_PORT")
echo "Starting the benchmark PostgreSQL in $DATA (port $BENCH_PG_PORT)…"
trap 'stop_cluster "$DATA"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
start_cluster "$DATA" "$BENCH_PG_PORT" "-c shared_buffers=2GB -c work_mem=16MB -c maintenance_work_mem=1GB -c max_wal_size=8GB -c max_connections=300"
ensure_database "$BENCH_PG_PORT" conversations_bench
CONNECTION="Host=127.0.0.1;Port=${BENCH_PG_PORT};Database=conversations_bench;Username=postgres;Maximum Pool Size=200"

echo "Building…"
dotnet build Conversations.Bench -c Release -nologo -v quiet >/dev/null
dotnet publish Conversations.Web -c Release -o .data/bench-web -nologo -v quiet >/dev/null

echo "Generating the data set (once; skipped when it is there)…"
dotnet Conversations.Bench/bin/Release/net10.0/Conversations.Bench.dll generate "$CONNECTION" --scale "$SCALE"

QUICK=""; [[ " $* " == *" --quick "* ]] && QUICK="--quick"
ONLY=(); for ((i = 1; i <= $#; i++)); do [ "${!i}" = "--only" ] && { j=$((i + 1)); ONLY=(--only "${!j}"); }; done
if [[ " $* " != *" --live-only "* ]]; then
  dotnet Conversations.Bench/bin/Release/net10.0/Conversations.Bench.dll run "$CONNECTION" $QUICK "${ONLY[@]}"
fi
if [[ " $* " != *" --no-live "* ]]; then
  ulimit -n 65536 2>/dev/null || true  # thousands of hub connections, both ends in this machine
  NGINX=""; [[ " $* " == *" --nginx "* ]] && NGINX="--nginx --plot .data/live-load-nginx.svg"
  CIRCUITS=""; [[ " $* " == *" --circuits-only "* ]] && CIRCUITS="--circuits-only --plot .data/live-load-circuits.svg"
  dotnet Conversations.Bench/bin/Release/net10.0/Conversations.Bench.dll live "$CONNECTION" --server .data/bench-web/Conversations.Web.dll $QUICK $NGINX $CIRCUITS
fi
