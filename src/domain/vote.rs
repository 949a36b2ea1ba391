//! Dot voting: each participant has a budget of dots to spend on a step's entries; paper dots or
//! a show of hands can be typed in as anonymous tallies. Tallies stay hidden until revealed.

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::{EntryId, ParticipantId, RoundId};

pub const DEFAULT_BUDGET: u32 = 3;
/// More dots than this per person makes voting meaningless; it is a typo.
pub const MAX_BUDGET: u32 = 20;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ballot {
    pub entry: EntryId,
    /// The voter; `None` for an anonymous tally (paper dots, show of hands).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participant: Option<ParticipantId>,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VoteRound {
    pub id: RoundId,
    /// The agenda step the round is about.
    pub step: String,
    pub budget: u32,
    /// Whether one person may put several dots on one entry.
    #[serde(default)]
    pub stacking: bool,
    #[serde(default)]
    pub revealed: bool,
    #[serde(default)]
    pub ballots: Vec<Ballot>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VoteError {
    OverBudget { budget: u32 },
    NoStacking,
    NothingToTake,
    NoSuchEntry,
    BadBudget(u32),
}

impl fmt::Display for VoteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VoteError::OverBudget { budget } => write!(f, "all {budget} votes of this participant are used"),
            VoteError::NoStacking => write!(f, "one vote per entry per participant in this round"),
            VoteError::NothingToTake => write!(f, "no vote to take back"),
            VoteError::NoSuchEntry => write!(f, "that entry no longer exists"),
            VoteError::BadBudget(b) => write!(f, "votes per participant must be 1 to {MAX_BUDGET}, not {b}"),
        }
    }
}

impl VoteRound {
    pub fn new(id: RoundId, step: String) -> VoteRound {
        VoteRound {
            id,
            step,
            budget: DEFAULT_BUDGET,
            stacking: false,
            revealed: false,
            ballots: Vec::new(),
        }
    }

    /// Dots a participant has spent in this round.
    pub fn spent(&self, participant: &str) -> u32 {
        self.ballots
            .iter()
            .filter(|b| b.participant.as_deref() == Some(participant))
            .map(|b| b.count)
            .sum()
    }

    fn ballot_mut(&mut self, entry: &str, participant: Option<&str>) -> Option<&mut Ballot> {
        self.ballots
            .iter_mut()
            .find(|b| b.entry == entry && b.participant.as_deref() == participant)
    }

    /// One more dot on `entry`, from `participant` (within budget) or as an anonymous tally.
    pub fn add(&mut self, entry: &str, participant: Option<&str>, entry_exists: bool) -> Result<(), VoteError> {
        if !entry_exists {
            return Err(VoteError::NoSuchEntry);
        }
        if let Some(p) = participant {
            if self.spent(p) >= self.budget {
                return Err(VoteError::OverBudget { budget: self.budget });
            }
            let here = self.ballot_mut(entry, Some(p)).map_or(0, |b| b.count);
            if here >= 1 && !self.stacking {
                return Err(VoteError::NoStacking);
            }
        }
        match self.ballot_mut(entry, participant) {
            Some(b) => b.count += 1,
            None => self.ballots.push(Ballot {
                entry: entry.into(),
                participant: participant.map(ParticipantId::from),
                count: 1,
            }),
        }
        Ok(())
    }

    /// Sets the anonymous tally of an entry (paper dots counted, hands shown); 0 clears it.
    pub fn set_tally(&mut self, entry: &str, count: u32, entry_exists: bool) -> Result<(), VoteError> {
        if !entry_exists {
            return Err(VoteError::NoSuchEntry);
        }
        self.ballots.retain(|b| !(b.entry == entry && b.participant.is_none()));
        if count > 0 {
            self.ballots.push(Ballot {
                entry: entry.into(),
                participant: None,
                count,
            });
        }
        Ok(())
    }

    /// Takes one dot back.
    pub fn remove(&mut self, entry: &str, participant: Option<&str>) -> Result<(), VoteError> {
        let b = self.ballot_mut(entry, participant).ok_or(VoteError::NothingToTake)?;
        b.count -= 1;
        self.ballots.retain(|b| b.count > 0);
        Ok(())
    }

    /// Changes the budget; refused if someone already spent more than the new budget.
    pub fn set_budget(&mut self, budget: u32) -> Result<(), VoteError> {
        if budget == 0 || budget > MAX_BUDGET {
            return Err(VoteError::BadBudget(budget));
        }
        let max_spent = self
            .ballots
            .iter()
            .filter_map(|b| b.participant.as_deref())
            .map(|p| self.spent(p))
            .max()
            .unwrap_or(0);
        if max_spent > budget {
            // Not "all votes are used": the budget is refused for being below what is used.
            return Err(VoteError::BadBudget(budget));
        }
        self.budget = budget;
        Ok(())
    }

    pub fn totals(&self) -> HashMap<&str, u32> {
        let mut totals: HashMap<&str, u32> = HashMap::new();
        for b in &self.ballots {
            *totals.entry(b.entry.as_str()).or_default() += b.count;
        }
        totals
    }

