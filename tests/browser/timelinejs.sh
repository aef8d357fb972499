#!/usr/bin/env bash
# Does TimelineJS load what `citeline export --format timelinejs` writes? Builds citeline,
# exports the shipped events and a hostile copy (tests/browser/hostile.toml), installs
# TimelineJS from npm into a temporary folder, opens a page that gives it the data in
# headless Chromium, and checks the page it draws (check-dom.js): a slide for every event,
# headed by its title, no TimelineJS error message, and no markup from the data.
#
# Needs node/npm and Chromium (Debian's `chromium` package; CHROMIUM=path names another).
# Not part of `cargo test`, which needs nothing but the Rust toolchain; CI runs it after
# installing Chromium. SKIP_BROWSER=1 skips it (and says so). tests/browser/README.md says
# which TimelineJS it pins and why.
set -euo pipefail

TIMELINEJS_VERSION=3.9.11

if [[ "${SKIP_BROWSER:-}" == 1 ]]; then
    echo "timelinejs.sh: SKIPPED (SKIP_BROWSER=1): TimelineJS was not tried in a browser" >&2
    exit 0
fi

fail() {
    echo "timelinejs.sh: FAILED: $*" >&2
    exit 1
}

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
chromium="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
[[ -n "$chromium" ]] || fail "no chromium on PATH (apt-get install chromium), or set CHROMIUM"
command -v npm >/dev/null || fail "no npm on PATH (apt-get install npm)"

work="$(mktemp -d)"
# KEEP=1 keeps the pages and DOM dumps for a look.
trap '[[ -n "${KEEP:-}" ]] || rm -rf "$work"' EXIT

if [[ -n "${KEEP:-}" ]]; then echo "timelinejs.sh: keeping $work" >&2; fi

echo "timelinejs.sh: building citeline" >&2
(cd "$root" && cargo build --quiet --bin citeline)
citeline="$root/target/debug/citeline"
echo "timelinejs.sh: installing @knight-lab/timelinejs@$TIMELINEJS_VERSION" >&2
(cd "$work" && npm install --silent --no-audit --no-fund --ignore-scripts \
    "@knight-lab/timelinejs@$TIMELINEJS_VERSION" >/dev/null) \
    || fail "npm install @knight-lab/timelinejs@$TIMELINEJS_VERSION failed"
dist="$work/node_modules/@knight-lab/timelinejs/dist"
[[ -f "$dist/js/timeline.js" && -f "$dist/css/timeline.css" ]] \
    || fail "the package has no dist/js/timeline.js or dist/css/timeline.css"

# Draw $2 (TimelineJS JSON) in Chromium and check the page; $3, if it exists, is citeline's
# JSON export of the same events, whose titles the slides must show.
draw() {
    local name="$1" data="$2" titles="$3" dir="$work/$1"
    mkdir -p "$dir"
    # The data goes in as a script literal: TimelineJS takes an object as well as a URL, and a
    # file:// page may not fetch another file. Every < is written \u003c (the same JSON string),
    # so no text in the data can end the script.
    {
        cat <<HTML
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>citeline in TimelineJS</title>
<link rel="stylesheet" href="file://$dist/css/timeline.css">
<script src="file://$dist/js/timeline.js"></script>
</head><body>
<div id="timeline-embed" style="width:1000px;height:600px"></div>
<script>
var data = $(sed 's/</\\u003c/g' "$data");
try {
  window.timeline = new TL.Timeline('timeline-embed', data);
} catch (e) {
  document.body.setAttribute('data-citeline-error', String(e));
}
</script>
</body></html>
HTML
    } >"$dir/page.html"

    echo "timelinejs.sh: $name: opening it in $chromium" >&2
    "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run \
        --user-data-dir="$dir/profile" --virtual-time-budget=5000 \
        --dump-dom "file://$dir/page.html" >"$dir/dom.html" 2>"$dir/chromium.log" \
        || { cat "$dir/chromium.log" >&2; fail "chromium did not run"; }

    node "$here/check-dom.js" "$data" "$dir/dom.html" "$titles" "$name" \
        || fail "$name: TimelineJS did not draw the data as exported (see above)"
}

# Export the events in folder $2 as TimelineJS data and as citeline's JSON, and draw them.
export_and_draw() {
    local name="$1" folder="$2"
    (cd "$folder" && "$citeline" export --format timelinejs -o "$work/$name.json" events.toml 2>/dev/null) \
        || fail "citeline export --format timelinejs failed on $folder/events.toml"
    (cd "$folder" && "$citeline" export --format json -o "$work/$name.titles.json" events.toml 2>/dev/null) \
        || fail "citeline export --format json failed on $folder/events.toml"
    draw "$name" "$work/$name.json" "$work/$name.titles.json"
}

if [[ -n "${TIMELINEJS_DATA:-}" ]]; then
    # To see this script fail: TIMELINEJS_DATA=some-other.json tests/browser/timelinejs.sh
    draw given "$TIMELINEJS_DATA" /nonexistent
else
    export_and_draw shipped "$root"
    # Titles, a tag and a summary built to break out of TimelineJS's HTML.
    mkdir -p "$work/hostile-data"
    cp -r "$root/articles" "$work/hostile-data/"
    cp "$root/tests/browser/hostile.toml" "$work/hostile-data/events.toml"
    export_and_draw hostile "$work/hostile-data"
fi
