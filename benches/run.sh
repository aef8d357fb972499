#!/usr/bin/env bash
# Whole-process benchmarks of `citeline check` and `citeline render` on synthetic data,
# release build. Usage: bash benches/run.sh [small|all]   (all adds 100,000 events).
# Prints wall time (best of 3) and peak memory (max RSS) per case.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/time ]; then
    echo "benches/run.sh needs GNU time for peak memory: apt-get install time" >&2
    exit 2
fi
cargo build --release --quiet --bins
bin=target/release/citeline
synth=target/release/citeline-synth
work=${CITELINE_BENCH_DIR:-target/bench}
mkdir -p "$work"

measure() { # label, then the command
    local label=$1; shift
    local best=999999 rss=0
    for _ in 1 2 3; do
        /usr/bin/time -f '%e %M' -o "$work/time.txt" "$@" >/dev/null 2>&1 || true
        read -r secs kb < <(tail -n 1 "$work/time.txt")
        best=$(awk -v a="$best" -v b="$secs" 'BEGIN { print (b < a) ? b : a }')
        rss=$(( kb > rss ? kb : rss ))
    done
    printf '%-44s %8.2f s %8d MB\n' "$label" "$best" $(( rss / 1024 ))
}

cases="1000:100 10000:1000"
[ "${1:-small}" = all ] && cases="$cases 100000:10000"
for case in $cases; do
    events=${case%%:*}; articles=${case##*:}
    dir="$work/e$events"
    [ -f "$dir/events.toml" ] || "$synth" "$dir" "$events" "$articles" 10 >/dev/null
    size=$(du -sm "$dir/articles" | cut -f1)
    measure "check: $events events, $articles articles (${size} MB)" "$bin" check "$dir/events.toml"
    # The floor: counting the words of the same files, in one process.
    measure "  wc -w over the same files" sh -c "cat '$dir/events.toml' '$dir'/articles/* | wc -w"
    # render draws only error-free data: benchmark it on a copy with no broken quotes.
    clean="$work/c$events"
    [ -f "$clean/events.toml" ] || "$synth" "$clean" "$events" "$articles" 0 >/dev/null
    measure "render svg: $events events (check included)" "$bin" render "$clean/events.toml" -o "$work/out-$events.svg"
    if [ "$events" -le 1000 ]; then
        measure "render png: $events events, scale 2 (default)" "$bin" render "$clean/events.toml" -o "$work/out-$events.png"
        measure "render png: $events events, scale 1" "$bin" render "$clean/events.toml" -o "$work/out-$events.png" --scale 1
    fi
done

# Saved web pages: 1,000 news pages of about 100 kB, each parsed as HTML5 for its visible
# text (docs/checks.md#what-counts-as-text); the issue's goal is 1 s.
dir="$work/h1000"
[ -f "$dir/events.toml" ] || "$synth" "$dir" 1000 1000 10 html >/dev/null
size=$(du -sm "$dir/articles" | cut -f1)
measure "check: 1000 events, 1000 HTML pages (${size} MB)" "$bin" check "$dir/events.toml"
