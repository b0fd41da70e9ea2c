//! `foidesk user disable|enable|reset-password|end-sessions|audit` on the
//! embedded default: each action, its audit line, and the refusals.

use std::path::Path;

/// Run foidesk with `stdin` piped in; (exit code, stdout, stderr).
fn foidesk(data: &Path, args: &[&str], stdin: &str) -> (i32, String, String) {
    foidesk_testkit::foidesk!()
        .args(args)
        .arg("--data-dir")
        .arg(data)
        .stdin(stdin)
        .run()
        .text()
}

fn add(data: &Path, email: &str, role: &str) {
    let args = [
        "user", "add", "--email", email, "--name", "Someone", "--role", role,
    ];
    let (code, _, err) = foidesk(data, &args, "a long enough password\n");
    assert_eq!(code, 0, "{err}");
}

#[test]
fn finding_4_the_command_line_runs_the_account_lifecycle_and_records_it() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    add(d, "boss@example.org", "administrator");
    add(d, "sam@example.org", "requester");
    let (code, token, err) = foidesk(d, &["token", "create", "--email", "sam@example.org"], "");
    assert_eq!(code, 0, "{err}");
    assert!(token.trim().starts_with("fdk_"));

    // (arguments, standard input, what it prints)
    let steps: [(&[&str], &str, &str); 6] = [
        (
            &["user", "disable", "--email", "sam@example.org"],
            "",
            "sam@example.org: disabled; 0 session(s) ended, 1 token(s) revoked",
        ),
        (
            &["user", "disable", "--email", "Sam@Example.org"],
            "",
            "sam@example.org: already disabled; nothing changed",
        ),
        (
            &["user", "enable", "--email", "sam@example.org"],
            "",
            "sam@example.org: enabled; 0 session(s) ended, 0 token(s) revoked",
        ),
        (
            &["user", "reset-password", "--email", "sam@example.org"],
            "another long password\n",
            "sam@example.org: password reset; 0 session(s) ended, 0 token(s) revoked",
        ),
        (
            &["user", "end-sessions", "--email", "sam@example.org"],
            "",
            "sam@example.org: sessions ended; 0 session(s) ended, 0 token(s) revoked",
        ),
        (
            &["user", "enable", "--email", "sam@example.org"],
            "",
            "sam@example.org: already enabled; nothing changed",
        ),
    ];
    for (args, stdin, wanted) in steps {
        let (code, out, err) = foidesk(d, args, stdin);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert_eq!(out.trim(), wanted, "{args:?}");
    }

    let (code, out, err) = foidesk(d, &["user", "audit"], "");
    assert_eq!(code, 0, "{err}");
    let lines: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    let actions: Vec<&str> = lines.iter().map(|l| l[2]).collect();
    assert_eq!(
        actions,
        ["sessions ended", "password reset", "enabled", "disabled"]
    );
    assert!(lines
        .iter()
        .all(|l| l[1] == "command line" && l[3] == "sam@example.org"));
}

#[test]
fn finding_4_bad_input_exits_2_naming_the_argument() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    add(d, "boss@example.org", "administrator");
    add(d, "sam@example.org", "requester");
    let (code, out, err) = foidesk(d, &["user", "audit"], "");
    assert_eq!(
        (code, out.trim()),
        (0, "no account changes recorded"),
        "{err}"
    );

    let cases: [(&[&str], &str, &str); 4] = [
        (
            &["user", "disable", "--email", "nobody@example.org"],
            "",
            "argument --email: no account 'nobody@example.org'",
        ),
        (
            &["user", "reset-password", "--email", "sam@example.org"],
            "short\n",
            "password: use at least 12 characters",
        ),
        (
            &["user", "reset-password", "--email", "sam@example.org"],
            "",
            "no password on standard input",
        ),
        // The last administrator who can sign in is never disabled.
        (
            &["user", "disable", "--email", "boss@example.org"],
            "",
            "boss@example.org is the last administrator who can sign in",
        ),
    ];
    for (args, stdin, wanted) in cases {
        let (code, _, err) = foidesk(d, args, stdin);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(wanted), "{args:?}: {err}");
    }
    let (_, out, _) = foidesk(d, &["user", "audit"], "");
    assert_eq!(out.trim(), "no account changes recorded");
}
