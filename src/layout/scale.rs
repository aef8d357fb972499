//! The date axis: which stretches of time are shown (axis breaks), where a day lands on x,
//! and which ticks and tick labels each shown stretch gets.
//!
//! Inside a segment a short burst of distinct event days can still crowd into a few pixels
//! when a long quiet stretch follows within break distance (the shipped data: four events in
//! two weeks of late 2003, then a planned bar over 2004). Such a burst is *zoomed*: drawn at a
//! larger scale of its own, so its days stand [`CROWD_GAP`] apart where the page allows, with
//! the rest of the segment linear at a smaller scale. The axis marks each zoomed stretch and
//! ticks it on its own ([`Scale::pieces`]), so the change of scale is never hidden.
//!
//! Days are continuous numbers here: day `d` (days since the common era, as chrono counts
//! them) covers `[d, d + 1)`, so an interval of days `[a, b]` is drawn from `x(a)` to
//! `x(b + 1)`. Pure arithmetic: no font files, no drawing library. Only text *widths* are
//! asked of `font.rs`, to choose tick steps whose labels do not collide.

use crate::font;
use chrono::{Datelike, NaiveDate};

/// A gap is compressed into a break only when it is at least this share of the whole span…
const BREAK_MIN_SHARE: f64 = 0.25;
/// …and at least this many days: a break inside a month-long chart would only confuse.
const BREAK_MIN_DAYS: f64 = 90.0;
/// More breaks than this would turn the axis into a row of unrelated strips. (With the
/// share above at most three gaps qualify; the cap stays should that share be lowered.)
const MAX_BREAKS: usize = 6;
/// Pixels a break takes on the axis.
pub const BREAK_WIDTH: f64 = 26.0;
/// Size of tick labels.
pub const TICK_FONT: f64 = 11.0;
/// Room kept between neighbouring tick labels.
pub const TICK_LABEL_GAP: f64 = 10.0;
/// Distinct event days closer than this on the axis count as crowded: their dots and stems
/// would merge, and no tick could tell them apart.
pub const CROWD_GAP: f64 = 24.0;
/// At most this share of a segment's width goes to its zoomed stretches, so the rest of the
/// segment keeps a readable scale.
const ZOOM_SHARE: f64 = 0.5;
/// A zoom must draw its stretch at least this many times wider than the plain scale would;
/// less is not worth a change of scale the reader has to notice.
const ZOOM_MIN_FACTOR: f64 = 2.0;
/// Zoomed stretches per segment: more would turn the axis into a patchwork of scales.
const MAX_ZOOMS: usize = 4;

/// A shown stretch of time, in continuous days.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Span {
    pub start: f64,
    pub end: f64,
}

impl Span {
    /// Its length in days.
    pub fn days(&self) -> f64 {
        self.end - self.start
    }
}

/// Which stretches of time the axis shows, before any pixel is assigned.
#[derive(Clone, Debug, PartialEq)]
pub struct Domain {
    /// In time order, disjoint; a break lies between each two.
    pub segments: Vec<Span>,
    /// Stretches inside segments drawn at a larger scale, in time order, disjoint, each
    /// inside one segment. Empty unless [`Domain::zoom_crowds`] found crowded days.
    pub zooms: Vec<Zoom>,
}

/// A crowded stretch of one segment, drawn wider than the segment's plain scale.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Zoom {
    /// Index into [`Domain::segments`].
    pub segment: usize,
    pub span: Span,
    /// The smallest gap in days between two distinct event days inside the stretch.
    pub min_gap: f64,
}

impl Zoom {
    /// The width that puts its closest two days [`CROWD_GAP`] apart.
    fn wanted(&self) -> f64 {
        self.span.days() * CROWD_GAP / self.min_gap.max(1.0)
    }
}

