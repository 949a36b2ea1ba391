//! Folding breakout groups' sessions back into one. Two sessions may be merged when they come
//! from the same session: copies of one file share its `id`, and a carried-forward session names
//! its ancestors in `lineage`.
//!
//! Entries, participants, readiness scores, voting rounds and commitments are united by their
//! ids (scores by sub-aspect and pillar, ballots by entry and voter). Something that both
//! sessions have but differently is resolved by a fixed rule, the same whichever side it is on:
//! - an entry: the later edit (`updated`) is kept, and the merge reports it;
//! - a participant: present if present in either; otherwise one version, chosen by a fixed order;
//! - a voting round: ballots united, a ballot counted in both keeps the higher count; the larger
//!   budget; stacking and revealed if either says so;
//! - a score or a commitment: one version, chosen by a fixed order, and reported.
//!
//! So merging is idempotent (merging the same source twice changes nothing the second time)
//! and commutative (A into B holds what B into A holds, in the same order). Lists keep the order
//! each session recorded things in: the two lists are walked together, the earlier-recorded
//! item first. Nothing is removed: an entry deleted in one copy but kept in the other is kept,
//! since a merge cannot tell a deletion from an entry the other group never had.
//!
//! The merged session keeps the target's own title, agenda (with the source's added elements),
//! place in the agenda and lineage.

use std::collections::{HashMap, HashSet};
use std::fmt::Debug;
use std::hash::Hash;
use std::sync::Arc;

use super::commitment::Commitment;
use super::readiness::Score;
use super::vote::{Ballot, VoteRound};
use super::{ElementDef, Entry, EntryId, Participant, ParticipantId, Pillar, Session};

/// Whether the two sessions come from the same session (share an id or an ancestor).
pub fn related(a: &Session, b: &Session) -> bool {
    let origins =
        |s: &Session| -> HashSet<String> { std::iter::once(s.id.clone()).chain(s.lineage.iter().cloned()).collect() };
    !origins(a).is_disjoint(&origins(b))
}

fn ballots(s: &Session) -> u64 {
    s.votes.iter().map(|r| u64::from(r.total_votes())).sum()
}

/// Something both sessions had, differently, and what the merge kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict {
    /// The later edit was kept.
    Entry(Box<Entry>),
    Participant(Participant),
    Score(Score),
    Round(String),
    Commitment(Commitment),
}

/// What a merge did to the target.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    pub entries_added: usize,
    pub participants_added: usize,
    pub scores_added: usize,
    pub rounds_added: usize,
    pub commitments_added: usize,
    /// Votes (dots) the target did not have: ballots of new rounds, new ballots and higher counts.
    pub votes_added: u64,
    /// Items of the target that the merge changed.
    pub changed: usize,
    pub conflicts: Vec<Conflict>,
}

impl Report {
    pub fn nothing(&self) -> bool {
        self.entries_added
            + self.participants_added
            + self.scores_added
            + self.rounds_added
            + self.commitments_added
            + self.changed
            == 0
    }

    fn add(&mut self, other: Report) {
        self.entries_added += other.entries_added;
        self.participants_added += other.participants_added;
        self.scores_added += other.scores_added;
        self.rounds_added += other.rounds_added;
        self.commitments_added += other.commitments_added;
        self.votes_added += other.votes_added;
        self.changed += other.changed;
        // An item that differs in several sources is one conflict, with what was kept last.
        for c in other.conflicts {
            match self.conflicts.iter_mut().find(|k| k.key() == c.key()) {
                Some(k) => *k = c,
                None => self.conflicts.push(c),
            }
        }
    }
}

impl Conflict {
    /// Which item it is about.
    fn key(&self) -> (u8, String) {
        match self {
            Conflict::Entry(e) => (0, e.id.to_string()),
            Conflict::Participant(p) => (1, p.id.to_string()),
            Conflict::Score(s) => (2, format!("{:?}", score_key(s))),
            Conflict::Round(id) => (3, id.clone()),
            Conflict::Commitment(c) => (4, c.id.to_string()),
        }
    }
}

/// The one of two versions that a fixed order prefers, whichever side each is on.
fn greater<'a, T: Debug>(a: &'a T, b: &'a T) -> &'a T {
    if format!("{a:?}") >= format!("{b:?}") { a } else { b }
}

