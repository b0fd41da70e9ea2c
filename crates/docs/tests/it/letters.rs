//! The letters as a requester gets them: a letter to "Siân Llŷr" in Cardiff keeps her name
//! and address in the PDF's text (the embedded font covers Welsh), read back by the
//! project's own reader and, where poppler's pdftotext is installed, by that too.

use crate::common::{pdf_text, rendered, squash, Spec};
use foidesk_docs::{DocumentKind, Format};

fn welsh_letter() -> Vec<u8> {
    let spec = Spec {
        kind: DocumentKind::Acknowledgement,
        case: "docs-welsh",
        cut: None,
    };
    rendered(&spec).to_bytes(Format::Pdf).unwrap()
}

const EXPECTED: [&str; 6] = [
    "Siân Llŷr",
    "Dear Siân Llŷr,",
    "Cardiff CF10 2BH",
    "Gwenllïan ap Dafydd",
    "Tîm Rhyddid Gwybodaeth",
    "FOI-2026-0142",
];

fn check(reader: &str, text: &str) {
    let text = squash(text);
    for want in EXPECTED {
        assert!(text.contains(want), "{reader}: no {want:?} in {text}");
    }
    assert!(!text.contains("Si?n"), "{reader}: {text}");
}

#[test]
fn a_letter_to_sian_llyr_keeps_her_name_in_the_pdf() {
    let pdf = welsh_letter();
    check("the notice crate's reader", &pdf_text(&pdf));
    // The font is embedded (a TrueType subset), not one of the PDF's standard fonts.
    let raw = String::from_utf8_lossy(&pdf);
    assert!(raw.contains("/FontFile2"), "no embedded font");
    assert!(raw.contains("+LiberationSans"), "no subset");
    assert!(
        !raw.contains("/Helvetica"),
        "a standard font is still named"
    );
}

#[test]
fn pdftotext_reads_the_welsh_letter_too() {
    let pdf = welsh_letter();
    let dir = std::env::temp_dir().join(format!("foidesk-docs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("welsh.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output();
    let _ = std::fs::remove_dir_all(&dir);
    match out {
        Ok(out) => {
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            check("pdftotext", &String::from_utf8(out.stdout).unwrap());
        }
        // Without poppler the project's own reader above is the check.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("pdftotext is not installed: skipped");
        }
        Err(e) => panic!("pdftotext: {e}"),
    }
}
