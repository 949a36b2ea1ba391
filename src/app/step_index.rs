//! What the session screen keeps so that a frame costs what a screenful costs: each step's
//! headings and rows, and the summary's counts. Both are built on first use and then carried
//! through each edit (an entry inserted, removed or replaced) rather than built again.

use crate::domain::grouping::{self, Group, GroupKey};
use crate::domain::{Edit, Entry, Kind, Pillar, Session, Step};
use crate::template::catalog;

/// What an edit did to the entries, as far as the indexes care.
#[derive(Debug, Clone, Copy)]
pub enum EntryChange<'a> {
    /// Nothing (the edit was not about entries).
    None,
    /// An entry now at this place, the ones from there on moved up one.
    Inserted(usize),
    /// The entry that was at this place is gone, the ones after it moved down one.
    Removed { index: usize, old: &'a Entry },
    /// The entry at this place was `old` before.
    Replaced { index: usize, old: &'a Entry },
}

impl<'a> EntryChange<'a> {
    /// Read off an applied edit: where it inserted (known before applying it), and its inverse.
    pub fn of(inserted_at: Option<usize>, inverse: &'a Edit, session: &Session) -> EntryChange<'a> {
        if let Some(index) = inserted_at {
            return EntryChange::Inserted(index);
        }
        match inverse {
            Edit::InsertEntry { index, entry } => EntryChange::Removed {
                index: *index,
                old: entry,
            },
            Edit::ReplaceEntry(old) => match session.entry_index(&old.id) {
                Some(index) => EntryChange::Replaced { index, old },
                None => EntryChange::None,
            },
            // A batch changes at most one entry (an idea accepted, or that undone).
            Edit::Batch(edits) => edits
                .iter()
                .map(|e| EntryChange::of(None, e, session))
                .find(|c| !matches!(c, EntryChange::None))
                .unwrap_or(EntryChange::None),
            _ => EntryChange::None,
        }
    }

    /// Where an edit will insert an entry, if it inserts one (`len`: entries before it).
    pub fn insertion(edit: &Edit, len: usize) -> Option<usize> {
        match edit {
            Edit::AddEntry(_) => Some(len),
            Edit::InsertEntry { index, .. } => Some((*index).min(len)),
            Edit::Batch(edits) => edits.iter().find_map(|e| EntryChange::insertion(e, len)),
            _ => None,
        }
    }

    /// The entry the cursor should go to after the edit, if any is left.
    pub fn index(&self) -> Option<usize> {
        match *self {
            EntryChange::Inserted(index) | EntryChange::Replaced { index, .. } => Some(index),
            EntryChange::None | EntryChange::Removed { .. } => None,
        }
    }

    /// How many entries the session had before the edit, given how many it has now.
    pub(super) fn before(&self, now: usize) -> usize {
        match self {
            EntryChange::Inserted(_) => now.saturating_sub(1),
            EntryChange::Removed { .. } => now + 1,
            EntryChange::None | EntryChange::Replaced { .. } => now,
        }
    }
}

/// One line of the step's list: a heading or an entry under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Header(usize),
    Entry { group: usize, index: usize },
}

pub fn rows(groups: &[Group]) -> Vec<Row> {
    let mut rows = Vec::with_capacity(groups.len() + groups.iter().map(|g| g.entries.len()).sum::<usize>());
    for (gi, g) in groups.iter().enumerate() {
        rows.push(Row::Header(gi));
        rows.extend(g.entries.iter().map(|&index| Row::Entry { group: gi, index }));
    }
    rows
}

/// One step's headings and the entries under them, as the rows of its list. Each step's is built
/// on first use and kept, and each edit of an entry is carried into it (see [`EntryChange`]), so
/// moving, typing, drawing, editing and changing step cost what a screenful costs however big
/// the session is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepIndex {
    pub(super) stamp: Stamp,
    pub groups: Vec<Group>,
    /// The row of each group's heading, then the number of rows.
    starts: Vec<usize>,
}

/// What an index was built from. A session changed behind the screen's back (not through
/// `apply` and not followed by `refresh`) no longer matches, and its index is built afresh.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    pub(super) entries: usize,
    buffer: usize,
    steps: usize,
}

impl Stamp {
    pub(super) fn of(s: &Session) -> Stamp {
        Stamp {
            entries: s.entries.len(),
            buffer: s.entries.as_ptr() as usize,
            steps: s.agenda.steps.len(),
        }
    }
}

impl StepIndex {
    /// The index of the session's step `step` (none: an empty list).
    pub fn build(session: &Session, step: usize) -> StepIndex {
        let groups = match session.agenda.steps.get(step) {
            Some(step) => grouping::groups(step, session, catalog()),
            None => Vec::new(),
        };
        StepIndex::new(session, groups)
    }

