//! Timeline pictures of dated, topic-labelled events.
//!
//! [`layout_timeline`] computes where everything goes (lanes, markers, labels, ticks) without
//! drawing; [`render_png`] and [`render_svg`] draw that layout. Text is drawn with the bundled
//! DejaVu Sans (registered with plotters' `ab_glyph` backend once per process), so rendering
//! needs no system fonts and no fontconfig. ab_glyph does no shaping, so every piece of text is
//! put in Unicode NFC first: Vietnamese letters then map to single precomposed glyphs.
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
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use plotters::backend::RGBPixel;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use unicode_normalization::UnicodeNormalization;

use crate::events::{Event, EventDate, Precision};

/// Font family name under which the bundled DejaVu Sans is registered. It doubles as the SVG
/// `font-family` value, so SVG viewers use DejaVu Sans when installed and any sans-serif font
/// otherwise.
const FAMILY: &str = "DejaVu Sans, sans-serif";

/// With `VPos::Top`, plotters' ab_glyph text puts the baseline half a font size below the
/// anchor; Vietnamese capitals with stacked marks (Ấ, Ặ) reach about 0.39 size above the anchor
/// and descenders about 0.67 size below it (measured on DejaVu Sans). A text line box therefore
/// starts `TEXT_ABOVE * size` above the anchor and is `TEXT_HEIGHT * size` tall.
const TEXT_ABOVE: f64 = 0.40;
const TEXT_HEIGHT: f64 = 1.10;

/// Most characters kept from an event title in its label.
const LABEL_TITLE_CHARS: usize = 60;

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
}

impl Default for TimelineOptions {
    /// 1600x900, automatic title, no footer, lanes cybersecurity, summits, space.
    fn default() -> Self {
        TimelineOptions {
            width: 1600,
            height: 900,
            title: None,
            footer: String::new(),
            lanes: vec!["cybersecurity".into(), "summits".into(), "space".into()],
        }
    }
}

/// The box of one event label, in pixels (x, y is the top-left corner).
#[derive(Debug, Clone, PartialEq)]
pub struct LabelBox {
    /// Index of the event in the input slice.
    pub event: usize,
    /// Lane index.
    pub lane: usize,
    /// Left edge.
    pub x: i32,
    /// Top edge.
    pub y: i32,
    /// Width.
    pub w: i32,
    /// Height.
    pub h: i32,
    /// The date part of the label (bold), e.g. "29/3/2024".
    pub date_text: String,
    /// The title part of the label (NFC, possibly shortened with "…"); may be empty.
    pub text: String,
    /// Where the leader line meets the label (x); the line runs from the marker up to `y + h`.
    pub leader_x: i32,
}

/// One event's marker, in pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// Index of the event in the input slice.
    pub event: usize,
    /// Lane index.
    pub lane: usize,
    /// Position of the date (day precision) or of the span's first day.
    pub x: i32,
    /// End of the span (month or year precision); equal to `x` for day precision.
    pub x_end: i32,
    /// Vertical centre.
    pub y: i32,
    /// The date's precision: day precision is a shape, month and year precision a bar.
    pub precision: Precision,
}

/// One date-axis tick.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    /// Pixel position.
    pub x: i32,
    /// Label: "29/3/2024" (days), "3/2024" (months) or "2024" (years).
    pub text: String,
}

/// Marker shape of a lane; each lane gets a different one so lanes stay apart in grey-scale
/// print and for colour-blind readers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerShape {
    /// A filled circle.
    Circle,
    /// A filled upward triangle.
    Triangle,
    /// A filled diamond.
    Diamond,
    /// A filled square.
    Square,
    /// A filled downward triangle.
    TriangleDown,
}

const SHAPES: [MarkerShape; 5] = [
    MarkerShape::Circle,
    MarkerShape::Triangle,
    MarkerShape::Diamond,
    MarkerShape::Square,
    MarkerShape::TriangleDown,
];

/// One topic lane.
#[derive(Debug, Clone, PartialEq)]
pub struct LaneLayout {
    /// The topic label, e.g. "cybersecurity".
    pub label: String,
    /// The lane's colour.
    pub color: (u8, u8, u8),
    /// Top edge of the lane band.
    pub top: i32,
    /// Bottom edge of the lane band.
    pub bottom: i32,
    /// Number of events drawn in the lane.
    pub events: usize,
    /// Number of those that got a label.
    pub labelled: usize,
    /// Display name, e.g. "An ninh mạng".
    pub name: String,
    /// The lane's marker shape.
    pub shape: MarkerShape,
    /// The y of the lane line that markers sit on.
    pub baseline: i32,
    /// Count line for the lane header, e.g. "42 sự kiện, 12 có nhãn".
    pub summary: String,
}

/// Where everything goes in a timeline picture.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Picture width.
    pub width: u32,
    /// Picture height.
    pub height: u32,
    /// Title as drawn (NFC, shortened to fit).
    pub title: String,
    /// Lanes, top to bottom.
    pub lanes: Vec<LaneLayout>,
    /// One marker per drawn event.
    pub markers: Vec<Marker>,
    /// Labels of the events that got one.
    pub labels: Vec<LabelBox>,
    /// Date-axis ticks, left to right.
    pub ticks: Vec<Tick>,
    /// Left edge of the date axis.
    pub plot_left: i32,
    /// Right edge of the date axis.
    pub plot_right: i32,
    /// y of the date axis line.
    pub axis_y: i32,
    /// Footer as drawn (NFC, shortened to fit).
    pub footer: String,
    /// Font scale relative to 1600x900.
    pub font_scale: f64,
    /// Whether some drawn event has month or year precision (legend shows the bar).
    pub has_spans: bool,
    /// Whether some drawn event has an assumed year (legend explains the "(?)").
    pub has_assumed_years: bool,
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

/// The colour of a topic lane. The three known topics get Okabe-Ito-like colours whose grey
/// levels differ by more than 40 of 255 (dark blue, vermillion, orange); other labels get a
/// stable colour from the rest of the palette.
pub fn lane_color(label: &str) -> (u8, u8, u8) {
    match label {
        "cybersecurity" => (0, 70, 140),
        "summits" => (213, 94, 0),
        "space" => (230, 159, 0),
        other => {
            const REST: [(u8, u8, u8); 4] =
                [(0, 158, 115), (204, 121, 167), (86, 180, 233), (90, 90, 90)];
            // FNV-1a: stable across runs and platforms.
            let mut h: u32 = 0x811c_9dc5;
            for b in other.bytes() {
                h ^= u32::from(b);
                h = h.wrapping_mul(0x0100_0193);
            }
            REST[(h % REST.len() as u32) as usize]
        }
    }
}

/// Display name of a lane: Vietnamese for the known topics, the label itself otherwise.
fn lane_name(label: &str) -> String {
    match label {
        "cybersecurity" => "An ninh mạng".to_string(),
        "summits" => "Thượng đỉnh".to_string(),
        "space" => "Vũ trụ".to_string(),
        other => clean_text(other),
    }
}

// ---------------------------------------------------------------------------------------------
// Fonts and text

fn ensure_fonts() -> Result<(), ReportError> {
    static FONTS: OnceLock<Result<(), String>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            plotters::style::register_font(FAMILY, FontStyle::Normal, dejavu::sans::regular())
                .map_err(|_| "the bundled DejaVu Sans could not be loaded".to_string())?;
            plotters::style::register_font(FAMILY, FontStyle::Bold, dejavu::sans::bold())
                .map_err(|_| "the bundled DejaVu Sans Bold could not be loaded".to_string())?;
            Ok(())
        })
        .clone()
        .map_err(ReportError::Draw)
}

fn font(size: f64, bold: bool) -> FontDesc<'static> {
    let style = if bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    FontDesc::new(FontFamily::Name(FAMILY), size, style)
}

/// Advance width of `text` in pixels as plotters will draw it.
fn text_width(text: &str, size: f64, bold: bool) -> i32 {
    match font(size, bold).box_size(text) {
        Ok((w, _)) => i32::try_from(w).unwrap_or(i32::MAX),
        // Unreachable once the fonts are registered; a generous estimate keeps layout sane.
        Err(_) => (text.chars().count() as f64 * size * 0.6).ceil() as i32,
    }
}

/// Height of a text line box (see [`TEXT_ABOVE`]).
fn line_h(size: f64) -> i32 {
    (size * TEXT_HEIGHT).ceil() as i32
}

