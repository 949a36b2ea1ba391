//! The ids of a session's entries, kept beside the session so that adding an entry need not
//! compare its id with every other one: at 100,000 entries that comparison alone costs more
//! than the rest of the keystroke and its frame together.
//!
//! Only hashes are kept (counted, as two ids could share one), which makes the set quick to build
//! when a large session is first edited: the hashes are sorted and the tree built from them in
//! one go (a hash table of 100,000 ids takes twice as long). An id whose hash is absent is new for
//! certain; one whose hash is present is looked for among the entries.

use std::collections::BTreeMap;
use std::hash::BuildHasher;

use foldhash::fast::FixedState;

use super::Session;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntryIds {
    /// Each hash and how many entries have it.
    hashes: BTreeMap<u64, u32>,
}

/// A fast hash with a fixed seed: ids are not chosen by an adversary, and a collision only costs
/// a look among the entries.
fn hash(id: &str) -> u64 {
    FixedState::default().hash_one(id)
}

impl EntryIds {
    pub fn of(session: &Session) -> EntryIds {
        let mut sorted: Vec<u64> = session.entries.iter().map(|e| hash(&e.id)).collect();
        sorted.sort_unstable();
        let mut counted: Vec<(u64, u32)> = Vec::with_capacity(sorted.len());
        for h in sorted {
            match counted.last_mut() {
                Some((last, n)) if *last == h => *n += 1,
                _ => counted.push((h, 1)),
            }
        }
        EntryIds {
            hashes: counted.into_iter().collect(),
        }
    }

    /// Whether the session has an entry with this id.
    pub fn contains(&self, session: &Session, id: &str) -> bool {
        self.hashes.contains_key(&hash(id)) && session.entry_index(id).is_some()
    }

    pub(super) fn insert(&mut self, id: &str) {
        *self.hashes.entry(hash(id)).or_insert(0) += 1;
    }

    pub(super) fn remove(&mut self, id: &str) {
        let h = hash(id);
        if let Some(n) = self.hashes.get_mut(&h) {
            *n -= 1;
            if *n == 0 {
                self.hashes.remove(&h);
            }
        }
    }

    /// Whether these are exactly the session's ids (what the quick path relies on).
    pub fn matches(&self, session: &Session) -> bool {
        *self == EntryIds::of(session)
    }
}
