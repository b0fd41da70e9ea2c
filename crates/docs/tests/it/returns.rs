//! The official return's exports: every figure of the JSON is a line of
//! the CSV and of the workbook with the same number, and every line's
//! definition is the one `docs/returns.md` writes. The counts are the case
//! crate's hand-worked totals (`crates/case/tests/returns/expected.toml`).

use std::collections::BTreeMap;
use std::io::Read;

use foidesk_calendar::Date;
use foidesk_case::returns::ReturnCounts;
use foidesk_docs::returns::{ReturnReport, Section, DEFINITIONS, SOURCES};
use serde_json::Value;

const EXPECTED: &str = include_str!("../../../case/tests/returns/expected.toml");
const DOC: &str = include_str!("../../../../docs/returns.md");

/// Each hand-worked total: its name, period and counts.
fn totals() -> Vec<(String, Date, Date, ReturnCounts)> {
    let file: toml::Table = toml::from_str(EXPECTED).unwrap();
    let date = |t: &toml::Table, k: &str, or: &str| {
        Date::parse(t.get(k).and_then(|v| v.as_str()).unwrap_or(or)).unwrap()
    };
    file["total"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let mut t = t.as_table().unwrap().clone();
            let name = t.remove("name").unwrap().as_str().unwrap().to_owned();
            let (from, to) = (date(&t, "from", "2024-01-01"), date(&t, "to", "2024-09-30"));
            t.remove("from");
            t.remove("to");
            let counts: ReturnCounts = toml::Value::Table(t).try_into().unwrap();
            (name, from, to, counts)
        })
        .collect()
}

/// Every figure of the JSON, as (group, key, count).
/// Requests in a round robin, as a report's caller gives them beside the counts.
const ROUND_ROBINS: u64 = 4;

/// Every figure of the JSON (`OfficialReturn::to_json`: the counts, and the
/// round robins beside them).
fn json_figures(counts: &ReturnCounts) -> Vec<(String, String, u64)> {
    let json = serde_json::to_value(counts).unwrap();
    let mut out = vec![(
        "round_robins".to_owned(),
        "round_robins".to_owned(),
        ROUND_ROBINS,
    )];
    for (group, value) in json.as_object().unwrap() {
        match value {
            Value::Number(n) => out.push((group.clone(), group.clone(), n.as_u64().unwrap())),
            Value::Object(map) => {
                for (key, n) in map {
                    out.push((group.clone(), key.clone(), n.as_u64().unwrap()));
                }
            }
            other => panic!("{group}: {other}"),
        }
    }
    out.sort();
    out
}

fn group_name(label: &str) -> String {
    Section::ALL
        .iter()
        .find(|s| s.label() == label)
        .unwrap_or_else(|| panic!("no group labelled {label}"))
        .as_str()
        .to_owned()
}

#[test]
fn the_csv_has_every_figure_of_the_json_and_nothing_else() {
    let check = |name: &str, from: Date, to: Date, counts: &ReturnCounts| {
        let report = ReturnReport {
            from,
            to,
            authority: Some("Kent County Council"),
            counts,
            round_robins: ROUND_ROBINS,
        };
        let bytes = report.csv().unwrap();
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let col = |n: &str| header.iter().position(|h| h == n).unwrap();
        let mut figures = Vec::new();
        for record in reader.records() {
            let r = record.unwrap();
            assert_eq!(&r[col("Authority")], "Kent County Council", "{name}");
            assert_eq!(&r[col("From")], from.to_string(), "{name}");
            assert_eq!(&r[col("To")], to.to_string(), "{name}");
            let category = &r[col("Category")];
            assert!(
                !category.contains('_'),
                "{name}: {category} is not plain words"
            );
            assert!(!r[col("Definition")].is_empty() && !r[col("Source")].is_empty());
            figures.push((
                group_name(&r[col("Group")]),
                r[col("Key")].to_owned(),
                r[col("Count")].parse::<u64>().unwrap(),
            ));
        }
        figures.sort();
        assert_eq!(figures, json_figures(counts), "{name}");
    };
    let all = totals();
    assert!(all.len() >= 4);
    for (name, from, to, counts) in &all {
        check(name, *from, *to, counts);
    }
    check("nothing", all[0].1, all[0].2, &ReturnCounts::default());
}

#[test]
fn the_csv_of_the_second_quarter() {
    let (_, from, to, counts) = totals().into_iter().find(|t| t.0 == "Q2 2024").unwrap();
    let report = ReturnReport {
        from,
        to,
        authority: None,
        counts: &counts,
        round_robins: ROUND_ROBINS,
    };
    insta::assert_snapshot!(String::from_utf8(report.csv().unwrap()).unwrap());
}

