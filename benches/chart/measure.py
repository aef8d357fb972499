#!/usr/bin/env python3
"""Measures citeline charts in headless Chromium; run by benches/chart/measure.sh.

    python3 benches/chart/measure.py BIN OUT_DIR [SET...]

For each data set: renders the SVG (and the PNG where the set asks for it) with the release
binary BIN, timing the whole process (best of RUNS runs, wall clock), then loads the SVG
inline in an XHTML page in headless Chromium with measure.js, which measures the chart and
writes a JSON result that `chromium --dump-dom` prints. Writes OUT_DIR/SET.json per set and
OUT_DIR/table.md, and prints the table. Python 3.11 standard library only.
"""

import html
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
RUNS = int(os.environ.get("CHART_RUNS", "3"))

# name: (events file, extra render flags, png: None | "timed" (best of RUNS) | "once")
SETS = {
    "shipped": ("events.toml", [], "timed"),
    "synth-10": ("@synth-10", [], None),
    "synth-100": ("@synth-100", [], None),
    "synth-1000": ("@synth-1000", [], "timed"),
    "synth-10000": ("@synth-10000", [], "once"),
    "one-day-300": ("@one-day-300", [], None),
    "years-1000-2026": ("@years-1000-2026", [], None),
    "two-clusters": ("@two-clusters", [], None),
    "long-titles": ("@long-titles", ["--width", "400"], None),
    "scripts": ("@scripts", [], None),
    "tags-30": ("@tags-30", [], None),
}


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("no chromium: apt-get install chromium (see benches/chart/measure.sh)")


def timed(cmd, runs):
    best, last = None, None
    for _ in range(runs):
        t0 = time.perf_counter()
        last = subprocess.run(cmd, capture_output=True, text=True)
        dt = time.perf_counter() - t0
        if last.returncode != 0:
            return None, last
        best = dt if best is None else min(best, dt)
    return best, last


def browser_measure(svg_path, work):
    with open(svg_path, encoding="utf-8") as f:
        svg = f.read()
    svg = re.sub(r"^\s*<\?xml[^>]*\?>\s*", "", svg)
    svg = re.sub(r"^\s*<!DOCTYPE[^>]*>\s*", "", svg)
    with open(os.path.join(HERE, "measure.js"), encoding="utf-8") as f:
        js = f.read()
    page = os.path.join(work, "page.xhtml")
    with open(page, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<html xmlns="http://www.w3.org/1999/xhtml"><head><meta charset="utf-8"/>'
                '<style>html,body{margin:0;padding:0}</style></head><body>'
                '<pre id="result">{"error": "measure.js did not run"}</pre>\n')
        f.write(svg)
        f.write("\n<script><![CDATA[\n" + js + "\n]]></script></body></html>\n")
    cmd = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
           "--disable-dev-shm-usage", "--no-first-run", "--mute-audio",
           f"--user-data-dir={os.path.join(work, 'chromium-profile')}",
           "--dump-dom", "file://" + os.path.abspath(page)]
    t0 = time.perf_counter()
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
        return {"error": "chromium timed out after 600 s"}, None
    secs = time.perf_counter() - t0
    m = re.search(r'<pre id="result">(.*?)</pre>', p.stdout, re.S)
    if not m:
        tail = (p.stderr or "").strip().splitlines()[-3:]
        return {"error": f"no result from chromium (exit {p.returncode}): {' | '.join(tail)}"}, secs
    try:
        return json.loads(html.unescape(m.group(1))), secs
    except json.JSONDecodeError as e:
        return {"error": f"unreadable result: {e}: {m.group(1)[:200]}"}, secs


def data_ids(events_path):
    with open(events_path, "rb") as f:
        doc = tomllib.load(f)
    return [e.get("id") for e in doc.get("events", [])]


def fmt(v, spec="{}"):
    return "n/a" if v is None else spec.format(v)


def row(name, r):
    if "error" in r and "way" not in r:
        return [name, fmt(r.get("data_events")), "ERROR: " + r["error"]] + [""] * 9 + ["all?"]
    way, day, leg = r["way"], r["day_position"], r["legend"]
    legend = ("n/a" if leg["items"] == 0 else
              "=" if not leg["missing_from_legend"] and not leg["not_on_any_mark"] else
              "-" + ",".join(leg["missing_from_legend"]) + ("" if not leg["not_on_any_mark"] else " +" + ",".join(leg["not_on_any_mark"])))
    png = ("-" if "png_seconds" not in r else
           "refused" if not r.get("png_made") else f"{r['png_seconds']:.2f}")
    return [
        name,
        f"{r['data_events']:,}" + ("" if r["events"] == r["data_events"] else f" ({r['events']:,} drawn)"),
        f"{r['width']:.0f}x{r['height']:.0f}",
        fmt(r.get("svg_seconds"), "{:.3f}"),
        png,
        f"{r['overlapping_text_pairs']:,}",
        fmt(way["p95"], "{:.0f}"),
        fmt(way["max"], "{:.0f}"),
        f"{r['labelled']:,}/{r['events']:,}",
        fmt(day["max_error"], "{:.2f}"),
        legend,
        str(len(r["contract"])),
        verdict(name, r),
    ]


