//! Lists of cases by who may see them. Each scope has its own fixed query, so
//! every one can use its index on both backends.

use sqlx::{AssertSqlSafe, Row, SqlSafeStr};

use crate::cases::summary;
use crate::{CaseSummary, Store, StoreError};

/// The most statuses `CaseScope::Statuses` takes: its query has this many
/// slots, so it is one fixed text whatever the caller passes.
pub const STATUS_SLOTS: usize = 8;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CaseScope {
    All,
    Authority(i64),
    /// Cases whose requester is this address.
    Requester(String),
    /// Cases in any of these statuses (the engine passes those with the
    /// regulator); at most `STATUS_SLOTS`.
    Statuses(Vec<String>),
}

/// A page of cases in id order, after `after_id`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseListQuery {
    pub scope: CaseScope,
    pub after_id: i64,
    pub limit: i64,
}

macro_rules! list_sql {
    ($condition:literal) => {
        list_sql!($condition, "$2", "$3")
    };
    ($condition:literal, $after:literal, $limit:literal) => {
        concat!(
            "SELECT id, authority_id, reference, desk, requester, version, status, ",
            "next_deadline, assignee, complained FROM cases WHERE ",
            $condition,
            " AND id > ",
            $after,
            " ORDER BY id LIMIT ",
            $limit
        )
    };
}

impl Store {
    pub async fn list_cases(&self, q: &CaseListQuery) -> Result<Vec<CaseSummary>, StoreError> {
        let query = match &q.scope {
            CaseScope::All => sqlx::query(self.sql(list_sql!("$1 = 1"))).bind(1_i64),
            CaseScope::Authority(id) => {
                sqlx::query(self.sql(list_sql!("authority_id = $1"))).bind(*id)
            }
            CaseScope::Requester(email) => {
                sqlx::query(self.sql(list_sql!("requester = $1"))).bind(email.clone())
            }
            CaseScope::Statuses(statuses) => {
                if statuses.len() > STATUS_SLOTS {
                    return Err(StoreError::TooManyStatuses {
                        given: statuses.len(),
                        most: STATUS_SLOTS,
                    });
                }
                let Some(first) = statuses.first() else {
                    return Ok(Vec::new());
                };
                let query = sqlx::query(self.sql(list_sql!(
                    "status IN ($1, $2, $3, $4, $5, $6, $7, $8)",
                    "$9",
                    "$10"
                )));
                // Unused slots repeat a status: IN is a set, so they change nothing.
                (0..STATUS_SLOTS).fold(query, |q, i| {
                    q.bind(statuses.get(i).unwrap_or(first).clone())
                })
            }
        };
        let rows = query
            .bind(q.after_id)
            .bind(q.limit)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(summary).collect::<Result<_, _>>()?)
    }

    /// A case's row without its events, for deciding who may see it.
    pub async fn case_summary(&self, id: i64) -> Result<Option<CaseSummary>, StoreError> {
        let row = sqlx::query(self.sql(list_sql!("id = $1")))
            .bind(id)
            .bind(0_i64)
            .bind(1_i64)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(summary).transpose()?)
    }
}

/// What the case list shows and searches, worked out by the engine from the
/// request and written with the case when it is opened (the request never
/// changes after).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Listing {
    /// The first part's words, shortened.
    pub subject: Option<String>,
    /// ISO date.
    pub received: Option<String>,
    /// "FOIA" or "EIR".
    pub regime: Option<String>,
    pub requester_type: Option<String>,
    /// Every part's words, in lower case.
    pub search_text: String,
}

/// The column a filtered list is sorted by; ties go by id.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CaseSort {
    Reference,
    Subject,
    #[default]
    Received,
    Status,
    NextDeadline,
}

impl CaseSort {
    pub const ALL: [CaseSort; 5] = [
        CaseSort::Reference,
        CaseSort::Subject,
        CaseSort::Received,
        CaseSort::Status,
        CaseSort::NextDeadline,
    ];

    /// Its name in a query string.
    pub fn as_str(self) -> &'static str {
        match self {
            CaseSort::Reference => "reference",
            CaseSort::Subject => "subject",
            CaseSort::Received => "received",
            CaseSort::Status => "status",
            CaseSort::NextDeadline => "deadline",
        }
    }

    pub fn from_name(name: &str) -> Option<CaseSort> {
        CaseSort::ALL.into_iter().find(|s| s.as_str() == name)
    }

    fn column(self) -> &'static str {
        match self {
            CaseSort::Reference => "reference",
            CaseSort::Subject => "subject",
            CaseSort::Received => "received",
            CaseSort::Status => "status",
            CaseSort::NextDeadline => "next_deadline",
        }
    }
}

/// A filtered, sorted page of the cases in `scope`. Each filter given as
/// `None` matches every case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseFilter {
    pub scope: CaseScope,
    pub status: Option<String>,
    /// Only cases whose next deadline is strictly before this ISO date.
    pub deadline_before: Option<String>,
    pub assignee: Option<String>,
    pub regime: Option<String>,
    /// Received on or after this ISO date.
    pub received_from: Option<String>,
    /// Received on or before this ISO date.
    pub received_to: Option<String>,
    /// Words that must appear in the request text (matched in lower case).
    pub search: Option<String>,
    pub sort: CaseSort,
    pub descending: bool,
    pub offset: i64,
    pub limit: i64,
}

