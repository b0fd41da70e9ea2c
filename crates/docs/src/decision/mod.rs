//! The Commissioner's decision notice (s.50), in the regulator's structure with numbered
//! paragraphs: the decision and any steps, the request and response, the scope, the
//! reasons (one section per provision, then procedural breaches), other matters, and the
//! right of appeal. Steps fall due 35 calendar days after the notice and appeals within 28,
//! both from the law crate's dated parameters.

pub(crate) mod questions;
mod reasons;

use foidesk_calendar::Date;
use foidesk_case::{DecisionNotice, EventKind, NoticeOutcome};
use foidesk_law::{Amount, Parameter, ProvisionId};

use crate::cite::{add, and_list, cite_all, describe, long, period, source};
use crate::draft::Draft;
use crate::story;
use crate::{Document, DocumentKind, Input, RenderError};

pub(crate) fn build(input: &Input<'_>) -> Result<Document, RenderError> {
    let mut d = Draft::new(input, true);
    let case = input.case;
    let facts = input.facts;
    let authority = d.authority();
    let event = story::last(&case.events, |k| matches!(k, EventKind::DecisionNotice(_)));
    let event = d.need("case.decision_notice", event);
    let notice: Option<&DecisionNotice> = event.and_then(|e| match &e.kind {
        EventKind::DecisionNotice(n) => Some(n),
        _ => None,
    });
    let outcome = match notice {
        Some(n) => d.need("case.decision_notice.outcome", n.outcome),
        None => None,
    };
    let date = event.map_or(case.request.received, |e| e.date);
    let response = d.need("case.response", story::response(&case.events));
    let complaint = story::first(&case.events, |k| matches!(k, EventKind::Complaint));
    let complaint = d.need("case.complaint", complaint);
    let summary = d.text("request_summary", facts.request_summary.as_ref());
    let analysis_absent =
        response.is_some_and(|(_, r)| r.refuses_anything()) && facts.decision.analysis.is_empty();
    if analysis_absent {
        d.need("decision.analysis", None::<()>);
    }
    reasons::check_known(&mut d);

    let mut fields = vec![
        (
            d.t("field.legislation", &[]),
            d.t("decision.legislation", &[]),
        ),
        (d.t("field.date", &[]), long(date)),
        (d.t("field.authority", &[]), case.request.authority.clone()),
    ];
    if !facts.authority.address.is_empty() {
        fields.push((
            d.t("field.address", &[]),
            facts.authority.address.join(", "),
        ));
    }
    let reference = notice
        .and_then(|n| n.reference.clone())
        .or_else(|| facts.decision.reference.clone());
    if let Some(r) = reference {
        fields.push((d.t("field.reference", &[]), r));
    }
    d.fields(fields);

    let h = d.t("decision.h.decision", &[]);
    d.heading(2, h);
    if let Some((_, r)) = response {
        let said = story::outcomes_said(&mut d, r);
        d.say(
            "decision.summary",
            &[
                ("authority", &authority),
                ("summary", &summary),
                ("outcomes", &said),
            ],
        );
    }
    let breaches: &[ProvisionId] = notice.map_or(&[], |n| &n.breaches);
    let disagreement = match outcome {
        Some(outcome) => decision(&mut d, outcome, breaches, !analysis_absent),
        None => None,
    };
    let appeal = appeal_by(&mut d, date);
    match notice {
        Some(n) if !n.steps.is_empty() => steps(&mut d, n, date, appeal),
        _ => d.say("decision.no_steps", &[("authority", &authority)]),
    }

    let h = d.t("decision.h.request", &[]);
    d.heading(2, h);
    story::request(&mut d, &summary, "event.request");
    story::timeline(&mut d, date);

    let h = d.t("decision.h.scope", &[]);
    d.heading(2, h);
    if let Some(c) = complaint {
        d.say(
            "decision.complained",
            &[("date", &long(c.date)), ("authority", &authority)],
        );
    }
    let grounds = d.text("decision.complaint", facts.decision.complaint.as_ref());
    d.say("decision.grounds", &[("grounds", &grounds)]);
    scope(&mut d, breaches);

    let h = d.t("decision.h.reasons", &[]);
    d.heading(2, h);
    let on = response.map_or(date, |(e, _)| e.date);
    for a in &facts.decision.analysis {
        reasons::analysis(&mut d, a, on);
    }
    reasons::breaches(&mut d, breaches, response.map(|(e, _)| e));

    if !facts.decision.other_matters.is_empty() {
        let h = d.t("decision.h.other", &[]);
        d.heading(2, h);
        for p in &facts.decision.other_matters {
            d.para(p.clone());
        }
    }
    right_of_appeal(&mut d, date, appeal);
    let signed = d.t("decision.signed", &[]);
    let mut lines = vec![signed];
    lines.extend(d.signatory("decision", &facts.decision.signatory));
    d.lines(lines);
    let contact = d.list_fact("commissioner.contact", &facts.commissioner.contact);
    d.lines(contact);
    // Said only once nothing is missing, so that the guided form can still
    // ask what is, whatever order the answers come in.
    if let Some(e) = disagreement.filter(|_| d.is_complete()) {
        d.fail(e);
    }
    let title = d.t("decision.title", &[]);
    d.finish(DocumentKind::Decision, title)
}

