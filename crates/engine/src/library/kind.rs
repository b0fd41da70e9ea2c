//! What kind of body a notice's authority is. The register's word wins for
//! a name it knows (applied when searching, so a change to the register
//! counts at once); for any other name, the notice's own sector label
//! where its page gives one, else a name that says what it is ("… Police",
//! "… Constabulary", "… Council"). Otherwise nothing: such a notice passes
//! no kind filter.

use foidesk_notice::NoticeRecord;
use foidesk_search::{Derived, KindFilter};

use crate::register::{match_key, AuthorityKind, Register};

/// The facets the index keeps beside the record.
pub(crate) fn derive(record: &NoticeRecord) -> Derived {
    Derived {
        authority_key: record.public_authority.as_deref().map(match_key),
        authority_kind: kind_from_notice(record).map(|k| k.as_str().to_owned()),
    }
}

/// The kind a notice says, by its sector label or else its authority's name.
pub fn kind_from_notice(record: &NoticeRecord) -> Option<AuthorityKind> {
    if let Some(kind) = record.sector.as_deref().and_then(kind_from_sector) {
        return Some(kind);
    }
    record.public_authority.as_deref().and_then(kind_from_name)
}

/// The Commissioner's sector labels ("Police and criminal justice", "Health").
fn kind_from_sector(sector: &str) -> Option<AuthorityKind> {
    let s = sector.to_lowercase();
    let kind = if s.contains("police") {
        AuthorityKind::Police
    } else if s.contains("local government") {
        AuthorityKind::LocalGovernment
    } else if s.contains("central government") {
        AuthorityKind::CentralGovernment
    } else if s.contains("health") || s.contains("nhs") {
        AuthorityKind::Nhs
    } else if s.contains("education") {
        AuthorityKind::Education
    } else {
        return None;
    };
    Some(kind)
}

fn kind_from_name(name: &str) -> Option<AuthorityKind> {
    let key = match_key(name);
    let words: Vec<&str> = key.split(' ').collect();
    if words
        .iter()
        .any(|w| matches!(*w, "police" | "constabulary"))
    {
        Some(AuthorityKind::Police)
    } else if words.last().is_some_and(|w| *w == "council") {
        Some(AuthorityKind::LocalGovernment)
    } else {
        None
    }
}

/// The filter for notices of `kind`, from the register as it stands.
pub(crate) fn kind_filter(register: &Register, kind: AuthorityKind) -> KindFilter {
    let mut filter = KindFilter {
        kind: kind.as_str().to_owned(),
        ..KindFilter::default()
    };
    for e in &register.entries {
        let keys = std::iter::once(&e.authority.name)
            .chain(&e.aliases)
            .map(|n| match_key(n));
        if e.kind == kind {
            filter.keys.extend(keys);
        } else {
            filter.other_keys.extend(keys);
        }
    }
    filter
}

#[cfg(test)]
mod tests {
    use super::kind_from_notice;
    use crate::register::AuthorityKind;
    use foidesk_notice::NoticeRecord;

    fn check(authority: Option<&str>, sector: Option<&str>, expected: Option<AuthorityKind>) {
        let record = NoticeRecord {
            public_authority: authority.map(str::to_owned),
            sector: sector.map(str::to_owned),
            ..NoticeRecord::default()
        };
        assert_eq!(
            kind_from_notice(&record),
            expected,
            "{authority:?} {sector:?}"
        );
    }

    #[test]
    fn a_notice_says_its_kind_by_sector_then_name() {
        use AuthorityKind::*;
        for (authority, sector, expected) in [
            (Some("Kent Police"), None, Some(Police)),
            (
                Some("Chief Constable of Avon Constabulary"),
                None,
                Some(Police),
            ),
            (Some("Leeds City Council"), None, Some(LocalGovernment)),
            (Some("Council for the Arts"), None, None),
            (
                Some("Kent Police"),
                Some("Local government"),
                Some(LocalGovernment),
            ),
            (None, Some("Police and criminal justice"), Some(Police)),
            (
                Some("Cabinet Office"),
                Some("Central government"),
                Some(CentralGovernment),
            ),
            (Some("Cabinet Office"), None, None),
            (Some("A Trust"), Some("Health"), Some(Nhs)),
        ] {
            check(authority, sector, expected);
        }
    }
}
