# shellcheck shell=bash
# smtp4dev helpers for scripts/run.sh. Source this file; it defines functions only.
#
# smtp4dev comes from the repo's local tool manifest (dotnet-tools.json, `dotnet tool
# restore`). It is started with every listener on 127.0.0.1: SMTP on the given port, the
# web inbox on the given port, IMAP and POP3 turned off, an in-memory message store, and
# no user settings file.
#
# Functions:
#   smtp4dev_start SMTP_PORT WEB_PORT STATE_DIR [TIMEOUT_S]
#       start in its own session (process group), wait until SMTP and web answer;
#       sets SMTP4DEV_PID; on failure kills it and returns 1. Log: STATE_DIR/smtp4dev.log
#   smtp4dev_stop   stop the instance started by smtp4dev_start

SMTP4DEV_PID=""

_smtp_log() { printf '[smtp4dev] %s\n' "$*" >&2; }

_smtp_port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

smtp4dev_start() {
    local smtp_port=${1:?smtp port} web_port=${2:?web port} state=${3:?state dir} timeout=${4:-20}
    mkdir -p "$state/appdata"
    state="$(cd "$state" && pwd)"
    # setsid: own process group, so Ctrl-C in the terminal does not hit it directly and
    # smtp4dev_stop can end the `dotnet` launcher and the Rnwood.Smtp4dev child together.
    setsid dotnet smtp4dev \
        --urls="http://127.0.0.1:$web_port" \
        --smtpport="$smtp_port" \
        --bindaddress=127.0.0.1 \
        --disableipv6 \
        --imapport= \
        --pop3port= \
        --db= \
        --nousersettings \
        --baseappdatapath="$state/appdata" \
        </dev/null >"$state/smtp4dev.log" 2>&1 &
    SMTP4DEV_PID=$!
    local waited=0
    while ((waited < timeout * 2)); do
        if ! kill -0 "$SMTP4DEV_PID" 2>/dev/null; then
            _smtp_log "exited during start-up; last lines of $state/smtp4dev.log:"
            tail -n 20 "$state/smtp4dev.log" >&2 || true
            SMTP4DEV_PID=""
            return 1
        fi
        if _smtp_port_open "$smtp_port" && _smtp_port_open "$web_port"; then
            return 0
        fi
        sleep 0.5
        waited=$((waited + 1))
    done
    _smtp_log "did not listen on 127.0.0.1:$smtp_port and :$web_port within ${timeout}s"
    tail -n 20 "$state/smtp4dev.log" >&2 || true
    smtp4dev_stop
    return 1
}

smtp4dev_stop() {
    [[ -n "$SMTP4DEV_PID" ]] || return 0
    local pid=$SMTP4DEV_PID
    SMTP4DEV_PID=""
    stop_process_tree "$pid" 10
}

# stop_process_tree PID [GRACE_S]: SIGTERM to PID's process group (if PID leads one, as
# after setsid), to PID and to its direct children (`dotnet smtp4dev` and `dotnet run` run
# the real program as a child); SIGKILL whatever is left after GRACE_S seconds.
# Also used by scripts/run.sh.
stop_process_tree() {
    local pid=${1:?pid} grace=${2:-10} pids p i alive
    kill -0 "$pid" 2>/dev/null || return 0
    pids="$pid $(ps -o pid= --ppid "$pid" 2>/dev/null | tr -s ' \n' ' ' || true)"
    if [[ "$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ')" == "$pid" ]]; then
        kill -TERM -- "-$pid" 2>/dev/null || true
    fi
    for p in $pids; do kill -TERM "$p" 2>/dev/null || true; done
    for ((i = 0; i < grace * 4; i++)); do
        alive=""
        for p in $pids; do kill -0 "$p" 2>/dev/null && alive=1; done
        [[ -n "$alive" ]] || return 0
        sleep 0.25
    done
    for p in $pids; do kill -KILL "$p" 2>/dev/null || true; done
}
