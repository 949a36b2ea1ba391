use std::io::{self, Write};
use std::path::Path;

use ron::ser::PrettyConfig;

use crate::domain::Session;

/// The session as the pretty, hand-editable RON that goes on disk.
pub fn to_ron(session: &Session) -> String {
    let config = PrettyConfig::new()
        .indentor("    ")
        .struct_names(false)
        .separate_tuple_members(false);
    let body = ron::ser::to_string_pretty(session, config).expect("a session always serialises");
    format!(
        "// bimtek session file. Hand edits are fine while bimtek is closed; `bimtek check FILE` validates.\n{body}\n"
    )
}

/// Writes the session so that the file on disk is always either the old version or the new one,
/// whole: a temp file in the same folder, fsync, rename over the old file, fsync the folder.
pub fn save(path: &Path, session: &Session) -> io::Result<()> {
    write_atomic(path, to_ron(session).as_bytes())
}

pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.flush()?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir)
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    // Windows has no directory handle to flush; NTFS journals the rename itself.
    Ok(())
}
