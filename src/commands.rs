//! What each subcommand does. Errors come back as one line, ready for stderr.

use std::path::{Path, PathBuf};

use crate::app::IdGen;
use crate::domain::{Edit, Lang, NewSession, SessionDate, Stage};
use crate::i18n::{fill, strings};
use crate::store::{self, SessionLock};
use crate::tui::{self, Clock, Start};

pub struct Ctx {
    pub lang: Lang,
    pub dir: PathBuf,
    pub clock: Clock,
}

impl Ctx {
    fn tr(&self) -> &'static crate::i18n::Strings {
        strings(self.lang)
    }

    fn ids(&self) -> IdGen {
        let now = self.clock.now();
        IdGen::new(
            u64::try_from(now.unix_timestamp_nanos() & i128::from(u64::MAX)).unwrap_or(7)
                ^ u64::from(std::process::id()),
        )
    }
}

pub fn home(ctx: &Ctx) -> Result<(), String> {
    tui::run(ctx.lang, ctx.dir.clone(), Start::Home, ctx.clock)
}

pub struct NewArgs {
    pub region: String,
    pub stage: Stage,
    pub date: Option<SessionDate>,
    pub venue: Option<String>,
    pub title: Option<String>,
    pub template: Option<PathBuf>,
}

/// Creates the session file and returns its path.
pub fn new(ctx: &Ctx, args: NewArgs) -> Result<PathBuf, String> {
    let tr = ctx.tr();
    if args.region.trim().is_empty() {
        return Err(tr.new_err_region.clone());
    }
    let agenda = match &args.template {
        Some(file) => {
            let shown = file.display().to_string();
            let text = std::fs::read_to_string(file)
                .map_err(|e| fill(&tr.err_read, &[("path", &shown), ("error", &e.to_string())]))?;
            let (stage, agenda) = crate::template::parse(&text).map_err(|e| e.located(&shown))?;
            if stage != args.stage {
                return Err(fill(
                    &tr.err_template_stage,
                    &[("path", &shown), ("template", stage.roman()), ("stage", args.stage.roman())],
                ));
            }
            Some(agenda)
        }
        None => None,
    };
    let spec = NewSession {
        region: args.region,
        stage: args.stage,
        date: args.date.unwrap_or(SessionDate(ctx.clock.now().date())),
        venue: args.venue.unwrap_or_default(),
        title: args.title,
    };
    let id = ctx.ids().next(ctx.clock.now());
    let (_, path) = tui::create_session(&ctx.dir, spec, agenda, id, ctx.clock, tr)?;
    Ok(path)
}

pub fn open(ctx: &Ctx, path: &Path) -> Result<(), String> {
    let (session, lock) = tui::open_session(path, ctx.clock, ctx.tr())?;
    let start = Start::Session {
        session: Box::new(session),
        path: path.to_path_buf(),
        lock,
    };
    tui::run(ctx.lang, ctx.dir.clone(), start, ctx.clock)
}

pub fn demo(ctx: &Ctx, reset: bool) -> Result<(), String> {
    let path = store::demo::demo_copy(&ctx.dir, reset).map_err(|e| {
        fill(
            &ctx.tr().err_write,
            &[("path", &ctx.dir.display().to_string()), ("error", &e.to_string())],
        )
    })?;
    open(ctx, &path)
}

/// One line a session: path, region, stage, date, entries (tab-separated, for scripts too).
pub fn list(ctx: &Ctx) -> Vec<String> {
    store::list::scan(&ctx.dir)
        .into_iter()
        .map(|(path, summary)| match summary {
            Ok(s) => {
                // One line a session, whatever a hand edit put in the region name.
                let region: String = s.region.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
                format!("{}\t{region}\tBimtek {}\t{}\t{}", path.display(), s.stage.roman(), s.date, s.entries)
            }
            Err(e) => format!("{}\t! {}", path.display(), e.message),
        })
        .collect()
}

pub fn check(ctx: &Ctx, path: &Path) -> Result<String, String> {
    let s = store::load(path).map_err(|e| e.to_string())?;
    Ok(fill(
        &ctx.tr().cli_check_ok,
        &[
            ("path", &path.display().to_string()),
            ("region", &s.region),
            ("stage", s.stage.roman()),
            ("date", &s.date.to_string()),
            ("steps", &s.agenda.steps.len().to_string()),
            ("participants", &s.participants.len().to_string()),
            ("entries", &s.entries.len().to_string()),
        ],
    ))
}

/// Adds the CSV's entries to the session: all of them, or none with every bad row named.
pub fn import(ctx: &Ctx, path: &Path, csv: &Path) -> Result<String, Vec<String>> {
    let tr = ctx.tr();
    let one = |m: String| vec![m];
    let shown = csv.display().to_string();
    // Load once before locking so a wrong path leaves no lock file behind; load again under the
    // lock, since the file may have changed in between.
    store::load(path).map_err(|e| one(e.to_string()))?;
    let _lock = SessionLock::acquire(path, ctx.clock.now()).map_err(|e| one(tui::lock_message(tr, path, &e)))?;
    let mut session = store::load(path).map_err(|e| one(e.to_string()))?;
    let bytes =
        std::fs::read(csv).map_err(|e| one(fill(&tr.err_read, &[("path", &shown), ("error", &e.to_string())])))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| one(fill(&tr.err_read, &[("path", &shown), ("error", "not UTF-8 text")])))?;
    let now = ctx.clock.now();
    let entries = crate::import::entries_from_csv(&text, &session, &mut ctx.ids(), now, tr).map_err(|errors| {
        errors
            .into_iter()
            .map(|e| {
                if e.line == 1 && e.problem.is_empty() {
                    fill(&tr.err_csv_header, &[("path", &shown)])
                } else {
                    fill(
                        &tr.err_csv_row,
                        &[("path", &shown), ("line", &e.line.to_string()), ("problem", &e.problem)],
                    )
                }
            })
            .collect::<Vec<_>>()
    })?;
    if entries.is_empty() {
        return Err(one(fill(&tr.err_csv_none, &[("path", &shown)])));
    }
    let n = entries.len();
    for e in entries {
        Edit::AddEntry(e).apply(&mut session).map_err(|e| one(e.to_string()))?;
    }
    session.updated = now;
    store::save(path, &session).map_err(|e| {
        one(fill(
            &tr.err_write,
            &[("path", &path.display().to_string()), ("error", &e.to_string())],
        ))
    })?;
    Ok(fill(
        &tr.cli_imported,
        &[("n", &n.to_string()), ("path", &path.display().to_string())],
    ))
}