    pub fn total_votes(&self) -> u32 {
        self.ballots.iter().map(|b| b.count).sum()
    }
}

/// One line of a ranking: the rank (shared by ties), the entry, its votes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranked {
    pub rank: usize,
    pub tied: bool,
    pub entry: EntryId,
    pub votes: u32,
}

/// Ranks the given entries by votes, most first. Equal votes share a rank ("competition"
/// ranking: 1, 2, 2, 4) and keep the order the entries were recorded in.
pub fn ranking(round: &VoteRound, entries: &[&str]) -> Vec<Ranked> {
    let totals = round.totals();
    let mut rows: Vec<(usize, &str, u32)> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (i, *e, totals.get(e).copied().unwrap_or(0)))
        .collect();
    rows.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    let mut out: Vec<Ranked> = Vec::with_capacity(rows.len());
    for (pos, (_, entry, votes)) in rows.iter().enumerate() {
        let rank = match out.last() {
            Some(prev) if prev.votes == *votes => prev.rank,
            _ => pos + 1,
        };
        out.push(Ranked {
            rank,
            tied: false,
            entry: EntryId::from(*entry),
            votes: *votes,
        });
    }
    let counts = out.iter().fold(HashMap::new(), |mut m: HashMap<usize, usize>, r| {
        *m.entry(r.rank).or_default() += 1;
        m
    });
    for r in &mut out {
        r.tied = counts.get(&r.rank).copied().unwrap_or(0) > 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round() -> VoteRound {
        VoteRound::new("R".into(), "pillar-governance".into())
    }

    #[test]
    fn budget_is_enforced_per_participant() {
        let mut r = round();
        for e in ["a", "b", "c"] {
            r.add(e, Some("ani"), true).expect("within budget");
        }
        assert_eq!(r.add("d", Some("ani"), true), Err(VoteError::OverBudget { budget: 3 }));
        r.add("d", Some("budi"), true)
            .expect("another participant has their own");
        assert_eq!(r.spent("ani"), 3);
    }

    #[test]
    fn stacking_only_when_allowed() {
        let mut r = round();
        r.add("a", Some("ani"), true).expect("first");
        assert_eq!(r.add("a", Some("ani"), true), Err(VoteError::NoStacking));
        r.stacking = true;
        r.add("a", Some("ani"), true).expect("stacked");
        assert_eq!(r.totals().get("a"), Some(&2));
    }

    #[test]
    fn anonymous_tallies_have_no_budget() {
        let mut r = round();
        for _ in 0..12 {
            r.add("a", None, true).expect("tally");
        }
        assert_eq!(r.total_votes(), 12);
        r.remove("a", None).expect("take back");
        assert_eq!(r.total_votes(), 11);
        assert_eq!(r.remove("b", None), Err(VoteError::NothingToTake));
    }

    #[test]
    fn a_counted_tally_is_set_in_one_go() {
        let mut r = round();
        r.add("a", Some("ani"), true).expect("vote");
        r.set_tally("a", 12, true).expect("tally");
        assert_eq!(r.totals().get("a"), Some(&13));
        r.set_tally("a", 5, true).expect("corrected");
        assert_eq!(r.totals().get("a"), Some(&6));
        r.set_tally("a", 0, true).expect("cleared");
        assert_eq!(r.totals().get("a"), Some(&1), "the participant's own vote stays");
        assert_eq!(r.set_tally("gone", 3, false), Err(VoteError::NoSuchEntry));
    }

    #[test]
    fn deleted_entries_cannot_be_voted_for() {
        assert_eq!(round().add("gone", Some("ani"), false), Err(VoteError::NoSuchEntry));
    }

    #[test]
    fn budget_cannot_drop_below_what_was_spent() {
        let mut r = round();
        r.add("a", Some("ani"), true).expect("vote");
        r.add("b", Some("ani"), true).expect("vote");
        assert!(r.set_budget(1).is_err());
        assert!(r.set_budget(0).is_err());
        assert!(r.set_budget(21).is_err());
        r.set_budget(5).expect("raise");
        assert_eq!(r.budget, 5);
    }

    #[test]
    fn ranking_shares_ranks_on_ties() {
        let mut r = round();
        r.stacking = true;
        r.budget = 10;
        for (e, n) in [("a", 2), ("b", 5), ("c", 2), ("d", 0)] {
            for _ in 0..n {
                r.add(e, Some("x"), true).expect("vote");
            }
        }
        let ranked = ranking(&r, &["a", "b", "c", "d"]);
        let view: Vec<(usize, bool, &str, u32)> = ranked
            .iter()
            .map(|x| (x.rank, x.tied, x.entry.as_str(), x.votes))
            .collect();
        assert_eq!(
            view,
            [
                (1, false, "b", 5),
                (2, true, "a", 2),
                (2, true, "c", 2),
                (4, false, "d", 0)
            ]
        );
    }
}
