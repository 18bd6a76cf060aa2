#!/usr/bin/env bash
# `./dev.sh fresh`: proves on new Debian 12 machines what CI on a used one cannot (a package
# installed there by hand once hid a missing -dev package from every check).
#   1. debootstrap a minimal Debian 12 root from the mirror this machine's apt uses;
#   2. copy the committed tree into a copy of it (git archive HEAD) and run `./dev.sh run` there
#      with no display: it must install what it needs, build and complete the headless demo;
#   3. build the .deb packages there (`./dev.sh package`, lintian included);
#   4. install them with `apt-get install --no-install-recommends` into a second, untouched copy
#      of the root and run packaging/smoke.sh there (relay, feedbackctl, courier-feedback).
# With --test, root 1 also runs `./dev.sh test` (the whole suite: proves the test packages too;
# about 20 minutes more on 2 cores, so CI leaves it out).
# Roots live in build/fresh (FRESH_DIR) and are removed after a success, kept after a failure.
# Downloaded .deb files are cached in FRESH_CACHE between runs; every root still starts empty.
set -euo pipefail
cd "$(dirname "$0")/.."

SUITE=bookworm
WORK=${FRESH_DIR:-$PWD/build/fresh}
CACHE=${FRESH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/courier-feedback-fresh}
STARTED=$SECONDS

log() { printf '[fresh %4ds] %s\n' "$((SECONDS - STARTED))" "$*" >&2; }
die() {
    log "FAILED: $*"
    exit 1
}

WITH_TESTS=0
case "${1:-}" in
"") ;;
--test) WITH_TESTS=1 ;;
*) echo "usage: ./dev.sh fresh [--test]" >&2; exit 2 ;;
esac
[ "$(id -u)" -eq 0 ] || { log "needs root (debootstrap, chroot, mount)"; exit 2; }
git rev-parse --verify -q HEAD >/dev/null || { log "needs a git checkout with a commit"; exit 2; }

# The URI the host's apt uses for a suite (deb822 .sources first, then one-line .list files).
mirror_for() { # SUITE
    local suite=$1 f
    {
        for f in /etc/apt/sources.list.d/*.sources; do
            [ -f "$f" ] || continue
            awk -v s="$suite" 'BEGIN { RS = ""; FS = "\n" }
                {
                    uris = ""; suites = ""; types = ""
                    for (i = 1; i <= NF; i++) {
                        if ($i ~ /^URIs:/) { v = $i; sub(/^URIs:[ \t]*/, "", v); uris = v }
                        if ($i ~ /^Suites:/) { v = $i; sub(/^Suites:[ \t]*/, "", v); suites = " " v " " }
                        if ($i ~ /^Types:/) types = $i
                    }
                    if (types ~ /deb([ \t]|$)/ && index(suites, " " s " ") > 0) {
                        split(uris, u, " "); print u[1]
                    }
                }' "$f"
        done
        for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
            [ -f "$f" ] || continue
            sed -E 's/\[[^]]*\]//' "$f" | awk -v s="$suite" '$1 == "deb" && $3 == s { print $2 }'
        done
    } | head -n 1
}

# Unmounts whatever is still mounted below WORK (a run that was interrupted).
unmount_all() {
    local target
    while read -r target; do
        umount -l "$target" 2>/dev/null || true
    done < <(findmnt -rn -o TARGET | grep -F "$WORK/" | sort -r)
}
trap unmount_all EXIT

# Runs a shell command as root inside ROOT with /proc mounted and the package cache bound in;
# both are unmounted afterwards, also when the command fails.
in_root() { # ROOT COMMAND
    local root=$1 rc=0
    shift
    mount -t proc proc "$root/proc"
    mount --bind "$CACHE/apt" "$root/var/cache/apt/archives"
    env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        LANG=C.UTF-8 TERM=dumb DEBIAN_FRONTEND=noninteractive JOBS="${JOBS:-$(nproc)}" \
        chroot "$root" /bin/bash -euo pipefail -c "$*" || rc=$?
    umount "$root/var/cache/apt/archives" || umount -l "$root/var/cache/apt/archives"
    umount "$root/proc" || umount -l "$root/proc"
    return "$rc"
}

