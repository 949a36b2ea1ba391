use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::domain::entry::MAX_ENTRY_CHARS;
use crate::domain::{SCHEMA_VERSION, Session};
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
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, col)) => write!(f, "{}:{line}:{col}: {}", self.path.display(), self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for LoadError {}

/// A problem found in text, before it is tied to a file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl ParseError {
    fn at(text: &str, needle: &str, message: String) -> ParseError {
        let (line, col) = locate(text, needle);
        ParseError { line, col, message }
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
        message: e.code.to_string(),
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
                format!(
                    "schema_version {v} is newer than this bimtek understands (up to {SCHEMA_VERSION}); update bimtek to open it"
                ),
            ));
        }
        Some(0) => {
            return Err(ParseError::at(
                text,
                "schema_version",
                "schema_version 0 does not exist".into(),
            ));
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
    template::validate(&s.agenda, catalog()).map_err(|(needle, message)| ParseError::at(text, &needle, message))?;
    crate::domain::readiness::validate(&s.readiness, catalog())
        .map_err(|(needle, message)| ParseError::at(text, &needle, message))?;
    for e in &s.entries {
        if let Some(p) = &e.program
            && let Err(message) = p.validate()
        {
            return Err(ParseError::at(
                text,
                &format!("\"{}\"", e.id),
                format!("entry {}: {message}", e.id),
            ));
        }
    }
    for r in &s.votes {
        if r.budget == 0 || r.budget > crate::domain::vote::MAX_BUDGET {
            return Err(ParseError::at(
                text,
                &format!("\"{}\"", r.id),
                format!(
                    "vote round {}: budget {} is outside 1 to {}",
                    r.id,
                    r.budget,
                    crate::domain::vote::MAX_BUDGET
                ),
            ));
        }
    }
    if s.current_step >= s.agenda.steps.len() {
        return Err(ParseError::at(
            text,
            "current_step",
            format!(
                "current_step {} is past the last step ({})",
                s.current_step,
                s.agenda.steps.len() - 1
            ),
        ));
    }
    let mut ids = HashSet::new();
    for p in &s.participants {
        if !ids.insert(p.id.as_str()) {
            return Err(ParseError::at(
                text,
                &format!("\"{}\"", p.id),
                format!("participant id {} is used twice", p.id),
            ));
        }
    }
    for e in &s.entries {
        let at = format!("\"{}\"", e.id);
        if e.id.trim().is_empty() {
            return Err(ParseError::at(text, "id: \"\"", "an entry has an empty id".into()));
        }
        if !ids.insert(e.id.as_str()) {
            return Err(ParseError::at(text, &at, format!("id {} is used twice", e.id)));
        }
        if e.text.trim().is_empty() {
            return Err(ParseError::at(text, &at, format!("entry {} has no text", e.id)));
        }
        let chars = e.text.chars().count();
        if chars > MAX_ENTRY_CHARS {
            return Err(ParseError::at(
                text,
                &at,
                format!(
                    "entry {} is {chars} characters long; an entry may have at most {MAX_ENTRY_CHARS}",
                    e.id
                ),
            ));
        }
        if let Some(code) = &e.element {
            if !template::element_known(code, &s.agenda, catalog()) {
                return Err(ParseError::at(
                    text,
                    &format!("\"{code}\""),
                    format!("unknown element '{code}'"),
                ));
            }
            let owner = crate::domain::catalog::element_pillar(code);
            if e.pillar.is_some() && owner != e.pillar {
                return Err(ParseError::at(
                    text,
                    &at,
                    format!(
                        "entry {}: element '{code}' does not belong to pillar '{}'",
                        e.id,
                        e.pillar.map_or("", |p| p.code())
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// Reads and parses a session file.
pub fn load(path: &Path) -> Result<Session, LoadError> {
    let whole = |message: String| LoadError {
        path: path.to_path_buf(),
        position: None,
        message,
    };
    let meta = std::fs::metadata(path).map_err(|e| whole(e.to_string()))?;
    if meta.is_dir() {
        return Err(whole("is a folder, not a session file".into()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(whole(format!(
            "the file is {} MiB; session files larger than {} MiB are refused",
            meta.len() / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| whole(e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let good = String::from_utf8_lossy(good);
        let line = good.matches('\n').count() + 1;
        let col = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        LoadError {
            path: path.to_path_buf(),
            position: Some((line, col)),
            message: "the file is not valid UTF-8 text".into(),
        }
    })?;
    parse(&text).map_err(|e| LoadError {
        path: path.to_path_buf(),
        position: Some((e.line, e.col)),
        message: e.message,
    })
}
