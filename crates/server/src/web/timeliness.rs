//! Timeliness as the dashboard and the statistics page show it: requests
//! answered in time by month received, as a chart and the same figures in
//! a table, and by authority as a table. Every month of the period is a
//! row, months with no request included.

use foidesk_engine::api::Date;
use foidesk_engine::{AuthorityFigures, MonthFigures, TimelinessFigures};
use maud::{html, Markup};

use super::chart::{bars, Bar};

/// "December 2025".
pub fn month_words(year: i16, month: i8) -> String {
    Date::new(year, month, 1).map_or_else(|_| format!("Month {year}"), Date::month_and_year)
}

/// Requests answered in time: within the deadline or a permitted extension.
fn in_time(t: &TimelinessFigures) -> u64 {
    t.in_time + t.in_time_with_extension
}

/// What a row says of its per cent: the figure, or why there is none.
fn percent_words(t: &TimelinessFigures) -> String {
    match t.percent_in_time() {
        Some(p) => format!("{p}%"),
        None if t.received == 0 => "no requests".into(),
        None => "none answered yet".into(),
    }
}

/// The chart's words for a row: "75% (3 of 4)", or why there is no bar.
fn bar_words(t: &TimelinessFigures) -> String {
    match t.percent_in_time() {
        Some(p) => format!("{p}% ({} of {})", in_time(t), t.answered()),
        None => percent_words(t),
    }
}

fn total(rows: impl Iterator<Item = TimelinessFigures>) -> TimelinessFigures {
    rows.fold(TimelinessFigures::default(), |mut sum, t| {
        sum.received += t.received;
        sum.in_time += t.in_time;
        sum.in_time_with_extension += t.in_time_with_extension;
        sum.late += t.late;
        sum.not_yet_answered += t.not_yet_answered;
        sum
    })
}

fn cells(t: &TimelinessFigures) -> Markup {
    html! {
        td class="numeric" data-label="Received" { (t.received) }
        td class="numeric" data-label="Answered" { (t.answered()) }
        td class="numeric" data-label="In time" { (in_time(t)) }
        td class="numeric" data-label="Per cent in time" { (percent_words(t)) }
    }
}

/// The chart and table of `months`; `id` names the chart.
pub fn by_month(id: &str, months: &[MonthFigures]) -> Markup {
    let rows: Vec<Bar> = months
        .iter()
        .map(|m| Bar {
            label: month_words(m.year, m.month),
            percent: m.figures.percent_in_time(),
            words: bar_words(&m.figures),
        })
        .collect();
    let sum = total(months.iter().map(|m| m.figures.clone()));
    html! {
        (bars(id, "Percentage of requests answered in time, by month received", &rows))
        table class="table table--stack figures-table" {
            caption { "Requests answered in time, by month received" }
            thead { tr {
                th scope="col" { "Month received" }
                th scope="col" class="numeric" { "Received" }
                th scope="col" class="numeric" { "Answered" }
                th scope="col" class="numeric" { "In time" }
                th scope="col" class="numeric" { "Per cent in time" }
            } }
            tbody {
                @for m in months {
                    tr { th scope="row" { (month_words(m.year, m.month)) } (cells(&m.figures)) }
                }
            }
            tfoot {
                tr { th scope="row" { "All months" } (cells(&sum)) }
            }
        }
        (definitions())
    }
}

/// Each authority's figures, names in full.
pub fn by_authority(authorities: &[AuthorityFigures]) -> Markup {
    html! {
        @if authorities.is_empty() {
            p { "No authority received a request in this period." }
        } @else {
            table class="table table--stack figures-table" {
                caption { "Requests answered in time, by authority" }
                thead { tr {
                    th scope="col" { "Authority" }
                    th scope="col" class="numeric" { "Received" }
                    th scope="col" class="numeric" { "Answered" }
                    th scope="col" class="numeric" { "In time" }
                    th scope="col" class="numeric" { "Per cent in time" }
                } }
                tbody {
                    @for a in authorities {
                        tr { th scope="row" { (a.authority.name) } (cells(&a.figures)) }
                    }
                }
            }
        }
    }
}

/// What "in time" counts, in the return's words (docs/returns.md).
pub fn definitions() -> Markup {
    html! {
        p class="body-s" {
            "In time means answered within the time for compliance of FOIA s.10(1) or EIR reg.5(2), "
            "or within a permitted extension (FOIA s.10(3), EIR reg.7(1)). The per cent is of the requests answered. "
            "Requests on hold for a clarification or a fee are not counted as answered or late."
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{bar_words, month_words, percent_words};
    use foidesk_engine::TimelinessFigures;

    fn check(received: u64, in_time: u64, extended: u64, late: u64, words: &str, bar: &str) {
        let t = TimelinessFigures {
            received,
            in_time,
            in_time_with_extension: extended,
            late,
            not_yet_answered: received - in_time - extended - late,
        };
        assert_eq!(percent_words(&t), words, "{t:?}");
        assert_eq!(bar_words(&t), bar, "{t:?}");
    }

    #[test]
    fn a_month_says_its_per_cent_or_why_it_has_none() {
        check(0, 0, 0, 0, "no requests", "no requests");
        check(3, 0, 0, 0, "none answered yet", "none answered yet");
        check(4, 0, 0, 2, "0%", "0% (0 of 2)");
        check(5, 2, 1, 1, "75%", "75% (3 of 4)");
        check(2, 1, 1, 0, "100%", "100% (2 of 2)");
    }

    #[test]
    fn months_read_as_people_write_them() {
        for (year, month, words) in [
            (2026, 10, "October 2026"),
            (2019, 1, "January 2019"),
            (2025, 12, "December 2025"),
            (2019, 13, "Month 2019"),
            (2019, 0, "Month 2019"),
        ] {
            assert_eq!(month_words(year, month), words);
        }
    }
}
