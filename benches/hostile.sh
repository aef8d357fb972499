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

# Hostile source files (issue 9): each must be a clear finding in bounded time and memory.
hostile_source() { # label, file name, then python that writes that file
    local label=$1 name=$2 code=$3 dir="$work/src-${2//[^a-z0-9]/-}"
    gen "$dir" "$SOURCE
src = src.replace('a.txt', '$name').replace('published = \"2003-12-03\"', 'published = \"2003-12-03\"\nurl = \"https://example.org/a\"')
open('events.toml','w').write(src + event(0))"
    (cd "$dir" && python3 -c "import zlib, gzip
$code")
    measure "$label" "$dir" check
}
hostile_source "HTML nested 100,000 deep" deep.html "open('deep.html','w').write('<html><body>' + '<div>' * 100_000 + 'On 19 November the ministers met' + '</div>' * 100_000)"
hostile_source "HTML of one 16 MiB text node" node.html "open('node.html','w').write('<html><body><p>' + 'On 19 November the ministers met. ' * 470_000 + '</p>')"
hostile_source "PDF whose one stream inflates to 4 GiB (a bomb)" bomb.pdf "
z = zlib.compressobj(9); chunk = b'0' * (1 << 20)
data = b''.join(z.compress(chunk) for _ in range(4096)) + z.flush()
body = b'%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /Contents 4 0 R >> endobj\n'
body += b'4 0 obj << /Length %d /Filter /FlateDecode >> stream\n' % len(data) + data + b'\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'
open('bomb.pdf','wb').write(body)"
hostile_source "PDF whose page tree is a cycle" cycle.pdf "
open('cycle.pdf','wb').write(b'%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [2 0 R] /Count 1 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')"
hostile_source "WARC without the cited page (1,000 other records)" capture.warc.gz "
rec = lambda i: gzip.compress(('WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/other/%d\r\nContent-Length: 40\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n\r\n\r\n' % i).encode())
open('capture.warc.gz','wb').write(b''.join(rec(i) for i in range(1000)))"
hostile_source "a .html that is really a PDF" page.html "open('page.html','wb').write(b'%PDF-1.7\n' + b'0' * 1000)"
