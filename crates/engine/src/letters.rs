//! Letters sent through the guided form. A letter is written for an event
//! not yet recorded (the acknowledgement, the response, the extension, the
//! review outcome): its draft keeps that event and the answers given so far.
//! The letter is rendered from the case as it will be with the event, with
//! the facts the authority's profile and the case already hold, so only the
//! rest is asked; sending records the event with the letter's PDF attached,
//! in one store transaction.

use std::collections::BTreeMap;

use foidesk_case::file::EventFile;
use foidesk_case::{check_event_date_not_after, validate, EventType};
use foidesk_docs::{
    Analysis, Document, DocumentKind, Facts, Input, QuestionPage, Regulator, RenderError,
};
use foidesk_store::Store;
use serde::{Deserialize, Serialize};

use crate::text::plain_all;
use crate::{AuthorityProfile, CaseView, Engine, EngineError, NewAttachment, User};

/// The letters that go with each kind of event, in the order they are
/// tried: the first the case calls for is the one written.
pub fn letters_for(event: EventType) -> &'static [DocumentKind] {
    use DocumentKind as D;
    match event {
        EventType::Acknowledged => &[D::Acknowledgement],
        EventType::ClarificationSought => &[D::Clarification],
        EventType::FeeNotice => &[D::FeesNotice],
        EventType::PitExtension => &[D::PitExtension],
        EventType::Response => &[
            D::CostRefusal,
            D::VexatiousRefusal,
            D::Refusal,
            D::Disclosure,
        ],
        EventType::InternalReview => &[D::Review],
        // The Commissioner's notice goes the same way as the authority's letters.
        EventType::DecisionNotice => &[D::Decision],
        _ => &[],
    }
}

/// The answer every letter of a case shares: what the request was about.
const SHARED_ANSWER: &str = "request_summary";

/// What a letter's draft keeps.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LetterWork {
    /// The event the letter records, once its form is filled in.
    pub event: Option<EventFile>,
    /// Answers to the guided form's questions, by fact id, as typed.
    pub answers: BTreeMap<String, String>,
}

/// A letter in progress.
#[derive(Clone, Debug)]
pub struct Letter {
    pub event_type: EventType,
    pub kind: DocumentKind,
    pub event: EventFile,
    pub answers: BTreeMap<String, String>,
    /// The questions the profile and the case leave open, a page each.
    pub pages: Vec<QuestionPage>,
    /// The case as it will stand once the event is recorded.
    pub after: CaseView,
    /// The facts the letter is rendered from: the profile's, the case's
    /// and the answers that could be applied.
    pub facts: Facts,
}

impl Letter {
    /// The letter as it stands, or what is still missing, in words.
    pub fn document(&self, engine: &Engine) -> Result<Document, Vec<String>> {
        match engine.render_case(
            self.kind,
            &self.after.case,
            &self.after.assessment,
            &self.facts,
        ) {
            Ok(document) => Ok(document),
            Err(RenderError::Missing(m)) => Err(m.in_words(engine.law())),
            // The message alone: the fact's id is not for people.
            Err(RenderError::Invalid { message, .. }) => Err(vec![upper_first(&message)]),
            Err(e) => Err(vec![e.to_string()]),
        }
    }

    /// The name the letter's PDF is filed under.
    pub fn file_name(&self) -> String {
        let reference = self.after.summary.reference.replace(['/', '\\'], "-");
        let date = foidesk_calendar::Date::parse(&self.event.date)
            .map_or_else(|_| self.event.date.clone(), |d| d.long_form());
        format!("{reference} {} {date}.pdf", self.kind.label())
    }
}

/// Answers that could not be taken: (fact id, what is wrong, in words).
pub type AnswerProblems = Vec<(String, String)>;

fn letter_problem(message: impl Into<String>) -> EngineError {
    EngineError::Invalid {
        field: "letter".into(),
        message: message.into(),
    }
}

fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// What a decision notice takes from the case and the regulator's data: an analysis to
/// fill in for each provision the authority's responses relied on (not those an extension
/// only weighed), and the Tribunal's address.
fn held_for_decision(view: &CaseView, facts: &mut Facts) {
    facts.decision.tribunal_contact = Regulator::standard().tribunal.clone();
    let mut relied: Vec<foidesk_law::ProvisionId> = Vec::new();
    for e in &view.case.events {
        if let foidesk_case::EventKind::Response(r) = &e.kind {
            for p in r.outcomes.iter().flat_map(|o| &o.provisions) {
                if !relied.contains(p) {
                    relied.push(p.clone());
                }
            }
        }
    }
    facts.decision.analysis = relied.into_iter().map(Analysis::about).collect();
}

/// A decision notice's answers to start from, each kept only until changed: the
/// complainant's grounds as their complaint put them, and the caseworker as signatory.
fn starting_answers(view: &CaseView, user: &User, answers: &mut BTreeMap<String, String>) {
    let grounds = view
        .case
        .events
        .iter()
        .rev()
        .find(|e| matches!(e.kind, foidesk_case::EventKind::Complaint))
        .and_then(|e| e.message.clone());
    let start = [
        ("decision.complaint", grounds),
        ("decision.signatory.name", Some(user.name.clone())),
    ];
    for (key, value) in start {
        if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
            answers.entry(key.to_owned()).or_insert(v);
        }
    }
}

/// The facts a letter takes from the case and the authority's profile.
fn held_facts(view: &CaseView, profile: Option<&AuthorityProfile>) -> Facts {
    let request = &view.case.request;
    let some = |text: &str| (!text.trim().is_empty()).then(|| text.trim().to_owned());
    let mut facts = Facts {
        requester: request.requester_name.clone().or(request.requester.clone()),
        requester_address: request.contact.clone(),
        ..Facts::default()
    };
    facts.commissioner.contact = Regulator::standard().contact_lines();
    if let Some(p) = profile {
        let a = &mut facts.authority;
        // The letterhead line is how the authority names itself ("Kent
        // Police"); the case's full name ("Chief Constable of …") signs.
        a.short_name = some(&p.letterhead).or_else(|| some(&request.authority));
        a.address = p.address_lines.clone();
        a.email = some(&p.email);
        a.letterhead = some(&p.letterhead);
        a.foi_contact = some(&p.foi_contact);
        a.review_procedure = some(&p.review_procedure);
        if let Some(s) = p.signatories.first() {
            a.signatory.name = some(&s.name);
            a.signatory.role = some(&s.role);
        }
    }
    facts
}

impl Engine {
    /// The case as it would be with `event` appended: the whole timeline
    /// validated and assessed, nothing written.
    pub(crate) fn with_event(
        &self,
        view: &CaseView,
        event: &EventFile,
    ) -> Result<CaseView, EngineError> {
        plain_all(event)?;
        let mut file = view.file.clone();
        file.events.push(event.clone());
        let mut case = validate(&file, self.law())?;
        check_event_date_not_after(&case, file.events.len(), self.latest_event_date())?;
        // A request logged in foidesk has its reference on the store's row.
        case.reference
            .get_or_insert_with(|| view.summary.reference.clone());
        let (case, assessment, stage) = self.assessed(case)?;
        let deadlines = self.deadline_states(&case, &assessment)?;
        Ok(CaseView {
            summary: view.summary.clone(),
            file,
            case,
            assessment,
            stage,
            recorded: view.recorded.clone(),
            deadlines,
        })
    }

