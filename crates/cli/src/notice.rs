use anyhow::Context as _;
use clap::Subcommand;
use foidesk_engine::{notice_to_case, Engine, ReadDocument, SourceFile};

use crate::BadInput;

#[derive(Subcommand)]
pub enum NoticeCommand {
    /// Parse decision notices (PDF, text, Markdown or HTML; notice pages and abstracts; files
    /// of the website's JSON records, one record each) into records; diagnostics go to stderr.
    Parse {
        #[arg(long)]
        json: bool,
        #[arg(required = true, value_name = "FILE")]
        files: Vec<String>,
    },
    /// Write a case file (TOML) from what a decision notice states.
    ToCase { file: String },
}

fn read(file: &str) -> anyhow::Result<Vec<u8>> {
    std::fs::read(file).map_err(|e| BadInput(format!("argument FILE {file}: {e}")).into())
}

/// The printed reference, or the one in the page's address, said as such.
fn reference(doc: &ReadDocument) -> String {
    let r = &doc.parsed.record;
    match (&r.reference, &r.url_reference) {
        (Some(printed), _) => printed.clone(),
        (None, Some(address)) => format!("{address} (from its address)"),
        (None, None) => "(no reference)".into(),
    }
}

/// What a notice page adds: its sector and decision labels.
fn page_line(doc: &ReadDocument) -> Option<String> {
    let r = &doc.parsed.record;
    if r.sector.is_none() && r.decisions.is_empty() {
        return None;
    }
    let labels: Vec<String> = r
        .decisions
        .iter()
        .map(|d| {
            let finding = serde_json::to_value(d.finding).ok();
            let finding = finding
                .as_ref()
                .and_then(|v| v.as_str())
                .unwrap_or_default();
            format!("{}: {}", d.provision, finding.replace('_', " "))
        })
        .collect();
    Some(format!(
        "sector {} — decisions {}",
        r.sector.as_deref().unwrap_or("not stated"),
        if labels.is_empty() {
            "none stated".into()
        } else {
            labels.join(", ")
        }
    ))
}

pub fn run(engine: &Engine, cmd: NoticeCommand) -> anyhow::Result<()> {
    match cmd {
        NoticeCommand::Parse { json, files } => {
            // Read every file first, so a missing one prints nothing.
            let inputs = files
                .iter()
                .map(|f| read(f))
                .collect::<anyhow::Result<Vec<_>>>()?;
            let documents = files.iter().zip(inputs).flat_map(|(file, bytes)| {
                engine.read_notice_file(SourceFile {
                    name: file.clone(),
                    bytes,
                })
            });
            for doc in documents {
                let (file, parsed) = (&doc.file.name, &doc.parsed);
                for d in &parsed.diagnostics {
                    match &d.span {
                        Some(s) => eprintln!("{file}:{}..{}: {}", s.start, s.end, d.message),
                        None => eprintln!("{file}: {}", d.message),
                    }
                }
                let r = &parsed.record;
                if json {
                    println!(
                        "{}",
                        serde_json::to_string(r).context("serialising the record")?
                    );
                } else {
                    let cited: Vec<String> =
                        r.provisions_cited.iter().map(|p| p.to_string()).collect();
                    let outcome = r
                        .outcome
                        .and_then(|o| serde_json::to_value(o).ok())
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_else(|| "unknown".into());
                    println!(
                        "{file}: {} {} — {} — cited {} — outcome {outcome}{}",
                        r.date
                            .map(|d| d.to_string())
                            .unwrap_or_else(|| "undated".into()),
                        reference(&doc),
                        r.public_authority.as_deref().unwrap_or("(no authority)"),
                        if cited.is_empty() {
                            "nothing".into()
                        } else {
                            cited.join(", ")
                        },
                        if r.ncnd { " (NCND)" } else { "" },
                    );
                    if let Some(page) = page_line(&doc) {
                        println!("{file}: {page}");
                    }
                }
            }
            Ok(())
        }
        NoticeCommand::ToCase { file } => {
            let bytes = read(&file)?;
            let parsed = engine.parse_notice(&bytes, Some(&file));
            let case =
                notice_to_case(&parsed.record).map_err(|e| BadInput(format!("{file}: {e}")))?;
            for note in &case.notes {
                eprintln!("{file}: note: {note}");
            }
            print!("{}", case.toml);
            Ok(())
        }
    }
}
