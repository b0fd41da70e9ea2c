//! `ReturnCounts`: the return's figures, a sum of `ReturnFacts` over the
//! cases received in a date range. Its JSON is that of `foidesk stats --json`
//! (without `from`, `to` and `authority`, which the caller adds).

use std::collections::BTreeMap;
use std::ops::AddAssign;

use foidesk_calendar::Date;
use foidesk_law::Regime;
use serde::{Deserialize, Serialize};

use super::{InitialOutcome, ReturnFacts, ReviewOutcome, Timeliness};

/// Requests by timeliness; `in_time + in_time_with_extension` is the
/// headline "responded to in time", `on_hold`, `lapsed` and `closed` are
/// left out of it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TimelinessCounts {
    pub in_time: u64,
    pub in_time_with_extension: u64,
    pub late: u64,
    pub not_yet_answered: u64,
    pub on_hold: u64,
    pub lapsed: u64,
    pub closed: u64,
}

/// Requests by initial outcome. The first five (and `no_response_due`)
/// partition the requests; `cost_limit`, `vexatious_or_repeated` and `ncnd`
/// are reason columns within `withheld_in_full` and `partially_withheld`,
/// and `section_21_only` within those too.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OutcomeCounts {
    pub granted_in_full: u64,
    pub withheld_in_full: u64,
    pub partially_withheld: u64,
    pub not_yet_processed: u64,
    pub not_held: u64,
    pub no_response_due: u64,
    pub cost_limit: u64,
    pub vexatious_or_repeated: u64,
    pub ncnd: u64,
    pub section_21_only: u64,
}

/// Internal reviews (EIR reconsiderations) of the requests, by outcome.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReviewCounts {
    pub requested: u64,
    pub pending: u64,
    pub upheld: u64,
    pub overturned_in_part: u64,
    pub overturned_in_full: u64,
    pub declined: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReturnCounts {
    pub received: u64,
    pub timeliness: TimelinessCounts,
    pub initial_outcomes: OutcomeCounts,
    /// Requests relying on each exemption or exception, by canonical id
    /// (`"s.31(1)(a)"`): one per request however many parts cite it.
    pub exemptions: BTreeMap<String, u64>,
    pub internal_reviews: ReviewCounts,
    /// Requests handled under the EIR.
    pub eir: u64,
}

impl ReturnCounts {
    /// The counts over the facts of cases received from `from` to `to`
    /// (both inclusive; `None`: unbounded).
    pub fn over<'a>(
        facts: impl IntoIterator<Item = &'a ReturnFacts>,
        from: Option<Date>,
        to: Option<Date>,
    ) -> ReturnCounts {
        let mut counts = ReturnCounts::default();
        for f in facts {
            if from.is_some_and(|d| f.received < d) || to.is_some_and(|d| f.received > d) {
                continue;
            }
            counts.add(f);
        }
        counts
    }

    /// Counts one case.
    pub fn add(&mut self, f: &ReturnFacts) {
        self.add_cases(&f.count_key(), 1);
        for id in &f.exemptions {
            *self.exemptions.entry(id.to_string()).or_default() += 1;
        }
    }

    /// Counts `n` cases that share `key` (their exemptions apart).
    pub fn add_cases(&mut self, key: &CountKey, n: u64) {
        self.received += n;
        let t = &mut self.timeliness;
        *match key.timeliness {
            Timeliness::InTime => &mut t.in_time,
            Timeliness::InTimeWithExtension => &mut t.in_time_with_extension,
            Timeliness::Late => &mut t.late,
            Timeliness::NotYetAnswered => &mut t.not_yet_answered,
            Timeliness::OnHold => &mut t.on_hold,
            Timeliness::Lapsed => &mut t.lapsed,
            Timeliness::Closed => &mut t.closed,
        } += n;
        let o = &mut self.initial_outcomes;
        *match key.initial_outcome {
            InitialOutcome::GrantedInFull => &mut o.granted_in_full,
            InitialOutcome::WithheldInFull => &mut o.withheld_in_full,
            InitialOutcome::PartiallyWithheld => &mut o.partially_withheld,
            InitialOutcome::NotHeld => &mut o.not_held,
            InitialOutcome::NotYetProcessed => &mut o.not_yet_processed,
            InitialOutcome::NoResponseDue => &mut o.no_response_due,
        } += n;
        let count = |flag: bool| if flag { n } else { 0 };
        o.cost_limit += count(key.cost_limit);
        o.vexatious_or_repeated += count(key.vexatious_or_repeated);
        o.ncnd += count(key.ncnd);
        o.section_21_only += count(key.section_21_only);
        let r = &mut self.internal_reviews;
        r.requested += count(key.review_requested || key.review.is_some());
        if let Some(review) = key.review {
            *match review {
                ReviewOutcome::Pending => &mut r.pending,
                ReviewOutcome::Upheld => &mut r.upheld,
                ReviewOutcome::OverturnedInPart => &mut r.overturned_in_part,
                ReviewOutcome::OverturnedInFull => &mut r.overturned_in_full,
                ReviewOutcome::Declined => &mut r.declined,
            } += n;
        }
        self.eir += count(key.regime == Regime::Eir);
    }
}