    /// An index of groups made elsewhere.
    pub fn new(session: &Session, groups: Vec<Group>) -> StepIndex {
        let mut starts = Vec::with_capacity(groups.len() + 1);
        let mut at = 0;
        for g in &groups {
            starts.push(at);
            at += 1 + g.entries.len();
        }
        starts.push(at);
        StepIndex {
            stamp: Stamp::of(session),
            groups,
            starts,
        }
    }

    /// The number of rows: headings and entries.
    pub fn len(&self) -> usize {
        self.starts.last().copied().unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Row `row` of the list, as `rows(&self.groups)[row]` would give it.
    pub fn row(&self, row: usize) -> Option<Row> {
        if row >= self.len() {
            return None;
        }
        let group = self.starts.partition_point(|&s| s <= row).checked_sub(1)?;
        let start = self.starts[group];
        if row == start {
            return Some(Row::Header(group));
        }
        let index = *self.groups.get(group)?.entries.get(row - start - 1)?;
        Some(Row::Entry { group, index })
    }

    /// The row that shows entry `index`, if the step shows it.
    pub fn row_of(&self, index: usize) -> Option<usize> {
        self.groups
            .iter()
            .zip(&self.starts)
            .find_map(|(g, start)| g.entries.binary_search(&index).ok().map(|k| start + 1 + k))
    }

    /// The heading and entry at a row; past the end, the first heading.
    pub fn at(&self, row: usize) -> (Option<&GroupKey>, Option<usize>) {
        match self.row(row) {
            Some(Row::Header(g)) => (self.groups.get(g).map(|g| &g.key), None),
            Some(Row::Entry { group, index }) => (self.groups.get(group).map(|g| &g.key), Some(index)),
            None => (self.groups.first().map(|g| &g.key), None),
        }
    }

    /// Carries one edit of an entry into the index. `session` is the session after the edit,
    /// `step` the index's step.
    pub(super) fn apply(&mut self, change: &EntryChange<'_>, session: &Session, step: usize) {
        let Some(step) = session.agenda.steps.get(step) else {
            return;
        };
        match *change {
            EntryChange::None => {}
            EntryChange::Inserted(index) => {
                self.shift(index, true);
                self.place(session, step, index);
            }
            EntryChange::Removed { index, .. } => {
                self.unplace(index);
                self.shift(index, false);
            }
            EntryChange::Replaced { index, .. } => {
                self.unplace(index);
                self.place(session, step, index);
            }
        }
        self.stamp = Stamp::of(session);
    }

    /// Entries from `from` on move one place up (an entry was inserted before them) or down
    /// (the one before them was removed).
    fn shift(&mut self, from: usize, up: bool) {
        for g in &mut self.groups {
            let first = g.entries.partition_point(|&i| i < from);
            for i in &mut g.entries[first..] {
                if up {
                    *i += 1;
                } else {
                    *i -= 1;
                }
            }
        }
    }

    /// Takes entry `index` out of whichever group holds it.
    fn unplace(&mut self, index: usize) {
        for (g, group) in self.groups.iter_mut().enumerate() {
            if let Ok(k) = group.entries.binary_search(&index) {
                group.entries.remove(k);
                for start in &mut self.starts[g + 1..] {
                    *start -= 1;
                }
                return;
            }
        }
    }

    /// Puts entry `index` under its heading, if this step shows it.
    fn place(&mut self, session: &Session, step: &Step, index: usize) {
        let Some(e) = session.entries.get(index) else {
            return;
        };
        let keys: Vec<GroupKey> = self.groups.iter().map(|g| g.key.clone()).collect();
        if let Some(g) = grouping::key_for(step, &keys, e) {
            let entries = &mut self.groups[g].entries;
            let k = entries.partition_point(|&i| i < index);
            entries.insert(k, index);
            for start in &mut self.starts[g + 1..] {
                *start += 1;
            }
        }
    }
}

/// Entries counted by pillar (in `Pillar::ALL` order) and kind (in `Kind::ALL` order), and those
/// of no pillar by kind: what the summary step shows. Kept like the step indexes, so a frame of
/// the summary does not count the whole session again.
/// How many kinds of entry there are: the counts' width.
pub const KINDS: usize = Kind::ALL.len();

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindCounts {
    pub(super) stamp: Stamp,
    pub per_pillar: [[usize; KINDS]; 6],
    pub other: [usize; KINDS],
}

impl KindCounts {
    pub fn count(session: &Session) -> KindCounts {
        let mut c = KindCounts {
            stamp: Stamp::of(session),
            per_pillar: [[0; KINDS]; 6],
            other: [0; KINDS],
        };
        for e in &session.entries {
            c.add(e);
        }
        c
    }

