//! Statistics over every case a caller may see, summed in SQL from the
//! facts kept at write time (`facts.rs`): the official return, timeliness
//! by month and by authority, and the Commissioner's figures. The
//! categories are the case crate's vocabularies (`returns`); this module
//! says which stored facts each one counts (the store only sums them) and
//! puts the sums in the shape of `ReturnCounts`.

use std::collections::BTreeMap;

use foidesk_calendar::Date;
use foidesk_case::returns::{InitialOutcome, ReturnCounts, ReviewOutcome, Timeliness};
use foidesk_law::NoticeOutcome;
use foidesk_store::{
    Condition, DateRange, FactColumn, ProvisionSource, StatsScope, Store, Tally, TallyBy,
};
use serde::Serialize;

use crate::{Engine, EngineError, Role, User};

/// The longest period a figure may cover, in days: enough for every
/// year foidesk's calendar knows, little enough to refuse a typo's range.
const LONGEST_PERIOD_DAYS: i64 = 40 * 366;

/// A period of days, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Period {
    pub from: Date,
    pub to: Date,
}

impl Period {
    /// The period from `from` to `to`; the end must not come before the start.
    pub fn new(from: Date, to: Date) -> Result<Period, EngineError> {
        if to < from {
            return Err(EngineError::Invalid {
                field: "to".into(),
                message: format!(
                    "the end of the period, {}, comes before its start, {}",
                    to.long_form(),
                    from.long_form()
                ),
            });
        }
        if from.days_until(to) > LONGEST_PERIOD_DAYS {
            return Err(EngineError::Invalid {
                field: "to".into(),
                message: "a period can be at most 40 years long".into(),
            });
        }
        Ok(Period { from, to })
    }

    /// The calendar quarter `date` falls in (January to March, …).
    pub fn quarter_of(date: Date) -> Result<Period, EngineError> {
        let first_month = (date.month() - 1) / 3 * 3 + 1;
        let from = Date::new(date.year(), first_month, 1)?;
        let to = from.checked_add_months(3)?.checked_add_days(-1)?;
        Period::new(from, to)
    }

    /// The twelve months to `today`: from the first day of the month eleven
    /// months before, so every month shown is whole but the last.
    pub fn twelve_months_to(today: Date) -> Result<Period, EngineError> {
        let from = Date::new(today.year(), today.month(), 1)?.checked_add_months(-11)?;
        Period::new(from, today)
    }

    /// Each month the period touches, as (year, month), oldest first.
    pub fn months(&self) -> Vec<(i16, i8)> {
        let mut out = Vec::new();
        let (mut y, mut m) = (self.from.year(), self.from.month());
        while (y, m) <= (self.to.year(), self.to.month()) {
            out.push((y, m));
            (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        }
        out
    }

    fn range(&self) -> DateRange {
        DateRange {
            from: self.from.to_string(),
            to: self.to.to_string(),
        }
    }
}

/// An authority as figures name it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AuthorityName {
    pub slug: String,
    pub name: String,
}

/// The official return for a period: requests received in it, counted as
/// `docs/returns.md` defines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OfficialReturn {
    pub period: Period,
    /// `None`: every authority the caller may see.
    pub authority: Option<AuthorityName>,
    pub counts: ReturnCounts,
    /// Requests received in the period that are in a round robin now (the
    /// same request made to other authorities): not a category of the
    /// return, shown beside it.
    pub round_robins: u64,
    /// Cases whose facts are still being worked out (after an upgrade),
    /// and so not yet counted.
    pub pending: i64,
}

/// The JSON of `foidesk stats --json` and the API.
#[derive(Serialize)]
struct ReturnJson<'a> {
    from: String,
    to: String,
    authority: Option<&'a str>,
    #[serde(flatten)]
    counts: &'a ReturnCounts,
    round_robins: u64,
}

impl OfficialReturn {
    /// `{"from", "to", "authority", "received", "timeliness", …}`.
    pub fn to_json(&self) -> Result<String, EngineError> {
        serde_json::to_string_pretty(&ReturnJson {
            from: self.period.from.to_string(),
            to: self.period.to.to_string(),
            authority: self.authority.as_ref().map(|a| a.slug.as_str()),
            counts: &self.counts,
            round_robins: self.round_robins,
        })
        .map_err(|e| EngineError::Serialise {
            message: e.to_string(),
        })
    }
}

