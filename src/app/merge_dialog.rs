//! Merging breakout groups' sessions from the home screen (`m`): the selected session is the
//! target; the facilitator marks the sources among the other sessions of the folder, sees what
//! would come in (the pure merge, nothing written), and Enter merges through `ops::merge`, with
//! the same backup and lock as `bimtek merge`.
//!
//! Sessions of another masterplan (no shared id or ancestor) are listed, so nobody wonders where
//! a group's file went, but they cannot be marked: the command line's `--force` is the way for
//! that rare case, so a wrong key in front of the room never mixes two regions.

use std::path::{Path, PathBuf};

use super::Cmd;
use super::home::SessionRow;
use crate::domain::merge::Report;
use crate::domain::session::SessionSummary;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub path: PathBuf,
    /// What the folder scan read, or why the file does not load.
    pub summary: Result<SessionSummary, String>,
    pub marked: bool,
}

/// Why a candidate could not be marked, for the line under the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// It comes from another session (another region or masterplan).
    Unrelated(PathBuf),
    /// It does not load; the error says why.
    Unreadable(PathBuf, String),
    /// Enter with nothing marked.
    NothingMarked,
}

/// What would come in, as far as the shell has worked it out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Preview {
    NoneMarked,
    /// Asked for; the shell has not answered yet.
    Pending,
    Ready(Report),
    /// Why the marked sessions cannot be merged (an unreadable file, …), ready to show.
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeDialog {
    pub target: PathBuf,
    pub target_summary: SessionSummary,
    /// The other sessions of the folder, in the home screen's order.
    pub candidates: Vec<Candidate>,
    pub selected: usize,
    pub preview: Preview,
    pub refusal: Option<Refusal>,
    /// Why the merge failed (a locked target, a file that changed), ready to show.
    pub error: Option<String>,
    /// The merge is done: what it did, and from how many sessions.
    pub done: Option<(Report, usize)>,
}

pub enum Outcome {
    Continue,
    Cancel,
    /// Work out what these sources would bring in.
    Preview(Vec<PathBuf>),
    Merge(Vec<PathBuf>),
}

impl Candidate {
    /// Whether it may be merged into a session with this summary.
    pub fn related_to(&self, target: &SessionSummary) -> bool {
        self.summary.as_ref().is_ok_and(|s| s.related(target))
    }
}

impl MergeDialog {
    /// The dialog for merging into `target`, offering every other session of the folder.
    pub fn new(target: PathBuf, target_summary: SessionSummary, rows: &[SessionRow]) -> MergeDialog {
        let candidates = rows
            .iter()
            .filter(|r| r.path != target)
            .map(|r| Candidate {
                path: r.path.clone(),
                summary: r.summary.clone(),
                marked: false,
            })
            .collect();
        MergeDialog {
            target,
            target_summary,
            candidates,
            selected: 0,
            preview: Preview::NoneMarked,
            refusal: None,
            error: None,
            done: None,
        }
    }

    /// The marked sources, in the list's order.
    pub fn marked(&self) -> Vec<PathBuf> {
        self.candidates
            .iter()
            .filter(|c| c.marked)
            .map(|c| c.path.clone())
            .collect()
    }

    pub fn on_key(&mut self, cmd: Option<Cmd>) -> Outcome {
        if self.done.is_some() {
            return match cmd {
                Some(Cmd::Open | Cmd::Back) => Outcome::Cancel,
                _ => Outcome::Continue,
            };
        }
        let last = self.candidates.len().saturating_sub(1);
        match cmd {
            Some(Cmd::Back) => return Outcome::Cancel,
            Some(Cmd::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Cmd::Down) => self.selected = (self.selected + 1).min(last),
            Some(Cmd::Top) => self.selected = 0,
            Some(Cmd::Bottom) => self.selected = last,
            Some(Cmd::Toggle) => return self.toggle(),
            Some(Cmd::Open) => {
                let sources = self.marked();
                if sources.is_empty() {
                    self.refusal = Some(Refusal::NothingMarked);
                    return Outcome::Continue;
                }
                self.error = None;
                return Outcome::Merge(sources);
            }
            _ => return Outcome::Continue,
        }
        self.refusal = None;
        Outcome::Continue
    }

    fn toggle(&mut self) -> Outcome {
        let target = &self.target_summary;
        let Some(c) = self.candidates.get_mut(self.selected) else {
            return Outcome::Continue;
        };
        self.refusal = match &c.summary {
            Err(e) => Some(Refusal::Unreadable(c.path.clone(), e.clone())),
            Ok(_) if !c.marked && !c.related_to(target) => Some(Refusal::Unrelated(c.path.clone())),
            Ok(_) => {
                c.marked = !c.marked;
                None
            }
        };
        if self.refusal.is_some() {
            return Outcome::Continue;
        }
        self.error = None;
        let sources = self.marked();
        if sources.is_empty() {
            self.preview = Preview::NoneMarked;
            return Outcome::Continue;
        }
        self.preview = Preview::Pending;
        Outcome::Preview(sources)
    }

