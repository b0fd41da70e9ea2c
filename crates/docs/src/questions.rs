//! The guided form: for a document, the questions whose answers the case and the authority's
//! profile do not already hold, in plain words, grouped into pages (one per exemption relied
//! on, one for the authority's details, one for the rest of the letter); and the way from a
//! form's answers to [`Facts`] and back, so that a draft can be saved and edited.
//!
//! The questions are exactly the facts a render would report missing ([`crate::render`]),
//! so the form and the document can never disagree about what is needed.

use std::collections::BTreeMap;

use foidesk_law::{Catalogue, ProvisionId, TestType};
use serde::Serialize;

use crate::cite::{cite, subject, upper_first};
use crate::facts::{ExemptionFacts, Facts, Likelihood, PublicInterest, Signatory, VexatiousGround};
use crate::{render, DocumentKind, FactId, Input, RenderError};

/// How a question is answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum InputKind {
    /// One line of text.
    Text,
    /// A paragraph or more.
    LongText,
    /// Several lines, one item each (an address, a list of arguments).
    Lines,
    /// One of a few values.
    Choice { options: Vec<Choice> },
}

/// One option of a choice: the value an answer holds, and what people read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Choice {
    pub value: &'static str,
    pub label: String,
}

/// One question of the guided form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Question {
    /// The fact it fills: the key of its answer (`refusal.exemption[s.31(3)].reasons`).
    pub id: FactId,
    pub text: String,
    pub hint: String,
    pub input: InputKind,
    /// False for a question the letter can do without (what is enclosed).
    pub required: bool,
}

/// A page of questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionPage {
    /// A stable key for the page: `exemption[s.31(3)]`, `authority` or `letter`.
    pub key: String,
    pub title: String,
    /// The provision the page is about, for an exemption's page.
    pub provision: Option<ProvisionId>,
    pub questions: Vec<Question>,
}

/// The questions a document of `kind` still needs answered, given what the case and
/// `input.facts` (the authority's profile and anything else already held, but not the
/// draft's answers) hold. Empty when nothing is missing. A document the case does not call
/// for, or one whose case lacks the event it is about, is an error, in plain words.
pub fn questions(kind: DocumentKind, input: &Input<'_>) -> Result<Vec<QuestionPage>, RenderError> {
    guided(kind, input, &BTreeMap::new())
}

/// The questions as the form stands with `answers` given: those still missing, and those
/// answered that the document would miss without their answer. Where one answer decides
/// what else is needed (a decision notice's conclusion on a provision decides whether the
/// public interest is asked), the pages follow it.
pub fn guided(
    kind: DocumentKind,
    input: &Input<'_>,
    answers: &BTreeMap<String, String>,
) -> Result<Vec<QuestionPage>, RenderError> {
    let missing = match render(kind, input) {
        Ok(_) => return Ok(Vec::new()),
        Err(RenderError::Missing(m)) => m.facts,
        Err(e) => return Err(e),
    };
    let (case_facts, held_missing): (Vec<FactId>, Vec<FactId>) =
        missing.into_iter().partition(FactId::is_case_fact);
    if !case_facts.is_empty() {
        let said: Vec<&str> = case_facts.iter().map(case_fact_words).collect();
        return Err(RenderError::NotApplicable(format!(
            "{} cannot be written yet: {}",
            upper_first(&format!("the {}", kind.label())),
            said.join("; ")
        )));
    }
    let given: Vec<FactId> = answers
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, _)| FactId::new(k.as_str()))
        .filter(|id| kind.declares(id) && !id.is_case_fact())
        .collect();
    let missing_with = |answers: &BTreeMap<String, String>| -> Option<Vec<FactId>> {
        let mut facts = input.facts.clone();
        // Answers that cannot be taken are the question page's to report.
        let _ = facts.apply_answers(answers);
        match render(
            kind,
            &Input {
                facts: &facts,
                ..*input
            },
        ) {
            Ok(_) => Some(Vec::new()),
            Err(RenderError::Missing(m)) => Some(m.facts),
            Err(_) => None,
        }
    };
    let asked: Vec<FactId> = match missing_with(answers) {
        // Another error (the answers contradict the case) leaves every question open.
        None => {
            let mut ids = held_missing;
            for g in given {
                if !ids.contains(&g) {
                    ids.push(g);
                }
            }
            ids
        }
        Some(now) => {
            let relevant = |id: &FactId| {
                now.contains(id)
                    || (given.contains(id) && {
                        let mut without = answers.clone();
                        without.remove(id.as_str());
                        missing_with(&without).is_none_or(|m| m.contains(id))
                    })
            };
            let mut ids: Vec<FactId> = held_missing.into_iter().filter(&relevant).collect();
            let more: Vec<FactId> = now.iter().chain(&given).cloned().collect();
            for id in more {
                if !ids.contains(&id) && relevant(&id) {
                    ids.push(id);
                }
            }
            ids
        }
    };
    Ok(pages(kind, input, asked))
}

