//! `foidesk stats`: the official return for a period, of one authority or
//! of all, as a table for people, JSON (`--json`, as the API answers), CSV
//! (`--csv`) or an XLSX workbook (`--xlsx FILE`). Facts of cases written
//! before statistics were kept are worked out first, so every case counts.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context as _;
use clap::Args;
use foidesk_engine::{Engine, OfficialReturn, Period};

use crate::library::{open_system, runtime, StoreArgs};
use crate::terminal::printable;
use crate::{date_arg, BadInput};

#[derive(Args)]
pub struct StatsArgs {
    /// The first day of the period (YYYY-MM-DD), included.
    #[arg(long, value_name = "DATE")]
    from: String,
    /// The last day of the period (YYYY-MM-DD), included.
    #[arg(long, value_name = "DATE")]
    to: String,
    /// One authority (its slug); without it, every authority.
    #[arg(long)]
    authority: Option<String>,
    /// Print the return as JSON.
    #[arg(long, conflicts_with_all = ["csv", "xlsx"])]
    json: bool,
    /// Print the return as CSV, one line per figure with its definition.
    #[arg(long, conflicts_with = "xlsx")]
    csv: bool,
    /// Write the return as an XLSX workbook to FILE.
    #[arg(long, value_name = "FILE")]
    xlsx: Option<PathBuf>,
    #[command(flatten)]
    place: StoreArgs,
}

pub fn run(engine: &Arc<Engine>, args: StatsArgs) -> anyhow::Result<()> {
    let from = date_arg("--from", &args.from)?;
    let to = date_arg("--to", &args.to)?;
    let period = Period::new(from, to).map_err(|e| BadInput(format!("argument --to: {e}")))?;
    let ret = runtime()?.block_on(async {
        let system = open_system(engine, &args.place).await?;
        let left = system
            .fill_statistics()
            .await
            .context("working out the statistics of older cases")?;
        if left > 0 {
            eprintln!("foidesk: {left} cases could not be worked out and are not counted");
        }
        let ret = system
            .official_return(args.authority.as_deref(), period)
            .await
            .context("the official return")?;
        system.close().await;
        anyhow::Ok(ret)
    })?;
    if args.json {
        println!("{}", ret.to_json()?);
    } else if args.csv {
        print!("{}", String::from_utf8_lossy(&ret.csv()?));
    } else if let Some(path) = &args.xlsx {
        let book = ret.xlsx(engine.today())?;
        std::fs::write(path, book)
            .map_err(|e| BadInput(format!("--xlsx {}: {e}", path.display())))?;
        println!("foidesk: wrote the return to {}", path.display());
    } else {
        print!("{}", table(&ret)?);
    }
    Ok(())
}

/// The return as a table for people: each group, each category and its figure.
fn table(ret: &OfficialReturn) -> anyhow::Result<String> {
    let who = ret
        .authority
        .as_ref()
        .map_or_else(|| "All authorities".to_owned(), |a| a.name.clone());
    let mut out = format!(
        "Official FOI return: {}, {} to {}\n",
        printable(&who),
        ret.period.from.long_form(),
        ret.period.to.long_form()
    );
    let rows = ret.rows()?;
    let width = rows
        .iter()
        .map(|r| r.label.chars().count())
        .max()
        .unwrap_or(0);
    let mut group = None;
    for row in &rows {
        if group != Some(row.section) {
            out.push_str(&format!("\n{}\n", row.section.label()));
            group = Some(row.section);
        }
        out.push_str(&format!(
            "  {:<width$}  {:>8}\n",
            printable(&row.label),
            row.count
        ));
    }
    if ret.pending > 0 {
        out.push_str(&format!(
            "\n{} cases are still being worked out and are not counted yet.\n",
            ret.pending
        ));
    }
    out.push_str("\nWhat each figure counts, and its source: docs/returns.md, or --csv.\n");
    Ok(out)
}
