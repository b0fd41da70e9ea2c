//! What happened, in words: each part's outcome, and the timeline of a case. Shared by the
//! three documents so that each tells the story the same way.

use foidesk_calendar::Date;
use foidesk_case::{Event, EventKind, Outcome, Response, ReviewResult};
use foidesk_law::{Parameter, ProvisionId};

use crate::cite::{and_list, cite_named, describe, long, period, upper_first};
use crate::draft::Draft;

/// Parts of a response that share an outcome and provisions.
pub(crate) struct Group<'c> {
    pub outcome: Outcome,
    pub provisions: &'c [ProvisionId],
    pub parts: Vec<&'c str>,
}

pub(crate) fn groups(response: &Response) -> Vec<Group<'_>> {
    let mut out: Vec<Group<'_>> = Vec::new();
    for o in &response.outcomes {
        match out
            .iter_mut()
            .find(|g| g.outcome == o.outcome && g.provisions == o.provisions.as_slice())
        {
            Some(g) => g.parts.push(&o.part),
            None => out.push(Group {
                outcome: o.outcome,
                provisions: &o.provisions,
                parts: vec![&o.part],
            }),
        }
    }
    out
}

/// "the whole request", "part 4", "parts 2 and 3".
pub(crate) fn parts_label(d: &mut Draft<'_>, parts: &[&str]) -> String {
    match parts {
        [] | ["all"] => d.t("part.all", &[]),
        [one] => d.t("part.one", &[("id", one)]),
        many => {
            let ids: Vec<String> = many.iter().map(|s| (*s).to_owned()).collect();
            d.t("part.many", &[("ids", &and_list(&ids))])
        }
    }
}

/// "section 24(2) (national security) and section 31(3) (law enforcement)".
pub(crate) fn named_list(d: &Draft<'_>, ids: &[ProvisionId]) -> String {
    let named: Vec<String> = ids.iter().map(|id| cite_named(d.input.law, id)).collect();
    and_list(&named)
}

/// What the authority did with a group, as a past-tense verb phrase.
fn did(d: &mut Draft<'_>, g: &Group<'_>) -> String {
    let provisions = named_list(d, g.provisions);
    d.t(
        &format!("outcome.{}", g.outcome.as_str()),
        &[("provisions", &provisions)],
    )
}

/// The response's outcomes as one or more sentences ("It disclosed … .").
pub(crate) fn outcomes_said(d: &mut Draft<'_>, response: &Response) -> String {
    let groups = groups(response);
    if let [only] = groups.as_slice() {
        let what = did(d, only);
        return d.t("outcome.all", &[("what", &what)]);
    }
    let mut clauses = Vec::new();
    for g in &groups {
        let what = did(d, g);
        let parts = parts_label(d, &g.parts);
        clauses.push(d.t("outcome.some", &[("parts", &parts), ("what", &what)]));
    }
    format!("{}.", upper_first(&clauses.join("; ")))
}

/// The request as received: what it was about and its parts (snippet `key`, or
/// `key_parts` to introduce the list of parts).
pub(crate) fn request(d: &mut Draft<'_>, summary: &str, key: &str) {
    let case = d.input.case;
    let authority = d.authority();
    let received = long(case.request.received);
    let key = if case.request.parts.is_empty() {
        key.to_owned()
    } else {
        format!("{key}_parts")
    };
    d.say(
        &key,
        &[
            ("date", &received),
            ("authority", &authority),
            ("summary", summary),
        ],
    );
    let items: Vec<String> = case
        .request
        .parts
        .iter()
        .map(|p| d.t("part.item", &[("id", &p.id), ("text", &p.text)]))
        .collect();
    d.list(items);
}

/// One paragraph per event up to `until` (exclusive of the complaint and what follows a
/// decision, which other sections tell).
pub(crate) fn timeline(d: &mut Draft<'_>, until: Date) {
    let case = d.input.case;
    let authority = d.authority();
    for e in case.events.iter().filter(|e| e.date <= until) {
        let date = long(e.date);
        let vars = |extra: &[(&'static str, String)]| {
            let mut v = vec![("date", date.clone()), ("authority", authority.clone())];
            v.extend(extra.iter().cloned());
            v
        };
        let (key, vars) = match &e.kind {
            EventKind::ClarificationSought => ("event.clarification_sought", vars(&[])),
            EventKind::ClarificationReceived => ("event.clarification_received", vars(&[])),
            EventKind::FeeNotice { .. } => ("event.fee_notice", vars(&[])),
            EventKind::FeePaid => ("event.fee_paid", vars(&[])),
            EventKind::PitExtension {
                estimate: Some(est),
                ..
            } => ("event.pit_extension", vars(&[("estimate", long(*est))])),
            EventKind::PitExtension { estimate: None, .. } => {
                ("event.pit_extension_open", vars(&[]))
            }
            EventKind::EirExtension => {
                let days = period(
                    d.input.law,
                    "the EIR extended period",
                    Parameter::EirExtendedWorkingDays,
                    e.date,
                );
                let days = d.try_or(days.map(describe), String::new());
                ("event.eir_extension", vars(&[("period", days)]))
            }
            EventKind::Response(r) => {
                let said = outcomes_said(d, r);
                ("event.response", vars(&[("outcomes", said)]))
            }
            EventKind::InternalReviewRequested => ("event.review_requested", vars(&[])),
            EventKind::InternalReview { result } => (review_key(*result), vars(&[])),
            // The complaint and what follows are told by the decision's own
            // sections; other kinds (an assignment) are not part of the story.
            _ => continue,
        };
        let borrowed: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
        d.say(key, &borrowed);
    }
}

fn review_key(result: ReviewResult) -> &'static str {
    match result {
        ReviewResult::Upheld => "event.review.upheld",
        ReviewResult::UpheldInPart => "event.review.upheld_in_part",
        ReviewResult::Overturned => "event.review.overturned",
        ReviewResult::Declined => "event.review.declined",
    }
}

/// The first event of a kind, as the case file records it.
pub(crate) fn first(events: &[Event], pred: impl Fn(&EventKind) -> bool) -> Option<&Event> {
    events.iter().find(|e| pred(&e.kind))
}

/// The last event of a kind.
pub(crate) fn last(events: &[Event], pred: impl Fn(&EventKind) -> bool) -> Option<&Event> {
    events.iter().rev().find(|e| pred(&e.kind))
}

/// The first response in the case, with its event.
pub(crate) fn response(events: &[Event]) -> Option<(&Event, &Response)> {
    events.iter().find_map(|e| match &e.kind {
        EventKind::Response(r) => Some((e, r)),
        _ => None,
    })
}
