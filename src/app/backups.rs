//! The kept versions of a session (see `store::backup`), newest first, to put one back.

use std::path::PathBuf;

use super::Cmd;
use time::OffsetDateTime;

/// One kept version as the dialog shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupRow {
    pub path: PathBuf,
    /// When the version was written, in the laptop's time zone.
    pub written: OffsetDateTime,
    /// How many entries it holds, or why it does not load.
    pub entries: Result<usize, String>,
}

#[derive(Debug, Clone)]
pub struct Backups {
    pub session: PathBuf,
    pub rows: Vec<BackupRow>,
    pub selected: usize,
    /// Asking whether to restore the selected version.
    pub confirm: bool,
}

pub enum Outcome {
    Continue,
    Close,
    Restore { session: PathBuf, backup: PathBuf },
}

impl Backups {
    pub fn new(session: PathBuf, rows: Vec<BackupRow>) -> Backups {
        Backups {
            session,
            rows,
            selected: 0,
            confirm: false,
        }
    }

    pub fn selected_row(&self) -> Option<&BackupRow> {
        self.rows.get(self.selected)
    }

    pub fn on_key(&mut self, cmd: Option<Cmd>) -> Outcome {
        if self.confirm {
            self.confirm = false;
            if cmd == Some(Cmd::Yes)
                && let Some(row) = self.selected_row()
            {
                return Outcome::Restore {
                    session: self.session.clone(),
                    backup: row.path.clone(),
                };
            }
            return Outcome::Continue;
        }
        let last = self.rows.len().saturating_sub(1);
        match cmd {
            Some(Cmd::Back) => return Outcome::Close,
            Some(Cmd::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Cmd::Down) => self.selected = (self.selected + 1).min(last),
            Some(Cmd::Top) => self.selected = 0,
            Some(Cmd::Bottom) => self.selected = last,
            // A version that does not load cannot be put back; the dialog says why.
            Some(Cmd::Open) => self.confirm = self.selected_row().is_some_and(|r| r.entries.is_ok()),
            _ => {}
        }
        Outcome::Continue
    }
}
