#!/usr/bin/env bash
# Measures the chart against issue 7's "What must hold", in a real browser.
#
#   bash benches/chart/measure.sh [BINARY] [SET...]     (BINARY defaults to target/release/citeline)
#
# For each data set (the shipped events.toml and the generated ones of benches/chart/gen.py,
# written once to target/chart-measure/data/): renders the SVG (and PNG where asked) with
# the release binary, timing the whole process (best of 3; CHART_RUNS=N to change), then
# loads the SVG in headless Chromium and measures overlapping texts, the way label -> mark ->
# axis, labelled events, day positions, legend styles and the chart's size. Prints one table
# row per set; JSON per set and table.md in target/chart-measure/. See BENCHMARKS.md, "Chart".
#
# Needs: python3 (3.11+, standard library only) and Chromium with the fonts the chart asks
# for. On Debian, as root:
#   apt-get update
#   apt-get install -y --no-install-recommends chromium fonts-dejavu-core \
#       fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji
# (DejaVu Sans is the chart's font; the Noto fonts give the browser glyphs for the "scripts"
# set: without them the browser draws boxes of other widths.) Set CHART_INSTALL=1 to have
# this script run that install when chromium is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-target/release/citeline}
[ $# -gt 0 ] && shift
if ! command -v chromium >/dev/null 2>&1; then
    if [ "${CHART_INSTALL:-0}" = 1 ]; then
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium \
            fonts-dejavu-core fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji
    else
        echo "benches/chart/measure.sh needs chromium: apt-get install chromium" \
             "fonts-dejavu-core fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji" \
             "(or run with CHART_INSTALL=1)" >&2
        exit 2
    fi
fi
if [ ! -x "$bin" ]; then
    echo "no $bin: building it (cargo build --release)" >&2
    cargo build --release --quiet --bin citeline
fi
# The instrument first: a hand-made SVG with known answers (benches/chart/selftest.py).
python3 benches/chart/selftest.py target/chart-measure/selftest
exec python3 benches/chart/measure.py "$bin" target/chart-measure "$@"
