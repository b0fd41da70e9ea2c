//! The decision notice's guided form: its questions in plain words (a page per provision
//! the authority relied on, one for the breaches, one for the notice), and its answers to
//! [`Facts`] and back. The generic form (`crate::questions`) asks these hooks first.

use std::collections::BTreeMap;

use foidesk_law::{Catalogue, ProvisionId, TestType};

use crate::cite::{cite, subject, upper_first};
use crate::facts::{Analysis, Conclusion, Facts, Likelihood, Prejudice, PublicInterest};
use crate::questions::{q, Choice, InputKind, Question};
use crate::FactId;

const ANALYSIS: &str = "decision.analysis[";
const BREACH: &str = "decision.breach[";

/// The provision and the rest of a `decision.analysis[…]…` or `decision.breach[…]` id.
fn split<'a>(id: &'a str, prefix: &str) -> Option<(ProvisionId, &'a str)> {
    let rest = id.strip_prefix(prefix)?;
    let (provision, field) = rest.split_once(']')?;
    Some((provision.parse().ok()?, field))
}

/// The page a decision fact is asked on: (key, title, provision), or `None` for a
/// fact that is not the decision's own.
pub(crate) fn page_of(
    id: &FactId,
    law: &Catalogue,
) -> Option<(String, String, Option<ProvisionId>)> {
    let id = id.as_str();
    if let Some((p, _)) = split(id, ANALYSIS) {
        let title = format!("{}: {}", upper_first(&cite(&p)), subject(law, &p));
        return Some((format!("analysis[{p}]"), title, Some(p)));
    }
    if id.starts_with(BREACH) {
        return Some(("breaches".into(), "The breaches found".into(), None));
    }
    (id.starts_with("decision.") || id == "request_summary")
        .then(|| ("notice".into(), "About the notice".into(), None))
}

