//! The request's intake fields: how it came in, the requester's name,
//! contact address and type; and the hint that words suggest the EIR.

use foidesk_case::{environmental_words, parse_case, Channel, RequesterType};

const HEAD: &str =
    "[request]\nauthority = \"Borsetshire Police\"\nregime = \"FOIA\"\nreceived = \"2024-01-15\"\n";

/// The request with `fields` added: accepted (Ok with channel and type) or
/// refused with a message naming `needle`.
fn check(fields: &str, want: Result<(Option<Channel>, Option<RequesterType>), &str>) {
    let text = format!("{HEAD}{fields}");
    match (parse_case(&text), want) {
        (Ok(case), Ok((channel, kind))) => {
            assert_eq!(
                (case.request.channel, case.request.requester_type),
                (channel, kind),
                "{fields}"
            );
        }
        (Err(e), Err(needle)) => {
            assert!(e.to_string().contains(needle), "{e} should name {needle}")
        }
        (got, want) => panic!("{fields}: got {got:?}, wanted {want:?}"),
    }
}

#[test]
fn the_intake_fields_are_read_and_checked() {
    check("", Ok((None, None)));
    check(
        "channel = \"whatdotheyknow\"\nrequester_name = \"Siân Llŷr\"\ncontact = [\"1 High Street\", \"Cardiff\"]\nrequester_type = \"mp\"\n",
        Ok((Some(Channel::WhatDoTheyKnow), Some(RequesterType::Mp))),
    );
    check("channel = \"fax\"\n", Err("request.channel"));
    check(
        "requester_type = \"lawyer\"\n",
        Err("request.requester_type"),
    );
    check(
        "contact = [\"1 High Street\", \" \"]\n",
        Err("request.contact"),
    );
    check("contact_address = \"x\"\n", Err("contact_address"));
}

#[test]
fn environmental_words_are_found_as_words() {
    let cases: [(&str, &[&str]); 7] = [
        ("Air quality readings near the depot", &["air quality"]),
        ("Pollution and FLOODING reports", &["pollut", "flood"]),
        (
            "Planning applications for the land behind the station",
            &["planning", "land"],
        ),
        ("Trees felled by the river", &["tree", "river"]),
        ("The landlord's treatment of staff", &[]),
        ("Overtime paid to officers", &[]),
        ("", &[]),
    ];
    for (text, want) in cases {
        assert_eq!(environmental_words(text), want, "{text}");
    }
}
