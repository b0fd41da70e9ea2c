//! `foidesk library`: ingest decision notices, search them, count them.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context as _;
use clap::{Args, Subcommand};
use foidesk_engine::api::{
    LibraryOutcome, LibraryStats, NoticeIndex, SearchQuery, SearchResults, Sort,
};
use foidesk_engine::{
    Engine, FileOutcome, IngestReport, IngestStatus, Library, SourceFile, System,
};
use indicatif::{ProgressBar, ProgressStyle};

use crate::terminal::printable;
use crate::{date_arg, BadInput};

/// Files read and stored per transaction, at most.
const BATCH: usize = 256;
/// Bytes of files read and stored per transaction, at most (or one file, if
/// larger): every file of a batch is in memory at once, several times over
/// while it is stored, so a batch of large PDFs must stay small.
const BATCH_BYTES: u64 = 64 * 1024 * 1024;
/// What `library ingest` reads from a folder.
/// (.json and .jsonl: the website's JSON records of notices.)
const EXTENSIONS: [&str; 9] = [
    "txt", "md", "markdown", "html", "htm", "pdf", "text", "json", "jsonl",
];

/// Where the store and the search index live.
#[derive(Args, Clone, Debug)]
pub struct StoreArgs {
    /// Data directory (default: $FOIDESK_DATA_DIR, else $XDG_DATA_HOME/foidesk,
    /// else ~/.local/share/foidesk). The search index is kept here.
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// sqlite://PATH or postgres://… (default: sqlite://DATA_DIR/foidesk.db).
    #[arg(long, global = true, value_name = "URL")]
    pub database_url: Option<String>,
}

impl StoreArgs {
    pub fn data_dir(&self) -> PathBuf {
        if let Some(d) = &self.data_dir {
            return d.clone();
        }
        let env = |k| {
            std::env::var_os(k)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        env("FOIDESK_DATA_DIR")
            .or_else(|| env("XDG_DATA_HOME").map(|d| d.join("foidesk")))
            .or_else(|| env("HOME").map(|h| h.join(".local/share/foidesk")))
            .unwrap_or_else(|| PathBuf::from(".foidesk"))
    }

    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(u) => u.clone(),
            None => format!("sqlite://{}", self.data_dir().join("foidesk.db").display()),
        }
    }
}

#[derive(Args)]
pub struct LibraryArgs {
    #[command(flatten)]
    pub place: StoreArgs,
    #[command(subcommand)]
    pub command: LibraryCommand,
}

#[derive(Subcommand)]
pub enum LibraryCommand {
    /// Add decision notices, their pages and abstracts (files, or folders searched for
    /// .txt .md .html .pdf, and .json .jsonl files of the website's notice records).
    /// Content already in the library is left unchanged.
    Ingest {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// List every file that gave parser diagnostics.
        #[arg(long)]
        verbose: bool,
        #[arg(long)]
        json: bool,
    },
    /// Full-text search with filters; each hit shows its best-matching paragraph.
    Search {
        /// Words, "a phrase", +must, -mustnot; "*" for every notice.
        query: String,
        /// A cited provision, or any it contains (s.31 finds s.31(3)).
        #[arg(long)]
        provision: Option<String>,
        /// Words that must all appear in the authority's name.
        #[arg(long)]
        authority: Option<String>,
        /// authority_entitled, authority_not_entitled or mixed.
        #[arg(long)]
        outcome: Option<String>,
        /// Only notices where the authority neither confirmed nor denied.
        #[arg(long)]
        ncnd: bool,
        /// Notices dated on or after this date.
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Notices dated on or before this date.
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// Newest first instead of best match first.
        #[arg(long)]
        newest: bool,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Counts by year, regime, provision and outcome.
    Stats {
        #[arg(long)]
        json: bool,
    },
    /// Rebuild the search index from the store.
    Reindex,
}

pub fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")
}

