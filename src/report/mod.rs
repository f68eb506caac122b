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

use plotters::backend::RGBPixel;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::events::{Event, Precision};

mod axis;
mod bearings;
#[cfg(test)]
mod fixtures;
mod labels;
mod text;
mod theme;

use axis::{date_is_valid, day_number, event_days, make_ticks, padded_range, span_title, XScale};
use theme::lane_name;
pub use theme::{lane_color, MarkerShape};

use bearings::glyph_positions;
use labels::{Candidate, LabelSpec};
use text::{clean_text, ensure_fonts, font, line_h, shorten, text_width, TEXT_ABOVE};

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
        .filter(|(_, e)| date_is_valid(&e.date))
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
    for &(i, _) in &drawn {
        let (a, b) = event_days(&events[i].date);
        lo = lo.min(a);
        hi = hi.max(b);
    }
    let hi_incl = drawn
        .iter()
        .map(|&(i, _)| day_number(events[i].date.end()))
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
    let title = shorten(&raw_title, usize::MAX, m.title, true, content_w);
    let footer = shorten(
        &clean_text(&options.footer),
        usize::MAX,
        m.footer,
        false,
        content_w,
    );

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
    let ticks: Vec<Tick> = make_ticks(&scale, m.tick, 2 * m.gap)
        .into_iter()
        .map(|t| Tick {
            x: t.x,
            text: t.text,
        })
        .collect();

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
                name: shorten(
                    &lane_name(l),
                    usize::MAX,
                    m.lane_name,
                    true,
                    header_w - swatch,
                ),
                shape: MarkerShape::for_lane(k),
                baseline: bottom - base_off,
                summary: String::new(),
            }
        })
        .collect();

    // Markers, in date order so later ones are drawn on top of earlier ones consistently.
    let mut markers: Vec<Marker> = drawn
        .iter()
        .map(|&(i, k)| {
            let date = &events[i].date;
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

    // Labels: rows above each lane line, filled by labels::choose.
    let label_h = line_h(m.label);
    let row_pitch = label_h + (4.0 * m.s).round() as i32;
    let spec = LabelSpec {
        size: m.label,
        pad: (4.0 * m.s).round() as i32,
        space_w: text_width(" ", m.label, false),
        gap: m.gap,
        left: plot_left,
        right: width - m.margin,
        max_w: ((width - m.margin - plot_left) / 2).min((560.0 * m.s) as i32),
    };
    let lowest_bottom = |lane: &LaneLayout| lane.baseline - m.marker_r - (8.0 * m.s).round() as i32;
    let n_rows: Vec<usize> = lanes
        .iter()
        .map(|lane| {
            let usable = lowest_bottom(lane) - (lane.top + spec.pad);
            if usable >= label_h {
                ((usable - label_h) / row_pitch + 1) as usize
            } else {
                0
            }
        })
        .collect();
    let candidates: Vec<Candidate> = markers
        .iter()
        .map(|mk| Candidate {
            event: mk.event,
            lane: mk.lane,
            x: mk.x,
        })
        .collect();
    let mut labels: Vec<LabelBox> = Vec::new();
    for p in labels::choose(events, &candidates, &n_rows, &spec) {
        let bottom = lowest_bottom(&lanes[p.lane]);
        labels.push(LabelBox {
            event: p.event,
            lane: p.lane,
            x: p.x,
            y: bottom - label_h - p.row as i32 * row_pitch,
            w: p.w,
            h: label_h,
            date_text: p.date_text,
            text: p.text,
            leader_x: p.leader_x,
        });
        lanes[p.lane].labelled += 1;
    }
    for lane in &mut lanes {
        lane.summary = shorten(
            &lane_summary(lane.events, lane.labelled),
            usize::MAX,
            m.lane_count,
            false,
            header_w,
        );
    }
    labels.sort_by_key(|l| (l.lane, l.x, l.y));

    let has_spans = markers.iter().any(|mk| mk.precision != Precision::Day);
    let has_assumed_years = drawn.iter().any(|&(i, _)| !events[i].year_known);
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
        let left = match h {
            HPos::Left => x,
            HPos::Center => x - text_width(text, size, bold) / 2,
            HPos::Right => x - text_width(text, size, bold),
        };
        let glyphs = match self.flavor {
            Flavor::Bitmap => glyph_positions(text, left, size, bold),
            Flavor::Svg => None,
        };
        let Some(glyphs) = glyphs else {
            return self
                .root
                .draw(&Text::new(text, (x, y), style))
                .map_err(Self::err);
        };
        let style = style.pos(Pos::new(HPos::Left, VPos::Top));
        for (glyph, gx) in glyphs {
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
    use crate::events::EventDate;
    use crate::report::fixtures::*;
    use crate::report::text::FAMILY;
    use unicode_normalization::UnicodeNormalization;

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
    fn render_500_events_draws_a_full_picture() {
        // Speed is measured by `cargo bench --bench pipeline` (report/timeline_500_events_png),
        // not asserted here.
        let events = many(500, 99);
        let png = render_png(&events, &TimelineOptions::default()).expect("render");
        assert_eq!(decode(&png).dimensions(), (1600, 900));
    }
}
