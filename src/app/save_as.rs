//! "Save as": the session written to another file (a USB stick, another folder), after which
//! bimtek keeps working on, and saving to, the new file.

use std::path::{Path, PathBuf};

use ratatui::crossterm::event::KeyEvent;

use super::Cmd;
use ratatui_textarea::{CursorMove, TextArea};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveAsError {
    Empty,
    /// From the shell, ready to show.
    Failed(String),
}

#[derive(Debug, Clone)]
pub struct SaveAs {
    pub input: TextArea<'static>,
    pub error: Option<SaveAsError>,
}

pub enum Outcome {
    Continue,
    Cancel,
    Save(PathBuf),
}

impl SaveAs {
    /// The form, starting from the current file's path so that only the part that changes
    /// (a drive, a folder, the name) needs typing.
    pub fn new(current: &Path) -> SaveAs {
        let mut input = TextArea::new(vec![current.display().to_string()]);
        input.move_cursor(CursorMove::End);
        SaveAs { input, error: None }
    }

    pub fn paste(&mut self, text: &str) {
        self.input.insert_str(text.replace(['\r', '\n'], ""));
        self.error = None;
    }

    pub fn on_key(&mut self, key: KeyEvent, cmd: Option<Cmd>) -> Outcome {
        match cmd {
            Some(Cmd::Back) => Outcome::Cancel,
            Some(Cmd::Save) => self.submit(),
            _ => {
                if self.input.input(key) {
                    self.error = None;
                }
                Outcome::Continue
            }
        }
    }

    fn submit(&mut self) -> Outcome {
        let text = self.input.lines().join("");
        let text = text.trim();
        if text.is_empty() {
            self.error = Some(SaveAsError::Empty);
            return Outcome::Continue;
        }
        Outcome::Save(PathBuf::from(text))
    }
}
