//! Carrying a session into the next stage: Bimtek II starts with what Bimtek I decided.
//!
//! What is carried, each marked with the stage it came from (`from_stage`; an item already
//! carried from an earlier stage keeps its first origin):
//! - the roster (every participant, with attendance not yet recorded: the facilitator marks who
//!   is present) and the ministry mentors;
//! - the readiness scores;
//! - the chosen programs: program entries marked as a quick win, or with status chosen, planned,
//!   running or done, or with at least one vote in a voting round — except those marked dropped.
//!   If no program is marked in any of these ways, every program except the dropped ones is
//!   carried, so nothing the room proposed is lost. Quick wins are programs, so they come along;
//! - the elements the region added to its agenda, which carried entries may use;
//! - the Kemendagri region code, when the region is the same.
//!
//! Carried entries keep their ids (and their timestamps), so that the sessions of one masterplan
//! share ids and breakout groups' copies merge without duplicates. The new session's `lineage`
//! is the earlier one's lineage plus its id. Votes, problems, potentials, SWOT and notes stay in
//! the earlier session (its Buku 1), which is never changed.

use std::collections::HashSet;
use std::sync::Arc;

use super::program::ProgramStatus;
use super::{Entry, Kind, Session};

/// What was carried, for the message that says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Carried {
    pub participants: usize,
    pub scores: usize,
    pub programs: usize,
    pub quick_wins: usize,
}

fn dropped(e: &Entry) -> bool {
    e.program
        .as_ref()
        .is_some_and(|p| p.status == Some(ProgramStatus::Dropped))
}

/// The program entries of `prev` that go on to the next stage (see the module's rule).
pub fn chosen_programs(prev: &Session) -> Vec<&Entry> {
    let voted: HashSet<&str> = prev
        .votes
        .iter()
        .flat_map(|r| r.ballots.iter())
        .filter(|b| b.count > 0)
        .map(|b| b.entry.as_str())
        .collect();
    let programs: Vec<&Entry> = prev
        .entries
        .iter()
        .map(|e| &**e)
        .filter(|e| e.kind == Kind::Program && !dropped(e))
        .collect();
    let marked = |e: &Entry| {
        voted.contains(e.id.as_str())
            || e.program.as_ref().is_some_and(|p| {
                p.quick_win
                    || matches!(
                        p.status,
                        Some(
                            ProgramStatus::Chosen
                                | ProgramStatus::Planned
                                | ProgramStatus::Running
                                | ProgramStatus::Done
                        )
                    )
            })
    };
    let chosen: Vec<&Entry> = programs.iter().copied().filter(|e| marked(e)).collect();
    if chosen.is_empty() { programs } else { chosen }
}

