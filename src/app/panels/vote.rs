//! A dot-voting round on the current step's entries.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::{Ctx, Outcome, cycle, step_cursor};
use crate::app::Cmd;
use crate::app::session_screen::Flash;
use crate::domain::grouping::groups;
use crate::domain::vote::VoteRound;
use crate::domain::{Edit, Kind, Session};
use crate::template::catalog;

#[derive(Debug, Clone)]
pub struct VotePanel {
    pub round: crate::domain::RoundId,
    /// Index into `candidates()`.
    pub cursor: usize,
    /// Index into `voters()`; 0 is the anonymous tally.
    pub voter: usize,
    /// Digits typed for the anonymous tally of the selected entry, set with Enter.
    pub typed: String,
    /// After `/`: part of a voter's name; the first present participant it matches is chosen.
    pub picking: Option<String>,
}

/// The first voter (index into `voters()`) whose name holds `part`, ignoring case.
pub fn voter_matching(session: &Session, part: &str) -> Option<usize> {
    let part = part.trim().to_lowercase();
    if part.is_empty() {
        return None;
    }
    voters(session)
        .iter()
        .position(|v| v.is_some_and(|p| p.name.to_lowercase().contains(&part)))
}

/// The entries a round on this step votes on: the step's program ideas if it collects programs,
/// otherwise everything the step shows. Recording order.
pub fn candidates(session: &Session) -> Vec<usize> {
    let Some(step) = session.step() else {
        return Vec::new();
    };
    let mut shown: Vec<usize> = groups(step, session, catalog())
        .into_iter()
        .flat_map(|g| g.entries)
        .collect();
    shown.sort_unstable();
    if step.collects.contains(&Kind::Program) {
        shown.retain(|&i| session.entries[i].kind == Kind::Program);
    }
    shown
}

/// The candidates as the panel lists them: by rank once the tallies are revealed (so the cursor
/// moves down the ranking), in recording order while they are hidden.
pub fn ordered(session: &Session, round: &VoteRound) -> Vec<usize> {
    let cands = candidates(session);
    if !round.revealed {
        return cands;
    }
    let ids: Vec<&str> = cands.iter().map(|&i| session.entries[i].id.as_str()).collect();
    crate::domain::vote::ranking(round, &ids)
        .iter()
        .filter_map(|r| session.entry_index(&r.entry))
        .collect()
}

/// Who can vote: the anonymous tally first, then the participants present.
pub fn voters(session: &Session) -> Vec<Option<&crate::domain::Participant>> {
    std::iter::once(None)
        .chain(session.participants.iter().filter(|p| p.present).map(Some))
        .collect()
}

/// The latest round of the current step.
pub fn round_for_step(session: &Session) -> Option<&VoteRound> {
    let step = session.step()?;
    session.votes.iter().rev().find(|r| r.step == step.id)
}

impl VotePanel {
    /// Opens the step's round, or starts one (the returned edit creates it).
    pub fn open(ctx: Ctx) -> (VotePanel, Option<Edit>) {
        match round_for_step(ctx.session) {
            Some(r) => (
                VotePanel {
                    round: r.id.clone(),
                    cursor: 0,
                    voter: 0,
                    typed: String::new(),
                    picking: None,
                },
                None,
            ),
            None => {
                let step = ctx.session.step().map(|s| s.id.clone()).unwrap_or_default();
                let round = VoteRound::new(ctx.ids.next(ctx.now), step);
                let panel = VotePanel {
                    round: round.id.clone(),
                    cursor: 0,
                    voter: 0,
                    typed: String::new(),
                    picking: None,
                };
                (panel, Some(Edit::PutRound(round)))
            }
        }
    }

