use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::domain::entry::MAX_ENTRY_CHARS;
use crate::domain::{Lang, OsError, Problem, SCHEMA_VERSION, Session};
use crate::i18n::{Strings, describe, strings};
use crate::template::{self, catalog, locate};

/// Session files larger than this are refused before they are read: no real session comes near
/// it, and reading a huge stray file would freeze the laptop.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// How deep RON values may nest. A session needs about eight levels (session, agenda, steps, step,
/// title…); the limit turns a maliciously deep file into an error instead of a stack overflow.
pub const MAX_NESTING: usize = 32;

fn ron_options() -> ron::Options {
    ron::Options::default().with_recursion_limit(MAX_NESTING)
}

/// Why a session file did not load: `file:line:col: what is wrong`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub path: PathBuf,
    /// 1-based; `None` when the problem is the file as a whole (cannot be read, too big).
    pub position: Option<(usize, usize)>,
    pub problem: Problem,
}

impl LoadError {
    /// `file:line:col: what is wrong`, in the words of `tr`'s language.
    pub fn describe(&self, tr: &Strings) -> String {
        let what = describe(&self.problem, tr);
        match self.position {
            Some((line, col)) => format!("{}:{line}:{col}: {what}", self.path.display()),
            None => format!("{}: {what}", self.path.display()),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(strings(Lang::En)))
    }
}

impl std::error::Error for LoadError {}

/// A problem found in text, before it is tied to a file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub col: usize,
    pub problem: Problem,
}

impl ParseError {
    fn at(text: &str, needle: &str, problem: Problem) -> ParseError {
        let (line, col) = locate(text, needle);
        ParseError { line, col, problem }
    }

    /// `line:col: what is wrong`, in the words of `tr`'s language.
    pub fn describe(&self, tr: &Strings) -> String {
        format!("{}:{}: {}", self.line, self.col, describe(&self.problem, tr))
    }
}

#[derive(Deserialize)]
struct Probe {
    schema_version: u32,
}

fn ron_error(e: ron::error::SpannedError) -> ParseError {
    // Positions are 1-based; guard against a 0 so every error points somewhere real.
    ParseError {
        line: e.span.start.line.max(1),
        col: e.span.start.col.max(1),
        problem: Problem::Syntax {
            detail: e.code.to_string(),
        },
    }
}

fn in_entry(id: &str, problem: Problem) -> Problem {
    Problem::Entry {
        id: id.to_string(),
        problem: Box::new(problem),
    }
}

/// Parses and checks a session from RON text.
pub fn parse(text: &str) -> Result<Session, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // One pass over the text in the usual case. Only when the whole does not parse is the version
    // read on its own, so a newer file is refused as newer rather than for a field it added.
    let full = ron_options().from_str::<Session>(text);
    let version = match &full {
        Ok(s) => Some(s.schema_version),
        Err(_) => ron_options().from_str::<Probe>(text).ok().map(|p| p.schema_version),
    };
    match version {
        Some(v) if v > SCHEMA_VERSION => {
            return Err(ParseError::at(
                text,
                "schema_version",
                Problem::NewerSchema {
                    found: v,
                    supported: SCHEMA_VERSION,
                },
            ));
        }
        Some(0) => {
            return Err(ParseError::at(text, "schema_version", Problem::SchemaZero));
        }
        _ => {}
    }
    let mut session = full.map_err(ron_error)?;
    validate(&session, text)?;
    migrate(&mut session);
    Ok(session)
}

/// Brings an older session up to this version in memory; it is written in the new version only
/// when next saved. Version 2 added readiness scores, votes, program details, commitments and
/// step timing, all of which an older file simply does not have yet.
fn migrate(session: &mut Session) {
    if session.schema_version < SCHEMA_VERSION {
        session.schema_version = SCHEMA_VERSION;
    }
}

