#!/usr/bin/env python3
"""Writes the chart benchmark's data sets: `python3 benches/chart/gen.py OUT_DIR [NAME...]`.

Each data set is a folder OUT_DIR/NAME holding events.toml and articles/, which `citeline
render` draws without error (check may print notes). Deterministic: a fixed seed per data set,
no clock. Python 3.11 standard library only.

How every event stays valid whatever its date: each event cites one line of a catalogue
article, "Entry ID is dated YYYY-MM-DD.", whose ISO date (a full date, read the same whatever
the publication date) is a day inside the event's claimed interval, so `check` finds the
date supported (dated_by = "quote", the default). Every catalogue is published 2026-12-31
(with a published_note, so no date in its text needs to attest it); events after that are
`status = "planned"`, which `event-after-source` allows. About 1% of events are
`dated_by = "inference"` with a date_note, to have the inferred style too.

The data sets (NAME: what it is):
  synth-10, synth-100, synth-1000, synth-10000
      N events over 1990-2026 in bursts with long empty gaps between them; precisions:
      days, months, years, intervals of days/months/years, a few open-ended intervals;
      qualifiers ~ ? %; some planned; 7 tags; titles of 12 to 80 characters.
  one-day-300       300 events all on 2003-11-19.
  years-1000-2026   400 events spread over the years 1000-2026 (denser towards today).
  two-clusters      2 x 150 events, within a month each, 50 years apart (1961 and 2011).
  long-titles       120 events whose titles are exactly 80 characters (drawn at --width 400).
  scripts           120 events titled in Chinese, Japanese, Arabic mixed with Latin,
                    Devanagari, Cyrillic, Greek, Hebrew, Thai, Korean, and with emoji.
  tags-30           300 events over 30 tags.
"""

import datetime as dt
import math
import os
import random
import sys

PUBLISHED = "2026-12-31"
LAST_PAST_DAY = dt.date(2026, 12, 31)
PER_ARTICLE = 500  # events per catalogue article: few sources, so the Sources block stays small

WORDS = (
    "ministers council treaty border summit envoy talks alliance agreement defence security "
    "programme partners capital region pledge joint exercise delegation visit statement "
    "protocol charter accord session forum observers mission reform election veto sanction "
    "ceasefire withdrawal ratification memorandum consultations conference"
).split()
PLACES = "Bishkek Almaty Yerevan Minsk Dushanbe Moscow Astana Brussels Geneva Vienna".split()
TAGS7 = ["meeting", "statement", "treaty", "exercise", "plan", "interview", "sanction"]

SCRIPT_TITLES = [
    "上海合作组织峰会在北京举行",
    "集体安全条约组织外长会议",
    "東京で日露首脳会談が開かれる",
    "北大西洋条約機構との協力について声明",
    "اجتماع وزراء الخارجية في الرياض",
    "NATO يرحب بعرض التعاون من CSTO",
    "قمة Bishkek للأمن الإقليمي 2003",
    "भारत और रूस के बीच रक्षा समझौता",
    "नई दिल्ली में शिखर सम्मेलन",
    "Совещание министров обороны ОДКБ в Москве",
    "Бордюжа: НАТО должно сотрудничать с ОДКБ",
    "Σύνοδος κορυφής στην Αθήνα για την ασφάλεια",
    "Η Ελλάδα υπογράφει τη συνθήκη",
    "פגישת שרי החוץ בירושלים",
    "การประชุมสุดยอดอาเซียนที่กรุงเทพฯ",
    "서울에서 한러 정상회담 개최",
    "Summit 🤝 signed in Geneva 🇨🇭",
    "🚀 Launch window opens 🌍🌕",
    "Treaty ratified ✅ after 3 years ⏳",
    "Ceasefire 🕊️ announced by envoys",
    "Mixed: Москва–北京–دمشق talks",
    "Café Zürich: Ørsted & Łódź delegates",
]


def rng_for(name):
    return random.Random(f"citeline-chart-{name}")


def title_of(rng, i, low=12, high=80):
    target = rng.randint(low, high)
    words = [rng.choice(WORDS).capitalize()]
    while len(" ".join(words)) < target:
        words.append(rng.choice(WORDS + PLACES))
    text = f"{i} " + " ".join(words)
    return text[:high].rstrip()


def title_exactly(rng, i, n=80):
    text = f"{i}"
    while len(text) < n:
        text += " " + rng.choice(WORDS + PLACES).capitalize()
    text = text[:n]
    return text[:-1] + "x" if text.endswith(" ") else text


def month_end(y, m):
    nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def clamp_day(d):
    return max(dt.date(1000, 1, 1), min(d, dt.date(2035, 12, 31)))


