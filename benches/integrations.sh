#!/usr/bin/env bash
# The integrations at 10,000 events: each `check --format` on data with findings (half the
# events carry a broken quote), each `export --format` and `import` on clean data. Prints one
# line per command: the best wall time of three runs, the peak memory of the last, the size
# of what it wrote. BENCHMARKS.md "Integrations" has the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q --bins
citeline="$PWD/target/release/citeline"
synth="$PWD/target/release/citeline-synth"
work="target/bench/integrations"
rm -rf "$work" && mkdir -p "$work"
"$synth" "$work/clean" 10000 200 0 >/dev/null
"$synth" "$work/broken" 10000 200 50 >/dev/null

# best of three wall times (s), then the last run's peak memory (MB) and output size (kB)
measure() {
    local name="$1" dir="$2" out="$3"; shift 3
    local best=999 t
    for _ in 1 2 3; do
        (cd "$dir" && /usr/bin/time -o time.txt -f "%e %M" "$@" >"$out" 2>/dev/null) || true
        t=$(tail -1 "$dir/time.txt")
        best=$(awk -v a="$best" -v b="${t%% *}" 'BEGIN { print (b < a ? b : a) }')
    done
    printf '%-26s %5.2f s %6.0f MB %8.0f kB\n' "$name" "$best" \
        "$(awk -v k="${t##* }" 'BEGIN { print k / 1024 }')" \
        "$(awk -v b="$(stat -c %s "$dir/$out")" 'BEGIN { print b / 1024 }')"
}

for format in human json json-lines sarif github; do
    measure "check --format $format" "$work/broken" "check.$format" "$citeline" check --format "$format"
done
for format in csv json markdown html timelinejs; do
    measure "export --format $format" "$work/clean" "export.$format" "$citeline" export --format "$format"
done
measure "import (citeline's CSV)" "$work/clean" "imported.toml" "$citeline" import export.csv
