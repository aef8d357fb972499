#!/usr/bin/env python3
"""Checks the measuring instrument itself: `python3 benches/chart/selftest.py [WORK_DIR]`.

Measures a hand-written SVG that follows the whole contract and whose answers are known
(worked out in the comments below), and fails if measure.js finds anything else. measure.sh
runs it before measuring the charts, so a wrong figure cannot come from the instrument.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import measure  # noqa: E402

# Two axis segments on y = 300:
#   A: 2000-01-01..2000-01-10 (10 days) from x 100 to 300: 20 px a day.
#   B: 2010-01-01..2010-01-31 (31 days) from x 400 to 710: 10 px a day.
# e1 (day 2000-01-03): the day's middle is at 100 + 2.5 * 20 = 150; its circle is at 151:
#   day error 1.0. The circle (147..155 x 296..304) touches the axis: 0. Its label starts at
#   x 200 on the circle's height: 45 from the mark. Way 45.
# e2 (day 2010-01-11): the middle is at 400 + 10.5 * 10 = 505, circle at 505: error 0. The
#   circle spans y 195..205: 95 above the axis. Label at x 520: 10 from the mark. Way 105.
# e3 (interval, uncertain): no label; not counted in the ways.
# e4 (interval, planned), inside a group translated by (5, 0): its rect is at 800..820 x
#   100..110 on the page, its label at x 830 (10 from the mark). The nearest rule point is
#   B's end (710, 300): hypot(90, 190) = 210.24 from the rect's corner (800, 110). Way 220.24.
# A vertical segment C: 2020-01-01..2020-01-02 at x 950 from y 340 to 380: 20 px a day.
# e5 (day 2020-01-02): the middle is at y 340 + 1.5 * 20 = 370, its circle at 370.5: error
#   0.5; it sits on the rule: 0; label at x 970, 16 from the circle's edge (954). Way 16.
#   (C is 264 px from e4's rect, farther than B's end, so e4's way stands.)
# Ways 16, 45, 105, 220.24: p95 (nearest rank, 4 values) = max = 220.24.
# Texts: the two title texts overlap (1 pair); no other texts meet.
# Legend: day, interval, approximate; marks: day, interval, uncertain, planned.
SVG = """<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="400" viewBox="0 0 1000 400" font-family="DejaVu Sans, sans-serif">
<title>self-test</title>
<desc>4 of 5 events labelled</desc>
<g class="title"><text x="20" y="30" font-size="12">AAAA</text><text x="25" y="30" font-size="12">BBBB</text></g>
<g class="legend">
 <g class="legend legend-item day"><circle cx="400" cy="30" r="4"/><text x="410" y="34" font-size="11">day</text></g>
 <g class="legend legend-item interval"><rect x="500" y="26" width="14" height="8"/><text x="520" y="34" font-size="11">interval</text></g>
 <g class="legend legend-item approximate"><rect x="620" y="26" width="14" height="8"/><text x="640" y="34" font-size="11">approx</text></g>
</g>
<g class="axis axis-segment" data-start="2000-01-01" data-end="2000-01-10">
 <line x1="100" y1="300" x2="300" y2="300" stroke="#000"/>
 <line x1="100" y1="300" x2="100" y2="306" stroke="#000"/>
 <text x="100" y="330" font-size="10" text-anchor="middle">2000</text>
</g>
<g class="axis axis-segment" data-start="2010-01-01" data-end="2010-01-31">
 <line x1="400" y1="300" x2="710" y2="300" stroke="#000"/>
 <line x1="400" y1="300" x2="400" y2="306" stroke="#000"/>
 <text x="400" y="330" font-size="10" text-anchor="middle">2010</text>
</g>
<g class="axis axis-segment" data-start="2020-01-01" data-end="2020-01-02">
 <line x1="950" y1="340" x2="950" y2="380" stroke="#000"/>
</g>
<g id="event-e5" class="event day tag-a" data-start="2020-01-02" data-end="2020-01-02">
 <circle cx="950" cy="370.5" r="4"/><text x="970" y="374" font-size="12">five</text>
</g>
<g id="event-e1" class="event day tag-a" data-start="2000-01-03" data-end="2000-01-03">
 <circle cx="151" cy="300" r="4"/><text x="200" y="300" font-size="12">one</text>
</g>
<g id="event-e2" class="event day tag-a" data-start="2010-01-11" data-end="2010-01-11">
 <line x1="505" y1="205" x2="505" y2="300"/>
 <circle cx="505" cy="200" r="5"/><text x="520" y="205" font-size="12">two</text>
</g>
<g id="event-e3" class="event interval uncertain tag-b" data-start="2010-01-02" data-end="2010-01-09">
 <rect x="410" y="290" width="80" height="6"/>
</g>
<g transform="translate(5,0)">
 <g id="event-e4" class="event interval planned tag-b" data-start="2010-01-20" data-end="2010-01-25">
  <rect x="795" y="100" width="20" height="10"/><text x="825" y="110" font-size="12">four</text>
 </g>
</g>
</svg>
"""

EXPECTED = {
    ("width",): 1000, ("height",): 400, ("events",): 5, ("labelled",): 4,
    ("overlapping_text_pairs",): 1, ("texts_outside_chart",): 0, ("axis_segments",): 3,
    ("way", "measured"): 4, ("way", "p95"): 220.24, ("way", "max"): 220.24,
    ("way", "over_450",): 0, ("day_position", "measured"): 3, ("day_position", "max_error"): 1.0,
    ("day_position", "over_1_5px"): 0, ("legend", "missing_from_legend"): ["planned", "uncertain"],
    ("legend", "not_on_any_mark"): ["approximate"], ("desc_labelled",): [4, 5], ("contract",): [],
    ("unlabelled_outside_day_piles",): 1,
}


def main():
    work = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "target/chart-measure/selftest")
    os.makedirs(work, exist_ok=True)
    path = os.path.join(work, "selftest.svg")
    with open(path, "w", encoding="utf-8") as f:
        f.write(SVG)
    got, _ = measure.browser_measure(path, work)
    wrong = []
    for keys, want in EXPECTED.items():
        v = got
        for k in keys:
            v = v.get(k) if isinstance(v, dict) else None
        ok = abs(v - want) <= 0.02 if isinstance(want, float) and isinstance(v, (int, float)) else v == want
        if not ok:
            wrong.append(f"{'.'.join(keys)}: measured {v!r}, expected {want!r}")
    if wrong:
        print("chart measure self-test FAILED:\n  " + "\n  ".join(wrong), file=sys.stderr)
        print(f"  (whole result: {got})", file=sys.stderr)
        sys.exit(1)
    print("chart measure self-test: all figures as expected", file=sys.stderr)


if __name__ == "__main__":
    main()
