use std::path::{Path, PathBuf};

use crate::domain::session::SessionSummary;

use super::{LoadError, load};

/// The session files of a folder (`*.ron`, not hidden), sorted by name, each with its summary or
/// the reason it does not load. A missing folder is an empty list.
pub fn scan(dir: &Path) -> Vec<(PathBuf, Result<SessionSummary, LoadError>)> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = read
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| is_session_file(p))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let summary = load(&p).map(|s| s.summary());
            (p, summary)
        })
        .collect()
}

/// The sessions of a folder that load (for one book over a masterplan's stages); files that do
/// not load are left out.
pub fn sessions_in(dir: &Path) -> Vec<(PathBuf, crate::domain::Session)> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = read
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| is_session_file(p))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| load(&p).ok().map(|s| (p, s)))
        .collect()
}

fn is_session_file(p: &Path) -> bool {
    let hidden = p
        .file_name()
        .and_then(|n| n.to_str())
        .is_none_or(|n| n.starts_with('.'));
    !hidden && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")) && p.is_file()
}
