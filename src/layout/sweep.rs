//! Placing boxes along one line near where each wants to be, in order, without overlap: the
//! geometry of a vertical chronology, where each label stands beside its date.
//!
//! Two steps, both pure arithmetic. [`choose`] decides which boxes get a place at all: in
//! order of importance, each takes the free room between its neighbours in line order, if
//! that room lies within `max_shift` of where it wants to be; the rest are left out (and
//! counted by the caller), never drawn far away. [`settle`] then moves the chosen boxes as
//! little as it can: runs of boxes that would overlap are pooled and each run is centred on
//! its wishes, so the largest move is as small as order and room allow.

/// One box to place: where its top wants to be, and its height.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Want {
    pub top: f64,
    pub height: f64,
}

/// The tops for `wants`, which are in line order, each at least `gap` below the bottom of
/// the one before, kept inside `[lo, hi]` as far as room allows (a run taller than the
/// room starts at `lo`), with the largest distance from a wished top as small as possible.
/// Linear in the number of boxes.
pub fn settle(wants: &[Want], gap: f64, lo: f64, hi: f64) -> Vec<f64> {
    /// A run of boxes that touch: its first box, its height, and the least and greatest
    /// of (wished top − offset in the run) over its boxes.
    struct Run {
        first: usize,
        height: f64,
        least: f64,
        most: f64,
        top: f64,
    }
    let place = |least: f64, most: f64, height: f64| {
        let centred = (least + most) / 2.0;
        centred.min(hi - height).max(lo)
    };
    let mut runs: Vec<Run> = Vec::with_capacity(wants.len());
    for (i, w) in wants.iter().enumerate() {
        let mut run = Run {
            first: i,
            height: w.height,
            least: w.top,
            most: w.top,
            top: place(w.top, w.top, w.height),
        };
        while let Some(prev) = runs.last() {
            if prev.top + prev.height + gap <= run.top {
                break;
            }
            let shift = prev.height + gap;
            let least = prev.least.min(run.least - shift);
            let most = prev.most.max(run.most - shift);
            let height = shift + run.height;
            run = Run {
                first: prev.first,
                height,
                least,
                most,
                top: place(least, most, height),
            };
            runs.pop();
        }
        runs.push(run);
    }
    let mut tops = Vec::with_capacity(wants.len());
    for (r, run) in runs.iter().enumerate() {
        let end = runs.get(r + 1).map_or(wants.len(), |n| n.first);
        let mut y = run.top;
        for w in &wants[run.first..end] {
            tops.push(y);
            y += w.height + gap;
        }
    }
    tops
}

/// Which boxes get a place, and on which of `sides` parallel lines (a chronology may have
/// labels on both sides of its axis): `order` lists indices into `wants` (in line order)
/// from the most important; each in turn takes the first side where the free room between
/// the nearest placed boxes before and after it in line order holds it within `max_shift`
/// of its wish. Gives each chosen box's side and top; on each side the tops keep line
/// order and never overlap. O(n log n).
pub fn choose(
    wants: &[Want],
    order: &[usize],
    sides: usize,
    gap: f64,
    (lo, hi): (f64, f64),
    max_shift: f64,
) -> Vec<Option<(usize, f64)>> {
    use std::collections::BTreeMap;
    let mut placed: Vec<BTreeMap<usize, (f64, f64)>> = vec![BTreeMap::new(); sides];
    let mut chosen = vec![None; wants.len()];
    for &i in order {
        let w = wants[i];
        for (side, placed) in placed.iter_mut().enumerate() {
            let from = placed.range(..i).next_back().map_or(lo, |(_, b)| b.1 + gap);
            let to = placed.range(i + 1..).next().map_or(hi, |(_, b)| b.0 - gap);
            if to - from < w.height {
                continue;
            }
            let top = w.top.clamp(from, to - w.height);
            if (top - w.top).abs() <= max_shift {
                placed.insert(i, (top, top + w.height));
                chosen[i] = Some((side, top));
                break;
            }
        }
    }
    chosen
}

