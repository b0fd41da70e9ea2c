//! `foidesk import`, `foidesk export` and `foidesk migrate`: case files in
//! and out of the store, and bringing a database's schema up to date.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;
use std::sync::Arc;

use foidesk_engine::api::CaseFile;
use foidesk_engine::Engine;

use crate::library::{open_system, runtime, StoreArgs};
use crate::BadInput;

#[derive(Args)]
pub struct ImportArgs {
    /// The authority the cases belong to (its slug). Without it, each case
    /// goes to the authority its file's `request.authority` names in the
    /// register (by its name or another name it goes by).
    #[arg(long)]
    authority: Option<String>,
    /// Case files (TOML). Each case's reference is its `[case] reference`,
    /// else the file's name without `.toml`.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    #[command(flatten)]
    place: StoreArgs,
}

#[derive(Args)]
pub struct ExportArgs {
    /// The case's id.
    id: i64,
    #[command(flatten)]
    place: StoreArgs,
}

#[derive(Args)]
pub struct MigrateArgs {
    #[command(flatten)]
    place: StoreArgs,
}

/// Who the log records for writes made from the command line.
fn recorder() -> String {
    let user = std::env::var("USER").unwrap_or_else(|_| "unknown".into());
    format!("cli:{user}")
}

pub fn import(engine: &Arc<Engine>, args: ImportArgs) -> anyhow::Result<()> {
    // Every file is read and parsed before anything is written.
    let mut files = Vec::new();
    for path in &args.files {
        let text = std::fs::read_to_string(path)
            .map_err(|e| BadInput(format!("{}: {e}", path.display())))?;
        let file: CaseFile = toml::from_str(&text)
            .map_err(|e| BadInput(format!("{}: {}", path.display(), e.to_string().trim_end())))?;
        let reference = file
            .case
            .as_ref()
            .and_then(|c| c.reference.clone())
            .or_else(|| path.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .ok_or_else(|| BadInput(format!("{}: no reference", path.display())))?;
        files.push((path, reference, file));
    }
    runtime()?.block_on(async {
        let system = open_system(engine, &args.place).await?;
        // One batch: every case is stored, or none is.
        let stored = match &args.authority {
            Some(slug) => {
                let items: Vec<(String, String, CaseFile)> = files
                    .iter()
                    .map(|(_, reference, file)| (slug.clone(), reference.clone(), file.clone()))
                    .collect();
                system.import_cases(&items, &recorder()).await
            }
            None => {
                let items: Vec<(String, CaseFile)> = files
                    .iter()
                    .map(|(_, reference, file)| (reference.clone(), file.clone()))
                    .collect();
                system.import_by_name(&items, &recorder()).await
            }
        };
        let ids = stored.context("importing the case files (none was stored)")?;
        for ((path, reference, _), id) in files.iter().zip(ids) {
            println!("{}	case {id}	{reference}", path.display());
        }
        Ok(())
    })
}

pub fn export(engine: &Arc<Engine>, args: ExportArgs) -> anyhow::Result<()> {
    runtime()?.block_on(async {
        let system = open_system(engine, &args.place).await?;
        let view = system
            .case_view(args.id)
            .await?
            .ok_or_else(|| BadInput(format!("no case {}", args.id)))?;
        print!(
            "{}",
            toml::to_string(&view.file).context("writing the case file")?
        );
        Ok(())
    })
}

pub fn migrate(engine: &Arc<Engine>, args: MigrateArgs) -> anyhow::Result<()> {
    runtime()?.block_on(async {
        let system = open_system(engine, &args.place).await?;
        println!(
            "foidesk: the {} database's schema is up to date",
            system.backend_name()
        );
        // Cases written before statistics were kept are counted from now on.
        let left = system.fill_statistics().await?;
        if left == 0 {
            println!("foidesk: every case's statistics are worked out");
        } else {
            println!(
                "foidesk: {left} cases' statistics could not be worked out (unreadable records)"
            );
        }
        // Closed cleanly, SQLite leaves no -wal or -shm file beside the store.
        system.close().await;
        Ok(())
    })
}
