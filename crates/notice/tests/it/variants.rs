//! Issue 14's robustness variants, made here from every real text file (../shared/corpus/real
//! and ../shared/corpus/notices): line breaks collapsed to spaces, lines re-wrapped at 60
//! columns, and page furniture inserted. Each variant must give its original's record, but
//! for `file`, `paragraphs` (their text follows the layout) and the fields [`DESTROYS`] lists.

use std::path::PathBuf;

use serde_json::Value;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Variant {
    Collapse,
    Wrap,
    Furniture,
}

const VARIANTS: [Variant; 3] = [Variant::Collapse, Variant::Wrap, Variant::Furniture];

/// What a variant takes away from the text, so that the field read from it may differ:
/// (variant, field, only this file when the loss is its own layout's, why).
const DESTROYS: &[(Variant, &str, Option<&str>, &str)] = &[
    (
        Variant::Collapse,
        "signatory",
        None,
        "the name and the role under 'Signed' are told apart only by the line break between \
         them ('Carol Scott' / 'Senior Case Officer'); on one line nothing separates them",
    ),
    (
        Variant::Collapse,
        "public_authority",
        Some("004.txt"),
        "its front matter prints both labels before both values ('Public Authority:', \
         'Address:', then 'Sport England', 'SportPark'): only the line break ends the name",
    ),
];

/// How wide the re-wrapped lines are.
const WIDTH: usize = 60;
/// Lines per page for the inserted page furniture.
const PAGE_LINES: usize = 40;

fn files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in [
        foidesk_testkit::shared("corpus/real"),
        foidesk_testkit::corpus_notices(),
    ] {
        let mut here: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        here.sort();
        out.extend(here);
    }
    out
}

/// The corpus's framing ("Source: <url>" and a blank line), kept as it is, and the rest.
fn framing(text: &str) -> (&str, &str) {
    if !text.starts_with("Source:") {
        return ("", text);
    }
    let mut at = 0;
    for _ in 0..2 {
        match text[at..].find('\n') {
            Some(p) => at += p + 1,
            None => return (text, ""),
        }
    }
    text.split_at(at)
}

fn collapse(body: &str) -> String {
    body.replace(['\n', '\u{c}'], " ")
}

/// Each line wrapped greedily at [`WIDTH`] columns; blank lines stay.
fn wrap(body: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for line in body.split('\n') {
        let mut cur = String::new();
        for word in line.split_whitespace() {
            if !cur.is_empty() && cur.chars().count() + 1 + word.chars().count() > WIDTH {
                out.push(std::mem::take(&mut cur));
            }
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(word);
        }
        out.push(cur);
    }
    out.join("\n")
}

/// After every [`PAGE_LINES`] lines: a blank line, the page's number, a form feed, the next
/// page's running header and a blank line.
fn furnish(body: &str, header: &dyn Fn(usize) -> String) -> String {
    let mut out: Vec<String> = Vec::new();
    for (i, line) in body.split('\n').enumerate() {
        out.push(line.to_string());
        if (i + 1) % PAGE_LINES == 0 {
            let page = (i + 1) / PAGE_LINES;
            out.extend([
                String::new(),
                page.to_string(),
                "\u{c}".into(),
                header(page + 1),
                String::new(),
            ]);
        }
    }
    out.join("\n")
}

/// The record's JSON without the fields no variant keeps.
fn record(bytes: &[u8]) -> Value {
    let mut v = serde_json::to_value(foidesk_notice::parse(bytes, None).record).expect("json");
    if let Some(o) = v.as_object_mut() {
        o.remove("file");
        o.remove("paragraphs");
    }
    v
}

fn variant(v: Variant, text: &str, original: &Value) -> String {
    let (head, body) = framing(text);
    // A notice's running header is its reference, as the Commissioner prints it; a page's
    // printout carries the page's own name.
    let reference = original["reference"].as_str().map(str::to_string);
    let header = move |page: usize| match &reference {
        Some(r) => format!("Reference: {r}"),
        None => format!("Decision notice page {page}"),
    };
    let body = match v {
        Variant::Collapse => collapse(body),
        Variant::Wrap => wrap(body),
        Variant::Furniture => furnish(body, &header),
    };
    format!("{head}{body}")
}

#[test]
fn variants_give_their_originals_records() {
    let files = files();
    assert!(files.len() >= 75, "{} files", files.len());
    let mut unexplained = Vec::new();
    for v in VARIANTS {
        let (mut matched, mut lines) = (0, Vec::new());
        for path in &files {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("?");
            let text = String::from_utf8_lossy(&std::fs::read(path).expect("file")).into_owned();
            let want = record(text.as_bytes());
            let got = record(variant(v, &text, &want).as_bytes());
            let mut whole = true;
            for (field, w) in want.as_object().expect("object") {
                let g = &got[field.as_str()];
                if g == w {
                    continue;
                }
                whole = false;
                let why = DESTROYS
                    .iter()
                    .find(|(dv, f, only, _)| {
                        *dv == v && f == field && only.is_none_or(|o| o == name)
                    })
                    .map(|d| d.3);
                let line = format!("{v:?} {name}: {field}: got {g}, want {w}");
                match why {
                    Some(why) => lines.push(format!("{line} (destroyed: {why})")),
                    None => {
                        lines.push(line.clone());
                        unexplained.push(line);
                    }
                }
            }
            matched += usize::from(whole);
        }
        println!("{v:?}: {matched} of {} records match fully", files.len());
        for l in lines {
            println!("  {l}");
        }
    }
    assert!(
        unexplained.is_empty(),
        "mismatches no variant explains:\n{}",
        unexplained.join("\n")
    );
}

#[test]
fn variants_are_made_as_described() {
    let text = "Source: x\n\nab cd\n\nef\u{c}gh";
    let (head, body) = framing(text);
    assert_eq!((head, body), ("Source: x\n\n", "ab cd\n\nef\u{c}gh"));
    assert_eq!(collapse(body), "ab cd  ef gh");
    let long = "word ".repeat(30);
    let wrapped = wrap(&format!("{long}\n\nx"));
    assert!(wrapped.lines().all(|l| l.len() <= WIDTH));
    assert!(wrapped.contains("\n\nx"));
    let many: Vec<String> = (0..81).map(|i| i.to_string()).collect();
    let paged = furnish(&many.join("\n"), &|p| format!("Head {p}"));
    assert!(paged.contains("39\n\n1\n\u{c}\nHead 2\n\n40\n"));
    assert!(paged.contains("79\n\n2\n\u{c}\nHead 3\n\n80"));
}
