//! `foidesk bench library`: the library at scale, measured through the same
//! code as `library ingest` and `library search`. It writes a synthetic corpus
//! made by varying real notices (authority, date and reference changed at the
//! byte spans the parser reports), ingests it, then times searches.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use clap::{Args, Subcommand};
use foidesk_engine::api::{Date, LibraryOutcome, ProvisionId, SearchQuery, Sort};
use foidesk_engine::Engine;

use crate::library::{collect_files, ingest_files, open, runtime, StoreArgs};
use crate::BadInput;

#[derive(Subcommand)]
pub enum BenchCommand {
    /// Parse throughput, ingest rate and search latency on a synthetic library.
    Library(LibraryBench),
    /// Load rate, overdue-queue and case-fetch latency with many cases.
    Cases(crate::bench_cases::CasesBench),
    /// Likeness quality, then linking and grid latency with many requests.
    RoundRobins(crate::bench_round_robins::RoundRobinsBench),
}

#[derive(Args)]
pub struct LibraryBench {
    /// How many notices to generate and ingest.
    #[arg(long, default_value_t = 10_000)]
    notices: usize,
    /// Folder of real notices to vary (text, Markdown, HTML).
    #[arg(long, default_value = "crates/notice/tests/fixtures")]
    seeds: PathBuf,
    /// How many timed searches.
    #[arg(long, default_value_t = 2_000)]
    searches: usize,
    /// Where the generated corpus and the library go (default: a new temporary folder,
    /// removed afterwards). With --database-url, the store can be PostgreSQL.
    #[command(flatten)]
    place: StoreArgs,
    #[arg(long)]
    json: bool,
}

pub fn run(engine: &Arc<Engine>, cmd: BenchCommand) -> anyhow::Result<()> {
    let args = match cmd {
        BenchCommand::Library(args) => args,
        BenchCommand::Cases(args) => return crate::bench_cases::run(engine, args),
        BenchCommand::RoundRobins(args) => return crate::bench_round_robins::run(engine, args),
    };
    let seeds = load_seeds(engine, &args.seeds)?;
    let scratch = std::env::temp_dir().join(format!("foidesk-bench-{}", std::process::id()));
    let place = StoreArgs {
        data_dir: Some(
            args.place
                .data_dir
                .clone()
                .unwrap_or_else(|| scratch.join("data")),
        ),
        database_url: args.place.database_url.clone(),
    };
    let corpus_dir = place.data_dir().join("bench-corpus");
    let result = measure(engine, &args, &seeds, &place, &corpus_dir);
    if args.place.data_dir.is_none() {
        std::fs::remove_dir_all(&scratch).ok();
    }
    print_figures(&result?, args.json, Figures::human)
}

/// A bench's figures as one line of JSON, or as text for people.
pub(crate) fn print_figures<F: serde::Serialize>(
    figures: &F,
    json: bool,
    human: fn(&F) -> String,
) -> anyhow::Result<()> {
    if json {
        println!("{}", serde_json::to_string(figures)?);
    } else {
        print!("{}", human(figures));
    }
    Ok(())
}

#[derive(serde::Serialize)]
struct Figures {
    notices: usize,
    corpus_bytes: u64,
    backend: &'static str,
    parse_mb_per_s: f64,
    ingest_seconds: f64,
    ingest_notices_per_s: f64,
    searches: usize,
    search_p50_ms: f64,
    search_p99_ms: f64,
    search_max_ms: f64,
    mean_hits_per_search: f64,
    search_p99_ms_by_kind: Vec<(String, f64)>,
}

impl Figures {
    fn human(&self) -> String {
        format!(
            "library bench: {} notices ({:.1} MB) on {}\n\
             parse      {:>10.1} MB/s (one core)\n\
             ingest     {:>10.0} notices/s ({:.1} s, parse + store + index)\n\
             search     p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms over {} searches ({:.1} hits each on average)\n",
            self.notices,
            self.corpus_bytes as f64 / 1e6,
            self.backend,
            self.parse_mb_per_s,
            self.ingest_notices_per_s,
            self.ingest_seconds,
            self.search_p50_ms,
            self.search_p99_ms,
            self.search_max_ms,
            self.searches,
            self.mean_hits_per_search,
        ) + &self
            .search_p99_ms_by_kind
            .iter()
            .map(|(k, ms)| format!("  p99 {ms:>6.2} ms  {k}\n"))
            .collect::<String>()
    }
}

/// A real notice and where its varying fields sit.
struct Seed {
    text: String,
    extension: String,
    authority: Option<std::ops::Range<usize>>,
    date: Option<std::ops::Range<usize>>,
    reference: Option<std::ops::Range<usize>>,
}

