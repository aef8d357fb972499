//! The date axis: which stretches of time are shown (axis breaks), where a day lands on x,
//! and which ticks and tick labels each shown stretch gets.
//!
//! Time is linear inside every segment: a segment's length in pixels may follow its content
//! (a crowded fortnight can get more room than an empty decade, which is what breaks are
//! for), but a segment never has a second scale inside it. Ticks lie only inside the days
//! the data covers (a segment's `core`), so no tick names a year the data never reaches.
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
    /// In time order, disjoint; a break lies between each two. Each is its `core` padded a
    /// little, so that marks do not sit on its very edge.
    pub segments: Vec<Span>,
    /// The days the data covers in each segment, unpadded: where ticks may go.
    pub cores: Vec<Span>,
}

impl Domain {
    /// The stretches that cover `intervals` (closed day ranges `[a, b]`, in any order),
    /// padded a little, with gaps that are long compared with the whole span compressed
    /// into breaks when `breaks` is on. An empty input gives a one-week domain around day 0.
    pub fn new(intervals: &[(i64, i64)], breaks: bool) -> Domain {
        let max = if breaks { MAX_BREAKS } else { 0 };
        Domain::with_breaks(intervals, max, BREAK_MIN_SHARE, false)
    }

    /// [`Domain::new`] with at most `max` breaks, each a gap of at least `min_share` of
    /// the whole span (and [`BREAK_MIN_DAYS`]). A vertical chronology, whose segments take
    /// the length their labels need, affords more breaks than a chart across one page; with
    /// `cross` a break may also cut through a long interval where nothing else begins or
    /// ends (its bar then crosses the break, as bars cross a broken axis).
    pub fn with_breaks(
        intervals: &[(i64, i64)],
        max: usize,
        min_share: f64,
        cross: bool,
    ) -> Domain {
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
                cores: vec![Span {
                    start: 0.0,
                    end: 7.0,
                }],
            };
        };
        // The days covered (or, with `cross`, where something begins or ends), merged into
        // runs: a gap between runs is empty.
        let mut ends: Vec<(i64, i64)> = sorted
            .iter()
            .flat_map(|&(a, b)| {
                if !cross || b - a < BREAK_MIN_DAYS as i64 {
                    vec![(a, b)]
                } else {
                    vec![(a, a), (b, b)]
                }
            })
            .collect();
        ends.sort_unstable();
        let mut union: Vec<Span> = Vec::new();
        let mut current = Span {
            start: first as f64,
            end: first as f64,
        };
        for &(a, b) in &ends {
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
        for i in 1..union.len() {
            let gap = union[i].start - union[i - 1].end;
            let stretch = Span {
                start: union[i - 1].end,
                end: union[i].start,
            };
            if gap >= BREAK_MIN_DAYS
                && gap >= min_share * total
                && !cuts_an_interval(&sorted, stretch)
            {
                gaps.push((gap, i));
            }
        }
        // Longest first; ties by position so the choice never depends on sort stability.
        gaps.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        gaps.truncate(max);
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
        let cores = segments.clone();
        // Pad each segment so that marks do not sit on its very edge. The pad stays under a
        // third of any break gap (a gap is at least BREAK_MIN_DAYS and `min_share` of the
        // total span), so padded segments never touch.
        let pad_most = (BREAK_MIN_DAYS / 3.0).max(min_share * total / 3.0);
        for s in &mut segments {
            // Whole days, so a segment's ends are the ends of days its data attributes name.
            let pad = (s.days() * 0.03).max(1.0).min(pad_most).floor().max(1.0);
            s.start -= pad;
            s.end += pad;
        }
        Domain { segments, cores }
    }

    /// The domain with each of `gaps` (empty stretches, each inside one segment's core, in
    /// time order) cut out as a break; each new segment end is padded by a third of its gap
    /// at most.
    pub fn split(&self, gaps: &[Span]) -> Domain {
        let mut segments = Vec::new();
        let mut cores = Vec::new();
        let mut g = 0;
        for (seg, core) in self.segments.iter().zip(&self.cores) {
            let (mut seg_start, mut core_start) = (seg.start, core.start);
            while g < gaps.len() && gaps[g].end <= core.end {
                let gap = gaps[g];
                g += 1;
                if gap.start <= core_start {
                    continue;
                }
                let pad = whole_pad(gap, gap.start - core_start);
                segments.push(Span {
                    start: seg_start,
                    end: gap.start + pad,
                });
                cores.push(Span {
                    start: core_start,
                    end: gap.start,
                });
                let pad = whole_pad(gap, core.end - gap.end);
                (seg_start, core_start) = (gap.end - pad, gap.end);
            }
            segments.push(Span {
                start: seg_start,
                end: seg.end,
            });
            cores.push(Span {
                start: core_start,
                end: core.end,
            });
        }
        Domain { segments, cores }
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
        let lengths: Vec<f64> = self
            .segments
            .iter()
            .map(|s| available * (0.5 * s.days() / total_days + 0.5 / n as f64))
            .collect();
        self.place_lengths(left, &lengths, break_width)
    }

    /// Assigns pixels segment by segment: segment `i` takes `lengths[i]` from where the
    /// previous one ended and a break of `break_length` after it.
    pub fn place_lengths(&self, start: f64, lengths: &[f64], break_length: f64) -> Scale {
        let mut placed = Vec::with_capacity(self.segments.len());
        let mut x = start;
        for ((span, core), length) in self.segments.iter().zip(&self.cores).zip(lengths) {
            placed.push(Placed {
                span: *span,
                core: *core,
                x0: x,
                x1: x + length.max(0.0),
            });
            x += length.max(0.0) + break_length;
        }
        Scale { placed }
    }
}

