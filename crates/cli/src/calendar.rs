use anyhow::Context as _;
use clap::Subcommand;
use foidesk_engine::Engine;
use serde_json::json;

use crate::date_arg;

#[derive(Subcommand)]
pub enum CalendarCommand {
    /// List the non-working days from FROM to TO, with reasons.
    Explain {
        from: String,
        to: String,
        #[arg(long)]
        json: bool,
    },
    /// List the bank holidays of a year, by nation, with sources.
    Holidays {
        year: i16,
        #[arg(long)]
        json: bool,
    },
    /// Say whether DATE is a working day.
    IsWorkingDay { date: String },
}

pub fn deadline(
    engine: &Engine,
    working_days: u32,
    json: bool,
    dates: &[String],
) -> anyhow::Result<()> {
    // Check every date before printing anything.
    let received = dates
        .iter()
        .map(|d| date_arg("DATE", d))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let mut out = String::new();
    for r in received {
        let due = engine
            .deadline(r, working_days)
            .map_err(|e| crate::BadInput(format!("argument DATE {r}: {e}")))?;
        if json {
            out.push_str(
                &json!({"received": r, "working_days": working_days, "due": due}).to_string(),
            );
        } else {
            out.push_str(&format!("{r} {due}"));
        }
        out.push('\n');
    }
    print!("{out}");
    Ok(())
}

pub fn run(engine: &Engine, cmd: CalendarCommand) -> anyhow::Result<()> {
    match cmd {
        CalendarCommand::Explain { from, to, json } => {
            let from = date_arg("FROM", &from)?;
            let to = date_arg("TO", &to)?;
            if to < from {
                return Err(
                    crate::BadInput(format!("argument TO: {to} is before FROM {from}")).into(),
                );
            }
            let days = engine
                .explain(from, to)
                .map_err(|e| crate::BadInput(e.to_string()))?;
            let working = engine
                .calendar()
                .working_days_between(from, to)
                .map_err(|e| crate::BadInput(e.to_string()))?;
            if json {
                let v = json!({"from": from, "to": to, "working_days_after_from": working, "non_working_days": days});
                println!("{v}");
            } else {
                println!("Non-working days from {from} to {to} (FOIA s.10(6)):");
                for d in &days {
                    let reasons: Vec<String> = d.reasons.iter().map(|r| r.to_string()).collect();
                    println!(
                        "  {} {:<9} {}",
                        d.date,
                        format!("{:?}", d.date.weekday()),
                        reasons.join("; ")
                    );
                }
                println!("{working} working days after {from} up to and including {to}.");
            }
            Ok(())
        }
        CalendarCommand::Holidays { year, json } => {
            let list = engine
                .holidays(year)
                .map_err(|e| crate::BadInput(format!("argument YEAR: {e}")))?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string(&list).context("serialising holidays")?
                );
            } else {
                for h in list {
                    let nations: Vec<String> = h.nations.iter().map(|n| n.to_string()).collect();
                    let projected = if h.projected { " (projected)" } else { "" };
                    println!(
                        "{} {}{} [{}] — {}",
                        h.date,
                        h.name,
                        projected,
                        nations.join(", "),
                        h.source
                    );
                }
            }
            Ok(())
        }
        CalendarCommand::IsWorkingDay { date } => {
            let d = date_arg("DATE", &date)?;
            let reasons = engine
                .calendar()
                .non_working_reasons(d)
                .map_err(|e| crate::BadInput(format!("argument DATE: {e}")))?;
            if reasons.is_empty() {
                println!("{d} is a working day");
            } else {
                let r: Vec<String> = reasons.iter().map(|r| r.to_string()).collect();
                println!("{d} is not a working day: {}", r.join("; "));
            }
            Ok(())
        }
    }
}
