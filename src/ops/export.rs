//! Writing a session's export: where `bimtek export` puts it, and beside the session file for
//! the session screen's export dialog; and the book over a whole masterplan. The content is made
//! by `export` (pure); here it is written, atomically, never over a session file.

use std::path::{Path, PathBuf};

use crate::app::export_dialog::ExportOutcome;
use crate::domain::{Lang, Session};
use crate::export::{self, Format};
use crate::i18n::{Strings, fill, strings};
use crate::store::{self, files::same_file};

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