/// The decision paragraph: which provisions the authority could rely on, which not, which
/// were not needed, and the breaches found. It must agree with the case's outcome (checked
/// when the analysis is there to check against): the disagreement, in words, if not.
fn decision(
    d: &mut Draft<'_>,
    outcome: NoticeOutcome,
    breaches: &[ProvisionId],
    check: bool,
) -> Option<RenderError> {
    let authority = d.authority();
    let f = reasons::findings(&d.input.facts.decision.analysis);
    let key = match (f.upheld.is_empty(), f.rejected.is_empty()) {
        (false, true) => "decision.entitled",
        (true, false) => "decision.not_entitled",
        (false, false) => "decision.mixed",
        (true, true) => match outcome {
            NoticeOutcome::AuthorityEntitled => "decision.procedure_followed",
            _ => "decision.procedure_not_followed",
        },
    };
    let agrees = match outcome {
        NoticeOutcome::AuthorityEntitled => f.rejected.is_empty(),
        NoticeOutcome::AuthorityNotEntitled => f.upheld.is_empty(),
        NoticeOutcome::Mixed => !f.upheld.is_empty() && !f.rejected.is_empty(),
    };
    let disagreement = (check && f.complete && !agrees).then(|| RenderError::Invalid {
        fact: "case.decision_notice.outcome".into(),
        message: format!(
            "the outcome chosen is \u{201c}{}\u{201d}, but the analysis finds the authority entitled to rely on {} and not entitled to rely on {}",
            outcome.commissioner_words(),
            provisions_or_none(&f.upheld),
            provisions_or_none(&f.rejected)
        ),
    });
    let upheld = cite_all(&f.upheld);
    let rejected = cite_all(&f.rejected);
    let mut text = d.t(
        key,
        &[
            ("authority", &authority),
            ("upheld", &upheld),
            ("rejected", &rejected),
        ],
    );
    if !f.unconsidered.is_empty() {
        let rest = cite_all(&f.unconsidered);
        let more = d.t("decision.not_considered", &[("provisions", &rest)]);
        text = format!("{text} {more}");
    }
    if !breaches.is_empty() {
        let more = d.t(
            "decision.breaches",
            &[
                ("authority", &authority),
                ("provisions", &cite_all(breaches)),
            ],
        );
        text = format!("{text} {more}");
    }
    d.para(text);
    disagreement
}

fn provisions_or_none(ids: &[ProvisionId]) -> String {
    if ids.is_empty() {
        "no provision".into()
    } else {
        cite_all(ids)
    }
}

/// The end of the appeal period (s.57; 28 calendar days), from the dated parameter.
fn appeal_by(d: &mut Draft<'_>, date: Date) -> Option<(Amount, Date)> {
    d.period_from("the appeal period", Parameter::AppealCalendarDays, date)
}

/// s.50(4): the steps and the date they fall due, which s.50(6) says may not come before
/// the appeal period ends.
fn steps(d: &mut Draft<'_>, notice: &DecisionNotice, date: Date, appeal: Option<(Amount, Date)>) {
    let input = d.input;
    let authority = d.authority();
    let what = "the steps period";
    let days = match notice.steps_days {
        Some(n) => Ok(Amount::CalendarDays(n)),
        None => period(input.law, what, Parameter::StepsCalendarDays, date),
    };
    let due = days.and_then(|a| add(input.calendar, what, date, a).map(|due| (a, due)));
    let Some((days, due)) = due.map_err(|e| d.fail(e)).ok() else {
        return;
    };
    if let Some((_, appeal_by)) = appeal.filter(|(_, by)| due < *by) {
        d.fail(RenderError::Invalid {
            fact: "case.decision_notice.steps_days".into(),
            message: format!("the steps would fall due on {due}, before the appeal period ends on {appeal_by} (s.50(6))"),
        });
    }
    d.say("decision.steps", &[("authority", &authority)]);
    d.list(notice.steps.clone());
    d.say(
        "decision.steps_due",
        &[
            ("authority", &authority),
            ("period", &describe(days)),
            ("date", &long(due)),
        ],
    );
    d.meets(if d.eir() { "reg.18" } else { "s.50(4)" });
}

/// What the notice considers: reliance on each provision analysed, compliance with each
/// provision breached.
fn scope(d: &mut Draft<'_>, breaches: &[ProvisionId]) {
    let authority = d.authority();
    let considered: Vec<ProvisionId> = d
        .input
        .facts
        .decision
        .analysis
        .iter()
        .flat_map(|a| a.provisions.iter().cloned())
        .collect();
    let mut matters = Vec::new();
    if !considered.is_empty() {
        let provisions = cite_all(&considered);
        matters.push(d.t(
            "scope.reliance",
            &[("authority", &authority), ("provisions", &provisions)],
        ));
    }
    if !breaches.is_empty() {
        let provisions = cite_all(breaches);
        matters.push(d.t(
            "scope.procedure",
            &[("authority", &authority), ("provisions", &provisions)],
        ));
    }
    if !matters.is_empty() {
        d.say("decision.scope", &[("matters", &and_list(&matters))]);
    }
}

/// s.50(5), s.57: the right of appeal, the Tribunal's details, and the date appeals must reach it.
fn right_of_appeal(d: &mut Draft<'_>, date: Date, appeal: Option<(Amount, Date)>) {
    let input = d.input;
    let h = d.t("decision.h.appeal", &[]);
    d.heading(2, h);
    d.say("decision.appeal", &[]);
    let contact = d.list_fact(
        "decision.tribunal_contact",
        &input.facts.decision.tribunal_contact,
    );
    d.lines(contact);
    if let Some((days, by)) = appeal {
        let source = source(input.law, Parameter::AppealCalendarDays, date).unwrap_or_default();
        d.say(
            "decision.appeal_time",
            &[
                ("period", &describe(days)),
                ("date", &long(date)),
                ("by", &long(by)),
                ("source", &source),
            ],
        );
    }
    d.meets(if d.eir() { "reg.18" } else { "s.50(5)" });
}
