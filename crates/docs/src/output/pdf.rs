//! PDF: A4 pages laid out here and written with pdf-writer, all in memory. The text is set
//! in Liberation Sans, embedded as a subset (made by subsetter) of the glyphs the document
//! uses, with a ToUnicode map so that the text extracts as written: "Siân Llŷr" stays
//! "Siân Llŷr". No external program runs.

use std::collections::BTreeMap;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use subsetter::GlyphRemapper;

use super::metrics::{advance, glyph, text_width, wrap, Font};
use crate::model::{Block, Document};
use crate::RenderError;

const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const LEFT: f32 = 64.0;
const TOP: f32 = 64.0;
/// Lowest baseline for text; the footer sits below it.
const BOTTOM: f32 = 72.0;
const WIDTH: f32 = PAGE_W - 2.0 * LEFT;
const BODY: f32 = 10.5;
const LEADING: f32 = 14.0;
/// Indent of numbered paragraphs' text and of list items.
const INDENT: f32 = 28.0;
const FIELD_LABEL: f32 = 110.0;

/// One run of text on a page, its baseline starting at (x, y).
#[derive(Debug, Clone, PartialEq)]
struct Show {
    font: Font,
    size: f32,
    x: f32,
    y: f32,
    text: String,
}

struct Layout {
    pages: Vec<Vec<Show>>,
    y: f32,
}

impl Layout {
    fn new() -> Layout {
        Layout {
            pages: vec![Vec::new()],
            y: PAGE_H - TOP,
        }
    }

    /// Starts a new page unless `height` more points fit on this one.
    fn room(&mut self, height: f32) {
        if self.y - height < BOTTOM {
            self.pages.push(Vec::new());
            self.y = PAGE_H - TOP;
        }
    }

    fn gap(&mut self, points: f32) {
        self.y -= points;
    }

    /// One line of text with its baseline at the current position.
    fn show(&mut self, font: Font, size: f32, x: f32, text: &str) {
        let y = self.y;
        if let Some(page) = self.pages.last_mut() {
            page.push(Show {
                font,
                size,
                x: round(x),
                y: round(y),
                text: text.to_owned(),
            });
        }
    }

    /// Wrapped text from `x` to the right margin, one line at a time.
    fn text(&mut self, font: Font, size: f32, leading: f32, x: f32, text: &str) {
        for line in wrap(font, size, LEFT + WIDTH - x, text) {
            self.room(leading);
            self.y -= leading;
            self.show(font, size, x, &line);
        }
    }

    /// Text whose first line carries a marker in the margin (a number, a bullet).
    fn marked(&mut self, marker: &str, x: f32, text: &str) {
        let lines = wrap(Font::Regular, BODY, LEFT + WIDTH - x - INDENT, text);
        for (i, line) in lines.iter().enumerate() {
            self.room(LEADING);
            self.y -= LEADING;
            if i == 0 {
                self.show(Font::Regular, BODY, x, marker);
            }
            self.show(Font::Regular, BODY, x + INDENT, line);
        }
    }
}

fn round(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

fn heading_style(level: u8) -> (f32, f32) {
    match level {
        0..=2 => (12.5, 17.0),
        3 => (11.0, 15.0),
        _ => (BODY, LEADING),
    }
}

fn lay_out(doc: &Document) -> Layout {
    let mut l = Layout::new();
    // A letter opens with its letterhead, reference and address block, and its title is the
    // subject line above "Dear …"; a notice opens with its title.
    let mut title_due = doc.kind.is_letter();
    if !title_due {
        l.text(Font::Bold, 16.0, 22.0, LEFT, &doc.title);
        l.gap(8.0);
    }
    let mut after_numbered = false;
    for block in &doc.blocks {
        if title_due && matches!(block, Block::Paragraph { .. } | Block::Heading { .. }) {
            title_due = false;
            l.gap(6.0);
            l.text(Font::Bold, 13.0, 18.0, LEFT, &doc.title);
            l.gap(8.0);
        }
        match block {
            Block::Heading { level, text } => {
                let (size, leading) = heading_style(*level);
                l.gap(8.0);
                // Keep a heading with at least two lines of what follows it.
                l.room(leading + 2.0 * LEADING);
                l.text(Font::Bold, size, leading, LEFT, text);
                l.gap(2.0);
            }
            Block::Fields { fields } => {
                for (k, v) in fields {
                    l.room(LEADING);
                    l.y -= LEADING;
                    l.show(Font::Bold, BODY, LEFT, k);
                    let mut lines = wrap(Font::Regular, BODY, WIDTH - FIELD_LABEL, v).into_iter();
                    if let Some(first) = lines.next() {
                        l.show(Font::Regular, BODY, LEFT + FIELD_LABEL, &first);
                    }
                    for line in lines {
                        l.room(LEADING);
                        l.y -= LEADING;
                        l.show(Font::Regular, BODY, LEFT + FIELD_LABEL, &line);
                    }
                }
                l.gap(6.0);
            }
            Block::Paragraph {
                number: Some(n),
                text,
            } => {
                l.marked(&format!("{n}."), LEFT, text);
                l.gap(6.0);
            }
            Block::Paragraph { number: None, text } => {
                l.text(Font::Regular, BODY, LEADING, LEFT, text);
                l.gap(6.0);
            }
            Block::List { items } => {
                let x = if after_numbered { LEFT + INDENT } else { LEFT };
                for item in items {
                    l.marked("\u{2022}", x, item);
                    l.gap(2.0);
                }
                l.gap(4.0);
            }
            Block::Lines { lines } => {
                for line in lines {
                    l.text(Font::Regular, BODY, LEADING, LEFT, line);
                }
                l.gap(6.0);
            }
        }
        after_numbered = match block {
            Block::Paragraph { number, .. } => number.is_some(),
            Block::List { .. } => after_numbered,
            _ => false,
        };
    }
    l
}

/// A font's glyphs as the document uses them: the subset's glyph ids (which the PDF uses
/// as character ids), and the text each stands for.
struct Used {
    remapper: GlyphRemapper,
    /// New glyph id to (old glyph id, the character it shows).
    glyphs: BTreeMap<u16, (u16, char)>,
}

impl Used {
    fn new() -> Used {
        let mut remapper = GlyphRemapper::new();
        remapper.remap(0);
        Used {
            remapper,
            glyphs: BTreeMap::new(),
        }
    }

    /// The text as two-byte character ids of the subset.
    fn encode(&mut self, font: Font, text: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len() * 2);
        for c in text.chars() {
            let old = glyph(font, c);
            let new = self.remapper.remap(old);
            self.glyphs.entry(new).or_insert((old, c));
            out.extend(new.to_be_bytes());
        }
        out
    }
}

