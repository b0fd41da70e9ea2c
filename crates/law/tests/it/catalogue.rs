//! The catalogue as a whole: coverage, provenance, NCND pointers, dates and `law show`.

use foidesk_calendar::Date;
use foidesk_law::{Catalogue, LawError, Parameter, ProvisionId, ProvisionKind, Reference};

fn id(s: &str) -> ProvisionId {
    ProvisionId::parse(s).unwrap()
}

fn date(s: &str) -> Date {
    Date::parse(s).unwrap()
}

/// (id, expected: known, (date, in force on it), the entry that contains it)
type Case<'a> = (&'a str, bool, Option<(&'a str, bool)>, Option<&'a str>);

fn check(cases: &[Case<'_>]) {
    let law = Catalogue::standard();
    for &(text, known, in_force, entry) in cases {
        let pid = id(text);
        assert_eq!(law.is_known(&pid), known, "known {text}");
        if let Some((on, want)) = in_force {
            assert_eq!(
                law.in_force_on(&pid, date(on)),
                want,
                "{text} in force on {on}"
            );
        }
        assert_eq!(
            law.provision(&pid).map(|p| p.id.clone()),
            entry.map(id),
            "entry of {text}"
        );
    }
}

#[test]
fn covers_every_provision_casework_uses() {
    let mut required: Vec<String> = [
        "1", "2", "9", "10", "11", "11A", "12", "13", "14", "16", "17", "22A", "45", "50", "51",
        "52", "53", "54", "57", "77",
    ]
    .iter()
    .map(|s| format!("s.{s}"))
    .collect();
    required.extend((21..=44).map(|s| format!("s.{s}")));
    required.extend(
        ["5", "7", "9", "11", "12", "13", "14", "18", "19"]
            .iter()
            .map(|r| format!("reg.{r}")),
    );
    required.extend(
        ["12(1)", "12(2)", "12(6)", "12(9)"]
            .iter()
            .map(|r| format!("reg.{r}")),
    );
    required.extend(
        ["a", "b", "c", "d", "e"]
            .iter()
            .map(|l| format!("reg.12(4)({l})")),
    );
    required.extend(
        ["a", "b", "c", "d", "e", "f", "g"]
            .iter()
            .map(|l| format!("reg.12(5)({l})")),
    );
    let tops: Vec<String> = required.iter().map(|r| id(r).top().to_string()).collect();
    let cases: Vec<Case<'_>> = required
        .iter()
        .zip(&tops)
        .map(|(r, top)| {
            (
                r.as_str(),
                true,
                Some(("2024-01-01", true)),
                Some(top.as_str()),
            )
        })
        .collect();
    check(&cases);
}

#[test]
fn lookup_and_dates() {
    check(&[
        ("s.31(1)(a)", true, Some(("2024-01-01", true)), Some("s.31")),
        ("s.31(1)", true, None, Some("s.31")),
        ("s.31(9)", false, None, None),
        ("s.99", false, None, None),
        ("s.99(1)", false, None, None),
        ("s.31(1)(a)(i)", false, None, None),
        ("reg.12(5)(e)", true, None, Some("reg.12")),
        (
            "s.40(5B)(a)(i)",
            true,
            Some(("2018-05-24", false)),
            Some("s.40"),
        ),
        (
            "s.40(5)(b)",
            true,
            Some(("2018-05-25", false)),
            Some("s.40"),
        ),
        ("s.40(5)(b)", true, Some(("2018-05-24", true)), Some("s.40")),
        ("s.22A", true, Some(("2014-09-30", false)), Some("s.22A")),
        ("s.22A(2)", true, Some(("2014-10-01", true)), Some("s.22A")),
        (
            "s.37(1)(aa)",
            true,
            Some(("2011-01-18", false)),
            Some("s.37"),
        ),
        (
            "s.37(1)(aa)",
            true,
            Some(("2011-01-19", true)),
            Some("s.37"),
        ),
        ("s.2(3)(fa)", true, Some(("2018-05-24", false)), Some("s.2")),
        ("s.10", true, Some(("2004-12-31", false)), Some("s.10")),
    ]);
}

/// Every sourced thing in the data, by kind: (kind, what, references, secondary).
fn sourced(law: &Catalogue) -> Vec<(&'static str, String, &[Reference], &[Reference])> {
    let mut out = Vec::new();
    for p in law.provisions() {
        out.push((
            "provision",
            p.id.to_string(),
            &p.references[..],
            &p.secondary[..],
        ));
        for part in &p.parts {
            out.push((
                "part",
                part.id.to_string(),
                &part.references,
                &part.secondary,
            ));
        }
        for rule in &p.rules {
            for s in &rule.status {
                let what = format!("{} status from {}", rule.at, s.from);
                out.push(("dated value", what, &s.references, &s.secondary));
            }
        }
    }
    for name in Parameter::ALL {
        for v in law.parameter_history(name) {
            let what = format!("{name} from {}", v.from);
            out.push(("dated value", what, &v.references, &v.secondary));
        }
    }
    out
}

#[test]
fn every_entry_has_provenance() {
    let law = Catalogue::standard();
    for p in law.provisions() {
        assert!(!p.title.trim().is_empty(), "{} has no title", p.id);
        assert!(p.in_force_from.is_some(), "{} has no start date", p.id);
        for part in &p.parts {
            assert!(!part.title.trim().is_empty(), "{} has no title", part.id);
        }
    }
    let all = sourced(law);
    for kind in ["provision", "part", "dated value"] {
        assert!(
            all.iter().filter(|s| s.0 == kind).count() > 20,
            "few {kind}s"
        );
    }
    for (kind, what, references, _) in &all {
        assert!(!references.is_empty(), "{kind} {what} has no reference");
        for r in *references {
            assert!(
                !r.title.trim().is_empty(),
                "{kind} {what}: untitled {}",
                r.href
            );
        }
    }
}

/// A title that cites legislation: an Act, an SI, rules or regulations, or a section,
/// regulation, rule or schedule of one (whoever publishes the page).
fn names_legislation(title: &str) -> bool {
    let words: Vec<&str> = title
        .split(|c: char| c.is_whitespace() || c == '(' || c == ',' || c == ':')
        .collect();
    let numbered = |w: &str| w.starts_with(|c: char| c.is_ascii_digit());
    words.windows(2).any(|w| match (w[0], w[1]) {
        ("Act" | "Regulations" | "Rules", year) => numbered(year),
        ("SI" | "section" | "Section" | "regulation" | "Regulation", n) => numbered(n),
        _ => false,
    }) || words.iter().any(|w| {
        ["FOIA", "EIR"].contains(w)
            || ["s.", "reg.", "r.", "Sch."]
                .iter()
                .any(|p| w.strip_prefix(p).is_some_and(numbered))
    })
}

#[test]
fn statute_references_point_at_legislation_gov_uk() {
    assert!(names_legislation("FOIA 2000 s.31(1)(a)"));
    assert!(names_legislation(
        "ICO guidance: section 40 and regulation 13"
    ));
    assert!(names_legislation("Data Protection Act 2018 Sch.19 para 58"));
    assert!(!names_legislation("ICO: information notices"));
    assert!(!names_legislation("Wikisource: a page"));

    let all = sourced(Catalogue::standard());
    let mut figures = Vec::new();
    for kind in ["provision", "part", "dated value", "all"] {
        let statute: Vec<&Reference> = all
            .iter()
            .filter(|s| kind == "all" || s.0 == kind)
            .flat_map(|s| s.2.iter())
            .filter(|r| names_legislation(&r.title))
            .collect();
        let at = statute.iter().filter(|r| r.is_legislation()).count();
        let percent = 100.0 * at as f64 / statute.len() as f64;
        println!(
            "{kind}: {at} of {} statute references at legislation.gov.uk ({percent:.1}%)",
            statute.len()
        );
        figures.push((kind, percent));
    }
    let total: usize = all.iter().map(|s| s.2.len()).sum();
    let secondary: usize = all.iter().map(|s| s.3.len()).sum();
    println!("{total} references, {secondary} secondary sources");
    // The parts are nearly all plain section links, so also hold each other kind to 80%.
    for (kind, percent) in &figures[..3] {
        assert!(*percent >= 80.0, "{kind}: only {percent:.1}%");
    }
    for (kind, what, references, _) in all.iter().filter(|s| s.0 != "dated value") {
        assert!(
            references.iter().any(Reference::is_legislation),
            "{kind} {what} does not cite its legislation"
        );
    }
    let (_, overall) = figures[3];
    assert!(
        overall >= 90.0,
        "only {overall:.1}% of statute references at legislation.gov.uk"
    );
}

/// RFC 3986 characters, with `%` only as the start of an escape.
fn well_formed_url(href: &str) -> bool {
    let Some(rest) = href
        .strip_prefix("https://")
        .or_else(|| href.strip_prefix("http://"))
    else {
        return false;
    };
    let (host, tail) = rest.split_at(rest.find(['/', '?', '#']).unwrap_or(rest.len()));
    let labels: Vec<&str> = host.split('.').collect();
    let host_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    let bytes = tail.as_bytes();
    let tail_ok = bytes.iter().enumerate().all(|(i, &b)| match b {
        b'%' => bytes
            .get(i + 1..i + 3)
            .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)),
        b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => true,
        _ => b"-._~:/?#[]@!$&'()*+,;=".contains(&b),
    });
    host_ok && tail_ok
}

