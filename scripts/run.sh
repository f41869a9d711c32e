#!/usr/bin/env bash
# Run Workshop CRM locally with everything it needs on this machine.
#
#   scripts/run.sh [HOST-ARGS...]    start what is missing, then the Host (Ctrl-C stops all)
#   scripts/run.sh migrate           database set-up only, then the Host's `migrate` verb
#   scripts/run.sh seed-demo         database set-up only, then the Host's `seed-demo` verb
#   scripts/run.sh verify [--repair] database set-up only, then the Host's `verify` verb
#                                    (both: mails to .local/mail unless Smtp__* is set)
#   scripts/run.sh --stop-postgres   stop the dev PostgreSQL under .local/postgres and exit
#   scripts/run.sh --instances N [HOST-ARGS...]
#                                    N Hosts (ports WORKSHOPCRM_HTTP_PORT+1 ... +N) behind HAProxy on
#                                    WORKSHOPCRM_HTTP_PORT, with pgbouncer (transaction mode) in front of the
#                                    dev PostgreSQL; Debian's haproxy and pgbouncer are installed if missing
#                                    (docs/operations/scale-out.md)
#
# Whatever is already configured in the environment is used as it is:
#   ConnectionStrings__Default  unset: dev PostgreSQL cluster in .local/postgres on 127.0.0.1
#                               (port 5433 or the next free one), database `workshopcrm`, served as
#                               role workshopcrm_app; ConnectionStrings__Migrations is then the
#                               owner, postgres (docs/operations/database-roles.md).
#   Smtp__Host                  unset (and no Smtp__PickupDirectory): smtp4dev on
#                               127.0.0.1:2525, web inbox http://127.0.0.1:5080; if it does
#                               not come up within 20 s, mails go to .local/mail as .eml.
#   EvolutionApi__BaseUrl       unset and tests/EvolutionSimulator/*.csproj exists: the
#                               simulator on http://127.0.0.1:5090.
#   Jwt__SigningKey             unset: a fixed DEVELOPMENT-ONLY key.
#   App__PublicUrl              unset: http://127.0.0.1:$WORKSHOPCRM_HTTP_PORT
#   ASPNETCORE_ENVIRONMENT      unset: Development
#   Database__MigrateOnStartup  unset: true
# Knobs of this script:
#   WORKSHOPCRM_HTTP_PORT=5000      port of the app on 127.0.0.1
#   WORKSHOPCRM_KEEP_POSTGRES=1     leave the dev PostgreSQL running on exit (default: stop
#                                   it on exit if this run started it)
#   WORKSHOPCRM_SKIP_SPA=1          do not build src/Web
# See docs/operations/local-setup.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib/postgres.sh
source "$ROOT/scripts/lib/postgres.sh"
# shellcheck source=scripts/lib/smtp.sh
source "$ROOT/scripts/lib/smtp.sh"
# shellcheck source=scripts/lib/node.sh
source "$ROOT/scripts/lib/node.sh"
# shellcheck source=scripts/lib/scale.sh
source "$ROOT/scripts/lib/scale.sh"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

LOCAL_DIR="$ROOT/.local"
PG_DIR="$LOCAL_DIR/postgres"
HTTP_PORT="${WORKSHOPCRM_HTTP_PORT:-5000}"
HOST_PROJECT="src/Host/WorkshopCrm.Host.csproj"
DEV_JWT_KEY="workshopcrm-DEVELOPMENT-ONLY-jwt-signing-key-never-use-in-production-0123456789abcdef"
DEV_EVOLUTION_KEY="workshopcrm-DEVELOPMENT-ONLY-evolution-api-key"

say() { printf '[run] %s\n' "$*" >&2; }

if [[ "${1:-}" == "--stop-postgres" ]]; then
    pg_stop_cluster "$PG_DIR"
    say "dev PostgreSQL in $PG_DIR is stopped (data kept; delete .local/postgres to start over)"
    exit 0
fi