/// Requests answered, and how, among those received in one month or by
/// one authority.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct TimelinessFigures {
    pub received: u64,
    pub in_time: u64,
    pub in_time_with_extension: u64,
    pub late: u64,
    pub not_yet_answered: u64,
}

impl TimelinessFigures {
    pub fn answered(&self) -> u64 {
        self.in_time + self.in_time_with_extension + self.late
    }

    /// Per cent of those answered that were answered in time (with a
    /// permitted extension or without), to the nearest whole one, if any
    /// were answered.
    pub fn percent_in_time(&self) -> Option<u64> {
        let answered = self.answered();
        let in_time = self.in_time + self.in_time_with_extension;
        (answered > 0).then(|| (in_time * 200 + answered) / (answered * 2))
    }

    fn add(&mut self, other: &TimelinessFigures) {
        self.received += other.received;
        self.in_time += other.in_time;
        self.in_time_with_extension += other.in_time_with_extension;
        self.late += other.late;
        self.not_yet_answered += other.not_yet_answered;
    }
}

/// A month of receipt's figures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MonthFigures {
    pub year: i16,
    pub month: i8,
    #[serde(flatten)]
    pub figures: TimelinessFigures,
}

/// An authority's figures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AuthorityFigures {
    pub authority: AuthorityName,
    #[serde(flatten)]
    pub figures: TimelinessFigures,
}

/// What the dashboard and the statistics page show for a period: the
/// timeliness of the requests received in it, in all, by month and by
/// authority (the full return is `OfficialReturn`, on its own page).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figures {
    pub period: Period,
    /// `None`: every authority the caller may see.
    pub authority: Option<AuthorityName>,
    /// The whole period.
    pub total: TimelinessFigures,
    /// Every month of the period, months with no request included.
    pub months: Vec<MonthFigures>,
    /// Each authority with a request in the period, when the figures
    /// cover more than one authority; by name.
    pub authorities: Vec<AuthorityFigures>,
    /// Cases whose facts are still being worked out (after an upgrade),
    /// and so not yet counted.
    pub pending: i64,
}

/// How long complaints took to close, in calendar days from the complaint.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct AgeAtClosing {
    pub median_days: Option<i64>,
    pub within_30_days: u64,
    pub within_90_days: u64,
    pub within_180_days: u64,
    pub longer: u64,
}

/// Decision notices whose steps fell due in the period.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct StepsFigures {
    pub due: u64,
    pub complied_on_time: u64,
    pub complied_late: u64,
    pub not_complied: u64,
}

/// The Commissioner's figures for a period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComplaintFigures {
    pub period: Period,
    pub authority: Option<AuthorityName>,
    /// Complaints made in the period.
    pub received: u64,
    /// Complaints closed in the period: declined or decided.
    pub closed: u64,
    pub age_at_closing: AgeAtClosing,
    /// Decision notices issued in the period, by outcome (every outcome
    /// listed, noughts included; notices with none stated apart).
    pub notices_by_outcome: Vec<(NoticeOutcome, u64)>,
    pub notices_without_outcome: u64,
    /// Decision notices issued in the period, per provision found breached.
    pub notices_by_provision: Vec<(String, u64)>,
    pub steps: StepsFigures,
}

/// The stored timeliness `t` as at today: a request stored as on hold
/// for a fee whose window has since ended has lapsed
/// (`ReturnFacts::timeliness_on`).
fn timeliness_is(t: Timeliness) -> Condition {
    let stored = |t: Timeliness| Condition::Is(FactColumn::Timeliness, t.as_str().to_owned());
    match t {
        Timeliness::OnHold => Condition::All(vec![
            stored(Timeliness::OnHold),
            Condition::Not(Box::new(Condition::HoldEnded)),
        ]),
        Timeliness::Lapsed => Condition::Any(vec![
            stored(Timeliness::Lapsed),
            Condition::All(vec![stored(Timeliness::OnHold), Condition::HoldEnded]),
        ]),
        other => stored(other),
    }
}

