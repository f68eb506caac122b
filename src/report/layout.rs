//! Where everything goes: every position and size the drawing uses is decided here, once.
//!
//! The picture is cut into bands from the top (title, legend, lanes, date axis, footer) and
//! the lanes into a header column and the plot. Text is measured with the font it will be
//! drawn with, so the drawing only reads a [`Layout`]: a second writer (an HTML page, say)
//! can draw the same picture from it without measuring anything.

use super::axis::{
    date_is_valid, day_number, event_days, make_ticks, padded_range, span_title, XScale,
};
use super::labels::{self, Candidate, LabelSpec};
use super::legend::{legend, Notes};
use super::text::{clean_text, ensure_fonts, line_h, shorten, text_width, TextPos};
use super::theme::{lane_color, lane_name, source_scale, MarkerShape, Metrics, HOLLOW_STROKE};
use super::{ReportError, TimelineOptions};
use crate::events::{Event, EventDate, Precision, Role};

/// A lane's marker shape drawn as a key (in the legend and lane headers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Swatch {
    /// Centre, x.
    pub x: i32,
    /// Centre, y.
    pub y: i32,
    /// Radius.
    pub r: i32,
}

/// What stands before a legend text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegendKey {
    /// The marker shape of lane `lane`, in its colour.
    Lane {
        /// Lane index.
        lane: usize,
        /// Where the shape goes.
        swatch: Swatch,
    },
    /// A month/year bar from `left` to `right`, centred on `y`.
    Span {
        /// Left end.
        left: i32,
        /// Right end.
        right: i32,
        /// Centre line.
        y: i32,
    },
    /// A hollow marker: planned events.
    Planned {
        /// Where the shape goes.
        swatch: Swatch,
    },
    /// Nothing: a note.
    Note,
}

/// One entry of the legend under the title.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendItem {
    /// What stands before the text.
    pub key: LegendKey,
    /// The text, e.g. "An ninh mạng" or "chỉ biết tháng/năm".
    pub text: String,
    /// Where the text goes.
    pub text_at: TextPos,
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
    /// Where the leader line starts (y), just above its marker.
    pub leader_y: i32,
    /// Where the date goes.
    pub date_at: TextPos,
    /// Where the title goes, after the date and a space.
    pub text_at: TextPos,
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
    /// End of the span (a range of days, a week, a month, a year); equal to `x` for one day.
    pub x_end: i32,
    /// Vertical centre.
    pub y: i32,
    /// The date's precision: day precision is a shape, month and year precision a bar.
    pub precision: Precision,
    /// Drawn hollow: a planned event, not yet happened.
    pub hollow: bool,
    /// Radius of a day marker: larger for a happening more sources report.
    pub r: i32,
}

/// One date-axis tick.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    /// Pixel position.
    pub x: i32,
    /// Label: "29/3/2024" (days), "3/2024" (months) or "2024" (years).
    pub text: String,
    /// Where the label goes: centred under the tick.
    pub text_at: TextPos,
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
    /// The shape before the name in the lane header; `None` when the lane is too low for
    /// the name.
    pub key: Option<Swatch>,
    /// Where the name goes in the lane header; `None` when the lane is too low for it.
    pub name_at: Option<TextPos>,
    /// Where the count line goes, under the name; `None` when the lane is too low for it.
    pub summary_at: Option<TextPos>,
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
    /// Where the title goes.
    pub title_at: TextPos,
    /// The legend under the title, left to right; entries that do not fit are left out.
    pub legend: Vec<LegendItem>,
    /// Lanes, top to bottom.
    pub lanes: Vec<LaneLayout>,
    /// Left and right ends of the lane bands and of the lines between lanes.
    pub band_left: i32,
    /// See `band_left`.
    pub band_right: i32,
    /// Top of the grid lines at the ticks: the first lane's top.
    pub grid_top: i32,
    /// One marker per drawn event.
    pub markers: Vec<Marker>,
    /// Radius of a one-source day marker (smaller when many are drawn); see [`Marker::r`].
    pub marker_r: i32,
    /// Width of a hollow marker's outline.
    pub hollow_stroke: u32,
    /// Half the thickness of month/year bars.
    pub bar_half: i32,
    /// Half the height of the end caps of month/year bars.
    pub bar_cap: i32,
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
    /// Lower end of the tick marks, which hang from the axis line.
    pub tick_bottom: i32,
    /// Footer as drawn (NFC, shortened to fit).
    pub footer: String,
    /// Where the footer goes.
    pub footer_at: TextPos,
    /// Font scale relative to 1600x900.
    pub font_scale: f64,
    /// Whether some drawn event has month or year precision (legend shows the bar).
    pub has_spans: bool,
}