/// Unites two lists by key, keeping each list's order: the two are walked together and of the
/// two next items the one with the lower rank (then key) comes first; an item both lists have
/// comes where it is met first, as `join` of both versions. Symmetric in `a` and `b` as long as
/// `join` is.
fn union<T, K, R>(a: &[T], b: &[T], key: impl Fn(&T) -> K, rank: impl Fn(&T) -> R, join: impl Fn(&T, &T) -> T) -> Vec<T>
where
    T: Clone,
    K: Eq + Hash + Ord + Clone,
    R: Ord,
{
    let map = |list: &[T]| -> HashMap<K, usize> {
        let mut m = HashMap::new();
        for (i, x) in list.iter().enumerate() {
            m.entry(key(x)).or_insert(i);
        }
        m
    };
    let (ma, mb) = (map(a), map(b));
    let mut seen: HashSet<K> = HashSet::new();
    let mut out = Vec::with_capacity(a.len().max(b.len()));
    let (mut i, mut j) = (0, 0);
    loop {
        while i < a.len() && seen.contains(&key(&a[i])) {
            i += 1;
        }
        while j < b.len() && seen.contains(&key(&b[j])) {
            j += 1;
        }
        let next = match (a.get(i), b.get(j)) {
            (None, None) => break,
            (Some(x), None) => x,
            (None, Some(y)) => y,
            (Some(x), Some(y)) => {
                if (rank(x), key(x)) <= (rank(y), key(y)) {
                    x
                } else {
                    y
                }
            }
        };
        let k = key(next);
        let item = match (ma.get(&k), mb.get(&k)) {
            (Some(&x), Some(&y)) => join(&a[x], &b[y]),
            (Some(&x), None) => a[x].clone(),
            (None, Some(&y)) => b[y].clone(),
            (None, None) => next.clone(),
        };
        seen.insert(k);
        out.push(item);
    }
    out
}

fn join_entry(a: &Arc<Entry>, b: &Arc<Entry>) -> Arc<Entry> {
    match a.updated.cmp(&b.updated) {
        std::cmp::Ordering::Greater => a.clone(),
        std::cmp::Ordering::Less => b.clone(),
        std::cmp::Ordering::Equal => greater(a, b).clone(),
    }
}

/// Attendance recorded in either copy wins over attendance not yet recorded (a carried roster
/// claims nobody, so it never makes an absent person present); recorded in both, present in
/// either is present (each breakout group saw its own people).
fn join_participant(a: &Participant, b: &Participant) -> Participant {
    let (present, unrecorded) = match (a.unrecorded, b.unrecorded) {
        (true, true) => (false, true),
        (true, false) => (b.present, false),
        (false, true) => (a.present, false),
        (false, false) => (a.present || b.present, false),
    };
    let (mut x, mut y) = (a.clone(), b.clone());
    for p in [&mut x, &mut y] {
        p.present = present;
        p.unrecorded = unrecorded;
        // The first stage it was carried from, whichever copy says so.
        p.from_stage = a.from_stage.min(b.from_stage).or(a.from_stage).or(b.from_stage);
    }
    greater(&x, &y).clone()
}

fn join_ballot(a: &Ballot, b: &Ballot) -> Ballot {
    Ballot {
        count: a.count.max(b.count),
        ..a.clone()
    }
}

fn ballot_key(b: &Ballot) -> (EntryId, Option<ParticipantId>) {
    (b.entry.clone(), b.participant.clone())
}

fn join_round(a: &VoteRound, b: &VoteRound) -> VoteRound {
    VoteRound {
        id: a.id.clone(),
        step: a.step.clone().max(b.step.clone()),
        budget: a.budget.max(b.budget),
        stacking: a.stacking || b.stacking,
        revealed: a.revealed || b.revealed,
        ballots: union(&a.ballots, &b.ballots, ballot_key, ballot_key, join_ballot),
    }
}

fn score_key(s: &Score) -> (String, Option<Pillar>) {
    (s.sub.clone(), s.pillar)
}

