//! Scene → SVG text, drawn through plotters into [`SemanticSvg`], a backend of our own.
//!
//! plotters' stock `SVGBackend` passes control characters through (invalid XML) and cannot
//! write `<title>`, `<desc>`, groups or links, so this file implements
//! `plotters_backend::DrawingBackend` itself. Every mark is a plotters element (`Rectangle`,
//! `PathElement`, `Polygon`, `Circle`, `Text` with a `TextStyle`) drawn onto the backend;
//! between groups the renderer calls the backend's own `open_group`/`close_group`, and before
//! each mark `set_extra` hands over what plotters' styles cannot carry (dashes, corner
//! radius, bold together with italic). Elements are drawn with `Drawable::draw` rather than
//! through a `DrawingArea`, because an area clamps every point to the canvas, which would
//! move a label anchored just outside it (leading spaces) or bend a line that leaves it.
//!
//! The backend works in hundredths of a pixel: plotters' coordinates are integers, while
//! layout puts baselines and hairlines on fractional pixels. Numbers are printed from those
//! integers (at most two decimals, never `-0`), so no float formatting varies by machine.
//!
//! Nothing here decides what the chart looks like: that was layout's job.

use std::borrow::Borrow;
use std::collections::HashSet;
use std::convert::Infallible;
use std::fmt::Write as _;

use plotters::element::{Circle, Drawable, PathElement, PointCollection, Polygon, Rectangle, Text};
use plotters::style::{
    Color as _, FontDesc, FontFamily, FontStyle, RGBColor, ShapeStyle, TextStyle,
};
use plotters_backend::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontTransform,
};

use super::limits::{RenderError, MAX_CHART_SIDE};
use crate::font::{self, Fonts, FAMILY};
use crate::scene::{Anchor, Color, Group, Item, Link, Point, Role, Scene, Stroke};

/// Backend units per CSS pixel.
const UNIT: f64 = 100.0;

/// Draws `scene` as a standalone SVG document.
///
/// The output is well-formed XML whatever the scene's strings hold (markup is escaped,
/// characters XML 1.0 forbids are removed), has no scripts or external references, links only
/// to http(s) URLs, and is byte-for-byte the same for the same scene.
///
/// ```
/// use citeline::render;
/// use citeline::scene::{Color, Group, Item, Link, Point, Role, Scene, Stroke};
///
/// let scene = Scene {
///     width: 200.0,
///     height: 50.0,
///     title: "Axis only".to_owned(),
///     description: "An empty timeline.".to_owned(),
///     background: Color::rgb(255, 255, 255),
///     groups: vec![Group {
///         role: Role::Event("e1 <&>".to_owned()),
///         classes: vec![],
///         tooltip: Some("2004 & later".to_owned()),
///         link: Some(Link {
///             href: "https://example.org/a b".to_owned(),
///             original: Some("https://example.org/a b".to_owned()),
///             version: Some("javascript:alert(1)".to_owned()),
///             version_date: Some("2003-12-04".to_owned()),
///         }),
///         data: vec![("start".to_owned(), "2004-01-01\"><script>".to_owned())],
///         items: vec![Item::Line {
///             from: Point { x: 10.0, y: 25.5 },
///             to: Point { x: 190.0, y: 25.5 },
///             stroke: Stroke { color: Color::rgb(0, 0, 0), width: 1.0, dash: None },
///         }],
///     }],
///     notes: vec![],
///     fonts: Default::default(),
/// };
/// let svg = render::svg(&scene).unwrap();
/// assert!(svg.contains(r#"viewBox="0 0 200 50""#));
/// assert!(svg.contains(r#"<g id="event-e1____" class="event" data-start="2004-01-01&quot;&gt;&lt;script&gt;">"#));
/// assert!(svg.contains("<title>2004 &amp; later</title>"));
/// assert!(svg.contains(r#"<line x1="10" y1="25.5" x2="190" y2="25.5""#));
/// assert!(svg.contains(r#"<a href="https://example.org/a%20b" data-originalurl="https://example.org/a%20b" data-versiondate="2003-12-04">"#));
/// assert!(!svg.contains("javascript"));
/// ```
pub fn svg(scene: &Scene) -> Result<String, RenderError> {
    let fits = |side: f64| side.is_finite() && (0.0..=MAX_CHART_SIDE).contains(&side);
    if !fits(scene.width) || !fits(scene.height) {
        return Err(RenderError::ChartTooLarge {
            width: scene.width,
            height: scene.height,
        });
    }
    write(scene, false)
}

