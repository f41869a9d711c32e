# shellcheck shell=bash
# Several Host instances on one machine (issue 20, docs/operations/scale-out.md): pgbouncer in transaction mode in
# front of PostgreSQL and HAProxy in front of the Hosts, both from Debian's packages, both on 127.0.0.1 only, both in
# a directory of their own (config, pid file, log). Sourced by scripts/run.sh and bench/run.sh; needs postgres.sh.
#
#   scale_ensure_installed                          apt-get install pgbouncer and haproxy if missing
#   pgbouncer_start DIR PORT PG_PORT USER:PASSWORD...  transaction pooling for every database of PG_PORT; the users
#                                                   listed may sign in (SCRAM, as PostgreSQL checks them)
#   pgbouncer_stop DIR
#   haproxy_start DIR PORT BACKEND_PORT...          round robin over the Hosts, each checked on /health/ready
#   haproxy_stop DIR

_scale_log() { printf '[scale] %s\n' "$*" >&2; }

scale_ensure_installed() {
    local missing=()
    command -v pgbouncer >/dev/null 2>&1 || [[ -x /usr/sbin/pgbouncer ]] || missing+=(pgbouncer)
    command -v haproxy >/dev/null 2>&1 || [[ -x /usr/sbin/haproxy ]] || missing+=(haproxy)
    ((${#missing[@]} == 0)) && return 0
    local sudo=()
    if [[ "$(id -u)" -ne 0 ]]; then
        command -v sudo >/dev/null 2>&1 || { _scale_log "not root and no sudo: apt-get install ${missing[*]} yourself"; return 1; }
        sudo=(sudo -n)
    fi
    _scale_log "installing Debian's ${missing[*]}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 || return 1
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2 || return 1
}

_scale_bin() { command -v "$1" 2>/dev/null || echo "/usr/sbin/$1"; }

_scale_wait_port() { # _scale_wait_port PORT SECONDS
    local i
    for ((i = 0; i < $2 * 10; i++)); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}

_scale_stop_pidfile() { # _scale_stop_pidfile FILE NAME
    local pid
    pid="$(cat "$1" 2>/dev/null)" || return 0
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || { rm -f "$1"; return 0; }
    kill -TERM "$pid" 2>/dev/null || true
    local i
    for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
    rm -f "$1"
    _scale_log "$2 stopped"
}

# pgbouncer in transaction mode: a server connection is lent for one transaction, so many Host connections share a
# few of PostgreSQL's. What that rules out (session state, LISTEN, prepared statements) is in scale-out.md.
pgbouncer_start() {
    local dir=${1:?dir} port=${2:?port} pg_port=${3:?PostgreSQL port}
    shift 3
    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd)"
    local entry user password
    : >"$dir/userlist.txt"
    for entry in "$@"; do
        user=${entry%%:*} password=${entry#*:}
        printf '"%s" "%s"\n' "$user" "$password" >>"$dir/userlist.txt"
    done
    cat >"$dir/pgbouncer.ini" <<EOF
; written by scripts/lib/scale.sh
[databases]
* = host=127.0.0.1 port=$pg_port

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = scram-sha-256
auth_file = $dir/userlist.txt
pool_mode = transaction
; per database and user: the Hosts' pools (up to 100 each) share these server connections
default_pool_size = 20
reserve_pool_size = 5
max_client_conn = 1000
; Npgsql sends none of the rest, but a client that does must not be refused
ignore_startup_parameters = extra_float_digits,search_path
server_reset_query =
server_check_query = select 1
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
log_connections = 0
log_disconnections = 0
EOF
    chmod 600 "$dir/userlist.txt"
    if [[ "$(id -u)" -eq 0 ]]; then chown -R "${PG_OS_USER:-postgres}:" "$dir"; fi # pgbouncer refuses to run as root
    _scale_log "starting pgbouncer (transaction mode) on 127.0.0.1:$port in front of 127.0.0.1:$pg_port"
    if [[ "$(id -u)" -eq 0 ]]; then
        (cd / && runuser -u "${PG_OS_USER:-postgres}" -- "$(_scale_bin pgbouncer)" -d -q "$dir/pgbouncer.ini") || return 1
    else
        "$(_scale_bin pgbouncer)" -d -q "$dir/pgbouncer.ini" || return 1
    fi
    _scale_wait_port "$port" 10 || { _scale_log "pgbouncer did not listen on $port"; tail -n 20 "$dir/pgbouncer.log" >&2; return 1; }
}

pgbouncer_stop() { _scale_stop_pidfile "${1:?dir}/pgbouncer.pid" pgbouncer; }

# HAProxy: no stickiness (the live streams are fed the same on every instance through PostgreSQL's NOTIFY), long
# timeouts for those streams (the Host sends a heartbeat every 20 s), X-Forwarded-For for the per-address limits.
haproxy_start() {
    local dir=${1:?dir} port=${2:?port}
    shift 2
    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd)"
    {
        cat <<EOF
# written by scripts/lib/scale.sh
global
    pidfile $dir/haproxy.pid
    log stdout format raw local0 warning

defaults
    mode http
    log global
    option httplog
    option forwardfor
    option redispatch
    retries 2
    timeout connect 5s
    timeout http-request 15s
    timeout client 65s
    timeout server 65s

frontend crm
    bind 127.0.0.1:$port
    default_backend hosts

backend hosts
    balance roundrobin
    option httpchk GET /health/ready
    http-check expect status 200
    default-server inter 1s fall 2 rise 1
EOF
        local i=1 p
        for p in "$@"; do printf '    server host%d 127.0.0.1:%s check\n' "$i" "$p"; i=$((i + 1)); done
    } >"$dir/haproxy.cfg"
    "$(_scale_bin haproxy)" -c -q -f "$dir/haproxy.cfg" || { _scale_log "haproxy refused $dir/haproxy.cfg"; return 1; }
    _scale_log "starting HAProxy on 127.0.0.1:$port over the Hosts on port(s) $*"
    "$(_scale_bin haproxy)" -D -f "$dir/haproxy.cfg" >"$dir/haproxy.log" 2>&1 || { cat "$dir/haproxy.log" >&2; return 1; }
    _scale_wait_port "$port" 10 || { _scale_log "HAProxy did not listen on $port"; return 1; }
}

haproxy_stop() { _scale_stop_pidfile "${1:?dir}/haproxy.pid" HAProxy; }