/// Groups the questions for `asked` into pages.
fn pages(kind: DocumentKind, input: &Input<'_>, asked: Vec<FactId>) -> Vec<QuestionPage> {
    let mut pages: Vec<QuestionPage> = Vec::new();
    for id in asked {
        let question = question_for(&id, input.law);
        let (key, title, provision) = match exemption_of(&id) {
            Some(p) => (
                format!("exemption[{p}]"),
                format!("{}: {}", upper_first(&cite(&p)), subject(input.law, &p)),
                Some(p),
            ),
            None => match crate::decision::questions::page_of(&id, input.law) {
                Some(place) if kind == DocumentKind::Decision => place,
                _ if id.as_str().starts_with("authority.")
                    || id.as_str() == "commissioner.contact" =>
                {
                    (
                        "authority".to_owned(),
                        "Your authority's details".to_owned(),
                        None,
                    )
                }
                _ => ("letter".to_owned(), "About the letter".to_owned(), None),
            },
        };
        match pages.iter_mut().find(|p| p.key == key) {
            Some(page) => page.questions.push(question),
            None => pages.push(QuestionPage {
                key,
                title,
                provision,
                questions: vec![question],
            }),
        }
    }
    for page in pages.iter_mut().filter(|p| p.key.starts_with("exemption[")) {
        if let Some(p) = &page.provision {
            let id = FactId::new(format!("refusal.exemption[{p}].reasons_would_disclose"));
            page.questions.insert(0, question_for(&id, input.law));
        }
    }
    if kind == DocumentKind::Disclosure {
        let question = question_for(&FactId::new("disclosure.enclosures"), input.law);
        match pages.iter_mut().find(|p| p.key == "letter") {
            Some(page) => page.questions.push(question),
            None => pages.push(QuestionPage {
                key: "letter".to_owned(),
                title: "About the letter".to_owned(),
                provision: None,
                questions: vec![question],
            }),
        }
    }
    // A decision's questions on a provision in the order the notice argues them, whatever
    // order the answers brought them in.
    let order = |q: &Question| kind.needs().iter().position(|n| q.id.matches(n.id));
    for page in pages.iter_mut().filter(|p| p.key.starts_with("analysis[")) {
        page.questions.sort_by_key(order);
    }
    // The substance first (exemptions, the analysis of each provision, the breaches), then
    // the letter or notice, then the authority's details.
    pages.sort_by_key(|p| match p.key.as_str() {
        "breaches" => 1,
        "letter" | "notice" => 2,
        "authority" => 3,
        _ => 0,
    });
    pages
}

fn case_fact_words(id: &FactId) -> &'static str {
    match id.as_str() {
        "case.response" => "the case records no response that this letter gives",
        "case.pit_extension" => "the case records no public interest extension",
        "case.pit_extension.estimate" => {
            "the public interest extension gives no date by which a decision is expected"
        }
        "case.internal_review" => "the case records no internal review outcome",
        "case.clarification_sought" => "the case records no request for clarification",
        "case.fee_notice" => "the case records no fees notice",
        "case.fee_notice.amount" => "the fees notice on the case gives no amount",
        "case.response_due" => "no response deadline is running",
        _ => "the case lacks an event this document is about",
    }
}