/// [`svg`] with every text drawn as the outlines of the glyphs layout measured, for the
/// PNG: resvg then lays out no text of its own (see `font.rs` for why).
pub(crate) fn with_glyph_outlines(scene: &Scene) -> Result<String, RenderError> {
    write(scene, true)
}

fn write(scene: &Scene, outlines: bool) -> Result<String, RenderError> {
    let mut backend = SemanticSvg::new(scene);
    if outlines {
        backend.outlines = Some(Outlines::default());
    }
    let (width, height) = backend.get_size();
    let canvas = [(0, 0), (width as i32, height as i32)];
    draw(
        &mut backend,
        &Rectangle::new(canvas, rgb(scene.background).filled()),
    );
    for group in &scene.groups {
        backend.open_group(group);
        for item in &group.items {
            draw_item(&mut backend, item);
        }
        backend.close_group();
    }
    Ok(backend.finish())
}

/// Draws a plotters element whose points are already backend coordinates.
fn draw<'a, E>(backend: &mut SemanticSvg, element: &'a E)
where
    &'a E: PointCollection<'a, BackendCoord>,
    E: Drawable<SemanticSvg>,
{
    let size = backend.get_size();
    let points = element.point_iter().into_iter().map(|p| *p.borrow());
    // Drawing into a `String` cannot fail: the error type is `Infallible`.
    let _ = element.draw(points, backend, size);
}

/// Draws one item through plotters' elements.
fn draw_item(backend: &mut SemanticSvg, item: &Item) {
    match item {
        Item::Rect {
            rect,
            fill,
            stroke,
            radius,
        } => {
            let corners = [
                coord(Point {
                    x: rect.x,
                    y: rect.y,
                }),
                coord(Point {
                    x: rect.right(),
                    y: rect.bottom(),
                }),
            ];
            backend.set_extra(Extra {
                radius: units(*radius).max(0),
                dash: dash(stroke.as_ref()),
                bold: false,
            });
            // A filled and outlined rectangle is two SVG rects: plotters draws fill and
            // stroke as separate calls, and the picture is the same.
            if let Some(fill) = fill {
                draw(backend, &Rectangle::new(corners, rgb(*fill).filled()));
            }
            if let Some(stroke) = stroke {
                draw(backend, &Rectangle::new(corners, line_style(stroke)));
            }
        }
        Item::Line { from, to, stroke } => {
            backend.set_extra(Extra::dashed(stroke));
            draw(
                backend,
                &PathElement::new(vec![coord(*from), coord(*to)], line_style(stroke)),
            );
        }
        Item::Polyline { points, stroke } => {
            backend.set_extra(Extra::dashed(stroke));
            let points: Vec<_> = points.iter().copied().map(coord).collect();
            draw(backend, &PathElement::new(points, line_style(stroke)));
        }
        Item::Polygon {
            points,
            fill,
            stroke,
        } => {
            let mut points: Vec<_> = points.iter().copied().map(coord).collect();
            draw(backend, &Polygon::new(points.clone(), rgb(*fill).filled()));
            if let (Some(stroke), Some(&first)) = (stroke, points.first()) {
                // plotters' Polygon only fills; the outline is the same path closed, which
                // the backend writes as an unfilled <polygon>.
                backend.set_extra(Extra::dashed(stroke));
                points.push(first);
                draw(backend, &PathElement::new(points, line_style(stroke)));
            }
        }
        Item::Circle {
            center,
            radius,
            fill,
            stroke,
        } => {
            let radius = units(*radius).max(0);
            if let Some(fill) = fill {
                draw(
                    backend,
                    &Circle::new(coord(*center), radius, rgb(*fill).filled()),
                );
            }
            if let Some(stroke) = stroke {
                backend.set_extra(Extra::dashed(stroke));
                draw(
                    backend,
                    &Circle::new(coord(*center), radius, line_style(stroke)),
                );
            }
        }
        Item::Text {
            text,
            at,
            size,
            anchor,
            bold,
            italic,
            fill,
            bounds: _,
        } => {
            // FontStyle holds one of bold or italic; the weight also goes to the backend so
            // bold italic survives.
            let slant = match (*italic, *bold) {
                (true, _) => FontStyle::Italic,
                (false, true) => FontStyle::Bold,
                (false, false) => FontStyle::Normal,
            };
            backend.set_extra(Extra {
                bold: *bold,
                ..Extra::default()
            });
            let h_pos = match anchor {
                Anchor::Start => HPos::Left,
                Anchor::Middle => HPos::Center,
                Anchor::End => HPos::Right,
            };
            let font = FontDesc::new(FontFamily::Name(FAMILY), size * UNIT, slant);
            let color = rgb(*fill);
            // The vertical anchor is the baseline, which plotters cannot name: the backend
            // always writes `y` as the baseline, as the scene gives it.
            let style = TextStyle::from(font)
                .color(&color)
                .pos(Pos::new(h_pos, VPos::Bottom));
            draw(backend, &Text::new(text.as_str(), coord(*at), style));
        }
    }
    backend.set_extra(Extra::default());
}

