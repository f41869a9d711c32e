#!/usr/bin/env bash
# Run every test of Workshop CRM: SPA unit tests (if src/Web exists) and all .NET test
# projects of WorkshopCrm.sln. Extra arguments go to `dotnet test` (e.g. --filter X).
#
# PostgreSQL for the integration tests:
#   - WORKSHOPCRM_TEST_POSTGRES already set: used as it is.
#   - a Docker engine answers `docker info`: nothing here, the tests use Testcontainers.
#   - otherwise: a throwaway cluster (trust auth, fsync off) in a temp dir on a free
#     127.0.0.1 port, deleted on exit; WORKSHOPCRM_TEST_POSTGRES points at it.
#
# The last line printed is always `N passed, N failed` (`, N skipped` when some were),
# summed over every TRX file (and the SPA's JUnit report). Exit status is non-zero when a
# test failed, the build failed, `dotnet test` failed, or no test ran at all.
#
# Knobs: WORKSHOPCRM_TEST_RESULTS_DIR=DIR keeps the TRX files there (default: temp dir,
# deleted); WORKSHOPCRM_TEST_VERBOSITY=minimal|normal|detailed (console logger, default
# normal).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib/postgres.sh
source "$ROOT/scripts/lib/postgres.sh"
# shellcheck source=scripts/lib/node.sh
source "$ROOT/scripts/lib/node.sh"
# shellcheck source=scripts/lib/scale.sh
source "$ROOT/scripts/lib/scale.sh"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
if [[ "${CI:-}" == true || "${CI:-}" == 1 ]]; then
    # No MSBuild/compiler server processes left behind on a CI machine.
    export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
fi

STARTED_AT=$SECONDS
say() { printf '[test %s +%ds] %s\n' "$(date +%T)" "$((SECONDS - STARTED_AT))" "$*" >&2; }

