//! PDF: A4 pages set in the standard Helvetica fonts (WinAnsi encoding, nothing embedded),
//! laid out here and written with lopdf, all in memory. No external program runs.

use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Object, ObjectId, Stream, StringFormat};

use super::metrics::{code, text_width, wrap, Font};
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

struct Layout {
    pages: Vec<Vec<Operation>>,
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
        let bytes: Vec<u8> = text.chars().map(code).collect();
        if let Some(page) = self.pages.last_mut() {
            page.extend([
                Operation::new("BT", vec![]),
                Operation::new("Tf", vec![font.resource().into(), size.into()]),
                Operation::new("Td", vec![round(x).into(), round(self.y).into()]),
                Operation::new("Tj", vec![Object::String(bytes, StringFormat::Literal)]),
                Operation::new("ET", vec![]),
            ]);
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
    l.text(Font::Bold, 16.0, 22.0, LEFT, &doc.title);
    l.gap(8.0);
    let mut after_numbered = false;
    for block in &doc.blocks {
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

fn font(doc: &mut lopdf::Document, name: &str) -> ObjectId {
    doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => name,
        "Encoding" => "WinAnsiEncoding",
    })
}

pub(super) fn write(doc: &Document) -> Result<Vec<u8>, RenderError> {
    let layout = lay_out(doc);
    let total = layout.pages.len();
    let mut pdf = lopdf::Document::with_version("1.5");
    let pages_id = pdf.new_object_id();
    let regular = font(&mut pdf, "Helvetica");
    let bold = font(&mut pdf, "Helvetica-Bold");
    let resources = pdf.add_object(dictionary! {
        "Font" => dictionary! { "F1" => regular, "F2" => bold },
    });
    let mut kids: Vec<Object> = Vec::with_capacity(total);
    for (i, mut operations) in layout.pages.into_iter().enumerate() {
        let footer = format!("{} {} / {total}", doc.title, i + 1);
        let mut foot = Layout {
            pages: vec![Vec::new()],
            y: 40.0,
        };
        let x = (PAGE_W - text_width(Font::Regular, 8.0, &footer)) / 2.0;
        foot.show(Font::Regular, 8.0, x, &footer);
        operations.extend(foot.pages.into_iter().flatten());
        let content = Content { operations }
            .encode()
            .map_err(|e| RenderError::Pdf(e.to_string()))?;
        let content_id = pdf.add_object(Stream::new(dictionary! {}, content));
        let page_id = pdf.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
        });
        kids.push(page_id.into());
    }
    let count = i64::try_from(kids.len()).map_err(|e| RenderError::Pdf(e.to_string()))?;
    pdf.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => count,
            "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), PAGE_W.into(), PAGE_H.into()],
        }),
    );
    let catalog = pdf.add_object(dictionary! {
        "Type" => "Catalog",
        "Pages" => pages_id,
    });
    let info = pdf.add_object(dictionary! {
        "Title" => lopdf::text_string(&doc.title),
        "Producer" => Object::string_literal("foidesk"),
    });
    pdf.trailer.set("Root", catalog);
    pdf.trailer.set("Info", info);
    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes)
        .map_err(|e| RenderError::Pdf(e.to_string()))?;
    Ok(bytes)
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
                lines: vec!["A line".into(), long.clone()],
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

    /// Every line of text lies inside the margins, on a page, and the text survives.
    #[test]
    fn text_stays_inside_the_margins() {
        let layout = lay_out(&doc());
        assert!(layout.pages.len() > 10);
        for page in &layout.pages {
            let mut font = Font::Regular;
            let mut size = BODY;
            let mut x = 0.0;
            for op in page {
                match (op.operator.as_str(), op.operands.as_slice()) {
                    ("Tf", [Object::Name(name), s]) => {
                        font = if name == b"F2" {
                            Font::Bold
                        } else {
                            Font::Regular
                        };
                        size = s.as_float().unwrap();
                    }
                    ("Td", [a, b]) => {
                        x = a.as_float().unwrap();
                        let y = b.as_float().unwrap();
                        assert!((BOTTOM..=PAGE_H - TOP).contains(&y), "y {y}");
                        assert!(x >= LEFT, "x {x}");
                    }
                    ("Tj", [Object::String(bytes, _)]) => {
                        let text: String = bytes.iter().map(|&b| char::from(b)).collect();
                        let right = x + text_width(font, size, &text);
                        assert!(right <= PAGE_W - LEFT + 0.5, "{right}: {text}");
                    }
                    _ => {}
                }
            }
        }
        let bytes = write(&doc()).unwrap();
        let pdf = lopdf::Document::load_mem(&bytes).unwrap();
        assert_eq!(pdf.get_pages().len(), layout.pages.len());
    }
}
