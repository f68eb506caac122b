//! Picture files from a [`Layout`]: PNG bytes (plotters' bitmap backend and the `png` crate)
//! and SVG text (plotters' SVG backend).

use plotters::backend::RGBPixel;
use plotters::prelude::*;

use super::draw::draw_layout;
use super::layout::Layout;
use super::text::Flavor;
use super::ReportError;

/// Draws `layout` as PNG file bytes (8-bit RGB).
pub(crate) fn png(layout: &Layout) -> Result<Vec<u8>, ReportError> {
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
        draw_layout(&root, layout, Flavor::Bitmap)?;
        root.present()
            .map_err(|e| ReportError::Draw(e.to_string()))?;
    }
    encode_png(&buf, w, h)
}

/// Draws `layout` as an SVG document.
pub(crate) fn svg(layout: &Layout) -> Result<String, ReportError> {
    let mut out = String::new();
    {
        let root =
            SVGBackend::with_string(&mut out, (layout.width, layout.height)).into_drawing_area();
        draw_layout(&root, layout, Flavor::Svg)?;
        root.present()
            .map_err(|e| ReportError::Draw(e.to_string()))?;
    }
    Ok(out)
}

/// Encodes 8-bit RGB pixels (row-major, `w * h * 3` bytes) as a PNG file.
///
/// plotters encodes only when it writes a file itself; the caller wants bytes, so that it can
/// write the picture atomically.
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
    use crate::report::fixtures::*;
    use crate::report::text::FAMILY;
    use crate::report::{render_png, render_svg, TimelineOptions};
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
}