/// One segment with its pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placed {
    pub span: Span,
    /// The days the data covers, where ticks may go.
    pub core: Span,
    pub x0: f64,
    pub x1: f64,
}

impl Placed {
    /// Pixels per day: the one scale of this segment.
    pub fn scale(&self) -> f64 {
        (self.x1 - self.x0) / self.span.days().max(1e-9)
    }
}

/// Day → position along the axis, piecewise linear and monotone: linear inside each
/// segment, and across a break the hidden days run through the break's pixels, so even a
/// date nobody drew has a place. (Named `x`, but a vertical chart reads it as y.)
#[derive(Clone, Debug, PartialEq)]
pub struct Scale {
    pub placed: Vec<Placed>,
}

impl Scale {
    /// The position of continuous day `day`; days before or after the domain clamp to its
    /// ends.
    pub fn x(&self, day: f64) -> f64 {
        let p = &self.placed;
        // The first segment that ends after `day`.
        let i = p.partition_point(|s| s.span.end <= day);
        if i == p.len() {
            return p[p.len() - 1].x1;
        }
        let s = &p[i];
        if day >= s.span.start {
            return lerp(day, s.span.start, s.span.end, s.x0, s.x1);
        }
        if i == 0 {
            return s.x0;
        }
        let prev = &p[i - 1];
        lerp(day, prev.span.end, s.span.start, prev.x1, s.x0)
    }

