//! The timeline as one self-contained, interactive HTML page: the same [`Layout`] as the PNG
//! and SVG, written as inline SVG elements of our own, so that every marker, label and lane
//! carries its ids and data; the bundled DejaVu Sans embedded (so text is exactly as wide as
//! the layout measured it); the events' details as JSON; a little script for the details on
//! hover or focus, lanes hidden and shown, and the keyboard. Nothing is fetched: the page
//! works from `file://` without a network.
//!
//! The page is an askama template (`templates/timeline.html`), which escapes every value it
//! is given; the script and the style are `templates/timeline.js` and `templates/timeline.css`.
//! The drawing follows `draw.rs` element for element and in the same order, so the two stay
//! the same picture: a change to what `draw.rs` draws belongs here too.

use askama::Template;
use base64::Engine;
use plotters::style::RGBColor;
use serde::Serialize;

use super::exports::{display_date, role_note, topic_name, web_url};
use super::layout::{Layout, LegendKey, Swatch};
use super::text::{css_font_size, line_h, text_width, TextPos};
use super::theme::{self, MarkerShape, Outline, INK, MUTED, PAPER};
use super::ReportError;
use crate::events::{Event, Precision};

/// The page.
#[derive(Template)]
#[template(path = "timeline.html")]
struct Page<'a> {
    title: &'a str,
    width: u32,
    height: u32,
    /// The drawing, in drawing order.
    items: Vec<Item>,
    /// The drawn events' details, in date order: the list under the picture.
    events: Vec<Details>,
    /// The events' details for the script, as JSON safe inside `<script>`.
    data_json: String,
    style: &'static str,
    script: &'static str,
    font_regular: String,
    font_bold: String,
}

/// One `<g>` of the drawing.
struct Item {
    class: &'static str,
    id: Option<String>,
    lane: Option<usize>,
    event: Option<usize>,
    /// Focusable, with this accessible name: a marker or a lane switch.
    button: Option<String>,
    prims: Vec<Prim>,
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
enum Prim {
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
    /// An invisible area that takes the pointer (and shows the focus ring) around a marker.
    Hit {
        x: i32,
        y: i32,
        w: i32,
        h: i32,
    },
    Text(TextItem),
}

struct TextItem {
    x: i32,
    /// The baseline.
    y: String,
    /// CSS font size.
    size: String,
    bold: bool,
    centred: bool,
    fill: String,
    text: String,
}

/// An event's details as the script shows them.
#[derive(Serialize)]
struct Details {
    event: usize,
    lane: usize,
    date: String,
    topic: String,
    role: Option<&'static str>,
    confidence: f64,
    headline: String,
    text: String,
    sources: Vec<SourceItem>,
}

#[derive(Serialize)]
struct SourceItem {
    name: String,
    /// Only `http` and `https` addresses.
    url: Option<String>,
    published: Option<String>,
}

#[derive(Serialize)]
struct Data<'a> {
    events: &'a [Details],
}

/// The page of `layout`, which was laid out from `events`.
pub(crate) fn page(events: &[Event], layout: &Layout) -> Result<String, ReportError> {
    let mut details: Vec<Details> = layout
        .markers
        .iter()
        .filter_map(|mk| Some(details_of(mk.event, mk.lane, events.get(mk.event)?)))
        .collect();
    details.sort_by_key(|d| {
        let e = &events[d.event];
        (e.dated().map(|d| d.start()), e.last_day(), d.lane, d.event)
    });
    let base64 = base64::engine::general_purpose::STANDARD;
    let page = Page {
        title: &layout.title,
        width: layout.width,
        height: layout.height,
        items: drawing(events, layout),
        data_json: script_safe_json(&Data { events: &details })?,
        events: details,
        style: include_str!("../../templates/timeline.css"),
        script: include_str!("../../templates/timeline.js"),
        font_regular: base64.encode(dejavu::sans::regular()),
        font_bold: base64.encode(dejavu::sans::bold()),
    };
    page.render()
        .map_err(|e| ReportError::Draw(format!("writing the HTML page failed: {e}")))
}

fn details_of(i: usize, lane: usize, e: &Event) -> Details {
    Details {
        event: i,
        lane,
        date: display_date(e),
        topic: topic_name(&e.label),
        role: role_note(e.role),
        confidence: (e.confidence * 1000.0).round() / 1000.0,
        headline: e.headline.clone(),
        text: e.text.clone(),
        sources: e
            .sources
            .iter()
            .map(|s| SourceItem {
                name: if s.title.trim().is_empty() {
                    s.id.clone()
                } else {
                    s.title.clone()
                },
                url: s.url.as_deref().and_then(web_url).map(str::to_string),
                published: s.published.map(|d| d.format("%-d/%-m/%Y").to_string()),
            })
            .collect(),
    }
}

