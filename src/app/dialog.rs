//! Dialogs over a screen: save as, the backup list, the recovery question, a locked session.
//! A dialog takes every key while it is open (help and quit still work).

use ratatui::crossterm::event::KeyEvent;
use time::OffsetDateTime;

use super::backups::{self, BackupRow, Backups};
use super::export_dialog::{self, ExportChooser, ExportOutcome};
use super::locked::{self, Locked};
use super::merge_dialog::{self, MergeDialog};
use super::recovery::{self, Recovery, RecoveryOffer};
use super::save_as::{self, SaveAs, SaveAsError};
use super::session_screen::{Flash, Mode};
use super::{App, Cmd, Effect, SaveState, Scope, Screen, SessionRow};
use crate::domain::entry::MAX_ENTRY_CHARS;
use crate::domain::merge::Report;
use crate::i18n::fill;

/// A failed save is tried again this often, even if nothing else changes.
pub const SAVE_RETRY: time::Duration = time::Duration::seconds(10);

#[derive(Debug, Clone)]
pub enum Dialog {
    SaveAs(Box<SaveAs>),
    Backups(Backups),
    Recovery(Recovery),
    Locked(Locked),
    /// Choosing a format to export the session to.
    Export(ExportChooser),
    /// Merging other sessions of the folder into the one selected at home.
    Merge(Box<MergeDialog>),
}

impl Dialog {
    /// Whether the dialog has a text field with the keyboard.
    pub fn typing(&self) -> bool {
        matches!(self, Dialog::SaveAs(_))
    }

    pub fn scope(&self) -> Scope {
        match self {
            Dialog::SaveAs(_) => Scope::SaveAs,
            Dialog::Backups(_) => Scope::Backups,
            Dialog::Recovery(_) => Scope::Recovery,
            Dialog::Locked(_) => Scope::Locked,
            Dialog::Export(d) if d.confirm.is_some() => Scope::ExportExists,
            Dialog::Export(_) => Scope::Export,
            Dialog::Merge(d) if d.done.is_some() => Scope::MergeDone,
            Dialog::Merge(_) => Scope::Merge,
        }
    }
}

/// Keys for an open dialog.
pub fn on_key(app: &mut App, key: KeyEvent, cmd: Option<Cmd>) -> Vec<Effect> {
    let Some(dialog) = &mut app.dialog else {
        return Vec::new();
    };
    let (close, effects) = match dialog {
        Dialog::SaveAs(d) => match d.on_key(key, cmd) {
            save_as::Outcome::Continue => (false, Vec::new()),
            save_as::Outcome::Cancel => (true, Vec::new()),
            // The dialog stays until the shell says how it went.
            save_as::Outcome::Save(path) => (false, vec![Effect::SaveAs(path)]),
        },
        Dialog::Backups(d) => match d.on_key(cmd) {
            backups::Outcome::Continue => (false, Vec::new()),
            backups::Outcome::Close => (true, Vec::new()),
            backups::Outcome::Restore { session, backup } => (true, vec![Effect::Restore { session, backup }]),
        },
        Dialog::Recovery(d) => match d.on_key(cmd) {
            recovery::Outcome::Continue => (false, Vec::new()),
            recovery::Outcome::Later => (true, Vec::new()),
            recovery::Outcome::Use(path) => (true, vec![Effect::UseRecovery(path)]),
            recovery::Outcome::Discard(path) => (true, vec![Effect::DiscardRecovery(path)]),
        },
        Dialog::Locked(d) => match d.on_key(cmd) {
            locked::Outcome::Continue => (false, Vec::new()),
            locked::Outcome::Cancel => (true, Vec::new()),
            locked::Outcome::ReadOnly(path) => (true, vec![Effect::OpenReadOnly(path)]),
        },
        Dialog::Export(d) => match d.on_key(cmd, key) {
            export_dialog::Outcome::Continue => (false, Vec::new()),
            export_dialog::Outcome::Cancel => (true, Vec::new()),
            // The dialog stays until the shell says how it went.
            export_dialog::Outcome::Export { format, replace, book } => {
                (false, vec![Effect::Export { format, replace, book }])
            }
        },
        Dialog::Merge(d) => match d.on_key(cmd) {
            merge_dialog::Outcome::Continue => (false, Vec::new()),
            merge_dialog::Outcome::Cancel => (true, Vec::new()),
            merge_dialog::Outcome::Preview(sources) => (
                false,
                vec![Effect::PreviewMerge {
                    target: d.target.clone(),
                    sources,
                }],
            ),
            // The dialog stays until the shell says how it went.
            merge_dialog::Outcome::Merge(sources) => (
                false,
                vec![Effect::Merge {
                    target: d.target.clone(),
                    sources,
                }],
            ),
        },
    };
    if close {
        app.dialog = None;
    }
    effects
}

