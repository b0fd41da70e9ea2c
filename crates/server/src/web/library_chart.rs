//! Outcomes by provision by year (`/library/outcomes`): for one section, a
//! bar per year split by the Commissioner's decision, drawn as inline SVG
//! narrow enough to read on a 375 px screen, with the same figures in a
//! table beside it.

use std::collections::{BTreeMap, HashMap};

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use foidesk_engine::api::{LibraryOutcome, OutcomeCount};
use maud::{html, Markup};

use super::library::Reader;
use crate::error::internal;
use crate::AppState;

/// The decisions in the order drawn, with their words and fills (the GOV.UK
/// palette; each also named in the legend and the table).
const SERIES: [(&str, &str, &str); 4] = [
    ("authority_entitled", "Not upheld", "#1d70b8"),
    ("mixed", "Partly upheld", "#f47738"),
    ("authority_not_entitled", "Upheld", "#00703c"),
    ("unknown", "Not stated", "#b1b4b6"),
];

const WIDTH: u32 = 340;
const LABEL: u32 = 44;
const COUNT: u32 = 36;
const ROW: u32 = 28;
const BAR: u32 = 18;

/// GET /library/outcomes
pub async fn show(
    State(state): State<AppState>,
    reader: Reader,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let desk = match reader.desk(&state).await {
        Ok(d) => d,
        Err(r) => return r,
    };
    let counts = match desk.outcome_counts().await {
        Ok(c) => c,
        Err(e) => return internal(&e).into_response(),
    };
    // Sections by how many notices cite them, most first.
    let mut totals: BTreeMap<&str, u32> = BTreeMap::new();
    for c in counts.iter() {
        *totals.entry(&c.provision).or_default() += c.notices;
    }
    let mut sections: Vec<(&str, u32)> = totals.into_iter().collect();
    sections.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let asked = q.get("provision").map(|p| p.trim()).unwrap_or("");
    let chosen = sections
        .iter()
        .find(|(p, _)| *p == asked)
        .or(sections.first())
        .map(|(p, _)| *p);
    let body = html! {
        p { a href="/library" { "Back to the library" } }
        h1 { "Outcomes by provision and year" }
        @match chosen {
            None => p { "The library has no dated notice citing a provision yet." },
            Some(chosen) => {
                form class="filter" method="get" action="/library/outcomes" {
                    div class="form-group" {
                        label class="label" for="provision" { "Provision" }
                        select class="select" id="provision" name="provision" {
                            @for (p, n) in &sections {
                                option value=(p) selected[*p == chosen] { (p) " (" (n) " notices)" }
                            }
                        }
                    }
                    button class="button button--secondary" type="submit" { "Show" }
                }
                (figures(chosen, &counts))
            }
        }
    };
    reader.page(StatusCode::OK, "Outcomes by provision and year", &[], body)
}

/// The chart and table for one section.
fn figures(provision: &str, counts: &[OutcomeCount]) -> Markup {
    let mut years: BTreeMap<i32, [u32; 4]> = BTreeMap::new();
    for c in counts.iter().filter(|c| c.provision == provision) {
        let slot = SERIES
            .iter()
            .position(|(o, _, _)| *o == c.outcome)
            .unwrap_or(3);
        years.entry(c.year).or_default()[slot] += c.notices;
    }
    let max = years
        .values()
        .map(|v| v.iter().sum::<u32>())
        .max()
        .unwrap_or(1)
        .max(1);
    // The table's columns: the decisions any year has.
    let shown: Vec<usize> = (0..SERIES.len())
        .filter(|&i| years.values().any(|v| v[i] > 0))
        .collect();
    let rows = u32::try_from(years.len()).unwrap_or(0);
    let legend_y = rows * ROW + 10;
    let height = legend_y + 2 * ROW;
    let plot = WIDTH - LABEL - COUNT;
    let description = years
        .iter()
        .map(|(y, v)| {
            let parts: Vec<String> = SERIES
                .iter()
                .zip(v)
                .filter(|(_, n)| **n > 0)
                .map(|((_, words, _), n)| format!("{words} {n}"))
                .collect();
            format!("{y}: {}", parts.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ");
    html! {
        h2 { "Decisions on " (provision) }
        svg class="chart chart--narrow" role="img" viewBox={ "0 0 " (WIDTH) " " (height) }
            aria-labelledby="outcomes-title outcomes-desc" xmlns="http://www.w3.org/2000/svg" {
            title id="outcomes-title" { "Decisions on " (provision) " by year" }
            desc id="outcomes-desc" { (description) }
            @for (i, (year, values)) in (0u32..).zip(&years) {
                @let y = i * ROW;
                text x="0" y=(y + BAR - 4) { (year) }
                @for (x, w, fill) in segments(values, max, plot) {
                    rect x=(LABEL + x) y=(y) width=(w) height=(BAR) fill=(fill) {}
                }
                @let total: u32 = values.iter().sum();
                @let end = LABEL + bar_width(total, max, plot) + 4;
                text x=(end) y=(y + BAR - 4) { (total) }
            }
            @for (i, (_, words, fill)) in (0u32..).zip(SERIES.iter()) {
                @let x = (i % 2) * (WIDTH / 2);
                @let y = legend_y + (i / 2) * ROW;
                rect x=(x) y=(y) width="14" height="14" fill=(fill) {}
                text x=(x + 20) y=(y + 12) { (words) }
            }
        }
        div class="table-wrap" {
            table class="table" {
                caption { "Notices by year" }
                thead { tr {
                    th scope="col" { "Year" }
                    @for (o, words, _) in shown.iter().map(|&i| SERIES[i]) {
                        th scope="col" class="numeric" {
                            @match LibraryOutcome::from_name(o) {
                                Some(outcome) => abbr title=(outcome.label()) { (words) },
                                None => (words),
                            }
                        }
                    }
                    th scope="col" class="numeric" { "All" }
                } }
                tbody {
                    @for (year, values) in &years {
                        tr {
                            th scope="row" { (year) }
                            @for &i in &shown { td class="numeric" { (values[i]) } }
                            td class="numeric" { (values.iter().sum::<u32>()) }
                        }
                    }
                }
            }
        }
    }
}

fn bar_width(n: u32, max: u32, plot: u32) -> u32 {
    n.saturating_mul(plot) / max.max(1)
}

/// (x, width, fill) of each non-empty part of one year's bar.
fn segments(values: &[u32; 4], max: u32, plot: u32) -> Vec<(u32, u32, &'static str)> {
    let mut out = Vec::new();
    let mut sum = 0;
    for (n, (_, _, fill)) in values.iter().zip(SERIES) {
        if *n == 0 {
            continue;
        }
        let x = bar_width(sum, max, plot);
        sum += n;
        out.push((x, bar_width(sum, max, plot) - x, fill));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::segments;

    #[test]
    fn segments_fill_the_bar_to_its_total() {
        for (values, max, ends_at) in [
            ([1, 0, 1, 0], 2, 100),
            ([3, 1, 0, 2], 12, 50),
            ([0, 0, 0, 0], 1, 0),
            ([u32::MAX / 200, 0, 0, 0], u32::MAX / 200, 100),
        ] {
            let got = segments(&values, max, 100);
            let end = got.last().map(|(x, w, _)| x + w).unwrap_or(0);
            assert_eq!(end, ends_at, "{values:?}");
            assert!(got.windows(2).all(|w| w[0].0 + w[0].1 == w[1].0));
        }
    }
}
