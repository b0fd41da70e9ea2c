//! The refusal notice: FOIA s.17(1), (3), (5) and (7), or EIR reg.14; for a public interest
//! extension, the s.17(2) notice with its estimate. It is written for the last response or
//! extension in the case: render a case cut at an earlier date for an earlier notice.

use foidesk_calendar::Date;
use foidesk_case::{Event, EventKind, Outcome, Response};
use foidesk_law::{Effect, Parameter, ProvisionId, Regime, TestType};

use crate::cite::{cite, cite_all, describe, long, subject, upper_first};
use crate::draft::Draft;
use crate::facts::ExemptionFacts;
use crate::letter;
use crate::story::{self, parts_label};
use crate::weigh::weigh;
use crate::{Document, DocumentKind, Input, RenderError};

enum Stage<'c> {
    Final(&'c Event, &'c Response),
    Extension(&'c Event, Option<Date>, &'c [ProvisionId]),
}

impl Stage<'_> {
    fn date(&self) -> Date {
        match self {
            Stage::Final(e, _) | Stage::Extension(e, ..) => e.date,
        }
    }
}

/// A provision relied on, with the parts it covers.
struct Relied<'c> {
    id: ProvisionId,
    outcome: Outcome,
    parts: Vec<&'c str>,
}

/// The refusal notice for the case's last response.
pub(crate) fn build(input: &Input<'_>) -> Result<Document, RenderError> {
    build_for(input, DocumentKind::Refusal)
}

/// The s.17(2) notice for the case's last public interest extension.
pub(crate) fn build_extension(input: &Input<'_>) -> Result<Document, RenderError> {
    build_for(input, DocumentKind::PitExtension)
}

fn build_for(input: &Input<'_>, kind: DocumentKind) -> Result<Document, RenderError> {
    let mut d = Draft::new(input, false);
    let case = input.case;
    let extension = kind == DocumentKind::PitExtension;
    let latest = story::last(&case.events, |k| {
        if extension {
            matches!(k, EventKind::PitExtension { .. })
        } else {
            matches!(k, EventKind::Response(_))
        }
    });
    let stage = match latest.map(|e| (e, &e.kind)) {
        Some((e, EventKind::Response(r))) if r.refuses_anything() => Some(Stage::Final(e, r)),
        Some((_, EventKind::Response(_))) => {
            return Err(RenderError::NotApplicable(
                "the response refuses nothing, so no refusal notice is needed".into(),
            ))
        }
        Some((_, EventKind::PitExtension { .. })) if d.eir() => {
            return Err(RenderError::NotApplicable(
                "the EIR have no public interest extension (s.10(3) is FOIA only)".into(),
            ))
        }
        Some((
            e,
            EventKind::PitExtension {
                estimate,
                provisions,
            },
        )) => Some(Stage::Extension(e, *estimate, provisions)),
        _ => None,
    };
    let stage = if extension {
        d.need("case.pit_extension", stage)
    } else {
        d.need("case.response", stage)
    };
    let authority = d.authority();
    let date = letter::date(
        &d,
        stage.as_ref().map_or(case.request.received, Stage::date),
    );
    let summary = letter::head(&mut d, date);
    let h = d.t("refusal.h.request", &[]);
    d.heading(2, h);
    story::request(&mut d, &summary, "refusal.request");

    let h = d.t("refusal.h.response", &[]);
    d.heading(2, h);
    let relied = match &stage {
        Some(Stage::Final(_, response)) => final_notice(&mut d, response),
        Some(Stage::Extension(_, estimate, provisions)) => {
            extension_notice(&mut d, *estimate, provisions)
        }
        None => Vec::new(),
    };
    let is_final = matches!(stage, Some(Stage::Final(..)));
    for r in &relied {
        provision(&mut d, r, date, is_final);
    }
    if relied.iter().any(|r| r.outcome == Outcome::Ncnd) {
        d.say("refusal.no_inference", &[("authority", &authority)]);
    }
    review_rights(&mut d, date);
    letter::complaint_rights(&mut d, "refusal.complaint");
    letter::commissioner_contact(&mut d);
    d.meets(if d.eir() { "reg.14(5)" } else { "s.17(7)(b)" });
    letter::sign_off(&mut d, "refusal", &input.facts.refusal.signatory);
    let title = if is_final || stage.is_none() {
        d.t("refusal.title", &[])
    } else {
        d.t("refusal.title_extension", &[])
    };
    d.finish(kind, title)
}

