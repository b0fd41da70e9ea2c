//! Reasons for decision: one section per provision (or group considered together) with the
//! NCND reasoning, the prejudice test (applicable interests, causal link, likelihood) and
//! the public interest for and against; then the procedural breaches.

use foidesk_calendar::Date;
use foidesk_case::{Event, FindingKind};
use foidesk_law::{Effect, ProvisionId, Regime, TestType};

use crate::cite::{cite, cite_all, long, subject, upper_first};
use crate::draft::Draft;
use crate::facts::{Analysis, Conclusion};
use crate::weigh::weigh;
use crate::RenderError;

/// The provisions by conclusion; `complete` when every entry states one.
pub(super) struct Findings {
    pub upheld: Vec<ProvisionId>,
    pub rejected: Vec<ProvisionId>,
    pub unconsidered: Vec<ProvisionId>,
    pub complete: bool,
}

pub(super) fn findings(analyses: &[Analysis]) -> Findings {
    let mut f = Findings {
        upheld: Vec::new(),
        rejected: Vec::new(),
        unconsidered: Vec::new(),
        complete: true,
    };
    for a in analyses {
        let list = match a.conclusion {
            Some(Conclusion::Upheld) => &mut f.upheld,
            Some(Conclusion::NotUpheld) => &mut f.rejected,
            Some(Conclusion::NotConsidered) => &mut f.unconsidered,
            None => {
                f.complete = false;
                continue;
            }
        };
        list.extend(a.provisions.iter().cloned());
    }
    f
}

/// Every provision an analysis names must be one the catalogue knows.
pub(super) fn check_known(d: &mut Draft<'_>) {
    let input = d.input;
    for a in &input.facts.decision.analysis {
        let unknown = a.provisions.iter().find(|p| !input.law.is_known(p));
        let problem = match (a.provisions.is_empty(), unknown) {
            (true, _) => Some("names no provision".to_owned()),
            (false, Some(p)) => Some(format!("{p} is not in foidesk's statute catalogue")),
            (false, None) => None,
        };
        if let Some(message) = problem {
            d.fail(RenderError::Invalid {
                fact: format!("decision.analysis[{}].provisions", a.key()).into(),
                message,
            });
        }
    }
}

pub(super) fn analysis(d: &mut Draft<'_>, a: &Analysis, on: Date) {
    let input = d.input;
    let law = input.law;
    let Some(first) = a.provisions.first() else {
        return;
    };
    let authority = d.authority();
    let key = format!("decision.analysis[{}]", a.key());
    let provision = cite_all(&a.provisions);
    let heading = d.t(
        "heading.provision",
        &[
            ("provision", &upper_first(&provision)),
            ("subject", &subject(law, first)),
        ],
    );
    d.heading(3, heading);
    let conclusion = d.need(format!("{key}.conclusion"), a.conclusion);
    let reasons = d.text(format!("{key}.reasons"), a.reasons.as_ref());
    let vars = [
        ("authority", authority.as_str()),
        ("provision", provision.as_str()),
    ];
    // The tests are asked once the conclusion says which apply.
    if conclusion.is_none() || conclusion == Some(Conclusion::NotConsidered) {
        d.para(reasons);
        return;
    }
    let upheld = conclusion == Some(Conclusion::Upheld);
    if let Some(reference) = &a.adopted_from {
        d.say(
            "reasons.adopted",
            &[("authority", &authority), ("reference", reference)],
        );
        d.para(reasons);
        let key = if upheld {
            "reasons.upheld"
        } else {
            "reasons.not_upheld"
        };
        d.say(key, &vars);
        return;
    }
    let ncnd = a.provisions.iter().any(|p| law.is_ncnd_provision(p));
    if ncnd {
        let h = d.t("reasons.h.ncnd", &[]);
        d.heading(4, h);
        d.say("reasons.ncnd_duty", &vars);
        d.say("reasons.ncnd_consistently", &vars);
        let text = d.text(format!("{key}.ncnd"), a.ncnd.as_ref());
        d.para(text);
    }
    let engaged = if upheld {
        true
    } else {
        d.need(format!("{key}.engaged"), a.engaged).unwrap_or(false)
    };
    let act = d.t(if ncnd { "act.confirm" } else { "act.disclose" }, &[]);
    if law.test_type(first) == Some(TestType::Prejudice) {
        prejudice(d, a, &key, engaged, &provision, &act);
    }
    let h = d.t("reasons.h.view", &[]);
    d.heading(4, h);
    d.para(reasons);
    d.say(
        if engaged {
            "reasons.engaged"
        } else {
            "reasons.not_engaged"
        },
        &vars,
    );
    if !engaged {
        return;
    }
    match law.effect_on(first, on) {
        Some(Effect::Qualified) => public_interest(d, a, &key, ncnd, &provision, upheld),
        Some(Effect::AbsoluteWhere(_)) if a.public_interest.is_some() => {
            public_interest(d, a, &key, ncnd, &provision, upheld);
        }
        Some(Effect::AbsoluteWhere(condition)) => d.say(
            "reasons.absolute_where",
            &[("provision", &provision), ("condition", &condition)],
        ),
        Some(Effect::Absolute) => {
            d.say("reasons.absolute", &vars);
            if !upheld {
                d.fail(RenderError::Invalid {
                    fact: format!("{key}.conclusion").into(),
                    message: format!(
                        "{provision} is absolute and found engaged, so it cannot be not upheld"
                    ),
                });
            }
        }
        None => {}
    }
}

