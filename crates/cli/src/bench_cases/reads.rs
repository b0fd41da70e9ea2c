//! The reads `foidesk bench cases` times once the store is loaded: every
//! queue form, a case with its assessment, the figures the dashboard and
//! the statistics page show, and the official return. Each is timed
//! `samples` times against the target issue 16 (or issue 4) set for its
//! 99th percentile.

use std::future::Future;
use std::time::Instant;

use foidesk_engine::api::{Authority, Date, Desk};
use foidesk_engine::{EngineError, Period, QueueFilter, QueueKind, System};

use crate::bench::Rng;
use crate::bench_cases::spread;

/// Issue 16's targets for the 99th percentile, in milliseconds.
const QUEUE_TARGET_MS: f64 = 10.0;
const FIGURES_TARGET_MS: f64 = 100.0;
const RETURN_ONE_TARGET_MS: f64 = 100.0;
const RETURN_ALL_TARGET_MS: f64 = 2_000.0;
/// Issue 4's target for reading one case and assessing it.
const CASE_TARGET_MS: f64 = 5.0;
/// A queue page, as the dashboard asks for it.
const QUEUE_PAGE: i64 = 50;

/// One kind of read, timed.
#[derive(serde::Serialize)]
pub(crate) struct Timing {
    pub what: String,
    pub samples: usize,
    /// Rows (cases or groups) each answer held, on average.
    pub mean_rows: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    pub target_p99_ms: f64,
    pub target_met: bool,
}

impl Timing {
    pub fn line(&self) -> String {
        let verdict = if self.target_met {
            "target met"
        } else {
            "TARGET MISSED"
        };
        format!(
            "{:<52} p50 {:>8.2} ms, p99 {:>8.2} ms, max {:>8.2} ms over {:>5} ({:.1} rows); \
             p99 < {} ms: {verdict}\n",
            self.what,
            self.p50_ms,
            self.p99_ms,
            self.max_ms,
            self.samples,
            self.mean_rows,
            self.target_p99_ms
        )
    }
}

/// What the reads are asked about: the loaded store's authorities, the
/// people cases are assigned to, and the ids of the cases.
pub(crate) struct Loaded<'a> {
    pub system: &'a System,
    pub authorities: &'a [Authority],
    pub assignees: &'a [String],
    pub ids: &'a [i64],
    pub today: Date,
}

/// Time `samples` calls of `read` (each given a fresh draw from `rng`),
/// after a few untimed ones to warm the caches as a running server's are.
async fn time<F, Fut>(
    what: String,
    samples: usize,
    target_p99_ms: f64,
    rng: &mut Rng,
    mut read: F,
) -> anyhow::Result<Timing>
where
    F: FnMut(u64) -> Fut,
    Fut: Future<Output = anyhow::Result<usize>>,
{
    for _ in 0..samples.min(10) {
        read(draw(rng)).await?;
    }
    let (mut times, mut rows) = (Vec::with_capacity(samples), 0usize);
    for _ in 0..samples {
        let seed = draw(rng);
        let t = Instant::now();
        let n = read(seed).await?;
        times.push(t.elapsed());
        rows = rows.saturating_add(n);
    }
    let (p50_ms, p99_ms, max_ms) = spread(times);
    Ok(Timing {
        what,
        samples,
        mean_rows: rows as f64 / samples.max(1) as f64,
        p50_ms,
        p99_ms,
        max_ms,
        target_p99_ms,
        target_met: p99_ms < target_p99_ms,
    })
}

fn draw(rng: &mut Rng) -> u64 {
    rng.below(usize::MAX) as u64
}

fn pick<T>(from: &[T], seed: u64) -> &T {
    &from[(seed % from.len() as u64) as usize]
}

/// Which filter a queue form has.
#[derive(Clone, Copy)]
enum By {
    Nothing,
    Authority,
    Assignee,
    Desk,
}

impl By {
    const ALL: [By; 4] = [By::Nothing, By::Authority, By::Assignee, By::Desk];

    fn words(self) -> &'static str {
        match self {
            By::Nothing => "all authorities",
            By::Authority => "one authority",
            By::Assignee => "one assignee",
            By::Desk => "one desk",
        }
    }

    fn filter(self, at: &Loaded, seed: u64) -> QueueFilter {
        let mut f = QueueFilter::default();
        match self {
            By::Nothing => {}
            By::Authority => f.authority_id = Some(pick(at.authorities, seed).id),
            By::Assignee => f.assignee = Some(pick(at.assignees, seed).clone()),
            By::Desk => f.desk = Some(pick(&Desk::ALL, seed).as_str().to_owned()),
        }
        f
    }
}

