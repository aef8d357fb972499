#!/usr/bin/env python3
"""Scores citeline's date reader (and optionally dateparser) on TimeML documents.

    python3 benches/timex/score.py CORPUS_DIR [--citeline PATH] [--peer dateparser]
                                   [--json OUT] [--errors N] [--only DOC]

CORPUS_DIR is a directory of .tml files (searched recursively) or one .tml file. For each
document the text of <TEXT> is written to a temporary file (UTF-8, LF line ends, no BOM) and
`PATH dates --file TMP.txt --published DCT --format json` is run on it, one process per
document. See benches/timex/README.md for what is scored and how. Standard library only;
`--peer dateparser` needs dateparser importable (a venv: see the README).
"""

import argparse
import calendar
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import timeml  # noqa: E402

# ---------------------------------------------------------------------------------------
# Gold values -> day intervals

SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11)}  # WI: Dec 1 .. end of Feb next year


def _month_end(y, m):
    return date(y, m, calendar.monthrange(y, m)[1])


def gold_interval(value):
    """The day interval (first, last) a calendar TIMEX3 value names, or None when the value
    is not one we score (X digits, *_REF, times, durations, anything else)."""
    v = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
            d = date.fromisoformat(v)
            return d, d
        if m := re.fullmatch(r"(\d{4})-(\d{2})", v):
            y, mo = int(m[1]), int(m[2])
            return date(y, mo, 1), _month_end(y, mo)
        if m := re.fullmatch(r"(\d{4})", v):
            y = int(m[1])
            return date(y, 1, 1), date(y, 12, 31)
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", v):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + timedelta(days=6)
        if m := re.fullmatch(r"(\d{4})-W(\d{2})-WE", v):  # the weekend of that ISO week
            saturday = date.fromisocalendar(int(m[1]), int(m[2]), 6)
            return saturday, saturday + timedelta(days=1)
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v):
            y = int(m[1])
            if m[2] == "WI":
                return date(y, 12, 1), _month_end(y + 1, 2)
            a, b = SEASONS[m[2]]
            return date(y, a, 1), _month_end(y, b)
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", v):
            y, q = int(m[1]), int(m[2])
            return date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
        if m := re.fullmatch(r"(\d{4})-H([12])", v):
            y, h = int(m[1]), int(m[2])
            return date(y, 6 * h - 5, 1), _month_end(y, 6 * h)
        if m := re.fullmatch(r"(\d{3})", v):  # decade: 199 = 1990-1999
            y = int(m[1]) * 10
            return date(y, 1, 1), date(y + 9, 12, 31)
        if m := re.fullmatch(r"(\d{2})", v):  # century, TimeML style: 19 = 1900-1999
            y = int(m[1]) * 100
            if y == 0:
                return None
            return date(y, 1, 1), date(y + 99, 12, 31)
    except ValueError:  # a week 53 that does not exist, a month 13
        return None
    return None


def value_shape(value):
    """A value with its digits replaced, for grouping: 1998-Q3 -> YYYY-Qn."""
    v = value
    for pat, rep in [(r"^\d{4}-\d{2}-\d{2}$", "YYYY-MM-DD"), (r"^\d{4}-\d{2}$", "YYYY-MM"),
                     (r"^\d{4}$", "YYYY"), (r"^\d{4}-W\d{2}$", "YYYY-Www"),
                     (r"^\d{4}-W\d{2}-WE$", "YYYY-Www-WE"), (r"^\d{4}-Q\d$", "YYYY-Qn"),
                     (r"^\d{4}-H\d$", "YYYY-Hn"), (r"^\d{4}-(SP|SU|FA|WI)$", "YYYY-season"),
                     (r"^\d{3}$", "YYY (decade)"), (r"^\d{2}$", "YY (century)")]:
        if re.match(pat, v):
            return rep
    return re.sub(r"\d", "9", v)


# ---------------------------------------------------------------------------------------
# Predictions


@dataclass
class Pred:
    start: int  # character offsets into the document's text, end exclusive
    end: int
    text: str
    kind: str
    reading: str  # which direction `days` follows: past, future, or "" when not said
    days: tuple  # (first, last) as date, or None
    other: tuple = None  # the other direction's interval, where it exists (oracle only)
    part: str = ""  # "end 1 of 2" for a range's end
    notes: list = field(default_factory=list)


