#!/usr/bin/env bash
# Runs every test of the solution against a throwaway PostgreSQL, the machine's Chromium and nginx,
# installing them when missing, after checking the code's format. Last line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"
source scripts/local-postgres.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

ensure_postgres_installed
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium fonts-liberation)
# The browser tests' shared browser (Conversations.Tests/Support/Browser.cs): the same engine, less CPU per page.
[ -x /usr/lib/chromium/chromium-headless-shell ] || missing+=(chromium-headless-shell)
[ -x /usr/sbin/nginx ] || missing+=(nginx-light)  # the deployment recipe's proxy, in front of two servers in a browser test
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing ${missing[*]} with apt-get…"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cluster=$(mktemp -d /tmp/conversations-test-pg.XXXXXX)
port=$(free_port 55432)
cleanup() { stop_cluster "$cluster"; rm -rf "$cluster"; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
pg_options="-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400"
if ! start_cluster "$cluster" "$port" "$pg_options"; then
  # Once seen right after another cluster stopped beside it: say why, then try again once on a fresh port.
  echo "The test PostgreSQL did not start on port $port; its log says:" >&2
  tail -n 20 "$cluster/server.log" >&2 || true
  sleep 2
  port=$(free_port $((port + 1)))
  if ! start_cluster "$cluster" "$port" "$pg_options"; then
    echo "The test PostgreSQL did not start again (port $port): no test can run." >&2
    tail -n 20 "$cluster/server.log" >&2 || true
    echo "0 passed, 1 failed, 0 skipped"
    exit 1
  fi
fi
export CONVERSATIONS_TEST_POSTGRES="Host=127.0.0.1;Port=${port};Username=postgres;Database=postgres;Include Error Detail=true"

# The layout here (CSharpier: 120 columns); .editorconfig's style rules and the analyzers are the compiler's, in the build
# below (Directory.Build.props: EnforceCodeStyleInBuild, warnings as errors) — two `dotnet format` passes took 73 s.
echo "Checking the code's layout (CSharpier, 120 columns)…"
format_status=0
dotnet tool restore >/dev/null
dotnet csharpier check . 2>&1 || format_status=$?
[ "$format_status" -eq 0 ] || echo "The code is not laid out as CSharpier says: run './scripts/format.sh'."

rm -rf TestResults/trx
dotnet test Conversations.sln --logger "trx;LogFileName=results.trx" --results-directory TestResults/trx 2>&1
status=$?

trx=TestResults/trx/results.trx
counter() { sed -n "s/.*<Counters [^>]*\b$1=\"\([0-9]*\)\".*/\1/p" "$trx" | head -n 1; }
if [ -f "$trx" ]; then
  total=$(counter total); passed=$(counter passed); failed=$(counter failed); executed=$(counter executed)
  skipped=$(( ${total:-0} - ${executed:-0} ))
else
  total=0; passed=0; failed=0; skipped=0
fi
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] || [ "${failed:-0}" -ne 0 ] || [ "${total:-0}" -eq 0 ] || [ "$format_status" -ne 0 ]; then exit 1; fi
