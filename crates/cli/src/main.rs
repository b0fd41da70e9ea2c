//! `foidesk`: the command-line interface. Reads arguments, files and the
//! environment, calls the engine, prints human text or `--json`.
//! Bad input exits with code 2 and a message naming what was wrong.

mod accounts;
mod assess;
mod bench;
mod bench_cases;
mod bench_round_robins;
mod calendar;
mod cases;
mod demo;
mod demo_history;
mod demo_library;
mod demo_round_robin;
mod law;
mod library;
mod notice;
mod register;
mod render;
mod serve;
mod stats;
mod terminal;

use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use foidesk_engine::api::{CalendarSettings, Date, LateProclamationPolicy};
use foidesk_engine::{Engine, EngineError, SystemClock};

#[derive(Parser)]
#[command(
    name = "foidesk",
    version,
    about = "FOI and EIR casework: deadlines, law, assessment, decision notices"
)]
struct Cli {
    /// Treat a bank holiday proclaimed after a request was received (the
    /// 2022-09-19 state funeral) as a working day for that request.
    /// Default: it counts as a holiday for every request (FACTS.md §6).
    #[arg(long, global = true)]
    late_proclamations_not_for_running_requests: bool,

    /// Accept events dated up to this many days after today (a clock a day
    /// or two behind). Default 0: an event dated after today is refused.
    #[arg(long, global = true, default_value_t = 0, value_name = "DAYS")]
    future_date_tolerance_days: u32,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// The due date for each date of receipt (day 1 is the next working day).
    Deadline {
        /// How many working days (FOIA s.10(1) and EIR reg.5(2): 20).
        #[arg(long, default_value_t = 20)]
        working_days: u32,
        #[arg(long)]
        json: bool,
        /// Dates of receipt, YYYY-MM-DD.
        #[arg(required = true, value_name = "DATE")]
        dates: Vec<String>,
    },
    /// The UK working-day calendar (FOIA s.10(6)).
    #[command(subcommand)]
    Calendar(calendar::CalendarCommand),
    /// The statute catalogue and the citation parser.
    #[command(subcommand)]
    Law(law::LawCommand),
    /// Decision notices: parse them, or turn one into a case file.
    #[command(subcommand)]
    Notice(notice::NoticeCommand),
    /// A refusal notice, review outcome or decision notice from a case file and facts.
    Render(render::RenderArgs),
    /// The decision-notice library: ingest, search, stats, reindex.
    Library(library::LibraryArgs),
    /// The register of public authorities: add, alias, list, import.
    #[command(subcommand)]
    Authority(register::AuthorityCommand),
    /// Accounts in the store.
    #[command(subcommand)]
    User(accounts::UserCommand),
    /// API tokens for accounts.
    #[command(subcommand)]
    Token(accounts::TokenCommand),
    /// Open cases in the store from case files (TOML).
    Import(cases::ImportArgs),
    /// Print a stored case as a case file (TOML).
    Export(cases::ExportArgs),
    /// Create the database or bring its schema up to date (serve does this too).
    Migrate(cases::MigrateArgs),
    /// The official FOI return for a period (see docs/returns.md).
    Stats(stats::StatsArgs),
    /// Serve the JSON API (SQLite in the data directory by default).
    Serve(serve::ServeArgs),
    /// Measure foidesk at scale (see README: Benchmarks).
    #[command(subcommand)]
    Bench(bench::BenchCommand),
    /// Deadlines and findings for a case file.
    Assess {
        /// Path to a case file (TOML; see docs/case-file.md).
        file: String,
        /// Assess as at this date instead of today.
        #[arg(long, value_name = "DATE")]
        as_at: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

/// An error caused by the user's input: exit code 2.
#[derive(Debug)]
pub struct BadInput(pub String);

impl std::fmt::Display for BadInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadInput {}

/// Parse a date argument, naming the argument in the error.
pub fn date_arg(name: &str, text: &str) -> anyhow::Result<Date> {
    Date::parse(text).map_err(|e| BadInput(format!("argument {name}: {e}")).into())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let settings = CalendarSettings {
        late_proclamations: if cli.late_proclamations_not_for_running_requests {
            LateProclamationPolicy::NotForRequestsAlreadyRunning
        } else {
            LateProclamationPolicy::CountsForAll
        },
    };
    let engine = Arc::new(
        Engine::new(Box::new(SystemClock), settings)
            .with_future_date_tolerance_days(cli.future_date_tolerance_days),
    );
    let result = match cli.command {
        Command::Deadline {
            working_days,
            json,
            dates,
        } => calendar::deadline(&engine, working_days, json, &dates),
        Command::Calendar(cmd) => calendar::run(&engine, cmd),
        Command::Law(cmd) => law::run(&engine, cmd),
        Command::Notice(cmd) => notice::run(&engine, cmd),
        Command::Render(args) => render::run(&engine, args),
        Command::Library(args) => library::run(&engine, args),
        Command::Bench(cmd) => bench::run(&engine, cmd),
        Command::Serve(args) => serve::run(engine, args),
        Command::Stats(args) => stats::run(&engine, args),
        Command::Import(args) => cases::import(&engine, args),
        Command::Export(args) => cases::export(&engine, args),
        Command::Migrate(args) => cases::migrate(&engine, args),
        Command::Authority(cmd) => register::authority(&engine, cmd),
        Command::User(cmd) => accounts::user(&engine, cmd),
        Command::Token(cmd) => accounts::token(&engine, cmd),
        Command::Assess { file, as_at, json } => {
            assess::run(&engine, &file, as_at.as_deref(), json)
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("foidesk: error: {err:#}");
            ExitCode::from(exit_code(&err))
        }
    }
}

/// 2 when the arguments or the files they name were at fault, 1 otherwise
/// (the database or the index failed).
fn exit_code(err: &anyhow::Error) -> u8 {
    for cause in err.chain() {
        if cause.is::<BadInput>() {
            return 2;
        }
        if let Some(e) = cause.downcast_ref::<EngineError>() {
            return match e {
                // The caller named something that exists already, or does not.
                EngineError::Duplicate { .. }
                | EngineError::NotFound { .. }
                | EngineError::Conflict { .. } => 2,
                EngineError::Store(_)
                | EngineError::NothingToAppend
                | EngineError::Search(_)
                | EngineError::CorruptRecord { .. }
                | EngineError::Serialise { .. } => 1,
                _ => 2,
            };
        }
    }
    1
}
