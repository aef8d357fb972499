//! Drawing a planned chronology: the axis segments with their ticks and breaks, the
//! overview, each event's mark, and the labels with their kickers and leaders, all moved
//! down to where the chronology starts on the page.

use super::plan::{kicker_middle, Columns, Plan, BAR, LANE, OVERVIEW};
use crate::font;
use crate::layout::arrange::{Metrics, Wrapper};
use crate::layout::build::{group, text_item, text_item_measured, title_line, Builder};
use crate::layout::marks::{dot, group_of};
use crate::layout::prepare::{Ev, Prepared};
use crate::layout::scale;
use crate::layout::sizes::{DATE_SIZE, DOT_RADIUS, LABEL_SIZE};
use crate::layout::style::{axis_stroke, MarkStyle};
use crate::layout::wording::{human_date, thousands};
use crate::scene::{Anchor, Color, Group, Item, Point, Rect, Role, Stroke};

/// Draws the planned chronology from the builder's `y` down; advances `y` past it.
pub(in crate::layout) fn draw(b: &mut Builder, prepared: &Prepared, plan: &Plan) {
    let y0 = b.y;
    let at = |y: f64| y0 + y;
    let first_event = b.groups.len();
    let m = Metrics::new();
    let mut wrapper = Wrapper::new(b.fonts);
    let mut groups: Vec<Option<Group>> = prepared
        .events
        .iter()
        .enumerate()
        .map(|(i, ev)| Some(event_mark(ev, prepared, plan, i, y0, b)))
        .collect();
    for (block, top) in plan.blocks.iter().zip(&plan.tops) {
        let Some((side, top)) = *top else { continue };
        let top = at(top);
        let c = &plan.columns;
        // Left of the axis, lines are set flush right against the axis.
        let x_of = |w: f64| {
            if side == 0 {
                c.label
            } else {
                c.left_label_right - w
            }
        };
        let leader_x = if side == 0 {
            c.label - 3.0
        } else {
            c.left_label_right + 3.0
        };
        let mut y = top;
        let first = block.members[0];
        let ev = &prepared.events[first];
        // The kicker: the date once, above the titles.
        let mut kicker: Vec<Item> = Vec::new();
        let date_lines = if block.members.len() > 1 {
            vec![format!(
                "{} · {} events",
                human_date(&ev.event.date.value),
                thousands(block.members.len())
            )]
        } else {
            block.texts[0].date.iter().map(|(l, _)| l.clone()).collect()
        };
        for line in date_lines {
            let w = b.fonts.text_width(&line, DATE_SIZE, false);
            kicker.push(text_item_measured(
                w,
                line,
                x_of(w),
                y + m.date_ascent,
                DATE_SIZE,
                false,
                false,
                b.palette.muted,
            ));
            y += m.date_line;
        }
        let leader_y = top + kicker_middle();
        for (k, &member) in block.members[..block.listed].iter().enumerate() {
            let g = groups[member].as_mut().expect("each event drawn once");
            let italic = prepared.events[member].look().inferred;
            if k == 0 {
                g.items.append(&mut kicker);
            }
            // Wrapped again: the citation numbers may have changed since planning (a chart
            // that leaves labels out numbers only the sources its labels cite); shorter
            // numbers never need more lines, and the planned lines stand otherwise.
            let again = wrapper.wrap_planned(&prepared.events[member], plan.room);
            let title = if again.title.len() <= block.texts[k].title.len() {
                &again.title
            } else {
                &block.texts[k].title
            };
            for (line, _) in title {
                // Planned on estimates; what is drawn is measured as drawn.
                let baseline = y + m.label_ascent;
                let fill = b.palette.text;
                let (items, _) =
                    title_line(b.fonts, line, &x_of, baseline, LABEL_SIZE, italic, fill);
                g.items.extend(items);
                y += m.label_line;
            }
            let mark = mark_point(&prepared.events[member], plan, member, y0, leader_y);
            let mark = if side == 0 {
                mark
            } else {
                Point {
                    x: c.axis - DOT_RADIUS,
                    y: mark.y,
                }
            };
            g.items.insert(
                0,
                leader(
                    mark,
                    Point {
                        x: leader_x,
                        y: leader_y,
                    },
                    b.palette.stem,
                ),
            );
        }
        let more = block.members.len() - block.listed;
        if more > 0 {
            let text = format!(
                "+{} more on {}",
                thousands(more),
                human_date(&ev.event.date.value)
            );
            let g = groups[first].as_mut().expect("each event drawn once");
            let w = b.fonts.text_width(&text, DATE_SIZE, false);
            g.items.push(text_item_measured(
                w,
                text,
                x_of(w),
                y + m.date_ascent,
                DATE_SIZE,
                false,
                true,
                b.palette.muted,
            ));
        }
    }
    let groups: Vec<Group> = groups.into_iter().flatten().collect();
    // Leaders of labels left of the axis pass through the tick labels' column: a tick
    // label a leader would cross is left out (its tick stays).
    let leaders: Vec<Rect> = groups
        .iter()
        .flat_map(|g| &g.items)
        .filter_map(|i| match i {
            Item::Line { from, to, .. } => Some(Rect {
                x: from.x.min(to.x) - 1.0,
                y: from.y.min(to.y) - 1.0,
                width: (to.x - from.x).abs() + 2.0,
                height: (to.y - from.y).abs() + 2.0,
            }),
            _ => None,
        })
        .collect();
    let mut axis = axis(b, plan, y0);
    for g in &mut axis {
        g.items.retain(|i| match i {
            Item::Text { bounds, .. } => !leaders.iter().any(|l| l.overlaps(bounds)),
            _ => true,
        });
    }
    b.groups.splice(first_event..first_event, axis);
    // The overview has its column only where a budget was planned for.
    let reserved = plan.columns.overview_right - plan.columns.tick_right > 6.0;
    if reserved && plan.labelled < prepared.events.len() {
        b.groups.insert(first_event, overview(prepared, plan, y0));
    }
    b.groups.extend(groups);
    b.y = at(plan.height);
}

