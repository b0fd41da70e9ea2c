//! `foidesk authority add|alias|list|import`: the register of authorities,
//! with each one's kind, regimes and other names.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context as _;
use clap::Subcommand;
use foidesk_engine::api::Regime;
use foidesk_engine::{AuthorityKind, Engine, NewAuthority, System};
use serde::Deserialize;

use crate::library::{open_system, runtime, StoreArgs};
use crate::BadInput;

#[derive(Subcommand)]
pub enum AuthorityCommand {
    /// Add a public authority to the register.
    Add {
        /// Short name used in URLs and commands: lower-case letters, digits, hyphens.
        slug: String,
        /// Full name, e.g. "Kent Police".
        name: String,
        /// police, local_government, central_government, nhs, education or other.
        #[arg(long, default_value = "other")]
        kind: String,
        /// FOIA or EIR; give it twice for both (the default).
        #[arg(long = "regime")]
        regimes: Vec<String>,
        /// Another name the authority goes by (repeatable), e.g. "Chief Constable of Kent Police".
        #[arg(long = "alias")]
        aliases: Vec<String>,
        #[command(flatten)]
        place: StoreArgs,
    },
    /// Add another name for an authority already in the register.
    Alias {
        slug: String,
        alias: String,
        #[command(flatten)]
        place: StoreArgs,
    },
    /// The register: each authority with its kind, regimes and other names.
    List {
        #[command(flatten)]
        place: StoreArgs,
    },
    /// Add every authority in a register file (TOML: `[[authority]]` tables
    /// with name, kind, regimes and aliases); all are checked before any is added.
    Import {
        #[arg(value_name = "REGISTER")]
        file: PathBuf,
        #[command(flatten)]
        place: StoreArgs,
    },
}

/// A register file: what `foidesk authority import` and the demo read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterFile {
    pub authority: Vec<RegisterFileEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterFileEntry {
    pub name: String,
    pub kind: String,
    #[serde(default)]
    pub regimes: Vec<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// Who the register records for changes made from the command line.
const BY: &str = foidesk_engine::COMMAND_LINE;

pub fn authority(engine: &Arc<Engine>, cmd: AuthorityCommand) -> anyhow::Result<()> {
    match cmd {
        AuthorityCommand::Add {
            slug,
            name,
            kind,
            regimes,
            aliases,
            place,
        } => {
            let new = new_authority(Some(slug), name, &kind, &regimes, aliases)?;
            let entry = runtime()?.block_on(async {
                let system = open_system(engine, &place).await?;
                anyhow::Ok(system.add_to_register(&new, BY).await?)
            })?;
            println!(
                "added authority {} ({})",
                entry.authority.slug, entry.authority.name
            );
        }
        AuthorityCommand::Alias { slug, alias, place } => {
            runtime()?.block_on(async {
                let system = open_system(engine, &place).await?;
                anyhow::Ok(system.add_alias(&slug, &alias, BY).await?)
            })?;
            println!("{slug} is also called {}", alias.trim());
        }
        AuthorityCommand::List { place } => runtime()?.block_on(async {
            let system = open_system(engine, &place).await?;
            for e in system.register().await?.entries {
                let regimes: Vec<String> = e.regimes.iter().map(Regime::to_string).collect();
                println!(
                    "{}\t{}\t{}\t{}\t{}",
                    e.authority.slug,
                    e.authority.name,
                    e.kind.label(),
                    regimes.join(" and "),
                    e.aliases.join("; ")
                );
            }
            anyhow::Ok(())
        })?,
        AuthorityCommand::Import { file, place } => {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| BadInput(format!("{}: {e}", file.display())))?;
            let entries =
                read_register(&text).map_err(|e| BadInput(format!("{}: {e}", file.display())))?;
            let added = runtime()?.block_on(async {
                let system = open_system(engine, &place).await?;
                load_register(&system, &entries).await
            })?;
            println!("added {added} authorities ({} in the file)", entries.len());
        }
    }
    Ok(())
}

/// A register file's entries, each checked: an unknown kind or regime is
/// an error naming the entry.
pub fn read_register(text: &str) -> Result<Vec<NewAuthority>, String> {
    let file: RegisterFile = toml::from_str(text).map_err(|e| e.to_string().trim().to_owned())?;
    file.authority
        .into_iter()
        .enumerate()
        .map(|(i, e)| {
            new_authority(None, e.name, &e.kind, &e.regimes, e.aliases)
                .map_err(|err| format!("authority {}: {err}", i + 1))
        })
        .collect()
}

/// Add each authority not already in the register (by name); how many were added.
pub async fn load_register(system: &System, entries: &[NewAuthority]) -> anyhow::Result<usize> {
    let register = system.register().await?;
    let mut added = 0;
    for new in entries {
        if register.resolve(&new.name).is_some() {
            continue;
        }
        system
            .add_to_register(new, BY)
            .await
            .with_context(|| format!("adding {}", new.name))?;
        added += 1;
    }
    Ok(added)
}

fn new_authority(
    slug: Option<String>,
    name: String,
    kind: &str,
    regimes: &[String],
    aliases: Vec<String>,
) -> Result<NewAuthority, BadInput> {
    let kind = AuthorityKind::from_name(kind).ok_or_else(|| {
        BadInput(format!(
            "--kind: '{kind}' is not a kind of authority; use one of {}",
            AuthorityKind::NAMES.join(", ")
        ))
    })?;
    let regimes = if regimes.is_empty() {
        vec![Regime::Foia, Regime::Eir]
    } else {
        regimes
            .iter()
            .map(|r| match r.to_ascii_uppercase().as_str() {
                "FOIA" => Ok(Regime::Foia),
                "EIR" => Ok(Regime::Eir),
                _ => Err(BadInput(format!("--regime: '{r}' is not FOIA or EIR"))),
            })
            .collect::<Result<_, _>>()?
    };
    Ok(NewAuthority {
        slug,
        name,
        kind,
        regimes,
        aliases,
    })
}