/// Every queue form, a case view, the figures and the return, timed.
pub(crate) async fn time_reads(
    at: &Loaded<'_>,
    samples: usize,
    report_samples: usize,
    rng: &mut Rng,
) -> anyhow::Result<Vec<Timing>> {
    let mut out = Vec::new();
    let today = at.today.to_string();
    for (kind, name) in [
        (QueueKind::Overdue, "overdue"),
        (QueueKind::DueToday, "due today"),
        (
            QueueKind::DueWithinWorkingDays(4),
            "due within 4 working days",
        ),
    ] {
        for by in By::ALL {
            let what = format!("queue: {name}, {}", by.words());
            let today = today.as_str();
            let read = |seed| async move {
                let filter = by.filter(at, seed);
                let rows = at.system.queue(kind, &filter, QUEUE_PAGE).await?;
                // Every row is what the form asked for.
                let wrong = rows.iter().find(|c| {
                    let p = &c.projection;
                    let due = p.next_deadline.as_deref().unwrap_or("");
                    filter.authority_id.is_some_and(|a| a != c.authority_id)
                        || filter.assignee.is_some() && p.assignee != filter.assignee
                        || filter.desk.as_ref().is_some_and(|d| *d != p.desk)
                        || match kind {
                            QueueKind::Overdue => due >= today,
                            QueueKind::DueToday => due != today,
                            QueueKind::DueWithinWorkingDays(_) => due < today,
                        }
                });
                anyhow::ensure!(wrong.is_none(), "the {name} queue listed {wrong:?}");
                Ok(rows.len())
            };
            out.push(time(what, samples, QUEUE_TARGET_MS, rng, read).await?);
        }
    }

    let view = |seed| async move {
        let id = *pick(at.ids, seed);
        let found = at.system.case_view(id).await?;
        let view = found.ok_or_else(|| anyhow::anyhow!("case {id} was not found"))?;
        Ok(view.file.events.len())
    };
    out.push(
        time(
            "case with its assessment".into(),
            samples,
            CASE_TARGET_MS,
            rng,
            view,
        )
        .await?,
    );

    let year = Period::twelve_months_to(at.today)?;
    let admin = |_| async move {
        let f = at.system.figures(None, year).await?;
        Ok(f.months.len() + f.authorities.len())
    };
    let what = "figures: administrator (all authorities, 12 months)";
    out.push(time(what.into(), report_samples, FIGURES_TARGET_MS, rng, admin).await?);
    let officer = |seed| async move {
        let slug = &pick(at.authorities, seed).slug;
        let f = at.system.figures(Some(slug), year).await?;
        Ok(f.months.len())
    };
    let what = "figures: officer (one authority, 12 months)";
    out.push(time(what.into(), report_samples, FIGURES_TARGET_MS, rng, officer).await?);
    let commissioner = |_| async move {
        let f = at.system.complaint_figures(None, year).await?;
        Ok(f.notices_by_provision.len())
    };
    let what = "Commissioner's figures (all, 12 months)";
    out.push(
        time(
            what.into(),
            report_samples,
            FIGURES_TARGET_MS,
            rng,
            commissioner,
        )
        .await?,
    );

    let last_year = calendar_year(at.today.year() - 1)?;
    let one = |seed| async move {
        let slug = &pick(at.authorities, seed).slug;
        let r = at.system.official_return(Some(slug), last_year).await?;
        Ok(r.counts.exemptions.len())
    };
    let what = format!("official return: one authority, {}", at.today.year() - 1);
    out.push(time(what, report_samples, RETURN_ONE_TARGET_MS, rng, one).await?);
    let all = |_| async move {
        let r = at.system.official_return(None, last_year).await?;
        Ok(r.counts.exemptions.len())
    };
    let what = format!("official return: all authorities, {}", at.today.year() - 1);
    out.push(time(what, report_samples, RETURN_ALL_TARGET_MS, rng, all).await?);
    Ok(out)
}

fn calendar_year(year: i16) -> Result<Period, EngineError> {
    Period::new(Date::new(year, 1, 1)?, Date::new(year, 12, 31)?)
}