    /// The pixel ranges of the breaks, in order.
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

/// Whether cutting `stretch` out would take more than half of some interval that crosses
/// it: a bar drawn mostly through a break would no longer show its length.
pub fn cuts_an_interval(intervals: &[(i64, i64)], stretch: Span) -> bool {
    intervals.iter().any(|&(a, b)| {
        let (a, b) = (a as f64, b as f64 + 1.0);
        a <= stretch.start && stretch.end <= b && stretch.days() > (b - a) / 2.0
    })
}

/// The whole days of padding a segment end gets at a cut `gap`: 3% of the `days` it shows
/// there, at least one day, at most a third of the gap.
fn whole_pad(gap: Span, days: f64) -> f64 {
    (days * 0.03)
        .max(1.0)
        .min(gap.days() / 3.0)
        .floor()
        .max(0.0)
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
    // The year where it changes, on the first tick and on the last: "Nov 2003", "Dec",
    // "Jan 2004", …, "Oct 2004".
    if !matches!(step, Step::Years(_)) {
        let mut year = None;
        let last = out.len().saturating_sub(1);
        for (i, t) in out.iter_mut().enumerate() {
            let y = date_of(t.day).map(|d| d.year());
            if let Some(y) = y.filter(|&y| year != Some(y) || i == last) {
                t.label = format!("{} {y}", t.label);
            }
            year = y;
        }
    }
    out
}

/// Continuous day `day` as an ISO date (`2003-11-19`); a day outside chrono's range as
/// its number.
pub fn iso_day(day: i64) -> String {
    date_of(day).map_or_else(|| day.to_string(), |d| d.format("%Y-%m-%d").to_string())
}

fn day_label(d: NaiveDate) -> String {
    format!("{} {}", d.day(), MONTHS[d.month0() as usize])
}

/// The finest step whose labels keep [`TICK_LABEL_GAP`] apart at `px_per_day`, among the
/// days of `core`; with the ticks it gives. `extent` is how much room a label takes along
/// the axis: its width on a horizontal axis, its line height on a vertical one.
pub fn choose_ticks(
    core: Span,
    px_per_day: f64,
    extent: &dyn Fn(&str) -> f64,
) -> (Step, Vec<Tick>) {
    for &step in STEPS {
        // Cheap screen first: too many ticks for the pixels, whatever their labels.
        if step.nominal_days() * px_per_day < 24.0 {
            continue;
        }
        let ticks = ticks(step, core.start, core.end - 1.0);
        // Labels are centred on their ticks: each neighbouring pair needs half of each
        // label's extent plus the gap.
        let extents: Vec<f64> = ticks.iter().map(|t| extent(&t.label)).collect();
        let fits = ticks.windows(2).zip(extents.windows(2)).all(|(t, w)| {
            (t[1].day - t[0].day) as f64 * px_per_day >= (w[0] + w[1]) / 2.0 + TICK_LABEL_GAP
        });
        if fits {
            return (step, ticks);
        }
    }
    // Even one tick per 5000 years does not fit: label only the segment's first year.
    let step = Step::Years(5000);
    let mut t = ticks(step, core.start, core.end);
    t.truncate(1);
    (step, t)
}

/// A tick label's width on a horizontal axis.
pub fn tick_width(label: &str) -> f64 {
    font::text_width(label, TICK_FONT, false)
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
            choose_ticks(s.core, s.scale(), &tick_width).0
        };
        // Daily or every other day: the first and last labels carry the year.
        assert!(matches!(
            step_for(day(2003, 11, 1), day(2003, 11, 14)),
            Step::Days(1 | 2)
        ));
        assert_eq!(step_for(day(2003, 11, 1), day(2003, 12, 31)), Step::Weeks);
        let two_years = step_for(day(2003, 1, 1), day(2004, 12, 31));
        assert!(
            matches!(two_years, Step::Months(_) | Step::Years(1)),
            "{two_years:?}"
        );
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
                let (_, ticks) = choose_ticks(s.core, s.scale(), &tick_width);
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

    #[test]
    fn time_is_linear_inside_each_segment() {
        // The shipped data's shape: a fortnight of late 2003, a planned bar over 2004, and
        // an interval nine years later.
        let iv = [
            (day(2003, 11, 19), day(2003, 12, 3)),
            (day(2004, 1, 1), day(2004, 12, 31)),
            (day(2012, 7, 1), day(2013, 11, 30)),
        ];
        let scale = Domain::new(&iv, true).place(20.0, 1180.0);
        for p in &scale.placed {
            let k = p.scale();
            for d in [p.span.start, p.span.start + 3.0, p.span.end - 1.0] {
                let x = scale.x(d) - p.x0;
                assert!((x - (d - p.span.start) * k).abs() < 1e-6);
            }
        }
    }

    #[test]
    fn ticks_stay_inside_the_data_and_name_the_year_at_both_ends() {
        let iv = [(day(1000, 1, 1), day(2026, 3, 1))];
        let d = Domain::new(&iv, false);
        let s = d.place(0.0, 1000.0).placed[0];
        let (_, t) = choose_ticks(s.core, s.scale(), &tick_width);
        assert!(t.iter().all(|t| t.day <= day(2026, 3, 1)), "{t:?}");
        let iv = [(day(2003, 11, 19), day(2004, 3, 3))];
        let d = Domain::new(&iv, false);
        let s = d.place(0.0, 1000.0).placed[0];
        let (_, t) = choose_ticks(s.core, s.scale(), &tick_width);
        assert!(t[0].label.ends_with("2003"), "{t:?}");
        assert!(t[t.len() - 1].label.ends_with("2004"), "{t:?}");
    }
}
