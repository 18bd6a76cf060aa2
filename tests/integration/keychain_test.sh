#!/bin/bash
# keychain_test.sh TEST [ARGS...]: runs TEST against the real OS keychain. A private D-Bus
# session (dbus-run-session), a temporary HOME and XDG_RUNTIME_DIR (mode 0700), DISPLAY unset
# (a locked keyring must never prompt), and gnome-keyring's secrets component unlocked with a
# throwaway password. Fails, never skips, when the keyring cannot be started. Exits with the
# test's status. See /work/shared/TOOLCHAIN.md, "QtKeychain headless".
set -u

fail() {
    echo "keychain_test.sh: FAIL: $*" >&2
    exit 1
}

[ $# -ge 1 ] || fail "usage: keychain_test.sh TEST [ARGS...]"
[ -x "$1" ] || fail "$1 is not an executable test"

if [ -z "${KEYCHAIN_TEST_IN_SESSION:-}" ]; then
    for tool in dbus-run-session dbus-daemon dbus-send gnome-keyring-daemon; do
        command -v "$tool" >/dev/null ||
            fail "$tool is not installed (packages dbus-bin, dbus-daemon, gnome-keyring)"
    done
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/keychain-test.XXXXXX") ||
        fail "cannot create a temporary directory"
    trap 'rm -rf "$tmp"' EXIT
    mkdir -m 0700 "$tmp/home" "$tmp/runtime" || fail "cannot create $tmp/home and $tmp/runtime"
    # Not exec: the trap removes the temporary directory once the session has ended.
    env -u DISPLAY -u WAYLAND_DISPLAY -u DBUS_SESSION_BUS_ADDRESS -u XDG_CONFIG_HOME \
        -u XDG_DATA_HOME -u XDG_CACHE_HOME -u FEEDBACK_KEYCHAIN -u FEEDBACK_PASSPHRASE \
        HOME="$tmp/home" XDG_RUNTIME_DIR="$tmp/runtime" KEYCHAIN_TEST_IN_SESSION=1 \
        dbus-run-session -- "$0" "$@"
    exit $?
fi

# Inside the private session.
log="$XDG_RUNTIME_DIR/gnome-keyring.log"
printf pw | gnome-keyring-daemon --foreground --unlock --components=secrets >"$log" 2>&1 &
daemon=$!
# shellcheck disable=SC2317 # called by the trap
stop_daemon() {
    kill "$daemon" 2>/dev/null
    wait "$daemon" 2>/dev/null
}
trap stop_daemon EXIT

has_owner() {
    dbus-send --session --print-reply --reply-timeout=1000 --dest=org.freedesktop.DBus \
        /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
        grep -q 'boolean true'
}
ready=
deadline=$((SECONDS + 10)) # at most 10 s
while [ "$SECONDS" -lt "$deadline" ]; do
    if has_owner; then
        ready=1
        break
    fi
    kill -0 "$daemon" 2>/dev/null || break
    sleep 0.1
done
if [ -z "$ready" ]; then
    echo "keychain_test.sh: FAIL: gnome-keyring-daemon exited or did not own" \
        "org.freedesktop.secrets within 10 s; its output:" >&2
    cat "$log" >&2
    exit 1
fi

"$@"
status=$?
exit "$status"
