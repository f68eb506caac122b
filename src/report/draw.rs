//! Draws a [`Layout`] on any plotters drawing area.
//!
//! Every position comes from the layout; this file decides only what is drawn in which colour
//! and in which order (later things cover earlier ones).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::bearings::glyph_positions;
use super::layout::{Layout, LegendKey, Swatch};
use super::text::{font, Flavor, TextPos};
use super::theme::{self, rgb, Outline, INK, MUTED, PAPER};
use super::ReportError;
use crate::events::Precision;

struct Painter<'a, DB: DrawingBackend> {
    root: &'a DrawingArea<DB, Shift>,
    flavor: Flavor,
}

impl<DB: DrawingBackend> Painter<'_, DB> {
    fn err<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> ReportError {
        ReportError::Draw(e.to_string())
    }

    /// Draws one line of text at `at`.
    fn text(&self, text: &str, at: &TextPos, color: &RGBColor) -> Result<(), ReportError> {
        if text.is_empty() {
            return Ok(());
        }
        let y = self.flavor.anchor_y(at.top, at.size);
        let h = if at.centred { HPos::Center } else { HPos::Left };
        let style = font(at.size, at.bold)
            .color(color)
            .pos(Pos::new(h, VPos::Top));
        let glyphs = match self.flavor {
            Flavor::Bitmap => glyph_positions(text, at.left, at.size, at.bold),
            Flavor::Svg => None,
        };
        let Some(glyphs) = glyphs else {
            return self
                .root
                .draw(&Text::new(text, (at.x, y), style))
                .map_err(Self::err);
        };
        let style = style.pos(Pos::new(HPos::Left, VPos::Top));
        for (glyph, x) in glyphs {
            self.root
                .draw(&Text::new(glyph, (x, y), style.clone()))
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

    /// A hollow marker shape (a planned event): paper inside, the lane colour around.
    fn hollow(
        &self,
        shape: theme::MarkerShape,
        at: Swatch,
        color: &RGBColor,
        stroke: u32,
    ) -> Result<(), ReportError> {
        match shape.outline((at.x, at.y), at.r) {
            Outline::Circle { r, ring } => {
                self.root
                    .draw(&Circle::new((at.x, at.y), ring, PAPER.filled()))
                    .map_err(Self::err)?;
                self.root
                    .draw(&Circle::new((at.x, at.y), r, color.stroke_width(stroke)))
                    .map_err(Self::err)
            }
            Outline::Polygon(pts) => {
                self.root
                    .draw(&Polygon::new(pts.clone(), PAPER.filled()))
                    .map_err(Self::err)?;
                let mut ring = pts;
                if let Some(&p) = ring.first() {
                    ring.push(p);
                }
                self.root
                    .draw(&PathElement::new(ring, color.stroke_width(stroke)))
                    .map_err(Self::err)
            }
        }
    }

    /// A marker shape; `ringed` ones get a paper-coloured outline that keeps crowded markers
    /// apart.
    fn shape(
        &self,
        shape: theme::MarkerShape,
        at: Swatch,
        color: &RGBColor,
        ringed: bool,
    ) -> Result<(), ReportError> {
        match shape.outline((at.x, at.y), at.r) {
            Outline::Circle { r, ring } => {
                if ringed {
                    self.root
                        .draw(&Circle::new((at.x, at.y), ring, PAPER.filled()))
                        .map_err(Self::err)?;
                }
                self.root
                    .draw(&Circle::new((at.x, at.y), r, color.filled()))
                    .map_err(Self::err)
            }
            Outline::Polygon(pts) => {
                self.root
                    .draw(&Polygon::new(pts.clone(), color.filled()))
                    .map_err(Self::err)?;
                if ringed {
                    let mut ring = pts;
                    if let Some(&p) = ring.first() {
                        ring.push(p);
                    }
                    self.root
                        .draw(&PathElement::new(ring, PAPER.stroke_width(1)))
                        .map_err(Self::err)?;
                }
                Ok(())
            }
        }
    }

    /// A month/year bar from `x0` to `x1` on the line `y`, with end caps.
    fn bar(
        &self,
        layout: &Layout,
        (x0, x1, y): (i32, i32, i32),
        fill: ShapeStyle,
        color: &RGBColor,
    ) -> Result<(), ReportError> {
        let (half, cap) = (layout.bar_half, layout.bar_cap);
        self.rect((x0, y - half), (x1, y + half), fill)?;
        self.line((x0, y - cap), (x0, y + cap), color.stroke_width(2))?;
        self.line((x1, y - cap), (x1, y + cap), color.stroke_width(2))
    }
}

/// Draws `layout` on `root`; `flavor` says how the backend places text.
pub(crate) fn draw_layout<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    layout: &Layout,
    flavor: Flavor,
) -> Result<(), ReportError> {
    let p = Painter { root, flavor };
    root.fill(&PAPER).map_err(Painter::<DB>::err)?;
    lanes(&p, layout)?;
    events(&p, layout)?;
    axis(&p, layout)?;
    frame(&p, layout)
}