/// Fills the freshly made `next` with what `prev` hands on. `next` keeps its own id, stage,
/// date and agenda; `prev` is not changed.
pub fn carry_forward(prev: &Session, next: &mut Session) -> Carried {
    let origin = Some(prev.stage);
    next.lineage = prev.lineage.clone();
    next.lineage.push(prev.id.clone());
    if next.facilitators.is_empty() {
        next.facilitators = prev.facilitators.clone();
    }
    // The same region keeps its code; a region renamed on the way is left for the user to code.
    if next.region_code.is_none() && next.region == prev.region {
        next.region_code = prev.region_code.clone();
    }
    for e in &prev.agenda.elements {
        if !next.agenda.elements.iter().any(|x| x.code == e.code) {
            next.agenda.elements.push(e.clone());
        }
    }
    for p in &prev.participants {
        if next.participants.iter().any(|x| x.id == p.id) {
            continue;
        }
        let mut p = p.clone();
        p.from_stage = p.from_stage.or(origin);
        // Who came to this stage is not known until someone takes attendance: a carried
        // roster claims nobody present (and gives nobody a vote) until then.
        p.present = false;
        p.unrecorded = true;
        next.participants.push(p);
    }
    for s in &prev.readiness {
        if super::readiness::find(&next.readiness, &s.sub, s.pillar).is_some() {
            continue;
        }
        let mut s = s.clone();
        s.from_stage = s.from_stage.or(origin);
        next.readiness.push(s);
    }
    let mut carried = Carried {
        participants: next.participants.len(),
        scores: next.readiness.len(),
        ..Carried::default()
    };
    for e in chosen_programs(prev) {
        if next.entry(&e.id).is_some() {
            continue;
        }
        let mut e = e.clone();
        e.from_stage = e.from_stage.or(origin);
        carried.programs += 1;
        if e.program.as_ref().is_some_and(|p| p.quick_win) {
            carried.quick_wins += 1;
        }
        next.entries.push(Arc::new(e));
    }
    carried
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::program::ProgramInfo;
    use crate::domain::readiness::Score;
    use crate::domain::test_support::{agenda, entry, now, session};
    use crate::domain::vote::{Ballot, VoteRound};
    use crate::domain::{NewSession, Participant, Role, Stage};

    fn program(id: &str, info: Option<ProgramInfo>) -> Entry {
        let mut e = entry(id, id);
        e.kind = Kind::Program;
        e.program = info;
        e
    }

    fn next_session() -> Session {
        let spec = NewSession {
            region: "Kabupaten Contoh".into(),
            stage: Stage::new(2).expect("stage"),
            date: "2021-10-07".parse().expect("date"),
            venue: String::new(),
            title: None,
            mentors: Vec::new(),
            region_code: None,
        };
        Session::new("NEXT".into(), spec, agenda(), now())
    }

    fn prev() -> Session {
        let mut s = session();
        s.participants.push(Participant {
            id: "P1".into(),
            name: "Ani".into(),
            institution: "Bappeda".into(),
            role: Role::Staff,
            present: false,
            from_stage: None,
            unrecorded: false,
        });
        s.readiness.push(Score {
            sub: "struktur.sdm".into(),
            pillar: None,
            score: 3,
            note: String::new(),
            from_stage: None,
        });
        s.entries.push(entry("problem", "not carried").into());
        s
    }

    #[test]
    fn marked_programs_are_carried_with_ids_and_origin() {
        let mut prev = prev();
        let qw = ProgramInfo {
            quick_win: true,
            ..ProgramInfo::default()
        };
        let chosen = ProgramInfo {
            status: Some(ProgramStatus::Chosen),
            ..ProgramInfo::default()
        };
        let dropped = ProgramInfo {
            status: Some(ProgramStatus::Dropped),
            quick_win: true,
            ..ProgramInfo::default()
        };
        prev.entries.push(program("qw", Some(qw)).into());
        prev.entries.push(program("chosen", Some(chosen)).into());
        prev.entries.push(program("voted", None).into());
        prev.entries.push(program("plain", None).into());
        prev.entries.push(program("dropped", Some(dropped)).into());
        let mut round = VoteRound::new("R".into(), "review".into());
        round.ballots.push(Ballot {
            entry: "voted".into(),
            participant: None,
            count: 2,
        });
        prev.votes.push(round);
        let before = prev.clone();
        let mut next = next_session();
        let carried = carry_forward(&prev, &mut next);
        assert_eq!(prev, before, "the earlier session is not changed");
        let ids: Vec<&str> = next.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["qw", "chosen", "voted"]);
        assert!(next.entries.iter().all(|e| e.from_stage == Stage::new(1)));
        assert_eq!(carried.programs, 3);
        assert_eq!(carried.quick_wins, 1);
        assert_eq!(next.lineage, ["01TESTSESSION"]);
        assert_eq!(next.participants.len(), 1);
        // Nobody's attendance is claimed before it is taken.
        assert!(next.participants[0].unrecorded && !next.participants[0].present);
        assert_eq!(next.participants[0].from_stage, Stage::new(1));
        assert_eq!(next.readiness[0].from_stage, Stage::new(1));
        assert!(next.votes.is_empty());
    }

    #[test]
    fn with_nothing_marked_every_program_but_the_dropped_is_carried() {
        let mut prev = prev();
        prev.entries.push(program("a", None).into());
        prev.entries.push((program("b", Some(ProgramInfo::default()))).into());
        let mut next = next_session();
        carry_forward(&prev, &mut next);
        let ids: Vec<&str> = next.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
    }

    #[test]
    fn a_second_carry_keeps_the_first_origin_and_extends_the_lineage() {
        let mut prev = prev();
        prev.entries.push(program("a", None).into());
        let mut two = next_session();
        carry_forward(&prev, &mut two);
        let mut three = next_session();
        three.id = "THREE".into();
        three.stage = Stage::new(3).expect("stage");
        carry_forward(&two, &mut three);
        assert_eq!(three.lineage, ["01TESTSESSION", "NEXT"]);
        assert_eq!(three.entries[0].from_stage, Stage::new(1));
    }
}

#[cfg(test)]
mod region_code_tests {
    use super::*;
    use crate::domain::test_support::{agenda, now, session};
    use crate::domain::{NewSession, Stage};

    fn next(region: &str) -> Session {
        let spec = NewSession {
            region: region.into(),
            stage: Stage::new(2).expect("stage"),
            date: "2021-10-07".parse().expect("date"),
            venue: String::new(),
            title: None,
            mentors: Vec::new(),
            region_code: None,
        };
        Session::new("NEXT".into(), spec, agenda(), now())
    }

    #[test]
    fn the_region_code_goes_on_with_the_same_region_only() {
        let mut prev = session();
        prev.region_code = Some("82.03".into());
        let mut same = next(&prev.region);
        carry_forward(&prev, &mut same);
        assert_eq!(same.region_code.as_deref(), Some("82.03"));
        let mut other = next("Kota Lain");
        carry_forward(&prev, &mut other);
        assert_eq!(other.region_code, None);
    }
}