/// The prejudice test: applicable interests, causal link and (when engaged) likelihood.
/// The EIR's adverse-effect test has only one level, "would".
fn prejudice(
    d: &mut Draft<'_>,
    a: &Analysis,
    key: &str,
    engaged: bool,
    provision: &str,
    act: &str,
) {
    let p = a.prejudice.as_ref();
    let h = d.t("reasons.h.prejudice", &[]);
    d.heading(4, h);
    d.say(
        "reasons.prejudice_test",
        &[("provision", provision), ("act", act)],
    );
    let interests = d.text(
        format!("{key}.prejudice.interests"),
        p.and_then(|p| p.interests.as_ref()),
    );
    d.say("reasons.interests", &[("text", &interests)]);
    let causal = d.text(
        format!("{key}.prejudice.causal_link"),
        p.and_then(|p| p.causal_link.as_ref()),
    );
    d.say("reasons.causal_link", &[("text", &causal)]);
    if engaged && d.input.case.request.regime == Regime::Foia {
        let likelihood = d.need(
            format!("{key}.prejudice.likelihood"),
            p.and_then(|p| p.likelihood),
        );
        let phrase = likelihood.map_or("", |l| l.phrase());
        d.say(
            "reasons.likelihood",
            &[("likelihood", phrase), ("act", act)],
        );
    }
}

fn public_interest(
    d: &mut Draft<'_>,
    a: &Analysis,
    key: &str,
    ncnd: bool,
    provision: &str,
    upheld: bool,
) {
    let h = d.t("reasons.h.public_interest", &[]);
    d.heading(4, h);
    let conclusion = if upheld {
        "reasons.pi_maintain"
    } else {
        "reasons.pi_disclose"
    };
    weigh(
        d,
        a.public_interest.as_ref(),
        key,
        ncnd,
        provision,
        "reasons",
        conclusion,
    );
}

/// Procedural matters: each breach the notice records, with why. A late response is
/// explained from the assessment's deadline; any other breach from the assessment's own
/// finding, or else from the caller's facts.
pub(super) fn breaches(d: &mut Draft<'_>, breaches: &[ProvisionId], response: Option<&Event>) {
    if breaches.is_empty() {
        return;
    }
    let input = d.input;
    let authority = d.authority();
    let h = d.t("reasons.h.procedural", &[]);
    d.heading(3, h);
    for b in breaches {
        let provision = cite(b);
        let heading = d.t(
            "heading.provision",
            &[
                ("provision", &upper_first(&provision)),
                ("subject", &subject(input.law, b)),
            ],
        );
        d.heading(4, heading);
        let late = matches!(b.to_string().as_str(), "s.10(1)" | "reg.5(2)");
        let due = input.assessment.deadlines.response_due;
        let finding = input
            .assessment
            .findings
            .iter()
            .find(|f| f.kind == FindingKind::Breach && f.provision == *b);
        match (late, due, response) {
            (true, Some(due), Some(r)) if r.date > due => d.say(
                "reasons.late_response",
                &[
                    ("authority", &authority),
                    ("provision", &provision),
                    ("due", &long(due)),
                    ("date", &long(r.date)),
                ],
            ),
            _ => match finding {
                Some(f) => d.para(f.summary.clone()),
                None => {
                    let text = d.text(
                        format!("decision.breach[{b}]"),
                        input.facts.decision.breach.get(&b.to_string()),
                    );
                    d.para(text);
                }
            },
        }
        d.say(
            "reasons.breach",
            &[("authority", &authority), ("provision", &provision)],
        );
    }
}