PG_TMP=""
RESULTS_TMP=""
COMPILER_SERVER_USED=""
SPA_TMP=""
SPA_PID=""
# kill_tree PID: PID and every process under it.
kill_tree() {
    local child
    for child in $(pgrep -P "$1" || true); do kill_tree "$child"; done
    kill "$1" 2>/dev/null || true
}
# Quiet and idempotent: runs before the summary (so the summary stays the last line) and
# again from the EXIT trap (for early exits).
teardown() {
    if [[ -n "$SPA_PID" ]]; then
        kill_tree "$SPA_PID"
        SPA_PID=""
    fi
    if [[ -n "$SPA_TMP" ]]; then
        rm -rf "$SPA_TMP"
        SPA_TMP=""
    fi
    if [[ -n "$PG_TMP" ]]; then
        pg_stop_cluster "$PG_TMP" >/dev/null 2>&1 || true
        rm -rf "$PG_TMP"
        PG_TMP=""
    fi
    if [[ -n "$RESULTS_TMP" ]]; then
        rm -rf "$RESULTS_TMP"
        RESULTS_TMP=""
    fi
    if [[ "${CI:-}" == true || "${CI:-}" == 1 ]]; then
        dotnet build-server shutdown >/dev/null 2>&1 || true
    elif [[ -n "$COMPILER_SERVER_USED" ]]; then
        # The compiler server this run's build started (an IDE's starts again on demand).
        dotnet build-server shutdown --vbcscompiler >/dev/null 2>&1 || true
    fi
    COMPILER_SERVER_USED=""
}
# shellcheck disable=SC2317 # invoked by trap
on_exit() {
    local rc=$?
    trap - EXIT INT TERM
    teardown
    exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ -n "${WORKSHOPCRM_TEST_RESULTS_DIR:-}" ]]; then
    RESULTS="$WORKSHOPCRM_TEST_RESULTS_DIR"
    mkdir -p "$RESULTS"
    RESULTS="$(cd "$RESULTS" && pwd)"
    rm -f "$RESULTS"/*.trx "$RESULTS"/spa-junit.xml
else
    RESULTS_TMP="$(mktemp -d "${TMPDIR:-/tmp}/workshopcrm-test-results.XXXXXX")"
    RESULTS="$RESULTS_TMP"
fi

# ---------------------------------------------------------------- PostgreSQL
if [[ -n "${WORKSHOPCRM_TEST_POSTGRES:-}" ]]; then
    say "using WORKSHOPCRM_TEST_POSTGRES from the environment"
elif command -v docker >/dev/null 2>&1 && timeout 20 docker info >/dev/null 2>&1; then
    say "Docker engine available: tests start PostgreSQL through Testcontainers"
else
    pg_ensure_installed
    PG_TMP="$(mktemp -d "${TMPDIR:-/tmp}/workshopcrm-test-pg.XXXXXX")"
    chmod 755 "$PG_TMP"
    PG_PORT="$(pg_free_port "$((54330 + RANDOM % 2000))" 65000)"
    pg_start_cluster "$PG_TMP" "$PG_PORT" test
    export WORKSHOPCRM_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres;Database=postgres"
    say "throwaway PostgreSQL on 127.0.0.1:$PG_PORT (WORKSHOPCRM_TEST_POSTGRES)"
fi

# ---------------------------------------------------------------- pgbouncer for the several-instances tests
# tests/WorkshopCrm.Host.Tests/SeveralInstances.cs runs one Host through pgbouncer (issue 20); haproxy comes along for
# scripts/run.sh --instances and the bench.
scale_ensure_installed || say "pgbouncer/haproxy could not be installed: the several-instances tests will fail and say so"

# ---------------------------------------------------------------- browser for E2E tests
shopt -s nullglob
e2e_dirs=(tests/*E2E* tests/*e2e*)
shopt -u nullglob
# Debian's headless shell (Chromium's old headless mode, the one Playwright itself prefers): the browser tests used
# about a quarter less CPU with it than with the full browser (ADR 0014). The full browser comes along (same source).
if ((${#e2e_dirs[@]} > 0)) && [[ ! -x /usr/lib/chromium/chromium-headless-shell ]]; then
    say "E2E tests present and Debian's chromium-headless-shell missing: installing it"
    sudo=()
    if [[ "$(id -u)" -ne 0 ]]; then sudo=(sudo -n); fi
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium chromium-headless-shell
fi

# ---------------------------------------------------------------- SPA (beside the .NET build)
# The SPA's install, unit tests and build run in the background while `dotnet build` compiles: the compiler keeps
# about 1.5 of the two cores busy, and the SPA fits in the rest (docs/operations/testing.md). The bundle is built into
# a staging folder and moved into src/Host/wwwroot once the .NET build is done, so that build (which lists the Host's
# static web assets) never reads a half-written wwwroot; the tests read src/Host/wwwroot.
spa_failed=0
SPA_LOG=""
SPA_STAGE=""
# spa_steps: npm ci, unit tests (JUnit report beside the TRX files, so its counts join the summary), build into
# $SPA_STAGE. Runs in a background subshell.
spa_steps() {
    set -e
    export NO_COLOR=1 # a log file, not a terminal
    cd src/Web
    if [[ -f package-lock.json ]]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
    if grep -q '"test"' package.json; then
        if grep -q '"vitest"' package.json; then
            CI=true npm test -- --run --reporter=default --reporter=junit --outputFile.junit="$RESULTS/spa-junit.xml"
        else
            CI=true npm test
        fi
    fi
    if grep -q '"build"' package.json; then npm run build -- --outDir "$SPA_STAGE" --emptyOutDir; fi
}
if [[ -f src/Web/package.json ]]; then
    node_ensure || spa_failed=1
    if ((spa_failed == 0)); then
        SPA_TMP="$(mktemp -d "${TMPDIR:-/tmp}/workshopcrm-test-spa.XXXXXX")"
        SPA_LOG="$SPA_TMP/spa.log"
        SPA_STAGE="$SPA_TMP/wwwroot"
        say "SPA: install, unit tests, build (src/Web) in the background; its output follows the .NET build's"
        spa_steps >"$SPA_LOG" 2>&1 &
        SPA_PID=$!
    else
        say "SPA: Node.js could not be installed"
    fi
fi
# spa_finish: wait for the SPA's steps, show their output, put the bundle in place.
spa_finish() {
    [[ -n "$SPA_PID" ]] || return 0
    wait "$SPA_PID" || spa_failed=1
    SPA_PID=""
    sed 's/^/[spa] /' "$SPA_LOG" >&2
    if ((spa_failed == 0)) && [[ -f "$SPA_STAGE/index.html" ]]; then
        rm -rf src/Host/wwwroot
        mv "$SPA_STAGE" src/Host/wwwroot
    fi
    if ((spa_failed)); then say "SPA install, tests or build FAILED"; else say "SPA: done, bundle in src/Host/wwwroot"; fi
}

# ---------------------------------------------------------------- processes the tests start
# Every Host, Evolution simulator and Chromium a test starts must be stopped by that test (fixtures own them and kill
# them on dispose; HostProcess also kills its Hosts when the test process ends). What was running before is not ours.
# Each of them inherits WORKSHOPCRM_TEST_RUN from this run, so a run names only its own (not another run's).
export WORKSHOPCRM_TEST_RUN="$$.$RANDOM$RANDOM"
LEFTOVER_PATTERN='WorkshopCrm\.Host\.dll|EvolutionSimulator|/usr/lib/chromium/'
# leftovers: this run's matching processes still alive, one "pid command" a line.
leftovers() {
    local pid
    for pid in $(pgrep -f "$LEFTOVER_PATTERN" || true); do
        tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qx "WORKSHOPCRM_TEST_RUN=$WORKSHOPCRM_TEST_RUN" || continue
        printf '%s %s\n' "$pid" "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-140)"
    done
}

# ---------------------------------------------------------------- .NET
# Every .NET process from here on lives for seconds to minutes (the CLI, MSBuild, the compiler server, vstest, the
# test processes), so none of them pays for what only a long-running server earns back: no tiered-PGO instrumentation
# (the build: 51 s and 97 CPU-seconds with it, 31-33 s and 57-61 without; the Identity and Pipeline tests 15-20 % less
# CPU) and no second, optimizing compilation of hot methods (DOTNET_TC_CallCounting=0: the first code, or the
# ReadyToRun code, is kept; the build a tenth less CPU again, the Host-process tests a quarter, the Pipeline tests a
# tenth). docs/operations/testing.md has the measurements. The Hosts the tests start run so whoever starts the tests
# (HostProcess).
export DOTNET_TieredPGO=0 DOTNET_TC_CallCounting=0
build_failed=0
test_rc=0
dotnet tool restore >/dev/null || build_failed=1
if ((build_failed == 0)); then
    say "dotnet build WorkshopCrm.sln -c Release"
    # One compiler server for the whole build, whatever the environment says (some CI images set
    # UseSharedCompilation=false): without it every project starts a compiler of its own, which loads and compiles
    # Roslyn and the analyzers again. A fresh clone's build (restored): 98 s and 171 CPU-seconds as the environment had
    # it, 51 s and 97 with the server (docs/operations/testing.md). The server is shut down when the run ends.
    COMPILER_SERVER_USED=1
    dotnet build WorkshopCrm.sln -c Release -nologo -p:UseSharedCompilation=true || build_failed=1
fi
spa_finish
if ((build_failed == 0)); then
    say "dotnet test WorkshopCrm.sln -c Release $*"
    set +e
    dotnet test WorkshopCrm.sln -c Release --no-build --nologo \
        --results-directory "$RESULTS" \
        --logger trx \
        --logger "console;verbosity=${WORKSHOPCRM_TEST_VERBOSITY:-normal}" \
        "$@"
    test_rc=$?
    set -e
else
    say "BUILD FAILED: no .NET tests ran"
fi

# A process ends a moment after its parent: give them 15 s, then name and kill what is left, and fail the run.
left_running=""
for _ in $(seq 1 30); do
    left_running="$(leftovers)"
    [[ -z "$left_running" ]] && break
    sleep 0.5
done
if [[ -n "$left_running" ]]; then
    say "FAILED: processes started by the tests were left running (killed now):"
    printf '%s\n' "$left_running" | sed 's/^/[test]   /' >&2
    printf '%s\n' "$left_running" | awk '{print $1}' | xargs -r kill -9 2>/dev/null || true
fi

# ---------------------------------------------------------------- summary
# attr NAME TEXT: value of NAME="..." in TEXT, 0 if absent.
attr() {
    local v
    v="$(printf '%s' "$2" | grep -o "[[:space:]]$1=\"[0-9]*\"" | head -n 1 | grep -o '[0-9]\+' || true)"
    printf '%s\n' "${v:-0}"
}
passed=0 failed=0 skipped=0 total=0 trx_count=0
shopt -s nullglob globstar
for trx in "$RESULTS"/**/*.trx; do
    trx_count=$((trx_count + 1))
    counters="$(tr -d '\r\n' <"$trx" | grep -o '<Counters [^>]*>' | head -n 1 || true)"
    [[ -n "$counters" ]] || { say "no <Counters> in $trx"; failed=$((failed + 1)); continue; }
    t=$(attr total "$counters")
    p=$(($(attr passed "$counters") + $(attr passedButRunAborted "$counters")))
    f=$(($(attr failed "$counters") + $(attr error "$counters") + $(attr timeout "$counters") + $(attr aborted "$counters")))
    # xunit's skipped tests are in `total` but in no other counter (not even notExecuted):
    # whatever is neither passed nor failed counts as skipped.
    s=$((t - p - f))
    ((s >= 0)) || s=0
    total=$((total + t)) passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
