//! `foidesk bench cases`: the case store at scale. It opens authorities,
//! generates case files with realistic timelines, loads them through
//! `Engine::import_cases` in batches, then times the overdue queue of one
//! authority and the fetch of one case with its assessment.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use clap::Args;
use foidesk_engine::api::{CaseSummary, Date};
use foidesk_engine::{Engine, EngineError, QueueFilter, QueueKind, System};

use crate::bench::{authority, print_figures, Rng};
use crate::library::{runtime, StoreArgs};
use crate::BadInput;

pub(crate) mod timeline;

/// Cases per `import_cases` call, so one transaction.
const BATCH: usize = 5_000;
/// Issue 4's targets for the 99th percentile.
const QUEUE_TARGET_MS: f64 = 50.0;
const CASE_TARGET_MS: f64 = 5.0;
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
    /// How many timed queries of each kind.
    #[arg(long, default_value_t = 2_000)]
    samples: usize,
    /// Where the store goes (default: a new temporary folder, removed
    /// afterwards). With --database-url, a PostgreSQL database (best empty).
    #[command(flatten)]
    place: StoreArgs,
    #[arg(long)]
    json: bool,
}

pub fn run(engine: &Arc<Engine>, args: CasesBench) -> anyhow::Result<()> {
    for (name, value) in [
        ("--cases", args.cases),
        ("--authorities", args.authorities),
        ("--samples", args.samples),
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
    print_figures(&result?, args.json, Figures::human)
}

#[derive(serde::Serialize)]
struct Figures {
    backend: &'static str,
    cases: usize,
    authorities: usize,
    events: usize,
    load_seconds: f64,
    load_cases_per_s: f64,
    queue_samples: usize,
    queue_mean_rows: f64,
    queue_p50_ms: f64,
    queue_p99_ms: f64,
    queue_max_ms: f64,
    queue_target_p99_ms: f64,
    queue_target_met: bool,
    case_samples: usize,
    case_p50_ms: f64,
    case_p99_ms: f64,
    case_max_ms: f64,
    case_target_p99_ms: f64,
    case_target_met: bool,
}

impl Figures {
    fn human(&self) -> String {
        let verdict = |met| if met { "target met" } else { "TARGET MISSED" };
        format!(
            "cases bench: {} cases ({} events) across {} authorities on {}\n\
             load       {:>10.0} cases/s ({:.1} s, validate + assess + store)\n\
             overdue    p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms over {} queries \
             ({:.1} rows each); p99 < {} ms: {}\n\
             case view  p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms over {} fetches; \
             p99 < {} ms: {}\n",
            self.cases,
            self.events,
            self.authorities,
            self.backend,
            self.load_cases_per_s,
            self.load_seconds,
            self.queue_p50_ms,
            self.queue_p99_ms,
            self.queue_max_ms,
            self.queue_samples,
            self.queue_mean_rows,
            self.queue_target_p99_ms,
            verdict(self.queue_target_met),
            self.case_p50_ms,
            self.case_p99_ms,
            self.case_max_ms,
            self.case_samples,
            self.case_target_p99_ms,
            verdict(self.case_target_met),
        )
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

/// The queue timed: overdue cases of one authority, the first page of 50.
async fn overdue(system: &System, authority_id: i64) -> Result<Vec<CaseSummary>, EngineError> {
    let filter = QueueFilter {
        authority_id: Some(authority_id),
        ..Default::default()
    };
    system.queue(QueueKind::Overdue, &filter, 50).await
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
    let mut authorities = Vec::with_capacity(args.authorities);
    for n in 0..args.authorities {
        let name = authority(n);
        let slug = format!("{}-{n}", name.to_lowercase().replace(' ', "-"));
        authorities.push(system.add_authority(&slug, &name).await?);
    }

    let today = engine.today();
    let first = Date::new(FIRST_RECEIVED.0, FIRST_RECEIVED.1, FIRST_RECEIVED.2)?;
    let span = first.days_until(today).max(1);
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut ids = Vec::with_capacity(args.cases);
    let (mut events, mut loading) = (0usize, Duration::ZERO);
    while ids.len() < args.cases {
        let size = BATCH.min(args.cases.saturating_sub(ids.len()));
        let mut batch = Vec::with_capacity(size);
        for n in ids.len()..ids.len().saturating_add(size) {
            let a = &authorities[rng.below(authorities.len())];
            let received = first.checked_add_days(rng.below(span as usize) as i64)?;
            let reference = format!("FOI-{}-{n:07}", received.year());
            let file = timeline::case_file(&mut rng, &a.name, &reference, received, today)?;
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

    // Warm the caches a little, as a server that has been running would be.
    for _ in 0..args.samples.min(100) {
        overdue(&system, authorities[rng.below(authorities.len())].id).await?;
        system.case_view(ids[rng.below(ids.len())]).await?;
    }
    let today_text = today.to_string();
    let (mut queue_times, mut rows) = (Vec::with_capacity(args.samples), 0usize);
    for _ in 0..args.samples {
        let a = &authorities[rng.below(authorities.len())];
        let t = Instant::now();
        let queue = overdue(&system, a.id).await?;
        queue_times.push(t.elapsed());
        let wrong = queue.iter().find(|c| {
            c.authority_id != a.id || c.projection.next_deadline.as_deref() >= Some(&today_text)
        });
        anyhow::ensure!(wrong.is_none(), "the overdue queue listed {wrong:?}");
        rows = rows.saturating_add(queue.len());
    }
    let mut case_times = Vec::with_capacity(args.samples);
    for _ in 0..args.samples {
        let id = ids[rng.below(ids.len())];
        let t = Instant::now();
        let view = system.case_view(id).await?;
        case_times.push(t.elapsed());
        anyhow::ensure!(view.is_some(), "case {id} was not found");
    }
    let backend = system.backend_name();
    system.close().await;

    let (queue_p50_ms, queue_p99_ms, queue_max_ms) = spread(queue_times);
    let (case_p50_ms, case_p99_ms, case_max_ms) = spread(case_times);
    Ok(Figures {
        backend,
        cases: ids.len(),
        authorities: authorities.len(),
        events,
        load_seconds: loading.as_secs_f64(),
        load_cases_per_s: ids.len() as f64 / loading.as_secs_f64(),
        queue_samples: args.samples,
        queue_mean_rows: rows as f64 / args.samples as f64,
        queue_p50_ms,
        queue_p99_ms,
        queue_max_ms,
        queue_target_p99_ms: QUEUE_TARGET_MS,
        queue_target_met: queue_p99_ms < QUEUE_TARGET_MS,
        case_samples: args.samples,
        case_p50_ms,
        case_p99_ms,
        case_max_ms,
        case_target_p99_ms: CASE_TARGET_MS,
        case_target_met: case_p99_ms < CASE_TARGET_MS,
    })
}
