//! What each figure of the official return counts, and where that comes
//! from: the one place the definitions are written in code. The page, the
//! CSV, the spreadsheet and `docs/returns.md` all say these words (a test
//! checks the document's tables against this one).

use super::Section;

/// One category: its key in the JSON, its words for people when no
/// vocabulary names it, what it counts and its source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Definition {
    pub section: Section,
    pub key: &'static str,
    /// The label where the case crate's vocabularies have none.
    pub own_label: Option<&'static str>,
    pub counts: &'static str,
    pub source: &'static str,
}

const fn def(
    section: Section,
    key: &'static str,
    own_label: Option<&'static str>,
    counts: &'static str,
    source: &'static str,
) -> Definition {
    Definition {
        section,
        key,
        own_label,
        counts,
        source,
    }
}

use Section::{
    Eir, Exemptions, InitialOutcomes, InternalReviews, Received, RoundRobins, Timeliness,
};

/// The key of the one definition every exemption row shares.
pub const EXEMPTION_KEY: &str = "exemption";

pub const DEFINITIONS: &[Definition] = &[
    def(Received, "received", Some("requests received"),
        "every request whose date of receipt falls in the period, both ends included: a request is counted in the quarter it arrived in whatever happened later, and a clarification does not move it to a later quarter",
        "Q1-2020, Table 1"),
    def(Timeliness, "in_time", None,
        "its first response came on or before the time for compliance without any extension: the 20th working day after the date of receipt (or the variation for the authority's type, s.10(4)), which is the day a clarification arrived if one was sought (s.1(3), s.10(6)), with the working days of a paid fee's pause disregarded (s.10(2))",
        "FOIA s.10(1); EIR reg.5(2); BoE \"within 20 working days\""),
    def(Timeliness, "in_time_with_extension", None,
        "it came later than that but the assessment finds no breach of s.10(1) / reg.5(2): a valid s.10(3) public interest extension covered every refused part, or an EIR reg.7(1) extension was notified in time and the response came within 40 working days",
        "FOIA s.10(3); EIR reg.7(1); BoE \"permitted extension of statutory deadline\""),
    def(Timeliness, "late", None,
        "it came after the time for compliance and any permitted extension (a breach of s.10(1) or reg.5(2)); an extension notified too late, or claimed for an absolute exemption only, or for a FOIA request under reg.7, permits nothing",
        "FOIA s.10(1); EIR reg.5(2)"),
    def(Timeliness, "not_yet_answered", None,
        "no response yet, and the request is not on hold, lapsed or closed (overdue or not)",
        "Q1-2020, Table 1"),
    def(Timeliness, "on_hold", None,
        "no response, and a clarification is awaited (s.1(3)) or a fees notice is unpaid within its three months (s.9(2)); excluded from the in-time measure, as issue 16 quotes the return",
        "FOIA s.1(3), s.9(2); exclusion [unverified]"),
    def(Timeliness, "lapsed", None,
        "no response, and a fees notice went unpaid for its three months, or was paid after them: the authority need not comply, so it is not an answered request",
        "FOIA s.9(2); category [unverified]"),
    def(Timeliness, "closed", None,
        "withdrawn, a duplicate or transferred before any response",
        "[unverified]"),
    def(InitialOutcomes, "granted_in_full", None,
        "every part held was disclosed (parts \"not held\" beside disclosed parts do not change that [unverified])",
        "Q3-2021"),
    def(InitialOutcomes, "withheld_in_full", None,
        "nothing was disclosed and at least one part was refused: an exemption or exception, neither confirm nor deny, s.12 or s.14 (parts \"not held\" beside it do not change that [unverified])",
        "Q3-2021"),
    def(InitialOutcomes, "partially_withheld", None,
        "something was disclosed (in full or in part) and something refused",
        "Q3-2021"),
    def(InitialOutcomes, "not_yet_processed", None,
        "no response yet and not on hold, lapsed or closed (timeliness \"not yet answered\")",
        "Q3-2021"),
    def(InitialOutcomes, "not_held", None,
        "every part was answered \"not held\"",
        "BoE \"information not held\""),
    def(InitialOutcomes, "no_response_due", None,
        "on hold, lapsed or closed before a response",
        "[unverified]"),
    def(InitialOutcomes, "cost_limit", Some("of which refused on cost (s.12)"),
        "a part was refused under s.12",
        "Q3-2021 (\"cost of response exceeding the limit\")"),
    def(InitialOutcomes, "vexatious_or_repeated", Some("of which vexatious or repeated (s.14)"),
        "a part was refused under s.14",
        "Q3-2021"),
    def(InitialOutcomes, "ncnd", Some("of which neither confirmed nor denied"),
        "a part was answered neither confirming nor denying: counted as withheld (the request is refused under an exemption's exclusion of the duty to confirm or deny)",
        "[unverified]"),
    def(InitialOutcomes, "section_21_only", Some("of which withheld under s.21 alone"),
        "every refused part relied on s.21 alone: the request counts as withheld under s.21, in full or in part, and s.21 is counted among the exemptions; the column lets a report show them apart, as the return reports section 21 in its own tables",
        "2015, 3.5; counting as withheld [unverified]"),
    def(Exemptions, EXEMPTION_KEY, None,
        "requests whose first response relied on this exemption or exception for a refused part: once per request however many parts cite it, each provision as cited (s.23(5) for a neither-confirm-nor-deny limb); provisions that are not exemptions in the statute catalogue are left out",
        "2015, 3.4; the unit, requests rather than citations, [unverified]"),
    def(InternalReviews, "requested", Some("reviews asked for"),
        "of the requests counted, those where an internal review (EIR: reconsideration, reg.11) was asked for, counted with the request by the day it was received, not the day the review was asked for",
        "2015, 3.8; counting by the day received [unverified]"),
    def(InternalReviews, "pending", None,
        "a review was asked for and no result is recorded yet",
        "2015, 3.8"),
    def(InternalReviews, "upheld", None,
        "the first review upheld the initial response (the case file's result \"upheld\")",
        "2015, 3.8"),
    def(InternalReviews, "overturned_in_part", None,
        "the first review upheld the initial response only in part (\"upheld_in_part\")",
        "2015, 3.8"),
    def(InternalReviews, "overturned_in_full", None,
        "the first review overturned the initial response (\"overturned\")",
        "2015, 3.8"),
    def(InternalReviews, "declined", None,
        "the authority would not carry out a review (\"declined\")",
        "2015, 3.8"),
    def(Eir, "eir", Some("requests handled under the EIR"),
        "of the requests counted, those handled under the Environmental Information Regulations 2004 (the case's regime)",
        "2015, 3.2"),
    def(RoundRobins, "round_robins", Some("requests in a round robin"),
        "of the requests counted, those in a round robin now: the same request made to other authorities too, as foidesk recognises it from the request's words (not a category of the government's return)",
        "foidesk"),
];