impl Domain {
    /// The stretches that cover `intervals` (closed day ranges `[a, b]`, in any order),
    /// padded a little, with gaps that are long compared with the whole span compressed
    /// into breaks when `breaks` is on. An empty input gives a one-week domain around day 0.
    pub fn new(intervals: &[(i64, i64)], breaks: bool) -> Domain {
        let mut sorted: Vec<(i64, i64)> = intervals
            .iter()
            .map(|&(a, b)| (a.min(b), a.max(b)))
            .collect();
        sorted.sort_unstable();
        let Some(&(first, _)) = sorted.first() else {
            return Domain {
                segments: vec![Span {
                    start: 0.0,
                    end: 7.0,
                }],
                zooms: Vec::new(),
            };
        };
        // Union of the intervals, as continuous day ranges.
        let mut union: Vec<Span> = Vec::new();
        let mut current = Span {
            start: first as f64,
            end: first as f64,
        };
        for &(a, b) in &sorted {
            let (a, b) = (a as f64, b as f64 + 1.0);
            if a <= current.end {
                current.end = current.end.max(b);
            } else {
                union.push(current);
                current = Span { start: a, end: b };
            }
        }
        union.push(current);
        let total = union[union.len() - 1].end - union[0].start;

        // The gaps worth a break: long, and only the longest few.
        let mut gaps: Vec<(f64, usize)> = Vec::new();
        if breaks {
            for i in 1..union.len() {
                let gap = union[i].start - union[i - 1].end;
                if gap >= BREAK_MIN_DAYS && gap >= BREAK_MIN_SHARE * total {
                    gaps.push((gap, i));
                }
            }
            // Longest first; ties by position so the choice never depends on sort stability.
            gaps.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
            gaps.truncate(MAX_BREAKS);
        }
        let mut cut_before: Vec<usize> = gaps.iter().map(|g| g.1).collect();
        cut_before.sort_unstable();

        // Merge the union pieces between the cuts into segments.
        let mut segments = Vec::with_capacity(cut_before.len() + 1);
        let mut from = 0;
        for &cut in cut_before.iter().chain(std::iter::once(&union.len())) {
            segments.push(Span {
                start: union[from].start,
                end: union[cut - 1].end,
            });
            from = cut;
        }
        // Pad each segment so that marks do not sit on its very edge. The pad stays well under
        // half of any break gap (a gap is at least a quarter of the total span), so padded
        // segments never touch.
        for s in &mut segments {
            let pad = (s.days() * 0.03).max(1.0).min(total * 0.05 + 1.0);
            s.start -= pad;
            s.end += pad;
        }
        Domain {
            segments,
            zooms: Vec::new(),
        }
    }

    /// Finds the stretches where distinct event days (`days`: the day each mark stands on,
    /// sorted) would lie closer than [`CROWD_GAP`] on an axis `width` pixels wide, and marks
    /// them for zooming: a short burst of events beside a long quiet stretch in the same
    /// segment (no break possible) would otherwise be a smudge at one spot of the axis.
    /// A run of crowded days is zoomed only when the zoom can draw it at least
    /// `ZOOM_MIN_FACTOR` times wider within `ZOOM_SHARE` of its segment; evenly dense data
    /// (crowded everywhere) gets no zoom, since zooming all of it is the plain scale again.
    /// Linear in the number of days.
    pub fn zoom_crowds(&mut self, days: &[i64], width: f64) {
        self.zooms.clear();
        let scale = self.place(0.0, width);
        let mut k = 0;
        for (si, p) in scale.placed.iter().enumerate() {
            let seg = p.span;
            let ppd = (p.x1 - p.x0) / seg.days().max(1e-9);
            // Distinct days of this segment; `days` is sorted, segments are in time order.
            let mut distinct: Vec<f64> = Vec::new();
            while k < days.len() && (days[k] as f64) < seg.end {
                let d = days[k] as f64;
                if d >= seg.start && distinct.last() != Some(&d) {
                    distinct.push(d);
                }
                k += 1;
            }
            // Runs of days each closer than CROWD_GAP to the next.
            let mut runs: Vec<Zoom> = Vec::new();
            let mut i = 0;
            while i + 1 < distinct.len() {
                if (distinct[i + 1] - distinct[i]) * ppd >= CROWD_GAP {
                    i += 1;
                    continue;
                }
                let first = distinct[i];
                let mut min_gap = f64::INFINITY;
                while i + 1 < distinct.len() && (distinct[i + 1] - distinct[i]) * ppd < CROWD_GAP {
                    min_gap = min_gap.min(distinct[i + 1] - distinct[i]);
                    i += 1;
                }
                let last = distinct[i];
                // A day of room either side of the first and last mark, inside the segment
                // and clear of the previous run.
                let floor = runs.last().map_or(seg.start, |r| r.span.end);
                let span = Span {
                    start: (first - 1.0).max(floor).max(seg.start),
                    end: (last + 2.0).min(seg.end),
                };
                runs.push(Zoom {
                    segment: si,
                    span,
                    min_gap,
                });
            }
            // The runs with the most days to separate first; ties by position.
            let count = |z: &Zoom| z.span.days() / z.min_gap;
            runs.sort_by(|a, b| {
                count(b)
                    .total_cmp(&count(a))
                    .then(a.span.start.total_cmp(&b.span.start))
            });
            runs.truncate(MAX_ZOOMS);
            let width = p.x1 - p.x0;
            let wanted: f64 = runs.iter().map(Zoom::wanted).sum();
            let c = (ZOOM_SHARE * width / wanted.max(1e-9)).min(1.0);
            let mut kept: Vec<Zoom> = runs
                .into_iter()
                .filter(|z| c * z.wanted() >= ZOOM_MIN_FACTOR * z.span.days() * ppd)
                .collect();
            kept.sort_by(|a, b| a.span.start.total_cmp(&b.span.start));
            self.zooms.extend(kept);
        }
    }

