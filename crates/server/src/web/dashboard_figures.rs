//! The dashboard's figures, counted in SQL over every case the viewer may
//! see: timeliness for the twelve months to today (officers,
//! administrators, requesters) and the Commissioner's headline figures for
//! this year (caseworkers).

use foidesk_engine::api::Date;
use foidesk_engine::{ComplaintFigures, EngineError, Figures, Period, Role, User};
use maud::{html, Markup};

use super::timeliness::by_month;
use crate::AppState;

/// "Answered in time, by month received" for the twelve months to today.
pub async fn timeliness(state: &AppState, user: &User) -> Result<Markup, EngineError> {
    let today = state.service.engine().today();
    let period = Period::twelve_months_to(today)?;
    let figures = state.service.as_user(user).figures(None, period).await?;
    Ok(timeliness_section(&figures, user.role))
}

fn timeliness_section(figures: &Figures, role: Role) -> Markup {
    let period = figures.period;
    let whose = match (&figures.authority, role) {
        (Some(a), _) => format!("Requests to {}", a.name),
        (None, Role::Requester) => "Your requests".into(),
        (None, _) => "Requests to every authority".into(),
    };
    html! {
        h2 id="timeliness" { "Answered in time, by month received" }
        p class="body-s" {
            (whose) " received from " (period.from.long_form()) " to " (period.to.long_form()) "."
        }
        @if figures.total.received == 0 {
            p { "No request was received in these twelve months." }
        } @else {
            (by_month("timeliness-chart", &figures.months))
        }
        (pending(figures.pending))
        p { a href="/statistics" { "Statistics for any period" } }
    }
}

/// Cases not yet counted, after an upgrade, said rather than hidden.
pub fn pending(n: i64) -> Markup {
    html! {
        @if n > 0 {
            p class="inset" {
                (n) " " (if n == 1 { "request is" } else { "requests are" })
                " still being counted after an upgrade, and not yet in these figures."
            }
        }
    }
}

/// The Commissioner's complaints this year: received, closed and the
/// median age at closing.
pub async fn commissioner(state: &AppState, user: &User) -> Result<Markup, EngineError> {
    let today = state.service.engine().today();
    let period = Period::new(Date::new(today.year(), 1, 1)?, today)?;
    let figures = state
        .service
        .as_user(user)
        .complaint_figures(None, period)
        .await?;
    Ok(commissioner_section(&figures))
}

fn commissioner_section(f: &ComplaintFigures) -> Markup {
    let median = match f.age_at_closing.median_days {
        Some(1) => html! { dd class="card__count" { "1 day" } },
        Some(days) => html! { dd class="card__count" { (days) " days" } },
        None => html! { dd class="card__words" { "none closed yet" } },
    };
    html! {
        h2 id="commissioner-figures" { "Complaints this year" }
        p class="body-s" {
            "From " (f.period.from.long_form()) " to " (f.period.to.long_form()) "."
        }
        dl class="grid figures-cards" {
            div class="card" { dt { "Complaints received" } dd class="card__count" { (f.received) } }
            div class="card" { dt { "Complaints closed" } dd class="card__count" { (f.closed) } }
            div class="card" { dt { "Median age at closing" } (median) }
        }
        p { a href="/statistics/commissioner" { "The Commissioner's figures for any period" } }
    }
}
