//! The home screen: the sessions in the sessions folder, the sample, and the new-session form.

use std::path::PathBuf;

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use time::OffsetDateTime;

use super::Effect;
use super::new_form::NewForm;
use crate::domain::SessionDate;
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
    /// `rows.len()` selects the sample session, listed last.
    pub selected: usize,
    pub form: Option<Box<NewForm>>,
    pub message: Option<String>,
    pub scanned: bool,
}

impl Home {
    pub fn set_rows(&mut self, rows: Vec<SessionRow>) {
        self.rows = rows;
        self.scanned = true;
        self.selected = self.selected.min(self.rows.len());
    }

    pub fn paste(&mut self, text: &str) -> Vec<Effect> {
        if let Some(form) = &mut self.form {
            form.paste(text);
        }
        Vec::new()
    }

    pub fn on_key(&mut self, key: KeyEvent, now: OffsetDateTime) -> Vec<Effect> {
        if let Some(form) = &mut self.form {
            return match form.on_key(key) {
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
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => self.selected = self.selected.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => self.selected = (self.selected + 1).min(self.rows.len()),
            KeyCode::Home | KeyCode::Char('g') => self.selected = 0,
            KeyCode::End | KeyCode::Char('G') => self.selected = self.rows.len(),
            KeyCode::Char('n') => self.form = Some(Box::new(NewForm::with_date(SessionDate(now.date())))),
            KeyCode::Char('D') => return vec![Effect::OpenDemo],
            // The next stage of the selected session (not the sample row, nor a file that does
            // not load).
            KeyCode::Char('c') => {
                if let Some(SessionRow { path, summary: Ok(s) }) = self.rows.get(self.selected) {
                    let form = NewForm::carry(path.clone(), s, SessionDate(now.date()));
                    self.form = Some(Box::new(form));
                }
            }
            KeyCode::Char('r') | KeyCode::F(5) => return vec![Effect::ScanSessions],
            KeyCode::Enter => {
                return match self.rows.get(self.selected) {
                    Some(row) => vec![Effect::Open(row.path.clone())],
                    None => vec![Effect::OpenDemo],
                };
            }
            _ => {}
        }
        Vec::new()
    }
}
