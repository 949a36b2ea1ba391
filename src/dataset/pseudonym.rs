//! Pseudonyms for people's names: a keyed hash, keyed per masterplan. The same name gives the
//! same pseudonym in every stage of one region's masterplan (so a person's contributions link
//! across Bimtek I–IV) and a different one in any other masterplan (so people cannot be followed
//! across regions).
//!
//! The key is derived from the masterplan's id (the first session's id), which the dataset
//! itself shows. This is pseudonymisation, not anonymity: whoever has a session file or guesses
//! a name and knows the masterplan id can compute the pseudonym. It keeps names out of sight in
//! tables passed around; it is no protection against someone set on finding a person.

use siphasher::sip128::{Hasher128, SipHasher24};
use std::hash::Hasher;

/// Fixed, so that pseudonyms do not change between bimtek versions.
const DERIVE: (u64, u64) = (0x6269_6d74_656b_2d64, 0x6174_6173_6574_2d31);

pub struct Pseudonyms {
    key: (u64, u64),
}

impl Pseudonyms {
    pub fn new(masterplan_id: &str) -> Pseudonyms {
        let mut h = SipHasher24::new_with_keys(DERIVE.0, DERIVE.1);
        h.write(masterplan_id.as_bytes());
        let k = h.finish128();
        Pseudonyms { key: (k.h1, k.h2) }
    }

    /// 16 hex digits for a name. Case and spacing do not matter: "Ani  Lolaro" and "ani lolaro"
    /// are one person.
    pub fn of(&self, name: &str) -> String {
        let normal = name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        let mut h = SipHasher24::new_with_keys(self.key.0, self.key.1);
        h.write(normal.as_bytes());
        format!("{:016x}", h.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_name_links_within_a_masterplan_only() {
        let a = Pseudonyms::new("01MASTERPLANA");
        let b = Pseudonyms::new("01MASTERPLANB");
        assert_eq!(a.of("Ani Lolaro"), a.of("  ani   LOLARO "));
        assert_ne!(a.of("Ani Lolaro"), a.of("Deky Tawaris"));
        assert_ne!(a.of("Ani Lolaro"), b.of("Ani Lolaro"));
        assert_eq!(a.of("Ani Lolaro").len(), 16);
        assert!(!a.of("Ani Lolaro").contains("ani"));
        // Pinned: a pseudonym must not change between versions, or datasets made at different
        // times would no longer link.
        assert_eq!(a.of("Ani Lolaro"), "27e36f1a4f92d3d9");
    }
}