class Event:
    def __init__(self, date, quote_day, title, tags, planned=False, inferred=False):
        self.date = date            # EDTF as the events file writes it
        self.quote_day = quote_day  # a day inside the claim, quoted from the catalogue
        self.title = title
        self.tags = tags
        self.planned = planned
        self.inferred = inferred


def event_at(rng, day, title, tags, mix=True):
    """An event around `day` of a random precision and qualifier (or a plain day if not mix)."""
    day = clamp_day(day)
    q = ""
    if mix:
        r = rng.random()
        q = "~" if r < 0.10 else "?" if r < 0.18 else "%" if r < 0.20 else ""
        kind = rng.random()
    else:
        kind = 0.0
    if kind < 0.55:
        date, qday = f"{day.isoformat()}{q}", day
    elif kind < 0.67:
        date, qday = f"{day:%Y-%m}{q}", day
    elif kind < 0.75:
        date, qday = f"{day:%Y}{q}", day
    elif kind < 0.85:  # days to days
        end = clamp_day(day + dt.timedelta(days=rng.randint(1, 120)))
        date, qday = f"{day.isoformat()}{q}/{end.isoformat()}", day
    elif kind < 0.92:  # months to months
        end = clamp_day(day + dt.timedelta(days=rng.randint(31, 900)))
        date, qday = f"{day:%Y-%m}/{end:%Y-%m}{q}", day
    elif kind < 0.97:  # years to years
        end = clamp_day(day + dt.timedelta(days=rng.randint(366, 3000)))
        date, qday = f"{day:%Y}{q}/{end:%Y}", day
    elif kind < 0.985:  # open start
        date, qday = f"../{day.isoformat()}", day
    else:  # open end
        date, qday = f"{day:%Y-%m}/..", day
    return date, qday


def finish(events):
    """Marks events after the catalogues' publication as planned (required), and 1% inferred."""
    for i, e in enumerate(events):
        first = e.quote_day if not e.date.startswith("../") else None
        if first is not None and first > LAST_PAST_DAY:
            e.planned = True
        if i % 97 == 5:
            e.inferred = True
    return events


def synth(n, name):
    rng = rng_for(name)
    # Bursts: a few busy stretches of days to months, long empty years between them.
    start, end = dt.date(1990, 1, 1), dt.date(2026, 6, 30)
    span = (end - start).days
    bursts = []
    for _ in range(max(2, round(math.sqrt(n) / 2))):
        centre = start + dt.timedelta(days=rng.randrange(span))
        width = rng.choice([3, 10, 30, 90, 365])
        bursts.append((centre, width, rng.random() + 0.2))
    # Long gaps: no background events inside them.
    gaps = [(dt.date(1996, 3, 1), dt.date(2001, 9, 1)), (dt.date(2013, 1, 1), dt.date(2016, 6, 1))]
    total_weight = sum(w for _, _, w in bursts)
    events = []
    for i in range(n):
        if rng.random() < 0.8:  # in a burst
            r = rng.random() * total_weight
            for centre, width, w in bursts:
                r -= w
                if r <= 0:
                    break
            day = centre + dt.timedelta(days=round(rng.gauss(0, width)))
        else:  # background, outside the gaps
            while True:
                day = start + dt.timedelta(days=rng.randrange(span))
                if not any(a <= day < b for a, b in gaps):
                    break
        if rng.random() < 0.04:  # announced for later
            day = dt.date(2027, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365))
        date, qday = event_at(rng, day, None, None)
        tags = [TAGS7[min(int(rng.expovariate(0.6)), 6)]]
        if rng.random() < 0.3:
            tags.append(rng.choice(TAGS7))
        e = Event(date, qday, title_of(rng, i), list(dict.fromkeys(tags)))
        e.planned = rng.random() < 0.03
        events.append(e)
    return finish(events)


def one_day(n=300):
    rng = rng_for("one-day")
    day = dt.date(2003, 11, 19)
    return finish([Event(day.isoformat(), day, title_of(rng, i, 12, 60), [rng.choice(TAGS7[:4])])
                   for i in range(n)])


def millennium(n=400):
    rng = rng_for("millennium")
    events = []
    for i in range(n):
        # Denser towards today: years 1000-2026, a quarter uniform, the rest skewed late.
        if rng.random() < 0.25:
            year = rng.randint(1000, 2026)
        else:
            year = 2026 - int(abs(rng.gauss(0, 120))) % 1027
        day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
        date, qday = event_at(rng, day, None, None)
        events.append(Event(date, qday, title_of(rng, i, 12, 50), [rng.choice(TAGS7)]))
    return finish(events)