    pub fn on_key(&mut self, key: KeyEvent, cmd: Option<Cmd>, ctx: Ctx) -> Outcome {
        let session = ctx.session;
        let Some(round) = session.votes.iter().find(|r| r.id == self.round) else {
            return Outcome::Close;
        };
        if let Some(part) = &mut self.picking {
            // Picking a voter by name: 60 people cannot be Tab-cycled.
            match (cmd, key.code) {
                (Some(Cmd::Back), _) => self.picking = None,
                (Some(Cmd::Save), _) => {
                    if let Some(i) = voter_matching(session, part) {
                        self.voter = i;
                    }
                    self.picking = None;
                }
                (_, KeyCode::Backspace) => {
                    part.pop();
                }
                (None, KeyCode::Char(c)) => part.push(c),
                _ => {}
            }
            return Outcome::Stay;
        }
        let cands = ordered(session, round);
        let voters = voters(session);
        self.voter = self.voter.min(voters.len().saturating_sub(1));
        let voter_id = voters.get(self.voter).copied().flatten().map(|p| p.id.as_str());
        let selected = cands.get(self.cursor).map(|&i| session.entries[i].id.as_str());
        let mut next = round.clone();
        let change = |result: Result<(), crate::domain::vote::VoteError>, next: VoteRound, flash: Flash| match result {
            Ok(()) => Outcome::apply(Edit::PutRound(next), flash),
            Err(e) => Outcome::Refuse(Flash::Vote(e)),
        };
        // The tally: a count typed in digits and set with Enter (paper dots, a show of hands).
        if voter_id.is_none() {
            match (cmd, key.code) {
                (Some(Cmd::Digit), KeyCode::Char(c @ '0'..='9')) if self.typed.len() < 4 => {
                    self.typed.push(c);
                    return Outcome::Stay;
                }
                (Some(Cmd::RemoveVote), KeyCode::Backspace) if !self.typed.is_empty() => {
                    self.typed.pop();
                    return Outcome::Stay;
                }
                (Some(Cmd::Back), _) if !self.typed.is_empty() => {
                    self.typed.clear();
                    return Outcome::Stay;
                }
                (Some(Cmd::Save), _) if !self.typed.is_empty() => {
                    let count = self.typed.parse::<u32>().unwrap_or(0);
                    self.typed.clear();
                    let Some(entry) = selected else {
                        return Outcome::Stay;
                    };
                    let exists = session.entry(entry).is_some();
                    let r = next.set_tally(entry, count, exists);
                    return change(r, next, Flash::TallySet(count));
                }
                _ => self.typed.clear(),
            }
        }
        match cmd {
            Some(Cmd::Back) => Outcome::Close,
            Some(Cmd::AddVote) => {
                let Some(entry) = selected else {
                    return Outcome::Stay;
                };
                let exists = session.entry(entry).is_some();
                let r = next.add(entry, voter_id, exists);
                change(r, next, Flash::VoteAdded)
            }
            Some(Cmd::RemoveVote) => {
                let Some(entry) = selected else {
                    return Outcome::Stay;
                };
                let r = next.remove(entry, voter_id);
                change(r, next, Flash::VoteRemoved)
            }
            Some(Cmd::PickVoter) => {
                self.picking = Some(String::new());
                Outcome::Stay
            }
            Some(Cmd::NextVoter) => {
                self.voter = cycle(self.voter, voters.len(), true);
                Outcome::Stay
            }
            Some(Cmd::PrevVoter) => {
                self.voter = cycle(self.voter, voters.len(), false);
                Outcome::Stay
            }
            Some(Cmd::Reveal) => {
                next.revealed = !next.revealed;
                let flash = if next.revealed {
                    Flash::VotesRevealed
                } else {
                    Flash::VotesHidden
                };
                Outcome::apply(Edit::PutRound(next), flash)
            }
            Some(Cmd::Stacking) => {
                next.stacking = !next.stacking;
                Outcome::apply(Edit::PutRound(next), Flash::VoteRulesChanged)
            }
            Some(Cmd::BudgetUp) => {
                let r = next.set_budget(next.budget + 1);
                change(r, next, Flash::VoteRulesChanged)
            }
            Some(Cmd::BudgetDown) => {
                let r = next.set_budget(next.budget.saturating_sub(1));
                change(r, next, Flash::VoteRulesChanged)
            }
            Some(Cmd::NewRound) => {
                let step = session.step().map(|s| s.id.clone()).unwrap_or_default();
                let mut fresh = VoteRound::new(ctx.ids.next(ctx.now), step);
                fresh.budget = round.budget;
                fresh.stacking = round.stacking;
                self.round = fresh.id.clone();
                self.cursor = 0;
                Outcome::apply(Edit::PutRound(fresh), Flash::VoteNewRound)
            }
            _ => {
                self.cursor = step_cursor(self.cursor, cands.len(), cmd);
                Outcome::Stay
            }
        }
    }
}