pub fn run(engine: &Arc<Engine>, args: LibraryArgs) -> anyhow::Result<()> {
    let rt = runtime()?;
    // Check the arguments before touching the store, so bad input writes nothing.
    match args.command {
        LibraryCommand::Ingest {
            paths,
            verbose,
            json,
        } => {
            let files = collect_files(&paths)?;
            let report = rt.block_on(async {
                let library = open(engine, &args.place).await?;
                ingest_files(engine, &library, &files, verbose).await
            })?;
            print_report(&report, files.len(), verbose, json)
        }
        LibraryCommand::Search {
            query,
            provision,
            authority,
            outcome,
            ncnd,
            from,
            to,
            newest,
            limit,
            json,
        } => {
            let provision = match provision {
                Some(p) => Some(
                    engine
                        .provision(&p)
                        .map_err(|e| BadInput(format!("argument --provision: {e}")))?
                        .0,
                ),
                None => None,
            };
            let outcome = match outcome {
                Some(o) => Some(LibraryOutcome::from_name(&o).ok_or_else(|| {
                    BadInput(format!(
                        "argument --outcome: '{o}' is not one of {}",
                        LibraryOutcome::ALL.map(|o| o.as_str()).join(", ")
                    ))
                })?),
                None => None,
            };
            let from = from.map(|d| date_arg("--from", &d)).transpose()?;
            let to = to.map(|d| date_arg("--to", &d)).transpose()?;
            if let (Some(f), Some(t)) = (from, to) {
                if f > t {
                    return Err(BadInput(format!("argument --from {f} is after --to {t}")).into());
                }
            }
            let q = SearchQuery {
                text: query,
                provision,
                authority,
                outcome,
                ncnd: ncnd.then_some(true),
                from,
                to,
                kind: None,
                sort: if newest {
                    Sort::Newest
                } else {
                    Sort::Relevance
                },
                limit,
            };
            let results = rt.block_on(async {
                let library = open(engine, &args.place).await?;
                anyhow::Ok(library.search(&q)?)
            })?;
            print_results(&results, json)
        }
        LibraryCommand::Stats { json } => {
            let stats = rt.block_on(async {
                let library = open(engine, &args.place).await?;
                anyhow::Ok(library.stats().await?)
            })?;
            print_stats(&stats, json)
        }
        LibraryCommand::Reindex => rt.block_on(async {
            let library = open(engine, &args.place).await?;
            let n = library.reindex().await?;
            println!("rebuilt the search index: {n} notices");
            Ok(())
        }),
    }
}

/// Open (creating and migrating if need be) the store the arguments name.
/// The data directory is made only for the default store, which lives in it.
pub async fn open_system(engine: &Arc<Engine>, place: &StoreArgs) -> anyhow::Result<System> {
    if place.database_url.is_none() {
        let dir = place.data_dir();
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("creating the data directory {}", dir.display()))?;
    }
    // The store's messages name the database, with any password hidden.
    System::open(Arc::clone(engine), &place.database_url())
        .await
        .map_err(|e| BadInput(e.to_string()).into())
}

/// Open the store and index, rebuilding the index if it is stale.
pub async fn open(engine: &Arc<Engine>, place: &StoreArgs) -> anyhow::Result<Library> {
    let dir = place.data_dir();
    let system = open_system(engine, place).await?;
    let index_dir = dir.join("index").join("notices");
    let (index, opened) = NoticeIndex::open(&index_dir)?;
    let (library, note) = system.open_library(index, opened).await?;
    if let Some(note) = note {
        eprintln!("foidesk: {note}");
    }
    Ok(library)
}

/// Every file to ingest, in a stable order; a bad path is an error before anything is read.
pub fn collect_files(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path)
            .map_err(|e| BadInput(format!("argument PATH {}: {e}", path.display())))?;
        if meta.is_dir() {
            let before = out.len();
            walk(path, &mut out)
                .map_err(|e| BadInput(format!("argument PATH {}: {e}", path.display())))?;
            out[before..].sort();
        } else if supported(path) {
            out.push(path.clone());
        } else {
            return Err(BadInput(format!(
                "argument PATH {}: not a .txt, .md, .html, .pdf, .json or .jsonl file",
                path.display()
            ))
            .into());
        }
    }
    if out.is_empty() {
        return Err(BadInput(
            "no .txt, .md, .html, .pdf, .json or .jsonl files found in the paths given".into(),
        )
        .into());
    }
    Ok(out)
}

fn supported(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            walk(&path, out)?;
        } else if kind.is_file() && supported(&path) {
            out.push(path);
        }
    }
    Ok(())
}

