#!/usr/bin/env bash
# Does TimelineJS load what `citeline export --format timelinejs` writes? Builds citeline,
# exports the shipped events, installs TimelineJS from npm into a temporary folder, opens a
# page that gives it the data in headless Chromium, and checks the page it draws: a slide
# for every event, with its headline, and no TimelineJS error message.
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

root="$(cd "$(dirname "$0")/../.." && pwd)"
chromium="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
[[ -n "$chromium" ]] || fail "no chromium on PATH (apt-get install chromium), or set CHROMIUM"
command -v npm >/dev/null || fail "no npm on PATH (apt-get install npm)"

work="$(mktemp -d)"
trap '[[ -n "${KEEP:-}" ]] || rm -rf "$work"' EXIT; echo "work: $work" >&2

echo "timelinejs.sh: building citeline" >&2
(cd "$root" && cargo build --quiet --bin citeline)
citeline="$root/target/debug/citeline"
if [[ -n "${TIMELINEJS_DATA:-}" ]]; then
    # To see this script fail: TIMELINEJS_DATA=some-other.json tests/browser/timelinejs.sh
    cp "$TIMELINEJS_DATA" "$work/data.json"
else
    (cd "$root" && "$citeline" export --format timelinejs -o "$work/data.json" events.toml) \
        || fail "citeline export --format timelinejs failed on the shipped events.toml"
    # The titles as the events file states them, to compare with what the browser shows.
    (cd "$root" && "$citeline" export --format json -o "$work/titles.json" events.toml 2>/dev/null) \
        || fail "citeline export --format json failed on the shipped events.toml"
fi

echo "timelinejs.sh: installing @knight-lab/timelinejs@$TIMELINEJS_VERSION" >&2
(cd "$work" && npm install --silent --no-audit --no-fund --ignore-scripts \
    "@knight-lab/timelinejs@$TIMELINEJS_VERSION" >/dev/null) \
    || fail "npm install @knight-lab/timelinejs@$TIMELINEJS_VERSION failed"
dist="$work/node_modules/@knight-lab/timelinejs/dist"
[[ -f "$dist/js/timeline.js" && -f "$dist/css/timeline.css" ]] \
    || fail "the package has no dist/js/timeline.js or dist/css/timeline.css"

# The data goes in as a script literal: TimelineJS takes an object as well as a URL, and a
# file:// page may not fetch another file.
{
    cat <<HTML
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>citeline in TimelineJS</title>
<link rel="stylesheet" href="file://$dist/css/timeline.css">
<script src="file://$dist/js/timeline.js"></script>
</head><body>
<div id="timeline-embed" style="width:1000px;height:600px"></div>
<script>
var data = $(cat "$work/data.json");
try {
  window.timeline = new TL.Timeline('timeline-embed', data);
} catch (e) {
  document.body.setAttribute('data-citeline-error', String(e));
}
</script>
</body></html>
HTML
} >"$work/page.html"

echo "timelinejs.sh: opening it in $chromium" >&2
"$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run \
    --user-data-dir="$work/profile" --virtual-time-budget=5000 \
    --dump-dom "file://$work/page.html" >"$work/dom.html" 2>"$work/chromium.log" \
    || { cat "$work/chromium.log" >&2; fail "chromium did not run"; }

node - "$work/data.json" "$work/dom.html" "$work/titles.json" <<'JS' || fail "TimelineJS did not draw the exported data (see above)"
const fs = require("fs");
const [data, page] = process.argv.slice(2, 4).map((f) => fs.readFileSync(f, "utf8"));
const titles = new Map();
if (fs.existsSync(process.argv[4]))
  for (const e of JSON.parse(fs.readFileSync(process.argv[4], "utf8")).events) titles.set(e.id, e.title);
const events = JSON.parse(data).events || [];
const problems = [];
const thrown = page.match(/data-citeline-error="([^"]*)"/);
if (thrown) problems.push(`new TL.Timeline threw: ${thrown[1]}`);
// The page's own script holds the data: only what TimelineJS drew counts.
const dom = page.replace(/<script[\s\S]*?<\/script>/g, "");
// TimelineJS reports bad data in a message box instead of slides.
for (const m of dom.matchAll(/<div class="tl-message[^"]*">([\s\S]*?)<\/div>/g)) {
  const text = m[1].replace(/<[^>]*>/g, "").trim();
  if (text) problems.push(`TimelineJS says: ${text}`);
}
const slides = new Map();
const slide = /<div class="tl-slide(?: [^"]*)?" id="([^"]*)"[\s\S]*?<h2 class="tl-headline[^"]*">([\s\S]*?)<\/h2>/g;
for (const m of dom.matchAll(slide)) slides.set(m[1], m[2]);
// The export escapes headlines as HTML; the DOM shows them as text, serialized.
const text = (html) =>
  html.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
const serialized = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
  .replace(/\u00a0/g, "&nbsp;");
if (events.length === 0) problems.push("the data has no events");
for (const event of events) {
  const id = event.unique_id;
  if (!slides.has(id)) {
    problems.push(`no slide for event ${id}`);
    continue;
  }
  const want = serialized(text(event.text.headline));
  if (slides.get(id) !== want)
    problems.push(`the slide of ${id} is headed ${JSON.stringify(slides.get(id))}, not ${JSON.stringify(want)}`);
  if (titles.size && titles.get(id) !== text(event.text.headline))
    problems.push(`the headline of ${id} is not the event's title ${JSON.stringify(titles.get(id))}`);
}
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.error(`timelinejs.sh: ok: TimelineJS drew a slide for each of the ${events.length} events, headed by its title`);
JS