    /// The letter for `work` on the case in `view`, or why none can be written.
    pub(crate) fn letter_of(
        &self,
        view: &CaseView,
        profile: Option<&AuthorityProfile>,
        event_type: EventType,
        work: LetterWork,
    ) -> Result<(Letter, AnswerProblems), EngineError> {
        let event = work
            .event
            .ok_or_else(|| letter_problem("say what happened before writing the letter"))?;
        if EventType::from_name(&event.kind) != Some(event_type) {
            return Err(letter_problem(format!(
                "this letter goes with '{}', not '{}'",
                event_type.label(),
                event.kind
            )));
        }
        let after = self.with_event(view, &event)?;
        let mut held = held_facts(&after, profile);
        if event_type == EventType::DecisionNotice {
            held_for_decision(&after, &mut held);
        }
        let input = Input {
            case: &after.case,
            assessment: &after.assessment,
            facts: &held,
            law: self.law(),
            calendar: self.calendar(),
        };
        let applicable = foidesk_docs::applicable(&input);
        let kind = letters_for(event_type)
            .iter()
            .copied()
            .find(|k| applicable.contains(k))
            .ok_or_else(|| {
                letter_problem(format!(
                    "foidesk has no letter for this {} yet: record it without a letter",
                    event_type.label().to_lowercase()
                ))
            })?;
        let pages = foidesk_docs::guided(kind, &input, &work.answers)
            .map_err(|e| letter_problem(e.to_string()))?;
        let mut facts = held;
        // The letter bears the date of the event it records.
        facts.date = foidesk_calendar::Date::parse(&event.date).ok();
        let problems = facts.apply_answers(&work.answers).err().unwrap_or_default();
        Ok((
            Letter {
                event_type,
                kind,
                event,
                answers: work.answers,
                pages,
                after,
                facts,
            },
            problems,
        ))
    }

    /// The draft of the letter for `event_type` on a case, as kept.
    pub(crate) async fn letter_work(
        &self,
        store: &Store,
        user: &User,
        case_id: i64,
        event_type: EventType,
    ) -> Result<LetterWork, EngineError> {
        let draft = self
            .letter_draft_as(store, user, case_id, event_type.as_str())
            .await?;
        Ok(draft
            .and_then(|d| serde_json::from_str(&d.answers_json).ok())
            .unwrap_or_default())
    }

    pub(crate) async fn save_letter_work(
        &self,
        store: &Store,
        user: &User,
        case_id: i64,
        event_type: EventType,
        work: &LetterWork,
    ) -> Result<(), EngineError> {
        let json = serde_json::to_string(work).map_err(|e| EngineError::Serialise {
            message: e.to_string(),
        })?;
        self.save_letter_draft_as(store, user, case_id, event_type.as_str(), &json)
            .await
    }

    /// The case, its authority's profile and the draft, for someone who may
    /// record `event_type` on it.
    pub(crate) async fn letter_context(
        &self,
        store: &Store,
        user: &User,
        case_id: i64,
        event_type: EventType,
    ) -> Result<(CaseView, Option<AuthorityProfile>, LetterWork), EngineError> {
        if letters_for(event_type).is_empty() {
            return Err(letter_problem(format!(
                "no letter goes with '{}'",
                event_type.label()
            )));
        }
        let probe = EventFile {
            kind: event_type.as_str().to_owned(),
            ..EventFile::default()
        };
        self.check_may_append(store, user, case_id, &probe).await?;
        let view = self
            .case_view(store, case_id)
            .await?
            .ok_or(EngineError::NotFound {
                what: "case",
                key: case_id.to_string(),
            })?;
        let profile = self
            .authority_profile(store, view.summary.authority_id)
            .await?;
        let mut work = self.letter_work(store, user, case_id, event_type).await?;
        // What the request was about is the same in every letter of the
        // case: taken from another letter's draft when this one lacks it.
        if !work.answers.contains_key(SHARED_ANSWER) {
            for other in EventType::ALL.into_iter().filter(|k| *k != event_type) {
                if letters_for(other).is_empty() {
                    continue;
                }
                let theirs = self.letter_work(store, user, case_id, other).await?;
                if let Some(answer) = theirs.answers.get(SHARED_ANSWER) {
                    work.answers
                        .insert(SHARED_ANSWER.to_owned(), answer.clone());
                    break;
                }
            }
        }
        if event_type == EventType::DecisionNotice {
            starting_answers(&view, user, &mut work.answers);
        }
        Ok((view, profile, work))
    }

