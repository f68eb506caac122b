//! Timeline pictures of dated, topic-labelled events.
//!
//! [`layout_timeline`] computes where everything goes (lanes, markers, labels, ticks, legend,
//! every text) without drawing; [`render_png`] and [`render_svg`] draw that layout. Text is
//! drawn with the bundled DejaVu Sans (registered with plotters' `ab_glyph` backend once per
//! process), so rendering needs no system fonts and no fontconfig. ab_glyph does no shaping,
//! so every piece of text is put in Unicode NFC first: Vietnamese letters then map to single
//! precomposed glyphs.
//!
//! One stage per file, in the order they run:
//!
//! | file | job |
//! |---|---|
//! | `mod.rs` | options, errors, the render entry points |
//! | `theme.rs` | lane colours, names and marker shapes; the fixed colours and sizes |
//! | `text.rs` | the bundled font, text widths, shortening text to fit, text positions |
//! | `axis.rs` | days to pixels, tick steps, tick text |
//! | `labels.rs` | which events get a label, packed into rows without overlaps |
//! | `layout.rs` | every position, in a [`Layout`] |
//! | `legend.rs` | the legend: lanes, then the notes the picture needs |
//! | `draw.rs` | draws a [`Layout`], computing no position |
//! | `bearings.rs` | the workaround for plotters dropping left side bearings in bitmaps |
//! | `backend.rs` | PNG bytes and SVG text |
//! | `html.rs` | the interactive HTML page: the same layout as inline SVG, with ids and data |
//! | `exports/` | TimelineJS JSON and its Google-sheet columns as CSV |
//!
//! Layout sketch (default 1600x900):
//!
//! ```text
//!  Title (bold)
//!  legend: ● An ninh mạng  ▲ Thượng đỉnh  ◆ Vũ trụ  ▬ chỉ biết tháng/năm
//!  ┌ lane header ┬ label rows, stacked upwards, leader lines down to the markers ┐
//!  │ An ninh mạng│  29/3/2024 Title…                                         │
//!  │ 12 sự kiện  │  |        ●──────●  (markers / month-year bars on the lane line)
//!  ├─────────────┼──────────────────────────────────────────────────────────────┤
//!  ...                    date axis with ticks and Vietnamese date labels
//!  footer
//! ```

#![warn(missing_docs)]

use std::fmt;

use crate::events::Event;

mod axis;
mod backend;
mod bearings;
mod draw;
pub mod exports;
#[cfg(test)]
mod fixtures;
mod html;
mod labels;
mod layout;
mod legend;
mod text;
mod theme;

pub use layout::{
    layout_timeline, LabelBox, LaneLayout, Layout, LegendItem, LegendKey, Marker, Swatch, Tick,
};
pub use text::TextPos;
pub use theme::{lane_color, MarkerShape};

/// The picture size limits.
const MIN_WIDTH: u32 = 400;
const MIN_HEIGHT: u32 = 300;
const MAX_SIDE: u32 = 10_000;

/// Options of a timeline picture.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineOptions {
    /// Picture width in pixels (400..=10000).
    pub width: u32,
    /// Picture height in pixels (300..=10000).
    pub height: u32,
    /// Title; `None` (or a blank one) builds one from the events' date span.
    pub title: Option<String>,
    /// Text at the bottom, e.g. "Nguồn: 6 bài · mô hình: built-in"; empty for none.
    pub footer: String,
    /// Topic labels in lane order (top to bottom). Events with other labels, and `other`
    /// itself, are never drawn.
    pub lanes: Vec<String>,
    /// Draw background events too (history the articles cite); by default only reported and
    /// planned ones are drawn.
    pub background: bool,
}

impl Default for TimelineOptions {
    /// 1600x900, automatic title, no footer, lanes cybersecurity, summits, space, no
    /// background events.
    fn default() -> Self {
        TimelineOptions {
            width: 1600,
            height: 900,
            title: None,
            footer: String::new(),
            lanes: vec!["cybersecurity".into(), "summits".into(), "space".into()],
            background: false,
        }
    }
}

impl TimelineOptions {
    /// The limits keep the text legible and the bitmap (3 bytes a pixel) under 300 MB.
    fn check_size(&self) -> Result<(), ReportError> {
        let (width, height) = (self.width, self.height);
        if width < MIN_WIDTH || height < MIN_HEIGHT {
            return Err(ReportError::Size(format!(
                "{width}x{height} is smaller than {MIN_WIDTH}x{MIN_HEIGHT}"
            )));
        }
        if width > MAX_SIDE || height > MAX_SIDE {
            return Err(ReportError::Size(format!(
                "{width}x{height} is larger than {MAX_SIDE} pixels on a side"
            )));
        }
        Ok(())
    }
}

