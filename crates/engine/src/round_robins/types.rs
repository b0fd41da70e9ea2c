//! The round robin's vocabularies and the grid and warnings front ends show.
//! None of these types has a field for the requester: a round robin is
//! recognised, shown and checked without knowing who asked.

use foidesk_calendar::Date;
use foidesk_case::Outcome;
use foidesk_law::vocabulary;
use serde::Serialize;

vocabulary! {
    /// What an authority's answer to a part says about whether it holds
    /// the information.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
    pub enum Stance {
        ConfirmedHeld = "confirmed_held", "confirmed held";
        NotHeld = "not_held", "not held";
        Ncnd = "ncnd", "neither confirm nor deny";
    }
}

impl Stance {
    /// The stance an outcome takes; cost limit and vexatious take none.
    pub fn of(outcome: Outcome) -> Option<Stance> {
        match outcome {
            Outcome::Disclosed | Outcome::PartDisclosed | Outcome::Withheld => {
                Some(Stance::ConfirmedHeld)
            }
            Outcome::NotHeld => Some(Stance::NotHeld),
            Outcome::Ncnd => Some(Stance::Ncnd),
            Outcome::CostLimit | Outcome::Vexatious => None,
        }
    }
}

vocabulary! {
    /// What became of a part, as the grid shows it.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
    pub enum CellResult {
        Disclosed = "disclosed", "disclosed";
        PartDisclosed = "part_disclosed", "part disclosed";
        Withheld = "withheld", "withheld";
        NotHeld = "not_held", "not held";
        CostLimit = "cost_limit", "refused: cost limit (s.12)";
        Vexatious = "vexatious", "refused: vexatious (s.14)";
        Pending = "pending", "not yet answered";
        /// The authority's request does not ask this part (a variant).
        NotAsked = "not_asked", "not asked";
        /// Another authority's answer that it has neither published nor
        /// shared with the round robin.
        NotShared = "not_shared", "answered, not shared";
    }
}

impl CellResult {
    /// The result an outcome gives (NCND withholds).
    pub fn of(outcome: Outcome) -> CellResult {
        match outcome {
            Outcome::Disclosed => CellResult::Disclosed,
            Outcome::PartDisclosed => CellResult::PartDisclosed,
            Outcome::Withheld | Outcome::Ncnd => CellResult::Withheld,
            Outcome::NotHeld => CellResult::NotHeld,
            Outcome::CostLimit => CellResult::CostLimit,
            Outcome::Vexatious => CellResult::Vexatious,
        }
    }
}

/// One round robin as the caller may see it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RoundRobinGrid {
    pub id: i64,
    /// External references it is known by (a national referral number).
    pub references: Vec<String>,
    pub parts: Vec<GridPart>,
    pub rows: Vec<GridRow>,
    /// The coordinator's latest advice, by part.
    pub advice: Vec<PartAdvice>,
}

/// The coordinator's advice on one part: the answer it advises.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PartAdvice {
    pub part: String,
    pub outcome: Outcome,
    pub provisions: Vec<String>,
    pub note: Option<String>,
    pub date: Option<Date>,
}

/// A round robin in a coordinator's list.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RoundRobinSummary {
    pub id: i64,
    /// The first part's words.
    pub subject: String,
    pub references: Vec<String>,
    pub authorities: usize,
    /// Members that have answered.
    pub answered: usize,
}

/// How an officer links their case to a round robin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkBy {
    /// An external reference (a national referral number, a
    /// WhatDoTheyKnow batch id): joins the round robin known by it, or
    /// starts one.
    Reference(String),
    /// Confirms a suggested variant: joins this round robin.
    Confirm(i64),
    /// Confirms a suggested variant in no round robin yet: starts one with
    /// that request (`RelatedRequest::link`).
    Case(i64),
}

/// A stored request like this one that is not in its round robin: a
/// variant an officer may confirm, or one only related (same topic).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RelatedRequest {
    pub authority: String,
    /// The case, only when the caller may open it.
    pub case_id: Option<i64>,
    pub likeness: foidesk_likeness::Likeness,
    pub similarity: f64,
    pub received: Option<Date>,
    pub round_robin: Option<i64>,
    /// What to pass to `link_round_robin` to confirm it (variants only).
    #[serde(skip)]
    pub link: Option<LinkBy>,
}

/// A column: one part of the request, as the round robin words it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GridPart {
    pub id: String,
    pub text: String,
}

/// One authority's answers.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GridRow {
    pub authority: String,
    pub authority_slug: String,
    pub regime: String,
    /// The caller's own authority.
    pub own: bool,
    /// Whether this authority shares its answers with the round robin.
    pub shared: bool,
    /// The case, only when the caller may open it.
    pub case_id: Option<i64>,
    pub cells: Vec<GridCell>,
}

/// One authority's answer to one part.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GridCell {
    pub part: String,
    pub stance: Option<Stance>,
    pub result: CellResult,
    pub provisions: Vec<String>,
    pub date: Option<Date>,
    /// The Commissioner's decision notice on the case, by reference.
    pub decision_notice: Option<String>,
    /// The appeal to the Tribunal, by its reference or "appealed".
    pub appeal: Option<String>,
}

vocabulary! {
    /// The ways a planned answer can depart from a consistent one.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
    pub enum WarningPattern {
        NcndAfterConfirmOrDeny = "ncnd_after_confirm_or_deny",
            "Neither confirm nor deny after an earlier confirm or deny";
        NotHeldWherePeersNcnd = "not_held_where_peers_ncnd",
            "Not held where others neither confirm nor deny";
        DisclosureWherePeersNcnd = "disclosure_where_peers_ncnd",
            "Disclosure where others neither confirm nor deny";
        DiffersFromAdvice = "differs_from_advice",
            "Differs from the advice recorded for the round robin";
    }
}

/// A warning on one part of a planned response. It advises; it never blocks.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ConsistencyWarning {
    pub part: String,
    pub pattern: WarningPattern,
    /// In plain words, for the officer.
    pub message: String,
    pub peers: Vec<WarningPeer>,
}

/// An earlier answer a warning rests on.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WarningPeer {
    pub authority: String,
    /// The case, only when the caller may open it.
    pub case_id: Option<i64>,
    pub outcome: Outcome,
    pub provisions: Vec<String>,
    pub date: Option<Date>,
}
