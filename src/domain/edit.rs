//! Every change to a session's data is an `Edit`. Applying one returns its inverse, which is
//! what undo keeps: cheap at any session size, and exact.

use std::fmt;
use std::sync::Arc;

use time::OffsetDateTime;

use super::commitment::Commitment;
use super::entry_ids::EntryIds;
use super::idea::{Idea, RoomSettings};
use super::readiness::{self, Score};
use super::vote::VoteRound;
use super::{CommitmentId, Entry, EntryId, Participant, ParticipantId, Pillar, RoundId, Session};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Appends a new entry.
    AddEntry(Entry),
    /// Puts an entry back where it was (the inverse of a removal).
    InsertEntry {
        index: usize,
        entry: Entry,
    },
    RemoveEntry {
        id: EntryId,
    },
    /// Replaces the entry with the same id.
    ReplaceEntry(Entry),
    /// Adds the participant, or replaces the one with the same id.
    PutParticipant(Participant),
    InsertParticipant {
        index: usize,
        participant: Participant,
    },
    RemoveParticipant {
        id: ParticipantId,
    },
    /// Marks participants present or absent, all in one change (e.g. everyone present at once).
    SetPresence(Vec<(ParticipantId, bool)>),
    /// Sets (or with `None` clears) the readiness score of a sub-aspect.
    SetScore {
        sub: String,
        pillar: Option<Pillar>,
        score: Option<Score>,
    },
    PutRound(VoteRound),
    InsertRound {
        index: usize,
        round: VoteRound,
    },
    RemoveRound {
        id: RoundId,
    },
    PutCommitment(Commitment),
    InsertCommitment {
        index: usize,
        commitment: Commitment,
    },
    RemoveCommitment {
        id: CommitmentId,
    },
    /// The planned minutes of a step.
    SetMinutes {
        step: usize,
        minutes: u32,
    },
    /// The timer of a step: time spent so far and whether it is running.
    SetTiming {
        step: usize,
        spent_seconds: u64,
        started: Option<OffsetDateTime>,
    },
    /// Adds an idea from a phone, or replaces the one with the same id (accepted, rejected, …).
    PutIdea(Idea),
    InsertIdea {
        index: usize,
        idea: Idea,
    },
    RemoveIdea {
        id: String,
    },
    /// The room's settings for the session.
    SetRoom(RoomSettings),
    /// Several edits as one step of undo (an idea accepted: the entry and the idea's status).
    /// All or nothing.
    Batch(Vec<Edit>),
}

/// Longest planned step, as for templates: a whole day.
pub const MAX_STEP_MINUTES: u32 = 24 * 60;

/// Something with a stable id, kept in a list of the session.
trait Keyed: Clone {
    type Id: Clone + std::ops::Deref<Target = str>;
    fn id(&self) -> &Self::Id;
    fn key(&self) -> &str {
        self.id()
    }
}

impl Keyed for Participant {
    type Id = ParticipantId;
    fn id(&self) -> &ParticipantId {
        &self.id
    }
}

impl Keyed for VoteRound {
    type Id = RoundId;
    fn id(&self) -> &RoundId {
        &self.id
    }
}

impl Keyed for Idea {
    type Id = String;
    fn id(&self) -> &String {
        &self.id
    }
}

impl Keyed for Commitment {
    type Id = CommitmentId;
    fn id(&self) -> &CommitmentId {
        &self.id
    }
}

/// Adds or replaces by id; returns the old item if there was one.
fn put<T: Keyed>(list: &mut Vec<T>, item: T) -> Option<T> {
    match list.iter().position(|x| x.key() == item.key()) {
        Some(i) => Some(std::mem::replace(&mut list[i], item)),
        None => {
            list.push(item);
            None
        }
    }
}

fn remove<T: Keyed>(list: &mut Vec<T>, id: &str) -> Option<(usize, T)> {
    let i = list.iter().position(|x| x.key() == id)?;
    Some((i, list.remove(i)))
}

