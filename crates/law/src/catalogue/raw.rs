//! The TOML shape of data/foia.toml and data/eir.toml, and its validation into `Provision`s.

use foidesk_calendar::Date;
use serde::Deserialize;

use super::provision::{Part, Provision, ProvisionKind};
use crate::effect::{DatedEffect, Effect, Rule, TestType};
use crate::reference::href_problem;
use crate::{LawError, ProvisionId, Reference};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    provision: Vec<RawProvision>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProvision {
    id: String,
    title: String,
    kind: ProvisionKind,
    #[serde(default)]
    references: Vec<Reference>,
    #[serde(default)]
    secondary: Vec<Reference>,
    in_force_from: Option<String>,
    in_force_until: Option<String>,
    unverified: Option<String>,
    #[serde(default)]
    parts: Vec<RawPart>,
    #[serde(default)]
    ncnd: Vec<String>,
    #[serde(default)]
    rule: Vec<RawRule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPart {
    id: String,
    title: String,
    #[serde(default)]
    aux: bool,
    from: Option<String>,
    until: Option<String>,
    unverified: Option<String>,
    #[serde(default)]
    references: Vec<Reference>,
    #[serde(default)]
    secondary: Vec<Reference>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    at: String,
    test: Option<TestType>,
    ncnd: Option<String>,
    #[serde(default)]
    status: Vec<RawStatus>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
enum RawEffect {
    Absolute,
    Qualified,
    AbsoluteWhere,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStatus {
    from: String,
    until: Option<String>,
    value: RawEffect,
    condition: Option<String>,
    #[serde(default)]
    references: Vec<Reference>,
    #[serde(default)]
    secondary: Vec<Reference>,
    unverified: Option<String>,
}

/// Turns any failure into a `LawError::Data` naming the file.
pub(crate) struct Ctx {
    pub file: &'static str,
}

impl Ctx {
    pub(crate) fn err(&self, message: impl Into<String>) -> LawError {
        LawError::Data {
            file: self.file,
            message: message.into(),
        }
    }

    pub(crate) fn date(&self, text: &str, what: &str) -> Result<Date, LawError> {
        Date::parse(text).map_err(|e| self.err(format!("{what}: bad date {text:?}: {e}")))
    }

    pub(crate) fn opt_date(
        &self,
        text: Option<&str>,
        what: &str,
    ) -> Result<Option<Date>, LawError> {
        text.map(|t| self.date(t, what)).transpose()
    }

    fn id(&self, text: &str) -> Result<ProvisionId, LawError> {
        ProvisionId::parse(text).map_err(|e| self.err(e.to_string()))
    }

    pub(crate) fn text(&self, text: &str, what: &str) -> Result<(), LawError> {
        if text.trim().is_empty() {
            Err(self.err(format!("{what} is empty")))
        } else {
            Ok(())
        }
    }

    /// Checks the sources of `what`: at least one reference, each https with a title; secondary
    /// sources may be http (archived pages).
    pub(crate) fn sources(
        &self,
        references: Vec<Reference>,
        secondary: Vec<Reference>,
        what: &str,
    ) -> Result<(Vec<Reference>, Vec<Reference>), LawError> {
        if references.is_empty() {
            return Err(LawError::MissingReference {
                file: self.file,
                what: what.to_string(),
            });
        }
        for (list, secure) in [(&references, true), (&secondary, false)] {
            for r in list {
                self.text(&r.title, &format!("{what}: title of {}", r.href))?;
                if let Some(problem) = href_problem(&r.href, secure) {
                    return Err(self.err(format!("{what}: {:?} {problem}", r.href)));
                }
            }
        }
        Ok((references, secondary))
    }

    pub(crate) fn range(
        &self,
        from: Option<Date>,
        until: Option<Date>,
        what: &str,
    ) -> Result<(), LawError> {
        match (from, until) {
            (Some(f), Some(u)) if f >= u => {
                Err(self.err(format!("{what}: from {f} is not before until {u}")))
            }
            _ => Ok(()),
        }
    }
}

/// Parses and validates one statute file.
pub(crate) fn parse_statute(file: &'static str, text: &str) -> Result<Vec<Provision>, LawError> {
    let ctx = Ctx { file };
    let raw: RawFile = toml::from_str(text).map_err(|e| ctx.err(e.to_string()))?;
    raw.provision
        .into_iter()
        .map(|p| provision(&ctx, p))
        .collect()
}

fn provision(ctx: &Ctx, raw: RawProvision) -> Result<Provision, LawError> {
    let id = ctx.id(&raw.id)?;
    let here = |msg: String| ctx.err(format!("{id}: {msg}"));
    if id.depth() != 1 {
        return Err(here(
            "a catalogue entry must be a whole section or regulation".into(),
        ));
    }
    ctx.text(&raw.title, &format!("{id} title"))?;
    let (references, secondary) = ctx.sources(raw.references, raw.secondary, &id.to_string())?;
    let in_force_from =
        ctx.opt_date(raw.in_force_from.as_deref(), &format!("{id} in_force_from"))?;
    let in_force_until = ctx.opt_date(
        raw.in_force_until.as_deref(),
        &format!("{id} in_force_until"),
    )?;
    ctx.range(in_force_from, in_force_until, &id.to_string())?;

    let mut parts: Vec<Part> = Vec::with_capacity(raw.parts.len());
    for p in raw.parts {
        let pid = ctx.id(&p.id)?;
        if !id.covers(&pid) || pid == id {
            return Err(here(format!("part {pid} is not inside {id}")));
        }
        if parts.iter().any(|q| q.id == pid) {
            return Err(here(format!("part {pid} listed twice")));
        }
        ctx.text(&p.title, &format!("{pid} title"))?;
        let from = ctx.opt_date(p.from.as_deref(), &format!("{pid} from"))?;
        let until = ctx.opt_date(p.until.as_deref(), &format!("{pid} until"))?;
        ctx.range(from, until, &pid.to_string())?;
        let (references, secondary) = ctx.sources(p.references, p.secondary, &pid.to_string())?;
        parts.push(Part {
            id: pid,
            title: p.title,
            in_force_from: from,
            in_force_until: until,
            auxiliary: p.aux,
            references,
            secondary,
            unverified: p.unverified,
        });
    }

    let mut entry = Provision {
        id: id.clone(),
        title: raw.title,
        kind: raw.kind,
        references,
        secondary,
        in_force_from,
        in_force_until,
        parts,
        unverified: raw.unverified,
        ncnd_subsections: Vec::new(),
        rules: Vec::new(),
    };

    for n in &raw.ncnd {
        let nid = ctx.id(n)?;
        if !entry.knows(&nid) || nid == id {
            return Err(here(format!("NCND subsection {nid} is not a listed part")));
        }
        entry.ncnd_subsections.push(nid);
    }

    for r in raw.rule {
        let at = ctx.id(&r.at)?;
        if !entry.knows(&at) {
            return Err(here(format!("rule at {at}, which is not a listed part")));
        }
        let ncnd = match r.ncnd.as_deref() {
            None => None,
            Some("none") => Some(None),
            Some(text) => {
                let nid = ctx.id(text)?;
                if !entry.ncnd_subsections.iter().any(|n| n.covers(&nid)) {
                    return Err(here(format!(
                        "rule at {at} points to {nid}, not an NCND subsection"
                    )));
                }
                Some(Some(nid))
            }
        };
        let mut status = Vec::with_capacity(r.status.len());
        for s in r.status {
            status.push(dated_effect(ctx, &at, s)?);
        }
        for pair in status.windows(2) {
            if pair[0].until.is_none_or(|u| u > pair[1].from) {
                return Err(here(format!(
                    "rule at {at}: status entries overlap or are out of order"
                )));
            }
        }
        entry.rules.push(Rule {
            at,
            test: r.test,
            ncnd,
            status,
        });
    }
    Ok(entry)
}

fn dated_effect(ctx: &Ctx, at: &ProvisionId, raw: RawStatus) -> Result<DatedEffect, LawError> {
    let what = format!("{at} status");
    let from = ctx.date(&raw.from, &what)?;
    let until = ctx.opt_date(raw.until.as_deref(), &what)?;
    ctx.range(Some(from), until, &what)?;
    let (references, secondary) = ctx.sources(
        raw.references,
        raw.secondary,
        &format!("{what} from {from}"),
    )?;
    let effect = match (raw.value, raw.condition) {
        (RawEffect::Absolute, None) => Effect::Absolute,
        (RawEffect::Qualified, None) => Effect::Qualified,
        (RawEffect::AbsoluteWhere, Some(cond)) if !cond.trim().is_empty() => {
            Effect::AbsoluteWhere(cond)
        }
        (RawEffect::AbsoluteWhere, _) => {
            return Err(ctx.err(format!("{what}: absolute_where needs a condition")))
        }
        (_, Some(_)) => {
            return Err(ctx.err(format!("{what}: only absolute_where takes a condition")))
        }
    };
    Ok(DatedEffect {
        effect,
        from,
        until,
        references,
        secondary,
        unverified: raw.unverified,
    })
}