/// Each figure of the return, by its place in `ReturnCounts`' JSON (group,
/// key; a group's own figure has an empty key), with what it counts.
/// Cases whose facts are not yet worked out count in none.
fn return_conditions() -> Vec<(&'static str, &'static str, Condition)> {
    let is = |c, v: &str| Condition::Is(c, v.to_owned());
    let mut out = vec![("received", "", Condition::Set(FactColumn::Timeliness))];
    for t in Timeliness::ALL {
        out.push(("timeliness", t.as_str(), timeliness_is(t)));
    }
    for o in InitialOutcome::ALL {
        out.push((
            "initial_outcomes",
            o.as_str(),
            is(FactColumn::InitialOutcome, o.as_str()),
        ));
    }
    for (key, column) in [
        ("cost_limit", FactColumn::CostLimit),
        ("vexatious_or_repeated", FactColumn::Vexatious),
        ("ncnd", FactColumn::Ncnd),
        ("section_21_only", FactColumn::Section21Only),
    ] {
        out.push(("initial_outcomes", key, Condition::Flag(column)));
    }
    out.push((
        "internal_reviews",
        "requested",
        Condition::Any(vec![
            Condition::Set(FactColumn::ReviewRequested),
            Condition::Set(FactColumn::Review),
        ]),
    ));
    for r in ReviewOutcome::ALL {
        out.push((
            "internal_reviews",
            r.as_str(),
            is(FactColumn::Review, r.as_str()),
        ));
    }
    // The listing keeps the case file's own spelling of the regime.
    out.push((
        "eir",
        "",
        Condition::All(vec![
            Condition::Set(FactColumn::Timeliness),
            Condition::IsAnyCase(FactColumn::Regime, "eir".to_owned()),
        ]),
    ));
    out
}

/// The counts in `ReturnCounts`' shape, through its JSON, so each figure
/// lands in the field of its name (an unknown name is an error, caught by
/// the tests, never a figure silently lost).
fn return_counts(
    named: &[(&'static str, &'static str, Condition)],
    counts: &[i64],
) -> Result<ReturnCounts, EngineError> {
    let mut json = serde_json::Map::new();
    for ((group, key, _), n) in named.iter().zip(counts) {
        let n = serde_json::Value::from(count(*n));
        if key.is_empty() {
            json.insert((*group).to_owned(), n);
        } else if let Some(map) = json
            .entry(*group)
            .or_insert_with(|| serde_json::Value::Object(Default::default()))
            .as_object_mut()
        {
            map.insert((*key).to_owned(), n);
        }
    }
    serde_json::from_value(serde_json::Value::Object(json)).map_err(|e| EngineError::Serialise {
        message: format!("the return's figures: {e}"),
    })
}

/// What the timeliness figures count, in `TimelinessFigures`' order,
/// then the cases whose facts are not yet worked out.
fn timeliness_conditions() -> [Condition; 6] {
    [
        Condition::Set(FactColumn::Timeliness),
        timeliness_is(Timeliness::InTime),
        timeliness_is(Timeliness::InTimeWithExtension),
        timeliness_is(Timeliness::Late),
        timeliness_is(Timeliness::NotYetAnswered),
        Condition::Unset(FactColumn::Timeliness),
    ]
}

