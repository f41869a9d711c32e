#!/usr/bin/env bash
# Workshop CRM benchmark: see docs/performance.md for what it measures, the figures and how to read them.
#
#   bench/run.sh [--quality-size] [--commit REV | --snapshot | --no-build] [--runs N] [--duration SECONDS] [--keep]
#
# 1. starts a throwaway PostgreSQL cluster on a free 127.0.0.1 port (durable settings: fsync, synchronous_commit and
#    full_page_writes stay on; only memory and checkpoint spacing are raised, as on a dev box),
# 2. builds the Host in Release, starts it against a fresh database and waits for /health/ready,
# 3. registers one large tenant through the API, bulk-seeds it and the other tenants with SQL (bench/seed.sql),
#    VACUUM ANALYZE, restarts the Host (start-to-ready on a full database),
# 4. warms up, then for each of --runs rounds drives with wrk (16 connections, 2 threads, --duration seconds each):
#    the board, a column page (a real nextCursor), the lead search and the move endpoint, and runs the board's SQL
#    through pgbench (same concurrency and duration) right after the API board, for the API/pgbench ratio,
#    then each endpoint at one connection (latency without queueing); before each run it waits for a quiet machine
#    and it records the CPU used by the Host, PostgreSQL and other processes,
# 5. prints the medians over the rounds as a table and writes everything to bench/results/<time>/ (wrk and pgbench
#    outputs, cpu.txt, pg_stat_statements.txt, explain-board.txt, logs).
# Everything listens on and talks to 127.0.0.1 only; every wait is bounded; the trap stops the Host and the cluster.
#
# Sizes (environment; defaults = issue 5: one tenant of 10,000 deals over 2,000 leads, plus 100 more of that size):
#   BENCH_USERS=20 BENCH_LEADS=2000 BENCH_DEALS=10000 BENCH_NOTES=30000            the large tenant
#   BENCH_OTHER_TENANTS=100 BENCH_OTHER_USERS=20 BENCH_OTHER_LEADS=2000
#   BENCH_OTHER_DEALS=10000 BENCH_OTHER_NOTES=30000                               each other tenant
# --quality-size: QUALITY.md's data set instead (one tenant with 20 users, 50,000 leads, 100,000 deals, 300,000
#   notes, among 1,000 small tenants of 3 users, 50 leads, 100 deals, 300 notes); explicit BENCH_* still win.
# Load: BENCH_DURATION=15 BENCH_WARMUP=5 BENCH_RUNS=3 BENCH_CONNECTIONS=16 BENCH_THREADS=2
#   BENCH_ACTIVITIES=30000 (300,000 with --quality-size) activities in the large tenant (issue 16): 20 % overdue,
#   5 % due today, 35 % upcoming, 40 % done; 4 in 5 on a deal
#   BENCH_SCENARIOS="board small column search move today overdue complete" ("today" and "overdue" are the agenda's pages
#   of the whole company, "complete" completes a random open activity; "timeline" is a random deal's history, "funnel",
#   "outcomes", "reasons" and "team" the reports over the last 365 days for the whole company (issue 17); "small" is the board of a company with 1,000 deals, for the
#   comparison with the large one's; a subset runs only those, e.g. BENCH_SCENARIOS=search for the lead
#   search alone; pgbench runs only with board; "mix" is the SPA's call mix, bench/lua/mix.lua, at
#   BENCH_MIX_CONNECTIONS=50 connections with BENCH_MIX_STREAMS=50 live streams (/api/pipeline/events) held open;
#   "mix2" is the same mix against two more Hosts behind HAProxy, both through pgbouncer in transaction mode, each
#   with a direct LISTEN connection (issue 20, scripts/lib/scale.sh), started when the scenario first runs)
#   BENCH_IMPORT_ROWS=0 (N: after the load, import a pt-BR CSV of N leads with a deal each into the large tenant and
#   time upload, dry run and run, issue 19)
#   "export" (issue 19) is no wrk load: it downloads the large tenant's whole board as a file (GET /api/exports/deals,
#   csv and xlsx, BENCH_EXPORT_RUNS=3 times each after one discarded) and records the time, the size and the Host's
#   resident memory before and at its peak during the download (sampled every 50 ms): streamed, memory stays flat
#   BENCH_SINGLE_DURATION=10 (the one-connection pass; 0 skips it), BENCH_SINGLE_RUNS=3 (passes; the summary gives their
#   medians), BENCH_QUIET_WAIT=120 (seconds to wait for a quiet
#   machine before each run), BENCH_PGBENCH_PLAN=custom|auto (plan_cache_mode for pgbench, see docs/performance.md)
# Row-level security: BENCH_DB_ROLE=runtime (default: the Host serves as workshopcrm_app, RLS applies) | owner (as the
#   superuser, which bypasses RLS); compare with --commit of a revision before RLS for its whole cost.
# Connection: BENCH_CONNECTION_OPTIONS (appended to the one Host's connection string, e.g. "Max Auto Prepare=64").
# Other: BENCH_RESULTS_DIR (default bench/results/<time>), BENCH_KEEP=1 (keep the stopped cluster's files),
#   --commit REV builds that commit (git archive) in the temp directory: a reproducible build that neither disturbs
#   nor is disturbed by work in progress in the work tree; --snapshot builds a copy of the work tree as it is (tracked
#   and untracked, not ignored, files); --no-build uses the work tree's last bench publish; default: build the work
#   tree in place. Every build is a ReadyToRun publish, as src/Host/Dockerfile makes the image.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
# shellcheck source-path=SCRIPTDIR/.. source=scripts/lib/postgres.sh
source "$ROOT/scripts/lib/postgres.sh"
# shellcheck source-path=SCRIPTDIR/.. source=scripts/lib/scale.sh
source "$ROOT/scripts/lib/scale.sh"

log() { printf '\n[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[bench] error: %s\n' "$*" >&2; exit 1; }

quality=0 snapshot=0 build=1 rev="" keep="${BENCH_KEEP:-0}"
while (($#)); do
    case "$1" in
        --quality-size) quality=1 ;;
        --snapshot) snapshot=1 ;;
        --commit) rev=${2:?--commit REV}; shift ;;
        --no-build) build=0 ;;
        --keep) keep=1 ;;
        --runs) BENCH_RUNS=${2:?--runs N}; shift ;;
        --duration) BENCH_DURATION=${2:?--duration SECONDS}; shift ;;
        -h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
    shift
done

if ((quality)); then
    : "${BENCH_USERS:=20}" "${BENCH_LEADS:=50000}" "${BENCH_DEALS:=100000}" "${BENCH_NOTES:=300000}"
    : "${BENCH_OTHER_TENANTS:=1000}" "${BENCH_OTHER_USERS:=3}" "${BENCH_OTHER_LEADS:=50}"
    : "${BENCH_OTHER_DEALS:=100}" "${BENCH_OTHER_NOTES:=300}"
fi
USERS=${BENCH_USERS:-20} LEADS=${BENCH_LEADS:-2000} DEALS=${BENCH_DEALS:-10000} NOTES=${BENCH_NOTES:-30000}
OTHERS=${BENCH_OTHER_TENANTS:-100} O_USERS=${BENCH_OTHER_USERS:-20} O_LEADS=${BENCH_OTHER_LEADS:-2000}
O_DEALS=${BENCH_OTHER_DEALS:-10000} O_NOTES=${BENCH_OTHER_NOTES:-30000}
DURATION=${BENCH_DURATION:-15} WARMUP=${BENCH_WARMUP:-5} RUNS=${BENCH_RUNS:-3}
CONNECTIONS=${BENCH_CONNECTIONS:-16} THREADS=${BENCH_THREADS:-2}
ACTIVITIES=${BENCH_ACTIVITIES:-$((quality ? 300000 : 30000))}
SCENARIOS=${BENCH_SCENARIOS:-board small column search move today overdue complete timeline funnel outcomes reasons team export}
for v in $SCENARIOS; do
    [[ "$v" =~ ^(board|small|column|search|move|mix|mix2|today|overdue|complete|timeline|funnel|outcomes|reasons|team|export)$ ]] ||
        die "BENCH_SCENARIOS: unknown scenario '$v' (board small column search move mix mix2 today overdue complete timeline funnel outcomes reasons team export)"
done
# The scenarios wrk drives (all but export, which is measured on its own).
WRK_SCENARIOS="$(sed 's/\bexport\b//g' <<<"$SCENARIOS")"
[[ -n "${SCENARIOS// /}" ]] || die "BENCH_SCENARIOS is empty"
has_scenario() { [[ " $SCENARIOS " == *" $1 "* ]]; }
for v in USERS LEADS DEALS NOTES OTHERS O_USERS O_LEADS O_DEALS O_NOTES DURATION WARMUP RUNS CONNECTIONS THREADS; do
    [[ "${!v}" =~ ^[0-9]+$ ]] || die "$v must be a whole number (got '${!v}')"
done
((USERS >= 1 && LEADS >= 1 && DEALS >= 70 && O_USERS >= 1 && O_LEADS >= 1 && O_DEALS >= 1)) ||
    die "sizes too small: a tenant needs a user and a lead; the large tenant at least 70 deals"