/// The definition of `key` in `section`.
pub fn definition(section: Section, key: &str) -> Option<&'static Definition> {
    DEFINITIONS
        .iter()
        .find(|d| d.section == section && d.key == key)
}

/// A source a definition cites: its tag, as `docs/returns.md` lists it,
/// what it is, and where to read it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Source {
    pub tag: &'static str,
    pub title: &'static str,
    pub url: &'static str,
}

pub const SOURCES: &[Source] = &[
    Source {
        tag: "Q1-2020",
        title: "Cabinet Office, Freedom of Information statistics: January to March 2020, data tables",
        url: "https://www.gov.uk/government/statistics/freedom-of-information-statistics-january-to-march-2020",
    },
    Source {
        tag: "Q3-2021",
        title: "Cabinet Office, Freedom of Information statistics: July to September 2021 bulletin",
        url: "https://gov.uk/government/statistics/freedom-of-information-statistics-july-to-september-2021/freedom-of-information-statistics-july-to-september-2021-bulletin",
    },
    Source {
        tag: "2015",
        title: "Cabinet Office, Freedom of Information Statistics: Implementation in Central Government, 2015 Annual",
        url: "https://www.gov.uk/government/collections/government-foi-statistics",
    },
    Source {
        tag: "BoE",
        title: "Bank of England, FOI compliance 2023",
        url: "https://www.bankofengland.co.uk/freedom-of-information/compliance-2023",
    },
    Source {
        tag: "FOIA",
        title: "Freedom of Information Act 2000",
        url: "https://www.legislation.gov.uk/ukpga/2000/36/contents",
    },
    Source {
        tag: "EIR",
        title: "Environmental Information Regulations 2004",
        url: "https://www.legislation.gov.uk/uksi/2004/3391/contents",
    },
];
