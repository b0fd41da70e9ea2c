//! `foidesk render refusal|review|decision CASE --facts FACTS`: a document from a case file
//! and a facts file (see crates/docs), as HTML, Markdown or PDF. Missing facts exit 2,
//! each named with when it is needed; nothing is written unless the document is complete.

use std::io::Write as _;

use clap::{Args, ValueEnum};
use foidesk_engine::{DocumentKind, Engine, Facts, Format, RenderError};

use crate::{date_arg, BadInput};

#[derive(Clone, Copy, ValueEnum)]
pub enum Kind {
    /// Refusal notice (FOIA s.17, including the s.17(2) extension; EIR reg.14).
    Refusal,
    /// Internal review outcome (EIR: reconsideration under reg.11).
    Review,
    /// The Commissioner's decision notice (s.50).
    Decision,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Html,
    Md,
    Pdf,
}

#[derive(Args)]
pub struct RenderArgs {
    /// Which document.
    kind: Kind,
    /// The case file (TOML; see docs/case-file.md).
    case: String,
    /// The facts the case file does not hold (TOML; see crates/docs/src/facts.rs).
    #[arg(long, value_name = "FILE")]
    facts: String,
    /// Output format; default: from the -o file's extension, else md.
    #[arg(long)]
    format: Option<FormatArg>,
    /// Write to this file instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<String>,
    /// Assess the case as at this date instead of today.
    #[arg(long, value_name = "DATE")]
    as_at: Option<String>,
}

fn read(arg: &str, file: &str) -> anyhow::Result<String> {
    std::fs::read_to_string(file)
        .map_err(|e| BadInput(format!("argument {arg} {file}: {e}")).into())
}

fn format(args: &RenderArgs) -> Format {
    let from_name = |name: &str| {
        let ext = std::path::Path::new(name).extension()?.to_str()?;
        Format::from_name(&ext.to_ascii_lowercase())
    };
    match args.format {
        Some(FormatArg::Html) => Format::Html,
        Some(FormatArg::Md) => Format::Markdown,
        Some(FormatArg::Pdf) => Format::Pdf,
        None => args
            .output
            .as_deref()
            .and_then(from_name)
            .unwrap_or(Format::Markdown),
    }
}

pub fn run(engine: &Engine, args: RenderArgs) -> anyhow::Result<()> {
    let as_at = args
        .as_at
        .as_deref()
        .map(|d| date_arg("--as-at", d))
        .transpose()?;
    let case_text = read("CASE", &args.case)?;
    let facts = Facts::from_toml(&read("--facts", &args.facts)?)
        .map_err(|e| BadInput(format!("{}: {e}", args.facts)))?;
    let (case, assessment) = engine
        .assess_text(&case_text, as_at)
        .map_err(|e| BadInput(format!("{}: {e}", args.case)))?;
    let kind = match args.kind {
        Kind::Refusal => DocumentKind::Refusal,
        Kind::Review => DocumentKind::Review,
        Kind::Decision => DocumentKind::Decision,
    };
    let doc = engine
        .render_case(kind, &case, &assessment, &facts)
        .map_err(|e| explain(kind, &args, e))?;
    let bytes = doc.to_bytes(format(&args))?;
    match &args.output {
        Some(path) => std::fs::write(path, &bytes)
            .map_err(|e| BadInput(format!("argument -o {path}: {e}")))?,
        None => std::io::stdout().write_all(&bytes)?,
    }
    Ok(())
}

/// The user's mistakes (missing or invalid facts, the wrong document for the case) exit 2.
fn explain(kind: DocumentKind, args: &RenderArgs, e: RenderError) -> anyhow::Error {
    match e {
        RenderError::Missing(m) => {
            let lines: Vec<String> = m
                .facts
                .iter()
                .map(|f| {
                    let when = kind
                        .needs()
                        .iter()
                        .find(|n| f.matches(n.id))
                        .map_or("", |n| n.when);
                    let source = if f.is_case_fact() {
                        &args.case
                    } else {
                        &args.facts
                    };
                    format!("  {f} ({source}): {when}")
                })
                .collect();
            BadInput(format!(
                "cannot render the {} document: {} facts missing:\n{}",
                kind.name(),
                m.facts.len(),
                lines.join("\n")
            ))
            .into()
        }
        e @ (RenderError::Invalid { .. } | RenderError::NotApplicable(_)) => {
            BadInput(e.to_string()).into()
        }
        e => anyhow::Error::new(e),
    }
}