fn rgb(color: Color) -> RGBColor {
    RGBColor(color.r, color.g, color.b)
}

fn line_style(stroke: &Stroke) -> ShapeStyle {
    ShapeStyle {
        color: rgb(stroke.color).to_rgba(),
        filled: false,
        stroke_width: units(stroke.width).max(0) as u32,
    }
}

fn dash(stroke: Option<&Stroke>) -> Option<(i32, i32)> {
    stroke
        .and_then(|s| s.dash)
        .map(|(on, off)| (units(on).max(0), units(off).max(0)))
}

/// Pixels to backend units. Non-finite values become 0 or saturate, so no input panics.
fn units(px: f64) -> i32 {
    // `as` saturates and maps NaN to 0.
    (px * UNIT).round() as i32
}

fn coord(p: Point) -> BackendCoord {
    (units(p.x), units(p.y))
}

/// What plotters' styles cannot carry, set on the backend before each mark.
#[derive(Clone, Copy, Debug, Default)]
struct Extra {
    /// Corner radius of rectangles, in units.
    radius: i32,
    /// Dash and gap lengths of strokes, in units.
    dash: Option<(i32, i32)>,
    /// Bold text (also when FontStyle says italic).
    bold: bool,
}

impl Extra {
    fn dashed(stroke: &Stroke) -> Self {
        Extra {
            dash: dash(Some(stroke)),
            ..Extra::default()
        }
    }
}

/// A plotters backend that writes SVG with the document structure plotters cannot express.
#[derive(Debug)]
pub(crate) struct SemanticSvg {
    out: String,
    /// Canvas size in units, as plotters sees it.
    size: (u32, u32),
    extra: Extra,
    /// Element ids already written, to keep them unique.
    ids: HashSet<String>,
    /// Whether the open group wrapped its marks in `<a>`.
    link_open: bool,
    /// The scene's fonts, for plotters' size estimates and glyph outlines.
    fonts: Fonts,
    /// Set when texts are written as glyph outlines.
    outlines: Option<Outlines>,
}

/// Glyph outlines written so far, each once, as `<path id>` for `<use>` to place.
#[derive(Debug, Default)]
struct Outlines {
    defs: String,
    /// Each glyph met, by face and id, and whether it has an outline.
    seen: std::collections::HashMap<(usize, u16), bool>,
}