fn choices(options: &[(&'static str, String)]) -> InputKind {
    InputKind::Choice {
        options: options
            .iter()
            .map(|(value, label)| Choice {
                value,
                label: label.clone(),
            })
            .collect(),
    }
}

/// The question that fills a decision fact, or `None` for a fact that is not the
/// decision's own.
pub(crate) fn question(id: &FactId, law: &Catalogue) -> Option<Question> {
    use InputKind::{Lines, LongText, Text};
    if let Some((p, field)) = split(id.as_str(), ANALYSIS) {
        let named = cite(&p);
        let prejudice = law.test_type(&p) == Some(TestType::Prejudice);
        let act = if law.is_ncnd_provision(&p) {
            "confirming or denying whether the information is held"
        } else {
            "disclosure"
        };
        return Some(match field {
            ".conclusion" => q(id, format!("Was the authority entitled to rely on {named}?"), "",
                choices(&[
                    ("upheld", "Yes, it was entitled to rely on it".into()),
                    ("not_upheld", "No, it was not entitled to rely on it".into()),
                    ("not_considered", "Not considered: another provision decided the matter".into()),
                ])),
            ".reasons" => q(id, format!("What is the Commissioner's view on {named}, and why?"),
                "The reasons for the conclusion, in words both parties can follow.", LongText),
            ".engaged" => q(id, format!("Was {named} engaged?"),
                "If it was, the public interest decided the matter.",
                choices(&[("yes", "Yes".into()), ("no", "No".into())])),
            ".ncnd" => q(id, "What would confirming or denying whether the information is held itself reveal?",
                "The authority neither confirmed nor denied: say what either answer would give away.", LongText),
            ".prejudice.interests" => q(id, format!("Which interests does {named} protect, and does the harm claimed relate to them?"),
                "The applicable interests: the first part of the prejudice test.", LongText),
            ".prejudice.causal_link" => q(id, format!("Is there a causal link between {act} and harm that is real, actual and of substance?"),
                "The second part of the prejudice test.", LongText),
            ".prejudice.likelihood" => q(id, "How likely is the harm?",
                if prejudice { "The third part of the prejudice test." } else { "" },
                choices(&[
                    ("would", "It would occur: more probable than not".into()),
                    ("would_be_likely", "It would be likely to occur: a real and significant risk".into()),
                ])),
            ".public_interest.for" => q(id, format!("What are the public interest arguments for {act}?"),
                "", Lines),
            ".public_interest.against" => q(id, format!("What are the public interest arguments for maintaining {named}?"),
                "", Lines),
            ".public_interest.balance" => q(id, "Where does the balance of the public interest lie, and why?",
                "The notice then says which way the test falls.", LongText),
            _ => q(id, format!("More about {named}"), "", LongText),
        });
    }
    if let Some((p, _)) = split(id.as_str(), BREACH) {
        let named = cite(&p);
        return Some(q(
            id,
            format!("How did the authority breach {named}?"),
            "What it did or failed to do, with dates.",
            LongText,
        ));
    }
    Some(match id.as_str() {
        "decision.complaint" => q(
            id,
            "What were the complainant's grounds, in summary?",
            "It completes the sentence \"In summary, the complainant's grounds were these: …\".",
            LongText,
        ),
        "decision.signatory.name" => q(
            id,
            "Who signs the decision notice?",
            "Their name as it should appear under \"Signed\".",
            Text,
        ),
        "decision.signatory.role" => q(
            id,
            "What is the job title of the person who signs?",
            "For example, Senior Case Officer.",
            Text,
        ),
        "decision.tribunal_contact" => q(
            id,
            "How can either party reach the Tribunal?",
            "One line each: the Tribunal's name, address and email.",
            Lines,
        ),
        "decision.other_matters" => Question {
            required: false,
            ..q(
                id,
                "Is there anything else the Commissioner wants to say?",
                "One paragraph a line. Leave blank if nothing.",
                Lines,
            )
        },
        _ => return None,
    })
}

/// The decision's facts as answers, keyed by fact id.
pub(crate) fn answers(facts: &Facts, out: &mut BTreeMap<String, String>) {
    let d = &facts.decision;
    let mut put = |key: String, value: Option<String>| {
        if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
            out.insert(key, v);
        }
    };
    let joined = |v: &[String]| (!v.is_empty()).then(|| v.join("\n"));
    put("decision.complaint".into(), d.complaint.clone());
    put("decision.signatory.name".into(), d.signatory.name.clone());
    put("decision.signatory.role".into(), d.signatory.role.clone());
    put(
        "decision.tribunal_contact".into(),
        joined(&d.tribunal_contact),
    );
    put("decision.other_matters".into(), joined(&d.other_matters));
    for (p, text) in &d.breach {
        put(format!("{BREACH}{p}]"), Some(text.clone()));
    }
    for a in &d.analysis {
        let key = format!("{ANALYSIS}{}]", a.key());
        let conclusion = a.conclusion.map(|c| {
            match c {
                Conclusion::Upheld => "upheld",
                Conclusion::NotUpheld => "not_upheld",
                Conclusion::NotConsidered => "not_considered",
            }
            .to_owned()
        });
        put(format!("{key}.conclusion"), conclusion);
        put(format!("{key}.reasons"), a.reasons.clone());
        let yes_no = |b: bool| if b { "yes" } else { "no" }.to_owned();
        put(format!("{key}.engaged"), a.engaged.map(yes_no));
        put(format!("{key}.ncnd"), a.ncnd.clone());
        if let Some(p) = &a.prejudice {
            put(format!("{key}.prejudice.interests"), p.interests.clone());
            put(
                format!("{key}.prejudice.causal_link"),
                p.causal_link.clone(),
            );
            let l = p.likelihood.map(|l| {
                match l {
                    Likelihood::Would => "would",
                    Likelihood::WouldBeLikely => "would_be_likely",
                }
                .to_owned()
            });
            put(format!("{key}.prejudice.likelihood"), l);
        }
        if let Some(pi) = &a.public_interest {
            put(
                format!("{key}.public_interest.for"),
                joined(&pi.for_disclosure),
            );
            put(
                format!("{key}.public_interest.against"),
                joined(&pi.against),
            );
            put(format!("{key}.public_interest.balance"), pi.balance.clone());
        }
    }
}

fn text(value: &str) -> Option<String> {
    let t = value.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

fn lines(value: &str) -> Vec<String> {
    value
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Sets the decision fact `key` from its answer: `None` for a key that is not the
/// decision's own, else whether the answer could be taken (what is wrong, in words).
pub(crate) fn apply(facts: &mut Facts, key: &str, value: &str) -> Option<Result<(), String>> {
    let d = &mut facts.decision;
    match key {
        "decision.complaint" => d.complaint = text(value),
        "decision.signatory.name" => d.signatory.name = text(value),
        "decision.signatory.role" => d.signatory.role = text(value),
        "decision.tribunal_contact" => d.tribunal_contact = lines(value),
        "decision.other_matters" => d.other_matters = lines(value),
        _ => {
            if let Some((p, _)) = split(key, BREACH) {
                match text(value) {
                    Some(t) => d.breach.insert(p.to_string(), t),
                    None => d.breach.remove(&p.to_string()),
                };
                return Some(Ok(()));
            }
            if key.starts_with(ANALYSIS) {
                return Some(apply_analysis(facts, key, value));
            }
            return None;
        }
    }
    Some(Ok(()))
}

fn apply_analysis(facts: &mut Facts, key: &str, value: &str) -> Result<(), String> {
    let Some((provision, field)) = split(key, ANALYSIS) else {
        return Err("This is not a question foidesk asks, so the answer was not saved".into());
    };
    let named = cite(&provision);
    let list = &mut facts.decision.analysis;
    let at = match list
        .iter()
        .position(|a| a.provisions.first() == Some(&provision))
    {
        Some(i) => i,
        None => {
            list.push(Analysis::about(provision));
            list.len() - 1
        }
    };
    let a = &mut list[at];
    let v = value.trim();
    match field {
        ".conclusion" => {
            a.conclusion = match v {
                "" => None,
                "upheld" => Some(Conclusion::Upheld),
                "not_upheld" => Some(Conclusion::NotUpheld),
                "not_considered" => Some(Conclusion::NotConsidered),
                _ => {
                    return Err(format!(
                        "Choose whether the authority was entitled to rely on {named}"
                    ))
                }
            }
        }
        ".reasons" => a.reasons = text(value),
        ".engaged" => {
            a.engaged = match v {
                "" => None,
                "yes" => Some(true),
                "no" => Some(false),
                _ => return Err(format!("Choose whether {named} was engaged")),
            }
        }
        ".ncnd" => a.ncnd = text(value),
        ".prejudice.interests" => prejudice(a).interests = text(value),
        ".prejudice.causal_link" => prejudice(a).causal_link = text(value),
        ".prejudice.likelihood" => {
            prejudice(a).likelihood = match v {
                "" => None,
                "would" => Some(Likelihood::Would),
                "would_be_likely" => Some(Likelihood::WouldBeLikely),
                _ => {
                    return Err(format!(
                        "Choose how likely the harm that {named} protects against is"
                    ))
                }
            }
        }
        ".public_interest.for" => public_interest(a).for_disclosure = lines(value),
        ".public_interest.against" => public_interest(a).against = lines(value),
        ".public_interest.balance" => public_interest(a).balance = text(value),
        _ => return Err("This is not a question foidesk asks, so the answer was not saved".into()),
    }
    Ok(())
}

fn prejudice(a: &mut Analysis) -> &mut Prejudice {
    a.prejudice.get_or_insert_with(Prejudice::default)
}

fn public_interest(a: &mut Analysis) -> &mut PublicInterest {
    a.public_interest
        .get_or_insert_with(PublicInterest::default)
}

impl Analysis {
    /// An entry about one provision with nothing yet decided: what the guided form starts
    /// from for each provision the authority relied on.
    pub fn about(provision: ProvisionId) -> Analysis {
        Analysis {
            provisions: vec![provision],
            conclusion: None,
            reasons: None,
            engaged: None,
            adopted_from: None,
            ncnd: None,
            prejudice: None,
            public_interest: None,
        }
    }
}
