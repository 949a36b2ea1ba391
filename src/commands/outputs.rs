//! The outputs of a session: `bimtek export`, `bimtek new --from` and `bimtek merge`, and the
//! file work behind the session screen's export dialog and the home screen's "next stage".
//! The content is made by pure functions (`export`, `domain::carry`, `domain::merge`); here it
//! is read from and written to files through the store.

use std::path::{Path, PathBuf};

use super::Ctx;
use crate::app::export_dialog::ExportOutcome;
use crate::domain::carry::{Carried, carry_forward};
use crate::domain::merge::{self, Conflict};
use crate::domain::{Agenda, Lang, NewSession, Session, SessionDate, Stage};
use crate::export::{self, Format};
use crate::i18n::{Strings, fill, strings};
use crate::store::{self, SessionLock};
use crate::tui;

// --- export -----------------------------------------------------------------------------------

/// Why an export was not written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportError {
    /// The file exists and replacing it was not asked for.
    Exists(PathBuf),
    NoFolder(PathBuf),
    /// The output would be the session file itself.
    IsSession(PathBuf),
    Render(String),
    Write(PathBuf, String),
}

impl ExportError {
    pub fn message(&self, tr: &Strings, format: Format) -> String {
        let shown = |p: &Path| p.display().to_string();
        match self {
            ExportError::Exists(p) => fill(&tr.out_err_exists, &[("path", &shown(p))]),
            ExportError::NoFolder(p) => fill(&tr.out_err_no_folder, &[("path", &shown(p))]),
            ExportError::IsSession(p) => fill(&tr.out_err_is_session, &[("path", &shown(p))]),
            ExportError::Render(e) => fill(&tr.out_err_render, &[("format", format.extension()), ("error", e)]),
            ExportError::Write(p, e) => fill(&tr.err_write, &[("path", &shown(p)), ("error", e)]),
        }
    }
}

/// `NAME.md` (or `.html`, …) beside `NAME.ron`.
pub fn export_path(session: &Path, format: Format) -> PathBuf {
    session.with_extension(format.extension())
}

use store::files::same_file;

/// Writes `session` (whose file is `session_path`) to `out` in `format`, atomically. An
/// existing file is replaced only with `replace`; the session file itself never is.
pub fn write_export(
    session: &Session,
    session_path: &Path,
    out: &Path,
    format: Format,
    lang: Lang,
    replace: bool,
    options: export::Options,
) -> Result<PathBuf, ExportError> {
    let mut out = out.to_path_buf();
    if out.is_dir()
        && let Some(name) = export_path(session_path, format).file_name()
    {
        out = out.join(name);
    }
    if same_file(&out, session_path) {
        return Err(ExportError::IsSession(out));
    }
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty())
        && !parent.is_dir()
    {
        return Err(ExportError::NoFolder(parent.to_path_buf()));
    }
    // Another session (a copy on a stick, an earlier stage) is never written over, whatever the
    // flags say: only what loads as a session counts, so a broken export can still be replaced.
    if out.is_file() && store::load(&out).is_ok() {
        return Err(ExportError::IsSession(out));
    }
    if out.exists() && !replace {
        return Err(ExportError::Exists(out));
    }
    let bytes = export::render_with(session, format, lang, options).map_err(ExportError::Render)?;
    store::save::write_atomic(&out, &bytes).map_err(|e| ExportError::Write(out.clone(), e.to_string()))?;
    Ok(out)
}

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

/// `NAME.buku.md` (or `.html`, `.docx`) beside `NAME.ron`: the book over the masterplan.
pub fn book_path(session: &Path, format: Format) -> PathBuf {
    session.with_extension(format!("buku.{}", format.extension()))
}

/// The sessions of `session`'s masterplan: from the folder of `path`, then `with`; one per
/// stage, `session` for its own (see [`export::masterplan::pick`]).
fn masterplan_of(session: Session, path: &Path, with: &[PathBuf], tr: &Strings) -> Result<Vec<Session>, String> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut found: Vec<Session> = store::list::sessions_in(dir)
        .into_iter()
        .filter(|(p, _)| !same_file(p, path))
        .map(|(_, s)| s)
        .collect();
    for w in with {
        // A file named on the command line must load: a typo is not a missing stage.
        found.push(store::load(w).map_err(|e| e.describe(tr))?);
    }
    found.push(session);
    Ok(found)
}

