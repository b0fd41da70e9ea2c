//! The machinery of GOV.UK question pages, shared by the three flows that
//! ask one thing a page and end in check answers (`intake.rs`,
//! `make_request.rs`, `open_complaint/`). No session holds the answers:
//! each page posts every answer so far back, the ones it does not ask as
//! hidden fields, so a journey works without JavaScript and leaves nothing
//! behind when it is abandoned. A flow names its pages with a `Step` enum
//! implementing [`Steps`]; what it asks and checks stays in the flow.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use foidesk_engine::api::Authority;
use maud::{html, Markup};

use super::page::{csrf_field, layout, Problem, Viewer};
use super::respond;
use super::session::WebUser;
use crate::error::internal;
use crate::AppState;

mod parts;
pub(super) use parts::{drop_empty_parts, edit_parts, parts, parts_fields, parts_problems};

/// What was posted, in order (parts and authorities repeat their name).
pub(super) type Fields = Vec<(String, String)>;

/// A flow's question pages: a table of them, and what each page asks.
pub(super) trait Steps: Copy + PartialEq + 'static {
    /// Every page in the order asked, check answers last: the page, its
    /// name (in the form's `step` and in change/back actions) and its title.
    const PAGES: &'static [(Self, &'static str, &'static str)];
    /// The check answers page.
    const CHECK: Self;
    /// Every answer that may ride along between pages.
    const CARRIED: &'static [&'static str];
    /// The words above every page's heading.
    const CAPTION: &'static str;
    /// Whether this page shows the input `name` itself (else it is hidden).
    fn asks(self, name: &str) -> bool;

    fn row(self) -> Option<&'static (Self, &'static str, &'static str)> {
        Self::PAGES.iter().find(|(s, _, _)| *s == self)
    }

    fn name(self) -> &'static str {
        self.row().map_or("", |r| r.1)
    }

    fn title(self) -> &'static str {
        self.row().map_or("", |r| r.2)
    }

    fn first() -> Self {
        Self::PAGES.first().map_or(Self::CHECK, |r| r.0)
    }

    fn from_name(name: &str) -> Option<Self> {
        Self::PAGES.iter().find(|r| r.1 == name).map(|r| r.0)
    }

    /// The page after this one, in order.
    fn after(self) -> Self {
        let at = Self::PAGES.iter().position(|r| r.0 == self).unwrap_or(0);
        Self::PAGES.get(at + 1).map_or(Self::CHECK, |r| r.0)
    }

    /// The page before this one, if any.
    fn before(self) -> Option<Self> {
        let at = Self::PAGES.iter().position(|r| r.0 == self)?;
        Self::PAGES.get(at.checked_sub(1)?).map(|r| r.0)
    }
}

pub(super) fn field<'a>(f: &'a Fields, name: &str) -> &'a str {
    f.iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

pub(super) fn set(f: &mut Fields, name: &str, value: &str) {
    f.retain(|(k, _)| k != name);
    f.push((name.to_owned(), value.to_owned()));
}

/// The form's page (`first` when it names none) and action, taken out of
/// the answers so that they are not carried on.
pub(super) fn posted<S: Steps>(f: &mut Fields, first: S) -> (S, String) {
    let step = S::from_name(field(f, "step")).unwrap_or(first);
    let action = field(f, "action").to_owned();
    f.retain(|(k, _)| k != "action" && k != "step" && k != "csrf");
    (step, action)
}

/// The authorities this person sees that `keep` keeps, as (slug, name):
/// the choices of a flow's authority page.
pub(super) async fn authorities(
    state: &AppState,
    who: &WebUser,
    keep: impl Fn(&Authority) -> bool,
) -> Result<Vec<(String, String)>, Response> {
    let all = state
        .service
        .as_user(&who.user)
        .authorities()
        .await
        .map_err(|e| internal(&e).into_response())?;
    Ok(all
        .into_iter()
        .filter(keep)
        .map(|a| (a.slug, a.name))
        .collect())
}

/// Whether a change from check answers is under way: then every page
/// continues straight back to check answers.
fn checking(f: &Fields) -> bool {
    field(f, "checking") == "yes"
}

/// The page after `step` once its answers are good.
pub(super) fn next<S: Steps>(step: S, f: &Fields) -> S {
    if checking(f) {
        S::CHECK
    } else {
        step.after()
    }
}

