//! How the picture looks: lane colours, names and marker shapes, the fixed colours, and the
//! font sizes and spacings of the design.
//!
//! Colours and shapes are chosen so that lanes stay apart in grey-scale print and for
//! colour-blind readers. Everything that looks the same for every chart lives here, so that
//! the layout and the drawing name a role ("muted text", "label size") rather than a number.

use plotters::style::{RGBColor, WHITE};

use super::text::clean_text;

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
pub(crate) fn lane_name(label: &str) -> String {
    match label {
        "cybersecurity" => "An ninh mạng".to_string(),
        "summits" => "Thượng đỉnh".to_string(),
        "space" => "Vũ trụ".to_string(),
        other => clean_text(other),
    }
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

/// A marker's outline in pixels.
pub(crate) enum Outline {
    /// A circle of radius `r`; when outlined, a white disc of radius `ring` goes under it.
    Circle { r: i32, ring: i32 },
    /// A polygon, its first corner not repeated at the end.
    Polygon(Vec<(i32, i32)>),
}

impl MarkerShape {
    /// The shape of the `k`-th lane (top to bottom); shapes repeat after five lanes.
    pub(crate) fn for_lane(k: usize) -> MarkerShape {
        SHAPES[k % SHAPES.len()]
    }

    /// The outline of a marker centred on (x, y) with nominal radius `r`. Triangles and
    /// diamonds grow by a pixel and squares shrink, so all shapes look about as heavy as the
    /// circle.
    pub(crate) fn outline(self, (x, y): (i32, i32), r: i32) -> Outline {
        match self {
            MarkerShape::Circle => Outline::Circle { r, ring: r + 1 },
            MarkerShape::Triangle => {
                let r = r + 1;
                Outline::Polygon(vec![
                    (x, y - r),
                    (x + r, y + r * 3 / 4),
                    (x - r, y + r * 3 / 4),
                ])
            }
            MarkerShape::TriangleDown => {
                let r = r + 1;
                Outline::Polygon(vec![
                    (x, y + r),
                    (x + r, y - r * 3 / 4),
                    (x - r, y - r * 3 / 4),
                ])
            }
            MarkerShape::Diamond => {
                let r = r + 1;
                Outline::Polygon(vec![(x, y - r), (x + r, y), (x, y + r), (x - r, y)])
            }
            MarkerShape::Square => {
                let r = r * 5 / 6;
                Outline::Polygon(vec![
                    (x - r, y - r),
                    (x + r, y - r),
                    (x + r, y + r),
                    (x - r, y + r),
                ])
            }
        }
    }
}

/// How much larger than a one-source marker a happening's marker is drawn: a step for every
/// further source, up to four.
pub(crate) fn source_scale(sources: usize) -> f64 {
    1.0 + 0.2 * sources.saturating_sub(1).min(4) as f64
}

/// Line width of a hollow (planned) marker's outline, at the design scale.
pub(crate) const HOLLOW_STROKE: f64 = 2.0;

/// A lane colour as plotters takes it.
pub(crate) fn rgb(c: (u8, u8, u8)) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// The picture's background, also the ring around markers that keeps them apart.
pub(crate) const PAPER: RGBColor = WHITE;
/// Main text: title, lane names, dates, ticks.
pub(crate) const INK: RGBColor = RGBColor(25, 25, 30);
/// Secondary text and the legend's span key: counts, notes, footer.
pub(crate) const MUTED: RGBColor = RGBColor(85, 85, 95);
/// The title part of event labels, a little lighter than the bold date beside it.
pub(crate) const LABEL_TEXT: RGBColor = RGBColor(45, 45, 52);
/// Every other lane's band.
pub(crate) const BAND: RGBColor = RGBColor(245, 246, 248);
/// Vertical lines at the ticks.
pub(crate) const GRID: RGBColor = RGBColor(222, 224, 228);
/// Lines between lanes.
pub(crate) const SEPARATOR: RGBColor = RGBColor(200, 202, 208);
/// The line markers sit on.
pub(crate) const LANE_LINE: RGBColor = RGBColor(170, 172, 178);
/// Lines from markers up to their labels.
pub(crate) const LEADER: RGBColor = RGBColor(140, 142, 150);
/// The date axis and its ticks.
pub(crate) const AXIS: RGBColor = RGBColor(60, 62, 70);
/// Opacity of month/year bars: lighter than day markers, which are drawn over them.
pub(crate) const SPAN_ALPHA: f64 = 0.45;
/// Opacity of a label's white box: grid lines show faintly through.
pub(crate) const LABEL_BOX_ALPHA: f64 = 0.88;
/// Opacity of the lane-coloured rule under a label.
pub(crate) const LABEL_RULE_ALPHA: f64 = 0.6;

/// Font sizes and spacings, scaled from the 1600x900 design.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Metrics {
    pub(crate) s: f64,
    pub(crate) margin: i32,
    pub(crate) title: f64,
    pub(crate) legend: f64,
    pub(crate) lane_name: f64,
    pub(crate) lane_count: f64,
    pub(crate) label: f64,
    pub(crate) tick: f64,
    pub(crate) footer: f64,
    pub(crate) marker_r: i32,
    pub(crate) gap: i32,
    /// Month/year bars: distance of their centre line below the lane line, half thickness,
    /// half height of their end caps.
    pub(crate) span_off: i32,
    pub(crate) half_bar: i32,
    pub(crate) cap: i32,
}

impl Metrics {
    pub(crate) fn new(s: f64) -> Self {
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
    pub(crate) fn scale_for(width: u32, height: u32) -> f64 {
        let r = (f64::from(width) / 1600.0).min(f64::from(height) / 900.0);
        let s = if r >= 1.0 { r } else { r.sqrt() };
        s.clamp(0.6, 4.0)
    }

    /// `v` design pixels at this scale.
    pub(crate) fn px(&self, v: f64) -> i32 {
        (v * self.s).round() as i32
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixtures::small_set;
    use crate::report::{layout_timeline, TimelineOptions};

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
}