/// Read and ingest `files` in batches, with a progress bar on a terminal.
pub async fn ingest_files(
    engine: &Engine,
    library: &Library,
    files: &[PathBuf],
    verbose: bool,
) -> anyhow::Result<IngestReport> {
    let bar = ProgressBar::new(files.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} notices, {elapsed} so far, {eta} left")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut report = IngestReport::default();
    let mut ingest = library.begin_ingest(engine)?;
    for chunk in batches(files) {
        let mut sources = Vec::with_capacity(chunk.len());
        let mut outcomes = Vec::new();
        for p in chunk {
            match read_notice_file(p)? {
                Ok(bytes) => sources.push(SourceFile {
                    name: p.display().to_string(),
                    bytes,
                }),
                Err(size) => outcomes.push(FileOutcome::too_large(p.display().to_string(), size)),
            }
        }
        outcomes.extend(ingest.add(sources).await?);
        report.count(&outcomes);
        for o in &outcomes {
            let file = printable(&o.file);
            if matches!(o.status, IngestStatus::Skipped | IngestStatus::TooLarge) {
                let why = o.diagnostics.first().map(String::as_str);
                let why = printable(why.unwrap_or("not a decision notice"));
                bar.suspend(|| eprintln!("{file}: skipped: {why}"));
            } else if verbose && !o.diagnostics.is_empty() {
                let all = printable_all(&o.diagnostics).join("; ");
                bar.suspend(|| eprintln!("{file}: {all}"));
            }
            // A page joined to its notice, and where the two disagree, is always said.
            for note in &o.joined {
                let note = printable(note);
                bar.suspend(|| eprintln!("{file}: {note}"));
            }
        }
        bar.inc(chunk.len() as u64);
    }
    ingest.commit()?;
    bar.finish_and_clear();
    Ok(report)
}

/// `files` in batches bounded by `BATCH` files and `BATCH_BYTES` bytes.
fn batches(files: &[PathBuf]) -> Vec<&[PathBuf]> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0u64);
    for (i, p) in files.iter().enumerate() {
        // A file too large to read costs nothing; one unreadable is refused later.
        let size = std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        let size = if size > Library::MAX_FILE_BYTES {
            0
        } else {
            size
        };
        let full = i - start == BATCH || (i > start && bytes.saturating_add(size) > BATCH_BYTES);
        if full {
            out.push(&files[start..i]);
            (start, bytes) = (i, 0);
        }
        bytes = bytes.saturating_add(size);
    }
    if start < files.len() {
        out.push(&files[start..]);
    }
    out
}

