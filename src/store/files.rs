//! Files other than session files that commands read or make: templates, CSV input, and new
//! session files, which must never replace one that exists.

use std::io;
use std::path::{Path, PathBuf};

use crate::domain::Session;

pub fn read_text(path: &Path) -> io::Result<String> {
    std::fs::read_to_string(path)
}

pub fn read_bytes(path: &Path) -> io::Result<Vec<u8>> {
    std::fs::read(path)
}

/// Whether two paths name the same file (after following links), or are equal.
pub fn same_file(a: &Path, b: &Path) -> bool {
    if a == b {
        return true;
    }
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

#[derive(Debug)]
pub enum CreateError {
    /// A session for that region, stage and date was already made.
    Exists(PathBuf),
    Io(PathBuf, io::Error),
}

/// Writes a new session as `dir/<region-stage-date>.ron`, refusing to replace an existing file.
pub fn create_new(dir: &Path, session: &Session) -> Result<PathBuf, CreateError> {
    let path = dir.join(format!("{}.ron", session.file_stem()));
    std::fs::create_dir_all(dir).map_err(|e| CreateError::Io(path.clone(), e))?;
    if path.exists() {
        return Err(CreateError::Exists(path));
    }
    super::save(&path, session).map_err(|e| CreateError::Io(path.clone(), e))?;
    Ok(path)
}
