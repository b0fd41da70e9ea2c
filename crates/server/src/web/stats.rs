//! The statistics page: timeliness over a period the user chooses (the
//! twelve months to today unless they choose another), counted in SQL over
//! every case they may see; by month as a chart and a table, by authority
//! for all authorities; with links to the official return for the same
//! period and to the Commissioner's figures.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use foidesk_engine::api::Date;
use foidesk_engine::{EngineError, Figures, Period, Role};
use maud::{html, Markup};

use super::case_list::{get, QueryMap};
use super::dashboard_figures::pending;
use super::page::{date_from_fields, date_input, layout, problem, select, Problem, Viewer};
use super::session::WebUser;
use super::timeliness::{by_authority, by_month};
use super::{message_page, respond};
use crate::error::internal;
use crate::AppState;

const DATE_FIELDS: [&str; 6] = [
    "from-day",
    "from-month",
    "from-year",
    "to-day",
    "to-month",
    "to-year",
];

/// The period and authority asked for, or the problems with what was typed.
struct Asked {
    period: Option<Period>,
    /// A slug; empty for every authority the user may see.
    authority: String,
    problems: Vec<Problem>,
}

/// The date typed in `id`'s three boxes; `what` names it in errors.
fn typed_date(q: &QueryMap, id: &str, what: &str, problems: &mut Vec<Problem>) -> Option<Date> {
    let part = |p: &str| get(q, &format!("{id}-{p}"));
    match date_from_fields(what, (part("day"), part("month"), part("year"))) {
        Ok(Some(date)) => Some(date),
        Ok(None) => {
            problems.push(problem(id, format!("Enter {}", what.to_lowercase())));
            None
        }
        Err(message) => {
            problems.push(problem(id, message));
            None
        }
    }
}

fn asked(q: &QueryMap, today: Date) -> Asked {
    let authority = get(q, "authority").to_owned();
    let mut problems = Vec::new();
    // A first visit: the twelve months to today.
    if DATE_FIELDS.iter().all(|f| get(q, f).is_empty()) {
        return Asked {
            period: Period::twelve_months_to(today).ok(),
            authority,
            problems,
        };
    }
    let from = typed_date(q, "from", "The start date", &mut problems);
    let to = typed_date(q, "to", "The end date", &mut problems);
    let period = match (from, to) {
        (Some(from), Some(to)) if to < from => {
            problems.push(problem(
                "to",
                "The end date must be the same as or after the start date",
            ));
            None
        }
        (Some(from), Some(to)) => match Period::new(from, to) {
            Ok(p) => Some(p),
            Err(e) => {
                problems.push(problem("to", engine_words(&e)));
                None
            }
        },
        _ => None,
    };
    Asked {
        period,
        authority,
        problems,
    }
}