fn validate(s: &Session, text: &str) -> Result<(), ParseError> {
    template::validate(&s.agenda, catalog()).map_err(|(needle, problem)| ParseError::at(text, &needle, problem))?;
    crate::domain::readiness::validate(&s.readiness, catalog())
        .map_err(|(needle, problem)| ParseError::at(text, &needle, problem))?;
    for e in &s.entries {
        if let Some(p) = &e.program
            && let Err(problem) = p.validate()
        {
            return Err(ParseError::at(
                text,
                &format!("\"{}\"", e.id),
                Problem::Entry {
                    id: e.id.to_string(),
                    problem: Box::new(problem),
                },
            ));
        }
    }
    for r in &s.votes {
        if r.budget == 0 || r.budget > crate::domain::vote::MAX_BUDGET {
            return Err(ParseError::at(
                text,
                &format!("\"{}\"", r.id),
                Problem::VoteBudget {
                    round: r.id.to_string(),
                    budget: r.budget,
                    max: crate::domain::vote::MAX_BUDGET,
                },
            ));
        }
    }
    if let Some(code) = &s.region_code
        && crate::domain::region::check(code).as_deref() != Ok(code.as_str())
    {
        return Err(ParseError::at(
            text,
            "region_code",
            Problem::RegionCode { code: code.clone() },
        ));
    }
    if s.current_step >= s.agenda.steps.len() {
        return Err(ParseError::at(
            text,
            "current_step",
            Problem::CurrentStepPast {
                step: s.current_step,
                last: s.agenda.steps.len() - 1,
            },
        ));
    }
    let mut ids = HashSet::new();
    for p in &s.participants {
        if !ids.insert(p.id.as_str()) {
            return Err(ParseError::at(
                text,
                &format!("\"{}\"", p.id),
                Problem::ParticipantIdTwice { id: p.id.to_string() },
            ));
        }
    }
    for e in &s.entries {
        let at = format!("\"{}\"", e.id);
        if e.id.trim().is_empty() {
            return Err(ParseError::at(text, "id: \"\"", Problem::EntryIdEmpty));
        }
        if !ids.insert(e.id.as_str()) {
            return Err(ParseError::at(text, &at, Problem::IdTwice { id: e.id.to_string() }));
        }
        if e.text.trim().is_empty() {
            return Err(ParseError::at(text, &at, in_entry(&e.id, Problem::EntryNoText)));
        }
        let chars = e.text.chars().count();
        if chars > MAX_ENTRY_CHARS {
            return Err(ParseError::at(
                text,
                &at,
                in_entry(
                    &e.id,
                    Problem::EntryTooLong {
                        chars,
                        max: MAX_ENTRY_CHARS,
                    },
                ),
            ));
        }
        if let Some(code) = &e.element {
            if !template::element_known(code, &s.agenda, catalog()) {
                return Err(ParseError::at(
                    text,
                    &format!("\"{code}\""),
                    in_entry(&e.id, Problem::UnknownElement { code: code.clone() }),
                ));
            }
            let owner = crate::domain::catalog::element_pillar(code);
            if e.pillar.is_some() && owner != e.pillar {
                return Err(ParseError::at(
                    text,
                    &at,
                    in_entry(
                        &e.id,
                        Problem::ElementNotOfPillar {
                            code: code.clone(),
                            pillar: e.pillar.map_or("", |p| p.code()).to_string(),
                        },
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// Reads and parses a session file.
pub fn load(path: &Path) -> Result<Session, LoadError> {
    let whole = |problem: Problem| LoadError {
        path: path.to_path_buf(),
        position: None,
        problem,
    };
    let io = |e: std::io::Error| Problem::Io(OsError::of(&e));
    let meta = std::fs::metadata(path).map_err(|e| whole(io(e)))?;
    if meta.is_dir() {
        return Err(whole(Problem::Folder));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(whole(Problem::TooBig {
            mib: meta.len() / (1024 * 1024),
            max_mib: MAX_FILE_BYTES / (1024 * 1024),
        }));
    }
    let bytes = std::fs::read(path).map_err(|e| whole(io(e)))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let good = String::from_utf8_lossy(good);
        let line = good.matches('\n').count() + 1;
        let col = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        LoadError {
            path: path.to_path_buf(),
            position: Some((line, col)),
            problem: Problem::NotUtf8,
        }
    })?;
    parse(&text).map_err(|e| LoadError {
        path: path.to_path_buf(),
        position: Some((e.line, e.col)),
        problem: e.problem,
    })
}