impl crate::Missing {
    /// What is missing, as the questions that would fill it: for an error message in plain
    /// words ("Why does section 31(3) apply to this request?"), never the fact ids. Facts the
    /// case must record say what the case lacks.
    pub fn in_words(&self, law: &Catalogue) -> Vec<String> {
        self.facts
            .iter()
            .map(|id| {
                if id.is_case_fact() {
                    upper_first(case_fact_words(id))
                } else {
                    question_for(id, law).text
                }
            })
            .collect()
    }
}

/// The provision of a `refusal.exemption[…]` fact id.
fn exemption_of(id: &FactId) -> Option<ProvisionId> {
    let rest = id.as_str().strip_prefix("refusal.exemption[")?;
    let close = rest.find(']')?;
    rest[..close].parse().ok()
}

/// A required question.
pub(crate) fn q(
    id: &FactId,
    text: impl Into<String>,
    hint: impl Into<String>,
    input: InputKind,
) -> Question {
    Question {
        id: id.clone(),
        text: text.into(),
        hint: hint.into(),
        input,
        required: true,
    }
}

fn likelihood_choices() -> Vec<Choice> {
    vec![
        Choice {
            value: "would",
            label: "It would cause the harm: more probable than not".into(),
        },
        Choice {
            value: "would_be_likely",
            label: "It would be likely to cause the harm: a real and significant risk".into(),
        },
    ]
}

fn ground_choices() -> Vec<Choice> {
    vec![
        Choice {
            value: "vexatious",
            label: "The request is vexatious (section 14(1))".into(),
        },
        Choice {
            value: "repeated",
            label: "It repeats a request from the same person answered recently (section 14(2))"
                .into(),
        },
    ]
}