fn timeliness_figures(t: &Tally) -> TimelinessFigures {
    let at = |i: usize| t.counts.get(i).copied().map_or(0, count);
    TimelinessFigures {
        received: at(0),
        in_time: at(1),
        in_time_with_extension: at(2),
        late: at(3),
        not_yet_answered: at(4),
    }
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

impl Engine {
    /// The store's scope for figures of `authority` (a slug; `None`: all
    /// the caller may see), as `user` may see them (`None`: the system).
    pub(crate) async fn figures_scope(
        &self,
        store: &Store,
        user: Option<&User>,
        authority: Option<&str>,
        complaints: bool,
    ) -> Result<(StatsScope, Option<AuthorityName>), EngineError> {
        let named =
            match authority {
                Some(slug) => {
                    let a = store.authority_by_slug(slug).await?.ok_or_else(|| {
                        EngineError::Invalid {
                            field: "authority".into(),
                            message: format!("there is no authority '{slug}'"),
                        }
                    })?;
                    Some(a)
                }
                None => None,
            };
        let forbidden = |message: &str| EngineError::Forbidden {
            message: message.into(),
        };
        let scope = match (user.map(|u| (u.role, u)), &named) {
            (None | Some((Role::Administrator, _)), Some(a)) => StatsScope::Authority(a.id),
            (None | Some((Role::Administrator, _)), None) => StatsScope::All,
            (Some((Role::Caseworker, _)), Some(a)) if complaints => StatsScope::Authority(a.id),
            (Some((Role::Caseworker, _)), None) if complaints => StatsScope::All,
            (Some((Role::Officer, u)), named) => {
                let own = u.authority_id.unwrap_or(-1);
                if named.as_ref().is_some_and(|a| a.id != own) {
                    return Err(forbidden(
                        "an officer sees the figures of their own authority",
                    ));
                }
                StatsScope::Authority(own)
            }
            (Some((Role::Requester, u)), None) if !complaints => {
                StatsScope::Requester(u.email.clone())
            }
            _ => return Err(forbidden("these figures are not for your role")),
        };
        let name = match &scope {
            StatsScope::Authority(id) => store
                .authorities()
                .await?
                .into_iter()
                .find(|a| a.id == *id)
                .map(|a| AuthorityName {
                    slug: a.slug,
                    name: a.name,
                }),
            _ => None,
        };
        Ok((scope, name))
    }

    /// The official return over `scope` for `period`.
    pub(crate) async fn official_return_in(
        &self,
        store: &Store,
        scope: &StatsScope,
        authority: Option<AuthorityName>,
        period: Period,
    ) -> Result<OfficialReturn, EngineError> {
        let range = period.range();
        let today = self.today().to_string();
        let named = return_conditions();
        let mut conditions: Vec<Condition> = named.iter().map(|(_, _, c)| c.clone()).collect();
        conditions.push(Condition::Flag(FactColumn::InRoundRobin));
        conditions.push(Condition::Unset(FactColumn::Timeliness));
        // Two sums over different tables: run at once, each on its own connection.
        let (tallies, provisions) = tokio::try_join!(
            store.tallies(scope, &range, &today, &conditions, TallyBy::Range),
            store.provision_counts(scope, ProvisionSource::Response, &range),
        )?;
        let sums = tallies
            .into_iter()
            .next()
            .map(|t| t.counts)
            .unwrap_or_default();
        let mut counts = return_counts(&named, &sums)?;
        for (provision, n) in provisions {
            counts.exemptions.insert(provision, count(n));
        }
        let at = |i: usize| sums.get(i).copied().unwrap_or(0);
        Ok(OfficialReturn {
            period,
            authority,
            counts,
            round_robins: count(at(named.len())),
            pending: at(named.len() + 1),
        })
    }

    /// Timeliness in all, by month and, across authorities, by authority.
    pub(crate) async fn figures_in(
        &self,
        store: &Store,
        scope: &StatsScope,
        authority: Option<AuthorityName>,
        period: Period,
    ) -> Result<Figures, EngineError> {
        let range = period.range();
        let today = self.today().to_string();
        let conditions = timeliness_conditions();
        // The two sums read the store at once, each on its own connection.
        // By day, so SQLite reads its index in date order and sorts nothing.
        let by_authority = async {
            match scope {
                StatsScope::All => store
                    .tallies(scope, &range, &today, &conditions, TallyBy::Authority)
                    .await
                    .map_err(EngineError::from),
                _ => Ok(Vec::new()),
            }
        };
        let by_day = async {
            store
                .tallies(scope, &range, &today, &conditions, TallyBy::Day)
                .await
                .map_err(EngineError::from)
        };
        let (days, authority_tallies) = tokio::try_join!(by_day, by_authority)?;
        let mut months: BTreeMap<(i16, i8), TimelinessFigures> = period
            .months()
            .into_iter()
            .map(|m| (m, TimelinessFigures::default()))
            .collect();
        let (mut total, mut pending) = (TimelinessFigures::default(), 0);
        for day in &days {
            let figures = timeliness_figures(day);
            total.add(&figures);
            pending += day.counts.get(5).copied().unwrap_or(0);
            let Some(date) = day.day.as_deref().and_then(|d| Date::parse(d).ok()) else {
                continue;
            };
            if let Some(month) = months.get_mut(&(date.year(), date.month())) {
                month.add(&figures);
            }
        }
        let months = months
            .into_iter()
            .map(|((year, month), figures)| MonthFigures {
                year,
                month,
                figures,
            })
            .collect();
        let mut by_authority: BTreeMap<i64, TimelinessFigures> = authority_tallies
            .iter()
            .filter_map(|t| Some((t.authority_id?, timeliness_figures(t))))
            .collect();
        let mut authorities = Vec::new();
        if !by_authority.is_empty() {
            for a in store.authorities().await? {
                if let Some(figures) = by_authority.remove(&a.id) {
                    authorities.push(AuthorityFigures {
                        authority: AuthorityName {
                            slug: a.slug,
                            name: a.name,
                        },
                        figures,
                    });
                }
            }
            authorities.sort_by(|a, b| a.authority.name.cmp(&b.authority.name));
        }
        Ok(Figures {
            period,
            authority,
            total,
            months,
            authorities,
            pending,
        })
    }

    /// The Commissioner's figures over `scope` for `period`.
    pub(crate) async fn complaint_figures_in(
        &self,
        store: &Store,
        scope: &StatsScope,
        authority: Option<AuthorityName>,
        period: Period,
    ) -> Result<ComplaintFigures, EngineError> {
        let range = period.range();
        // Five sums over different indexes: run at once, as the figures' are.
        let (received, closed, outcomes, steps, provisions) = tokio::try_join!(
            store.complaints_received(scope, &range),
            store.complaints_closed(scope, &range),
            store.notice_outcomes(scope, &range),
            store.steps_counts(scope, &range),
            store.provision_counts(scope, ProvisionSource::Notice, &range),
        )?;
        let received = count(received);
        let mut ages: Vec<i64> = Vec::with_capacity(closed.len());
        // Every outcome in the vocabulary's order, noughts included.
        let mut by_outcome: Vec<(NoticeOutcome, u64)> =
            NoticeOutcome::ALL.iter().map(|o| (*o, 0)).collect();
        let mut without_outcome = 0;
        let mut age = AgeAtClosing::default();
        for c in &closed {
            if let (Ok(made), Ok(shut)) = (Date::parse(&c.complained), Date::parse(&c.closed)) {
                let days = made.days_until(shut).max(0);
                ages.push(days);
                *match days {
                    0..=30 => &mut age.within_30_days,
                    31..=90 => &mut age.within_90_days,
                    91..=180 => &mut age.within_180_days,
                    _ => &mut age.longer,
                } += 1;
            }
        }
        for (outcome, n) in outcomes {
            match outcome.as_deref().and_then(NoticeOutcome::from_name) {
                Some(o) => {
                    if let Some(slot) = by_outcome.iter_mut().find(|(k, _)| *k == o) {
                        slot.1 += count(n);
                    }
                }
                None => without_outcome += count(n),
            }
        }
        ages.sort_unstable();
        age.median_days = ages
            .get(ages.len() / 2)
            .copied()
            .filter(|_| !ages.is_empty());
        let (due, on_time, late) = (
            count(steps.due),
            count(steps.complied_on_time),
            count(steps.complied_late),
        );
        Ok(ComplaintFigures {
            period,
            authority,
            received,
            closed: count(i64::try_from(closed.len()).unwrap_or(i64::MAX)),
            age_at_closing: age,
            notices_by_outcome: by_outcome,
            notices_without_outcome: without_outcome,
            notices_by_provision: provisions.into_iter().map(|(p, n)| (p, count(n))).collect(),
            steps: StepsFigures {
                due,
                complied_on_time: on_time,
                complied_late: late,
                not_complied: due.saturating_sub(on_time + late),
            },
        })
    }
}

impl crate::AsUser<'_> {
    /// The official return for `period`: of `authority` (a slug), or of
    /// every case the caller may see. Administrators see any authority's,
    /// officers their own, requesters their own requests'.
    pub async fn official_return(
        &self,
        authority: Option<&str>,
        period: Period,
    ) -> Result<OfficialReturn, EngineError> {
        let (engine, store, user) = self.parts();
        let (scope, name) = engine
            .figures_scope(store, Some(user), authority, false)
            .await?;
        engine.official_return_in(store, &scope, name, period).await
    }

    /// Timeliness in all, by month (and by authority, across
    /// authorities), for the dashboard and the statistics page.
    pub async fn figures(
        &self,
        authority: Option<&str>,
        period: Period,
    ) -> Result<Figures, EngineError> {
        let (engine, store, user) = self.parts();
        let (scope, name) = engine
            .figures_scope(store, Some(user), authority, false)
            .await?;
        engine.figures_in(store, &scope, name, period).await
    }

    /// The Commissioner's figures (caseworkers and administrators; an
    /// officer sees those of complaints about their own authority).
    pub async fn complaint_figures(
        &self,
        authority: Option<&str>,
        period: Period,
    ) -> Result<ComplaintFigures, EngineError> {
        let (engine, store, user) = self.parts();
        let (scope, name) = engine
            .figures_scope(store, Some(user), authority, true)
            .await?;
        engine
            .complaint_figures_in(store, &scope, name, period)
            .await
    }
}