((RUNS >= 1 && RUNS <= 20 && DURATION >= 1 && DURATION <= 600)) || die "1..20 runs of 1..600 s"

(((snapshot || ${#rev}) && !build)) && die "--snapshot and --commit build a copy: they cannot be combined with --no-build"
((snapshot && ${#rev})) && die "--snapshot or --commit, not both"
if [[ -n "$rev" ]]; then
    rev="$(git -C "$ROOT" rev-parse --verify --quiet "$rev^{commit}")" || die "--commit: no such commit"
fi

RESULTS="${BENCH_RESULTS_DIR:-$BENCH/results/$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$RESULTS"
RESULTS="$(cd "$RESULTS" && pwd)"

# ---- prerequisites -------------------------------------------------------------------------------------------
apt_install() {
    local sudo=()
    [[ "$(id -u)" -eq 0 ]] || sudo=(sudo -n)
    log "installing $* (Debian packages)"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >&2
}
command -v wrk >/dev/null 2>&1 || apt_install wrk
command -v curl >/dev/null 2>&1 || apt_install curl
command -v python3 >/dev/null 2>&1 || apt_install python3
pg_ensure_installed
PGBENCH="$PG_BINDIR/pgbench"
[[ -x "$PGBENCH" ]] || PGBENCH="$(command -v pgbench)" || die "pgbench not found (Debian: postgresql-contrib / postgresql)"
command -v dotnet >/dev/null 2>&1 || die "the .NET SDK (dotnet) is needed"

# ---- work directory and cleanup ------------------------------------------------------------------------------
WORK="$(mktemp -d /tmp/workshopcrm-bench.XXXXXX)"
chmod 711 "$WORK" # the server runs as the postgres OS user when we are root
PGDIR="$WORK/pg"
HOST_PID=""
PGPORT=""
SCALE_PIDS=()
SCALE_BASE=""

stop_host() {
    local pid=$HOST_PID i
    [[ -n "$pid" ]] || return 0
    HOST_PID=""
    kill -TERM "$pid" 2>/dev/null || return 0
    for ((i = 0; i < 150; i++)); do
        kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

stop_scale() { # the mix2 scenario's two Hosts, HAProxy and pgbouncer
    local pid
    for pid in "${SCALE_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${SCALE_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    SCALE_PIDS=()
    [[ -z "$SCALE_BASE" ]] && return 0
    haproxy_stop "$WORK/haproxy" >/dev/null 2>&1
    pgbouncer_stop "$WORK/pgbouncer" >/dev/null 2>&1
    SCALE_BASE=""
}

cleanup() {
    local status=$?
    set +e
    stop_host
    stop_scale
    pg_stop_cluster "$PGDIR" >/dev/null 2>&1
    if [[ "$keep" == 1 ]]; then
        log "kept $WORK (stopped cluster in $PGDIR)"
    else
        rm -rf "$WORK"
    fi
    ((status == 0)) || printf '[bench] failed (exit %s); logs in %s\n' "$status" "$RESULTS" >&2
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

now_ms() { date +%s%3N; }

# ---- PostgreSQL ----------------------------------------------------------------------------------------------
DB=workshopcrm_bench
PGPORT="$(pg_free_port 55432 55632)"
pg_start_cluster "$PGDIR" "$PGPORT" dev
# Durable settings stay (fsync, synchronous_commit, full_page_writes on). A dev box with 24 GB gets more memory than
# the 128 MB default, and checkpoints spaced out so the bulk seed does not checkpoint every few seconds.
pg_psql "$PGPORT" -c "ALTER SYSTEM SET shared_buffers = '1GB'" \
    -c "ALTER SYSTEM SET effective_cache_size = '8GB'" \
    -c "ALTER SYSTEM SET maintenance_work_mem = '512MB'" \
    -c "ALTER SYSTEM SET max_wal_size = '8GB'" \
    -c "ALTER SYSTEM SET checkpoint_timeout = '15min'" \
    -c "ALTER SYSTEM SET track_io_timing = on" \
    -c "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'"
pg_stop_cluster "$PGDIR"
pg_start_cluster "$PGDIR" "$PGPORT" dev
pg_create_database "$PGPORT" "$DB"
psql_db() { pg_psql "$PGPORT" -d "$DB" "$@"; }
# Where the database's time goes, per statement, during the measured rounds (reset after the warm-up).
psql_db -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null
pg_settings="$(psql_db -tAc "SELECT string_agg(name || '=' || current_setting(name), ' ' ORDER BY name) FROM pg_settings
    WHERE name IN ('server_version','shared_buffers','effective_cache_size','work_mem','maintenance_work_mem','fsync',
                   'synchronous_commit','full_page_writes','max_wal_size','checkpoint_timeout','max_connections','random_page_cost','jit')")"
log "PostgreSQL on 127.0.0.1:$PGPORT: $pg_settings"

# ---- build ---------------------------------------------------------------------------------------------------
SRC="$ROOT"
if [[ -n "$rev" ]]; then
    SRC="$WORK/src"
    log "extracting commit ${rev:0:12} to $SRC"
    mkdir -p "$SRC"
    git -C "$ROOT" archive --format=tar "$rev" | tar -xf - -C "$SRC"
elif ((snapshot)); then
    SRC="$WORK/src"
    log "copying the work tree to $SRC"
    mkdir -p "$SRC"
    (cd "$ROOT" && git ls-files -z -co --exclude-standard | tar --null -T - -cf -) | tar -xf - -C "$SRC"
fi
# Published as the container image is (src/Host/Dockerfile): ReadyToRun, so the start is the shipped one.
PUBLISHED="$SRC/src/Host/bin/Release/net10.0/bench-publish"
HOST_DLL="$PUBLISHED/WorkshopCrm.Host.dll"
if ((build)); then
    log "dotnet publish src/Host -c Release (ReadyToRun)"
    # No tiered PGO for the compilers, which live for a minute (docs/operations/testing.md); the Host runs as shipped.
    (cd "$SRC" && DOTNET_TieredPGO=0 dotnet publish src/Host -c Release --arch amd64 --self-contained false -p:PublishReadyToRun=true \
        -p:UseAppHost=false -o "$PUBLISHED" -nologo -v q --disable-build-servers) >"$RESULTS/build.log" 2>&1 ||
        { tail -n 30 "$RESULTS/build.log" >&2; die "build failed (see $RESULTS/build.log)"; }
fi
[[ -f "$HOST_DLL" ]] || die "$HOST_DLL is missing (publish first: drop --no-build)"

# ---- Host ----------------------------------------------------------------------------------------------------
HTTP_PORT="$(pg_free_port 5600 5800)"
# The role the Host serves as (ADR 0018): runtime = workshopcrm_app, row-level security applies, as in production;
# owner = the superuser postgres, which bypasses it (the binding statements are still sent): the policies' own cost.
case "${BENCH_DB_ROLE:-runtime}" in
    runtime) APP_DB_USER=workshopcrm_app ;;
    owner) APP_DB_USER=postgres ;;
    *) die "BENCH_DB_ROLE must be runtime or owner" ;;
esac
BASE="http://127.0.0.1:$HTTP_PORT"
mkdir -p "$WORK/mail"
host_starts=0
JWT_KEY="bench-only-signing-key-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')" # random per run, never a real secret
start_host() {
    local t0 i code
    host_starts=$((host_starts + 1))
    t0=$(now_ms)
    HOST_T0=$t0
    ConnectionStrings__Default="Host=127.0.0.1;Port=$PGPORT;Database=$DB;Username=$APP_DB_USER;Password=$APP_DB_USER${BENCH_CONNECTION_OPTIONS:+;$BENCH_CONNECTION_OPTIONS}" \
        ConnectionStrings__Migrations="Host=127.0.0.1;Port=$PGPORT;Database=$DB;Username=postgres;Password=postgres" \
        Jwt__SigningKey="$JWT_KEY" \
        Smtp__PickupDirectory="$WORK/mail" \
        ASPNETCORE_ENVIRONMENT=Production \
        Logging__LogLevel__Default=Warning \
        App__PublicUrl="$BASE" \
        dotnet "$HOST_DLL" --urls "$BASE" >>"$RESULTS/host-$host_starts.log" 2>&1 &
    HOST_PID=$!
    for ((i = 0; i < 1200; i++)); do # 120 s at most
        kill -0 "$HOST_PID" 2>/dev/null || { tail -n 30 "$RESULTS/host-$host_starts.log" >&2; die "the Host exited"; }
        code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/health/ready" || true)"
        if [[ "$code" == 200 ]]; then
            READY_MS=$(($(now_ms) - t0))
            return 0
        fi
        sleep 0.1
    done
    die "the Host was not ready within 120 s"
}
# mix2 (issue 20): two more Hosts through pgbouncer (transaction mode), LISTEN direct, behind HAProxy on its own port.
start_scale() {
    [[ -n "$SCALE_BASE" ]] && return 0
    scale_ensure_installed || die "pgbouncer and haproxy are needed for mix2"
    local bouncer port ports=() i code
    bouncer="$(pg_free_port 6432)"
    pgbouncer_start "$WORK/pgbouncer" "$bouncer" "$PGPORT" "$APP_DB_USER:$APP_DB_USER" || die "pgbouncer did not start"
    for i in 1 2; do
        port="$(pg_free_port "$((HTTP_PORT + 10 + i))")"
        ports+=("$port")
        ConnectionStrings__Default="Host=127.0.0.1;Port=$bouncer;Database=$DB;Username=$APP_DB_USER;Password=$APP_DB_USER" \
            ConnectionStrings__Listen="Host=127.0.0.1;Port=$PGPORT;Database=$DB;Username=$APP_DB_USER;Password=$APP_DB_USER" \
            Database__MigrateOnStartup=false Database__PrepareStatements=false ReverseProxy__TrustedProxies__0=127.0.0.1 \
            Jwt__SigningKey="$JWT_KEY" Smtp__PickupDirectory="$WORK/mail" ASPNETCORE_ENVIRONMENT=Production \
            Logging__LogLevel__Default=Warning App__PublicUrl="$BASE" \
            dotnet "$HOST_DLL" --urls "http://127.0.0.1:$port" >>"$RESULTS/host-scale-$i.log" 2>&1 &
        SCALE_PIDS+=($!)
    done
    port="$(pg_free_port "$((HTTP_PORT + 10))")"
    haproxy_start "$WORK/haproxy" "$port" "${ports[@]}" || die "HAProxy did not start"
    SCALE_BASE="http://127.0.0.1:$port"
    for ((i = 0; i < 1200; i++)); do # both instances ready behind the balancer, 120 s at most
        code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:${ports[0]}/health/ready" || true)"
        [[ "$code" == 200 ]] && code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:${ports[1]}/health/ready" || true)"
        [[ "$code" == 200 ]] && break
        sleep 0.1
    done
    [[ "$code" == 200 ]] || die "the two Hosts behind HAProxy were not ready within 120 s (logs: $RESULTS/host-scale-*.log)"
    log "mix2: two Hosts (ports ${ports[*]}) through pgbouncer 127.0.0.1:$bouncer behind HAProxy $SCALE_BASE"
}
start_host
READY_FRESH_MS=$READY_MS
log "Host ready on $BASE in $READY_FRESH_MS ms (fresh database: migrations included)"

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

OWNER_EMAIL="owner@bench-large.workshopcrm.test"
OWNER_PASSWORD="Bench-pass-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
code="$(curl -s -o "$WORK/register.json" -w '%{http_code}' --max-time 30 -H 'Content-Type: application/json' \
    -d "{\"companyName\":\"Oficina Grande Bench\",\"name\":\"Dona Benedita Bench\",\"email\":\"$OWNER_EMAIL\",\"password\":\"$OWNER_PASSWORD\"}" \
    "$BASE/api/auth/register")"
[[ "$code" == 201 ]] || { cat "$WORK/register.json" >&2; die "register answered $code"; }
TENANT="$(json 'd["user"]["tenant"]["id"]' <"$WORK/register.json")"
OWNER="$(json 'd["user"]["id"]' <"$WORK/register.json")"
SMALL_EMAIL="owner@bench-small.workshopcrm.test"
code="$(curl -s -o "$WORK/register-small.json" -w '%{http_code}' --max-time 30 -H 'Content-Type: application/json' \
    -d "{\"companyName\":\"Oficina Pequena Bench\",\"name\":\"Seu Pequeno Bench\",\"email\":\"$SMALL_EMAIL\",\"password\":\"$OWNER_PASSWORD\"}" \
    "$BASE/api/auth/register")"
[[ "$code" == 201 ]] || { cat "$WORK/register-small.json" >&2; die "register (small company) answered $code"; }
SMALL_TENANT="$(json 'd["user"]["tenant"]["id"]' <"$WORK/register-small.json")"
SMALL_OWNER="$(json 'd["user"]["id"]' <"$WORK/register-small.json")"
log "registered the large tenant $TENANT (Business Owner user $OWNER); waiting for its pipeline.members row"
member=""
for ((i = 0; i < 150; i++)); do # 15 s at most
    member="$(psql_db -tAc "SELECT 1 FROM pipeline.members WHERE user_id = $OWNER")"
    [[ "$member" == 1 ]] && break
    sleep 0.1
done
[[ "$member" == 1 ]] || die "pipeline.members has no row for user $OWNER after 15 s (UserRegistered not consumed?)"
for ((i = 0; i < 150; i++)); do
    [[ "$(psql_db -tAc "SELECT 1 FROM pipeline.members WHERE user_id = $SMALL_OWNER")" == 1 ]] && break
    sleep 0.1
done

# ---- seed ----------------------------------------------------------------------------------------------------
total_deals=$((DEALS + OTHERS * O_DEALS))
log "seeding: large tenant $USERS users / $LEADS leads / $DEALS deals / $NOTES notes; $OTHERS others of $O_USERS / $O_LEADS / $O_DEALS / $O_NOTES; $total_deals deals in all"
t0=$(now_ms)
psql_db -v large_tenant="$TENANT" -v large_owner="$OWNER" -v users="$USERS" -v leads="$LEADS" -v deals="$DEALS" \
    -v notes="$NOTES" -v others="$OTHERS" -v o_users="$O_USERS" -v o_leads="$O_LEADS" -v o_deals="$O_DEALS" \
    -v o_notes="$O_NOTES" -f "$BENCH/seed.sql" >"$RESULTS/seed.log" 2>&1 || { tail -n 30 "$RESULTS/seed.log" >&2; die "seed failed"; }
if grep -qE '\|[[:space:]]*f[[:space:]]*$' "$RESULTS/seed.log"; then cat "$RESULTS/seed.log" >&2; die "a seed check failed"; fi
# The small company, for the board's size comparison: 200 leads and 1,000 deals, 7 columns filled evenly.
psql_db -v small="$SMALL_TENANT" -v owner="$SMALL_OWNER" >>"$RESULTS/seed.log" 2>&1 <<'SQL' || die "seeding the small company failed"
INSERT INTO pipeline.leads (tenant_id, user_id, name, email, phone, created_at, updated_at)
SELECT :small, :owner, 'Cliente Pequeno ' || g, 'cliente' || g || '@pequena.bench.test', '+55 71 98765-' || lpad(g::text, 4, '0'),
       now() - interval '90 days', now() - interval '90 days'
FROM generate_series(1, 200) g;
INSERT INTO pipeline.deals (tenant_id, lead_id, user_id, pipeline_stage_id, title, value, loss_reason, sort_order,
                            stage_entered_at, created_at, updated_at)
SELECT :small, l.id, :owner, g % 7 + 1, 'Revisão ' || g, 100 + g, CASE WHEN g % 7 = 6 THEN 'Preço' END, (g / 7 + 1) * 1024,
       now() - g * interval '1 hour', now() - interval '60 days', now() - g * interval '1 hour'
FROM generate_series(0, 999) g
JOIN LATERAL (SELECT id FROM pipeline.leads WHERE tenant_id = :small ORDER BY id OFFSET g % 200 LIMIT 1) l ON true;
SQL
# Activities (issue 16) in the large tenant, on its deals (4 in 5) or their leads, owned by the deal's owner; due
# dates around the company's today (São Paulo): 20 % overdue, 5 % today, 35 % in the next 60 days, 40 % done.
psql_db -v t="$TENANT" -v n="$ACTIVITIES" >>"$RESULTS/seed.log" 2>&1 <<'SQL' || die "seeding the activities failed"
INSERT INTO pipeline.activities (tenant_id, lead_id, deal_id, user_id, created_by, activity_type_id, subject, notes, due_date,
                                 due_time, duration_minutes, done_at, done_by, outcome, created_at, updated_at)
SELECT :t, d.lead_id, CASE WHEN g % 5 = 4 THEN NULL ELSE d.id END, d.user_id, d.user_id, g % 6 + 1, 'Retorno ' || g,
       CASE WHEN g % 4 = 0 THEN 'Confirmar o orçamento e o prazo de entrega.' END, x.due,
       CASE WHEN g % 3 = 0 THEN NULL ELSE time '08:00' + (g % 20) * interval '30 minutes' END, CASE WHEN g % 3 = 0 THEN NULL ELSE 30 END,
       CASE WHEN x.kind = 'done' THEN x.due + interval '10 hours' END, CASE WHEN x.kind = 'done' THEN d.user_id END,
       CASE WHEN x.kind = 'done' AND g % 2 = 0 THEN 'Falou com o cliente' END, x.due - interval '7 days', x.due - interval '7 days'
FROM generate_series(1, :n) g
CROSS JOIN (SELECT count(*) AS deals FROM pipeline.deals WHERE tenant_id = :t) n
-- rn = an expression of the left side only, so this is a hash join (a condition on both sides was 300,000 x 100,000)
JOIN (SELECT id, lead_id, user_id, row_number() OVER (ORDER BY id) AS rn FROM pipeline.deals WHERE tenant_id = :t) d
  ON d.rn = g % n.deals + 1
CROSS JOIN LATERAL (
  SELECT CASE WHEN g % 20 < 4 THEN 'overdue' WHEN g % 20 = 4 THEN 'today' WHEN g % 20 < 12 THEN 'upcoming' ELSE 'done' END AS kind,
         (now() AT TIME ZONE 'America/Sao_Paulo')::date + CASE
             WHEN g % 20 < 4 THEN -(1 + g % 60) WHEN g % 20 = 4 THEN 0 WHEN g % 20 < 12 THEN 1 + g % 60 ELSE -(1 + g % 300) END AS due
) x;
SELECT count(*) FILTER (WHERE done_at IS NULL AND due_date < (now() AT TIME ZONE 'America/Sao_Paulo')::date) AS overdue,
       count(*) FILTER (WHERE done_at IS NULL AND due_date = (now() AT TIME ZONE 'America/Sao_Paulo')::date) AS today,
       count(*) AS activities
FROM pipeline.activities WHERE tenant_id = :t;
SQL
# History (issue 17, ADR 0021): about 5 entries a deal in the large tenant, as if every deal had been created in New
# Lead over the last year and moved one stage at a time to where it is now (a value change on every third), dated
# between its creation and its stage-entered time. Deals created in a later stage would be rarer; this is the worst case.
psql_db -v t="$TENANT" >>"$RESULTS/seed.log" 2>&1 <<'SQL' || die "seeding the history failed"
UPDATE pipeline.deals SET created_at = stage_entered_at - ((id % 60) + 1) * interval '1 day'
WHERE tenant_id = :t AND (created_at IS NULL OR created_at >= stage_entered_at);
INSERT INTO pipeline.deal_events (tenant_id, deal_id, deal_event_kind_id, user_id, at, to_stage_id, to_value, to_user_id, to_title)
SELECT d.tenant_id, d.id, 1, d.user_id, d.created_at, 1, d.value, d.user_id, d.title
FROM pipeline.deals d WHERE d.tenant_id = :t;
INSERT INTO pipeline.deal_events (tenant_id, deal_id, deal_event_kind_id, user_id, at, from_stage_id, to_stage_id, loss_reason)
SELECT d.tenant_id, d.id, 2, d.user_id,
       d.created_at + (d.stage_entered_at - d.created_at) * s.step / greatest(least(d.pipeline_stage_id, 6) - 1, 1),
       s.step, CASE WHEN s.step + 1 = least(d.pipeline_stage_id, 6) THEN d.pipeline_stage_id ELSE s.step + 1 END,
       CASE WHEN s.step + 1 = least(d.pipeline_stage_id, 6) THEN d.loss_reason END
FROM pipeline.deals d
CROSS JOIN LATERAL generate_series(1, least(d.pipeline_stage_id, 6) - 1) s(step)
WHERE d.tenant_id = :t AND d.pipeline_stage_id > 1;
INSERT INTO pipeline.deal_events (tenant_id, deal_id, deal_event_kind_id, user_id, at, from_value, to_value)
SELECT d.tenant_id, d.id, 4, d.user_id, d.created_at + interval '1 hour', d.value - 100, d.value
FROM pipeline.deals d WHERE d.tenant_id = :t AND d.id % 3 = 0;
UPDATE pipeline.deals SET furthest_stage_id = CASE WHEN pipeline_stage_id = 7 THEN 5 ELSE pipeline_stage_id END WHERE tenant_id = :t;
SELECT count(*) AS history_entries FROM pipeline.deal_events WHERE tenant_id = :t;
-- WhatsApp times (issue 18): a conversation with every fifth lead of the large tenant, half of them awaiting a reply.
INSERT INTO pipeline.whatsapp_conversations (tenant_id, phone, last_in_at, last_out_at)
SELECT l.tenant_id, l.phone_digits, now() - (l.id % 48) * interval '1 hour',
       now() - (l.id % 48) * interval '1 hour' + CASE WHEN l.id % 10 = 0 THEN interval '-1 hour' ELSE interval '1 hour' END
FROM pipeline.leads l WHERE l.tenant_id = :t AND l.id % 5 = 0 AND l.phone_digits IS NOT NULL
ON CONFLICT DO NOTHING;
SQL
SEED_MS=$(($(now_ms) - t0))
t0=$(now_ms)
psql_db -c "VACUUM (ANALYZE)" >>"$RESULTS/seed.log" 2>&1
VACUUM_MS=$(($(now_ms) - t0))
psql_db -c "SELECT (SELECT count(*) FROM identity.tenants) AS tenants, (SELECT count(*) FROM pipeline.members) AS members,
                   (SELECT count(*) FROM pipeline.leads) AS leads, (SELECT count(*) FROM pipeline.deals) AS deals,
                   (SELECT count(*) FROM pipeline.deal_notes) AS notes, pg_size_pretty(pg_database_size(current_database())) AS db_size" |
    tee "$RESULTS/dataset.txt"
psql_db -c "SELECT pipeline_stage_id AS stage, count(*) AS cards, sum(value) AS total FROM pipeline.deals WHERE tenant_id = $TENANT GROUP BY 1 ORDER BY 1" \
    | tee -a "$RESULTS/dataset.txt"
log "seeded in $((SEED_MS / 1000)) s, VACUUM ANALYZE in $((VACUUM_MS / 1000)) s"

# A restart on the full database: start-to-ready as an operator sees it (migrations already applied).
stop_host
start_host
READY_MS_FULL=$READY_MS
log "Host restarted, ready in $READY_MS_FULL ms"

# ---- requests ------------------------------------------------------------------------------------------------
TOKEN="" TOKEN_AT=0
fresh_token() { # access tokens live 15 minutes: sign in again when the one we have is 10 minutes old
    local code
    (($(date +%s) - TOKEN_AT < 600)) && [[ -n "$TOKEN" ]] && return 0
    code="$(curl -s -o "$WORK/login.json" -w '%{http_code}' --max-time 30 -H 'Content-Type: application/json' \
        -d "{\"email\":\"$OWNER_EMAIL\",\"password\":\"$OWNER_PASSWORD\",\"rememberMe\":false}" "$BASE/api/auth/login")"
    [[ "$code" == 200 ]] || { cat "$WORK/login.json" >&2; die "login answered $code"; }
    TOKEN="$(json 'd["accessToken"]' <"$WORK/login.json")"
    code="$(curl -s -o "$WORK/login-small.json" -w '%{http_code}' --max-time 30 -H 'Content-Type: application/json' \
        -d "{\"email\":\"$SMALL_EMAIL\",\"password\":\"$OWNER_PASSWORD\",\"rememberMe\":false}" "$BASE/api/auth/login")"
    [[ "$code" == 200 ]] || { cat "$WORK/login-small.json" >&2; die "login (small company) answered $code"; }
    SMALL_TOKEN="$(json 'd["accessToken"]' <"$WORK/login-small.json")"
    TOKEN_AT=$(date +%s)
}
fresh_token
get() { curl -s -o "$2" -w '%{http_code}' --max-time 30 -H "Authorization: Bearer $TOKEN" "$BASE$1"; }

code="$(get /api/pipeline/board "$WORK/board.json")"
[[ "$code" == 200 ]] || { cat "$WORK/board.json" >&2; die "GET /api/pipeline/board answered $code"; }
# Ready is not the whole start: what the Host builds on first use (EF's models, compiled queries) is paid by the first
# requests. From the restart's launch to the large tenant's first board answered, both sign-ins included.
FIRST_BOARD_MS=$(($(now_ms) - HOST_T0))
log "first board answered $FIRST_BOARD_MS ms after the restart's launch (sign-ins included)"
python3 - "$WORK/board.json" <<'EOF' | tee -a "$RESULTS/dataset.txt"
import json, sys
board = json.load(open(sys.argv[1]))
print("board of the large tenant: %d bytes of JSON" % len(open(sys.argv[1], "rb").read()))
for c in board["columns"]:
    print("  stage %d %-14s totalCount %6d  totalValue %14.2f  cards %d  nextCursor %s"
          % (c["stage"]["id"], c["stage"]["name"], c["totalCount"], c["totalValue"], len(c["deals"]), "yes" if c["nextCursor"] else "no"))
EOF
CURSOR="$(python3 -c 'import json,sys,urllib.parse; b=json.load(open(sys.argv[1])); print(urllib.parse.quote(b["columns"][0]["nextCursor"], safe=""))' "$WORK/board.json")"
COLUMN_PATH="/api/pipeline/board/columns/1?cursor=$CURSOR&limit=20"
code="$(get "$COLUMN_PATH" "$WORK/column.json")"
[[ "$code" == 200 ]] || { cat "$WORK/column.json" >&2; die "GET $COLUMN_PATH answered $code"; }
code="$(get "/api/leads?search=silva" "$WORK/leads.json")"
[[ "$code" == 200 ]] || { cat "$WORK/leads.json" >&2; die "GET /api/leads?search=silva answered $code"; }
log "lead search 'silva': $(json '"%d matches" % d["total"]' <"$WORK/leads.json")"

# Every 10th deal of the large tenant is an anchor (a neighbour for moves, never moved itself); the rest move.
psql_db -tAc "SELECT id FROM pipeline.deals WHERE tenant_id = $TENANT AND id % 10 <> 0" >"$WORK/movable.txt"
psql_db -tA -F ' ' -c "SELECT pipeline_stage_id, id FROM pipeline.deals WHERE tenant_id = $TENANT AND id % 10 = 0" >"$WORK/anchors.txt"
psql_db -tAc "SELECT id FROM pipeline.leads WHERE tenant_id = $TENANT ORDER BY id LIMIT 5000" >"$WORK/leads.txt"
# Open activities to complete: enough that a run seldom draws one twice (a second completion of the same activity with
# the same outcome changes nothing and writes nothing, so it would flatter the figures); reopen_completed puts the
# bench's completions back before each run of "complete", so every run starts from the same open activities.
psql_db -tAc "SELECT id FROM pipeline.activities WHERE tenant_id = $TENANT AND done_at IS NULL ORDER BY random() LIMIT 60000" >"$WORK/activities.txt"
reopen_completed() {
    psql_db -qc "UPDATE pipeline.activities SET done_at = NULL, done_by = NULL, outcome = NULL WHERE tenant_id = $TENANT AND outcome = 'bench: falou com o cliente'" >/dev/null
    psql_db -qc "VACUUM pipeline.activities" >/dev/null
}
sed "s/^\\\\set tenant .*/\\\\set tenant $TENANT/" "$BENCH/board.pgbench" >"$WORK/board.pgbench"
sed "s/^\\\\set tenant .*/\\\\set tenant $TENANT/" "$BENCH/board-without-activities.pgbench" >"$WORK/board-bare.pgbench"
sed "s/^\\\\set tenant .*/\\\\set tenant $TENANT/" "$BENCH/board-without-awaiting.pgbench" >"$WORK/board-noawait.pgbench"

export BENCH_LUA_DIR="$BENCH/lua" BENCH_MOVABLE_FILE="$WORK/movable.txt" BENCH_ANCHORS_FILE="$WORK/anchors.txt" \
    BENCH_LEADS_FILE="$WORK/leads.txt" BENCH_COLUMN_PATH="$COLUMN_PATH" BENCH_ACTIVITIES_FILE="$WORK/activities.txt"
# The reports' period: the last 365 days of the company's calendar (São Paulo).
YEAR="from=$(TZ=America/Sao_Paulo date -d '364 days ago' +%F)&to=$(TZ=America/Sao_Paulo date +%F)"
MIX_CONNECTIONS=${BENCH_MIX_CONNECTIONS:-50} MIX_STREAMS=${BENCH_MIX_STREAMS:-50}
# name -> "lua-script path"
declare -A SCENARIO=(
    [board]="get.lua /api/pipeline/board"
    [small]="get.lua /api/pipeline/board"
    [column]="get.lua $COLUMN_PATH"
    [search]="search.lua /api/leads"
    [move]="move.lua /api/deals"
    [mix]="mix.lua /api/me"
    [mix2]="mix.lua /api/me"
    [today]="get.lua /api/activities?scope=today&pageSize=50"
    [overdue]="get.lua /api/activities?scope=overdue&pageSize=50"
    [complete]="complete.lua /api/activities"
    [timeline]="timeline.lua /api/deals"
    [funnel]="get.lua /api/reports/funnel?$YEAR"
    [outcomes]="get.lua /api/reports/outcomes?$YEAR&groupBy=month"
    [reasons]="get.lua /api/reports/loss-reasons?$YEAR"
    [team]="get.lua /api/reports/team?$YEAR"
)
# CPU use while a scenario runs, from /proc, in cores (2 = both cores busy): the Host's, this cluster's PostgreSQL
# processes' (those alive at the end: pgbench's own backends have exited by then, so "pg" misses them), other
# processes' on the machine (other people's builds and tests: they distort the figures) and the whole machine's.
# The rest of "all" is the load generator (and processes that ended during the run). cpu.txt gets
# "name host pg other all background_before".
cpu_snapshot() { # cpu_snapshot FILE: "busy total" then "pid ppid ticks" per process
    python3 - "$1" <<'PY'
import os, sys
with open(sys.argv[1], "w") as out:
    f = open("/proc/stat").readline().split()[1:]
    u, n, s, i, w, irq, sirq, st = (int(x) for x in f[:8])
    out.write("%d %d\n" % (u + n + s + irq + sirq + st, u + n + s + i + w + irq + sirq + st))
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            stat = open("/proc/%s/stat" % pid).read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        out.write("%s %s %d\n" % (pid, fields[1], int(fields[11]) + int(fields[12])))
PY
}
cpu_record() { # cpu_record NAME BEFORE AFTER BACKGROUND
    local hosts="${HOST_PID:-0}" proxies
    [[ "$1" == mix2* ]] && hosts="$(IFS=,; echo "${SCALE_PIDS[*]}")"
    proxies="$(cat "$WORK/haproxy/haproxy.pid" "$WORK/pgbouncer/pgbouncer.pid" 2>/dev/null | paste -sd, || true)"
    python3 - "$@" "$hosts" "$(head -n1 "$PGDIR/data/postmaster.pid" 2>/dev/null || echo 0)" "$$" \
        "$(nproc)" "${proxies:-0}" >>"$RESULTS/cpu.txt" <<'PY'
import sys
name, before, after, background, host, postmaster, shell, cores, proxies = sys.argv[1:10]
hosts, proxies = set(host.split(",")), set(proxies.split(","))
def load(path):
    lines = open(path).read().split("\n")
    busy, total = (int(x) for x in lines[0].split())
    procs = {}
    for line in lines[1:]:
        if line:
            pid, ppid, ticks = line.split()
            procs[pid] = (ppid, int(ticks))
    return busy, total, procs
b0, t0, p0 = load(before)
b1, t1, p1 = load(after)
per_core = (t1 - t0) / int(cores)
def mine(pid):  # this script and its descendants
    seen = 0
    while pid in p1 and seen < 64:
        if pid == shell:
            return True
        pid, seen = p1[pid][0], seen + 1
    return False
host_t = pg_t = other_t = proxy_t = 0
for pid, (ppid, ticks) in p1.items():
    delta = ticks - (p0[pid][1] if pid in p0 else 0)
    if pid in hosts:
        host_t += delta
    elif pid in proxies:
        proxy_t += delta
    elif pid == postmaster or ppid == postmaster:
        pg_t += delta
    elif ppid in ("0", "2") or pid in ("1", "2") or mine(pid):
        continue
    else:
        other_t += delta
print("%s %.2f %.2f %.2f %.2f %s %.2f" % (name, host_t / per_core, pg_t / per_core, other_t / per_core, (b1 - b0) / per_core, background, proxy_t / per_core))
PY
}
quiet_gate() { # waits (BENCH_QUIET_WAIT s, 120 at most) until the machine is nearly idle for 2 s; prints that load in cores
    local i b0 t0 b1 t1 bg=9 calm=0
    for ((i = 0; i < ${BENCH_QUIET_WAIT:-120}; i++)); do
        read -r b0 t0 < <(head -n1 /proc/stat | awk '{print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9}')
        sleep 1
        read -r b1 t1 < <(head -n1 /proc/stat | awk '{print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9}')
        bg="$(awk -v db="$((b1 - b0))" -v dt="$((t1 - t0))" -v c="$(nproc)" 'BEGIN { printf "%.2f", (dt > 0 ? db * c / dt : 0) }')"
        if awk -v b="$bg" 'BEGIN { exit !(b < 0.3) }'; then
            calm=$((calm + 1))
            ((calm >= 2)) && break
        else
            calm=0
        fi
    done
    printf '%s\n' "$bg"
}
STREAM_PIDS=()
open_streams() { # open_streams N [BASE]: N live streams (what N open SPA tabs hold), read and thrown away
    local i
    for ((i = 0; i < $1; i++)); do
        curl -sN -H "Authorization: Bearer $TOKEN" "${2:-$BASE}/api/pipeline/events" >/dev/null 2>&1 &
        STREAM_PIDS+=($!)
    done
}
close_streams() {
    ((${#STREAM_PIDS[@]})) || return 0
    kill "${STREAM_PIDS[@]}" 2>/dev/null || true
    wait "${STREAM_PIDS[@]}" 2>/dev/null || true
    STREAM_PIDS=()
}
run_wrk() { # run_wrk NAME SECONDS RESULT_FILE [CONNECTIONS THREADS]
    local name=$1 seconds=$2 file=$3 c=${4:-$CONNECTIONS} t=${5:-$THREADS} script path label=$1 default=$CONNECTIONS rc=0 base=$BASE
    read -r script path <<<"${SCENARIO[$name]}"
    if [[ "$name" == mix2 ]]; then
        start_scale
        base=$SCALE_BASE
    fi
    if [[ "$name" == mix || "$name" == mix2 ]]; then
        default=$MIX_CONNECTIONS
        ((c == CONNECTIONS)) && c=$MIX_CONNECTIONS
        ((c == 1)) || open_streams "$MIX_STREAMS" "$base"
    fi
    ((c == default)) || label="$name@$c"
    [[ "$name" != complete ]] || reopen_completed
    BENCH_TOKEN="$([[ "$name" == small ]] && echo "$SMALL_TOKEN" || echo "$TOKEN")" BENCH_NAME="$label" BENCH_RESULT_FILE="$file" \
        wrk -t"$t" -c"$c" -d"${seconds}s" --timeout 10s --latency -s "$BENCH_LUA_DIR/$script" "$base$path" || rc=$?
    close_streams
    return $rc
}
# pgbench -M prepared would switch to a generic plan after 5 executions; the app sends unprepared statements and gets
# a custom plan (with the real tenant and LIMIT) every time. BENCH_PGBENCH_PLAN=custom (default) keeps the prepared
# protocol but forces custom plans, so both run the same plans; "auto" leaves PostgreSQL's default.
case "${BENCH_PGBENCH_PLAN:-custom}" in
    custom) PGBENCH_OPTIONS="-c plan_cache_mode=force_custom_plan" ;;
    auto) PGBENCH_OPTIONS="" ;;
    *) die "BENCH_PGBENCH_PLAN is custom or auto" ;;
esac
run_pgbench() { # run_pgbench ROUND [LABEL SCRIPT]: the board's SQL (or, as pgbench-bare, the same without the next activity)
    local r=$1 label=${2:-pgbench} script=${3:-$WORK/board.pgbench} out="$RESULTS/${2:-pgbench}-$1.txt" tps avg p50 p95 p99
    rm -f "$WORK"/pgbench_log.*
    (cd "$WORK" && PGPASSWORD=postgres PGOPTIONS="$PGBENCH_OPTIONS" "$PGBENCH" -n -M prepared -c "$CONNECTIONS" -j "$THREADS" -T "$DURATION" \
        -f "$script" -l --log-prefix=pgbench_log -h 127.0.0.1 -p "$PGPORT" -U postgres "$DB") >"$out" 2>&1 ||
        { cat "$out" >&2; die "pgbench failed"; }
    tps="$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)/\1/p' "$out")"
    avg="$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$out")"
    read -r p50 p95 p99 < <(cat "$WORK"/pgbench_log.* | python3 -c '
import sys
lat = sorted(int(line.split()[2]) for line in sys.stdin if line.strip())
pick = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] / 1000.0
print("%.2f %.2f %.2f" % (pick(0.50), pick(0.95), pick(0.99)))')
    printf '%s %s %s %s %s %s\n' "$label" "$tps" "$avg" "$p50" "$p95" "$p99" | tee -a "$RESULTS/results.txt"
}

# ---- export (issue 19): the whole board of the large tenant as a file, streamed --------------------------------
rss_kb() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$HOST_PID/status" 2>/dev/null || echo 0; }
: >"$RESULTS/export.txt"
if has_scenario export; then
    fresh_token
    for format in csv xlsx; do
        for ((r = 0; r <= ${BENCH_EXPORT_RUNS:-3}; r++)); do # run 0 warms up and is not recorded
            quiet_gate >/dev/null
            before=$(rss_kb)
            echo "$before" >"$WORK/rss-peak"
            (peak=$before; while kill -0 "$HOST_PID" 2>/dev/null; do v=$(rss_kb); ((v > peak)) && peak=$v; echo "$peak" >"$WORK/rss-peak"; sleep 0.05; done) &
            sampler=$!
            read -r code seconds bytes < <(curl -s -o "$WORK/export.$format" -w '%{http_code} %{time_total} %{size_download}\n' --max-time 120 \
                -H "Authorization: Bearer $TOKEN" "$BASE/api/exports/deals?format=$format")
            sleep 0.1
            kill "$sampler" 2>/dev/null || true
            wait "$sampler" 2>/dev/null || true
            [[ "$code" == 200 ]] || { head -c 2000 "$WORK/export.$format" >&2; die "GET /api/exports/deals?format=$format answered $code"; }
            rows="-"
            [[ $format == csv ]] && rows=$(($(wc -l <"$WORK/export.$format") - 1))
            ((r == 0)) || printf '%s %s %s %s %s %s\n' "$format" "$seconds" "$bytes" "$rows" "$before" "$(cat "$WORK/rss-peak")" | tee -a "$RESULTS/export.txt"
        done
    done
fi

log "warm-up: ${WARMUP} s per endpoint, 3 s of pgbench"
for name in $WRK_SCENARIOS; do
    run_wrk "$name" "$WARMUP" "$WORK/warmup.txt" >"$RESULTS/warmup-$name.txt" 2>&1 ||
        { cat "$RESULTS/warmup-$name.txt" >&2; die "wrk failed on $name"; }
done
if has_scenario board; then
    PGPASSWORD=postgres PGOPTIONS="$PGBENCH_OPTIONS" "$PGBENCH" -n -M prepared -c "$CONNECTIONS" -j "$THREADS" -T 3 -f "$WORK/board.pgbench" \
        -h 127.0.0.1 -p "$PGPORT" -U postgres "$DB" >"$RESULTS/warmup-pgbench.txt" 2>&1 ||
        { cat "$RESULTS/warmup-pgbench.txt" >&2; die "pgbench failed"; }
fi

: >"$RESULTS/results.txt"
: >"$RESULTS/cpu.txt"
psql_db -tAc "SELECT pg_stat_statements_reset()" >/dev/null
HOST_LOST=0
ensure_host() { # on a shared machine someone's pkill may take our Host: start it again (3 times at most), warm it up
    kill -0 "$HOST_PID" 2>/dev/null && return 0
    HOST_LOST=$((HOST_LOST + 1))
    ((HOST_LOST <= 3)) || die "the Host died $HOST_LOST times"
    log "WARNING: the Host (pid $HOST_PID) is gone, killed from outside; starting it again"
    wait "$HOST_PID" 2>/dev/null || true
    HOST_PID=""
    start_host
    local n
    for n in $WRK_SCENARIOS; do run_wrk "$n" 3 "$WORK/warmup.txt" >/dev/null 2>&1 || true; done
}
for ((r = 1; r <= RUNS; r++)); do
    fresh_token
    for name in $(sed 's/\bboard\b/board pgbench pgbench-noawait pgbench-bare/' <<<"$WRK_SCENARIOS"); do
        [[ "$name" == pgbench* ]] || ensure_host
        log "round $r/$RUNS: $name, ${DURATION} s at $CONNECTIONS connections"
        background="$(quiet_gate)"
        cpu_snapshot "$WORK/cpu-before"
        if [[ "$name" == pgbench ]]; then
            run_pgbench "$r"
        elif [[ "$name" == pgbench-bare ]]; then
            run_pgbench "$r" pgbench-bare "$WORK/board-bare.pgbench"
        elif [[ "$name" == pgbench-noawait ]]; then
            run_pgbench "$r" pgbench-noawait "$WORK/board-noawait.pgbench"
        else
            before=$(grep -c "^$name " "$RESULTS/results.txt" || true)
            run_wrk "$name" "$DURATION" "$RESULTS/results.txt" | tee "$RESULTS/wrk-$name-$r.txt" |
                grep -E 'Requests/sec|Non-2xx|Socket errors|^ +(50|99)%' || true
            (($(grep -c "^$name " "$RESULTS/results.txt" || true) > before)) ||
                { cat "$RESULTS/wrk-$name-$r.txt" >&2; die "wrk gave no result for $name"; }
        fi
        cpu_snapshot "$WORK/cpu-after"
        cpu_record "$name" "$WORK/cpu-before" "$WORK/cpu-after" "$background"
    done
done
psql_db -P pager=off -c "SELECT calls, round(mean_exec_time::numeric, 3) AS mean_ms, round(total_exec_time::numeric) AS total_ms,
        rows / greatest(calls, 1) AS rows_per_call, (shared_blks_hit + shared_blks_read) / greatest(calls, 1) AS buffers_per_call,
        left(regexp_replace(query, '\s+', ' ', 'g'), 400) AS query
    FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
    ORDER BY total_exec_time DESC LIMIT 25" >"$RESULTS/pg_stat_statements.txt" 2>&1 || true
# The same endpoints one request at a time: latency without queueing for the 2 cores (what one user sees). Each
# endpoint BENCH_SINGLE_RUNS times (3 by default), the passes interleaved, and the summary gives the medians
# (QUALITY.md: "medians of several runs"): one 10 s window's p95 moves by a third from run to run on a shared VM.
SINGLE=${BENCH_SINGLE_DURATION:-10}
SINGLE_RUNS=${BENCH_SINGLE_RUNS:-3}
((SINGLE_RUNS >= 1 && SINGLE_RUNS <= 20)) || die "BENCH_SINGLE_RUNS: 1..20"
if ((SINGLE > 0)); then
    for ((pass = 1; pass <= SINGLE_RUNS; pass++)); do
        fresh_token
        for name in $WRK_SCENARIOS; do
            ensure_host
            quiet_gate >/dev/null
            log "$name at 1 connection, ${SINGLE} s (pass $pass/$SINGLE_RUNS)"
            run_wrk "$name" "$SINGLE" "$RESULTS/results.txt" 1 1 >"$RESULTS/wrk-$name-single-$pass.txt" 2>&1 ||
                { cat "$RESULTS/wrk-$name-single-$pass.txt" >&2; die "wrk failed on $name at 1 connection"; }
        done
    done
fi
# The kept column totals against the deals after all the moves and quick-adds (ADR 0019): must be 0.
DRIFT="$(psql_db -tAc "SELECT count(*) FROM pipeline.stage_totals_drift()" 2>&1 || echo '?')"
log "column totals drift after the load: $DRIFT"
# The reports' kept totals against the deals and activities (ADR 0026): must be 0 too.
REPORT_DRIFT="$(psql_db -tAc "SELECT count(*) FROM pipeline.report_totals_drift()" 2>&1 || echo '?')"
log "report totals drift after the load: $REPORT_DRIFT"
AWAITING_DRIFT="$(psql_db -tAc "SELECT count(*) FROM pipeline.awaiting_replies_drift()" 2>&1 || echo '?')"
log "awaiting replies drift after the load: $AWAITING_DRIFT"
NEXT_DRIFT="$(psql_db -tAc "SELECT count(*) FROM pipeline.next_activities_drift()" 2>&1 || echo '?')"
log "next activities drift after the load: $NEXT_DRIFT"
HOST_RSS_PEAK_KB="$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$HOST_PID/status" 2>/dev/null || echo 0)"
HOST_RSS_KB="$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$HOST_PID/status" 2>/dev/null || echo 0)"

# The board's SQL for the large tenant, with its plan, timing and buffers (the statements of bench/board.pgbench).
{
    printf -- '-- EXPLAIN (ANALYZE, BUFFERS) of the board statements for tenant %s, after the load\n' "$TENANT"
    sed -n '/^SELECT c\.\*/,/^ORDER BY s.sort_order/p' "$WORK/board.pgbench" | sed "s/:tenant/$TENANT/; s/:lim/21/" |
        { printf 'EXPLAIN (ANALYZE, BUFFERS)\n'; cat; } | psql_db
    sed -n '/^SELECT t.pipeline_stage_id/,/^GROUP BY/p' "$WORK/board.pgbench" | sed "s/:tenant/$TENANT/" |
        { printf 'EXPLAIN (ANALYZE, BUFFERS)\n'; cat; } | psql_db
    printf -- '\n-- The cards statement prepared, with the generic plan pgbench -M prepared would use after 5 executions\n'
    # shellcheck disable=SC2016 # $1 and $2 are the statement's parameters
    sed -n '/^SELECT c\.\*/,/^ORDER BY s.sort_order/p' "$WORK/board.pgbench" | sed 's/:tenant/$1/; s/:lim/$2/' |
        { printf 'SET plan_cache_mode = force_generic_plan;\nPREPARE cards(bigint, bigint) AS\n'; cat
          printf 'EXPLAIN (ANALYZE, BUFFERS) EXECUTE cards(%s, 21);\n' "$TENANT"; } | psql_db
    # The cards statement of the two comparison scripts (pgbench-bare, pgbench-noawait): a difference in their speed
    # is a difference in these plans.
    for variant in board-bare board-noawait; do
        printf -- '\n-- %s: EXPLAIN (ANALYZE, BUFFERS) of its cards statement\n' "$variant"
        sed -n '/^SELECT c\.\*/,/^ORDER BY s.sort_order/p' "$WORK/$variant.pgbench" | sed "s/:tenant/$TENANT/; s/:lim/21/" |
            { printf 'EXPLAIN (ANALYZE, BUFFERS)\n'; cat; } | psql_db
    done
} >"$RESULTS/explain-board.txt" 2>&1 || true

# ---- import (issue 19) -----------------------------------------------------------------------------------------
# BENCH_IMPORT_ROWS=N (0 skips): a pt-BR Excel CSV of N leads with a deal each (Windows-1252, ';', 1.234,56,
# dd/mm/aaaa) imported into the large tenant through the API: upload, dry run, and the background run from start to
# Completed; the Host's RSS is sampled during the run (the file must not be held in memory).
IMPORT_ROWS=${BENCH_IMPORT_ROWS:-0}
IMPORT_LINE=""
if ((IMPORT_ROWS > 0)); then
    ensure_host
    fresh_token
    python3 - "$IMPORT_ROWS" "$WORK/import.csv" <<'PY'
import random, sys
n, path = int(sys.argv[1]), sys.argv[2]
stages = ["Novo lead", "Contatado", "Qualificado", "Proposta enviada", "Negociação"]
with open(path, "w", encoding="cp1252", newline="") as f:
    f.write("Nome;E-mail;Telefone;Título;Valor;Etapa;Data de cadastro\r\n")
    for i in range(n):
        v = random.randint(100, 9_999_999)
        f.write(f"Importação Conceição {i};importado{i}@planilha.com.br;(71) 9{i % 10000:04d}-{i % 7919:04d};"
                f"\"Revisão {i}\";{v // 100:,}".replace(",", ".") + f",{v % 100:02d};{stages[i % 5]};{1 + i % 28:02d}/0{1 + i % 9}/2026\r\n")
PY
    log "import: $IMPORT_ROWS rows ($(du -h "$WORK/import.csv" | cut -f1))"
    t0=$(now_ms)
    curl -s -o "$WORK/import-upload.json" --max-time 120 -H "Authorization: Bearer $TOKEN" -F "file=@$WORK/import.csv;type=text/csv" -F kind=deals "$BASE/api/imports"
    upload_ms=$(($(now_ms) - t0))
    import_id="$(json 'd["import"]["id"]' <"$WORK/import-upload.json")"
    mapping="$(json 'json.dumps({"mapping": d["suggestedMapping"], "duplicates": "skip"})' <"$WORK/import-upload.json")"
    t0=$(now_ms)
    curl -s -o "$WORK/import-dryrun.json" --max-time 120 -X PUT -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
        -d "$mapping" "$BASE/api/imports/$import_id/mapping"
    dryrun_ms=$(($(now_ms) - t0))
    rss_before="$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$HOST_PID/status")"
    rss_max=$rss_before
    t0=$(now_ms)
    curl -s -o /dev/null --max-time 30 -X POST -H "Authorization: Bearer $TOKEN" "$BASE/api/imports/$import_id/start"
    status=Running
    for ((i = 0; i < 6000; i++)); do # 20 minutes at most
        curl -s -o "$WORK/import-state.json" --max-time 30 -H "Authorization: Bearer $TOKEN" "$BASE/api/imports/$import_id"
        status="$(json 'd["status"]' <"$WORK/import-state.json")"
        rss="$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$HOST_PID/status")"
        ((rss > rss_max)) && rss_max=$rss
        [[ "$status" == Running ]] || break
        sleep 0.2
    done
    run_ms=$(($(now_ms) - t0))
    counts="$(json '"created %d updated %d skipped %d failed %d" % (d["created"], d["updated"], d["skipped"], d["failed"])' <"$WORK/import-state.json")"
    IMPORT_LINE="$(printf 'import of %s rows (%s): upload %s ms, dry run %s ms, run %s ms (%s, %s); Host RSS %s MB before the run, %s MB at most during it' \
        "$IMPORT_ROWS" "$(du -h "$WORK/import.csv" | cut -f1)" "$upload_ms" "$dryrun_ms" "$run_ms" "$status" "$counts" \
        "$((rss_before / 1024))" "$((rss_max / 1024))")"
    log "$IMPORT_LINE"
    DRIFT="$(psql_db -tAc "SELECT count(*) FROM pipeline.stage_totals_drift()" 2>&1 || echo '?')"
    REPORT_DRIFT="$(psql_db -tAc "SELECT count(*) FROM pipeline.report_totals_drift()" 2>&1 || echo '?')"
    AWAITING_DRIFT="$(psql_db -tAc "SELECT count(*) FROM pipeline.awaiting_replies_drift()" 2>&1 || echo '?')"
    NEXT_DRIFT="$(psql_db -tAc "SELECT count(*) FROM pipeline.next_activities_drift()" 2>&1 || echo '?')"
fi

# ---- summary -------------------------------------------------------------------------------------------------
{
    printf 'Workshop CRM benchmark, %s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
    printf 'machine: %s cores (%s), %s memory; %s\n' "$(nproc)" "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)" \
        "$(free -h | awk '/^Mem:/ {print $2}')" "$(uname -sr)"
    if [[ -n "$rev" ]]; then
        printf 'built: commit %s\n' "$(git -C "$ROOT" log -1 --format='%h %s' "$rev" | cut -c1-100)"
    else
        printf 'built: the work tree at %s%s\n' "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')" \
            "$([[ -n "$(git -C "$ROOT" status --porcelain -- src 2>/dev/null)" ]] && echo ' with uncommitted changes in src/')"
    fi
    printf 'postgres: %s\n' "$pg_settings"
    printf 'Host database role: %s (BENCH_DB_ROLE=%s)\n' "$APP_DB_USER" "${BENCH_DB_ROLE:-runtime}"
    printf 'pgbench: -M prepared, PGOPTIONS=%s\n' "${PGBENCH_OPTIONS:-(none)}"
    printf 'data: large tenant %s users, %s leads, %s deals, %s notes; %s other tenants of %s/%s/%s/%s; %s deals in all\n' \
        "$USERS" "$LEADS" "$DEALS" "$NOTES" "$OTHERS" "$O_USERS" "$O_LEADS" "$O_DEALS" "$O_NOTES" "$total_deals"
    printf 'seed %s s, VACUUM ANALYZE %s s; Host start to ready: %s ms on the fresh database (migrations), %s ms on the full one (its first board, two sign-ins before it: %s ms after launch)\n' \
        "$(awk "BEGIN {printf \"%.1f\", $SEED_MS / 1000}")" "$(awk "BEGIN {printf \"%.1f\", $VACUUM_MS / 1000}")" \
        "$READY_FRESH_MS" "$READY_MS_FULL" "$FIRST_BOARD_MS"
    printf 'load: wrk -t%s -c%s, %s s per run, %s runs (medians below), Host peak RSS %s MB (now %s MB)\n' \
        "$THREADS" "$CONNECTIONS" "$DURATION" "$RUNS" "$((HOST_RSS_PEAK_KB / 1024))" "$((HOST_RSS_KB / 1024))"
    printf 'column totals drift after the load (pipeline.stage_totals_drift() rows, must be 0): %s\n' "$DRIFT"
    printf 'report totals drift after the load (pipeline.report_totals_drift() rows, must be 0): %s\n' "$REPORT_DRIFT"
    printf 'awaiting replies drift after the load (pipeline.awaiting_replies_drift() rows, must be 0): %s\n' "$AWAITING_DRIFT"
    printf 'next activities drift after the load (pipeline.next_activities_drift() rows, must be 0): %s\n' "$NEXT_DRIFT"
    [[ -z "$IMPORT_LINE" ]] || printf '%s\n' "$IMPORT_LINE"
    if [[ -s "$RESULTS/export.txt" ]]; then
        printf 'export of the large tenant'"'"'s board (GET /api/exports/deals), %s runs each, medians:\n' "${BENCH_EXPORT_RUNS:-3}"
        python3 - "$RESULTS/export.txt" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
for fmt in ("csv", "xlsx"):
    rs = [r for r in rows if r[0] == fmt]
    if rs:
        med = lambda i: statistics.median(float(r[i]) for r in rs)
        print("  %-4s %6.2f s  %6.1f MB  rows %s  Host RSS before %4.0f MB, peak during %4.0f MB (+%.0f MB)"
              % (fmt, med(1), med(2) / 1e6, rs[0][3], med(4) / 1024, med(5) / 1024, (med(5) - med(4)) / 1024))
PY
    fi
    ((HOST_LOST == 0)) || printf 'WARNING: the Host was killed from outside %s time(s) during the rounds and started again\n' "$HOST_LOST"
    python3 - "$RESULTS/results.txt" "$RESULTS/cpu.txt" <<'EOF'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
cpu = [line.split() for line in open(sys.argv[2]) if line.strip()]
def cores(name):
    cs = [c for c in cpu if c[0] == name]
    if not cs:
        return "-"
    text = "/".join("%.1f" % statistics.median(float(c[i]) for c in cs) for i in (1, 2, 3, 4))
    proxies = statistics.median(float(c[6]) if len(c) > 6 else 0.0 for c in cs)
    return text + (" +%.1f px" % proxies if proxies >= 0.05 else "")
med = lambda xs: statistics.median(xs) if xs else float("nan")
labels = {"board": "GET /api/pipeline/board", "small": "GET board, 1,000-deal company", "mix": "SPA call mix (50 conn., streams)", "mix2": "same mix, 2 Hosts+HAProxy+pgbouncer", "column": "GET .../board/columns/1?cursor", "search": "GET /api/leads?search=",
          "move": "POST /api/deals/{id}/move", "today": "GET /api/activities?scope=today", "overdue": "GET /api/activities?scope=overdue",
          "complete": "POST /api/activities/{id}/complete", "timeline": "GET /api/deals/{id}/timeline",
          "funnel": "GET /api/reports/funnel (a year)", "outcomes": "GET /api/reports/outcomes (a year)",
          "reasons": "GET /api/reports/loss-reasons (a year)", "team": "GET /api/reports/team (a year)"}
print()
print("%-34s %9s %8s %8s %8s %9s %9s %18s  %s" % ("endpoint", "req/s", "p50 ms", "p95 ms", "p99 ms", "requests", "non-2xx",
      "cores H/pg/oth/all", "statuses"))
for name in ("board", "small", "column", "search", "move", "today", "overdue", "complete", "timeline", "funnel", "outcomes", "reasons", "team", "mix", "mix2"):
    rs = [r for r in rows if r[0] == name]
    if not rs:
        continue
    f = lambda i: med([float(r[i]) for r in rs])
    statuses = {}
    for r in rs:
        for part in r[9].split(","):
            if ":" in part:
                code, n = part.split(":")
                statuses[code] = statuses.get(code, 0) + int(n)
    statuses = ",".join("%s:%d" % kv for kv in sorted(statuses.items())) or "-"
    print("%-34s %9.0f %8.2f %8.2f %8.2f %9d %9d %18s  %s" % (labels[name], f(1), f(2), f(3), f(4),
          sum(int(r[6]) for r in rs), sum(int(r[7]) + int(r[8]) for r in rs), cores(name), statuses))
big = [r for r in rows if r[0] == "board"]
small = [r for r in rows if r[0] == "small"]
if big and small:
    print()
    print("board of the large company against the 1,000-deal one (goal: within 20 %%): req/s %.2f, p50 %.2f, p95 %.2f"
          % (med([float(r[1]) for r in big]) / med([float(r[1]) for r in small]),
             med([float(r[2]) for r in big]) / med([float(r[2]) for r in small]),
             med([float(r[3]) for r in big]) / med([float(r[3]) for r in small])))
pg = [r for r in rows if r[0] == "pgbench"]
if pg:
    print("%-34s %9.0f %8.2f %8.2f %8.2f %9s %9s %18s  (TPS; avg %.2f ms)" % ("pgbench: the board's 2 statements",
          med([float(r[1]) for r in pg]), med([float(r[3]) for r in pg]), med([float(r[4]) for r in pg]),
          med([float(r[5]) for r in pg]), "", "", cores("pgbench"), med([float(r[2]) for r in pg])))
    boards = [float(r[1]) for r in rows if r[0] == "board"]
    ratios = [b / float(p[1]) for b, p in zip(boards, pg)]
    bare = [r for r in rows if r[0] == "pgbench-bare"]
    if bare:
        print("%-34s %9.0f %8.2f %8.2f %8.2f %9s %9s %18s  (TPS; avg %.2f ms)" % ("pgbench: the same, no next activity",
              med([float(r[1]) for r in bare]), med([float(r[3]) for r in bare]), med([float(r[4]) for r in bare]),
              med([float(r[5]) for r in bare]), "", "", cores("pgbench-bare"), med([float(r[2]) for r in bare])))
        print("the next activity's cost in the board's SQL (goal: within 15 %%): TPS %.2f, p50 %.2f, p95 %.2f of the board's without it"
              % (med([float(r[1]) for r in pg]) / med([float(r[1]) for r in bare]), med([float(r[3]) for r in pg]) / med([float(r[3]) for r in bare]),
                 med([float(r[4]) for r in pg]) / med([float(r[4]) for r in bare])))
    noawait = [r for r in rows if r[0] == "pgbench-noawait"]
    if noawait:
        print("%-34s %9.0f %8.2f %8.2f %8.2f %9s %9s %18s  (TPS; avg %.2f ms)" % ("pgbench: the same, no awaiting reply",
              med([float(r[1]) for r in noawait]), med([float(r[3]) for r in noawait]), med([float(r[4]) for r in noawait]),
              med([float(r[5]) for r in noawait]), "", "", cores("pgbench-noawait"), med([float(r[2]) for r in noawait])))
        print("the awaiting reply's cost in the board's SQL (issue 18, goal: within 15 %%): TPS %.2f, p50 %.2f, p95 %.2f of the board's without it"
              % (med([float(r[1]) for r in pg]) / med([float(r[1]) for r in noawait]), med([float(r[3]) for r in pg]) / med([float(r[3]) for r in noawait]),
                 med([float(r[4]) for r in pg]) / med([float(r[4]) for r in noawait])))
    print()
    print("API board req/s / pgbench TPS: %.2f (per run: %s)" % (med(ratios), ", ".join("%.2f" % x for x in ratios)))
single = [r for r in rows if r[0].endswith("@1")]
if single:
    print()
    print("%-34s %9s %8s %8s %8s %9s %9s  %s" % ("one connection (no queueing), medians", "req/s", "p50 ms", "p95 ms", "p99 ms", "requests",
          "non-2xx", "p95 of each pass"))
    for name in dict.fromkeys(r[0] for r in single):
        rs = [r for r in single if r[0] == name]
        f = lambda i: med([float(r[i]) for r in rs])
        print("%-34s %9.0f %8.2f %8.2f %8.2f %9d %9d  %s" % (labels[name[:-2]], f(1), f(2), f(3), f(4),
              sum(int(r[6]) for r in rs), sum(int(r[7]) + int(r[8]) for r in rs), " / ".join("%.2f" % float(r[3]) for r in rs)))
print()
print("cores H/pg/oth/all: CPU cores (of %d) used by the Host (mix2: both Hosts) / this PostgreSQL / other processes on the machine / everything"
      " (the rest is the load generator; \"+N px\": HAProxy and pgbouncer); pgbench's backends exit before they are counted" % __import__("os").cpu_count())
others = [float(c[3]) for c in cpu]
backgrounds = [float(c[5]) for c in cpu]
if others and (max(others) > 0.15 or max(backgrounds) >= 0.3):
    print("WARNING: other processes used up to %.2f cores during the measurements (background before a run up to %.2f):"
          " the machine was not quiet, so these figures are pessimistic" % (max(others), max(backgrounds)))
EOF
} | tee "$RESULTS/summary.txt"
log "results in $RESULTS"
