//! Recovery files. When bimtek stops on a programming error with changes it could not save, it
//! writes the session as it had it in memory to `NAME.ron.recovery` beside the session file (or,
//! if that folder cannot be written, in the sessions folder). The next start offers it: use it
//! (the current file is kept as a backup first) or discard it (it is kept as a backup too).

use std::io;
use std::path::{Path, PathBuf};

use time::OffsetDateTime;

use super::backup;
use super::save::write_atomic;
use super::{LoadError, load};
use crate::domain::session::SessionSummary;

const SUFFIX: &str = ".recovery";

/// `NAME.ron.recovery` beside the session file.
pub fn recovery_path(session: &Path) -> PathBuf {
    let name = session
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    session.with_file_name(format!("{name}{SUFFIX}"))
}

/// The session file a recovery file belongs to.
pub fn session_of(recovery: &Path) -> Option<PathBuf> {
    let name = recovery.file_name()?.to_str()?;
    let session = name.strip_suffix(SUFFIX)?;
    (!session.is_empty()).then(|| recovery.with_file_name(session))
}

/// Writes the session text as a recovery file beside `session`, or else in `fallback_dir`.
/// Returns where it went.
pub fn write(session: &Path, text: &str, fallback_dir: &Path) -> io::Result<PathBuf> {
    let written = write_either(session, text, fallback_dir);
    match &written {
        Ok(p) => log::warn!("recovery file written for {}: {}", session.display(), p.display()),
        Err(e) => log::error!("recovery file for {} could not be written: {e}", session.display()),
    }
    written
}

fn write_either(session: &Path, text: &str, fallback_dir: &Path) -> io::Result<PathBuf> {
    let first = recovery_path(session);
    match write_atomic(&first, text.as_bytes()) {
        Ok(()) => Ok(first),
        Err(e) => {
            let Some(name) = first.file_name() else {
                return Err(e);
            };
            let second = fallback_dir.join(name);
            if second == first {
                return Err(e);
            }
            std::fs::create_dir_all(fallback_dir)?;
            write_atomic(&second, text.as_bytes()).map(|()| second)
        }
    }
}

/// What a recovery file holds, for the question whether to use it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub session: PathBuf,
    pub recovery: PathBuf,
    /// When it was written (UTC).
    pub written: OffsetDateTime,
    pub summary: Result<SessionSummary, LoadError>,
    /// The session file as it is now, if it loads.
    pub current: Option<SessionSummary>,
}

fn describe(recovery: PathBuf) -> Option<Found> {
    let session = session_of(&recovery)?;
    if !recovery.is_file() {
        return None;
    }
    let written = std::fs::metadata(&recovery)
        .and_then(|m| m.modified())
        .map(OffsetDateTime::from)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH);
    Some(Found {
        summary: load(&recovery).map(|s| s.summary()),
        current: load(&session).ok().map(|s| s.summary()),
        session,
        recovery,
        written,
    })
}

/// The recovery file of one session, if there is one.
pub fn find_for(session: &Path) -> Option<Found> {
    describe(recovery_path(session))
}

/// The recovery files in a folder, sorted by name.
pub fn find_in(dir: &Path) -> Vec<Found> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = read
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(SUFFIX) && !n.starts_with('.'))
        })
        .collect();
    paths.sort();
    paths.into_iter().filter_map(describe).collect()
}

/// Makes the recovery file the session file: it must load; the current file is kept as a
/// backup; then the recovery file is written over the session atomically and removed. The
/// caller holds the session's lock.
pub fn apply(session: &Path) -> Result<(), backup::RestoreError> {
    let recovery = recovery_path(session);
    backup::restore(session, &recovery)?;
    let _ = std::fs::remove_file(&recovery);
    log::info!("recovery file used for {}", session.display());
    Ok(())
}

/// Sets the recovery file aside: it becomes the newest backup of the session, so it can still be
/// restored later, and is no longer offered.
pub fn discard(session: &Path) -> io::Result<()> {
    let recovery = recovery_path(session);
    let text = std::fs::read(&recovery)?;
    let written = std::fs::metadata(&recovery)
        .and_then(|m| m.modified())
        .map(OffsetDateTime::from)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH);
    backup::keep(session, &text, written)?;
    std::fs::remove_file(&recovery)?;
    log::info!("recovery file of {} set aside as a backup", session.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_file_sits_beside_the_session() {
        let p = Path::new("/x/kota-a-bimtek-1-2024-05-06.ron");
        let r = recovery_path(p);
        assert_eq!(r, Path::new("/x/kota-a-bimtek-1-2024-05-06.ron.recovery"));
        assert_eq!(session_of(&r).as_deref(), Some(p));
    }
}