/// One row of a filtered list: the case and what the list shows of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListedCase {
    pub summary: CaseSummary,
    pub listing: Listing,
}

enum Bound {
    Int(i64),
    Text(String),
}

/// `%`, `_` and `\` typed in a search match themselves.
fn like_pattern(words: &str) -> String {
    let mut out = String::from("%");
    for c in words.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

impl Store {
    /// The references of an authority's cases that begin with `prefix`
    /// (taken literally), for allocating the next one.
    pub async fn references_starting(
        &self,
        authority_id: i64,
        prefix: &str,
    ) -> Result<Vec<String>, StoreError> {
        let mut pattern = like_pattern(prefix);
        pattern.remove(0);
        let rows: Vec<(String,)> = sqlx::query_as(self.sql(
            "SELECT reference FROM cases WHERE authority_id = $1 AND reference LIKE $2 ESCAPE '\\'",
        ))
        .bind(authority_id)
        .bind(pattern)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|(r,)| r).collect())
    }

    /// A page of the cases `filter` selects, in its order.
    pub async fn filter_cases(&self, filter: &CaseFilter) -> Result<Vec<ListedCase>, StoreError> {
        let mut conditions: Vec<String> = Vec::new();
        let mut binds: Vec<Bound> = Vec::new();
        // Each condition names its parameter by number, so the text is built
        // only from the fixed pieces here and the values are always bound.
        let mut add = |condition: &str, value: Bound| {
            binds.push(value);
            conditions.push(condition.replace('#', &format!("${}", binds.len())));
        };
        match &filter.scope {
            CaseScope::All => {}
            CaseScope::Authority(id) => add("authority_id = #", Bound::Int(*id)),
            CaseScope::Requester(email) => add("requester = #", Bound::Text(email.clone())),
            CaseScope::Statuses(statuses) => {
                if statuses.len() > STATUS_SLOTS {
                    return Err(StoreError::TooManyStatuses {
                        given: statuses.len(),
                        most: STATUS_SLOTS,
                    });
                }
                if statuses.is_empty() {
                    return Ok(Vec::new());
                }
                let mut slots = Vec::new();
                for s in statuses {
                    binds.push(Bound::Text(s.clone()));
                    slots.push(format!("${}", binds.len()));
                }
                conditions.push(format!("status IN ({})", slots.join(", ")));
            }
        }
        let text = |v: &Option<String>| v.clone().map(Bound::Text);
        let mut add_some = |condition: &str, value: Option<Bound>| {
            if let Some(v) = value {
                binds.push(v);
                conditions.push(condition.replace('#', &format!("${}", binds.len())));
            }
        };
        add_some("status = #", text(&filter.status));
        add_some(
            "next_deadline IS NOT NULL AND next_deadline < #",
            text(&filter.deadline_before),
        );
        add_some("assignee = #", text(&filter.assignee));
        add_some("regime = #", text(&filter.regime));
        add_some("received >= #", text(&filter.received_from));
        add_some("received <= #", text(&filter.received_to));
        for word in filter
            .search
            .iter()
            .flat_map(|s| s.split_whitespace())
            .take(8)
        {
            add_some(
                "search_text LIKE # ESCAPE '\\'",
                Some(Bound::Text(like_pattern(&word.to_lowercase()))),
            );
        }
        let column = filter.sort.column();
        let dir = if filter.descending { "DESC" } else { "ASC" };
        let mut text = String::from(
            "SELECT id, authority_id, reference, desk, requester, version, status, \
             next_deadline, assignee, subject, received, regime, requester_type, search_text, \
             complained FROM cases",
        );
        if !conditions.is_empty() {
            text.push_str(" WHERE ");
            text.push_str(&conditions.join(" AND "));
        }
        // Empty values last whichever way, on both backends.
        text.push_str(&format!(
            " ORDER BY ({column} IS NULL), {column} {dir}, id {dir} LIMIT ${} OFFSET ${}",
            binds.len() + 1,
            binds.len() + 2
        ));
        let text = match self.backend {
            crate::Backend::Postgres => text,
            crate::Backend::Sqlite => text.replace('$', "?"),
        };
        let mut query = sqlx::query(AssertSqlSafe(text).into_sql_str());
        for b in binds {
            query = match b {
                Bound::Int(i) => query.bind(i),
                Bound::Text(t) => query.bind(t),
            };
        }
        let rows = query
            .bind(filter.limit)
            .bind(filter.offset)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(ListedCase {
                    summary: summary(r)?,
                    listing: Listing {
                        subject: r.try_get(9)?,
                        received: r.try_get(10)?,
                        regime: r.try_get(11)?,
                        requester_type: r.try_get(12)?,
                        search_text: r.try_get::<Option<String>, _>(13)?.unwrap_or_default(),
                    },
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }
}
