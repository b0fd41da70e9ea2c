//! The demo's round robin (examples/round-robin.toml): one two-part request
//! to the police forces, a case per force with its made-up answer, and a
//! batch the demo requester sends from their own desk. Loading twice changes
//! nothing: each force's case has the reference RR-IOT, and the batch is
//! sent only if the requester has not sent it already.

use std::collections::BTreeMap;

use anyhow::Context as _;
use foidesk_engine::api::{CaseFile, Date, Regime, RequesterType};
use foidesk_engine::{EngineError, MakeRequest, Register, System};
use serde::Deserialize;

const ROUND_ROBIN: &str = include_str!("../../../examples/round-robin.toml");

/// Each force's case is filed under this reference.
pub const REFERENCE: &str = "RR-IOT";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoundRobinFile {
    request: Request,
    wording: BTreeMap<String, Wording>,
    batch: Batch,
    force: Vec<Force>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Request {
    title: String,
    regime: Regime,
    received: u32,
    parts: [String; 2],
    requester_name: String,
    contact: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Wording {
    first: String,
    second: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Batch {
    authorities: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Force {
    authority: String,
    wording: String,
    /// Working days before the demo loads that it arrived, if not the
    /// request's.
    received: Option<u32>,
    /// Working days it took to answer; none: pending.
    answered: Option<u32>,
    #[serde(default)]
    outcomes: Vec<toml::Value>,
}

fn parse() -> anyhow::Result<RoundRobinFile> {
    toml::from_str(ROUND_ROBIN).context("examples/round-robin.toml does not parse")
}

/// How many cases the round robin gives: one per force and one per batch
/// member.
pub fn cases() -> usize {
    parse().map_or(0, |f| f.force.len() + f.batch.authorities.len())
}

/// The case file of one force's copy.
fn case_file(
    file: &RoundRobinFile,
    force: &Force,
    received: Date,
    answered: Option<Date>,
) -> anyhow::Result<CaseFile> {
    let wording = file
        .wording
        .get(&force.wording)
        .with_context(|| format!("{}: no wording called '{}'", force.authority, force.wording))?;
    let fill = |template: &str, part: &str| {
        template
            .replace("{name}", &force.authority)
            .replace("{part}", part)
    };
    let r = &file.request;
    let parts = [
        fill(&wording.first, &r.parts[0]),
        fill(&wording.second, &r.parts[1]),
    ];
    let mut request = toml::Table::new();
    request.insert("authority".into(), force.authority.clone().into());
    request.insert("regime".into(), r.regime.to_string().into());
    request.insert("received".into(), received.to_string().into());
    request.insert("channel".into(), "email".into());
    request.insert("requester_name".into(), r.requester_name.clone().into());
    request.insert("contact".into(), r.contact.clone().into());
    request.insert("requester_type".into(), "member_of_the_public".into());
    let parts: Vec<toml::Value> = parts
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let mut part = toml::Table::new();
            part.insert("id".into(), (i + 1).to_string().into());
            part.insert("text".into(), text.clone().into());
            part.into()
        })
        .collect();
    request.insert("parts".into(), parts.into());
    let mut case = toml::Table::new();
    case.insert("title".into(), r.title.clone().into());
    let mut top = toml::Table::new();
    top.insert("case".into(), case.into());
    top.insert("request".into(), request.into());
    if let Some(date) = answered {
        let mut response = toml::Table::new();
        response.insert("kind".into(), "response".into());
        response.insert("date".into(), date.to_string().into());
        response.insert("outcomes".into(), force.outcomes.clone().into());
        // What a careful refusal notice says (s.17(3), s.17(7)).
        let refused = force
            .outcomes
            .iter()
            .any(|o| o.get("outcome").and_then(toml::Value::as_str) != Some("disclosed"));
        if refused {
            for flag in [
                "public_interest_reasons",
                "states_review_procedure",
                "states_complaint_right",
            ] {
                response.insert(flag.into(), true.into());
            }
        }
        top.insert("events".into(), vec![toml::Value::from(response)].into());
    }
    toml::Value::from(top)
        .try_into()
        .with_context(|| format!("the round robin's case for {}", force.authority))
}

/// Opens each force's case (already open: left alone) and sends the batch.
/// Returns how many cases it opened.
pub async fn load(
    system: &System,
    register: &Register,
    requester_email: &str,
) -> anyhow::Result<usize> {
    let file = parse()?;
    let engine = system.engine();
    let mut opened = 0;
    for force in &file.force {
        let entry = register.resolve(&force.authority).with_context(|| {
            format!(
                "examples/round-robin.toml names '{}', which examples/register.toml does not",
                force.authority
            )
        })?;
        let slug = entry.authority.slug.clone();
        crate::demo::give_profile(system, &slug, &entry.authority.name).await?;
        let received = force.received.unwrap_or(file.request.received);
        let received_on = crate::demo::working_days_ago(engine, received)?;
        let answered_on = match force.answered {
            Some(days) => Some(engine.calendar().add_working_days(received_on, days)?),
            None => None,
        };
        let case = case_file(&file, force, received_on, answered_on)?;
        match system
            .open_case(&slug, REFERENCE, case, "demo loader")
            .await
        {
            Ok(_) => opened += 1,
            Err(EngineError::Duplicate { .. }) => {}
            Err(e) => {
                return Err(e).with_context(|| format!("opening {REFERENCE} for {slug}"));
            }
        }
    }
    opened += send_batch(system, register, &file, requester_email).await?;
    Ok(opened)
}

/// The demo requester's batch, unless they have sent it already.
async fn send_batch(
    system: &System,
    register: &Register,
    file: &RoundRobinFile,
    requester_email: &str,
) -> anyhow::Result<usize> {
    let mut slugs = Vec::new();
    let mut names = Vec::new();
    for name in &file.batch.authorities {
        let entry = register.resolve(name).with_context(|| {
            format!("examples/round-robin.toml's batch names '{name}', which the register does not")
        })?;
        crate::demo::give_profile(system, &entry.authority.slug, &entry.authority.name).await?;
        slugs.push(entry.authority.slug.clone());
        names.push(entry.authority.name.clone());
    }
    let requester = system.account_by_email(requester_email).await?;
    let service = system.service();
    let as_requester = service.as_user(&requester);
    let sent = as_requester.my_requests(usize::MAX).await?;
    if sent.rows.iter().any(|r| names.contains(&r.authority)) {
        return Ok(0);
    }
    let made = as_requester
        .make_request(MakeRequest {
            authority_slugs: slugs,
            parts: file.request.parts.to_vec(),
            regime: file.request.regime,
            requester_type: RequesterType::MemberOfThePublic,
        })
        .await
        .context("sending the demo requester's batch")?;
    Ok(made.cases.len())
}