INSTANCES=1
if [[ "${1:-}" == "--instances" ]]; then
    INSTANCES="${2:-}"
    [[ "$INSTANCES" =~ ^[1-9][0-9]?$ ]] || { say "--instances needs a number of Hosts (1-99)"; exit 2; }
    shift 2
    if ((INSTANCES > 1)) && [[ -n "${ConnectionStrings__Default:-}" ]]; then
        say "--instances puts pgbouncer in front of the dev PostgreSQL: unset ConnectionStrings__Default (or run pgbouncer and the Hosts yourself, docs/operations/scale-out.md)"
        exit 2
    fi
fi

# `migrate` and `seed-demo` run and exit: no mail catcher, simulator, SPA or banner.
ONE_SHOT=""
case "${1:-}" in migrate | seed-demo | verify) ONE_SHOT=1 ;; esac

# ---------------------------------------------------------------- cleanup on exit
STARTED_PG=""
SIM_PID=""
HOST_PID=""
HOST_PIDS=()
SCALE_DIR="$ROOT/.local/scale"
# shellcheck disable=SC2317 # invoked by trap
cleanup() {
    local rc=$?
    trap - EXIT
    trap '' INT TERM # a second Ctrl-C or TERM must not cut the clean-up short
    trap '' PIPE # a closed terminal or pipe must not cut the clean-up short
    if [[ -n "$HOST_PID" ]]; then stop_process_tree "$HOST_PID" 15; fi
    local pid
    for pid in "${HOST_PIDS[@]}"; do stop_process_tree "$pid" 15; done
    if ((INSTANCES > 1)); then
        haproxy_stop "$SCALE_DIR/haproxy" || true
        pgbouncer_stop "$SCALE_DIR/pgbouncer" || true
    fi
    if [[ -n "$SIM_PID" ]]; then stop_process_tree "$SIM_PID" 10; fi
    smtp4dev_stop
    if [[ -n "$STARTED_PG" ]]; then
        if [[ "${WORKSHOPCRM_KEEP_POSTGRES:-}" == 1 ]]; then
            say "dev PostgreSQL keeps running on 127.0.0.1:$(pg_cluster_port "$PG_DIR"); stop it with: scripts/run.sh --stop-postgres"
        else
            pg_stop_cluster "$PG_DIR" || true
        fi
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- PostgreSQL
if [[ -z "${ConnectionStrings__Default:-}" ]]; then
    pg_ensure_installed
    if pg_cluster_running "$PG_DIR"; then
        PG_PORT="$(pg_cluster_port "$PG_DIR")"
        say "dev PostgreSQL already running on 127.0.0.1:$PG_PORT (left running on exit)"
    else
        PG_PORT="$(pg_free_port 5433)"
        STARTED_PG=1
        pg_start_cluster "$PG_DIR" "$PG_PORT" dev
    fi
    pg_create_database "$PG_PORT" workshopcrm
    # Two roles (ADR 0018): the Host serves as workshopcrm_app, which owns nothing and is subject to row-level
    # security (the migrate step creates it on first run); migrations run as the owner, postgres.
    export ConnectionStrings__Default="Host=127.0.0.1;Port=$PG_PORT;Database=workshopcrm;Username=workshopcrm_app;Password=workshopcrm_app"
    export ConnectionStrings__Migrations="Host=127.0.0.1;Port=$PG_PORT;Database=workshopcrm;Username=postgres;Password=postgres"
    DB_NOTE="dev PostgreSQL 127.0.0.1:$PG_PORT, database workshopcrm (app role workshopcrm_app, owner postgres / postgres)"
else
    DB_NOTE="from ConnectionStrings__Default"
fi

# ---------------------------------------------------------------- tools
dotnet tool restore >/dev/null

# ---------------------------------------------------------------- mail
MAIL_NOTE=""
if [[ -n "${Smtp__Host:-}" ]]; then
    MAIL_NOTE="SMTP server $Smtp__Host:${Smtp__Port:-25} (from Smtp__Host)"
elif [[ -n "${Smtp__PickupDirectory:-}" ]]; then
    MAIL_NOTE=".eml files in $Smtp__PickupDirectory (from Smtp__PickupDirectory)"
elif [[ -n "$ONE_SHOT" ]]; then
    mkdir -p "$LOCAL_DIR/mail"
    export Smtp__PickupDirectory="$LOCAL_DIR/mail"
    MAIL_NOTE=".eml files in $Smtp__PickupDirectory"
else
    SMTP_PORT="$(pg_free_port 2525)"
    MAIL_WEB_PORT="$(pg_free_port 5080)"
    say "starting smtp4dev (SMTP 127.0.0.1:$SMTP_PORT, inbox http://127.0.0.1:$MAIL_WEB_PORT)"
    if smtp4dev_start "$SMTP_PORT" "$MAIL_WEB_PORT" "$LOCAL_DIR/smtp4dev" 20; then
        export Smtp__Host=127.0.0.1 Smtp__Port="$SMTP_PORT"
        MAIL_NOTE="smtp4dev inbox http://127.0.0.1:$MAIL_WEB_PORT (SMTP 127.0.0.1:$SMTP_PORT; log .local/smtp4dev/smtp4dev.log)"
    else
        mkdir -p "$LOCAL_DIR/mail"
        export Smtp__PickupDirectory="$LOCAL_DIR/mail"
        say "smtp4dev did not start: FALLING BACK to the pickup folder $Smtp__PickupDirectory"
        MAIL_NOTE=".eml files in $Smtp__PickupDirectory (smtp4dev did not start)"
    fi
fi
export Smtp__From="${Smtp__From:-no-reply@workshopcrm.local}"

# ---------------------------------------------------------------- Evolution API simulator
SIM_NOTE="not configured (EvolutionApi__BaseUrl unset, no simulator project)"
if [[ -n "${EvolutionApi__BaseUrl:-}" ]]; then
    SIM_NOTE="$EvolutionApi__BaseUrl (from EvolutionApi__BaseUrl)"
elif [[ -z "$ONE_SHOT" ]]; then
    shopt -s nullglob
    sim_projects=(tests/EvolutionSimulator/*.csproj)
    shopt -u nullglob
    if ((${#sim_projects[@]} > 0)); then
        SIM_PORT="$(pg_free_port 5090)"
        export EvolutionApi__ApiKey="${EvolutionApi__ApiKey:-$DEV_EVOLUTION_KEY}"
        say "building the Evolution API simulator (${sim_projects[0]})"
        DOTNET_TieredPGO=0 dotnet build "${sim_projects[0]}" -c Release -nologo -v quiet
        mkdir -p "$LOCAL_DIR"
        setsid dotnet run --no-build --project "${sim_projects[0]}" -c Release -- \
            --urls "http://127.0.0.1:$SIM_PORT" </dev/null >"$LOCAL_DIR/evolution-simulator.log" 2>&1 &
        SIM_PID=$!
        for _ in $(seq 1 60); do
            (exec 3<>"/dev/tcp/127.0.0.1/$SIM_PORT") 2>/dev/null && break
            kill -0 "$SIM_PID" 2>/dev/null || break
            sleep 0.5
        done
        if (exec 3<>"/dev/tcp/127.0.0.1/$SIM_PORT") 2>/dev/null; then
            export EvolutionApi__BaseUrl="http://127.0.0.1:$SIM_PORT"
            SIM_NOTE="simulator $EvolutionApi__BaseUrl (log .local/evolution-simulator.log)"
        else
            say "the Evolution API simulator did not start; see .local/evolution-simulator.log"
            tail -n 20 "$LOCAL_DIR/evolution-simulator.log" >&2 || true
            stop_process_tree "$SIM_PID" 5
            SIM_PID=""
            SIM_NOTE="simulator failed to start (WhatsApp sending will fail)"
        fi
    fi
fi

# ---------------------------------------------------------------- SPA
if [[ -f src/Web/package.json && "${WORKSHOPCRM_SKIP_SPA:-}" != 1 && -z "$ONE_SHOT" ]]; then
    node_ensure || exit 1
    say "building the SPA in src/Web"
    (
        cd src/Web
        if [[ -f package-lock.json ]]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
        npm run build
    )
fi

# ---------------------------------------------------------------- the app
if [[ -z "${Jwt__SigningKey:-}" ]]; then
    export Jwt__SigningKey="$DEV_JWT_KEY"
    say "Jwt__SigningKey unset: using the fixed DEVELOPMENT-ONLY key (never in production)"
fi
export App__PublicUrl="${App__PublicUrl:-http://127.0.0.1:$HTTP_PORT}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export Database__MigrateOnStartup="${Database__MigrateOnStartup:-true}"

say "building $HOST_PROJECT"
# Without tiered PGO's instrumentation the compiler, which lives for seconds, compiles about 40 % faster
# (docs/operations/testing.md); the app itself runs as shipped.
DOTNET_TieredPGO=0 dotnet build "$HOST_PROJECT" -c Release -nologo -v quiet

if [[ -n "$ONE_SHOT" ]]; then
    say "running the Host's '$1' verb against: $DB_NOTE"
else
    if (($# > 0)); then say "running the Host with: $*"; fi
    cat >&2 <<EOF

  Workshop CRM   http://127.0.0.1:$HTTP_PORT   (public URL $App__PublicUrl)
  Swagger        http://127.0.0.1:$HTTP_PORT/swagger
  Mail           $MAIL_NOTE
  Database       $DB_NOTE
  Evolution API  $SIM_NOTE
  Environment    $ASPNETCORE_ENVIRONMENT
  Ctrl-C stops the app and what this script started.

EOF
fi

if ((INSTANCES > 1)); then
    # Several instances (issue 20): the schema once, then N Hosts through pgbouncer, each with its own direct LISTEN
    # connection, behind HAProxy, which every browser talks to.
    scale_ensure_installed
    say "database set-up once, before the instances start"
    dotnet run --no-build --project "$HOST_PROJECT" -c Release -- migrate
    BOUNCER_PORT="$(pg_free_port 6432)"
    pgbouncer_start "$SCALE_DIR/pgbouncer" "$BOUNCER_PORT" "$PG_PORT" workshopcrm_app:workshopcrm_app
    ports=()
    for ((i = 1; i <= INSTANCES; i++)); do
        port="$(pg_free_port "$((HTTP_PORT + i))")"
        ports+=("$port")
        say "instance $i on 127.0.0.1:$port (log .local/scale/host-$i.log)"
        ConnectionStrings__Listen="$ConnectionStrings__Default" \
        ConnectionStrings__Default="Host=127.0.0.1;Port=$BOUNCER_PORT;Database=workshopcrm;Username=workshopcrm_app;Password=workshopcrm_app" \
        ReverseProxy__TrustedProxies__0=127.0.0.1 Database__MigrateOnStartup=false Database__PrepareStatements=false \
            setsid dotnet run --no-build --project "$HOST_PROJECT" -c Release -- "$@" --urls "http://127.0.0.1:$port" \
            </dev/null >"$SCALE_DIR/host-$i.log" 2>&1 &
        HOST_PIDS+=($!)
    done
    haproxy_start "$SCALE_DIR/haproxy" "$HTTP_PORT" "${ports[@]}"
    say "$INSTANCES instances behind HAProxy on http://127.0.0.1:$HTTP_PORT, pgbouncer on 127.0.0.1:$BOUNCER_PORT; Ctrl-C stops them all"
    set +e
    wait -n "${HOST_PIDS[@]}"
    rc=$?
    set -e
    say "an instance stopped (exit $rc); stopping the others"
    exit "$rc"
fi

# In its own process group so that Ctrl-C reaches only this script, which then stops
# the Host and the helpers in order (see cleanup).
setsid dotnet run --no-build --project "$HOST_PROJECT" -c Release -- \
    "$@" --urls "http://127.0.0.1:$HTTP_PORT" </dev/null &
HOST_PID=$!
set +e
wait "$HOST_PID"
rc=$?
set -e
HOST_PID=""
exit "$rc"