fn insert<T: Keyed>(list: &mut Vec<T>, index: usize, item: T) -> Result<T::Id, EditError> {
    if list.iter().any(|x| x.key() == item.key()) {
        return Err(EditError::DuplicateId(item.key().to_string()));
    }
    let id = item.id().clone();
    list.insert(index.min(list.len()), item);
    Ok(id)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    DuplicateId(String),
    NoSuchEntry(String),
    EmptyText,
    NoSuchItem(String),
    BadScore(u8),
    BadMinutes(u32),
    NoSuchStep(usize),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::DuplicateId(id) => write!(f, "an entry with id {id} already exists"),
            EditError::NoSuchEntry(id) => write!(f, "no entry with id {id}"),
            EditError::EmptyText => write!(f, "an entry needs text"),
            EditError::NoSuchItem(id) => write!(f, "nothing with id {id}"),
            EditError::BadScore(s) => write!(f, "a score must be 1 to 5, not {s}"),
            EditError::BadMinutes(m) => write!(f, "a step lasts 1 to {MAX_STEP_MINUTES} minutes, not {m}"),
            EditError::NoSuchStep(i) => write!(f, "there is no step {}", i + 1),
        }
    }
}

impl std::error::Error for EditError {}

impl Edit {
    /// Applies the edit and returns the edit that undoes it. On error nothing has changed.
    pub fn apply(self, session: &mut Session) -> Result<Edit, EditError> {
        if let Some(id) = self.new_entry_id()
            && session.entry_index(id).is_some()
        {
            return Err(EditError::DuplicateId(id.to_string()));
        }
        self.apply_to(session)
    }

    /// As [`Edit::apply`], with the session's entry ids at hand (kept up to date here): a new
    /// entry's id is looked up in `ids` instead of among all the entries.
    pub fn apply_with_ids(self, session: &mut Session, ids: &mut EntryIds) -> Result<Edit, EditError> {
        if let Edit::Batch(edits) = self {
            return apply_batch(edits, |e, s| e.apply_with_ids(s, ids), session);
        }
        debug_assert!(ids.matches(session), "the entry ids do not match the session");
        let added = self.new_entry_id().map(str::to_string);
        if let Some(id) = &added
            && ids.contains(session, id)
        {
            return Err(EditError::DuplicateId(id.clone()));
        }
        let inverse = self.apply_to(session)?;
        if let Some(id) = added {
            ids.insert(&id);
        }
        if let Edit::InsertEntry { entry, .. } = &inverse {
            ids.remove(&entry.id);
        }
        Ok(inverse)
    }

    /// The id of the entry this edit brings into the session, if it brings one.
    fn new_entry_id(&self) -> Option<&str> {
        match self {
            Edit::AddEntry(entry) | Edit::InsertEntry { entry, .. } => Some(&entry.id),
            _ => None,
        }
    }

