# Writes the web pages, PDFs and web archive that the fixtures of the source-format rules
# cite (tests/fixtures/source-*/ and archive-record-missing/): all written here, by this
# script, so each can be made again. python3 tests/make_fixture_sources.py [DIR] writes them
# to DIR (default /tmp/fx); the fixtures hold copies (the encrypted one made with
# `qpdf --encrypt user owner 256 -- good.pdf enc.pdf`).
import sys, zlib
def esc(s): return s.replace('\\','\\\\').replace('(','\\(').replace(')','\\)')
def pdf(pages, compress=True):
    objs=[]
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids=" ".join(f"{4+2*i} 0 R" for i in range(len(pages)))
    objs.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for i,lines in enumerate(pages):
        content="BT /F1 11 Tf 14 TL 72 740 Td\n"+"".join(f"({esc(l)}) Tj T*\n" if l else "T*\n" for l in lines)+"ET\n"
        data=content.encode('latin-1')
        if compress:
            z=zlib.compress(data)
            stream=b"<< /Length %d /Filter /FlateDecode >>\nstream\n"%len(z)+z+b"\nendstream"
        else:
            stream=b"<< /Length %d >>\nstream\n"%len(data)+data+b"\nendstream"
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents {5+2*i} 0 R >>".encode())
        objs.append(stream)
    out=b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offs=[]
    for n,o in enumerate(objs,1):
        offs.append(len(out))
        out+=f"{n} 0 obj\n".encode()+o+b"\nendobj\n"
    x=len(out)
    out+=f"xref\n0 {len(objs)+1}\n0000000000 65535 f \n".encode()
    for o in offs: out+=f"{o:010d} 00000 n \n".encode()
    out+=f"trailer\n<< /Size {len(objs)+1} /Root 1 0 R >>\nstartxref\n{x}\n%%EOF\n".encode()
    return out
import os, gzip, sys


OUT=sys.argv[1] if len(sys.argv)>1 else '/tmp/fx'
os.makedirs(OUT, exist_ok=True)
lines=["Sample Wire","","Summit: Leaders Agree On Water Pact","",
"Geneva, 4 March 2010 (Sample Wire) -- Leaders of the three river states agreed",
"on a water pact, officials said.","",
"Talks on the pact began in February 2010.","",
"At a meeting in the Swiss city on 2 March, the ministers of Alpha and Beta signed",
"the text. Minister Jana Novak said the pact would take effect next year."]
good_pdf=pdf([lines])
empty_pdf=pdf([[],[]])
html='''<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Summit: Leaders Agree On Water Pact</title>
<meta property="article:published_time" content="2010-03-04T08:30:00+01:00">
<script>var tracking = "At a meeting in the Swiss city on 2 March";</script>
<style>p { margin: 0 }</style>
</head>
<body>
<nav><a href="/">Sample Wire</a></nav>
<article>
<h1>Summit: Leaders Agree On Water Pact</h1>
<p>Geneva, 4 March 2010 (Sample Wire) -- Leaders of the three river states agreed on a
water pact, officials said.</p>
<p>Talks on the pact began in February&nbsp;2010.</p>
<p>At a meeting in the <em>Swiss</em> city on 2 March, the ministers of Alpha and Beta
signed the text. Minister Jana Novak said the pact would take effect next year.</p>
</article>
</body>
</html>
'''
def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    open(path,'wb').write(data if isinstance(data,bytes) else data.encode())
open(OUT+'/good.pdf','wb').write(good_pdf)
open(OUT+'/empty.pdf','wb').write(empty_pdf)
open(OUT+'/page.html','w').write(html)
# WARC with one response record
body=html.encode()
http=b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n"%len(body)+body
def record(uri, payload, date="2010-03-05T10:00:00Z"):
    hdr=(f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:12345678-1234-1234-1234-123456789abc>\r\n"
         f"WARC-Date: {date}\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\n"
         f"Content-Length: {len(payload)}\r\n\r\n").encode()
    return hdr+payload+b"\r\n\r\n"
warc=gzip.compress(record("https://wire.example.org/2010/03/04/water-pact", http))
open(OUT+'/capture.warc.gz','wb').write(warc)