/// The provisions an outcome relies on, as the refusal must name them: NCND read as the
/// provision that excludes the duty to confirm or deny; s.12 and s.14 (EIR: reg.12(4)(b)).
fn relied_ids(d: &mut Draft<'_>, outcome: Outcome, cited: &[ProvisionId]) -> Vec<ProvisionId> {
    let eir = d.eir();
    let fixed = |foia: &str, eir_id: &str| {
        let id = if eir { eir_id } else { foia };
        id.parse::<ProvisionId>().ok().into_iter().collect()
    };
    match outcome {
        Outcome::CostLimit => fixed("s.12(1)", "reg.12(4)(b)"),
        Outcome::Vexatious => fixed("s.14(1)", "reg.12(4)(b)"),
        Outcome::Ncnd => cited
            .iter()
            .filter_map(|id| {
                let limb = d.input.law.ncnd_provision(id);
                if limb.is_none() {
                    d.fail(RenderError::Invalid {
                        fact: "case.response".into(),
                        message: format!("{id} has no provision excluding the duty to confirm or deny, so a refusal cannot neither confirm nor deny under it"),
                    });
                }
                limb
            })
            .collect(),
        Outcome::PartDisclosed | Outcome::Withheld => cited.to_vec(),
        Outcome::Disclosed | Outcome::NotHeld => Vec::new(),
    }
}

fn final_notice<'c>(d: &mut Draft<'_>, response: &'c Response) -> Vec<Relied<'c>> {
    let authority = d.authority();
    let mut relied: Vec<Relied<'c>> = Vec::new();
    let mut items = Vec::new();
    for o in &response.outcomes {
        let ids = relied_ids(d, o.outcome, &o.provisions);
        let parts = parts_label(d, &[o.part.as_str()]);
        let named = story::named_list(d, &ids);
        let item = d.t(
            &format!("label.{}", o.outcome.as_str()),
            &[
                ("part", &upper_first(&parts)),
                ("provisions", &named),
                ("authority", &authority),
            ],
        );
        items.push(item);
        for id in ids {
            match relied.iter_mut().find(|r| r.id == id) {
                Some(r) => r.parts.push(&o.part),
                None => relied.push(Relied {
                    id,
                    outcome: o.outcome,
                    parts: vec![&o.part],
                }),
            }
        }
    }
    let s12_14 = relied
        .iter()
        .any(|r| matches!(r.outcome, Outcome::CostLimit | Outcome::Vexatious));
    let notice: Vec<ProvisionId> = ["s.17(1)", "s.17(5)"]
        .iter()
        .take(if s12_14 { 2 } else { 1 })
        .filter_map(|s| s.parse().ok())
        .collect();
    let notice = cite_all(&notice);
    d.say(
        "refusal.notice",
        &[("authority", &authority), ("notice", &notice)],
    );
    d.list(items);
    let met: &[&str] = if d.eir() {
        &["reg.14(1)", "reg.14(3)(a)"]
    } else if s12_14 {
        &["s.17(1)(a)", "s.17(1)(b)", "s.17(5)"]
    } else {
        &["s.17(1)(a)", "s.17(1)(b)"]
    };
    for m in met {
        d.meets(m);
    }
    relied
}

fn extension_notice<'c>(
    d: &mut Draft<'_>,
    estimate: Option<Date>,
    provisions: &'c [ProvisionId],
) -> Vec<Relied<'c>> {
    let authority = d.authority();
    let named = story::named_list(d, provisions);
    d.say(
        "refusal.extension_notice",
        &[("authority", &authority), ("provisions", &named)],
    );
    let estimate = d.need("case.pit_extension.estimate", estimate);
    let estimate = estimate.map(long).unwrap_or_default();
    d.say(
        "refusal.extension_estimate",
        &[("authority", &authority), ("estimate", &estimate)],
    );
    for m in ["s.17(1)(a)", "s.17(1)(b)", "s.17(2)"] {
        d.meets(m);
    }
    provisions
        .iter()
        .map(|id| Relied {
            id: id.clone(),
            outcome: Outcome::Withheld,
            parts: vec!["all"],
        })
        .collect()
}

