//! `../shared`: the law facts and the decision-notice corpus, kept beside the checkout
//! rather than in it. Tests that need it require it.

use std::path::PathBuf;

/// `../shared/<relative>`, which must exist: a test that needs the corpus fails without
/// it, naming the missing path, rather than passing with nothing checked.
pub fn shared(relative: &str) -> PathBuf {
    let beside = super::checkout()
        .parent()
        .expect("the checkout has a parent folder")
        .join("shared");
    let path = beside.join(relative);
    assert!(
        path.exists(),
        "{} is missing: put the `shared/` folder beside the checkout (as {}), as CI does; \
         the tests that read it cannot run without it",
        path.display(),
        beside.display()
    );
    path
}

#[cfg(test)]
mod tests {
    /// A missing file fails the test that asked for it, naming the file and the fix.
    #[test]
    #[should_panic(
        expected = "no-such-file is missing: put the `shared/` folder beside the checkout"
    )]
    fn a_missing_shared_file_fails_naming_it() {
        super::shared("no-such-file");
    }

    #[test]
    fn a_present_shared_file_is_found() {
        assert!(super::shared("law/FACTS.md").is_file());
    }
}
