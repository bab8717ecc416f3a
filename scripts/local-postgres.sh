# Helpers to run a private PostgreSQL cluster from a folder; sourced by run.sh and test.sh.
# PostgreSQL refuses to run as root, so as root the cluster belongs to (and runs as) the `postgres` OS user.

pg_bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$dir" ] && command -v pg_ctl >/dev/null 2>&1; then dir=$(dirname "$(readlink -f "$(command -v pg_ctl)")"); fi
  echo "$dir"
}

ensure_postgres_installed() {
  if [ -n "$(pg_bin_dir)" ] && [ -x "$(pg_bin_dir)/initdb" ]; then return 0; fi
  echo "PostgreSQL is not installed; installing it with apt-get…" >&2
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql >/dev/null
}

# Runs a PostgreSQL program as the cluster's owner, from / so that a private working directory does not matter.
pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

# reachable_cluster_dir WANTED: where the cluster for WANTED (a folder of the project's, e.g. .data/postgres) lives.
# That is WANTED itself unless the tools run as root and the postgres user cannot reach it (a clone in root's home or in
# any private, mode-700 folder); then a folder of the postgres user's own, named after WANTED's full path, so that
# nobody's folder permissions change. Prints the folder.
reachable_cluster_dir() {
  local wanted="$1" parent home key
  parent=$(dirname "$wanted"); mkdir -p "$parent"; parent=$(cd "$parent" && pwd)
  wanted="$parent/$(basename "$wanted")"
  if [ "$(id -u)" -ne 0 ] || (cd / && runuser -u postgres -- test -x "$parent" -a -r "$parent") 2>/dev/null; then
    echo "$wanted"; return 0
  fi
  key=$(printf '%s' "$wanted" | sha256sum | cut -c1-12)
  local outside
  outside="$(clusters_elsewhere_dir)/$(basename "$(dirname "$parent")")-$(basename "$wanted")-$key"
  # Where it is and whose it is, written down on both sides: the clone's next run finds it again, and
  # `./run.sh --clean` (or any run of another clone) can tell a cluster whose clone is gone.
  mkdir -p "$(dirname "$outside")"
  printf '%s\n' "$wanted" >"$outside.clone"
  printf '%s\n' "$outside" >"$wanted.elsewhere"
  echo "$outside"
}

# The folder that holds the clusters of clones the postgres user cannot reach.
clusters_elsewhere_dir() {
  local home
  home=$(getent passwd postgres | cut -d: -f6)
  [ -n "$home" ] && [ -d "$home" ] || home=/var/tmp
  echo "$home/conversations"
}

# clean_clusters_elsewhere CLONE_ROOT: stops and removes the clusters kept outside this clone for it, and those of
# clones that no longer exist. Prints what it removed.
clean_clusters_elsewhere() {
  local root="$1" marker data owner
  for marker in "$(clusters_elsewhere_dir)"/*.clone; do
    [ -f "$marker" ] || continue
    data="${marker%.clone}"; owner=$(head -n 1 "$marker")
    case "$owner" in
      "$root"/*) ;;
      *) [ -e "$(dirname "$(dirname "$owner")")" ] && continue ;;  # another clone, still there: its own
    esac
    stop_cluster "$data"
    echo "Removed $data ($(du -sh "$data" 2>/dev/null | cut -f1 || echo 0), for $owner)"
    rm -rf "$data" "$marker"
    rm -f "$owner.elsewhere"
  done
}

# warn_about_orphan_clusters: one line when clusters of clones that no longer exist are still kept.
warn_about_orphan_clusters() {
  local marker owner count=0 size
  for marker in "$(clusters_elsewhere_dir)"/*.clone; do
    [ -f "$marker" ] || continue
    owner=$(head -n 1 "$marker")
    [ -e "$(dirname "$(dirname "$owner")")" ] || count=$((count + 1))
  done
  if [ "$count" -gt 0 ]; then
    size=$(du -sh "$(clusters_elsewhere_dir)" 2>/dev/null | cut -f1)
    echo "Note: $count PostgreSQL cluster(s) in $(clusters_elsewhere_dir) ($size in all) belong to clones that no longer exist; ./run.sh --clean removes them." >&2
  fi
}

# start_cluster DATA_DIR PORT [SERVER_OPTIONS]: creates the cluster on first use, then starts it on 127.0.0.1:PORT.
start_cluster() {
  local data="$1" port="$2" extra="${3:-}" bin
  bin=$(pg_bin_dir)
  mkdir -p "$data"
  data=$(cd "$data" && pwd)
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$data"; chmod 700 "$data"; fi
  if [ ! -f "$data/PG_VERSION" ]; then
    pg_as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if pg_as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then return 0; fi
  pg_as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
    -o "-p $port -k $data -c listen_addresses=127.0.0.1 $extra" start >/dev/null
}

# port_for_cluster DATA_DIR WANTED_PORT: the port the cluster already listens on (a run that was killed left it running),
# else WANTED_PORT or the next free one (another clone's cluster may hold it).
port_for_cluster() {
  local data="$1" wanted="$2"
  if [ -f "$data/postmaster.pid" ] && pg_as_owner "$(pg_bin_dir)/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    sed -n 4p "$data/postmaster.pid"
  else
    free_port "$wanted"
  fi
}

stop_cluster() {
  local data="$1"
  [ -f "$data/PG_VERSION" ] || return 0
  pg_as_owner "$(pg_bin_dir)/pg_ctl" -D "$(cd "$data" && pwd)" -m fast -w stop >/dev/null 2>&1 || true
}

# ensure_database PORT NAME: creates the database when it does not exist yet.
ensure_database() {
  local port="$1" name="$2" bin
  bin=$(pg_bin_dir)
  if ! "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1; then
    "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$name"
  fi
}

# free_port FROM: the first port from FROM upwards that nothing listens on.
free_port() {
  local port="$1"
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}