/// One provision: what it does, why it applies (s.17(1)(c)), the harm test and the public
/// interest (s.17(3)) where it is qualified and the decision has been reached.
fn provision(d: &mut Draft<'_>, r: &Relied<'_>, date: Date, is_final: bool) {
    let law = d.input.law;
    let authority = d.authority();
    let heading = d.t(
        "heading.provision",
        &[
            ("provision", &upper_first(&cite(&r.id))),
            ("subject", &subject(law, &r.id)),
        ],
    );
    d.heading(3, heading);
    let parts = parts_label(d, &r.parts);
    let what = format!("refusal.what.{}", r.outcome.as_str());
    d.say(
        &what,
        &[
            ("provision", &cite(&r.id)),
            ("parts", &parts),
            ("authority", &authority),
        ],
    );
    let input = d.input;
    let ex: Option<&ExemptionFacts> = input.facts.exemption(&r.id);
    let key = format!("refusal.exemption[{}]", r.id);
    let withheld_reasons = ex.is_some_and(|e| e.reasons_would_disclose);
    if withheld_reasons {
        d.say(
            "refusal.reasons_would_disclose",
            &[("authority", &authority)],
        );
    } else {
        let reasons = d.text(
            format!("{key}.reasons"),
            ex.and_then(|e| e.reasons.as_ref()),
        );
        d.para(reasons);
    }
    d.meets(if d.eir() { "reg.14(3)" } else { "s.17(1)(c)" });
    let ncnd = r.outcome == Outcome::Ncnd;
    let act = d.t(if ncnd { "act.confirm" } else { "act.disclose" }, &[]);
    let prejudice = law.test_type(&r.id) == Some(TestType::Prejudice);
    if prejudice && !d.eir() && !withheld_reasons {
        let likelihood = d.need(format!("{key}.likelihood"), ex.and_then(|e| e.likelihood));
        let phrase = likelihood.map_or("", |l| l.phrase());
        d.say(
            "refusal.likelihood",
            &[
                ("authority", &authority),
                ("act", &act),
                ("likelihood", phrase),
                ("provision", &cite(&r.id)),
            ],
        );
    }
    match law.effect_on(&r.id, date) {
        Some(Effect::Absolute) => d.say("refusal.absolute", &[("provision", &cite(&r.id))]),
        Some(Effect::AbsoluteWhere(condition)) => {
            d.say(
                "refusal.absolute_where",
                &[("provision", &cite(&r.id)), ("condition", &condition)],
            );
            if is_final && ex.is_some_and(|e| e.public_interest.is_some()) {
                refusal_weigh(d, ex, &key, ncnd, &r.id);
            }
        }
        Some(Effect::Qualified) if is_final && withheld_reasons => {
            d.say("refusal.pi_would_disclose", &[("authority", &authority)]);
        }
        Some(Effect::Qualified) if is_final => refusal_weigh(d, ex, &key, ncnd, &r.id),
        Some(Effect::Qualified) | None => {}
    }
}

/// s.17(3) (EIR reg.14(3)(b)): the public interest reasons.
fn refusal_weigh(
    d: &mut Draft<'_>,
    ex: Option<&ExemptionFacts>,
    key: &str,
    ncnd: bool,
    id: &ProvisionId,
) {
    let pi = ex.and_then(|e| e.public_interest.as_ref());
    weigh(
        d,
        pi,
        key,
        ncnd,
        &cite(id),
        "refusal",
        "refusal.pi_conclusion",
    );
    d.meets(if d.eir() { "reg.14(3)(b)" } else { "s.17(3)" });
}

/// s.17(7)(a) (EIR reg.14(5)): how to ask for a review, and by when.
pub(crate) fn review_rights(d: &mut Draft<'_>, date: Date) {
    let input = d.input;
    let authority = d.authority();
    let h = d.t("refusal.h.review", &[]);
    d.heading(2, h);
    let procedure = d.text(
        "authority.review_procedure",
        input.facts.authority.review_procedure.as_ref(),
    );
    d.say(
        "refusal.review",
        &[("authority", &authority), ("procedure", &procedure)],
    );
    let (ask, answer) = match input.case.request.regime {
        Regime::Foia => (
            Parameter::InternalReviewRequestWorkingDays,
            Parameter::InternalReviewWorkingDays,
        ),
        Regime::Eir => (
            Parameter::EirReconsiderationRequestWorkingDays,
            Parameter::EirReconsiderationWorkingDays,
        ),
    };
    let ask = d.period_from("the review request window", ask, date);
    let answer = d.period_from("the review period", answer, date);
    let (Some((ask, by)), Some((answer, _))) = (ask, answer) else {
        return;
    };
    let (ask, answer, by) = (describe(ask), describe(answer), long(by));
    d.say(
        "refusal.review_window",
        &[
            ("authority", &authority),
            ("period", &ask),
            ("date", &by),
            ("answer", &answer),
        ],
    );
    d.meets(if d.eir() { "reg.14(5)" } else { "s.17(7)(a)" });
}
