//! What each subcommand does. Errors come back as one line, ready for stderr.

use std::path::{Path, PathBuf};

use crate::app::IdGen;
use crate::domain::{Edit, Lang, NewSession, SessionDate, Stage};
use crate::i18n::{describe, fill, strings};
use crate::store::{self, LockError, SessionLock};
use crate::tui::{self, Clock, Start};

pub mod outputs;

pub struct Ctx {
    pub lang: Lang,
    pub dir: PathBuf,
    pub clock: Clock,
    /// Theme and projector mode for the screens.
    pub look: crate::app::look::Look,
}

/// Language and look from the flags, else the remembered settings, else the defaults; with a
/// message for anything that could not be used (a broken config file, an unknown theme).
pub fn settings(
    lang: Option<Lang>,
    theme: Option<&str>,
    glyphs: Option<crate::ui::theme::GlyphLevel>,
    projector: bool,
) -> (Lang, crate::app::look::Look, Vec<String>) {
    use crate::ui::theme::{ColorMode, GlyphLevel, builtin};
    let dir = store::config::config_dir();
    let (config, problem) = store::config::load(&dir);
    let mut warnings: Vec<String> = problem.into_iter().collect();
    let var = |k: &str| std::env::var(k).ok();
    let mode = ColorMode::detect(
        var("NO_COLOR").as_deref(),
        var("COLORTERM").as_deref(),
        var("TERM").as_deref(),
    );
    let (mine, bad) = store::config::user_themes(&dir);
    warnings.extend(bad);
    let mut look = crate::app::look::Look::default();
    for f in builtin().iter().chain(mine.iter()) {
        if let Ok(t) = f.theme() {
            look.themes.retain(|(n, _)| *n != f.name);
            look.themes.push((f.name.clone(), t.adapt(mode).leak()));
        }
    }
    let wanted = theme
        .map(str::to_string)
        .or(config.theme)
        .unwrap_or_else(|| "gelap".into());
    let lang = lang.or(config.lang).unwrap_or_default();
    if !look.select_theme(&wanted) {
        let names: Vec<&str> = look.themes.iter().map(|(n, _)| n.as_str()).collect();
        warnings.push(fill(
            &strings(lang).err_theme_unknown,
            &[("theme", &wanted), ("names", &names.join(", "))],
        ));
        look.select_theme("gelap");
    }
    look.projector = projector;
    look.glyphs = glyphs
        .or(config.glyphs)
        .unwrap_or_else(|| GlyphLevel::detect(cfg!(windows), var("WT_SESSION").as_deref(), var("TERM").as_deref()));
    (lang, look, warnings)
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
    tui::run(ctx.lang, ctx.dir.clone(), Start::Home, ctx.clock, ctx.look.clone())
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
    let agenda = args
        .template
        .as_deref()
        .map(|f| read_template(f, args.stage, tr))
        .transpose()?;
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

/// Opens a session on screen; `read_only` opens it without its lock and writes nothing (for a
/// session another bimtek has open).
pub fn open(ctx: &Ctx, path: &Path, read_only: bool) -> Result<(), String> {
    let (session, lock) = if read_only {
        (store::load(path).map_err(|e| e.describe(ctx.tr()))?, None)
    } else {
        let session = store::load(path).map_err(|e| e.describe(ctx.tr()))?;
        let lock = SessionLock::acquire(path, ctx.clock.now()).map_err(|e| match e {
            LockError::Held { .. } => format!(
                "{} {}",
                tui::lock_message(ctx.tr(), path, &e),
                fill(
                    &ctx.tr().locked_read_only_hint,
                    &[("path", &path.display().to_string())]
                )
            ),
            LockError::Io(_) => tui::lock_message(ctx.tr(), path, &e),
        })?;
        store::backup::tidy(path);
        (session, Some(lock))
    };
    let start = Start::Session {
        session: Box::new(session),
        path: path.to_path_buf(),
        lock,
    };
    tui::run(ctx.lang, ctx.dir.clone(), start, ctx.clock, ctx.look.clone())
}

/// `bimtek restore PATH`: the kept versions, newest first, numbered from 1.
pub fn backups(ctx: &Ctx, path: &Path) -> Vec<String> {
    let tr = ctx.tr();
    let shown = path.display().to_string();
    let list = store::backup::list(path);
    if list.is_empty() {
        return vec![fill(&tr.cli_backups_none, &[("path", &shown)])];
    }
    let mut lines = vec![fill(&tr.cli_backups_heading, &[("path", &shown)])];
    for (i, b) in list.iter().enumerate() {
        let n = format!("{:>2}", i + 1);
        let time = crate::ui::dialog::date_time(ctx.clock.at(b.written));
        lines.push(match &b.summary {
            Ok(s) => fill(
                &tr.cli_backups_row,
                &[("n", &n), ("time", &time), ("entries", &s.entries.to_string())],
            ),
            Err(e) => fill(
                &tr.cli_backups_row_bad,
                &[("n", &n), ("time", &time), ("error", &describe(&e.problem, tr))],
            ),
        });
    }
    lines.push(fill(&tr.cli_backups_hint, &[("path", &shown)]));
    lines
}

/// `bimtek restore PATH --backup N`: puts version N back (1 = the newest), after keeping the
/// current file as a backup. Refused while another bimtek has the session open.
pub fn restore(ctx: &Ctx, path: &Path, number: usize) -> Result<String, String> {
    let tr = ctx.tr();
    let shown = path.display().to_string();
    let list = store::backup::list(path);
    let Some(chosen) = number.checked_sub(1).and_then(|i| list.get(i)) else {
        return Err(fill(
            &tr.err_backup_number,
            &[
                ("n", &number.to_string()),
                ("count", &list.len().to_string()),
                ("path", &shown),
            ],
        ));
    };
    let entries = match &chosen.summary {
        Ok(s) => s.entries,
        Err(e) => {
            return Err(fill(
                &tr.err_backup_bad,
                &[("n", &number.to_string()), ("error", &e.to_string())],
            ));
        }
    };
    let _lock = SessionLock::acquire(path, ctx.clock.now()).map_err(|e| tui::lock_message(tr, path, &e))?;
    store::backup::restore(path, &chosen.path).map_err(|e| match e {
        store::backup::RestoreError::Unreadable(e) => fill(
            &tr.err_backup_bad,
            &[("n", &number.to_string()), ("error", &e.describe(tr))],
        ),
        store::backup::RestoreError::Io(e) => fill(&tr.err_write, &[("path", &shown), ("error", &e)]),
    })?;
    Ok(fill(
        &tr.cli_restored,
        &[
            ("path", &shown),
            ("n", &number.to_string()),
            ("time", &crate::ui::dialog::date_time(ctx.clock.at(chosen.written))),
            ("entries", &entries.to_string()),
        ],
    ))
}

pub fn demo(ctx: &Ctx, reset: bool) -> Result<(), String> {
    let path = store::demo::demo_copy(&ctx.dir, reset).map_err(|e| {
        fill(
            &ctx.tr().err_write,
            &[("path", &ctx.dir.display().to_string()), ("error", &e.to_string())],
        )
    })?;
    open(ctx, &path, false)
}

/// One line a session: path, region, stage, date, entries (tab-separated, for scripts too).
pub fn list(ctx: &Ctx) -> Vec<String> {
    store::list::scan(&ctx.dir)
        .into_iter()
        .map(|(path, summary)| match summary {
            Ok(s) => {
                // One line a session, whatever a hand edit put in the region name.
                let region: String = s.region.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
                format!(
                    "{}\t{region}\tBimtek {}\t{}\t{}",
                    path.display(),
                    s.stage.roman(),
                    s.date,
                    s.entries
                )
            }
            Err(e) => format!("{}\t! {}", path.display(), describe(&e.problem, ctx.tr())),
        })
        .collect()
}

pub fn check(ctx: &Ctx, path: &Path) -> Result<String, String> {
    let s = store::load(path).map_err(|e| e.describe(ctx.tr()))?;
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
    let bytes = store::files::read_bytes(csv)
        .map_err(|e| one(fill(&tr.err_read, &[("path", &shown), ("error", &e.to_string())])))?;
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
        Edit::AddEntry(e)
            .apply(&mut session)
            .map_err(|e| one(crate::ui::flash::edit_error(tr, &e)))?;
    }
    session.updated = now;
    store::backup::save_over(path, &store::to_ron(&session)).map_err(|e| {
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

/// The audience view of a session file, following it live.
pub fn present(ctx: &Ctx, path: &Path) -> Result<(), String> {
    tui::present::run(ctx.lang, path.to_path_buf(), ctx.clock, ctx.look.clone())
}

/// A user's agenda template, which must be written for the stage being created.
pub(crate) fn read_template(
    file: &Path,
    stage: Stage,
    tr: &crate::i18n::Strings,
) -> Result<crate::domain::Agenda, String> {
    let shown = file.display().to_string();
    let text = store::files::read_text(file)
        .map_err(|e| fill(&tr.err_read, &[("path", &shown), ("error", &e.to_string())]))?;
    let (t_stage, agenda) = crate::template::parse(&text).map_err(|e| e.located(&shown, tr))?;
    if t_stage != stage {
        return Err(fill(
            &tr.err_template_stage,
            &[
                ("path", &shown),
                ("template", t_stage.roman()),
                ("stage", stage.roman()),
            ],
        ));
    }
    Ok(agenda)
}
