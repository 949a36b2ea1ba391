//! The ids of a session's entries, kept beside the session so that adding an entry need not
//! compare its id with every other one: at 100,000 entries that comparison alone costs more
//! than the rest of the keystroke and its frame together.
//!
//! Only hashes are kept, sorted, which makes the set quick to build when a large session is first
//! edited (a hash table of 100,000 ids takes several times longer): an id whose hash is absent is
//! new for certain; one whose hash is present is looked for among the entries.

use std::hash::BuildHasher;

use foldhash::fast::FixedState;

use super::Session;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntryIds {
    /// Sorted; a hash appears once per entry that has it.
    hashes: Vec<u64>,
}

/// A fast hash with a fixed seed: ids are not chosen by an adversary, and a collision only costs
/// a look among the entries.
fn hash(id: &str) -> u64 {
    FixedState::default().hash_one(id)
}

impl EntryIds {
    pub fn of(session: &Session) -> EntryIds {
        let mut hashes: Vec<u64> = session.entries.iter().map(|e| hash(&e.id)).collect();
        hashes.sort_unstable();
        EntryIds { hashes }
    }

    /// Whether the session has an entry with this id.
    pub fn contains(&self, session: &Session, id: &str) -> bool {
        self.hashes.binary_search(&hash(id)).is_ok() && session.entry_index(id).is_some()
    }

    pub(super) fn insert(&mut self, id: &str) {
        let h = hash(id);
        let at = self.hashes.partition_point(|&x| x < h);
        self.hashes.insert(at, h);
    }

    pub(super) fn remove(&mut self, id: &str) {
        if let Ok(at) = self.hashes.binary_search(&hash(id)) {
            self.hashes.remove(at);
        }
    }

    /// Whether these are exactly the session's ids (what the quick path relies on).
    pub fn matches(&self, session: &Session) -> bool {
        *self == EntryIds::of(session)
    }
}