impl SemanticSvg {
    /// Starts a document with the root element, `<title>` and `<desc>`.
    fn new(scene: &Scene) -> Self {
        let width = i64::from(units(scene.width).max(0));
        let height = i64::from(units(scene.height).max(0));
        let mut out = String::with_capacity(4096 + scene.groups.len() * 512);
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.push_str("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"");
        push_units(&mut out, width);
        out.push_str("\" height=\"");
        push_units(&mut out, height);
        out.push_str("\" viewBox=\"0 0 ");
        push_units(&mut out, width);
        out.push(' ');
        push_units(&mut out, height);
        out.push_str("\" role=\"img\" aria-labelledby=\"title desc\" font-family=\"");
        // Every family the scene was measured with, in order: a viewer that has them draws
        // what the PNG draws; the generic family serves one that has none.
        for family in scene.fonts.families() {
            out.push('\'');
            push_escaped(&mut out, family, Context::Attribute);
            out.push_str("', ");
        }
        out.push_str("sans-serif\">\n<title id=\"title\">");
        push_escaped(&mut out, &scene.title, Context::Block);
        out.push_str("</title>\n<desc id=\"desc\">");
        push_escaped(&mut out, &scene.description, Context::Block);
        out.push_str("</desc>\n");
        let mut ids = HashSet::new();
        ids.insert("title".to_owned());
        ids.insert("desc".to_owned());
        SemanticSvg {
            out,
            size: (width as u32, height as u32),
            extra: Extra::default(),
            ids,
            link_open: false,
            fonts: scene.fonts.clone(),
            outlines: None,
        }
    }

    /// Opens `<g>` for a group: an id for an event, classes, the tooltip, and `<a>` when the
    /// group links to an http(s) URL.
    fn open_group(&mut self, group: &Group) {
        self.out.push_str("<g");
        if let Role::Event(id) = &group.role {
            let id = self.unique_id(&format!("event-{}", name_chars(id)));
            self.out.push_str(" id=\"");
            self.out.push_str(&id); // only name characters: nothing to escape
            self.out.push('"');
        }
        self.out.push_str(" class=\"");
        let role = match group.role {
            Role::Background => "background",
            Role::Title => "title",
            Role::Axis => "axis",
            Role::Legend => "legend",
            Role::Sources => "sources",
            Role::Event(_) => "event",
        };
        self.out.push_str(role);
        // An entry may hold several space-separated classes; each becomes one token, once.
        let mut written = vec![role.to_string()];
        for class in group.classes.iter().flat_map(|c| c.split_whitespace()) {
            let class = name_chars(class);
            if !written.contains(&class) {
                self.out.push(' ');
                self.out.push_str(&class);
                written.push(class);
            }
        }
        self.out.push('"');
        for (name, value) in &group.data {
            self.out.push_str(" data-");
            self.out.push_str(&name_chars(name));
            self.out.push_str("=\"");
            push_escaped(&mut self.out, value, Context::Attribute);
            self.out.push('"');
        }
        self.out.push_str(">\n");
        if let Some(tooltip) = &group.tooltip {
            self.out.push_str("<title>");
            push_escaped(&mut self.out, tooltip, Context::Block);
            self.out.push_str("</title>\n");
        }
        self.link_open = false;
        if let Some(link) = &group.link {
            self.open_link(link);
        }
    }

    /// `<a href>` with the link's Robust Links attributes; nothing when `href` is not a web
    /// address (a `javascript:` URL in the data must not become a live link).
    fn open_link(&mut self, link: &Link) {
        let Some(href) = web_link(&link.href) else {
            return;
        };
        self.out.push_str("<a href=\"");
        push_escaped(&mut self.out, &href, Context::Attribute);
        self.out.push('"');
        let robust = [
            ("originalurl", link.original.as_deref().and_then(web_link)),
            ("versionurl", link.version.as_deref().and_then(web_link)),
            ("versiondate", link.version_date.clone()),
        ];
        for (name, value) in robust {
            if let Some(value) = value {
                self.out.push_str(" data-");
                self.out.push_str(name);
                self.out.push_str("=\"");
                push_escaped(&mut self.out, &value, Context::Attribute);
                self.out.push('"');
            }
        }
        self.out.push_str(">\n");
        self.link_open = true;
    }

    fn close_group(&mut self) {
        if self.link_open {
            self.out.push_str("</a>\n");
            self.link_open = false;
        }
        self.out.push_str("</g>\n");
    }

    fn set_extra(&mut self, extra: Extra) {
        self.extra = extra;
    }

    /// Closes the document and hands it over.
    fn finish(mut self) -> String {
        if let Some(outlines) = self.outlines.take() {
            if !outlines.defs.is_empty() {
                self.out.push_str("<defs>\n");
                self.out.push_str(&outlines.defs);
                self.out.push_str("</defs>\n");
            }
        }
        self.out.push_str("</svg>\n");
        self.out
    }

    /// Writes `text` as `<use>` of each glyph's outline, placed as layout measured it.
    fn draw_outlines<T: BackendTextStyle>(&mut self, text: &str, style: &T, (x, y): BackendCoord) {
        let size = style.size() / UNIT;
        let font_style = style.style();
        let bold = self.extra.bold || matches!(font_style, FontStyle::Bold);
        let italic = matches!(font_style, FontStyle::Italic | FontStyle::Oblique);
        let (glyphs, width) = self.fonts.place(text, size, bold, italic);
        let shift = match style.anchor().h_pos {
            HPos::Left => 0.0,
            HPos::Center => -width / 2.0,
            HPos::Right => -width,
        };
        let (x, y) = (f64::from(x) / UNIT + shift, f64::from(y) / UNIT);
        self.out.push_str("<g");
        self.attr_paint("fill", style.color());
        let degrees = match style.transform() {
            FontTransform::None => 0,
            FontTransform::Rotate90 => 90,
            FontTransform::Rotate180 => 180,
            FontTransform::Rotate270 => 270,
        };
        if degrees != 0 {
            let _ = write!(
                self.out,
                " transform=\"rotate({degrees} {} {})\"",
                decimal(x - shift),
                decimal(y)
            );
        }
        self.out.push_str(">\n");
        let outlines = self.outlines.get_or_insert_with(Outlines::default);
        for g in glyphs {
            let key = (g.face, g.id);
            let drawn = *outlines.seen.entry(key).or_insert_with(|| {
                match self.fonts.glyph_path(g.face, g.id) {
                    Some(d) => {
                        let _ = writeln!(
                            outlines.defs,
                            "<path id=\"glyph-{}-{}\" d=\"{d}\"/>",
                            g.face, g.id
                        );
                        true
                    }
                    None => false,
                }
            });
            if !drawn {
                continue;
            }
            let scale = size / self.fonts.units_per_em(g.face);
            let _ = writeln!(
                self.out,
                "<use href=\"#glyph-{}-{}\" transform=\"matrix({} 0 0 {} {} {})\"/>",
                g.face,
                g.id,
                decimal(scale),
                decimal(-scale),
                decimal(x + g.x),
                decimal(y + g.y)
            );
        }
        self.out.push_str("</g>\n");
    }

    fn unique_id(&mut self, base: &str) -> String {
        let mut id = base.to_owned();
        let mut n = 2u64;
        while !self.ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }

    /// Writes ` name="value"` with a length in units.
    fn attr_units(&mut self, name: &str, value: i64) {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        push_units(&mut self.out, value);
        self.out.push('"');
    }

    /// Writes `fill` (or `stroke`) and its opacity when not opaque.
    fn attr_paint(&mut self, name: &str, color: BackendColor) {
        let (r, g, b) = color.rgb;
        let _ = write!(self.out, " {name}=\"#{r:02x}{g:02x}{b:02x}\"");
        if color.alpha < 1.0 {
            // Alpha in hundredths, printed like a length: deterministic.
            let alpha = (color.alpha.max(0.0) * UNIT).round() as i64;
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("-opacity=\"");
            push_units(&mut self.out, alpha);
            self.out.push('"');
        }
    }

    /// Writes an outline: no fill, stroke colour, width and dashes.
    /// The paint of a shape plotters asks for filled or outlined, and the tag's end.
    fn fill_or_stroke<S: BackendStyle>(&mut self, style: &S, fill: bool) {
        if fill {
            self.attr_paint("fill", style.color());
        } else {
            self.attr_stroke(style);
        }
        self.out.push_str("/>\n");
    }

    fn attr_stroke<S: BackendStyle>(&mut self, style: &S) {
        self.out.push_str(" fill=\"none\"");
        self.attr_paint("stroke", style.color());
        self.attr_units("stroke-width", i64::from(style.stroke_width()));
        if let Some((on, off)) = self.extra.dash {
            self.out.push_str(" stroke-dasharray=\"");
            push_units(&mut self.out, i64::from(on));
            self.out.push(' ');
            push_units(&mut self.out, i64::from(off));
            self.out.push('"');
        }
    }

    fn points(&mut self, points: &[BackendCoord]) {
        self.out.push_str(" points=\"");
        for (i, &(x, y)) in points.iter().enumerate() {
            if i > 0 {
                self.out.push(' ');
            }
            push_units(&mut self.out, i64::from(x));
            self.out.push(',');
            push_units(&mut self.out, i64::from(y));
        }
        self.out.push('"');
    }
}

impl DrawingBackend for SemanticSvg {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
        Ok(())
    }