    /// Assigns pixels: the axis runs from `left` to `right`; each break takes
    /// [`BREAK_WIDTH`] (less on a narrow page); the segments share the rest, half evenly
    /// and half by their length in days, so a short dense cluster is not squeezed to a
    /// sliver beside a long one.
    pub fn place(&self, left: f64, right: f64) -> Scale {
        let n = self.segments.len();
        let breaks = n.saturating_sub(1) as f64;
        // On a narrow page, breaks give up width before the segments do.
        let break_width = if breaks > 0.0 {
            BREAK_WIDTH.min((right - left) * 0.3 / breaks)
        } else {
            BREAK_WIDTH
        };
        let available = (right - left - breaks * break_width).max(1.0);
        let total_days: f64 = self.segments.iter().map(Span::days).sum();
        let mut placed = Vec::with_capacity(n);
        let mut x = left;
        for s in &self.segments {
            let share = 0.5 * s.days() / total_days + 0.5 / n as f64;
            let width = available * share;
            placed.push(Placed {
                span: *s,
                x0: x,
                x1: x + width,
            });
            x += width + break_width;
        }
        // Day → x as knots: each segment's ends, and the ends of each zoomed stretch; the
        // scale is linear between neighbouring knots (across a break too).
        let mut knots: Vec<(f64, f64)> = Vec::with_capacity(2 * n + 2 * self.zooms.len());
        let mut zooms = Vec::with_capacity(self.zooms.len());
        let mut z = 0;
        for (si, p) in placed.iter().enumerate() {
            let first = z;
            while z < self.zooms.len() && self.zooms[z].segment == si {
                z += 1;
            }
            let mine = &self.zooms[first..z];
            let width = p.x1 - p.x0;
            let days = p.span.days().max(1e-9);
            let plain = width / days;
            // The same squeeze as when the zooms were chosen, at this width; a zoom never
            // draws its stretch narrower than the plain scale would.
            let wanted: f64 = mine.iter().map(Zoom::wanted).sum();
            let c = (ZOOM_SHARE * width / wanted.max(1e-9)).min(1.0);
            let widths: Vec<f64> = mine
                .iter()
                .map(|m| (c * m.wanted()).max(m.span.days() * plain))
                .collect();
            let zoom_days: f64 = mine.iter().map(|m| m.span.days()).sum();
            let rest_days = days - zoom_days;
            let rest_ppd = if rest_days > 1e-9 {
                ((width - widths.iter().sum::<f64>()) / rest_days).max(0.0)
            } else {
                0.0
            };
            knots.push((p.span.start, p.x0));
            let mut x = p.x0;
            let mut day = p.span.start;
            for (m, w) in mine.iter().zip(&widths) {
                x = (x + (m.span.start - day) * rest_ppd).min(p.x1);
                knots.push((m.span.start, x));
                let x0 = x;
                x = (x + w).min(p.x1);
                knots.push((m.span.end, x));
                zooms.push(ZoomPlaced {
                    span: m.span,
                    x0,
                    x1: x,
                });
                day = m.span.end;
            }
            knots.push((p.span.end, p.x1));
        }
        Scale {
            placed,
            zooms,
            knots,
        }
    }
}

/// One segment with its pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placed {
    pub span: Span,
    pub x0: f64,
    pub x1: f64,
}

/// A zoomed stretch with its pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ZoomPlaced {
    pub span: Span,
    pub x0: f64,
    pub x1: f64,
}

