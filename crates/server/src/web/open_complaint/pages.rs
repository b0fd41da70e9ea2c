//! The pages of opening a complaint by hand: what each question page asks,
//! and check answers.

use axum::http::StatusCode;
use axum::response::Response;
use foidesk_engine::api::{Outcome, Regime, ReviewResult};
use maud::{html, Markup};

use super::{date_fields, field, parts_of, regime_of, Fields, Step, NEW};
use crate::web::page::{date_from_fields, date_input, radios, text_input, textarea, Problem};
use crate::web::questions::{check_row, confirm, heading, page};
use crate::web::session::WebUser;

fn page_fields(
    step: Step,
    f: &Fields,
    errors: &[Problem],
    authorities: &[(String, String)],
) -> Markup {
    match step {
        Step::Authority => {
            let mut options: Vec<(&str, &str)> = authorities
                .iter()
                .map(|(s, n)| (s.as_str(), n.as_str()))
                .collect();
            options.push((NEW, "It is not listed"));
            html! {
                (radios("authority", "The authority", None, &options, field(f, "authority"), errors))
                (text_input("authority_name", "If it is not listed, its name", Some("For example, Ambridge Parish Council. It is added to the list."), field(f, "authority_name"), "text", errors))
            }
        }
        Step::Request => html! {
            (textarea("request", "The request's words", Some("As the complainant gives them. Put each part of the request on its own line."), field(f, "request"), errors))
            (radios("regime", "Which law was it made under?", None, &[("FOIA", "Freedom of Information Act 2000"), ("EIR", "Environmental Information Regulations 2004")], field(f, "regime"), errors))
        },
        Step::Dates => {
            let outcomes = Outcome::ALL.map(|o| (o.as_str(), o.label()));
            let results = ReviewResult::ALL.map(|r| (r.as_str(), r.label()));
            html! {
                p { "As the complainant gives them. Leave out what did not happen." }
                (date_input("sent", "When was the request sent?", Some("For example, 27 3 2026"), date_fields(f, "sent"), errors))
                (date_input("response", "When did the authority respond?", Some("Leave empty if it did not respond."), date_fields(f, "response"), errors))
                (radios("outcome", "What did the response say?", Some("Only if it responded."), &outcomes, field(f, "outcome"), errors))
                (text_input("provisions", "Which exemptions did a refusal rely on?", Some("Only for a refusal, if the complainant says: like s.31 or section 40(2); separate several with commas."), field(f, "provisions"), "text", errors))
                (date_input("review_requested", "When was an internal review asked for?", Some("Leave empty if none was asked for."), date_fields(f, "review_requested"), errors))
                (date_input("review", "When did the authority answer the review?", Some("Leave empty if it has not."), date_fields(f, "review"), errors))
                (radios("result", "What did the review decide?", Some("Only if it answered."), &results, field(f, "result"), errors))
                (date_input("complained", "When did the complaint reach the Commissioner?", None, date_fields(f, "complained"), errors))
            }
        }
        Step::Check => html! {},
    }
}

fn long(f: &Fields, id: &str) -> String {
    date_from_fields("", date_fields(f, id))
        .ok()
        .flatten()
        .map_or_else(|| "not given".to_owned(), |d| d.long_form())
}

fn check_answers(f: &Fields, authorities: &[(String, String)]) -> Markup {
    let authority = match field(f, "authority") {
        NEW => format!("{} (to be added)", field(f, "authority_name").trim()),
        slug => authorities
            .iter()
            .find(|(s, _)| s == slug)
            .map_or_else(|| slug.to_owned(), |(_, n)| n.clone()),
    };
    let label = |name: &str, words: Option<&'static str>| {
        if field(f, name).is_empty() {
            String::new()
        } else {
            words.map(|w| format!(": {w}")).unwrap_or_default()
        }
    };
    html! {
        dl class="summary-list" id="answers" {
            (check_row("Authority", html! { (authority) }, Some(Step::Authority)))
            (check_row("Request", html! { ul class="list" { @for p in parts_of(field(f, "request")) { li { (p) } } } }, Some(Step::Request)))
            (check_row("Law", html! { (regime_of(f).map_or("", |r| if r == Regime::Eir { "EIR" } else { "FOIA" })) }, Some(Step::Request)))
            (check_row("Request sent", html! { (long(f, "sent")) }, Some(Step::Dates)))
            (check_row("Response", html! {
                (long(f, "response")) (label("outcome", Outcome::from_name(field(f, "outcome")).map(Outcome::label)))
                @if !field(f, "provisions").trim().is_empty() { ", under " (field(f, "provisions").trim()) }
            }, Some(Step::Dates)))
            (check_row("Review asked for", html! { (long(f, "review_requested")) }, Some(Step::Dates)))
            (check_row("Review answered", html! { (long(f, "review")) (label("result", ReviewResult::from_name(field(f, "result")).map(ReviewResult::label))) }, Some(Step::Dates)))
            (check_row("Complaint made", html! { (long(f, "complained")) }, Some(Step::Dates)))
        }
    }
}

pub(super) fn render(
    who: &WebUser,
    status: StatusCode,
    step: Step,
    f: &Fields,
    errors: &[Problem],
    authorities: &[(String, String)],
) -> Response {
    let body = html! {
        (heading(step))
        @if step == Step::Check {
            (check_answers(f, authorities))
            (confirm(
                "Now open the complaint",
                "The case opens under the authority with these dates; you then check whether the Commissioner can decide it.",
                "Open the complaint",
            ))
        } @else {
            (page_fields(step, f, errors, authorities))
            button class="button" type="submit" name="action" value="continue" { "Continue" }
        }
    };
    page(who, status, "/complaints/new", (step, f), errors, body)
}