/// Lane bands, grid, lane lines and headers: the background the events are drawn on.
fn lanes<DB: DrawingBackend>(p: &Painter<DB>, layout: &Layout) -> Result<(), ReportError> {
    let (band_left, band_right) = (layout.band_left, layout.band_right);
    for lane in layout.lanes.iter().step_by(2) {
        p.rect(
            (band_left, lane.top),
            (band_right, lane.bottom),
            theme::BAND.filled(),
        )?;
    }
    for t in &layout.ticks {
        p.line(
            (t.x, layout.grid_top),
            (t.x, layout.axis_y),
            theme::GRID.stroke_width(1),
        )?;
    }
    for lane in &layout.lanes {
        p.line(
            (band_left, lane.bottom),
            (band_right, lane.bottom),
            theme::SEPARATOR.stroke_width(1),
        )?;
        p.line(
            (layout.plot_left, lane.baseline),
            (layout.plot_right, lane.baseline),
            theme::LANE_LINE.stroke_width(1),
        )?;
        if let (Some(key), Some(name_at)) = (lane.key, &lane.name_at) {
            p.shape(lane.shape, key, &rgb(lane.color), false)?;
            p.text(&lane.name, name_at, &INK)?;
        }
        if let Some(summary_at) = &lane.summary_at {
            p.text(&lane.summary, summary_at, &MUTED)?;
        }
    }
    Ok(())
}

/// Leader lines, markers and labels.
fn events<DB: DrawingBackend>(p: &Painter<DB>, layout: &Layout) -> Result<(), ReportError> {
    // Leader lines under everything else of the events.
    for l in &layout.labels {
        p.line(
            (l.leader_x, l.leader_y),
            (l.leader_x, l.y + l.h),
            theme::LEADER.stroke_width(1),
        )?;
    }
    // Spans (ranges of days, weeks, months, years), then day markers on top.
    for mk in layout
        .markers
        .iter()
        .filter(|mk| mk.precision != Precision::Day || mk.x_end > mk.x)
    {
        let Some(lane) = layout.lanes.get(mk.lane) else {
            continue;
        };
        let color = rgb(lane.color);
        // A planned span is an outline: paper inside, like a planned day.
        let fill = if mk.hollow {
            PAPER.filled()
        } else {
            color.mix(theme::SPAN_ALPHA).filled()
        };
        p.bar(layout, (mk.x, mk.x_end, mk.y), fill, &color)?;
        if mk.hollow {
            let half = layout.bar_half;
            p.rect(
                (mk.x, mk.y - half),
                (mk.x_end, mk.y + half),
                color.stroke_width(1),
            )?;
        }
    }
    for mk in layout
        .markers
        .iter()
        .filter(|mk| mk.precision == Precision::Day)
    {
        let Some(lane) = layout.lanes.get(mk.lane) else {
            continue;
        };
        let at = Swatch {
            x: mk.x,
            y: mk.y,
            r: mk.r,
        };
        if mk.hollow {
            p.hollow(lane.shape, at, &rgb(lane.color), layout.hollow_stroke)?;
        } else {
            p.shape(lane.shape, at, &rgb(lane.color), true)?;
        }
    }
    for l in &layout.labels {
        let Some(lane) = layout.lanes.get(l.lane) else {
            continue;
        };
        p.rect(
            (l.x, l.y),
            (l.x + l.w, l.y + l.h),
            PAPER.mix(theme::LABEL_BOX_ALPHA).filled(),
        )?;
        p.line(
            (l.x, l.y + l.h),
            (l.x + l.w, l.y + l.h),
            rgb(lane.color).mix(theme::LABEL_RULE_ALPHA).stroke_width(1),
        )?;
        p.text(&l.date_text, &l.date_at, &INK)?;
        p.text(&l.text, &l.text_at, &theme::LABEL_TEXT)?;
    }
    Ok(())
}

