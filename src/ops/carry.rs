//! The next stage's session from an earlier one (`bimtek new --from`, the home screen's `c`).
//! What is carried is decided by `domain::carry` (pure); here the earlier file is read and the
//! new one written, never over an existing file.

use std::path::{Path, PathBuf};

use time::OffsetDateTime;

use super::OpError;
use crate::domain::carry::{Carried, carry_forward};
use crate::domain::{Agenda, NewSession, Session, Stage};
use crate::i18n::{Strings, fill};
use crate::store;

/// The stage of the session that follows `prev`: the one given, else the next; never an
/// earlier one.
pub fn next_stage(from: &Path, prev: &Session, stage: Option<Stage>) -> Result<Stage, OpError> {
    let stage = match stage {
        Some(s) => s,
        None if prev.stage.number() >= 4 => return Err(OpError::CarryLast(from.to_path_buf())),
        None => prev.stage.next(),
    };
    if stage < prev.stage {
        return Err(OpError::CarryStage {
            to: stage,
            from: prev.stage,
        });
    }
    Ok(stage)
}

/// Makes the next stage's session from `prev`, checks that it loads back, and writes it as a new
/// file in `dir` (never over an existing one). Returns its path and what was carried.
pub fn create_carried(
    dir: &Path,
    prev: &Session,
    spec: NewSession,
    agenda: Option<Agenda>,
    id: String,
    now: OffsetDateTime,
) -> Result<(PathBuf, Carried), OpError> {
    let agenda = agenda.unwrap_or_else(|| crate::template::builtin(spec.stage));
    let mut session = Session::new(id, spec, agenda, now);
    let carried = carry_forward(prev, &mut session);
    // What is carried must load back before it is written anywhere.
    let target = dir.join(format!("{}.ron", session.file_stem()));
    store::parse(&store::to_ron(&session)).map_err(|e| OpError::Invalid(target, Box::new(e)))?;
    let path = store::files::create_new(dir, &session).map_err(OpError::Create)?;
    Ok((path, carried))
}

/// The line that says what was carried from `from`.
pub fn carried_message(tr: &Strings, from: &str, c: Carried) -> String {
    fill(
        &tr.out_carried,
        &[
            ("path", from),
            ("participants", &c.participants.to_string()),
            ("scores", &c.scores.to_string()),
            ("programs", &c.programs.to_string()),
            ("quick_wins", &c.quick_wins.to_string()),
        ],
    )
}

/// The home screen's "next stage": the form's answers, the earlier file. An empty venue means
/// the earlier session's venue. Returns the new file and what was carried.
pub fn from_form(
    dir: &Path,
    from: &Path,
    spec: NewSession,
    id: String,
    now: OffsetDateTime,
) -> Result<(PathBuf, Carried), OpError> {
    let prev = store::load(from).map_err(OpError::load)?;
    next_stage(from, &prev, Some(spec.stage))?;
    let spec = NewSession {
        venue: if spec.venue.trim().is_empty() {
            prev.venue.clone()
        } else {
            spec.venue
        },
        ..spec
    };
    create_carried(dir, &prev, spec, None, id, now)
}
