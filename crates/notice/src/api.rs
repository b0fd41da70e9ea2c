//! The website's JSON records of notices (its search API's `results`, saved one per line,
//! as an array, or as the API's response object).
//!
//! Each record is rendered as the text of its notice page (address, title, "Date",
//! "Sector", "Decision(s)", then the abstract) and read by the page path, so its abstract
//! is read by the same rules as a page's. Spans therefore index that rendered text, which
//! is what a library stores as the record's source.

use serde_json::{Map, Value};

use crate::{parse, Diagnostic, Format, NoticeRecord, Parsed};

/// The site the API's relative addresses ("/action-weve-taken/…") belong to.
const SITE: &str = "https://ico.org.uk";

/// One entry of a records file: the page text rendered from a record, or why an entry
/// could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordPage {
    Page(String),
    Unreadable(String),
}

/// The page text of each record in `input`, or `None` when `input` is not JSON records.
pub fn record_pages(input: &[u8]) -> Option<Vec<RecordPage>> {
    let text = std::str::from_utf8(input).ok()?;
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    if !trimmed.starts_with(['{', '[']) {
        return None;
    }
    let entries: Vec<Result<Value, String>> = match serde_json::from_str::<Value>(trimmed) {
        Ok(whole) => listed(whole)?.into_iter().map(Ok).collect(),
        // JSON Lines: one record per line.
        Err(_) => trimmed
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(n, l)| {
                serde_json::from_str(l).map_err(|e| format!("line {} is not JSON: {e}", n + 1))
            })
            .collect(),
    };
    let mut out = Vec::with_capacity(entries.len());
    for entry in entries {
        out.push(match entry {
            Ok(Value::Object(rec)) if is_record(&rec) => RecordPage::Page(render(&rec)),
            Ok(_) => RecordPage::Unreadable("an entry is not a notice record".into()),
            Err(e) => RecordPage::Unreadable(e),
        });
    }
    out.iter()
        .any(|r| matches!(r, RecordPage::Page(_)))
        .then_some(out)
}

/// One `Parsed` per record in `input` (an unreadable entry gives an empty record and a
/// diagnostic), or `None` when `input` is not JSON records.
pub fn parse_records(input: &[u8]) -> Option<Vec<Parsed>> {
    let pages = record_pages(input)?;
    Some(
        pages
            .into_iter()
            .map(|p| match p {
                RecordPage::Page(text) => parse(text.as_bytes(), Some(Format::Text)),
                RecordPage::Unreadable(why) => Parsed {
                    record: NoticeRecord::default(),
                    format: Format::Text,
                    diagnostics: vec![Diagnostic {
                        span: None,
                        message: format!("not a decision notice: {why}"),
                    }],
                },
            })
            .collect(),
    )
}

/// The records in a whole JSON value: an array, a response object's `results`, or one
/// record.
fn listed(whole: Value) -> Option<Vec<Value>> {
    match whole {
        Value::Array(items) => Some(items),
        Value::Object(mut obj) => match obj.remove("results") {
            Some(Value::Array(items)) => Some(items),
            Some(_) => None,
            None => is_record(&obj).then(|| vec![Value::Object(obj)]),
        },
        _ => None,
    }
}

fn is_record(rec: &Map<String, Value>) -> bool {
    rec.contains_key("title")
        && (rec.contains_key("filterItemMetaData") || rec.contains_key("filterItemDecisions"))
}

/// A string field, on one line.
fn field(rec: &Map<String, Value>, key: &str) -> Option<String> {
    let v = rec.get(key)?.as_str()?;
    let one_line = v.split_whitespace().collect::<Vec<_>>().join(" ");
    (!one_line.is_empty()).then_some(one_line)
}

/// The record as its page's text.
fn render(rec: &Map<String, Value>) -> String {
    let mut out = String::new();
    if let Some(url) = field(rec, "url") {
        let url = if url.starts_with('/') {
            format!("{SITE}{url}")
        } else {
            url
        };
        out.push_str(&format!("Source: {url}\n\n"));
    }
    if let Some(title) = field(rec, "title") {
        out.push_str(&title);
        out.push('\n');
    }
    // "5 December 2025, Central government, Education": the date, then the sectors.
    if let Some(meta) = field(rec, "filterItemMetaData") {
        let (date, sector) = match meta.split_once(", ") {
            Some((d, s)) if crate::dates::first_date(d).is_some() => (Some(d), Some(s)),
            _ if crate::dates::first_date(&meta).is_some() => (Some(meta.as_str()), None),
            _ => (None, Some(meta.as_str())),
        };
        if let Some(d) = date {
            out.push_str(&format!("Date {d}\n"));
        }
        if let Some(s) = sector {
            out.push_str(&format!("Sector {s}\n"));
        }
    }
    let labels: Vec<String> = rec
        .get("filterItemDecisions")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|d| {
            let d = d.as_object()?;
            Some(format!("{}: {}", field(d, "section")?, field(d, "status")?))
        })
        .collect();
    if !labels.is_empty() {
        out.push_str(&format!("Decision(s) {}\n", labels.join(", ")));
    }
    if let Some(abstract_) = rec.get("description").and_then(Value::as_str) {
        out.push_str(abstract_.trim());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{record_pages, RecordPage};

    #[test]
    fn the_shapes_records_come_in() {
        let rec = r#"{"title": "Northwold Borough Council", "filterItemMetaData": "14 February 2031, Local government", "filterItemDecisions": [{"status": "Upheld", "section": "FOI 10"}], "url": "/action-weve-taken/decision-notices/2031/02/ic-100200-a1b2/", "description": "The Commissioner's decision is that the council responded late."}"#;
        let page = "Source: https://ico.org.uk/action-weve-taken/decision-notices/2031/02/ic-100200-a1b2/\n\nNorthwold Borough Council\nDate 14 February 2031\nSector Local government\nDecision(s) FOI 10: Upheld\nThe Commissioner's decision is that the council responded late.\n";
        let one = vec![RecordPage::Page(page.into())];
        for input in [
            format!("{rec}\n{rec}\n"),
            format!("[{rec}, {rec}]"),
            format!("{{\"results\": [{rec}, {rec}]}}"),
        ] {
            let two = [one.clone(), one.clone()].concat();
            assert_eq!(record_pages(input.as_bytes()), Some(two), "{input}");
        }
        assert_eq!(record_pages(rec.as_bytes()), Some(one));
        for not in [
            "",
            "Decision notice",
            "{\"a\": 1}",
            "[1, 2]",
            "{\"results\": 3}",
        ] {
            assert_eq!(record_pages(not.as_bytes()), None, "{not}");
        }
        let cut = format!("{rec}\n{{\"title\": \"x");
        let got = record_pages(cut.as_bytes()).unwrap();
        assert!(
            matches!(&got[1], RecordPage::Unreadable(w) if w.starts_with("line 2 is not JSON"))
        );
    }
}