def two_clusters(n=150):
    rng = rng_for("two-clusters")
    events = []
    for base in (dt.date(1961, 4, 1), dt.date(2011, 4, 1)):
        for _ in range(n):
            i = len(events)
            day = base + dt.timedelta(days=rng.randrange(30))
            date, qday = event_at(rng, day, None, None, mix=rng.random() < 0.3)
            events.append(Event(date, qday, title_of(rng, i, 12, 60), [rng.choice(TAGS7)]))
    return finish(events)


def long_titles(n=120):
    rng = rng_for("long-titles")
    events = []
    for i in range(n):
        day = dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(20 * 365))
        date, qday = event_at(rng, day, None, None)
        t = title_exactly(rng, i)
        assert len(t) == 80, (t, len(t))
        events.append(Event(date, qday, t, [rng.choice(TAGS7)]))
    return finish(events)


def scripts(n=120):
    rng = rng_for("scripts")
    events = []
    for i in range(n):
        day = dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(25 * 365))
        date, qday = event_at(rng, day, None, None)
        t = f"{SCRIPT_TITLES[i % len(SCRIPT_TITLES)]} {i}"
        events.append(Event(date, qday, t, [rng.choice(TAGS7)]))
    return finish(events)


def tags30(n=300):
    rng = rng_for("tags-30")
    tags = [f"tag-{k:02d}-{rng.choice(WORDS)}" for k in range(30)]
    events = []
    for i in range(n):
        day = dt.date(1995, 1, 1) + dt.timedelta(days=rng.randrange(30 * 365))
        date, qday = event_at(rng, day, None, None)
        ts = [tags[i % 30]] + ([rng.choice(tags)] if rng.random() < 0.3 else [])
        events.append(Event(date, qday, title_of(rng, i, 12, 60), list(dict.fromkeys(ts))))
    return finish(events)


SETS = {
    "synth-10": lambda: synth(10, "synth-10"),
    "synth-100": lambda: synth(100, "synth-100"),
    "synth-1000": lambda: synth(1000, "synth-1000"),
    "synth-10000": lambda: synth(10000, "synth-10000"),
    "one-day-300": one_day,
    "years-1000-2026": millennium,
    "two-clusters": two_clusters,
    "long-titles": long_titles,
    "scripts": scripts,
    "tags-30": tags30,
}


def toml_str(s):
    out = ['"']
    for ch in s:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def write(folder, name, events):
    os.makedirs(os.path.join(folder, "articles"), exist_ok=True)
    n_articles = max(1, math.ceil(len(events) / PER_ARTICLE))
    lines = [[] for _ in range(n_articles)]
    out = [f"[timeline]\ntitle = {toml_str('Chart benchmark: ' + name)}\n"]
    for a in range(n_articles):
        out.append(
            f"[sources.cat{a:03d}]\nfile = \"articles/cat{a:03d}.txt\"\n"
            f"publisher = \"Synthetic Wire\"\ntitle = \"Catalogue {a} of dated entries\"\n"
            f"published = \"{PUBLISHED}\"\n"
            f"published_note = \"Generated by benches/chart/gen.py.\"\n"
        )
    for i, e in enumerate(events):
        a = i % n_articles
        quote = f"Entry e{i} is dated {e.quote_day.isoformat()}"
        lines[a].append(quote + ".")
        ev = [f"[[events]]", f"id = \"e{i}\"", f"date = \"{e.date}\"", f"title = {toml_str(e.title)}",
              "tags = [" + ", ".join(toml_str(t) for t in e.tags) + "]"]
        if e.planned:
            ev.append("status = \"planned\"")
        if e.inferred:
            ev.append("dated_by = \"inference\"")
            ev.append("date_note = \"Synthetic: inferred from the order of the catalogue.\"")
        ev.append("")
        ev.append("[[events.evidence]]")
        ev.append(f"source = \"cat{a:03d}\"")
        ev.append(f"quote = {toml_str(quote)}")
        out.append("\n".join(ev) + "\n")
    for a in range(n_articles):
        with open(os.path.join(folder, "articles", f"cat{a:03d}.txt"), "w", encoding="utf-8") as f:
            f.write(f"Synthetic Wire\n\nCatalogue {a} of dated entries\n\n")
            f.write("\n".join(lines[a]) + "\n")
    with open(os.path.join(folder, "events.toml"), "w", encoding="utf-8") as f:
        f.write("\n".join(out))


def main():
    if len(sys.argv) < 2:
        sys.stderr.write(__doc__)
        sys.exit(2)
    root = sys.argv[1]
    names = sys.argv[2:] or list(SETS)
    for name in names:
        if name not in SETS:
            sys.exit(f"unknown data set {name}; known: {' '.join(SETS)}")
        events = SETS[name]()
        write(os.path.join(root, name), name, events)
        print(f"{name}: {len(events)} events")


if __name__ == "__main__":
    main()