/// Commands that open a dialog from a screen; `None` when the command is not one of them.
pub fn open_by_key(app: &mut App, cmd: Option<Cmd>) -> Option<Vec<Effect>> {
    match (&app.screen, cmd?) {
        (Screen::Session(s), Cmd::SaveAs) if matches!(s.mode, Mode::Normal) => {
            app.dialog = Some(Dialog::SaveAs(Box::new(SaveAs::new(&s.path))));
            Some(Vec::new())
        }
        (Screen::Session(s), Cmd::Export) if matches!(s.mode, Mode::Normal) => {
            app.dialog = Some(Dialog::Export(ExportChooser::new(&s.path)));
            Some(Vec::new())
        }
        (Screen::Home(h), Cmd::Backups) if h.form.is_none() => {
            // The sample row (last) has no file of its own yet.
            let path = h.rows.get(h.selected)?.path.clone();
            Some(vec![Effect::ListBackups(path)])
        }
        (Screen::Home(h), Cmd::MergeSessions) if h.form.is_none() => {
            let tr = app.tr();
            match h.rows.get(h.selected) {
                Some(SessionRow {
                    path,
                    summary: Ok(summary),
                }) => {
                    let d = MergeDialog::new(path.clone(), summary.clone(), &h.rows);
                    app.dialog = Some(Dialog::Merge(Box::new(d)));
                }
                Some(SessionRow { path, summary: Err(e) }) => {
                    let name = merge_dialog::file_name(path);
                    notice(app, fill(&tr.merge_target_unreadable, &[("name", &name), ("error", e)]));
                }
                // A sample row has no file of its own yet.
                None => notice(app, tr.merge_target_sample.clone()),
            }
            Some(Vec::new())
        }
        _ => None,
    }
}

/// What the shell worked out the marked sessions would bring in.
pub fn merge_previewed(app: &mut App, sources: &[std::path::PathBuf], result: Result<Report, String>) {
    if let Some(Dialog::Merge(d)) = &mut app.dialog {
        d.previewed(sources, result);
    }
}

/// How a merge from the home screen went; after one that wrote, the list is read again.
pub fn merged(app: &mut App, result: Result<Report, String>) -> Vec<Effect> {
    let wrote = result.as_ref().is_ok_and(|r| !r.nothing());
    match &mut app.dialog {
        Some(Dialog::Merge(d)) => d.merged(result),
        _ => {
            if let Err(message) = result {
                notice(app, message);
            }
        }
    }
    if wrote { vec![Effect::ScanSessions] } else { Vec::new() }
}

pub fn paste(app: &mut App, text: &str) {
    if let Some(Dialog::SaveAs(d)) = &mut app.dialog {
        d.paste(text);
    }
}

/// A paste longer than an entry may be is refused with a message, before it reaches a field.
pub fn refuse_long_paste(app: &mut App, text: &str) -> bool {
    let n = text.chars().count();
    if n <= MAX_ENTRY_CHARS {
        return false;
    }
    let message = fill(
        &app.tr().entry_too_long,
        &[("n", &n.to_string()), ("max", &MAX_ENTRY_CHARS.to_string())],
    );
    notice(app, message);
    true
}

