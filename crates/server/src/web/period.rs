//! The period a figures page covers, typed as two GOV.UK date inputs
//! (`from-day`, `from-month`, `from-year`, and `to-…`), by default the last
//! whole calendar quarter, with links to the last four quarters.

use foidesk_engine::api::Date;
use foidesk_engine::Period;
use maud::{html, Markup};

use super::case_list::{get, query_with, QueryMap};
use super::page::{date_from_fields, date_input, problem, Problem};

/// What was typed in the date input `id`, as (day, month, year).
fn typed<'a>(q: &'a QueryMap, id: &str) -> (&'a str, &'a str, &'a str) {
    let part = |p: &str| get(q, &format!("{id}-{p}"));
    (part("day"), part("month"), part("year"))
}

/// The calendar quarters before today's, newest first.
pub fn last_quarters(today: Date, n: usize) -> Vec<Period> {
    let mut out = Vec::new();
    let mut day = today;
    while out.len() < n {
        let Ok(this) = Period::quarter_of(day) else {
            break;
        };
        let Ok(before) = this.from.checked_add_days(-1) else {
            break;
        };
        let Ok(quarter) = Period::quarter_of(before) else {
            break;
        };
        out.push(quarter);
        day = before;
    }
    out
}

/// The period asked for, or each problem with the dates typed (on the
/// input's id). Nothing typed: the last whole quarter.
pub fn asked(q: &QueryMap, today: Date) -> Result<Period, Vec<Problem>> {
    let from = date_from_fields("The start of the period", typed(q, "from"));
    let to = date_from_fields("The end of the period", typed(q, "to"));
    let mut problems = Vec::new();
    let (from, to) = match (from, to) {
        (Ok(None), Ok(None)) => {
            return last_quarters(today, 1)
                .into_iter()
                .next()
                .ok_or_else(|| vec![problem("from", "There is no quarter before today")]);
        }
        (from, to) => {
            let mut date = |result: Result<Option<Date>, String>, id: &str, what: &str| match result
            {
                Ok(Some(d)) => Some(d),
                Ok(None) => {
                    problems.push(problem(id, format!("Enter {what}")));
                    None
                }
                Err(message) => {
                    problems.push(problem(id, message));
                    None
                }
            };
            (
                date(from, "from", "the start of the period"),
                date(to, "to", "the end of the period"),
            )
        }
    };
    let (Some(from), Some(to)) = (from, to) else {
        return Err(problems);
    };
    if to < from {
        return Err(vec![problem(
            "to",
            format!(
                "The end of the period must be on or after its start, {}",
                from.long_form()
            ),
        )]);
    }
    Period::new(from, to).map_err(|e| vec![problem("to", capitalise(&e.to_string()))])
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The six query values of a period, for links.
pub fn query_of(period: &Period) -> [(&'static str, String); 6] {
    let (f, t) = (period.from, period.to);
    [
        ("from-day", f.day().to_string()),
        ("from-month", f.month().to_string()),
        ("from-year", f.year().to_string()),
        ("to-day", t.day().to_string()),
        ("to-month", t.month().to_string()),
        ("to-year", t.year().to_string()),
    ]
}

/// The query string of `q` with `period` in place of the dates typed.
pub fn link(q: &QueryMap, period: &Period) -> String {
    let values = query_of(period);
    let changes: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    query_with(q, &changes)
}

/// "April to June 2024".
pub fn quarter_words(p: &Period) -> String {
    let month = |d: Date| {
        d.long_form()
            .split(' ')
            .nth(1)
            .unwrap_or_default()
            .to_owned()
    };
    format!("{} to {} {}", month(p.from), month(p.to), p.to.year())
}

/// The two date inputs, showing what was typed (or the period shown).
pub fn inputs(q: &QueryMap, shown: Option<&Period>, problems: &[Problem]) -> Markup {
    let values = shown.map(query_of);
    let value = |key: &str| -> String {
        let typed = get(q, key);
        match (&values, typed.is_empty()) {
            (Some(v), true) => v
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.clone())
                .unwrap_or_default(),
            _ => typed.to_owned(),
        }
    };
    let date = |id: &str| {
        (
            value(&format!("{id}-day")),
            value(&format!("{id}-month")),
            value(&format!("{id}-year")),
        )
    };
    let (fd, fm, fy) = date("from");
    let (td, tm, ty) = date("to");
    html! {
        (date_input("from", "From", Some("The first day counted, for example 1 4 2024"), (&fd, &fm, &fy), problems))
        (date_input("to", "To", Some("The last day counted, for example 30 6 2024"), (&td, &tm, &ty), problems))
    }
}

/// Links to the last four quarters, keeping the rest of the query.
pub fn quarter_links(path: &str, q: &QueryMap, today: Date) -> Markup {
    html! {
        nav aria-label="Quarters" {
            p { "Or choose a quarter:" }
            ul class="list" {
                @for p in last_quarters(today, 4) {
                    li { a href={ (path) (link(q, &p)) } { (quarter_words(&p)) } }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn the_quarters_before_today() {
        let check = |today: &str, first: (&str, &str), fourth: (&str, &str)| {
            let q = last_quarters(date(today), 4);
            assert_eq!(q.len(), 4);
            assert_eq!(
                (q[0].from, q[0].to),
                (date(first.0), date(first.1)),
                "{today}"
            );
            assert_eq!(
                (q[3].from, q[3].to),
                (date(fourth.0), date(fourth.1)),
                "{today}"
            );
        };
        check(
            "2024-07-01",
            ("2024-04-01", "2024-06-30"),
            ("2023-07-01", "2023-09-30"),
        );
        check(
            "2024-03-31",
            ("2023-10-01", "2023-12-31"),
            ("2023-01-01", "2023-03-31"),
        );
        check(
            "2026-11-30",
            ("2026-07-01", "2026-09-30"),
            ("2025-10-01", "2025-12-31"),
        );
    }

    #[test]
    fn typed_periods_and_their_problems() {
        let today = date("2024-07-15");
        let check = |pairs: &[(&str, &str)], expect: Result<(&str, &str), &[&str]>| {
            let q: QueryMap = pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect();
            let got = asked(&q, today);
            match expect {
                Ok((from, to)) => {
                    let p = got.unwrap_or_else(|e| panic!("{pairs:?}: {e:?}"));
                    assert_eq!((p.from, p.to), (date(from), date(to)), "{pairs:?}");
                }
                Err(fields) => {
                    let problems = got.expect_err("a problem");
                    let named: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
                    assert_eq!(named, fields, "{pairs:?}: {problems:?}");
                }
            }
        };
        let full = |f: (&'static str, &'static str, &'static str),
                    t: (&'static str, &'static str, &'static str)| {
            vec![
                ("from-day", f.0),
                ("from-month", f.1),
                ("from-year", f.2),
                ("to-day", t.0),
                ("to-month", t.1),
                ("to-year", t.2),
            ]
        };
        check(&[], Ok(("2024-04-01", "2024-06-30")));
        check(
            &full(("1", "1", "2024"), ("31", "3", "2024")),
            Ok(("2024-01-01", "2024-03-31")),
        );
        check(
            &full(("30", "2", "2024"), ("31", "3", "2024")),
            Err(&["from"]),
        );
        check(&full(("1", "4", "2024"), ("", "", "")), Err(&["to"]));
        check(&full(("1", "4", "2024"), ("31", "3", "2024")), Err(&["to"]));
        check(
            &full(("x", "4", "2024"), ("1", "13", "2024")),
            Err(&["from", "to"]),
        );
        check(&full(("1", "4", "24"), ("30", "6", "2024")), Err(&["from"]));
    }
}