/// The workbook's cells, by row and column, shared strings resolved.
fn cells(xlsx: &[u8]) -> BTreeMap<(u32, u32), String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut read = |name: &str| {
        let mut text = String::new();
        zip.by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    };
    let shared_xml = read("xl/sharedStrings.xml");
    let sheet = read("xl/worksheets/sheet1.xml");
    let unescape = |s: &str| {
        s.replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
    };
    let shared: Vec<String> = shared_xml
        .split("<si>")
        .skip(1)
        .map(|si| {
            let start = si.find("<t").unwrap();
            let text = &si[start..];
            let open = text.find('>').unwrap() + 1;
            let close = text.find("</t>").unwrap();
            unescape(&text[open..close])
        })
        .collect();
    let mut out = BTreeMap::new();
    for cell in sheet.split("<c r=\"").skip(1) {
        let reference = &cell[..cell.find('"').unwrap()];
        let letters: String = reference
            .chars()
            .take_while(char::is_ascii_uppercase)
            .collect();
        let row: u32 = reference[letters.len()..].parse().unwrap();
        let col = letters
            .bytes()
            .fold(0, |n, b| n * 26 + u32::from(b - b'A') + 1);
        let tag = &cell[..cell.find('>').unwrap()];
        let Some(v) = cell.find("<v>") else { continue };
        let value = &cell[v + 3..v + cell[v..].find("</v>").unwrap()];
        let text = if tag.contains("t=\"s\"") {
            shared[value.parse::<usize>().unwrap()].clone()
        } else {
            value.to_owned()
        };
        out.insert((row, col), text);
    }
    out
}

#[test]
fn the_workbook_opens_and_holds_the_figures_of_the_json() {
    for (name, from, to, counts) in totals() {
        let report = ReturnReport {
            from,
            to,
            authority: Some("Kent County Council"),
            counts: &counts,
            round_robins: ROUND_ROBINS,
        };
        let made = Date::parse("2024-10-01").unwrap();
        let book = report.xlsx(made).unwrap();
        assert_eq!(
            book,
            report.xlsx(made).unwrap(),
            "{name}: the same bytes each time"
        );
        let cells = cells(&book);
        let heading_row = cells
            .iter()
            .find(|(_, v)| *v == "Count")
            .map(|((row, _), _)| *row)
            .unwrap();
        let heading = |n: &str| {
            cells
                .iter()
                .find(|((row, _), v)| *row == heading_row && *v == n)
                .map(|((_, col), _)| *col)
                .unwrap()
        };
        let (group, key, count) = (heading("Group"), heading("Key"), heading("Count"));
        let mut figures = Vec::new();
        let mut row = heading_row + 1;
        while let Some(n) = cells.get(&(row, count)) {
            figures.push((
                group_name(&cells[&(row, group)]),
                cells[&(row, key)].clone(),
                n.parse::<u64>().unwrap(),
            ));
            row += 1;
        }
        figures.sort();
        assert_eq!(figures, json_figures(&counts), "{name}");
        assert!(
            cells.values().any(|v| v.contains(&report.period_words())),
            "{name}"
        );
    }
}

/// A table row of the document: `| `key` | counts | source |`, emphasis dropped.
fn doc_rows() -> Vec<(String, String, String)> {
    DOC.lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line
                .trim()
                .strip_prefix('|')?
                .strip_suffix('|')?
                .split(" | ")
                .collect();
            let key = cells.first()?.trim().strip_prefix('`')?.strip_suffix('`')?;
            let plain = |s: &str| s.trim().replace("**", "");
            Some((key.to_owned(), plain(cells.get(1)?), plain(cells.get(2)?)))
        })
        .collect()
}

#[test]
fn the_definitions_are_those_of_docs_returns_md() {
    let rows = doc_rows();
    for d in DEFINITIONS {
        let found = rows.iter().find(|(key, _, _)| key == d.key);
        assert_eq!(
            found,
            Some(&(d.key.to_owned(), d.counts.to_owned(), d.source.to_owned())),
            "{}: docs/returns.md must say what the code says",
            d.key
        );
    }
    for (key, _, _) in &rows {
        assert!(
            DEFINITIONS.iter().any(|d| d.key == key),
            "docs/returns.md defines `{key}`, which the code does not"
        );
    }
    for s in SOURCES {
        assert!(
            DOC.contains(&format!("**[{}]**", s.tag)),
            "{} is not listed",
            s.tag
        );
        assert!(
            DOC.contains(s.url),
            "{}'s address is not in the document",
            s.tag
        );
    }
}

#[test]
fn an_authority_name_is_never_a_formula_in_the_csv() {
    let counts = ReturnCounts::default();
    let check = |name: &str, cell: &str| {
        let report = ReturnReport {
            from: Date::parse("2024-04-01").unwrap(),
            to: Date::parse("2024-06-30").unwrap(),
            authority: Some(name),
            counts: &counts,
            round_robins: ROUND_ROBINS,
        };
        let bytes = report.csv().unwrap();
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        for r in reader.records() {
            assert_eq!(&r.unwrap()[0], cell, "{name}");
        }
    };
    check("Kent County Council", "Kent County Council");
    check("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")");
    check("+44 Council", "'+44 Council");
    check("@home", "'@home");
}