/// What the return counts of a case apart from its exemptions: cases that
/// share it are counted together (the store groups them in SQL).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CountKey {
    pub timeliness: Timeliness,
    pub initial_outcome: InitialOutcome,
    pub cost_limit: bool,
    pub vexatious_or_repeated: bool,
    pub ncnd: bool,
    pub section_21_only: bool,
    pub review: Option<ReviewOutcome>,
    pub review_requested: bool,
    pub regime: Regime,
}

impl ReturnFacts {
    /// The case's `CountKey`, with its timeliness as stored.
    pub fn count_key(&self) -> CountKey {
        CountKey {
            timeliness: self.timeliness,
            initial_outcome: self.initial_outcome,
            cost_limit: self.cost_limit,
            vexatious_or_repeated: self.vexatious_or_repeated,
            ncnd: self.ncnd,
            section_21_only: self.section_21_only,
            review: self.review,
            review_requested: self.review_requested.is_some(),
            regime: self.regime,
        }
    }
}

impl AddAssign<&ReturnCounts> for ReturnCounts {
    /// The counts of two disjoint sets of cases, together.
    fn add_assign(&mut self, other: &ReturnCounts) {
        self.received += other.received;
        let (t, u) = (&mut self.timeliness, &other.timeliness);
        t.in_time += u.in_time;
        t.in_time_with_extension += u.in_time_with_extension;
        t.late += u.late;
        t.not_yet_answered += u.not_yet_answered;
        t.on_hold += u.on_hold;
        t.lapsed += u.lapsed;
        t.closed += u.closed;
        let (o, p) = (&mut self.initial_outcomes, &other.initial_outcomes);
        o.granted_in_full += p.granted_in_full;
        o.withheld_in_full += p.withheld_in_full;
        o.partially_withheld += p.partially_withheld;
        o.not_yet_processed += p.not_yet_processed;
        o.not_held += p.not_held;
        o.no_response_due += p.no_response_due;
        o.cost_limit += p.cost_limit;
        o.vexatious_or_repeated += p.vexatious_or_repeated;
        o.ncnd += p.ncnd;
        o.section_21_only += p.section_21_only;
        for (id, n) in &other.exemptions {
            *self.exemptions.entry(id.clone()).or_default() += n;
        }
        let (r, s) = (&mut self.internal_reviews, &other.internal_reviews);
        r.requested += s.requested;
        r.pending += s.pending;
        r.upheld += s.upheld;
        r.overturned_in_part += s.overturned_in_part;
        r.overturned_in_full += s.overturned_in_full;
        r.declined += s.declined;
        self.eir += other.eir;
    }
}