    fn add(&mut self, e: &Entry) {
        *self.cell(e) += 1;
    }

    fn cell(&mut self, e: &Entry) -> &mut usize {
        let k = Kind::ALL.iter().position(|x| *x == e.kind).unwrap_or(0);
        match e.pillar.and_then(|p| Pillar::ALL.iter().position(|x| *x == p)) {
            Some(p) => &mut self.per_pillar[p][k],
            None => &mut self.other[k],
        }
    }

    /// Carries one edit of an entry into the counts (`session` as after the edit).
    pub(super) fn apply(&mut self, change: &EntryChange<'_>, session: &Session) {
        match *change {
            EntryChange::None => {}
            EntryChange::Inserted(index) => {
                if let Some(e) = session.entries.get(index) {
                    self.add(e);
                }
            }
            EntryChange::Removed { old, .. } => {
                let c = self.cell(old);
                *c = c.saturating_sub(1);
            }
            EntryChange::Replaced { index, old } => {
                let c = self.cell(old);
                *c = c.saturating_sub(1);
                if let Some(e) = session.entries.get(index) {
                    self.add(e);
                }
            }
        }
        self.stamp = Stamp::of(session);
    }

    /// The counts without what they were made from, to compare.
    pub fn table(&self) -> ([[usize; KINDS]; 6], [usize; KINDS]) {
        (self.per_pillar, self.other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::{entry, session};

    fn program(id: &str, pillar: Pillar, element: Option<&str>) -> Entry {
        let mut e = entry(id, id);
        e.kind = Kind::Program;
        e.pillar = Some(pillar);
        e.element = element.map(str::to_string);
        e
    }

    /// Every step's index and the counts, carried through `edit`, against building them afresh.
    fn check(s: &mut Session, indexes: &mut [StepIndex], counts: &mut KindCounts, edit: Edit) -> Edit {
        let inserted_at = EntryChange::insertion(&edit, s.entries.len());
        let inverse = edit.apply(s).expect("edit");
        let change = EntryChange::of(inserted_at, &inverse, s);
        for (step, index) in indexes.iter_mut().enumerate() {
            index.apply(&change, s, step);
            assert_eq!(*index, StepIndex::build(s, step), "step {step} after {change:?}");
        }
        counts.apply(&change, s);
        assert_eq!(counts.table(), KindCounts::count(s).table(), "counts after {change:?}");
        inverse
    }

    #[test]
    fn edits_carried_into_the_indexes_give_what_building_them_afresh_gives() {
        let mut s = session();
        let code = crate::template::catalog()
            .pillar(Pillar::Governance)
            .expect("pillar")
            .elements[0]
            .code
            .clone();
        for (i, p) in [Pillar::Governance, Pillar::Living, Pillar::Governance, Pillar::Living]
            .into_iter()
            .enumerate()
        {
            s.entries.push(program(&format!("p{i}"), p, None).into());
        }
        let mut indexes: Vec<StepIndex> = (0..s.agenda.steps.len()).map(|st| StepIndex::build(&s, st)).collect();
        let mut counts = KindCounts::count(&s);
        let mut undo = vec![
            // Added at the end, then moved to another heading and another pillar.
            check(
                &mut s,
                &mut indexes,
                &mut counts,
                Edit::AddEntry(program("n", Pillar::Governance, None)),
            ),
            check(
                &mut s,
                &mut indexes,
                &mut counts,
                Edit::ReplaceEntry(program("n", Pillar::Governance, Some(&code))),
            ),
            check(
                &mut s,
                &mut indexes,
                &mut counts,
                Edit::ReplaceEntry(program("p1", Pillar::Governance, None)),
            ),
            // Removed from the middle: the ones after it move down.
            check(&mut s, &mut indexes, &mut counts, Edit::RemoveEntry { id: "p2".into() }),
            // Inserted at the front: every other one moves up.
            check(
                &mut s,
                &mut indexes,
                &mut counts,
                Edit::InsertEntry {
                    index: 0,
                    entry: program("f", Pillar::Living, None),
                },
            ),
            // Not about entries: nothing moves.
            check(
                &mut s,
                &mut indexes,
                &mut counts,
                Edit::SetMinutes { step: 0, minutes: 45 },
            ),
        ];
        while let Some(edit) = undo.pop() {
            check(&mut s, &mut indexes, &mut counts, edit);
        }
        assert_eq!(s.entries.len(), 4);
    }
}