def _interval(obj):
    if not obj:
        return None
    try:
        return date.fromisoformat(obj["first"]), date.fromisoformat(obj["last"])
    except (KeyError, TypeError, ValueError):
        return None


class OffsetError(ValueError):
    pass


def byte_to_char_map(text):
    """A dict from every UTF-8 byte offset that starts a character (and the end) to its
    character offset."""
    out = {}
    b = 0
    for i, ch in enumerate(text):
        out[b] = i
        b += len(ch.encode("utf-8"))
    out[b] = len(text)
    return out


def preds_from_citeline(data, text, problems=None):
    """citeline's JSON (one object for one file) -> [Pred]. A range that carries `ends` gives
    one Pred per end (TimeML annotates the two ends separately); any other expression gives
    one Pred. An expression whose offsets are not on character boundaries raises
    OffsetError, or, given a problems list, is left out and described there."""
    b2c = byte_to_char_map(text)

    def chars(obj):
        try:
            s, e = b2c[obj["start"]], b2c[obj["end"]]
        except KeyError:
            raise OffsetError(f"byte offsets {obj.get('start')}..{obj.get('end')} do not fall "
                              f"on character boundaries of the text")
        return s, e

    preds = []
    for x in data.get("expressions", []):
        try:
            preds += _preds_of(x, text, chars)
        except OffsetError as e:
            if problems is None:
                raise
            problems.append(f"{x.get('text')!r}: {e}")
    return preds


def _preds_of(x, text, chars):
    reading = x.get("reading") or ""
    other_dir = {"past": "future", "future": "past"}.get(reading)
    ends = x.get("ends") or []
    out = []
    if x.get("kind") == "range" and ends:
        for k, en in enumerate(ends):
            s, e = chars(en)
            days = _interval(en.get("days")) if "days" in en else _interval(en.get(reading))
            other = _interval(en.get(other_dir)) if other_dir else None
            out.append(Pred(s, e, en.get("text", text[s:e]), "range", reading, days, other,
                            part=f"end {k + 1} of {len(ends)}"))
    else:
        s, e = chars(x)
        other = _interval(x.get(other_dir)) if other_dir else None
        out.append(Pred(s, e, x.get("text", text[s:e]), x.get("kind", ""), reading,
                        _interval(x.get("days")), other))
    for p in out:
        _check_text(p, text)
    return out


def _check_text(p, text):
    if p.text != text[p.start:p.end]:
        p.notes.append(f"text {p.text!r} differs from the span {text[p.start:p.end]!r}")


