//! The operations both shells need — the command line (`commands`) and the terminal shell
//! (`tui`): open, create, export beside, carry to the next stage, merge, restore. Files go
//! through the store; there is no terminal code here, and errors stay typed until a shell shows
//! them (`OpError::message` words them in the user's language).

pub mod carry;
pub mod export;
pub mod merge;

use std::path::{Path, PathBuf};

use time::{OffsetDateTime, UtcOffset};

use crate::domain::{Agenda, NewSession, OsError, Session, Stage};
use crate::i18n::{Strings, fill};
use crate::store::files::CreateError;
use crate::store::load::ParseError;
use crate::store::{self, LoadError, LockError, SessionLock, backup};

/// The wall clock in the laptop's own time zone (found once at start, before any thread).
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    offset: UtcOffset,
}

impl Clock {
    pub fn local() -> Clock {
        Clock {
            offset: UtcOffset::current_local_offset().unwrap_or(UtcOffset::UTC),
        }
    }

    pub fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc().to_offset(self.offset)
    }

    /// A moment (e.g. a file's time, in UTC) in the laptop's time zone.
    pub fn at(&self, t: OffsetDateTime) -> OffsetDateTime {
        t.to_offset(self.offset)
    }
}

/// What a screen starts on.
pub enum Start {
    Home,
    /// A session already loaded (and locked by the caller, unless opened read-only).
    Session {
        session: Box<Session>,
        path: PathBuf,
        /// `None`: read-only, nothing is written.
        lock: Option<SessionLock>,
        /// Why it is read-only when that was not asked for (the folder cannot be written).
        why: Option<OsError>,
        /// Serve the phones from the start (`open --room`).
        room: Option<crate::room::Config>,
    },
}

/// Why an operation did not happen.
#[derive(Debug)]
pub enum OpError {
    /// A session file that does not load.
    Load(Box<LoadError>),
    /// The session's lock: held by another bimtek, or not writable.
    Lock(PathBuf, LockError),
    /// A new session file that could not be made.
    Create(CreateError),
    /// A file that could not be written.
    Write(PathBuf, String),
    /// What was made would not load back, so it was not written.
    Invalid(PathBuf, Box<ParseError>),
    /// The session is Bimtek IV: there is no next stage.
    CarryLast(PathBuf),
    /// Carrying to a stage before the one it comes from.
    CarryStage { to: Stage, from: Stage },
    /// A session merged into itself.
    MergeSelf(PathBuf),
    /// A source that does not come from the same session as the target.
    MergeUnrelated { source: PathBuf, target: PathBuf },
    /// The merged session would not load back.
    MergeInvalid(PathBuf, Box<ParseError>),
    /// A backup that could not be put back.
    Restore(PathBuf, Box<backup::RestoreError>),
}

impl OpError {
    /// A session file that does not load (boxed: load errors are large, the others small).
    pub fn load(e: LoadError) -> OpError {
        OpError::Load(Box::new(e))
    }

    /// One line in the user's language.
    pub fn message(&self, tr: &Strings) -> String {
        let shown = |p: &Path| p.display().to_string();
        match self {
            OpError::Load(e) => e.describe(tr),
            OpError::Lock(path, e) => lock_message(tr, path, e),
            OpError::Create(CreateError::Exists(p)) => fill(&tr.err_exists, &[("path", &shown(p))]),
            OpError::Create(CreateError::Io(p, e)) => fill(
                &tr.err_write,
                &[("path", &shown(p)), ("error", &tr.os_error(&OsError::of(e)))],
            ),
            OpError::Write(p, e) => fill(&tr.err_write, &[("path", &shown(p)), ("error", e)]),
            OpError::Invalid(p, e) => fill(&tr.err_write, &[("path", &shown(p)), ("error", &e.describe(tr))]),
            OpError::CarryLast(p) => fill(&tr.out_err_carry_last, &[("path", &shown(p))]),
            OpError::CarryStage { to, from } => {
                fill(&tr.out_err_carry_stage, &[("to", to.roman()), ("from", from.roman())])
            }
            OpError::MergeSelf(p) => fill(&tr.out_err_merge_self, &[("path", &shown(p))]),
            OpError::MergeUnrelated { source, target } => fill(
                &tr.out_err_merge_unrelated,
                &[("source", &shown(source)), ("target", &shown(target))],
            ),
            OpError::MergeInvalid(p, e) => fill(
                &tr.out_err_merge_invalid,
                &[("target", &shown(p)), ("error", &e.describe(tr))],
            ),
            OpError::Restore(p, e) => match &**e {
                backup::RestoreError::Io(e) => fill(&tr.err_write, &[("path", &shown(p)), ("error", &tr.os_error(e))]),
                backup::RestoreError::Unreadable(e) => e.describe(tr),
            },
        }
    }
}

/// The message for a lock that someone else holds (or that could not be taken).
pub fn lock_message(tr: &Strings, path: &Path, err: &LockError) -> String {
    let p = path.display().to_string();
    match err {
        LockError::Held { holder: Some(h) } => fill(
            &tr.err_locked,
            &[("path", &p), ("pid", &h.pid), ("host", &h.host), ("since", &h.since)],
        ),
        LockError::Held { holder: None } => fill(&tr.err_locked_unknown, &[("path", &p)]),
        LockError::Io(e) => fill(&tr.err_write, &[("path", &p), ("error", &tr.os_error(e))]),
    }
}

/// Takes a session's lock.
pub fn lock(path: &Path, now: OffsetDateTime) -> Result<SessionLock, OpError> {
    SessionLock::acquire(path, now).map_err(|e| OpError::Lock(path.to_path_buf(), e))
}

/// Loads and locks a session for editing, and tidies what an interrupted save left behind.
pub fn open(path: &Path, now: OffsetDateTime) -> Result<(Session, SessionLock), OpError> {
    let session = store::load(path).map_err(OpError::load)?;
    let lock = lock(path, now)?;
    // We are the only writer now: what an interrupted save left behind can go.
    backup::tidy(path);
    Ok((session, lock))
}

/// Creates a new session file in `dir` from the built-in agenda of its stage (or a given one).
/// Refuses to replace a file that exists.
pub fn create(
    dir: &Path,
    spec: NewSession,
    agenda: Option<Agenda>,
    id: String,
    now: OffsetDateTime,
) -> Result<(Session, PathBuf), OpError> {
    let agenda = agenda.unwrap_or_else(|| crate::template::builtin(spec.stage));
    let session = Session::new(id, spec, agenda, now);
    let path = store::files::create_new(dir, &session).map_err(OpError::Create)?;
    Ok((session, path))
}

/// Puts the backup `from` back as `session`, after keeping the current file as a backup. Takes
/// the session's lock for the time of it, unless the caller already holds it (`locked`).
pub fn restore(session: &Path, from: &Path, locked: bool, now: OffsetDateTime) -> Result<(), OpError> {
    let _lock = if locked { None } else { Some(lock(session, now)?) };
    backup::restore(session, from).map_err(|e| OpError::Restore(session.to_path_buf(), Box::new(e)))
}
