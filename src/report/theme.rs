//! How the picture looks: lane colours, names and marker shapes.
//!
//! Colours and shapes are chosen so that lanes stay apart in grey-scale print and for
//! colour-blind readers.

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

impl MarkerShape {
    /// The shape of the `k`-th lane (top to bottom); shapes repeat after five lanes.
    pub(crate) fn for_lane(k: usize) -> MarkerShape {
        SHAPES[k % SHAPES.len()]
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