def run_citeline(binary, doc, tmpdir):
    """Runs `binary dates --file ... --published DCT --format json` on the doc's text.
    Returns (preds, seconds, error or None)."""
    path = Path(tmpdir) / f"{re.sub(r'[^A-Za-z0-9._-]', '_', doc.id)}.txt"
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(doc.text)
    cmd = [binary, "dates", "--file", str(path), "--published", doc.dct, "--format", "json"]
    t0 = time.perf_counter()
    try:
        r = subprocess.run(cmd, capture_output=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as e:
        return [], time.perf_counter() - t0, f"{type(e).__name__}: {e}"
    dt = time.perf_counter() - t0
    if r.returncode != 0:
        msg = r.stderr.decode("utf-8", "replace").strip().splitlines()
        return [], dt, f"exit {r.returncode}: {msg[0] if msg else '(no message)'}"
    problems = []
    try:
        preds = preds_from_citeline(json.loads(r.stdout), doc.text, problems)
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        return [], dt, f"bad JSON output: {type(e).__name__}: {e}"
    if problems:
        return preds, dt, f"{len(problems)} expressions left out, first {problems[0]}"
    return preds, dt, None


# dateparser: (substring, datetime) pairs, located in the text left to right.

MONTH_RE = re.compile(r"\b(january|february|march|april|may|june|july|august|september|october|"
                      r"november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b",
                      re.I)
WEEKDAY_RE = re.compile(r"\b(mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(day)?\b",
                        re.I)


def dateparser_interval(substring, dt):
    """The interval the substring states. Its only digits a 4-digit year, with no month or
    weekday name ("1989", "of 1989 and") -> that year; a month name with no day number
    ("October", "in October", "August 1990") -> that month; anything else -> the day of dt."""
    s = substring.strip()
    d = dt.date()
    numbers = re.findall(r"\d+", s)
    month = MONTH_RE.search(s)
    if (len(numbers) == 1 and len(numbers[0]) == 4 and not month
            and not WEEKDAY_RE.search(s)):
        return date(d.year, 1, 1), date(d.year, 12, 31)
    if month and all(len(n) == 4 for n in numbers) and len(numbers) <= 1:
        return date(d.year, d.month, 1), _month_end(d.year, d.month)
    return d, d


def locate(found, text):
    """Character spans of dateparser's substrings, each searched from the end of the previous
    one: first as a whole word (so "we" is not found inside "however"), then anywhere; then
    the same from the start of the text. Substrings not found are returned apart."""
    spans, missing = [], []
    pos = 0
    for sub, dt in found:
        word = re.compile(r"(?<!\w)" + re.escape(sub) + r"(?!\w)")
        i = -1
        for start in (pos, 0):
            m = word.search(text, start)
            i = m.start() if m else text.find(sub, start)
            if i >= 0:
                break
        if i < 0:
            missing.append(sub)
            continue
        spans.append((i, i + len(sub), sub, dt))
        pos = i + len(sub)
    return spans, missing


def run_dateparser(doc, search_dates):
    base = datetime.fromisoformat(doc.dct)
    t0 = time.perf_counter()
    try:
        found = search_dates(doc.text, languages=["en"], settings={
            "RELATIVE_BASE": base, "PREFER_DATES_FROM": "past",
            "RETURN_AS_TIMEZONE_AWARE": False}) or []
        err = None
    except Exception as e:  # a crash on one document is a result, not the end of the run
        found, err = [], f"{type(e).__name__}: {e}"
    dt = time.perf_counter() - t0
    spans, missing = locate(found, doc.text)
    preds = [Pred(s, e, sub, "dateparser", "", dateparser_interval(sub, d)) for s, e, sub, d in spans]
    if missing:
        err = (err + "; " if err else "") + f"{len(missing)} substrings not found in the text"
    return preds, dt, err


# ---------------------------------------------------------------------------------------
# Scoring


def overlaps(a0, a1, b0, b1):
    return a0 < b1 and b0 < a1


def score_doc(doc, preds):
    """Per-item records for one document: gold (scored TIMEX3) and predictions."""
    gold = []
    excluded = []
    for t in doc.timexes:
        iv = gold_interval(t.value) if t.type == "DATE" else None
        if iv is None:
            excluded.append(t)
        else:
            gold.append((t, iv))
    grec = []
    for t, iv in gold:
        grec.append({"doc": doc.id, "dct": doc.dct, "start": t.start, "end": t.end, "text": t.text,
                     "tid": t.tid, "value": t.value, "mod": t.mod, "shape": value_shape(t.value),
                     "interval": [iv[0].isoformat(), iv[1].isoformat()], "matched": False,
                     "value_correct": False, "oracle_correct": False, "predictions": []})
    prec = []
    for i, p in enumerate(preds):
        r = {"doc": doc.id, "dct": doc.dct, "start": p.start, "end": p.end, "text": p.text,
             "kind": p.kind, "part": p.part, "reading": p.reading,
             "days": [p.days[0].isoformat(), p.days[1].isoformat()] if p.days else None,
             "other": [p.other[0].isoformat(), p.other[1].isoformat()] if p.other else None,
             "status": "fp", "value_correct": False, "oracle_correct": False, "gold": [],
             "ignored_by": [], "notes": list(p.notes)}
        for k, (t, iv) in enumerate(gold):
            if overlaps(p.start, p.end, t.start, t.end):
                g = grec[k]
                r["status"] = "match"
                r["gold"].append(t.tid)
                g["matched"] = True
                g["predictions"].append(i)
                ok = p.days == iv
                oracle = ok or p.other == iv
                r["value_correct"] |= ok
                r["oracle_correct"] |= oracle
                g["value_correct"] |= ok
                g["oracle_correct"] |= oracle
        if r["status"] == "fp":
            for t in excluded:
                if overlaps(p.start, p.end, t.start, t.end):
                    r["status"] = "ignored"
                    r["ignored_by"].append(f"{t.tid} {t.type} {t.value}")
        prec.append(r)
    return grec, prec


def _f1(p, r):
    return 2 * p * r / (p + r) if p + r else 0.0


def summarize(grec, prec, docs, seconds, failures):
    n_gold = len(grec)
    matched_gold = sum(g["matched"] for g in grec)
    vc_gold = sum(g["value_correct"] for g in grec)
    oc_gold = sum(g["oracle_correct"] for g in grec)
    scored = [p for p in prec if p["status"] != "ignored"]
    n_pred = len(scored)
    matched_pred = sum(p["status"] == "match" for p in scored)
    vc_pred = sum(p["value_correct"] for p in scored)
    P = matched_pred / n_pred if n_pred else 0.0
    R = matched_gold / n_gold if n_gold else 0.0
    vP = vc_pred / n_pred if n_pred else 0.0
    vR = vc_gold / n_gold if n_gold else 0.0
    return {
        "docs": docs, "failed_docs": len(failures), "gold": n_gold, "predictions": n_pred,
        "ignored": len(prec) - n_pred, "matched_predictions": matched_pred,
        "false_positives": n_pred - matched_pred, "matched_gold": matched_gold,
        "precision": P, "recall": R, "f1": _f1(P, R),
        "value_correct_gold": vc_gold, "value_correct_predictions": vc_pred,
        "value_accuracy": vc_gold / matched_gold if matched_gold else 0.0,
        "value_precision": vP, "value_recall": vR, "value_f1": _f1(vP, vR),
        "oracle_value_correct_gold": oc_gold,
        "oracle_value_accuracy": oc_gold / matched_gold if matched_gold else 0.0,
        "predictions_with_other_reading": sum(p["other"] is not None for p in scored),
        "text_mismatches": sum(bool(p["notes"]) for p in prec),
        "seconds": seconds,
    }


# ---------------------------------------------------------------------------------------
# Error categories: rough, by the words, so a developer sees what to work on.

WEEKDAY = r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b"
MONTH = r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)(uary|ruary|ch|il|e|y|ust|tember|ober|ember)?\b\.?"
SPELLED = r"\b(nineteen|twenty|thousand|hundred|eighty|ninety|seventy|sixty)\b"