#[test]
fn every_href_is_well_formed_and_references_are_https() {
    assert!(well_formed_url(
        "https://www.legislation.gov.uk/ukpga/2000/36/section/10"
    ));
    assert!(well_formed_url("https://x.gov.uk/Part%204.htm?a=b"));
    for bad in [
        "https://ico.org.uk./x",
        "https://x.uk/a b",
        "https://x.uk/%2",
        "ftp://x.uk/",
        "https://host/",
    ] {
        assert!(!well_formed_url(bad), "{bad}");
    }
    for (kind, what, references, secondary) in sourced(Catalogue::standard()) {
        for r in references {
            assert!(
                r.href.starts_with("https://"),
                "{kind} {what}: {} is not https",
                r.href
            );
            assert!(
                !r.href.contains("legislation.data.gov.uk") && !r.href.contains("gov.uk/id/"),
                "{kind} {what}: {}",
                r.href
            );
            if r.href.contains("legislation.gov.uk") {
                assert!(r.is_legislation(), "{kind} {what}: {} not on www", r.href);
            }
        }
        for r in references.iter().chain(secondary) {
            assert!(well_formed_url(&r.href), "{kind} {what}: {}", r.href);
        }
    }
}

#[test]
fn every_ncnd_pointer_names_a_known_ncnd_subsection() {
    let law = Catalogue::standard();
    let mut pointers = 0;
    for p in law.provisions() {
        let is_exempting = matches!(p.kind, ProvisionKind::Exemption | ProvisionKind::Exception);
        assert_eq!(
            is_exempting,
            p.rules.iter().any(|r| !r.status.is_empty()),
            "{}",
            p.id
        );
        for target in p.parts.iter().map(|part| &part.id).chain([&p.id]) {
            if let Some(n) = law.ncnd_provision(target) {
                pointers += 1;
                assert!(law.is_known(&n), "{target} -> unknown {n}");
                assert!(
                    law.is_ncnd_provision(&n),
                    "{target} -> {n}, not an NCND subsection"
                );
                assert!(p.id.covers(&n), "{target} -> {n}, outside {}", p.id);
            }
        }
        for n in &p.ncnd_subsections {
            assert!(law.part(n).is_some(), "{n} is not a listed part");
        }
    }
    assert!(pointers > 60, "only {pointers} NCND pointers");
}

#[test]
fn unknown_provisions_are_errors_for_describe() {
    let law = Catalogue::standard();
    match law.describe(&id("s.99"), None) {
        Err(LawError::UnknownProvision { id }) => assert_eq!(id, "s.99"),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn law_show_snapshots() {
    let law = Catalogue::standard();
    let on = Some(date("2024-01-01"));
    insta::assert_snapshot!("show_s31_2024", law.describe(&id("s.31"), on).unwrap());
    insta::assert_snapshot!("show_s31_3_limb", law.describe(&id("s.31(3)"), on).unwrap());
    insta::assert_snapshot!(
        "show_s37_history",
        law.describe(&id("s.37(1)(a)"), None).unwrap()
    );
    insta::assert_snapshot!(
        "show_reg12_5_a",
        law.describe(&id("reg.12(5)(a)"), on).unwrap()
    );
}