/// The order in which to label `n` boxes in line order when not all may fit: a prefix of
/// it is spread evenly (the start, the middle, then the quarters, the eighths…), so the
/// labels a budget allows are spread over the whole line.
pub fn spread_order(n: usize) -> Vec<usize> {
    if n == 0 {
        return Vec::new();
    }
    let m = n.next_power_of_two();
    let bits = m.trailing_zeros();
    let mut order = Vec::with_capacity(n);
    let mut seen = vec![false; n];
    for j in 0..m {
        // The bit-reversed counter visits 0, ½, ¼, ¾, ⅛, … of the line.
        let r = if bits == 0 {
            0
        } else {
            j.reverse_bits() >> (usize::BITS - bits)
        };
        let i = r * n / m;
        if !seen[i] {
            seen[i] = true;
            order.push(i);
        }
    }
    order.extend((0..n).filter(|&i| !seen[i]));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wants(tops: &[f64], h: f64) -> Vec<Want> {
        tops.iter().map(|&top| Want { top, height: h }).collect()
    }

    #[test]
    fn apart_boxes_stay_where_they_want() {
        let w = wants(&[0.0, 50.0, 200.0], 20.0);
        assert_eq!(settle(&w, 4.0, -1e9, 1e9), [0.0, 50.0, 200.0]);
    }

    #[test]
    fn a_crowd_is_centred_on_its_wishes() {
        // Three boxes wanting the same spot: the middle one stays, the others move 24.
        let w = wants(&[100.0, 100.0, 100.0], 20.0);
        assert_eq!(settle(&w, 4.0, -1e9, 1e9), [76.0, 100.0, 124.0]);
        // Against the top edge the run starts there.
        assert_eq!(settle(&w, 4.0, 90.0, 1e9), [90.0, 114.0, 138.0]);
    }

    #[test]
    fn settled_boxes_never_overlap_and_keep_order() {
        let tops: Vec<f64> = (0..200).map(|i| ((i * 37) % 101) as f64 * 3.0).collect();
        let mut sorted = tops.clone();
        sorted.sort_by(f64::total_cmp);
        let w = wants(&sorted, 12.0);
        let y = settle(&w, 2.0, 0.0, 1e9);
        for p in y.windows(2) {
            assert!(p[1] >= p[0] + 14.0 - 1e-9, "{p:?}");
        }
        assert!(y[0] >= 0.0);
    }

    #[test]
    fn choose_leaves_out_what_cannot_sit_near_its_wish() {
        // Ten boxes of 20 px wanting one spot, at most 30 px away: the middle one first,
        // then as many as fit within 30 px either way.
        let w = wants(&[100.0; 10], 20.0);
        let order = spread_order(10);
        let chosen = choose(&w, &order, 1, 0.0, (-1e9, 1e9), 30.0);
        let n = chosen.iter().filter(|c| c.is_some()).count();
        assert!((2..=3).contains(&n), "{chosen:?}");
        // Two sides hold twice as many.
        let two = choose(&w, &order, 2, 0.0, (-1e9, 1e9), 30.0);
        assert!(two.iter().filter(|c| c.is_some()).count() >= 2 * n);
        // With room everything is chosen.
        let w = wants(&[0.0, 100.0, 200.0], 20.0);
        let tops = choose(&w, &[0, 1, 2], 1, 4.0, (0.0, 1e9), 0.0);
        assert_eq!(tops, [Some((0, 0.0)), Some((0, 100.0)), Some((0, 200.0))]);
    }

    #[test]
    fn spread_order_is_a_permutation_that_starts_spread() {
        for n in [0, 1, 2, 3, 7, 100, 1000] {
            let o = spread_order(n);
            let mut s = o.clone();
            s.sort_unstable();
            assert_eq!(s, (0..n).collect::<Vec<_>>());
        }
        let o = spread_order(100);
        // The first four picks fall in four different quarters.
        let mut quarters: Vec<usize> = o[..4].iter().map(|i| i / 25).collect();
        quarters.sort_unstable();
        quarters.dedup();
        assert_eq!(quarters.len(), 4, "{:?}", &o[..4]);
    }
}