def text_category(text):
    t = text.lower()
    if re.search(r"\b(fiscal)\b", t):
        return "fiscal year/quarter"
    if re.search(r"quarter|\bhalf\b|\bperiod\b", t):
        return "quarter, half, period"
    if re.search(r"year[- ](ago|earlier)|a year (ago|earlier)|year-end|year end|year's end", t):
        return "'a year ago/earlier', year-end"
    if re.search(SPELLED, t):
        return "spelled-out numbers"
    if re.search(r"\b(yesterday|today|tomorrow|tonight)\b", t):
        return "yesterday/today/tomorrow"
    if re.search(WEEKDAY, t):
        return "weekday"
    if re.search(r"spring|summer|fall|autumn|winter", t):
        return "season"
    if re.search(r"\d0'?s\b|'\d0s|decade|centur|nineties|eighties|seventies", t):
        return "decade, century"
    if re.search(r"\bweek(end)?s?\b", t):
        return "week, weekend"
    if re.search(MONTH, t) and re.search(r"\d", t):
        return "month name with numbers"
    if re.search(MONTH, t):
        return "month name"
    if re.search(r"\b(this|last|next|past|coming|current|following|previous|that)\b", t):
        return "this/last/next + unit"
    if re.search(r"\bago\b|\bearlier\b|\blater\b", t):
        return "N units ago/earlier"
    if re.fullmatch(r"\s*(mid-|early |late )?\d{4}\s*", t):
        return "bare year"
    if re.search(r"\b\d{4}\b", t):
        return "phrase with a year"
    return "other"


