//! The impact/effort matrix of a pillar's programs (or of all programs), where quick wins are
//! scored and marked.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::{Ctx, Outcome, step_cursor};
use crate::app::Cmd;
use crate::app::session_screen::Flash;
use crate::domain::program::ProgramInfo;
use crate::domain::{Edit, Kind, Pillar, Session};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    Impact,
    Effort,
}

#[derive(Debug, Clone)]
pub struct MatrixPanel {
    pub pillar: Option<Pillar>,
    pub cursor: usize,
    /// After `i` or `e`, the next digit sets impact or effort.
    pub pending: Option<Pending>,
}

/// Program entries of the pillar (all pillars for `None`), in recording order.
pub fn programs(session: &Session, pillar: Option<Pillar>) -> Vec<usize> {
    session
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == Kind::Program && (pillar.is_none() || e.pillar == pillar))
        .map(|(i, _)| i)
        .collect()
}

/// Why a program cannot be a quick win with these scores.
pub fn outside(info: &ProgramInfo) -> Flash {
    Flash::QuickWinOutside {
        impact: info.impact,
        effort: info.effort,
    }
}

impl MatrixPanel {
    pub fn new(pillar: Option<Pillar>) -> MatrixPanel {
        MatrixPanel {
            pillar,
            cursor: 0,
            pending: None,
        }
    }

    pub fn on_key(&mut self, key: KeyEvent, cmd: Option<Cmd>, ctx: Ctx) -> Outcome {
        let list = programs(ctx.session, self.pillar);
        let Some(entry) = list.get(self.cursor).map(|&i| &ctx.session.entries[i]) else {
            self.pending = None;
            return match cmd {
                Some(Cmd::ScopePrev | Cmd::ScopeNext) => {
                    self.next_scope(cmd == Some(Cmd::ScopeNext));
                    Outcome::Stay
                }
                Some(Cmd::Back) => Outcome::Close,
                _ => Outcome::Stay,
            };
        };
        let mut updated = crate::domain::Entry::clone(entry);
        updated.updated = ctx.now;
        let info = updated.program.get_or_insert_with(ProgramInfo::default);
        if let Some(which) = self.pending.take() {
            let (Some(Cmd::Digit), KeyCode::Char(c @ '0'..='9')) = (cmd, key.code) else {
                return Outcome::Stay;
            };
            let v = c as u8 - b'0';
            if !(1..=5).contains(&v) {
                return Outcome::Refuse(Flash::ScoreRange);
            }
            match which {
                Pending::Impact => info.impact = Some(v),
                Pending::Effort => info.effort = Some(v),
            }
            if info.quick_win && !info.quick_win_fits() {
                return Outcome::Refuse(outside(info));
            }
            return Outcome::apply(Edit::ReplaceEntry(updated), Flash::ProgramSaved);
        }
        match cmd {
            Some(Cmd::Back) => Outcome::Close,
            Some(Cmd::ScopePrev | Cmd::ScopeNext) => {
                self.next_scope(cmd == Some(Cmd::ScopeNext));
                self.cursor = 0;
                Outcome::Stay
            }
            Some(Cmd::Impact) => {
                self.pending = Some(Pending::Impact);
                Outcome::Stay
            }
            Some(Cmd::Effort) => {
                self.pending = Some(Pending::Effort);
                Outcome::Stay
            }
            Some(Cmd::QuickWin) => {
                if !info.quick_win && !info.quick_win_fits() {
                    return Outcome::Refuse(outside(info));
                }
                info.quick_win = !info.quick_win;
                let flash = if info.quick_win {
                    Flash::QuickWinMarked
                } else {
                    Flash::QuickWinUnmarked
                };
                Outcome::apply(Edit::ReplaceEntry(updated), flash)
            }
            _ => {
                self.cursor = step_cursor(self.cursor, list.len(), cmd);
                Outcome::Stay
            }
        }
    }

    /// The next pillar (or all of them) whose programs the matrix shows.
    fn next_scope(&mut self, forward: bool) {
        let scopes: Vec<Option<Pillar>> = std::iter::once(None)
            .chain(Pillar::ALL.iter().map(|p| Some(*p)))
            .collect();
        let i = scopes.iter().position(|s| *s == self.pillar).unwrap_or(0);
        self.pillar = scopes[super::cycle(i, scopes.len(), forward)];
    }
}