    /// Applies the edit, a new entry's id known to be new.
    fn apply_to(self, session: &mut Session) -> Result<Edit, EditError> {
        match self {
            Edit::Batch(edits) => apply_batch(edits, Edit::apply, session),
            Edit::PutIdea(idea) => {
                let id = idea.id.clone();
                Ok(match put(&mut session.ideas, idea) {
                    Some(old) => Edit::PutIdea(old),
                    None => Edit::RemoveIdea { id },
                })
            }
            Edit::InsertIdea { index, idea } => {
                insert(&mut session.ideas, index, idea).map(|id| Edit::RemoveIdea { id })
            }
            Edit::RemoveIdea { id } => {
                let (index, idea) =
                    remove(&mut session.ideas, &id).ok_or_else(|| EditError::NoSuchItem(id.to_string()))?;
                Ok(Edit::InsertIdea { index, idea })
            }
            Edit::SetRoom(room) => Ok(Edit::SetRoom(std::mem::replace(&mut session.room, room))),
            Edit::AddEntry(entry) => {
                let index = session.entries.len();
                Edit::InsertEntry { index, entry }.apply_to(session)
            }
            Edit::InsertEntry { index, entry } => {
                if entry.text.trim().is_empty() {
                    return Err(EditError::EmptyText);
                }
                let id = entry.id.clone();
                let index = index.min(session.entries.len());
                session.entries.insert(index, Arc::new(entry));
                Ok(Edit::RemoveEntry { id })
            }
            Edit::RemoveEntry { id } => {
                let index = session
                    .entry_index(&id)
                    .ok_or_else(|| EditError::NoSuchEntry(id.to_string()))?;
                let entry = Arc::unwrap_or_clone(session.entries.remove(index));
                Ok(Edit::InsertEntry { index, entry })
            }
            Edit::ReplaceEntry(entry) => {
                if entry.text.trim().is_empty() {
                    return Err(EditError::EmptyText);
                }
                let index = session
                    .entry_index(&entry.id)
                    .ok_or_else(|| EditError::NoSuchEntry(entry.id.to_string()))?;
                let old = std::mem::replace(&mut session.entries[index], Arc::new(entry));
                Ok(Edit::ReplaceEntry(Arc::unwrap_or_clone(old)))
            }
            Edit::PutParticipant(p) => {
                let id = p.id.clone();
                Ok(match put(&mut session.participants, p) {
                    Some(old) => Edit::PutParticipant(old),
                    None => Edit::RemoveParticipant { id },
                })
            }
            Edit::InsertParticipant { index, participant } => {
                insert(&mut session.participants, index, participant).map(|id| Edit::RemoveParticipant { id })
            }
            Edit::RemoveParticipant { id } => {
                let (index, participant) =
                    remove(&mut session.participants, &id).ok_or_else(|| EditError::NoSuchItem(id.to_string()))?;
                Ok(Edit::InsertParticipant { index, participant })
            }
            Edit::SetPresence(changes) => {
                if let Some((id, _)) = changes
                    .iter()
                    .find(|(id, _)| !session.participants.iter().any(|p| p.id == *id))
                {
                    return Err(EditError::NoSuchItem(id.to_string()));
                }
                let mut before = Vec::with_capacity(changes.len());
                for (id, present) in changes {
                    if let Some(p) = session.participants.iter_mut().find(|p| p.id == id) {
                        before.push((id, p.present));
                        p.present = present;
                    }
                }
                Ok(Edit::SetPresence(before))
            }
            Edit::SetScore { sub, pillar, score } => {
                if let Some(s) = &score
                    && !readiness::valid_score(s.score)
                {
                    return Err(EditError::BadScore(s.score));
                }
                let at = session
                    .readiness
                    .iter()
                    .position(|s| s.sub == sub && s.pillar == pillar);
                let old = match (at, score) {
                    (Some(i), Some(new)) => Some(std::mem::replace(&mut session.readiness[i], new)),
                    (Some(i), None) => Some(session.readiness.remove(i)),
                    (None, Some(new)) => {
                        session.readiness.push(new);
                        None
                    }
                    (None, None) => None,
                };
                Ok(Edit::SetScore {
                    sub,
                    pillar,
                    score: old,
                })
            }
            Edit::PutRound(r) => {
                let id = r.id.clone();
                Ok(match put(&mut session.votes, r) {
                    Some(old) => Edit::PutRound(old),
                    None => Edit::RemoveRound { id },
                })
            }
            Edit::InsertRound { index, round } => {
                insert(&mut session.votes, index, round).map(|id| Edit::RemoveRound { id })
            }
            Edit::RemoveRound { id } => {
                let (index, round) =
                    remove(&mut session.votes, &id).ok_or_else(|| EditError::NoSuchItem(id.to_string()))?;
                Ok(Edit::InsertRound { index, round })
            }
            Edit::PutCommitment(c) => {
                let id = c.id.clone();
                Ok(match put(&mut session.commitments, c) {
                    Some(old) => Edit::PutCommitment(old),
                    None => Edit::RemoveCommitment { id },
                })
            }
            Edit::InsertCommitment { index, commitment } => {
                insert(&mut session.commitments, index, commitment).map(|id| Edit::RemoveCommitment { id })
            }
            Edit::RemoveCommitment { id } => {
                let (index, commitment) =
                    remove(&mut session.commitments, &id).ok_or_else(|| EditError::NoSuchItem(id.to_string()))?;
                Ok(Edit::InsertCommitment { index, commitment })
            }
            Edit::SetMinutes { step, minutes } => {
                if minutes == 0 || minutes > MAX_STEP_MINUTES {
                    return Err(EditError::BadMinutes(minutes));
                }
                let s = session.agenda.steps.get_mut(step).ok_or(EditError::NoSuchStep(step))?;
                let old = std::mem::replace(&mut s.minutes, minutes);
                Ok(Edit::SetMinutes { step, minutes: old })
            }
            Edit::SetTiming {
                step,
                spent_seconds,
                started,
            } => {
                let s = session.agenda.steps.get_mut(step).ok_or(EditError::NoSuchStep(step))?;
                let old_spent = std::mem::replace(&mut s.spent_seconds, spent_seconds);
                let old_started = std::mem::replace(&mut session.timer_started, started);
                Ok(Edit::SetTiming {
                    step,
                    spent_seconds: old_spent,
                    started: old_started,
                })
            }
        }
    }

