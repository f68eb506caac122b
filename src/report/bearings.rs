//! A workaround for plotters 0.3.7 dropping TrueType left side bearings in bitmap text.
//!
//! plotters draws each ab_glyph glyph with its ink box starting at the pen position, dropping
//! the glyph's left side bearing, so "Trung" comes out as "T rung". Until that is fixed
//! upstream, the bitmap backend draws text glyph by glyph and adds each bearing itself, read
//! here from the bundled TrueType fonts (the glyph's `xMin`, as ab_glyph's pixel bounds use
//! it). SVG text is laid out by the viewer and needs none of this.
//!
//! When plotters starts honouring bearings, the test `plotters_still_drops_left_bearings`
//! fails: then delete this file, draw bitmap text in one call (see `draw::Painter::text`) and
//! accept the slightly changed PNG.

use std::sync::OnceLock;

/// Where glyph ink starts, read from a bundled TrueType font.
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

/// Where to draw each glyph of `text` (one plotters text call per glyph, anchored left) so the
/// run starting at `left` looks as a bearing-aware renderer would draw it. White space is
/// skipped: it has no ink.
///
/// Each glyph goes at its pen position as plotters measures the prefix (so the run is exactly
/// as wide as the layout measured it) plus its left side bearing. `None` when the bundled
/// font's tables could not be read: then the text is best drawn in one call, unrepaired.
pub(crate) fn glyph_positions(
    text: &str,
    left: i32,
    size: f64,
    bold: bool,
) -> Option<Vec<(&str, i32)>> {
    let bearings = bearings(bold)?;
    let glyphs = text
        .char_indices()
        .filter(|(_, c)| !c.is_whitespace())
        .map(|(i, c)| {
            let pen = if i == 0 {
                0
            } else {
                super::text::text_width(&text[..i], size, bold)
            };
            let x = left + pen + bearings.ink_offset(c, size);
            (&text[i..i + c.len_utf8()], x)
        })
        .collect();
    Some(glyphs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::text::{ensure_fonts, font};
    use plotters::backend::RGBPixel;
    use plotters::prelude::*;
    use plotters::style::text_anchor::{HPos, Pos, VPos};

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
    fn glyphs_sit_at_pen_plus_bearing() {
        ensure_fonts().expect("fonts");
        let b = bearings(false).expect("DejaVu Sans parses");
        let placed = glyph_positions("Bi B", 10, 40.0, false).expect("positions");
        let texts: Vec<&str> = placed.iter().map(|&(g, _)| g).collect();
        assert_eq!(texts, ["B", "i", "B"], "white space is not drawn");
        assert_eq!(placed[0].1, 10 + b.ink_offset('B', 40.0));
        let pen = crate::report::text::text_width("Bi ", 40.0, false);
        assert_eq!(placed[2].1, 10 + pen + b.ink_offset('B', 40.0));
    }

    /// The reason this file exists. If this fails, plotters now starts a glyph's ink at its
    /// left side bearing: delete bearings.rs, draw bitmap text in one call, and accept the
    /// changed PNG (glyphs would otherwise get their bearing twice).
    #[test]
    fn plotters_still_drops_left_bearings() {
        ensure_fonts().expect("fonts");
        let (w, h, pen_x) = (200u32, 160u32, 50i32);
        let mut buf = vec![255u8; (w * h * 3) as usize];
        {
            let root = BitMapBackend::<RGBPixel>::with_buffer_and_format(&mut buf, (w, h))
                .expect("buffer of the right size")
                .into_drawing_area();
            let style = font(100.0, false)
                .color(&BLACK)
                .pos(Pos::new(HPos::Left, VPos::Top));
            root.draw(&Text::new("B", (pen_x, 20), style))
                .expect("draw text");
            root.present().expect("present");
        }
        let inked = |x: u32| (0..h).any(|y| buf[((y * w + x) * 3) as usize] < 255);
        let first_ink = (0..w).find(|&x| inked(x)).expect("B was drawn") as i32;
        let bearing = bearings(false)
            .expect("DejaVu Sans parses")
            .ink_offset('B', 100.0);
        assert!(bearing > 3, "B has a left bearing of {bearing}px");
        assert!(
            first_ink - pen_x < bearing / 2,
            "plotters now keeps left bearings (ink at {first_ink}, pen at {pen_x}, bearing \
             {bearing}px): remove the bearings workaround"
        );
    }
}