/// First day and the day after the last day an event covers, as day numbers: a range or a
/// week to its last day ([`Event::last_day`]), else as [`event_days`] (a day is a point).
fn event_span(event: &Event, date: &EventDate) -> (i64, i64) {
    match (event.end, event.last_day()) {
        (Some(_), Some(last)) => (day_number(date.start()), day_number(last) + 1),
        _ => event_days(date),
    }
}

fn lane_summary(events: usize, labelled: usize) -> String {
    if events == labelled {
        format!("{events} sự kiện")
    } else {
        format!("{events} sự kiện, {labelled} có nhãn")
    }
}

/// Computes the timeline layout: lanes, markers, labels, ticks, legend and where every text
/// goes.
///
/// Events whose label is not one of `options.lanes`, whose label is `other`, or whose date is
/// not a real calendar date are not drawn.
///
/// Errors: [`ReportError::Size`] for a size out of range, [`ReportError::NoEvents`] when no
/// event is left to draw.
pub fn layout_timeline(events: &[Event], options: &TimelineOptions) -> Result<Layout, ReportError> {
    options.check_size()?;
    ensure_fonts()?;

    // Lanes: options order, duplicates and "other" dropped.
    let mut lane_labels: Vec<String> = Vec::new();
    for l in &options.lanes {
        if l != "other" && !lane_labels.contains(l) {
            lane_labels.push(l.clone());
        }
    }
    // Only events with a known year can be placed; a yearless one is listed by `events`.
    // Background (history the articles cite) only when asked for.
    let drawn: Vec<(usize, usize, EventDate)> = events
        .iter()
        .enumerate()
        .filter(|(_, e)| options.background || e.role != Role::Background)
        .filter_map(|(i, e)| {
            let date = *e.dated().filter(|d| date_is_valid(d))?;
            let lane = lane_labels.iter().position(|l| *l == e.label)?;
            Some((i, lane, date))
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
    for &(i, _, date) in &drawn {
        let (a, b) = event_span(&events[i], &date);
        lo = lo.min(a);
        hi = hi.max(b);
    }
    let hi_incl = drawn
        .iter()
        .map(|&(i, _, date)| day_number(events[i].last_day().unwrap_or_else(|| date.end())))
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
    let tick_len = m.px(6.0);
    let tick_label_top = footer_top - m.gap - line_h(m.tick);
    let axis_y = tick_label_top - tick_len - m.px(3.0);
    let n_lanes = lane_labels.len() as i32;
    let lane_h = ((axis_y - lanes_top) / n_lanes).max(1);

    // Horizontal bands: lane header column, then the plot.
    let mut lane_counts = vec![0usize; lane_labels.len()];
    for &(_, k, _) in &drawn {
        lane_counts[k] += 1;
    }
    let swatch = 2 * m.marker_r + m.gap;
    let header_max = (f64::from(width) * 0.22) as i32;
    // Wide enough for the longest count line the lane can get ("n events, n-1 labelled").
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
    // Room for half of the widest day tick right of the last tick.
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
            text_at: TextPos::centred(t.x, t.width, tick_label_top, m.tick, false),
            x: t.x,
            text: t.text,
        })
        .collect();

    // Lanes, with their header: shape and name, then the count line, each only if it fits.
    let base_off = m.span_off + m.cap + m.px(6.0);
    let name_h = line_h(m.lane_name);
    let mut lanes: Vec<LaneLayout> = lane_labels
        .iter()
        .enumerate()
        .map(|(k, l)| {
            let top = lanes_top + k as i32 * lane_h;
            let bottom = top + lane_h;
            let name_top = top + m.gap;
            let name_fits = name_top + name_h <= bottom;
            let count_top = name_top + name_h + m.gap / 2;
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
                key: name_fits.then_some(Swatch {
                    x: m.margin + m.marker_r + 1,
                    y: name_top + name_h / 2,
                    r: m.marker_r + 1,
                }),
                name_at: name_fits
                    .then(|| TextPos::left(m.margin + swatch, name_top, m.lane_name, true)),
                summary_at: (count_top + line_h(m.lane_count) <= bottom)
                    .then(|| TextPos::left(m.margin, count_top, m.lane_count, false)),
            }
        })
        .collect();

    // Markers, in date order so later ones are drawn on top of earlier ones consistently.
    let mut markers: Vec<Marker> = drawn
        .iter()
        .map(|&(i, k, date)| {
            let (a, b) = event_span(&events[i], &date);
            let x = scale.x(a);
            // A range of days ("17-19/5") is drawn from its first to its last day, on the
            // lane's baseline with its day marker at the start.
            let x_end = match date.precision {
                Precision::Day if b == a => x,
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
                hollow: events[i].role == Role::Planned,
                r: 0,
            }
        })
        .collect();
    markers.sort_by_key(|mk| (mk.lane, mk.x, mk.event));
    // Crowded lanes get smaller markers so that neighbours stay apart.
    let marker_r = if markers.len() > 150 {
        (m.marker_r * 3 / 4).max(3)
    } else {
        m.marker_r
    };
    for mk in &mut markers {
        let scale = source_scale(events[mk.event].sources.len());
        mk.r = (f64::from(marker_r) * scale).round() as i32;
    }

    let labels = place_labels(events, &markers, &mut lanes, &m, plot_left, width);
    for lane in &mut lanes {
        lane.summary = shorten(
            &lane_summary(lane.events, lane.labelled),
            usize::MAX,
            m.lane_count,
            false,
            header_w,
        );
    }

    let has_spans = markers.iter().any(|mk| mk.precision != Precision::Day);
    let notes = Notes {
        spans: has_spans,
        planned: markers.iter().any(|mk| mk.hollow),
        sources: markers.iter().any(|mk| events[mk.event].sources.len() > 1),
    };
    let legend = legend(&lanes, notes, &m, legend_top, width);
    Ok(Layout {
        width: options.width,
        height: options.height,
        title,
        title_at: TextPos::left(m.margin, title_top, m.title, true),
        legend,
        lanes,
        band_left: m.margin / 2,
        band_right: width - m.margin / 2,
        grid_top: lanes_top,
        markers,
        marker_r,
        hollow_stroke: (HOLLOW_STROKE * m.s).round().max(1.0) as u32,
        bar_half: m.half_bar,
        bar_cap: m.cap,
        labels,
        ticks,
        plot_left,
        plot_right,
        axis_y,
        tick_bottom: axis_y + tick_len,
        footer,
        footer_at: TextPos::left(m.margin, footer_top, m.footer, false),
        font_scale,
        has_spans,
    })
}