    /// The entry this edit is about, so the screen can follow it after undo or redo.
    pub fn entry_id(&self) -> Option<&str> {
        match self {
            Edit::Batch(edits) => edits.iter().find_map(Edit::entry_id),
            Edit::AddEntry(e) | Edit::ReplaceEntry(e) | Edit::InsertEntry { entry: e, .. } => Some(&e.id),
            Edit::RemoveEntry { id } => Some(id),
            _ => None,
        }
    }
}

/// Applies edits in order; on a refusal, undoes those applied and returns the refusal. The
/// inverse undoes them in reverse order.
fn apply_batch(
    edits: Vec<Edit>,
    mut apply: impl FnMut(Edit, &mut Session) -> Result<Edit, EditError>,
    session: &mut Session,
) -> Result<Edit, EditError> {
    let mut done = Vec::with_capacity(edits.len());
    for edit in edits {
        match apply(edit, session) {
            Ok(inverse) => done.push(inverse),
            Err(e) => {
                for inverse in done.into_iter().rev() {
                    // Each inverse was just made from the state it restores, so it applies.
                    let _ = apply(inverse, session);
                }
                return Err(e);
            }
        }
    }
    done.reverse();
    Ok(Edit::Batch(done))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::{entry, session};

    #[test]
    fn add_then_undo_then_redo() {
        let mut s = session();
        let before = s.clone();
        let undo = Edit::AddEntry(entry("a", "Antrean KTP panjang"))
            .apply(&mut s)
            .expect("add");
        assert_eq!(s.entries.len(), before.entries.len() + 1);
        let redo = undo.apply(&mut s).expect("undo");
        assert_eq!(s, before);
        redo.apply(&mut s).expect("redo");
        assert_eq!(s.entries.last().map(|e| e.text.as_str()), Some("Antrean KTP panjang"));
    }

    #[test]
    fn remove_restores_at_the_same_place() {
        let mut s = session();
        for id in ["a", "b", "c"] {
            Edit::AddEntry(entry(id, id)).apply(&mut s).expect("add");
        }
        let before = s.clone();
        let undo = Edit::RemoveEntry { id: "b".into() }.apply(&mut s).expect("remove");
        assert_eq!(s.entries.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["a", "c"]);
        undo.apply(&mut s).expect("undo");
        assert_eq!(s, before);
    }

    #[test]
    fn replace_is_its_own_kind_of_inverse() {
        let mut s = session();
        Edit::AddEntry(entry("a", "lama")).apply(&mut s).expect("add");
        let undo = Edit::ReplaceEntry(entry("a", "baru")).apply(&mut s).expect("replace");
        assert_eq!(s.entries[0].text, "baru");
        undo.apply(&mut s).expect("undo");
        assert_eq!(s.entries[0].text, "lama");
    }

    #[test]
    fn every_kind_of_edit_undoes_exactly() {
        use crate::domain::commitment::Commitment;
        use crate::domain::readiness::Score;
        use crate::domain::vote::VoteRound;
        use crate::domain::{Participant, Role};
        let mut s = session();
        let p = Participant {
            id: "P".into(),
            name: "Ani".into(),
            institution: "Bappeda".into(),
            role: Role::Staff,
            present: true,
            from_stage: None,
            unrecorded: false,
        };
        let score = |v| Score {
            sub: "struktur.sdm".into(),
            pillar: None,
            score: v,
            note: String::new(),
            from_stage: None,
        };
        let edits = vec![
            Edit::PutParticipant(p.clone()),
            Edit::PutParticipant(Participant {
                present: false,
                ..p.clone()
            }),
            Edit::RemoveParticipant { id: "P".into() },
            Edit::SetScore {
                sub: "struktur.sdm".into(),
                pillar: None,
                score: Some(score(3)),
            },
            Edit::SetScore {
                sub: "struktur.sdm".into(),
                pillar: None,
                score: Some(score(4)),
            },
            Edit::SetScore {
                sub: "struktur.sdm".into(),
                pillar: None,
                score: None,
            },
            Edit::PutRound(VoteRound::new("R".into(), "opening".into())),
            Edit::RemoveRound { id: "R".into() },
            Edit::PutCommitment(Commitment {
                id: "C".into(),
                opd: "Bappeda".into(),
                programs: vec![],
                signer: String::new(),
                signed: None,
                note: String::new(),
            }),
            Edit::RemoveCommitment { id: "C".into() },
            Edit::SetMinutes { step: 0, minutes: 45 },
            Edit::SetTiming {
                step: 0,
                spent_seconds: 90,
                started: Some(crate::domain::test_support::now()),
            },
        ];
        for edit in edits {
            let before = s.clone();
            let undo = edit.clone().apply(&mut s).expect("applies");
            assert_ne!(s, before, "{edit:?} changed something");
            let after = s.clone();
            let redo = undo.apply(&mut s).expect("undo applies");
            assert_eq!(s, before, "undo of {edit:?}");
            redo.apply(&mut s).expect("redo applies");
            assert_eq!(s, after, "redo of {edit:?}");
        }
    }

    #[test]
    fn out_of_range_scores_and_minutes_are_refused() {
        use crate::domain::readiness::Score;
        let mut s = session();
        let before = s.clone();
        let bad = Score {
            sub: "struktur.sdm".into(),
            pillar: None,
            score: 6,
            note: String::new(),
            from_stage: None,
        };
        assert_eq!(
            Edit::SetScore {
                sub: bad.sub.clone(),
                pillar: None,
                score: Some(bad)
            }
            .apply(&mut s),
            Err(EditError::BadScore(6))
        );
        assert_eq!(
            Edit::SetMinutes { step: 0, minutes: 0 }.apply(&mut s),
            Err(EditError::BadMinutes(0))
        );
        assert_eq!(
            Edit::SetMinutes { step: 0, minutes: 1441 }.apply(&mut s),
            Err(EditError::BadMinutes(1441))
        );
        assert_eq!(
            Edit::SetMinutes { step: 99, minutes: 5 }.apply(&mut s),
            Err(EditError::NoSuchStep(99))
        );
        assert_eq!(s, before);
    }

    #[test]
    fn refused_edits_change_nothing() {
        let mut s = session();
        Edit::AddEntry(entry("a", "x")).apply(&mut s).expect("add");
        let before = s.clone();
        assert_eq!(
            Edit::AddEntry(entry("a", "y")).apply(&mut s),
            Err(EditError::DuplicateId("a".into()))
        );
        assert_eq!(
            Edit::AddEntry(entry("b", "  ")).apply(&mut s),
            Err(EditError::EmptyText)
        );
        assert!(Edit::RemoveEntry { id: "zz".into() }.apply(&mut s).is_err());
        assert!(Edit::ReplaceEntry(entry("zz", "q")).apply(&mut s).is_err());
        assert_eq!(s, before);
    }

    #[test]
    fn with_the_ids_at_hand_edits_do_what_they_do_without_and_the_ids_follow() {
        let mut plain = session();
        let mut fast = session();
        let mut ids = EntryIds::of(&fast);
        let edits = [
            Edit::AddEntry(entry("a", "Antrean KTP panjang")),
            Edit::AddEntry(entry("b", "Sinyal lemah di pulau")),
            Edit::AddEntry(entry("a", "dua kali")),
            Edit::ReplaceEntry(entry("a", "Antrean KTP sangat panjang")),
            Edit::RemoveEntry { id: "a".into() },
            Edit::InsertEntry {
                index: 0,
                entry: entry("b", "lagi"),
            },
            Edit::AddEntry(entry("c", "  ")),
        ];
        let mut undo = Vec::new();
        for edit in edits {
            let a = edit.clone().apply(&mut plain);
            let b = edit.apply_with_ids(&mut fast, &mut ids);
            assert_eq!(a, b);
            assert_eq!(plain, fast);
            assert!(ids.matches(&fast));
            undo.extend(b);
        }
        assert!(!ids.contains(&fast, "a") && ids.contains(&fast, "b"));
        while let Some(edit) = undo.pop() {
            edit.apply_with_ids(&mut fast, &mut ids).expect("undo");
            assert!(ids.matches(&fast));
        }
        assert_eq!(fast, session());
    }
}
