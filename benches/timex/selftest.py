#!/usr/bin/env python3
"""Checks the scorer itself: `python3 benches/timex/selftest.py`. Exits 1 on any failure.

Hand-made TimeML strings and fake citeline JSON whose scores are known, so a wrong figure in
score.py cannot come from the instrument: perfect predictions, an off-by-one-day value,
a prediction on an excluded TIMEX3 (ignored, not a false positive), byte against character
offsets in non-ASCII text, a range scored by its ends, the other-reading oracle, the whole
path through a fake citeline executable, and the dateparser helpers. Standard library only.
"""

import json
import os
import stat
import sys
import tempfile
from datetime import date, datetime

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score  # noqa: E402
import timeml  # noqa: E402

failures = []


def check(what, got, want):
    if got != want:
        failures.append(f"{what}: got {got!r}, want {want!r}")


def d(s):
    return date.fromisoformat(s)


def tml(text, dct="1989-11-02"):
    return (f'<?xml version="1.0" ?>\n<TimeML><DOCID>t</DOCID><DCT><TIMEX3 tid="t0" type="DATE" '
            f'value="{dct}" functionInDocument="CREATION_TIME">x</TIMEX3></DCT>'
            f'<TEXT>{text}</TEXT></TimeML>')


def iv(first, last):
    return {"first": first, "last": last}


def expr(text, doc_text, first, last, kind="day and month", reading="past", other=None,
         ends=None, nth=0):
    """A citeline expression for the nth occurrence of text in doc_text, byte offsets."""
    c = -1
    for _ in range(nth + 1):
        c = doc_text.index(text, c + 1)
    b = len(doc_text[:c].encode("utf-8"))
    e = {"start": b, "end": b + len(text.encode("utf-8")), "line": 1, "column": 1, "text": text,
         "kind": kind, "reading": reading, "tense": None,
         "days": iv(first, last) if first else None,
         "past": iv(first, last) if first and reading == "past" else other,
         "future": iv(first, last) if first and reading == "future" else other,
         "ends": ends or []}
    return e


def run(doc, expressions):
    preds = score.preds_from_citeline({"expressions": expressions}, doc.text)
    g, p = score.score_doc(doc, preds)
    return score.summarize(g, p, 1, 0.0, []), g, p


# --- TimeML reading: nested tags, entities, offsets -----------------------------------
doc = timeml.parse_string(tml(
    'On <TIMEX3 tid="t1" type="DATE" value="1989-10-19">19 <EVENT eid="e1">Oct</EVENT>.</TIMEX3> '
    'AT&amp;T <EVENT eid="e2">said</EVENT> &lt;no&gt; <SIGNAL sid="s1">in</SIGNAL> '
    '<TIMEX3 tid="t2" type="DATE" value="1989-Q3">the third quarter</TIMEX3>.\n'))
check("text", doc.text, "On 19 Oct. AT&T said <no> in the third quarter.\n")
check("dct", doc.dct, "1989-11-02")
check("timex spans", [(t.start, t.end, t.text, t.value) for t in doc.timexes],
      [(3, 10, "19 Oct.", "1989-10-19"), (29, 46, "the third quarter", "1989-Q3")])
check("compact dct", timeml.parse_string(tml("x", dct="19891102")).dct, "1989-11-02")

# --- gold values -> intervals ----------------------------------------------------------
for value, want in [
    ("1989-11-02", ("1989-11-02", "1989-11-02")), ("1988-02", ("1988-02-01", "1988-02-29")),
    ("1989", ("1989-01-01", "1989-12-31")), ("1998-W08", ("1998-02-16", "1998-02-22")),
    ("1990-W32-WE", ("1990-08-11", "1990-08-12")), ("1989-SP", ("1989-03-01", "1989-05-31")),
    ("1989-SU", ("1989-06-01", "1989-08-31")), ("1997-FA", ("1997-09-01", "1997-11-30")),
    ("1995-WI", ("1995-12-01", "1996-02-29")), ("1989-Q3", ("1989-07-01", "1989-09-30")),
    ("1989-Q4", ("1989-10-01", "1989-12-31")), ("1990-H1", ("1990-01-01", "1990-06-30")),
    ("1989-H2", ("1989-07-01", "1989-12-31")), ("199", ("1990-01-01", "1999-12-31")),
    ("19", ("1900-01-01", "1999-12-31")),
]:
    got = score.gold_interval(value)
    check(f"interval of {value}", got and (got[0].isoformat(), got[1].isoformat()), want)
