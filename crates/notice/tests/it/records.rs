//! The website's JSON records (../shared/corpus/real/ico_api_metadata.jsonl): one record
//! each, read as the notice page it stands for.

use serde_json::Value;

#[test]
fn api_records_give_their_metadata() {
    let path = foidesk_testkit::shared("corpus/real/ico_api_metadata.jsonl");
    let bytes = std::fs::read(&path).unwrap();
    let parsed = foidesk_notice::parse_records(&bytes).expect("JSON records");
    let raw: Vec<Value> = String::from_utf8(bytes)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(parsed.len(), raw.len());
    assert_eq!(parsed.len(), 25);
    for (p, want) in parsed.iter().zip(&raw) {
        let r = &p.record;
        let title = want["title"].as_str().unwrap();
        assert_eq!(
            r.source_kind,
            Some(foidesk_notice::SourceKind::NoticePage),
            "{title}"
        );
        assert_eq!(r.public_authority.as_deref(), Some(title));
        // The corpus's own keys, beside the API's: the date, sector and URL reference.
        assert_eq!(
            r.date.map(|d| d.to_string()).as_deref(),
            want["date"].as_str(),
            "{title}"
        );
        assert_eq!(r.sector.as_deref(), want["sector"].as_str(), "{title}");
        assert_eq!(
            r.url_reference.as_deref(),
            want["reference_from_url"].as_str(),
            "{title}"
        );
        assert_eq!(r.url.as_deref(), want["url"].as_str(), "{title}");
        let labels = want["filterItemDecisions"].as_array().unwrap();
        assert_eq!(
            r.decisions.len(),
            labels.len(),
            "{title}: {:?}",
            r.decisions
        );
        for (d, l) in r.decisions.iter().zip(labels) {
            let section = l["section"].as_str().unwrap();
            let number = section.split_once(' ').unwrap().1;
            let prefix = if section.starts_with("FOI") {
                "s."
            } else {
                "reg."
            };
            assert_eq!(
                d.provision.to_string(),
                format!("{prefix}{number}"),
                "{title}"
            );
            let finding = serde_json::to_value(d.finding).unwrap();
            let status = l["status"]
                .as_str()
                .unwrap()
                .to_lowercase()
                .replace(' ', "_");
            assert_eq!(finding, Value::String(status), "{title}");
        }
    }
}

#[test]
fn text_is_not_records() {
    let dir = foidesk_testkit::shared("corpus/real");
    for n in [1, 6, 13, 70] {
        let bytes = std::fs::read(dir.join(format!("{n:03}.txt"))).unwrap();
        assert!(foidesk_notice::parse_records(&bytes).is_none(), "{n:03}");
    }
}
