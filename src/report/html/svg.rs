//! The picture of the HTML page: the [`Layout`] written as SVG items (`<g>` groups of
//! primitives) for the page's template, element for element and in the order `draw.rs` draws
//! them, so the page and the PNG stay the same picture. A change to what `draw.rs` draws
//! belongs here too. Markers, labels and leader lines carry their event and lane; lane
//! headers and legend entries are the switches that hide a lane.

use plotters::style::RGBColor;

use super::super::exports::{display_date, topic_name};
use super::super::layout::{Layout, LegendKey, Swatch};
use super::super::text::{css_font_size, line_h, text_width, TextPos};
use super::super::theme::{self, MarkerShape, Outline, INK, MUTED, PAPER};
use crate::events::{Event, Precision};

/// One `<g>` of the drawing.
pub(super) struct Item {
    pub(super) class: &'static str,
    pub(super) id: Option<String>,
    pub(super) lane: Option<usize>,
    pub(super) event: Option<usize>,
    /// Focusable, with this accessible name: a marker or a lane switch.
    pub(super) button: Option<String>,
    pub(super) prims: Vec<Prim>,
}

impl Item {
    fn plain(class: &'static str, prims: Vec<Prim>) -> Item {
        Item {
            class,
            id: None,
            lane: None,
            event: None,
            button: None,
            prims,
        }
    }
}

/// A drawing primitive. Coordinates are SVG user units (pixels); a bitmap pixel (x, y) has
/// its centre at (x + 0.5, y + 0.5), so strokes and shapes are shifted by half a pixel to land
/// where the PNG has them, and filled rectangles cover whole pixels.
pub(super) enum Prim {
    Rect {
        x: i32,
        y: i32,
        w: i32,
        h: i32,
        fill: String,
        opacity: Option<f64>,
    },
    Line {
        x1: f64,
        y1: f64,
        x2: f64,
        y2: f64,
        stroke: String,
        width: i32,
        opacity: Option<f64>,
    },
    Circle {
        cx: f64,
        cy: f64,
        r: i32,
        fill: String,
    },
    Polygon {
        points: String,
        fill: String,
    },
    /// A closed outline in the paper colour, which keeps crowded polygons apart.
    Ring {
        points: String,
    },
    /// The outline of a hollow (planned) circle.
    CircleOutline {
        cx: f64,
        cy: f64,
        r: i32,
        stroke: String,
        width: u32,
    },
    /// The outline of a hollow (planned) polygon or span.
    PolygonOutline {
        points: String,
        stroke: String,
        width: u32,
    },
    /// An invisible area that takes the pointer (and shows the focus ring) around a marker.
    Hit {
        x: i32,
        y: i32,
        w: i32,
        h: i32,
    },
    Text(TextItem),
}

pub(super) struct TextItem {
    pub(super) x: i32,
    /// The baseline.
    pub(super) y: String,
    /// CSS font size.
    pub(super) size: String,
    pub(super) bold: bool,
    pub(super) centred: bool,
    pub(super) fill: String,
    pub(super) text: String,
}

