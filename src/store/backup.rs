//! Rotating backups. Before a save replaces a session file, the version on disk is kept in a
//! hidden folder beside it, `.NAME.ron.bak/`, as `YYYYMMDDTHHMMSS.NNNNNNNNNZ.ron` named after the
//! time that version was written (UTC, so names sort by age). The newest [`KEEP`] are kept.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};

use super::save::write_atomic;
use super::{LoadError, load};
use crate::domain::session::SessionSummary;
use crate::domain::{OsError, Session};

/// How many earlier versions of a session are kept.
pub const KEEP: usize = 20;

/// `.NAME.ron.bak` beside the session file.
pub fn backup_dir(session: &Path) -> PathBuf {
    session.with_file_name(format!(".{}.bak", file_name(session)))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

const NAME_FORMAT: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[year][month][day]T[hour][minute][second].[subsecond digits:9]Z");

fn backup_name(at: OffsetDateTime) -> String {
    let utc = at.to_offset(UtcOffset::UTC);
    let stamp = utc
        .format(NAME_FORMAT)
        .unwrap_or_else(|_| utc.unix_timestamp_nanos().to_string());
    format!("{stamp}.ron")
}

/// The time in a backup's name, if it is one of ours.
fn backup_time(name: &str) -> Option<OffsetDateTime> {
    let stem = name.strip_suffix(".ron")?;
    PrimitiveDateTime::parse(stem, NAME_FORMAT)
        .ok()
        .map(PrimitiveDateTime::assume_utc)
}

/// When a backup file's version was written (UTC), from its name.
pub fn written(path: &Path) -> Option<OffsetDateTime> {
    backup_time(path.file_name()?.to_str()?)
}

/// One kept version of a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    pub path: PathBuf,
    /// When this version was written (UTC).
    pub written: OffsetDateTime,
    /// What it holds, or why it does not load.
    pub summary: Result<SessionSummary, LoadError>,
}

/// The backup files of a session, newest first (paths and times only).
fn backup_files(session: &Path) -> Vec<(PathBuf, OffsetDateTime)> {
    let Ok(read) = std::fs::read_dir(backup_dir(session)) else {
        return Vec::new();
    };
    let mut files: Vec<(PathBuf, OffsetDateTime)> = read
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            backup_time(&name).map(|t| (e.path(), t))
        })
        .collect();
    files.sort_by(|a, b| b.0.cmp(&a.0));
    files
}

/// The kept versions of a session, newest first, each loaded for its summary.
pub fn list(session: &Path) -> Vec<Backup> {
    backup_files(session)
        .into_iter()
        .map(|(path, written)| {
            let summary = load(&path).map(|s| s.summary());
            Backup { path, written, summary }
        })
        .collect()
}

/// Keeps the file now at `session` (if there is one) as a backup, and prunes the oldest beyond
/// [`KEEP`]. Returns the backup's path.
///
/// The backup is a second name for the file (a hard link), which costs nothing however large the
/// session: every save replaces the session file by renaming a new file over it, so the old file
/// is never written again and the backup keeps it as it was. Where links are not possible (FAT
/// and exFAT drives) the file is copied.
pub fn keep_previous(session: &Path) -> io::Result<Option<PathBuf>> {
    keep_previous_with(session, |from, to| std::fs::hard_link(from, to))
}

/// [`keep_previous`] with the way of making a second name given, so that the copy that FAT
/// sticks get can be tested on any disk.
fn keep_previous_with(session: &Path, link: impl Fn(&Path, &Path) -> io::Result<()>) -> io::Result<Option<PathBuf>> {
    let meta = match std::fs::metadata(session) {
        Ok(m) if m.is_file() => m,
        Ok(_) => return Ok(None),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let written = meta
        .modified()
        .map(OffsetDateTime::from)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH);
    let path = next_path(session, written)?;
    if link(session, &path).is_err() {
        let bytes = std::fs::read(session)?;
        write_atomic(&path, &bytes)?;
    }
    Ok(Some(path))
}

/// Adds `bytes` as a version of `session` written at `written`, and prunes the oldest beyond
/// [`KEEP`].
pub fn keep(session: &Path, bytes: &[u8], written: OffsetDateTime) -> io::Result<PathBuf> {
    let path = next_path(session, written)?;
    write_atomic(&path, bytes)?;
    Ok(path)
}