/// Day → x, piecewise linear and monotone: linear inside each segment except that a zoomed
/// stretch has a larger scale of its own, and across a break the hidden days run through the
/// break's pixels, so even a date nobody drew has a place.
#[derive(Clone, Debug, PartialEq)]
pub struct Scale {
    pub placed: Vec<Placed>,
    /// The zoomed stretches, in time order.
    pub zooms: Vec<ZoomPlaced>,
    /// (day, x) pairs, both non-decreasing; x is linear between neighbours.
    knots: Vec<(f64, f64)>,
}

impl Scale {
    /// The x of continuous day `day`; days before or after the domain clamp to its ends.
    pub fn x(&self, day: f64) -> f64 {
        let k = &self.knots;
        // The first knot at or after `day`.
        let i = k.partition_point(|&(d, _)| d < day);
        if i == k.len() {
            return k[k.len() - 1].1;
        }
        if i == 0 {
            return k[0].1;
        }
        lerp(day, k[i - 1].0, k[i].0, k[i - 1].1, k[i].1)
    }

    /// Each segment cut into its stretches of one scale, left to right: (span, x0, x1, zoomed).
    /// Ticks are chosen per piece, as each piece has its own pixels per day.
    pub fn pieces(&self) -> Vec<(Span, f64, f64, bool)> {
        let mut out = Vec::with_capacity(self.placed.len() + 2 * self.zooms.len());
        let mut z = 0;
        for p in &self.placed {
            let (mut day, mut x) = (p.span.start, p.x0);
            while z < self.zooms.len() && self.zooms[z].span.start < p.span.end {
                let m = self.zooms[z];
                if m.span.start > day {
                    out.push((
                        Span {
                            start: day,
                            end: m.span.start,
                        },
                        x,
                        m.x0,
                        false,
                    ));
                }
                out.push((m.span, m.x0, m.x1, true));
                (day, x) = (m.span.end, m.x1);
                z += 1;
            }
            if p.span.end > day {
                out.push((
                    Span {
                        start: day,
                        end: p.span.end,
                    },
                    x,
                    p.x1,
                    false,
                ));
            }
        }
        out
    }

    /// The pixel ranges of the breaks, left to right.
    pub fn breaks(&self) -> Vec<(f64, f64)> {
        self.placed.windows(2).map(|w| (w[0].x1, w[1].x0)).collect()
    }

    pub fn left(&self) -> f64 {
        self.placed[0].x0
    }

    pub fn right(&self) -> f64 {
        self.placed[self.placed.len() - 1].x1
    }
}

fn lerp(v: f64, a: f64, b: f64, xa: f64, xb: f64) -> f64 {
    if b <= a {
        return xa;
    }
    xa + (v - a) / (b - a) * (xb - xa)
}

/// How far apart ticks are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Days(i64),
    /// Mondays.
    Weeks,
    Months(u32),
    Years(i32),
}

/// Coarser and coarser: the first whose labels fit is taken.
const STEPS: &[Step] = &[
    Step::Days(1),
    Step::Days(2),
    Step::Weeks,
    Step::Months(1),
    Step::Months(3),
    Step::Months(6),
    Step::Years(1),
    Step::Years(2),
    Step::Years(5),
    Step::Years(10),
    Step::Years(20),
    Step::Years(50),
    Step::Years(100),
    Step::Years(200),
    Step::Years(500),
    Step::Years(1000),
    Step::Years(2000),
    Step::Years(5000),
];

impl Step {
    /// A typical length, only to skip steps that would give absurdly many ticks.
    fn nominal_days(self) -> f64 {
        match self {
            Step::Days(n) => n as f64,
            Step::Weeks => 7.0,
            Step::Months(n) => 30.4 * f64::from(n),
            Step::Years(n) => 365.25 * f64::from(n),
        }
    }
}

/// One tick: its day (the start of that day) and its label.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub day: i64,
    pub label: String,
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn date_of(day: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(day).ok()?)
}

fn day_of(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce())
}