done
shopt -u nullglob globstar
if [[ -f "$RESULTS/spa-junit.xml" ]]; then
    junit="$(tr -d '\r\n' <"$RESULTS/spa-junit.xml")"
    j_total="$( (printf '%s' "$junit" | grep -o '<testcase[[:space:]>]' || true) | wc -l)"
    j_failed="$( (printf '%s' "$junit" | grep -oE '<(failure|error)[[:space:]>/]' || true) | wc -l)"
    j_skipped="$( (printf '%s' "$junit" | grep -o '<skipped[[:space:]>/]' || true) | wc -l)"
    j_passed=$((j_total - j_failed - j_skipped))
    ((j_passed >= 0)) || j_passed=0
    total=$((total + j_total))
    passed=$((passed + j_passed))
    failed=$((failed + j_failed))
    skipped=$((skipped + j_skipped))
fi

status=0
if ((build_failed)); then say "FAILED: build"; status=1; fi
if ((spa_failed)); then say "FAILED: SPA install, tests or build"; status=1; fi
if ((test_rc != 0)); then say "FAILED: dotnet test exited with $test_rc"; status=1; fi
if ((failed > 0)); then status=1; fi
if ((passed + failed == 0)); then say "FAILED: no test ran ($trx_count TRX files)"; status=1; fi
if [[ -n "$left_running" ]]; then status=1; fi

teardown
summary="$passed passed, $failed failed"
if ((skipped > 0)); then summary+=", $skipped skipped"; fi
echo
echo "$summary"
exit "$status"