/// Writes the book over the masterplan of the session at `path` to `out`.
#[allow(clippy::too_many_arguments)]
pub fn write_book(
    session: Session,
    path: &Path,
    with: &[PathBuf],
    out: &Path,
    format: Format,
    lang: Lang,
    replace: bool,
) -> Result<PathBuf, ExportError> {
    let tr = strings(lang);
    if format == Format::Csv {
        return Err(ExportError::Render(tr.out_book_only_books.clone()));
    }
    let mut out = out.to_path_buf();
    if out.is_dir()
        && let Some(name) = book_path(path, format).file_name()
    {
        out = out.join(name);
    }
    if same_file(&out, path) || (out.is_file() && store::load(&out).is_ok()) {
        return Err(ExportError::IsSession(out));
    }
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty())
        && !parent.is_dir()
    {
        return Err(ExportError::NoFolder(parent.to_path_buf()));
    }
    if out.exists() && !replace {
        return Err(ExportError::Exists(out));
    }
    let id = session.id.clone();
    let all = masterplan_of(session, path, with, tr).map_err(ExportError::Render)?;
    let of = all
        .iter()
        .rev()
        .find(|s| s.id == id)
        .ok_or_else(|| ExportError::Render(String::new()))?;
    let stages = export::masterplan::pick(of, &all);
    let book = export::masterplan::build(&stages, lang).ok_or_else(|| ExportError::Render(String::new()))?;
    let bytes = export::render_book(&book, format, lang).map_err(ExportError::Render)?;
    store::save::write_atomic(&out, &bytes).map_err(|e| ExportError::Write(out.clone(), e.to_string()))?;
    Ok(out)
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

/// The session screen's book over the masterplan, beside the session file.
pub fn book_beside(session: &Session, path: &Path, format: Format, lang: Lang, replace: bool) -> ExportOutcome {
    match write_book(
        session.clone(),
        path,
        &[],
        &book_path(path, format),
        format,
        lang,
        replace,
    ) {
        Ok(p) => ExportOutcome::Written(p),
        Err(ExportError::Exists(p)) => ExportOutcome::Exists(p),
        Err(e) => ExportOutcome::Failed(e.message(strings(lang), format)),
    }
}

/// The session screen's export: beside the session file, for the dialog to report.
pub fn export_beside(session: &Session, path: &Path, format: Format, lang: Lang, replace: bool) -> ExportOutcome {
    let options = export::Options::default();
    match write_export(
        session,
        path,
        &export_path(path, format),
        format,
        lang,
        replace,
        options,
    ) {
        Ok(p) => ExportOutcome::Written(p),
        Err(ExportError::Exists(p)) => ExportOutcome::Exists(p),
        Err(e) => ExportOutcome::Failed(e.message(strings(lang), format)),
    }
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
}

/// The stage of the session that follows `prev`: the one given, else the next; never an
/// earlier one.
fn next_stage(tr: &Strings, from: &Path, prev: &Session, stage: Option<Stage>) -> Result<Stage, String> {
    let stage = match stage {
        Some(s) => s,
        None if prev.stage.number() >= 4 => {
            return Err(fill(&tr.out_err_carry_last, &[("path", &from.display().to_string())]));
        }
        None => prev.stage.next(),
    };
    if stage < prev.stage {
        return Err(fill(
            &tr.out_err_carry_stage,
            &[("to", stage.roman()), ("from", prev.stage.roman())],
        ));
    }
    Ok(stage)
}

/// Makes the next stage's session from `prev`, checks that it loads back, and writes it as a new
/// file in `dir` (never over an existing one). Returns its path and what was carried.
pub fn create_carried(
    dir: &Path,
    prev: &Session,
    spec: NewSession,
    agenda: Option<Agenda>,
    id: String,
    now: time::OffsetDateTime,
    tr: &Strings,
) -> Result<(PathBuf, Carried), String> {
    let agenda = agenda.unwrap_or_else(|| crate::template::builtin(spec.stage));
    let mut session = Session::new(id, spec, agenda, now);
    let carried = carry_forward(prev, &mut session);
    // What is carried must load back before it is written anywhere.
    let shown = dir.join(format!("{}.ron", session.file_stem())).display().to_string();
    store::parse(&store::to_ron(&session))
        .map_err(|e| fill(&tr.err_write, &[("path", &shown), ("error", &e.describe(tr))]))?;
    let path = store::files::create_new(dir, &session).map_err(|e| crate::tui::create_message(tr, e))?;
    Ok((path, carried))
}