mirror=$(mirror_for "$SUITE")
[ -n "$mirror" ] || die "no Debian $SUITE mirror in this machine's apt sources"
security=$(mirror_for "$SUITE-security")
updates=$(mirror_for "$SUITE-updates")

unmount_all
rm -rf "$WORK"
mkdir -p "$WORK" "$CACHE/debootstrap" "$CACHE/apt/partial"

log "debootstrap --variant=minbase $SUITE from $mirror"
debootstrap --variant=minbase --cache-dir="$CACHE/debootstrap" "$SUITE" "$WORK/base" "$mirror" \
    >"$WORK/debootstrap.log" 2>&1 || { tail -n 30 "$WORK/debootstrap.log"; die "debootstrap"; }
{
    echo "deb $mirror $SUITE main"
    [ -z "$updates" ] || echo "deb $updates $SUITE-updates main"
    [ -z "$security" ] || echo "deb $security $SUITE-security main"
} >"$WORK/base/etc/apt/sources.list"
cat /etc/resolv.conf >"$WORK/base/etc/resolv.conf"
# Nothing a package installs starts a service inside the root.
printf '#!/bin/sh\nexit 101\n' >"$WORK/base/usr/sbin/policy-rc.d"
chmod 755 "$WORK/base/usr/sbin/policy-rc.d"
# Retries for a flaky mirror; no pseudo-terminal for dpkg's log (the root has no /dev/pts).
printf 'Acquire::Retries "3";\nDpkg::Use-Pty "0";\n' >"$WORK/base/etc/apt/apt.conf.d/80fresh"
cp -a "$WORK/base" "$WORK/builder"
mv "$WORK/base" "$WORK/target"

log "root 1: the committed tree ($(git rev-parse --short HEAD)), then ./dev.sh run with no display"
mkdir -p "$WORK/builder/src"
git archive HEAD | tar -x -C "$WORK/builder/src"
# The package preset builds the three programs without tests or benchmarks; `package` reuses it.
if ! in_root "$WORK/builder" 'cd /src && RUN_PRESET=package ./dev.sh run' 2>&1 |
    tee "$WORK/run.log" | sed 's/^/  | /' ||
    ! grep -q "headless demo complete" "$WORK/run.log"; then
    die "./dev.sh run did not complete the headless demo (log: $WORK/run.log)"
fi
if [ "$WITH_TESTS" -eq 1 ]; then
    log "root 1: ./dev.sh test"
    in_root "$WORK/builder" 'cd /src && ./dev.sh test' 2>&1 | tee "$WORK/test.log" |
        sed 's/^/  | /' || die "./dev.sh test (log: $WORK/test.log)"
fi
log "root 1: ./dev.sh package"
in_root "$WORK/builder" 'cd /src && ./dev.sh package' 2>&1 | tee "$WORK/package.log" |
    sed 's/^/  | /' || die "./dev.sh package (log: $WORK/package.log)"
mapfile -t debs < <(find "$WORK/builder/src/build/package" -maxdepth 1 -name '*.deb' | sort)
[ "${#debs[@]}" -eq 3 ] || die "expected 3 packages, found ${#debs[@]} (log: $WORK/package.log)"

log "root 2: apt-get install --no-install-recommends of ${debs[*]##*/}"
mkdir -p "$WORK/target/debs"
cp "${debs[@]}" "$WORK/target/debs/"
git show HEAD:packaging/smoke.sh >"$WORK/target/smoke.sh"
in_root "$WORK/target" 'apt-get update -qq && apt-get install -y -qq --no-install-recommends ./debs/*.deb >/tmp/install.log 2>&1 || { tail -n 40 /tmp/install.log; exit 1; }' ||
    die "the packages did not install"
log "root 2: smoke test of the installed programs"
if ! in_root "$WORK/target" 'cd /tmp && sh /smoke.sh' 2>&1 | tee "$WORK/smoke.log" |
    sed 's/^/  | /' || ! grep -q "^smoke: ok" "$WORK/smoke.log"; then
    die "the installed programs failed the smoke test (log: $WORK/smoke.log)"
fi

unmount_all
if findmnt -rn -o TARGET | grep -qF "$WORK/"; then
    log "something is still mounted below $WORK: roots kept"
else
    rm -rf "$WORK/builder" "$WORK/target"
fi
log "passed: built and ran on a fresh root; the three packages install and run on another"