def verdict(name, r):
    """Which of issue 7's targets this set misses: short names, "?" where it cannot be told."""
    if "way" not in r:
        return "all?"
    fails = []
    n = r["data_events"]
    if r["overlapping_text_pairs"]:
        fails.append("overlap")
    way = r["way"]
    if way["p95"] is None:
        fails.append("way?")
    else:
        if way["p95"] > 300:
            fails.append("way95")
        if way["max"] > 450:
            fails.append("way450")
    if n <= 100:
        left = r["unlabelled_outside_day_piles"]
        if left is None:
            left = r["events"] - r["labelled"]
        if left:
            fails.append("labels")
    elif n >= 1000 and r["labelled"] < 150:
        fails.append("labels")
    if r["events"] != n:
        fails.append("events")
    day = r["day_position"]
    if day["day_events"]:
        if day["max_error"] is None:
            fails.append("day?")
        elif day["max_error"] > 1.5:
            fails.append("day")
    leg = r["legend"]
    if not leg["items"]:
        fails.append("legend?")
    elif leg["missing_from_legend"] or leg["not_on_any_mark"]:
        fails.append("legend")
    if name == "synth-10000":
        if r["height"] > 6000:
            fails.append("height")
        if not r.get("png_made"):
            fails.append("png")
        if r.get("desc_labelled") is None:
            fails.append("desc")
        if r.get("svg_seconds") is None or r["svg_seconds"] >= 0.25:
            fails.append("svg-time")
    if name == "synth-1000" and (not r.get("png_made") or r["png_seconds"] >= 1.0):
        fails.append("png-time")
    return " ".join(fails) or "none"


HEADER = ["set", "events", "W x H px", "svg s", "png s", "text overlaps", "way p95",
          "way max", "labelled", "day err max", "legend", "contract gaps", "misses"]


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary, out = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    names = sys.argv[3:] or list(SETS)
    data = os.path.join(out, "data")
    work = os.path.join(out, "work")
    os.makedirs(work, exist_ok=True)
    missing = [n for n in names if SETS.get(n, ("",))[0].startswith("@")
               and not os.path.exists(os.path.join(data, n, "events.toml"))]
    if missing:
        subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), data, *missing], check=True,
                       stdout=subprocess.DEVNULL)
    rows = []
    for name in names:
        if name not in SETS:
            sys.exit(f"unknown set {name}; known: {' '.join(SETS)}")
        src, flags, png = SETS[name]
        events = os.path.join(data, src[1:], "events.toml") if src.startswith("@") else os.path.join(REPO, src)
        svg = os.path.join(out, f"{name}.svg")
        ids = data_ids(events)
        r = {"set": name, "events_file": os.path.relpath(events, REPO), "flags": flags,
             "data_events": len(ids)}
        secs, p = timed([binary, "render", events, "-o", svg, *flags], RUNS)
        r["svg_seconds"] = None if secs is None else round(secs, 4)
        if secs is None:
            r["error"] = f"render failed (exit {p.returncode}): {p.stderr.strip().splitlines()[-1:]}"
        else:
            if png:
                psecs, pp = timed([binary, "render", events, "-o", os.path.join(out, f"{name}.png"), *flags],
                                  RUNS if png == "timed" else 1)
                r["png_seconds"] = None if psecs is None else round(psecs, 3)
                r["png_made"] = psecs is not None and os.path.getsize(os.path.join(out, f"{name}.png")) > 0
                if psecs is None:
                    r["png_error"] = (pp.stderr.strip().splitlines() or ["exit %d" % pp.returncode])[-1]
            m, bsecs = browser_measure(svg, work)
            r.update(m)
            r["browser_seconds"] = None if bsecs is None else round(bsecs, 2)
            if "event_ids" in r:
                drawn = set(r.pop("event_ids"))
                lost = [i for i in ids if i not in drawn]
                if lost:
                    r["contract"].append(f"{len(lost)} events of the data have no <g id=\"event-ID\"> (e.g. {', '.join(lost[:3])})")
        with open(os.path.join(out, f"{name}.json"), "w", encoding="utf-8") as f:
            json.dump(r, f, indent=1, ensure_ascii=False)
        rows.append(row(name, r))
        print(" | ".join(rows[-1]), file=sys.stderr, flush=True)
    lines = ["| " + " | ".join(HEADER) + " |", "|" + " --- |" * len(HEADER)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    table = "\n".join(lines)
    with open(os.path.join(out, "table.md"), "w", encoding="utf-8") as f:
        f.write(table + "\n")
    print(table)
    gaps = {}
    for name in names:
        with open(os.path.join(out, f"{name}.json"), encoding="utf-8") as f:
            for g in json.load(f).get("contract", []):
                gaps.setdefault(re.sub(r"\d[\d,]*", "N", g), []).append(name)
    if gaps:
        print("\ncontract gaps (what the SVG lacks for a full measurement):")
        for g, sets in gaps.items():
            print(f"- {g}  [{len(sets)} sets]")
    print(f"\nJSON per set in {os.path.relpath(out, os.getcwd())}/")


if __name__ == "__main__":
    main()
