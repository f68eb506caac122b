//! Which events get a label, what the label says, and where it goes.
//!
//! A lane has a few label rows above its line; each label hangs on a leader line that runs
//! straight up from its marker. Labels go to the most confident events first, and a candidate
//! is kept only if all of its lane's chosen labels can still be packed so that no two overlap
//! and no leader line crosses a label.

use super::text::{clean_text, shorten, text_width};
use crate::events::{Event, EventDate};

/// Most characters kept from an event title in its label.
const LABEL_TITLE_CHARS: usize = 60;

/// What a label adds after the headline for a happening several articles report: " (3
/// nguồn)"; nothing for one.
pub(crate) fn sources_note(sources: usize) -> String {
    if sources > 1 {
        format!(" ({sources} nguồn)")
    } else {
        String::new()
    }
}

/// The label font and the room labels get, in pixels, as the layout measured them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LabelSpec {
    /// Font size of labels.
    pub(crate) size: f64,
    /// Inner padding left and right of the text.
    pub(crate) pad: i32,
    /// Width of the space between the date and the title.
    pub(crate) space_w: i32,
    /// Least distance between two labels of a row.
    pub(crate) gap: i32,
    /// Labels stay within `left..=right`.
    pub(crate) left: i32,
    pub(crate) right: i32,
    /// Widest label.
    pub(crate) max_w: i32,
}

/// An event that may get a label: its marker's lane and x.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Candidate {
    pub(crate) event: usize,
    pub(crate) lane: usize,
    pub(crate) x: i32,
}

/// A label that got a place: its row (0 nearest the lane line) and left edge.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Packed {
    pub(crate) event: usize,
    pub(crate) lane: usize,
    pub(crate) row: usize,
    pub(crate) x: i32,
    pub(crate) w: i32,
    /// Where the leader line meets the label: its marker's x.
    pub(crate) leader_x: i32,
    pub(crate) date_text: String,
    /// Width of `date_text` in the bold label font.
    pub(crate) date_w: i32,
    pub(crate) text: String,
}

/// Chooses and packs labels. `candidates` are the drawn markers, `rows[k]` the number of label
/// rows lane `k` has room for. The result is grouped by lane, in the order labels were chosen
/// within a lane.
pub(crate) fn choose(
    events: &[Event],
    candidates: &[Candidate],
    rows: &[usize],
    spec: &LabelSpec,
) -> Vec<Packed> {
    // Best sourced first (a happening five outlets report matters more to a briefing than one
    // they do not), then most confident, then date order. A NaN confidence counts as 0:
    // `total_cmp` alone would rank it above every real one.
    let mut order: Vec<&Candidate> = candidates.iter().collect();
    let conf = |i: usize| {
        let c = events[i].confidence;
        if c.is_nan() {
            0.0
        } else {
            c
        }
    };
    let sources = |i: usize| events[i].sources.len();
    order.sort_by(|a, b| {
        sources(b.event)
            .cmp(&sources(a.event))
            .then(conf(b.event).total_cmp(&conf(a.event)))
            .then(a.x.cmp(&b.x))
            .then(a.event.cmp(&b.event))
    });
    let room = |k: usize| Room {
        left: spec.left,
        right: spec.right,
        gap: spec.gap,
        rows: rows[k],
    };
    let mut chosen: Vec<Vec<(String, i32, String)>> = vec![Vec::new(); rows.len()];
    let mut flags: Vec<Vec<Flag>> = vec![Vec::new(); rows.len()];
    for c in order {
        let k = c.lane;
        if rows[k] == 0 {
            continue;
        }
        let e = &events[c.event];
        let date_text = e.dated().map(EventDate::display_vi).unwrap_or_default();
        let date_w = text_width(&date_text, spec.size, true);
        let title_budget = spec.max_w - 2 * spec.pad - date_w - spec.space_w;
        // "(3 nguồn)" after the headline: how well sourced the happening is.
        let note = sources_note(e.sources.len());
        let note_w = text_width(&note, spec.size, false);
        let headline = shorten(
            &clean_text(&e.headline),
            LABEL_TITLE_CHARS,
            spec.size,
            false,
            title_budget - note_w,
        );
        let text = if headline.is_empty() {
            note.trim().to_string()
        } else {
            format!("{headline}{note}")
        };
        let text_w = if text.is_empty() {
            0
        } else {
            spec.space_w + text_width(&text, spec.size, false)
        };
        let w = date_w + text_w + 2 * spec.pad;
        flags[k].push(Flag {
            event: c.event,
            lx: c.x,
            w,
        });
        if pack(&flags[k], room(k)).is_some() {
            chosen[k].push((date_text, date_w, text));
        } else {
            flags[k].pop();
        }
    }
    let mut out = Vec::new();
    for (k, lane_labels) in chosen.into_iter().enumerate() {
        let Some(placed) = pack(&flags[k], room(k)) else {
            continue;
        };
        for (((date_text, date_w, text), flag), (row, x)) in
            lane_labels.into_iter().zip(&flags[k]).zip(placed)
        {
            out.push(Packed {
                event: flag.event,
                lane: k,
                row,
                x,
                w: flag.w,
                leader_x: flag.lx,
                date_text,
                date_w,
                text,
            });
        }
    }
    out
}