    /// Send the drafted letter: record its event at `expected` with the
    /// letter's PDF attached, then start the next draft afresh.
    pub(crate) async fn send_letter_as(
        &self,
        store: &Store,
        user: &User,
        case_id: i64,
        event_type: EventType,
        expected: i64,
        reason: Option<&str>,
    ) -> Result<CaseView, EngineError> {
        let (view, profile, work) = self
            .letter_context(store, user, case_id, event_type)
            .await?;
        let (letter, problems) = self.letter_of(&view, profile.as_ref(), event_type, work)?;
        if let Some((_, message)) = problems.first() {
            return Err(letter_problem(message.clone()));
        }
        let document = letter.document(self).map_err(|missing| {
            letter_problem(format!("still to answer: {}", missing.join("; ")))
        })?;
        let pdf = document
            .to_pdf()
            .map_err(|e| letter_problem(format!("the PDF could not be made: {e}")))?;
        let file = NewAttachment {
            name: letter.file_name(),
            bytes: pdf,
        };
        let sent = self
            .append_event_with_attachments_as(
                store,
                user,
                case_id,
                expected,
                letter.event,
                vec![file],
                reason,
            )
            .await?;
        // The next letter of this kind starts afresh, but for what every
        // letter of the case shares.
        let next = LetterWork {
            event: None,
            answers: letter
                .answers
                .get(SHARED_ANSWER)
                .map(|a| BTreeMap::from([(SHARED_ANSWER.to_owned(), a.clone())]))
                .unwrap_or_default(),
        };
        self.save_letter_work(store, user, case_id, event_type, &next)
            .await?;
        Ok(sent)
    }
}

/// The use cases behind `AsUser`'s letter methods.
impl Engine {
    pub(crate) async fn letter_as(
        &self,
        store: &Store,
        user: &User,
        case_id: i64,
        event_type: EventType,
    ) -> Result<(CaseView, Option<(Letter, AnswerProblems)>), EngineError> {
        let (view, profile, work) = self
            .letter_context(store, user, case_id, event_type)
            .await?;
        let letter = match work.event {
            // A draft whose event no longer fits the case (another event came
            // first) starts again from the event's form.
            Some(_) => self
                .letter_of(&view, profile.as_ref(), event_type, work)
                .ok(),
            None => None,
        };
        Ok((view, letter))
    }

    pub(crate) async fn start_letter_as(
        &self,
        store: &Store,
        user: &User,
        case_id: i64,
        event: EventFile,
    ) -> Result<Letter, EngineError> {
        let event_type = EventType::from_name(&event.kind)
            .ok_or_else(|| letter_problem(format!("no event kind '{}'", event.kind)))?;
        let (view, profile, mut work) = self
            .letter_context(store, user, case_id, event_type)
            .await?;
        work.event = Some(event);
        let (letter, _) = self.letter_of(&view, profile.as_ref(), event_type, work.clone())?;
        self.save_letter_work(store, user, case_id, event_type, &work)
            .await?;
        Ok(letter)
    }

    pub(crate) async fn answer_letter_as(
        &self,
        store: &Store,
        user: &User,
        case_id: i64,
        event_type: EventType,
        answers: BTreeMap<String, String>,
    ) -> Result<(Letter, AnswerProblems), EngineError> {
        let (view, profile, mut work) = self
            .letter_context(store, user, case_id, event_type)
            .await?;
        work.answers.extend(answers);
        let (letter, problems) =
            self.letter_of(&view, profile.as_ref(), event_type, work.clone())?;
        // Kept as typed, so a page with a mistake shows it again.
        self.save_letter_work(store, user, case_id, event_type, &work)
            .await?;
        Ok((letter, problems))
    }
}
