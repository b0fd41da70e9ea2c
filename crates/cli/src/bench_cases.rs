//! `foidesk bench cases`: the case store at scale. It opens authorities,
//! generates case files with realistic timelines (most assigned to one of
//! each authority's caseworkers), loads them through `Engine::import_cases`
//! in batches, then times every queue form, a case with its assessment, the
//! dashboard's and statistics page's figures and the official return
//! (`reads.rs`), and checks the figures against plain counts (`check.rs`).

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use clap::Args;
use foidesk_engine::api::{Authority, Date, EventFile, EventType};
use foidesk_engine::{Engine, System};

use crate::bench::{authority, print_figures, Rng};
use crate::library::{runtime, StoreArgs};
use crate::BadInput;

mod check;
mod reads;
pub(crate) mod timeline;

use check::MonthCheck;
use reads::{Loaded, Timing};

/// Cases per `import_cases` call, so one transaction.
const BATCH: usize = 5_000;
const SEED: u64 = 0x2545_F491_4F6C_DD1D;
/// Caseworkers per authority that cases are assigned to; of every ten
/// cases, this many are assigned (the rest wait for someone to take them).
const CASEWORKERS: usize = 4;
const ASSIGNED_IN_TEN: usize = 6;
/// The first date of receipt generated; the last is today.
const FIRST_RECEIVED: (i16, i8, i8) = (2019, 1, 1);

#[derive(Args)]
pub struct CasesBench {
    /// How many cases to generate and load.
    #[arg(long, default_value_t = 1_000_000)]
    cases: usize,
    /// How many authorities the cases are spread over.
    #[arg(long, default_value_t = 500)]
    authorities: usize,
    /// How many timed queries of each kind: queues and case views.
    #[arg(long, default_value_t = 2_000)]
    samples: usize,
    /// How many timed figures and returns of each kind (each sums many
    /// cases, so fewer).
    #[arg(long, default_value_t = 200)]
    report_samples: usize,
    /// Where the store goes (default: a new temporary folder, removed
    /// afterwards). With --database-url, a PostgreSQL database (best empty).
    #[command(flatten)]
    place: StoreArgs,
    /// Time the reads over the cases an earlier run left in the store
    /// (with --data-dir or --database-url), loading none.
    #[arg(long)]
    reuse: bool,
    #[arg(long)]
    json: bool,
}

pub fn run(engine: &Arc<Engine>, args: CasesBench) -> anyhow::Result<()> {
    for (name, value) in [
        ("--cases", args.cases),
        ("--authorities", args.authorities),
        ("--samples", args.samples),
        ("--report-samples", args.report_samples),
    ] {
        if value == 0 {
            return Err(BadInput(format!("argument {name}: must be at least 1")).into());
        }
    }
    let scratch =
        args.place.data_dir.is_none().then(|| {
            std::env::temp_dir().join(format!("foidesk-bench-cases-{}", std::process::id()))
        });
    let place = StoreArgs {
        data_dir: args.place.data_dir.clone().or_else(|| scratch.clone()),
        database_url: args.place.database_url.clone(),
    };
    let result = runtime()?.block_on(measure(engine, &args, &place));
    if let Some(dir) = scratch {
        std::fs::remove_dir_all(dir).ok();
    }
    let figures = result?;
    print_figures(&figures, args.json, Figures::human)?;
    let wrong = figures.checks.iter().filter(|c| !c.agrees()).count();
    anyhow::ensure!(
        wrong == 0,
        "{wrong} of the figures' monthly counts differ from a plain count over the store"
    );
    Ok(())
}

#[derive(serde::Serialize)]
struct Load {
    events: usize,
    assigned: usize,
    seconds: f64,
    cases_per_s: f64,
}

#[derive(serde::Serialize)]
struct Figures {
    backend: &'static str,
    cases: usize,
    authorities: usize,
    /// How the cases were loaded: none with --reuse.
    load: Option<Load>,
    timings: Vec<Timing>,
    targets_met: bool,
    /// Each month's figures beside a plain count over the store.
    checks: Vec<MonthCheck>,
}

impl Figures {
    fn human(&self) -> String {
        let mut out = format!(
            "cases bench: {} cases across {} authorities on {}\n",
            self.cases, self.authorities, self.backend,
        );
        match &self.load {
            Some(l) => out.push_str(&format!(
                "load {:.0} cases/s ({:.1} s, validate + assess + store; {} events, {} cases \
                 assigned)\n",
                l.cases_per_s, l.seconds, l.events, l.assigned
            )),
            None => out.push_str("loaded by an earlier run\n"),
        }
        for t in &self.timings {
            out.push_str(&t.line());
        }
        let wrong: Vec<&MonthCheck> = self.checks.iter().filter(|c| !c.agrees()).collect();
        if wrong.is_empty() {
            out.push_str(&format!(
                "figures equal a plain count over the store: {} monthly counts checked\n",
                self.checks.len()
            ));
        }
        for c in wrong {
            out.push_str(&format!(
                "FIGURES DIFFER: {} {}-{:02} {}: the figures say {}, the store holds {}\n",
                c.authority.as_deref().unwrap_or("all authorities"),
                c.year,
                c.month,
                c.figure,
                c.figures,
                c.counted
            ));
        }
        out
    }
}

