# shellcheck shell=bash
# PostgreSQL helpers for scripts/run.sh and scripts/test.sh. Source this file; it defines
# functions only and changes no shell options.
#
# A "cluster directory" DIR holds:
#   DIR/data                PGDATA (initdb'd on first start)
#   DIR/run                 unix socket directory (only if the path is short enough)
#   DIR/log/postgresql.log  server log
#
# Every cluster listens on 127.0.0.1 only. The superuser is `postgres` with password
# `postgres`. Modes:
#   dev   scram-sha-256 password auth on 127.0.0.1, durable settings (fsync on).
#   test  trust auth on 127.0.0.1, fsync/synchronous_commit/full_page_writes off, many
#         connections: a throwaway cluster for test runs, never for data you want to keep.
#
# When the caller is root, the server runs as the `postgres` OS user (PostgreSQL refuses to
# run as root) and DIR is chowned to that user; otherwise it runs as the caller.
#
# Functions:
#   pg_ensure_installed              find the server binaries, apt-get install them if missing
#   pg_free_port START [END]         print the first TCP port in START..END free on 127.0.0.1
#   pg_cluster_running DIR           exit 0 if the cluster in DIR is up
#   pg_cluster_port DIR              print the port of the running cluster in DIR
#   pg_start_cluster DIR PORT [MODE] initdb if needed, then start (MODE: dev|test, default dev)
#   pg_stop_cluster DIR              stop the cluster in DIR if it runs (fast shutdown)
#   pg_psql PORT [psql args...]      psql as postgres over 127.0.0.1:PORT
#   pg_create_database PORT NAME     create database NAME if it does not exist

PG_BINDIR="${PG_BINDIR:-}"
PG_OS_USER="${PG_OS_USER:-postgres}"

_pg_log() { printf '[postgres] %s\n' "$*" >&2; }

