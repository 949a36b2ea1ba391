//! Folding breakout groups' sessions into one (`bimtek merge`). The merge itself is
//! `domain::merge` (pure); here the files are loaded, the target locked, checked and written
//! after the version before is kept as a backup.

use std::path::{Path, PathBuf};

use time::OffsetDateTime;

use super::OpError;
use crate::domain::Session;
use crate::domain::merge::{self, Report};
use crate::store::{self, files::same_file};

/// Folds `sources` into `target` under its lock. Sessions that do not come from the same
/// session are refused unless `force`. Nothing is written when there is nothing to add.
pub fn merge(target: &Path, sources: &[PathBuf], force: bool, now: OffsetDateTime) -> Result<Report, OpError> {
    refuse_self(target, sources)?;
    // Load everything before locking, so that a wrong path leaves no lock file behind.
    store::load(target).map_err(OpError::load)?;
    let loaded = load_sources(sources)?;
    let _lock = super::lock(target, now)?;
    // Again under the lock: the file may have changed in between.
    let current = store::load(target).map_err(OpError::load)?;
    if !force {
        refuse_unrelated(target, &current, sources, &loaded)?;
    }
    let (mut merged, report) = merge::merge_all(&current, &loaded);
    if report.nothing() {
        return Ok(report);
    }
    merged.updated = merged.updated.max(now);
    let text = store::to_ron(&merged);
    store::parse(&text).map_err(|e| OpError::MergeInvalid(target.to_path_buf(), Box::new(e)))?;
    store::backup::save_over(target, &text).map_err(|e| OpError::Write(target.to_path_buf(), e.to_string()))?;
    Ok(report)
}

/// What [`merge`] without `force` would do, with nothing written and no lock taken: the home
/// screen shows it before the facilitator confirms.
pub fn preview(target: &Path, sources: &[PathBuf]) -> Result<Report, OpError> {
    refuse_self(target, sources)?;
    let current = store::load(target).map_err(OpError::load)?;
    let loaded = load_sources(sources)?;
    refuse_unrelated(target, &current, sources, &loaded)?;
    Ok(merge::merge_all(&current, &loaded).1)
}

fn refuse_self(target: &Path, sources: &[PathBuf]) -> Result<(), OpError> {
    match sources.iter().any(|s| same_file(s, target)) {
        true => Err(OpError::MergeSelf(target.to_path_buf())),
        false => Ok(()),
    }
}

fn load_sources(sources: &[PathBuf]) -> Result<Vec<Session>, OpError> {
    sources.iter().map(|p| store::load(p).map_err(OpError::load)).collect()
}

fn refuse_unrelated(target: &Path, current: &Session, sources: &[PathBuf], loaded: &[Session]) -> Result<(), OpError> {
    for (s, path) in loaded.iter().zip(sources) {
        if !merge::related(current, s) {
            return Err(OpError::MergeUnrelated {
                source: path.clone(),
                target: target.to_path_buf(),
            });
        }
    }
    Ok(())
}