    /// One backend pixel is a hundredth of a CSS pixel; nothing in a scene draws single
    /// pixels, but the trait requires it.
    fn draw_pixel(
        &mut self,
        (x, y): BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        if color.alpha > 0.0 {
            self.out.push_str("<rect");
            self.attr_units("x", i64::from(x));
            self.attr_units("y", i64::from(y));
            self.out.push_str(" width=\"0.01\" height=\"0.01\"");
            self.attr_paint("fill", color);
            self.out.push_str("/>\n");
        }
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        self.out.push_str("<line");
        self.attr_units("x1", i64::from(from.0));
        self.attr_units("y1", i64::from(from.1));
        self.attr_units("x2", i64::from(to.0));
        self.attr_units("y2", i64::from(to.1));
        self.attr_stroke(style);
        self.out.push_str("/>\n");
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let (x0, y0) = (i64::from(upper_left.0), i64::from(upper_left.1));
        let (x1, y1) = (i64::from(bottom_right.0), i64::from(bottom_right.1));
        self.out.push_str("<rect");
        self.attr_units("x", x0.min(x1));
        self.attr_units("y", y0.min(y1));
        self.attr_units("width", (x1 - x0).abs());
        self.attr_units("height", (y1 - y0).abs());
        if self.extra.radius > 0 {
            self.attr_units("rx", i64::from(self.extra.radius));
        }
        self.fill_or_stroke(style, fill);
        Ok(())
    }