fn carried_message(tr: &Strings, from: &str, c: Carried) -> String {
    fill(
        &tr.out_carried,
        &[
            ("path", from),
            ("participants", &c.participants.to_string()),
            ("scores", &c.scores.to_string()),
            ("programs", &c.programs.to_string()),
            ("quick_wins", &c.quick_wins.to_string()),
        ],
    )
}

/// `bimtek new --from PREV [--stage N] …`: the lines to print, the new file's path last.
pub fn new_from(ctx: &Ctx, from: &Path, args: CarryArgs) -> Result<(Vec<String>, PathBuf), String> {
    let tr = ctx.tr();
    let prev = store::load(from).map_err(|e| e.describe(ctx.tr()))?;
    let stage = next_stage(tr, from, &prev, args.stage)?;
    let region = args.region.unwrap_or_else(|| prev.region.clone());
    if region.trim().is_empty() {
        return Err(tr.new_err_region.clone());
    }
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
    };
    let id = ctx.ids().next(now);
    let (path, carried) = create_carried(&ctx.dir, &prev, spec, agenda, id, now, tr)?;
    let message = carried_message(tr, &from.display().to_string(), carried);
    Ok((vec![message, tr.cli_created.clone()], path))
}

/// The home screen's "next stage": the form's answers, the earlier file. An empty venue means
/// the earlier session's venue.
pub fn new_from_form(
    dir: &Path,
    from: &Path,
    spec: NewSession,
    id: String,
    now: time::OffsetDateTime,
    lang: Lang,
) -> Result<(PathBuf, String), String> {
    let tr = strings(lang);
    let prev = store::load(from).map_err(|e| e.describe(tr))?;
    next_stage(tr, from, &prev, Some(spec.stage))?;
    let spec = NewSession {
        venue: if spec.venue.trim().is_empty() {
            prev.venue.clone()
        } else {
            spec.venue
        },
        ..spec
    };
    let (path, carried) = create_carried(dir, &prev, spec, None, id, now, tr)?;
    // The status line is short: the file's name says enough.
    let name = from
        .file_name()
        .map_or_else(|| from.display().to_string(), |n| n.to_string_lossy().into_owned());
    Ok((path, carried_message(tr, &name, carried)))
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
    for s in sources {
        if same_file(s, target) {
            return Err(fill(&tr.out_err_merge_self, &[("path", &shown)]));
        }
    }
    // Load everything before locking, so that a wrong path leaves no lock file behind.
    store::load(target).map_err(|e| e.describe(ctx.tr()))?;
    let loaded = sources
        .iter()
        .map(|p| store::load(p).map_err(|e| e.describe(ctx.tr())))
        .collect::<Result<Vec<Session>, String>>()?;
    let _lock = SessionLock::acquire(target, ctx.clock.now()).map_err(|e| tui::lock_message(tr, target, &e))?;
    // Again under the lock: the file may have changed in between.
    let current = store::load(target).map_err(|e| e.describe(ctx.tr()))?;
    if !force {
        for (s, path) in loaded.iter().zip(sources) {
            if !merge::related(&current, s) {
                return Err(fill(
                    &tr.out_err_merge_unrelated,
                    &[("source", &path.display().to_string()), ("target", &shown)],
                ));
            }
        }
    }
    let names = sources
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let (mut merged, report) = merge::merge_all(&current, &loaded);
    if report.nothing() {
        return Ok(vec![fill(
            &tr.out_merge_nothing,
            &[("target", &shown), ("sources", &names)],
        )]);
    }
    merged.updated = merged.updated.max(ctx.clock.now());
    let text = store::to_ron(&merged);
    store::parse(&text).map_err(|e| {
        fill(
            &tr.out_err_merge_invalid,
            &[("target", &shown), ("error", &e.describe(tr))],
        )
    })?;
    store::backup::save_over(target, &text)
        .map_err(|e| fill(&tr.err_write, &[("path", &shown), ("error", &e.to_string())]))?;
    let at = |t: time::OffsetDateTime| crate::ui::dialog::date_time(ctx.clock.at(t));
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
