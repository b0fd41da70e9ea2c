//! The detection tests: the same request to two forces, a reordered variant with a
//! part dropped, a different request on the same topic, and one on another topic.

use foidesk_likeness::{
    bands, compare, exact_key, normalise, related_bands, signature, Likeness, Names,
};

fn names() -> Names {
    Names::new([
        "Kent Police",
        "Nottinghamshire Police",
        "Notts Police",
        "Westshire Constabulary",
    ])
}

/// A two-part request about household devices, to one force.
const KENT: &str = "Dear Kent Police,

I am writing to ask, under the Freedom of Information Act 2000, for the following.

1. Since 1 January 2015, has Kent Police used information recorded by smart speakers, smart
watches, home assistants or other internet-connected household devices as evidence in a
criminal investigation? If so, in how many investigations in each year?
2. Does Kent Police hold written guidance for officers on seizing and examining such devices?
3. Has the force asked any manufacturer of such devices for data it holds about a user?

Yours faithfully,

Alex Example
12 Sample Road";

/// The same request to another force: its name, \"a)\" for \"1.\", other line breaks and
/// another requester.
const NOTTS: &str = "Dear Nottinghamshire Police,
I am writing to ask, under the Freedom of Information Act 2000, for the following.
a) Since 1 January 2015, has Nottinghamshire Police used information recorded by smart
speakers, smart watches, home assistants or other internet-connected household devices as
evidence in a criminal investigation? If so, in how many investigations in each year?
b) Does Nottinghamshire Police hold written guidance for officers on seizing and examining
such devices?
c) Has the force asked any manufacturer of such devices for data it holds about a user?
Kind regards,
Sam Sender";

/// The request reordered, with its guidance part dropped.
const VARIANT: &str = "Hello,

Under the Freedom of Information Act 2000 I would like to know:

(i) Has the force asked any manufacturer of such devices for data it holds about a user?
(ii) Since 1 January 2015, has Westshire Constabulary used information recorded by smart
speakers, smart watches, home assistants or other internet-connected household devices as
evidence in a criminal investigation? If so, in how many investigations in each year?

Many thanks,
Robin";

/// Another request on the same topic.
const RELATED: &str = "Dear Sir or Madam,

Please tell me how many smart speakers, smart watches and other internet-connected
devices the force's digital forensics unit examined in 2023, and how long examining such
devices took on average.

Regards,
Kim";

/// A request on another topic altogether.
const UNRELATED: &str = "Dear Kent Police,

How many officers were dismissed after a misconduct hearing in 2022 and 2023, and how many
of those hearings were held in public?

Yours sincerely,
Lee";

/// A two-part request about tasers ...
const TASERS: &str = "1. How many tasers were deployed by the force in each year from 2019 to 2023,
broken down by district?
2. How many officers are trained to carry a taser?";

/// ... reworded a little ...
const TASERS_REWORDED: &str = "1. How many times were tasers deployed by the force in each
year from 2019 to 2023, broken down by district?
2. How many of your officers are trained to carry a taser?";

/// ... with a third part ...
const TASERS_AND_COST: &str = "1. How many tasers were deployed by the force in each year from
2019 to 2023, broken down by district?
2. How many officers are trained to carry a taser?
3. What did the force spend on tasers in 2023?";

/// ... and a question like its first in all but its subject.
const DRONES: &str = "How many drones were deployed by the force in each year from 2019 to 2023?";

/// How to answer, as many requesters write it.
const HOW: &str = "I would like to receive the information electronically. If any part of this
request is exempt, please provide the rest of the information and say which exemption applies
to the part you withhold. If you need any clarification, please contact me.";

/// Two short questions, each with that paragraph.
const TASERS_HOW: &str = "How many tasers were deployed by officers in 2023?

{how}";
const OVERTIME_HOW: &str = "What did the force spend on overtime for detectives in 2022?

{how}";

struct Case {
    name: &'static str,
    a: &'static str,
    b: &'static str,
    likeness: Likeness,
    same_key: bool,
    /// They share a band (a candidate for same or variant).
    banded: bool,
    /// They share a related band (a candidate for related).
    related: bool,
}

const CASES: &[Case] = &[
    Case {
        name: "the same request to another force, with other list markers and line breaks",
        a: KENT,
        b: NOTTS,
        likeness: Likeness::Same,
        same_key: true,
        banded: true,
        related: true,
    },
    Case {
        name: "reordered, with a part dropped",
        a: KENT,
        b: VARIANT,
        likeness: Likeness::Variant,
        same_key: false,
        banded: true,
        related: true,
    },
    Case {
        name: "a different request on the same topic",
        a: KENT,
        b: RELATED,
        likeness: Likeness::Related,
        same_key: false,
        banded: false,
        related: true,
    },
    Case {
        name: "a request on another topic",
        a: KENT,
        b: UNRELATED,
        likeness: Likeness::Unrelated,
        same_key: false,
        banded: false,
        related: false,
    },
    Case {
        name: "reworded a little",
        a: TASERS,
        b: TASERS_REWORDED,
        likeness: Likeness::Variant,
        same_key: false,
        banded: true,
        related: true,
    },
    Case {
        name: "with a part added",
        a: TASERS,
        b: TASERS_AND_COST,
        likeness: Likeness::Variant,
        same_key: false,
        banded: true,
        related: true,
    },
    Case {
        name: "another subject in the same words",
        a: TASERS,
        b: DRONES,
        likeness: Likeness::Related,
        same_key: false,
        banded: false,
        // One topic word in seven shared: too few for the coarse bands to find it.
        related: false,
    },
    Case {
        name: "two questions sharing only how to answer them",
        a: TASERS_HOW,
        b: OVERTIME_HOW,
        likeness: Likeness::Unrelated,
        same_key: false,
        banded: false,
        related: false,
    },
];

fn check(case: &Case) {
    let names = names();
    let (ta, tb) = (case.a.replace("{how}", HOW), case.b.replace("{how}", HOW));
    let (a, b) = (normalise(&ta, &names), normalise(&tb, &names));
    let c = compare(&a, &b);
    assert_eq!(c.likeness, case.likeness, "{}: {c:?}", case.name);
    assert_eq!(
        compare(&b, &a).likeness,
        case.likeness,
        "{}: compare is symmetric",
        case.name
    );
    assert_eq!(
        exact_key(&a) == exact_key(&b),
        case.same_key,
        "{}: exact keys\n{a:?}\n{b:?}",
        case.name
    );
    let (sa, sb) = (signature(&a), signature(&b));
    let shares = |x: Vec<(u16, i64)>, y: Vec<(u16, i64)>| x.iter().any(|band| y.contains(band));
    assert_eq!(
        shares(bands(&sa), bands(&sb)),
        case.banded,
        "{}: bands",
        case.name
    );
    assert_eq!(
        shares(related_bands(&sa), related_bands(&sb)),
        case.related,
        "{}: related bands",
        case.name
    );
}

#[test]
fn same_variant_related_and_unrelated_requests_are_told_apart() {
    for case in CASES {
        check(case);
    }
}
