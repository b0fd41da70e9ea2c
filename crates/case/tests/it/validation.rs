//! Bad case files are refused with a message that names the field or event.

use foidesk_case::{parse_case, CaseError, EventField, EventType};

const REQUEST: &str = r#"
[request]
authority = "Borsetshire Police"
regime = "FOIA"
received = "2024-01-15"

[[request.parts]]
id = "1"
text = "Numbers of speed cameras."
"#;

/// Parse REQUEST followed by `events`; the error must mention every needle.
fn check(events: &str, needles: &[&str]) {
    let text = format!("{REQUEST}\n{events}");
    let err = parse_case(&text).expect_err("the file must be refused");
    let msg = err.to_string();
    for n in needles {
        assert!(msg.contains(n), "message {msg:?} should mention {n:?}");
    }
}

#[test]
fn response_before_receipt_names_event_and_both_dates() {
    check(
        "[[events]]\nkind = \"response\"\ndate = \"2024-01-10\"\noutcomes = [{ part = \"1\", outcome = \"disclosed\" }]\n",
        &["event 1 (response)", "2024-01-10", "2024-01-15"],
    );
    let text = format!("{REQUEST}\n[[events]]\nkind = \"complaint\"\ndate = \"2023-12-01\"\n");
    assert!(matches!(
        parse_case(&text),
        Err(CaseError::EventBeforeReceipt { event: 1, .. })
    ));
}

#[test]
fn unknown_provision_is_named() {
    check(
        "[[events]]\nkind = \"response\"\ndate = \"2024-02-01\"\noutcomes = [{ part = \"1\", outcome = \"withheld\", provisions = [\"s.99(1)\"] }]\n",
        &["s.99(1)", "event 1 (response)", "unknown provision"],
    );
    check(
        "[[events]]\nkind = \"response\"\ndate = \"2024-02-01\"\noutcomes = [{ part = \"1\", outcome = \"withheld\", provisions = [\"section 31(9)\"] }]\n",
        &["s.31(9)", "unknown provision"],
    );
}

#[test]
fn field_errors_name_the_field() {
    check("[[events]]\nkind = \"response\"\ndate = \"2024-02-30\"\noutcomes = [{ part = \"1\", outcome = \"disclosed\" }]\n", &["event 1 (response), field `date`", "2024-02-30"]);
    check(
        "[[events]]\nkind = \"responded\"\ndate = \"2024-02-01\"\n",
        &["event 1, field `kind`", "responded"],
    );
    check(
        "[[events]]\nkind = \"complaint\"\ndate = \"2024-02-01\"\nresult = \"upheld\"\n",
        &["event 1 (complaint), field `result`"],
    );
    check("[[events]]\nkind = \"response\"\ndate = \"2024-02-01\"\noutcomes = [{ part = \"9\", outcome = \"disclosed\" }]\n", &["outcomes[1], field `part`", "'9'"]);
    check("[[events]]\nkind = \"response\"\ndate = \"2024-02-01\"\noutcomes = [{ part = \"1\", outcome = \"maybe\" }]\n", &["field `outcome`", "maybe"]);
    check(
        "[[events]]\nkind = \"response\"\ndate = \"2024-02-01\"\n",
        &["field `outcomes`"],
    );
    check(
        "[[events]]\nkind = \"internal_review\"\ndate = \"2024-02-01\"\nresult = \"sideways\"\n",
        &["field `result`", "sideways"],
    );
    check("[[events]]\nkind = \"response\"\ndate = \"2024-02-01\"\noutcomes = [{ part = \"1\", outcome = \"disclosed\", provisions = [\"s.31(3)\"] }]\n", &["field `provisions`"]);
}

#[test]
fn events_out_of_order_are_refused() {
    check(
        "[[events]]\nkind = \"fee_paid\"\ndate = \"2024-02-01\"\n",
        &["event 1 (fee_paid)", "fee_notice"],
    );
    check(
        "[[events]]\nkind = \"clarification_received\"\ndate = \"2024-02-01\"\n",
        &["clarification_sought"],
    );
    check(
        "[[events]]\nkind = \"compliance\"\ndate = \"2024-02-01\"\n",
        &["decision_notice"],
    );
    check(
        "[[events]]\nkind = \"decision_notice\"\ndate = \"2024-02-01\"\n",
        &["complaint"],
    );
}

