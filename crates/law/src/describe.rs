//! Human-readable descriptions for `foidesk law show`.

use std::fmt::Write as _;

use foidesk_calendar::Date;

use crate::effect::DatedEffect;
use crate::{Provision, ProvisionId, Reference};

fn dates(from: Option<Date>, until: Option<Date>) -> String {
    match (from, until) {
        (Some(f), Some(u)) => format!("from {f} until {u}"),
        (Some(f), None) => format!("from {f}"),
        (None, Some(u)) => format!("until {u}"),
        (None, None) => "always".to_string(),
    }
}

/// `label` and the first reference on one line, the rest aligned beneath it.
fn sources(out: &mut String, label: &str, list: &[Reference]) {
    for (i, r) in list.iter().enumerate() {
        let label = if i == 0 { label } else { "" };
        let _ = writeln!(out, "  {label:<10} {} <{}>", r.title, r.href);
    }
}

fn status_line(e: &DatedEffect) -> String {
    let mut line = format!("{} ({})", e.effect, Reference::titles(&e.references));
    if let Some(note) = &e.unverified {
        let _ = write!(line, " [unverified: {note}]");
    }
    line
}

impl Provision {
    /// Multi-line description: title, kind, references, test, NCND, status and parts.
    /// With `on`, the status is as s.2(3) stood that day; without, its whole history.
    pub fn describe(&self, on: Option<Date>) -> String {
        self.describe_limb(&self.id, on)
    }

    /// As `describe`, with `limb` (a part of this provision) highlighted and its own facts.
    pub fn describe_limb(&self, limb: &ProvisionId, on: Option<Date>) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{} {} ({})", self.id, self.title, self.id.regime());
        let _ = writeln!(out, "  kind:      {}", self.kind);
        sources(&mut out, "reference:", &self.references);
        sources(&mut out, "secondary:", &self.secondary);
        let _ = writeln!(
            out,
            "  in force:  {}",
            dates(self.in_force_from, self.in_force_until)
        );
        if let Some(note) = &self.unverified {
            let _ = writeln!(out, "  unverified: {note}");
        }
        if *limb != self.id {
            let part = self.part(limb);
            let title = part.map_or("(path to listed limbs)", |p| p.title.as_str());
            let _ = writeln!(out, "  showing:   {limb} {title}");
            if let Some(p) = part {
                sources(&mut out, "limb ref:", &p.references);
                sources(&mut out, "secondary:", &p.secondary);
            }
        }
        self.describe_facts(&mut out, limb, on);
        if !self.parts.is_empty() {
            let _ = writeln!(out, "  parts:");
            for p in &self.parts {
                let marker = if *limb != self.id && limb.covers(&p.id) {
                    ">"
                } else {
                    " "
                };
                let mut tags = Vec::new();
                if self.ncnd_subsections.iter().any(|n| n.covers(&p.id)) {
                    tags.push("NCND".to_string());
                }
                if p.auxiliary
                    && matches!(
                        self.kind,
                        crate::ProvisionKind::Exemption | crate::ProvisionKind::Exception
                    )
                {
                    tags.push("not an exemption limb".to_string());
                }
                if p.in_force_from.is_some() || p.in_force_until.is_some() {
                    tags.push(dates(p.in_force_from, p.in_force_until));
                }
                if p.unverified.is_some() {
                    tags.push("unverified".to_string());
                }
                let tags = if tags.is_empty() {
                    String::new()
                } else {
                    format!(" [{}]", tags.join("; "))
                };
                let _ = writeln!(out, "  {marker} {:<18} {}{tags}", p.id.to_string(), p.title);
            }
        }
        out
    }

    fn describe_facts(&self, out: &mut String, id: &ProvisionId, on: Option<Date>) {
        if !self.is_exemption(id) {
            return;
        }
        let test = self
            .test_type(id)
            .map_or("depends on the limb".to_string(), |t| t.to_string());
        let _ = writeln!(out, "  test:      {test}");
        let ncnd = self.ncnd_for(id).map_or(
            "none (the duty to confirm or deny always applies)".to_string(),
            |n| n.to_string(),
        );
        let _ = writeln!(out, "  NCND:      {ncnd}");
        match on {
            Some(date) => {
                let status = self
                    .dated_effect(id, date)
                    .map_or("not in force on that date".to_string(), status_line);
                let _ = writeln!(out, "  status on {date}: {status}");
            }
            None => {
                let history = self
                    .rules_for(id)
                    .into_iter()
                    .find(|r| !r.status.is_empty())
                    .map_or(&[][..], |r| r.status.as_slice());
                let _ = writeln!(out, "  status:");
                for e in history {
                    let _ = writeln!(
                        out,
                        "    {}: {}",
                        dates(Some(e.from), e.until),
                        status_line(e)
                    );
                }
            }
        }
    }
}