/// NFC, control characters dropped, runs of white space made one space, trimmed.
fn clean_text(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    let mut out = String::with_capacity(nfc.len());
    let mut space = false;
    for c in nfc.chars() {
        if c.is_whitespace() {
            space = true;
        } else if !c.is_control() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// Shortens `s` to at most `max_chars` characters (counting the "…"), cutting at a word
/// boundary when one is reasonably near.
fn shorten(s: &str, max_chars: usize) -> String {
    let n = s.chars().count();
    if n <= max_chars {
        return s.to_string();
    }
    if max_chars <= 1 {
        return "…".to_string();
    }
    let head: String = s.chars().take(max_chars - 1).collect();
    let next_is_space = s
        .chars()
        .nth(max_chars - 1)
        .is_some_and(char::is_whitespace);
    let cut = if next_is_space {
        head.as_str()
    } else {
        match head.rfind(char::is_whitespace) {
            Some(i) if head[..i].chars().count() * 2 >= max_chars => &head[..i],
            _ => head.as_str(),
        }
    };
    let cut = cut.trim_end_matches(|c: char| c.is_whitespace() || ",;:-–—·(/".contains(c));
    format!("{cut}…")
}

/// Shortens `s` (see [`shorten`]) until it is at most `max_w` pixels wide; may return "".
fn fit_width(s: &str, size: f64, bold: bool, max_w: i32) -> String {
    if text_width(s, size, bold) <= max_w {
        return s.to_string();
    }
    let n = s.chars().count();
    // Widest prefix that fits, by binary search on the character budget.
    let (mut lo, mut hi) = (0usize, n);
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if text_width(&shorten(s, mid), size, bold) <= max_w {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    if lo == 0 {
        String::new()
    } else {
        shorten(s, lo)
    }
}

/// Where glyph ink starts, read from the bundled TrueType fonts.
///
/// plotters 0.3.7 draws each ab_glyph glyph with its ink box starting at the pen position,
/// dropping the glyph's left side bearing, so "Trung" comes out as "T rung". The bitmap path
/// therefore draws glyph by glyph and adds the bearing (the glyph's `xMin`, as ab_glyph's pixel
/// bounds use it) itself.
struct Bearings {
    data: &'static [u8],
    /// Offset of a format-4 `cmap` subtable.
    cmap4: usize,
    /// Offsets of `loca` and `glyf`, and whether `loca` uses 32-bit entries.
    loca: usize,
    glyf: usize,
    long_loca: bool,
    /// `ascender - descender` from `hhea`: ab_glyph scales this to the font size.
    height: f64,
}

fn be_u16(d: &[u8], at: usize) -> Option<u16> {
    d.get(at..at.checked_add(2)?)
        .map(|b| u16::from_be_bytes([b[0], b[1]]))
}

fn be_u32(d: &[u8], at: usize) -> Option<u32> {
    d.get(at..at.checked_add(4)?)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

impl Bearings {
    fn parse(data: &'static [u8]) -> Option<Bearings> {
        let num_tables = usize::from(be_u16(data, 4)?);
        let table = |tag: &[u8; 4]| -> Option<usize> {
            (0..num_tables).find_map(|i| {
                let rec = 12 + 16 * i;
                (data.get(rec..rec + 4)? == tag).then_some(())?;
                usize::try_from(be_u32(data, rec + 8)?).ok()
            })
        };
        let (head, hhea, cmap) = (table(b"head")?, table(b"hhea")?, table(b"cmap")?);
        let ascender = be_u16(data, hhea + 4)? as i16;
        let descender = be_u16(data, hhea + 6)? as i16;
        let height = f64::from(ascender) - f64::from(descender);
        let cmap4 = (0..usize::from(be_u16(data, cmap + 2)?)).find_map(|i| {
            let rec = cmap + 4 + 8 * i;
            let (platform, encoding) = (be_u16(data, rec)?, be_u16(data, rec + 2)?);
            let sub = cmap + usize::try_from(be_u32(data, rec + 4)?).ok()?;
            let unicode = platform == 0 || (platform == 3 && encoding == 1);
            (unicode && be_u16(data, sub)? == 4).then_some(sub)
        })?;
        (height > 0.0).then_some(Bearings {
            data,
            cmap4,
            loca: table(b"loca")?,
            glyf: table(b"glyf")?,
            long_loca: be_u16(data, head + 50)? == 1,
            height,
        })
    }

    fn glyph(&self, c: char) -> Option<u16> {
        let c = u16::try_from(u32::from(c)).ok()?;
        let (d, sub) = (self.data, self.cmap4);
        let segs = usize::from(be_u16(d, sub + 6)? / 2);
        let ends = sub + 14;
        let starts = ends + 2 * segs + 2;
        let deltas = starts + 2 * segs;
        let ranges = deltas + 2 * segs;
        // First segment whose end is >= c (segments are sorted by end code).
        let (mut lo, mut hi) = (0usize, segs);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if be_u16(d, ends + 2 * mid)? < c {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let i = lo;
        let start = be_u16(d, starts + 2 * i)?;
        if i >= segs || start > c {
            return None;
        }
        let delta = be_u16(d, deltas + 2 * i)?;
        let range = usize::from(be_u16(d, ranges + 2 * i)?);
        if range == 0 {
            return Some(c.wrapping_add(delta));
        }
        let at = ranges + 2 * i + range + 2 * usize::from(c - start);
        let g = be_u16(d, at)?;
        (g != 0).then(|| g.wrapping_add(delta))
    }

    /// The glyph's `xMin` in font units; `None` for glyphs without an outline.
    fn x_min(&self, c: char) -> Option<i16> {
        let g = usize::from(self.glyph(c)?);
        let (d, loca) = (self.data, self.loca);
        let (a, b) = if self.long_loca {
            (
                be_u32(d, loca + 4 * g)? as usize,
                be_u32(d, loca + 4 * g + 4)? as usize,
            )
        } else {
            (
                2 * usize::from(be_u16(d, loca + 2 * g)?),
                2 * usize::from(be_u16(d, loca + 2 * g + 2)?),
            )
        };
        if b <= a {
            return None;
        }
        be_u16(d, self.glyf + a + 2).map(|v| v as i16)
    }

    /// Pixels from the pen position to where ab_glyph's ink box starts, at `size`.
    fn ink_offset(&self, c: char, size: f64) -> i32 {
        self.x_min(c)
            .map_or(0, |x| (f64::from(x) * size / self.height).floor() as i32)
    }
}

fn bearings(bold: bool) -> Option<&'static Bearings> {
    static FONTS: OnceLock<[Option<Bearings>; 2]> = OnceLock::new();
    let fonts = FONTS.get_or_init(|| {
        [
            Bearings::parse(dejavu::sans::regular()),
            Bearings::parse(dejavu::sans::bold()),
        ]
    });
    fonts[usize::from(bold)].as_ref()
}

// ---------------------------------------------------------------------------------------------
// Sizes

/// Font sizes and spacings, scaled from the 1600x900 design.
#[derive(Debug, Clone, Copy)]
struct Metrics {
    s: f64,
    margin: i32,
    title: f64,
    legend: f64,
    lane_name: f64,
    lane_count: f64,
    label: f64,
    tick: f64,
    footer: f64,
    marker_r: i32,
    gap: i32,
    /// Month/year bars: distance of their centre line below the lane line, half thickness,
    /// half height of their end caps.
    span_off: i32,
    half_bar: i32,
    cap: i32,
}

impl Metrics {
    fn new(s: f64) -> Self {
        let px = |v: f64| (v * s).round().max(1.0) as i32;
        Metrics {
            s,
            margin: px(20.0),
            title: 34.0 * s,
            legend: 17.0 * s,
            lane_name: 21.0 * s,
            lane_count: 15.0 * s,
            label: 16.0 * s,
            tick: 16.0 * s,
            footer: 15.0 * s,
            marker_r: px(6.0).max(3),
            gap: px(8.0),
            span_off: px(6.0).max(3) + px(7.0),
            half_bar: px(3.0).max(2),
            cap: px(5.0).max(3),
        }
    }

    /// Linear above 1600x900; below it text shrinks more slowly than the picture (square
    /// root), so small pictures stay legible.
    fn scale_for(width: u32, height: u32) -> f64 {
        let r = (f64::from(width) / 1600.0).min(f64::from(height) / 900.0);
        let s = if r >= 1.0 { r } else { r.sqrt() };
        s.clamp(0.6, 4.0)
    }
}

// ---------------------------------------------------------------------------------------------
// Dates and ticks

/// Whether the date is a real calendar date (`EventDate::start` maps impossible ones, such as
/// 30/2, to the first representable day, which would stretch the axis over 260,000 years).
fn date_is_valid(date: &EventDate) -> bool {
    NaiveDate::from_ymd_opt(date.year, date.month, date.day).is_some()
}

fn day_number(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

fn date_of(n: i64) -> Option<NaiveDate> {
    i32::try_from(n)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
}

/// First day and the day after the last day an event covers, as day numbers. A day-precision
/// event is a point: its "end" is its own day, so its marker sits on the day's tick.
fn event_days(date: &EventDate) -> (i64, i64) {
    let start = day_number(date.start());
    match date.precision {
        Precision::Day => (start, start),
        _ => (start, day_number(date.end()) + 1),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Days(i64),
    Weeks,
    HalfMonths,
    Months(u32),
    Years(i64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TickForm {
    Day,
    Month,
    Year,
}

impl Step {
    fn approx_days(self) -> f64 {
        match self {
            Step::Days(n) => n as f64,
            Step::Weeks => 7.0,
            Step::HalfMonths => 15.2,
            Step::Months(n) => 30.44 * f64::from(n),
            Step::Years(n) => 365.25 * n as f64,
        }
    }

    fn form(self) -> TickForm {
        match self {
            Step::Days(_) | Step::Weeks | Step::HalfMonths => TickForm::Day,
            Step::Months(_) => TickForm::Month,
            Step::Years(_) => TickForm::Year,
        }
    }

    /// Tick dates in `d0..=d1` (day numbers).
    fn ticks(self, d0: i64, d1: i64) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        let (d0, d1) = (
            d0.max(day_number(NaiveDate::MIN)),
            d1.min(day_number(NaiveDate::MAX)),
        );
        let (Some(first), Some(last)) = (date_of(d0), date_of(d1)) else {
            return out;
        };
        match self {
            Step::Days(n) => {
                let mut d = d0 + (n - d0.rem_euclid(n)) % n;
                while d <= d1 {
                    out.extend(date_of(d));
                    d += n;
                }
            }
            Step::Weeks => {
                let back = i64::from(first.weekday().num_days_from_monday());
                let mut d = if back == 0 { d0 } else { d0 - back + 7 };
                while d <= d1 {
                    out.extend(date_of(d));
                    d += 7;
                }
            }
            Step::HalfMonths | Step::Months(_) => {
                let (mut y, mut m) = (first.year(), first.month());
                while y <= last.year() {
                    let days: &[u32] = if self == Step::HalfMonths {
                        &[1, 16]
                    } else {
                        &[1]
                    };
                    let on_step = match self {
                        Step::Months(k) => (m - 1) % k == 0,
                        _ => true,
                    };
                    if on_step {
                        for &day in days {
                            if let Some(d) = NaiveDate::from_ymd_opt(y, m, day) {
                                if d >= first && d <= last {
                                    out.push(d);
                                }
                            }
                        }
                    }
                    if m == 12 {
                        y += 1;
                        m = 1;
                    } else {
                        m += 1;
                    }
                }
            }
            Step::Years(n) => {
                let (y0, y1) = (i64::from(first.year()), i64::from(last.year()));
                let mut y = y0 + (n - y0.rem_euclid(n)) % n;
                while y <= y1 + 1 {
                    if let Some(d) = i32::try_from(y)
                        .ok()
                        .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1))
                    {
                        if d >= first && d <= last {
                            out.push(d);
                        }
                    }
                    y += n;
                }
            }
        }
        out
    }
}

fn tick_text(d: NaiveDate, form: TickForm) -> String {
    match form {
        TickForm::Day => format!("{}/{}/{}", d.day(), d.month(), d.year()),
        TickForm::Month => format!("{}/{}", d.month(), d.year()),
        TickForm::Year => format!("{}", d.year()),
    }
}

fn candidate_steps() -> Vec<Step> {
    let mut steps = vec![
        Step::Days(1),
        Step::Days(2),
        Step::Weeks,
        Step::HalfMonths,
        Step::Months(1),
        Step::Months(2),
        Step::Months(3),
        Step::Months(6),
    ];
    let mut p = 1i64;
    while p <= 100_000 {
        steps.extend([Step::Years(p), Step::Years(2 * p), Step::Years(5 * p)]);
        p *= 10;
    }
    steps
}

/// Maps day numbers to pixels.
#[derive(Debug, Clone, Copy)]
struct XScale {
    d0: i64,
    d1: i64,
    left: i32,
    right: i32,
}

impl XScale {
    fn x(&self, day: i64) -> i32 {
        let span = (self.d1 - self.d0).max(1) as f64;
        let f = (day - self.d0) as f64 / span;
        let x = f64::from(self.left) + f * f64::from(self.right - self.left);
        x.round().clamp(f64::from(self.left), f64::from(self.right)) as i32
    }
}

/// The padded day range `(d0, d1)` shown for events covering `lo..hi` (day numbers).
fn padded_range(lo: i64, hi: i64) -> (i64, i64) {
    let (mut lo, mut hi) = (lo, hi.max(lo));
    if hi - lo < 6 {
        let mid = lo + (hi - lo) / 2;
        lo = mid - 3;
        hi = mid + 3;
    }
    let pad = (((hi - lo) as f64) * 0.03).round().max(1.0) as i64;
    (lo - pad, hi + pad)
}

/// Picks the finest step whose labels fit without crowding and that gives at most 10 ticks.
fn make_ticks(scale: &XScale, size: f64, min_gap: i32) -> Vec<Tick> {
    let span = (scale.d1 - scale.d0).max(1) as f64;
    let mut fallback: Vec<Tick> = Vec::new();
    for step in candidate_steps() {
        if span / step.approx_days() > 40.0 {
            continue;
        }
        let dates = step.ticks(scale.d0, scale.d1);
        if dates.is_empty() {
            continue;
        }
        let form = step.form();
        let ticks: Vec<(Tick, i32)> = dates
            .iter()
            .map(|&d| {
                let text = tick_text(d, form);
                let w = text_width(&text, size, false);
                (
                    Tick {
                        x: scale.x(day_number(d)),
                        text,
                    },
                    w,
                )
            })
            .collect();
        let fits = ticks
            .windows(2)
            .all(|p| p[1].0.x - p[0].0.x >= (p[0].1 + p[1].1) / 2 + min_gap);
        let chosen: Vec<Tick> = ticks.into_iter().map(|(t, _)| t).collect();
        if fits && chosen.len() <= 10 {
            return chosen;
        }
        fallback = chosen;
    }
    // Nothing fits (a very narrow picture): keep the first and last tick of the coarsest try.
    if fallback.len() > 2 {
        let last = fallback.len() - 1;
        fallback = vec![fallback[0].clone(), fallback[last].clone()];
    }
    fallback
}

fn span_title(lo: i64, hi_incl: i64) -> String {
    let (Some(a), Some(b)) = (date_of(lo), date_of(hi_incl.max(lo))) else {
        return "Dòng thời gian sự kiện".to_string();
    };
    let days = hi_incl - lo;
    let form = if days <= 62 {
        TickForm::Day
    } else if days <= 6 * 366 {
        TickForm::Month
    } else {
        TickForm::Year
    };
    let (ta, tb) = (tick_text(a, form), tick_text(b, form));
    if ta == tb {
        format!("Dòng thời gian sự kiện {ta}")
    } else {
        format!("Dòng thời gian sự kiện {ta} – {tb}")
    }
}

// ---------------------------------------------------------------------------------------------
// Layout

fn check_size(width: u32, height: u32) -> Result<(), ReportError> {
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

fn lane_summary(events: usize, labelled: usize) -> String {
    if events == labelled {
        format!("{events} sự kiện")
    } else {
        format!("{events} sự kiện, {labelled} có nhãn")
    }
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

/// Computes the timeline layout: lanes, markers, labels, ticks and the plot's extent.
///
/// Events whose label is not one of `options.lanes`, whose label is `other`, or whose date is
/// not a real calendar date are not drawn.
///
/// Errors: [`ReportError::Size`] for a size out of range, [`ReportError::NoEvents`] when no
/// event is left to draw.
pub fn layout_timeline(events: &[Event], options: &TimelineOptions) -> Result<Layout, ReportError> {
    check_size(options.width, options.height)?;
    ensure_fonts()?;

    // Lanes: options order, duplicates and "other" dropped.
    let mut lane_labels: Vec<String> = Vec::new();
    for l in &options.lanes {
        if l != "other" && !lane_labels.contains(l) {
            lane_labels.push(l.clone());
        }
    }
    let drawn: Vec<(usize, usize)> = events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.dated().is_some_and(date_is_valid))
        .filter_map(|(i, e)| {
            lane_labels
                .iter()
                .position(|l| *l == e.label)
                .map(|k| (i, k))
        })
        .collect();
    if drawn.is_empty() {
        return Err(ReportError::NoEvents);
    }

    let (width, height) = (options.width as i32, options.height as i32);
    let font_scale = Metrics::scale_for(options.width, options.height);
    let m = Metrics::new(font_scale);

    // Date range.
    let (mut lo, mut hi) = (i64::MAX, i64::MIN);
    for date in drawn.iter().filter_map(|&(i, _)| events[i].dated()) {
        let (a, b) = event_days(date);
        lo = lo.min(a);
        hi = hi.max(b);
    }
    let hi_incl = drawn
        .iter()
        .filter_map(|&(i, _)| events[i].dated())
        .map(|d| day_number(d.end()))
        .max()
        .unwrap_or(hi);
    let (d0, d1) = padded_range(lo, hi);

    // Title and footer.
    let content_w = width - 2 * m.margin;
    let given = options.title.as_deref().map(clean_text).unwrap_or_default();
    let raw_title = if given.is_empty() {
        span_title(lo, hi_incl)
    } else {
        given
    };
    let title = fit_width(&raw_title, m.title, true, content_w);
    let footer = fit_width(&clean_text(&options.footer), m.footer, false, content_w);

    // Vertical bands.
    let title_top = m.margin;
    let legend_top = title_top + line_h(m.title) + m.gap / 2;
    let lanes_top = legend_top + line_h(m.legend) + m.gap + m.gap / 2;
    let footer_top = height - m.margin - line_h(m.footer);
    let tick_len = (6.0 * m.s).round() as i32;
    let tick_label_top = footer_top - m.gap - line_h(m.tick);
    let axis_y = tick_label_top - tick_len - (3.0 * m.s).round() as i32;
    let n_lanes = lane_labels.len() as i32;
    let lane_h = ((axis_y - lanes_top) / n_lanes).max(1);

    // Horizontal bands: lane header column, then the plot.
    let mut lane_counts = vec![0usize; lane_labels.len()];
    for &(_, k) in &drawn {
        lane_counts[k] += 1;
    }
    let swatch = 2 * m.marker_r + m.gap;
    let header_max = (f64::from(width) * 0.22) as i32;
    let header_w = lane_labels
        .iter()
        .zip(&lane_counts)
        .map(|(l, &n)| {
            let name_w = swatch + text_width(&lane_name(l), m.lane_name, true);
            let count_w = text_width(&lane_summary(n, n.saturating_sub(1)), m.lane_count, false);
            name_w.max(count_w)
        })
        .max()
        .unwrap_or(0)
        .min(header_max);
    let plot_left = m.margin + header_w + 2 * m.gap;
    let half_tick = text_width("30/12/2024", m.tick, false) / 2 + m.gap / 2;
    let plot_right = width - m.margin.max(half_tick) - m.gap;
    let scale = XScale {
        d0,
        d1,
        left: plot_left,
        right: plot_right,
    };
    let ticks = make_ticks(&scale, m.tick, 2 * m.gap);

    // Lanes.
    let base_off = m.span_off + m.cap + (6.0 * m.s).round() as i32;
    let mut lanes: Vec<LaneLayout> = lane_labels
        .iter()
        .enumerate()
        .map(|(k, l)| {
            let top = lanes_top + k as i32 * lane_h;
            let bottom = top + lane_h;
            LaneLayout {
                label: l.clone(),
                color: lane_color(l),
                top,
                bottom,
                events: lane_counts[k],
                labelled: 0,
                name: fit_width(&lane_name(l), m.lane_name, true, header_w - swatch),
                shape: SHAPES[k % SHAPES.len()],
                baseline: bottom - base_off,
                summary: String::new(),
            }
        })
        .collect();

    // Markers, in date order so later ones are drawn on top of earlier ones consistently.
    let mut markers: Vec<Marker> = drawn
        .iter()
        .filter_map(|&(i, k)| Some((i, k, events[i].dated()?)))
        .map(|(i, k, date)| {
            let (a, b) = event_days(date);
            let x = scale.x(a);
            let x_end = match date.precision {
                Precision::Day => x,
                _ => scale.x(b).max(x + 1).min(plot_right).max(x),
            };
            let y = match date.precision {
                Precision::Day => lanes[k].baseline,
                _ => lanes[k].baseline + m.span_off,
            };
            Marker {
                event: i,
                lane: k,
                x,
                x_end,
                y,
                precision: date.precision,
            }
        })
        .collect();
    markers.sort_by_key(|mk| (mk.lane, mk.x, mk.event));

    // Labels: chosen most confident first (then known years, then date order); a candidate is
    // kept only if the lane's chosen labels can all still be packed into its rows.
    let mut order: Vec<&Marker> = markers.iter().collect();
    let conf = |i: usize| {
        let c = events[i].confidence;
        if c.is_nan() {
            0.0
        } else {
            c
        }
    };
    order.sort_by(|a, b| {
        conf(b.event)
            .total_cmp(&conf(a.event))
            .then(
                events[b.event]
                    .year_known()
                    .cmp(&events[a.event].year_known()),
            )
            .then(a.x.cmp(&b.x))
            .then(a.event.cmp(&b.event))
    });
    let label_h = line_h(m.label);
    let row_pitch = label_h + (4.0 * m.s).round() as i32;
    let pad = (4.0 * m.s).round() as i32;
    let space_w = text_width(" ", m.label, false);
    let left_limit = plot_left;
    let right_limit = width - m.margin;
    let max_label_w = ((right_limit - left_limit) / 2).min((560.0 * m.s) as i32);
    let lowest_bottom = |lane: &LaneLayout| lane.baseline - m.marker_r - (8.0 * m.s).round() as i32;
    let n_rows: Vec<usize> = lanes
        .iter()
        .map(|lane| {
            let usable = lowest_bottom(lane) - (lane.top + pad);
            if usable >= label_h {
                ((usable - label_h) / row_pitch + 1) as usize
            } else {
                0
            }
        })
        .collect();
    let mut chosen: Vec<Vec<(String, String)>> = vec![Vec::new(); lanes.len()];
    let mut flags: Vec<Vec<Flag>> = vec![Vec::new(); lanes.len()];
    for mk in order {
        let k = mk.lane;
        if n_rows[k] == 0 {
            continue;
        }
        let e = &events[mk.event];
        let mut date_text = e.dated().map(EventDate::display_vi).unwrap_or_default();
        if !e.year_known() {
            date_text.push_str(" (?)");
        }
        let date_w = text_width(&date_text, m.label, true);
        let title_budget = max_label_w - 2 * pad - date_w - space_w;
        let text = if title_budget > 0 {
            let short = shorten(&clean_text(&e.title), LABEL_TITLE_CHARS);
            fit_width(&short, m.label, false, title_budget)
        } else {
            String::new()
        };
        let text_w = if text.is_empty() {
            0
        } else {
            space_w + text_width(&text, m.label, false)
        };
        let w = date_w + text_w + 2 * pad;
        let room = Room {
            left: left_limit,
            right: right_limit,
            gap: m.gap,
            rows: n_rows[k],
        };
        flags[k].push(Flag {
            event: mk.event,
            lx: mk.x,
            w,
        });
        if pack(&flags[k], room).is_some() {
            chosen[k].push((date_text, text));
        } else {
            flags[k].pop();
        }
    }
    let mut labels: Vec<LabelBox> = Vec::new();
    for (k, lane_labels) in chosen.into_iter().enumerate() {
        let room = Room {
            left: left_limit,
            right: right_limit,
            gap: m.gap,
            rows: n_rows[k],
        };
        let Some(placed) = pack(&flags[k], room) else {
            continue;
        };
        let bottom = lowest_bottom(&lanes[k]);
        for (((date_text, text), flag), (row, x0)) in
            lane_labels.into_iter().zip(&flags[k]).zip(placed)
        {
            labels.push(LabelBox {
                event: flag.event,
                lane: k,
                x: x0,
                y: bottom - label_h - row as i32 * row_pitch,
                w: flag.w,
                h: label_h,
                date_text,
                text,
                leader_x: flag.lx,
            });
            lanes[k].labelled += 1;
        }
    }
    for lane in &mut lanes {
        lane.summary = fit_width(
            &lane_summary(lane.events, lane.labelled),
            m.lane_count,
            false,
            header_w,
        );
    }
    labels.sort_by_key(|l| (l.lane, l.x, l.y));

    let has_spans = markers.iter().any(|mk| mk.precision != Precision::Day);
    let has_assumed_years = drawn.iter().any(|&(i, _)| !events[i].year_known());
    Ok(Layout {
        width: options.width,
        height: options.height,
        title,
        lanes,
        markers,
        labels,
        ticks,
        plot_left,
        plot_right,
        axis_y,
        footer,
        font_scale,
        has_spans,
        has_assumed_years,
    })
}

// ---------------------------------------------------------------------------------------------
// Drawing

/// Text placement differs slightly between the bitmap (ab_glyph) and SVG backends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flavor {
    Bitmap,
    Svg,
}

fn rgb(c: (u8, u8, u8)) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

const INK: RGBColor = RGBColor(25, 25, 30);
const MUTED: RGBColor = RGBColor(85, 85, 95);

struct Painter<'a, DB: DrawingBackend> {
    root: &'a DrawingArea<DB, Shift>,
    flavor: Flavor,
}

impl<DB: DrawingBackend> Painter<'_, DB> {
    fn err<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> ReportError {
        ReportError::Draw(e.to_string())
    }

    /// Draws one line of text whose line box starts at `top`.
    #[allow(clippy::too_many_arguments)]
    fn text(
        &self,
        text: &str,
        x: i32,
        top: i32,
        size: f64,
        bold: bool,
        color: &RGBColor,
        h: HPos,
    ) -> Result<(), ReportError> {
        if text.is_empty() {
            return Ok(());
        }
        // SVG puts the baseline 0.76em (= 0.613 size) below the anchor, ab_glyph 0.5 size.
        let svg_shift = if self.flavor == Flavor::Svg {
            -0.113 * size
        } else {
            0.0
        };
        let y = top + (TEXT_ABOVE * size + svg_shift).round() as i32;
        let style = font(size, bold).color(color).pos(Pos::new(h, VPos::Top));
        let bearings = match self.flavor {
            Flavor::Bitmap => bearings(bold),
            Flavor::Svg => None,
        };
        let Some(bearings) = bearings else {
            return self
                .root
                .draw(&Text::new(text, (x, y), style))
                .map_err(Self::err);
        };
        // Glyph by glyph, each at its pen position (as plotters measures the prefix, so widths
        // agree with the layout) plus its left side bearing.
        let left = match h {
            HPos::Left => x,
            HPos::Center => x - text_width(text, size, bold) / 2,
            HPos::Right => x - text_width(text, size, bold),
        };
        let style = style.pos(Pos::new(HPos::Left, VPos::Top));
        let mut buf = [0u8; 4];
        for (i, c) in text.char_indices() {
            if c.is_whitespace() {
                continue;
            }
            let pen = if i == 0 {
                0
            } else {
                text_width(&text[..i], size, bold)
            };
            let gx = left + pen + bearings.ink_offset(c, size);
            let glyph: &str = c.encode_utf8(&mut buf);
            self.root
                .draw(&Text::new(glyph, (gx, y), style.clone()))
                .map_err(Self::err)?;
        }
        Ok(())
    }

    fn rect(&self, a: (i32, i32), b: (i32, i32), style: ShapeStyle) -> Result<(), ReportError> {
        self.root
            .draw(&Rectangle::new([a, b], style))
            .map_err(Self::err)
    }

    fn line(&self, a: (i32, i32), b: (i32, i32), style: ShapeStyle) -> Result<(), ReportError> {
        self.root
            .draw(&PathElement::new(vec![a, b], style))
            .map_err(Self::err)
    }

    fn shape(
        &self,
        shape: MarkerShape,
        (x, y): (i32, i32),
        r: i32,
        color: &RGBColor,
        outline: bool,
    ) -> Result<(), ReportError> {
        let pts: Vec<(i32, i32)> = match shape {
            MarkerShape::Circle => {
                if outline {
                    self.root
                        .draw(&Circle::new((x, y), r + 1, WHITE.filled()))
                        .map_err(Self::err)?;
                }
                return self
                    .root
                    .draw(&Circle::new((x, y), r, color.filled()))
                    .map_err(Self::err);
            }
            MarkerShape::Triangle => {
                let r = r + 1;
                vec![(x, y - r), (x + r, y + r * 3 / 4), (x - r, y + r * 3 / 4)]
            }
            MarkerShape::TriangleDown => {
                let r = r + 1;
                vec![(x, y + r), (x + r, y - r * 3 / 4), (x - r, y - r * 3 / 4)]
            }
            MarkerShape::Diamond => {
                let r = r + 1;
                vec![(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
            }
            MarkerShape::Square => {
                let r = r * 5 / 6;
                vec![
                    (x - r, y - r),
                    (x + r, y - r),
                    (x + r, y + r),
                    (x - r, y + r),
                ]
            }
        };
        self.root
            .draw(&Polygon::new(pts.clone(), color.filled()))
            .map_err(Self::err)?;
        if outline {
            let mut ring = pts;
            if let Some(&p) = ring.first() {
                ring.push(p);
            }
            self.root
                .draw(&PathElement::new(ring, WHITE.stroke_width(1)))
                .map_err(Self::err)?;
        }
        Ok(())
    }
}

fn draw_layout<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    layout: &Layout,
    flavor: Flavor,
) -> Result<(), ReportError> {
    let p = Painter { root, flavor };
    let m = Metrics::new(layout.font_scale);
    let width = layout.width as i32;
    let height = layout.height as i32;
    root.fill(&WHITE).map_err(Painter::<DB>::err)?;

    let lanes_top = layout.lanes.first().map_or(layout.axis_y, |l| l.top);
    let band_left = m.margin / 2;
    let band_right = width - m.margin / 2;

    // Lane bands.
    for (k, lane) in layout.lanes.iter().enumerate() {
        if k % 2 == 0 {
            p.rect(
                (band_left, lane.top),
                (band_right, lane.bottom),
                RGBColor(245, 246, 248).filled(),
            )?;
        }
    }
    // Vertical grid at the ticks.
    for t in &layout.ticks {
        p.line(
            (t.x, lanes_top),
            (t.x, layout.axis_y),
            RGBColor(222, 224, 228).stroke_width(1),
        )?;
    }
    // Lane separators, lane lines, headers.
    for lane in &layout.lanes {
        p.line(
            (band_left, lane.bottom),
            (band_right, lane.bottom),
            RGBColor(200, 202, 208).stroke_width(1),
        )?;
        p.line(
            (layout.plot_left, lane.baseline),
            (layout.plot_right, lane.baseline),
            RGBColor(170, 172, 178).stroke_width(1),
        )?;
        let color = rgb(lane.color);
        let name_top = lane.top + m.gap;
        let name_h = line_h(m.lane_name);
        if name_top + name_h <= lane.bottom {
            p.shape(
                lane.shape,
                (m.margin + m.marker_r + 1, name_top + name_h / 2),
                m.marker_r + 1,
                &color,
                false,
            )?;
            p.text(
                &lane.name,
                m.margin + 2 * m.marker_r + m.gap,
                name_top,
                m.lane_name,
                true,
                &INK,
                HPos::Left,
            )?;
        }
        let count_top = name_top + name_h + m.gap / 2;
        if count_top + line_h(m.lane_count) <= lane.bottom {
            p.text(
                &lane.summary,
                m.margin,
                count_top,
                m.lane_count,
                false,
                &MUTED,
                HPos::Left,
            )?;
        }
    }

    // Leader lines, under everything else of the events.
    let mut marker_of: Vec<Option<&Marker>> = Vec::new();
    for mk in &layout.markers {
        if marker_of.len() <= mk.event {
            marker_of.resize(mk.event + 1, None);
        }
        marker_of[mk.event] = Some(mk);
    }
    let leader_style = RGBColor(140, 142, 150).stroke_width(1);
    for l in &layout.labels {
        if let Some(Some(mk)) = marker_of.get(l.event) {
            let from = match mk.precision {
                Precision::Day => mk.y - m.marker_r - 1,
                _ => mk.y - m.cap - 1,
            };
            p.line((l.leader_x, from), (l.leader_x, l.y + l.h), leader_style)?;
        }
    }

    // Month/year spans as bars with end caps, then day markers on top.
    let many = layout.markers.len() > 150;
    let (half_bar, cap) = (m.half_bar, m.cap);
    for mk in layout
        .markers
        .iter()
        .filter(|mk| mk.precision != Precision::Day)
    {
        let Some(lane) = layout.lanes.get(mk.lane) else {
            continue;
        };
        let color = rgb(lane.color);
        p.rect(
            (mk.x, mk.y - half_bar),
            (mk.x_end, mk.y + half_bar),
            color.mix(0.45).filled(),
        )?;
        p.line(
            (mk.x, mk.y - cap),
            (mk.x, mk.y + cap),
            color.stroke_width(2),
        )?;
        p.line(
            (mk.x_end, mk.y - cap),
            (mk.x_end, mk.y + cap),
            color.stroke_width(2),
        )?;
    }
    let r = if many {
        (m.marker_r * 3 / 4).max(3)
    } else {
        m.marker_r
    };
    for mk in layout
        .markers
        .iter()
        .filter(|mk| mk.precision == Precision::Day)
    {
        let Some(lane) = layout.lanes.get(mk.lane) else {
            continue;
        };
        p.shape(lane.shape, (mk.x, mk.y), r, &rgb(lane.color), true)?;
    }

    // Labels.
    let pad = (4.0 * m.s).round() as i32;
    let space_w = text_width(" ", m.label, false);
    for l in &layout.labels {
        let Some(lane) = layout.lanes.get(l.lane) else {
            continue;
        };
        p.rect((l.x, l.y), (l.x + l.w, l.y + l.h), WHITE.mix(0.88).filled())?;
        p.line(
            (l.x, l.y + l.h),
            (l.x + l.w, l.y + l.h),
            rgb(lane.color).mix(0.6).stroke_width(1),
        )?;
        p.text(
            &l.date_text,
            l.x + pad,
            l.y,
            m.label,
            true,
            &INK,
            HPos::Left,
        )?;
        let tx = l.x + pad + text_width(&l.date_text, m.label, true) + space_w;
        p.text(
            &l.text,
            tx,
            l.y,
            m.label,
            false,
            &RGBColor(45, 45, 52),
            HPos::Left,
        )?;
    }

    // Date axis.
    let axis_style = RGBColor(60, 62, 70).stroke_width(1);
    p.line(
        (layout.plot_left, layout.axis_y),
        (layout.plot_right, layout.axis_y),
        axis_style,
    )?;
    let tick_len = (6.0 * m.s).round() as i32;
    let tick_top = layout.axis_y + tick_len + (3.0 * m.s).round() as i32;
    for t in &layout.ticks {
        p.line(
            (t.x, layout.axis_y),
            (t.x, layout.axis_y + tick_len),
            axis_style,
        )?;
        p.text(&t.text, t.x, tick_top, m.tick, false, &INK, HPos::Center)?;
    }

    // Title, legend, footer.
    p.text(
        &layout.title,
        m.margin,
        m.margin,
        m.title,
        true,
        &INK,
        HPos::Left,
    )?;
    let legend_top = m.margin + line_h(m.title) + m.gap / 2;
    let legend_mid = legend_top + line_h(m.legend) / 2;
    let mut x = m.margin;
    let item_gap = 3 * m.gap;
    for lane in &layout.lanes {
        let w = 2 * m.marker_r + m.gap + text_width(&lane.name, m.legend, false);
        if x + w > width - m.margin {
            break;
        }
        p.shape(
            lane.shape,
            (x + m.marker_r, legend_mid),
            m.marker_r,
            &rgb(lane.color),
            false,
        )?;
        p.text(
            &lane.name,
            x + 2 * m.marker_r + m.gap,
            legend_top,
            m.legend,
            false,
            &INK,
            HPos::Left,
        )?;
        x += w + item_gap;
    }
    let mut extras: Vec<(bool, &str)> = Vec::new();
    if layout.has_spans {
        extras.push((true, "chỉ biết tháng/năm"));
    }
    if layout.has_assumed_years {
        extras.push((false, "(?) năm suy đoán"));
    }
    for (bar, text) in extras {
        let bar_w = if bar { 4 * m.marker_r } else { 0 };
        let w = bar_w + m.gap + text_width(text, m.legend, false);
        if x + w > width - m.margin {
            break;
        }
        if bar {
            p.rect(
                (x, legend_mid - half_bar),
                (x + bar_w, legend_mid + half_bar),
                MUTED.filled(),
            )?;
            p.line(
                (x, legend_mid - cap),
                (x, legend_mid + cap),
                MUTED.stroke_width(2),
            )?;
            p.line(
                (x + bar_w, legend_mid - cap),
                (x + bar_w, legend_mid + cap),
                MUTED.stroke_width(2),
            )?;
        }
        p.text(
            text,
            x + bar_w + if bar { m.gap } else { 0 },
            legend_top,
            m.legend,
            false,
            &MUTED,
            HPos::Left,
        )?;
        x += w + item_gap;
    }
    let footer_top = height - m.margin - line_h(m.footer);
    p.text(
        &layout.footer,
        m.margin,
        footer_top,
        m.footer,
        false,
        &MUTED,
        HPos::Left,
    )?;
    Ok(())
}

/// Renders the timeline as PNG file bytes (8-bit RGB).
///
/// Errors as [`layout_timeline`], plus [`ReportError::Draw`] if drawing fails.
pub fn render_png(events: &[Event], options: &TimelineOptions) -> Result<Vec<u8>, ReportError> {
    let layout = layout_timeline(events, options)?;
    let (w, h) = (layout.width, layout.height);
    let len = (w as usize)
        .checked_mul(h as usize)
        .and_then(|n| n.checked_mul(3))
        .ok_or_else(|| ReportError::Size(format!("{w}x{h} is too large")))?;
    let mut buf = vec![255u8; len];
    {
        let backend = BitMapBackend::<RGBPixel>::with_buffer_and_format(&mut buf, (w, h))
            .map_err(|e| ReportError::Draw(e.to_string()))?;
        let root = backend.into_drawing_area();
        draw_layout(&root, &layout, Flavor::Bitmap)?;
        root.present()
            .map_err(|e| ReportError::Draw(e.to_string()))?;
    }
    encode_png(&buf, w, h)
}

/// Renders the timeline as an SVG document. Text is kept as text (NFC), with the font family
/// "DejaVu Sans, sans-serif".
///
/// Errors as [`layout_timeline`], plus [`ReportError::Draw`] if drawing fails.
pub fn render_svg(events: &[Event], options: &TimelineOptions) -> Result<String, ReportError> {
    let layout = layout_timeline(events, options)?;
    let mut out = String::new();
    {
        let root =
            SVGBackend::with_string(&mut out, (layout.width, layout.height)).into_drawing_area();
        draw_layout(&root, &layout, Flavor::Svg)?;
        root.present()
            .map_err(|e| ReportError::Draw(e.to_string()))?;
    }
    Ok(out)
}

/// Encodes 8-bit RGB pixels (row-major, `w * h * 3` bytes) as a PNG file.
fn encode_png(rgb: &[u8], w: u32, h: u32) -> Result<Vec<u8>, ReportError> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder
        .write_header()
        .map_err(|e| ReportError::Draw(format!("PNG encoding failed: {e}")))?;
    writer
        .write_image_data(rgb)
        .map_err(|e| ReportError::Draw(format!("PNG encoding failed: {e}")))?;
    writer
        .finish()
        .map_err(|e| ReportError::Draw(format!("PNG encoding failed: {e}")))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn ev(i: usize, date: EventDate, label: &str, confidence: f64, title: &str) -> Event {
        Event {
            id: format!("a{i}"),
            date: crate::events::When::Dated(date),
            label: label.to_string(),
            confidence,
            title: title.to_string(),
            source: format!("a{i}.txt"),
            text: title.to_string(),
        }
    }

    fn day(y: i32, m: u32, d: u32) -> EventDate {
        EventDate::day(y, m, d).expect("valid test date")
    }

    fn month(y: i32, m: u32) -> EventDate {
        EventDate::month(y, m).expect("valid test month")
    }

    fn small_set() -> Vec<Event> {
        vec![
            ev(
                0,
                day(2023, 3, 14),
                "cybersecurity",
                0.9,
                "Tấn công ransomware vào bệnh viện",
            ),
            ev(
                1,
                day(2023, 9, 10),
                "summits",
                0.95,
                "Tổng thống Mỹ thăm Việt Nam",
            ),
            ev(
                2,
                month(2023, 9),
                "cybersecurity",
                0.7,
                "Lộ lọt dữ liệu khách hàng viễn thông",
            ),
            ev(
                3,
                day(2024, 1, 19),
                "space",
                0.8,
                "Tàu SLIM đáp xuống Mặt Trăng",
            ),
            ev(4, day(2024, 3, 29), "other", 0.99, "Giá vàng tăng kỷ lục"),
            ev(
                5,
                EventDate::year(2023),
                "space",
                0.6,
                "Vệ tinh LOTUSat-1 hoàn thiện",
            ),
            ev(
                6,
                day(2024, 6, 20),
                "summits",
                0.85,
                "Tổng thống Nga thăm Việt Nam",
            ),
            ev(
                7,
                day(2024, 10, 22),
                "summits",
                0.5,
                "Thượng đỉnh BRICS tại Kazan",
            ),
            ev(
                8,
                day(2023, 8, 23),
                "space",
                0.9,
                "Chandrayaan-3 hạ cánh cực Nam Mặt Trăng",
            ),
            ev(9, day(2024, 2, 1), "sports", 0.9, "Một nhãn không có làn"),
            ev(
                10,
                day(2024, 11, 8),
                "cybersecurity",
                0.75,
                "Diễn tập an ninh mạng quốc gia",
            ),
        ]
    }

    /// Deterministic events over 2022-2024 in all three precisions, a quarter labelled other.
    fn many(n: usize, seed: u64) -> Vec<Event> {
        let labels = ["cybersecurity", "summits", "space", "other"];
        let words = [
            "Hội nghị",
            "an ninh mạng",
            "vệ tinh",
            "thượng đỉnh",
            "tấn công",
            "dữ liệu",
            "Mặt Trăng",
            "hợp tác",
            "Việt Nam",
        ];
        let mut s = seed.max(1);
        let mut next = move || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            s
        };
        (0..n)
            .map(|i| {
                let r = next();
                let y = 2022 + (r % 3) as i32;
                let m = 1 + (r >> 8) as u32 % 12;
                let date = match (r >> 24) % 10 {
                    0 => EventDate::year(y),
                    1 | 2 => month(y, m),
                    _ => day(y, m, 1 + (r >> 16) as u32 % 28),
                };
                let nw = 2 + (r >> 32) as usize % 12;
                let title: Vec<&str> = (0..nw)
                    .map(|k| words[(r >> (36 + k * 2)) as usize % words.len()])
                    .collect();
                ev(
                    i,
                    date,
                    labels[(r >> 40) as usize % 4],
                    ((r >> 44) % 1000) as f64 / 1000.0,
                    &title.join(" "),
                )
            })
            .collect()
    }

    fn decode(png: &[u8]) -> image::RgbImage {
        image::load_from_memory_with_format(png, image::ImageFormat::Png)
            .expect("render_png must produce a valid PNG")
            .to_rgb8()
    }

    fn dist2(a: [u8; 3], b: (u8, u8, u8)) -> i32 {
        let d = |x: u8, y: u8| i32::from(x) - i32::from(y);
        d(a[0], b.0).pow(2) + d(a[1], b.1).pow(2) + d(a[2], b.2).pow(2)
    }

    /// Whether a pixel within `r` of (x, y) is within distance 12 of `color`.
    fn color_near(img: &image::RgbImage, x: i32, y: i32, r: i32, color: (u8, u8, u8)) -> bool {
        (-r..=r).any(|dy| {
            (-r..=r).any(|dx| {
                let (px, py) = (x + dx, y + dy);
                px >= 0
                    && py >= 0
                    && (px as u32) < img.width()
                    && (py as u32) < img.height()
                    && dist2(img.get_pixel(px as u32, py as u32).0, color) <= 144
            })
        })
    }

    fn assert_labels_sound(layout: &Layout) {
        let (w, h) = (layout.width as i32, layout.height as i32);
        for (i, a) in layout.labels.iter().enumerate() {
            assert!(a.w > 0 && a.h > 0, "empty label box {a:?}");
            assert!(
                a.x >= 0 && a.y >= 0 && a.x + a.w <= w && a.y + a.h <= h,
                "label leaves the picture: {a:?}"
            );
            assert!(
                a.x >= layout.plot_left,
                "label over the lane headers: {a:?}"
            );
            let lane = &layout.lanes[a.lane];
            assert!(
                a.y >= lane.top && a.y + a.h <= lane.baseline,
                "label outside its lane: {a:?} {lane:?}"
            );
            assert!(
                a.leader_x >= a.x && a.leader_x <= a.x + a.w,
                "leader misses its label: {a:?}"
            );
            for b in &layout.labels[i + 1..] {
                let overlap =
                    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
                assert!(!overlap, "labels overlap: {a:?} and {b:?}");
            }
            // No leader line crosses another label between its marker and its own label.
            for b in layout
                .labels
                .iter()
                .filter(|b| b.lane == a.lane && b.event != a.event)
            {
                let between = b.y >= a.y + a.h;
                let crosses = a.leader_x >= b.x && a.leader_x <= b.x + b.w;
                assert!(!(between && crosses), "leader of {a:?} crosses {b:?}");
            }
        }
    }

    #[test]
    fn png_has_the_requested_size() {
        let events = small_set();
        for (w, h) in [(1600, 900), (1000, 700), (400, 300), (2400, 1350)] {
            let options = TimelineOptions {
                width: w,
                height: h,
                ..TimelineOptions::default()
            };
            let img = decode(&render_png(&events, &options).expect("render"));
            assert_eq!((img.width(), img.height()), (w, h));
        }
    }

    #[test]
    fn lane_colours_appear_at_their_markers() {
        let events = small_set();
        let options = TimelineOptions::default();
        let layout = layout_timeline(&events, &options).expect("layout");
        let img = decode(&render_png(&events, &options).expect("render"));
        for (k, lane) in layout.lanes.iter().enumerate() {
            let ms: Vec<&Marker> = layout.markers.iter().filter(|m| m.lane == k).collect();
            assert!(
                !ms.is_empty(),
                "lane {} has events in the test set",
                lane.label
            );
            for mk in ms {
                // Day markers are solid shapes; month/year bars have solid end caps.
                assert!(
                    color_near(&img, mk.x, mk.y, 2, lane.color)
                        && color_near(&img, mk.x_end, mk.y, 2, lane.color),
                    "colour {:?} of lane {} missing at marker {mk:?}",
                    lane.color,
                    lane.label
                );
                // Control: another lane's colour is not there.
                let other = &layout.lanes[(k + 1) % layout.lanes.len()];
                assert!(
                    !color_near(&img, mk.x, mk.y, 2, other.color),
                    "colour of lane {} at {mk:?}",
                    other.label
                );
            }
        }
        // The legend and headers aside, the "other" and "sports" events leave no trace: nothing
        // is drawn at the x of the "other" event in any lane line.
        assert!(layout.markers.iter().all(|m| m.event != 4 && m.event != 9));
    }

    #[test]
    fn lane_colours_differ_in_grey() {
        let labels = ["cybersecurity", "summits", "space"];
        let grey601 = |(r, g, b): (u8, u8, u8)| {
            0.299 * f64::from(r) + 0.587 * f64::from(g) + 0.114 * f64::from(b)
        };
        let grey709 = |(r, g, b): (u8, u8, u8)| {
            0.2126 * f64::from(r) + 0.7152 * f64::from(g) + 0.0722 * f64::from(b)
        };
        for (i, a) in labels.iter().enumerate() {
            for b in &labels[i + 1..] {
                let (ca, cb) = (lane_color(a), lane_color(b));
                assert!(
                    (grey601(ca) - grey601(cb)).abs() >= 40.0,
                    "{a} vs {b} (Rec. 601)"
                );
                assert!(
                    (grey709(ca) - grey709(cb)).abs() >= 40.0,
                    "{a} vs {b} (Rec. 709)"
                );
            }
        }
        // Unknown labels get a stable colour, and the lanes get distinct shapes.
        assert_eq!(lane_color("sports"), lane_color("sports"));
        let layout = layout_timeline(&small_set(), &TimelineOptions::default()).expect("layout");
        let shapes: Vec<MarkerShape> = layout.lanes.iter().map(|l| l.shape).collect();
        assert!(shapes[0] != shapes[1] && shapes[1] != shapes[2] && shapes[0] != shapes[2]);
        let names: Vec<&str> = layout.lanes.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["An ninh mạng", "Thượng đỉnh", "Vũ trụ"]);
    }

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
            let topic = events.iter().filter(|e| e.label != "other").count();
            assert_eq!(
                layout.markers.len(),
                topic,
                "a marker for every topic event"
            );
            assert!(
                layout.labels.len() >= 15,
                "only {} labels",
                layout.labels.len()
            );
            assert!(
                layout.labels.len() < topic,
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

    fn ticks_for(first: NaiveDate, last: NaiveDate) -> Layout {
        let events = vec![
            ev(
                0,
                EventDate::from_date(first, Precision::Day),
                "space",
                0.9,
                "đầu",
            ),
            ev(
                1,
                EventDate::from_date(last, Precision::Day),
                "summits",
                0.9,
                "cuối",
            ),
        ];
        layout_timeline(&events, &TimelineOptions::default()).expect("layout")
    }

    #[test]
    fn ticks_suit_every_span() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).expect("date");
        let cases = [
            ("1 day", d(2024, 3, 29), d(2024, 3, 29), 2usize),
            ("10 days", d(2024, 3, 1), d(2024, 3, 10), 2),
            ("3 months", d(2024, 1, 10), d(2024, 4, 10), 2),
            ("2 years", d(2022, 6, 1), d(2024, 6, 1), 1),
            ("30 years", d(1994, 1, 1), d(2024, 1, 1), 0),
            ("200 years", d(1824, 1, 1), d(2024, 1, 1), 0),
        ];
        for (name, first, last, slashes) in cases {
            let layout = ticks_for(first, last);
            let ticks = &layout.ticks;
            assert!(
                (3..=20).contains(&ticks.len()),
                "{name}: {} ticks {ticks:?}",
                ticks.len()
            );
            for t in ticks {
                assert_eq!(t.text.matches('/').count(), slashes, "{name}: {t:?}");
                assert!(
                    t.x >= layout.plot_left && t.x <= layout.plot_right,
                    "{name}: {t:?} outside the plot"
                );
            }
            assert!(
                ticks.windows(2).all(|p| p[0].x < p[1].x),
                "{name}: ticks not increasing {ticks:?}"
            );
            // Every tick text reads back as a date, and they are in order.
            let parsed: Vec<NaiveDate> = ticks
                .iter()
                .map(|t| {
                    let p: Vec<i32> = t
                        .text
                        .split('/')
                        .map(|s| s.parse().expect("number"))
                        .collect();
                    match p.as_slice() {
                        [dd, m, y] => d(*y, *m as u32, *dd as u32),
                        [m, y] => d(*y, *m as u32, 1),
                        [y] => d(*y, 1, 1),
                        _ => panic!("{name}: odd tick {t:?}"),
                    }
                })
                .collect();
            assert!(parsed.windows(2).all(|p| p[0] < p[1]), "{name}: {ticks:?}");
            // The events' own dates lie inside the axis.
            let first_x = layout.markers.iter().map(|m| m.x).min().unwrap_or(0);
            assert!(first_x > layout.plot_left, "{name}: the range is padded");
        }
        // Three months: ticks on the 1st and 16th of the month.
        let layout = ticks_for(d(2024, 1, 10), d(2024, 4, 10));
        assert!(
            layout
                .ticks
                .iter()
                .all(|t| t.text.starts_with("1/") || t.text.starts_with("16/")),
            "{:?}",
            layout.ticks
        );
        // One day: that day is a tick, right under its marker.
        let layout = ticks_for(d(2024, 3, 29), d(2024, 3, 29));
        let t = layout
            .ticks
            .iter()
            .find(|t| t.text == "29/3/2024")
            .expect("the day's tick");
        assert_eq!(t.x, layout.markers[0].x);
    }

    #[test]
    fn spans_cover_their_month_or_year() {
        let events = vec![
            ev(0, day(2023, 1, 1), "space", 0.9, "a"),
            ev(1, month(2023, 6), "space", 0.9, "b"),
            ev(2, EventDate::year(2024), "space", 0.9, "c"),
            ev(3, day(2024, 12, 31), "space", 0.9, "d"),
        ];
        let layout = layout_timeline(&events, &TimelineOptions::default()).expect("layout");
        let mk = |i: usize| {
            layout
                .markers
                .iter()
                .find(|m| m.event == i)
                .expect("marker")
        };
        assert_eq!(mk(0).x, mk(0).x_end);
        let month_w = mk(1).x_end - mk(1).x;
        let year_w = mk(2).x_end - mk(2).x;
        assert!(month_w > 20, "a month is a bar, not a point ({month_w}px)");
        assert!(
            (year_w as f64 / month_w as f64 - 366.0 / 30.0).abs() < 1.0,
            "{year_w} vs {month_w}"
        );
        // The year bar ends where the day after 31/12/2024 would be.
        assert!(
            (mk(2).x_end - mk(3).x).abs() <= 2,
            "{:?} vs {:?}",
            mk(2),
            mk(3)
        );
        assert!(layout.has_spans && !layout.has_assumed_years);
    }

    #[test]
    fn other_and_unknown_labels_are_not_drawn() {
        let events = small_set();
        let layout = layout_timeline(&events, &TimelineOptions::default()).expect("layout");
        assert_eq!(layout.markers.len(), 9);
        assert!(layout
            .markers
            .iter()
            .all(|m| events[m.event].label != "other" && events[m.event].label != "sports"));
        assert!(layout.labels.iter().all(|l| l.event != 4 && l.event != 9));
        // Even when asked for, "other" gets no lane.
        let options = TimelineOptions {
            lanes: vec!["other".into(), "space".into()],
            ..TimelineOptions::default()
        };
        let layout = layout_timeline(&events, &options).expect("layout");
        assert_eq!(layout.lanes.len(), 1);
        assert!(layout
            .markers
            .iter()
            .all(|m| events[m.event].label == "space"));
        // Only "other" (or nothing) is an error, never a blank chart.
        let only_other: Vec<Event> = events
            .iter()
            .filter(|e| e.label == "other")
            .cloned()
            .collect();
        assert_eq!(
            render_png(&only_other, &TimelineOptions::default()),
            Err(ReportError::NoEvents)
        );
        assert_eq!(
            render_svg(&[], &TimelineOptions::default()),
            Err(ReportError::NoEvents)
        );
        let no_lanes = TimelineOptions {
            lanes: vec![],
            ..TimelineOptions::default()
        };
        assert_eq!(
            layout_timeline(&events, &no_lanes),
            Err(ReportError::NoEvents)
        );
    }

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
    fn svg_contains_the_nfc_title() {
        let nfd: String = "Dòng thời gian: Thượng đỉnh & vũ trụ".nfd().collect();
        let nfc: String = nfd.nfc().collect();
        assert_ne!(nfd, nfc);
        let options = TimelineOptions {
            title: Some(nfd.clone()),
            footer: "Nguồn: 6 bài".nfd().collect(),
            ..TimelineOptions::default()
        };
        let svg = render_svg(&small_set(), &options).expect("svg");
        assert!(svg.starts_with("<svg"));
        assert!(
            svg.contains(&nfc.replace('&', "&amp;")),
            "NFC title missing"
        );
        assert!(!svg.contains(&nfd.replace('&', "&amp;")), "NFD title drawn");
        assert!(
            svg.contains("Nguồn: 6 bài") && svg.contains("An ninh mạng") && svg.contains("Vũ trụ")
        );
        assert!(svg.contains(FAMILY));
    }

    #[test]
    fn titles_are_built_from_the_span() {
        let mk = |a: EventDate, b: EventDate| {
            let events = vec![ev(0, a, "space", 0.5, "x"), ev(1, b, "summits", 0.5, "y")];
            layout_timeline(&events, &TimelineOptions::default())
                .expect("layout")
                .title
        };
        assert_eq!(
            mk(day(2023, 3, 5), day(2024, 11, 20)),
            "Dòng thời gian sự kiện 3/2023 – 11/2024"
        );
        assert_eq!(
            mk(month(2023, 3), month(2024, 11)),
            "Dòng thời gian sự kiện 3/2023 – 11/2024"
        );
        assert_eq!(
            mk(day(2024, 3, 29), day(2024, 3, 29)),
            "Dòng thời gian sự kiện 29/3/2024"
        );
        assert_eq!(
            mk(day(2024, 3, 1), day(2024, 3, 29)),
            "Dòng thời gian sự kiện 1/3/2024 – 29/3/2024"
        );
        assert_eq!(
            mk(EventDate::year(1990), day(2024, 1, 2)),
            "Dòng thời gian sự kiện 1990 – 2024"
        );
        let options = TimelineOptions {
            title: Some("  Báo cáo\ntuần ".into()),
            ..TimelineOptions::default()
        };
        assert_eq!(
            layout_timeline(&small_set(), &options)
                .expect("layout")
                .title,
            "Báo cáo tuần"
        );
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
        assert!(!layout.has_assumed_years);
    }

    #[test]
    fn shorten_and_fit() {
        assert_eq!(shorten("một hai ba", 20), "một hai ba");
        assert_eq!(shorten("một hai ba bốn năm", 12), "một hai ba…");
        assert_eq!(shorten("abcdefghijkl", 6), "abcde…");
        assert_eq!(shorten("xyz", 1), "…");
        ensure_fonts().expect("fonts");
        let s = "Tổng thống Nga Vladimir Putin thăm cấp Nhà nước Việt Nam";
        let fitted = fit_width(s, 16.0, false, 200);
        assert!(
            text_width(&fitted, 16.0, false) <= 200 && fitted.ends_with('…'),
            "{fitted}"
        );
        assert_eq!(fit_width(s, 16.0, false, 5), "");
        assert_eq!(clean_text(" a\t\nb\u{7}c "), "a bc");
    }

    #[test]
    fn bundled_font_metrics_are_read() {
        let b = bearings(false).expect("DejaVu Sans parses");
        assert!((b.height - 2384.0).abs() < 1.0, "{}", b.height);
        assert!(b.glyph('T').is_some() && b.glyph('ệ').is_some() && b.glyph('Ấ').is_some());
        assert!(b.x_min('i').unwrap_or(0) > b.x_min('T').unwrap_or(0));
        assert_eq!(b.x_min(' '), None);
        assert!(b.ink_offset('B', 100.0) > 3, "B has a left bearing");
        assert!(bearings(true).is_some());
    }

    #[test]
    fn png_encoder_round_trips() {
        let (w, h) = (97u32, 61u32);
        let mut s = 12345u64;
        let mut noise = Vec::new();
        let mut flat = Vec::new();
        for i in 0..(w * h * 3) as usize {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            noise.push((s >> 56) as u8);
            flat.push(if (i / 3) % 17 < 3 {
                (i % 251) as u8
            } else {
                255
            });
        }
        for data in [noise, flat, vec![0u8; (w * h * 3) as usize]] {
            let img = decode(&encode_png(&data, w, h).unwrap());
            assert_eq!((img.width(), img.height()), (w, h));
            assert_eq!(img.into_raw(), data);
        }
        let png = encode_png(&vec![255u8; 1600 * 900 * 3], 1600, 900).unwrap();
        assert!(
            png.len() < 40_000,
            "a white picture compresses ({} bytes)",
            png.len()
        );
    }

    #[test]
    fn odd_dates_do_not_panic() {
        let bad = EventDate {
            year: 2023,
            month: 2,
            day: 30,
            precision: Precision::Day,
        };
        let far = EventDate::year(-3000);
        let events = vec![
            ev(0, bad, "space", 0.5, "x"),
            ev(1, day(2024, 1, 1), "space", f64::NAN, "y"),
            ev(2, far, "summits", 2.0, ""),
        ];
        let layout = layout_timeline(&events, &TimelineOptions::default()).expect("layout");
        assert!(
            layout.markers.iter().all(|m| m.event != 0),
            "an impossible date is not drawn"
        );
        assert!(layout.ticks.len() >= 3, "{:?}", layout.ticks);
        assert!(
            layout.ticks.iter().all(|t| t.text.parse::<i32>().is_ok()),
            "{:?}",
            layout.ticks
        );
        assert_eq!(
            layout_timeline(&events[..1], &TimelineOptions::default()),
            Err(ReportError::NoEvents)
        );
        assert_labels_sound(&layout);
        assert!(render_png(&events, &TimelineOptions::default()).is_ok());
    }

    #[test]
    fn render_500_events_draws_a_full_picture() {
        // Speed is measured by `cargo bench --bench pipeline` (report/timeline_500_events_png),
        // not asserted here.
        let events = many(500, 99);
        let png = render_png(&events, &TimelineOptions::default()).expect("render");
        assert_eq!(decode(&png).dimensions(), (1600, 900));
    }

    /// Renders with the environment it was started in and checks that the title was drawn;
    /// run by `text_needs_no_system_fonts` with an empty fontconfig set-up.
    #[test]
    #[ignore = "run by text_needs_no_system_fonts in a child process"]
    fn child_render_without_fontconfig() {
        let options = TimelineOptions {
            title: Some("Dòng thời gian sự kiện".into()),
            ..TimelineOptions::default()
        };
        let img = decode(&render_png(&small_set(), &options).expect("render without system fonts"));
        let m = Metrics::new(1.0);
        let title_w = text_width("Dòng thời gian sự kiện", m.title, true);
        let (mut dark, mut total) = (0, 0);
        for y in m.margin..m.margin + line_h(m.title) {
            for x in m.margin..m.margin + title_w {
                total += 1;
                if img.get_pixel(x as u32, y as u32).0.iter().all(|&c| c < 80) {
                    dark += 1;
                }
            }
        }
        assert!(
            dark * 100 > total * 8,
            "title area has {dark} dark pixels of {total}"
        );
        // And nothing dark right of the title.
        let clear = (m.margin + title_w + 10..m.margin + title_w + 200).all(|x| {
            img.get_pixel(x as u32, (m.margin + 10) as u32)
                .0
                .iter()
                .all(|&c| c > 200)
        });
        assert!(clear);
    }

    #[test]
    fn text_needs_no_system_fonts() {
        let dir = std::env::temp_dir().join(format!("newsline-report-fc-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let conf = dir.join("fonts.conf");
        std::fs::write(
            &conf,
            "<?xml version=\"1.0\"?>\n<fontconfig></fontconfig>\n",
        )
        .expect("write fonts.conf");
        let module = module_path!()
            .split_once("::")
            .map_or(module_path!(), |(_, rest)| rest);
        let name = format!("{module}::child_render_without_fontconfig");
        let exe = std::env::current_exe().expect("test binary");
        let out = std::process::Command::new(exe)
            .args([name.as_str(), "--exact", "--ignored", "--test-threads=1"])
            .env("FONTCONFIG_FILE", &conf)
            .env("FONTCONFIG_PATH", &dir)
            .env("HOME", &dir)
            .env_remove("XDG_DATA_DIRS")
            .output()
            .expect("run the child test");
        let _ = std::fs::remove_dir_all(&dir);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "child failed: {stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            stdout.contains("1 passed"),
            "the child test did not run: {stdout}"
        );
    }
}