/// An engine refusal's message, capitalised as an error message is.
fn engine_words(e: &EngineError) -> String {
    let text = match e {
        EngineError::Invalid { message, .. } => message.clone(),
        other => other.to_string(),
    };
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

pub async fn show(
    State(state): State<AppState>,
    who: WebUser,
    Query(q): Query<QueryMap>,
) -> Response {
    let viewer = Viewer {
        user: &who.user,
        csrf: &who.csrf,
    };
    match who.user.role {
        Role::Caseworker => {
            return respond(
                StatusCode::OK,
                layout("Statistics", Some(&viewer), &[], caseworker()),
            )
        }
        Role::Coordinator => {
            return respond(
                StatusCode::OK,
                layout("Statistics", Some(&viewer), &[], coordinator()),
            )
        }
        Role::Officer | Role::Administrator | Role::Requester => {}
    }
    let today = state.service.engine().today();
    let mut asked = asked(&q, today);
    let mut figures = None;
    if let Some(period) = asked.period.filter(|_| asked.problems.is_empty()) {
        let slug = Some(asked.authority.as_str()).filter(|s| !s.is_empty());
        match state.service.as_user(&who.user).figures(slug, period).await {
            Ok(f) => figures = Some(f),
            // Only an administrator has a list of authorities to choose from.
            Err(EngineError::Invalid { field, message })
                if field == "authority" && who.user.role != Role::Administrator =>
            {
                return message_page(
                    &who,
                    StatusCode::NOT_FOUND,
                    "There is no such authority",
                    &engine_words(&EngineError::Invalid { field, message }),
                )
            }
            Err(EngineError::Invalid { field, message }) if field == "authority" => {
                asked.problems.push(problem("authority", format!("Choose an authority from the list: {message}")));
            }
            Err(EngineError::Forbidden { .. }) => {
                return message_page(
                    &who,
                    StatusCode::FORBIDDEN,
                    "You cannot see these figures",
                    "An officer sees the figures of their own authority, and a requester those of their own requests.",
                )
            }
            Err(e) => return internal(&e).into_response(),
        }
    }
    let choices = if who.user.role == Role::Administrator {
        match state.service.as_user(&who.user).authorities().await {
            Ok(list) => Some(
                list.into_iter()
                    .map(|a| (a.slug, a.name))
                    .collect::<Vec<_>>(),
            ),
            Err(e) => return internal(&e).into_response(),
        }
    } else {
        None
    };
    let body = html! {
        h1 { "Statistics" }
        (filter(&q, &asked, choices.as_deref()))
        @if let Some(f) = &figures { (shown(f, who.user.role)) }
    };
    let status = if asked.problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    respond(
        status,
        layout("Statistics", Some(&viewer), &asked.problems, body),
    )
}

/// The form choosing the period (and, for an administrator, the
/// authority), filled with what was asked or the period shown.
fn filter(q: &QueryMap, asked: &Asked, choices: Option<&[(String, String)]>) -> Markup {
    let shown = |id: &str, date: Option<Date>| -> (String, String, String) {
        let part = |p: &str| get(q, &format!("{id}-{p}")).to_owned();
        match date {
            Some(d) if asked.problems.is_empty() => (
                d.day().to_string(),
                d.month().to_string(),
                d.year().to_string(),
            ),
            _ => (part("day"), part("month"), part("year")),
        }
    };
    let from = shown("from", asked.period.map(|p| p.from));
    let to = shown("to", asked.period.map(|p| p.to));
    let options: Vec<(&str, &str)> = choices
        .map(|list| {
            std::iter::once(("", "Every authority"))
                .chain(list.iter().map(|(s, n)| (s.as_str(), n.as_str())))
                .collect()
        })
        .unwrap_or_default();
    html! {
        form method="get" action="/statistics" novalidate class="figures-filter" {
            h2 class="figures-filter__title" { "Requests received" }
            div class="figures-filter__dates" {
                (date_input("from", "From", Some("For example, 1 4 2026"), (&from.0, &from.1, &from.2), &asked.problems))
                (date_input("to", "To", Some("For example, 30 6 2026"), (&to.0, &to.1, &to.2), &asked.problems))
            }
            @if choices.is_some() {
                (select("authority", "Authority", &options, &asked.authority, &asked.problems))
            }
            button class="button" type="submit" { "Show figures" }
        }
    }
}

/// The figures of one period: headline, by month, by authority, and links.
fn shown(f: &Figures, role: Role) -> Markup {
    let period = f.period;
    let whose = match (&f.authority, role) {
        (Some(a), _) => a.name.clone(),
        (None, Role::Requester) => "Your requests".into(),
        (None, _) => "Every authority".into(),
    };
    let answered = f.total.answered();
    let mut link = format!("/statistics/return?from={}&to={}", period.from, period.to);
    if let Some(a) = &f.authority {
        link.push_str(&format!("&authority={}", a.slug));
    }
    html! {
        h2 id="figures-title" {
            span class="caption" { (whose) }
            (period.from.long_form()) " to " (period.to.long_form())
        }
        dl class="grid figures-cards" {
            div class="card" { dt { "Requests received" } dd class="card__count" { (f.total.received) } }
            div class="card" { dt { "Answered" } dd class="card__count" { (answered) } }
            div class="card" {
                dt { "Answered in time" }
                @match f.total.percent_in_time() {
                    None => dd class="card__words" { "none answered yet" },
                    Some(p) => dd class="card__count" { (p) "%" },
                }
            }
        }
        (pending(f.pending))
        h2 id="by-month" { "Answered in time, by month received" }
        (by_month("timeliness-chart", &f.months))
        @if f.authority.is_none() && role == Role::Administrator {
            h2 id="by-authority" { "By authority" }
            (by_authority(&f.authorities))
        }
        h2 id="more-figures" { "More figures" }
        ul class="list" {
            li { a href=(link) { "The official return for " (period.from.long_form()) " to " (period.to.long_form()) } }
            @if role != Role::Requester {
                li { a href="/statistics/commissioner" { "The Commissioner's figures: complaints and decision notices" } }
            }
        }
    }
}

fn caseworker() -> Markup {
    html! {
        h1 { "Statistics" }
        p { "The figures for a caseworker's desk are the Commissioner's: complaints received and closed, their age at closing, decision notices by outcome and by provision, and steps complied with." }
        p { a href="/statistics/commissioner" { "The Commissioner's figures" } }
    }
}

fn coordinator() -> Markup {
    html! {
        h1 { "Statistics" }
        p { "The statistics count requests and how they were answered. A coordinator's desk holds round robins, not requests, so there are no figures for it." }
        p { a href="/round-robins" { "Your round robins" } }
    }
}

#[cfg(test)]
mod tests {
    use super::{asked, QueryMap};
    use foidesk_engine::api::Date;

    /// What `fields` ask for: the period (as "from to") or the problems,
    /// each "field: message".
    fn check(fields: &[(&str, &str)], expected: &str) {
        let q: QueryMap = fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        let today = Date::parse("2026-11-22").unwrap();
        let a = asked(&q, today);
        let got = if a.problems.is_empty() {
            a.period
                .map(|p| format!("{} {}", p.from, p.to))
                .unwrap_or_default()
        } else {
            a.problems
                .iter()
                .map(|p| format!("{}: {}", p.field, p.message))
                .collect::<Vec<_>>()
                .join("; ")
        };
        assert_eq!(got, expected, "{fields:?}");
    }

    fn dates(from: [&'static str; 3], to: [&'static str; 3]) -> Vec<(&'static str, &'static str)> {
        vec![
            ("from-day", from[0]),
            ("from-month", from[1]),
            ("from-year", from[2]),
            ("to-day", to[0]),
            ("to-month", to[1]),
            ("to-year", to[2]),
        ]
    }

    #[test]
    fn the_period_is_the_twelve_months_to_today_or_the_dates_typed() {
        check(&[], "2025-12-01 2026-11-22");
        check(&[("authority", "kent")], "2025-12-01 2026-11-22");
        check(
            &dates(["1", "4", "2024"], ["30", "6", "2024"]),
            "2024-04-01 2024-06-30",
        );
        check(
            &dates(["5", "5", "2024"], ["5", "5", "2024"]),
            "2024-05-05 2024-05-05",
        );
        check(
            &dates(["1", "7", "2024"], ["30", "6", "2024"]),
            "to: The end date must be the same as or after the start date",
        );
        check(
            &dates(["31", "2", "2024"], ["", "", ""]),
            "from: The start date must be a real date; to: Enter the end date",
        );
        check(
            &dates(["1", "", "2024"], ["1", "1", "24"]),
            "from: The start date must include a month; to: The end date must have a year with 4 numbers, like 2026",
        );
        check(
            &dates(["1", "1", "2001"], ["1", "1", "2099"]),
            "to: A period can be at most 40 years long",
        );
    }
}
