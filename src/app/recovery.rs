//! The question after a crash: a recovery file holds changes that were not saved; use it or set
//! it aside (it stays available as a backup).

use std::path::PathBuf;

use super::Cmd;
use time::OffsetDateTime;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveryOffer {
    pub session: PathBuf,
    pub recovery: PathBuf,
    /// When the recovery file was written, in the laptop's time zone.
    pub written: OffsetDateTime,
    /// Entries in the recovery file, or why it does not load.
    pub entries: Result<usize, String>,
    /// Entries in the session file as it is, if it loads.
    pub current_entries: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Recovery {
    pub offer: RecoveryOffer,
}

pub enum Outcome {
    Continue,
    /// Ask again next time.
    Later,
    Use(PathBuf),
    Discard(PathBuf),
}

impl Recovery {
    pub fn on_key(&mut self, cmd: Option<Cmd>) -> Outcome {
        match cmd {
            Some(Cmd::Back) => Outcome::Later,
            Some(Cmd::UseCopy) if self.offer.entries.is_ok() => Outcome::Use(self.offer.session.clone()),
            Some(Cmd::SetAside) => Outcome::Discard(self.offer.session.clone()),
            _ => Outcome::Continue,
        }
    }
}
