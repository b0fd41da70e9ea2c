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

/// The Commissioner's real PDFs (../shared/corpus/real/pdf, written by Microsoft Word).
fn real_pdfs() -> Vec<(String, Vec<u8>)> {
    let dir = foidesk_testkit::shared("corpus/real/pdf");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no PDFs in {}", dir.display());
    files
        .into_iter()
        .map(|p| {
            let stem = p.file_stem().expect("name").to_string_lossy().into_owned();
            (stem, std::fs::read(&p).expect("PDF"))
        })
        .collect()
}

/// The words of pdftotext's text of a PDF (corpus/real/NNN.txt, after its "Source:"
/// line and a blank), without what this reader drops on purpose: page numbers, and
/// lines at the top or bottom of later pages that recur there (the running header).
fn pdftotext_words(stem: &str) -> Vec<String> {
    let path = foidesk_testkit::shared(&format!("corpus/real/{stem}.txt"));
    let text = std::fs::read_to_string(&path).expect("pdftotext text");
    let body: String = text.lines().skip(2).collect::<Vec<_>>().join("\n");
    let pages: Vec<Vec<&str>> = body
        .split('\u{c}')
        .map(|p| p.lines().map(str::trim).filter(|l| !l.is_empty()).collect())
        .collect();
    let margin = |page: &[&str], i: usize| i < 2 || i + 2 >= page.len();
    let at_margin =
        |page: &Vec<&str>, line: &str| (0..page.len()).any(|i| margin(page, i) && page[i] == line);
    let recurs = |line: &str| pages.iter().filter(|p| at_margin(p, line)).count() > 1;
    let mut words = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        for (i, line) in page.iter().enumerate() {
            let page_number = line.chars().all(|c| c.is_ascii_digit());
            let running = n > 0 && margin(page, i) && recurs(line);
            if page_number || running {
                continue;
            }
            words.extend(line.split_whitespace().map(str::to_string));
        }
    }
    words
}

/// Length of the longest common subsequence of two word lists.
fn common_words(a: &[String], b: &[String]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diagonal = 0;
        for (j, y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diagonal + 1 } else { up.max(row[j]) };
            diagonal = up;
        }
    }
    row[b.len()]
}

/// Each real PDF reads as pdftotext reads it: at least this share of pdftotext's words
/// come out, in order, and few others (measured: 99.5% to 99.9%; pdftotext joins
/// words hyphenated at a line end, and orders a few table cells differently).
#[test]
fn real_pdfs_read_like_pdftotext() {
    for (stem, bytes) in real_pdfs() {
        let text =
            foidesk_notice::extract_pdf_text(&bytes).unwrap_or_else(|e| panic!("{stem}.pdf: {e}"));
        let ours: Vec<String> = text.split_whitespace().map(str::to_string).collect();
        let theirs = pdftotext_words(&stem);
        let common = common_words(&theirs, &ours) as f64;
        let recall = common / theirs.len() as f64;
        let precision = common / ours.len() as f64;
        println!("{stem}.pdf: {recall:.4} of pdftotext's words in order, {precision:.4} of ours");
        assert!(recall >= 0.99 && precision >= 0.99, "{stem}.pdf:\n{text}");
    }
}

/// Each real PDF parses to the reference, date and public authority labelled for it
/// in corpus/real/labels.jsonl.
#[test]
fn real_pdfs_parse_to_their_labels() {
    let labels = std::fs::read_to_string(foidesk_testkit::shared("corpus/real/labels.jsonl"))
        .expect("labels.jsonl");
    let labels: Vec<serde_json::Value> = labels
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    let mut bad = Vec::new();
    for (stem, bytes) in real_pdfs() {
        let file = format!("{stem}.txt");
        let want = labels
            .iter()
            .find(|l| l["file"] == file.as_str())
            .unwrap_or_else(|| panic!("no label for {file}"));
        let got = serde_json::to_value(foidesk_notice::parse_pdf(&bytes).record).expect("JSON");
        for field in ["reference", "date", "public_authority"] {
            if got[field] != want[field] {
                bad.push(format!(
                    "{stem}.pdf: {field}: got {}, want {}",
                    got[field], want[field]
                ));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn a_pdf_without_text_says_so() {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let content = Content {
        operations: vec![Operation::new(
            "re",
            vec![0.into(), 0.into(), 9.into(), 9.into()],
        )],
    };
    let content_id = doc.add_object(Stream::new(
        dictionary! {},
        content.encode().expect("encodes"),
    ));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 },
        ),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut pdf = Vec::new();
    doc.save_to(&mut pdf).expect("PDF writes");
    let parsed = foidesk_notice::parse_pdf(&pdf);
    assert_eq!(
        parsed.diagnostics[0].message,
        "the PDF has no text layer (scanned?)"
    );
}