/// A "change-…" or "back-…" action: the page it goes to. A change comes
/// from check answers, and marks the answers so that it returns there.
pub(super) fn navigate<S: Steps>(f: &mut Fields, action: &str) -> Option<S> {
    if let Some(to) = action.strip_prefix("change-").and_then(S::from_name) {
        set(f, "checking", "yes");
        return Some(to);
    }
    action.strip_prefix("back-").and_then(S::from_name)
}

/// The first page, in order up to `upto`, whose answers have problems.
/// Hidden answers may have been changed on the way, so every page before
/// check answers (or sending) is checked again.
pub(super) fn first_problem<S: Steps>(
    upto: S,
    mut check: impl FnMut(S) -> Vec<Problem>,
) -> Option<(S, Vec<Problem>)> {
    for &(s, _, _) in S::PAGES {
        let problems = check(s);
        if !problems.is_empty() {
            return Some((s, problems));
        }
        if s == upto {
            break;
        }
    }
    None
}

/// The carried answers this page does not ask, as hidden fields, in the
/// order they were posted.
fn hidden_answers<S: Steps>(step: S, f: &Fields) -> Markup {
    html! {
        @for (k, v) in f {
            @if S::CARRIED.contains(&k.as_str()) && !step.asks(k) {
                input type="hidden" name=(k) value=(v);
            }
        }
    }
}

/// The caption and heading of a page that is not one question of radios
/// or checkboxes.
pub(super) fn heading<S: Steps>(step: S) -> Markup {
    html! {
        span class="caption" { (S::CAPTION) }
        h1 { (step.title()) }
    }
}

/// The legend of a page that asks one question of radios or checkboxes:
/// the question is the page's heading.
pub(super) fn legend<S: Steps>(question: &str) -> Markup {
    html! {
        legend class="fieldset__legend fieldset__legend--page" {
            span class="caption" { (S::CAPTION) }
            h1 class="fieldset__heading" { (question) }
        }
    }
}

/// Continue, and the way back unless the page was reached from check
/// answers. Continue comes first, so that Enter in a text box continues.
pub(super) fn buttons<S: Steps>(back: Option<S>, f: &Fields) -> Markup {
    html! {
        div class="button-group" {
            button class="button" type="submit" name="action" value="continue" { "Continue" }
            @if let Some(b) = back.filter(|_| !checking(f)) {
                button class="link-button" type="submit" name="action" value={ "back-" (b.name()) } { "Back to the previous question" }
            }
        }
    }
}

/// A row of check answers, with its change button when a page asks it.
pub(super) fn check_row<S: Steps>(key: &str, value: Markup, step: Option<S>) -> Markup {
    html! {
        div class="summary-list__row" {
            dt class="summary-list__key" { (key) }
            dd class="summary-list__value" { (value) }
            dd class="summary-list__actions" {
                @if let Some(step) = step {
                    button class="link-button" type="submit" name="action" value={ "change-" (step.name()) } {
                        "Change" span class="visually-hidden" { " " (key.to_lowercase()) }
                    }
                }
            }
        }
    }
}

/// What follows check answers: what happens next, and the one button.
pub(super) fn confirm(heading: &str, next: &str, button: &str) -> Markup {
    html! {
        h2 { (heading) }
        p { (next) }
        button class="button" type="submit" name="action" value="confirm" { (button) }
    }
}

/// A question page: the form posting to `path` with its token, the page's
/// name, the answers it carries, and `body`.
pub(super) fn page<S: Steps>(
    who: &WebUser,
    status: StatusCode,
    path: &str,
    (step, f): (S, &Fields),
    errors: &[Problem],
    body: Markup,
) -> Response {
    let viewer = Viewer {
        user: &who.user,
        csrf: &who.csrf,
    };
    let form = html! {
        form method="post" action=(path) novalidate {
            (csrf_field(&who.csrf))
            input type="hidden" name="step" value=(step.name());
            (hidden_answers(step, f))
            (body)
        }
    };
    respond(status, layout(step.title(), Some(&viewer), errors, form))
}

/// The page a flow ends on: the GOV.UK confirmation panel with the new
/// case's reference, then `next` (what it holds and what happens next).
pub(super) fn confirmation(who: &WebUser, title: &str, reference: &str, next: Markup) -> Response {
    let viewer = Viewer {
        user: &who.user,
        csrf: &who.csrf,
    };
    let body = html! {
        div class="panel panel--confirmation" {
            h1 class="panel__title" { (title) }
            div class="panel__body" { "Its reference is" br; strong { (reference) } }
        }
        (next)
    };
    respond(StatusCode::OK, layout(title, Some(&viewer), &[], body))
}