/// Makes room for one more backup and names it after `written`.
fn next_path(session: &Path, written: OffsetDateTime) -> io::Result<PathBuf> {
    std::fs::create_dir_all(backup_dir(session))?;
    // Pruning first leaves room on a nearly full disk.
    prune(session, KEEP.saturating_sub(1));
    let mut written = written;
    // Coarse clocks (FAT keeps two seconds) can give two versions one time: the later one moves
    // on by a nanosecond so that names stay unique and in order.
    if let Some((_, newest)) = backup_files(session).first()
        && written <= *newest
    {
        written = *newest + time::Duration::nanoseconds(1);
    }
    Ok(backup_dir(session).join(backup_name(written)))
}

/// Deletes the oldest backups so that at most `keep` remain.
fn prune(session: &Path, keep: usize) {
    for (path, _) in backup_files(session).into_iter().skip(keep) {
        let _ = std::fs::remove_file(path);
    }
}

/// Saves over a session file the way every save from the app goes: the version on disk is kept
/// as a backup first (best effort: a full disk must not stop the save itself), then the new text
/// is written atomically.
pub fn save_over(session: &Path, text: &str) -> io::Result<()> {
    save_over_keeping(session, text, true)
}

/// As [`save_over`], with the backup of the version on disk taken only if `keep`.
fn save_over_keeping(session: &Path, text: &str, keep: bool) -> io::Result<()> {
    let kept = if keep {
        keep_previous(session).ok().flatten()
    } else {
        None
    };
    let mut result = write_atomic(session, text.as_bytes());
    // On a full disk the session matters more than its history: the backup just made gives way,
    // then the oldest ones, one at a time, until the new version fits (a backup holds on to the
    // space of the version it keeps).
    let mut oldest_first = backup_files(session).into_iter().rev();
    while let Err(e) = &result
        && is_full(e)
    {
        let freed = match kept.as_ref().filter(|k| k.exists()) {
            Some(k) => std::fs::remove_file(k).is_ok(),
            None => oldest_first
                .next()
                .is_some_and(|(old, _)| std::fs::remove_file(old).is_ok()),
        };
        if !freed {
            break;
        }
        log::warn!("disk full: a backup of {} gave way to the save", session.display());
        result = write_atomic(session, text.as_bytes());
    }
    match &result {
        Ok(()) => log::info!("saved {} ({} bytes)", session.display(), text.len()),
        Err(e) => log::warn!("save of {} failed: {e}", session.display()),
    }
    result
}

/// The shortest time between two backups of versions this program wrote itself that only
/// added to the version before.
///
/// Why not one backup per save: when phones send ideas in a burst, saves follow each other
/// every few tens of milliseconds, and [`KEEP`] backups a save would fill the whole history
/// with the last second of the burst, pushing out the versions from before it, which are the
/// ones worth going back to. A save that only adds entries or ideas loses nothing of the
/// version it replaces, so that version need not be kept again so soon. Any other change (an
/// entry edited or deleted, an idea rejected, a step moved) keeps the version before it as
/// always, and so does a file that is not the one this program last wrote (edited by hand,
/// replaced, restored). On FAT sticks, where a backup is a full copy, it also spares a copy a
/// save during a burst.
pub const BACKUP_GAP: Duration = Duration::from_secs(10);

/// The saves of one program, with their backups paced by [`BACKUP_GAP`].
#[derive(Default)]
pub struct Paced {
    last: Mutex<Option<Last>>,
}

struct Last {
    path: PathBuf,
    /// The version the last save wrote.
    session: Session,
    /// When the newest backup was taken (or would have been: there was nothing to keep).
    kept_at: Instant,
    /// What identifies the file as written by the last save: modification time and length.
    written: Option<(SystemTime, u64)>,
}

fn signature(path: &Path) -> Option<(SystemTime, u64)> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.modified().ok()?, m.len()))
}