/// A message for the facilitator: the status line on the session screen, the message line at home.
pub fn notice(app: &mut App, message: String) {
    match &mut app.screen {
        Screen::Home(h) => h.message = Some(message),
        Screen::Session(s) => s.flash = Some(Flash::Text(message)),
    }
}

pub fn backups_listed(app: &mut App, session: std::path::PathBuf, rows: Vec<BackupRow>) {
    app.dialog = Some(Dialog::Backups(Backups::new(session, rows)));
}

pub fn recovery_found(app: &mut App, offers: Vec<RecoveryOffer>) {
    if app.dialog.is_none()
        && let Some(offer) = offers.into_iter().next()
    {
        app.dialog = Some(Dialog::Recovery(Recovery { offer }));
    }
}

pub fn lock_held(app: &mut App, path: std::path::PathBuf, message: String) {
    app.dialog = Some(Dialog::Locked(Locked { path, message }));
}

/// The result of a save: the status line, and when to try again after a failure.
pub fn saved(app: &mut App, result: Result<OffsetDateTime, crate::domain::OsError>) {
    let now = app.now;
    if let Screen::Session(s) = &mut app.screen {
        app.save_retry_at = match &result {
            Ok(_) => None,
            Err(_) => Some(now + SAVE_RETRY),
        };
        s.save = match result {
            Ok(at) => SaveState::Saved(at),
            Err(e) => SaveState::Failed(e),
        };
    }
}

