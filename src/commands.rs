//! What each subcommand does. Errors come back as one line, ready for stderr. The file work is
//! in `ops`, shared with the terminal shell; the subcommands that show a screen return what to
//! show (`Start`), and `main` hands it to `tui`, so the two shells never call each other.

use std::path::{Path, PathBuf};

use crate::app::keymap::RebindError;
use crate::domain::IdGen;
use crate::domain::{Lang, NewSession, OsError, SessionDate, Stage};
use crate::i18n::{describe, fill, strings};
use crate::ops::{self, Clock, OpError, Start};
use crate::store::{self, LockError};

pub mod dataset;
pub mod outputs;

pub struct Ctx {
    pub lang: Lang,
    pub dir: PathBuf,
    pub clock: Clock,
    /// Theme and projector mode for the screens.
    pub look: crate::app::look::Look,
    /// Which key does what, with the rebindings of `config.ron`.
    pub keys: crate::app::Keymap,
}

/// What the flags and the config file settle before anything runs.
pub struct Settings {
    pub lang: Lang,
    pub look: crate::app::look::Look,
    /// Which key does what, with the rebindings of `config.ron`.
    pub keys: crate::app::Keymap,
    /// Messages for anything that could not be used (a broken config file, an unknown theme).
    pub warnings: Vec<String>,
    /// The log file of the config file, if any (`--log` overrides it).
    pub log: Option<PathBuf>,
}

/// Language and look from the flags, else the remembered settings, else the defaults; with a
/// message for anything that could not be used (a broken config file, an unknown theme).
pub fn settings(
    lang: Option<Lang>,
    theme: Option<&str>,
    glyphs: Option<crate::theme::GlyphLevel>,
    projector: bool,
) -> Settings {
    use crate::theme::{ColorMode, GlyphLevel, builtin};
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
    // A bad rebinding leaves every key as it comes: the workshop goes on with the defaults.
    let keys = crate::app::Keymap::with(&config.keys).unwrap_or_else(|e| {
        let needle = match &e {
            RebindError::UnknownAction(a) | RebindError::NoKeys(a) => a.clone(),
            RebindError::UnknownKey { key, .. } => key.clone(),
        };
        warnings.push(fill(
            &strings(lang).err_keys_config,
            &[
                ("place", &store::config::locate(&dir, &needle)),
                ("problem", &describe_rebind(&e, lang)),
            ],
        ));
        crate::app::Keymap::default()
    });
    Settings {
        lang,
        look,
        keys,
        warnings,
        log: config.log,
    }
}

/// What is wrong with a rebinding, in the user's language.
fn describe_rebind(e: &RebindError, lang: Lang) -> String {
    let tr = strings(lang);
    match e {
        RebindError::UnknownAction(a) => fill(&tr.err_keys_action, &[("action", a)]),
        RebindError::UnknownKey { action, key } => fill(&tr.err_keys_key, &[("action", action), ("key", key)]),
        RebindError::NoKeys(a) => fill(&tr.err_keys_none, &[("action", a)]),
    }
}

/// Starts the log file, if one is asked for; a log that cannot be written is a warning, never a
/// reason not to run the workshop.
pub fn start_log(lang: Lang, file: Option<&Path>) -> Option<String> {
    let file = file?;
    store::logfile::start(file).err().map(|e| {
        fill(
            &strings(lang).err_log,
            &[("path", &file.display().to_string()), ("error", &e.to_string())],
        )
    })
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

pub struct NewArgs {
    pub region: String,
    pub stage: Stage,
    pub date: Option<SessionDate>,
    pub venue: Option<String>,
    pub title: Option<String>,
    pub template: Option<PathBuf>,
    /// `--mentor NAME`, repeatable.
    pub mentors: Vec<String>,
    pub region_code: Option<String>,
}

/// A region code from the command line, checked; the message names what is wrong.
pub(crate) fn region_code(raw: Option<String>, tr: &crate::i18n::Strings) -> Result<Option<String>, String> {
    raw.map(|c| {
        crate::domain::region::check(&c).map_err(|code| describe(&crate::domain::Problem::RegionCode { code }, tr))
    })
    .transpose()
}

/// Creates the session file and returns its path.
pub fn new(ctx: &Ctx, args: NewArgs) -> Result<PathBuf, String> {
    let tr = ctx.tr();
    if args.region.trim().is_empty() {
        return Err(tr.new_err_region.clone());
    }
    let region_code = region_code(args.region_code, tr)?;
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
        mentors: args.mentors,
        region_code,
    };
    let id = ctx.ids().next(ctx.clock.now());
    let (_, path) = ops::create(&ctx.dir, spec, agenda, id, ctx.clock.now()).map_err(|e| e.message(tr))?;
    Ok(path)
}