    /// A two-point path is a `<line>`, a path that ends where it began an unfilled
    /// `<polygon>` (so its corners join), anything else a `<polyline>`.
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let mut points: Vec<BackendCoord> = path.into_iter().collect();
        match points.len() {
            0 | 1 => return Ok(()),
            2 => return self.draw_line(points[0], points[1], style),
            n if n > 3 && points[0] == points[n - 1] => {
                points.pop();
                self.out.push_str("<polygon");
            }
            _ => self.out.push_str("<polyline"),
        }
        self.points(&points);
        self.attr_stroke(style);
        self.out.push_str("/>\n");
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        self.out.push_str("<circle");
        self.attr_units("cx", i64::from(center.0));
        self.attr_units("cy", i64::from(center.1));
        self.attr_units("r", i64::from(radius));
        self.fill_or_stroke(style, fill);
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let points: Vec<BackendCoord> = vert.into_iter().collect();
        if points.len() < 3 {
            return Ok(());
        }
        self.out.push_str("<polygon");
        self.points(&points);
        self.attr_paint("fill", style.color());
        self.out.push_str("/>\n");
        Ok(())
    }

    /// Writes `<text>` with `pos` as the baseline of the horizontal anchor: layout measured
    /// and placed the text already, so nothing is laid out here.
    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        (x, y): BackendCoord,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        if self.outlines.is_some() {
            self.draw_outlines(text, style, (x, y));
            return Ok(());
        }
        self.out.push_str("<text");
        self.attr_units("x", i64::from(x));
        self.attr_units("y", i64::from(y));
        self.attr_units("font-size", style.size().max(0.0).round() as i64);
        let family = style.family();
        if family.as_str() != FAMILY {
            self.out.push_str(" font-family=\"");
            push_escaped(&mut self.out, family.as_str(), Context::Attribute);
            self.out.push('"');
        }
        let font_style = style.style();
        if self.extra.bold || matches!(font_style, FontStyle::Bold) {
            self.out.push_str(" font-weight=\"bold\"");
        }
        match font_style {
            FontStyle::Italic => self.out.push_str(" font-style=\"italic\""),
            FontStyle::Oblique => self.out.push_str(" font-style=\"oblique\""),
            FontStyle::Normal | FontStyle::Bold => {}
        }
        match style.anchor().h_pos {
            HPos::Left => {}
            HPos::Center => self.out.push_str(" text-anchor=\"middle\""),
            HPos::Right => self.out.push_str(" text-anchor=\"end\""),
        }
        let degrees = match style.transform() {
            FontTransform::None => None,
            FontTransform::Rotate90 => Some(90),
            FontTransform::Rotate180 => Some(180),
            FontTransform::Rotate270 => Some(270),
        };
        if let Some(degrees) = degrees {
            let _ = write!(self.out, " transform=\"rotate({degrees} ");
            push_units(&mut self.out, i64::from(x));
            self.out.push(' ');
            push_units(&mut self.out, i64::from(y));
            self.out.push_str(")\"");
        }
        self.attr_paint("fill", style.color());
        if !spaces_survive_collapsing(text) {
            // Layout measured every space; SVG would collapse runs and trim the ends.
            self.out.push_str(" xml:space=\"preserve\"");
        }
        self.out.push('>');
        // Isolated, as it was measured: a right-to-left line reads right to left, and its
        // bidi controls stay inside it.
        push_escaped(&mut self.out, &font::isolate(text), Context::Line);
        self.out.push_str("</text>\n");
        Ok(())
    }

    /// Measures with the scene's fonts, so plotters never needs a font backend of its own
    /// (with default features off it would guess from the byte count).
    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<Infallible>> {
        let size = style.size() / UNIT;
        let bold = self.extra.bold || matches!(style.style(), FontStyle::Bold);
        let width = self.fonts.text_width(text, size, bold);
        let (ascent, descent) = self.fonts.vertical_metrics(size, bold);
        Ok((
            units(width).max(0) as u32,
            units(ascent + descent).max(0) as u32,
        ))
    }
}

/// A number with at most six decimals and no trailing zeros, for glyph placements.
fn decimal(v: f64) -> String {
    let mut s = format!("{:.6}", if v == 0.0 { 0.0 } else { v });
    while s.ends_with('0') {
        s.pop();
    }
    if s.ends_with('.') {
        s.pop();
    }
    if s == "-0" {
        s = "0".into();
    }
    s
}

