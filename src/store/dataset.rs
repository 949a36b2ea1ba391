//! The files of `bimtek dataset`: session files found under the folders named, and the output
//! folder. Output files are written as hidden temp files beside their final names and put in
//! place together at the end, so a run that fails leaves the folder as it was.

use std::collections::HashSet;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use super::LoadError;
use crate::domain::Problem;

/// Session files (`*.ron`) in `paths`: a file is taken as named, a folder is searched through
/// its subfolders. Hidden files and folders (backups, locks) are passed over. Each file once,
/// however many ways it was named; a path that does not exist is reported.
pub fn session_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<LoadError>) {
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for p in paths {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk(p, &mut found),
            Ok(_) => found.push(p.clone()),
            Err(e) => missing.push(LoadError {
                path: p.clone(),
                position: None,
                problem: Problem::Io(crate::domain::OsError::of(&e)),
            }),
        }
    }
    let mut seen = HashSet::new();
    found.retain(|p| seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())));
    (found, missing)
}

fn hidden(p: &Path) -> bool {
    p.file_name()
        .and_then(|n| n.to_str())
        .is_none_or(|n| n.starts_with('.'))
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(read) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = read.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if hidden(&p) {
            continue;
        }
        // Not following links to folders keeps a loop of links from running forever.
        let Ok(meta) = std::fs::symlink_metadata(&p) else {
            continue;
        };
        if meta.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")) && p.is_file() {
            out.push(p);
        }
    }
}

#[derive(Debug)]
pub enum OutError {
    /// The folder already holds files of a dataset and replacing them was not asked for.
    Exists(PathBuf),
    Io(PathBuf, io::Error),
}

pub struct OutDir {
    dir: PathBuf,
    files: Vec<(String, NamedTempFile)>,
}

impl OutDir {
    /// Makes the folder if needed. Without `replace`, a folder that already has any of `names`
    /// is refused.
    pub fn prepare(dir: &Path, names: &[String], replace: bool) -> Result<OutDir, OutError> {
        std::fs::create_dir_all(dir).map_err(|e| OutError::Io(dir.to_path_buf(), e))?;
        if !replace && let Some(n) = names.iter().find(|n| dir.join(n).exists()) {
            return Err(OutError::Exists(dir.join(n)));
        }
        Ok(OutDir {
            dir: dir.to_path_buf(),
            files: Vec::new(),
        })
    }

    /// A writer for the file `name`, which appears under that name at `commit`.
    pub fn open(&mut self, name: &str) -> Result<BufWriter<File>, OutError> {
        let fail = |e| OutError::Io(self.dir.join(name), e);
        let tmp = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".tmp")
            .tempfile_in(&self.dir)
            .map_err(fail)?;
        let file = tmp.as_file().try_clone().map_err(fail)?;
        self.files.push((name.to_string(), tmp));
        Ok(BufWriter::with_capacity(256 * 1024, file))
    }

    pub fn write(&mut self, name: &str, bytes: &[u8]) -> Result<(), OutError> {
        let mut w = self.open(name)?;
        w.write_all(bytes)
            .and_then(|()| w.flush())
            .map_err(|e| OutError::Io(self.dir.join(name), e))
    }

    /// Flushes `writers` (those `open` gave), then puts every file in place.
    pub fn commit(self, writers: Vec<BufWriter<File>>) -> Result<PathBuf, OutError> {
        for w in writers {
            w.into_inner()
                .map_err(|e| OutError::Io(self.dir.clone(), e.into_error()))?;
        }
        for (name, tmp) in self.files {
            let target = self.dir.join(&name);
            let fail = |e| OutError::Io(target.clone(), e);
            super::save::set_permissions(tmp.as_file(), &target).map_err(fail)?;
            tmp.as_file().sync_all().map_err(fail)?;
            tmp.persist(&target)
                .map_err(|e| OutError::Io(target.clone(), e.error))?;
        }
        super::save::sync_dir(&self.dir).map_err(|e| OutError::Io(self.dir.clone(), e))?;
        Ok(self.dir)
    }
}
