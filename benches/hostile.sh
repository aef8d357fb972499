#!/usr/bin/env bash
# Hostile inputs, each once made check take seconds or gigabytes (issue 6's list), measured
# as whole processes of the release binary: wall time and peak memory. Needs GNU time and
# python3 (for generating the inputs). Usage: bash benches/hostile.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v python3 >/dev/null || { echo "benches/hostile.sh needs python3" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "benches/hostile.sh needs GNU time: apt-get install time" >&2; exit 2; }
cargo build --release --quiet --bins
bin=$PWD/target/release/citeline
synth=$PWD/target/release/citeline-synth
work=${CITELINE_BENCH_DIR:-target/bench}/hostile
rm -rf "$work" && mkdir -p "$work"

measure() { # label, folder, then the arguments
    local label=$1 dir=$2; shift 2
    (cd "$dir" && /usr/bin/time -f '%e %M %x' -o time.txt "$bin" "$@" >out.txt 2>err.txt || true)
    read -r secs kb code < <(tail -n 1 "$dir/time.txt")
    printf '%-58s %6.2f s %6d MB  exit %s\n' "$label" "$secs" $((kb / 1024)) "$code"
}

gen() { # folder, then python that writes events.toml (and articles) there
    mkdir -p "$1" && (cd "$1" && python3 -c "$2")
}

SOURCE='src = "[sources.a]\nfile = \"a.txt\"\npublisher = \"Wire\"\ntitle = \"Report\"\npublished = \"2003-12-03\"\n"
def event(i, source="a", quote="On 19 November the ministers met"):
    return f"\n[[events]]\nid = \"e{i}\"\ndate = \"2003-11-19\"\ntitle = \"Meeting\"\n[[events.evidence]]\nsource = \"{source}\"\nquote = \"{quote}\"\n"
article = "Report\nWire, 3 December 2003\n\nOn 19 November the ministers met in Bishkek.\n"
'

mkdir -p "$work/zero"
measure "check /dev/zero (an endless stream)" "$work/zero" check /dev/zero

gen "$work/elisions" "$SOURCE
open('a.txt','w').write(article)
open('events.toml','w').write(src + event(0, quote='On ' + 'a ... ' * 1_000_000 + 'met'))"
measure "one quote with 1,000,000 elisions (6 MB file)" "$work/elisions" check

gen "$work/shared" "$SOURCE
big = article + 'Filler words about nothing in particular, said the agency.\n' * 260_000
open('a.txt','w').write(big)
out = open('events.toml','w')
for i in range(64): out.write(src.replace('sources.a]', f'sources.s{i}]'))
for i in range(64): out.write(event(i, f's{i}'))"
measure "64 sources naming one 15 MB article" "$work/shared" check

gen "$work/longline" "$SOURCE
open('a.txt','w').write(article)
line = 'events = [' + ''.join(f'{{id = \"Bad Id {i}\", date = \"2003-11-19\", title = \"Meeting\", evidence = [{{source = \"a\", quote = \"On 19 November the ministers met\"}}]}}, ' for i in range(14_000)) + ']\n'
open('events.toml','w').write(line + src)"
measure "one 1.9 MB line with 14,000 findings (human output)" "$work/longline" check

gen "$work/paragraphs" "$SOURCE
open('a.txt','w').write(article + 'a\n\n' * 100_000)
open('events.toml','w').write(src + event(0, quote=' ... '.join(['a'] * 64)) + event(1, quote=' ... '.join(['a b'] * 60)))"
measure "300 KB article of 100,000 short paragraphs, elided quotes" "$work/paragraphs" check

gen "$work/ids" "$SOURCE
open('a.txt','w').write(article)
open('events.toml','w').write(src + ''.join(event(0) for _ in range(8_000)))"
measure "8,000 events with one repeated id" "$work/ids" check

[ -f "$work/../e10000/events.toml" ] || "$synth" "$work/../e10000" 10000 1000 10 >/dev/null
mkdir -p "$work/pins" && cp -r "$work/../e10000/articles" "$work/pins/"
python3 - "$work/../e10000/events.toml" "$work/pins/events.toml" <<'PY'
import sys, re
text = open(sys.argv[1]).read()
text = re.sub(r'(\npublished = "[^"]*"\n)', r'\1sha256 = "' + '0' * 64 + r'"\n', text)
open(sys.argv[2], 'w').write(text)
PY
measure "10,000 events over 1,000 articles, every pin wrong" "$work/pins" check

gen "$work/note" "$SOURCE
open('a.txt','w').write(article)
open('events.toml','w').write(src + event(0).replace('[[events.evidence]]', 'dated_by = \"inference\"\ndate_note = \"' + 'a very long note ' * 600_000 + '\"\n[[events.evidence]]'))"
measure "a 10 MB date_note (render)" "$work/note" render -o chart.svg

gen "$work/misses" "$SOURCE
big = article + ''.join(f'Sentence number {i} about the ministers and their talks in the capital.\n' for i in range(210_000))
open('a.txt','w').write(big)
open('events.toml','w').write(src + ''.join(event(i, quote=f'Sentence number {i * 2000} about the ministers and their walks in the capital') for i in range(100)))"
measure "100 missing quotes against a 15 MB article" "$work/misses" check

gen "$work/flood" "$SOURCE
open('a.txt','w').write(article)
out = open('events.toml','w'); out.write(src)
size = 0; i = 0
while size < 63 * 1024 * 1024:
    e = f'[[events]]\nid=\"e{i}\"\ndate=\"2003\"\ntitle=\"t\"\n[[events.evidence]]\nsource=\"a\"\nquote=\"q\"\n'
    out.write(e); size += len(e); i += 1"
measure "63 MB of 760,000 minimal events, each broken twice" "$work/flood" check --format json
