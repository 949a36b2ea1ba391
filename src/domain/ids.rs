//! Ids of entries, participants, voting rounds and commitments: ULIDs, so breakout groups'
//! sessions merge without collisions, each of its own type.
//! The random part comes from a generator seeded once by the shell, which keeps `update` (and
//! every other caller: import, the CLI) deterministic. Part of the domain: ids are data, not UI.

use time::OffsetDateTime;
use ulid::Ulid;

#[derive(Debug, Clone)]
pub struct IdGen {
    state: u64,
}

impl IdGen {
    pub fn new(seed: u64) -> IdGen {
        IdGen { state: seed }
    }

    fn next_u64(&mut self) -> u64 {
        // splitmix64: small, fast and well mixed, which is all an id needs.
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A new id of whichever type the caller needs (or a plain `String`).
    pub fn next<I: From<String>>(&mut self, now: OffsetDateTime) -> I {
        let ms = u64::try_from(now.unix_timestamp_nanos() / 1_000_000).unwrap_or(0);
        let random = (u128::from(self.next_u64()) << 64 | u128::from(self.next_u64())) & ((1 << 80) - 1);
        Ulid::from_parts(ms, random).to_string().into()
    }
}

/// Declares an id type: a string on disk (a ULID for new ids; older files and imports may carry
/// any text), a type of its own in code, so that an entry's id cannot be passed where a
/// participant's is meant. Reading it as `&str` stays easy (`Deref`), which the screens, the
/// exports and the file writer do everywhere.
macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn new(id: impl Into<String>) -> $name {
                $name(id.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> $name {
                $name(id)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> $name {
                $name(id.to_string())
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
            }
        }

        impl PartialEq<$name> for str {
            fn eq(&self, other: &$name) -> bool {
                self == other.0
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }

        impl PartialEq<$name> for String {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }
    };
}

typed_id!(
    /// An entry: a problem, potential, program idea, SWOT item, vision or note.
    EntryId
);
typed_id!(
    /// A person on the roster.
    ParticipantId
);
typed_id!(
    /// A voting round.
    RoundId
);
typed_id!(
    /// An OPD's commitment (Bimtek IV).
    CommitmentId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_sort_by_time() {
        let mut g = IdGen::new(7);
        let t = time::macros::datetime!(2021-09-07 09:00 UTC);
        let a: String = g.next(t);
        let b: String = g.next(t);
        let c: String = g.next(t + time::Duration::seconds(1));
        assert_ne!(a, b);
        assert!(a.len() == 26 && c > a && c > b);
    }

    #[test]
    fn typed_ids_are_plain_strings_in_the_file() {
        let id = EntryId::new("01FEYS0000ENTRY00000000001");
        assert_eq!(
            ron::to_string(&id).expect("serialises"),
            "\"01FEYS0000ENTRY00000000001\""
        );
        let back: ParticipantId = ron::from_str("\"P-7\"").expect("reads a plain string");
        assert_eq!(back, "P-7");
        assert_eq!(back.to_string(), "P-7");
    }
}
