#!/usr/bin/env bash
# TLS end to end: a private CA, a relay serving wss:// with its certificate, a device that
# trusts the CA (--ca-file) syncs; one that does not is refused with a TLS error.
# Usage: tls_test.sh FEEDBACK_RELAY FEEDBACKCTL
set -euo pipefail
relay_bin=$1 ctl=$2
work=$(mktemp -d)
relay_pid=""
cleanup() { [ -n "$relay_pid" ] && kill "$relay_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
export FEEDBACK_PASSPHRASE=tls-test FEEDBACK_KEYCHAIN=off FEEDBACK_KDF=interactive

cd "$work"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Test CA" \
    -keyout ca.key -out ca.pem 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout relay.key -out relay.csr 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1\n' >san.ext
openssl x509 -req -in relay.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
    -extfile san.ext -out relay.pem 2>/dev/null

"$relay_bin" --listen 127.0.0.1:0 --open --data relay-data --tls-cert relay.pem --tls-key relay.key \
    >relay.out 2>relay.log &
relay_pid=$!
url=""
for _ in $(seq 100); do
    url=$(sed -n 's/^listening on //p' relay.out)
    [ -n "$url" ] && break
    sleep 0.1
done
[ -n "$url" ] || { cat relay.log; fail "the relay did not start"; }
case "$url" in wss://*) ;; *) fail "expected a wss:// URL, got $url" ;; esac

"$ctl" --profile a init --relay "$url" >/dev/null
"$ctl" --profile a submit --order ORD-TLS-1 --courier 1 --rating 5 >/dev/null
if "$ctl" --profile a sync --timeout 10 2>err.txt; then
    fail "sync succeeded although the relay's CA is not trusted"
fi
grep -qi "tls\|certificate\|ssl" err.txt || { cat err.txt; fail "the refusal does not name TLS"; }
"$ctl" --profile a sync --timeout 20 --ca-file ca.pem || fail "sync with --ca-file failed"
code=$("$ctl" --profile a invite --ca-file ca.pem 2>/dev/null | tail -n 1)
"$ctl" --profile b join "$code" --ca-file ca.pem >/dev/null || fail "join over wss:// failed"
"$ctl" --profile b sync --timeout 20 --ca-file ca.pem || fail "the second device could not sync"
"$ctl" --profile b list --format json | grep -q ORD-TLS-1 || fail "the record did not arrive over wss://"
echo "1 passed, 0 failed"