/// A label to place: its leader line at `lx` and its width.
#[derive(Debug, Clone, Copy)]
struct Flag {
    event: usize,
    lx: i32,
    w: i32,
}

/// Horizontal room for labels and the spacing between them.
#[derive(Debug, Clone, Copy)]
struct Room {
    left: i32,
    right: i32,
    gap: i32,
    rows: usize,
}

/// Packs one lane's labels into rows (row 0 nearest the lane line) so that every box stays in
/// `room.left..=room.right`, no two boxes of a row come within `gap` of each other and no
/// leader line crosses a box (each box contains its own leader's x). Returns each flag's row
/// and left edge, or `None` if some label does not fit.
///
/// A box must sit above every box whose leader lies under it. Boxes that fit to the right of
/// their leader are placed from the right (each ends up above the ones it covers: a staircase);
/// boxes too wide for that near the right edge are placed first, from the left, either pushed
/// against the right edge or to the left of their leader. Two orders of those alternatives are
/// tried.
fn pack(flags: &[Flag], room: Room) -> Option<Vec<(usize, i32)>> {
    pack_with(flags, room, true).or_else(|| pack_with(flags, room, false))
}

fn pack_with(flags: &[Flag], room: Room, edge_first: bool) -> Option<Vec<(usize, i32)>> {
    let right_zone = |f: &Flag| f.lx - 1 + f.w > room.right;
    let mut order: Vec<usize> = (0..flags.len()).collect();
    order.sort_by_key(|&i| {
        let f = &flags[i];
        if right_zone(f) {
            (0, f.lx, i)
        } else {
            (1, -f.lx, i)
        }
    });
    let (gap, half) = (room.gap, room.gap / 2);
    let mut rows: Vec<Vec<(i32, i32)>> = vec![Vec::new(); room.rows];
    let mut leaders: Vec<(i32, usize)> = Vec::with_capacity(flags.len());
    let mut out = vec![(0usize, 0i32); flags.len()];
    for i in order {
        let f = flags[i];
        let to_left = f.lx + 1 - f.w;
        let mut xs: Vec<i32> = Vec::with_capacity(2);
        if right_zone(&f) {
            let edge = room.right - f.w;
            if edge_first {
                xs.extend([edge, to_left]);
            } else {
                xs.extend([to_left, edge]);
            }
        } else {
            xs.extend([(f.lx - 1).max(room.left), to_left]);
        }
        xs.retain(|&x0| {
            x0 >= room.left && x0 + f.w <= room.right && x0 <= f.lx && f.lx <= x0 + f.w
        });
        let fits = |row: usize, x0: i32| {
            let x1 = x0 + f.w;
            // Not over another box of the same row,
            !rows[row].iter().any(|&(a, b)| x0 < b + gap && a < x1 + gap)
                // its leader crosses no box of a lower row,
                && !rows[..row].iter().flatten().any(|&(a, b)| f.lx >= a - half && f.lx <= b + half)
                // and no leader of a higher row crosses it.
                && !leaders.iter().any(|&(x, r)| r > row && x >= x0 - half && x <= x1 + half)
        };
        // The preferred side in any row before the other side.
        let (x0, row) = xs.iter().find_map(|&x0| {
            (0..room.rows)
                .find(|&row| fits(row, x0))
                .map(|row| (x0, row))
        })?;
        rows[row].push((x0, x0 + f.w));
        leaders.push((f.lx, row));
        out[i] = (row, x0);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::{When, Yearless};
    use crate::report::fixtures::*;
    use crate::report::{layout_timeline, TimelineOptions};
    use std::collections::HashSet;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn labels_never_overlap_small_set() {
        let events = small_set();
        for (w, h) in [(1600, 900), (400, 300), (800, 1200)] {
            let options = TimelineOptions {
                width: w,
                height: h,
                ..TimelineOptions::default()
            };
            let layout = layout_timeline(&events, &options).expect("layout");
            assert_labels_sound(&layout);
            if w == 1600 {
                // There is room for every label of the small set at the default size.
                assert_eq!(
                    layout.labels.len(),
                    layout.markers.len(),
                    "{:?}",
                    layout.lanes
                );
            }
        }
    }

    #[test]
    fn labels_never_overlap_with_500_events() {
        for seed in [7, 42, 2024] {
            let events = many(500, seed);
            let options = TimelineOptions::default();
            let layout = layout_timeline(&events, &options).expect("layout");
            assert_labels_sound(&layout);
            let placeable = events
                .iter()
                .filter(|e| e.label != "other" && e.dated().is_some())
                .count();
            assert!(placeable < events.len() - 20, "the set has yearless events");
            assert_eq!(
                layout.markers.len(),
                placeable,
                "a marker for every topic event with a year"
            );
            assert!(
                layout.labels.len() >= 15,
                "only {} labels",
                layout.labels.len()
            );
            assert!(
                layout.labels.len() < placeable,
                "500 events cannot all be labelled"
            );
            // The lane headers count events and labels.
            for (k, lane) in layout.lanes.iter().enumerate() {
                let n = layout.markers.iter().filter(|m| m.lane == k).count();
                let l = layout.labels.iter().filter(|b| b.lane == k).count();
                assert_eq!((lane.events, lane.labelled), (n, l));
                assert_eq!(lane.summary, format!("{n} sự kiện, {l} có nhãn"));
            }
            // The most confident events get the labels.
            let labelled: HashSet<usize> = layout.labels.iter().map(|b| b.event).collect();
            let mean = |it: &mut dyn Iterator<Item = f64>| {
                let v: Vec<f64> = it.collect();
                v.iter().sum::<f64>() / v.len().max(1) as f64
            };
            let with = mean(
                &mut layout
                    .markers
                    .iter()
                    .filter(|m| labelled.contains(&m.event))
                    .map(|m| events[m.event].confidence),
            );
            let without = mean(
                &mut layout
                    .markers
                    .iter()
                    .filter(|m| !labelled.contains(&m.event))
                    .map(|m| events[m.event].confidence),
            );
            assert!(
                with > without + 0.2,
                "labelled {with:.2} vs unlabelled {without:.2}"
            );
            // Also at other sizes.
            for (w, h) in [(400, 300), (3000, 2000)] {
                let options = TimelineOptions {
                    width: w,
                    height: h,
                    ..TimelineOptions::default()
                };
                assert_labels_sound(&layout_timeline(&events, &options).expect("layout"));
            }
        }
    }

    #[test]
    fn labels_are_nfc_short_and_dated() {
        let long = "Hội nghị thượng đỉnh an ninh mạng khu vực châu Á Thái Bình Dương lần thứ mười hai khai mạc tại Hà Nội";
        let mut events = vec![ev(
            0,
            day(2024, 3, 29),
            "cybersecurity",
            0.9,
            &long.nfd().collect::<String>(),
        )];
        events.push(ev(1, month(2023, 12), "space", 0.9, "Phóng vệ tinh"));
        let mut yearless = ev(2, day(2024, 3, 1), "space", 0.99, "Không rõ năm");
        yearless.date = When::Yearless(Yearless {
            month: 3,
            day: Some(1),
        });
        events.push(yearless);
        let layout = layout_timeline(&events, &TimelineOptions::default()).expect("layout");
        let label = |i: usize| layout.labels.iter().find(|l| l.event == i).expect("label");
        let a = label(0);
        assert_eq!(a.date_text, "29/3/2024");
        assert!(a.text.ends_with('…'), "{}", a.text);
        assert!(a.text.chars().count() <= LABEL_TITLE_CHARS, "{}", a.text);
        assert_eq!(a.text, a.text.nfc().collect::<String>());
        let kept = a.text.trim_end_matches('…');
        assert!(
            long.starts_with(kept) && long[kept.len()..].starts_with(' '),
            "cut inside a word: {}",
            a.text
        );
        assert_eq!(label(1).date_text, "12/2023");
        // A date without a year cannot be placed: no marker, no label.
        assert!(layout.markers.iter().all(|mk| mk.event != 2));
        assert!(layout.labels.iter().all(|l| l.event != 2));
    }
}