for value in ["1989-QX", "XXXX-10", "PRESENT_REF", "PAST_REF", "1998-02-13TNI", "P1Y", "199X",
              "19XX", "1990-XX-XX", "1998-WXX", "1989-13", "1989-W54"]:
    check(f"{value} is not scored", score.gold_interval(value), None)

# --- perfect predictions ----------------------------------------------------------------
doc = timeml.parse_string(tml(
    'Sales rose <TIMEX3 tid="t1" type="DATE" value="1989-Q3">in the third quarter</TIMEX3> and '
    'fell on <TIMEX3 tid="t2" type="DATE" value="1989-10-19">19 October</TIMEX3>, '
    '<TIMEX3 tid="t3" type="DATE" value="1988">last year</TIMEX3>.'))
s, g, p = run(doc, [expr("the third quarter", doc.text, "1989-07-01", "1989-09-30"),
                    expr("19 October", doc.text, "1989-10-19", "1989-10-19"),
                    expr("last year", doc.text, "1988-01-01", "1988-12-31")])
for k in ["precision", "recall", "f1", "value_accuracy", "value_f1"]:
    check(f"perfect: {k}", s[k], 1.0)
check("perfect: counts", (s["gold"], s["predictions"], s["ignored"]), (3, 3, 0))

# Touching is not overlapping: "on " ends where the gold "19 October" starts.
s, g, p = run(doc, [expr("on ", doc.text, "1989-10-19", "1989-10-19")])
check("adjacent: false positive", ([x["status"] for x in p], s["recall"]), (["fp"], 0.0))

# --- an off-by-one-day value: matched, value wrong ---------------------------------------
s, g, p = run(doc, [expr("the third quarter", doc.text, "1989-07-01", "1989-09-30"),
                    expr("19 October", doc.text, "1989-10-18", "1989-10-18"),
                    expr("last year", doc.text, "1988-01-01", "1988-12-31")])
check("off by one: P, R", (s["precision"], s["recall"]), (1.0, 1.0))
check("off by one: value correct", s["value_correct_gold"], 2)
check("off by one: value accuracy", s["value_accuracy"], 2 / 3)
check("off by one: value F1", s["value_f1"], 2 / 3)
check("off by one: which", [x["value_correct"] for x in g], [True, False, True])
check("off by one: category", score.value_category(g[1], p[1]), "too early (YYYY-MM-DD)")

# "early 1990" is valued 1990 with mod="START": a narrower reading is wrong, categorized.
doc2 = timeml.parse_string(tml('By <TIMEX3 tid="t1" type="DATE" value="1990" mod="START">early '
                               '1990</TIMEX3>.'))
check("mod read", doc2.timexes[0].mod, "START")
s2, g2, p2 = run(doc2, [expr("early 1990", doc2.text, "1990-01-01", "1990-04-30")])
check("mod: value wrong", s2["value_correct_gold"], 0)
check("mod: category", score.value_category(g2[0], p2[0]), "narrower, inside a gold with mod (YYYY)")

# --- days null: matched, value wrong; a miss lowers recall, not precision ---------------
s, g, p = run(doc, [expr("19 October", doc.text, None, None)])
check("null days: P, R", (s["precision"], s["recall"]), (1.0, 1 / 3))
check("null days: value", (s["value_correct_gold"], s["value_accuracy"]), (0, 0.0))

# --- excluded TIMEX3: ignored, not a false positive --------------------------------------
doc = timeml.parse_string(tml(
    'It rose <TIMEX3 tid="t1" type="DATE" value="PRESENT_REF">now</TIMEX3>, for '
    '<TIMEX3 tid="t2" type="DURATION" value="P1Y">a year</TIMEX3>, unlike '
    '<TIMEX3 tid="t3" type="DATE" value="1989-10">October</TIMEX3> and '
    '<TIMEX3 tid="t4" type="DATE" value="1989-QX">the quarter</TIMEX3>; may be.'))
s, g, p = run(doc, [expr("now", doc.text, "1989-11-02", "1989-11-02"),
                    expr("a year", doc.text, "1988-11-02", "1989-11-02"),
                    expr("October", doc.text, "1989-10-01", "1989-10-31"),
                    expr("quarter", doc.text, "1989-07-01", "1989-09-30"),
                    expr("may", doc.text, "1989-05-01", "1989-05-31")])
check("excluded: statuses", [x["status"] for x in p], ["ignored", "ignored", "match", "ignored", "fp"])
check("excluded: counts", (s["gold"], s["predictions"], s["ignored"], s["false_positives"]),
      (1, 2, 3, 1))
check("excluded: P, R", (s["precision"], s["recall"]), (0.5, 1.0))
check("excluded: value F1", s["value_f1"], score._f1(0.5, 1.0))

