//! PDFs written here (with lopdf, Helvetica, one text object per line, 50 lines a page)
//! from the synthetic notices parse to the same record as the notices themselves.
#![cfg(feature = "pdf")]

use crate::common::fixtures_dir;
use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document, Object, Stream};

/// The notice as plain lines: markup removed, non-ASCII folded (the test font is WinAnsi).
fn plain_lines(source: &str) -> Vec<String> {
    let mut text = String::new();
    let mut in_tag = false;
    for c in source.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push('\n');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&amp;", "&")
        .replace("&rsquo;", "'")
        .replace("&#39;", "'")
        .replace(['\u{201C}', '\u{201D}'], "\"")
        .replace("&ldquo;", "\"")
        .replace("&rdquo;", "\"")
        .replace("**", "");
    text.lines()
        .map(|l| l.trim_start_matches('#').trim().to_string())
        .filter(|l| !l.is_empty() && l != "---" && !l.starts_with("p {"))
        .map(|l| {
            l.chars()
                .map(|c| if c.is_ascii() { c } else { '-' })
                .collect()
        })
        .collect()
}

fn write_pdf(lines: &[String]) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let resources_id = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font_id } });
    let mut kids = Vec::new();
    for page in lines.chunks(50) {
        let mut ops = Vec::new();
        for (i, line) in page.iter().enumerate() {
            let y = 800 - 15 * i64::try_from(i).expect("small");
            ops.push(Operation::new("BT", vec![]));
            ops.push(Operation::new("Tf", vec!["F1".into(), 10.into()]));
            ops.push(Operation::new("Td", vec![40.into(), y.into()]));
            ops.push(Operation::new(
                "Tj",
                vec![Object::string_literal(line.as_str())],
            ));
            ops.push(Operation::new("ET", vec![]));
        }
        let content = Content { operations: ops }
            .encode()
            .expect("content encodes");
        let content_id = doc.add_object(Stream::new(dictionary! {}, content));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        });
        kids.push(page_id.into());
    }
    let count = i64::try_from(kids.len()).expect("small");
    let pages = dictionary! {
        "Type" => "Pages", "Kids" => kids, "Count" => count, "Resources" => resources_id,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    };
    doc.objects.insert(pages_id, Object::Dictionary(pages));
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("PDF writes");
    out
}

/// JSON of the record without file and spans, paragraph text whitespace collapsed.
fn comparable(p: &foidesk_notice::Parsed) -> serde_json::Value {
    let mut v = serde_json::to_value(&p.record).expect("serialises");
    if let Some(paras) = v.get_mut("paragraphs").and_then(|p| p.as_array_mut()) {
        for p in paras {
            p.as_object_mut().map(|o| o.remove("text"));
        }
    }
    v
}

#[test]
fn pdfs_of_synthetic_notices_parse_like_the_text() {
    let dir = fixtures_dir().join("synthetic");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e != "json"))
        .collect();
    paths.sort();
    let mut n = 0;
    for path in paths {
        let source = std::fs::read_to_string(&path).expect("notice");
        let lines = plain_lines(&source);
        let want = foidesk_notice::parse(lines.join("\n").as_bytes(), None);
        let pdf = write_pdf(&lines);
        let got = foidesk_notice::parse_pdf(&pdf);
        assert_eq!(
            comparable(&got),
            comparable(&want),
            "{}: text was\n{}",
            path.display(),
            foidesk_notice::pdf_text(&pdf).unwrap_or_default()
        );
        // And the text route agrees with the source itself on every contract field.
        let original = foidesk_notice::parse(source.as_bytes(), None);
        assert_eq!(
            comparable(&got),
            comparable(&original),
            "{}",
            path.display()
        );
        n += 1;
    }
    assert_eq!(n, 5);
}

#[test]
fn garbage_is_not_a_pdf() {
    let p = foidesk_notice::parse_pdf(b"%PDF-1.5\n garbage");
    assert_eq!(p.record, foidesk_notice::NoticeRecord::default());
    assert!(!p.diagnostics.is_empty());
}

/// One PDF is committed (tests/fixtures/pdf/old_format_s50.pdf) so that tests
/// of other crates can ingest a real PDF. It must stay what this writer makes
/// from the synthetic notice; `FOIDESK_REGENERATE_PDF=1` rewrites it.
#[test]
fn committed_pdf_fixture_matches_the_writer() {
    let source = std::fs::read_to_string(fixtures_dir().join("synthetic/old_format_s50.txt"))
        .expect("notice");
    let pdf = write_pdf(&plain_lines(&source));
    let path = fixtures_dir().join("pdf/old_format_s50.pdf");
    if std::env::var_os("FOIDESK_REGENERATE_PDF").is_some() {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
        std::fs::write(&path, &pdf).expect("write fixture");
    }
    let committed = std::fs::read(&path).expect("committed PDF fixture");
    assert!(
        committed == pdf,
        "{} is stale; regenerate it",
        path.display()
    );
    let parsed = foidesk_notice::parse_pdf(&committed);
    assert_eq!(parsed.record.reference.as_deref(), Some("FS50212345"));
}
