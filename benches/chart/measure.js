// Measures one citeline chart in the browser; run by measure.py inside page.xhtml, after the
// inline <svg>. Writes its JSON result into <pre id="result"> and removes the SVG, so that
// `chromium --dump-dom` prints little. Every coordinate is in the SVG's user units (CSS px
// at the chart's own size): getBBox() transformed by getCTM(), so transforms are honoured.
(function () {
  "use strict";
  const STYLES = ["day", "interval", "approximate", "uncertain", "inferred", "planned", "open"];
  const MARKS = "circle, rect, polygon, ellipse";
  const OVERLAP_MIN = 0.5; // px: texts whose boxes intersect by more than this both ways
  const out = { contract: [], notes: [] };
  const svg = document.querySelector("svg");
  if (!svg) {
    out.contract.push("no <svg> element in the page");
    return finish();
  }

  // ---- geometry helpers -------------------------------------------------------------
  function box(el) {
    let b;
    try { b = el.getBBox(); } catch (e) { return null; }
    const m = el.getCTM();
    const pts = [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height], [b.x + b.width, b.y + b.height]];
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const [x, y] of pts) {
      const X = m ? m.a * x + m.c * y + m.e : x;
      const Y = m ? m.b * x + m.d * y + m.f : y;
      x0 = Math.min(x0, X); y0 = Math.min(y0, Y); x1 = Math.max(x1, X); y1 = Math.max(y1, Y);
    }
    return { x0, y0, x1, y1 };
  }
  function union(boxes) {
    boxes = boxes.filter(Boolean);
    if (!boxes.length) return null;
    return {
      x0: Math.min(...boxes.map(b => b.x0)), y0: Math.min(...boxes.map(b => b.y0)),
      x1: Math.max(...boxes.map(b => b.x1)), y1: Math.max(...boxes.map(b => b.y1)),
    };
  }
  function rectDist(a, b) {
    const dx = Math.max(0, a.x0 - b.x1, b.x0 - a.x1);
    const dy = Math.max(0, a.y0 - b.y1, b.y0 - a.y1);
    return Math.hypot(dx, dy);
  }
  function pointRectDist(p, r) {
    const dx = Math.max(0, r.x0 - p[0], p[0] - r.x1);
    const dy = Math.max(0, r.y0 - p[1], p[1] - r.y1);
    return Math.hypot(dx, dy);
  }
  function pointSegDist(p, s) {
    const [ax, ay, bx, by] = s;
    const vx = bx - ax, vy = by - ay;
    const len2 = vx * vx + vy * vy;
    let t = len2 ? ((p[0] - ax) * vx + (p[1] - ay) * vy) / len2 : 0;
    t = Math.max(0, Math.min(1, t));
    return Math.hypot(p[0] - (ax + t * vx), p[1] - (ay + t * vy));
  }
  function segHitsRect(s, r) { // Liang-Barsky clipping
    const [ax, ay, bx, by] = s;
    let t0 = 0, t1 = 1;
    const dx = bx - ax, dy = by - ay;
    const tests = [[-dx, ax - r.x0], [dx, r.x1 - ax], [-dy, ay - r.y0], [dy, r.y1 - ay]];
    for (const [p, q] of tests) {
      if (p === 0) { if (q < 0) return false; continue; }
      const t = q / p;
      if (p < 0) { if (t > t1) return false; if (t > t0) t0 = t; }
      else { if (t < t0) return false; if (t < t1) t1 = t; }
    }
    return true;
  }
  function segRectDist(s, r) {
    if (segHitsRect(s, r)) return 0;
    const corners = [[r.x0, r.y0], [r.x1, r.y0], [r.x0, r.y1], [r.x1, r.y1]];
    return Math.min(pointRectDist([s[0], s[1]], r), pointRectDist([s[2], s[3]], r),
      ...corners.map(c => pointSegDist(c, s)));
  }
  function lineSeg(el) { // a <line> in user units, honouring its CTM
    const m = el.getCTM();
    const x1 = el.x1.baseVal.value, y1 = el.y1.baseVal.value, x2 = el.x2.baseVal.value, y2 = el.y2.baseVal.value;
    const t = (x, y) => m ? [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f] : [x, y];
    return [...t(x1, y1), ...t(x2, y2)];
  }
  function dayNumber(iso) { // days since 1970-01-01 of YYYY-MM-DD, proleptic Gregorian
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    if (!m) return null;
    const d = new Date(0);
    d.setUTCFullYear(+m[1], +m[2] - 1, +m[3]);
    return Math.round(d.getTime() / 86400000);
  }
  function pct(sorted, q) { // nearest rank
    if (!sorted.length) return null;
    return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
  }
  const r2 = x => x == null ? null : Math.round(x * 100) / 100;
  const styleOf = el => STYLES.filter(s => el.classList.contains(s));
  const textOf = el => (el.textContent || "").trim();
  const ownerId = el => { const g = el.closest("g.event, g[id^='event-']"); return g ? g.id : (el.closest("g[class]") || svg).getAttribute("class"); };

  // ---- (f) size -------------------------------------------------------------------
  out.width = svg.width.baseVal.value;
  out.height = svg.height.baseVal.value;
  const desc = svg.querySelector("desc");
  out.desc = desc ? desc.textContent : null;

  // ---- (a) overlapping texts --------------------------------------------------------
  const texts = [];
  for (const el of svg.querySelectorAll("text")) {
    if (!textOf(el)) continue;
    const b = box(el);
    if (b && b.x1 > b.x0 && b.y1 > b.y0) texts.push({ el, b });
  }
  out.texts = texts.length;
  // A uniform grid: each pair is looked at in the cells both cover, and counted only in the
  // cell that holds the top-left corner of their intersection.
  const CELL = 64;
  const grid = new Map();
  const key = (i, j) => i * 1000003 + j;
  texts.forEach((t, n) => {
    for (let i = Math.floor(t.b.x0 / CELL); i <= Math.floor(t.b.x1 / CELL); i++)
      for (let j = Math.floor(t.b.y0 / CELL); j <= Math.floor(t.b.y1 / CELL); j++) {
        const k = key(i, j);
        if (!grid.has(k)) grid.set(k, []);
        grid.get(k).push(n);
      }
  });
  let overlaps = 0;
  const overlapExamples = [];
  for (const [k, list] of grid) {
    for (let p = 0; p < list.length; p++) for (let q = p + 1; q < list.length; q++) {
      const t = texts[list[p]], u = texts[list[q]];
      const ix0 = Math.max(t.b.x0, u.b.x0), iy0 = Math.max(t.b.y0, u.b.y0);
      const ix = Math.min(t.b.x1, u.b.x1) - ix0;
      const iy = Math.min(t.b.y1, u.b.y1) - iy0;
      if (ix > OVERLAP_MIN && iy > OVERLAP_MIN && key(Math.floor(ix0 / CELL), Math.floor(iy0 / CELL)) === k) {
        overlaps++;
        if (overlapExamples.length < 10) overlapExamples.push({
          a: textOf(u.el).slice(0, 40), a_in: ownerId(u.el), b: textOf(t.el).slice(0, 40), b_in: ownerId(t.el),
          by: [r2(ix), r2(iy)],
        });
      }
    }
  }
  out.overlapping_text_pairs = overlaps;
  out.overlap_examples = overlapExamples;
  const W = out.width, H = out.height;
  out.texts_outside_chart = texts.filter(t => t.b.x0 < -OVERLAP_MIN || t.b.y0 < -OVERLAP_MIN || t.b.x1 > W + OVERLAP_MIN || t.b.y1 > H + OVERLAP_MIN).length;

  // ---- axis rules -------------------------------------------------------------------
  let segments = [...svg.querySelectorAll("g.axis-segment")].map(g => {
    const lines = [...g.querySelectorAll("line")].map(lineSeg);
    // The rule: the longest line of the segment (tick lines are short).
    lines.sort((p, q) => Math.hypot(q[2] - q[0], q[3] - q[1]) - Math.hypot(p[2] - p[0], p[3] - p[1]));
    return { g, rule: lines[0] || null, start: dayNumber(g.dataset.start), end: dayNumber(g.dataset.end) };
  });
  out.axis_segments = segments.length;
  if (!segments.length) {
    out.contract.push("no <g class=\"axis-segment\"> groups: the way to the axis is measured to the longest <line> of each <g class=\"axis\"> instead, and day positions cannot be checked");
    segments = [...svg.querySelectorAll("g.axis")].map(g => {
      const lines = [...g.querySelectorAll("line")].map(lineSeg);
      lines.sort((p, q) => Math.hypot(q[2] - q[0], q[3] - q[1]) - Math.hypot(p[2] - p[0], p[3] - p[1]));
      return { g, rule: lines[0] || null, start: null, end: null, fallback: true };
    });
  } else {
    const noRule = segments.filter(s => !s.rule).length;
    const noDays = segments.filter(s => s.start == null || s.end == null).length;
    if (noRule) out.contract.push(`${noRule} axis-segment groups hold no <line>`);
    if (noDays) out.contract.push(`${noDays} axis-segment groups lack data-start/data-end (YYYY-MM-DD)`);
  }
  const rules = segments.filter(s => s.rule).map(s => s.rule);
  if (!rules.length) out.contract.push("no axis rule line found at all: the way to the axis is not measured");

  // ---- events: (b) way, (c) labelled, (d) day positions ------------------------------
  const events = [...svg.querySelectorAll("g.event, g[id^='event-']")].filter(g => !g.parentElement.closest("g.event"));
  out.events = events.length;
  out.event_ids = events.map(g => g.id.replace(/^event-/, ""));
  let noData = 0, noStyle = 0, noMark = 0, labelled = 0;
  const ways = [], wayWorst = [];
  const dayErrors = [];
  let dayNoSegment = 0, dayMeasured = 0, dayNoData = 0;
  const markStyles = new Set();
  const unlabelledDays = [];
  const dayCount = new Map();
  for (const g of events) {
    const st = styleOf(g);
    if (!st.length) noStyle++;
    st.forEach(s => markStyles.add(s));
    const start = g.dataset.start, end = g.dataset.end;
    // `..` marks an open end (the README's contract); anything else must be a day.
    const day = v => v === ".." || dayNumber(v) != null;
    if (!day(start) || !day(end)) noData++;
    const labelEls = [...g.querySelectorAll("text")].filter(t => textOf(t));
    const mark = union([...g.querySelectorAll(MARKS)].map(box));
    if (!mark) noMark++;
    if (start && start === end) dayCount.set(start, (dayCount.get(start) || 0) + 1);
    if (labelEls.length) {
      labelled++;
      const label = union(labelEls.map(box));
      if (mark && label && rules.length) {
        const toMark = rectDist(label, mark);
        const toAxis = Math.min(...rules.map(r => segRectDist(r, mark)));
        ways.push(toMark + toAxis);
        wayWorst.push({ id: g.id, label_to_mark: r2(toMark), mark_to_axis: r2(toAxis), way: r2(toMark + toAxis) });
      }
    } else if (start && start === end) {
      unlabelledDays.push(start);
    } else {
      unlabelledDays.push(null);
    }
    if (g.classList.contains("day") && mark) {
      const d = dayNumber(start);
      if (d == null) { dayNoData++; continue; }
      const seg = segments.find(s => s.rule && s.start != null && s.end != null && s.start <= d && d <= s.end);
      if (!seg) { dayNoSegment++; continue; }
      const [ax, ay, bx, by] = seg.rule;
      const n = seg.end - seg.start + 1;
      const f = (d - seg.start + 0.5) / n;
      const ex = ax + f * (bx - ax), ey = ay + f * (by - ay);
      const len = Math.hypot(bx - ax, by - ay) || 1;
      const ux = (bx - ax) / len, uy = (by - ay) / len;
      const cx = (mark.x0 + mark.x1) / 2, cy = (mark.y0 + mark.y1) / 2;
      dayErrors.push({ id: g.id, error: Math.abs((cx - ex) * ux + (cy - ey) * uy) });
      dayMeasured++;
    }
  }
  if (noData) out.contract.push(`${noData} of ${events.length} event groups lack data-start/data-end (YYYY-MM-DD)`);
  if (noStyle) out.contract.push(`${noStyle} of ${events.length} event groups carry no style class (${STYLES.join(", ")})`);
  if (noMark) out.contract.push(`${noMark} of ${events.length} event groups hold no <circle>/<rect>/<polygon> mark`);
  out.labelled = labelled;
  out.unlabelled_outside_day_piles = noData ? null :
    unlabelledDays.filter(d => d == null || (dayCount.get(d) || 0) < 2).length;
  ways.sort((a, b) => a - b);
  out.way = {
    measured: ways.length,
    p95: r2(pct(ways, 0.95)),
    max: r2(ways.length ? ways[ways.length - 1] : null),
    share_within_300: ways.length ? r2(ways.filter(w => w <= 300).length / ways.length) : null,
    over_450: ways.filter(w => w > 450).length,
    worst: wayWorst.sort((a, b) => b.way - a.way).slice(0, 5),
  };
  dayErrors.sort((a, b) => b.error - a.error);
  out.day_position = {
    day_events: events.filter(g => g.classList.contains("day")).length,
    measured: dayMeasured, without_dates: dayNoData, outside_every_segment: dayNoSegment,
    max_error: dayErrors.length ? r2(dayErrors[0].error) : null,
    over_1_5px: dayErrors.filter(e => e.error > 1.5).length,
    worst: dayErrors.slice(0, 5).map(e => ({ id: e.id, error: r2(e.error) })),
  };
  if (dayNoSegment) out.contract.push(`${dayNoSegment} day events lie in no axis-segment's [data-start, data-end]`);

  // <desc> labelled count.
  const m = /([\d,]+) of ([\d,]+) events? (?:are )?labell?ed/i.exec(out.desc || "");
  out.desc_labelled = m ? [+m[1].replace(/,/g, ""), +m[2].replace(/,/g, "")] : null;
  // Only a chart that leaves labels out has to say so.
  if (!m) {
    if (out.labelled < out.events) out.contract.push("<desc> does not say \"N of M events labelled\"");
  } else if (out.desc_labelled[0] !== labelled || out.desc_labelled[1] !== events.length)
    out.notes.push(`<desc> says ${m[0]}, the SVG has ${labelled} of ${events.length}`);

  // ---- (e) legend ---------------------------------------------------------------------
  const items = [...svg.querySelectorAll("g.legend-item")];
  const legendStyles = new Set();
  items.forEach(g => styleOf(g).forEach(s => legendStyles.add(s)));
  out.legend = {
    items: items.length,
    styles: [...legendStyles].sort(),
    mark_styles: [...markStyles].sort(),
    missing_from_legend: [...markStyles].filter(s => !legendStyles.has(s)).sort(),
    not_on_any_mark: [...legendStyles].filter(s => !markStyles.has(s)).sort(),
  };
  if (!items.length) out.contract.push("no <g class=\"legend legend-item STYLE\"> groups: legend styles cannot be compared");
  finish();

  function finish() {
    if (svg) svg.remove();
    document.querySelectorAll("script").forEach(s => s.remove());
    const pre = document.getElementById("result");
    pre.textContent = JSON.stringify(out);
  }
})();
