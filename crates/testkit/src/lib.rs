//! Helpers the integration tests of every crate share: the date the examples are
//! assessed as at, the checkout's paths, the `../shared` corpus (required: a test that
//! needs it fails, naming what is missing, and never passes without it), and a runner
//! for the `foidesk` binary.

mod periods;
mod run;
mod shared;

pub use periods::{periods, Unit};
pub use run::{Foidesk, Ran};
pub use shared::shared;

use std::path::{Path, PathBuf};

/// The date every example case is assessed as at: after every event in the examples.
pub const AS_AT: &str = "2026-11-22";

/// The root of the checkout (the workspace), from this crate's own place in it.
pub fn checkout() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .and_then(Path::parent)
        .expect("crates/testkit sits two levels below the checkout")
}

/// An example case file: `examples/cases/<name>.toml`.
pub fn example_case(name: &str) -> PathBuf {
    checkout().join(format!("examples/cases/{name}.toml"))
}

/// The decision notices of the shared corpus, with their `expected.jsonl`.
pub fn corpus_notices() -> PathBuf {
    shared("corpus/notices")
}

/// A runner for the `foidesk` binary of the crate whose tests call it. Cargo gives the
/// binary's path (`CARGO_BIN_EXE_foidesk`) only to the cli's own tests, so this expands
/// there.
#[macro_export]
macro_rules! foidesk {
    () => {
        $crate::Foidesk::new(env!("CARGO_BIN_EXE_foidesk"))
    };
}

/// LibreOffice converting plain-text files to PDF in `outdir`, with a private profile there
/// (runs at the same time must not share one), its output silenced. `soffice` is the
/// program; the caller spawns and waits.
pub fn soffice_to_pdf(
    soffice: impl AsRef<std::ffi::OsStr>,
    outdir: &Path,
    inputs: impl IntoIterator<Item = PathBuf>,
) -> std::process::Command {
    let mut command = std::process::Command::new(soffice);
    command
        .arg(format!(
            "-env:UserInstallation=file://{}",
            outdir.join("profile").display()
        ))
        .args([
            "--headless",
            "--infilter=Text (encoded):UTF8,LF,,,",
            "--convert-to",
            "pdf",
        ])
        .arg("--outdir")
        .arg(outdir)
        .args(inputs)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    command
}
