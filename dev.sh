#!/usr/bin/env bash
# One entry point for developers and CI.
#   ./dev.sh run            build and start what exists (see README)
#   ./dev.sh test           install, build with ASan+UBSan and warnings as errors, run every test
#   ./dev.sh bench [PREFIX] release build, run the benchmarks, one JSON object per line
#   ./dev.sh format [--check]
#   ./dev.sh fuzz [SECONDS] build the libFuzzer targets with clang and run each for a while
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(
    build-essential cmake ninja-build pkg-config clang clang-format
    qt6-base-dev qt6-websockets-dev qt6-tools-dev qt6-l10n-tools qt6-tools-dev-tools
    qt6-charts-dev qt6-svg-dev qtkeychain-qt6-dev libsodium-dev libqt6sql6-sqlite libqt6sql6-psql
    gnome-keyring libsecret-1-0 dbus-daemon dbus-bin xvfb xauth postgresql
)
JOBS=${JOBS:-$(nproc)}

log() { printf '[dev.sh] %s\n' "$*" >&2; }

ensure_packages() {
    local missing=()
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    log "installing: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

build() { # preset
    cmake --preset "$1" >/dev/null
    cmake --build --preset "$1" -j "$JOBS"
}

format_sources() {
    git ls-files '*.cpp' '*.h' | grep -v '^build' || true
}

cmd_format() {
    if [ "${1:-}" = "--check" ]; then
        format_sources | xargs -r clang-format --dry-run --Werror
    else
        format_sources | xargs -r clang-format -i
    fi
}

cmd_test() {
    ensure_packages
    log "format check"
    cmd_format --check
    log "building (asan preset: ASan + UBSan, -Werror)"
    build asan
    if command -v clang++ >/dev/null; then
        log "fuzz smoke run"
        cmd_fuzz "${FUZZ_SECONDS:-20}"
    fi
    log "running tests"
    export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
    export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
    ctest --preset asan -j "$JOBS"
}

cmd_fuzz() {
    local seconds=${1:-60}
    build fuzz
    for target in build/fuzz/tests/fuzz/fuzz_*; do
        [ -x "$target" ] || continue
        local name corpus
        name=$(basename "$target")
        corpus=$(mktemp -d)
        [ -d "tests/fuzz/corpus/$name" ] && cp -r "tests/fuzz/corpus/$name/." "$corpus/"
        log "fuzzing $name for ${seconds}s"
        if ! "$target" -max_total_time="$seconds" -rss_limit_mb=2048 "$corpus" >"$corpus.log" 2>&1; then
            tail -n 40 "$corpus.log"
            log "$name found a crash"
            return 1
        fi
        tail -n 1 "$corpus.log"
        rm -f "$corpus.log"
        rm -rf "$corpus"
    done
}

cmd_bench() {
    ensure_packages
    build release >&2
    local prefix=${1:-}
    for bench in build/release/tests/bench/bench_*; do
        [ -x "$bench" ] || continue
        "$bench" "$prefix"
    done
}

cmd_run() {
    ensure_packages
    build release
    log "The desktop app, the relay and feedbackctl are not built yet (see README: Status)."
    log "Running the CRDT demo instead: the benchmarks of the replicated feedback book."
    cmd_bench crdt
}

case "${1:-}" in
run) shift; cmd_run "$@" ;;
test) shift; cmd_test "$@" ;;
bench) shift; cmd_bench "$@" ;;
format) shift; cmd_format "$@" ;;
fuzz) shift; ensure_packages; cmd_fuzz "$@" ;;
*) sed -n '2,7p' "$0"; exit 2 ;;
esac