/// p50, p99 and max in milliseconds (nearest rank).
pub(crate) fn spread(mut times: Vec<Duration>) -> (f64, f64, f64) {
    times.sort_unstable();
    let ms = |p: f64| {
        let rank = (times.len() as f64 * p).ceil() as usize;
        times
            .get(rank.saturating_sub(1))
            .map_or(0.0, |d| d.as_secs_f64() * 1e3)
    };
    (ms(0.50), ms(0.99), ms(1.0))
}

async fn measure(
    engine: &Arc<Engine>,
    args: &CasesBench,
    place: &StoreArgs,
) -> anyhow::Result<Figures> {
    if place.database_url.is_none() {
        std::fs::create_dir_all(place.data_dir()).context("creating the data directory")?;
    }
    let system = System::open(Arc::clone(engine), &place.database_url()).await?;
    let today = engine.today();
    let (authorities, ids, load) = if args.reuse {
        let authorities = system.store().authorities().await?;
        let cases = system.holdings().await?.cases;
        // A store the bench loaded numbers its cases from 1.
        (authorities, (1..=cases).collect(), None)
    } else {
        let (authorities, ids, load) = load(&system, args, today).await?;
        (authorities, ids, Some(load))
    };
    anyhow::ensure!(
        !authorities.is_empty() && !ids.is_empty(),
        "the store holds no cases to time"
    );
    let assignees = assignees(&authorities);
    let mut rng = Rng(SEED ^ 0x9E37_79B9);
    let loaded = Loaded {
        system: &system,
        authorities: &authorities,
        assignees: &assignees,
        ids: &ids,
        today,
    };
    let timings = reads::time_reads(&loaded, args.samples, args.report_samples, &mut rng).await?;
    let officer = &authorities[rng.below(authorities.len())].slug;
    let mut checks = check::check_months(&system, None, today).await?;
    checks.extend(check::check_months(&system, Some(officer), today).await?);
    let backend = system.backend_name();
    system.close().await;

    Ok(Figures {
        backend,
        cases: ids.len(),
        authorities: authorities.len(),
        load,
        targets_met: timings.iter().all(|t| t.target_met),
        timings,
        checks,
    })
}

/// Open the authorities and load the generated cases, in batches.
async fn load(
    system: &System,
    args: &CasesBench,
    today: Date,
) -> anyhow::Result<(Vec<Authority>, Vec<i64>, Load)> {
    let mut rng = Rng(SEED);
    let mut authorities = Vec::with_capacity(args.authorities);
    for n in 0..args.authorities {
        let name = authority(n);
        let slug = format!("{}-{n}", name.to_lowercase().replace(' ', "-"));
        authorities.push(system.add_authority(&slug, &name).await?);
    }

    let first = Date::new(FIRST_RECEIVED.0, FIRST_RECEIVED.1, FIRST_RECEIVED.2)?;
    let span = first.days_until(today).max(1);
    let mut ids = Vec::with_capacity(args.cases);
    let (mut events, mut assigned, mut loading) = (0usize, 0usize, Duration::ZERO);
    let assignees = assignees(&authorities);
    while ids.len() < args.cases {
        let size = BATCH.min(args.cases.saturating_sub(ids.len()));
        let mut batch = Vec::with_capacity(size);
        for n in ids.len()..ids.len().saturating_add(size) {
            let which = rng.below(authorities.len());
            let a = &authorities[which];
            let received = first.checked_add_days(rng.below(span as usize) as i64)?;
            let reference = format!("FOI-{}-{n:07}", received.year());
            let mut file = timeline::case_file(&mut rng, &a.name, &reference, received, today)?;
            if rng.below(10) < ASSIGNED_IN_TEN {
                let who = &assignees[which * CASEWORKERS + rng.below(CASEWORKERS)];
                file.events.insert(0, assign(who, received));
                assigned = assigned.saturating_add(1);
            }
            events = events.saturating_add(file.events.len());
            batch.push((a.slug.clone(), reference, file));
        }
        let t = Instant::now();
        ids.extend(system.import_cases(&batch, "bench").await?);
        loading = loading.saturating_add(t.elapsed());
        eprint!(
            "\rloaded {} of {} cases ({:.0}/s)",
            ids.len(),
            args.cases,
            ids.len() as f64 / loading.as_secs_f64()
        );
    }
    eprintln!();

    let load = Load {
        events,
        assigned,
        seconds: loading.as_secs_f64(),
        cases_per_s: ids.len() as f64 / loading.as_secs_f64(),
    };
    Ok((authorities, ids, load))
}

/// Each authority's caseworkers, `CASEWORKERS` in a row.
fn assignees(authorities: &[Authority]) -> Vec<String> {
    authorities
        .iter()
        .flat_map(|a| (1..=CASEWORKERS).map(move |k| format!("caseworker{k}@{}.example", a.slug)))
        .collect()
}

/// The case given to `who` on the day it arrived.
fn assign(who: &str, received: Date) -> EventFile {
    EventFile {
        kind: EventType::Assigned.as_str().to_owned(),
        date: received.to_string(),
        assignee: Some(who.to_owned()),
        ..Default::default()
    }
}