/// The date axis with its ticks and their dates.
fn axis<DB: DrawingBackend>(p: &Painter<DB>, layout: &Layout) -> Result<(), ReportError> {
    let style = theme::AXIS.stroke_width(1);
    p.line(
        (layout.plot_left, layout.axis_y),
        (layout.plot_right, layout.axis_y),
        style,
    )?;
    for t in &layout.ticks {
        p.line((t.x, layout.axis_y), (t.x, layout.tick_bottom), style)?;
        p.text(&t.text, &t.text_at, &INK)?;
    }
    Ok(())
}

/// Title, legend and footer.
fn frame<DB: DrawingBackend>(p: &Painter<DB>, layout: &Layout) -> Result<(), ReportError> {
    p.text(&layout.title, &layout.title_at, &INK)?;
    for item in &layout.legend {
        let color = match item.key {
            LegendKey::Lane { lane, swatch } => {
                if let Some(lane) = layout.lanes.get(lane) {
                    p.shape(lane.shape, swatch, &rgb(lane.color), false)?;
                }
                INK
            }
            LegendKey::Span { left, right, y } => {
                p.bar(layout, (left, right, y), MUTED.filled(), &MUTED)?;
                MUTED
            }
            LegendKey::Planned { swatch } => {
                p.hollow(
                    theme::MarkerShape::Circle,
                    swatch,
                    &MUTED,
                    layout.hollow_stroke,
                )?;
                MUTED
            }
            LegendKey::Note => MUTED,
        };
        p.text(&item.text, &item.text_at, &color)?;
    }
    p.text(&layout.footer, &layout.footer_at, &MUTED)
}

#[cfg(test)]
mod tests {
    use crate::events::Role;
    use crate::report::fixtures::*;
    use crate::report::{layout_timeline, render_png, Marker, TimelineOptions};

    #[test]
    fn planned_markers_are_hollow() {
        let mut events = vec![
            ev(0, day(2024, 6, 4), "space", 0.9, "Phóng vệ tinh"),
            ev(1, day(2024, 6, 20), "space", 0.9, "Phóng vệ tinh thứ hai"),
        ];
        events[1].role = Role::Planned;
        let options = TimelineOptions::default();
        let layout = layout_timeline(&events, &options).expect("layout");
        let img = decode(&render_png(&events, &options).expect("render"));
        let mk = |i: usize| {
            layout
                .markers
                .iter()
                .find(|m| m.event == i)
                .expect("marker")
        };
        let (done, planned) = (mk(0), mk(1));
        let lane = layout.lanes[done.lane].color;
        // Filled: the lane colour at the centre. Hollow: paper at the centre, the lane colour
        // on the outline.
        assert!(color_near(&img, done.x, done.y, 0, lane));
        assert!(color_near(&img, planned.x, planned.y, 0, (255, 255, 255)));
        assert!(!color_near(&img, planned.x, planned.y, 0, lane));
        assert!(color_near(&img, planned.x, planned.y, planned.r + 1, lane));
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
}
