//! Prints the record parsed from a file: `cargo run -p foidesk-notice --example dump FILE`.

fn main() {
    let path = std::env::args().nth(1).expect("path");
    let bytes = std::fs::read(path).expect("read");
    let p = foidesk_notice::parse(&bytes, None);
    println!("{}", serde_json::to_string_pretty(&p.record).unwrap());
    eprintln!("{:?} {:?}", p.format, p.diagnostics);
}
