#!/usr/bin/env bash
# One entry point for developers and CI.
#   ./dev.sh run            build, start a local relay and the app (headless: a two-device demo)
#   ./dev.sh test           install, build with ASan+UBSan and warnings as errors (benchmarks
#                           too, compiled, not run), run every test
#   ./dev.sh bench [--large] [PREFIX]
#                           release build, run the benchmarks, one JSON object per line
#                           (--large: the growth table's 1,000,000-record runs too)
#   ./dev.sh package        release build of the three programs, .deb packages, lintian
#   ./dev.sh fresh          prove the install on new Debian 12 roots (debootstrap, chroot)
#   ./dev.sh format [--check]
#   ./dev.sh fuzz [SECONDS] build the libFuzzer targets with clang and run each for a while
set -euo pipefail
cd "$(dirname "$0")"

# What building and running needs (run, package, bench). `./dev.sh fresh` proves this list is
# complete: it builds and runs the demo on a root that has nothing else.
BUILD_PACKAGES=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-websockets-dev qt6-tools-dev qt6-l10n-tools qt6-tools-dev-tools
    qt6-charts-dev libqt6opengl6-dev qt6-svg-dev qtkeychain-qt6-dev libsodium-dev zlib1g-dev
    libqt6sql6-sqlite libqt6sql6-psql qt6-translations-l10n
)
# What the tests need on top: the fuzzers and format check (clang), the real keychain under a
# private D-Bus session, screenshots under Xvfb, TLS certificates, PostgreSQL, reading the
# report's PDF (poppler-utils).
TEST_PACKAGES=(
    git clang clang-format libclang-rt-14-dev
    gnome-keyring libsecret-1-0 dbus-daemon dbus-bin xvfb xauth postgresql openssl poppler-utils
)
# What making the .deb files needs on top (dpkg-shlibdeps, file, lintian).
PACKAGE_PACKAGES=(dpkg-dev file lintian)
JOBS=${JOBS:-$(nproc)}

log() { printf '[dev.sh] %s\n' "$*" >&2; }

ensure_packages() { # PACKAGE...
    local missing=()
    for p in "$@"; do
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
    ensure_packages "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
    log "format check"
    cmd_format --check
    log "building (asan preset: ASan + UBSan, -Werror; the benchmarks are compiled, not run)"
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
    cmake --preset fuzz >/dev/null
    cmake --build --preset fuzz -j "$JOBS" --target fuzzers
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
    ensure_packages "${BUILD_PACKAGES[@]}"
    build release >&2
    # --large adds the growth table's 1,000,000-record runs (minutes each), before or after
    # the prefix.
    local prefix=""
    for arg in "$@"; do
        case "$arg" in
        --large) export FEEDBACK_BENCH_LARGE=1 ;;
        -*) log "bench: unknown option $arg (--large, or a prefix)"; exit 2 ;;
        *) [ -z "$prefix" ] || { log "bench: one prefix at most"; exit 2; }; prefix=$arg ;;
        esac
    done
    for bench in build/release/tests/bench/bench_*; do
        [ -x "$bench" ] || continue
        "$bench" "$prefix"
    done
}

# The relay of `run`: started in the background, its URL in RELAY_URL; stopped on exit.
start_demo_relay() { # BIN DEMO_DIR
    # On this machine only: it serves any workspace (a real relay admits them: README).
    "$1/relay/feedback-relay" --listen 127.0.0.1:0 --open --data "$2/relay" >"$2/relay.out" 2>"$2/relay.log" &
    RELAY_PID=$!
    trap 'kill "$RELAY_PID" 2>/dev/null || true' EXIT
    RELAY_URL=""
    for _ in $(seq 100); do
        # The background job may not have created the file yet.
        RELAY_URL=$(sed -n 's/^listening on //p' "$2/relay.out" 2>/dev/null || true)
        [ -n "$RELAY_URL" ] && break
        sleep 0.1
    done
    [ -n "$RELAY_URL" ] || { cat "$2/relay.log"; log "the relay did not start"; return 1; }
    log "relay listening on $RELAY_URL (data in $2/relay, log in $2/relay.log)"
}

records_on() { # CTL PROFILE: the number of records the profile holds
    "$1" --profile "$2" status | sed -n 's/^records: *//p'
}