fn load_seeds(engine: &Engine, dir: &Path) -> anyhow::Result<Vec<Seed>> {
    let files = collect_files(&[dir.to_path_buf()])
        .map_err(|e| BadInput(format!("argument --seeds: {e}")))?;
    let mut seeds = Vec::new();
    for f in files {
        let bytes = std::fs::read(&f).with_context(|| format!("reading {}", f.display()))?;
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        let parsed = engine.parse_notice(text.as_bytes(), None);
        let s = parsed.record.spans;
        if parsed.record.date.is_none() || s.public_authority.is_none() {
            continue;
        }
        seeds.push(Seed {
            extension: f
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("txt")
                .to_owned(),
            text,
            authority: s.public_authority,
            date: s.date,
            reference: s.reference,
        });
    }
    if seeds.is_empty() {
        return Err(BadInput(format!(
            "no dated notices with an authority under {}",
            dir.display()
        ))
        .into());
    }
    Ok(seeds)
}

const PLACES: [&str; 50] = [
    "Avonford",
    "Barsetshire",
    "Blackmoor",
    "Borsetshire",
    "Brackenridge",
    "Caerwyn",
    "Calderbrook",
    "Dunmore",
    "Eastholme",
    "Elmhurst",
    "Fernleigh",
    "Glenarrow",
    "Greywater",
    "Hartfield",
    "Highcliffe",
    "Inverbrae",
    "Kestrel Vale",
    "Kingsmere",
    "Lakeby",
    "Langdon",
    "Lowmoor",
    "Marshfield",
    "Merriton",
    "Northfleet",
    "Oakhampton",
    "Pendlebury",
    "Queensferry Moor",
    "Ravensholt",
    "Redbrook",
    "Saltmarsh",
    "Southwold Vale",
    "Stonebridge",
    "Thornbury Cross",
    "Upper Wyre",
    "Westmarch",
    "Whitcombe",
    "Wolverdale",
    "Yarrowby",
    "Ashcombe",
    "Bellbrook",
    "Carrowmore",
    "Drumlin",
    "Fairhaven",
    "Gorsey Bank",
    "Hollins",
    "Ivybridge Moor",
    "Lydmouth",
    "Moorcroft",
    "Newholm",
    "Rushdale",
];

const BODIES: [&str; 10] = [
    "Chief Constable of {} Police",
    "{} County Council",
    "{} City Council",
    "{} NHS Foundation Trust",
    "{} Fire and Rescue Service",
    "University of {}",
    "{} District Council",
    "{} Borough Council",
    "{} Harbour Authority",
    "{} Academy Trust",
];

/// A small deterministic generator, so every run builds the same corpus.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

pub(crate) fn authority(n: usize) -> String {
    BODIES[n % BODIES.len()].replace("{}", PLACES[(n / BODIES.len()) % PLACES.len()])
}

fn variant(seed: &Seed, i: usize, rng: &mut Rng) -> anyhow::Result<String> {
    let start = Date::new(2006, 1, 2).map_err(|e| anyhow::anyhow!("{e}"))?;
    let date = start
        .checked_add_days(rng.below(20 * 365) as i64)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let date_text = date.long_form();
    let reference = format!("FS5{:07}", i);
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    if let Some(r) = &seed.authority {
        edits.push((r.clone(), authority(rng.below(500))));
    }
    if let Some(r) = &seed.date {
        edits.push((r.clone(), date_text));
    }
    if let Some(r) = &seed.reference {
        edits.push((r.clone(), reference));
    }
    edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    let mut text = seed.text.clone();
    for (r, with) in edits {
        if text.is_char_boundary(r.start) && text.is_char_boundary(r.end) && r.end <= text.len() {
            text.replace_range(r, &with);
        }
    }
    Ok(text)
}

