//! The binary as a plain command, for the command-line tests: isolated like every test here,
//! with a time limit, its output read back.

use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;

use super::{Env, sample_path};

pub struct Output {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("run bimtek");
    Output {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("utf-8 stderr"),
    }
}

/// Asserts a user error: exit 1 and exactly one line on stderr, which is returned.
pub fn one_line_error(out: &Output) -> String {
    assert_eq!(
        out.code,
        Some(1),
        "expected exit 1\nstdout: {}\nstderr: {}",
        out.stdout,
        out.stderr
    );
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "expected one line on stderr, got:\n{}", out.stderr);
    assert!(!lines[0].trim().is_empty(), "empty error line");
    lines[0].to_string()
}

impl Env {
    /// A path in this test's folder, beside the sessions folder.
    pub fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    /// `bimtek`, isolated from the user's environment, with no sessions folder given.
    pub fn bare(&self) -> Command {
        let mut cmd = Command::from_std(self.isolated());
        cmd.timeout(Duration::from_secs(30));
        cmd
    }

    /// `bimtek --sessions-dir DIR`.
    pub fn bimtek_in(&self, dir: &Path) -> Command {
        let mut cmd = self.bare();
        cmd.arg("--sessions-dir").arg(dir);
        cmd
    }

    /// `bimtek --sessions-dir` this test's sessions folder.
    pub fn bimtek(&self) -> Command {
        self.bimtek_in(&self.sessions())
    }

    /// `bimtek --sessions-dir` this test's sessions folder with `args`, run to the end.
    pub fn run(&self, args: &[&str]) -> Output {
        run(self.bimtek().args(args))
    }

    /// A copy of the repository's sample session in the sessions folder.
    pub fn sample_copy(&self, name: &str) -> PathBuf {
        let to = self.sessions().join(name);
        std::fs::copy(sample_path(), &to).expect("copy the sample");
        to
    }
}
