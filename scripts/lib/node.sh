# shellcheck shell=bash
# Node.js for the SPA (src/Web: Vite 7 needs Node.js 20.19 or newer, with npm). The .NET machine image ships it;
# Debian 12's own nodejs package (18) is too old, so a machine without it is told what to install instead of failing
# halfway through `npm ci`.

# node_ensure: returns 0 when node (>= 20.19) and npm are on PATH; otherwise says what is missing and returns 1.
node_ensure() {
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
        printf '[node] Node.js 20.19+ with npm is needed to build the SPA (src/Web) and was not found on PATH.\n' >&2
        printf '[node] Install it (e.g. the nodejs package of NodeSource or your distribution, version 20.19 or newer) and run again.\n' >&2
        return 1
    fi
    local version major minor
    version="$(node --version 2>/dev/null | sed 's/^v//')"
    major="${version%%.*}"
    minor="$(printf '%s' "$version" | cut -d. -f2)"
    if ((major < 20 || (major == 20 && minor < 19))); then
        printf '[node] Node.js %s is too old for the SPA build (Vite 7 needs 20.19 or newer).\n' "$version" >&2
        return 1
    fi
}