/// Why a timeline could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportError {
    /// No event has a label of the drawn lanes.
    NoEvents,
    /// The requested picture size is out of range.
    Size(String),
    /// Drawing or encoding failed.
    Draw(String),
}

impl fmt::Display for ReportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReportError::NoEvents => write!(f, "no topic events to draw on the timeline"),
            ReportError::Size(msg) => write!(f, "bad picture size: {msg}"),
            ReportError::Draw(msg) => write!(f, "drawing the timeline failed: {msg}"),
        }
    }
}

impl std::error::Error for ReportError {}

/// Renders the timeline as PNG file bytes (8-bit RGB).
///
/// Errors as [`layout_timeline`], plus [`ReportError::Draw`] if drawing fails.
///
/// ```
/// use newsline::events::{Event, EventDate, Role, Source};
/// use newsline::report::{render_png, TimelineOptions};
///
/// let event = |id: &str, date: EventDate, label: &str, title: &str| Event {
///     id: id.to_string(),
///     date: date.into(),
///     end: None,
///     role: Role::Reported,
///     label: label.to_string(),
///     confidence: 0.9,
///     headline: title.to_string(),
///     source: format!("{id}.txt"),
///     text: title.to_string(),
///     sources: vec![Source { id: id.to_string(), title: String::new(), published: None, url: None }],
/// };
/// let events = [
///     event("a1", EventDate::day(2024, 3, 29).expect("a real day"), "space", "Phóng vệ tinh"),
///     event("a2", EventDate::month(2024, 6).expect("a real month"), "summits", "Hội nghị thượng đỉnh"),
/// ];
/// let png = render_png(&events, &TimelineOptions::default())?;
/// assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
/// # Ok::<(), newsline::report::ReportError>(())
/// ```
pub fn render_png(events: &[Event], options: &TimelineOptions) -> Result<Vec<u8>, ReportError> {
    backend::png(&layout_timeline(events, options)?)
}

/// Renders the timeline as an SVG document. Text is kept as text (NFC), with the font family
/// "DejaVu Sans, sans-serif".
///
/// Errors as [`layout_timeline`], plus [`ReportError::Draw`] if drawing fails.
pub fn render_svg(events: &[Event], options: &TimelineOptions) -> Result<String, ReportError> {
    backend::svg(&layout_timeline(events, options)?)
}

/// Renders the timeline as one self-contained HTML page: the picture as inline SVG (the same
/// layout as [`render_png`], the bundled font embedded), the event details on hover or
/// keyboard focus, lanes that hide and show, and a list of the events under it. The page
/// fetches nothing, so it works from `file://` without a network.
///
/// Errors as [`render_png`].
pub fn render_html(events: &[Event], options: &TimelineOptions) -> Result<String, ReportError> {
    html::page(events, &layout_timeline(events, options)?)
}

/// The events the timeline picture draws, as a TimelineJS 3 document with the picture's title
/// (see [`exports::timelinejs`]). Write it with [`exports::timelinejs::to_json`].
///
/// Errors as [`layout_timeline`]: the events are the ones that layout places.
pub fn render_timelinejs(
    events: &[Event],
    options: &TimelineOptions,
) -> Result<exports::timelinejs::TimelineJs, ReportError> {
    let layout = layout_timeline(events, options)?;
    Ok(exports::timelinejs::document(&exports::Export::of_layout(
        events, &layout,
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixtures::*;

    #[test]
    fn sizes_out_of_range_are_errors() {
        let events = small_set();
        for (w, h) in [
            (399, 900),
            (1600, 299),
            (10_001, 900),
            (1600, 10_001),
            (0, 0),
        ] {
            let options = TimelineOptions {
                width: w,
                height: h,
                ..TimelineOptions::default()
            };
            assert!(
                matches!(render_png(&events, &options), Err(ReportError::Size(_))),
                "{w}x{h}"
            );
        }
        let options = TimelineOptions {
            width: 400,
            height: 300,
            ..TimelineOptions::default()
        };
        assert!(render_png(&events, &options).is_ok());
        // Size is checked before anything else.
        assert!(matches!(
            layout_timeline(
                &[],
                &TimelineOptions {
                    width: 10,
                    ..options
                }
            ),
            Err(ReportError::Size(_))
        ));
    }

    #[test]
    fn render_500_events_draws_a_full_picture() {
        // Speed is measured by `cargo bench --bench pipeline` (report/timeline_500_events_png),
        // not asserted here.
        let events = many(500, 99);
        let png = render_png(&events, &TimelineOptions::default()).expect("render");
        assert_eq!(decode(&png).dimensions(), (1600, 900));
    }
}
