//! Writing a session's export: where `bimtek export` puts it, and beside the session file for
//! the session screen's export dialog. The content is made by `export` (pure); here it is
//! written, atomically, never over the session file itself.

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
    if out.exists() && !replace {
        return Err(ExportError::Exists(out));
    }
    let bytes = export::render(session, format, lang).map_err(ExportError::Render)?;
    store::save::write_atomic(&out, &bytes).map_err(|e| ExportError::Write(out.clone(), e.to_string()))?;
    Ok(out)
}

/// The session screen's export: beside the session file, for the dialog to report.
pub fn export_beside(session: &Session, path: &Path, format: Format, lang: Lang, replace: bool) -> ExportOutcome {
    match write_export(session, path, &export_path(path, format), format, lang, replace) {
        Ok(p) => ExportOutcome::Written(p),
        Err(ExportError::Exists(p)) => ExportOutcome::Exists(p),
        Err(e) => ExportOutcome::Failed(e.message(strings(lang), format)),
    }
}
