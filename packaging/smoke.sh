#!/bin/sh
# Smoke test of the installed packages: a relay on 127.0.0.1, two feedbackctl devices of one
# workspace that submit and sync through it, and the desktop app's --version. `./dev.sh fresh`
# runs it on a new Debian 12 root where only the three .deb files were installed (with
# --no-install-recommends); an operator can run it the same way after installing.
set -eu
dir=$(mktemp -d)
relay=""
cleanup() {
    [ -n "$relay" ] && kill "$relay" 2>/dev/null || true
    rm -rf "$dir"
}
trap cleanup EXIT
fail() {
    echo "smoke: $*" >&2
    [ -f "$dir/relay.log" ] && sed 's/^/  relay: /' "$dir/relay.log" >&2
    exit 1
}
# A passphrase instead of the desktop keychain (there is none on a server), hashed quickly.
export FEEDBACK_PASSPHRASE=smoke-test FEEDBACK_KEYCHAIN=off FEEDBACK_KDF=interactive

feedback-relay --version
feedback-relay --listen 127.0.0.1:0 --open --data "$dir/relay" >"$dir/relay.out" 2>"$dir/relay.log" &
relay=$!
url=""
tries=0
while [ -z "$url" ] && [ "$tries" -lt 100 ]; do
    url=$(sed -n 's/^listening on //p' "$dir/relay.out" 2>/dev/null || true)
    tries=$((tries + 1))
    [ -n "$url" ] || sleep 0.1
done
[ -n "$url" ] || fail "the relay did not start"
echo "smoke: relay listening on $url"

feedbackctl --version
feedbackctl --profile "$dir/kiosk" init --name kiosk --relay "$url" >/dev/null || fail "init"
id=$(feedbackctl --profile "$dir/kiosk" submit --order ORD-000001 --courier 17 --rating 5 \
    --reason fast) || fail "submit"
code=$(feedbackctl --profile "$dir/kiosk" invite 2>/dev/null | tail -n 1)
feedbackctl --profile "$dir/desk" join "$code" --name desk >/dev/null || fail "join"
feedbackctl --profile "$dir/kiosk" sync || fail "sync (kiosk)"
feedbackctl --profile "$dir/desk" sync || fail "sync (desk)"
feedbackctl --profile "$dir/desk" list | grep -q "ORD-000001" || fail "record $id did not arrive"
echo "smoke: record $id went from the kiosk to the desk through the relay"

QT_QPA_PLATFORM=offscreen courier-feedback --version || fail "courier-feedback --version"
echo "smoke: ok"