/// Prints a length given in units as pixels: at most two decimals, no trailing zeros, no
/// `-0`.
fn push_units(out: &mut String, value: i64) {
    if value < 0 {
        out.push('-');
    }
    let magnitude = value.unsigned_abs();
    let (whole, cents) = (magnitude / 100, magnitude % 100);
    let _ = write!(out, "{whole}");
    if cents % 10 == 0 {
        if cents != 0 {
            let _ = write!(out, ".{}", cents / 10);
        }
    } else {
        let _ = write!(out, ".{cents:02}");
    }
}

/// Whether SVG's default whitespace handling leaves `text` (once tabs and line breaks are
/// spaces) as it is: no space at either end, no two in a row.
fn spaces_survive_collapsing(text: &str) -> bool {
    let mut previous_space = true; // a leading space does not survive
    for c in text.chars() {
        let space = matches!(c, ' ' | '\t' | '\n' | '\r');
        if !space && is_removed(c) {
            continue;
        }
        if space && previous_space {
            return false;
        }
        previous_space = space;
    }
    !previous_space || text.is_empty()
}

/// Where escaped text goes, which decides what happens to tabs and line breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Context {
    /// An attribute value: parsers turn line breaks into spaces anyway, so we do it.
    Attribute,
    /// A one-line `<text>`: SVG would collapse breaks into spaces; we do it explicitly.
    Line,
    /// `<title>` and `<desc>`: tabs and line breaks are kept, `\r\n` and `\r` become `\n`.
    Block,
}

/// Appends `text` escaped for XML, without the characters XML 1.0 forbids (C0 controls other
/// than tab and line breaks, U+FFFE, U+FFFF) or discourages and terminals act on (DEL, C1).
fn push_escaped(out: &mut String, text: &str, context: Context) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' if context != Context::Block => out.push(' '),
            '\t' | '\n' => out.push(c),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            c if is_removed(c) => {}
            _ => out.push(c),
        }
    }
}

/// C0 controls, DEL, C1 controls and the two non-characters XML 1.0 forbids. Tab and line
/// breaks are handled before this is asked.
fn is_removed(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}')
}

/// `text` with every character that may not appear in an XML name (or in a CSS class
/// without escaping) replaced by `_`, so it can follow `event-` in an id or stand as a class.
fn name_chars(text: &str) -> String {
    text.chars()
        .map(|c| if is_name_char(c) { c } else { '_' })
        .collect()
}

/// XML 1.0 (fifth edition) NameChar, without `:` (it means a namespace prefix) and without
/// U+00B7 (a middle dot reads like a separator in class lists).
fn is_name_char(c: char) -> bool {
    matches!(c,
        'a'..='z' | 'A'..='Z' | '0'..='9' | '-' | '_' | '.'
        | '\u{c0}'..='\u{d6}' | '\u{d8}'..='\u{f6}' | '\u{f8}'..='\u{37d}'
        | '\u{37f}'..='\u{1fff}' | '\u{200c}'..='\u{200d}' | '\u{203f}'..='\u{2040}'
        | '\u{2070}'..='\u{218f}' | '\u{2c00}'..='\u{2fef}' | '\u{3001}'..='\u{d7ff}'
        | '\u{f900}'..='\u{fdcf}' | '\u{fdf0}'..='\u{fffd}' | '\u{10000}'..='\u{effff}')
}