/// The ticks of `step` that fall inside `[start, end]` (continuous days).
pub fn ticks(step: Step, start: f64, end: f64) -> Vec<Tick> {
    let first = start.ceil() as i64;
    let last = end.floor() as i64;
    let mut out = Vec::new();
    let (Some(d0), Some(_)) = (date_of(first), date_of(last)) else {
        return out;
    };
    match step {
        Step::Days(n) => {
            let mut day = first + (n - first.rem_euclid(n)) % n;
            while day <= last {
                if let Some(d) = date_of(day) {
                    out.push(Tick {
                        day,
                        label: day_label(d),
                    });
                }
                day += n;
            }
        }
        Step::Weeks => {
            let monday_offset = i64::from(d0.weekday().num_days_from_monday());
            let mut day = first + (7 - monday_offset) % 7;
            while day <= last {
                if let Some(d) = date_of(day) {
                    out.push(Tick {
                        day,
                        label: day_label(d),
                    });
                }
                day += 7;
            }
        }
        Step::Months(n) => {
            let (mut y, mut m0) = (d0.year(), d0.month0());
            if d0.day() != 1 {
                m0 += 1;
            }
            // Align to multiples of the step within the year (Jan, Apr, Jul, Oct for 3).
            while m0 % n != 0 || m0 >= 12 {
                if m0 >= 12 {
                    m0 -= 12;
                    y += 1;
                } else {
                    m0 += 1;
                }
            }
            while let Some(d) = NaiveDate::from_ymd_opt(y, m0 + 1, 1) {
                let day = day_of(d);
                if day > last {
                    break;
                }
                out.push(Tick {
                    day,
                    label: MONTHS[m0 as usize].to_string(),
                });
                m0 += n;
                if m0 >= 12 {
                    m0 -= 12;
                    y += 1;
                }
            }
        }
        Step::Years(n) => {
            let mut y = d0.year();
            if d0.ordinal() != 1 {
                y += 1;
            }
            y += (n - y.rem_euclid(n)) % n;
            while let Some(d) = NaiveDate::from_ymd_opt(y, 1, 1) {
                let day = day_of(d);
                if day > last {
                    break;
                }
                out.push(Tick {
                    day,
                    label: format!("{y}"),
                });
                y += n;
            }
        }
    }
    // The year only where it changes (and on the first tick): "Nov 2003", "Dec", "Jan 2004".
    if !matches!(step, Step::Years(_)) {
        let mut year = None;
        for t in &mut out {
            let y = date_of(t.day).map(|d| d.year());
            if y != year {
                if let Some(y) = y {
                    t.label = format!("{} {y}", t.label);
                }
                year = y;
            }
        }
    }
    out
}

fn day_label(d: NaiveDate) -> String {
    format!("{} {}", d.day(), MONTHS[d.month0() as usize])
}