fn measure(
    engine: &Arc<Engine>,
    args: &LibraryBench,
    seeds: &[Seed],
    place: &StoreArgs,
    corpus_dir: &Path,
) -> anyhow::Result<Figures> {
    // The store first: one that cannot be opened fails before minutes of generating.
    let rt = runtime()?;
    let library = rt.block_on(open(engine, place))?;
    std::fs::create_dir_all(corpus_dir)?;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut texts = Vec::with_capacity(args.notices);
    for i in 0..args.notices {
        let seed = &seeds[i % seeds.len()];
        let text = variant(seed, i, &mut rng)?;
        let path = corpus_dir.join(format!("notice-{i:06}.{}", seed.extension));
        std::fs::write(&path, &text)?;
        texts.push(text);
    }
    let corpus_bytes: u64 = texts.iter().map(|t| t.len() as u64).sum();

    // Parse throughput: one thread, in memory.
    let t = Instant::now();
    let mut paragraphs = 0usize;
    for text in &texts {
        paragraphs += engine
            .parse_notice(text.as_bytes(), None)
            .record
            .paragraphs
            .len();
    }
    let parse_secs = t.elapsed().as_secs_f64();
    anyhow::ensure!(paragraphs > 0, "the generated notices parsed to nothing");

    let files = collect_files(&[corpus_dir.to_path_buf()])?;
    let (ingest_secs, library) = rt.block_on(async {
        let t = Instant::now();
        let report = ingest_files(engine, &library, &files, false).await?;
        let secs = t.elapsed().as_secs_f64();
        anyhow::ensure!(
            report.added + report.unchanged == args.notices as u64,
            "ingest stored {} of {} notices",
            report.added + report.unchanged,
            args.notices
        );
        anyhow::Ok((secs, library))
    })?;
    // A working search: a generated reference finds its own notice.
    let referenced =
        (args.notices / 2..args.notices).find(|i| seeds[i % seeds.len()].reference.is_some());
    if let Some(i) = referenced {
        let probe = library.search(&SearchQuery {
            text: format!("\"FS5{i:07}\""),
            limit: 1,
            ..Default::default()
        })?;
        anyhow::ensure!(
            probe.total == 1,
            "generated reference FS5{i:07} found {} times",
            probe.total
        );
    }

    let queries = queries(args.searches, &mut rng)?;
    for q in queries.iter().take(100) {
        library.search(q)?; // warm the caches
    }
    let mut times: Vec<Duration> = Vec::with_capacity(queries.len());
    let mut by_kind: Vec<Vec<Duration>> = vec![Vec::new(); QUERY_KINDS.len()];
    let mut hits = 0usize;
    for (i, q) in queries.iter().enumerate() {
        let t = Instant::now();
        let r = library.search(q)?;
        let took = t.elapsed();
        times.push(took);
        by_kind[i % QUERY_KINDS.len()].push(took);
        hits += r.hits.len();
    }
    let kinds = by_kind
        .into_iter()
        .zip(QUERY_KINDS)
        .map(|(mut t, name)| {
            t.sort();
            let p99 = t[((t.len() as f64 * 0.99).ceil() as usize).saturating_sub(1)];
            (name.to_owned(), p99.as_secs_f64() * 1e3)
        })
        .collect();
    times.sort();
    let pct = |p: f64| times[((times.len() as f64 * p).ceil() as usize).saturating_sub(1)];
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let backend = library.store().backend().name();
    rt.block_on(library.store().close());
    Ok(Figures {
        notices: args.notices,
        corpus_bytes,
        backend,
        parse_mb_per_s: corpus_bytes as f64 / 1e6 / parse_secs,
        ingest_seconds: ingest_secs,
        ingest_notices_per_s: args.notices as f64 / ingest_secs,
        searches: times.len(),
        search_p50_ms: ms(pct(0.50)),
        search_p99_ms: ms(pct(0.99)),
        search_max_ms: ms(*times.last().unwrap_or(&Duration::ZERO)),
        mean_hits_per_search: hits as f64 / times.len().max(1) as f64,
        search_p99_ms_by_kind: kinds,
    })
}

const QUERY_KINDS: [&str; 5] = [
    "words",
    "provision, newest first",
    "words + authority",
    "provision + NCND + outcome, newest first",
    "words + provision + date range",
];

/// A mix like a caseworker's: words, phrases, provision facets, authority,
/// outcome, NCND and date ranges, alone and together.
fn queries(n: usize, rng: &mut Rng) -> anyhow::Result<Vec<SearchQuery>> {
    const WORDS: [&str; 16] = [
        "public interest",
        "prejudice",
        "\"law enforcement\"",
        "commercial",
        "personal data",
        "cost limit",
        "internal review",
        "\"confirm or deny\"",
        "facial recognition",
        "contract",
        "environmental",
        "disclosure",
        "exemption",
        "complaint",
        "technology",
        "national security",
    ];
    const PROVISIONS: [&str; 8] = [
        "s.31",
        "s.31(3)",
        "s.24(2)",
        "s.40",
        "s.43(2)",
        "reg.12(5)(e)",
        "s.12",
        "reg.12",
    ];
    let provision =
        |rng: &mut Rng| ProvisionId::parse(PROVISIONS[rng.below(PROVISIONS.len())]).ok();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let mut q = SearchQuery {
            limit: 10,
            ..Default::default()
        };
        match i % 5 {
            0 => q.text = WORDS[rng.below(WORDS.len())].to_owned(),
            1 => {
                q.provision = provision(rng);
                q.sort = Sort::Newest;
            }
            2 => {
                q.text = WORDS[rng.below(WORDS.len())].to_owned();
                q.authority = Some(PLACES[rng.below(PLACES.len())].to_owned());
            }
            3 => {
                q.provision = provision(rng);
                q.ncnd = Some(true);
                q.outcome = Some(LibraryOutcome::ALL[rng.below(3)]);
                q.sort = Sort::Newest;
            }
            _ => {
                let year = 2006 + rng.below(20) as i16;
                q.text = WORDS[rng.below(WORDS.len())].to_owned();
                q.provision = provision(rng);
                q.from = Some(Date::new(year, 1, 1).map_err(|e| anyhow::anyhow!("{e}"))?);
                q.to = Some(Date::new(year + 2, 12, 31).map_err(|e| anyhow::anyhow!("{e}"))?);
            }
        }
        out.push(q);
    }
    Ok(out)
}