/// Where a leader meets an event's mark: its dot on the axis at the middle of its day, or
/// the point of its bar nearest the label's `label_y`.
fn mark_point(ev: &Ev, plan: &Plan, i: usize, y0: f64, label_y: f64) -> Point {
    let c = &plan.columns;
    if ev.dot {
        Point {
            x: c.axis + DOT_RADIUS,
            y: y0 + plan.scale.x(ev.start + 0.5),
        }
    } else {
        let (top, bottom) = (y0 + plan.scale.x(ev.start), y0 + plan.scale.x(ev.end));
        Point {
            x: lane_x(c, plan.lanes[i]) + BAR,
            y: label_y.clamp(top + 1.0, (bottom - 1.0).max(top + 1.0)),
        }
    }
}

fn lane_x(c: &Columns, lane: usize) -> f64 {
    c.axis + DOT_RADIUS + 3.0 + lane as f64 * LANE
}

/// A thin line from a mark to its label.
fn leader(from: Point, to: Point, color: Color) -> Item {
    Item::Line {
        from,
        to,
        stroke: Stroke {
            color,
            width: 1.0,
            dash: None,
        },
    }
}

/// An event's group with its mark: a dot on the axis, or a bar along it in its lane.
fn event_mark(ev: &Ev, prepared: &Prepared, plan: &Plan, i: usize, y0: f64, b: &Builder) -> Group {
    let (fill, stroke) = MarkStyle::of_event(ev).paint(ev.color, b.palette);
    let item = if ev.dot {
        let y = y0 + plan.scale.x(ev.start + 0.5);
        dot(
            plan.columns.axis,
            y,
            MarkStyle::of_event(ev),
            ev.color,
            b.palette,
        )
    } else {
        let (top, bottom) = (y0 + plan.scale.x(ev.start), y0 + plan.scale.x(ev.end));
        let inset = stroke.as_ref().map_or(0.0, |s| s.width / 2.0);
        Item::Rect {
            rect: Rect {
                x: lane_x(&plan.columns, plan.lanes[i]) + inset,
                y: top + inset,
                width: BAR - 2.0 * inset,
                height: (bottom - top - 2.0 * inset).max(2.0),
            },
            fill: Some(fill),
            stroke,
            radius: 1.0,
        }
    };
    group_of(ev, prepared, vec![item])
}

