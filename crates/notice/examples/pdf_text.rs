//! Prints the text the notice crate reads from a PDF: `cargo run --example pdf_text -- FILE`.

fn main() -> std::process::ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: pdf_text FILE.pdf");
        return std::process::ExitCode::FAILURE;
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{}: {e}", path.to_string_lossy());
            return std::process::ExitCode::FAILURE;
        }
    };
    match foidesk_notice::extract_pdf_text(&bytes) {
        Ok(text) => {
            print!("{text}");
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: {e}", path.to_string_lossy());
            std::process::ExitCode::FAILURE
        }
    }
}