fn hex(c: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

pub(super) fn lane_hex(c: (u8, u8, u8)) -> String {
    hex(theme::rgb(c))
}

/// The centre of bitmap pixel `v`.
fn mid(v: i32) -> f64 {
    f64::from(v) + 0.5
}

fn points(pts: &[(i32, i32)]) -> String {
    pts.iter()
        .map(|&(x, y)| format!("{},{}", mid(x), mid(y)))
        .collect::<Vec<_>>()
        .join(" ")
}

fn rect(a: (i32, i32), b: (i32, i32), fill: String, opacity: Option<f64>) -> Prim {
    Prim::Rect {
        x: a.0.min(b.0),
        y: a.1.min(b.1),
        w: (b.0 - a.0).abs() + 1,
        h: (b.1 - a.1).abs() + 1,
        fill,
        opacity,
    }
}

fn line(a: (i32, i32), b: (i32, i32), stroke: String, width: i32, opacity: Option<f64>) -> Prim {
    // A line of even width is centred on a pixel edge, one of odd width on a pixel centre.
    let at = |v: i32| if width % 2 == 0 { f64::from(v) } else { mid(v) };
    Prim::Line {
        x1: at(a.0),
        y1: at(a.1),
        x2: at(b.0),
        y2: at(b.1),
        stroke,
        width,
        opacity,
    }
}

fn text(s: &str, at: &TextPos, fill: RGBColor) -> Option<Prim> {
    (!s.is_empty()).then(|| {
        Prim::Text(TextItem {
            x: at.x,
            y: format!("{:.1}", at.baseline()),
            size: format!("{:.2}", css_font_size(at.size, at.bold)),
            bold: at.bold,
            centred: at.centred,
            fill: hex(fill),
            text: s.to_string(),
        })
    })
}

/// A marker shape, as `draw.rs` draws it.
fn shape(shape: MarkerShape, at: Swatch, color: &str, ringed: bool) -> Vec<Prim> {
    match shape.outline((at.x, at.y), at.r) {
        Outline::Circle { r, ring } => {
            let mut out = Vec::new();
            if ringed {
                out.push(Prim::Circle {
                    cx: mid(at.x),
                    cy: mid(at.y),
                    r: ring,
                    fill: hex(PAPER),
                });
            }
            out.push(Prim::Circle {
                cx: mid(at.x),
                cy: mid(at.y),
                r,
                fill: color.to_string(),
            });
            out
        }
        Outline::Polygon(pts) => {
            let mut out = vec![Prim::Polygon {
                points: points(&pts),
                fill: color.to_string(),
            }];
            if ringed {
                out.push(Prim::Ring {
                    points: points(&pts),
                });
            }
            out
        }
    }
}

/// A hollow marker shape (a planned event), as `draw.rs` draws it: paper inside, the colour
/// around.
fn hollow(shape: MarkerShape, at: Swatch, color: &str, width: u32) -> Vec<Prim> {
    match shape.outline((at.x, at.y), at.r) {
        Outline::Circle { r, ring } => vec![
            Prim::Circle {
                cx: mid(at.x),
                cy: mid(at.y),
                r: ring,
                fill: hex(PAPER),
            },
            Prim::CircleOutline {
                cx: mid(at.x),
                cy: mid(at.y),
                r,
                stroke: color.to_string(),
                width,
            },
        ],
        Outline::Polygon(pts) => vec![
            Prim::Polygon {
                points: points(&pts),
                fill: hex(PAPER),
            },
            Prim::PolygonOutline {
                points: points(&pts),
                stroke: color.to_string(),
                width,
            },
        ],
    }
}

/// A month/year bar from `x0` to `x1` on the line `y`, with end caps.
fn bar(
    layout: &Layout,
    (x0, x1, y): (i32, i32, i32),
    fill: &str,
    alpha: Option<f64>,
    color: &str,
) -> Vec<Prim> {
    let (half, cap) = (layout.bar_half, layout.bar_cap);
    vec![
        rect((x0, y - half), (x1, y + half), fill.to_string(), alpha),
        line((x0, y - cap), (x0, y + cap), color.to_string(), 2, None),
        line((x1, y - cap), (x1, y + cap), color.to_string(), 2, None),
    ]
}

/// Everything `draw.rs` draws, in its order, as SVG items.
pub(super) fn drawing(events: &[Event], layout: &Layout) -> Vec<Item> {
    let mut items = vec![Item::plain(
        "paper",
        vec![rect(
            (0, 0),
            (layout.width as i32 - 1, layout.height as i32 - 1),
            hex(PAPER),
            None,
        )],
    )];
    lanes(layout, &mut items);
    event_items(events, layout, &mut items);
    axis(layout, &mut items);
    frame(layout, &mut items);
    items
}

/// Lane bands, grid, lane lines and headers; a header is the switch that hides its lane.
fn lanes(layout: &Layout, items: &mut Vec<Item>) {
    let (left, right) = (layout.band_left, layout.band_right);
    let bands = layout
        .lanes
        .iter()
        .step_by(2)
        .map(|lane| {
            rect(
                (left, lane.top),
                (right, lane.bottom),
                hex(theme::BAND),
                None,
            )
        })
        .collect();
    items.push(Item::plain("bands", bands));
    let grid = layout
        .ticks
        .iter()
        .map(|t| {
            line(
                (t.x, layout.grid_top),
                (t.x, layout.axis_y),
                hex(theme::GRID),
                1,
                None,
            )
        })
        .collect();
    items.push(Item::plain("grid", grid));
    for (k, lane) in layout.lanes.iter().enumerate() {
        items.push(Item::plain(
            "lane",
            vec![
                line(
                    (left, lane.bottom),
                    (right, lane.bottom),
                    hex(theme::SEPARATOR),
                    1,
                    None,
                ),
                line(
                    (layout.plot_left, lane.baseline),
                    (layout.plot_right, lane.baseline),
                    hex(theme::LANE_LINE),
                    1,
                    None,
                ),
            ],
        ));
        // The whole header column of the lane takes the pointer, not just its letters.
        let mut header = vec![Prim::Hit {
            x: left,
            y: lane.top,
            w: (layout.plot_left - left - 4).max(1),
            h: (lane.bottom - lane.top).max(1),
        }];
        if let (Some(key), Some(name_at)) = (lane.key, &lane.name_at) {
            header.extend(shape(lane.shape, key, &lane_hex(lane.color), false));
            header.extend(text(&lane.name, name_at, INK));
        }
        if let Some(summary_at) = &lane.summary_at {
            header.extend(text(&lane.summary, summary_at, MUTED));
        }
        let switch = lane.name_at.is_some();
        if !switch && lane.summary_at.is_none() {
            continue;
        }
        items.push(Item {
            class: if switch { "lane-switch" } else { "lane-head" },
            id: None,
            lane: Some(k),
            event: None,
            button: switch.then(|| format!("Ẩn hoặc hiện làn {}", lane.name)),
            prims: header,
        });
    }
}

/// An event's item: its class, ids and data.
fn event_item(
    class: &'static str,
    prefix: &str,
    event: usize,
    lane: usize,
    prims: Vec<Prim>,
) -> Item {
    Item {
        class,
        id: Some(format!("{prefix}-{event}")),
        lane: Some(lane),
        event: Some(event),
        button: None,
        prims,
    }
}

/// Leader lines, markers and labels, as `draw.rs` layers them.
fn event_items(events: &[Event], layout: &Layout, items: &mut Vec<Item>) {
    for l in &layout.labels {
        let prims = vec![line(
            (l.leader_x, l.leader_y),
            (l.leader_x, l.y + l.h),
            hex(theme::LEADER),
            1,
            None,
        )];
        items.push(event_item("ev leader", "leader", l.event, l.lane, prims));
    }
    let accessible = |i: usize| {
        events.get(i).map(|e| {
            format!(
                "{}, {}: {}",
                display_date(e),
                topic_name(&e.label),
                e.headline
            )
        })
    };
    // Month/year bars, then day markers (with the bar of a range of days) on top.
    let (spans, days): (Vec<_>, Vec<_>) = layout
        .markers
        .iter()
        .partition(|mk| mk.precision != Precision::Day);
    for mk in spans.into_iter().chain(days) {
        let Some(lane) = layout.lanes.get(mk.lane) else {
            continue;
        };
        let color = lane_hex(lane.color);
        let r = mk.r;
        // A span's bar: for months and years, and under a range of days or a week's marker
        // (as `draw.rs` draws them).
        let span_bar = || {
            let mut p = Vec::new();
            // A planned span is an outline: paper inside, like a planned day.
            if mk.hollow {
                p.extend(bar(
                    layout,
                    (mk.x, mk.x_end, mk.y),
                    &hex(PAPER),
                    None,
                    &color,
                ));
                let half = layout.bar_half;
                p.push(Prim::PolygonOutline {
                    points: points(&[
                        (mk.x, mk.y - half),
                        (mk.x_end, mk.y - half),
                        (mk.x_end, mk.y + half),
                        (mk.x, mk.y + half),
                    ]),
                    stroke: color.clone(),
                    width: 1,
                });
            } else {
                p.extend(bar(
                    layout,
                    (mk.x, mk.x_end, mk.y),
                    &color,
                    Some(theme::SPAN_ALPHA),
                    &color,
                ));
            }
            p
        };
        let mut prims = if mk.precision == Precision::Day {
            let at = Swatch {
                x: mk.x,
                y: mk.y,
                r,
            };
            let mut p = vec![Prim::Hit {
                x: mk.x - r - 3,
                y: mk.y - r - 3,
                w: (mk.x_end - mk.x).max(0) + 2 * r + 7,
                h: 2 * r + 7,
            }];
            if mk.x_end > mk.x {
                p.extend(span_bar());
            }
            if mk.hollow {
                p.extend(hollow(lane.shape, at, &color, layout.hollow_stroke));
            } else {
                p.extend(shape(lane.shape, at, &color, true));
            }
            p
        } else {
            let cap = layout.bar_cap;
            let mut p = vec![Prim::Hit {
                x: mk.x - 3,
                y: mk.y - cap - 3,
                w: mk.x_end - mk.x + 7,
                h: 2 * cap + 7,
            }];
            p.extend(span_bar());
            p
        };
        // The hit area goes last, over the shape, so the pointer always finds it.
        prims.rotate_left(1);
        let mut item = event_item("ev marker", "marker", mk.event, mk.lane, prims);
        item.button = accessible(mk.event);
        items.push(item);
    }
    for l in &layout.labels {
        let Some(lane) = layout.lanes.get(l.lane) else {
            continue;
        };
        let mut prims = vec![
            rect(
                (l.x, l.y),
                (l.x + l.w, l.y + l.h),
                hex(PAPER),
                Some(theme::LABEL_BOX_ALPHA),
            ),
            line(
                (l.x, l.y + l.h),
                (l.x + l.w, l.y + l.h),
                lane_hex(lane.color),
                1,
                Some(theme::LABEL_RULE_ALPHA),
            ),
        ];
        prims.extend(text(&l.date_text, &l.date_at, INK));
        prims.extend(text(&l.text, &l.text_at, theme::LABEL_TEXT));
        items.push(event_item("ev label", "label", l.event, l.lane, prims));
    }
}

/// The date axis with its ticks and their dates.
fn axis(layout: &Layout, items: &mut Vec<Item>) {
    let stroke = hex(theme::AXIS);
    let mut prims = vec![line(
        (layout.plot_left, layout.axis_y),
        (layout.plot_right, layout.axis_y),
        stroke.clone(),
        1,
        None,
    )];
    for t in &layout.ticks {
        prims.push(line(
            (t.x, layout.axis_y),
            (t.x, layout.tick_bottom),
            stroke.clone(),
            1,
            None,
        ));
        prims.extend(text(&t.text, &t.text_at, INK));
    }
    items.push(Item::plain("axis", prims));
}

/// Title, legend (its lane entries are switches too) and footer.
fn frame(layout: &Layout, items: &mut Vec<Item>) {
    items.push(Item::plain(
        "title",
        text(&layout.title, &layout.title_at, INK)
            .into_iter()
            .collect(),
    ));
    for entry in &layout.legend {
        match entry.key {
            LegendKey::Lane { lane: k, swatch } => {
                let Some(lane) = layout.lanes.get(k) else {
                    continue;
                };
                let at = &entry.text_at;
                let right = at.left + text_width(&entry.text, at.size, at.bold);
                let mut prims = vec![Prim::Hit {
                    x: swatch.x - swatch.r - 2,
                    y: at.top,
                    w: right - swatch.x + swatch.r + 4,
                    h: line_h(at.size),
                }];
                prims.extend(shape(lane.shape, swatch, &lane_hex(lane.color), false));
                prims.extend(text(&entry.text, at, INK));
                items.push(Item {
                    class: "lane-switch legend",
                    id: None,
                    lane: Some(k),
                    event: None,
                    button: Some(format!("Ẩn hoặc hiện làn {}", lane.name)),
                    prims,
                });
            }
            LegendKey::Span { left, right, y } => {
                let muted = hex(MUTED);
                let mut prims = bar(layout, (left, right, y), &muted, None, &muted);
                prims.extend(text(&entry.text, &entry.text_at, MUTED));
                items.push(Item::plain("legend", prims));
            }
            LegendKey::Planned { swatch } => {
                let muted = hex(MUTED);
                let mut prims = hollow(MarkerShape::Circle, swatch, &muted, layout.hollow_stroke);
                prims.extend(text(&entry.text, &entry.text_at, MUTED));
                items.push(Item::plain("legend", prims));
            }
            LegendKey::Note => {
                items.push(Item::plain(
                    "legend",
                    text(&entry.text, &entry.text_at, MUTED)
                        .into_iter()
                        .collect(),
                ));
            }
        }
    }
    items.push(Item::plain(
        "footer",
        text(&layout.footer, &layout.footer_at, MUTED)
            .into_iter()
            .collect(),
    ));
}