#[test]
fn request_errors_name_the_field() {
    let base = REQUEST.replace("regime = \"FOIA\"", "regime = \"FOISA\"");
    assert!(parse_case(&base)
        .unwrap_err()
        .to_string()
        .contains("request.regime"));
    let base = REQUEST.replace("2024-01-15", "15/01/2024");
    assert!(parse_case(&base)
        .unwrap_err()
        .to_string()
        .contains("request.received"));
    let school = REQUEST.replace(
        "regime = \"FOIA\"",
        "regime = \"FOIA\"\nauthority_type = \"school\"",
    );
    assert!(parse_case(&school)
        .unwrap_err()
        .to_string()
        .contains("request.school_calendar"));
    let typo = REQUEST.replace(
        "regime = \"FOIA\"",
        "regime = \"FOIA\"\nrecieved = \"2024-01-15\"",
    );
    assert!(parse_case(&typo)
        .unwrap_err()
        .to_string()
        .contains("recieved"));
    assert!(matches!(
        parse_case("not toml ["),
        Err(CaseError::Syntax { .. })
    ));
}

#[test]
fn finding_provisions_are_known_to_the_catalogue() {
    let law = foidesk_law::Catalogue::standard();
    for p in foidesk_case::finding_provisions() {
        let id = foidesk_law::ProvisionId::parse(p).unwrap_or_else(|e| panic!("{p}: {e}"));
        assert!(law.is_known(&id), "{p} is not in the statute catalogue");
    }
}

/// Each kind is declared in full: a label for people that is not its wire
/// name, a desk that records it, and fields each given once.
#[test]
fn every_event_kind_has_a_label_a_recorder_and_its_fields() {
    assert_eq!(EventType::ALL.len(), EventType::NAMES.len());
    for kind in EventType::ALL {
        let name = kind.as_str();
        assert_eq!(EventType::from_name(name), Some(kind));
        assert!(!kind.label().trim().is_empty(), "{name} has no label");
        assert_ne!(kind.label(), name, "{name}'s label is its wire name");
        assert!(!kind.recorded_by().is_empty(), "nobody records {name}");
        let fields = kind.fields();
        for (i, f) in fields.iter().enumerate() {
            assert!(!fields[..i].contains(f), "{name} lists {f:?} twice");
        }
    }
    for field in EventField::ALL {
        assert!(!field.label().trim().is_empty(), "{field:?} has no label");
    }
}

/// A field the kind does not declare is refused, naming the field: for
/// every kind and every field it does not take.
#[test]
fn each_kind_refuses_every_field_it_does_not_declare() {
    let values = |field: EventField| match field {
        EventField::AmountPence | EventField::StepsDays | EventField::Corrects => "1",
        EventField::Corrected => "{ kind = \"complaint\", date = \"2024-02-01\" }",
        EventField::PublicInterestReasons
        | EventField::StatesReviewProcedure
        | EventField::StatesComplaintRight => "true",
        EventField::Provisions | EventField::Breaches | EventField::Steps => "[\"s.31\"]",
        EventField::Parts => "[\"1\"]",
        EventField::Outcomes => "[{ part = \"1\", outcome = \"disclosed\" }]",
        _ => "\"x\"",
    };
    for kind in EventType::ALL {
        for field in EventField::ALL {
            if kind.fields().contains(&field) {
                continue;
            }
            let event = format!(
                "[[events]]\nkind = \"{}\"\ndate = \"2024-02-01\"\n{} = {}\n",
                kind.as_str(),
                field.as_str(),
                values(field)
            );
            check(
                &event,
                &[&format!("({}), field `{}`", kind.as_str(), field.as_str())],
            );
        }
    }
}
