#!/usr/bin/env python3
"""Compare PDF text extraction crates against poppler's pdftotext (the reference).

    python3 benches/pdf/run.py --corpus DIR [--out DIR] [--modes a,b] [--timeout S]

Runs `pdf-compare MODE FILE OUT` (benches/pdf/compare, built in release) on every *.pdf in
DIR, each in its own process under a timeout, so a hang, an abort or a stack overflow is
seen rather than taking the run down. Writes OUT/results.tsv (one line per file and mode)
and prints the tables of BENCHMARKS.md ("PDF text extraction: crate comparison").

Robustness counts all files; quality counts the files where pdftotext finds at least
--min-words words. Tokens are runs of letters and digits after NFKC and case folding, so
ligatures and case do not count as misses (ligatures left in a crate's output are counted
on their own).
"""

import argparse
import collections
import os
import re
import statistics
import subprocess
import sys
import time
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
MODES = ["pdf-extract", "pdf-extract-glyphs", "lopdf", "oxide", "oxide-glyphs", "hayro-glyphs", "pdf-rs"]
LIGATURES = re.compile("[\ufb00-\ufb06]")
TOKEN = re.compile(r"\w+")


def tokens(text):
    return TOKEN.findall(unicodedata.normalize("NFKC", text).casefold())


def reference(pdf, out_dir, timeout):
    path = os.path.join(out_dir, "ref", os.path.basename(pdf)[:-4] + ".txt")
    if not os.path.exists(path):
        try:
            subprocess.run(["pdftotext", "-q", "-enc", "UTF-8", pdf, path], timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            pass
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except FileNotFoundError:
        return ""


def run_one(binary, mode, pdf, out_dir, timeout):
    out = os.path.join(out_dir, mode, os.path.basename(pdf)[:-4] + ".txt")
    start = time.monotonic()
    try:
        p = subprocess.run([binary, mode, pdf, out], capture_output=True, timeout=timeout, text=True)
    except subprocess.TimeoutExpired:
        return "hang", timeout * 1000.0, f"over {timeout} s", ""
    wall = (time.monotonic() - start) * 1000.0
    line = p.stdout.strip().split("\n")[-1] if p.stdout.strip() else ""
    parts = line.split("\t")
    if p.returncode != 0 or len(parts) < 2:
        why = "stack overflow" if "overflow" in p.stderr else f"exit {p.returncode}"
        return "crash", wall, why, ""
    with open(out, encoding="utf-8", errors="replace") as f:
        text = f.read()
    return parts[0], float(parts[1]), parts[2] if len(parts) > 2 else "", text


STATUS = {}


def precomputed(folder, pdf):
    if folder not in STATUS:
        STATUS[folder] = {}
        with open(os.path.join(folder, "status.tsv"), encoding="utf-8") as f:
            for line in f:
                name, ms, why = line.rstrip("\n").split("\t", 2)
                STATUS[folder][name] = (float(ms), why)
    name = os.path.basename(pdf)
    ms, why = STATUS[folder].get(name, (0.0, "missing"))
    if why != "ok":
        return "err", ms, why, ""
    with open(os.path.join(folder, name[:-4] + ".txt"), encoding="utf-8", errors="replace") as f:
        return "ok", ms, "", f.read()


def compare(ref_text, text):
    r, c = tokens(ref_text), tokens(text)
    rc, cc = collections.Counter(r), collections.Counter(c)
    common = sum((rc & cc).values())
    rb = collections.Counter(zip(r, r[1:]))
    cb = collections.Counter(zip(c, c[1:]))
    ref_set = set(rc)
    joined_ref = {a + b for a, b in rb}
    split = sum(1 for a, b in zip(c, c[1:]) if a + b in ref_set and (a not in ref_set or b not in ref_set))
    glued = sum(n for t, n in cc.items() if t not in ref_set and t in joined_ref)
    return {
        "ref": len(r),
        "cand": len(c),
        "common": common,
        "ref_bigrams": max(len(r) - 1, 0),
        "common_bigrams": sum((rb & cb).values()),
        "split": split,
        "glued": glued,
        "ligatures": len(LIGATURES.findall(text)),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--out", default="/tmp/pdf-compare")
    ap.add_argument("--modes", default=",".join(MODES))
    ap.add_argument("--timeout", type=float, default=10.0)
    ap.add_argument("--min-words", type=int, default=30)
    ap.add_argument("--bin", default=os.path.join(HERE, "compare", "target", "release", "pdf-compare"))
    ap.add_argument("--texts", action="append", default=[],
                    help="NAME=DIR: texts made elsewhere (DIR/FILE.txt, DIR/status.tsv with"
                         " file, ms, and 'ok' or a reason), scored as one more mode")
    ap.add_argument("--reuse", help="a results.tsv of an earlier run: its modes are reported, not run again")
    a = ap.parse_args()
    modes = [m for m in a.modes.split(",") if m]
    reused = []
    if a.reuse:
        with open(a.reuse, encoding="utf-8") as f:
            next(f)
            keys = ["ref", "cand", "common", "ref_bigrams", "common_bigrams", "split", "glued", "ligatures"]
            for line in f:
                c = line.rstrip("\n").split("\t")
                reused.append((c[0], c[1], c[2], float(c[3]), dict(zip(keys, map(int, c[4:12])))))
        old = list(dict.fromkeys(r[1] for r in reused))
        modes = [m for m in modes if m not in old]
    texts = dict(t.split("=", 1) for t in a.texts)
    for d in ["ref"] + modes:
        os.makedirs(os.path.join(a.out, d), exist_ok=True)
    pdfs = sorted(os.path.join(a.corpus, f) for f in os.listdir(a.corpus) if f.endswith(".pdf"))
    rows = list(reused)
    with open(os.path.join(a.out, "results.tsv"), "w") as tsv:
        tsv.write("file\tmode\tstatus\tms\tref\tcand\tcommon\tref_bigrams\tcommon_bigrams\tsplit\tglued\tligatures\tmessage\n")
        for i, pdf in enumerate(pdfs):
            ref_text = reference(pdf, a.out, a.timeout)
            for mode in modes + list(texts):
                if not modes and not texts:
                    break
                if mode in texts:
                    status, ms, msg, text = precomputed(texts[mode], pdf)
                else:
                    status, ms, msg, text = run_one(a.bin, mode, pdf, a.out, a.timeout)
                m = compare(ref_text, text)
                rows.append((os.path.basename(pdf), mode, status, ms, m))
                tsv.write("\t".join([os.path.basename(pdf), mode, status, f"{ms:.2f}"]
                                    + [str(m[k]) for k in ["ref", "cand", "common", "ref_bigrams", "common_bigrams", "split", "glued", "ligatures"]]
                                    + [msg]) + "\n")
            if i % 50 == 0:
                print(f"{i}/{len(pdfs)}", file=sys.stderr)
    report(rows, list(dict.fromkeys(r[1] for r in rows)), a.min_words, len(pdfs))


def report(rows, modes, min_words, n_files):
    print(f"Robustness on {n_files} files:\n")
    print("| mode | ok | err | panic | crash | hang | median ms | total s |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for mode in modes:
        rs = [r for r in rows if r[1] == mode]
        count = collections.Counter(r[2] for r in rs)
        ms = [r[3] for r in rs if r[2] == "ok"]
        total = sum(r[3] for r in rs) / 1000.0
        med = statistics.median(ms) if ms else 0.0
        print(f"| {mode} | {count['ok']} | {count['err']} | {count['panic']} | {count['crash']} | {count['hang']} | {med:.1f} | {total:.1f} |")
    q = {r[0] for r in rows if r[4]["ref"] >= min_words}
    print(f"\nQuality on the {len(q)} files where pdftotext finds at least {min_words} words"
          " (a failed file counts as empty text):\n")
    print("| mode | word recall | mean file recall | word precision | bigram recall (order) | split per 1k | glued per 1k | files recall < 0.8 | ligatures left |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for mode in modes:
        rs = [r for r in rows if r[1] == mode and r[0] in q]
        s = collections.Counter()
        low = 0
        mean = sum(r[4]["common"] / max(r[4]["ref"], 1) for r in rs) / max(len(rs), 1)
        for r in rs:
            s.update(r[4])
            if r[4]["common"] < 0.8 * r[4]["ref"]:
                low += 1
        rec = s["common"] / max(s["ref"], 1)
        prec = s["common"] / max(s["cand"], 1)
        big = s["common_bigrams"] / max(s["ref_bigrams"], 1)
        print(f"| {mode} | {rec:.3f} | {mean:.3f} | {prec:.3f} | {big:.3f} | {1000 * s['split'] / max(s['ref'], 1):.1f}"
              f" | {1000 * s['glued'] / max(s['ref'], 1):.1f} | {low} | {s['ligatures']} |")


if __name__ == "__main__":
    main()
