//! A session that another bimtek has open: who has it, and the offer to open it read-only.

use std::path::PathBuf;

use super::Cmd;

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
    pub fn on_key(&mut self, cmd: Option<Cmd>) -> Outcome {
        match cmd {
            Some(Cmd::Back) => Outcome::Cancel,
            Some(Cmd::ReadOnly) => Outcome::ReadOnly(self.path.clone()),
            _ => Outcome::Continue,
        }
    }
}
