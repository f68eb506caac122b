//! The bundled font, text widths, the one way text is shortened to fit, and where a line of
//! text goes ([`TextPos`]) and how each backend anchors it.
//!
//! Every width the layout reserves is measured here with the same font plotters draws with,
//! so a box never disagrees with the text drawn in it.

use std::sync::OnceLock;

use plotters::style::{FontDesc, FontFamily, FontStyle};
use unicode_normalization::UnicodeNormalization;

use super::ReportError;

/// Font family name under which the bundled DejaVu Sans is registered. It doubles as the SVG
/// `font-family` value, so SVG viewers use DejaVu Sans when installed and any sans-serif font
/// otherwise.
pub(crate) const FAMILY: &str = "DejaVu Sans, sans-serif";

/// With `VPos::Top`, plotters' ab_glyph text puts the baseline half a font size below the
/// anchor; Vietnamese capitals with stacked marks (Ấ, Ặ) reach about 0.39 size above the anchor
/// and descenders about 0.67 size below it (measured on DejaVu Sans). A text line box therefore
/// starts `TEXT_ABOVE * size` above the anchor and is `TEXT_HEIGHT * size` tall.
const TEXT_ABOVE: f64 = 0.40;
const TEXT_HEIGHT: f64 = 1.10;

/// Who places the glyphs of a text: plotters' ab_glyph rasteriser (bitmap) or the program that
/// shows the SVG. They put the baseline at different depths below the same anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flavor {
    Bitmap,
    Svg,
}

impl Flavor {
    /// The y to hand plotters (with `VPos::Top`) for a line box whose top is `top`.
    pub(crate) fn anchor_y(self, top: i32, size: f64) -> i32 {
        // SVG puts the baseline 0.76em (= 0.613 size) below the anchor, ab_glyph 0.5 size.
        let svg_shift = if self == Flavor::Svg {
            -0.113 * size
        } else {
            0.0
        };
        top + (TEXT_ABOVE * size + svg_shift).round() as i32
    }
}

/// Where a line of text goes, and the font it was measured with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextPos {
    /// The anchor: the left edge, or the centre when `centred`.
    pub x: i32,
    /// The left edge (equal to `x` unless `centred`). The bitmap backend places glyphs one by
    /// one from here; SVG keeps the centring on `x` for the viewer's own font.
    pub left: i32,
    /// Top of the line box; the box is tall enough for stacked Vietnamese marks and
    /// descenders.
    pub top: i32,
    /// Font size in pixels.
    pub size: f64,
    /// Whether the bold face is used.
    pub bold: bool,
    /// Whether the text is centred on `x`.
    pub centred: bool,
}

impl TextPos {
    /// Text whose left edge is `x`.
    pub(crate) fn left(x: i32, top: i32, size: f64, bold: bool) -> TextPos {
        TextPos {
            x,
            left: x,
            top,
            size,
            bold,
            centred: false,
        }
    }

    /// Text `width` pixels wide, centred on `x`.
    pub(crate) fn centred(x: i32, width: i32, top: i32, size: f64, bold: bool) -> TextPos {
        TextPos {
            x,
            left: x - width / 2,
            top,
            size,
            bold,
            centred: true,
        }
    }
}

impl TextPos {
    /// The baseline's y: ab_glyph puts it half a font size below the anchor that
    /// [`Flavor::Bitmap`] hands it. A writer that places text by its baseline (an SVG
    /// `<text>`) uses this to put glyphs where the PNG has them.
    pub(crate) fn baseline(&self) -> f64 {
        f64::from(Flavor::Bitmap.anchor_y(self.top, self.size)) + 0.5 * self.size
    }
}

/// The CSS `font-size` (the em, in pixels) at which a browser draws the bundled font as wide as
/// [`text_width`] measures it at `size`: ab_glyph scales a font so that its ascent to descent
/// spans `size` pixels, CSS so that its em does.
pub(crate) fn css_font_size(size: f64, bold: bool) -> f64 {
    use ab_glyph::Font;
    static RATIOS: OnceLock<(f64, f64)> = OnceLock::new();
    let (regular, bold_ratio) = *RATIOS.get_or_init(|| {
        let ratio = |bytes: &'static [u8]| {
            ab_glyph::FontRef::try_from_slice(bytes)
                .ok()
                .and_then(|f| {
                    let height = f.ascent_unscaled() - f.descent_unscaled();
                    f.units_per_em()
                        .filter(|_| height > 0.0)
                        .map(|em| f64::from(em / height))
                })
                // DejaVu Sans: 2048 units to the em, ascent 1901, descent -483.
                .unwrap_or(2048.0 / 2384.0)
        };
        (ratio(dejavu::sans::regular()), ratio(dejavu::sans::bold()))
    });
    size * if bold { bold_ratio } else { regular }
}

