//! `foidesk bench round-robins`: recognising round robins at scale. It
//! prints the likeness quality on synthetic pairs (recall where the true
//! similarity is at least 0.7, candidate rate where it is at most 0.3), then
//! loads many requests through `import_cases` (each fingerprinted and linked
//! as it is written), some of them sent as round robins to many
//! authorities, and times linking a new request (opening it: fingerprint,
//! look-up, verification and write) and drawing the grid of its round robin.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use clap::Args;
use foidesk_engine::api::{likeness_quality, CaseFile, Date, PartFile};
use foidesk_engine::{Engine, Role, System, DEMO_PASSWORD};

use crate::bench::{authority, print_figures, Rng};
use crate::bench_cases::{spread, timeline};
use crate::library::{runtime, StoreArgs};
use crate::BadInput;

/// Requests per `import_cases` call, so one transaction.
const BATCH: usize = 5_000;
/// Issue 15's target for the 99th percentile of each.
const TARGET_MS: f64 = 50.0;
/// The largest round robin generated (every police body in the UK is ~45).
const LARGEST: usize = 45;
/// The first date of receipt generated; the last is today.
const FIRST_RECEIVED: (i16, i8, i8) = (2019, 1, 1);

#[derive(Args)]
pub struct RoundRobinsBench {
    /// How many requests to generate and load.
    #[arg(long, default_value_t = 100_000)]
    requests: usize,
    /// How many authorities they are spread over.
    #[arg(long, default_value_t = 500)]
    authorities: usize,
    /// Synthetic pairs for the likeness quality.
    #[arg(long, default_value_t = 10_000)]
    pairs: usize,
    /// How many timed links and grids.
    #[arg(long, default_value_t = 200)]
    samples: usize,
    /// Where the store goes (default: a new temporary folder, removed
    /// afterwards). With --database-url, a PostgreSQL database (best empty).
    #[command(flatten)]
    place: StoreArgs,
    #[arg(long)]
    json: bool,
}

#[derive(serde::Serialize)]
struct Figures {
    pairs: usize,
    recall_at_0_7: f64,
    candidate_rate_at_0_3: f64,
    backend: &'static str,
    requests: usize,
    round_robins: usize,
    in_round_robins: usize,
    authorities: usize,
    load_seconds: f64,
    load_requests_per_s: f64,
    link_samples: usize,
    link_p50_ms: f64,
    link_p99_ms: f64,
    link_max_ms: f64,
    grid_samples: usize,
    grid_mean_rows: f64,
    grid_p50_ms: f64,
    grid_p99_ms: f64,
    grid_max_ms: f64,
    target_p99_ms: f64,
    link_target_met: bool,
    grid_target_met: bool,
}

impl Figures {
    fn human(&self) -> String {
        let verdict = |met| if met { "target met" } else { "TARGET MISSED" };
        format!(
            "likeness on {} synthetic pairs: recall {:.3} where similarity >= 0.7 \
             (target >= 0.96), candidate rate {:.3} where <= 0.3 (target <= 0.07)\n\
             round robins bench: {} requests across {} authorities on {} \
             ({} round robins holding {} requests)\n\
             load  {:>10.0} requests/s ({:.1} s, validate + fingerprint + link + store)\n\
             link  p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms over {} new requests; \
             p99 < {} ms: {}\n\
             grid  p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms over {} grids \
             ({:.1} rows each); p99 < {} ms: {}\n",
            self.pairs,
            self.recall_at_0_7,
            self.candidate_rate_at_0_3,
            self.requests,
            self.authorities,
            self.backend,
            self.round_robins,
            self.in_round_robins,
            self.load_requests_per_s,
            self.load_seconds,
            self.link_p50_ms,
            self.link_p99_ms,
            self.link_max_ms,
            self.link_samples,
            self.target_p99_ms,
            verdict(self.link_target_met),
            self.grid_p50_ms,
            self.grid_p99_ms,
            self.grid_max_ms,
            self.grid_samples,
            self.grid_mean_rows,
            self.target_p99_ms,
            verdict(self.grid_target_met),
        )
    }
}

