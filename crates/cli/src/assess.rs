use anyhow::Context as _;
use foidesk_engine::api::FindingKind;
use foidesk_engine::Engine;

use crate::{date_arg, BadInput};

pub fn run(engine: &Engine, file: &str, as_at: Option<&str>, json: bool) -> anyhow::Result<()> {
    let as_at = as_at.map(|d| date_arg("--as-at", d)).transpose()?;
    let text = std::fs::read_to_string(file)
        .map_err(|e| BadInput(format!("argument FILE {file}: {e}")))?;
    let (case, assessment) = engine
        .assess_text(&text, as_at)
        .map_err(|e| BadInput(format!("{file}: {e}")))?;
    if json {
        println!(
            "{}",
            serde_json::to_string(&assessment).context("serialising the assessment")?
        );
        return Ok(());
    }
    let as_at = as_at.unwrap_or_else(|| engine.today());
    let r = &case.request;
    if let Some(title) = &case.title {
        println!("{title}");
    }
    println!(
        "{} ({}), request received {}",
        r.authority, r.regime, r.received
    );
    if let Some(d) = assessment.date_of_receipt.filter(|d| *d != r.received) {
        println!("Date of receipt for the clock: {d}");
    }
    println!("\nDeadlines (as at {as_at}):");
    for (name, date) in assessment.deadlines.entries() {
        let state = if date < as_at { "passed" } else { "open" };
        println!("  {:<32} {date}  {state}", name.replace('_', " "));
    }
    println!("\nFindings:");
    if assessment.findings.is_empty() {
        println!("  none");
    }
    for f in &assessment.findings {
        let kind = match f.kind {
            FindingKind::Breach => "BREACH",
            FindingKind::Warning => "WARNING",
            FindingKind::Info => "info",
        };
        println!("  {kind:<8} {:<12} {}", f.provision.to_string(), f.summary);
    }
    Ok(())
}