cmd_run() {
    ensure_packages "${BUILD_PACKAGES[@]}"
    # RUN_PRESET=package builds the three programs only (what `./dev.sh fresh` uses).
    local preset=${RUN_PRESET:-release}
    cmake --preset "$preset" >/dev/null
    local targets=(feedback-relay feedbackctl)
    [ -d src/app ] && targets+=(courier-feedback)
    cmake --build --preset "$preset" -j "$JOBS" --target "${targets[@]}"
    local bin=${BIN_DIR:-build/$preset/src}
    local demo=${DEMO_DIR:-$PWD/build/demo}
    mkdir -p "$demo"
    start_demo_relay "$bin" "$demo"
    local url=$RELAY_URL
    # The demo profiles use a passphrase, not the desktop keychain (no unlock prompt).
    export FEEDBACK_PASSPHRASE=${FEEDBACK_PASSPHRASE:-demo-passphrase} FEEDBACK_KEYCHAIN=off
    local ctl="$bin/cli/feedbackctl"
    if [ -x "$bin/app/courier-feedback" ] && [ -n "${DISPLAY:-}" ]; then
        local desk="$demo/dispatcher"
        if [ ! -f "$desk/profile.ini" ]; then
            "$ctl" --profile "$desk" init --name dispatcher --relay "$url" >/dev/null
            # Something to look at: a feedbackctl kiosk of the same workspace sends three ratings.
            local feeder="$demo/feeder"
            rm -rf "$feeder"
            "$ctl" --profile "$feeder" join "$("$ctl" --profile "$desk" invite 2>/dev/null | tail -n 1)" --name feeder >/dev/null
            "$ctl" --profile "$feeder" submit --order ORD-200001 --courier 17 --rating 5 --reason fast --consent >/dev/null
            "$ctl" --profile "$feeder" submit --order ORD-200002 --courier 23 --rating 2 --reason late --comment "Parcel came two hours late" >/dev/null
            "$ctl" --profile "$feeder" submit --order ORD-200003 --courier 8 --rating 4 --reason friendly >/dev/null
            "$ctl" --profile "$feeder" sync >/dev/null || log "the demo feeder could not sync"
        fi
        if [ -n "${KIOSK:-}" ]; then # KIOSK=1 ./dev.sh run: a second window, a kiosk device
            [ -f "$demo/kiosk-app/profile.ini" ] ||
                "$ctl" --profile "$demo/kiosk-app" join "$("$ctl" --profile "$desk" invite 2>/dev/null | tail -n 1)" --name kiosk >/dev/null
            "$bin/app/courier-feedback" --profile "$demo/kiosk-app" --relay "$url" --mode kiosk &
        fi
        "$bin/app/courier-feedback" --profile "$desk" --relay "$url" --mode dispatcher
        return
    fi
    if [ -x "$bin/app/courier-feedback" ]; then
        log "no display (DISPLAY is not set): the desktop app needs one, so here is the headless demo"
    else
        log "the desktop app is not built: running the headless demo"
    fi
    local a="$demo/kiosk" b="$demo/laptop"
    rm -rf "$a" "$b"
    "$ctl" --profile "$a" init --name kiosk --relay "$url" >/dev/null
    local code
    code=$("$ctl" --profile "$a" invite 2>/dev/null | tail -n 1)
    "$ctl" --profile "$b" join "$code" --name laptop >/dev/null
    log "kiosk submits two ratings while the laptop records one of its own"
    "$ctl" --profile "$a" submit --order ORD-100001 --courier 17 --rating 5 --reason fast --consent >/dev/null
    local late
    late=$("$ctl" --profile "$a" submit --order ORD-100002 --courier 23 --rating 2 --reason late --comment "Parcel came two hours late")
    "$ctl" --profile "$b" submit --order ORD-100003 --courier 17 --rating 4 --reason friendly >/dev/null
    log "both devices sync through the relay"
    "$ctl" --profile "$a" sync
    "$ctl" --profile "$b" sync
    "$ctl" --profile "$a" sync
    log "both edit the late delivery's rating while apart: a conflict every device shows alike"
    "$ctl" --profile "$a" edit "$late" --rating 1 >/dev/null
    "$ctl" --profile "$b" edit "$late" --rating 3 >/dev/null
    "$ctl" --profile "$a" sync
    "$ctl" --profile "$b" sync
    "$ctl" --profile "$a" sync
    log "kiosk's view:"
    "$ctl" --profile "$a" list
    log "laptop's view:"
    "$ctl" --profile "$b" list
    local on_a on_b
    on_a=$(records_on "$ctl" "$a")
    on_b=$(records_on "$ctl" "$b")
    if [ "$on_a" != 3 ] || [ "$on_b" != 3 ]; then
        log "the devices did not converge: kiosk has ${on_a:-?} records, laptop ${on_b:-?} (3 expected)"
        return 1
    fi
    log "the relay stored only sealed bytes:"
    if grep -rq "Parcel came two hours late" "$demo/relay"; then log "PLAINTEXT FOUND"; return 1; fi
    log "no plaintext in $demo/relay"
    kill "$RELAY_PID" 2>/dev/null || true
    wait "$RELAY_PID" 2>/dev/null || true
    trap - EXIT
    log "headless demo complete: both devices hold the same 3 records"
}

cmd_package() {
    ensure_packages "${BUILD_PACKAGES[@]}" "${PACKAGE_PACKAGES[@]}"
    build package
    local out=build/package
    rm -f "$out"/*.deb
    if ! (cd "$out" && cpack -G DEB >cpack.log 2>&1); then
        cat "$out/cpack.log"
        log "cpack failed"
        return 1
    fi
    local debs=("$out"/*.deb)
    # Errors fail the build; warnings and notes are printed for whoever reads them.
    log "lintian ${debs[*]}"
    lintian --fail-on error --tag-display-limit 0 "${debs[@]}"
    for deb in "${debs[@]}"; do log "package: $deb ($(du -k "$deb" | cut -f1) KB)"; done
}

# A new Debian 12 machine, twice over: see packaging/fresh.sh.
cmd_fresh() {
    ensure_packages debootstrap git
    packaging/fresh.sh "$@"
}

case "${1:-}" in
run) shift; cmd_run "$@" ;;
test) shift; cmd_test "$@" ;;
bench) shift; cmd_bench "$@" ;;
format) shift; cmd_format "$@" ;;
fuzz) shift; ensure_packages "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"; cmd_fuzz "$@" ;;
package) shift; cmd_package "$@" ;;
fresh) shift; cmd_fresh "$@" ;;
*) sed -n '2,10p' "$0"; exit 2 ;;
esac