/// Whether `after` only adds entries or ideas to `before`, as ideas arriving from phones do,
/// and changes nothing else but the time of the last change. Compared in place, without
/// copies: the writer asks this before every save.
fn only_adds(before: &Session, after: &Session) -> bool {
    // Every field is named, so a field added to sessions must be decided on here.
    let Session {
        schema_version,
        id,
        title,
        region,
        region_code,
        stage,
        date,
        venue,
        facilitators,
        participants,
        agenda,
        current_step,
        entries,
        readiness,
        votes,
        commitments,
        timer_started,
        created,
        updated: _,
        lineage,
        ideas,
        room,
    } = before;
    entries.len() <= after.entries.len()
        && ideas.len() <= after.ideas.len()
        && entries
            .iter()
            .zip(&after.entries)
            .all(|(a, b)| Arc::ptr_eq(a, b) || a == b)
        && ideas.iter().zip(&after.ideas).all(|(a, b)| a == b)
        && *schema_version == after.schema_version
        && *id == after.id
        && *title == after.title
        && *region == after.region
        && *region_code == after.region_code
        && *stage == after.stage
        && *date == after.date
        && *venue == after.venue
        && *facilitators == after.facilitators
        && *participants == after.participants
        && *agenda == after.agenda
        && *current_step == after.current_step
        && *readiness == after.readiness
        && *votes == after.votes
        && *commitments == after.commitments
        && *timer_started == after.timer_started
        && *created == after.created
        && *lineage == after.lineage
        && *room == after.room
}

impl Paced {
    /// [`save_over`] of `text` (the RON of `session`), but the version on disk is not kept
    /// again when the newest backup is recent, the file is still the one the last save wrote,
    /// and `session` only adds to it.
    pub fn save_over(&self, path: &Path, session: &Session, text: &str) -> io::Result<()> {
        let mut last = self.last.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let skip = last.as_ref().is_some_and(|l| {
            l.path == path
                && l.kept_at.elapsed() < BACKUP_GAP
                && l.written.is_some()
                && l.written == signature(path)
                && only_adds(&l.session, session)
        });
        save_over_keeping(path, text, !skip)?;
        let kept_at = match last.as_ref() {
            Some(l) if skip => l.kept_at,
            _ => Instant::now(),
        };
        *last = Some(Last {
            path: path.to_path_buf(),
            session: session.clone(),
            kept_at,
            written: signature(path),
        });
        Ok(())
    }
}

fn is_full(e: &io::Error) -> bool {
    matches!(e.kind(), io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded)
}

/// Puts a kept version back: checks that it loads, keeps the current file as a backup, then
/// writes the old version atomically. The caller holds the session's lock.
pub fn restore(session: &Path, backup: &Path) -> Result<(), RestoreError> {
    load(backup).map_err(RestoreError::Unreadable)?;
    let bytes = std::fs::read(backup).map_err(|e| RestoreError::Io(OsError::of(&e)))?;
    keep_previous(session).map_err(|e| RestoreError::Io(OsError::of(&e)))?;
    write_atomic(session, &bytes).map_err(|e| RestoreError::Io(OsError::of(&e)))?;
    log::info!("restored {} from {}", session.display(), backup.display());
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RestoreError {
    /// The backup itself does not load, so it is not put back.
    Unreadable(LoadError),
    Io(OsError),
}

impl std::fmt::Display for RestoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RestoreError::Unreadable(e) => write!(f, "{e}"),
            RestoreError::Io(e) => write!(f, "{e}"),
        }
    }
}