/// Label rows above each lane line, the labels packed into them, and the lanes' label counts.
fn place_labels(
    events: &[Event],
    markers: &[Marker],
    lanes: &mut [LaneLayout],
    m: &Metrics,
    plot_left: i32,
    width: i32,
) -> Vec<LabelBox> {
    let label_h = line_h(m.label);
    let row_pitch = label_h + m.px(4.0);
    let spec = LabelSpec {
        size: m.label,
        pad: m.px(4.0),
        space_w: text_width(" ", m.label, false),
        gap: m.gap,
        left: plot_left,
        right: width - m.margin,
        max_w: ((width - m.margin - plot_left) / 2).min((560.0 * m.s) as i32),
    };
    // The lowest row ends above the markers, clear of their leader lines' start.
    let lowest_bottom = |lane: &LaneLayout| lane.baseline - m.marker_r - m.px(8.0);
    let rows: Vec<usize> = lanes
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
    let mut marker_y = vec![None; events.len()];
    for mk in markers {
        // A leader starts just above a day marker's shape or a bar's end cap.
        marker_y[mk.event] = Some(match mk.precision {
            Precision::Day => mk.y - mk.r - 1,
            _ => mk.y - m.cap - 1,
        });
    }
    let mut out: Vec<LabelBox> = labels::choose(events, &candidates, &rows, &spec)
        .into_iter()
        .map(|p| {
            let lane = &mut lanes[p.lane];
            lane.labelled += 1;
            let y = lowest_bottom(lane) - label_h - p.row as i32 * row_pitch;
            let date_left = p.x + spec.pad;
            LabelBox {
                event: p.event,
                lane: p.lane,
                x: p.x,
                y,
                w: p.w,
                h: label_h,
                date_text: p.date_text,
                text: p.text,
                leader_x: p.leader_x,
                leader_y: marker_y[p.event].unwrap_or(y + label_h),
                date_at: TextPos::left(date_left, y, m.label, true),
                text_at: TextPos::left(date_left + p.date_w + spec.space_w, y, m.label, false),
            }
        })
        .collect();
    out.sort_by_key(|l| (l.lane, l.x, l.y));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::EventDate;
    use crate::report::fixtures::*;
    use crate::report::ReportError;
    use crate::report::{render_png, render_svg};

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
        assert!(layout.has_spans);
    }

    #[test]
    fn ranges_of_days_span_to_their_last_day() {
        let mut range = ev(1, day(2024, 5, 17), "space", 0.9, "range");
        range.end = Some(day(2024, 5, 19));
        let events = vec![
            ev(0, day(2024, 5, 1), "space", 0.9, "a"),
            range,
            ev(2, day(2024, 5, 20), "space", 0.9, "b"),
            ev(3, day(2024, 5, 31), "space", 0.9, "c"),
        ];
        let layout = layout_timeline(&events, &TimelineOptions::default()).expect("layout");
        let mk = |i: usize| {
            layout
                .markers
                .iter()
                .find(|m| m.event == i)
                .expect("marker")
        };
        // Three days wide: from the 17th to where the 20th starts.
        assert_eq!(mk(1).precision, Precision::Day);
        assert!(mk(1).x_end > mk(1).x, "{:?}", mk(1));
        assert!(
            (mk(1).x_end - mk(2).x).abs() <= 2,
            "{:?} vs {:?}",
            mk(1),
            mk(2)
        );
        assert_eq!(mk(0).x, mk(0).x_end);
        // A range is no month: the legend's "month/year only" note stays off.
        assert!(!layout.has_spans);
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

    /// Events 0-2 in one lane: a happening three articles report, a background event and a
    /// planned one.
    fn roles_set() -> Vec<Event> {
        let mut events = vec![
            ev(
                0,
                day(2024, 6, 4),
                "space",
                0.9,
                "Vệ tinh SaoMai-2 lên quỹ đạo",
            ),
            ev(
                1,
                day(2024, 6, 5),
                "space",
                0.9,
                "Chuyến bay vũ trụ đầu tiên",
            ),
            ev(2, day(2024, 6, 20), "space", 0.9, "Phóng vệ tinh thứ ba"),
        ];
        let one = events[0].sources[0].clone();
        events[0].sources = ["a0", "b0", "c0"]
            .iter()
            .map(|id| crate::events::Source {
                id: id.to_string(),
                ..one.clone()
            })
            .collect();
        events[1].role = Role::Background;
        events[2].role = Role::Planned;
        events
    }

    #[test]
    fn planned_are_hollow_background_is_left_out_and_sources_show() {
        let events = roles_set();
        let layout = layout_timeline(&events, &TimelineOptions::default()).expect("layout");
        let drawn: Vec<usize> = layout.markers.iter().map(|m| m.event).collect();
        assert_eq!(drawn, [0, 2], "background is left out");
        let mk = |i: usize| {
            layout
                .markers
                .iter()
                .find(|m| m.event == i)
                .expect("marker")
        };
        assert!(!mk(0).hollow && mk(2).hollow);
        assert!(mk(0).r > mk(2).r, "three sources: a larger marker");
        assert_eq!(mk(2).r, layout.marker_r);
        let label = layout.labels.iter().find(|l| l.event == 0).expect("label");
        assert!(label.text.ends_with(" (3 nguồn)"), "{}", label.text);
        let other = layout.labels.iter().find(|l| l.event == 2).expect("label");
        assert!(!other.text.contains("nguồn"), "{}", other.text);
        assert!(layout
            .legend
            .iter()
            .any(|i| matches!(i.key, LegendKey::Planned { .. }) && i.text == "dự kiến"));
        assert_eq!(
            layout.lanes[2].events, 2,
            "the lane header counts what is drawn"
        );
        // Asked for, background is drawn, as a filled marker.
        let options = TimelineOptions {
            background: true,
            ..TimelineOptions::default()
        };
        let layout = layout_timeline(&events, &options).expect("layout");
        assert_eq!(layout.markers.len(), 3);
        assert!(
            !layout
                .markers
                .iter()
                .find(|m| m.event == 1)
                .expect("marker")
                .hollow
        );
        // Only background: nothing to draw.
        assert_eq!(
            layout_timeline(&events[1..2], &TimelineOptions::default()),
            Err(ReportError::NoEvents)
        );
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
}
