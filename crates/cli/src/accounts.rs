//! `foidesk user add|disable|enable|reset-password|end-sessions|audit|open-sign-up`
//! and `foidesk token create|revoke`.

use std::io::{BufRead, IsTerminal};
use std::sync::Arc;

use clap::{Args, Subcommand};
use foidesk_engine::{AccountOutcome, Engine, EngineError, Role, System};

use crate::library::{open_system, runtime, StoreArgs};
use crate::BadInput;

#[derive(Subcommand)]
pub enum UserCommand {
    /// Add an account. The password is read from standard input (one line).
    Add(UserAdd),
    /// Disable an account: it cannot sign in, its sessions end and its tokens are revoked.
    Disable(AccountArgs),
    /// Enable a disabled account; its old sessions and tokens stay ended.
    Enable(AccountArgs),
    /// Set a new password, read from standard input (one line); ends sessions and revokes tokens.
    ResetPassword(AccountArgs),
    /// End every session of an account.
    EndSessions(AccountArgs),
    /// The audit record of account changes, newest first.
    Audit {
        #[command(flatten)]
        place: StoreArgs,
    },
    /// Let anyone make a requester's account at /sign-up ("on"), or only
    /// those invited ("off", the default). Every server on the store follows it.
    OpenSignUp {
        #[arg(value_parser = ["on", "off"])]
        state: String,
        #[command(flatten)]
        place: StoreArgs,
    },
}

#[derive(Args)]
pub struct AccountArgs {
    #[arg(long)]
    email: String,
    #[command(flatten)]
    place: StoreArgs,
}

#[derive(Args)]
pub struct UserAdd {
    #[arg(long)]
    email: String,
    #[arg(long)]
    name: String,
    /// requester, officer, caseworker or administrator.
    #[arg(long)]
    role: String,
    /// The authority an officer works for (its slug); for a coordinator,
    /// the kind of authority it coordinates (such as police).
    #[arg(long)]
    authority: Option<String>,
    #[command(flatten)]
    place: StoreArgs,
}

#[derive(Subcommand)]
pub enum TokenCommand {
    /// Create an API token for an account; it is printed once and stored only as a hash.
    Create(TokenArgs),
    /// Revoke an account's tokens with a label; they stop working at once.
    Revoke(TokenArgs),
}

#[derive(Args)]
pub struct TokenArgs {
    #[arg(long)]
    email: String,
    /// What the token is for, e.g. "nightly export".
    #[arg(long, default_value = "api")]
    label: String,
    #[command(flatten)]
    place: StoreArgs,
}

pub fn user(engine: &Arc<Engine>, cmd: UserCommand) -> anyhow::Result<()> {
    let args = match cmd {
        UserCommand::Add(args) => args,
        UserCommand::Audit { place } => return audit(engine, &place),
        UserCommand::OpenSignUp { state, place } => return open_sign_up(engine, &state, &place),
        UserCommand::ResetPassword(args) => {
            let password = read_password()?;
            return lifecycle(engine, args, "password reset", async |system, id| {
                system.reset_password(id, &password).await
            });
        }
        UserCommand::Disable(args) => {
            return lifecycle(engine, args, "disabled", async |system, id| {
                system.disable_account(id).await
            })
        }
        UserCommand::Enable(args) => {
            return lifecycle(engine, args, "enabled", async |system, id| {
                system.enable_account(id).await
            })
        }
        UserCommand::EndSessions(args) => {
            return lifecycle(engine, args, "sessions ended", async |system, id| {
                system.end_sessions(id).await
            })
        }
    };
    let role = Role::from_name(&args.role).ok_or_else(|| {
        BadInput(format!(
            "argument --role: '{}' is not one of {}",
            args.role,
            Role::ALL.map(|r| r.as_str()).join(", ")
        ))
    })?;
    let password = read_password()?;
    let u = runtime()?.block_on(async {
        let system = open_system(engine, &args.place).await?;
        anyhow::Ok(
            system
                .add_user(
                    &args.email,
                    &args.name,
                    role,
                    args.authority.as_deref(),
                    &password,
                )
                .await?,
        )
    })?;
    println!("added {} {} ({})", u.role.as_str(), u.email, u.name);
    Ok(())
}

pub fn token(engine: &Arc<Engine>, cmd: TokenCommand) -> anyhow::Result<()> {
    let TokenArgs {
        email,
        label,
        place,
    } = match cmd {
        TokenCommand::Create(args) => args,
        TokenCommand::Revoke(args) => {
            let n = runtime()?.block_on(async {
                let system = open_system(engine, &args.place).await?;
                anyhow::Ok(system.revoke_tokens(&args.email, &args.label).await?)
            })?;
            println!(
                "revoked {n} token(s) labelled '{}' for {}",
                args.label, args.email
            );
            return Ok(());
        }
    };
    let token = runtime()?.block_on(async {
        let system = open_system(engine, &place).await?;
        anyhow::Ok(system.create_token(&email, &label).await?)
    })?;
    if std::io::stderr().is_terminal() {
        eprintln!("This token is shown once; keep it somewhere safe.");
    }
    println!("{token}");
    Ok(())
}

/// Find the account named by --email, apply `action` and say what it did.
fn lifecycle(
    engine: &Arc<Engine>,
    args: AccountArgs,
    done: &str,
    action: impl AsyncFnOnce(&System, i64) -> Result<AccountOutcome, EngineError>,
) -> anyhow::Result<()> {
    let outcome = runtime()?.block_on(async {
        let system = open_system(engine, &args.place).await?;
        let account = system
            .account_by_email(&args.email)
            .await
            .map_err(|e| match e {
                EngineError::Invalid { message, .. } => {
                    anyhow::Error::from(BadInput(format!("argument --email: {message}")))
                }
                other => other.into(),
            })?;
        anyhow::Ok(action(&system, account.id).await?)
    })?;
    let email = &outcome.account.email;
    if outcome.changed {
        println!(
            "{email}: {done}; {} session(s) ended, {} token(s) revoked",
            outcome.sessions_ended, outcome.tokens_revoked
        );
    } else {
        println!("{email}: already {done}; nothing changed");
    }
    Ok(())
}

fn audit(engine: &Arc<Engine>, place: &StoreArgs) -> anyhow::Result<()> {
    let lines = runtime()?.block_on(async {
        let system = open_system(engine, place).await?;
        anyhow::Ok(system.account_audit().await?)
    })?;
    if lines.is_empty() {
        println!("no account changes recorded");
    }
    for l in lines {
        println!(
            "{}\t{}\t{}\t{}\t{}",
            l.at, l.actor, l.action, l.account_email, l.detail
        );
    }
    Ok(())
}

fn open_sign_up(engine: &Arc<Engine>, state: &str, place: &StoreArgs) -> anyhow::Result<()> {
    let on = state == "on";
    runtime()?.block_on(async {
        let system = open_system(engine, place).await?;
        anyhow::Ok(system.set_open_sign_up(on).await?)
    })?;
    if on {
        println!("open sign-up is on: anyone may make a requester's account at /sign-up");
    } else {
        println!("open sign-up is off: requesters join by invitation");
    }
    Ok(())
}

/// One line from standard input, without its line ending.
fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        eprint!("Password (it will be visible; or pipe it in): ");
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| BadInput(format!("reading the password from standard input: {e}")))?;
    let password = line.trim_end_matches(['\n', '\r']).to_owned();
    if password.is_empty() {
        return Err(BadInput("no password on standard input".into()).into());
    }
    Ok(password)
}
