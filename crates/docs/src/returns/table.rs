//! The return's lines from its counts, field by field in the JSON's order
//! (a test checks every JSON figure has its line with the same number).

use foidesk_case::returns::ReturnCounts;

use super::{
    definition, exemption_label, label_of, ExportError, ReturnRow, Section, EXEMPTION_KEY,
};

fn row(section: Section, key: &str, count: u64) -> Result<ReturnRow, ExportError> {
    let def = definition(section, key).ok_or_else(|| ExportError::Undefined {
        section: section.as_str(),
        key: key.to_owned(),
    })?;
    Ok(ReturnRow {
        section,
        key: key.to_owned(),
        label: label_of(section, key, def),
        count,
        definition: def,
    })
}

pub(super) fn rows(c: &ReturnCounts, round_robins: u64) -> Result<Vec<ReturnRow>, ExportError> {
    let t = &c.timeliness;
    let o = &c.initial_outcomes;
    let r = &c.internal_reviews;
    let mut out = vec![row(Section::Received, "received", c.received)?];
    for (key, n) in [
        ("in_time", t.in_time),
        ("in_time_with_extension", t.in_time_with_extension),
        ("late", t.late),
        ("not_yet_answered", t.not_yet_answered),
        ("on_hold", t.on_hold),
        ("lapsed", t.lapsed),
        ("closed", t.closed),
    ] {
        out.push(row(Section::Timeliness, key, n)?);
    }
    for (key, n) in [
        ("granted_in_full", o.granted_in_full),
        ("withheld_in_full", o.withheld_in_full),
        ("partially_withheld", o.partially_withheld),
        ("not_yet_processed", o.not_yet_processed),
        ("not_held", o.not_held),
        ("no_response_due", o.no_response_due),
        ("cost_limit", o.cost_limit),
        ("vexatious_or_repeated", o.vexatious_or_repeated),
        ("ncnd", o.ncnd),
        ("section_21_only", o.section_21_only),
    ] {
        out.push(row(Section::InitialOutcomes, key, n)?);
    }
    for (id, n) in &c.exemptions {
        let mut line = row(Section::Exemptions, EXEMPTION_KEY, *n)?;
        line.key.clone_from(id);
        line.label = exemption_label(id);
        out.push(line);
    }
    for (key, n) in [
        ("requested", r.requested),
        ("pending", r.pending),
        ("upheld", r.upheld),
        ("overturned_in_part", r.overturned_in_part),
        ("overturned_in_full", r.overturned_in_full),
        ("declined", r.declined),
    ] {
        out.push(row(Section::InternalReviews, key, n)?);
    }
    out.push(row(Section::Eir, "eir", c.eir)?);
    out.push(row(Section::RoundRobins, "round_robins", round_robins)?);
    Ok(out)
}