/// A file's bytes, or its size when it is over `Library::MAX_FILE_BYTES`
/// (then it is not read, and never more than the bound of it is).
fn read_notice_file(path: &Path) -> anyhow::Result<Result<Vec<u8>, u64>> {
    use std::io::Read as _;
    let failed = |e: std::io::Error| {
        BadInput(format!(
            "reading {}: {e}",
            printable(&path.display().to_string())
        ))
    };
    let file = std::fs::File::open(path).map_err(failed)?;
    let size = file.metadata().map_err(failed)?.len();
    if size > Library::MAX_FILE_BYTES {
        return Ok(Err(size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(Library::MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(failed)?;
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read > Library::MAX_FILE_BYTES {
        return Ok(Err(read));
    }
    Ok(Ok(bytes))
}

fn printable_all(texts: &[String]) -> Vec<std::borrow::Cow<'_, str>> {
    texts.iter().map(|t| printable(t)).collect()
}

fn print_report(
    report: &IngestReport,
    files: usize,
    verbose: bool,
    json: bool,
) -> anyhow::Result<()> {
    if json {
        println!("{}", serde_json::to_string(report)?);
    } else {
        println!(
            "{files} files: {} added, {} unchanged, {} skipped (not decision notices), {}{} with diagnostics{}",
            report.added,
            report.unchanged,
            report.skipped,
            if report.too_large > 0 {
                format!("{} too large, ", report.too_large)
            } else {
                String::new()
            },
            report.with_diagnostics,
            if report.with_diagnostics > 0 && !verbose {
                " (--verbose lists them)"
            } else {
                ""
            }
        );
    }
    Ok(())
}

fn print_results(results: &SearchResults, json: bool) -> anyhow::Result<()> {
    for w in &results.warnings {
        eprintln!("foidesk: warning: {}", printable(w));
    }
    if json {
        println!("{}", serde_json::to_string(results)?);
        return Ok(());
    }
    println!(
        "{} notice{} match{}",
        results.total,
        if results.total == 1 { "" } else { "s" },
        if results.total == 1 { "es" } else { "" },
    );
    for (i, h) in results.hits.iter().enumerate() {
        let shown = |v: &Option<String>, none: &'static str| {
            printable(v.as_deref().unwrap_or(none)).into_owned()
        };
        println!(
            "\n{}. {} {} — {}",
            i + 1,
            shown(&h.date, "undated"),
            shown(&h.reference, "(no reference)"),
            shown(&h.public_authority, "(no authority)"),
        );
        println!(
            "   {} · cited {} · {}{}",
            shown(&h.regime, "?"),
            if h.provisions_cited.is_empty() {
                "nothing".to_owned()
            } else {
                printable_all(&h.provisions_cited).join(", ")
            },
            shown(&h.outcome, "outcome unknown"),
            if h.ncnd { " · NCND" } else { "" },
        );
        if let Some(file) = &h.file {
            println!("   {}", printable(file));
        }
        if let Some(p) = &h.paragraph {
            let heading = p
                .heading
                .as_deref()
                .map(|h| format!(" ({})", printable(h)))
                .unwrap_or_default();
            println!(
                "   ¶{}{heading}: {}",
                p.number,
                printable(&excerpt(&p.text, &p.highlights))
            );
        }
    }
    Ok(())
}

/// Up to about 300 characters around the first match, matches in «».
fn excerpt(text: &str, highlights: &[[usize; 2]]) -> String {
    const WIDTH: usize = 300;
    let first = highlights.first().map(|h| h[0]).unwrap_or(0);
    let mut start = first.saturating_sub(WIDTH / 3);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (start + WIDTH).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut at = start;
    for [a, b] in highlights {
        if *a < at || *b > end {
            continue;
        }
        out.push_str(&text[at..*a]);
        out.push('«');
        out.push_str(&text[*a..*b]);
        out.push('»');
        at = *b;
    }
    out.push_str(&text[at..end]);
    if end < text.len() {
        out.push('…');
    }
    out
}

fn print_stats(stats: &LibraryStats, json: bool) -> anyhow::Result<()> {
    let named = |v: &Option<String>| v.clone().unwrap_or_else(|| "unknown".into());
    let shown = |v: &Option<String>| printable(&named(v)).into_owned();
    if json {
        let pairs = |rows: Vec<(String, i64)>| {
            rows.into_iter()
                .map(|(k, n)| serde_json::json!({"key": k, "count": n}))
                .collect::<Vec<_>>()
        };
        let value = serde_json::json!({
            "notices": stats.notices,
            "with_diagnostics": stats.with_diagnostics,
            "ncnd": stats.ncnd,
            "by_year": stats.by_year.iter().map(|(y, n)| serde_json::json!({"year": y, "count": n})).collect::<Vec<_>>(),
            "by_regime": pairs(stats.by_regime.iter().map(|(k, n)| (named(k), *n)).collect()),
            "by_outcome": pairs(stats.by_outcome.iter().map(|(k, n)| (named(k), *n)).collect()),
            "by_provision": pairs(stats.by_provision.clone()),
        });
        println!("{value}");
        return Ok(());
    }
    println!(
        "{} notices ({} NCND, {} with parser diagnostics)",
        stats.notices, stats.ncnd, stats.with_diagnostics
    );
    println!("\nby year:");
    for (y, n) in &stats.by_year {
        let y = y.map(|y| y.to_string()).unwrap_or_else(|| "undated".into());
        println!("  {y:<10} {n:>7}");
    }
    for (title, rows) in [("regime", &stats.by_regime), ("outcome", &stats.by_outcome)] {
        println!("\nby {title}:");
        for (k, n) in rows {
            println!("  {:<24} {n:>7}", shown(k));
        }
    }
    println!("\nby provision cited:");
    for (k, n) in &stats.by_provision {
        println!("  {:<24} {n:>7}", printable(k));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{batches, Library, BATCH, BATCH_BYTES};

    /// A batch holds at most `BATCH` files and `BATCH_BYTES` bytes, or one
    /// larger file alone. The files are sparse, so cost no disk.
    #[test]
    fn finding_10_batches_are_bounded_by_bytes_as_well_as_count() {
        let dir = tempfile::tempdir().unwrap();
        let file = |name: String, len: u64| {
            let path = dir.path().join(name);
            std::fs::File::create(&path).unwrap().set_len(len).unwrap();
            path
        };
        let per = usize::try_from(BATCH_BYTES / Library::MAX_FILE_BYTES).unwrap();
        let big: Vec<_> = (0..2 * per + 1)
            .map(|i| file(format!("big{i}"), Library::MAX_FILE_BYTES))
            .collect();
        let sizes: Vec<usize> = batches(&big).iter().map(|b| b.len()).collect();
        assert_eq!(sizes, [per, per, 1]);
        let small: Vec<_> = (0..BATCH + 1).map(|i| file(format!("s{i}"), 10)).collect();
        let sizes: Vec<usize> = batches(&small).iter().map(|b| b.len()).collect();
        assert_eq!(sizes, [BATCH, 1]);
        let over = vec![
            file("over".into(), Library::MAX_FILE_BYTES * 8),
            big[0].clone(),
        ];
        let sizes: Vec<usize> = batches(&over).iter().map(|b| b.len()).collect();
        assert_eq!(
            sizes,
            [2],
            "a file too large to read costs nothing in a batch"
        );
    }
}