/// The question that fills fact `id`, in plain words.
pub fn question_for(id: &FactId, law: &Catalogue) -> Question {
    use InputKind::{Choice as C, Lines, LongText, Text};
    if let Some(q) = crate::decision::questions::question(id, law) {
        return q;
    }
    if let Some(p) = exemption_of(id) {
        let named = cite(&p);
        let field = id.as_str().rsplit(']').next().unwrap_or_default();
        let prejudice = law.test_type(&p) == Some(TestType::Prejudice);
        return match field {
            ".reasons_would_disclose" => Question {
                required: false,
                ..q(id, format!("Would saying why {named} applies reveal what you are withholding?"),
                    "If so, the letter says that it cannot explain further (section 17(4)).",
                    C { options: vec![
                        Choice { value: "no", label: "No".into() },
                        Choice { value: "yes", label: "Yes".into() },
                    ] })
            },
            ".reasons" => q(id, format!("Why does {named} apply to this request?"),
                "Explain, in words the requester can follow, how the information falls within it. If saying why would itself reveal what you are withholding, say that instead.", LongText),
            ".likelihood" => q(id, format!("How likely is the harm that {named} protects against?"),
                if prejudice { "The letter says that disclosing (or confirming or denying) would, or would be likely to, prejudice those interests." } else { "" },
                C { options: likelihood_choices() }),
            ".public_interest.for" => q(id, "What are the public interest arguments for disclosure?",
                "One argument a line: why the public would benefit from the information (or from knowing whether you hold it).", Lines),
            ".public_interest.against" => q(id, format!("What are the public interest arguments for relying on {named}?"),
                "One argument a line: the harm that disclosure would do to the public interest.", Lines),
            ".public_interest.balance" => q(id, "Where does the balance of the public interest lie, and why?",
                "Say why the arguments for relying on it outweigh those for disclosure.", LongText),
            _ => q(id, format!("More about {named}"), "", LongText),
        };
    }
    let signatory = |id: &FactId, role: bool| {
        if role {
            q(
                id,
                "What is the job title of the person who signs the letter?",
                "For example, Freedom of Information Officer.",
                Text,
            )
        } else {
            q(
                id,
                "Who signs the letter?",
                "Their name as it should appear under \"Yours sincerely\".",
                Text,
            )
        }
    };
    match id.as_str() {
        "requester" => q(id, "Who is the letter to?", "The requester's name as the letter should address them, for example Ms J. Smith.", Text),
        "requester_address" => q(id, "What is the requester's address?", "One line each: their postal address, or the email address the request came from.", Lines),
        "request_summary" => q(id, "What was the request about, in a few words?", "It completes the sentence \"your request for information about …\", for example \"the apps on officers' phones\".", Text),
        "authority.short_name" => q(id, "How should letters name your authority in a sentence?", "As it reads mid-sentence, for example \"the Council\", \"Kent Police\" or \"the Metropolitan Police Service\".", Text),
        "authority.address" => q(id, "What is your authority's postal address?", "One line each, as it should appear at the head of letters.", Lines),
        "authority.email" => q(id, "Which email address should requesters write to?", "", Text),
        "authority.review_procedure" => q(id, "How can the requester ask for an internal review?", "Who to write to, and how. The letter adds the time limits itself.", LongText),
        "commissioner.contact" => q(id, "How can the requester reach the Information Commissioner?", "One line each: the Commissioner's name, address and website.", Lines),
        "signatory.name" | "refusal.signatory.name" | "review.signatory.name" | "authority.signatory.name" | "decision.signatory.name" => signatory(id, false),
        "signatory.role" | "refusal.signatory.role" | "review.signatory.role" | "authority.signatory.role" | "decision.signatory.role" => signatory(id, true),
        "review.reasons" => q(id, "Why did the review reach its result?", "One paragraph a line.", Lines),
        "review.actions" => q(id, "What will your authority now do?", "One step a line, for example \"The information will be sent to you within 10 working days\".", Lines),
        "clarification.questions" => q(id, "What do you need the requester to tell you?", "One question a line, to help you identify and find the information.", Lines),
        "fees.breakdown" => q(id, "How is the fee made up?", "One item a line, with its cost, for example \"Postage: £1.50\".", Lines),
        "fees.how_to_pay" => q(id, "How can the requester pay?", "", LongText),
        "cost.estimate" => q(id, "How did you estimate the cost?", "The work needed to find, retrieve and extract the information, and how long each part would take.", LongText),
        "cost.advice" => q(id, "How could the requester narrow the request to bring it within the limit?", "One suggestion a line. The Act expects you to offer advice and assistance.", Lines),
        "disclosure.enclosures" => Question {
            required: false,
            ..q(id, "What are you sending with the letter?", "One document a line, for example \"Spending report 2024 (PDF)\". Leave blank if nothing.", Lines)
        },
        "vexatious.ground" => q(id, "Why will you not comply with the request?", "", C { options: ground_choices() }),
        "vexatious.reasons" => q(id, "Explain why", "For a repeated request, say which earlier request it repeats and when you answered it.", LongText),
        _ => {
            let last = id.as_str().rsplit(['.', ']']).next().unwrap_or_default();
            q(id, upper_first(&last.replace('_', " ")), "", LongText)
        }
    }
}

/// Lines of a multi-line answer: one item a line, blanks dropped.
fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

fn text(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

fn put(out: &mut BTreeMap<String, String>, key: impl Into<String>, value: Option<&String>) {
    if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
        out.insert(key.into(), v.clone());
    }
}

fn put_lines(out: &mut BTreeMap<String, String>, key: impl Into<String>, values: &[String]) {
    if !values.is_empty() {
        out.insert(key.into(), values.join("\n"));
    }
}

fn put_signatory(out: &mut BTreeMap<String, String>, prefix: &str, s: &Signatory) {
    put(out, format!("{prefix}signatory.name"), s.name.as_ref());
    put(out, format!("{prefix}signatory.role"), s.role.as_ref());
}

impl Likelihood {
    fn answer(self) -> &'static str {
        match self {
            Likelihood::Would => "would",
            Likelihood::WouldBeLikely => "would_be_likely",
        }
    }
}

impl VexatiousGround {
    fn answer(self) -> &'static str {
        match self {
            VexatiousGround::Vexatious => "vexatious",
            VexatiousGround::Repeated => "repeated",
        }
    }
}