# --- byte offsets against character offsets in non-ASCII text ---------------------------
doc = timeml.parse_string(tml(
    'Zürich’s café — naïve 東京 said on <TIMEX3 tid="t1" type="DATE" value="1989-11-19">19 '
    'November</TIMEX3> that <TIMEX3 tid="t2" type="DATE" value="1990">1990</TIMEX3> 😀 ends.'))
e1 = expr("19 November", doc.text, "1989-11-19", "1989-11-19")
e2 = expr("1990", doc.text, "1990-01-01", "1990-12-31")
check("bytes are not chars", e1["start"] != doc.text.index("19 November"), True)
s, g, p = run(doc, [e1, e2])
check("non-ASCII: spans", [(x["start"], x["end"]) for x in p], [(g[0]["start"], g[0]["end"]),
                                                             (g[1]["start"], g[1]["end"])])
check("non-ASCII: scores", (s["precision"], s["recall"], s["value_accuracy"],
                            s["text_mismatches"]), (1.0, 1.0, 1.0, 0))
bad = dict(e1, start=len("Zü".encode("utf-8")) - 1)  # inside the two bytes of ü
try:
    score.preds_from_citeline({"expressions": [bad]}, doc.text)
    failures.append("an offset inside a character was accepted")
except score.OffsetError:
    pass
problems = []
check("bad offset left out", score.preds_from_citeline({"expressions": [bad, e2]}, doc.text,
                                                       problems)[0].text, "1990")
check("bad offset described", len(problems), 1)
# Character offsets given where bytes are due: off a boundary here, or else a text mismatch.
c = doc.text.index("19 November")
problems = []
got = score.preds_from_citeline({"expressions": [dict(e1, start=c, end=c + 11)]}, doc.text,
                                problems)
check("char offsets caught", bool(problems) or bool(got and got[0].notes), True)
c = doc.text.index("1990")
got = score.preds_from_citeline({"expressions": [dict(e2, start=c - 2, end=c + 2)]}, doc.text)
check("shifted offsets flagged", (len(got), bool(got[0].notes)), (1, True))

# --- a range with ends: each end scored as its own prediction ----------------------------
doc = timeml.parse_string(tml(
    'Output fell from <TIMEX3 tid="t1" type="DATE" value="1989-03">March</TIMEX3> to '
    '<TIMEX3 tid="t2" type="DATE" value="1989-05">May</TIMEX3>, and again '
    '<TIMEX3 tid="t3" type="DATE" value="1988-SU">last summer</TIMEX3>.'))
t = doc.text


def end(text, past, future):
    b = len(t[:t.index(text)].encode("utf-8"))
    return {"start": b, "end": b + len(text.encode("utf-8")), "text": text,
            "past": past, "future": future}


rng = expr("March to May", t, "1989-03-01", "1989-05-31", kind="range",
           ends=[end("March", iv("1989-03-01", "1989-03-31"), iv("1990-03-01", "1990-03-31")),
                 end("May", iv("1989-05-01", "1989-05-30"), iv("1990-05-01", "1990-05-31"))])
s, g, p = run(doc, [rng])
check("range: one prediction per end", [(x["text"], x["part"]) for x in p],
      [("March", "end 1 of 2"), ("May", "end 2 of 2")])
check("range: scores", (s["predictions"], s["precision"], s["recall"]), (2, 1.0, 2 / 3))
check("range: values per end", [x["value_correct"] for x in g], [True, False, False])
check("range: days of the reading", p[1]["days"], ["1989-05-01", "1989-05-30"])
check("range: other reading kept", p[0]["other"], ["1990-03-01", "1990-03-31"])
# The same range read "future": the ends' future intervals are the days.
rng_f = dict(rng, reading="future")
s, g, p = run(doc, [rng_f])
check("range future: days", [x["days"] for x in p], [["1990-03-01", "1990-03-31"],
                                                    ["1990-05-01", "1990-05-31"]])
check("range future: oracle", (s["value_correct_gold"], s["oracle_value_correct_gold"]), (0, 1))
# A range without ends is one prediction, over both gold.
s, g, p = run(doc, [dict(rng, ends=[])])
check("range without ends", (s["predictions"], s["matched_gold"], s["value_correct_gold"]),
      (1, 2, 0))

# --- the other reading (oracle) ------------------------------------------------------
e = expr("last summer", t, "1989-06-01", "1989-08-31", reading="future",
         other=iv("1988-06-01", "1988-08-31"))
s, g, p = run(doc, [e])
check("oracle: default wrong", s["value_correct_gold"], 0)
check("oracle: other right", (s["oracle_value_correct_gold"], s["oracle_value_accuracy"]), (1, 1.0))
check("oracle: category", score.value_category(g[2], p[0]), "the other reading is right")