/// Registers the bundled fonts with plotters, once per process: plotters' ab_glyph backend
/// knows no other fonts, and measuring or drawing text before this fails.
pub(crate) fn ensure_fonts() -> Result<(), ReportError> {
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

/// The bundled font at `size` pixels.
pub(crate) fn font(size: f64, bold: bool) -> FontDesc<'static> {
    let style = if bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    FontDesc::new(FontFamily::Name(FAMILY), size, style)
}

/// Advance width of `text` in pixels as plotters will draw it.
pub(crate) fn text_width(text: &str, size: f64, bold: bool) -> i32 {
    match font(size, bold).box_size(text) {
        Ok((w, _)) => i32::try_from(w).unwrap_or(i32::MAX),
        // Unreachable once the fonts are registered; a generous estimate keeps layout sane.
        Err(_) => (text.chars().count() as f64 * size * 0.6).ceil() as i32,
    }
}

/// Height of a text line box (see [`TEXT_ABOVE`]).
pub(crate) fn line_h(size: f64) -> i32 {
    (size * TEXT_HEIGHT).ceil() as i32
}

/// NFC, control characters dropped, runs of white space made one space, trimmed.
///
/// ab_glyph does no shaping, so decomposed Vietnamese (e + combining marks) would be drawn as
/// separate, misplaced glyphs; in NFC each letter is one precomposed glyph.
pub(crate) fn clean_text(s: &str) -> String {
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

/// Shortens `s` with "…" until it has at most `max_chars` characters (counting the "…") and is
/// at most `max_w` pixels wide in the bundled font at `size`, cutting at a word boundary when
/// one is reasonably near. Gives "" when there is no room at all (`max_w <= 0`, or not even
/// the first character and "…" fit).
///
/// Pass `usize::MAX` for no character limit, `i32::MAX` for no width limit.
pub(crate) fn shorten(s: &str, max_chars: usize, size: f64, bold: bool, max_w: i32) -> String {
    if max_w <= 0 {
        return String::new();
    }
    let s = cut_chars(s, max_chars);
    if text_width(&s, size, bold) <= max_w {
        return s;
    }
    let n = s.chars().count();
    // Widest prefix that fits, by binary search on the character budget.
    let (mut lo, mut hi) = (0usize, n);
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if text_width(&cut_chars(&s, mid), size, bold) <= max_w {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    if lo == 0 {
        String::new()
    } else {
        cut_chars(&s, lo)
    }
}

/// The character-count cut behind [`shorten`]: at most `max_chars` characters with the "…".
fn cut_chars(s: &str, max_chars: usize) -> String {
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
        // A word boundary in the second half of the budget beats a cut inside a word.
        match head.rfind(char::is_whitespace) {
            Some(i) if head[..i].chars().count() * 2 >= max_chars => &head[..i],
            _ => head.as_str(),
        }
    };
    let cut = cut.trim_end_matches(|c: char| c.is_whitespace() || ",;:-–—·(/".contains(c));
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixtures::*;
    use crate::report::{layout_timeline, render_png, TimelineOptions};

    const ANY: i32 = i32::MAX;

    #[test]
    fn shorten_and_fit() {
        ensure_fonts().expect("fonts");
        let chars = |s: &str, n: usize| shorten(s, n, 16.0, false, ANY);
        assert_eq!(chars("một hai ba", 20), "một hai ba");
        assert_eq!(chars("một hai ba bốn năm", 12), "một hai ba…");
        assert_eq!(chars("abcdefghijkl", 6), "abcde…");
        assert_eq!(chars("xyz", 1), "…");
        let s = "Tổng thống Nga Vladimir Putin thăm cấp Nhà nước Việt Nam";
        let fitted = shorten(s, usize::MAX, 16.0, false, 200);
        assert!(
            text_width(&fitted, 16.0, false) <= 200 && fitted.ends_with('…'),
            "{fitted}"
        );
        assert_eq!(shorten(s, usize::MAX, 16.0, false, 5), "");
        assert_eq!(clean_text(" a\t\nb\u{7}c "), "a bc");
    }

    #[test]
    fn no_room_gives_nothing() {
        ensure_fonts().expect("fonts");
        assert_eq!(shorten("a", usize::MAX, 16.0, false, 0), "");
        assert_eq!(shorten("", 10, 16.0, false, -3), "");
        // Both limits at once: the character cut first, then the width.
        let s = "một hai ba bốn năm sáu bảy tám chín mười";
        let both = shorten(s, 20, 16.0, false, ANY);
        assert_eq!(both, shorten(&both, usize::MAX, 16.0, false, ANY));
        assert!(both.chars().count() <= 20 && both.ends_with('…'), "{both}");
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
        let at = layout_timeline(&small_set(), &options)
            .expect("layout")
            .title_at;
        let title_w = text_width("Dòng thời gian sự kiện", at.size, true);
        let (mut dark, mut total) = (0, 0);
        for y in at.top..at.top + line_h(at.size) {
            for x in at.left..at.left + title_w {
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
        let clear = (at.left + title_w + 10..at.left + title_w + 200).all(|x| {
            img.get_pixel(x as u32, (at.top + 10) as u32)
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
