//! The home screen: the sessions in the sessions folder, the sample, and the new-session form.

use std::path::PathBuf;

use ratatui::crossterm::event::KeyEvent;
use time::OffsetDateTime;

use super::new_form::NewForm;
use super::{Cmd, Effect, Scope};
use crate::domain::{SessionDate, Stage};

/// One sample row a stage, Bimtek I to IV, below the folder's sessions.
pub const SAMPLE_ROWS: usize = 4;
use crate::domain::session::SessionSummary;

/// One file of the sessions folder; a file that does not load is listed with its error, so the
/// facilitator knows it is there and why it will not open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRow {
    pub path: PathBuf,
    pub summary: Result<SessionSummary, String>,
}

#[derive(Debug, Clone, Default)]
pub struct Home {
    pub rows: Vec<SessionRow>,
    /// `rows.len()` and the three after it select the samples of Bimtek I–IV, listed last.
    pub selected: usize,
    pub form: Option<Box<NewForm>>,
    pub message: Option<String>,
    pub scanned: bool,
}

impl Home {
    pub fn set_rows(&mut self, rows: Vec<SessionRow>) {
        self.rows = rows;
        self.scanned = true;
        self.selected = self.selected.min(self.last());
    }

    /// The last row: the Bimtek IV sample.
    fn last(&self) -> usize {
        self.rows.len() + SAMPLE_ROWS - 1
    }

    /// The stage of the sample row selected, if one is.
    pub fn sample(&self) -> Option<Stage> {
        let n = self.selected.checked_sub(self.rows.len())?;
        Stage::ALL.get(n).copied()
    }

    pub fn paste(&mut self, text: &str) -> Vec<Effect> {
        if let Some(form) = &mut self.form {
            form.paste(text);
        }
        Vec::new()
    }

    pub fn scope(&self) -> Scope {
        if self.form.is_some() {
            Scope::NewForm
        } else {
            Scope::Home
        }
    }

    pub fn on_key(&mut self, key: KeyEvent, cmd: Option<Cmd>, now: OffsetDateTime) -> Vec<Effect> {
        if let Some(form) = &mut self.form {
            return match form.on_key(key, cmd) {
                super::new_form::Outcome::Continue => Vec::new(),
                super::new_form::Outcome::Cancel => {
                    self.form = None;
                    Vec::new()
                }
                super::new_form::Outcome::Create(spec) => {
                    // The form stays until the session opens: if creating it fails, what was
                    // typed is still there beside the reason.
                    let from = form.from.clone();
                    match from {
                        Some(from) => vec![Effect::CreateFrom { spec, from }],
                        None => vec![Effect::Create(spec)],
                    }
                }
            };
        }
        self.message = None;
        match cmd {
            Some(Cmd::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Cmd::Down) => self.selected = (self.selected + 1).min(self.last()),
            Some(Cmd::Top) => self.selected = 0,
            Some(Cmd::Bottom) => self.selected = self.last(),
            Some(Cmd::New) => self.form = Some(Box::new(NewForm::with_date(SessionDate(now.date())))),
            Some(Cmd::Demo) => return vec![Effect::OpenDemo(self.sample().unwrap_or(Stage::ALL[0]))],
            // The next stage of the selected session (not the sample row, nor a file that does
            // not load).
            Some(Cmd::Carry) => {
                if let Some(SessionRow { path, summary: Ok(s) }) = self.rows.get(self.selected) {
                    let form = NewForm::carry(path.clone(), s, SessionDate(now.date()));
                    self.form = Some(Box::new(form));
                }
            }
            Some(Cmd::Rescan) => return vec![Effect::ScanSessions],
            Some(Cmd::Open) => {
                return match self.rows.get(self.selected) {
                    Some(row) => vec![Effect::Open(row.path.clone())],
                    None => vec![Effect::OpenDemo(self.sample().unwrap_or(Stage::ALL[0]))],
                };
            }
            _ => {}
        }
        Vec::new()
    }
}
