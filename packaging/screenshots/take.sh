#!/bin/sh
# Screenshots of each mode from the real app windows under Xvfb, on a seeded data set, at
# 1280x800 and 1920x1080. Usage: packaging/screenshots/take.sh [BUILD_DIR]
set -eu
build=${1:-build/release}
out=$(dirname "$0")
scene=$build/tests/tools/screenshot_scene
[ -x "$scene" ] || { echo "build the screenshot_scene target first" >&2; exit 1; }
for size in 1280x800 1920x1080; do
    w=${size%x*}
    h=${size#*x}
    # SCENE or SCENE:LANGUAGE (English when none): the kiosk also in German, with its errors.
    for shot in kiosk kiosk:de kiosk-errors:de dispatcher history analytics field; do
        mode=${shot%%:*}
        lang=en
        name=$mode
        case $shot in *:*) lang=${shot#*:} name=$mode-$lang ;; esac
        xvfb-run -a -s "-screen 0 ${size}x24" sh -c "
            '$scene' $mode $w $h $lang > /tmp/scene.out 2>/dev/null &
            pid=\$!
            for i in \$(seq 100); do grep -q ready /tmp/scene.out 2>/dev/null && break; sleep 0.1; done
            import -window root '$out/$name-$size.png'
            kill \$pid"
        echo "$out/$name-$size.png"
    done
done
# The dispatcher's weekly report (File → Export report…), its first page (needs poppler-utils).
"$scene" report /tmp/feedback-report.pdf
pdftoppm -r 60 -png -f 1 -l 1 -singlefile /tmp/feedback-report.pdf "$out/report-page1"
rm -f /tmp/feedback-report.pdf
echo "$out/report-page1.png"