/// The finest step whose labels, as measured, keep [`TICK_LABEL_GAP`] apart inside a
/// segment of `width` pixels over `span`; with the ticks it gives.
pub fn choose_ticks(span: Span, x0: f64, x1: f64) -> (Step, Vec<Tick>) {
    let width = (x1 - x0).max(1.0);
    let px_per_day = width / span.days().max(1e-9);
    for &step in STEPS {
        // Cheap screen first: too many ticks for the pixels, whatever their labels.
        if step.nominal_days() * px_per_day < 24.0 {
            continue;
        }
        let ticks = ticks(step, span.start, span.end);
        // Labels are centred on their ticks: each neighbouring pair needs half of each
        // label's width plus the gap.
        let widths: Vec<f64> = ticks
            .iter()
            .map(|t| font::text_width(&t.label, TICK_FONT, false))
            .collect();
        let fits = ticks.windows(2).zip(widths.windows(2)).all(|(t, w)| {
            (t[1].day - t[0].day) as f64 * px_per_day >= (w[0] + w[1]) / 2.0 + TICK_LABEL_GAP
        });
        if fits {
            return (step, ticks);
        }
    }
    // Even one tick per 5000 years does not fit: label only the segment's first year.
    let step = Step::Years(5000);
    let mut t = ticks(step, span.start, span.end);
    t.truncate(1);
    (step, t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> i64 {
        day_of(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    #[test]
    fn x_is_monotone_across_segments_and_breaks() {
        let iv = [
            (day(2003, 11, 19), day(2003, 11, 19)),
            (day(2003, 12, 3), day(2003, 12, 3)),
            (day(2012, 7, 1), day(2013, 11, 30)),
        ];
        let scale = Domain::new(&iv, true).place(20.0, 1180.0);
        let mut last = f64::NEG_INFINITY;
        let mut d = day(2003, 1, 1) as f64;
        while d < day(2014, 6, 1) as f64 {
            let x = scale.x(d);
            assert!(x >= last, "x({d}) = {x} < {last}");
            assert!((20.0..=1180.0).contains(&x));
            last = x;
            d += 3.5;
        }
    }

    #[test]
    fn a_ten_year_gap_gets_a_break_unless_breaks_are_off() {
        let iv = [
            (day(2003, 11, 19), day(2003, 12, 3)),
            (day(2013, 11, 1), day(2013, 11, 30)),
        ];
        let on = Domain::new(&iv, true);
        assert_eq!(on.segments.len(), 2);
        let scale = on.place(0.0, 1000.0);
        assert_eq!(scale.breaks().len(), 1);
        // Each cluster gets a readable share, not a sliver.
        for p in &scale.placed {
            assert!(p.x1 - p.x0 > 300.0, "{p:?}");
        }
        let off = Domain::new(&iv, false);
        assert_eq!(off.segments.len(), 1);
        assert!(off.place(0.0, 1000.0).breaks().is_empty());
    }

    #[test]
    fn evenly_spread_dates_get_no_break() {
        let iv: Vec<(i64, i64)> = (0..40)
            .map(|i| (day(2000, 1, 1) + i * 90, day(2000, 1, 1) + i * 90))
            .collect();
        assert_eq!(Domain::new(&iv, true).segments.len(), 1);
    }

    #[test]
    fn a_short_gap_gets_no_break() {
        let iv = [
            (day(2003, 11, 1), day(2003, 11, 1)),
            (day(2003, 12, 20), day(2003, 12, 20)),
        ];
        assert_eq!(Domain::new(&iv, true).segments.len(), 1);
    }

    #[test]
    fn tick_steps_suit_the_span() {
        let step_for = |a: i64, b: i64| {
            let d = Domain::new(&[(a, b)], true);
            let s = d.place(0.0, 1000.0).placed[0];
            choose_ticks(s.span, s.x0, s.x1).0
        };
        assert_eq!(step_for(day(2003, 11, 1), day(2003, 11, 14)), Step::Days(1));
        assert_eq!(step_for(day(2003, 11, 1), day(2003, 12, 31)), Step::Weeks);
        assert!(matches!(
            step_for(day(2003, 1, 1), day(2004, 12, 31)),
            Step::Months(_)
        ));
        assert!(matches!(
            step_for(day(1990, 1, 1), day(2020, 12, 31)),
            Step::Years(1 | 2 | 5)
        ));
        assert!(matches!(step_for(day(1, 1, 1), day(9999, 12, 31)), Step::Years(n) if n >= 500));
    }

    #[test]
    fn tick_labels_never_collide() {
        for (a, b) in [
            (day(2003, 11, 1), day(2003, 11, 3)),
            (day(2003, 11, 1), day(2004, 2, 1)),
            (day(1900, 1, 1), day(2030, 1, 1)),
            (day(2000, 1, 1), day(2000, 1, 1)),
        ] {
            for width in [200.0, 700.0, 1200.0, 3000.0] {
                let d = Domain::new(&[(a, b)], true);
                let scale = d.place(0.0, width);
                let s = scale.placed[0];
                let (_, ticks) = choose_ticks(s.span, s.x0, s.x1);
                let mut prev_right = f64::NEG_INFINITY;
                for t in &ticks {
                    let w = font::text_width(&t.label, TICK_FONT, false);
                    let x = scale.x(t.day as f64);
                    assert!(x - w / 2.0 >= prev_right, "{t:?} at {width}");
                    prev_right = x + w / 2.0;
                }
            }
        }
    }

    #[test]
    fn ticks_align_to_calendar_units() {
        let t = ticks(
            Step::Months(3),
            day(2003, 2, 10) as f64,
            day(2004, 2, 1) as f64,
        );
        let labels: Vec<_> = t.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["Apr 2003", "Jul", "Oct", "Jan 2004"]);
        let w = ticks(
            Step::Weeks,
            day(2003, 11, 1) as f64,
            day(2003, 11, 20) as f64,
        );
        assert!(w
            .iter()
            .all(|t| date_of(t.day).unwrap().weekday() == chrono::Weekday::Mon));
        let y = ticks(
            Step::Years(5),
            day(2001, 6, 1) as f64,
            day(2016, 1, 2) as f64,
        );
        let labels: Vec<_> = y.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["2005", "2010", "2015"]);
    }

    /// The shipped data's shape: four events within two weeks of late 2003, a planned bar
    /// over 2004 right after them (so no break there), and an interval nine years later.
    fn shipped_shape() -> (Vec<(i64, i64)>, Vec<i64>) {
        let iv = vec![
            (day(2003, 11, 19), day(2003, 11, 19)),
            (day(2003, 11, 19), day(2003, 12, 3)),
            (day(2003, 12, 1), day(2003, 12, 3)),
            (day(2003, 12, 3), day(2003, 12, 3)),
            (day(2004, 1, 1), day(2004, 12, 31)),
            (day(2012, 7, 1), day(2013, 11, 30)),
        ];
        let mut starts: Vec<i64> = iv.iter().map(|i| i.0).collect();
        starts.sort_unstable();
        (iv, starts)
    }

    #[test]
    fn a_crowded_cluster_beside_a_long_stretch_is_zoomed() {
        let (iv, starts) = shipped_shape();
        let mut d = Domain::new(&iv, true);
        assert_eq!(d.segments.len(), 2);
        d.zoom_crowds(&starts, 1130.0);
        assert_eq!(d.zooms.len(), 1, "{:?}", d.zooms);
        let z = d.zooms[0];
        assert_eq!(z.segment, 0);
        assert!(z.span.start <= day(2003, 11, 19) as f64);
        assert!(z.span.end >= day(2003, 12, 4) as f64);
        assert!(z.span.end < day(2004, 1, 1) as f64);
        // On a page a little narrower, as when labels claim room at the right.
        for right in [1160.0, 1000.0] {
            let scale = d.place(30.0, right);
            let xs: Vec<f64> = [day(2003, 11, 19), day(2003, 12, 1), day(2003, 12, 3)]
                .iter()
                .map(|&d| scale.x(d as f64))
                .collect();
            for w in xs.windows(2) {
                assert!(w[1] - w[0] >= CROWD_GAP - 1e-6, "{xs:?} at {right}");
            }
            // The zoomed piece has ticks of its own, inside the cluster.
            let pieces = scale.pieces();
            let zoomed: Vec<_> = pieces.iter().filter(|p| p.3).collect();
            assert_eq!(zoomed.len(), 1);
            let (span, x0, x1, _) = *zoomed[0];
            let (step, ticks) = choose_ticks(span, x0, x1);
            assert!(matches!(step, Step::Days(_) | Step::Weeks), "{step:?}");
            assert!(ticks
                .iter()
                .any(|t| t.day > day(2003, 11, 19) && t.day <= day(2003, 12, 3)));
            // The pieces tile each segment, and x stays monotone over them.
            let mut last = f64::NEG_INFINITY;
            for (span, x0, x1, _) in &pieces {
                assert!(x0 <= x1 && *x0 >= last - 1e-9, "{pieces:?}");
                assert!((scale.x(span.start) - x0).abs() < 1e-6);
                assert!((scale.x(span.end) - x1).abs() < 1e-6);
                last = *x1;
            }
            // The rest of the segment keeps a usable scale: 2004 is not a sliver.
            let year = scale.x(day(2005, 1, 1) as f64) - scale.x(day(2004, 1, 1) as f64);
            assert!(year > 150.0, "{year}");
        }
    }

    #[test]
    fn evenly_dense_or_sparse_data_gets_no_zoom() {
        // A date every five days for ten years: crowded everywhere, so nothing stands out.
        let dense: Vec<(i64, i64)> = (0..730)
            .map(|i| (day(2000, 1, 1) + i * 5, day(2000, 1, 1) + i * 5))
            .collect();
        let starts: Vec<i64> = dense.iter().map(|i| i.0).collect();
        let mut d = Domain::new(&dense, true);
        d.zoom_crowds(&starts, 1130.0);
        assert!(d.zooms.is_empty(), "{:?}", d.zooms);
        // Well apart: nothing crowded.
        let sparse: Vec<(i64, i64)> = (0..10)
            .map(|i| (day(2000, 1, 1) + i * 100, day(2000, 1, 1) + i * 100))
            .collect();
        let starts: Vec<i64> = sparse.iter().map(|i| i.0).collect();
        let mut d = Domain::new(&sparse, true);
        d.zoom_crowds(&starts, 1130.0);
        assert!(d.zooms.is_empty(), "{:?}", d.zooms);
    }
}