/// Returns how many items `merged` added to `target`; counts the changed ones and the ones
/// `target` and `source` had differently into `report`.
fn tally<T: Clone + PartialEq, K: Eq + Hash>(
    target: &[T],
    source: &[T],
    merged: &[T],
    key: impl Fn(&T) -> K,
    conflict: impl Fn(&T) -> Conflict,
    same: impl Fn(&T, &T) -> bool,
    report: &mut Report,
) -> usize {
    let mut added = 0;
    let before: HashMap<K, &T> = target.iter().map(|x| (key(x), x)).collect();
    let theirs: HashMap<K, &T> = source.iter().map(|x| (key(x), x)).collect();
    for m in merged {
        let k = key(m);
        match before.get(&k) {
            None => added += 1,
            Some(old) => {
                if *old != m {
                    report.changed += 1;
                }
                if theirs.get(&k).is_some_and(|s| !same(s, old)) {
                    report.conflicts.push(conflict(m));
                }
            }
        }
    }
    added
}

/// `source` folded into `target`. Whether the two may be merged at all (see [`related`]) is
/// the caller's question.
pub fn merge(target: &Session, source: &Session) -> (Session, Report) {
    let mut merged = target.clone();
    merged.entries = union(
        &target.entries,
        &source.entries,
        |e| e.id.clone(),
        |e| e.created,
        join_entry,
    );
    merged.participants = union(
        &target.participants,
        &source.participants,
        |p| p.id.clone(),
        |p| p.id.clone(),
        join_participant,
    );
    merged.readiness = union(&target.readiness, &source.readiness, score_key, score_key, |a, b| {
        greater(a, b).clone()
    });
    merged.votes = union(
        &target.votes,
        &source.votes,
        |r| r.id.clone(),
        |r| r.id.clone(),
        join_round,
    );
    merged.commitments = union(
        &target.commitments,
        &source.commitments,
        |c| c.id.clone(),
        |c| c.id.clone(),
        |a, b| greater(a, b).clone(),
    );
    merged.agenda.elements = union(
        &target.agenda.elements,
        &source.agenda.elements,
        |e: &ElementDef| e.code.clone(),
        |e: &ElementDef| e.code.clone(),
        |a, b| greater(a, b).clone(),
    );
    merged.updated = target.updated.max(source.updated);

    let mut report = Report::default();
    report.entries_added = tally(
        &target.entries,
        &source.entries,
        &merged.entries,
        |e| e.id.clone(),
        |e| Conflict::Entry(Box::new(Entry::clone(e))),
        |a, b| {
            Entry {
                from_stage: None,
                ..Entry::clone(a)
            } == Entry {
                from_stage: None,
                ..Entry::clone(b)
            }
        },
        &mut report,
    );
    report.participants_added = tally(
        &target.participants,
        &source.participants,
        &merged.participants,
        |p| p.id.clone(),
        |p| Conflict::Participant(p.clone()),
        // Attendance is joined, not a conflict; nor is the stage a copy was carried from.
        |a, b| (&a.name, &a.institution, a.role) == (&b.name, &b.institution, b.role),
        &mut report,
    );
    report.scores_added = tally(
        &target.readiness,
        &source.readiness,
        &merged.readiness,
        score_key,
        |s| Conflict::Score(s.clone()),
        |a, b| (a.score, &a.note) == (b.score, &b.note),
        &mut report,
    );
    report.rounds_added = tally(
        &target.votes,
        &source.votes,
        &merged.votes,
        |r| r.id.to_string(),
        |r| Conflict::Round(r.id.to_string()),
        |a, b| a == b,
        &mut report,
    );
    report.commitments_added = tally(
        &target.commitments,
        &source.commitments,
        &merged.commitments,
        |c| c.id.clone(),
        |c| Conflict::Commitment(c.clone()),
        |a, b| a == b,
        &mut report,
    );
    // Ballots are united keeping the higher count, so the merged total never falls.
    report.votes_added = ballots(&merged).saturating_sub(ballots(target));
    (merged, report)
}

