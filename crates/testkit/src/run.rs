//! Runs the `foidesk` binary and collects what it did.

use std::ffi::OsStr;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// One invocation of the binary, built up argument by argument.
pub struct Foidesk {
    command: Command,
    stdin: Option<Vec<u8>>,
}

/// What a run gave: its exit code (-1 if killed by a signal), stdout and stderr.
pub struct Ran {
    pub output: Output,
}

impl Foidesk {
    /// The binary at `path`; the [`crate::foidesk!`] macro passes the cli's own.
    pub fn new(path: impl AsRef<OsStr>) -> Self {
        Foidesk {
            command: Command::new(path),
            stdin: None,
        }
    }

    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Self {
        self.command.arg(arg);
        self
    }

    pub fn args<I: IntoIterator<Item = S>, S: AsRef<OsStr>>(mut self, args: I) -> Self {
        self.command.args(args);
        self
    }

    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Self {
        self.command.env(key, value);
        self
    }

    /// Runs in `dir` instead of the test's own directory.
    pub fn current_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.command.current_dir(dir);
        self
    }

    /// Runs in the checkout, so paths such as `examples/cases/...` resolve.
    pub fn in_checkout(self) -> Self {
        self.current_dir(crate::checkout())
    }

    /// Writes `input` to the binary's stdin (otherwise stdin is empty).
    pub fn stdin(mut self, input: &str) -> Self {
        self.stdin = Some(input.as_bytes().to_vec());
        self
    }

    pub fn run(mut self) -> Ran {
        self.command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = self.command.spawn().expect("run foidesk");
        let mut input = child.stdin.take().expect("stdin");
        if let Some(bytes) = &self.stdin {
            input.write_all(bytes).expect("write stdin");
        }
        drop(input);
        Ran {
            output: child.wait_with_output().expect("wait for foidesk"),
        }
    }
}

impl Ran {
    pub fn code(&self) -> i32 {
        self.output.status.code().unwrap_or(-1)
    }

    /// Exit code, stdout and stderr, both as text.
    pub fn text(self) -> (i32, String, String) {
        let code = self.code();
        let Output { stdout, stderr, .. } = self.output;
        (
            code,
            String::from_utf8_lossy(&stdout).into_owned(),
            String::from_utf8_lossy(&stderr).into_owned(),
        )
    }

    /// Exit code, stdout as bytes (documents such as PDFs), stderr as text.
    pub fn bytes(self) -> (i32, Vec<u8>, String) {
        let code = self.code();
        let Output { stdout, stderr, .. } = self.output;
        (code, stdout, String::from_utf8_lossy(&stderr).into_owned())
    }
}