def value_category(g, p):
    """Why a matched prediction's interval differs from the gold one."""
    if p["days"] is None:
        return "no interval in the default reading"
    gf, gl = (date.fromisoformat(x) for x in g["interval"])
    pf, pl = (date.fromisoformat(x) for x in p["days"])
    glen, plen = (gl - gf).days + 1, (pl - pf).days + 1
    if p.get("other") and [*p["other"]] == g["interval"]:
        return "the other reading is right"
    if glen != plen and not (abs(glen - plen) <= 3 and glen > 27 and plen > 27):
        if pf <= gf and gl <= pl:
            return f"wider than gold ({g['shape']})"
        if gf <= pf and pl <= gl:
            if g.get("mod"):  # "early 1990": TimeML values 1990 with mod="START"
                return f"narrower, inside a gold with mod ({g['shape']})"
            return f"narrower than gold ({g['shape']})"
        return f"other granularity ({g['shape']})"
    if pl < gf:
        return f"too early ({g['shape']})"
    if pf > gl:
        return f"too late ({g['shape']})"
    return f"shifted, overlapping ({g['shape']})"


def context(text, s, e, width=40):
    a, b = max(0, s - width), min(len(text), e + width)
    return (("..." if a > 0 else "") + text[a:s] + "[" + text[s:e] + "]" + text[e:b]
            + ("..." if b < len(text) else "")).replace("\n", " ")


