//! `foidesk import`, `export` and `migrate` on a fresh data directory: a
//! batch of case files is stored whole or not at all, and an exported case
//! reads back as the file it came from.

use std::process::Output;

fn foidesk(dir: &std::path::Path, args: &[&str]) -> Output {
    foidesk_testkit::foidesk!()
        .args(args)
        .arg("--data-dir")
        .arg(dir)
        .in_checkout()
        .run()
        .output
}

fn check(out: &Output, code: i32, stdout_has: &str) {
    let (o, e) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(code), "stdout: {o}\nstderr: {e}");
    assert!(
        o.contains(stdout_has) || e.contains(stdout_has),
        "{stdout_has:?} not in\n{o}\n{e}"
    );
}

const MET: &str = "examples/cases/2020-06-23_metropolitan-police-service.toml";
const FEE: &str = "examples/cases/synthetic-fee-pause.toml";

#[test]
fn import_export_and_migrate() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    check(&foidesk(d, &["migrate"]), 0, "schema is up to date");
    check(
        &foidesk(
            d,
            &["authority", "add", "met", "Metropolitan Police Service"],
        ),
        0,
        "met",
    );
    // The second file repeats the first's reference: nothing of the batch is stored.
    check(
        &foidesk(d, &["import", "--authority", "met", FEE, MET, MET]),
        2,
        "none was stored",
    );
    check(&foidesk(d, &["export", "1"]), 2, "no case 1");
    check(
        &foidesk(d, &["import", "--authority", "met", MET, FEE]),
        0,
        "case 2",
    );
    check(
        &foidesk(d, &["import", "--authority", "nobody", MET]),
        2,
        "nobody",
    );
    check(
        &foidesk(d, &["import", "--authority", "met", "no/such/file.toml"]),
        2,
        "no/such/file.toml",
    );
    let out = foidesk(d, &["export", "1"]);
    check(&out, 0, "[request]");
    let exported: toml::Value = toml::from_str(&String::from_utf8_lossy(&out.stdout)).unwrap();
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../");
    let mut original: toml::Value =
        toml::from_str(&std::fs::read_to_string(format!("{root}{MET}")).unwrap()).unwrap();
    // The file's [expect] table is test data, not part of the case the store keeps.
    original.as_table_mut().unwrap().remove("expect");
    assert_eq!(exported, original);
}

#[test]
fn import_finds_each_authority_in_the_register_by_any_of_its_names() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    check(
        &foidesk(d, &["authority", "import", "examples/register.toml"]),
        0,
        "added 53 authorities",
    );
    // The two 2020 and 2023 Met files name the force in two ways.
    let met_2023 = "examples/cases/2023-09-04_metropolitan-police-service.toml";
    check(&foidesk(d, &["import", MET, met_2023, FEE]), 0, "case 3");
    let list = foidesk(d, &["authority", "list"]);
    check(
        &list,
        0,
        "metropolitan-police-service\tMetropolitan Police Service\tPolice",
    );
    check(
        &foidesk(d, &["export", "2"]),
        0,
        "Commissioner of Police of the Metropolis",
    );
    // Both Met cases are under the one authority: a second import of the
    // 2023 file under its slug is a repeat, refused as such.
    check(
        &foidesk(
            d,
            &[
                "import",
                "--authority",
                "metropolitan-police-service",
                met_2023,
            ],
        ),
        2,
        "none was stored",
    );
    check(
        &foidesk(
            d,
            &["authority", "alias", "kent-police", "Kent Constabulary"],
        ),
        0,
        "kent-police is also called Kent Constabulary",
    );
    check(
        &foidesk(
            d,
            &["authority", "alias", "kent-police", "kent constabulary"],
        ),
        2,
        "already means Kent Police",
    );
    check(
        &foidesk(d, &["authority", "add", "x", "X", "--kind", "quango"]),
        2,
        "--kind: 'quango' is not a kind of authority",
    );
}
