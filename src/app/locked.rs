//! A session that another bimtek has open: who has it, and the offer to open it read-only.

use std::path::PathBuf;

use ratatui::crossterm::event::{KeyCode, KeyEvent};

#[derive(Debug, Clone)]
pub struct Locked {
    pub path: PathBuf,
    /// Who holds it, ready to show.
    pub message: String,
}

pub enum Outcome {
    Continue,
    Cancel,
    ReadOnly(PathBuf),
}

impl Locked {
    pub fn on_key(&mut self, key: KeyEvent) -> Outcome {
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => Outcome::Cancel,
            KeyCode::Char('r' | 'R') | KeyCode::Enter => Outcome::ReadOnly(self.path.clone()),
            _ => Outcome::Continue,
        }
    }
}
