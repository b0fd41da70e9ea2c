//! The store's promise that nothing is lost, read off its SQL: which tables
//! any statement updates or deletes from. A new UPDATE or DELETE on another
//! table fails here until ARCHITECTURE.md's invariant says why it is safe.

use std::collections::BTreeSet;

/// Tables a statement may update, and what for.
const UPDATED: &[&str] = &[
    "cases",      // the projection the queues sort by, rewritten by each append
    "users",      // a password reset, disabling and enabling
    "sessions",   // the time a session ended
    "api_tokens", // the time a token was revoked
    "store_meta", // markers such as "demo" (an upsert)
];

/// Tables a statement may delete from, and what for.
const DELETED: &[&str] = &[
    "sign_in_failures", // counters past the throttle's window
    "case_provisions",  // a projection of the log, rewritten with each case's facts
];

/// The table named after `keyword` wherever it appears in `source`.
fn tables_after(source: &str, keyword: &str) -> BTreeSet<String> {
    source
        .match_indices(keyword)
        .filter_map(|(at, _)| {
            let rest = &source[at + keyword.len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            (!name.is_empty()).then_some(name)
        })
        .collect()
}

#[test]
fn only_projections_ends_and_counters_are_ever_changed_or_removed() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut updated = BTreeSet::new();
    let mut deleted = BTreeSet::new();
    let mut files = 0;
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            // Comments may mention statements; only code counts.
            let text: String = std::fs::read_to_string(&path)
                .unwrap()
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .map(|l| format!("{l}\n"))
                .collect();
            updated.extend(tables_after(&text, "UPDATE "));
            deleted.extend(tables_after(&text, "DELETE FROM "));
            if text.contains("DO UPDATE") {
                updated.insert("store_meta".to_owned());
            }
            files += 1;
        }
    }
    assert!(
        files > 5,
        "read only {files} source files in {}",
        src.display()
    );
    // "ON CONFLICT ... DO UPDATE SET" is read as UPDATE of "SET".
    updated.remove("SET");
    let allowed: BTreeSet<String> = UPDATED.iter().map(|t| t.to_string()).collect();
    let extra: Vec<_> = updated.difference(&allowed).collect();
    assert!(extra.is_empty(), "the store updates {extra:?} in place");
    let allowed: BTreeSet<String> = DELETED.iter().map(|t| t.to_string()).collect();
    let extra: Vec<_> = deleted.difference(&allowed).collect();
    assert!(extra.is_empty(), "the store deletes from {extra:?}");
    for kept in [
        "case_events",
        "notices",
        "account_audit",
        "case_attachments",
        "authority_profiles",
        "letter_drafts",
        "case_batches",
        "case_batch_members",
        "invitations",
        "invitation_uses",
        "settings",
        "request_prints",
        "request_bands",
        "round_robins",
        "round_robin_references",
        "round_robin_links",
        "round_robin_advice",
        "sharing_settings",
        "coordinator_scopes",
    ] {
        assert!(!updated.contains(kept) && !deleted.contains(kept), "{kept}");
    }
}