/// The axis: a group per segment (its line, ticks and tick labels), and the breaks.
fn axis(b: &Builder, plan: &Plan, y0: f64) -> Vec<Group> {
    let p = b.palette;
    let c = &plan.columns;
    let line = axis_stroke(p);
    let (ascent, descent) = font::vertical_metrics(scale::TICK_FONT, false);
    let tick_height = |_: &str| ascent + descent;
    let mut groups = Vec::new();
    for s in &plan.scale.placed {
        let (y_a, y_z) = (y0 + s.x0, y0 + s.x1);
        let mut items = vec![Item::Line {
            from: Point { x: c.axis, y: y_a },
            to: Point { x: c.axis, y: y_z },
            stroke: line.clone(),
        }];
        let (_, ticks) = scale::choose_ticks(s.core, s.scale(), &tick_height);
        for t in ticks {
            let y = y0 + plan.scale.x(t.day as f64);
            items.push(Item::Line {
                from: Point { x: c.axis - 5.0, y },
                to: Point { x: c.axis, y },
                stroke: line.clone(),
            });
            let w = scale::tick_width(&t.label);
            let mut item = text_item(
                t.label,
                c.tick_right - w,
                y + (ascent - descent) / 2.0,
                scale::TICK_FONT,
                false,
                false,
                p.muted,
            );
            if let Item::Text { anchor, at, .. } = &mut item {
                *anchor = Anchor::End;
                at.x = c.tick_right;
            }
            items.push(item);
        }
        let mut g = group(Role::Axis, vec!["axis-segment".into()], items);
        g.data = crate::layout::axis::segment_days(s);
        groups.push(g);
    }
    let zigzags: Vec<Item> = plan
        .scale
        .breaks()
        .into_iter()
        .map(|(a, z)| {
            let (a, z) = (y0 + a + 4.0, y0 + z - 4.0);
            let step = (z - a) / 4.0;
            Item::Polyline {
                points: (0..=4)
                    .map(|k| Point {
                        x: c.axis
                            + if k % 2 == 0 {
                                0.0
                            } else if k % 4 == 1 {
                                4.0
                            } else {
                                -4.0
                            },
                        y: a + step * k as f64,
                    })
                    .collect(),
                stroke: line.clone(),
            }
        })
        .collect();
    if !zigzags.is_empty() {
        groups.push(group(Role::Axis, vec!["axis-break".into()], zigzags));
    }
    groups
}

/// Every event counted per stretch of the axis, bars growing left from it, coloured by tag:
/// the shape of the whole timeline when not every event has a label.
fn overview(prepared: &Prepared, plan: &Plan, y0: f64) -> Group {
    const BIN: f64 = 4.0;
    let c = &plan.columns;
    let bins = (plan.scale.right() / BIN).ceil().max(1.0) as usize + 1;
    let mut counts: Vec<Vec<(Color, u32)>> = vec![Vec::new(); bins];
    for ev in &prepared.events {
        let bin = ((plan.scale.x(if ev.dot { ev.start + 0.5 } else { ev.start }) / BIN) as usize)
            .min(bins - 1);
        match counts[bin].iter_mut().find(|(col, _)| *col == ev.color) {
            Some((_, n)) => *n += 1,
            None => counts[bin].push((ev.color, 1)),
        }
    }
    let most = counts
        .iter()
        .map(|b| b.iter().map(|(_, n)| n).sum::<u32>())
        .max()
        .unwrap_or(1)
        .max(1);
    // A bar's length grows with the square root of its count, so a burst does not flatten
    // every quieter stretch to nothing; its colours share it in proportion.
    let full = OVERVIEW - 2.0;
    let mut items = Vec::new();
    for (k, bin) in counts.iter().enumerate() {
        let total: u32 = bin.iter().map(|(_, n)| n).sum();
        let length = full * (f64::from(total) / f64::from(most)).sqrt();
        let mut x = c.overview_right;
        for &(color, n) in bin {
            let w = length * f64::from(n) / f64::from(total.max(1));
            x -= w;
            items.push(Item::Rect {
                rect: Rect {
                    x,
                    y: y0 + k as f64 * BIN,
                    width: w,
                    height: BIN - 0.5,
                },
                fill: Some(color),
                stroke: None,
                radius: 0.0,
            });
        }
    }
    let mut g = group(Role::Axis, vec!["overview".into()], items);
    g.tooltip = Some(format!(
        "All {} events, counted per {BIN} px of the axis (bar length grows with the square root of the count)",
        thousands(prepared.events.len())
    ));
    g
}
