#!/usr/bin/env bash
# Runs Conversations at http://127.0.0.1:${PORT:-5000}.
# With no connection string configured, it starts (and on exit stops) a local PostgreSQL kept in .data/,
# loading the demo participants on first run. With ConnectionStrings__Conversations set, it uses that server.
# With no SMTP server configured (Email:Smtp:Host), it starts a local mail catcher (smtp4dev, a .NET tool of this
# repository) on 127.0.0.1:${MAIL_PORT:-2525} with its web page at http://127.0.0.1:${MAIL_WEB_PORT:-5080}, keeping mail in
# memory, and stops it with the app; new-message emails then go out after 30 s unread instead of 5 minutes. It also serves
# its mailbox over IMAP on 127.0.0.1:${MAIL_IMAP_PORT:-1143}: the app reads replies sent to reply+KEY@conversations.localhost
# there (send one from any mail client pointed at the catcher's SMTP port, or see README "Answer by email").
#
# Everything it starts stops with it: on Ctrl+C, on SIGINT or SIGTERM to this script alone, or to its whole process group
# (what `timeout`, a process supervisor or a container stop sends).
#   ./run.sh --clean   stops and removes what this clone keeps outside its folder (a cluster in the postgres user's home,
#                      see README), and what clones that no longer exist left there; then exits.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/local-postgres.sh

if [ "${1:-}" = "--clean" ]; then
  clean_clusters_elsewhere "$(pwd)"
  exit 0
fi

PORT="${PORT:-5000}"
LOCAL_PG_PORT="${LOCAL_PG_PORT:-54329}"

# Whatever happens from here, what was started is stopped. The handler runs once, never stops half-way (no -e inside:
# a `wait` for a process the signal ended answers non-zero), and then ends the script with the signal's status.
app="" mail="" local_cluster=""
stopping=""
stop() {
  [ -z "$stopping" ] || return 0
  stopping=1
  set +e
  if [ -n "$app" ]; then stop_tree "$app"; fi
  if [ -n "$mail" ]; then echo "Stopping the mail catcher…"; stop_tree "$mail"; fi
  if [ -n "$local_cluster" ]; then echo "Stopping the local PostgreSQL…"; stop_cluster "$local_cluster"; fi
}
# stop_tree PID: SIGTERM to a process and its descendants (a `dotnet tool run` starts the tool as a child), then waits.
stop_tree() {
  local pid="$1" child
  for child in $(pgrep -P "$pid" 2>/dev/null); do stop_tree "$child"; done
  kill -TERM "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap 'stop' EXIT
warn_about_orphan_clusters
export ASPNETCORE_URLS="http://127.0.0.1:${PORT}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

configured=$(sed -n 's/.*"Conversations"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' appsettings.json | head -n 1)
if [ -z "${ConnectionStrings__Conversations:-}" ] && [ -z "$configured" ]; then
  ensure_postgres_installed
  local_cluster=$(reachable_cluster_dir .data/postgres)
  LOCAL_PG_PORT=$(port_for_cluster "$local_cluster" "$LOCAL_PG_PORT")
  echo "Starting the local PostgreSQL in $local_cluster (port $LOCAL_PG_PORT)…"
  # The app's pool (30) and its relay fit well inside PostgreSQL's 100 connections: a burst waits in the pool.
  start_cluster "$local_cluster" "$LOCAL_PG_PORT" "-c max_connections=100"
  ensure_database "$LOCAL_PG_PORT" conversations_demo
  export ConnectionStrings__Conversations="Host=127.0.0.1;Port=${LOCAL_PG_PORT};Database=conversations_demo;Username=postgres"
  export Demo__Load=true # only ever into this local demo database, and only while it is empty
  export Platform__Name="${Platform__Name:-Riverside Participa}" # the demo's platform, named in every email
fi

configured_smtp=$(sed -n 's/.*"Host"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' appsettings.json | head -n 1)
if [ -z "${Email__Smtp__Host:-}" ] && [ -z "$configured_smtp" ]; then
  MAIL_PORT="${MAIL_PORT:-2525}"; MAIL_WEB_PORT="${MAIL_WEB_PORT:-5080}"; MAIL_IMAP_PORT="${MAIL_IMAP_PORT:-1143}"
  mkdir -p .data
  dotnet tool restore -v q >/dev/null
  dotnet tool run smtp4dev --urls="http://127.0.0.1:${MAIL_WEB_PORT}" --smtpport="$MAIL_PORT" --imapport="$MAIL_IMAP_PORT" --pop3port=0 --db= \
    --bindaddress=127.0.0.1 >.data/smtp4dev.log 2>&1 &
  mail=$!
  export Email__Smtp__Host=127.0.0.1 Email__Smtp__Port="$MAIL_PORT" Email__Smtp__Security=None
  export Email__PublicUrl="http://127.0.0.1:${PORT}/" Email__NotifyAfter="00:00:30"
  export Email__Replies__Address=reply@conversations.localhost Email__Replies__Imap__Host=127.0.0.1 \
    Email__Replies__Imap__Port="$MAIL_IMAP_PORT" Email__Replies__Imap__Security=None \
    Email__Replies__Imap__User=replies Email__Replies__Imap__Password=replies
  echo "Mail catcher (smtp4dev): SMTP on 127.0.0.1:${MAIL_PORT}, every email the app sends at http://127.0.0.1:${MAIL_WEB_PORT}, replies read over IMAP on ${MAIL_IMAP_PORT}"
fi

echo "Building…"
dotnet build Conversations.Web -c Release -nologo -v quiet >/dev/null

echo "Conversations is starting at http://127.0.0.1:${PORT} (Ctrl+C stops it)."
dotnet Conversations.Web/bin/Release/net10.0/Conversations.Web.dll &
app=$!
wait "$app"