pub fn run(engine: &Arc<Engine>, args: RoundRobinsBench) -> anyhow::Result<()> {
    for (name, value) in [
        ("--requests", args.requests),
        ("--authorities", args.authorities),
        ("--pairs", args.pairs),
        ("--samples", args.samples),
    ] {
        if value == 0 {
            return Err(BadInput(format!("argument {name}: must be at least 1")).into());
        }
    }
    let scratch = args.place.data_dir.is_none().then(|| {
        std::env::temp_dir().join(format!("foidesk-bench-round-robins-{}", std::process::id()))
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

/// Made-up words, so that generated requests share only what they should.
fn word(rng: &mut Rng) -> String {
    const ON: [&str; 12] = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t"];
    const V: [&str; 5] = ["a", "e", "i", "o", "u"];
    (0..2 + rng.below(2))
        .map(|_| format!("{}{}", ON[rng.below(ON.len())], V[rng.below(V.len())]))
        .collect()
}

/// A request of three parts in generated words, with the authority's name
/// where a real one would greet it.
struct Template(Vec<String>);

impl Template {
    fn new(rng: &mut Rng) -> Template {
        Template(
            (0..3)
                .map(|_| {
                    let words: Vec<String> = (0..12 + rng.below(10)).map(|_| word(rng)).collect();
                    format!("Please send me {}.", words.join(" "))
                })
                .collect(),
        )
    }

    fn parts(&self, authority: &str) -> Vec<PartFile> {
        self.0
            .iter()
            .enumerate()
            .map(|(i, text)| PartFile {
                id: (i + 1).to_string(),
                text: if i == 0 {
                    format!("Dear {authority},\n\n{text}")
                } else {
                    text.clone()
                },
            })
            .collect()
    }
}

/// A case file with the bench's timeline and `template`'s three parts;
/// every response answers all three.
fn request(
    rng: &mut Rng,
    template: &Template,
    authority: &str,
    reference: &str,
    received: Date,
    today: Date,
) -> anyhow::Result<CaseFile> {
    let mut file = timeline::case_file(rng, authority, reference, received, today)?;
    file.request.parts = template.parts(authority);
    for e in &mut file.events {
        if let Some(first) = e.outcomes.first().cloned() {
            e.outcomes = (1..=3)
                .map(|n| {
                    let mut o = e.outcomes.get(n - 1).cloned().unwrap_or(first.clone());
                    o.part = n.to_string();
                    o
                })
                .collect();
        }
    }
    Ok(file)
}

async fn measure(
    engine: &Arc<Engine>,
    args: &RoundRobinsBench,
    place: &StoreArgs,
) -> anyhow::Result<Figures> {
    if place.database_url.is_none() {
        std::fs::create_dir_all(place.data_dir()).context("creating the data directory")?;
    }
    // The store first: a database that cannot be opened fails at once.
    let system = System::open(Arc::clone(engine), &place.database_url()).await?;
    eprintln!("measuring likeness on {} synthetic pairs", args.pairs);
    let quality = likeness_quality(args.pairs, 15);
    let mut authorities = Vec::with_capacity(args.authorities);
    for n in 0..args.authorities {
        let name = authority(n);
        let slug = format!("{}-{n}", name.to_lowercase().replace(' ', "-"));
        authorities.push(system.add_authority(&slug, &name).await?);
    }
    let admin = system
        .add_user(
            "bench@example.org",
            "Bench",
            Role::Administrator,
            None,
            DEMO_PASSWORD,
        )
        .await?;

    let today = engine.today();
    let first = Date::new(FIRST_RECEIVED.0, FIRST_RECEIVED.1, FIRST_RECEIVED.2)?;
    let span = first.days_until(today).max(1);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    // Requests come in groups: a round robin of 2 to LARGEST authorities
    // (one group in 25, about half the requests), or a request to one.
    let mut groups: Vec<(Template, Vec<usize>, Date)> = Vec::new();
    let mut planned = 0usize;
    while planned < args.requests {
        let size = if rng.below(25) == 0 {
            (2 + rng.below(LARGEST - 1)).min(args.authorities)
        } else {
            1
        }
        .min(args.requests - planned);
        let start = rng.below(authorities.len());
        let members = (0..size)
            .map(|k| (start + k * 7) % authorities.len())
            .collect();
        let received = first.checked_add_days(rng.below(span as usize) as i64)?;
        groups.push((Template::new(&mut rng), members, received));
        planned += size;
    }
    let mut items = Vec::with_capacity(args.requests);
    for (g, (template, members, received)) in groups.iter().enumerate() {
        for (k, a) in members.iter().enumerate() {
            let a = &authorities[*a];
            let day = received.checked_add_days((k % 5) as i64)?.min(today);
            let reference = format!("RR-{}-{g:06}-{k:02}", day.year());
            let file = request(&mut rng, template, &a.name, &reference, day, today)?;
            items.push((g, a.slug.clone(), reference, file));
        }
    }
    let mut ids: Vec<(usize, i64)> = Vec::with_capacity(items.len());
    let mut loading = Duration::ZERO;
    for chunk in items.chunks(BATCH) {
        let batch: Vec<(String, String, CaseFile)> = chunk
            .iter()
            .map(|(_, slug, reference, file)| (slug.clone(), reference.clone(), file.clone()))
            .collect();
        let t = Instant::now();
        let written = system.import_cases(&batch, "bench").await?;
        loading = loading.saturating_add(t.elapsed());
        ids.extend(chunk.iter().map(|(g, ..)| *g).zip(written));
        eprint!(
            "\rloaded {} of {} requests ({:.0}/s)",
            ids.len(),
            args.requests,
            ids.len() as f64 / loading.as_secs_f64()
        );
    }
    eprintln!();
    let in_groups: Vec<i64> = ids
        .iter()
        .filter(|(g, _)| groups[*g].1.len() > 1)
        .map(|(_, id)| *id)
        .collect();
    anyhow::ensure!(!in_groups.is_empty(), "no round robin was generated");
    let service = system.service();
    let as_admin = service.as_user(&admin);

    // Linking: half are one more authority's copy of a round robin, half new.
    let mut link_times = Vec::with_capacity(args.samples);
    for n in 0..args.samples {
        let a = &authorities[rng.below(authorities.len())];
        let fresh;
        let template = if n % 2 == 0 {
            let g = ids[rng.below(ids.len())].0;
            &groups[g].0
        } else {
            fresh = Template::new(&mut rng);
            &fresh
        };
        let reference = format!("NEW-{n:05}");
        let file = request(&mut rng, template, &a.name, &reference, today, today)?;
        let t = Instant::now();
        system.open_case(&a.slug, &reference, file, "bench").await?;
        link_times.push(t.elapsed());
    }

    let mut grid_times = Vec::with_capacity(args.samples);
    let mut rows = 0usize;
    for _ in 0..args.samples {
        let id = in_groups[rng.below(in_groups.len())];
        let t = Instant::now();
        let grid = as_admin.round_robin(id).await?;
        grid_times.push(t.elapsed());
        let grid = grid.with_context(|| format!("case {id} is in no round robin"))?;
        rows = rows.saturating_add(grid.rows.len());
    }
    let backend = system.backend_name();
    system.close().await;

    let (link_p50_ms, link_p99_ms, link_max_ms) = spread(link_times);
    let (grid_p50_ms, grid_p99_ms, grid_max_ms) = spread(grid_times);
    Ok(Figures {
        pairs: quality.pairs,
        recall_at_0_7: quality.recall_at_0_7,
        candidate_rate_at_0_3: quality.candidate_rate_at_0_3,
        backend,
        requests: ids.len(),
        round_robins: groups.iter().filter(|g| g.1.len() > 1).count(),
        in_round_robins: in_groups.len(),
        authorities: authorities.len(),
        load_seconds: loading.as_secs_f64(),
        load_requests_per_s: ids.len() as f64 / loading.as_secs_f64(),
        link_samples: args.samples,
        link_p50_ms,
        link_p99_ms,
        link_max_ms,
        grid_samples: args.samples,
        grid_mean_rows: rows as f64 / args.samples as f64,
        grid_p50_ms,
        grid_p99_ms,
        grid_max_ms,
        target_p99_ms: TARGET_MS,
        link_target_met: link_p99_ms < TARGET_MS,
        grid_target_met: grid_p99_ms < TARGET_MS,
    })
}