/// JSON that can stand inside `<script>`: every `<`, `>` and `&` (which only occur inside
/// strings) written as a `\u` escape, so no `</script>` or `<!--` can end or bend the element.
fn script_safe_json(value: &impl Serialize) -> Result<String, ReportError> {
    let json = serde_json::to_string(value)
        .map_err(|e| ReportError::Draw(format!("event details as JSON: {e}")))?;
    Ok(json
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029"))
}

fn hex(c: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

fn lane_hex(c: (u8, u8, u8)) -> String {
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
fn drawing(events: &[Event], layout: &Layout) -> Vec<Item> {
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
    // Month/year bars, then day markers on top.
    let (spans, days): (Vec<_>, Vec<_>) = layout
        .markers
        .iter()
        .partition(|mk| mk.precision != Precision::Day);
    for mk in spans.into_iter().chain(days) {
        let Some(lane) = layout.lanes.get(mk.lane) else {
            continue;
        };
        let color = lane_hex(lane.color);
        let r = layout.marker_r;
        let mut prims = if mk.precision == Precision::Day {
            let at = Swatch {
                x: mk.x,
                y: mk.y,
                r,
            };
            let mut p = vec![Prim::Hit {
                x: mk.x - r - 3,
                y: mk.y - r - 3,
                w: 2 * r + 7,
                h: 2 * r + 7,
            }];
            p.extend(shape(lane.shape, at, &color, true));
            p
        } else {
            let cap = layout.bar_cap;
            let mut p = vec![Prim::Hit {
                x: mk.x - 3,
                y: mk.y - cap - 3,
                w: mk.x_end - mk.x + 7,
                h: 2 * cap + 7,
            }];
            p.extend(bar(
                layout,
                (mk.x, mk.x_end, mk.y),
                &color,
                Some(theme::SPAN_ALPHA),
                &color,
            ));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::{Role, Source};
    use crate::report::exports::sheet::write_sheet;
    use crate::report::exports::timelinejs::{document, to_json};
    use crate::report::exports::Export;
    use crate::report::fixtures::*;
    use crate::report::{layout_timeline, render_html, TimelineOptions};

    fn count(haystack: &str, needle: &str) -> usize {
        haystack.matches(needle).count()
    }

    #[test]
    fn every_drawn_event_has_its_marker_label_and_row() {
        let events = small_set();
        let options = TimelineOptions::default();
        let layout = layout_timeline(&events, &options).expect("layout");
        let html = render_html(&events, &options).expect("html");
        assert!(html.starts_with("<!DOCTYPE html>"));
        for mk in &layout.markers {
            let i = mk.event;
            assert_eq!(count(&html, &format!("id=\"marker-{i}\"")), 1, "marker {i}");
            assert_eq!(count(&html, &format!("id=\"row-{i}\"")), 1, "row {i}");
            assert!(html.contains(&format!("data-lane=\"{}\" data-event=\"{i}\"", mk.lane)));
        }
        for l in &layout.labels {
            assert_eq!(count(&html, &format!("id=\"label-{}\"", l.event)), 1);
            assert!(html.contains(&format!(">{}</text>", l.date_text)));
        }
        // Never drawn: the "other" and "sports" events (4 and 9).
        assert!(!html.contains("id=\"marker-4\"") && !html.contains("id=\"marker-9\""));
        // One switch per lane in the headers and one in the legend.
        assert_eq!(
            count(&html, "aria-pressed=\"true\""),
            2 * layout.lanes.len()
        );
        // The lane colours, as theme.rs has them.
        for lane in &layout.lanes {
            assert!(html.contains(&format!("fill=\"{}\"", lane_hex(lane.color))));
        }
    }

    #[test]
    fn the_page_fetches_nothing() {
        let html = render_html(&small_set(), &TimelineOptions::default()).expect("html");
        assert!(!html.contains("<link") && !html.contains("@import"));
        assert!(!html.contains("<script src") && !html.contains("<img"));
        // Every url(...) is a font embedded in the page.
        assert_eq!(count(&html, "url("), 2);
        assert_eq!(count(&html, "url(data:font/ttf;base64,"), 2);
        // No address but the SVG namespace's name, which is never fetched.
        let html = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assert!(!html.contains("http://") && !html.contains("https://"));
    }

    #[test]
    fn css_font_size_gives_the_layouts_widths() {
        // DejaVu Sans has 2048 units to the em and 2384 from ascent to descent.
        assert!((css_font_size(16.0, false) - 16.0 * 2048.0 / 2384.0).abs() < 0.01);
        assert!((css_font_size(16.0, true) - 16.0 * 2048.0 / 2384.0).abs() < 0.05);
    }

    /// Headlines, sentences, titles and addresses that try to break out of HTML, JSON and CSV.
    fn hostile() -> Vec<Event> {
        let nasty = |i: usize, headline: &str, text: &str, url: &str| Event {
            headline: headline.into(),
            text: text.into(),
            role: Role::Reported,
            sources: vec![Source {
                id: format!("a{i}"),
                title: format!("<i>Báo</i> \"{i}\""),
                published: None,
                url: Some(url.into()),
            }],
            ..ev(
                i,
                day(2024, 3, 10 + i as u32),
                "cybersecurity",
                0.9,
                headline,
            )
        };
        vec![
            nasty(
                0,
                "</script><script>alert(1)</script>",
                "Câu </SCRIPT> và <!-- chú thích",
                "javascript:alert(2)",
            ),
            nasty(
                1,
                "\"Ngoặc kép\", 'đơn' & <b>đậm</b>",
                "<img src=x onerror=alert(3)>\nxuống dòng, phẩy",
                "https://x.vn/a?b=1&c=\"><script>alert(4)</script>",
            ),
        ]
    }

    #[test]
    fn hostile_text_is_escaped_in_every_format() {
        let events = hostile();
        let options = TimelineOptions::default();

        // HTML: only the page's own two scripts, no tag from the news, no script address.
        let html = render_html(&events, &options).expect("html");
        assert_eq!(
            count(&html.to_lowercase(), "<script"),
            2,
            "a script was injected"
        );
        assert_eq!(count(&html.to_lowercase(), "</script"), 2);
        assert!(!html.contains("<b>") && !html.contains("<img") && !html.contains("<i>"));
        assert!(!html.contains("<!--") && !html.to_lowercase().contains("javascript:"));
        assert!(html.contains("&#60;/script&#62;&#60;script&#62;alert(1)"));
        assert!(html.contains("&#34;Ngoặc kép&#34;, &#39;đơn&#39; &#38; &#60;b&#62;đậm"));
        assert!(html.contains("href=\"https://x.vn/a?b=1&#38;c=&#34;&#62;&#60;script"));
        // The details read back exactly as written.
        let start = html.find("id=\"newsline-events\">").expect("data") + 21;
        let end = start + html[start..].find("</script>").expect("end of data");
        let data: serde_json::Value = serde_json::from_str(&html[start..end]).expect("JSON");
        let headlines: Vec<&str> = data["events"]
            .as_array()
            .expect("events")
            .iter()
            .filter_map(|e| e["headline"].as_str())
            .collect();
        assert_eq!(
            headlines,
            [events[0].headline.as_str(), &events[1].headline]
        );
        assert_eq!(
            data["events"][0]["sources"][0]["url"],
            serde_json::Value::Null
        );

        // TimelineJS: HTML in the JSON, escaped; no javascript: link.
        let (export, _) = Export::of_events(&events, None);
        let doc = document(&export);
        let json = to_json(&doc);
        assert!(!json.to_lowercase().contains("<script") && !json.contains("<b>"));
        assert!(!json.to_lowercase().contains("javascript:"));
        assert_eq!(
            doc.events[0].text.headline,
            "&#60;/script&#62;&#60;script&#62;alert(1)&#60;/script&#62;"
        );
        assert_eq!(
            doc.events[1].text.text,
            "<p>&#60;img src=x onerror=alert(3)&#62;\nxuống dòng, phẩy</p><p>Nguồn: \
             <a href=\"https://x.vn/a?b=1&#38;c=&#34;&#62;&#60;script&#62;alert(4)&#60;/script&#62;\">\
             &#60;i&#62;Báo&#60;/i&#62; &#34;1&#34;</a></p>"
        );

        // The sheet: every cell where it belongs, escaped as in the JSON.
        let mut out = Vec::new();
        write_sheet(&mut out, &doc).expect("sheet");
        let mut reader = csv::Reader::from_reader(&out[3..]);
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
        assert_eq!(rows.len(), 3);
        assert!(rows.iter().all(|r| r.len() == 19));
        assert_eq!(&rows[1][9], doc.events[0].text.headline);
        assert_eq!(&rows[2][9], doc.events[1].text.headline);
        assert_eq!(&rows[2][10], doc.events[1].text.text);
    }
}