    /// The shell's preview; one for marks that have changed since is not news.
    pub fn previewed(&mut self, sources: &[PathBuf], result: Result<Report, String>) {
        if self.marked() != sources {
            return;
        }
        self.preview = match result {
            Ok(report) => Preview::Ready(report),
            Err(message) => Preview::Failed(message),
        };
    }

    /// How the merge went: done (the dialog shows what came in) or refused (it says why and
    /// stays, marks and all).
    pub fn merged(&mut self, result: Result<Report, String>) {
        match result {
            Ok(report) => self.done = Some((report, self.marked().len())),
            Err(message) => self.error = Some(message),
        }
    }

    pub fn target_name(&self) -> String {
        file_name(&self.target)
    }
}

pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use time::macros::datetime;

    use super::*;
    use crate::app::{Action, App, Dialog, Effect, Scope, Screen, update};
    use crate::domain::Lang;

    fn sample() -> crate::domain::Session {
        crate::store::parse(crate::store::demo::SAMPLE).expect("the sample loads")
    }

    fn row(name: &str, session: &crate::domain::Session) -> SessionRow {
        SessionRow {
            path: PathBuf::from("/sesi").join(name),
            summary: Ok(session.summary()),
        }
    }

    /// Home with the plenary, two groups' copies, another region's session and a broken file.
    fn home() -> App {
        let mut app = App::new(Lang::Id, datetime!(2021-09-07 15:00 +9), 1, PathBuf::from("/sesi"));
        let plenary = sample();
        let mut other = sample();
        other.id = "01OTHERREGION".into();
        other.region = "Kota Ternate".into();
        let rows = vec![
            row("a-pleno.ron", &plenary),
            row("b-kelompok-1.ron", &plenary),
            row("c-kelompok-2.ron", &plenary),
            row("d-ternate.ron", &other),
            SessionRow {
                path: PathBuf::from("/sesi/e-rusak.ron"),
                summary: Err("e-rusak.ron:3:5: akhir berkas tak terduga".into()),
            },
        ];
        update(&mut app, Action::SessionsScanned(rows));
        app
    }

    fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
        update(app, Action::Key(KeyEvent::new(code, KeyModifiers::NONE)))
    }

    fn dialog(app: &App) -> &MergeDialog {
        match &app.dialog {
            Some(Dialog::Merge(d)) => d,
            other => panic!("the merge dialog, not {other:?}"),
        }
    }

    fn paths(names: &[&str]) -> Vec<PathBuf> {
        names.iter().map(|n| PathBuf::from("/sesi").join(n)).collect()
    }

    #[test]
    fn m_offers_the_other_sessions_and_space_asks_for_a_preview() {
        let mut app = home();
        assert!(press(&mut app, KeyCode::Char('m')).is_empty());
        let d = dialog(&app);
        assert_eq!(d.target, PathBuf::from("/sesi/a-pleno.ron"));
        assert_eq!(d.candidates.len(), 4, "every other file, the target left out");
        assert_eq!(app.scope(), Scope::Merge);
        assert!(!app.typing());

        let effects = press(&mut app, KeyCode::Char(' '));
        assert_eq!(
            effects,
            [Effect::PreviewMerge {
                target: PathBuf::from("/sesi/a-pleno.ron"),
                sources: paths(&["b-kelompok-1.ron"]),
            }]
        );
        assert_eq!(dialog(&app).preview, Preview::Pending);
        press(&mut app, KeyCode::Down);
        let effects = press(&mut app, KeyCode::Char(' '));
        let both = paths(&["b-kelompok-1.ron", "c-kelompok-2.ron"]);
        assert!(matches!(&effects[..], [Effect::PreviewMerge { sources, .. }] if *sources == both));

        // The answer for the first mark alone comes late: it is not news any more.
        let one = Report {
            entries_added: 1,
            ..Report::default()
        };
        update(
            &mut app,
            Action::MergePreviewed {
                sources: paths(&["b-kelompok-1.ron"]),
                result: Ok(one),
            },
        );
        assert_eq!(dialog(&app).preview, Preview::Pending);
        let two = Report {
            entries_added: 2,
            votes_added: 3,
            ..Report::default()
        };
        update(
            &mut app,
            Action::MergePreviewed {
                sources: both.clone(),
                result: Ok(two.clone()),
            },
        );
        assert_eq!(dialog(&app).preview, Preview::Ready(two));

        // Unmarking both leaves nothing to preview and asks the shell for nothing.
        press(&mut app, KeyCode::Char(' '));
        press(&mut app, KeyCode::Up);
        assert!(press(&mut app, KeyCode::Char(' ')).is_empty());
        assert_eq!(dialog(&app).preview, Preview::NoneMarked);
    }

    #[test]
    fn another_masterplan_and_a_broken_file_are_shown_but_refused() {
        let mut app = home();
        press(&mut app, KeyCode::Char('m'));
        press(&mut app, KeyCode::Down);
        press(&mut app, KeyCode::Down);
        assert!(press(&mut app, KeyCode::Char(' ')).is_empty());
        assert_eq!(
            dialog(&app).refusal,
            Some(Refusal::Unrelated(PathBuf::from("/sesi/d-ternate.ron")))
        );
        assert!(dialog(&app).marked().is_empty());
        press(&mut app, KeyCode::Down);
        assert_eq!(dialog(&app).refusal, None, "moving on clears the reason");
        assert!(press(&mut app, KeyCode::Char(' ')).is_empty());
        assert!(
            matches!(&dialog(&app).refusal, Some(Refusal::Unreadable(p, e)) if p.ends_with("e-rusak.ron") && e.contains("3:5"))
        );
        // Enter with nothing marked says to mark first, and merges nothing.
        assert!(press(&mut app, KeyCode::Enter).is_empty());
        assert_eq!(dialog(&app).refusal, Some(Refusal::NothingMarked));
    }

    #[test]
    fn enter_merges_a_refusal_keeps_the_marks_and_the_report_closes_with_a_rescan() {
        let mut app = home();
        press(&mut app, KeyCode::Char('m'));
        press(&mut app, KeyCode::Char(' '));
        let effects = press(&mut app, KeyCode::Enter);
        assert_eq!(
            effects,
            [Effect::Merge {
                target: PathBuf::from("/sesi/a-pleno.ron"),
                sources: paths(&["b-kelompok-1.ron"]),
            }]
        );
        update(
            &mut app,
            Action::Merged(Err("/sesi/a-pleno.ron sedang dibuka oleh bimtek lain".into())),
        );
        let d = dialog(&app);
        assert!(d.error.as_deref().is_some_and(|e| e.contains("a-pleno.ron")));
        assert_eq!(d.marked(), paths(&["b-kelompok-1.ron"]), "nothing to choose again");
        assert!(d.done.is_none());

        press(&mut app, KeyCode::Enter);
        let report = Report {
            entries_added: 4,
            ..Report::default()
        };
        let effects = update(&mut app, Action::Merged(Ok(report.clone())));
        assert_eq!(effects, [Effect::ScanSessions], "the list shows the new counts");
        assert_eq!(dialog(&app).done, Some((report, 1)));
        assert_eq!(app.scope(), Scope::MergeDone);
        assert!(press(&mut app, KeyCode::Char(' ')).is_empty());
        assert!(app.dialog.is_some(), "the report stays until Enter or Esc");
        press(&mut app, KeyCode::Enter);
        assert!(app.dialog.is_none());
    }

    #[test]
    fn esc_cancels_at_any_point_and_nothing_is_merged() {
        let mut app = home();
        press(&mut app, KeyCode::Char('m'));
        press(&mut app, KeyCode::Char(' '));
        assert!(press(&mut app, KeyCode::Esc).is_empty());
        assert!(app.dialog.is_none());
        assert!(matches!(app.screen, Screen::Home(_)), "still at home");
        // A preview arriving after the dialog closed changes nothing.
        update(
            &mut app,
            Action::MergePreviewed {
                sources: paths(&["b-kelompok-1.ron"]),
                result: Ok(Report::default()),
            },
        );
        assert!(app.dialog.is_none());
    }

    #[test]
    fn the_sample_rows_and_a_broken_file_cannot_be_merged_into() {
        let mut app = home();
        press(&mut app, KeyCode::End);
        press(&mut app, KeyCode::Char('m'));
        assert!(app.dialog.is_none());
        let Screen::Home(h) = &app.screen else {
            panic!("home");
        };
        assert!(
            h.message.as_deref().is_some_and(|m| m.contains("contoh")),
            "{:?}",
            h.message
        );
        for _ in 0..4 {
            press(&mut app, KeyCode::Up);
        }
        press(&mut app, KeyCode::Char('m'));
        assert!(app.dialog.is_none());
        let Screen::Home(h) = &app.screen else {
            panic!("home");
        };
        assert!(
            h.message.as_deref().is_some_and(|m| m.contains("e-rusak.ron")),
            "{:?}",
            h.message
        );
    }
}
