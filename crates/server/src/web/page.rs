//! The page shell and the pieces every page uses: header, error summary,
//! form fields, tags. Markup goes through maud, which escapes every value,
//! so text a user typed can never become markup.

use foidesk_engine::api::Status;
use foidesk_engine::{Role, User};
use maud::{html, Markup, DOCTYPE};

/// One problem with a form: the field's id (for the summary's link) and the message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub field: String,
    pub message: String,
}

pub fn problem(field: impl Into<String>, message: impl Into<String>) -> Problem {
    Problem {
        field: field.into(),
        message: message.into(),
    }
}

/// Who is looking, for the header: the user and the session's CSRF token.
pub struct Viewer<'a> {
    pub user: &'a User,
    pub csrf: &'a str,
}

pub fn layout(title: &str, viewer: Option<&Viewer>, errors: &[Problem], body: Markup) -> Markup {
    let full_title = if errors.is_empty() {
        format!("{title} – foidesk")
    } else {
        format!("Error: {title} – foidesk")
    };
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (full_title) }
                link rel="stylesheet" href="/assets/app.css";
            }
            body {
                a class="skip-link" href="#main" { "Skip to main content" }
                header class="header" {
                    div class="width-container header__inner" {
                        a class="header__name" href="/" { "foidesk" }
                        @if let Some(v) = viewer {
                            nav aria-label="Main" {
                                ul class="header__nav" {
                                    li { a href="/" { "Dashboard" } }
                                    @if v.user.role == Role::Coordinator {
                                        li { a href="/round-robins" { "Round robins" } }
                                    } @else {
                                        li { a href="/cases" { "Cases" } }
                                    }
                                    li { a href="/statistics" { "Statistics" } }
                                    li { a href="/library" { "Library" } }
                                    @if v.user.role == Role::Administrator {
                                        li { a href="/admin" { "Admin" } }
                                    }
                                    li {
                                        form method="post" action="/sign-out" {
                                            (csrf_field(v.csrf))
                                            button type="submit" { "Sign out " span class="visually-hidden" { (v.user.email) } }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                div class="width-container" {
                    main id="main" {
                        (error_summary(errors))
                        (body)
                    }
                    footer {
                        "foidesk: casework for the Freedom of Information Act 2000 and the Environmental Information Regulations 2004."
                        @if let Some(v) = viewer {
                            " Signed in as " (v.user.name) " (" (v.user.role.as_str()) ")."
                        }
                    }
                }
            }
        }
    }
}

pub fn csrf_field(token: &str) -> Markup {
    html! { input type="hidden" name="csrf" value=(token); }
}

fn error_summary(errors: &[Problem]) -> Markup {
    if errors.is_empty() {
        return html! {};
    }
    html! {
        div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title" {
            h2 id="error-summary-title" { "There is a problem" }
            ul {
                @for e in errors {
                    li { a href={ "#" (e.field) } { (e.message) } }
                }
            }
        }
    }
}

/// The message of the problem with input `field`, if any.
pub fn error_for<'a>(errors: &'a [Problem], field: &str) -> Option<&'a str> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| e.message.as_str())
}

/// A labelled text input that shows its error, if any. Dates are plain
/// text (YYYY-MM-DD), as the GOV.UK patterns advise against date pickers.
pub fn text_input(
    id: &str,
    label: &str,
    hint: Option<&str>,
    value: &str,
    kind: &str,
    errors: &[Problem],
) -> Markup {
    let error = error_for(errors, id);
    let described = match (hint.is_some(), error.is_some()) {
        (true, true) => format!("{id}-hint {id}-error"),
        (true, false) => format!("{id}-hint"),
        (false, true) => format!("{id}-error"),
        (false, false) => String::new(),
    };
    html! {
        div class={ "form-group" @if error.is_some() { " form-group--error" } } {
            label class="label" for=(id) { (label) }
            @if let Some(h) = hint { div class="hint" id={ (id) "-hint" } { (h) } }
            @if let Some(e) = error {
                p class="error-message" id={ (id) "-error" } { span class="visually-hidden" { "Error: " } (e) }
            }
            input class={ "input" @if kind == "date" { " input--short" } @if error.is_some() { " input--error" } }
                id=(id) name=(id) type=(if kind == "date" { "text" } else { kind }) value=(value)
                autocomplete=[(kind == "email").then_some("email")]
                aria-describedby=[(!described.is_empty()).then_some(described.as_str())];
        }
    }
}

pub fn textarea(
    id: &str,
    label: &str,
    hint: Option<&str>,
    value: &str,
    errors: &[Problem],
) -> Markup {
    let error = error_for(errors, id);
    html! {
        div class={ "form-group" @if error.is_some() { " form-group--error" } } {
            label class="label" for=(id) { (label) }
            @if let Some(h) = hint { div class="hint" id={ (id) "-hint" } { (h) } }
            @if let Some(e) = error {
                p class="error-message" id={ (id) "-error" } { span class="visually-hidden" { "Error: " } (e) }
            }
            textarea class={ "textarea" @if error.is_some() { " textarea--error" } } id=(id) name=(id) rows="4"
                aria-describedby=[hint.map(|_| format!("{id}-hint"))] { (value) }
        }
    }
}

/// A select of (value, label) options.
pub fn select(
    id: &str,
    label: &str,
    options: &[(&str, &str)],
    chosen: &str,
    errors: &[Problem],
) -> Markup {
    let error = error_for(errors, id);
    html! {
        div class={ "form-group" @if error.is_some() { " form-group--error" } } {
            label class="label" for=(id) { (label) }
            @if let Some(e) = error {
                p class="error-message" id={ (id) "-error" } { span class="visually-hidden" { "Error: " } (e) }
            }
            select class={ "select" @if error.is_some() { " select--error" } } id=(id) name=(id) {
                @for (value, text) in options {
                    option value=(value) selected[*value == chosen] { (text) }
                }
            }
        }
    }
}

/// A status tag, coloured by how urgent the status is.
pub fn status_tag(status: &str) -> Markup {
    let Some(status) = Status::from_name(status) else {
        return html! { strong class="tag tag--grey" { (status.replace('_', " ")) } };
    };
    let colour = match status {
        Status::AwaitingResponse
        | Status::AwaitingInternalReview
        | Status::StepsOrdered
        | Status::UnderInvestigation => "",
        Status::ComplaintDeclined => " tag--grey",
        Status::AwaitingClarification | Status::AwaitingFee => " tag--yellow",
        Status::WithCommissioner | Status::Appealed => " tag--red",
        Status::Decided => " tag--green",
        Status::Responded
        | Status::Reviewed
        | Status::Withdrawn
        | Status::Duplicate
        | Status::Transferred => " tag--grey",
    };
    html! { strong class={ "tag" (colour) } { (status.label()) } }
}

pub fn summary_row(key: &str, value: Markup) -> Markup {
    html! {
        div class="summary-list__row" {
            dt class="summary-list__key" { (key) }
            dd class="summary-list__value" { (value) }
        }
    }
}

/// The three boxes of a GOV.UK date input (`{id}-day`, `{id}-month`,
/// `{id}-year`) in a fieldset; the problem for the whole date is on `id`,
/// and its summary link goes to the day box.
pub fn date_input(
    id: &str,
    legend: &str,
    hint: Option<&str>,
    (day, month, year): (&str, &str, &str),
    errors: &[Problem],
) -> Markup {
    let error = error_for(errors, id);
    let boxes = [
        ("day", "Day", day, 2),
        ("month", "Month", month, 2),
        ("year", "Year", year, 4),
    ];
    html! {
        div class={ "form-group" @if error.is_some() { " form-group--error" } } id=(id) {
            fieldset class="fieldset" role="group" aria-describedby=[hint.map(|_| format!("{id}-hint"))] {
                legend class="fieldset__legend" { (legend) }
                @if let Some(h) = hint { div class="hint" id={ (id) "-hint" } { (h) } }
                @if let Some(e) = error {
                    p class="error-message" id={ (id) "-error" } { span class="visually-hidden" { "Error: " } (e) }
                }
                div class="date-input" {
                    @for (part, label, value, width) in boxes {
                        div class="date-input__item" {
                            label class="label" for={ (id) "-" (part) } { (label) }
                            input class={ "input date-input__input date-input__input--" (width) @if error.is_some() { " input--error" } }
                                id={ (id) "-" (part) } name={ (id) "-" (part) } type="text"
                                inputmode="numeric" value=(value);
                        }
                    }
                }
            }
        }
    }
}

/// What was typed in a date input, read back as a date: day, month and year
/// must all be there and make a real date. `Ok(None)` when all three are empty.
pub fn date_from_fields(
    what: &str,
    (day, month, year): (&str, &str, &str),
) -> Result<Option<foidesk_engine::api::Date>, String> {
    let (day, month, year) = (day.trim(), month.trim(), year.trim());
    if day.is_empty() && month.is_empty() && year.is_empty() {
        return Ok(None);
    }
    let missing: Vec<&str> = [("a day", day), ("a month", month), ("a year", year)]
        .into_iter()
        .filter(|(_, v)| v.is_empty())
        .map(|(name, _)| name)
        .collect();
    if !missing.is_empty() {
        return Err(format!("{what} must include {}", missing.join(" and ")));
    }
    let number = |v: &str| v.parse::<i32>().ok();
    let (Some(d), Some(m), Some(y)) = (number(day), number(month), number(year)) else {
        return Err(format!(
            "{what} must be a real date, in numbers, like 27 3 2026"
        ));
    };
    if year.len() != 4 {
        return Err(format!("{what} must have a year with 4 numbers, like 2026"));
    }
    let date = i8::try_from(d)
        .ok()
        .zip(i8::try_from(m).ok())
        .and_then(|(d, m)| foidesk_engine::api::Date::new(i16::try_from(y).ok()?, m, d).ok());
    match date {
        Some(date) => Ok(Some(date)),
        None => Err(format!("{what} must be a real date")),
    }
}

/// GOV.UK radios: one choice of (value, label), none chosen unless `chosen`
/// names one.
pub fn radios(
    id: &str,
    legend: &str,
    hint: Option<&str>,
    options: &[(&str, &str)],
    chosen: &str,
    errors: &[Problem],
) -> Markup {
    let legend = html! { legend class="fieldset__legend" { (legend) } };
    radios_under(id, legend, hint, options, chosen, errors)
}

/// Radios under a legend of the caller's (a question page's heading).
pub fn radios_under(
    id: &str,
    legend: Markup,
    hint: Option<&str>,
    options: &[(&str, &str)],
    chosen: &str,
    errors: &[Problem],
) -> Markup {
    let error = error_for(errors, id);
    let described: Vec<String> = [
        hint.map(|_| format!("{id}-hint")),
        error.map(|_| format!("{id}-error")),
    ]
    .into_iter()
    .flatten()
    .collect();
    html! {
        div class={ "form-group" @if error.is_some() { " form-group--error" } } {
            fieldset class="fieldset" aria-describedby=[(!described.is_empty()).then(|| described.join(" "))] {
                (legend)
                @if let Some(h) = hint { div class="hint" id={ (id) "-hint" } { (h) } }
                @if let Some(e) = error {
                    p class="error-message" id={ (id) "-error" } { span class="visually-hidden" { "Error: " } (e) }
                }
                div class="radios" {
                    @for (n, (value, text)) in options.iter().enumerate() {
                        @let input_id = if n == 0 { id.to_owned() } else { format!("{id}-{value}") };
                        div class="radios__item" {
                            input class="radios__input" type="radio" id=(input_id) name=(id) value=(value) checked[*value == chosen];
                            label class="label radios__label" for=(input_id) { (text) }
                        }
                    }
                }
            }
        }
    }
}

/// The green banner that confirms a save, at the top of the page it leads to.
pub fn success_banner(title: &str, text: Option<&str>) -> Markup {
    html! {
        div class="notification-banner notification-banner--success" role="alert" aria-labelledby="banner-title" {
            h2 class="notification-banner__title" id="banner-title" { "Success" }
            div class="notification-banner__content" {
                p class="notification-banner__heading" { (title) }
                @if let Some(t) = text { p { (t) } }
            }
        }
    }
}