# Highest /usr/lib/postgresql/N/bin that has pg_ctl, else pg_config --bindir, else PATH.
_pg_find_bindir() {
    local d best="" bestver=-1 ver
    for d in /usr/lib/postgresql/*/bin; do
        [[ -x "$d/pg_ctl" && -x "$d/initdb" && -x "$d/postgres" ]] || continue
        ver="${d#/usr/lib/postgresql/}"
        ver="${ver%%/*}"
        ver="${ver%%.*}"
        [[ "$ver" =~ ^[0-9]+$ ]] || continue
        if ((ver > bestver)); then
            bestver=$ver
            best=$d
        fi
    done
    if [[ -z "$best" ]] && command -v pg_config >/dev/null 2>&1; then
        d="$(pg_config --bindir 2>/dev/null || true)"
        [[ -n "$d" && -x "$d/pg_ctl" && -x "$d/initdb" ]] && best=$d
    fi
    if [[ -z "$best" ]] && command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
        best="$(dirname "$(command -v pg_ctl)")"
    fi
    [[ -n "$best" ]] || return 1
    printf '%s\n' "$best"
}

_pg_is_root() { [[ "$(id -u)" -eq 0 ]]; }

# Runs a command as the OS user that owns the server: `postgres` when we are root.
_pg_as_owner() {
    if _pg_is_root; then
        (cd / && runuser -u "$PG_OS_USER" -- "$@")
    else
        "$@"
    fi
}

pg_ensure_installed() {
    if [[ -n "$PG_BINDIR" && -x "$PG_BINDIR/pg_ctl" ]] || PG_BINDIR="$(_pg_find_bindir)"; then
        :
    else
        _pg_log "PostgreSQL server binaries not found; installing Debian's postgresql package"
        local sudo=()
        if ! _pg_is_root; then
            if command -v sudo >/dev/null 2>&1; then
                sudo=(sudo -n)
            else
                _pg_log "not root and no sudo: install PostgreSQL yourself (apt-get install postgresql)"
                return 1
            fi
        fi
        # apt-get update must come first: a fresh machine may have no package lists at all.
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 || return 1
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
            postgresql postgresql-client >&2 || return 1
        PG_BINDIR="$(_pg_find_bindir)" || { _pg_log "installed, but still no pg_ctl/initdb found"; return 1; }
    fi
    if ! command -v psql >/dev/null 2>&1 && [[ ! -x "$PG_BINDIR/psql" ]]; then
        _pg_log "psql not found"
        return 1
    fi
    if _pg_is_root && ! id -u "$PG_OS_USER" >/dev/null 2>&1; then
        _pg_log "creating OS user $PG_OS_USER to run the server"
        useradd --system --user-group --no-create-home --shell /usr/sbin/nologin "$PG_OS_USER" || return 1
    fi
    export PG_BINDIR
}

_pg_psql_bin() {
    if [[ -n "$PG_BINDIR" && -x "$PG_BINDIR/psql" ]]; then
        printf '%s\n' "$PG_BINDIR/psql"
    else
        command -v psql
    fi
}

# Exit 0 if something accepts TCP connections on 127.0.0.1:PORT.
_pg_port_in_use() {
    local port=$1
    if command -v ss >/dev/null 2>&1; then
        ss -Hltn "sport = :$port" 2>/dev/null | grep -q . && return 0
    fi
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}

pg_free_port() {
    local port=${1:?start port} end=${2:-$(($1 + 200))}
    while ((port <= end)); do
        if ! _pg_port_in_use "$port"; then
            printf '%s\n' "$port"
            return 0
        fi
        port=$((port + 1))
    done
    _pg_log "no free port in $1..$end"
    return 1
}

pg_cluster_running() {
    local data="${1:?cluster dir}/data"
    [[ -f "$data/postmaster.pid" ]] || return 1
    [[ -n "$PG_BINDIR" ]] || PG_BINDIR="$(_pg_find_bindir)" || return 1
    _pg_as_owner "$PG_BINDIR/pg_ctl" -D "$data" status >/dev/null 2>&1
}

# Line 4 of postmaster.pid is the port.
pg_cluster_port() {
    local data="${1:?cluster dir}/data"
    sed -n 4p "$data/postmaster.pid" 2>/dev/null
}

_pg_init_cluster() {
    local dir=$1 mode=$2 data="$1/data" pwfile locale_args auth_host
    _pg_log "initdb $data ($mode)"
    pwfile="$dir/.pwfile"
    (umask 077 && printf 'postgres\n' >"$pwfile")
    if _pg_is_root; then chown "$PG_OS_USER:" "$pwfile"; fi
    if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then
        locale_args=(--locale=C.UTF-8 --encoding=UTF8)
    else
        locale_args=(--locale=C --encoding=UTF8)
    fi
    if [[ "$mode" == test ]]; then auth_host=trust; else auth_host=scram-sha-256; fi
    if ! _pg_as_owner "$PG_BINDIR/initdb" -D "$data" -U postgres --pwfile="$pwfile" \
        "${locale_args[@]}" --auth-local=trust --auth-host="$auth_host" \
        >"$dir/log/initdb.log" 2>&1; then
        rm -f "$pwfile"
        _pg_log "initdb failed:"
        cat "$dir/log/initdb.log" >&2
        return 1
    fi
    rm -f "$pwfile"

    # Unix sockets are limited to ~107 bytes of path; skip the socket if DIR is too deep
    # (everything here connects over TCP anyway).
    local sockdir="$dir/run"
    if ((${#sockdir} > 80)); then sockdir=""; fi

    {
        printf '\n# ---- added by scripts/lib/postgres.sh (%s cluster) ----\n' "$mode"
        printf "listen_addresses = '127.0.0.1'\n"
        printf "unix_socket_directories = '%s'\n" "$sockdir"
        printf "unix_socket_permissions = 0700\n"
        printf "password_encryption = 'scram-sha-256'\n"
        printf "logging_collector = off\n"
        printf "log_min_messages = warning\n"
        printf "log_min_error_statement = error\n"
        if [[ "$mode" == test ]]; then
            printf "max_connections = 500\n"
            printf "shared_buffers = 128MB\n"
            printf "fsync = off\n"
            printf "synchronous_commit = off\n"
            printf "full_page_writes = off\n"
            printf "wal_level = minimal\n"
            printf "max_wal_senders = 0\n"
            printf "max_wal_size = 1GB\n"
            printf "checkpoint_timeout = 30min\n"
            printf "autovacuum = off\n"
        else
            printf "max_connections = 300\n"
            printf "shared_buffers = 128MB\n"
        fi
    } >>"$data/postgresql.conf"
}

# pg_start_cluster DIR PORT [dev|test]
pg_start_cluster() {
    local dir=${1:?cluster dir} port=${2:?port} mode=${3:-dev}
    case "$mode" in dev | test) ;; *) _pg_log "unknown mode '$mode' (dev|test)"; return 1 ;; esac
    [[ -n "$PG_BINDIR" ]] || pg_ensure_installed || return 1

    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd)"
    mkdir -p "$dir/run" "$dir/log"
    if _pg_is_root; then
        chown "$PG_OS_USER:" "$dir" "$dir/run" "$dir/log"
        [[ -d "$dir/data" ]] && chown -R "$PG_OS_USER:" "$dir/data"
    fi
    chmod 700 "$dir/run"

    if pg_cluster_running "$dir"; then
        _pg_log "already running in $dir on port $(pg_cluster_port "$dir")"
        return 0
    fi
    if [[ ! -f "$dir/data/PG_VERSION" ]]; then
        if [[ -d "$dir/data" ]] && [[ -n "$(ls -A "$dir/data")" ]]; then
            _pg_log "$dir/data exists, is not empty and is no cluster: refusing to touch it"
            return 1
        fi
        _pg_init_cluster "$dir" "$mode" || return 1
    fi
    # A stale pid file from a killed server makes pg_ctl refuse; pg_ctl status said it is down.
    rm -f "$dir/data/postmaster.pid"

    if _pg_port_in_use "$port"; then
        _pg_log "port $port on 127.0.0.1 is in use"
        return 1
    fi
    _pg_log "starting $mode cluster $dir on 127.0.0.1:$port"
    if ! _pg_as_owner "$PG_BINDIR/pg_ctl" -D "$dir/data" -l "$dir/log/postgresql.log" \
        -o "-p $port" -w -t 60 start >/dev/null; then
        _pg_log "pg_ctl start failed; last lines of $dir/log/postgresql.log:"
        tail -n 30 "$dir/log/postgresql.log" >&2 || true
        return 1
    fi
}

pg_stop_cluster() {
    local dir=${1:?cluster dir}
    [[ -d "$dir/data" ]] || return 0
    [[ -n "$PG_BINDIR" ]] || PG_BINDIR="$(_pg_find_bindir)" || return 1
    if pg_cluster_running "$dir"; then
        _pg_log "stopping cluster $dir"
        _pg_as_owner "$PG_BINDIR/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null ||
            _pg_as_owner "$PG_BINDIR/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null
    fi
}

# pg_psql PORT [psql args...]: as postgres/postgres over TCP, no psqlrc, stop on error.
pg_psql() {
    local port=${1:?port}
    shift
    PGPASSWORD=postgres PGCONNECT_TIMEOUT=10 "$(_pg_psql_bin)" -X -q -v ON_ERROR_STOP=1 \
        -h 127.0.0.1 -p "$port" -U postgres -d postgres "$@"
}

pg_create_database() {
    local port=${1:?port} name=${2:?database name}
    if [[ ! "$name" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]]; then
        _pg_log "database name '$name' must be a plain identifier"
        return 1
    fi
    if [[ "$(pg_psql "$port" -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'")" != 1 ]]; then
        _pg_log "creating database $name"
        pg_psql "$port" -c "CREATE DATABASE \"$name\""
    fi
}