impl crate::System {
    /// The official return of `authority`, or of every authority.
    pub async fn official_return(
        &self,
        authority: Option<&str>,
        period: Period,
    ) -> Result<OfficialReturn, EngineError> {
        let (engine, store) = (self.engine(), self.store());
        let (scope, name) = engine.figures_scope(store, None, authority, false).await?;
        engine.official_return_in(store, &scope, name, period).await
    }

    /// `AsUser::figures` for every authority or one.
    pub async fn figures(
        &self,
        authority: Option<&str>,
        period: Period,
    ) -> Result<Figures, EngineError> {
        let (engine, store) = (self.engine(), self.store());
        let (scope, name) = engine.figures_scope(store, None, authority, false).await?;
        engine.figures_in(store, &scope, name, period).await
    }

    /// `AsUser::complaint_figures` for every authority or one.
    pub async fn complaint_figures(
        &self,
        authority: Option<&str>,
        period: Period,
    ) -> Result<ComplaintFigures, EngineError> {
        let (engine, store) = (self.engine(), self.store());
        let (scope, name) = engine.figures_scope(store, None, authority, true).await?;
        engine
            .complaint_figures_in(store, &scope, name, period)
            .await
    }

    /// How many cases `authority` (or every authority) received in
    /// `period`, with `timeliness` or any: a plain count over the store,
    /// sharing no code with `figures`, so the bench can check them by it.
    pub async fn count_received(
        &self,
        authority: Option<&str>,
        period: Period,
        timeliness: Option<Timeliness>,
    ) -> Result<u64, EngineError> {
        let store = self.store();
        let authority_id = match authority {
            Some(slug) => Some(
                store
                    .authority_by_slug(slug)
                    .await?
                    .ok_or_else(|| EngineError::NotFound {
                        what: "authority",
                        key: slug.to_owned(),
                    })?
                    .id,
            ),
            None => None,
        };
        let n = store
            .count_received(
                authority_id,
                &period.range(),
                timeliness.map(|t| t.as_str()),
            )
            .await?;
        Ok(count(n))
    }

    /// Work out the facts of cases written before statistics were kept (or
    /// by older rules), a batch at a time; returns how many cases are left.
    pub async fn fill_statistics(&self) -> Result<i64, EngineError> {
        let (engine, store) = (self.engine(), self.store());
        let mut after = 0;
        while let Some(last) = engine.fill_statistics(store, after).await? {
            after = last;
        }
        Ok(store.count_stale_facts(crate::facts::FACTS_VERSION).await?)
    }
}
