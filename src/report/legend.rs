//! The legend under the title: each lane's shape and name, then the notes the picture needs
//! (month/year bars, hollow planned markers, marker size by sources).

use super::layout::{LaneLayout, LegendItem, LegendKey, Swatch};
use super::text::{line_h, text_width, TextPos};
use super::theme::Metrics;

/// Which notes the legend needs.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Notes {
    /// Month or year bars are drawn.
    pub(crate) spans: bool,
    /// Hollow (planned) markers are drawn.
    pub(crate) planned: bool,
    /// Some happening has more than one source (larger markers).
    pub(crate) sources: bool,
}

/// The legend: each lane's shape and name, then the notes the picture needs, left to right
/// for as long as they fit on the line.
pub(crate) fn legend(
    lanes: &[LaneLayout],
    needs: Notes,
    m: &Metrics,
    top: i32,
    width: i32,
) -> Vec<LegendItem> {
    let mid = top + line_h(m.legend) / 2;
    let mut x = m.margin;
    let item_gap = 3 * m.gap;
    let mut items = Vec::new();
    for (k, lane) in lanes.iter().enumerate() {
        let w = 2 * m.marker_r + m.gap + text_width(&lane.name, m.legend, false);
        if x + w > width - m.margin {
            break;
        }
        items.push(LegendItem {
            key: LegendKey::Lane {
                lane: k,
                swatch: Swatch {
                    x: x + m.marker_r,
                    y: mid,
                    r: m.marker_r,
                },
            },
            text: lane.name.clone(),
            text_at: TextPos::left(x + 2 * m.marker_r + m.gap, top, m.legend, false),
        });
        x += w + item_gap;
    }
    // The notes get their chance even when a lane name did not fit: they are shorter.
    #[derive(PartialEq)]
    enum Key {
        Bar,
        Hollow,
        Text,
    }
    let mut notes: Vec<(Key, &str)> = Vec::new();
    if needs.spans {
        notes.push((Key::Bar, "chỉ biết tháng/năm"));
    }
    if needs.planned {
        notes.push((Key::Hollow, "dự kiến"));
    }
    if needs.sources {
        notes.push((Key::Text, "dấu lớn hơn: nhiều nguồn hơn"));
    }
    for (kind, text) in notes {
        let key_w = match kind {
            Key::Bar => 4 * m.marker_r,
            Key::Hollow => 2 * m.marker_r,
            Key::Text => 0,
        };
        let w = key_w + m.gap + text_width(text, m.legend, false);
        if x + w > width - m.margin {
            break;
        }
        let (key, text_x) = match kind {
            Key::Bar => (
                LegendKey::Span {
                    left: x,
                    right: x + key_w,
                    y: mid,
                },
                x + key_w + m.gap,
            ),
            Key::Hollow => (
                LegendKey::Planned {
                    swatch: Swatch {
                        x: x + m.marker_r,
                        y: mid,
                        r: m.marker_r,
                    },
                },
                x + key_w + m.gap,
            ),
            Key::Text => (LegendKey::Note, x),
        };
        items.push(LegendItem {
            key,
            text: text.to_string(),
            text_at: TextPos::left(text_x, top, m.legend, false),
        });
        x += w + item_gap;
    }
    items
}
