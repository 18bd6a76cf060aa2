#!/bin/sh
# Usage: translations_complete.sh LUPDATE SOURCE_DIR SOURCES... -- TS_FILES...
# Runs lupdate over the app's sources into temporary copies of the .ts files and fails when any
# message is unfinished (new, or changed since it was translated) or has an empty translation.
set -eu
lupdate=$1
shift 2
sources=""
while [ "$1" != "--" ]; do sources="$sources $1"; shift; done
shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for ts in "$@"; do
    copy="$work/$(basename "$ts")"
    cp "$ts" "$copy"
    # English is the source language: its file holds only the plural forms.
    case "$ts" in *_en.ts) only=-pluralonly ;; *) only= ;; esac
    # shellcheck disable=SC2086
    "$lupdate" -silent $only -no-obsolete -locations none $sources -ts "$copy" >/dev/null
    unfinished=$(grep -c 'type="unfinished"' "$copy" || true)
    empty=$(grep -c '<translation></translation>\|<translation/>' "$copy" || true)
    total=$(grep -c '<message' "$copy" || true)
    if [ "$unfinished" -ne 0 ] || [ "$empty" -ne 0 ] || [ "$total" -eq 0 ]; then
        echo "$(basename "$ts"): $total messages, $unfinished unfinished, $empty empty"
        grep -B3 'type="unfinished"' "$copy" | grep '<source>' | head -20
        status=1
    else
        echo "$(basename "$ts"): all $total messages translated"
    fi
done
exit $status
