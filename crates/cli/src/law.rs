use clap::Subcommand;
use foidesk_engine::{Engine, EngineError};
use serde_json::json;

use crate::{date_arg, BadInput};

#[derive(Subcommand)]
pub enum LawCommand {
    /// Show a provision: its parts, NCND subsection, test and status.
    Show {
        /// A canonical id or citation: s.31, s.31(3), reg.12(5)(e).
        id: String,
        /// Show the absolute/qualified status as the law stood on DATE.
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
    },
    /// Find the provisions cited in TEXT, as canonical ids.
    Parse {
        text: String,
        #[arg(long)]
        json: bool,
    },
    /// List every provision in the catalogue.
    List,
}

fn bad(e: EngineError) -> anyhow::Error {
    BadInput(e.to_string()).into()
}

pub fn run(engine: &Engine, cmd: LawCommand) -> anyhow::Result<()> {
    match cmd {
        LawCommand::Show { id, on } => {
            let on = on.map(|d| date_arg("--on", &d)).transpose()?;
            let (id, provision) = engine
                .provision(&id)
                .map_err(|e| BadInput(format!("argument ID: {e}")))?;
            if id != provision.id {
                println!("{id} is part of {}.\n", provision.id);
            }
            println!("{}", provision.describe(on));
            Ok(())
        }
        LawCommand::Parse { text, json } => {
            let ids = engine.parse_citations(&text).map_err(bad)?;
            if json {
                let ids: Vec<String> = ids.iter().map(|i| i.to_string()).collect();
                println!("{}", json!({ "provisions": ids }));
            } else {
                for id in ids {
                    println!("{id}");
                }
            }
            Ok(())
        }
        LawCommand::List => {
            for p in engine.law().provisions() {
                println!("{:<10} {}", p.id.to_string(), p.title);
            }
            Ok(())
        }
    }
}