/// Time passed: a failed save is tried again once its time has come.
pub fn tick(app: &mut App) -> Vec<Effect> {
    let failed = matches!(&app.screen, Screen::Session(s) if matches!(s.save, SaveState::Failed(_)) && !s.read_only);
    match app.save_retry_at {
        Some(at) if failed && app.now >= at => {
            app.save_retry_at = None;
            vec![Effect::Save]
        }
        Some(_) if !failed => {
            app.save_retry_at = None;
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// The result of "save as": on success bimtek goes on with the new file.
pub fn saved_as(app: &mut App, result: Result<(std::path::PathBuf, OffsetDateTime), String>) {
    match result {
        Ok((path, at)) => {
            app.dialog = None;
            app.save_retry_at = None;
            let message = fill(&app.tr().save_as_done, &[("path", &path.display().to_string())]);
            if let Screen::Session(s) = &mut app.screen {
                s.path = path;
                s.read_only = false;
                s.read_only_why = None;
                s.save = SaveState::Saved(at);
                s.flash = Some(Flash::Text(message));
            }
        }
        Err(e) => {
            if let Some(Dialog::SaveAs(d)) = &mut app.dialog {
                d.error = Some(SaveAsError::Failed(e));
            } else {
                notice(app, e);
            }
        }
    }
}

/// How an export went: written (the dialog closes and the status line says where), a file in the
/// way (the dialog asks), or failed (the dialog says why).
pub fn exported(app: &mut App, outcome: ExportOutcome) {
    let written = match &outcome {
        // The file name, not the whole path: it goes beside the session file, as the dialog says,
        // and a long path would push the name off the status line.
        ExportOutcome::Written(path) => {
            let name = path
                .file_name()
                .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
            Some(fill(&app.tr().out_exported, &[("path", &name)]))
        }
        _ => None,
    };
    let done = match &mut app.dialog {
        Some(Dialog::Export(d)) => d.reported(outcome.clone()),
        _ => true,
    };
    if done {
        app.dialog = None;
        match (written, outcome) {
            (Some(message), _) | (None, ExportOutcome::Failed(message)) => notice(app, message),
            (None, _) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::app::{Action, update};
    use crate::domain::Lang;
    use ratatui::crossterm::event::KeyCode;

    fn session_app() -> App {
        let session = crate::store::parse(crate::store::demo::SAMPLE).expect("sample");
        let now = session.updated;
        let mut app = App::new(Lang::Id, now, 1, PathBuf::from("/x"));
        update(
            &mut app,
            Action::SessionOpened {
                session: Box::new(session),
                path: PathBuf::from("/x/s.ron"),
                read_only: false,
            },
        );
        app
    }

    #[test]
    fn a_failed_save_is_retried_every_ten_seconds() {
        let mut app = session_app();
        let start = app.now;
        update(&mut app, Action::Saved(Err("disk full".into())));
        app.now = start + time::Duration::seconds(9);
        assert!(update(&mut app, Action::Tick).is_empty());
        app.now = start + SAVE_RETRY;
        assert_eq!(update(&mut app, Action::Tick), vec![Effect::Save]);
        // Not again until the retry's own result is in.
        assert!(update(&mut app, Action::Tick).is_empty());
        update(&mut app, Action::Saved(Err("still full".into())));
        app.now += SAVE_RETRY;
        assert_eq!(update(&mut app, Action::Tick), vec![Effect::Save]);
        let at = app.now;
        update(&mut app, Action::Saved(Ok(at)));
        app.now += SAVE_RETRY * 3;
        assert!(update(&mut app, Action::Tick).is_empty(), "saved: nothing to retry");
    }

    #[test]
    fn save_as_opens_with_the_current_path_and_switches_on_success() {
        let mut app = session_app();
        let key = |c| Action::Key(KeyEvent::new(c, ratatui::crossterm::event::KeyModifiers::NONE));
        update(&mut app, key(KeyCode::Char('S')));
        let Some(Dialog::SaveAs(d)) = &app.dialog else {
            panic!("the save-as dialog");
        };
        assert_eq!(d.input.lines().join(""), "/x/s.ron");
        assert!(app.typing(), "letters go into the path");
        update(&mut app, key(KeyCode::Char('2')));
        assert_eq!(
            update(&mut app, key(KeyCode::Enter)),
            vec![Effect::SaveAs(PathBuf::from("/x/s.ron2"))]
        );
        update(&mut app, Action::SavedAs(Err("tidak dapat ditulis".into())));
        assert!(
            matches!(&app.dialog, Some(Dialog::SaveAs(d)) if d.error.is_some()),
            "the dialog stays"
        );
        let at = app.now;
        update(&mut app, Action::SavedAs(Ok((PathBuf::from("/y/s.ron"), at))));
        assert!(app.dialog.is_none());
        let s = app.session().expect("session");
        assert_eq!(s.path, PathBuf::from("/y/s.ron"));
        assert_eq!(s.save, SaveState::Saved(at));
    }

    #[test]
    fn a_recovery_offer_is_asked_once_and_answered() {
        let mut app = App::new(Lang::Id, time::OffsetDateTime::UNIX_EPOCH, 1, PathBuf::from("/x"));
        let offer = RecoveryOffer {
            session: PathBuf::from("/x/s.ron"),
            recovery: PathBuf::from("/x/s.ron.recovery"),
            written: time::OffsetDateTime::UNIX_EPOCH,
            entries: Ok(3),
            current_entries: Some(2),
        };
        update(&mut app, Action::RecoveryFound(vec![offer.clone()]));
        assert!(matches!(app.dialog, Some(Dialog::Recovery(_))));
        let key = |c| Action::Key(KeyEvent::new(c, ratatui::crossterm::event::KeyModifiers::NONE));
        assert_eq!(
            update(&mut app, key(KeyCode::Char('p'))),
            vec![Effect::UseRecovery(offer.session.clone())]
        );
        assert!(app.dialog.is_none());
        update(&mut app, Action::RecoveryFound(vec![offer.clone()]));
        assert_eq!(
            update(&mut app, key(KeyCode::Char('b'))),
            vec![Effect::DiscardRecovery(offer.session)]
        );
    }
}