def print_errors(name, grec, prec, texts, n, out):
    def grouped(title, items, cat, line):
        """Every category with its count, largest first; examples from each in turn, up to
        n lines in all."""
        groups = defaultdict(list)
        for it in items:
            groups[cat(it)].append(it)
        print(f"\n### {name}: {title} ({len(items)})", file=out)
        per = max(1, -(-n // max(1, len(groups))))
        shown = 0
        for c, its in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            print(f"  {c}: {len(its)}", file=out)
            for it in its[: max(0, min(per, n - shown))]:
                print("    " + line(it), file=out)
                shown += 1

    misses = [g for g in grec if not g["matched"]]
    grouped("gold not found", misses, lambda g: text_category(g["text"]),
            lambda g: f"{g['doc']} {g['value']:<12} {context(texts[g['doc']], g['start'], g['end'])}")
    fps = [p for p in prec if p["status"] == "fp"]
    grouped("false positives", fps, lambda p: p["kind"] or "?",
            lambda p: f"{p['doc']} {context(texts[p['doc']], p['start'], p['end'])}")
    wrong = []
    for g in grec:
        if g["matched"] and not g["value_correct"]:
            wrong.append((g, prec[g["predictions"][0]]))
    grouped("wrong values", wrong, lambda gp: value_category(*gp),
            lambda gp: (f"{gp[0]['doc']} {gp[0]['text']!r} (prediction {gp[1]['text']!r}"
                        f"{', ' + gp[1]['part'] if gp[1]['part'] else ''}): gold {gp[0]['value']} "
                        f"{'..'.join(gp[0]['interval'])}"
                        f"{' mod ' + gp[0]['mod'] if gp[0]['mod'] else ''}, predicted "
                        f"{'..'.join(gp[1]['days']) if gp[1]['days'] else 'none'}"
                        f" reading {gp[1]['reading'] or '-'}"
                        f"{', other ' + '..'.join(gp[1]['other']) if gp[1]['other'] else ''}"
                        f" (published {gp[0]['dct']})"))



# ---------------------------------------------------------------------------------------


def find_docs(corpus, only):
    """The documents under corpus (or the one file it names); with only, those whose id or
    file name (without .tml) is in it."""
    p = Path(corpus)
    paths = [p] if p.is_file() else sorted(p.rglob("*.tml"))
    if only:
        want = set(only)
        paths = [x for x in paths if x.name[:-4] in want or x.name in want
                 or timeml.parse(x).id in want]
    return [timeml.parse(x) for x in paths]


def evaluate(docs, runner):
    grec, prec, failures = [], [], []
    seconds = 0.0
    for d in docs:
        preds, dt, err = runner(d)
        seconds += dt
        if err:
            failures.append({"doc": d.id, "error": err})
        g, p = score_doc(d, preds)
        for x in g:  # indices into this system's whole prediction list
            x["predictions"] = [len(prec) + i for i in x["predictions"]]
        grec += g
        prec += p
    return grec, prec, failures, seconds


def fmt_table(rows):
    head = ("| system | docs | gold | predictions | ignored | P | R | F1 | value acc | value F1 "
            "| wall s |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    lines = [head]
    for name, s in rows:
        lines.append(f"| {name} | {s['docs']} | {s['gold']} | {s['predictions']} | {s['ignored']} "
                     f"| {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} "
                     f"| {s['value_accuracy']:.3f} | {s['value_f1']:.3f} | {s['seconds']:.1f} |")
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", help="directory of .tml files (recursive), or one .tml file")
    ap.add_argument("--citeline", metavar="PATH", help="citeline binary (default "
                    "target/release/citeline unless only --peer is given)")
    ap.add_argument("--peer", choices=["dateparser"], help="also score this peer")
    ap.add_argument("--json", metavar="OUT", help="write the figures and every record here")
    ap.add_argument("--errors", type=int, default=0, metavar="N",
                    help="list up to N misses, N false positives and N wrong values")
    ap.add_argument("--only", action="append", metavar="DOC", help="score only this document id "
                    "(repeatable)")
    a = ap.parse_args(argv)

    docs = find_docs(a.corpus, a.only)
    if not docs:
        print(f"score.py: no .tml documents in {a.corpus}", file=sys.stderr)
        return 2
    systems = []
    if a.citeline or not a.peer:
        binary = a.citeline or "target/release/citeline"
        if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
            print(f"score.py: {binary} is not an executable file (build it with "
                  "`cargo build --release`, or name it with --citeline)", file=sys.stderr)
            return 2
        tmp = tempfile.TemporaryDirectory(prefix="timex-")
        systems.append(("citeline", lambda d, b=os.path.abspath(binary): run_citeline(b, d, tmp.name)))
    if a.peer == "dateparser":
        try:
            t0 = time.perf_counter()
            from dateparser.search import search_dates
            import dateparser
            search_dates("warm up on 19 November 1989", languages=["en"])
            warm = time.perf_counter() - t0
        except ImportError:
            print("score.py: dateparser is not importable; run this with the venv's python "
                  "(see benches/timex/README.md)", file=sys.stderr)
            return 2
        systems.append((f"dateparser {dateparser.__version__}",
                        lambda d: run_dateparser(d, search_dates)))

    texts = {d.id: d.text for d in docs}
    rows, report = [], {"corpus": str(a.corpus), "systems": {}}
    for name, runner in systems:
        grec, prec, failures, secs = evaluate(docs, runner)
        s = summarize(grec, prec, len(docs), secs, failures)
        rows.append((name, s))
        report["systems"][name] = {"summary": s, "failures": failures, "gold": grec,
                                   "predictions": prec}
        if name.startswith("dateparser"):
            s["import_and_warm_up_seconds"] = warm
    print(fmt_table(rows))
    for name, s in rows:
        notes = []
        if s["predictions_with_other_reading"]:
            notes.append(f"value accuracy {s['oracle_value_accuracy']:.3f} if the other reading "
                         f"were taken where it is right (oracle; {s['oracle_value_correct_gold']} "
                         f"against {s['value_correct_gold']} of {s['matched_gold']} matched gold)")
        notes.append(f"{s['ignored']} predictions ignored (they overlap only TIMEX3 outside the "
                     f"scored set); {s['false_positives']} false positives")
        if "import_and_warm_up_seconds" in s:
            notes.append(f"wall time is the search_dates calls; import and warm-up "
                         f"{s['import_and_warm_up_seconds']:.1f} s more")
        if s["text_mismatches"]:
            notes.append(f"WARNING: {s['text_mismatches']} predictions whose text differs from "
                         "their span (offset bug?)")
        fails = report["systems"][name]["failures"]
        if fails:
            notes.append(f"{len(fails)} documents with errors, first: {fails[0]['doc']}: "
                         f"{fails[0]['error']}")
        for n in notes:
            print(f"- {name}: {n}")
    if a.errors:
        for name, _ in rows:
            r = report["systems"][name]
            print_errors(name, r["gold"], r["predictions"], texts, a.errors, sys.stdout)
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(report, f, indent=1, default=str)
    if all(len(report["systems"][n]["failures"]) == len(docs) for n, _ in rows):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
