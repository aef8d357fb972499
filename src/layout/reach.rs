//! How far a reader's eye travels from each label, via its mark, to the axis: the measure
//! by which a chart keeps every label beside its date. The horizontal chart is kept only
//! while every event's reach is short; tests hold both orientations to it.

use crate::scene::{Item, Rect, Role, Scene};

/// The reach of every labelled event in `scene`, by event id: the distance from the box of
/// its label texts to the box of its mark, plus the distance from the mark to the nearest
/// axis line. Events without a label (or without a mark) are left out.
pub fn reach(scene: &Scene) -> Vec<(String, f64)> {
    let axes: Vec<Rect> = scene
        .groups
        .iter()
        .filter(|g| g.role == Role::Axis && g.classes.iter().any(|c| c == "axis-segment"))
        .flat_map(|g| g.items.first())
        .filter_map(|i| match i {
            Item::Line { from, to, .. } => Some(Rect {
                x: from.x.min(to.x),
                y: from.y.min(to.y),
                width: (to.x - from.x).abs(),
                height: (to.y - from.y).abs(),
            }),
            _ => None,
        })
        .collect();
    scene
        .groups
        .iter()
        .filter_map(|g| {
            let Role::Event(id) = &g.role else {
                return None;
            };
            let mut label: Option<Rect> = None;
            let mut mark: Option<Rect> = None;
            for item in &g.items {
                let (slot, r) = match item {
                    Item::Text { bounds, .. } => (&mut label, *bounds),
                    Item::Circle { center, radius, .. } => (
                        &mut mark,
                        Rect {
                            x: center.x - radius,
                            y: center.y - radius,
                            width: 2.0 * radius,
                            height: 2.0 * radius,
                        },
                    ),
                    Item::Rect { rect, .. } => (&mut mark, *rect),
                    Item::Polygon { points, .. } => (&mut mark, hull(points)),
                    _ => continue,
                };
                *slot = Some(slot.map_or(r, |s| union(&s, &r)));
            }
            let (label, mark) = (label?, mark?);
            let to_axis = axes
                .iter()
                .map(|a| distance(&mark, a))
                .fold(f64::INFINITY, f64::min);
            let to_axis = if to_axis.is_finite() { to_axis } else { 0.0 };
            Some((id.clone(), distance(&label, &mark) + to_axis))
        })
        .collect()
}

/// The gap between two boxes (0 when they touch or overlap).
fn distance(a: &Rect, b: &Rect) -> f64 {
    let dx = (b.x - a.right()).max(a.x - b.right()).max(0.0);
    let dy = (b.y - a.bottom()).max(a.y - b.bottom()).max(0.0);
    dx.hypot(dy)
}

fn union(a: &Rect, b: &Rect) -> Rect {
    let (x, y) = (a.x.min(b.x), a.y.min(b.y));
    Rect {
        x,
        y,
        width: a.right().max(b.right()) - x,
        height: a.bottom().max(b.bottom()) - y,
    }
}

fn hull(points: &[crate::scene::Point]) -> Rect {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for p in points {
        (x0, y0, x1, y1) = (x0.min(p.x), y0.min(p.y), x1.max(p.x), y1.max(p.y));
    }
    Rect {
        x: x0,
        y: y0,
        width: (x1 - x0).max(0.0),
        height: (y1 - y0).max(0.0),
    }
}
