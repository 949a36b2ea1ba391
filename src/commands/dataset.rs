//! `bimtek dataset PATH… -o OUT [--strict] [--with-names] [--force]`: the sessions found under
//! PATH as one dataset in OUT. Files are read through the store, tables made by `dataset`.
//!
//! Two passes: a first look at every file decides which sessions go in and in what order
//! (`dataset::plan`); the second reads them again one at a time, on a thread of its own while
//! the rows of the one before are written, so that only a session or two is in memory at once.

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use super::Ctx;
use crate::dataset::plan::{self, Head};
use crate::dataset::{self, DatasetWriter};
use crate::i18n::fill;
use crate::store::dataset::{OutDir, OutError, session_files};
use crate::store::{self, LoadError};

pub struct DatasetArgs {
    pub paths: Vec<PathBuf>,
    pub out: PathBuf,
    pub strict: bool,
    pub with_names: bool,
    pub force: bool,
}

/// What happened: lines for stderr (files skipped), and on success the lines for stdout with
/// the output folder last.
pub struct Report {
    pub skipped: Vec<String>,
    pub result: Result<Vec<String>, String>,
}

pub fn dataset(ctx: &Ctx, args: DatasetArgs) -> Report {
    let tr = ctx.tr();
    let mut skipped = Vec::new();
    let skip_load = |e: &LoadError| fill(&tr.dataset_skipped, &[("error", &e.describe(tr))]);
    let (files, missing) = session_files(&args.paths);
    skipped.extend(missing.iter().map(skip_load));
    let mut heads = Vec::new();
    for f in files {
        match store::load(&f) {
            Ok(s) => heads.push(Head::of(f, &s)),
            Err(e) => skipped.push(skip_load(&e)),
        }
    }
    let plan = plan::plan(heads, args.with_names);
    skipped.extend(plan.copies.iter().map(|(left, taken)| {
        fill(
            &tr.dataset_duplicate,
            &[
                ("path", &left.display().to_string()),
                ("other", &taken.display().to_string()),
            ],
        )
    }));
    let fail = |skipped: Vec<String>, e: String| Report {
        skipped,
        result: Err(e),
    };
    if args.strict && !skipped.is_empty() {
        let n = skipped.len().to_string();
        return fail(skipped, fill(&tr.dataset_err_strict, &[("n", &n)]));
    }
    if plan.sessions.is_empty() {
        let paths: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
        return fail(skipped, fill(&tr.dataset_err_none, &[("paths", &paths.join(", "))]));
    }
    match write(&args.out, &plan, args.force, args.strict, tr) {
        Ok((late, counts)) => {
            let n_late = late.len();
            skipped.extend(late.iter().map(skip_load));
            if args.strict && n_late > 0 {
                let n = skipped.len().to_string();
                return fail(skipped, fill(&tr.dataset_err_strict, &[("n", &n)]));
            }
            let line = fill(
                &tr.dataset_written,
                &[
                    ("sessions", &counts.sessions.to_string()),
                    ("entries", &counts.entries.to_string()),
                    ("regions", &plan.regions().to_string()),
                    ("skipped", &skipped.len().to_string()),
                ],
            );
            Report {
                skipped,
                result: Ok(vec![line, args.out.display().to_string()]),
            }
        }
        Err(e) => fail(skipped, e),
    }
}

fn out_message(tr: &crate::i18n::Strings, e: OutError) -> String {
    match e {
        OutError::Exists(p) => fill(&tr.dataset_err_exists, &[("path", &p.display().to_string())]),
        OutError::Io(p, e) => fill(
            &tr.err_write,
            &[("path", &p.display().to_string()), ("error", &e.to_string())],
        ),
    }
}

/// Writes the planned sessions into `out`. Returns the files that no longer loaded on the
/// second reading (changed in between), which are left out. With `strict` such a file stops
/// the run before anything is put in place.
fn write(
    out: &Path,
    plan: &plan::Plan,
    force: bool,
    strict: bool,
    tr: &crate::i18n::Strings,
) -> Result<(Vec<LoadError>, dataset::Counts), String> {
    let mut dir = OutDir::prepare(out, &dataset::file_names(), force).map_err(|e| out_message(tr, e))?;
    let mut open_error = None;
    let writer = DatasetWriter::new(&mut |name| {
        dir.open(name).map_err(|e| {
            let m = out_message(tr, e);
            open_error = Some(m.clone());
            m
        })
    });
    let mut writer = writer.map_err(|e| open_error.take().unwrap_or(e))?;
    let in_dataset = |id: &str| plan.ids.contains(id);
    let mut late = Vec::new();
    let written = std::thread::scope(|scope| -> Result<(), String> {
        // Reading and parsing the next session overlaps with writing the rows of this one.
        let (send, receive) = mpsc::sync_channel(2);
        scope.spawn(move || {
            for p in &plan.sessions {
                if send.send((p, store::load(&p.path))).is_err() {
                    break;
                }
            }
        });
        for (p, loaded) in receive {
            match loaded {
                Ok(s) if s.id == p.id => writer.add(&s, &p.context, &in_dataset)?,
                Ok(_) => late.push(LoadError {
                    path: p.path.clone(),
                    position: None,
                    problem: crate::domain::Problem::Io(crate::domain::OsError {
                        kind: crate::domain::OsKind::Other,
                        detail: tr.dataset_changed.clone(),
                    }),
                }),
                Err(e) => late.push(e),
            }
            if strict && !late.is_empty() {
                break;
            }
        }
        Ok(())
    });
    written.map_err(|e| fill(&tr.err_write, &[("path", &out.display().to_string()), ("error", &e)]))?;
    if strict && !late.is_empty() {
        return Ok((late, writer.counts));
    }
    let counts = writer.counts;
    let writers = writer
        .finish()
        .map_err(|e| fill(&tr.err_write, &[("path", &out.display().to_string()), ("error", &e)]))?;
    for (name, text) in dataset::documents() {
        dir.write(name, text.as_bytes()).map_err(|e| out_message(tr, e))?;
    }
    dir.commit(writers).map_err(|e| out_message(tr, e))?;
    Ok((late, counts))
}