/// The link target if it is an absolute http or https URL; anything else (`javascript:`,
/// `data:`, relative paths, files) is dropped, so the SVG refers to nothing local.
fn web_link(url: &str) -> Option<String> {
    // Judge the URL as it will be written: without the characters escaping removes. The
    // caller escapes the markup characters.
    let cleaned: String = url.chars().filter(|&c| !is_removed(c)).collect();
    let trimmed = cleaned.trim();
    let lower = trimmed.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))?;
    if rest.is_empty() || rest.starts_with('/') {
        return None;
    }
    Some(trimmed.replace(' ', "%20"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(text: &str, context: Context) -> String {
        let mut out = String::new();
        push_escaped(&mut out, text, context);
        out
    }

    fn printed(value: i64) -> String {
        let mut out = String::new();
        push_units(&mut out, value);
        out
    }

    #[test]
    fn numbers_print_two_decimals_at_most_and_never_minus_zero() {
        assert_eq!(printed(0), "0");
        assert_eq!(printed(100), "1");
        assert_eq!(printed(150), "1.5");
        assert_eq!(printed(105), "1.05");
        assert_eq!(printed(-5), "-0.05");
        assert_eq!(printed(-250), "-2.5");
        assert_eq!(units(-0.001), 0);
        assert_eq!(printed(i64::from(units(-0.004))), "0");
        assert_eq!(units(f64::NAN), 0);
        assert_eq!(units(f64::INFINITY), i32::MAX);
        assert_eq!(units(12.345), 1235);
    }

    #[test]
    fn escaping_covers_markup_and_removes_what_xml_forbids() {
        assert_eq!(
            escaped("</text><script>&'\"]]>", Context::Line),
            "&lt;/text&gt;&lt;script&gt;&amp;&apos;&quot;]]&gt;"
        );
        assert_eq!(
            escaped(
                "a\u{0}b\u{7}c\u{1b}d\u{7f}e\u{85}f\u{9f}g\u{fffe}h\u{ffff}i",
                Context::Line
            ),
            "abcdefghi"
        );
        assert_eq!(escaped("a\tb\nc\r\nd", Context::Line), "a b c  d");
        assert_eq!(escaped("a\tb\nc\r\nd\re", Context::Block), "a\tb\nc\nd\ne");
        assert_eq!(escaped("Ош — 東京 é", Context::Attribute), "Ош — 東京 é");
    }

    #[test]
    fn text_size_comes_from_the_embedded_font() {
        let scene = Scene {
            width: 100.0,
            height: 100.0,
            title: String::new(),
            description: String::new(),
            background: Color::rgb(255, 255, 255),
            groups: Vec::new(),
            notes: Vec::new(),
            fonts: Fonts::default(),
        };
        let mut backend = SemanticSvg::new(&scene);
        let style = |size: f64, slant| {
            TextStyle::from(FontDesc::new(FontFamily::Name(FAMILY), size * UNIT, slant))
        };
        let (width, height) = backend
            .estimate_text_size("Bishkek", &style(20.0, FontStyle::Normal))
            .unwrap();
        assert_eq!(
            width,
            units(font::text_width("Bishkek", 20.0, false)) as u32
        );
        let (ascent, descent) = font::vertical_metrics(20.0, false);
        assert_eq!(height, units(ascent + descent) as u32);
        // Bold counts whether plotters or the backend's extra says it.
        let (bold, _) = backend
            .estimate_text_size("Bishkek", &style(20.0, FontStyle::Bold))
            .unwrap();
        assert!(bold > width);
        backend.set_extra(Extra {
            bold: true,
            ..Extra::default()
        });
        let (bold_italic, _) = backend
            .estimate_text_size("Bishkek", &style(20.0, FontStyle::Italic))
            .unwrap();
        assert_eq!(bold_italic, bold);
    }

    #[test]
    fn only_text_whose_spaces_would_collapse_asks_to_preserve_them() {
        assert!(spaces_survive_collapsing(""));
        assert!(spaces_survive_collapsing("Rose Revolution [1]"));
        assert!(!spaces_survive_collapsing(" lead"));
        assert!(!spaces_survive_collapsing("trail "));
        assert!(!spaces_survive_collapsing("two  spaces"));
        assert!(spaces_survive_collapsing("tab\tthen"));
        assert!(!spaces_survive_collapsing("tab\t then"));
        assert!(!spaces_survive_collapsing("gone \u{7} control"));
        assert!(!spaces_survive_collapsing(" "));
    }

    #[test]
    fn ids_and_classes_keep_name_characters_only() {
        assert_eq!(name_chars("tulip-2005_03.b"), "tulip-2005_03.b");
        assert_eq!(name_chars("a b\"<c>:d"), "a_b__c__d");
        assert_eq!(name_chars("бишкек"), "бишкек");
    }

    #[test]
    fn only_absolute_web_links_survive() {
        assert_eq!(
            web_link("https://example.org/a?b=1&c=2").as_deref(),
            Some("https://example.org/a?b=1&c=2")
        );
        assert_eq!(
            web_link("  HTTP://Example.org/x y ").as_deref(),
            Some("HTTP://Example.org/x%20y")
        );
        assert_eq!(web_link("java\u{0}script:alert(1)"), None);
        assert_eq!(web_link("javascript:alert(1)"), None);
        assert_eq!(web_link("data:text/html,<script>"), None);
        assert_eq!(web_link("/etc/passwd"), None);
        assert_eq!(web_link("file:///etc/passwd"), None);
        assert_eq!(web_link("https://"), None);
        assert_eq!(web_link("https:///local"), None);
        assert_eq!(
            web_link("htt\u{7}ps://example.org").as_deref(),
            Some("https://example.org")
        );
    }
}