impl Facts {
    /// The facts as a guided form's answers, keyed by fact id (lists one item a line). Only
    /// the facts the form asks about are included.
    pub fn answers(&self) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        crate::decision::questions::answers(self, &mut out);
        put(&mut out, "requester", self.requester.as_ref());
        put_lines(&mut out, "requester_address", &self.requester_address);
        put(&mut out, "request_summary", self.request_summary.as_ref());
        put_signatory(&mut out, "", &self.signatory);
        let a = &self.authority;
        put(&mut out, "authority.short_name", a.short_name.as_ref());
        put_lines(&mut out, "authority.address", &a.address);
        put(&mut out, "authority.email", a.email.as_ref());
        put(&mut out, "authority.letterhead", a.letterhead.as_ref());
        put(&mut out, "authority.foi_contact", a.foi_contact.as_ref());
        put(
            &mut out,
            "authority.review_procedure",
            a.review_procedure.as_ref(),
        );
        put_signatory(&mut out, "authority.", &a.signatory);
        put_lines(&mut out, "commissioner.contact", &self.commissioner.contact);
        put_signatory(&mut out, "refusal.", &self.refusal.signatory);
        for e in &self.refusal.exemption {
            let key = format!("refusal.exemption[{}]", e.provision);
            put(&mut out, format!("{key}.reasons"), e.reasons.as_ref());
            if e.reasons_would_disclose {
                out.insert(format!("{key}.reasons_would_disclose"), "yes".into());
            }
            if let Some(l) = e.likelihood {
                out.insert(format!("{key}.likelihood"), l.answer().into());
            }
            if let Some(pi) = &e.public_interest {
                put_lines(
                    &mut out,
                    format!("{key}.public_interest.for"),
                    &pi.for_disclosure,
                );
                put_lines(
                    &mut out,
                    format!("{key}.public_interest.against"),
                    &pi.against,
                );
                put(
                    &mut out,
                    format!("{key}.public_interest.balance"),
                    pi.balance.as_ref(),
                );
            }
        }
        put_signatory(&mut out, "review.", &self.review.signatory);
        put_lines(&mut out, "review.reasons", &self.review.reasons);
        put_lines(&mut out, "review.actions", &self.review.actions);
        put_lines(
            &mut out,
            "clarification.questions",
            &self.clarification.questions,
        );
        put_lines(&mut out, "fees.breakdown", &self.fees.breakdown);
        put(&mut out, "fees.how_to_pay", self.fees.how_to_pay.as_ref());
        put(&mut out, "cost.estimate", self.cost.estimate.as_ref());
        put_lines(&mut out, "cost.advice", &self.cost.advice);
        if let Some(g) = self.vexatious.ground {
            out.insert("vexatious.ground".into(), g.answer().into());
        }
        put(
            &mut out,
            "vexatious.reasons",
            self.vexatious.reasons.as_ref(),
        );
        put_lines(
            &mut out,
            "disclosure.enclosures",
            &self.disclosure.enclosures,
        );
        out
    }

    /// Sets the facts a guided form's answers give (keyed by fact id; lists one item a
    /// line; a blank answer clears the fact). Every answer that can be applied is; the
    /// others come back as (fact id, what is wrong in plain words), naming the question.
    pub fn apply_answers(
        &mut self,
        answers: &BTreeMap<String, String>,
    ) -> Result<(), Vec<(String, String)>> {
        let mut errors = Vec::new();
        for (key, value) in answers {
            if let Err(message) = self.apply(key, value) {
                errors.push((key.clone(), message));
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    fn apply(&mut self, key: &str, value: &str) -> Result<(), String> {
        if let Some(done) = crate::decision::questions::apply(self, key, value) {
            return done;
        }
        if let Some(rest) = key.strip_prefix("refusal.exemption[") {
            return self.apply_exemption(rest, value);
        }
        let signatory = |s: &mut Signatory, field: &str| -> Result<(), String> {
            match field {
                "name" => s.name = text(value),
                "role" => s.role = text(value),
                _ => return Err(unknown()),
            }
            Ok(())
        };
        let a = &mut self.authority;
        match key {
            "requester" => self.requester = text(value),
            "requester_address" => self.requester_address = lines(value),
            "request_summary" => self.request_summary = text(value),
            "authority.short_name" => a.short_name = text(value),
            "authority.address" => a.address = lines(value),
            "authority.email" => a.email = text(value),
            "authority.letterhead" => a.letterhead = text(value),
            "authority.foi_contact" => a.foi_contact = text(value),
            "authority.review_procedure" => a.review_procedure = text(value),
            "commissioner.contact" => self.commissioner.contact = lines(value),
            "review.reasons" => self.review.reasons = lines(value),
            "review.actions" => self.review.actions = lines(value),
            "clarification.questions" => self.clarification.questions = lines(value),
            "fees.breakdown" => self.fees.breakdown = lines(value),
            "fees.how_to_pay" => self.fees.how_to_pay = text(value),
            "cost.estimate" => self.cost.estimate = text(value),
            "cost.advice" => self.cost.advice = lines(value),
            "vexatious.ground" => {
                self.vexatious.ground = match value.trim() {
                    "" => None,
                    "vexatious" => Some(VexatiousGround::Vexatious),
                    "repeated" => Some(VexatiousGround::Repeated),
                    _ => {
                        return Err(
                            "Choose whether the request is vexatious or a repeated request".into(),
                        )
                    }
                }
            }
            "vexatious.reasons" => self.vexatious.reasons = text(value),
            "disclosure.enclosures" => self.disclosure.enclosures = lines(value),
            _ => {
                let (target, field) = if let Some(f) = key.strip_prefix("signatory.") {
                    (&mut self.signatory, f)
                } else if let Some(f) = key.strip_prefix("authority.signatory.") {
                    (&mut a.signatory, f)
                } else if let Some(f) = key.strip_prefix("refusal.signatory.") {
                    (&mut self.refusal.signatory, f)
                } else if let Some(f) = key.strip_prefix("review.signatory.") {
                    (&mut self.review.signatory, f)
                } else {
                    return Err(unknown());
                };
                signatory(target, field)?;
            }
        }
        Ok(())
    }

    fn apply_exemption(&mut self, rest: &str, value: &str) -> Result<(), String> {
        let Some((provision, field)) = rest.split_once(']') else {
            return Err(unknown());
        };
        let Ok(provision) = provision.parse::<ProvisionId>() else {
            return Err(format!("\"{provision}\" is not a provision foidesk knows"));
        };
        let named = cite(&provision);
        let at = match self
            .refusal
            .exemption
            .iter()
            .position(|e| e.provision == provision)
        {
            Some(i) => i,
            None => {
                self.refusal.exemption.push(ExemptionFacts {
                    provision,
                    reasons: None,
                    reasons_would_disclose: false,
                    likelihood: None,
                    public_interest: None,
                });
                self.refusal.exemption.len() - 1
            }
        };
        let e = &mut self.refusal.exemption[at];
        match field {
            ".reasons" => e.reasons = text(value),
            ".reasons_would_disclose" => {
                e.reasons_would_disclose = match value.trim() {
                    "yes" => true,
                    "" | "no" => false,
                    _ => {
                        return Err(format!(
                            "Choose whether saying why {named} applies would itself reveal what you are withholding"
                        ))
                    }
                }
            }
            ".likelihood" => {
                e.likelihood = match value.trim() {
                    "" => None,
                    "would" => Some(Likelihood::Would),
                    "would_be_likely" => Some(Likelihood::WouldBeLikely),
                    _ => return Err(format!("Choose how likely the harm that {named} protects against is")),
                }
            }
            ".public_interest.for" => pi(e).for_disclosure = lines(value),
            ".public_interest.against" => pi(e).against = lines(value),
            ".public_interest.balance" => pi(e).balance = text(value),
            _ => return Err(unknown()),
        }
        Ok(())
    }
}

fn pi(e: &mut ExemptionFacts) -> &mut PublicInterest {
    e.public_interest
        .get_or_insert_with(PublicInterest::default)
}

fn unknown() -> String {
    "This is not a question foidesk asks, so the answer was not saved".into()
}