/// Removes temporary files that a save interrupted by a crash or power cut left behind
/// (`.NAME.ron.*.tmp` beside the session and in its backup folder). Call it only while holding
/// the session's lock, so no save of ours is under way.
pub fn tidy(session: &Path) {
    let name = file_name(session);
    let prefix = format!(".{name}.");
    let dir = session
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    for folder in [dir.to_path_buf(), backup_dir(session)] {
        let Ok(read) = std::fs::read_dir(&folder) else {
            continue;
        };
        for e in read.filter_map(Result::ok) {
            let n = e.file_name().to_string_lossy().into_owned();
            let ours = if folder == dir {
                n.starts_with(&prefix)
            } else {
                n.starts_with('.')
            };
            if ours && n.ends_with(".tmp") && e.path().is_file() {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_by_time_and_read_back() {
        let a = time::macros::datetime!(2024-05-06 09:15:30.123456789 +08:00);
        let b = a + time::Duration::nanoseconds(1);
        let (na, nb) = (backup_name(a), backup_name(b));
        assert_eq!(na, "20240506T011530.123456789Z.ron");
        assert!(na < nb);
        assert_eq!(backup_time(&na), Some(a));
        assert_eq!(backup_time("notes.ron"), None);
    }

    #[test]
    fn keeps_the_newest_versions_only() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("s.ron");
        assert_eq!(keep_previous(&path).expect("nothing to keep"), None);
        for i in 0..(KEEP + 5) {
            save_over(&path, &format!("version {i}")).expect("save");
        }
        let files = backup_files(&path);
        assert_eq!(files.len(), KEEP);
        let newest = std::fs::read_to_string(&files[0].0).expect("read");
        assert_eq!(newest, format!("version {}", KEEP + 3));
        let oldest = std::fs::read_to_string(&files[KEEP - 1].0).expect("read");
        assert_eq!(oldest, "version 4");
    }

    #[test]
    fn paced_saves_keep_one_backup_while_only_adding_but_always_keep_a_change_or_a_stranger() {
        use crate::domain::test_support;
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("s.ron");
        std::fs::write(&path, "sebelum rapat").expect("write");
        let paced = Paced::default();
        let mut session = test_support::session();
        let save = |s: &Session| paced.save_over(&path, s, &format!("{} masukan", s.entries.len()));
        for i in 0..30 {
            session
                .entries
                .push(Arc::new(test_support::entry(&format!("e{i}"), "Usulan dari ponsel")));
            save(&session).expect("save");
        }
        let files = backup_files(&path);
        assert_eq!(files.len(), 1, "a burst of additions keeps one backup");
        assert_eq!(std::fs::read_to_string(&files[0].0).expect("read"), "sebelum rapat");
        // A deletion keeps the version before it, however recent the last backup.
        session.entries.remove(3);
        save(&session).expect("save");
        let files = backup_files(&path);
        assert_eq!(files.len(), 2);
        assert_eq!(std::fs::read_to_string(&files[0].0).expect("read"), "30 masukan");
        // Replaced by someone else: that file is kept too.
        std::fs::write(&path, "diganti orang lain, lebih panjang").expect("replace");
        session.entries.push(Arc::new(test_support::entry("e99", "Satu lagi")));
        save(&session).expect("save");
        let files = backup_files(&path);
        assert_eq!(files.len(), 3);
        assert_eq!(
            std::fs::read_to_string(&files[0].0).expect("read"),
            "diganti orang lain, lebih panjang"
        );
    }

    #[test]
    fn a_backup_stays_as_it_was_when_the_session_file_is_edited_in_place() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("s.ron");
        save_over(&path, "versi 1").expect("save");
        save_over(&path, "versi 2").expect("save");
        // An editor that writes into the file itself rather than replacing it.
        std::fs::OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(&path)
            .and_then(|mut f| std::io::Write::write_all(&mut f, b"diubah dengan tangan"))
            .expect("edit in place");
        let files = backup_files(&path);
        assert_eq!(files.len(), 1);
        assert_eq!(std::fs::read_to_string(&files[0].0).expect("read"), "versi 1");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "diubah dengan tangan");
    }

    #[test]
    fn without_hard_links_the_backup_is_a_copy_that_stays_as_it_was() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sesi kelompok é.ron");
        write_atomic(&path, b"versi 1").expect("save");
        // What FAT and exFAT answer to a hard link.
        let no_links = |_: &Path, _: &Path| Err(io::Error::new(io::ErrorKind::Unsupported, "no links on FAT"));
        let kept = keep_previous_with(&path, no_links).expect("copied").expect("a backup");
        write_atomic(&path, b"versi 2").expect("save");
        assert_eq!(std::fs::read_to_string(&kept).expect("read"), "versi 1");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "versi 2");
        assert_eq!(backup_files(&path).len(), 1);
    }

    #[test]
    fn tidy_removes_only_leftover_temp_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("s.ron");
        std::fs::write(&path, "x").expect("write");
        std::fs::write(dir.path().join(".s.ron.abc123.tmp"), "half").expect("write");
        std::fs::write(dir.path().join(".other.ron.abc123.tmp"), "theirs").expect("write");
        tidy(&path);
        assert!(!dir.path().join(".s.ron.abc123.tmp").exists());
        assert!(dir.path().join(".other.ron.abc123.tmp").exists());
        assert!(path.exists());
    }
}