# --- the whole path through a fake executable --------------------------------------------
with tempfile.TemporaryDirectory() as tmp:
    doc = timeml.parse_string(tml(
        'Crème brûlée\non <TIMEX3 tid="t1" type="DATE" value="1989-11-19">19 November</TIMEX3>.'))
    log = os.path.join(tmp, "args.json")
    want_b = len(doc.text[:doc.text.index("19 November")].encode("utf-8"))
    fake = os.path.join(tmp, "citeline")
    with open(fake, "w") as f:
        f.write(f"""#!{sys.executable}
import json, sys
a = sys.argv[1:]
raw = open(a[a.index("--file") + 1], "rb").read()
json.dump({{"args": a, "raw": raw.decode("latin-1")}}, open({log!r}, "w"))
if a[0] != "dates" or a[a.index("--published") + 1] != "1989-11-02" or a[-2:] != ["--format", "json"]:
    sys.exit(2)
print(json.dumps({{"file": "x", "published": "1989-11-02", "direction": "text", "expressions": [
    {{"start": {want_b}, "end": {want_b + 11}, "line": 2, "column": 4, "text": "19 November",
      "kind": "day and month", "reading": "past", "tense": None,
      "days": {{"first": "1989-11-19", "last": "1989-11-19"}},
      "past": {{"first": "1988-11-19", "last": "1988-11-19"}}, "future": None, "ends": []}}]}}))
""")
    os.chmod(fake, os.stat(fake).st_mode | stat.S_IXUSR)
    preds, secs, err = score.run_citeline(fake, doc, tmp)
    check("fake: no error", err, None)
    seen = json.load(open(log))
    check("fake: file is UTF-8, LF, no BOM", seen["raw"].encode("latin-1"),
          doc.text.encode("utf-8"))
    check("fake: spans", [(x.start, x.end, x.days) for x in preds],
          [(doc.text.index("19 November"), doc.text.index("19 November") + 11,
            (d("1989-11-19"), d("1989-11-19")))])
    bad = os.path.join(tmp, "failing")
    with open(bad, "w") as f:
        f.write(f"#!{sys.executable}\nimport sys\nprint('no such flag', file=sys.stderr)\nsys.exit(2)\n")
    os.chmod(bad, os.stat(bad).st_mode | stat.S_IXUSR)
    preds, secs, err = score.run_citeline(bad, doc, tmp)
    check("failing binary", (preds, err), ([], "exit 2: no such flag"))

# --- dateparser helpers (dateparser itself not needed) ----------------------------------
text = "However, we met on Friday and again on Aug. 9, 1990; in October 1989, and in 1988."
spans, missing = score.locate([("we", None), ("Friday", None), ("Aug. 9, 1990", None),
                               ("October 1989", None), ("1988", None), ("nowhere", None)], text)
check("locate: whole words first", [s for s, *_ in spans],
      [text.index(" we ") + 1, text.index("Friday"), text.index("Aug."), text.index("October"),
       text.index("1988")])
check("locate: missing", missing, ["nowhere"])
at = datetime(1989, 10, 17)
for sub, want in [("1988", ("1989-01-01", "1989-12-31")), ("in 1988", ("1989-01-01", "1989-12-31")),
                  ("October 1989", ("1989-10-01", "1989-10-31")), ("in October", ("1989-10-01", "1989-10-31")),
                  ("Aug. 9, 1990", ("1989-10-17", "1989-10-17")), ("Friday", ("1989-10-17", "1989-10-17")),
                  ("last year", ("1989-10-17", "1989-10-17")),
                  ("the last decade", ("1989-10-17", "1989-10-17")), ("Sept. 1989", ("1989-10-01", "1989-10-31")), ("Friday 1989", ("1989-10-17", "1989-10-17"))]:
    got = score.dateparser_interval(sub, at)
    check(f"dateparser interval of {sub!r}", (got[0].isoformat(), got[1].isoformat()), want)

# --- categories used in the error lists --------------------------------------------------
for text, want in [("third-quarter", "quarter, half, period"), ("a year earlier", "'a year ago/earlier', year-end"),
                   ("Friday", "weekday"), ("nineteen ninety-six", "spelled-out numbers"),
                   ("Nov. 9", "month name with numbers"), ("last month", "this/last/next + unit"),
                   ("1989", "bare year"), ("the fiscal year", "fiscal year/quarter")]:
    check(f"category of {text!r}", score.text_category(text), want)

if failures:
    print("selftest: FAILED")
    for f in failures:
        print("  " + f)
    sys.exit(1)
print("selftest: all checks pass")