/// Six capital letters naming a subset (PDF 32000-1 §9.6.4), from the glyphs it holds, so
/// the same document always gets the same name.
fn subset_tag(glyphs: &BTreeMap<u16, (u16, char)>) -> String {
    let mut hash: u32 = 0x811c_9dc5;
    for (old, _) in glyphs.values() {
        for b in old.to_be_bytes() {
            hash = (hash ^ u32::from(b)).wrapping_mul(0x0100_0193);
        }
    }
    (0..6)
        .map(|i| {
            let letter = (hash >> (i * 5)) % 26;
            char::from(b'A' + u8::try_from(letter).unwrap_or(0))
        })
        .collect()
}

struct Refs(i32);

impl Refs {
    fn next(&mut self) -> Ref {
        self.0 += 1;
        Ref::new(self.0)
    }
}

/// Writes one embedded font: the Type0 font, its CID font, descriptor, subset and ToUnicode
/// map.
fn write_font(
    pdf: &mut Pdf,
    refs: &mut Refs,
    font: Font,
    font_ref: Ref,
    used: &Used,
) -> Result<(), RenderError> {
    let face = font
        .face()
        .ok_or_else(|| RenderError::Pdf("the embedded font does not parse".into()))?;
    let subset = subsetter::subset(font.data(), 0, &used.remapper)
        .map_err(|e| RenderError::Pdf(format!("cannot subset the font: {e}")))?;
    let name = format!("{}+{}", subset_tag(&used.glyphs), font.base_name());
    let name = Name(name.as_bytes());
    let (cid_ref, descriptor_ref, file_ref, cmap_ref) =
        (refs.next(), refs.next(), refs.next(), refs.next());
    let info = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };
    pdf.type0_font(font_ref)
        .base_font(name)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_ref)
        .to_unicode(cmap_ref);
    let mut cid = pdf.cid_font(cid_ref);
    cid.subtype(CidFontType::Type2)
        .base_font(name)
        .system_info(info)
        .font_descriptor(descriptor_ref)
        .default_width(0.0)
        .cid_to_gid_map_predefined(Name(b"Identity"));
    let count = used.remapper.num_gids();
    let widths: Vec<f32> = (0..count)
        .map(|new| {
            let old = used.glyphs.get(&new).map_or(0, |(old, _)| *old);
            advance(font, old).round()
        })
        .collect();
    cid.widths().consecutive(0, widths);
    cid.finish();
    let scale = 1000.0 / font.units_per_em();
    let b = face.global_bounding_box();
    let bbox = Rect::new(
        f32::from(b.x_min) * scale,
        f32::from(b.y_min) * scale,
        f32::from(b.x_max) * scale,
        f32::from(b.y_max) * scale,
    );
    let cap = face.capital_height().unwrap_or(face.ascender());
    pdf.font_descriptor(descriptor_ref)
        .name(name)
        .flags(FontFlags::NON_SYMBOLIC)
        .bbox(bbox)
        .italic_angle(0.0)
        .ascent(f32::from(face.ascender()) * scale)
        .descent(f32::from(face.descender()) * scale)
        .cap_height(f32::from(cap) * scale)
        .stem_v(if font == Font::Bold { 140.0 } else { 80.0 })
        .font_file2(file_ref);
    let length = i32::try_from(subset.len()).map_err(|e| RenderError::Pdf(e.to_string()))?;
    pdf.stream(file_ref, &subset).pair(Name(b"Length1"), length);
    let mut cmap = UnicodeCmap::new(Name(b"Custom"), info);
    for (new, (_, c)) in &used.glyphs {
        cmap.pair(*new, *c);
    }
    pdf.cmap(cmap_ref, &cmap.finish());
    Ok(())
}