/// A session to open on screen; `read_only` opens it without its lock and writes nothing (for a
/// session another bimtek has open).
/// `room`: serve the phones from the start (refused with `read_only`: the audience view and a
/// session someone else has open never serve).
pub fn open(ctx: &Ctx, path: &Path, read_only: bool, room: Option<crate::room::Config>) -> Result<Start, String> {
    let tr = ctx.tr();
    let start = |session, lock: Option<store::SessionLock>, why, room| Start::Session {
        session: Box::new(session),
        path: path.to_path_buf(),
        lock,
        why,
        room,
    };
    if read_only {
        let session = store::load(path).map_err(|e| e.describe(tr))?;
        return Ok(start(session, None, None, None));
    }
    match ops::open(path, ctx.clock.now()) {
        Ok((session, lock)) => Ok(start(session, Some(lock), None, room)),
        // A write-protected stick or a read-only share: opened read-only, saying why.
        Err(OpError::Lock(_, LockError::Io(why))) if why.cannot_write() => {
            let session = store::load(path).map_err(|e| e.describe(tr))?;
            Ok(start(session, None, Some(why), None))
        }
        Err(e @ OpError::Lock(_, LockError::Held { .. })) => Err(format!(
            "{} {}",
            e.message(tr),
            fill(&tr.locked_read_only_hint, &[("path", &path.display().to_string())])
        )),
        Err(e) => Err(e.message(tr)),
    }
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
        let time = tr.date_time(ctx.clock.at(b.written));
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
    ops::restore(path, &chosen.path, false, ctx.clock.now()).map_err(|e| match e {
        OpError::Restore(p, boxed) => match *boxed {
            store::backup::RestoreError::Unreadable(e) => fill(
                &tr.err_backup_bad,
                &[("n", &number.to_string()), ("error", &e.describe(tr))],
            ),
            other => OpError::Restore(p, Box::new(other)).message(tr),
        },
        e => e.message(tr),
    })?;
    Ok(fill(
        &tr.cli_restored,
        &[
            ("path", &shown),
            ("n", &number.to_string()),
            ("time", &tr.date_time(ctx.clock.at(chosen.written))),
            ("entries", &entries.to_string()),
        ],
    ))
}

/// A copy of the sample session to open on screen.
pub fn demo(ctx: &Ctx, stage: Option<Stage>, reset: bool) -> Result<Start, String> {
    let stage = stage.unwrap_or(Stage::ALL[0]);
    let path = store::demo::demo_copy(&ctx.dir, stage, reset).map_err(|e| {
        fill(
            &ctx.tr().err_write,
            &[
                ("path", &ctx.dir.display().to_string()),
                ("error", &ctx.tr().os_error(&OsError::of(&e))),
            ],
        )
    })?;
    open(ctx, &path, false, None)
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
    store::load(path).map_err(|e| one(e.describe(tr)))?;
    let _lock = ops::lock(path, ctx.clock.now()).map_err(|e| one(e.message(tr)))?;
    let mut session = store::load(path).map_err(|e| one(e.describe(tr)))?;
    let bytes = store::files::read_bytes(csv).map_err(|e| {
        one(fill(
            &tr.err_read,
            &[("path", &shown), ("error", &tr.os_error(&OsError::of(&e)))],
        ))
    })?;
    let text = String::from_utf8(bytes)
        .map_err(|_| one(fill(&tr.err_read, &[("path", &shown), ("error", "not UTF-8 text")])))?;
    let now = ctx.clock.now();
    let csv_line = |line: u64, problem: &str| {
        fill(
            &tr.err_csv_row,
            &[("path", &shown), ("line", &line.to_string()), ("problem", problem)],
        )
    };
    // What the session file may still grow by before it passes the size limit.
    let on_disk = std::fs::metadata(path).map_or(0, |m| m.len());
    let room = store::load::MAX_FILE_BYTES.saturating_sub(on_disk);
    let plan = crate::import::plan_from_csv(&text, &session, &mut ctx.ids(), now, tr, room).map_err(|errors| {
        errors
            .into_iter()
            .map(|e| {
                if e.line == 1 && e.problem.is_empty() {
                    fill(&tr.err_csv_header, &[("path", &shown)])
                } else {
                    csv_line(e.line, &e.problem)
                }
            })
            .collect::<Vec<_>>()
    })?;
    let (added, updated) = (plan.added.len(), plan.updated.len());
    if added == 0 && updated == 0 {
        if text.lines().nth(1).is_some() {
            // Every row is already in the session as it is: nothing to write.
            return Ok(fill(
                &tr.cli_import_done,
                &[("added", "0"), ("updated", "0"), ("path", &path.display().to_string())],
            ));
        }
        return Err(one(fill(&tr.err_csv_none, &[("path", &shown)])));
    }
    crate::import::apply(plan, &mut session);
    session.updated = now;
    let ron = store::to_ron(&session);
    // The estimate made row by row is a lower bound; the file itself decides.
    if ron.len() as u64 > store::load::MAX_FILE_BYTES {
        let last = u64::try_from(text.lines().count()).unwrap_or(u64::MAX);
        return Err(one(csv_line(last, &crate::import::too_large(tr, ron.len() as u64))));
    }
    store::backup::save_over(path, &ron).map_err(|e| {
        one(fill(
            &tr.err_write,
            &[
                ("path", &path.display().to_string()),
                ("error", &tr.os_error(&OsError::of(&e))),
            ],
        ))
    })?;
    Ok(if updated == 0 {
        fill(
            &tr.cli_imported,
            &[("n", &added.to_string()), ("path", &path.display().to_string())],
        )
    } else {
        fill(
            &tr.cli_import_done,
            &[
                ("added", &added.to_string()),
                ("updated", &updated.to_string()),
                ("path", &path.display().to_string()),
            ],
        )
    })
}

/// A user's agenda template, which must be written for the stage being created.
pub(crate) fn read_template(
    file: &Path,
    stage: Stage,
    tr: &crate::i18n::Strings,
) -> Result<crate::domain::Agenda, String> {
    let shown = file.display().to_string();
    let text = store::files::read_text(file).map_err(|e| {
        fill(
            &tr.err_read,
            &[("path", &shown), ("error", &tr.os_error(&OsError::of(&e)))],
        )
    })?;
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
