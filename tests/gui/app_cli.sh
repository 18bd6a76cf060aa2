#!/bin/sh
# Usage: app_cli.sh COURIER_FEEDBACK
# The app's command line on a machine without a display (a server, an SSH session, CI): --help
# and --version answer and exit 0, a wrong option exits 2, and none of them aborts in Qt's
# platform plugin. Qt's own options (-platform ...) are still accepted.
set -u
app=$1
unset DISPLAY WAYLAND_DISPLAY QT_QPA_PLATFORM
status=0
fail() { echo "FAIL: $*"; status=1; }

expect() { # CODE PATTERN ARGS...: exit code and a line the output must contain
    code=$1 pattern=$2
    shift 2
    out=$("$app" "$@" 2>&1)
    got=$?
    [ "$got" -eq "$code" ] || fail "courier-feedback $* exited $got, not $code: $out"
    printf '%s\n' "$out" | grep -q -e "$pattern" || fail "courier-feedback $*: no \"$pattern\" in: $out"
}

expect 0 '--profile' --help
expect 0 '--mode' -h
expect 0 '--profile' --help-all
expect 0 'courier-feedback [0-9]' --version
expect 2 'no-such-option' --no-such-option
expect 2 'kiosk, dispatcher or field' --mode nonsense
expect 2 'unexpected argument' stray
expect 0 '--relay' -platform offscreen --help
[ $status -eq 0 ] && echo "courier-feedback's command line works without a display"
exit $status