pub(super) fn write(doc: &Document) -> Result<Vec<u8>, RenderError> {
    let mut layout = lay_out(doc);
    let total = layout.pages.len();
    for (i, page) in layout.pages.iter_mut().enumerate() {
        let footer = format!("{} {} / {total}", doc.title, i + 1);
        let x = (PAGE_W - text_width(Font::Regular, 8.0, &footer)) / 2.0;
        page.push(Show {
            font: Font::Regular,
            size: 8.0,
            x: round(x),
            y: 40.0,
            text: footer,
        });
    }
    let mut used = [Used::new(), Used::new()];
    let mut contents = Vec::with_capacity(total);
    for page in &layout.pages {
        let mut content = Content::new();
        for s in page {
            let bytes = used[s.font as usize].encode(s.font, &s.text);
            content
                .begin_text()
                .set_font(Name(s.font.resource().as_bytes()), s.size)
                .next_line(s.x, s.y)
                .show(Str(&bytes))
                .end_text();
        }
        contents.push(content.finish());
    }

    let mut refs = Refs(0);
    let mut pdf = Pdf::new();
    let catalog = refs.next();
    let tree = refs.next();
    let info = refs.next();
    let fonts = [refs.next(), refs.next()];
    let page_refs: Vec<(Ref, Ref)> = (0..total).map(|_| (refs.next(), refs.next())).collect();
    pdf.catalog(catalog).pages(tree);
    pdf.document_info(info)
        .title(TextStr(&doc.title))
        .producer(TextStr("foidesk"));
    let count = i32::try_from(total).map_err(|e| RenderError::Pdf(e.to_string()))?;
    pdf.pages(tree)
        .kids(page_refs.iter().map(|(page, _)| *page))
        .count(count);
    for ((page_ref, content_ref), content) in page_refs.iter().zip(&contents) {
        let mut page = pdf.page(*page_ref);
        page.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H))
            .parent(tree)
            .contents(*content_ref);
        let mut resources = page.resources();
        let mut names = resources.fonts();
        for font in Font::ALL {
            names.pair(Name(font.resource().as_bytes()), fonts[font as usize]);
        }
        names.finish();
        resources.finish();
        page.finish();
        pdf.stream(*content_ref, content);
    }
    for font in Font::ALL {
        write_font(
            &mut pdf,
            &mut refs,
            font,
            fonts[font as usize],
            &used[font as usize],
        )?;
    }
    Ok(pdf.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocumentKind;

    fn doc() -> Document {
        let long = "The Commissioner's decision is that the authority was entitled to rely on section 24(2). ".repeat(12);
        let mut blocks = vec![Block::Fields {
            fields: vec![("Public authority".into(), long.clone())],
        }];
        for n in 1..=40 {
            blocks.push(Block::Heading {
                level: 2 + (n % 3) as u8,
                text: format!("Heading {n}"),
            });
            blocks.push(Block::Paragraph {
                number: Some(n),
                text: long.clone(),
            });
            blocks.push(Block::List {
                items: vec![long.clone(), "x".repeat(300)],
            });
            blocks.push(Block::Lines {
                lines: vec!["Siân Llŷr, Heol y Frenhines".into(), long.clone()],
            });
        }
        Document {
            kind: DocumentKind::Decision,
            title: "Decision notice".into(),
            blocks,
            facts_used: Vec::new(),
            meets: Vec::new(),
        }
    }

    /// Every line of text lies inside the margins, on a page, and the PDF has a page for
    /// each page laid out.
    #[test]
    fn text_stays_inside_the_margins() {
        let layout = lay_out(&doc());
        assert!(layout.pages.len() > 10);
        for page in &layout.pages {
            for s in page {
                assert!((BOTTOM..=PAGE_H - TOP).contains(&s.y), "y {}", s.y);
                assert!(s.x >= LEFT, "x {}", s.x);
                let right = s.x + text_width(s.font, s.size, &s.text);
                assert!(right <= PAGE_W - LEFT + 0.5, "{right}: {}", s.text);
            }
        }
        let bytes = write(&doc()).unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
        let pages = bytes
            .windows(b"/Type /Page\n".len())
            .filter(|w| *w == b"/Type /Page\n")
            .count();
        assert!(pages > 10 || bytes.len() > 10_000);
    }

    /// The same document gives the same bytes, and the font is a subset, not the whole file.
    #[test]
    fn output_is_deterministic_and_subsetted() {
        let a = write(&doc()).unwrap();
        assert_eq!(a, write(&doc()).unwrap());
        let mut used = Used::new();
        used.encode(Font::Regular, "Siân Llŷr, Caerdydd");
        let subset = subsetter::subset(Font::Regular.data(), 0, &used.remapper).unwrap();
        assert!(
            subset.len() * 10 < Font::Regular.data().len(),
            "{}",
            subset.len()
        );
    }
}