/// Several sources folded into `target` one after the other, with one report for all.
pub fn merge_all<'a>(target: &Session, sources: impl IntoIterator<Item = &'a Session>) -> (Session, Report) {
    let mut merged = target.clone();
    let mut report = Report::default();
    for s in sources {
        let (next, r) = merge(&merged, s);
        merged = next;
        report.add(r);
    }
    (merged, report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::{entry, now, session};

    fn fork() -> (Session, Session) {
        let mut base = session();
        base.entries.push(entry("E0", "shared").into());
        (base.clone(), base)
    }

    #[test]
    fn entries_of_both_groups_are_kept_in_recording_order() {
        let (mut a, mut b) = fork();
        let later = now() + time::Duration::minutes(5);
        let mut x = entry("EA", "group A");
        x.created = later;
        a.entries.push(x.into());
        let mut y = entry("EB", "group B");
        y.created = later + time::Duration::minutes(1);
        b.entries.push(y.into());
        let (m, report) = merge(&a, &b);
        let ids: Vec<&str> = m.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["E0", "EA", "EB"]);
        assert_eq!(report.entries_added, 1);
        assert!(report.conflicts.is_empty());
        let (m2, _) = merge(&b, &a);
        assert_eq!(m2.entries, m.entries);
    }

    #[test]
    fn the_later_edit_wins_and_is_reported() {
        let (mut a, mut b) = fork();
        Arc::make_mut(&mut a.entries[0]).text = "edited in A".into();
        Arc::make_mut(&mut a.entries[0]).updated = now() + time::Duration::minutes(1);
        Arc::make_mut(&mut b.entries[0]).text = "edited in B".into();
        Arc::make_mut(&mut b.entries[0]).updated = now() + time::Duration::minutes(2);
        let (m, report) = merge(&a, &b);
        assert_eq!(m.entries[0].text, "edited in B");
        assert_eq!(report.changed, 1);
        assert!(matches!(&report.conflicts[..], [Conflict::Entry(e)] if e.text == "edited in B"));
        let (m2, _) = merge(&b, &a);
        assert_eq!(m2.entries, m.entries);
    }

    #[test]
    fn an_entry_edited_in_two_groups_is_one_conflict_showing_what_was_kept() {
        let (plenary, mut one) = fork();
        let mut two = plenary.clone();
        Arc::make_mut(&mut one.entries[0]).text = "edited by group 1".into();
        Arc::make_mut(&mut one.entries[0]).updated = now() + time::Duration::minutes(1);
        Arc::make_mut(&mut two.entries[0]).text = "edited by group 2".into();
        Arc::make_mut(&mut two.entries[0]).updated = now() + time::Duration::minutes(2);
        let (m, report) = merge_all(&plenary, [&one, &two]);
        assert_eq!(m.entries[0].text, "edited by group 2");
        assert!(
            matches!(&report.conflicts[..], [Conflict::Entry(e)] if e.text == "edited by group 2"),
            "{:?}",
            report.conflicts
        );
    }

    #[test]
    fn merging_twice_changes_nothing_the_second_time() {
        let (mut a, mut b) = fork();
        a.entries.push(entry("EA", "a").into());
        b.entries.push(entry("EB", "b").into());
        let (once, _) = merge(&a, &b);
        let (twice, report) = merge(&once, &b);
        assert_eq!(twice, once);
        assert!(report.nothing());
        assert_eq!(merge(&a, &a).0, a);
    }

    #[test]
    fn ballots_are_united_and_attendance_is_kept() {
        let (mut a, mut b) = fork();
        let p = Participant {
            id: "P".into(),
            name: "Ani".into(),
            institution: String::new(),
            role: crate::domain::Role::Staff,
            present: false,
            from_stage: None,
            unrecorded: false,
        };
        a.participants.push(p.clone());
        b.participants.push(Participant { present: true, ..p });
        let mut r = VoteRound::new("R".into(), "review".into());
        a.votes.push(r.clone());
        r.ballots.push(Ballot {
            entry: "E0".into(),
            participant: Some("P".into()),
            count: 1,
        });
        b.votes.push(r);
        let (m, report) = merge(&a, &b);
        assert!(m.participants[0].present);
        assert_eq!(m.votes[0].total_votes(), 1);
        assert_eq!(report.votes_added, 1, "the ballot B cast comes in");
        assert_eq!(merge(&m, &b).1.votes_added, 0, "and only once");
    }

    #[test]
    fn relatedness_follows_ids_and_lineage() {
        let a = session();
        let mut b = session();
        assert!(related(&a, &b), "copies share the id");
        b.id = "OTHER".into();
        assert!(!related(&a, &b));
        b.lineage = vec![a.id.clone()];
        assert!(related(&a, &b), "b was carried forward from a");
        let mut c = session();
        c.id = "THIRD".into();
        c.lineage = vec![a.id.clone()];
        assert!(related(&b, &c), "siblings share an ancestor");
    }
}
