//! One writer per session file. The lock is an OS file lock on a small sidecar file
//! (`.NAME.ron.lock`), so it disappears by itself when the holder exits or crashes; the file
//! also names the holder, so the second bimtek can say who has it.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use fd_lock::RwLock;
use time::OffsetDateTime;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockError {
    /// Another process holds it; what it wrote about itself, if readable.
    Held {
        holder: Option<Holder>,
    },
    Io(crate::domain::OsError),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub pid: String,
    pub host: String,
    pub since: String,
}

#[derive(Debug)]
pub struct SessionLock {
    // Keeping the file open keeps the lock; dropping it releases the lock.
    _file: RwLock<File>,
    pub path: PathBuf,
}

pub fn lock_path(session: &Path) -> PathBuf {
    let name = session
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    session.with_file_name(format!(".{name}.lock"))
}

fn host_name() -> String {
    for var in ["HOSTNAME", "COMPUTERNAME"] {
        if let Ok(h) = std::env::var(var)
            && !h.trim().is_empty()
        {
            return h.trim().to_string();
        }
    }
    std::fs::read_to_string("/etc/hostname")
        .map(|h| h.trim().to_string())
        .ok()
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "?".into())
}

fn read_holder(path: &Path) -> Option<Holder> {
    let mut text = String::new();
    File::open(path).ok()?.read_to_string(&mut text).ok()?;
    let field = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key).and_then(|r| r.strip_prefix('=')))
            .map(|v| v.trim().to_string())
    };
    Some(Holder {
        pid: field("pid")?,
        host: field("host")?,
        since: field("since")?,
    })
}

impl SessionLock {
    /// Takes the lock for a session file, or says who has it.
    pub fn acquire(session: &Path, now: OffsetDateTime) -> Result<SessionLock, LockError> {
        let path = lock_path(session);
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| {
                log::warn!("lock of {} failed: {e}", session.display());
                LockError::Io(crate::domain::OsError::of(&e))
            })?;
        let mut lock = RwLock::new(file);
        let since = now
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default();
        let info = format!("pid={}\nhost={}\nsince={since}\n", std::process::id(), host_name());
        match lock.try_write() {
            Ok(mut guard) => {
                // Who holds the lock is a courtesy for the message; failing to write it is harmless.
                let _ = guard.set_len(0);
                let _ = guard.seek(SeekFrom::Start(0));
                let _ = guard.write_all(info.as_bytes());
                let _ = guard.sync_all();
                // The lock lives as long as the file stays open, not as long as the guard.
                std::mem::forget(guard);
            }
            Err(_) => {
                let holder = read_holder(&path);
                log::warn!(
                    "lock of {} refused: held by {}",
                    session.display(),
                    holder.as_ref().map_or_else(
                        || "?".to_string(),
                        |h| format!("pid {} on {} since {}", h.pid, h.host, h.since)
                    )
                );
                return Err(LockError::Held { holder });
            }
        }
        log::info!("lock taken: {}", session.display());
        Ok(SessionLock { _file: lock, path })
    }
}
