//! The timeline as one self-contained, interactive HTML page: the same [`Layout`] as the PNG
//! and SVG, written as inline SVG elements of our own, so that every marker, label and lane
//! carries its ids and data; the bundled DejaVu Sans embedded (so text is exactly as wide as
//! the layout measured it); the events' details as JSON; a little script for the details on
//! hover or focus, lanes hidden and shown, and the keyboard. Nothing is fetched: the page
//! works from `file://` without a network.
//!
//! The page is an askama template (`templates/timeline.html`), which escapes every value it
//! is given; the script and the style are `templates/timeline.js` and `templates/timeline.css`.
//! `svg.rs` writes the picture, following `draw.rs` element for element.

mod svg;

use askama::Template;
use base64::Engine;
use serde::Serialize;

use super::exports::{display_date, role_note, topic_name, web_url};
use super::layout::Layout;
use super::ReportError;
use crate::events::Event;
use svg::{drawing, Item, Prim};

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
        style: include_str!("../../../templates/timeline.css"),
        script: include_str!("../../../templates/timeline.js"),
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

#[cfg(test)]
mod tests {
    use super::svg::lane_hex;
    use super::*;
    use crate::events::{Role, Source};
    use crate::report::exports::sheet::write_sheet;
    use crate::report::exports::timelinejs::{document, to_json};
    use crate::report::exports::Export;
    use crate::report::fixtures::*;
    use crate::report::text::css_font_size;
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
