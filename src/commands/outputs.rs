//! The outputs of a session on the command line: `bimtek export`, `bimtek new --from` and
//! `bimtek merge`. The file work is in `ops` (shared with the session and home screens); here
//! are the arguments and the lines to print.

use std::path::{Path, PathBuf};

use super::Ctx;
use crate::domain::merge::Conflict;
use crate::domain::{NewSession, SessionDate, Stage};
use crate::export::{self, Format};
use crate::i18n::{Strings, fill};
use crate::ops::export::{book_path, export_path, write_book, write_export};
use crate::ops::{self, carry};
use crate::store;

// --- export -----------------------------------------------------------------------------------

/// `bimtek export PATH --format F [-o OUT] [--force] [--csv-sep ';']`: returns where the export
/// went.
pub fn export(
    ctx: &Ctx,
    path: &Path,
    format: Format,
    out: Option<&Path>,
    force: bool,
    options: export::Options,
) -> Result<PathBuf, String> {
    let session = store::load(path).map_err(|e| e.describe(ctx.tr()))?;
    let out = out.map_or_else(|| export_path(path, format), Path::to_path_buf);
    write_export(&session, path, &out, format, ctx.lang, force, options).map_err(|e| e.message(ctx.tr(), format))
}

/// `bimtek export PATH --book [--with OTHER.ron…] --format F [-o OUT] [--force]`.
pub fn export_book(
    ctx: &Ctx,
    path: &Path,
    with: &[PathBuf],
    format: Format,
    out: Option<&Path>,
    force: bool,
) -> Result<PathBuf, String> {
    let session = store::load(path).map_err(|e| e.describe(ctx.tr()))?;
    let out = out.map_or_else(|| book_path(path, format), Path::to_path_buf);
    write_book(session, path, with, &out, format, ctx.lang, force).map_err(|e| e.message(ctx.tr(), format))
}

// --- new --from -------------------------------------------------------------------------------

/// What `bimtek new --from` may leave out: it then takes them from the earlier session (the
/// region and venue), the stage after it, and today.
pub struct CarryArgs {
    pub region: Option<String>,
    pub stage: Option<Stage>,
    pub date: Option<SessionDate>,
    pub venue: Option<String>,
    pub title: Option<String>,
    pub template: Option<PathBuf>,
    /// `--mentor NAME`, repeatable; none: the earlier session's mentors.
    pub mentors: Vec<String>,
    /// None: the earlier session's, when the region stays the same.
    pub region_code: Option<String>,
}

/// `bimtek new --from PREV [--stage N] …`: the lines to print, the new file's path last.
pub fn new_from(ctx: &Ctx, from: &Path, args: CarryArgs) -> Result<(Vec<String>, PathBuf), String> {
    let tr = ctx.tr();
    let prev = store::load(from).map_err(|e| e.describe(ctx.tr()))?;
    let stage = carry::next_stage(from, &prev, args.stage).map_err(|e| e.message(tr))?;
    let region = args.region.unwrap_or_else(|| prev.region.clone());
    if region.trim().is_empty() {
        return Err(tr.new_err_region.clone());
    }
    let region_code = super::region_code(args.region_code, tr)?;
    let agenda = args
        .template
        .as_deref()
        .map(|f| super::read_template(f, stage, tr))
        .transpose()?;
    let now = ctx.clock.now();
    let spec = NewSession {
        region,
        stage,
        date: args.date.unwrap_or(SessionDate(now.date())),
        venue: args.venue.unwrap_or_else(|| prev.venue.clone()),
        title: args.title,
        mentors: args.mentors,
        region_code,
    };
    let id = ctx.ids().next(now);
    let (path, carried) = carry::create_carried(&ctx.dir, &prev, spec, agenda, id, now).map_err(|e| e.message(tr))?;
    let message = carry::carried_message(tr, &from.display().to_string(), carried);
    Ok((vec![message, tr.cli_created.clone()], path))
}

// --- merge ------------------------------------------------------------------------------------

fn conflict_line(tr: &Strings, c: &Conflict, at: &dyn Fn(time::OffsetDateTime) -> String) -> String {
    let short = |t: &str| {
        let one: String = t.split_whitespace().collect::<Vec<_>>().join(" ");
        if one.chars().count() > 60 {
            format!("{}…", one.chars().take(60).collect::<String>())
        } else {
            one
        }
    };
    let other = |what: String, text: String| fill(&tr.out_merge_conflict_other, &[("what", &what), ("text", &text)]);
    match c {
        Conflict::Entry(e) => fill(
            &tr.out_merge_conflict,
            &[("id", &e.id), ("time", &at(e.updated)), ("text", &short(&e.text))],
        ),
        Conflict::Participant(p) => other(p.name.clone(), format!("{}, {}", p.institution, tr.role(p.role))),
        Conflict::Score(s) => other(
            format!("{} {}", tr.out_col_score, s.sub),
            format!("{} {}", s.score, short(&s.note)),
        ),
        Conflict::Round(id) => other(format!("{} {id}", tr.vote_title), String::new()),
        Conflict::Commitment(k) => other(format!("{} {}", tr.commit_title, k.opd), k.signer.clone()),
    }
}

/// `bimtek merge TARGET SOURCE... [--force]`: folds the sources into TARGET, under its lock,
/// after keeping the current TARGET as a backup. Returns the lines to print.
pub fn merge(ctx: &Ctx, target: &Path, sources: &[PathBuf], force: bool) -> Result<Vec<String>, String> {
    let tr = ctx.tr();
    let shown = target.display().to_string();
    let report = ops::merge::merge(target, sources, force, ctx.clock.now()).map_err(|e| e.message(tr))?;
    if report.nothing() {
        let names = sources
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ");
        return Ok(vec![fill(
            &tr.out_merge_nothing,
            &[("target", &shown), ("sources", &names)],
        )]);
    }
    let at = |t: time::OffsetDateTime| tr.date_time(ctx.clock.at(t));
    let mut lines: Vec<String> = report.conflicts.iter().map(|c| conflict_line(tr, c, &at)).collect();
    lines.push(fill(
        &tr.out_merged,
        &[
            ("target", &shown),
            ("sources", &sources.len().to_string()),
            ("entries", &report.entries_added.to_string()),
            ("participants", &report.participants_added.to_string()),
            ("scores", &report.scores_added.to_string()),
            ("rounds", &report.rounds_added.to_string()),
            ("commitments", &report.commitments_added.to_string()),
            ("changed", &report.changed.to_string()),
        ],
    ));
    Ok(lines)
}
